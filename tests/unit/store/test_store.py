"""The SQLite cache: migrations, feed updates in one transaction, user state kept across
updates, FTS kept in sync, refusing foreign or newer databases."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from brief_tui.domain.errors import StoreError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed
from brief_tui.store import Store
from brief_tui.store.schema import SCHEMA_VERSION

NOW = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def entry(key, title, text="body", **kw):
    return ParsedEntry(key=key, guid=key, title=title, display_title=title, text=text, **kw)


def doc(*entries, title="Feed"):
    return ParsedFeed(format="rss20", title=title, entries=list(entries))


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "brief.db")
    yield s
    s.close()


@pytest.fixture
def feed(store):
    return store.add_feed("https://example.com/feed.xml", now=NOW)[0]


def test_schema_is_migrated_wal_and_versioned(store):
    assert store.db.schema_version == SCHEMA_VERSION
    with store.db.read() as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 15000
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopen_keeps_data_and_does_not_remigrate(tmp_path):
    s = Store(tmp_path / "b.db")
    s.add_feed("https://example.com/a", now=NOW)
    s.close()
    s2 = Store(tmp_path / "b.db")
    assert [f.url for f in s2.feeds()] == ["https://example.com/a"]
    s2.close()


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(x)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a brief-tui cache"):
        Store(path)
    assert path.read_bytes() == before


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer brief-tui"):
        Store(path)


def test_garbage_file_gives_one_line_error(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError) as err:
        Store(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)
    assert path.read_bytes() == b"this is not sqlite at all" * 100


def test_new_updated_unchanged_counts(store, feed):
    r1 = store.apply_parsed(feed.id, doc(entry("a", "A"), entry("b", "B")), now=NOW)
    assert (len(r1.new_ids), r1.updated_ids, r1.unchanged) == (2, (), 0)
    r2 = store.apply_parsed(feed.id, doc(entry("a", "A"), entry("b", "B")), now=NOW)
    assert (r2.new_ids, r2.updated_ids, r2.unchanged) == ((), (), 2)
    r3 = store.apply_parsed(feed.id, doc(entry("a", "A2"), entry("b", "B")), now=NOW)
    assert (r3.new_ids, len(r3.updated_ids), r3.unchanged) == ((), 1, 1)


def test_b17_update_in_place_keeps_user_state(store, feed):
    pub = datetime(2015, 8, 8, tzinfo=UTC)
    store.apply_parsed(feed.id, doc(entry("outage", "Outage report", "Down.", published=pub)),
                       now=NOW)
    [sid] = store.story_ids()
    store.set_read([sid])
    store.set_starred([sid])
    store.edit_tags([sid], ["Ops"])
    store.set_note(sid, "follow up")
    hl = store.toggle_highlight(sid, 0, 5, "Down.", now=NOW)
    updated = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)
    r = store.apply_parsed(feed.id, doc(entry("outage", "Outage report (resolved)",
                                              "Fixed now. Down.", published=pub,
                                              updated=updated)), now=NOW + timedelta(days=1))
    assert r.updated_ids == (sid,)
    s = store.story(sid)
    assert (s.title, s.text) == ("Outage report (resolved)", "Fixed now. Down.")
    assert (s.published, s.updated, s.sort_date) == (pub, updated, pub)
    assert (s.read, s.starred, s.tags, s.note) == (True, True, ("ops",), "follow up")
    [h] = store.user_highlights(sid)
    assert (h.id, h.start, h.end, h.lost) == (hl.id, 11, 16, False)
    store.apply_parsed(feed.id, doc(entry("outage", "Outage report", "All new words.")),
                       now=NOW + timedelta(days=2))
    [h] = store.user_highlights(sid)
    assert h.lost is True and h.text == "Down."


def test_future_and_missing_dates_sort_by_first_seen(store, feed):
    future = NOW + timedelta(days=365 * 70)
    store.apply_parsed(feed.id, doc(entry("f", "Future", published=future), entry("n", "None")),
                       now=NOW)
    for s in store.stories():
        assert s.date_estimated is True and s.sort_date == NOW
    assert {s.title: s.published for s in store.stories()} == {"Future": future, "None": None}


def test_fts_follows_updates_tags_and_notes(store, feed):
    store.apply_parsed(feed.id, doc(entry("a", "Mistral raises", "compute in Paris")), now=NOW)
    [sid] = store.story_ids()

    def found(q):
        return store.story_ids(StoryFilter(query=q))

    assert found("paris") == [sid] and found("berlin") == []
    store.apply_parsed(feed.id, doc(entry("a", "Mistral raises", "compute in Berlin")), now=NOW)
    assert found("paris") == [] and found("berlin") == [sid]
    store.edit_tags([sid], ["sovereign"])
    with store.db.read() as conn:  # the index's tags column follows the story's tags
        assert conn.execute("SELECT rowid FROM stories_fts WHERE stories_fts MATCH "
                            "'tags_text:sovereign'").fetchall() == [(sid,)]
    store.set_note(sid, "ask the Lyon desk")
    assert found("lyon") == [sid]
    store.set_read([sid])  # read flips never touch the index
    assert found("lyon") == [sid]
    assert store.integrity_check() == "ok"


def test_fts_quotes_raw_user_input(store, feed):
    from brief_tui.domain.errors import QueryError

    store.apply_parsed(feed.id, doc(entry("a", "Raised $830 million", 'he said "x')), now=NOW)
    assert store.story_ids(StoryFilter(query="$830 said^ NEAR")) == []
    assert store.story_ids(StoryFilter(query="$830 said")) == store.story_ids()
    with pytest.raises(QueryError):
        store.story_ids(StoryFilter(query='$830 "x'))


def test_tag_filter_matches_feed_tags(store, feed):
    store.apply_parsed(feed.id, doc(entry("a", "A")), now=NOW)
    store.set_feed_tags(feed.id, ["Energy"], [])
    assert len(store.story_ids(StoryFilter(tag="energy"))) == 1


def test_prune_keeps_starred_and_tagged(store, feed):
    entries = [entry(f"k{i}", f"T{i}", published=NOW - timedelta(days=i)) for i in range(6)]
    store.apply_parsed(feed.id, doc(*entries), now=NOW)
    old = {s.title: s.id for s in store.stories()}
    store.set_starred([old["T5"]])
    store.edit_tags([old["T4"]], ["keep"])
    store.apply_parsed(feed.id, doc(*entries), now=NOW, max_stories=2)
    assert sorted(s.title for s in store.stories()) == ["T0", "T1", "T4", "T5"]


def test_remove_feed_cascades(store, feed):
    store.apply_parsed(feed.id, doc(entry("a", "A", enclosures=(Enclosure("https://x/a.mp3"),))),
                       now=NOW)
    store.remove_feed(feed.id)
    assert store.stories() == [] and store.feeds() == []
    assert store.story_ids(StoryFilter(query="a")) == []
    assert store.integrity_check() == "ok"


def test_failed_update_leaves_nothing_half_written(store, feed, monkeypatch):
    store.apply_parsed(feed.id, doc(entry("a", "A")), now=NOW)
    bad = doc(entry("b", "B"), entry("c", None))  # title None violates NOT NULL
    with pytest.raises(Exception):
        store.apply_parsed(feed.id, bad, now=NOW)
    assert [s.title for s in store.stories()] == ["A"]


def test_meta_and_saved_searches(store):
    store.set_meta("state:view", "unread")
    assert store.get_meta("state:view") == "unread"
    store.save_search("AI money", 'tag:ai "raised"')
    store.save_search("AI money", "tag:ai")
    assert store.saved_searches() == [("AI money", "tag:ai")]
