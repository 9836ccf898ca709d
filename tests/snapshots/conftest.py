"""Snapshot fixtures: the real app over the fixed sample data, with nothing left to chance
(fixed clock and time zone, no cursor blink, workers and writes awaited before the shot)."""

from __future__ import annotations

import os
import time

os.environ["TZ"] = "UTC"
time.tzset()

from pathlib import Path

import pytest

from brief_tui.__main__ import make_app
from tests.support.sample_data import build_service
from tests.tui.conftest import settle

WIDE = (120, 36)
SMALL = (80, 24)
EXPORTS = Path("/home/analyst/briefs")
"""The export directory the dialog shows (nothing is written there)."""


@pytest.fixture
def make(tmp_path):
    """Build the app over the sample service (options as for ``build_service``)."""
    services = []

    def build(**options):
        options.setdefault("export_dir", EXPORTS)
        service = build_service(tmp_path, **options)
        services.append(service)
        app = make_app(service=service, seed=False)
        app.cursor_blink = False
        return app

    yield build
    for service in services:
        service.close()


def steps(*keys, then=None):
    """A ``run_before`` that settles, presses ``keys`` one at a time (settling after each),
    then runs ``then(pilot)``. The key ``"wait"`` waits for the search box's pause."""

    async def run(pilot):
        await settle(pilot)
        for key in keys:
            if key == "wait":
                await pilot.pause(0.35)
            else:
                await pilot.press(key)
            await settle(pilot)
        if then is not None:
            await then(pilot)
            await settle(pilot)

    return run
