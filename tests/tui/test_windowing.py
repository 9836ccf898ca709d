"""The story list loads only the rows it shows, however long the view."""

from __future__ import annotations

from datetime import timedelta

from brief_tui.__main__ import make_app
from brief_tui.domain.models import ParsedEntry, ParsedFeed
from brief_tui.tui.widgets.story_list import PAGE, StoryList
from tests.support.sample_data import NOW, build_service
from tests.tui.conftest import main_screen, settle

MANY = 2000


def big_service(tmp_path):
    service = build_service(tmp_path, empty=True)
    store = service.store
    feed, _ = store.add_feed("https://many.example/feed", now=NOW, title="Many")
    entries = [ParsedEntry(key=f"m{i}", title=f"Story {i}", display_title=f"Story {i}",
                           published=NOW - timedelta(minutes=i), text="x")
               for i in range(MANY)]
    store.apply_parsed(feed.id, ParsedFeed("rss20", "Many", entries=entries), now=NOW)
    return service


async def test_rows_are_loaded_a_page_at_a_time(tmp_path):
    service = big_service(tmp_path)
    requested: list[int] = []
    real = service.rows_by_ids

    def counting(ids):
        requested.extend(ids)
        return real(ids)

    service.rows_by_ids = counting
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert len(stories.ids) == MANY
        assert stories.row_count == MANY
        assert len(requested) <= PAGE  # the first page came with the quick head rows
        await pilot.press("end")
        await pilot.pause()
        assert stories.cursor == MANY - 1
        assert stories.row(MANY - 1).display_title == f"Story {MANY - 1}"
        assert len(requested) <= 3 * PAGE
        assert len(set(requested)) == len(requested)
        await pilot.press("home", "n", "n")
        await settle(pilot)
        assert stories.cursor == 2
        assert len(main_screen(app).query_one(StoryList).unread) == MANY - 2
    service.close()


async def test_view_opens_with_the_head_before_the_full_list(tmp_path):
    service = big_service(tmp_path)
    seen = []
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36), message_hook=lambda m: seen.append(m)) as pilot:
        await settle(pilot)
    unique = list({id(m): m for m in seen}.values())  # a message is seen again as it bubbles
    loads = [(m.partial, len(m.ids)) for m in unique if type(m).__name__ == "StoriesLoaded"]
    assert loads == [(True, 200), (False, MANY)]
    service.close()


async def test_mouse_wheel_scrolls_and_click_opens(tmp_path):
    from textual import events

    service = big_service(tmp_path)
    app = make_app(service=service, seed=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        for _ in range(3):
            await pilot._post_mouse_events([events.MouseScrollDown], StoryList, offset=(5, 3))
        await pilot.pause()
        top = stories.scroll_offset.y
        assert top > 0
        assert stories.cursor == 0
        await pilot.click(StoryList, offset=(5, 3))  # row 2 of the window, under the border
        await settle(pilot)
        assert stories.cursor == top + 2
        assert main_screen(app).story.display_title == f"Story {top + 2}"
    service.close()
