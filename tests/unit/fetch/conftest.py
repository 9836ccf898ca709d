"""Fixtures for the fetch tests: the scenario server and a Fetcher with small limits."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from brief_tui.fetch import Fetcher, FetchSettings
from tests.support.fixtures import make_scenario_server, scenario_server  # noqa: F401

MIB = 1024 * 1024

# Small limits keep the timeout tests fast: 0.5 s between bytes, 1.5 s per fetch, 4 MiB bodies.
SMALL = FetchSettings(connect_timeout=1.0, read_timeout=0.5, deadline=1.5,
                      max_body_bytes=4 * MIB, trust_env=False)


@pytest.fixture
def settings() -> FetchSettings:
    """The settings the ``fetcher`` fixture uses."""
    return SMALL


@pytest.fixture
async def fetcher(settings: FetchSettings) -> AsyncIterator[Fetcher]:
    """An entered :class:`Fetcher` with :data:`SMALL` limits (override ``settings`` to change)."""
    async with Fetcher(settings) as f:
        yield f
