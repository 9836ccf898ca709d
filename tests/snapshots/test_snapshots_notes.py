"""SVG snapshots of highlights, reading mode, notes, export, live search, saved views, the tag
manager and clusters, at 120x36 and (the busiest states) at 80x24.

Update with ``pytest tests/snapshots --snapshot-update`` after a deliberate change, and look
at the new SVGs (``tests/snapshots/__snapshots__/``) before committing them.
"""

from __future__ import annotations

import pytest

from brief_tui.export import ExportSelection
from brief_tui.tui import messages as msg
from brief_tui.tui.screens.export import ExportRequest
from brief_tui.tui.widgets.story_list import StoryList
from tests.snapshots.conftest import EXPORTS, SMALL, WIDE, steps
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, settle
from tests.tui.test_reader import ORDER

SIZES = pytest.mark.parametrize("size", [WIDE, SMALL], ids=["wide", "small"])


def open_rates(*keys, text: str = ""):
    """Open w2 (every highlight kind), press ``keys`` (settling after each), then type
    ``text`` in one go."""
    async def run(pilot):
        pilot.app.query_one(StoryList).move_to(ORDER.index("w2"))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if text:
            await pilot.press(*text)
            await settle(pilot)

    return run


@SIZES
def test_highlights_pane(make, snap_compare, size):
    keys = ("shift+tab",) if size == SMALL else ("tab", "tab")
    assert snap_compare(make(), terminal_size=size,
                        run_before=steps(then=open_rates(*keys)))


@SIZES
def test_reading_mode_cursor_and_highlight(make, snap_compare, size):
    keys = ("v", "right_square_bracket", "h", "right_curly_bracket")
    assert snap_compare(make(), terminal_size=size, run_before=steps(then=open_rates(*keys)))


@SIZES
def test_note_dialog(make, snap_compare, size):
    keys = ("v", "right_square_bracket", "c")
    assert snap_compare(make(), terminal_size=size,
                        run_before=steps(then=open_rates(*keys, text="Check the ECB minutes")))


@SIZES
def test_export_dialog(make, snap_compare, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps(then=open_rates("e")))


def test_export_overwrite_confirm(make, snap_compare):
    async def exists(pilot):
        screen = main_screen(pilot.app)
        request = ExportRequest("story", ExportSelection.of_ids([screen.story.id]), False, "",
                                "")
        screen.post_message(msg.ExportExists(
            request, str(EXPORTS / "central-bank-holds-rates-at-4-25.md")))

    async def run(pilot):
        await open_rates()(pilot)
        await exists(pilot)

    assert snap_compare(make(), terminal_size=WIDE, run_before=steps(then=run))


@SIZES
def test_search_as_you_type(make, snap_compare, size):
    async def typed(pilot):
        await pilot.press(*"chips")
        await pilot.pause(0.35)

    assert snap_compare(make(), terminal_size=size, run_before=steps("slash", then=typed))


def test_saved_view_in_feed_pane(make, snap_compare):
    app = make()
    service = app.service
    service.save_search("Chip watch", "chips")
    service.set_state("view", "search:Chip watch")
    assert snap_compare(app, terminal_size=WIDE, run_before=steps())


@SIZES
def test_tag_manager(make, snap_compare, size):
    assert snap_compare(make(), terminal_size=size, run_before=steps("T", "space"))


def test_expanded_cluster(make, snap_compare):
    app = make(clusters=True)
    c1 = story_id(app.service, "c1")

    async def expand(pilot):
        stories = pilot.app.query_one(StoryList)
        stories.move_to(stories.index_of(c1))
        await settle(pilot)
        await pilot.press("z")

    assert snap_compare(app, terminal_size=WIDE, run_before=steps(then=expand))
