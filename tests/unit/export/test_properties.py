"""Property: rendering never fails on any feed text, and the file is always clean and valid."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief_tui.domain.models import Highlight, Story
from brief_tui.domain.text import clean_line
from brief_tui.export import ExportItem, ExportSelection, plan_files, render_collection
from brief_tui.export.escape import obsidian_tags
from brief_tui.export.names import check_relative
from tests.unit.export.yamlcheck import front_matter

FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TRICKY = st.sampled_from(["\x1b[31m", "\x1b]8;;https://e/\x07", "\x9b2J", "\r", "\x85", "[/]",
                          "[@click=app.quit]", "---", "\n---\n", "&#27;", "<b>", "../", "CON",
                          '"', "\\", ": ", " #", "\u2028", "\ufeff", "\ud800", "\x00", "\t"])
TEXT = st.lists(TRICKY | st.text(max_size=10), max_size=5).map("".join)


@st.composite
def items(draw):
    sid = draw(st.integers(1, 10_000))
    text = draw(TEXT)
    highlights = tuple(
        Highlight(draw(st.sampled_from(["user", "figure", "sentence", "person", "odd"])),
                  draw(TEXT), draw(st.integers(-5, 50)), draw(st.integers(-5, 80)),
                  draw(st.integers(0, 5)), note=draw(st.none() | TEXT), lost=draw(st.booleans()))
        for _ in range(draw(st.integers(0, 4))))
    story = Story(
        id=sid, feed_id=1, feed_url=draw(TEXT), key=f"k{sid}", feed_title=draw(TEXT),
        title=draw(TEXT), display_title=draw(TEXT), link=draw(st.none() | TEXT),
        published=draw(st.none() | st.datetimes(min_value=datetime(1970, 1, 2),
                                                timezones=st.just(UTC))),
        authors=tuple(draw(st.lists(TEXT, max_size=2))), summary=draw(TEXT), text=text,
        fulltext_status=draw(st.sampled_from([None, "ok", "unavailable"])),
        fulltext_text=draw(st.none() | TEXT), tags=tuple(draw(st.lists(TEXT, max_size=3))),
        note=draw(st.none() | TEXT), starred=draw(st.booleans()))
    return ExportItem(story, highlights)


def check_document(doc: str) -> dict:
    assert FORBIDDEN.search(doc) is None
    assert doc.endswith("\n") and not doc.endswith("\n\n")
    doc.encode("utf-8")
    return front_matter(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(items(), min_size=1, max_size=3, unique_by=lambda i: i.story.id),
       st.sampled_from([ExportSelection.today(date(2026, 11, 29)), ExportSelection.of_tag("x"),
                        ExportSelection.of_query("q [x]: #y")]))
def test_property_render_is_clean_and_front_matter_parses(batch, selection):
    for name, doc in plan_files(batch, selection, split=True):
        check_relative(name)
        fm = check_document(doc)
        story = next(i.story for i in batch if fm["id"] == i.story.id)
        assert fm["title"] == (clean_line(story.display_title or story.title).replace(
            "\ud800", "\ufffd") or f"Story {story.id}")
        assert fm["tags"] == obsidian_tags(story.tags)
        assert set(fm) == {"title", "source", "url", "published", "tags", "id"}
    fm = check_document(render_collection(batch, selection))
    assert sorted(fm["ids"]) == sorted(i.story.id for i in batch)
    assert fm["selection"] == selection.kind
