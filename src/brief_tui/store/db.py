"""SQLite connection handling and migrations for the cache.

One :class:`Database` per cache file. Every thread gets its own connection (SQLite connections
must not be shared across threads without a lock), all in WAL mode with a busy timeout, so the
reader and a ``brief-tui refresh`` run from cron can work on the same file at once. Writes run
in ``BEGIN IMMEDIATE`` transactions: a feed update is one transaction.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from brief_tui.domain.errors import StoreError
from brief_tui.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_S = 15.0
"""Seconds a connection waits for another writer before ``database is locked``."""

MEMORY = ":memory:"


def _describe(path: str, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return (f"{path}: the cache database is damaged or not an SQLite file ({text}); "
                f"run `brief-tui repair-db` to move it aside (it is kept) and start a new one")
    if "readonly" in text or "read-only" in text:
        return f"{path}: the cache database is read-only; check the file's permissions"
    if "unable to open" in text:
        return (f"{path}: cannot open the cache database ({text}); check that the data "
                f"directory exists and is writable")
    if "disk" in text and "full" in text:
        return f"{path}: the disk is full; free some space and try again"
    return f"{path}: database error: {text}"


def move_aside(path: str | Path, stamp: str) -> list[Path]:
    """Rename a damaged database and its WAL/SHM files to ``<name>.corrupt-<stamp>`` (kept, never
    deleted), so a new cache can start. Returns the new paths.

    Raises:
        StoreError: a file could not be renamed.
    """
    moved = []
    base = Path(path)
    for suffix in ("", "-wal", "-shm"):
        src = base.with_name(base.name + suffix)
        if src.exists():
            dst = base.with_name(f"{base.name}.corrupt-{stamp}{suffix}")
            try:
                src.rename(dst)
            except OSError as exc:
                raise StoreError(f"{src}: cannot move the damaged cache aside: {exc.strerror}",
                                 source=str(src)) from None
            moved.append(dst)
    return moved


def probe(path: str | Path) -> str | None:
    """Check that a database file opens and passes ``PRAGMA quick_check`` without writing.

    Returns:
        ``None`` when sound (or absent), else a one-line description of the fault.
    """
    p = Path(path)
    if not p.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{p.as_posix()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None if result == "ok" else result


class Database:
    """A cache database file (or an in-memory database for tests).

    Args:
        path: the database file, or ``":memory:"``. The parent directory must exist.

    Raises:
        StoreError: the file cannot be opened, is not a brief-tui cache, is from a newer
            version, or is damaged; the message names the file and what to do.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        self._memory = self.path == MEMORY
        self._lock = threading.RLock()
        self._uri = f"file:brief-{uuid.uuid4().hex}?mode=memory&cache=shared"
        self._anchor: sqlite3.Connection | None = None
        self._all: list[sqlite3.Connection] = []
        if not self._memory:
            self._check_identity()
        conn = self.connection()
        self._migrate(conn)

    # -- connections ---------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            if self._memory:
                if self._anchor is None:
                    self._anchor = sqlite3.connect(self._uri, uri=True, isolation_level=None,
                                                   check_same_thread=False)
                    self._setup(self._anchor, wal=False)
                return self._anchor
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
            self._setup(conn, wal=True)
        except sqlite3.Error as exc:
            raise StoreError(_describe(self.path, exc), source=self.path) from None
        with self._lock:
            self._all.append(conn)
        return conn

    @staticmethod
    def _setup(conn: sqlite3.Connection, *, wal: bool) -> None:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if wal:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise sqlite3.OperationalError(f"cannot switch to WAL (journal_mode={mode})")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")

    def connection(self) -> sqlite3.Connection:
        """Return this thread's connection, opening it on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def close(self) -> None:
        """Close every connection this object opened (call once, at exit)."""
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
            if self._anchor is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._anchor.close()
                self._anchor = None
        self._local = threading.local()

    # -- transactions --------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """Run a write transaction (``BEGIN IMMEDIATE`` … ``COMMIT``); roll back on error.

        Raises:
            StoreError: SQLite failed (locked beyond the busy timeout, disk full, damaged).
        """
        conn = self.connection()
        lock = self._lock if self._memory else contextlib.nullcontext()
        with lock:
            if conn.in_transaction:  # nested use joins the outer transaction
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(_describe(self.path, exc), source=self.path) from None
            try:
                yield conn
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise StoreError(_describe(self.path, exc), source=self.path) from None

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """Give this thread's connection for reads (a lock is held only for in-memory use)."""
        lock = self._lock if self._memory else contextlib.nullcontext()
        with lock:
            yield self.connection()

    # -- migrations ----------------------------------------------------------------------
    def _check_identity(self) -> None:
        """Refuse a foreign or newer database before anything (even WAL mode) writes to it."""
        if not Path(self.path).exists():
            return
        try:
            conn = sqlite3.connect(f"file:{Path(self.path).as_posix()}?mode=ro", uri=True,
                                   timeout=BUSY_TIMEOUT_S)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
                tables = conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise StoreError(_describe(self.path, exc), source=self.path) from None
        if version == 0 and tables:
            raise StoreError(
                f"{self.path}: this SQLite file is not a brief-tui cache (it has other "
                f"tables); choose another --data-dir", source=self.path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: the cache was written by a newer brief-tui (schema "
                f"{version} > {SCHEMA_VERSION}); upgrade brief-tui", source=self.path)

    def _migrate(self, conn: sqlite3.Connection) -> None:
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number in range(version + 1, SCHEMA_VERSION + 1):
                with self.write() as tx:
                    for statement in MIGRATIONS[number - 1]:
                        tx.execute(statement)
                    tx.execute(f"PRAGMA user_version = {number}")
        except sqlite3.Error as exc:
            raise StoreError(_describe(self.path, exc), source=self.path) from None

    @property
    def schema_version(self) -> int:
        """The ``user_version`` of the open database."""
        with self.read() as conn:
            return conn.execute("PRAGMA user_version").fetchone()[0]
