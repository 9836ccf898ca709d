"""UI-level safety (issue 6): the reader driven over hostile stories stored raw.

B33: escape sequences (CSI, OSC 8 links, OSC 52 clipboard writes, OSC 0 titles), BEL, CR, BS
and C1 controls in titles, bodies, the feed title, authors, tags, a note, a highlight and a
feed's error. B34: text that looks like Textual/Rich markup. B36: CJK, emoji, ZWJ sequences,
flags, combining marks and very long unbroken words. Whatever reaches the screen — rows,
article, reading mode, highlights, dialogs, notifications, the window title, an exported
screenshot — must hold the literal text, no control character, and no row wider than its
pane.
"""

from __future__ import annotations

import html
import re

import pytest
from rich.cells import cell_len
from textual.widgets import Input, TextArea

from brief_tui.__main__ import make_app
from brief_tui.tui import messages as msg
from brief_tui.tui.screens.export import ExportScreen
from brief_tui.tui.screens.note import NoteScreen
from brief_tui.tui.screens.tag import TagScreen
from brief_tui.tui.widgets.cursor_list import CursorList
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.reading import ReadingText
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.hostile_data import (
    B33_TITLES,
    B34_TITLES,
    B36_TITLES,
    HOSTILE_FEED,
    build_hostile_service,
    hostile_id,
)
from tests.tui.conftest import main_screen, notifications, settle

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters that must never reach the screen (newlines are checked per line)."""
SVG_TEXT = re.compile(r"<text[^>]*>(.*?)</text>", re.DOTALL)


@pytest.fixture
def hostile(tmp_path):
    service = build_hostile_service(tmp_path)
    app = make_app(service=service, seed=False)
    app.cursor_blink = False
    yield app, service
    service.close()


def clean(text: str) -> bool:
    return CONTROL.search(text) is None


def screen_text(app) -> str:
    """The text of every cell on screen, from an SVG screenshot (entities decoded)."""
    svg = app.export_screenshot()
    assert "&#27;" not in svg and "&#x1b;" not in svg.lower()
    return "\n".join(html.unescape(t).replace("\xa0", " ") for t in SVG_TEXT.findall(svg))


def check_rows(pane: CursorList) -> list[str]:
    """Every row of a list pane, drawn: clean and exactly as wide as the pane."""
    width = pane.scrollable_content_region.width
    texts = []
    for index in range(pane.row_count):
        strip = pane.render_row(index, width, index == pane.cursor)
        text = "".join(seg.text for seg in strip)
        assert strip.cell_length == width, (index, text)
        assert cell_len(text) == width, (index, text)
        assert clean(text), (index, text)
        texts.append(text)
    return texts


def check_lines(widget) -> list[str]:
    """Every line reading mode draws: clean, exactly as wide as the widget."""
    texts = []
    for y in range(widget.size.height):
        strip = widget.render_line(y)
        text = "".join(seg.text for seg in strip)
        assert strip.cell_length == widget.size.width, (y, text)
        assert cell_len(text) == widget.size.width, (y, text)
        assert clean(text), (y, text)
        texts.append(text)
    return texts


def check_chrome(app) -> None:
    assert app.title == "brief-tui"
    assert clean(app.sub_title)
    for message in notifications(app):
        assert all(clean(part) for part in message.split("\n")), message


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_b33_b34_b36_rows_are_literal_clean_and_fit(hostile, size):
    app, _ = hostile
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        rows = check_rows(app.query_one(StoryList))
        feeds = check_rows(app.query_one(FeedList))
        if size == (120, 36):
            for title in B34_TITLES:
                assert any(title in row for row in rows), title
            assert any("Normal RED title" in row for row in rows)
            assert any("click me" in row for row in rows)
            assert any("批踢踢實業坊 movie 板" in row for row in rows)
            assert any("Escapes feed" in row for row in feeds)
            assert any("http: boom [bold]500[/]" in row for row in feeds)
        text = screen_text(app)
        assert clean(text.replace("\n", ""))
        check_chrome(app)


async def test_every_hostile_story_opens_clean_in_both_modes(hostile):
    app, service = hostile
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        every = [f"h{n}" for n in range(len(B33_TITLES + B34_TITLES + B36_TITLES))]
        some = [f"h{n}" for n in (0, 1, 2, 3, len(every) - 3, len(every) - 1)]
        for reading, keys in ((False, every), (True, some)):
            if reading:
                await pilot.press("v")
            for key in keys:
                stories.move_to(stories.index_of(hostile_id(service, key)))
                await pilot.press("enter")
                await settle(pilot)
                head = app.query_one("#story-head")
                assert clean(str(head.render()).replace("\n", ""))
                if reading:
                    text = check_lines(app.query_one(ReadingText))
                    assert any("[@click=app.quit]quit? [/] and [bold]bold[/bold]" in t
                               for t in text)
                check_rows(app.query_one(HighlightsPane))
            assert clean(screen_text(app).replace("\n", ""))
        check_chrome(app)


async def test_b34_clicking_the_markup_row_keeps_the_app_running(hostile):
    app, service = hostile
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        target = hostile_id(service, f"h{len(B33_TITLES)}")  # "[@click=app.quit]x"
        index = stories.index_of(target)
        await pilot.click(StoryList, offset=(8, index + 1))
        await settle(pilot)
        assert app.is_running
        assert app.query_one(StoryView).story_id == target
        assert str(app.query_one("#story-head").render()).startswith("[@click=app.quit]x\n")
        await pilot.click("#story-head", offset=(2, 0))
        await settle(pilot)
        assert app.is_running
        assert "[@click=app.quit]x" in screen_text(app)


async def test_the_note_tag_highlight_and_author_are_shown_clean(hostile):
    app, service = hostile
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        stories.move_to(stories.index_of(hostile_id(service, "h0")))
        await pilot.press("enter")
        await settle(pilot)
        head = str(app.query_one("#story-head").render())
        assert "by Mallory blink\n" in head
        assert "Tags: red, [bold]tag\n" in head
        assert "Note: Note with [bold]markup[/bold] and [/]\n      second line" in head
        pane = app.query_one(HighlightsPane)
        labels = check_rows(pane)
        assert labels[1].startswith(" First line OVERWRITE tail. ")
        assert [i.value for i in pane.items if i.kind == "tag"] == ["\x1b[31mred",
                                                                     "[bold]tag"]
        await pilot.press("v")
        await settle(pilot)
        drawn = check_lines(app.query_one(ReadingText))
        assert drawn[0].rstrip() == "▌ First line OVERWRITE  tail."
        assert drawn[1].startswith("  A [@click=app.quit]quit? [/] and [bold]bold[/bold]")


async def test_dialogs_show_hostile_text_literally(hostile):
    app, service = hostile
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        stories.move_to(stories.index_of(hostile_id(service, "h0")))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        assert str(app.screen.query_one("#tag-story").render()) == "Normal RED title"
        assert str(app.screen.query_one("#tag-current").render()) == "Tags now: red, [bold]tag"
        await pilot.press("escape", "N")
        await settle(pilot)
        assert isinstance(app.screen, NoteScreen)
        note = app.screen.query_one(TextArea).text
        assert clean(note.replace("\n", ""))
        assert note == "Note  with [bold]markup[/bold] and [/]\nsecond line"
        assert clean(screen_text(app).replace("\n", ""))  # the note dialog over the story
        await pilot.press("escape", "e")
        await settle(pilot)
        assert isinstance(app.screen, ExportScreen)
        labels = [str(b.label) for b in app.screen.query("RadioButton")]
        assert labels[0] == "This story: Normal RED title"
        assert all(clean(label) for label in labels)
        await pilot.press("escape", "slash")
        await settle(pilot)
        await pilot.press(*"[bold]x colour:[/]")
        await pilot.pause(0.35)
        await settle(pilot)
        assert str(app.screen.query_one("#search-error").render()) == \
            'Column 9: unknown filter "colour:" (colour:)'
        assert app.screen.query_one(Input).value == "[bold]x colour:[/]"
        assert clean(screen_text(app).replace("\n", ""))
        check_chrome(app)


async def test_notifications_with_hostile_text_are_literal_and_clean(hostile):
    app, service = hostile
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        feed = service.feed(HOSTILE_FEED)
        screen.switch_view(f"feed:{feed.id}")
        await settle(pilot)
        await pilot.press("ctrl+t", *"x", "enter")
        await settle(pilot)
        assert notifications(app)[-1] == "Tags of the feed Escapes feed: x."
        screen.post_message(msg.Failed("Export", "\x1b]52;c;SGk=\x07[@click=app.quit]no[/]"))
        await settle(pilot)
        assert notifications(app)[-1] == "Export: [@click=app.quit]no[/]"
        assert app.is_running
        assert clean(screen_text(app).replace("\n", ""))
        check_chrome(app)


def test_b36_hostile_titles_keep_their_cells():
    assert [cell_len(t) for t in B36_TITLES] == [33, 28, 308]
