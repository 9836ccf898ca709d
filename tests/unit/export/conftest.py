"""Builders for export tests: hand-made stories and highlights (no extractor, no store)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from brief_tui.domain.models import Highlight, Story

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "export"
UPDATE = os.environ.get("BRIEF_TUI_UPDATE_EXPORT_FIXTURES") == "1"


def story(id: int = 42, title: str = "Acme Corp raises $40 million for grid batteries", *,
          text: str = "", feed_title: str = "Example News", **kw) -> Story:
    """A stored story with sensible defaults (feed 1, key ``k<id>``)."""
    kw.setdefault("display_title", title)
    kw.setdefault("feed_url", "https://news.example.com/feed.xml")
    return Story(id=id, feed_id=kw.pop("feed_id", 1), key=f"k{id}", title=title, text=text,
                 feed_title=feed_title, **kw)


def when(day: int, hour: int = 8) -> datetime:
    """2026-11-<day> <hour>:00 UTC."""
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def span(text: str, part: str) -> tuple[int, int]:
    """``(start, end)`` of ``part`` in ``text``."""
    start = text.index(part)
    return start, start + len(part)


def user(text: str, part: str, hid: int, note: str | None = None, *, rank: int = 0,
         lost: bool = False) -> Highlight:
    """An analyst's highlight on ``part`` of ``text``."""
    s, e = span(text, part)
    return Highlight("user", part, s, e, rank, id=hid, note=note, lost=lost)


def extracted(kind: str, shown: str, text: str, sentence: str, rank: int) -> Highlight:
    """An extracted highlight ``shown`` anchored to ``sentence`` of ``text``."""
    s, e = span(text, sentence)
    return Highlight(kind, shown, s, e, rank, score=1.0 - rank / 10)


def expect_file(name: str, actual: str) -> None:
    """Compare ``actual`` with the whole file ``tests/fixtures/export/<name>`` byte for byte
    (``BRIEF_TUI_UPDATE_EXPORT_FIXTURES=1`` rewrites the file; review the diff)."""
    path = FIX / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
    assert actual.encode("utf-8") == path.read_bytes()
