"""A cache whose stories were keyed on GUIDs resolved against the feed URL (earlier releases)
is matched by ``former_key`` and re-keyed in place: no duplicates, user state kept; and a feed
whose URL changes keeps its stories' keys."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from brief_tui.domain.models import ParsedFeed
from brief_tui.parse import parse_document
from brief_tui.store import Store

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
URL_A = "http://host.example/feeds/a.xml"
URL_B = "https://new-host.example/other/path/feed.rss"

RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>T</title>
<item><title>One</title><guid>123</guid><description>first</description></item>
<item><title>Two</title><guid>posts/2</guid><link>https://site.example/2</link>
<description>second</description></item>
<item><title>Three</title><guid>https://site.example/3</guid><description>third</description></item>
<item><title>Four</title><link>https://site.example/4</link><description>fourth</description></item>
</channel></rss>"""


def old_style(feed: ParsedFeed) -> ParsedFeed:
    """``feed`` as releases before the id-as-written rule keyed it (resolved GUIDs)."""
    entries = [replace(e, key=e.former_key or e.key,
                       guid=e.former_key if e.former_key else e.guid, former_key=None)
               for e in feed.entries]
    return replace(feed, entries=entries)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "brief.db")
    yield s
    s.close()


def stored(store: Store, feed_id: int) -> list[tuple[int, str, str | None]]:
    with store.db.read() as cx:
        return cx.execute("SELECT id, key, guid FROM stories WHERE feed_id = ? ORDER BY id",
                          (feed_id,)).fetchall()


def test_old_style_cache_is_rekeyed_without_duplicates_and_keeps_user_state(store):
    feed = store.add_feed(URL_A, now=NOW)[0]
    parsed = parse_document(RSS, url=URL_A)
    assert [e.key for e in parsed.entries][:3] == ["123", "posts/2", "https://site.example/3"]
    old = old_style(parsed)
    assert [e.key for e in old.entries][:3] == [
        "http://host.example/feeds/123", "http://host.example/feeds/posts/2",
        "https://site.example/3"]
    first = store.apply_parsed(feed.id, old, now=NOW)
    assert len(first.new_ids) == 4
    ids = [row[0] for row in stored(store, feed.id)]
    store.set_read(ids[:2])
    store.set_starred([ids[0]])
    store.edit_tags([ids[1]], ["keep"])
    store.set_note(ids[0], "mine")

    later = NOW + timedelta(hours=1)
    r = store.apply_parsed(feed.id, parse_document(RSS, url=URL_A), now=later)
    assert (r.new_ids, r.updated_ids, r.unchanged) == ((), (), 4)
    rows = stored(store, feed.id)
    assert [row[0] for row in rows] == ids
    assert [(row[1], row[2]) for row in rows][:3] == [
        ("123", "123"), ("posts/2", "posts/2"),
        ("https://site.example/3", "https://site.example/3")]
    assert rows[3][1] == parsed.entries[3].key and rows[3][1].startswith("sha1:")
    one, two = store.story(ids[0]), store.story(ids[1])
    assert (one.read, one.starred, one.note, one.tags) == (True, True, "mine", ())
    assert (two.read, two.starred, two.note, two.tags) == (True, False, None, ("keep",))

    # the next refresh matches by key directly
    r = store.apply_parsed(feed.id, parse_document(RSS, url=URL_A), now=later)
    assert (r.new_ids, r.updated_ids, r.unchanged) == ((), (), 4)
    assert [row[0] for row in stored(store, feed.id)] == ids


def test_changed_content_under_an_old_key_is_an_update_of_the_same_story(store):
    feed = store.add_feed(URL_A, now=NOW)[0]
    store.apply_parsed(feed.id, old_style(parse_document(RSS, url=URL_A)), now=NOW)
    ids = [row[0] for row in stored(store, feed.id)]
    changed = RSS.replace(b"<description>first</description>", b"<description>new</description>")
    r = store.apply_parsed(feed.id, parse_document(changed, url=URL_A), now=NOW)
    assert (r.new_ids, r.updated_ids, r.unchanged) == ((), (ids[0],), 3)
    assert store.story(ids[0]).text == "new"
    assert stored(store, feed.id)[0][1:] == ("123", "123")


def test_feed_moved_to_a_new_url_does_not_duplicate_stories(store):
    feed = store.add_feed(URL_A, now=NOW)[0]
    r = store.apply_parsed(feed.id, parse_document(RSS, url=URL_A), now=NOW)
    assert len(r.new_ids) == 4
    before = stored(store, feed.id)
    store.set_feed_url(feed.id, URL_B)
    moved = parse_document(RSS, url=URL_B)
    assert [e.key for e in moved.entries] == [row[1] for row in before]
    r = store.apply_parsed(feed.id, moved, now=NOW + timedelta(hours=1))
    # "One" has no <link>: its permalink GUID is its link, resolved against the new URL, so
    # the story is updated in place; nothing is new
    assert (r.new_ids, r.updated_ids, r.unchanged) == ((), (before[0][0],), 3)
    assert store.story(before[0][0]).link == "https://new-host.example/other/path/123"
    assert stored(store, feed.id) == before


def test_a_former_key_never_takes_a_story_another_entry_matches_directly(store):
    # "123" was keyed "http://host.example/feeds/123" before; an entry whose GUID is written
    # that way keeps the cached story, and "123" becomes a new one (no UNIQUE clash)
    feed = store.add_feed(URL_A, now=NOW)[0]
    body = (b'<rss version="2.0"><channel><title>T</title>'
            b"<item><title>R</title><guid>123</guid></item>"
            b"<item><title>A</title><guid>http://host.example/feeds/123</guid></item>"
            b"</channel></rss>")
    parsed = parse_document(body, url=URL_A)
    assert (parsed.entries[0].key, parsed.entries[0].former_key) == (
        "123", "http://host.example/feeds/123")
    assert parsed.entries[1].key == "http://host.example/feeds/123"
    assert parsed.entries[1].former_key.startswith("http://host.example/feeds/123#")
    store.apply_parsed(feed.id, ParsedFeed(format="rss20", entries=[
        replace(parsed.entries[1], former_key=None)]), now=NOW)
    [(sid, key, _)] = stored(store, feed.id)
    assert key == "http://host.example/feeds/123"
    r = store.apply_parsed(feed.id, parse_document(body, url=URL_A), now=NOW)
    assert len(r.new_ids) == 1
    rows = stored(store, feed.id)
    assert [(row[0], row[1]) for row in rows] == [(sid, "http://host.example/feeds/123"),
                                                  (r.new_ids[0], "123")]
