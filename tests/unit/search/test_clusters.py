"""Same-story clusters: canonical links, the labelled title pairs, assignment on arrival
(across feeds only, within the window), collapse and expand."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import ParsedEntry, ParsedFeed
from brief_tui.store import Store
from brief_tui.store.clusters import (
    assign_clusters,
    backfill_keys,
    canonical_link,
    cluster_ids,
    cluster_sizes,
    same_story_titles,
    title_words,
)
from brief_tui.store.search import list_ids

from .conftest import select_ids

PAIRS = json.loads((Path(__file__).parents[2] / "fixtures" / "clusters" /
                    "title_pairs.json").read_text("utf-8"))["pairs"]
NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


# -- pure parts --------------------------------------------------------------------------------
@pytest.mark.parametrize("url, key", [
    ("https://www.Example.com/a/b/", "example.com/a/b"),
    ("HTTP://WWW.EXAMPLE.COM:80/a/b?utm_source=rss&utm_medium=feed#top", "example.com/a/b"),
    ("https://example.com:443/a?b=2&a=1&fbclid=x", "example.com/a?a=1&b=2"),
    ("https://example.com:8443/A/B", "example.com:8443/A/B"),
    ("https://example.com/", "example.com"),
    ("https://example.com/a?id=7&ref=home", "example.com/a?id=7"),
    ("ftp://example.com/a", None),
    ("mailto:someone@example.com", None),
    ("not a url", None),
    ("https://[::1:80/", None),
    ("", None),
    (None, None),
])
def test_canonical_link(url, key):
    assert canonical_link(url) == key


def test_title_words_drop_prefixes_small_words_and_normalise_figures():
    assert title_words("UPDATE 2-Mistral AI's €830M raise — Reuters") == (
        "mistral", "ai", "eur", "830", "million", "raise", "reuters")
    assert title_words("EXCLUSIVE: Café owner sells 125,000 shares") == (
        "cafe", "owner", "sells", "125000", "shares")


@pytest.mark.parametrize("kind, a, b", [p for p in PAIRS if p[0] == "near"])
def test_labelled_near_identical_titles_cluster(kind, a, b):
    assert same_story_titles(a, b) and same_story_titles(b, a)


@pytest.mark.parametrize("kind, a, b", [p for p in PAIRS if p[0] == "different"])
def test_labelled_different_stories_do_not_cluster(kind, a, b):
    assert not same_story_titles(a, b) and not same_story_titles(b, a)


def test_labelled_paraphrases_are_left_to_links():
    paraphrases = [p for p in PAIRS if p[0] == "paraphrase"]
    assert len(paraphrases) == 4
    assert [same_story_titles(a, b) for _, a, b in paraphrases] == [False] * 4


def test_fixture_size():
    kinds = [p[0] for p in PAIRS]
    assert (kinds.count("near"), kinds.count("different")) == (32, 32)


# -- assignment on arrival ---------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "clusters.db")
    for name in ("a", "b", "c"):
        s.add_feed(f"https://{name}.example.com/feed", now=NOW, title=f"Feed {name.upper()}")
    yield s
    s.close()


def add(store: Store, feed_id: int, key: str, title: str, link: str | None,
        hours_ago: float = 1.0) -> int:
    """Store one story and run cluster assignment on it as the service does; return its id."""
    entry = ParsedEntry(key=key, guid=key, title=title, display_title=title, link=link,
                        published=NOW - timedelta(hours=hours_ago), text=title)
    result = store.apply_parsed(feed_id, ParsedFeed("rss20", entries=[entry]), now=NOW)
    assign_clusters(store.db, result.new_ids)
    return result.new_ids[0]


def clusters(store: Store) -> dict[int, int | None]:
    with store.db.read() as conn:
        return dict(conn.execute("SELECT id, cluster_id FROM stories ORDER BY id"))


def test_same_link_across_feeds_clusters(store):
    a = add(store, 1, "a1", "Mistral raises money", "https://www.news.example/story/1")
    b = add(store, 2, "b1", "Completely different words", "http://news.example/story/1/"
            "?utm_source=rss")
    assert clusters(store) == {a: a, b: a}


def test_near_identical_titles_across_feeds_cluster(store):
    a = add(store, 1, "a1", "Tesla recalls 125,000 vehicles over seat belt warning issue",
            "https://a.example.com/1")
    b = add(store, 2, "b1", "UPDATE 1-Tesla recalls 125,000 vehicles over seat belt warning "
            "issue - Reuters", "https://b.example.com/xyz")
    c = add(store, 3, "c1", "Ford recalls 125,000 vehicles over seat belt warning issue",
            "https://c.example.com/2")
    assert clusters(store) == {a: a, b: a, c: None}


def test_a_third_feed_joins_the_cluster(store):
    a = add(store, 1, "a1", "Fed holds rates steady, signals two cuts later this year", None)
    b = add(store, 2, "b1", "Fed holds rates steady and signals two cuts later this year", None)
    c = add(store, 3, "c1", "Fed holds rates steady, signals two cuts later this year - "
            "Reuters", None)
    assert clusters(store) == {a: a, b: a, c: a}
    assert cluster_ids(store.db, c) == [a, b, c] or sorted(cluster_ids(store.db, c)) == [a, b, c]
    assert cluster_sizes(store.db, [a, None, 999]) == {a: 3}


def test_never_within_one_feed(store):
    a = add(store, 1, "a1", "Nvidia shares hit record high ahead of earnings",
            "https://x.example/1")
    b = add(store, 1, "a2", "Nvidia shares hit record high ahead of earnings",
            "https://x.example/1?utm_source=x")
    assert clusters(store) == {a: None, b: None}


def test_a_feed_already_in_the_cluster_does_not_join_twice(store):
    a = add(store, 1, "a1", "Intel to cut 15% of workforce in cost-saving push", None)
    b = add(store, 2, "b1", "Intel to cut 15% of its workforce in cost-saving push", None)
    c = add(store, 2, "b2", "Intel to cut 15% of workforce in cost-saving push - sources", None)
    assert clusters(store) == {a: a, b: a, c: None}


def test_outside_the_window_no_cluster(store):
    a = add(store, 1, "a1", "Boeing to pay $200 million to settle SEC charges", None,
            hours_ago=100)
    b = add(store, 2, "b1", "Boeing to pay $200 million to settle SEC charges", None)
    assert clusters(store) == {a: None, b: None}


def test_a_link_the_feed_reuses_is_not_story_specific(store):
    a = add(store, 1, "a1", "Morning notes one", "https://a.example.com/")
    add(store, 1, "a2", "Morning notes two", "https://a.example.com/")
    c = add(store, 2, "b1", "Something else entirely", "https://a.example.com")
    assert clusters(store)[c] is None and clusters(store)[a] is None


def test_backfill_indexes_recent_stories_without_keys(store):
    entry = ParsedEntry(key="old", guid="old", title="Oil rises as OPEC+ extends output cuts "
                        "into 2027", display_title="x", published=NOW - timedelta(hours=2))
    result = store.apply_parsed(1, ParsedFeed("rss20", entries=[entry]), now=NOW)
    assert backfill_keys(store.db, (NOW - timedelta(days=7)).timestamp()) == 1
    assert backfill_keys(store.db, (NOW - timedelta(days=7)).timestamp()) == 0
    b = add(store, 2, "b1", "Oil prices rise as OPEC+ extends output cuts into 2027", None)
    old = result.new_ids[0]
    assert clusters(store) == {old: old, b: old}


def test_deleting_a_story_drops_its_keys(store):
    a = add(store, 1, "a1", "Apple unveils iPhone 17 with thinner design", None)
    store.remove_feed(1)
    with store.db.read() as conn:
        assert conn.execute("SELECT count(*) FROM cluster_keys WHERE story_id = ?",
                            (a,)).fetchone() == (0,)


def test_collapse_lists_one_row_per_cluster_and_counts_clusters(store):
    a = add(store, 1, "a1", "Senate passes $95 billion aid package for Ukraine, Israel", None, 3)
    b = add(store, 2, "b1", "WATCH: Senate passes $95 billion aid package for Ukraine, Israel",
            None, 2)
    c = add(store, 3, "c1", "Unrelated story about chips and power", None, 1)
    flt = StoryFilter(collapse_clusters=True)
    assert select_ids(store, flt) == [c, b]
    assert store.count(flt) == (2, 2)
    with store.db.read() as conn:
        assert list_ids(conn, flt, limit=10) == [c, b]
        assert list_ids(conn, flt.replace(query="senate"), limit=10) == [b]
    store.set_read([b])
    assert select_ids(store, flt.replace(unread=True)) == [c, a]
    assert cluster_ids(store.db, a) == [b, a]
    assert cluster_ids(store.db, 12345) == []
    assert cluster_ids(store.db, c) == [c]
