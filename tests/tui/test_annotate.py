"""Highlights pane, reading mode, the sentence cursor, highlights and notes, on the real app."""

from __future__ import annotations

from textual.widgets import TextArea

from brief_tui.tui.screens.note import NoteScreen
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.reading import HIGHLIGHT, ReadingText, line_parts
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.sample_data import RATES_TEXT, story_id
from tests.tui.conftest import main_screen, notifications, settle
from tests.tui.test_reader import ORDER

SENTENCES = [(0, 116), (117, 172), (174, 223), (224, 302), (304, 379)]
"""The sentences of the sample story w2 (offsets into RATES_TEXT)."""


async def open_rates(pilot, *keys):
    """Open w2 (the story with every highlight kind), then press ``keys``."""
    await settle(pilot)
    pilot.app.query_one(StoryList).move_to(ORDER.index("w2"))
    await pilot.press("enter")
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def headings(pane: HighlightsPane) -> list[str]:
    return [text for text, item, kind in pane.rows if kind == "heading"]


async def test_highlights_pane_lists_every_kind_in_order(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot)
        pane = app.query_one(HighlightsPane)
        assert headings(pane) == ["Key sentences", "Figures", "Organisations", "People",
                                  "Places", "Keywords"]
        wanted = [(h.kind, h.text, h.start, h.end)
                  for h in service.highlights(story_id(service, "w2"))]
        assert [(i.kind, i.value, i.start, i.end) for i in pane.items] == wanted
        people = [i.label for i in pane.items if i.kind == "person"]
        places = [i.label for i in pane.items if i.kind == "place"]
        assert people == ["Maria Lopez"]
        assert places == ["Spain", "Frankfurt", "Madrid", "China", "London"]
        assert sorted(i.label for i in pane.items if i.kind == "figure") == [
            "$3.2 billion", "2.1%", "4%", "4.25%"]


async def test_enter_on_a_place_marks_its_sentence_in_reading_mode(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot)
        pane = app.query_one(HighlightsPane)
        pane.focus()
        index = next(n for n, (_, item, _) in enumerate(pane.rows)
                     if item and item.label == "Frankfurt")
        pane.move_to(index)
        await pilot.press("enter")
        await settle(pilot)
        article = app.query_one(StoryView)
        text = app.query_one(ReadingText)
        assert article.reading is True
        assert text.display is True
        assert text.cursor == SENTENCES[1]
        found = RATES_TEXT.index("Frankfurt")
        assert text.focus_span == (found, found + len("Frankfurt"))
        assert article.sentence == 1
        assert str(article.border_subtitle) == "reading mode · sentence 2 of 5"
        assert app.focused is pane


async def test_v_toggles_reading_mode_and_remembers_it(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "v")
        article = app.query_one(StoryView)
        assert article.reading is True
        assert app.query_one(ReadingText).display is True
        assert app.query_one("#story-body").display is False
        assert app.query_one(ReadingText).text == RATES_TEXT
        assert app.query_one(ReadingText).cursor == SENTENCES[0]
        assert service.get_state("reading") == "1"
        await pilot.press("v")
        await settle(pilot)
        assert article.reading is False
        assert app.query_one("#story-body").display is True
        assert app.query_one(ReadingText).display is False
        assert service.get_state("reading") == "0"


async def test_sentence_and_paragraph_keys_move_the_cursor(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "v")
        text = app.query_one(ReadingText)
        seen = []
        for key in ["right_square_bracket", "right_square_bracket", "left_square_bracket",
                    "right_curly_bracket", "right_curly_bracket", "left_curly_bracket",
                    "right_square_bracket", "left_curly_bracket", "left_curly_bracket",
                    "left_square_bracket"]:
            await pilot.press(key)
            seen.append(SENTENCES.index(text.cursor))
        assert seen == [1, 2, 1, 2, 4, 2, 3, 2, 0, 0]
        assert str(app.query_one(StoryView).border_subtitle) == "reading mode · sentence 1 of 5"


async def test_a_sentence_key_in_formatted_mode_switches_to_reading_mode(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "h")
        assert app.query_one(StoryView).reading is True
        assert app.query_one(ReadingText).cursor == SENTENCES[0]
        assert service.user_highlights(story_id(service, "w2")) == []


