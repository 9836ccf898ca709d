"""The refresh pipeline's process pool: parallel parsing gives the same stored result as inline
parsing, and a pool that cannot start never fails the refresh."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from brief_tui.pipeline import RefreshRun, default_workers

ROOT = Path(__file__).resolve().parents[3]


def feed(name: str, n: int) -> str:
    items = "".join(f"<item><title>{name} {i}</title><guid isPermaLink=\"false\">{name}-{i}</guid>"
                    f"<description>&lt;p&gt;Body {i} of {name}&lt;/p&gt;</description></item>"
                    for i in range(n))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name}</title>{items}' \
           f"</channel></rss>"


def test_default_workers():
    assert default_workers(1) == 1 and default_workers(3) == 1
    assert default_workers(200) == max(1, min(4, os.cpu_count() or 1))


def snapshot(service):
    return sorted((s.feed_url.rsplit("/", 1)[1], s.key, s.title, s.text)
                  for s in service.stories(limit=1000))


def test_parallel_and_inline_parsing_store_the_same(tmp_path, clock):
    import asyncio

    from brief_tui.service import Service
    from brief_tui.store import Store

    results = []
    for workers in (1, 2):
        d = tmp_path / f"w{workers}"
        d.mkdir()
        svc = Service(Store(d / "brief.db"), clock=clock)
        for k in range(5):
            f = d / f"f{k}.xml"
            f.write_text(feed(f"f{k}", 7))
            svc.import_path(f)
            f.write_text(feed(f"f{k}", 9))
        run = RefreshRun(svc, svc.feeds(), workers=workers)
        out = asyncio.run(run.run())
        assert sorted((r.outcome, r.new) for r in out) == [("new", 2)] * 5
        results.append(snapshot(svc))
        svc.close()
    assert results[0] == results[1] and len(results[0]) == 45


def test_refresh_from_a_program_without_an_importable_main(tmp_path):
    """`python -` (stdin) has a __main__ the pool's workers cannot re-import: the pool breaks
    and parsing falls back inline."""
    data = tmp_path / "d"
    files = []
    for k in range(5):
        f = tmp_path / f"f{k}.xml"
        f.write_text(feed(f"f{k}", 3))
        files.append(str(f))
    code = (
        "import sys\n"
        "from brief_tui.service import Service\n"
        f"svc = Service.open({str(data)!r})\n"
        f"for f in {files!r}:\n"
        "    svc.store.add_feed('file://' + f, now=svc.now(), kind='file')\n"
        "res = svc.refresh()\n"
        "print(sorted(r.outcome for r in res), len(svc.story_ids()))\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-"], input=code, capture_output=True, text=True,
                       env=env, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "['new', 'new', 'new', 'new', 'new'] 15"


def test_a_broken_parse_pool_falls_back_to_inline_work():
    # A worker process that dies breaks the pool (BrokenProcessPool); every job still gets its
    # result, computed inline, in order.
    import os

    from brief_tui.pipeline import ParsePool
    from tests.support.pool_jobs import die_in_a_worker

    pool = ParsePool(2)
    try:
        results = list(pool.map(die_in_a_worker, [(n, os.getpid()) for n in range(1, 6)]))
        assert pool._pool is None  # the broken pool was dropped
    finally:
        pool.close()
    assert results == [(1, True), (2, True), (3, True), (4, True), (5, True)]
