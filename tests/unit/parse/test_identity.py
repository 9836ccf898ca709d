"""Entry keys, duplicate handling, display titles and author names."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from brief_tui.domain.models import Enclosure, ParsedEntry
from brief_tui.parse.identity import (
    UNTITLED, assign_keys, author_name, author_names, display_title, synthetic_key,
)

WHEN = datetime(2024, 5, 6, 10, tzinfo=UTC)


def entry(key, link=None, title="", text="", published=None):
    return ParsedEntry(key=key, link=link, title=title, text=text, published=published)


def test_synthetic_key_uses_link_and_date_then_title_then_content():
    a = synthetic_key("https://e.com/poll", WHEN, "Poll results", "")
    b = synthetic_key("https://e.com/poll", datetime(2024, 5, 7, 10, tzinfo=UTC), "Poll results",
                      "")
    assert a != b and a.startswith("sha1:") and len(a) == 45
    assert synthetic_key("https://e.com/poll", WHEN, "other title", "") == a  # date wins
    assert synthetic_key("https://e.com/x", None, "One", "") != synthetic_key(
        "https://e.com/x", None, "Two", "")
    assert synthetic_key(None, None, "", "body one") != synthetic_key(None, None, "", "body two")
    assert synthetic_key(None, None, "", "same") == synthetic_key(None, None, "", "same")


def test_assign_keys_disambiguates_by_link_and_drops_exact_duplicates():
    kept = assign_keys([
        entry("g", "https://e.com/a", "A"),
        entry("g", "https://e.com/b", "B"),
        entry("g", "https://e.com/a", "A"),          # exact duplicate of the first
        entry("u", "https://e.com/u", "U"),
    ])
    digest = hashlib.sha1(b"https://e.com/b").hexdigest()[:12]
    assert [(e.key, e.title) for e in kept] == [("g", "A"), (f"g#{digest}", "B"), ("u", "U")]


def test_assign_keys_keeps_posts_sharing_guid_and_link_with_different_dates():
    later = datetime(2024, 5, 6, 10, 5, tzinfo=UTC)
    kept = assign_keys([entry("g", "https://e.com/day", "", "one", WHEN),
                        entry("g", "https://e.com/day", "", "two", later)])
    assert len(kept) == 2 and kept[0].key == "g" and kept[1].key.startswith("g#")


def test_assign_keys_is_deterministic():
    def build():
        return [e.key for e in assign_keys([entry("g", "https://e.com/a"),
                                            entry("g", "https://e.com/b"),
                                            entry("sha1:x", None, "t", "1"),
                                            entry("sha1:x", None, "t", "2")])]
    assert build() == build()
    assert len(set(build())) == 4


def test_display_title_falls_back_to_text_then_enclosure_then_untitled():
    assert display_title("  Real  title ", "body") == "Real title"
    long_text = "word " * 40
    shortened = display_title("", long_text)
    assert len(shortened) <= 80 and shortened.endswith("…") and shortened.startswith("word word")
    assert display_title("", "Short post.\n\nSecond paragraph") == "Short post. Second paragraph"
    assert display_title("", "", [Enclosure("https://e.com/media/Episode%2012.mp3")]) == (
        "Episode 12.mp3")
    assert display_title("", "", []) == UNTITLED
    assert display_title("\x1b[31m", "") == UNTITLED


def test_author_name_never_an_address():
    assert author_name("name@example.com (Jane Doe)") == "Jane Doe"
    assert author_name("Jane Doe <jane@example.com>") == "Jane Doe"
    assert author_name('"Jane Doe" <jane@example.com>') == "Jane Doe"
    assert author_name("mailto:jane@example.com") == ""
    assert author_name("jane@example.com") == ""  # a bare address is dropped, not guessed
    assert author_name("Jane Doe") == "Jane Doe"
    assert author_name("Jane\x1b[8m Doe") == "Jane Doe"
    assert author_names(["Jane Doe", "jane@example.com (Jane Doe)", "bob@example.com", None,
                         "Bob"]) == ("Jane Doe", "Bob")
