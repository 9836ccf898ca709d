"""A small cache with known content for search tests.

Feeds (ids 1-3) and stories (ids 1-7, inserted in this order)::

    feed 1 "Reuters Business" https://www.reuters.com/business/rss   group Wires
      1  2026-11-28  "Mistral raises funding for data center"   Jane Smith   tags ai; fulltext ok
      2  2026-11-20  "Nvidia and AMD compete on chips"          Bob Jones    tags ai chips; read;
                                                                             highlighted
      3  2026-10-01  "Oil prices fall"                          Ann Smithers tags energy; read;
                                                                             starred
    feed 2 "Sports Daily" https://sports.example.com/feed       group Sport, feed tag sports
      4  2026-11-27  "Energy drinks sponsor the final"
      5  2026-11-29 08:00 "Cup final report"                                 read
    feed 3 "AI Weekly Podcast" https://pod.example.net/ai.xml   group Podcasts
      6  2026-11-25  "Episode 12: Mistral's new model"  enclosure            starred
      7  2026-11-10  "Episode 11: AMD interview"        enclosure
                                                          note "ask about energy use"
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed
from brief_tui.store import Store
from brief_tui.store.sql import compile_filter

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
MP3 = (Enclosure("https://pod.example.net/e.mp3", "audio/mpeg", 1000),)

FEEDS = [
    ("https://www.reuters.com/business/rss", "Reuters Business", "Wires", [], [
        ("Mistral raises funding for data center",
         "The French lab Mistral raised money to build a data center near Paris.",
         datetime(2026, 11, 28, 12, 0, tzinfo=UTC), ("Jane Smith",), ()),
        ("Nvidia and AMD compete on chips",
         "Data from the center of the market: Nvidia leads, AMD follows.",
         datetime(2026, 11, 20, 12, 0, tzinfo=UTC), ("Bob Jones",), ()),
        ("Oil prices fall", "Energy markets slid as crude oil fell.",
         datetime(2026, 10, 1, 12, 0, tzinfo=UTC), ("Ann Smithers",), ()),
    ]),
    ("https://sports.example.com/feed", "Sports Daily", "Sport", ["sports"], [
        ("Energy drinks sponsor the final", "A sports energy drink sponsors the cup final.",
         datetime(2026, 11, 27, 12, 0, tzinfo=UTC), (), ()),
        ("Cup final report", "Two goals in the final minutes.",
         datetime(2026, 11, 29, 8, 0, tzinfo=UTC), (), ()),
    ]),
    ("https://pod.example.net/ai.xml", "AI Weekly Podcast", "Podcasts", [], [
        ("Episode 12: Mistral's new model", "A podcast about the data center build-out.",
         datetime(2026, 11, 25, 12, 0, tzinfo=UTC), ("Host Person",), MP3),
        ("Episode 11: AMD interview", "We talk chips with AMD.",
         datetime(2026, 11, 10, 12, 0, tzinfo=UTC), ("Host Person",), MP3),
    ]),
]


def build(store: Store) -> None:
    """Fill ``store`` with the content described in the module docstring."""
    n = 0
    for url, title, group, feed_tags, stories in FEEDS:
        feed, _ = store.add_feed(url, now=NOW, title=title, group=group)
        if feed_tags:
            store.set_feed_tags(feed.id, feed_tags, [])
        entries = []
        for t, text, published, authors, enclosures in stories:
            n += 1
            entries.append(ParsedEntry(key=f"k{n}", guid=f"k{n}", title=t, display_title=t,
                                       text=text, published=published, authors=authors,
                                       enclosures=enclosures,
                                       link=f"https://example.com/story/{n}"))
        store.apply_parsed(feed.id, ParsedFeed("rss20", title=title, entries=entries), now=NOW)
    store.edit_tags([1], ["ai"])
    store.edit_tags([2], ["ai", "chips"])
    store.edit_tags([3], ["energy"])
    store.set_read([2, 3, 5])
    store.set_starred([3, 6])
    store.set_fulltext(1, "ok", "full markdown", "full text")
    store.toggle_highlight(2, 0, 4, "Data", now=NOW)
    store.set_note(7, "ask about energy use")


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "search.db")
    build(s)
    yield s
    s.close()


def select_ids(store: Store, flt: StoryFilter, now: datetime = NOW) -> list[int]:
    """Ids matching ``flt`` newest first, with relative dates evaluated at ``now``."""
    where, params, _ = compile_filter(flt, now=now)
    with store.db.read() as conn:
        return [r[0] for r in conn.execute(
            f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE {where} "
            "ORDER BY s.sort_date DESC, s.id DESC", params)]
