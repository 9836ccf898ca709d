"""Applying a parsed feed to the cache: one transaction per feed update.

New entries are inserted; entries whose content changed are updated in place, keeping the
user's state (read, starred, tags, note, highlights — the analyst's highlights are re-anchored
to the new text by their words, or flagged ``lost``); identical entries are left alone. Entries
that disappeared from the document stay in the cache (it is an archive). Stories beyond the
per-feed limit are pruned oldest first, never those the user starred, tagged, noted or
highlighted.

An entry is matched to a cached story by its key, else by its ``former_key`` (the key earlier
releases gave it: an RSS GUID / Atom id resolved against the feed's URL, where keys are now the
id as written); a story matched that way is re-keyed in place, so a cache built before the
change neither duplicates those stories nor loses their state, and no migration is needed.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from brief_tui.domain.models import STATUS_OK, IngestResult, ParsedEntry, ParsedFeed
from brief_tui.store.convert import content_hash, enclosures_json, strings_json, ts
from brief_tui.store.db import Database

FUTURE_SLACK = timedelta(days=1)
"""A published date later than now + this is not trusted for ordering (flagged estimated)."""

_INSERT = (
    "INSERT INTO stories(feed_id, key, guid, number, title, display_title, link, published, "
    "updated, date_estimated, sort_date, first_seen, authors, author_names, enclosures, language, "
    "summary, html, text, markdown, content_hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE = (
    "UPDATE stories SET guid = ?, number = ?, title = ?, display_title = ?, link = ?, "
    "published = ?, updated = ?, date_estimated = ?, "
    "sort_date = CASE WHEN ? IS NULL THEN first_seen ELSE ? END, changed = ?, authors = ?, "
    "author_names = ?, enclosures = ?, language = ?, summary = ?, html = ?, text = ?, "
    "markdown = ?, content_hash = ? WHERE id = ?"
)


def _dates(entry: ParsedEntry, now: datetime) -> tuple[float | None, float | None, bool, float | None]:
    """Return (published, updated, estimated, trusted sort date or None)."""
    published = ts(entry.published)
    updated = ts(entry.updated)
    limit = ts(now + FUTURE_SLACK)
    trusted = published if published is not None and published <= limit else None
    return published, updated, trusted is None, trusted


def reanchor(old_text: str, start: int, new_text: str) -> tuple[int, int] | None:
    """Find a highlighted passage in a story's new text.

    Args:
        old_text: the highlighted passage (as stored with the highlight).
        start: its old start offset, used to prefer the nearest occurrence.
        new_text: the story's updated text.

    Returns:
        ``(start, end)`` of the occurrence nearest to ``start``, or ``None`` when the passage is
        no longer in the text.
    """
    if not old_text:
        return None
    best: int | None = None
    pos = new_text.find(old_text)
    while pos != -1:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = new_text.find(old_text, pos + 1)
    if best is None:
        return None
    return best, best + len(old_text)


class IngestStore:
    """Feed updates; mixed into :class:`brief_tui.store.Store` after ``FeedStore``, whose
    ``record_success`` it calls inside the update's transaction."""

    db: Database

    def apply_parsed(self, feed_id: int, parsed: ParsedFeed, *, now: datetime,
                     http_status: int | None = 200, etag: str | None = None,
                     last_modified: str | None = None, body_hash: str | None = None,
                     max_stories: int = 0) -> IngestResult:
        """Store a parsed document as the new state of a feed, in one transaction.

        Args:
            feed_id: the feed row.
            parsed: the parser's output (entries with keys unique per document).
            now: the refresh time (UTC); first-seen time of new stories.
            http_status / etag / last_modified / body_hash: recorded on the feed.
            max_stories: keep at most this many stories for the feed (0: all).

        Returns:
            The ids of new and updated stories and the number unchanged.

        Raises:
            StoreError: the write failed; nothing of this update is stored.
        """
        with self.db.write() as tx:
            self._update_feed_meta(tx, feed_id, parsed)
            existing = {key: (sid, h) for key, sid, h in tx.execute(
                "SELECT key, id, content_hash FROM stories WHERE feed_id = ?", (feed_id,))}
            inserts: list[tuple] = []
            updates: list[tuple] = []
            updated_ids: list[int] = []
            unchanged = 0
            seen: set[str] = set()
            # A story cached under the key earlier releases gave an entry (``former_key``: its
            # id resolved against the feed URL) is that entry: it is re-keyed in place, keeping
            # the user's state, unless an entry of this document already has that row.
            claimed = {existing[entry.key][0] for entry in parsed.entries
                       if entry.key in existing}
            rekeys: list[tuple[str, str | None, int]] = []
            for entry in parsed.entries:
                if entry.key in seen:
                    continue
                seen.add(entry.key)
                digest = content_hash(entry)
                published, updated, estimated, trusted = _dates(entry, now)
                old = existing.get(entry.key)
                if old is None and entry.former_key:
                    old = existing.get(entry.former_key)
                    if old is not None:
                        if old[0] in claimed:
                            old = None
                        else:
                            claimed.add(old[0])
                            rekeys.append((entry.key, entry.guid, old[0]))
                common = (entry.title, entry.display_title, entry.link, published, updated,
                          int(estimated))
                payload = (strings_json(entry.authors), " ".join(entry.authors),
                           enclosures_json(entry.enclosures), entry.language, entry.summary,
                           entry.html, entry.text, entry.markdown, digest)
                if old is None:
                    inserts.append((feed_id, entry.key, entry.guid, entry.number, *common,
                                    trusted if trusted is not None else ts(now), ts(now),
                                    *payload))
                elif old[1] != digest:
                    updates.append((entry.guid, entry.number, *common, trusted, trusted, ts(now),
                                    *payload, old[0]))
                    updated_ids.append(old[0])
                else:
                    unchanged += 1
            if rekeys:
                tx.executemany("UPDATE stories SET key = ?, guid = ? WHERE id = ?", rekeys)
            if inserts:
                tx.executemany(_INSERT, inserts)
            if updates:
                tx.executemany(_UPDATE, updates)
                self._reanchor(tx, updated_ids)
            new_ids: list[int] = []
            if inserts:
                keys = {row[1] for row in inserts}
                new_ids = sorted(sid for key, sid in tx.execute(
                    "SELECT key, id FROM stories WHERE feed_id = ? AND first_seen = ?",
                    (feed_id, ts(now))) if key in keys)
            if max_stories > 0:
                self._prune(tx, feed_id, max_stories)
            self.record_success(feed_id, now=now, status=STATUS_OK, http_status=http_status,
                                etag=etag, last_modified=last_modified, body_hash=body_hash,
                                tx=tx)
        return IngestResult(tuple(new_ids), tuple(updated_ids), unchanged)

    @staticmethod
    def _update_feed_meta(tx: sqlite3.Connection, feed_id: int, parsed: ParsedFeed) -> None:
        tx.execute(
            "UPDATE feeds SET title = CASE WHEN ? != '' THEN ? ELSE title END, "
            "home_page = coalesce(?, home_page), icon = coalesce(?, icon), "
            "favicon = coalesce(?, favicon), language = coalesce(?, language), "
            "description = CASE WHEN ? != '' THEN ? ELSE description END, format = ? "
            "WHERE id = ?",
            (parsed.title, parsed.title, parsed.home_page, parsed.icon, parsed.favicon,
             parsed.language, parsed.description, parsed.description, parsed.format, feed_id))

    @staticmethod
    def _reanchor(tx: sqlite3.Connection, story_ids: list[int]) -> None:
        for sid in story_ids:
            rows = tx.execute('SELECT id, text, start FROM highlights WHERE story_id = ?',
                              (sid,)).fetchall()
            if not rows:
                continue
            (text,) = tx.execute("SELECT text FROM stories WHERE id = ?", (sid,)).fetchone()
            for hid, passage, start in rows:
                span = reanchor(passage, start, text)
                if span is None:
                    tx.execute("UPDATE highlights SET lost = 1 WHERE id = ?", (hid,))
                else:
                    tx.execute('UPDATE highlights SET start = ?, "end" = ?, lost = 0 WHERE id = ?',
                               (*span, hid))
            tx.execute("DELETE FROM extracted WHERE story_id = ?", (sid,))

    @staticmethod
    def _prune(tx: sqlite3.Connection, feed_id: int, keep: int) -> None:
        tx.execute(
            "DELETE FROM stories WHERE feed_id = ? AND starred = 0 AND note IS NULL "
            "AND tags_text = '' AND NOT EXISTS (SELECT 1 FROM highlights h WHERE h.story_id = "
            "stories.id) AND id NOT IN (SELECT id FROM stories WHERE feed_id = ? "
            "ORDER BY sort_date DESC, id DESC LIMIT ?)", (feed_id, feed_id, keep))
