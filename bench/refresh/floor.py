"""The feed server's own floor: how fast a minimal client can fetch every feed.

A raw asyncio HTTP/1.1 client (no parsing beyond the status line and ``Content-Length``, keep-alive,
``Accept-Encoding: gzip``) fetches every URL once with ``--concurrency`` requests in flight, first
plain (200s) then with each answer's ``ETag`` as ``If-None-Match`` (304s). Whatever a real reader
takes beyond these figures is its own time, not the server's.

Usage::

    python bench/refresh/floor.py URL_FILE [--concurrency 16] [--repeat 5]

Prints JSON: best and median seconds for the 200 round and the 304 round.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from urllib.parse import urlsplit


class _Conn:
    def __init__(self) -> None:
        self.pool: dict[tuple[str, int], tuple[asyncio.StreamReader, asyncio.StreamWriter]] = {}

    async def get(self, url: str, etag: str | None) -> tuple[int, str | None, int]:
        u = urlsplit(url)
        key = (u.hostname, u.port or 80)
        if key not in self.pool:
            self.pool[key] = await asyncio.open_connection(*key)
        reader, writer = self.pool[key]
        req = (f"GET {u.path} HTTP/1.1\r\nHost: {u.netloc}\r\nUser-Agent: floor/1\r\n"
               f"Accept-Encoding: gzip\r\n" + (f"If-None-Match: {etag}\r\n" if etag else "")
               + "\r\n")
        writer.write(req.encode())
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
        length = int(headers.get("content-length", "0"))
        if length:
            await reader.readexactly(length)
        return status, headers.get("etag"), length

    def close(self) -> None:
        for _, w in self.pool.values():
            w.close()


async def fetch_all(urls: list[str], concurrency: int, etags: dict[str, str] | None
                    ) -> tuple[float, dict[str, str], dict[int, int]]:
    """Fetch every URL once with ``concurrency`` workers; returns (seconds, etags, statuses)."""
    queue: asyncio.Queue[str] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)
    found: dict[str, str] = {}
    statuses: dict[int, int] = {}

    async def worker() -> None:
        conn = _Conn()
        try:
            while not queue.empty():
                url = queue.get_nowait()
                status, etag, _ = await conn.get(url, (etags or {}).get(url))
                statuses[status] = statuses.get(status, 0) + 1
                if etag:
                    found[url] = etag
        finally:
            conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - start, found, statuses


def measure(urls: list[str], concurrency: int = 16, repeat: int = 5) -> dict:
    """Best and median seconds of ``repeat`` rounds of 200s and of 304s."""
    cold, warm = [], []
    statuses = {}
    for _ in range(repeat):
        t, etags, s200 = asyncio.run(fetch_all(urls, concurrency, None))
        cold.append(t)
        t, _, s304 = asyncio.run(fetch_all(urls, concurrency, etags))
        warm.append(t)
        statuses = {"200_round": s200, "304_round": s304}
    return {"requests": len(urls), "concurrency": concurrency,
            "200_best_s": min(cold), "200_median_s": statistics.median(cold),
            "304_best_s": min(warm), "304_median_s": statistics.median(warm), **statuses}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("url_file", help="one URL a line")
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args()
    urls = [line.strip() for line in open(a.url_file) if line.strip()]
    print(json.dumps(measure(urls, a.concurrency, a.repeat), indent=1))


if __name__ == "__main__":
    main()
