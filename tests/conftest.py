"""Shared fixtures: a temporary data directory, a service over it, the scenario HTTP server.

No test reads ../shared: every fixture is the project's own, under tests/fixtures/.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

pytest_plugins = ["tests.support.fixtures"]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own data and config location; nothing touches the user's files."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BRIEF_TUI_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("BRIEF_TUI_CONFIG", str(base / "config" / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(base / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(base / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)
    monkeypatch.delenv("https_proxy", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    yield


class FakeClock:
    """A settable UTC clock for the service (``clock.advance(seconds)``)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 29, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now = self.now + timedelta(seconds=seconds)


@pytest.fixture
def clock() -> FakeClock:
    """A fake clock starting 2026-11-29 09:00 UTC."""
    return FakeClock()


@pytest.fixture
def service(tmp_path, clock):
    """A :class:`Service` over a fresh cache in ``tmp_path`` with default config and fast
    timeouts, using the fake clock."""
    from brief_tui.config import Config
    from brief_tui.service import Service
    from brief_tui.store import Store

    cfg = Config()
    cfg.fetch.connect_timeout = 2.0
    cfg.fetch.read_timeout = 2.0
    cfg.fetch.deadline = 4.0
    svc = Service(Store(tmp_path / "brief.db"), cfg, clock=clock)
    yield svc
    svc.close()


def fixture_bytes(*parts: str) -> bytes:
    """Bytes of a file under tests/fixtures/."""
    return FIXTURES.joinpath(*parts).read_bytes()


os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
