"""Profile brief-tui on the refresh and ingest workloads with py-spy, and summarise.

Workloads:
    cold    ``brief-tui refresh`` of the corpus (gen1, ``--latency-ms``) into a cache that was
            just subscribed with ``brief-tui import subs.opml`` (workload 1 of ``run.py``).
    ingest  ``brief-tui import`` of every gen1 file (workload 4).

The target runs under ``py-spy record --format raw`` (sampled stacks; idle threads, such as the
event loop waiting in ``epoll``, are not counted). The summary gives, as % of samples:
the share of each package (by the innermost frame), the functions with the most self time, and
the functions with the most inclusive time (anywhere on the stack), plus the share spent
importing modules.

Usage::

    pip install py-spy
    python bench/refresh/profile_spy.py cold|ingest [--rate 200] [--out bench/out/profile] [--ref HEAD]
    python bench/refresh/profile_spy.py summary FILE.txt      # summarise an existing raw profile

Writes ``<out>/<workload>.txt`` (raw stacks, loadable at speedscope.app or by
``flamegraph.pl``) and ``<out>/<workload>.summary.txt``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

_FRAME = re.compile(r"^(?P<fn>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def _frames(stack: str) -> list[tuple[str, str]]:
    out = []
    for part in stack.split(";"):
        m = _FRAME.match(part.strip())
        if m:
            out.append((m["fn"], m["file"]))
        else:
            out.append((part.strip(), ""))
    return out


def package(file: str) -> str:
    """A short owner for a source file: ``feedparser``, ``brief_tui.parse``, ``stdlib:asyncio``,
    ``import system``. py-spy names files relative to their ``sys.path`` entry
    (``feedparser/mixin.py``, ``xml/sax/expatreader.py``) or absolute."""
    if file.startswith("<frozen importlib"):
        return "import system"
    if "brief_tui/" in file:
        parts = file.split("brief_tui/", 1)[1].split("/")
        return "brief_tui." + parts[0].removesuffix(".py")
    for marker in ("site-packages/", "lib/python3.11/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    top = file.split("/", 1)[0].removesuffix(".py")
    if top in sys.stdlib_module_names:
        return "stdlib:" + top
    return top or "?"


def summarise(raw: Path, top: int = 25) -> str:
    """Text summary of a py-spy raw (collapsed) profile."""
    total = 0
    by_self: Counter = Counter()
    by_incl: Counter = Counter()
    by_pkg: Counter = Counter()
    by_thread: Counter = Counter()
    importing = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = _frames(stack)
        thread = next((f for f, file in frames if f.startswith("thread ")), "thread ?")
        real = [(f, file) for f, file in frames
                if not f.startswith(("process ", "thread ")) and file]
        if not real:
            continue
        by_thread[thread.split(" (")[0] + " " + thread.split('"')[1] if '"' in thread
                  else thread] += n
        fn, file = real[-1]
        by_self[f"{fn} ({_short(file)})"] += n
        by_pkg[package(file)] += n
        seen = {f"{f} ({_short(fi)})" for f, fi in real}
        for key in seen:
            by_incl[key] += n
        if any(f == "_find_and_load" for f, _ in real):
            importing += n
    if not total:
        return f"{raw}: no samples"

    def pct(n: int) -> str:
        return f"{100 * n / total:5.1f}%"

    lines = [f"{raw.name}: {total} samples", "",
             f"importing modules (any frame in _find_and_load): {pct(importing)}", "",
             "threads:"]
    lines += [f"  {pct(n)}  {t}" for t, n in by_thread.most_common(6)]
    lines += ["", "by package (innermost frame):"]
    lines += [f"  {pct(n)}  {p}" for p, n in by_pkg.most_common(top)]
    lines += ["", "self time:"]
    lines += [f"  {pct(n)}  {f}" for f, n in by_self.most_common(top)]
    lines += ["", "inclusive time:"]
    lines += [f"  {pct(n)}  {f}" for f, n in by_incl.most_common(top * 2)]
    return "\n".join(lines)


def _short(file: str) -> str:
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def record(cmd: list[str], out: Path, rate: int, env: dict, cwd: Path) -> None:
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not spy:
        raise SystemExit("py-spy not found: pip install py-spy")
    subprocess.run([spy, "record", "--format", "raw", "--rate", str(rate), "--threads",
                    "--output", str(out), "--", *cmd], check=True, env=env, cwd=cwd,
                   stdout=subprocess.DEVNULL)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("workload", choices=("cold", "ingest", "summary"))
    p.add_argument("raw", nargs="?", type=Path, help="for summary: the raw profile file")
    p.add_argument("--rate", type=int, default=200, help="samples per second")
    p.add_argument("--latency-ms", type=float, default=50.0)
    p.add_argument("--hosts", type=int, default=50)
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "profile")
    p.add_argument("--ref", metavar="COMMIT", help="profile this commit's src/ (see run.py)")
    a = p.parse_args()
    if a.workload == "summary":
        print(summarise(a.raw))
        return
    import run

    args = argparse.Namespace(feeds=200, items=50, seed=7, latency_ms=a.latency_ms,
                              hosts=a.hosts, runs=1, no_newsboat=True, server_timeout=1800.0,
                              ref=a.ref)
    bench = run.Bench(args)
    run.corpus.ensure_corpus(bench.corpus_dir)
    a.out.mkdir(parents=True, exist_ok=True)
    raw = a.out / f"{a.workload}.txt"
    data = bench.work / "data"
    data.mkdir()
    try:
        if a.workload == "cold":
            bench.start_server()
            bench.write_subscriptions()
            bench.run(bench.brief_cmd(data, "import", str(bench.work / "subs.opml")),
                      bench.work / "setup.log")
            record(bench.brief_cmd(data, "refresh"), raw, a.rate, bench.env, bench.work)
            print("server:", bench.control("/_stats"))
        else:
            files = [str(f) for f in sorted((bench.corpus_dir / "gen1").glob("*.xml"))]
            record(bench.brief_cmd(data, "import", *files), raw, a.rate, bench.env, bench.work)
    finally:
        bench.stop_server()
        shutil.rmtree(bench.work, ignore_errors=True)
    text = summarise(raw)
    (a.out / f"{a.workload}.summary.txt").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
