"""Pure parts of the TUI: the action registry, feed pane rows, Markdown chunks, dates."""

from __future__ import annotations

from datetime import UTC, datetime

from brief_tui.domain.models import Feed
from brief_tui.service import View
from brief_tui.domain.filters import StoryFilter
from brief_tui.tui.actions import ACTIONS, BY_ID, bindings, check_keymap, effective_keys
from brief_tui.tui.commands import palette_actions
from brief_tui.tui.widgets.feed_list import FEED, GROUP, HEADING, REASON, VIEW, build_entries
from brief_tui.tui.widgets.story_list import format_date
from brief_tui.tui.widgets.story_view import human_size, split_markdown

BRIEF_KEYS = {"cursor_down": "j,down", "cursor_up": "k,up", "open": "enter",
              "next_pane": "tab", "previous_pane": "shift+tab", "next_unread": "n",
              "previous_unread": "p", "page_down": "space", "toggle_read": "m", "star": "s",
              "tag": "t", "search": "slash", "refresh": "r", "refresh_all": "R",
              "fulltext": "f", "open_link": "o", "copy_link": "y", "add": "a",
              "help": "question_mark,f1", "command_palette": "ctrl+p", "quit": "q"}


def test_registry_has_the_documented_default_keys():
    assert {k: BY_ID[k].keys for k in BRIEF_KEYS} == BRIEF_KEYS
    assert len({spec.id for spec in ACTIONS}) == len(ACTIONS)


def test_bindings_carry_registry_ids():
    main = bindings("main")
    assert [b.id for b in main] == [s.id for s in ACTIONS if s.scope == "main"]
    star = next(b for b in main if b.id == "star")
    assert (star.key, star.action, star.description) == ("s", "star", "Star")


def test_check_keymap_keeps_known_ids_and_reports_the_rest():
    keymap, problems = check_keymap({"star": " x , S ", "bogus": "z", "tag": " "})
    assert keymap == {"star": "x,S"}
    assert problems == ["keys.bogus: unknown action (see the help screen)",
                        "keys.tag: no keys given"]
    assert effective_keys(BY_ID["star"], keymap) == ["x", "S"]
    assert effective_keys(BY_ID["tag"], keymap) == ["t"]


def test_palette_offers_reader_and_app_actions_but_not_cursor_moves():
    ids = [spec.id for spec in palette_actions()]
    assert "star" in ids and "refresh_all" in ids and "help" in ids
    assert "cursor_down" not in ids and "command_palette" not in ids


def test_feed_pane_rows():
    feeds = [Feed(1, "https://a/feed", title="Alpha", group="News", unread_count=3),
             Feed(2, "https://b/feed", title="Beta", group="News", last_status="error",
                  error_category="network", error="https://b/feed: connection refused"),
             Feed(3, "https://c/feed", title="Gamma", unread_count=1)]
    views = [View("all", "All", StoryFilter(), 4, 4), View("unread", "Unread", StoryFilter(), 4, 4),
             View("tag", "ai", StoryFilter(tag="ai"), 1, 0)]
    rows = build_entries(feeds, views)
    assert [(r.kind, r.key, r.label, r.unread) for r in rows] == [
        (HEADING, "", "Views", 0), (VIEW, "view:all", "All", 4),
        (VIEW, "view:unread", "Unread", 4), (HEADING, "", "Tags", 0),
        (VIEW, "tag:ai", "ai", 0), (HEADING, "", "Feeds", 0),
        (GROUP, "group:News", "News", 3), (FEED, "feed:1", "Alpha", 3),
        (FEED, "feed:2", "Beta", 0), (REASON, "", "network: connection refused", 0),
        (FEED, "feed:3", "Gamma", 1)]
    assert rows[8].failed is True


def test_split_markdown_cuts_at_blank_lines_outside_fences():
    text = "a" * 50 + "\n\n```\nx\n\ny\n```\n\n" + "b" * 50 + "\n\nc\n"
    chunks = split_markdown(text, first=10, size=10)
    assert "".join(chunks) == text
    assert chunks[0] == "a" * 50 + "\n\n"
    assert chunks[1] == "```\nx\n\ny\n```\n\n"
    assert split_markdown("") == [""]


def test_dates_and_sizes():
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert format_date(datetime(2026, 11, 19, 16, 5, tzinfo=UTC), now) == "19 Nov 16:05"
    assert format_date(datetime(2025, 1, 2, 3, 4, tzinfo=UTC), now) == "02 Jan 2025"
    assert format_date(None, now) == ""
    assert human_size(12_300_000) == "12.3 MB"
    assert human_size(512) == "512 B"
    assert human_size(None) == ""
