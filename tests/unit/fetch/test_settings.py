"""FetchSettings from the [fetch] config table, and the layer's import hygiene."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from brief_tui import __version__
from brief_tui.config import FetchConfig
from brief_tui.fetch import DEFAULT_USER_AGENT, FetchSettings


def test_defaults_match_the_config_defaults() -> None:
    assert FetchSettings.from_config(FetchConfig()) == FetchSettings(
        concurrency=16, per_host=4, connect_timeout=10.0, read_timeout=20.0, deadline=30.0,
        max_body_bytes=20 * 1024 * 1024, max_redirects=10, user_agent=DEFAULT_USER_AGENT)


def test_default_user_agent() -> None:
    assert DEFAULT_USER_AGENT == f"brief-tui/{__version__} (+https://example.org/brief-tui)"


def test_from_config_copies_every_field() -> None:
    cfg = FetchConfig(concurrency=8, per_host=2, connect_timeout=1.0, read_timeout=2.0,
                      deadline=3.0, max_body_bytes=1000, max_redirects=3,
                      user_agent=" custom/1 ")
    assert FetchSettings.from_config(cfg) == FetchSettings(8, 2, 1.0, 2.0, 3.0, 1000, 3,
                                                           "custom/1")


def test_from_config_keeps_counts_sane() -> None:
    settings = FetchSettings.from_config(FetchConfig(concurrency=0, per_host=9))
    assert (settings.concurrency, settings.per_host) == (1, 1)


def test_zero_concurrency_is_refused() -> None:
    with pytest.raises(ValueError):
        FetchSettings(concurrency=0)


def test_importing_settings_loads_neither_httpx_nor_the_ui() -> None:
    # httpx itself imports rich (for its own command line, httpx._main) when rich is
    # installed, so once the client is loaded only textual can be checked.
    code = ("import sys, brief_tui.fetch; "
            "print(sorted(m for m in ('httpx', 'textual', 'rich') if m in sys.modules)); "
            "import brief_tui.fetch.client; "
            "print('textual' in sys.modules)")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=env).stdout.split("\n")
    assert out[:2] == ["[]", "False"]
