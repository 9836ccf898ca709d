"""The first reader: three panes, moving, opening, switching panes, refreshing, quitting."""

from __future__ import annotations

from brief_tui.tui.screens.main import MainScreen
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.sample_data import TITLES, story_id
from tests.tui.conftest import main_screen, notifications, settle

# Newest first, as the sample data's dates say.
ORDER = ["n1", "w1", "t1", "w2", "t2", "b1", "w3", "t3", "w4", "w5", "t4", "b2", "n2"]


async def test_opens_on_all_with_three_panes(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert isinstance(screen, MainScreen)
        assert len(app.screen_stack) == 1
        stories = app.query_one(StoryList)
        assert stories.ids == [story_id(service, k) for k in ORDER]
        assert stories.cursor == 0
        assert app.focused is stories
        assert screen.view_key == "view:all"
        feeds = app.query_one(FeedList)
        assert [e.key for e in feeds.entries if e.key][:4] == [
            "view:all", "view:unread", "view:starred", "view:today"]
        assert app.query_one(StoryView).story_id is None


async def test_j_k_and_arrows_move_the_cursor(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        await pilot.press("j", "j", "down")
        assert stories.cursor == 3
        await pilot.press("k", "up")
        assert stories.cursor == 1
        await pilot.press("k", "k", "k")
        assert stories.cursor == 0


async def test_enter_opens_the_story_and_marks_it_read(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        opened = story_id(service, "t1")
        assert app.query_one(StoryView).story_id == opened
        assert main_screen(app).story.display_title == TITLES["t1"]
        assert service.story(opened).read is True
        assert opened not in app.query_one(StoryList).unread


async def test_tab_and_shift_tab_cycle_the_panes(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert app.focused is app.query_one(StoryView)
        await pilot.press("tab")
        assert app.focused is app.query_one(HighlightsPane)
        await pilot.press("tab")
        assert app.focused is app.query_one(FeedList)
        await pilot.press("tab")
        assert app.focused is app.query_one(StoryList)
        await pilot.press("shift+tab")
        assert app.focused is app.query_one(FeedList)


async def test_feed_pane_enter_shows_that_feed(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)
        feeds.focus()
        world = service.feed("https://news.example/world.xml")
        feeds.move_to(feeds.index_of(f"feed:{world.id}"))
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).view_key == f"feed:{world.id}"
        assert app.query_one(StoryList).ids == [
            story_id(service, k) for k in ("w1", "w2", "w3", "w4", "w5")]
        assert app.focused is app.query_one(StoryList)


async def test_r_refreshes_this_feed_and_streams_the_new_story(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        world = service.feed("https://news.example/world.xml")
        screen.switch_view(f"feed:{world.id}")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert len(stories.ids) == 6
        assert stories.row(0).display_title == "Breaking: talks end with a joint statement"
        assert notifications(app)[-1] == "Refreshed 1 feed: 1 new."
        assert screen.refreshing is False


async def test_q_quits_and_keeps_the_state(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert service.get_state("view") is None or service.get_state("view") == "view:all"
    assert service.get_state("story") == str(story_id(service, "w1"))


async def test_clicking_a_view_in_the_feed_pane_shows_it(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)
        index = feeds.index_of("view:starred")
        await pilot.click(FeedList, offset=(4, index + 1))  # +1: the border
        await settle(pilot)
        assert main_screen(app).view_key == "view:starred"
        assert app.query_one(StoryList).ids == [story_id(service, "w1")]
        assert app.focused is app.query_one(StoryList)


async def test_a_long_article_shows_every_block_in_order(app):
    """The body is rendered in chunks; no block is lost where one chunk ends and the next
    begins (the long read's 12 parts: a heading and a paragraph each)."""
    from textual.widgets import Markdown

    from tests.support.sample_data import LONG_BODY

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.query_one(StoryList).move_to(ORDER.index("t4"))
        await pilot.press("enter")
        await settle(pilot)
        body = app.query_one("#story-body", Markdown)
        assert body.source == LONG_BODY
        assert [block.source.strip() for block in body.children] == LONG_BODY.split("\n\n")
        assert len(body.children) == 24
        await pilot.press("j", "enter")  # another story, then back: rendered afresh
        await settle(pilot)
        await pilot.press("k", "enter")
        await settle(pilot)
        assert [block.source.strip() for block in body.children] == LONG_BODY.split("\n\n")
