"""pytest fixtures for the scenario HTTP server.

Public names: :func:`scenario_server`, :func:`make_scenario_server`.

Wire them in either way:

- globally, in ``tests/conftest.py``: ``pytest_plugins = ["tests.support.fixtures"]``;
- per module: ``from tests.support.fixtures import scenario_server  # noqa: F401``.

Both need the repository root on ``sys.path`` (``pythonpath = ["src", "."]`` in the pytest
config, or ``tests/__init__.py`` plus ``__init__.py`` in each test folder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from tests.support.httpserver import ScenarioServer


@pytest.fixture
def scenario_server() -> Iterator[ScenarioServer]:
    """A started :class:`ScenarioServer` with no routes; load some with
    ``scenario_server.set_routes(SCENARIOS["B20-301"])``. Stopped after the test."""
    with ScenarioServer() as server:
        yield server


@pytest.fixture
def make_scenario_server() -> Iterator[Callable[..., ScenarioServer]]:
    """A factory: ``make_scenario_server(SCENARIOS["B19-gzip"], ...)`` returns a started
    server; every server it made is stopped after the test."""
    servers: list[ScenarioServer] = []

    def make(*sources, host: str = "127.0.0.1") -> ScenarioServer:
        server = ScenarioServer(*sources, host=host).start()
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()
