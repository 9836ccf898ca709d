"""The analyst's highlights, cached extracted highlights, saved searches and app state."""

from __future__ import annotations

import json
from datetime import datetime

from brief_tui.domain.errors import NotFoundError
from brief_tui.domain.models import HL_USER, Highlight
from brief_tui.store.convert import ts
from brief_tui.store.db import Database


class AnnotationStore:
    """Highlights and key/value state; mixed into :class:`brief_tui.store.Store` after
    ``StoryStore`` (whose ``_sync_notes_text`` it uses)."""

    db: Database

    # -- the analyst's highlights --------------------------------------------------------
    def user_highlights(self, story_id: int) -> list[Highlight]:
        """The analyst's highlights on a story, in text order."""
        with self.db.read() as conn:
            rows = conn.execute('SELECT id, text, start, "end", note, lost FROM highlights '
                                'WHERE story_id = ? ORDER BY start, id', (story_id,)).fetchall()
        return [Highlight(kind=HL_USER, text=t, start=s, end=e, rank=i, id=hid, note=n,
                          lost=bool(lost)) for i, (hid, t, s, e, n, lost) in enumerate(rows)]

    def toggle_highlight(self, story_id: int, start: int, end: int, text: str, *,
                         now: datetime) -> Highlight | None:
        """Highlight ``text[start:end]`` of a story, or remove the highlight on that span.

        Returns:
            The new highlight, or ``None`` when an existing one was removed.
        """
        with self.db.write() as tx:
            row = tx.execute('SELECT id FROM highlights WHERE story_id = ? AND start = ? '
                             'AND "end" = ?', (story_id, start, end)).fetchone()
            if row:
                tx.execute("DELETE FROM highlights WHERE id = ?", (row[0],))
                self._sync_notes_text(tx, story_id)
                return None
            cur = tx.execute('INSERT INTO highlights(story_id, text, start, "end", created) '
                             "VALUES (?, ?, ?, ?, ?)", (story_id, text, start, end, ts(now)))
            return Highlight(kind=HL_USER, text=text, start=start, end=end, id=cur.lastrowid)

    def set_highlight_note(self, highlight_id: int, note: str | None) -> None:
        """Attach a note to one of the analyst's highlights (blank clears it).

        Raises:
            NotFoundError: no highlight with that id.
        """
        note = note if note and note.strip() else None
        with self.db.write() as tx:
            row = tx.execute("SELECT story_id FROM highlights WHERE id = ?",
                             (highlight_id,)).fetchone()
            if row is None:
                raise NotFoundError(f"highlight {highlight_id}: no such highlight")
            tx.execute("UPDATE highlights SET note = ? WHERE id = ?", (note, highlight_id))
            self._sync_notes_text(tx, row[0])

    def remove_highlight(self, highlight_id: int) -> None:
        """Delete one of the analyst's highlights."""
        with self.db.write() as tx:
            row = tx.execute("SELECT story_id FROM highlights WHERE id = ?",
                             (highlight_id,)).fetchone()
            if row:
                tx.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
                self._sync_notes_text(tx, row[0])

    # -- cached extraction ---------------------------------------------------------------
    def cached_extraction(self, story_id: int, content_hash: str, version: int
                          ) -> list[Highlight] | None:
        """Extracted highlights stored for this story version and extractor version, or None."""
        with self.db.read() as conn:
            row = conn.execute("SELECT content_hash, version, data FROM extracted WHERE story_id = ?",
                               (story_id,)).fetchone()
        if row is None or row[0] != content_hash or row[1] != version:
            return None
        return [Highlight(kind=k, text=t, start=s, end=e, rank=r, score=sc)
                for k, t, s, e, r, sc in json.loads(row[2])]

    def store_extraction(self, story_id: int, content_hash: str, version: int,
                         highlights: list[Highlight]) -> None:
        """Store extracted highlights for a story version (replacing older ones)."""
        data = json.dumps([[h.kind, h.text, h.start, h.end, h.rank, h.score] for h in highlights],
                          ensure_ascii=False, separators=(",", ":"))
        with self.db.write() as tx:
            tx.execute("INSERT INTO extracted(story_id, content_hash, version, data) "
                       "SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM stories WHERE id = ? "
                       "AND content_hash = ?) ON CONFLICT(story_id) DO UPDATE SET "
                       "content_hash = excluded.content_hash, version = excluded.version, "
                       "data = excluded.data",
                       (story_id, content_hash, version, data, story_id, content_hash))

    # -- saved searches ------------------------------------------------------------------
    def saved_searches(self) -> list[tuple[str, str]]:
        """``(name, query)`` of every saved search, in the order they were saved."""
        with self.db.read() as conn:
            return [tuple(r) for r in conn.execute(
                "SELECT name, query FROM saved_searches ORDER BY position, name")]

    def save_search(self, name: str, query: str) -> None:
        """Save (or replace) a search under ``name``."""
        with self.db.write() as tx:
            tx.execute("INSERT INTO saved_searches(name, query, position) VALUES (?, ?, "
                       "(SELECT coalesce(max(position), 0) + 1 FROM saved_searches)) "
                       "ON CONFLICT(name) DO UPDATE SET query = excluded.query", (name, query))

    def delete_search(self, name: str) -> None:
        """Forget a saved search."""
        with self.db.write() as tx:
            tx.execute("DELETE FROM saved_searches WHERE name = ?", (name,))

    # -- key/value state -----------------------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """Read an app-state value (last view, selection, seeded flag…)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Write an app-state value."""
        with self.db.write() as tx:
            tx.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                       "SET value = excluded.value", (key, value))
