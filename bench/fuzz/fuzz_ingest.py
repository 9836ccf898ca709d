"""Fuzz the whole ingestion path with generated and mutated documents.

Each input goes through ``parse_document`` -> ``Store.apply_parsed`` (an in-memory cache, FTS
included) -> a search over it -> highlight extraction and Markdown export of every story (when
those modules are present). A *crash* is any exception that is not one of the engine's own
errors (:class:`BriefError`); a *hang* is an input that takes longer than ``--timeout`` seconds.
Findings are written to ``--out`` (one JSON line each, with the input as base64) so they can
become regression tests.

Usage: python bench/fuzz/fuzz_ingest.py [--count 100000] [--seed 1] [--jobs 2] [--timeout 5]
"""

from __future__ import annotations

import argparse
import base64
import json
import multiprocessing
import random
import signal
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED_DIRS = ["tests/fixtures/parse", "tests/fixtures/http", "tests/fixtures/briefings",
             "tests/fixtures/cli", "src/brief_tui/data"]
TOKENS = [b"<", b">", b"&", b"&amp;", b"&#27;", b"&#x9b;", b"]]>", b"<![CDATA[", b"\x1b[31m",
          b"\x1b]52;c;eA==\x07", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"<!ENTITY x 'y'>",
          b"<!DOCTYPE x [", b"&x;", b"</item>", b"<item>", b"</entry>", b"<entry>", b"\r\n",
          b"\r", "\u202e".encode(), "批踢踢".encode(), b"\x80\x81\x9b", b'"', b"{", b"}",
          b"[", b"]", b"9" * 40, b"-1", b"Source: ", b"\n3. ", b"## 1. ", b"**", b"http://",
          b"javascript:alert(1)", b"<script>", b"<style>", b"\n---\n", b"$830 million", b"%"]
NOW = datetime(2026, 11, 29, tzinfo=UTC)


class Hang(Exception):
    pass


def seeds() -> list[bytes]:
    out = []
    for d in SEED_DIRS:
        for p in sorted((ROOT / d).glob("*")):
            if p.is_file() and p.stat().st_size < 200_000 and not p.name.endswith(".py"):
                out.append(p.read_bytes())
    return out


def gen_json(rng: random.Random) -> bytes:
    def junk():
        return rng.choice([None, True, 3, -1.5, "", "x" * rng.randrange(50), [], {}, "\x1b[2J",
                           "2026-13-45T99:00:00Z", "[@click=app.quit]x"])
    items = [{k: (junk() if rng.random() < 0.3 else v) for k, v in {
        "id": str(rng.randrange(5)), "url": f"https://e.example/{rng.randrange(9)}",
        "title": "t" * rng.randrange(5), "content_html": "<p>x</p>" * rng.randrange(3),
        "date_published": "2026-11-29T08:00:00Z", "authors": [{"name": "A"}]}.items()}
        for _ in range(rng.randrange(6))]
    doc = {"version": rng.choice(["https://jsonfeed.org/version/1.1", "1", junk()]),
           "title": junk() if rng.random() < 0.2 else "F", "items": items}
    return json.dumps(doc).encode()


def gen_briefing(rng: random.Random) -> bytes:
    parts = []
    for i in range(rng.randrange(1, 6)):
        num = rng.choice([f"{i + 1}. ", f"## {i + 1}. ", "- **", "**", ""])
        parts.append(f"{num}Headline {i} raises ${rng.randrange(999)}m\n"
                     f"Lede sentence {i}. Why it matters: stuff.\n"
                     f"{rng.choice(['Source: https://e.example/x', '[Source](http://x)', ''])}\n")
    return "\n".join(parts).encode(rng.choice(["utf-8", "cp1252", "utf-16"]), "replace")


