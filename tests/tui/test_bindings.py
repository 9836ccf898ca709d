"""Every reading key of the registry, pressed on the real app with exact results."""

from __future__ import annotations

import webbrowser

from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from tests.support.sample_data import story_id
from tests.tui.conftest import main_screen, notifications, settle
from tests.tui.test_reader import ORDER


async def test_pagedown_pageup_home_end_g_G(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        page = stories.size.height - 1
        await pilot.press("pagedown")
        assert stories.cursor == page
        await pilot.press("pageup")
        assert stories.cursor == 0
        await pilot.press("end")
        assert stories.cursor == len(ORDER) - 1
        await pilot.press("home")
        assert stories.cursor == 0
        await pilot.press("G")
        assert stories.cursor == len(ORDER) - 1
        await pilot.press("g")
        assert stories.cursor == 0


async def test_n_and_p_open_next_and_previous_unread(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        await pilot.press("n")  # from n1 (row 0): w1 is unread
        await settle(pilot)
        assert stories.cursor == 1
        assert app.query_one(StoryView).story_id == story_id(service, "w1")
        await pilot.press("n")  # t1 unread
        await settle(pilot)
        assert stories.cursor == 2
        await pilot.press("n")  # skips w2 and t2 (read): b1
        await settle(pilot)
        assert stories.cursor == 5
        assert app.query_one(StoryView).story_id == story_id(service, "b1")
        await pilot.press("p")  # back over read w2/t2 and now-read t1, w1: n1
        await settle(pilot)
        assert stories.cursor == 0
        assert app.query_one(StoryView).story_id == story_id(service, "n1")
        await pilot.press("p")
        await settle(pilot)
        assert stories.cursor == 0
        assert notifications(app)[-1] == "No more unread stories in this view."


async def test_space_pages_the_article_then_opens_next_unread(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        stories = app.query_one(StoryList)
        stories.move_to(ORDER.index("t4"))
        await pilot.press("enter")
        await settle(pilot)
        article = app.query_one(StoryView)
        assert article.story_id == story_id(service, "t4")
        assert article.scroll_y == 0
        assert article.max_scroll_y > 0
        await pilot.press("space")
        await settle(pilot)
        assert article.scroll_y > 0
        while not article.at_end:
            await pilot.press("space")
            await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert article.story_id == story_id(service, "b2")


async def test_m_toggles_read(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = story_id(service, "n1")
        assert service.story(first).read is False
        await pilot.press("m")
        await settle(pilot)
        assert service.story(first).read is True
        assert first not in app.query_one(StoryList).unread
        await pilot.press("m")
        await settle(pilot)
        assert service.story(first).read is False
        assert first in app.query_one(StoryList).unread


async def test_shift_m_marks_the_view_read(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert service.count() == (13, 0)
        assert app.query_one(StoryList).unread == set()
        assert notifications(app)[-1] == "Marked 11 stories read."


async def test_s_stars_and_unstars(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        first = story_id(service, "n1")
        await pilot.press("s")
        await settle(pilot)
        assert service.story(first).starred is True
        assert app.query_one(StoryList).row(0).starred is True
        await pilot.press("s")
        await settle(pilot)
        assert service.story(first).starred is False


async def test_f_shows_fetched_full_text(app, service, monkeypatch):
    def fake_fetch(sid):
        service.store.set_fulltext(sid, "ok", "# Whole article\n\nEvery paragraph.",
                                   "Whole article. Every paragraph.")
        return service.story(sid)

    monkeypatch.setattr(service, "fetch_fulltext", fake_fetch)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.story.fulltext_status == "ok"
        body = app.query_one("#story-body")
        assert body.source == "# Whole article\n\nEvery paragraph."
        head = str(app.query_one("#story-head").render())
        assert "Full text fetched from the story's link." in head
        assert notifications(app)[-1] == "Full text fetched."


async def test_f_says_when_full_text_is_unavailable(app, service, monkeypatch):
    def fake_fetch(sid):
        service.store.set_fulltext(sid, "unavailable")
        return service.story(sid)

    monkeypatch.setattr(service, "fetch_fulltext", fake_fetch)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f")
        await settle(pilot)
        head = str(app.query_one("#story-head").render())
        assert "Full text unavailable for this page; showing the feed's text." in head
        assert app.query_one("#story-body").source == "Gas storage is at 94%. Prices fell 12% in October."


async def test_o_opens_the_link_in_a_worker(app, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert opened == ["https://research.example/n1"]


async def test_o_without_a_link_says_so(app, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("end", "o")
        await settle(pilot)
        assert opened == []
        assert notifications(app)[-1] == "This story has no link."


async def test_y_copies_the_link(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "y")
        await settle(pilot)
        assert app.clipboard == "https://news.example/w1"
        assert notifications(app)[-1] == "Copied the link to the clipboard."


async def test_R_refreshes_all_and_reports_the_failing_feed(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert notifications(app)[-1] == (
            "Refreshed 4 feeds: 1 new; 1 failed (Broken Feed).")
        stories = app.query_one(StoryList)
        assert len(stories.ids) == 14
        broken = service.feed("https://broken.example/rss")
        assert broken.failed and broken.story_count == 2


async def test_article_j_k_scroll(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        app.query_one(StoryList).move_to(ORDER.index("t4"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab")
        article = app.query_one(StoryView)
        assert app.focused is article
        await pilot.press("j", "j", "down")
        await settle(pilot)
        assert article.scroll_y == 3
        await pilot.press("k")
        await settle(pilot)
        assert article.scroll_y == 2


async def test_highlights_enter_on_a_tag_shows_its_view(app, service):
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        pane = app.query_one(HighlightsPane)
        assert [(i.kind, i.value) for i in pane.items if not i.is_highlight] == [
            ("tag", "geneva"), ("tag", "world"), ("link", "https://news.example/communique"),
            ("link", "https://news.example/map")]
        pane.focus()
        pane.move_to(next(n for n, row in enumerate(pane.rows) if row[1] and
                          row[1].kind == "tag"))
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).view_key == "tag:geneva"
        assert app.query_one(StoryList).ids == [story_id(service, "w1")]
        assert app.query_one(FeedList).entries[app.query_one(FeedList).cursor].key == "tag:geneva"


async def test_highlights_enter_on_a_link_opens_it(app, monkeypatch):
    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        pane = app.query_one(HighlightsPane)
        pane.focus()
        pane.move_to(next(n for n, row in enumerate(pane.rows) if row[1] and
                          row[1].kind == "tag"))
        await pilot.press("j", "j", "enter")
        await settle(pilot)
        assert opened == ["https://news.example/communique"]


async def test_clicked_links_in_the_article_open_in_the_browser(app, monkeypatch):
    from textual.widgets import Markdown

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        body = app.query_one("#story-body", Markdown)
        body.post_message(Markdown.LinkClicked(body, "https://news.example/map"))
        body.post_message(Markdown.LinkClicked(body, "javascript:alert(1)"))
        await settle(pilot)
        assert opened == ["https://news.example/map"]


async def test_reading_updates_unread_counts_at_once(app, service):
    from brief_tui.tui.widgets.feed_list import FeedList

    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        feeds = app.query_one(FeedList)

        def unread(key):
            return feeds.entries[feeds.index_of(key)].unread

        notes = service.feed("https://research.example/notes.json")
        before = {k: unread(k) for k in ("view:all", "view:unread", "view:today",
                                         f"feed:{notes.id}", "tag:ai")}
        await pilot.press("m")  # n1: Analyst Notes, today, no tags
        await pilot.pause()
        assert unread("view:all") == before["view:all"] - 1
        assert unread("view:unread") == before["view:unread"] - 1
        assert unread("view:today") == before["view:today"] - 1
        assert unread(f"feed:{notes.id}") == before[f"feed:{notes.id}"] - 1
        assert unread("tag:ai") == before["tag:ai"]
        await settle(pilot)
        await pilot.pause(2.5)  # the exact recount agrees
        await settle(pilot)
        assert unread("view:all") == service.count()[1] == before["view:all"] - 1
