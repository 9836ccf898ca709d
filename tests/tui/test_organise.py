"""The tag manager, tagging a feed, and same-story clusters, on the real app."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from brief_tui.__main__ import make_app
from brief_tui.tui.screens.ask import ConfirmScreen, PromptScreen
from brief_tui.tui.screens.tag import TagScreen
from brief_tui.tui.screens.tag_manager import TagList, TagManagerScreen
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.story_list import StoryList
from tests.support.sample_data import TECH, build_service, story_id
from tests.tui.conftest import main_screen, notifications, settle


def tag_keys(app) -> list[str]:
    return [e.key for e in app.query_one(FeedList).entries if e.key.startswith("tag:")]


async def test_T_lists_tags_and_r_renames_one(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TagManagerScreen)
        tags = app.screen.query_one(TagList)
        assert [e.tag for e in tags.entries] == ["ai", "geneva", "world"]
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        field = app.screen.query_one(Input)
        assert field.value == "ai"
        field.value = "ml"
        await pilot.press("enter")
        await settle(pilot)
        assert [t.tag for t in service.tag_summary()] == ["geneva", "ml", "world"]
        assert notifications(app)[-1] == "Renamed ai to ml: 1 story, 0 feeds."
        assert [e.tag for e in tags.entries] == ["geneva", "ml", "world"]
        assert tags.current_tag == "ml"
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert tag_keys(app) == ["tag:geneva", "tag:ml", "tag:world"]


async def test_space_marks_tags_and_m_merges_them(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("space", "space")  # marks ai, then geneva
        assert app.screen.query_one(TagList).marked == {"ai", "geneva"}
        await pilot.press("m")
        await settle(pilot)
        assert str(app.screen.query_one("#prompt-subject").render()) == \
            "Merge ai, geneva into:"
        await pilot.press(*"world", "enter")
        await settle(pilot)
        assert [(t.tag, t.stories) for t in service.tag_summary()] == [("world", 2)]
        assert service.story(story_id(service, "t3")).tags == ("world",)
        assert notifications(app)[-1] == "Merged ai, geneva into world: 2 stories, 0 feeds."
        await pilot.press("escape")
        await settle(pilot)
        assert tag_keys(app) == ["tag:world"]


async def test_d_deletes_a_tag_after_asking(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        await pilot.press("j", "d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#confirm-question").render()) == \
            "Remove the tag “geneva” from 1 story and 0 feeds?"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TagManagerScreen)
        assert [t.tag for t in service.tag_summary()] == ["ai", "geneva", "world"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert [t.tag for t in service.tag_summary()] == ["ai", "world"]
        assert notifications(app)[-1] == "Removed the tag geneva from 1 story and 0 feeds."
        await pilot.press("escape")
        await settle(pilot)
        assert main_screen(app).screen is main_screen(app)
        assert tag_keys(app) == ["tag:ai", "tag:world"]


async def test_escape_without_changes_dismisses_false(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        results = []
        from brief_tui.tui.screens.tag_manager import TagManagerScreen as Manager

        screen = main_screen(app)
        await app.push_screen(Manager(screen.service, screen.writer), results.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [False]


async def test_ctrl_t_tags_the_feed_of_the_view(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        tech = service.feed(TECH)
        main_screen(app).switch_view(f"feed:{tech.id}")
        await settle(pilot)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        assert str(app.screen.query_one("#tag-story").render()) == "Tech Daily"
        assert str(app.screen.query_one("#dialog").border_title) == "Tag feed"
        await pilot.press(*"hardware", "enter")
        await settle(pilot)
        assert service.feed(TECH).tags == ("hardware",)
        assert notifications(app)[-1] == "Tags of the feed Tech Daily: hardware."
        feeds = app.query_one(FeedList)
        entry = feeds.entries[feeds.index_of("tag:hardware")]
        assert (entry.count, entry.unread) == (4, 3)


async def test_t_in_the_feed_pane_on_a_feed_tags_the_feed(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)
        tech = service.feed(TECH)
        feeds.focus()
        feeds.move_to(feeds.index_of(f"feed:{tech.id}"))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert str(app.screen.query_one("#dialog").border_title) == "Tag feed"
        await pilot.press(*"chips", "enter")
        await settle(pilot)
        assert service.feed(TECH).tags == ("chips",)


@pytest.fixture
def cluster_app(tmp_path):
    service = build_service(tmp_path, clusters=True)
    yield make_app(service=service, seed=False), service
    service.close()


def row_text(stories: StoryList, index: int) -> str:
    width = stories.scrollable_content_region.width
    return "".join(seg.text for seg in stories.render_row(index, width, False))


async def test_clusters_are_listed_once_and_z_expands_them(cluster_app):
    app, service = cluster_app
    c1, c2, w1 = (story_id(service, k) for k in ("c1", "c2", "w1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert c1 in stories.ids and c2 not in stories.ids and w1 not in stories.ids
        assert len(stories.ids) == 13
        index = stories.ids.index(c1)
        assert row_text(stories, index).startswith("●  Ceasefire talks resume in Geneva ")
        assert " 3 sources Wire Service " in row_text(stories, index)
        stories.move_to(index)
        await pilot.press("z")
        await settle(pilot)
        assert stories.ids[index:index + 3] == [c1, c2, w1]
        assert row_text(stories, index + 1).startswith("●  ↳ Ceasefire talks resume in Geneva")
        assert row_text(stories, index + 2).startswith("●★ ↳ Ceasefire talks resume in Geneva")
        assert stories.cursor == index
        await pilot.press("j", "j", "z")  # on a source: hides the cluster again
        await settle(pilot)
        assert len(stories.ids) == 13
        assert stories.current_id == c1


async def test_Z_lists_every_story_and_is_remembered(cluster_app):
    app, service = cluster_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("Z")
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert len(stories.ids) == 15
        assert notifications(app)[-1] == \
            "Every story is listed, also each source of the same story."
        assert service.get_state("collapse") == "0"
        await pilot.press("z")
        assert notifications(app)[-1] == \
            "Every source is listed already (Z lists each story once)."
        await pilot.press("Z")
        await settle(pilot)
        assert len(stories.ids) == 13
        assert service.get_state("collapse") == "1"


async def test_z_on_a_single_story_says_so(cluster_app):
    app, _ = cluster_app
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("z")
        assert notifications(app)[-1] == "This story has no other sources."


async def test_opening_a_cluster_marks_every_source_read(cluster_app):
    app, service = cluster_app
    c1, c2, w1 = (story_id(service, k) for k in ("c1", "c2", "w1"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        stories.move_to(stories.ids.index(c1))
        await pilot.press("enter")
        await settle(pilot)
        assert [service.story(i).read for i in (c1, c2, w1)] == [True, True, True]
        assert c1 not in stories.unread
