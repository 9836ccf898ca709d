"""Fixtures for the TUI tests: the sample service, the app from the real factory, and a way
to wait for workers and queued writes instead of sleeping."""

from __future__ import annotations

import os
import time

import pytest

from brief_tui.__main__ import make_app
from tests.support.sample_data import build_service

os.environ["TZ"] = "UTC"
time.tzset()


@pytest.fixture
def service(tmp_path):
    """The sample service (see tests/support/sample_data.py)."""
    svc = build_service(tmp_path)
    yield svc
    svc.close()


@pytest.fixture
def app(service):
    """The reader over the sample service, built by the real factory."""
    return make_app(service=service, seed=False)


async def settle(pilot, rounds: int = 60) -> None:
    """Wait until no worker is pending or running, the write queue is empty and messages are
    handled (workers started by call_after_refresh are waited for too)."""
    from textual.worker import WorkerCancelled, WorkerFailed, WorkerState

    app = pilot.app
    for _ in range(rounds):
        await pilot.pause()
        workers = [w for w in app.workers if w.state in (WorkerState.PENDING,
                                                          WorkerState.RUNNING)]
        writer = getattr(app.screen_stack[0], "writer", None)
        if writer is not None and not writer.idle:
            writer.wait(2.0)
            continue
        if not workers:
            break
        started = [w for w in workers if w.state == WorkerState.RUNNING]
        for worker in started:
            try:
                await worker.wait()
            except (WorkerCancelled, WorkerFailed):
                pass
    await pilot.pause()
    await pilot.pause()


def main_screen(app):
    """The reader screen (bottom of the stack)."""
    return app.screen_stack[0]


def notifications(app) -> list[str]:
    """Texts of the notifications currently shown, oldest first."""
    return [n.message for n in app._notifications]
