"""A bounded local HTTP/1.1 feed server for the refresh benchmarks (127.0.0.1 only).

Serves ``ROOT/gen1/*.xml`` or ``ROOT/gen2/*.xml`` (the corpus of :mod:`corpus`) at
``/feeds/<name>`` on one or more ports, with the validators a well-behaved site sends:

- ``ETag`` (a hash of the file) and ``Last-Modified`` (the feed's newest item date);
  ``If-None-Match`` matching the ETag, or, without ``If-None-Match``, ``If-Modified-Since`` at or
  after ``Last-Modified``, gets ``304 Not Modified`` with no body (RFC 9110 §13.1, RFC 9111).
- ``Content-Encoding: gzip`` when the request accepts it (precompressed once at start).
- Keep-alive connections, ``Content-Length`` on every answer.
- ``--latency-ms``: each feed request waits that long before answering (``asyncio.sleep``, so
  hundreds of requests can wait at once without a thread each).

Control endpoints on every port (not delayed):
``GET /_gen/gen1`` or ``/_gen/gen2`` switches the generation served; ``GET /_stats`` returns JSON
counters (requests, statuses, bytes, peak concurrent connections and requests, user agents);
``GET /_reset`` zeroes them; ``GET /_quit`` stops the server.

Bounded: it exits by itself after ``--timeout`` seconds, after ``--max-requests`` requests, or
(with ``--parent-pid``) when that process is gone. It binds 127.0.0.1 only.

Listening on several ports lets a client see several "hosts" (``127.0.0.1:port`` is the host key of
per-host connection limits), as a real subscription list spread over many sites would.

Usage::

    python bench/refresh/server.py ROOT [--ports 50] [--latency-ms 50] [--gen gen1]
        [--timeout 3600] [--max-requests 2000000] [--no-gzip] [--parent-pid PID]

Prints one line ``READY {"ports": [...], "pid": N}`` on standard output once listening.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import hashlib
import json
import os
import re
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

_DATE = re.compile(rb"<(?:lastBuildDate|updated)>([^<]+)</")


class Doc:
    """One served file: body, gzip body, validators and content type."""

    __slots__ = ("body", "gz", "etag", "last_modified", "mtime", "ctype")

    def __init__(self, body: bytes) -> None:
        self.body = body
        self.gz = gzip.compress(body, compresslevel=6, mtime=0)
        self.etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        self.mtime = _doc_time(body)
        self.last_modified = format_datetime(
            datetime.fromtimestamp(self.mtime, UTC), usegmt=True) if self.mtime else None
        self.ctype = ("application/atom+xml" if b"<feed" in body[:400]
                      else "application/rss+xml") + "; charset=utf-8"


def _doc_time(body: bytes) -> float | None:
    """Seconds since the epoch of the feed's build date (RSS lastBuildDate / Atom updated)."""
    m = _DATE.search(body[:2000])
    if not m:
        return None
    text = m.group(1).decode()
    try:
        if text[:4].isdigit():
            return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
        return parsedate_to_datetime(text).timestamp()
    except (ValueError, TypeError):
        return None


def load(root: Path) -> dict[str, dict[str, Doc]]:
    """``{generation: {file name: Doc}}`` for every ``gen*/`` directory under ``root``."""
    gens: dict[str, dict[str, Doc]] = {}
    for gen_dir in sorted(root.glob("gen*")):
        gens[gen_dir.name] = {p.name: Doc(p.read_bytes()) for p in sorted(gen_dir.glob("*.xml"))}
    if not gens:
        raise SystemExit(f"{root}: no gen*/ directories with .xml files")
    return gens


