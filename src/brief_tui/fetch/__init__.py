"""Fetch layer: HTTP GET of feeds and article pages with httpx, as raw bytes.

Public API (stable; ``brief_tui.service`` is the only caller)::

    from brief_tui.fetch import (Fetcher, FetchSettings, Validators, FetchResult,
                                 parse_retry_after, FEED_ACCEPT, PAGE_ACCEPT)

- :class:`Fetcher` — async context manager; ``await fetcher.fetch(url, validators)`` and
  ``await fetcher.fetch_page(url)``; raises :class:`brief_tui.domain.errors.FetchError`.
- :class:`FetchSettings` — ``FetchSettings.from_config(config.fetch)``.
- :class:`Validators`, :class:`FetchResult` — see :mod:`brief_tui.fetch.settings`.
- :func:`parse_retry_after` — pure ``Retry-After`` parser (seconds, capped at 24 h).

``Fetcher`` is imported lazily so that importing settings does not load httpx. This package
never imports textual or rich, and never touches ``file://`` URLs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from brief_tui.fetch.retry import parse_retry_after
from brief_tui.fetch.settings import (
    DEFAULT_RETRY_AFTER, DEFAULT_USER_AGENT, FEED_ACCEPT, MAX_RETRY_AFTER, PAGE_ACCEPT,
    FetchResult, FetchSettings, Validators,
)

if TYPE_CHECKING:
    from brief_tui.fetch.client import Fetcher

__all__ = [
    "DEFAULT_RETRY_AFTER", "DEFAULT_USER_AGENT", "FEED_ACCEPT", "MAX_RETRY_AFTER",
    "PAGE_ACCEPT", "FetchResult", "FetchSettings", "Fetcher", "Validators", "parse_retry_after",
]


def __getattr__(name: str) -> Any:
    if name == "Fetcher":
        from brief_tui.fetch.client import Fetcher

        return Fetcher
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
