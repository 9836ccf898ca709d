"""Search as you type: debounced previews, inline query errors, marks, saved views."""

from __future__ import annotations

from textual.widgets import Input

from brief_tui.domain.query import match_spans
from brief_tui.tui.screens import search as search_module
from brief_tui.tui.screens.ask import ConfirmScreen, PromptScreen
from brief_tui.tui.screens.search import SearchScreen
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.reading import ReadingText
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, notifications, settle

PAUSE = search_module.DEBOUNCE + 0.15


async def typed(pilot, text: str) -> None:
    """Type ``text`` in one burst, then let the debounce fire and the search finish."""
    await pilot.press(*text)
    await pilot.pause(PAUSE)
    await settle(pilot)


async def test_results_are_listed_while_typing(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "chips")
        assert isinstance(app.screen, SearchScreen)
        screen = main_screen(app)
        assert screen.view_key == "query:chips*"  # the word being typed is a prefix
        stories = app.query_one(StoryList)
        assert stories.ids == [story_id(service, "t2"), story_id(service, "t4")]
        assert stories.terms == ["chips*"]
        assert str(stories.border_title) == "Search: chips* · 2 found"
        assert service.get_state("view") is None  # previews are not remembered
        await typed(pilot, " ")  # a finished word is searched as typed
        assert screen.view_key == "query:chips"
        assert stories.ids == [story_id(service, "t2"), story_id(service, "t4")]
        await pilot.press("enter")  # keeps what is shown
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert app.focused is stories
        assert screen.view_key == "query:chips"
        assert str(stories.border_title) == "Search: chips · 2 found"
        assert screen.last_query == "chips"


async def test_an_unfinished_word_finds_longer_words(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "cease")
        assert main_screen(app).view_key == "query:cease*"
        assert app.query_one(StoryList).ids == [story_id(service, "w1")]
        await typed(pilot, "fire")
        assert main_screen(app).view_key == "query:ceasefire*"
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).view_key == "query:ceasefire*"
        assert main_screen(app).last_query == "ceasefire*"
        assert app.query_one(StoryList).ids == [story_id(service, "w1")]


async def test_typing_fast_searches_once_after_the_pause(app, monkeypatch):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        seen = []
        real = screen.preview_search
        monkeypatch.setattr(screen, "preview_search", lambda q: seen.append(q) or real(q))
        await pilot.press("slash")
        await settle(pilot)
        await typed(pilot, "supply chip")
        assert seen == ["supply chip*"]
        await typed(pilot, "s ")
        assert seen == ["supply chip*", "supply chips"]
        assert screen.view_key == "query:supply chips"


async def test_a_bad_query_is_explained_inline_with_its_column(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "chips colour:red")
        dialog = app.screen
        error = dialog.query_one("#search-error")
        assert error.display is True
        assert str(error.render()) == 'Column 7: unknown filter "colour:" (colour:)'
        assert dialog.marker.span == (6, 13)
        assert main_screen(app).view_key == "view:all"
        await pilot.press("enter")  # an invalid query is not accepted
        await settle(pilot)
        assert app.screen is dialog
        for _ in range(len("colour:red")):
            await pilot.press("backspace")
        await typed(pilot, "")
        assert error.display is False
        assert main_screen(app).view_key == "query:chips"


async def test_escape_goes_back_to_the_view_searched_from(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "geneva")
        assert main_screen(app).view_key == "query:geneva*"
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert main_screen(app).view_key == "view:all"
        assert len(app.query_one(StoryList).ids) == 13
        assert app.query_one(StoryList).terms == []


async def test_matches_are_marked_in_titles_and_the_article(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "chips ")  # finished: searched as typed
        await pilot.press("enter", "j", "enter")
        await settle(pilot)
        stories = app.query_one(StoryList)
        width = stories.scrollable_content_region.width
        strip = stories.render_row(1, width, False)
        mark = stories.style("match")
        assert [seg.text for seg in strip if seg.style and seg.style.underline
                and seg.style.color == mark.color] == ["chip", "chip"]
        article = app.query_one(StoryView)
        assert article.reading is True  # a search shows its matches in reading mode
        t4 = service.story(story_id(service, "t4"))
        text = app.query_one(ReadingText)
        assert text.matches.spans == match_spans(t4.text, ["chips"])
        assert len(text.matches.spans) == 24
        await pilot.press("escape")  # leaving the search leaves reading mode again
        await settle(pilot)
        assert article.reading is False
        assert service.get_state("reading") is None


async def test_ctrl_s_saves_the_search_as_a_view(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "chips")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert len(app.screen_stack) == 3
        await pilot.press(*"Chip watch", "enter")
        await settle(pilot)
        assert len(app.screen_stack) == 1
        assert service.saved_searches() == [("Chip watch", "chips*")]  # as shown
        screen = main_screen(app)
        assert screen.view_key == "search:Chip watch"
        feeds = app.query_one(FeedList)
        entry = feeds.entries[feeds.index_of("search:Chip watch")]
        assert (entry.label, entry.unread, entry.count) == ("Chip watch", 1, 2)
        assert feeds.entries[feeds.cursor].key == "search:Chip watch"
        assert notifications(app)[-1] == "Saved the search as the view “Chip watch”."
        assert app.query_one(StoryList).terms == ["chips*"]


async def test_S_saves_and_D_deletes_a_view(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await typed(pilot, "geneva")
        await pilot.press("enter", "S")
        await settle(pilot)
        assert isinstance(app.screen, PromptScreen)
        assert app.screen.query_one(Input).value == ""
        await pilot.press(*"Talks", "enter")
        await settle(pilot)
        assert service.saved_searches() == [("Talks", "geneva*")]
        assert main_screen(app).view_key == "search:Talks"
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert str(app.screen.query_one("#confirm-question").render()) == \
            "Delete the saved search “Talks”? Stories are kept."
        await pilot.press("n")
        await settle(pilot)
        assert service.saved_searches() == [("Talks", "geneva*")]
        await pilot.press("D", "y")
        await settle(pilot)
        assert service.saved_searches() == []
        assert main_screen(app).view_key == "view:all"
        assert notifications(app)[-1] == "Deleted the saved search “Talks”."
        assert app.query_one(FeedList).index_of("search:Talks") is None


async def test_S_and_D_outside_a_search_say_what_to_do(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        assert notifications(app)[-1] == "Search first (/); then S saves the search as a view."
        await pilot.press("D")
        assert notifications(app)[-1] == \
            "Choose a saved search in the feed pane first (tags: T)."
        assert len(app.screen_stack) == 1
