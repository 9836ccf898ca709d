"""Feed rows: subscribe, list with counts, record fetch outcomes, groups and feed tags."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from brief_tui.domain.errors import NotFoundError
from brief_tui.domain.models import (
    KIND_FEED,
    STATUS_ERROR,
    STATUS_GONE,
    STATUS_RATE_LIMITED,
    Feed,
)
from brief_tui.domain.tags import normalise_tag
from brief_tui.store.convert import dt, ts
from brief_tui.store.db import Database

_FEED_COLUMNS = (
    "f.id, f.url, f.kind, f.title, f.home_page, f.icon, f.favicon, f.language, f.description, "
    "f.format, f.grp, f.etag, f.last_modified, f.last_status, f.http_status, f.error_category, "
    "f.error, f.last_checked, f.last_success, f.retry_after, f.fulltext_on_refresh, "
    "(SELECT group_concat(tag, ' ') FROM (SELECT tag FROM feed_tags WHERE feed_id = f.id "
    "ORDER BY tag))"
)


def _feed(row: sqlite3.Row | tuple, counts: tuple[int, int] = (0, 0)) -> Feed:
    (fid, url, kind, title, home, icon, favicon, lang, desc, fmt, grp, etag, lm, status, code,
     cat, err, checked, success, retry, fulltext, tags) = row
    return Feed(id=fid, url=url, kind=kind, title=title, home_page=home, icon=icon,
                favicon=favicon, language=lang, description=desc, format=fmt, group=grp,
                tags=tuple(tags.split()) if tags else (), etag=etag, last_modified=lm,
                last_status=status, http_status=code, error_category=cat, error=err,
                last_checked=dt(checked), last_success=dt(success), retry_after=dt(retry),
                fulltext_on_refresh=bool(fulltext), story_count=counts[0],
                unread_count=counts[1])


class FeedStore:
    """Feed operations; mixed into :class:`brief_tui.store.Store`."""

    db: Database

    def add_feed(self, url: str, *, now: datetime, kind: str = KIND_FEED, title: str = "",
                 group: str | None = None) -> tuple[Feed, bool]:
        """Subscribe to ``url`` unless already subscribed.

        Returns:
            ``(feed, created)``; ``created`` is False when the URL was already there (its row
            is returned unchanged).
        """
        with self.db.write() as tx:
            cur = tx.execute(
                "INSERT INTO feeds(url, kind, title, grp, added, position) VALUES (?, ?, ?, ?, ?, "
                "(SELECT coalesce(max(position), 0) + 1 FROM feeds)) "
                "ON CONFLICT(url) DO NOTHING", (url, kind, title, group, ts(now)))
            created = cur.rowcount == 1
        feed = self.feed(url)
        assert feed is not None
        return feed, created

    def add_feeds(self, rows: list[tuple[str, str, str | None]], *, now: datetime) -> int:
        """Subscribe to many ``(url, title, group)`` at once (OPML import), one transaction.

        Returns:
            The number of feeds that were new.
        """
        added = 0
        with self.db.write() as tx:
            pos = tx.execute("SELECT coalesce(max(position), 0) FROM feeds").fetchone()[0]
            for url, title, group in rows:
                pos += 1
                cur = tx.execute(
                    "INSERT INTO feeds(url, kind, title, grp, added, position) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO NOTHING",
                    (url, KIND_FEED, title, group, ts(now), pos))
                added += cur.rowcount
        return added

    def feed(self, ref: str | int) -> Feed | None:
        """Return the feed with this URL or id, with counts, or ``None``."""
        col = "f.id" if isinstance(ref, int) else "f.url"
        with self.db.read() as conn:
            row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds f WHERE {col} = ?",
                               (ref,)).fetchone()
            if row is None:
                return None
            counts = conn.execute("SELECT count(*), coalesce(sum(read = 0), 0) FROM stories "
                                  "WHERE feed_id = ?", (row[0],)).fetchone()
        return _feed(row, counts)

    def require_feed(self, ref: str | int) -> Feed:
        """Like :meth:`feed` but raise :class:`NotFoundError` naming the URL."""
        feed = self.feed(ref)
        if feed is None:
            raise NotFoundError(f"{ref}: no such feed (see `brief-tui feeds`)", source=str(ref))
        return feed

    def feeds(self) -> list[Feed]:
        """Every feed with story and unread counts, in subscription order."""
        with self.db.read() as conn:
            counts = {fid: (n, u) for fid, n, u in conn.execute(
                "SELECT feed_id, count(*), sum(read = 0) FROM stories GROUP BY feed_id")}
            rows = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds f ORDER BY f.position, f.id")
            return [_feed(r, counts.get(r[0], (0, 0))) for r in rows]

    def remove_feed(self, feed_id: int) -> None:
        """Delete a feed and all of its stories (with their user state)."""
        with self.db.write() as tx:
            tx.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def set_feed_url(self, feed_id: int, url: str) -> None:
        """Move a feed to a new URL (after a permanent redirect whose target parsed)."""
        with self.db.write() as tx:
            clash = tx.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if clash is None:
                tx.execute("UPDATE feeds SET url = ? WHERE id = ?", (url, feed_id))

    def set_feed_group(self, feed_id: int, group: str | None) -> None:
        """Put a feed in a group (``None``: no group)."""
        with self.db.write() as tx:
            tx.execute("UPDATE feeds SET grp = ? WHERE id = ?", (group or None, feed_id))

    def set_feed_tags(self, feed_id: int, add: list[str], remove: list[str]) -> None:
        """Add and remove tags on a feed (its stories match them in ``tag:``)."""
        with self.db.write() as tx:
            for tag in remove:
                tx.execute("DELETE FROM feed_tags WHERE feed_id = ? AND tag = ?",
                           (feed_id, normalise_tag(tag)))
            for tag in add:
                tx.execute("INSERT OR IGNORE INTO feed_tags(feed_id, tag) VALUES (?, ?)",
                           (feed_id, normalise_tag(tag)))

    def set_feed_fulltext(self, feed_id: int, on: bool) -> None:
        """Fetch full text of new stories on refresh (or not)."""
        with self.db.write() as tx:
            tx.execute("UPDATE feeds SET fulltext_on_refresh = ? WHERE id = ?", (int(on), feed_id))

    def record_success(self, feed_id: int, *, now: datetime, status: str,
                       http_status: int | None = None, etag: str | None = None,
                       last_modified: str | None = None, body_hash: str | None = None,
                       tx: sqlite3.Connection | None = None) -> None:
        """Record a successful refresh (``status`` ``"ok"`` or ``"unchanged"``).

        Validators are stored independently: a ``None`` keeps the stored value.
        """
        sql = ("UPDATE feeds SET last_status = ?, http_status = ?, error_category = NULL, "
               "error = NULL, last_checked = ?, last_success = ?, retry_after = NULL, "
               "failures = 0, etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
               "body_hash = coalesce(?, body_hash) WHERE id = ?")
        args = (status, http_status, ts(now), ts(now), etag, last_modified, body_hash, feed_id)
        if tx is not None:
            tx.execute(sql, args)
            return
        with self.db.write() as conn:
            conn.execute(sql, args)

    def record_failure(self, feed_id: int, *, now: datetime, category: str, message: str,
                       http_status: int | None = None, retry_after: datetime | None = None
                       ) -> None:
        """Record a failed refresh; the feed's stories are untouched.

        ``category`` ``"gone"`` marks the feed gone (HTTP 410); ``"rate_limited"`` sets
        ``retry_after``, before which no request is sent.
        """
        status = {"gone": STATUS_GONE, "rate_limited": STATUS_RATE_LIMITED}.get(category,
                                                                                STATUS_ERROR)
        with self.db.write() as tx:
            tx.execute(
                "UPDATE feeds SET last_status = ?, http_status = ?, error_category = ?, error = ?, "
                "last_checked = ?, retry_after = ?, failures = failures + 1 WHERE id = ?",
                (status, http_status, category, message, ts(now), ts(retry_after), feed_id))

    def failures(self, feed_id: int) -> int:
        """Consecutive failed refreshes of a feed (0 after a success)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT failures FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return row[0] if row else 0

    def body_hash(self, feed_id: int) -> str | None:
        """SHA-256 of the last body parsed for this feed, or ``None``."""
        with self.db.read() as conn:
            row = conn.execute("SELECT body_hash FROM feeds WHERE id = ?", (feed_id,)).fetchone()
        return row[0] if row else None

    def body_hashes(self) -> dict[int, str]:
        """``{feed id: SHA-256 of the last body parsed}`` for every feed that has one."""
        with self.db.read() as conn:
            return dict(conn.execute("SELECT id, body_hash FROM feeds WHERE body_hash IS NOT NULL"))

    def groups(self) -> list[str]:
        """Group names in use, sorted case-insensitively."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT DISTINCT grp FROM feeds WHERE grp IS NOT NULL")
            return sorted((r[0] for r in rows), key=str.casefold)
