"""Tag, search, add, help and the command palette: screen stack and dismiss results."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Input

from brief_tui.tui.screens.add import AddScreen
from brief_tui.tui.screens.help import HelpScreen
from brief_tui.tui.screens.search import SearchScreen
from brief_tui.tui.screens.tag import TagScreen, TagSuggester
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.story_list import StoryList
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, notifications, settle


async def test_t_opens_the_tag_dialog_and_tags(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        assert len(app.screen_stack) == 2
        await pilot.press(*"Policy ai", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        first = story_id(service, "n1")
        assert service.story(first).tags == ("ai", "policy")
        assert app.query_one(StoryList).row(0).tags == ("ai", "policy")
        tag_keys = [e.key for e in app.query_one(FeedList).entries if e.key.startswith("tag:")]
        assert tag_keys == ["tag:ai", "tag:geneva", "tag:policy", "tag:world"]


async def test_tag_dialog_minus_removes_a_tag(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "t")
        await settle(pilot)
        await pilot.press(*"-geneva", "enter")
        await settle(pilot)
        assert service.story(story_id(service, "w1")).tags == ("world",)


async def test_tag_dialog_completes_existing_tags(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("g", "e")
        await settle(pilot)
        await pilot.press("tab")
        assert app.screen.query_one(Input).value == "geneva"
        await pilot.press("enter")
        await settle(pilot)
        assert service.story(story_id(service, "n1")).tags == ("geneva",)


async def test_tag_dialog_escape_changes_nothing(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*"zzz", "escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert service.story(story_id(service, "n1")).tags == ()


async def test_tag_suggester_completes_the_last_word_and_keeps_minus():
    suggester = TagSuggester(["geneva", "world", "ai"])
    assert await suggester.get_suggestion("ai wo") == "ai world"
    assert await suggester.get_suggestion("-gen") == "-geneva"
    assert await suggester.get_suggestion("world") is None
    assert await suggester.get_suggestion("ai ") is None


async def test_slash_searches_and_escape_goes_back(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"chips", "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert len(app.screen_stack) == 1
        assert screen.view_key == "query:chips*"  # an unfinished last word is a prefix
        stories = app.query_one(StoryList)
        assert sorted(stories.ids) == sorted([story_id(service, "t2"), story_id(service, "t4")])
        assert str(stories.border_title) == "Search: chips* · 2 found"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.view_key == "view:all"
        assert len(stories.ids) == 13


async def test_search_that_finds_nothing_shows_an_empty_list(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"zebra", "enter")
        await settle(pilot)
        stories = app.query_one(StoryList)
        assert stories.ids == []
        assert stories.cursor == -1
        assert str(stories.border_title) == "Search: zebra* · 0 found"


async def test_a_adds_a_feed_url(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddScreen)
        await pilot.press(*"https://new.example/feed.xml", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert notifications(app)[-1] == "Subscribed to New Feed: 1 stories."
        assert service.feed("https://new.example/feed.xml").story_count == 1
        assert len(app.query_one(StoryList).ids) == 14


async def test_a_reports_a_failure(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a", *"https://broken.example/other", "enter")
        await settle(pilot)
        assert notifications(app)[-1].startswith("Add: https://broken.example/other")
        assert len(service.feeds()) == 4


async def test_a_imports_a_file_path(app, service, tmp_path):
    path = tmp_path / "notes.xml"  # titled: imports parse it for real (not service.parse)
    path.write_bytes(b'<rss version="2.0"><channel><title>Feed</title></channel></rss>')
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        app.screen.query_one(Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        assert notifications(app)[-1] == "Imported Feed: 0 stories."
        assert len(service.feeds()) == 5


async def test_question_mark_shows_help_and_closes(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "Star or unstar the story" in text
        assert "Reading" in text and "Everywhere" in text
        await pilot.press("escape")
        assert len(app.screen_stack) == 1
        await pilot.press("question_mark", "q")
        assert len(app.screen_stack) == 1
        assert app.is_running


async def test_ctrl_p_palette_runs_a_reader_action(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Star or unstar")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert service.story(story_id(service, "n1")).starred is True


async def test_keys_typed_right_after_slash_go_into_the_search_box(app, service):
    from textual import events

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        for key, char in [("slash", "/"), ("c", "c"), ("h", "h"), ("i", "i"), ("p", "p"),
                          ("s", "s"), ("enter", "\r")]:
            app.post_message(events.Key(key, char))  # one burst, as a fast typist sends it
        await settle(pilot)
        assert main_screen(app).view_key == "query:chips*"
        assert len(app.query_one(StoryList).ids) == 2


async def test_the_palette_shows_keys_as_the_help_screen_does(app):
    """Keys are shown as typed (``/``, ``]``, ``?``), not by their key names."""
    from brief_tui.tui.actions import BY_ID
    from brief_tui.tui.commands import ReaderCommands

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = ReaderCommands(main_screen(app))
        shown = {action_id: provider._keys(BY_ID[action_id])
                 for action_id in ("search", "next_sentence", "previous_paragraph", "help",
                                   "grow_pane", "star")}
        assert shown == {"search": "Search (/)", "next_sentence": "Next sentence (])",
                         "previous_paragraph": "Prev paragraph ({)",
                         "help": "Help (?, f1)", "grow_pane": "Grow (+, =)",
                         "star": "Star (s)"}
