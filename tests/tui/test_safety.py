"""Feed text is shown literally (B34) and columns hold with wide characters (B36)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.content import Content

from brief_tui.tui import safe
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView, story_header
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, notifications, settle
from tests.tui.test_reader import ORDER

B34_TITLES = [
    "[bold]Not actually bold[/bold]", "Array access a[0] and b[i] in C",
    "Unclosed bracket [b + tail", "[link=https://evil.example/]Click me[/link]",
    "[@click=app.quit]Press me[/]", "Stray closer [/] here", "Backslash \\[escaped] text",
    '[red on white]Styled?[/] ["list", 1] [#ff0000]hex[/]',
    "[[double]] brackets and [/bold] mismatched",
]


@pytest.mark.parametrize("title", B34_TITLES)
def test_b34_plain_content_is_verbatim_and_has_no_actions(title):
    content = safe.plain(title)
    assert content.plain == title
    assert content.spans == []
    truncated = safe.truncate(title, 12)
    assert cell_len(truncated) <= 12


def test_b34_notify_is_literal():
    seen = {}

    class Target:
        def notify(self, message, **kwargs):
            seen.update(kwargs, message=message)

    safe.notify(Target(), "[@click=app.quit]x[/] failed\x1b[31m")
    assert seen["message"] == "[@click=app.quit]x[/] failed"
    assert seen["markup"] is False


def row_text(stories: StoryList, index: int) -> str:
    width = stories.scrollable_content_region.width
    return "".join(seg.text for seg in stories.render_row(index, width, False))


async def test_b34_title_shown_as_typed_and_clicking_it_does_not_quit(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        index = ORDER.index("w4")
        assert "[@click=app.quit]Press me[/]" in row_text(stories, index)
        await pilot.click(StoryList, offset=(10, index + 1))  # +1: the border
        await settle(pilot)
        assert app.is_running
        assert app.query_one(StoryView).story_id == story_id(service, "w4")
        head = app.query_one("#story-head").render()
        assert str(head).startswith("[@click=app.quit]Press me[/]\n")
        body = app.query_one("#story-body")
        assert body.source == "Body with [italic]markup-like[/italic] text and [0] index"
        await pilot.click("#story-head", offset=(3, 0))
        await settle(pilot)
        assert app.is_running


async def test_b34_stray_closer_does_not_raise_anywhere(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.query_one(StoryList).move_to(ORDER.index("w5"))
        await pilot.press("enter", "t")
        await settle(pilot)
        assert str(app.screen.query_one("#tag-story").render()) == "Stray closer [/] here"
        await pilot.press("escape")
        await settle(pilot)
        main_screen(app).on_failed(type("F", (), {"what": "X [/]", "error": "[/bold] y"})())
        await pilot.pause()
        assert notifications(app)[-1] == "X [/]: [/bold] y"


def test_b34_story_header_is_literal(service):
    story = service.story(story_id(service, "w4"))
    header = story_header(story)
    assert isinstance(header, Content)
    assert header.plain.splitlines()[0] == "[@click=app.quit]Press me[/]"
    assert all("@click" not in str(span.style) for span in header.spans)


B36 = [("批踢踢實業坊 movie 板", 21), ("한국어 뉴스", 11), ("📚 Reading list", 15)]


@pytest.mark.parametrize("text,cells", B36)
def test_b36_cell_width(text, cells):
    assert cell_len(text) == cells


@pytest.mark.parametrize("text", ["👨‍👩‍👧‍👦 family", "🇳🇱/🇩🇪 flags", "❤️ love", "Café combining",
                                  "批踢踢實業坊 movie 板", "＆ fullwidth ampersand"])
@pytest.mark.parametrize("width", range(1, 16))
def test_b36_truncation_fits_and_keeps_graphemes(text, width):
    cut = safe.truncate(text, width)
    assert cell_len(cut) <= width
    body = cut[:-1] if cut.endswith(safe.ELLIPSIS) and cut != text else cut
    assert text.startswith(body)
    bounds = {end for _, end, _ in safe.graphemes(text)} | {0}
    assert len(body) in bounds
    assert cell_len(safe.fit(text, width)) == width


def test_b36_flags_are_one_grapheme():
    assert safe.graphemes("🇳🇱x") == [(0, 2, 2), (2, 3, 1)]
    assert safe.truncate("🇳🇱🇩🇪 flags", 3) == "🇳🇱…"


async def test_b36_story_columns_line_up_with_wide_titles(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        width = stories.scrollable_content_region.width
        date_starts = set()
        for index in range(len(stories.ids)):
            strip = stories.render_row(index, width, index == 0)
            assert strip.cell_length == width
            text = "".join(seg.text for seg in strip)
            assert cell_len(text) == width
            date_starts.add(cell_len(text[:text.rindex(" Nov ") - 2]))
        assert len(date_starts) == 1
