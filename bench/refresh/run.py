"""Whole-process speed benchmark: brief-tui against newsboat on the same local corpus.

Workloads (all on one generated corpus, one server, in one run):

1. ``cold``     refresh N feeds x M items at ``--latency-ms`` per request into an empty cache.
2. ``304``      the same refresh again on the warm cache: every feed answers 304.
3. ``changed``  a warm gen1 cache refreshed after the server switched to gen2 (10% of feeds
                gained items; the rest answer 304).
4. ``ingest``   parse + sanitise + store + FTS of the gen1 files from disk, no network:
                ``brief-tui import FILES...`` (and newsboat reloading ``file://`` URLs), in items/s;
                plus the in-process driver (``ingest_driver.py``) to separate start-up.

Each measurement is a whole process (wall time, CPU time and peak RSS from ``wait4``), one
warm-up run, then ``--runs`` runs; brief-tui and newsboat alternate run by run so both see the
same machine. brief-tui: fresh ``--data-dir``, subscribed with ``brief-tui import subs.opml``
(not timed), timed ``brief-tui --data-dir D --config C refresh``. newsboat: fresh cache file,
``reload-threads 16``, timed ``newsboat -x reload -u urls -c cache.db -C config``. The server's
counters are read after every run (requests, 200s, 304s), so a client that skipped conditional
GET shows up in the table.

Usage (from the repository root, with the venv active)::

    python bench/refresh/run.py [--runs 5] [--feeds 200] [--items 50] [--latency-ms 50]
        [--hosts 50] [--workloads cold,304,changed,ingest] [--no-newsboat] [--keep] [--ref HEAD]
    python bench/refresh/run.py --report bench/out/refresh-YYYYMMDD-HHMMSS.json

Prints the table and writes the raw samples as JSON under ``bench/out/``. The wall ratio is
what the targets are about; the CPU ratio (user + system seconds of the process) moves less
when other work shares the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import floor  # noqa: E402

TARGETS = {"cold": 0.5, "304": 0.3, "changed": 0.4}
"""brief-tui / newsboat median wall-time ratios to reach (issue 7)."""
INGEST_TARGET = 10_000
"""items/s to reach for ``ingest``."""


@dataclass
class Sample:
    """One timed process."""

    wall: float
    cpu: float
    rss_mb: float
    code: int
    server: dict = field(default_factory=dict)


@dataclass
class Row:
    workload: str
    tool: str
    samples: list[Sample] = field(default_factory=list)
    warmup: Sample | None = None
    stored: int | None = None
    items: int | None = None
    last_ctx: Path | None = None

    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]


class Bench:
    """State of one benchmark run: corpus, server, scratch directory, tools."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.corpus_dir = ROOT / "bench" / ".cache" / "refresh" / \
            f"corpus-v{corpus.VERSION}-{args.feeds}x{args.items}-s{args.seed}"
        self.work = Path(tempfile.mkdtemp(prefix="brief-refresh-bench-"))
        self.brief = shutil.which("brief-tui", path=str(Path(sys.executable).parent)) or \
            shutil.which("brief-tui")
        self.newsboat = None if args.no_newsboat else shutil.which("newsboat")
        self.env = _child_env(self.work / "home")
        self.brief_argv = [self.brief] if self.brief else []
        self.src = ROOT / "src"
        if args.ref:
            # Measure one commit, whatever happens to the working tree meanwhile.
            snap = self.work / "snapshot"
            snap.mkdir()
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar",
                                      args.ref, "src"], capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(snap)], input=archive.stdout, check=True)
            self.src = snap / "src"
            self.env["PYTHONPATH"] = str(self.src)
            self.brief_argv = [sys.executable, "-m", "brief_tui"]
        # Byte-compile what is measured, as an installed package is (pip writes .pyc files at
        # install time): with PYTHONDONTWRITEBYTECODE set, or a fresh snapshot, every process
        # would otherwise compile brief_tui's sources again (~0.1 s of each start-up).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(self.src)], check=True)
        self.server = None
        self.ports: list[int] = []
        self.opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        self.rows: list[Row] = []
        self.notes: list[str] = []
        self.child: subprocess.Popen | None = None

    # -- server ------------------------------------------------------------------------------
    def start_server(self) -> None:
        cmd = [sys.executable, str(HERE / "server.py"), str(self.corpus_dir),
               "--ports", str(self.args.hosts), "--latency-ms", str(self.args.latency_ms),
               "--timeout", str(self.args.server_timeout), "--parent-pid", str(os.getpid())]
        self.server = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        line = self.server.stdout.readline()
        if not line.startswith("READY "):
            raise SystemExit(f"server did not start: {line!r}")
        self.ports = json.loads(line[6:])["ports"]

    def control(self, path: str) -> dict:
        url = f"http://127.0.0.1:{self.ports[0]}{path}"
        with self.opener.open(url, timeout=10) as resp:
            return json.loads(resp.read())

    def stop_server(self) -> None:
        if self.server and self.server.poll() is None:
            try:
                self.control("/_quit")
            except OSError:
                pass
            try:
                self.server.wait(10)
            except subprocess.TimeoutExpired:
                self.server.kill()

    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.ports[f % len(self.ports)]}/feeds/{corpus.feed_name(f)}"
                for f in range(self.args.feeds)]

    # -- set-up files ------------------------------------------------------------------------
    def write_subscriptions(self) -> None:
        from xml.sax.saxutils import quoteattr

        urls = self.urls()
        outlines = "\n".join(f"    <outline type=\"rss\" text=\"Feed {i}\" xmlUrl={quoteattr(u)}/>"
                             for i, u in enumerate(urls))
        (self.work / "subs.opml").write_text(
            '<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n'
            f"  <head><title>bench</title></head>\n  <body>\n{outlines}\n  </body>\n</opml>\n")
        (self.work / "urls").write_text("\n".join(urls) + "\n")
        files = sorted((self.corpus_dir / "gen1").glob("*.xml"))
        (self.work / "file-urls").write_text("".join(p.as_uri() + "\n" for p in files))
        (self.work / "newsboat.conf").write_text("reload-threads 16\n")
        (self.work / "home").mkdir(exist_ok=True)

    # -- running -----------------------------------------------------------------------------
    def timed(self, cmd: list[str], log: Path) -> Sample:
        with open(log, "ab") as out:
            out.write(("$ " + " ".join(cmd) + "\n").encode())
            out.flush()
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                    env=self.env, cwd=self.work)
            self.child = proc
            try:
                _, status, ru = os.wait4(proc.pid, 0)
            finally:
                self.child = None
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        return Sample(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, proc.returncode)

    def run(self, cmd: list[str], log: Path) -> None:
        """An untimed set-up step; fails loudly."""
        with open(log, "ab") as out:
            code = subprocess.call(cmd, stdout=out, stderr=out, stdin=subprocess.DEVNULL,
                                   env=self.env, cwd=self.work)
        if code:
            raise SystemExit(f"set-up failed ({code}): {' '.join(cmd)}; see {log}")

    def brief_cmd(self, data: Path, *rest: str) -> list[str]:
        return [*self.brief_argv, "--data-dir", str(data), "--config",
                str(self.work / "none.toml"), *rest]

    def newsboat_cmd(self, cache: Path, urls: str = "urls") -> list[str]:
        return [self.newsboat, "-x", "reload", "-u", str(self.work / urls), "-c", str(cache),
                "-C", str(self.work / "newsboat.conf")]

    def measure(self, rows: dict[str, Row], prepare, command) -> None:
        """Warm-up then ``runs`` rounds; each round runs every tool once, alternating order.

        ``prepare(tool, n)`` makes the state for run ``n`` (untimed) and returns a context;
        ``command(tool, ctx)`` returns the argv to time.
        """
        tools = list(rows)
        for n in range(self.args.runs + 1):
            order = tools if n % 2 == 0 else tools[::-1]
            for tool in order:
                ctx = prepare(tool, n)
                self.control("/_reset")
                sample = self.timed(command(tool, ctx), self.work / f"{tool}.log")
                sample.server = {k: v for k, v in self.control("/_stats").items()
                                 if k in ("requests", "status_200", "status_304",
                                          "peak_in_flight", "peak_connections")}
                if n == 0:
                    rows[tool].warmup = sample
                else:
                    rows[tool].samples.append(sample)
                print(f"  {rows[tool].workload:<8} {tool:<9} run {n}{' (warm-up)' if n == 0 else ''}"
                      f": {sample.wall:6.2f} s wall, {sample.cpu:6.2f} s CPU, "
                      f"{sample.rss_mb:5.0f} MB, exit {sample.code}, server {sample.server}",
                      flush=True)
                rows[tool].last_ctx = ctx

    def tools(self) -> list[str]:
        return ["brief-tui"] + (["newsboat"] if self.newsboat else [])

    # -- workloads ---------------------------------------------------------------------------
    def w_cold(self) -> None:
        rows = {t: Row("cold", t) for t in self.tools()}

        def prepare(tool, n):
            self.control("/_gen/gen1")
            d = self.work / "cold" / f"{tool}-{n}"
            d.mkdir(parents=True)
            if tool == "brief-tui":
                self.run(self.brief_cmd(d, "import", str(self.work / "subs.opml")),
                         self.work / "setup.log")
            return d

        self.measure(rows, prepare, self.command_refresh)
        self.control("/_gen/gen1")
        for tool, row in rows.items():
            row.stored = self.stored(tool, row.last_ctx)
            # The warm template for the 304 and changed workloads: the last cold run's state
            # plus one more (untimed) gen1 refresh, so both tools hold validators for every
            # feed. newsboat 2.21 keeps a feed's ETag/Last-Modified only from its second
            # fetch on (its first refresh answers 200 again); brief-tui gets 304s here already.
            warm = self.work / "warm" / tool
            shutil.copytree(row.last_ctx, warm)
            self.control("/_reset")
            self.run(self.command_refresh(tool, warm), self.work / "setup.log")
            stats = self.control("/_stats")
            self.notes.append(f"{tool}: settle refresh after cold got "
                              f"{stats.get('status_200', 0)} x 200, "
                              f"{stats.get('status_304', 0)} x 304")
        self.rows += rows.values()

    def command_refresh(self, tool: str, d: Path) -> list[str]:
        if tool == "brief-tui":
            return self.brief_cmd(d, "refresh")
        return self.newsboat_cmd(d / "cache.db")

    def w_304(self) -> None:
        rows = {t: Row("304", t) for t in self.tools()}

        def prepare(tool, n):
            self.control("/_gen/gen1")
            d = self.work / "304" / tool
            if not d.exists():
                shutil.copytree(self.work / "warm" / tool, d)
            return d

        self.measure(rows, prepare, self.command_refresh)
        for tool, row in rows.items():
            row.stored = self.stored(tool, row.last_ctx)
        self.rows += rows.values()

    def w_changed(self) -> None:
        rows = {t: Row("changed", t) for t in self.tools()}

        def prepare(tool, n):
            d = self.work / "changed" / f"{tool}-{n}"
            shutil.copytree(self.work / "warm" / tool, d)
            self.control("/_gen/gen2")
            return d

        try:
            self.measure(rows, prepare, self.command_refresh)
        finally:
            self.control("/_gen/gen1")
        for tool, row in rows.items():
            row.stored = self.stored(tool, row.last_ctx)
        self.rows += rows.values()

    def w_ingest(self) -> None:
        files = [str(p) for p in sorted((self.corpus_dir / "gen1").glob("*.xml"))]
        items = self.args.feeds * self.args.items
        rows = {t: Row("ingest", t, items=items) for t in self.tools()}

        def prepare(tool, n):
            d = self.work / "ingest" / f"{tool}-{n}"
            d.mkdir(parents=True)
            return d

        def command(tool, d):
            if tool == "brief-tui":
                return self.brief_cmd(d, "import", *files)
            return self.newsboat_cmd(d / "cache.db", urls="file-urls")

        self.measure(rows, prepare, command)
        for tool, row in rows.items():
            row.stored = self.stored(tool, row.last_ctx)
        self.rows += rows.values()
        # In-process: the same import without the interpreter's start-up.
        out = subprocess.run([sys.executable, str(HERE / "ingest_driver.py"),
                              "--src", str(self.src), str(self.work / "ingest" / "driver"),
                              *files,
                              "--repeat", str(max(1, min(3, self.args.runs)))],
                             capture_output=True, text=True, env=self.env, check=True)
        self.driver = json.loads(out.stdout)
        print(f"  ingest driver (in-process): {self.driver}", flush=True)

    def stored(self, tool: str, d: Path) -> int | None:
        db = d / ("brief.db" if tool == "brief-tui" else "cache.db")
        table = "stories" if tool == "brief-tui" else "rss_item"
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
                return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        except sqlite3.Error as exc:
            self.notes.append(f"{tool}: cannot count stored items in {db}: {exc}")
            return None

    def floor(self) -> dict:
        """The server's floor with a raw client: 16 requests in flight (as both readers use),
        and 64 to show the server is not what limits 16."""
        repeat = max(3, self.args.runs)
        result = floor.measure(self.urls(), concurrency=16, repeat=repeat)
        wide = floor.measure(self.urls(), concurrency=64, repeat=repeat)
        result["64_200_median_s"] = wide["200_median_s"]
        result["64_304_median_s"] = wide["304_median_s"]
        self.control("/_reset")
        return result


