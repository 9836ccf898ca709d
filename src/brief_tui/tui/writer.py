"""Service writes (read, star, tag, state), run in order on one background thread.

Writes must never block the UI (SQLite may wait on a refresh that holds the write lock) and
must never be dropped or reordered (``m`` twice must end unread), so they do not go through
exclusive Textual workers: they queue here, run one at a time, and report back by posting a
message built on the writer thread (never by touching widgets).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from textual.message import Message

from brief_tui.domain.errors import BriefError
from brief_tui.tui.messages import Failed

Then = Callable[[Any], Message | None]


class WriteQueue:
    """A FIFO of service calls run on a daemon thread.

    Args:
        post: a thread-safe ``post_message`` of the node that receives the results.
    """

    def __init__(self, post: Callable[[Message], bool]) -> None:
        self._post = post
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._pending = 0
        self._lock = threading.Lock()
        self._idle = threading.Event()
        self._idle.set()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="brief-writer", daemon=True)
            self._thread.start()

    def submit(self, what: str, fn: Callable[..., Any], *args: Any, then: Then | None = None,
               to: Callable[[Message], bool] | None = None) -> None:
        """Queue ``fn(*args)``; afterwards ``then(result)`` may return a message to post.

        Args:
            what: our words for the operation, used if it fails (``"Star"``).
            fn: a service method. then: runs on the writer thread; builds the reply.
            to: a thread-safe ``post_message`` that receives the reply (and a failure)
                instead of the queue's own receiver (a dialog that waits for its writes).
        """
        with self._lock:
            self._pending += 1
            self._idle.clear()
        self._queue.put((what, fn, args, then, to))

    @property
    def idle(self) -> bool:
        """True when nothing is queued or running."""
        return self._idle.is_set()

    def wait(self, timeout: float = 5.0) -> bool:
        """Block until the queue is empty (used on quit). Returns False on timeout."""
        return self._idle.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        """Finish queued writes, then end the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            what, fn, args, then, to = item
            message: Message | None = None
            try:
                result = fn(*args)
                message = then(result) if then is not None else None
            except BriefError as exc:
                message = Failed(what, str(exc))
            except Exception as exc:  # noqa: BLE001 - report, keep the writer alive
                message = Failed(what, f"{type(exc).__name__}: {exc}")
            if message is not None:
                (to or self._post)(message)
            with self._lock:
                self._pending -= 1
                if self._pending == 0:
                    self._idle.set()