class Server:
    """The asyncio server state shared by every port."""

    def __init__(self, gens: dict[str, dict[str, Doc]], gen: str, latency: float,
                 use_gzip: bool, max_requests: int) -> None:
        self.gens = gens
        self.gen = gen
        self.latency = latency
        self.use_gzip = use_gzip
        self.max_requests = max_requests
        self.total_requests = 0
        self.stop = asyncio.Event()
        self.reset()

    def reset(self) -> None:
        self.stats: Counter = Counter()
        self.agents: Counter = Counter()
        self.open_conns = 0
        self.peak_conns = 0
        self.active = 0
        self.peak_active = 0
        self.first = self.last = None

    def snapshot(self) -> dict:
        return {"gen": self.gen, "latency_ms": self.latency * 1000, **self.stats,
                "peak_connections": self.peak_conns, "peak_in_flight": self.peak_active,
                "span_s": (self.last - self.first) if self.first else 0.0,
                "agents": dict(self.agents)}

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.open_conns += 1
        self.stats["connections"] += 1
        self.peak_conns = max(self.peak_conns, self.open_conns)
        try:
            while not self.stop.is_set():
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                        ConnectionError):
                    return
                keep = await self.respond(head, reader, writer)
                if not keep:
                    return
        except (asyncio.CancelledError, ConnectionError):
            return  # shutting down with the connection open, or the client went away
        finally:
            self.open_conns -= 1
            try:
                writer.close()
            except Exception:  # noqa: BLE001 - closing a dead socket
                pass

    async def respond(self, head: bytes, reader, writer) -> bool:
        lines = head.decode("latin-1").split("\r\n")
        try:
            method, target, version = lines[0].split(" ", 2)
        except ValueError:
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return False
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if int(headers.get("content-length", "0") or 0):
            await reader.readexactly(int(headers["content-length"]))
        keep = (version == "HTTP/1.1" and headers.get("connection", "").lower() != "close") or \
            headers.get("connection", "").lower() == "keep-alive"
        path = target.split("?", 1)[0]
        if path.startswith("/_"):
            status, extra, body = self.control(path)
        else:
            now = time.perf_counter()
            self.first = self.first or now
            self.active += 1
            self.peak_active = max(self.peak_active, self.active)
            try:
                if self.latency:
                    await asyncio.sleep(self.latency)
                status, extra, body = self.feed(method, path, headers)
            finally:
                self.active -= 1
            self.last = time.perf_counter()
            self.stats["requests"] += 1
            self.stats[f"status_{status}"] += 1
            self.stats["body_bytes"] += len(body)
            self.agents[headers.get("user-agent", "-").split("/")[0][:40]] += 1
            self.total_requests += 1
            if self.total_requests >= self.max_requests:
                self.stop.set()
        reason = {200: "OK", 304: "Not Modified", 404: "Not Found", 405: "Method Not Allowed"}
        out = [f"HTTP/1.1 {status} {reason.get(status, 'OK')}", f"Content-Length: {len(body)}"]
        out += [f"{k}: {v}" for k, v in extra]
        if not keep:
            out.append("Connection: close")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1")
                     + (b"" if method == "HEAD" else body))
        await writer.drain()
        return keep

    def feed(self, method: str, path: str, headers: dict) -> tuple[int, list, bytes]:
        if method not in ("GET", "HEAD"):
            return 405, [("Allow", "GET, HEAD")], b""
        name = path.rsplit("/", 1)[-1]
        doc = self.gens[self.gen].get(name) if path.startswith("/feeds/") else None
        if doc is None:
            return 404, [("Content-Type", "text/plain")], b"not found\n"
        validators = [("ETag", doc.etag)]
        if doc.last_modified:
            validators.append(("Last-Modified", doc.last_modified))
        inm = headers.get("if-none-match")
        ims = headers.get("if-modified-since")
        if inm is not None:
            tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
            if doc.etag in tags or "*" in tags:
                return 304, validators, b""
        elif ims and doc.mtime is not None:
            try:
                if parsedate_to_datetime(ims).timestamp() >= doc.mtime:
                    return 304, validators, b""
            except (TypeError, ValueError):
                pass
        extra = [("Content-Type", doc.ctype), *validators, ("Vary", "Accept-Encoding")]
        if self.use_gzip and "gzip" in headers.get("accept-encoding", "").lower():
            self.stats["gzip"] += 1
            return 200, [*extra, ("Content-Encoding", "gzip")], doc.gz
        return 200, extra, doc.body

    def control(self, path: str) -> tuple[int, list, bytes]:
        if path.startswith("/_gen/"):
            gen = path[len("/_gen/"):]
            if gen not in self.gens:
                return 404, [], f"no generation {gen}\n".encode()
            self.gen = gen
        elif path == "/_reset":
            self.reset()
        elif path == "/_quit":
            self.stop.set()
        elif path != "/_stats":
            return 404, [], b"unknown control path\n"
        return 200, [("Content-Type", "application/json")], json.dumps(self.snapshot()).encode()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


async def serve(args: argparse.Namespace) -> None:
    gens = load(args.root)
    state = Server(gens, args.gen, args.latency_ms / 1000, not args.no_gzip, args.max_requests)
    servers = [await asyncio.start_server(state.handle, "127.0.0.1", 0, backlog=512)
               for _ in range(args.ports)]
    ports = [s.sockets[0].getsockname()[1] for s in servers]
    print("READY " + json.dumps({"ports": ports, "pid": os.getpid(),
                                 "generations": sorted(gens)}), flush=True)
    deadline = time.monotonic() + args.timeout
    while not state.stop.is_set():
        if time.monotonic() > deadline or (args.parent_pid and not _alive(args.parent_pid)):
            break
        try:
            await asyncio.wait_for(state.stop.wait(), 1.0)
        except TimeoutError:
            pass
    for s in servers:
        s.close()


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("root", type=Path, help="corpus directory with gen1/ and gen2/")
    p.add_argument("--ports", type=int, default=1, help="listening ports (default 1)")
    p.add_argument("--latency-ms", type=float, default=0.0, help="added delay per feed request")
    p.add_argument("--gen", default="gen1", help="generation served at start")
    p.add_argument("--timeout", type=float, default=3600.0, help="exit after this many seconds")
    p.add_argument("--max-requests", type=int, default=2_000_000,
                   help="exit after this many feed requests")
    p.add_argument("--no-gzip", action="store_true", help="never send gzip bodies")
    p.add_argument("--parent-pid", type=int, default=0,
                   help="exit when the process with this id is gone (the runner passes its own)")
    args = p.parse_args()
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
