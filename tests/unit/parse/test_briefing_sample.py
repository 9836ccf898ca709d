"""The bundled sample briefing parses into six numbered stories with highlights."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from urllib.parse import urlsplit

from brief_tui.extract import extract_highlights
from brief_tui.parse.briefing import looks_like_briefing, parse_briefing


def sample() -> bytes:
    return files("brief_tui").joinpath("data", "sample-briefing.md").read_bytes()


def test_sample_briefing_shape():
    body = sample()
    assert looks_like_briefing(body.decode("utf-8"))
    feed = parse_briefing(body, url="bundled:sample-briefing.md")
    assert feed.title == "Sample Daily Briefing — AI, Tech & Markets"
    assert [e.number for e in feed.entries] == [1, 2, 3, 4, 5, 6]
    assert all(urlsplit(e.link).hostname.split(".", 1)[1] in ("example.com", "example.org")
               for e in feed.entries)
    assert all(e.published == datetime(2026, 12, 1, tzinfo=UTC) for e in feed.entries)
    assert sum("Why it matters:" in e.text for e in feed.entries) == 5
    assert len({e.key for e in feed.entries}) == 6


def test_sample_briefing_has_every_kind_of_highlight():
    feed = parse_briefing(sample(), url="bundled:sample-briefing.md")
    kinds = {h.kind for e in feed.entries for h in extract_highlights(e.text, title=e.title)}
    assert kinds == {"sentence", "figure", "organisation", "person", "place", "keyword"}
    first = feed.entries[0]
    hl = extract_highlights(first.text, title=first.title)
    assert [h.text for h in hl if h.kind == "figure"][:2] == ["$1.4 billion", "35%"]
    assert [h.text for h in hl if h.kind == "organisation"] == [
        "Corvid Labs", "Halyard Capital", "Northgate Ventures", "Nordvest Partners"]
    assert [h.text for h in hl if h.kind == "person"] == ["Aino Virtanen"]
