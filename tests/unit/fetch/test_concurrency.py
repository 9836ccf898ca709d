"""Bounded concurrency: callers gather hundreds of fetches; the Fetcher keeps the limits."""

from __future__ import annotations

import asyncio

from brief_tui.fetch import Fetcher, FetchSettings
from tests.support.httpserver import RequestRecord, Rule, ScenarioServer

SLOW = {"/slow.xml": [Rule(200, {"Content-Type": "application/rss+xml"}, b"<rss/>",
                           delay_s=0.15)]}


def most_at_once(records: list[RequestRecord]) -> int:
    """Largest number of requests in flight at one moment, from the server's records."""
    events = sorted([(r.time, 1) for r in records] + [(r.finished, -1) for r in records],
                    key=lambda e: (e[0], e[1]))
    now = best = 0
    for _, step in events:
        now += step
        best = max(best, now)
    return best


async def test_per_host_limit_is_four_by_default(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes(SLOW)
    async with Fetcher(FetchSettings(trust_env=False)) as fetcher:
        assert (fetcher.settings.per_host, fetcher.settings.concurrency) == (4, 16)
        results = await asyncio.gather(
            *(fetcher.fetch(scenario_server.url("/slow.xml")) for _ in range(12)))
    assert [r.body for r in results] == [b"<rss/>"] * 12
    assert scenario_server.count() == 12
    assert scenario_server.max_in_flight == 4


async def test_global_limit_caps_one_host_too(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes(SLOW)
    async with Fetcher(FetchSettings(concurrency=3, per_host=8, trust_env=False)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(scenario_server.url("/slow.xml"))
                               for _ in range(9)))
    assert scenario_server.max_in_flight == 3


async def test_global_limit_spans_hosts(make_scenario_server) -> None:
    servers = [make_scenario_server(SLOW) for _ in range(3)]
    async with Fetcher(FetchSettings(concurrency=4, per_host=2, trust_env=False)) as fetcher:
        await asyncio.gather(*(fetcher.fetch(s.url("/slow.xml")) for s in servers
                               for _ in range(4)))
    assert all(s.wait_idle() and s.max_in_flight <= 2 for s in servers)
    assert most_at_once([r for s in servers for r in s.requests]) == 4


async def test_hundreds_of_gathered_fetches_all_complete(scenario_server: ScenarioServer
                                                         ) -> None:
    scenario_server.set_routes({f"/f{i}.xml": [Rule(200, {}, f"<rss>{i}</rss>".encode())]
                                for i in range(200)})
    async with Fetcher(FetchSettings(trust_env=False)) as fetcher:
        results = await asyncio.gather(*(fetcher.fetch(scenario_server.url(f"/f{i}.xml"))
                                         for i in range(200)))
    assert [r.body for r in results] == [f"<rss>{i}</rss>".encode() for i in range(200)]
    assert scenario_server.max_in_flight <= 4
    assert scenario_server.connections_opened <= 4  # keep-alive: one connection per slot
