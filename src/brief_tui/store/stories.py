"""Story reads (full stories and light list rows) and the user's state on stories."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import datetime

from brief_tui.domain.errors import NotFoundError
from brief_tui.domain.filters import SORT_RELEVANCE, StoryFilter
from brief_tui.domain.models import Story, StoryRow
from brief_tui.domain.tags import normalise_tag
from brief_tui.store.convert import dt, enclosures_from, strings_from, ts
from brief_tui.store.db import Database
from brief_tui.store.sql import compile_filter

_STORY_COLUMNS = (
    "s.id, s.feed_id, f.url, f.title, s.key, s.guid, s.number, s.title, s.display_title, s.link, "
    "s.published, s.updated, s.date_estimated, s.sort_date, s.first_seen, s.authors, "
    "s.enclosures, s.language, s.summary, s.html, s.text, s.markdown, s.content_hash, "
    "s.fulltext_status, s.fulltext_markdown, s.fulltext_text, s.read, s.starred, s.tags_text, "
    "s.note"
)
_ROW_COLUMNS = (
    "s.id, s.feed_id, f.title, f.url, s.display_title, s.sort_date, s.date_estimated, s.read, "
    "s.starred, s.tags_text, s.enclosures != '[]', s.number, s.link, s.cluster_id"
)


def _story(r: tuple) -> Story:
    return Story(
        id=r[0], feed_id=r[1], feed_url=r[2], feed_title=r[3], key=r[4], guid=r[5], number=r[6],
        title=r[7], display_title=r[8], link=r[9], published=dt(r[10]), updated=dt(r[11]),
        date_estimated=bool(r[12]), sort_date=dt(r[13]), first_seen=dt(r[14]),
        authors=strings_from(r[15]), enclosures=enclosures_from(r[16]), language=r[17],
        summary=r[18], html=r[19], text=r[20], markdown=r[21], content_hash=r[22],
        fulltext_status=r[23], fulltext_markdown=r[24], fulltext_text=r[25], read=bool(r[26]),
        starred=bool(r[27]), tags=tuple(r[28].split()), note=r[29])


def _row(r: tuple) -> StoryRow:
    return StoryRow(id=r[0], feed_id=r[1], feed_title=r[2] or r[3], display_title=r[4],
                    sort_date=dt(r[5]), date_estimated=bool(r[6]), read=bool(r[7]),
                    starred=bool(r[8]), tags=tuple(r[9].split()), has_enclosure=bool(r[10]),
                    number=r[11], link=r[12], cluster_id=r[13])


def _order(flt: StoryFilter, rank: str | None) -> str:
    if flt.sort == SORT_RELEVANCE and rank:
        return f"ORDER BY {rank}, s.sort_date DESC, s.id DESC"
    return "ORDER BY s.sort_date DESC, s.id DESC"


class StoryStore:
    """Story operations; mixed into :class:`brief_tui.store.Store`."""

    db: Database

    # -- reads ---------------------------------------------------------------------------
    def story(self, story_id: int) -> Story | None:
        """Return one full story (body and user state), or ``None``."""
        with self.db.read() as conn:
            row = conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories s JOIN feeds f "
                               "ON f.id = s.feed_id WHERE s.id = ?", (story_id,)).fetchone()
        return _story(row) if row else None

    def require_story(self, story_id: int) -> Story:
        """Like :meth:`story` but raise :class:`NotFoundError`."""
        story = self.story(story_id)
        if story is None:
            raise NotFoundError(f"story {story_id}: no such story", source=str(story_id))
        return story

    def stories(self, flt: StoryFilter = StoryFilter(), *, limit: int = 100,
                offset: int = 0) -> list[Story]:
        """Full stories matching ``flt``, newest first (or by relevance), paged."""
        where, params, rank = compile_filter(flt)
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT {_STORY_COLUMNS} FROM stories s JOIN feeds f ON f.id = s.feed_id "
                f"WHERE {where} {_order(flt, rank)} LIMIT ? OFFSET ?",
                (*params, limit, offset)).fetchall()
        return [_story(r) for r in rows]

    def story_rows(self, flt: StoryFilter = StoryFilter(), *, limit: int = 200,
                   offset: int = 0) -> list[StoryRow]:
        """Light list rows matching ``flt`` (no bodies), paged: what a story list shows."""
        where, params, rank = compile_filter(flt)
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT {_ROW_COLUMNS} FROM stories s JOIN feeds f ON f.id = s.feed_id "
                f"WHERE {where} {_order(flt, rank)} LIMIT ? OFFSET ?",
                (*params, limit, offset)).fetchall()
        return [_row(r) for r in rows]

    def story_ids(self, flt: StoryFilter = StoryFilter()) -> list[int]:
        """Ids of every story matching ``flt`` in list order (cheap: for windowed lists)."""
        where, params, rank = compile_filter(flt)
        with self.db.read() as conn:
            return [r[0] for r in conn.execute(
                f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE {where} "
                f"{_order(flt, rank)}", params)]

    def rows_by_ids(self, ids: Sequence[int]) -> list[StoryRow]:
        """List rows for these ids, in the order given (missing ids are skipped)."""
        if not ids:
            return []
        with self.db.read() as conn:
            found = {r[0]: _row(r) for r in conn.execute(
                f"SELECT {_ROW_COLUMNS} FROM stories s JOIN feeds f ON f.id = s.feed_id "
                f"WHERE s.id IN ({','.join('?' * len(ids))})", tuple(ids))}
        return [found[i] for i in ids if i in found]

    def count(self, flt: StoryFilter = StoryFilter()) -> tuple[int, int]:
        """Return ``(stories, unread)`` matching ``flt``."""
        where, params, _ = compile_filter(flt)
        with self.db.read() as conn:
            n, unread = conn.execute(
                f"SELECT count(*), coalesce(sum(s.read = 0), 0) FROM stories s "
                f"JOIN feeds f ON f.id = s.feed_id WHERE {where}", params).fetchone()
        return n, unread

    # -- user state ----------------------------------------------------------------------
    def set_read(self, ids: Iterable[int], read: bool = True) -> int:
        """Mark stories read or unread. Returns how many changed."""
        return self._set_flag("read", ids, read)

    def set_starred(self, ids: Iterable[int], starred: bool = True) -> int:
        """Star or unstar stories. Returns how many changed."""
        return self._set_flag("starred", ids, starred)

    def _set_flag(self, column: str, ids: Iterable[int], value: bool) -> int:
        ids = list(ids)
        if not ids:
            return 0
        with self.db.write() as tx:
            cur = tx.executemany(f"UPDATE stories SET {column} = ? WHERE id = ? AND {column} != ?",
                                 [(int(value), i, int(value)) for i in ids])
            return cur.rowcount

    def mark_all_read(self, flt: StoryFilter) -> int:
        """Mark every unread story matching ``flt`` read. Returns how many."""
        where, params, _ = compile_filter(flt.replace(unread=True))
        with self.db.write() as tx:
            cur = tx.execute(f"UPDATE stories SET read = 1 WHERE id IN (SELECT s.id FROM stories s "
                             f"JOIN feeds f ON f.id = s.feed_id WHERE {where})", params)
            return cur.rowcount

    def edit_tags(self, ids: Iterable[int], add: Iterable[str] = (),
                  remove: Iterable[str] = ()) -> None:
        """Add and remove tags on stories (canonical forms; unknown removals ignored)."""
        add = [t for t in (normalise_tag(x) for x in add) if t]
        remove = [t for t in (normalise_tag(x) for x in remove) if t]
        with self.db.write() as tx:
            for sid in ids:
                for tag in remove:
                    tx.execute("DELETE FROM story_tags WHERE story_id = ? AND tag = ?", (sid, tag))
                for tag in add:
                    tx.execute("INSERT OR IGNORE INTO story_tags(story_id, tag) VALUES (?, ?)",
                               (sid, tag))
                self._sync_tags_text(tx, sid)

    @staticmethod
    def _sync_tags_text(tx: sqlite3.Connection, sid: int) -> None:
        tx.execute("UPDATE stories SET tags_text = coalesce((SELECT group_concat(tag, ' ') FROM "
                   "(SELECT tag FROM story_tags WHERE story_id = ? ORDER BY tag)), '') "
                   "WHERE id = ?", (sid, sid))

    def tag_counts(self) -> list[tuple[str, int, int]]:
        """Every story tag with ``(tag, stories, unread)``, sorted by tag."""
        with self.db.read() as conn:
            return [tuple(r) for r in conn.execute(
                "SELECT t.tag, count(*), coalesce(sum(s.read = 0), 0) FROM story_tags t "
                "JOIN stories s ON s.id = t.story_id GROUP BY t.tag ORDER BY t.tag")]

    def set_note(self, story_id: int, note: str | None) -> None:
        """Set (or with ``None``/blank, clear) the story's note."""
        note = note if note and note.strip() else None
        with self.db.write() as tx:
            tx.execute("UPDATE stories SET note = ? WHERE id = ?", (note, story_id))
            self._sync_notes_text(tx, story_id)

    @staticmethod
    def _sync_notes_text(tx: sqlite3.Connection, sid: int) -> None:
        tx.execute(
            "UPDATE stories SET notes_text = trim(coalesce(note, '') || ' ' || coalesce(("
            "SELECT group_concat(coalesce(note, ''), ' ') FROM highlights WHERE story_id = ?), '')) "
            "WHERE id = ?", (sid, sid))

    def set_markdown(self, story_id: int, markdown: str, content_hash: str) -> None:
        """Cache Markdown derived from a story's HTML (only if the story did not change)."""
        with self.db.write() as tx:
            tx.execute("UPDATE stories SET markdown = ? WHERE id = ? AND content_hash = ?",
                       (markdown, story_id, content_hash))

    def set_fulltext(self, story_id: int, status: str, markdown: str | None = None,
                     text: str | None = None) -> None:
        """Record a full-text fetch: ``"ok"`` with the article, or ``"unavailable"``/``"error"``
        (the feed's own content is kept either way)."""
        with self.db.write() as tx:
            if status == "ok":
                tx.execute("UPDATE stories SET fulltext_status = ?, fulltext_markdown = ?, "
                           "fulltext_text = ? WHERE id = ?", (status, markdown, text, story_id))
            else:
                tx.execute("UPDATE stories SET fulltext_status = ? WHERE id = ?",
                           (status, story_id))

    def story_links(self, ids: Sequence[int]) -> dict[int, str]:
        """``{story id: link}`` for those of ``ids`` that have a link."""
        if not ids:
            return {}
        with self.db.read() as conn:
            return dict(conn.execute(
                f"SELECT id, link FROM stories WHERE link IS NOT NULL AND id IN "
                f"({','.join('?' * len(ids))})", tuple(ids)))

    def first_seen_since(self, since: datetime) -> list[int]:
        """Ids of stories first stored at or after ``since`` (UTC)."""
        with self.db.read() as conn:
            return [r[0] for r in conn.execute("SELECT id FROM stories WHERE first_seen >= ?",
                                               (ts(since),))]
