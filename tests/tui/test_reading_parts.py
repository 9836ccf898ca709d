"""Pure parts of reading mode, marks and the new dialogs: layout, exact marks, search marks in
titles, highlight items, messages for the user."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.style import Style

from brief_tui.domain.errors import QueryError
from brief_tui.domain.models import Highlight
from brief_tui.domain.query import match_spans
from brief_tui.tui.actions import ACTIONS, BY_ID, DIALOG, MAIN, TAGS
from brief_tui.tui.screens.help import SECTIONS, _in_section
from brief_tui.tui.screens.main_notes import overlapping
from brief_tui.tui.screens.main_organise import export_summary
from brief_tui.tui.screens.search import as_you_type, describe_error
from brief_tui.tui.screens.tag_manager import plural
from brief_tui.tui.widgets.highlights import SECTION_TITLES, highlight_items
from brief_tui.tui.widgets.reading import (
    CURSOR,
    HIDDEN,
    HIGHLIGHT,
    SpanSet,
    display_text,
    line_parts,
    merge_spans,
    sentence_at,
    wrap_lines,
)
from brief_tui.tui.widgets.story_list import marked_parts, sources_label

TEXT = ("Maria Lopez, the chief economist at Northwind Bank, said on Tuesday that inflation in "
        "Spain fell to 2.1% in October. The European Central Bank meets in Frankfurt next week."
        "\n\nLopez expects rates to stay at 4.25% until March.\n\n\n\nThird paragraph.")


def joined(text: str, lines, start: int, end: int) -> str:
    """What of ``text[start:end]`` is drawn: the pieces on each line, joined."""
    return "".join(text[max(s, start):min(e, end)] for s, e in lines)


@pytest.mark.parametrize("width", [1, 2, 7, 20, 40, 200])
def test_wrap_lines_fit_and_cover_every_word(width):
    lines = wrap_lines(TEXT, width)
    assert all(cell_len(TEXT[s:e]) <= width for s, e in lines)
    assert joined(TEXT, lines, 0, len(TEXT)).replace(" ", "") == \
        TEXT.replace(" ", "").replace("\n", "")
    assert all(s <= e for s, e in lines) and [s for s, _ in lines] == sorted(s for s, _ in lines)


def test_wrap_lines_breaks_at_spaces_and_keeps_one_blank_line():
    text = "\n\none two three\n\n\n\nfour\n\n"
    lines = wrap_lines(text, 8)
    assert lines == [(2, 9), (10, 15), (16, 16), (19, 23)]
    assert [text[s:e] for s, e in lines] == ["one two", "three", "", "four"]


def test_wrap_lines_cuts_long_words_between_graphemes():
    text = "x" * 25
    assert wrap_lines(text, 10) == [(0, 10), (10, 20), (20, 25)]
    wide = "批踢踢實業坊👨‍👩‍👧‍👦🇳🇱e\u0301"
    lines = wrap_lines(wide, 3)
    assert [wide[s:e] for s, e in lines] == ["批", "踢", "踢", "實", "業", "坊", "👨‍👩‍👧‍👦",
                                             "🇳🇱e\u0301"]


def test_display_text_hides_escapes_and_keeps_offsets():
    raw = "a\x1b[31mb\x9b1c\td\re\x07\x85\u202e\n"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert shown == "a" + HIDDEN * 5 + "b" + HIDDEN * 3 + " d e" + HIDDEN * 3 + "\n"


def test_merge_and_lookup_spans():
    assert merge_spans([(5, 9), (0, 3), (2, 4), (9, 12), (7, 7)]) == [(0, 4), (5, 9), (9, 12)]
    spans = SpanSet([(10, 20), (30, 40)])
    assert [spans.covers(i) for i in (9, 10, 19, 20, 35)] == [False, True, True, False, True]
    assert spans.within(15, 35) == [(15, 20), (30, 35)]
    assert spans.within(20, 30) == []


def test_line_parts_mark_exactly_the_span_over_wrapped_lines():
    start, end = TEXT.index("The European"), TEXT.index("week.") + len("week.")
    lines = wrap_lines(TEXT, 30)
    marks = {HIGHLIGHT: SpanSet([(start, end)]), CURSOR: (start, start + 3)}
    marked = ["".join(piece for piece, names in line_parts(TEXT, s, e, marks)
                      if HIGHLIGHT in names) for s, e in lines]
    marked = [m for m in marked if m]
    assert "".join(marked) == joined(TEXT, lines, start, end)
    assert " ".join(marked) == TEXT[start:end]  # the wrap points are single spaces
    first = next(p for s, e in lines for p in line_parts(TEXT, s, e, marks) if CURSOR in p[1])
    assert first == ("The", frozenset({HIGHLIGHT, CURSOR}))


def test_sentence_at():
    sentences = [(0, 116), (117, 172), (174, 223)]
    assert [sentence_at(sentences, o) for o in (0, 116, 117, 173, 500)] == [0, 0, 1, 1, 2]
    assert sentence_at([], 5) == 0


def test_marked_parts_marks_terms_in_titles_and_fits():
    title = "Supply chains, chip by chip: a long read"
    spans = match_spans(title, ["chips"])
    mark = Style(bold=True)
    parts = marked_parts(title, 50, spans, None, mark)
    assert [text for text, style in parts if style == mark] == ["chip", "chip"]
    assert "".join(text for text, _ in parts) == title.ljust(50)
    cut = marked_parts(title, 20, spans, None, mark)
    assert "".join(text for text, _ in cut) == "Supply chains, chip…"
    assert [text for text, style in cut if style == mark] == ["chip"]
    assert sum(cell_len(text) for text, _ in cut) == 20


def test_sources_label():
    assert [sources_label(n) for n in (1, 2, 3)] == ["", "2 sources", "3 sources"]


def test_highlight_items_mark_lost_and_keep_notes():
    items = highlight_items([
        Highlight("user", "Gone sentence.", 0, 14, id=3, note="why", lost=True),
        Highlight("figure", "2.1%", 0, 116, rank=0)])
    assert [(i.kind, i.label, i.highlight_id, i.note, i.is_highlight) for i in items] == [
        ("user", "(lost) Gone sentence.", 3, "why", True),
        ("figure", "2.1%", None, None, True)]
    assert list(SECTION_TITLES)[:7] == ["user", "sentence", "figure", "organisation", "person",
                                        "place", "keyword"]


def test_overlapping_prefers_the_exact_highlight():
    a = Highlight("user", "x", 0, 10, id=1)
    b = Highlight("user", "y", 5, 20, id=2)
    lost = Highlight("user", "z", 30, 40, id=3, lost=True)
    assert overlapping([a, b, lost], (5, 20)) is b
    assert overlapping([a, b, lost], (8, 9)) is a
    assert overlapping([a, b, lost], (30, 40)) is None


def test_messages_for_the_user():
    assert describe_error(QueryError('unknown filter "colour:"', position=6, token="colour:")
                          ) == 'Column 7: unknown filter "colour:" (colour:)'
    assert export_summary([Path("/x/a.md")]) == "Exported to /x/a.md"
    many = [Path(f"/x/{n}.md") for n in "abcdef"]
    assert export_summary(many) == "Exported 6 files to /x: a.md, b.md, c.md, d.md and 2 more"
    assert [plural(n, "story") for n in (0, 1, 2)] == ["0 stories", "1 story", "2 stories"]
    assert plural(2, "feed") == "2 feeds"


def test_as_you_type_searches_the_last_word_as_a_prefix():
    assert [as_you_type(q) for q in ("batter", "ab", "tag:ai", "a \"phrase\"", "nvid*",
                                     "chips -cheap", "")] == [
        "batter*", "ab", "tag:ai", "a \"phrase\"", "nvid*", "chips -cheap", ""]


def test_registry_new_keys_and_help_sections():
    keys = {k: BY_ID[k].keys for k in (
        "reading_mode", "next_sentence", "previous_sentence", "next_paragraph",
        "previous_paragraph", "highlight", "highlight_note", "story_note", "save_search",
        "delete_view", "tag_manager", "tag_feed", "collapse_clusters", "expand_cluster",
        "export", "dialog_save", "dialog_cancel", "tags_rename", "tags_merge", "tags_delete",
        "tags_mark")}
    assert keys == {
        "reading_mode": "v", "next_sentence": "right_square_bracket",
        "previous_sentence": "left_square_bracket", "next_paragraph": "right_curly_bracket",
        "previous_paragraph": "left_curly_bracket", "highlight": "h", "highlight_note": "c",
        "story_note": "N", "save_search": "S", "delete_view": "D", "tag_manager": "T",
        "tag_feed": "ctrl+t", "collapse_clusters": "Z", "expand_cluster": "z", "export": "e",
        "dialog_save": "ctrl+s", "dialog_cancel": "escape", "tags_rename": "r",
        "tags_merge": "m", "tags_delete": "d,delete", "tags_mark": "space"}
    main_keys = [k for spec in ACTIONS if spec.scope == MAIN for k in spec.keys.split(",")]
    assert len(main_keys) == len(set(main_keys))
    shown = [spec.id for spec in ACTIONS
             if any(_in_section(spec, scope, group) for scope, group, _ in SECTIONS)]
    assert sorted(shown) == sorted(spec.id for spec in ACTIONS)
    assert {spec.scope for spec in ACTIONS} >= {DIALOG, TAGS}


class FakeService:
    """Answers like the service, with ``story_ids`` overflowing when collapsing."""

    def __init__(self, clustered: bool) -> None:
        self.clustered = clustered
        self.calls: list[str] = []

    def story_ids(self, flt):
        self.calls.append("story_ids")
        if flt.collapse_clusters:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return [5, 4, 3, 2, 1]

    def list_count(self, flt):
        self.calls.append("list_count")
        return (4 if flt.collapse_clusters and self.clustered else 5), 0

    def list_rows(self, flt, limit):
        self.calls.append(f"list_rows({limit})")
        return [type("Row", (), {"id": i})() for i in (5, 3, 2, 1)]


def test_list_ids_reads_collapsed_lists_despite_the_overflow():
    from brief_tui.domain.filters import StoryFilter
    from brief_tui.tui.workers import list_ids

    flat = FakeService(clustered=False)
    assert list_ids(flat, StoryFilter()) == [5, 4, 3, 2, 1]
    assert flat.calls == ["story_ids"]
    flat.calls.clear()
    assert list_ids(flat, StoryFilter(collapse_clusters=True)) == [5, 4, 3, 2, 1]
    assert flat.calls == ["story_ids", "list_count", "list_count", "story_ids"]
    clustered = FakeService(clustered=True)
    assert list_ids(clustered, StoryFilter(collapse_clusters=True)) == [5, 3, 2, 1]
    assert clustered.calls == ["story_ids", "list_count", "list_count", "list_rows(4)"]
