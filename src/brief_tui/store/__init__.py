"""The SQLite cache: feeds, stories, the user's state, highlights and full-text search.

Use :class:`Store` (``Store(path)`` or ``Store(":memory:")`` in tests). No other layer writes SQL.
"""

from __future__ import annotations

from pathlib import Path

from brief_tui.store.annotations import AnnotationStore
from brief_tui.store.db import Database
from brief_tui.store.feeds import FeedStore
from brief_tui.store.ingest import IngestStore
from brief_tui.store.stories import StoryStore

__all__ = ["Store"]


class Store(FeedStore, IngestStore, StoryStore, AnnotationStore):
    """The cache database with every operation the service needs.

    Args:
        path: the database file (its directory must exist) or ``":memory:"``.

    Raises:
        StoreError: the database cannot be opened or migrated (message names the file).
    """

    def __init__(self, path: str | Path) -> None:
        self.db = Database(path)
        self.path = self.db.path

    def transaction(self):
        """A write transaction that several store calls join (all or nothing).

        Use as ``with store.transaction(): ...``; calls inside commit together.
        """
        return self.db.write()

    def close(self) -> None:
        """Close every connection."""
        self.db.close()

    def integrity_check(self) -> str:
        """Run ``PRAGMA integrity_check`` and the FTS index check; ``"ok"`` when sound."""
        with self.db.read() as conn:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            if result == "ok":
                conn.execute("INSERT INTO stories_fts(stories_fts) VALUES ('integrity-check')")
        return result
