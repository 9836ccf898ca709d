"""The export dialog: scopes, one file or one per story, overwrite confirmation."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, RadioSet

from brief_tui.export import ExportSelection
from brief_tui.tui.screens.ask import ConfirmScreen
from brief_tui.tui.screens.export import ExportScreen
from brief_tui.tui.widgets.story_list import StoryList
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, notifications, settle
from tests.tui.test_reader import ORDER


def expected_file(service, selection) -> str:
    """The file name the service gives an unsplit export of ``selection``."""
    _, files = service.render_export(selection)
    return files[0][0]


async def open_w2_export(pilot):
    await settle(pilot)
    pilot.app.query_one(StoryList).move_to(ORDER.index("w2"))
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)


async def test_e_exports_the_open_story(app, service, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert dialog.scope == "story"
        assert dialog.query_one("#export-out", Input).value == f"{tmp_path / 'exports'}/"
        assert dialog.query_one("#export-template", Input).value == "default"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        w2 = story_id(service, "w2")
        path = tmp_path / "exports" / expected_file(service, ExportSelection.of_ids([w2]))
        assert notifications(app)[-1] == f"Exported to {path}"
        text = path.read_text("utf-8")
        assert "Central bank holds rates at 4.25%" in text
        assert "Maria Lopez" in text


async def test_the_list_exports_one_file_per_story(app, service, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        await pilot.press("down", "enter")  # the list
        assert app.screen.scope == "list"
        await pilot.press("tab", "tab", "space")
        assert app.screen.query_one(Checkbox).value is True
        await pilot.press("ctrl+s")
        await settle(pilot)
        ids = app.query_one(StoryList).ids
        stem, _ = service.render_export(ExportSelection.of_ids(ids), split=True)
        written = sorted((tmp_path / "exports" / stem).glob("*.md"))
        assert len(written) == 13
        message = notifications(app)[-1]
        assert message.startswith(f"Exported 13 files to {tmp_path / 'exports' / stem}: ")
        assert message.endswith(" and 9 more")


async def test_an_existing_file_is_overwritten_only_after_asking(app, service, tmp_path):
    w2 = story_id(service, "w2")
    path = tmp_path / "exports" / expected_file(service, ExportSelection.of_ids([w2]))
    path.parent.mkdir()
    path.write_text("keep me", "utf-8")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#confirm-question").render()) == \
            f"{path} already exists. Overwrite it?"
        await pilot.press("n")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert path.read_text("utf-8") == "keep me"
        assert notifications(app)[-1] == "Nothing was exported."
        await pilot.press("e", "ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Central bank holds rates at 4.25%" in path.read_text("utf-8")
        assert notifications(app)[-1] == f"Exported to {path}"


async def test_a_tag_export_needs_a_tag(app, service, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        dialog = app.screen
        await pilot.press("down", "down", "enter")
        assert dialog.scope == "tag"
        assert app.focused is dialog.query_one("#export-tag", Input)
        await pilot.press("ctrl+s")
        assert app.screen is dialog
        assert str(dialog.query_one("#export-error").render()) == "Type the tag to export."
        await pilot.press(*"world", "enter")
        await settle(pilot)
        path = tmp_path / "exports" / expected_file(service, ExportSelection.of_tag("world"))
        assert path.name == "tag-world.md"
        assert notifications(app)[-1] == f"Exported to {path}"


async def test_the_search_and_today_scopes(app, service, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main_screen(app).switch_view("query:chips")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        radios = dialog.query_one(RadioSet)
        assert [b.disabled for b in radios.query("RadioButton")] == [False] * 5
        assert str(dialog.query_one("#scope-search").label) == "The search: chips"
        await pilot.press("down", "down", "down", "enter", "ctrl+s")
        await settle(pilot)
        assert notifications(app)[-1] == f"Exported to {tmp_path / 'exports' / 'search-chips.md'}"
        await pilot.press("e", "down", "down", "down", "down", "enter", "ctrl+s")
        await settle(pilot)
        assert notifications(app)[-1] == \
            f"Exported to {tmp_path / 'exports' / 'brief-2026-11-20.md'}"


async def test_a_typed_file_name_is_used(app, service, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        app.screen.query_one("#export-out", Input).value = str(tmp_path / "mine.md")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (tmp_path / "mine.md").read_text("utf-8").startswith("---\n")
        assert notifications(app)[-1] == f"Exported to {tmp_path / 'mine.md'}"


async def test_escape_exports_nothing(app, tmp_path):
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert not (tmp_path / "exports").exists()


async def test_enter_on_the_chosen_scope_exports(app, service, tmp_path):
    """Enter on another scope chooses it; enter on the chosen one exports (as the hint says),
    also right after the dialog opens."""
    async with app.run_test(size=(120, 36)) as pilot:
        await open_w2_export(pilot)
        assert app.focused is app.screen.query_one(RadioSet)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        w2 = story_id(service, "w2")
        path = tmp_path / "exports" / expected_file(service, ExportSelection.of_ids([w2]))
        assert notifications(app)[-1] == f"Exported to {path}"
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("down", "enter")
        assert app.screen is dialog and dialog.scope == "list"
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        ids = app.query_one(StoryList).ids
        path = tmp_path / "exports" / expected_file(service, ExportSelection.of_ids(ids))
        assert notifications(app)[-1] == f"Exported to {path}"
