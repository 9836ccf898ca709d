"""Reading marks, state across restarts, offline refresh, failing feeds, themes and keys."""

from __future__ import annotations

import tomllib

from brief_tui.__main__ import make_app
from brief_tui.tui.screens.help import HelpScreen
from brief_tui.tui.widgets.feed_list import REASON, FeedList
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.sample_data import BROKEN, build_service, story_id
from tests.tui.conftest import main_screen, notifications, settle


async def test_negative_delay_never_marks_read(tmp_path):
    service = build_service(tmp_path, mark_read_delay=-1)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.pause(0.2)
        assert app.query_one(StoryView).story_id == story_id(service, "n1")
        assert service.story(story_id(service, "n1")).read is False
    service.close()


async def test_positive_delay_marks_read_after_the_timer(tmp_path):
    service = build_service(tmp_path, mark_read_delay=1.5)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert main_screen(app)._read_timer is not None
        assert service.story(story_id(service, "n1")).read is False
        await pilot.pause(2.0)
        await settle(pilot)
        assert service.story(story_id(service, "n1")).read is True
    service.close()


async def test_moving_on_before_the_delay_leaves_the_story_unread(tmp_path):
    service = build_service(tmp_path, mark_read_delay=1.5)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        await pilot.pause(2.0)
        await settle(pilot)
        assert service.story(story_id(service, "n1")).read is False
        assert service.story(story_id(service, "t1")).read is True
    service.close()


async def test_reopens_where_it_was(tmp_path):
    service = build_service(tmp_path)
    tech = service.feed("https://tech.example/feed")
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main_screen(app).switch_view(f"feed:{tech.id}")
        await settle(pilot)
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        await pilot.press("q")
    again = make_app(service=service, seed=False)
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(again)
        assert screen.view_key == f"feed:{tech.id}"
        stories = again.query_one(StoryList)
        assert stories.current_id == story_id(service, "t3")
        assert stories.cursor == 2
        assert again.query_one(StoryView).story_id == story_id(service, "t3")
        feeds = again.query_one(FeedList)
        assert feeds.entries[feeds.cursor].key == f"feed:{tech.id}"
    service.close()


async def test_offline_refresh_says_the_network_is_unreachable(tmp_path):
    service = build_service(tmp_path, offline=True)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert notifications(app)[-1] == (
            "The network is unreachable: 4 feeds could not be refreshed. "
            "Cached stories are kept.")
        assert len(app.query_one(StoryList).ids) == 13
        assert service.count() == (13, 11)
    service.close()


async def test_failed_feed_shows_mark_and_reason_and_keeps_its_stories(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)
        broken = service.feed(BROKEN)
        index = feeds.index_of(f"feed:{broken.id}")
        entry = feeds.entries[index]
        assert entry.failed is True
        assert feeds.entries[index + 1].kind == REASON
        assert feeds.entries[index + 1].label == "network: connection refused"
        text = "".join(s.text for s in feeds.render_row(index, 28, False))
        assert text.strip().startswith("! Broken Feed")
        feeds.focus()
        feeds.move_to(index)
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert stories.ids == [story_id(service, "b1"), story_id(service, "b2")]
        assert str(stories.border_subtitle) == (
            "! network: connection refused (cached stories shown)")
        await pilot.press("j")
        assert feeds.cursor == index + 2  # the reason line is skipped


async def test_empty_cache_opens_with_empty_panes(tmp_path):
    service = build_service(tmp_path, empty=True)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter", "n", "s", "m", "o", "y")
        await settle(pilot)
        assert app.query_one(StoryList).ids == []
        assert app.query_one(StoryView).story_id is None
        assert app.query_one(HighlightsPane).items == []
        assert notifications(app)[-1] == "No story selected."
    service.close()


async def test_theme_comes_from_config_and_a_new_choice_is_remembered(tmp_path):
    service = build_service(tmp_path, theme="brief-light")
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "brief-light"
        assert {"brief-dark", "brief-light", "nord"} <= set(app.available_themes)
        app.theme = "nord"
        await settle(pilot)
    saved = tomllib.loads((tmp_path / "config.toml").read_text())
    assert saved["reader"]["theme"] == "nord"
    service.close()


async def test_unknown_theme_falls_back_and_says_so(tmp_path):
    service = build_service(tmp_path, theme="no-such-theme")
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert app.theme == "brief-dark"
        assert "Theme 'no-such-theme' not found; using brief-dark." in notifications(app)
    service.close()


async def test_keys_table_remaps_keys_in_bindings_and_help(tmp_path):
    service = build_service(tmp_path, keys={"star": "x", "cursor_down": "J", "nope": "z"})
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = story_id(service, "n1")
        await pilot.press("s")
        await settle(pilot)
        assert service.story(first).starred is False
        await pilot.press("x")
        await settle(pilot)
        assert service.story(first).starred is True
        await pilot.press("J")
        assert app.query_one(StoryList).cursor == 1
        assert ("Config keys.nope: unknown action (see the help screen)"
                in notifications(app))
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert any(line.strip().startswith("x ") and "Star or unstar" in line
                   for line in text.splitlines())
    service.close()


async def test_saved_searches_and_groups_are_views(tmp_path):
    service = build_service(tmp_path)
    service.config.searches = {"Chips": "chips"}
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)
        assert [e.label for e in feeds.entries if e.key.startswith("search:")] == ["Chips"]
        feeds.focus()
        feeds.move_to(feeds.index_of("search:Chips"))
        await settle(pilot)
        assert sorted(app.query_one(StoryList).ids) == sorted(
            [story_id(service, "t2"), story_id(service, "t4")])
        feeds.move_to(feeds.index_of("group:News"))
        await settle(pilot)
        assert len(app.query_one(StoryList).ids) == 11
    service.close()


async def test_a_view_that_no_longer_exists_falls_back_to_all(tmp_path):
    service = build_service(tmp_path)
    service.set_state("view", "search:Gone")
    service.set_state("story", "")
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert main_screen(app).view_key == "view:all"
        assert len(app.query_one(StoryList).ids) == 13
    service.close()


async def test_narrow_overlay_closes_when_a_click_moves_focus(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab")
        await pilot.pause()
        feeds = app.query_one(FeedList)
        assert feeds.display
        await pilot.click(StoryList, offset=(60, 2))
        await settle(pilot)
        assert not feeds.display
        assert app.focused is app.query_one(StoryList)
