"""Time brief_tui.fetch.Fetcher on 200 small local feeds fetched concurrently.

The feeds are served by tests.support.httpserver.ScenarioServer instances running in a child
process (so the server's threads do not share the client's GIL). Each feed is ~12 KB of RSS
(30 items) sent gzipped with an ETag; a request carrying that ETag gets a 304.

Runs, each with the default settings (16 in flight, 4 per host), cold (no validators) and
then all-304 (with the validators the cold run stored):
  spread over hosts        200 feeds over 50 servers (4 each), no added latency
  one host                 all 200 feeds on one server (so 4 in flight at most)
  spread, 50 ms latency    200 feeds over 50 servers, each answer delayed 50 ms

Usage: PYTHONPATH=src:. python bench/fetch_smoke.py [--feeds 200] [--hosts 50] [--repeat 3]
Prints the best wall time of each run in seconds, with the client process's CPU time for
that run. Install ``sniffio`` for honest numbers: without it httpcore retries a failing
``import sniffio`` (a sys.path scan) several times per request.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import multiprocessing as mp
import time

FEED_ITEMS = 30


def feed_body(n: int) -> bytes:
    items = "".join(
        f"<item><title>Feed {n} story {i}</title><link>https://example.com/{n}/{i}</link>"
        f'<guid isPermaLink="false">f{n}-{i}</guid>'
        f"<pubDate>Mon, 01 Jan 2024 10:{i:02d}:00 GMT</pubDate>"
        f"<description>Story {i} of feed {n}: a sentence or two of teaser text, "
        f"long enough to look like a real summary.</description></item>\n"
        for i in range(FEED_ITEMS))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Feed {n}</title><link>https://example.com/{n}</link>"
            f"<description>bench</description>\n{items}</channel></rss>\n").encode()


def serve(feeds: int, hosts: int, delay: float, conn) -> None:
    """Child process: start ``hosts`` servers, send their ports, serve until told to stop."""
    from tests.support.httpserver import Rule, ScenarioServer, When

    servers = [ScenarioServer() for _ in range(hosts)]
    for n in range(feeds):
        body = gzip.compress(feed_body(n), mtime=0)
        etag = f'"f{n}"'
        servers[n % hosts].add_routes({f"/feed/{n}.xml": [
            Rule(304, {"ETag": etag}, when=When(header_equals={"If-None-Match": etag}),
                 delay_s=delay),
            Rule(200, {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip",
                       "ETag": etag}, body, delay_s=delay)]})
    for server in servers:
        server.start()
    conn.send([s.port for s in servers])
    conn.recv()
    for server in servers:
        server.stop()


async def run(urls: list[str], validators: dict[str, object] | None
              ) -> tuple[float, float, dict]:
    from brief_tui.fetch import Fetcher, FetchSettings

    async with Fetcher(FetchSettings(trust_env=False)) as fetcher:
        start, cpu = time.perf_counter(), time.process_time()
        results = await asyncio.gather(
            *(fetcher.fetch(u, (validators or {}).get(u)) for u in urls),
            return_exceptions=True)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    errors = [r for r in results if isinstance(r, BaseException)]
    if errors:
        raise SystemExit(f"{len(errors)} fetches failed, first: {errors[0]!r}")
    return elapsed, cpu, {r.requested_url: r.validators for r in results}


def bench(name: str, feeds: int, hosts: int, delay: float, repeat: int) -> None:
    parent, child = mp.Pipe()
    proc = mp.Process(target=serve, args=(feeds, hosts, delay, child), daemon=True)
    proc.start()
    ports = parent.recv()
    urls = [f"http://127.0.0.1:{ports[n % hosts]}/feed/{n}.xml" for n in range(feeds)]
    cold: list[tuple[float, float]] = []
    warm: list[tuple[float, float]] = []
    validators: dict = {}
    for _ in range(repeat):
        t, cpu, validators = asyncio.run(run(urls, None))
        cold.append((t, cpu))
        t, cpu, _ = asyncio.run(run(urls, validators))
        warm.append((t, cpu))
    parent.send("stop")
    proc.join(5)
    (ct, cc), (wt, wc) = min(cold), min(warm)
    print(f"{name:<24} cold {ct:6.3f} s (client CPU {cc:5.3f} s)   all-304 {wt:6.3f} s "
          f"(client CPU {wc:5.3f} s)   [{feeds} feeds, {hosts} hosts, "
          f"{delay * 1000:.0f} ms per answer]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"feed body {len(feed_body(0))} bytes ({len(gzip.compress(feed_body(0)))} gzipped)")
    bench("spread over hosts", args.feeds, args.hosts, 0.0, args.repeat)
    bench("one host", args.feeds, 1, 0.0, args.repeat)
    bench("spread, 50 ms latency", args.feeds, args.hosts, 0.05, args.repeat)


if __name__ == "__main__":
    main()
