"""Module-level jobs for ParsePool tests (worker processes must be able to import them)."""

from __future__ import annotations

import os


def die_in_a_worker(value: int, parent: int) -> tuple[int, bool]:
    """Kill the worker process it runs in (any process but ``parent``); in the parent, return
    ``(value, True)``."""
    if os.getpid() != parent:
        os._exit(1)
    return value, True