def mutate(data: bytes, rng: random.Random, pool: list[bytes]) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randrange(1, 6)):
        op = rng.randrange(7)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and b:
            del b[pos:pos + rng.randrange(1, 64)]
        elif op == 3:
            b = b[:pos]
        elif op == 4 and b:
            seg = b[pos:pos + rng.randrange(1, 200)]
            b[pos:pos] = seg * rng.randrange(1, 4)
        elif op == 5:
            other = rng.choice(pool)
            cut = rng.randrange(len(other) + 1)
            b = b[:pos] + other[cut:]
        else:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16)))
    return bytes(b)


def make_input(i: int, seed: int, pool: list[bytes]) -> bytes:
    rng = random.Random(seed * 1_000_003 + i)
    kind = rng.random()
    if kind < 0.1:
        return gen_json(rng)
    if kind < 0.2:
        return gen_briefing(rng)
    return mutate(rng.choice(pool), rng, pool)


def ingest(body: bytes, store, feed_id: int) -> None:
    from brief_tui.domain.errors import BriefError
    from brief_tui.domain.filters import StoryFilter
    from brief_tui.parse import parse_document

    try:
        parsed = parse_document(body, url="http://127.0.0.1:8/fuzz.xml", now=NOW)
    except BriefError:
        return
    result = store.apply_parsed(feed_id, parsed, now=NOW)
    ids = list(result.new_ids + result.updated_ids)
    store.story_ids(StoryFilter(query="the OR x"))
    try:
        from brief_tui.extract import extract_highlights
    except ImportError:
        extract_highlights = None
    for sid in ids:
        story = store.require_story(sid)
        if extract_highlights is not None:
            for h in extract_highlights(story.text, title=story.title):
                assert 0 <= h.start <= h.end <= len(story.text), h
    assert store.integrity_check() == "ok" if ids and len(ids) % 50 == 0 else True


def worker(args) -> dict:
    start, stop, seed, timeout = args
    from brief_tui.store import Store

    def alarm(*_):
        raise Hang()

    signal.signal(signal.SIGALRM, alarm)
    pool = seeds()
    store = Store(":memory:")
    feed, _ = store.add_feed("http://127.0.0.1:8/fuzz.xml", now=NOW)
    findings, slowest = [], 0.0
    for i in range(start, stop):
        body = make_input(i, seed, pool)
        t0 = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            ingest(body, store, feed.id)
        except Hang:
            findings.append({"i": i, "kind": "hang", "input": base64.b64encode(body).decode()})
        except Exception as exc:  # noqa: BLE001 - that is what we are looking for
            findings.append({"i": i, "kind": "crash", "error": repr(exc)[:300],
                             "trace": traceback.format_exc()[-1500:],
                             "input": base64.b64encode(body).decode()})
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        slowest = max(slowest, time.perf_counter() - t0)
        if i % 500 == 0:  # keep the in-memory store small
            store.close()
            store = Store(":memory:")
            feed, _ = store.add_feed("http://127.0.0.1:8/fuzz.xml", now=NOW)
    return {"findings": findings, "slowest": slowest, "count": stop - start}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "fuzz-findings.jsonl")
    a = ap.parse_args()
    chunk = 1000
    tasks = [(s, min(s + chunk, a.count), a.seed, a.timeout) for s in range(0, a.count, chunk)]
    t0 = time.perf_counter()
    findings, slowest, done = [], 0.0, 0
    with multiprocessing.Pool(a.jobs) as pool:
        for r in pool.imap_unordered(worker, tasks):
            findings += r["findings"]
            slowest = max(slowest, r["slowest"])
            done += r["count"]
            print(f"\r{done}/{a.count} inputs, {len(findings)} findings", end="", flush=True)
    elapsed = time.perf_counter() - t0
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w") as f:
        for x in findings:
            f.write(json.dumps(x) + "\n")
    kinds = {}
    for x in findings:
        kinds[x["kind"]] = kinds.get(x["kind"], 0) + 1
    print(f"\n{done} inputs in {elapsed:.0f} s ({done / elapsed:.0f}/s), slowest {slowest:.2f} s; "
          f"findings: {kinds or 'none'} -> {a.out}")


if __name__ == "__main__":
    main()
