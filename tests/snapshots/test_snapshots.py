"""SVG snapshots of every screen and state, at 120x36 and at 80x24.

Update with ``pytest tests/snapshots --snapshot-update`` after a deliberate change, and look
at the new SVGs (``tests/snapshots/__snapshots__/``) before committing them.
"""

from __future__ import annotations

from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.story_list import StoryList
from tests.snapshots.conftest import SMALL, WIDE, steps
from tests.support.sample_data import BROKEN
from tests.tui.conftest import main_screen, settle


def test_three_panes(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE, run_before=steps())


def test_story_open(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE, run_before=steps("j", "enter"))


def test_long_story_paged(make, snap_compare):
    async def to_long_read(pilot):
        stories = pilot.app.query_one(StoryList)
        stories.move_to(10)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space")

    assert snap_compare(make(), terminal_size=WIDE, run_before=steps(then=to_long_read))


def test_help(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE, run_before=steps("question_mark"))


def test_tag_dialog_with_completion(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE, run_before=steps("t", "g", "e"))


def test_search_results(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE,
                        run_before=steps("slash", *"chips", "enter"))


def test_search_dialog(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE, run_before=steps("slash", *"chips"))


def test_failing_feed(make, snap_compare):
    async def choose_broken(pilot):
        screen = main_screen(pilot.app)
        feed = screen.service.feed(BROKEN)
        feeds = pilot.app.query_one(FeedList)
        feeds.focus()
        feeds.move_to(feeds.index_of(f"feed:{feed.id}"))

    assert snap_compare(make(), terminal_size=WIDE, run_before=steps(then=choose_broken))


def test_add_dialog(make, snap_compare):
    assert snap_compare(make(), terminal_size=WIDE,
                        run_before=steps("a", *"https://new.example/feed.xml"))


def test_empty_state(make, snap_compare):
    assert snap_compare(make(empty=True), terminal_size=WIDE, run_before=steps())


def test_light_theme(make, snap_compare):
    assert snap_compare(make(theme="brief-light"), terminal_size=WIDE,
                        run_before=steps("j", "enter"))


def test_small_terminal(make, snap_compare):
    assert snap_compare(make(), terminal_size=SMALL, run_before=steps("j", "enter"))


def test_small_terminal_feed_pane(make, snap_compare):
    assert snap_compare(make(), terminal_size=SMALL, run_before=steps("shift+tab"))


def test_small_terminal_help(make, snap_compare):
    assert snap_compare(make(), terminal_size=SMALL, run_before=steps("question_mark"))
