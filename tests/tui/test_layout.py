"""Hiding, collapsing and resizing panes; the 80x24 layout."""

from __future__ import annotations

from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.tui.conftest import main_screen, settle


async def test_F_and_H_hide_and_show_side_panes(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds, highlights = app.query_one(FeedList), app.query_one(HighlightsPane)
        assert feeds.display and highlights.display
        await pilot.press("F")
        await pilot.pause()
        assert not feeds.display
        await pilot.press("H")
        await pilot.pause()
        assert not highlights.display
        await pilot.press("tab", "tab")
        assert app.focused is app.query_one(StoryList)  # hidden panes leave the tab order
        await pilot.press("F", "H")
        await pilot.pause()
        assert feeds.display and highlights.display


async def test_plus_and_minus_resize_the_focused_pane(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert stories.styles.height.value == 40
        await pilot.press("plus")
        await pilot.pause()
        assert stories.styles.height.value == 45
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert stories.styles.height.value == 35
        app.query_one(FeedList).focus()
        await pilot.press("minus")
        await pilot.pause()
        assert app.query_one(FeedList).outer_size.width == 26
        app.query_one(StoryView).focus()
        await pilot.press("plus")  # a bigger article is a smaller list
        await pilot.pause()
        assert stories.styles.height.value == 30


async def test_80x24_collapses_side_panes_and_tab_reaches_them(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.narrow is True
        feeds, highlights = app.query_one(FeedList), app.query_one(HighlightsPane)
        assert not feeds.display and not highlights.display
        stories = app.query_one(StoryList)
        assert stories.outer_size.width == 80
        assert stories.size.height >= 6
        await pilot.press("shift+tab")
        await pilot.pause()
        assert feeds.display and app.focused is feeds
        await pilot.press("enter")  # choose "All": back to the list, overlay closes
        await settle(pilot)
        assert app.focused is stories and not feeds.display
        await pilot.press("enter", "tab")
        await settle(pilot)
        assert app.focused is app.query_one(StoryView)
        await pilot.press("tab")
        await pilot.pause()
        assert highlights.display and app.focused is highlights
        await pilot.press("tab")
        await pilot.pause()
        assert feeds.display and not highlights.display
        await pilot.press("F")
        await pilot.pause()
        assert not feeds.display and app.focused is stories


async def test_growing_to_wide_restores_side_panes(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(130, 40)
        await settle(pilot)
        assert main_screen(app).narrow is False
        assert app.query_one(FeedList).display and app.query_one(HighlightsPane).display
