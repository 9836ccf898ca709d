"""Search and clustering speed on a generated 100,000-story archive.

Usage::

    python bench/search.py [--runs 25] [--stories 100000] [--analyze] [--no-naive]

Works on a copy of the cached archive from ``bench/gen_archive.py`` (generated on first use,
~6 minutes). For each query it times what the story list does, ``Service.list_rows`` (the list
executor plus loading the 200 rows), over ``--runs`` runs after one warm-up, and reports p50 and
p95; ``ids`` is the executor alone (p50); ``naive`` is one run of the plain compiled filter
ordered by date with ``LIMIT 200`` selecting ids only (what ``Service.story_rows`` runs, minus
the row columns), for comparison. Then it times same-story cluster assignment for
stories arriving in refresh-sized batches (the service's after-ingest hook) at that size.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from gen_archive import NOW, archive  # noqa: E402

from brief_tui.config import Config  # noqa: E402
from brief_tui.domain.filters import StoryFilter  # noqa: E402
from brief_tui.domain.models import ParsedEntry, ParsedFeed  # noqa: E402
from brief_tui.service import Service  # noqa: E402
from brief_tui.store import Store  # noqa: E402
from brief_tui.store.clusters import WINDOW, assign_clusters, backfill_keys  # noqa: E402
from brief_tui.store.search import list_ids  # noqa: E402
from brief_tui.store.sql import compile_filter  # noqa: E402
from brief_tui.store.tagging import TagRule, apply_rules  # noqa: E402

RULES = [TagRule(None, "mistral OR anthropic", ("ai-labs",)),
         TagRule(None, '"data center" -tag:sports', ("dc",)),
         TagRule(None, "has:enclosure podcast", ("audio",)),
         TagRule(None, "-the", ("odd",))]

QUERIES = [
    ("rare-ish word", "mistral"),
    ("phrase + tag", '"data center" tag:ai'),
    ("OR + date (precedence: nvidia OR (amd after:7d))", "nvidia OR amd after:7d"),
    ("grouped OR + date", "(nvidia OR amd) after:7d"),
    ("state + feed", "is:unread feed:reuters"),
    ("excluded tag + word", "-tag:sports energy"),
    ("author + starred", "author:smith is:starred"),
    ("enclosure + word", "has:enclosure podcast"),
    ("very common word (99% of stories)", "the"),
    ("common word (78%)", "said"),
    ("rare word (47 stories)", "albinav"),
    ("exclusion of a common word", "-said energy"),
    ("group + unread (no full text)", "group:wires is:unread"),
    ("tag only", "tag:ai"),
    ("everything (All view)", ""),
    ("relevance", "mistral sort:relevance"),
    ("relevance, common word", "said sort:relevance"),
]


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def bench_queries(service: Service, runs: int, naive: bool, collapse: bool = False
                  ) -> list[tuple]:
    out = []
    for label, text in QUERIES:
        flt = StoryFilter(query=text, collapse_clusters=collapse)
        service.list_rows(flt, limit=200)  # warm-up
        times, id_times = [], []
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = service.list_rows(flt, limit=200)
            times.append((time.perf_counter() - t0) * 1000)
        with service.store.db.read() as conn:
            for _ in range(max(5, runs // 3)):
                t0 = time.perf_counter()
                list_ids(conn, flt, limit=200, now=service.now().astimezone())
                id_times.append((time.perf_counter() - t0) * 1000)
        plain = None
        if naive and "relevance" not in text:
            where, params, _ = compile_filter(flt, now=service.now().astimezone())
            with service.store.db.read() as conn:
                t0 = time.perf_counter()
                conn.execute(f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id "
                             f"WHERE {where} ORDER BY s.sort_date DESC, s.id DESC LIMIT 200",
                             params).fetchall()
                plain = (time.perf_counter() - t0) * 1000
        total, _ = service.count(StoryFilter(query=text)) if not collapse else (None, None)
        out.append((label, text, len(rows), total, statistics.median(times),
                    _pct(times, 0.95), statistics.median(id_times), plain))
    return out


def bench_clusters(store: Store, batches: int = 60, per_batch: int = 5, seed: int = 11
                   ) -> dict:
    """Stories arrive per feed in small batches, as a refresh stores them; a third are copies of
    a recent story of another feed (near-identical title or same link), the rest new."""
    rng = random.Random(seed)
    with store.db.read() as conn:
        recent = conn.execute(
            "SELECT id, feed_id, title, link, sort_date FROM stories WHERE sort_date >= ? "
            "ORDER BY id", ((NOW - timedelta(days=2)).timestamp(),)).fetchall()
        feeds = [r[0] for r in conn.execute("SELECT id FROM feeds")]
    t0 = time.perf_counter()
    backfilled = backfill_keys(store.db, (NOW - 2 * WINDOW).timestamp())
    backfill_s = time.perf_counter() - t0
    per_story: list[float] = []
    rule_ms: list[float] = []
    joined = arrived = 0
    when = NOW + timedelta(minutes=5)
    for b in range(batches):
        feed = rng.choice(feeds)
        entries = []
        for i in range(per_batch):
            key = f"bench-{b}-{i}"
            if rng.random() < 0.33:
                src = rng.choice([r for r in recent if r[1] != feed][:5000])
                title = rng.choice(["UPDATE 1-", "", "EXCLUSIVE: "]) + src[2] + rng.choice(
                    ["", " - Reuters", " | Wires"])
                link = src[3] + "?utm_source=rss" if rng.random() < 0.5 else f"https://x/{key}"
                published = datetime.fromtimestamp(src[4], UTC) + timedelta(hours=1)
            else:
                words = rng.sample(["grid", "battery", "tariff", "senate", "chip", "launch",
                                    "merger", "strike", "drought", "vaccine", "court", "bond",
                                    "rally", "outage", "layoffs", "probe"], 6)
                title = " ".join(words).capitalize() + f" {b}-{i}"
                link = f"https://example.org/new/{key}"
                published = when - timedelta(minutes=rng.randint(0, 600))
            entries.append(ParsedEntry(key=key, guid=key, title=title, display_title=title,
                                       link=link, published=published, text=title))
        result = store.apply_parsed(feed, ParsedFeed("rss20", entries=entries), now=when)
        t0 = time.perf_counter()
        apply_rules(store.db, RULES, result.new_ids, now=NOW)
        rule_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        got = assign_clusters(store.db, result.new_ids)
        elapsed = (time.perf_counter() - t0) * 1000
        if result.new_ids:
            per_story.append(elapsed / len(result.new_ids))
        joined += len(got)
        arrived += len(result.new_ids)
    return {"backfilled": backfilled, "backfill_s": backfill_s, "arrived": arrived,
            "joined": joined, "p50": statistics.median(per_story),
            "p95": _pct(per_story, 0.95), "max": max(per_story),
            "rules_p50": statistics.median(rule_ms), "rules_p95": _pct(rule_ms, 0.95)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--stories", type=int, default=100_000)
    ap.add_argument("--analyze", action="store_true",
                    help="run ANALYZE first (the app does not, unless PRAGMA optimize is added)")
    ap.add_argument("--no-naive", dest="naive", action="store_false")
    args = ap.parse_args()
    source = archive(args.stories)
    work = Path(tempfile.mkdtemp(prefix="brief-bench-")) / "archive.db"
    shutil.copyfile(source, work)
    try:
        store = Store(work)
        if args.analyze:
            with store.db.write() as tx:
                tx.execute("ANALYZE")
        service = Service(store, Config(), clock=lambda: NOW)
        with store.db.read() as conn:
            n = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        print(f"archive: {n} stories, {work.stat().st_size / 1e6:.0f} MB, "
              f"{args.runs} runs per query{', ANALYZEd' if args.analyze else ''}\n")
        print("| query | kind | rows | matches | p50 ms | p95 ms | ids p50 ms | naive ms |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for label, text, rows, total, p50, p95, ids50, plain in bench_queries(
                service, args.runs, args.naive):
            naive = f"{plain:.1f}" if plain is not None else "-"
            print(f"| `{text or '(empty)'}` | {label} | {rows} | {total} | {p50:.1f} | "
                  f"{p95:.1f} | {ids50:.1f} | {naive} |")
        c = bench_clusters(store)
        print(f"\nclusters: backfilled keys of {c['backfilled']} stories (last "
              f"{2 * WINDOW.days} days) in {c['backfill_s']:.2f} s once; {c['arrived']} stories "
              f"arrived in batches of 5, {c['joined']} joined a cluster; assignment per story "
              f"p50 {c['p50']:.2f} ms, p95 {c['p95']:.2f} ms, max {c['max']:.2f} ms")
        print(f"tag rules: {len(RULES)} rules on each batch of 5 new stories: p50 "
              f"{c['rules_p50']:.2f} ms, p95 {c['rules_p95']:.2f} ms per batch")
        print("\ncollapsed lists (collapse_clusters=True):\n")
        print("| query | p50 ms | p95 ms |")
        print("|---|---:|---:|")
        for label, text, rows, _, p50, p95, _, _ in bench_queries(
                service, max(5, args.runs // 3), False, collapse=True)[:9]:
            print(f"| `{text or '(empty)'}` | {p50:.1f} | {p95:.1f} |")
        store.close()
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