def _child_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k.lower() not in ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
           and not k.startswith("BRIEF_TUI_")}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                "XDG_DATA_HOME": str(home / ".local/share"),
                "XDG_CACHE_HOME": str(home / ".cache"), "NO_PROXY": "127.0.0.1,localhost",
                "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
    return env


# -- report ------------------------------------------------------------------------------------
def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def table(args: dict, rows: list[dict], driver: dict | None) -> str:
    """The Markdown results table from the raw samples (``rows`` as saved in the JSON)."""
    head = (f"{args['feeds']} feeds x {args['items']} items, {args['latency_ms']:g} ms latency, "
            f"{args['hosts']} hosts; {args['runs']} runs after 1 warm-up; median (min-max)")
    lines = [head, "",
             "| workload | tool | wall s | CPU s | peak RSS MB | wall ratio | CPU ratio | target |"
             " server 200/304 | stored |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    by = {(r["workload"], r["tool"]): r for r in rows}
    for r in rows:
        walls = [s["wall"] for s in r["samples"]]
        med, lo, hi = _stats(walls)
        cpu = statistics.median(s["cpu"] for s in r["samples"])
        rss = statistics.median(s["rss_mb"] for s in r["samples"])
        other = by.get((r["workload"], "newsboat"))
        ratio = cpu_ratio = target = ""
        if r["tool"] == "brief-tui" and other and other["samples"]:
            ratio_v = med / statistics.median(s["wall"] for s in other["samples"])
            ratio = f"{ratio_v:.2f}x"
            cpu_ratio = f"{cpu / statistics.median(s['cpu'] for s in other['samples']):.2f}x"
            if r["workload"] in TARGETS:
                ok = ratio_v <= TARGETS[r["workload"]]
                target = f"<= {TARGETS[r['workload']]}x: {'met' if ok else 'missed'}"
        if r["workload"] == "ingest":
            items = r["items"]
            rate = items / med
            ratio = f"{rate:,.0f} items/s ({items / hi:,.0f}-{items / lo:,.0f})" + (
                f"; {ratio}" if ratio else "")
            if r["tool"] == "brief-tui":
                target = (f">= {INGEST_TARGET:,} items/s: "
                          f"{'met' if rate >= INGEST_TARGET else 'missed'}")
        srv = r["samples"][-1]["server"]
        server = (f"{srv.get('status_200', 0)}/{srv.get('status_304', 0)}"
                  if srv.get("requests") else "-")
        codes = {s["code"] for s in r["samples"]}
        tool = r["tool"] + ("" if codes == {0} else f" (exit {sorted(codes)})")
        lines.append(f"| {r['workload']} | {tool} | {med:.2f} ({lo:.2f}-{hi:.2f}) | {cpu:.2f} | "
                     f"{rss:.0f} | {ratio} | {cpu_ratio} | {target} | {server} | {r['stored']} |")
    if driver:
        lines.append(f"| ingest, in-process | brief-tui driver | {driver['seconds']:.2f} | | | "
                     f"{driver['items_per_s']:,.0f} items/s | | | - | {driver['items']} |")
    return "\n".join(lines)


def _rows_json(bench: Bench) -> list[dict]:
    return [{"workload": r.workload, "tool": r.tool, "stored": r.stored, "items": r.items,
             "warmup": asdict(r.warmup) if r.warmup else None,
             "samples": [asdict(s) for s in r.samples]} for r in bench.rows]


def report(path: Path) -> None:
    """Print the table (and floor) of a saved run."""
    data = json.loads(path.read_text())
    args = {"hosts": 50, **data["args"]}
    print(table(args, data["rows"], data.get("driver")))
    f = data.get("floor") or {}
    if f:
        print(f"\nserver floor: 16 in flight 200s {f['200_median_s']:.2f} s, 304s "
              f"{f['304_median_s']:.2f} s; 64 in flight "
              f"{f.get('64_200_median_s', float('nan')):.2f} s / "
              f"{f.get('64_304_median_s', float('nan')):.2f} s")
    print(f"versions {data['versions']}; load {data['load']}; source {data.get('source')}")
    for note in data.get("notes", []):
        print("note:", note)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--feeds", type=int, default=200)
    p.add_argument("--items", type=int, default=50)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--latency-ms", type=float, default=50.0)
    p.add_argument("--hosts", type=int, default=50,
                   help="server ports the feeds are spread over (default 50: 4 feeds a host)")
    p.add_argument("--workloads", default="cold,304,changed,ingest")
    p.add_argument("--no-newsboat", action="store_true")
    p.add_argument("--server-timeout", type=float, default=3 * 3600,
                   help="the server exits by itself after this many seconds")
    p.add_argument("--keep", action="store_true", help="keep the scratch directory")
    p.add_argument("--ref", metavar="COMMIT",
                   help="measure this commit's src/ (a git archive snapshot run with "
                        "PYTHONPATH) instead of the working tree; e.g. HEAD")
    p.add_argument("--report", type=Path, metavar="JSON",
                   help="only print the table of a saved run (bench/out/refresh-*.json)")
    args = p.parse_args()
    if args.report:
        report(args.report)
        return
    work = [w.strip() for w in args.workloads.split(",") if w.strip()]
    bench = Bench(args)

    def on_term(signum, frame):  # stop the timed child too, then unwind (server, scratch)
        if bench.child is not None and bench.child.poll() is None:
            bench.child.kill()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    if not bench.brief:
        raise SystemExit("brief-tui is not installed in this Python's environment "
                         "(pip install -e . first)")
    if not args.no_newsboat and not bench.newsboat:
        bench.notes.append("newsboat not found: only brief-tui was measured "
                           "(apt-get install -y newsboat)")
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    manifest = corpus.ensure_corpus(bench.corpus_dir, feeds=args.feeds, items=args.items,
                                    seed=args.seed)
    print(f"corpus {bench.corpus_dir}: {manifest['bytes']['gen1'] / 1e6:.1f} MB gen1, "
          f"sha256 {manifest['sha256'][:16]}; scratch {bench.work}", flush=True)
    versions = {"brief-tui": _version([bench.brief, "--version"])}
    if bench.newsboat:
        versions["newsboat"] = _version([bench.newsboat, "--version"])
    load = {"start": os.getloadavg()}
    source = {"start": source_state(args.ref)}
    try:
        bench.start_server()
        bench.write_subscriptions()
        floor_result = bench.floor()
        print(f"server floor: {floor_result}", flush=True)
        steps = {"cold": bench.w_cold, "304": bench.w_304, "changed": bench.w_changed,
                 "ingest": bench.w_ingest}
        if ("304" in work or "changed" in work) and "cold" not in work:
            work.insert(0, "cold")
        for w in work:
            print(f"workload {w} (load average {os.getloadavg()[0]:.2f})", flush=True)
            steps[w]()
    finally:
        bench.stop_server()
        load["end"] = os.getloadavg()
        source["end"] = source_state(args.ref)
        if source["end"] != source["start"]:
            bench.notes.append(f"src/ changed during the run ({source['start']} -> "
                               f"{source['end']}): runs measured different code")
        if not args.keep:
            shutil.rmtree(bench.work, ignore_errors=True)
    rows_json = _rows_json(bench)
    text = table(vars(args), rows_json, getattr(bench, "driver", None))
    print()
    print(text)
    print(f"\nserver floor (raw client, {args.feeds} requests, median of {max(3, args.runs)}): "
          f"16 in flight: 200s {floor_result['200_median_s']:.2f} s, "
          f"304s {floor_result['304_median_s']:.2f} s; 64 in flight: 200s "
          f"{floor_result['64_200_median_s']:.2f} s, 304s {floor_result['64_304_median_s']:.2f} s")
    print(f"versions: {versions}; code {source['start']}; load average start "
          f"{tuple(round(x, 2) for x in load['start'])}, end "
          f"{tuple(round(x, 2) for x in load['end'])}")
    for note in bench.notes:
        print("note:", note)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"refresh-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps({
        "started": started, "args": vars(args), "versions": versions, "load": load,
        "source": source,
        "corpus": manifest | {"changed": len(manifest["changed"])}, "floor": floor_result,
        "driver": getattr(bench, "driver", None), "notes": bench.notes, "table": text,
        "rows": rows_json},
        indent=1) + "\n")
    print(f"raw samples: {path}")


def source_state(ref: str | None = None) -> str:
    """``<commit>+<hash of src/ as on disk>``: the code a run measured (the package is installed
    editable, so uncommitted edits count; a change during the run is reported). With ``ref``:
    that commit, measured from a snapshot."""
    import hashlib

    if ref:
        return "snapshot of " + subprocess.run(["git", "rev-parse", "--short", ref], cwd=ROOT,
                                               capture_output=True, text=True).stdout.strip()

    digest = hashlib.sha256()
    for path in sorted((ROOT / "src").rglob("*.py")):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = "?"
    return f"{commit}+src:{digest.hexdigest()[:12]}"


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return "unknown"


if __name__ == "__main__":
    main()