async def test_h_toggles_a_highlight_drawn_exactly(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "v", "right_square_bracket", "h", "right_square_bracket")
        w2 = story_id(service, "w2")
        [saved] = service.user_highlights(w2)
        assert (saved.kind, saved.start, saved.end, saved.text) == (
            "user", 117, 172, "The European Central Bank meets in Frankfurt next week.")
        text = app.query_one(ReadingText)
        assert text.highlights.spans == [(117, 172)]
        drawn = ["".join(piece for piece, names in line_parts(text._shown, s, e, {
            HIGHLIGHT: text.highlights}) if HIGHLIGHT in names) for s, e in text.lines()]
        assert " ".join(d for d in drawn if d) == RATES_TEXT[117:172]
        styled = [seg.text for y in range(len(text.lines())) for seg in text.render_line(y)
                  if seg.style and seg.style.bgcolor == (text.rich_style
                                                         + text._style("highlight")).bgcolor]
        assert " ".join(styled) == RATES_TEXT[117:172]
        pane = app.query_one(HighlightsPane)
        assert headings(pane)[0] == "Your highlights"
        assert pane.items[0].label == RATES_TEXT[117:172]
        await pilot.press("left_square_bracket", "h")
        await settle(pilot)
        assert service.user_highlights(w2) == []
        assert text.highlights.spans == []
        assert "Your highlights" not in headings(pane)


async def test_c_writes_a_note_on_the_sentence_highlighting_it(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "v", "right_square_bracket", "c")
        assert isinstance(app.screen, NoteScreen)
        assert len(app.screen_stack) == 2
        assert str(app.screen.query_one("#note-subject").render()) == RATES_TEXT[117:172]
        await pilot.press(*"Check the minutes", "ctrl+s")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        [saved] = service.user_highlights(story_id(service, "w2"))
        assert (saved.start, saved.end, saved.note) == (117, 172, "Check the minutes")
        pane = app.query_one(HighlightsPane)
        assert [text for text, _, kind in pane.rows if kind == "note"] == [
            "   ✎ Check the minutes"]
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.query_one(TextArea).text == "Check the minutes"
        await pilot.press("x", "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert service.user_highlights(story_id(service, "w2"))[0].note == "Check the minutes"


async def test_c_in_the_pane_edits_that_highlight(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "v", "h", "right_square_bracket", "right_square_bracket")
        pane = app.query_one(HighlightsPane)
        pane.focus()
        pane.action_first()
        await pilot.press("c")
        await settle(pilot)
        assert str(app.screen.query_one("#note-subject").render()) == RATES_TEXT[0:116]
        await pilot.press(*"Source?", "ctrl+s")
        await settle(pilot)
        [saved] = service.user_highlights(story_id(service, "w2"))
        assert (saved.start, saved.note) == (0, "Source?")


async def test_N_writes_and_removes_the_story_note(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "N")
        assert isinstance(app.screen, NoteScreen)
        assert str(app.screen.query_one("#note-subject").render()) == \
            "Central bank holds rates at 4.25%"
        await pilot.press(*"Ask Lopez", "enter", *"about March", "ctrl+s")
        await settle(pilot)
        w2 = story_id(service, "w2")
        assert service.story(w2).note == "Ask Lopez\nabout March"
        assert notifications(app)[-1] == "Saved the note."
        head = str(app.query_one("#story-head").render())
        assert "Note: Ask Lopez\n      about March" in head
        await pilot.press("N")
        await settle(pilot)
        app.screen.query_one(TextArea).text = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert service.story(w2).note is None
        assert notifications(app)[-1] == "Removed the note."
        assert "Note:" not in str(app.query_one("#story-head").render())


async def test_N_escape_changes_nothing(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_rates(pilot, "N")
        await pilot.press(*"draft", "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert service.story(story_id(service, "w2")).note is None
        assert main_screen(app).story.note is None


async def test_the_pane_cursor_starts_on_the_first_highlight_not_a_tag(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # w1: tags and links arrive before its highlights
        await settle(pilot)
        pane = app.query_one(HighlightsPane)
        assert pane.current_item.kind == "sentence"
        assert pane.cursor == 1
        assert pane.scroll_offset.y == 0
