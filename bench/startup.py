"""Reader start-up and interaction figures, measured on a real pseudo-terminal.

Usage::

    python bench/startup.py [--runs 5] [--size 120x36] [--only bundled|archive]
                            [--stories 100000]

For each scenario (the bundled sample content; a generated archive of 100,000 stories from
``bench/gen_archive.py``) the reader is started ``--runs`` times as a fresh process on a pty of
the given size, with Textual's real Linux driver writing frames to it. The child reports:

- ``first_paint``: process spawn -> the first frame written to the terminal (s);
- ``stories_shown``: spawn -> the first frame with story rows in the list (s);
- ``key_ms``: for ``j``/``k`` keys (in turn) sent by the parent through the pty, key event ->
  the next frame written (ms; one key at a time, 80 ms apart);
- ``open_ms``: opening a story of about 3 KB of Markdown (the enter key's action) -> the first
  frame showing it in the article pane (ms);
- ``peak_mb``: peak resident memory of the process (``ru_maxrss``, MB).

Medians (and the 95th percentile of key latencies) are printed and written as JSON to
``bench/out/startup.json``. The archive database is copied to a private temporary directory
(opening a story marks it read). Timings are wall-clock on a machine that may be shared: run on
an idle machine for stable numbers (the load average is printed alongside).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
KEYS = 40
KEY_GAP_S = 0.08


# -- the child: runs the app with probes -----------------------------------------------------
def child(data_dir: str, result_path: str) -> None:
    """Run the reader in this process (stdin/stdout are the pty) and write the figures."""
    spawn = float(os.environ["BRIEF_BENCH_SPAWN"])
    from textual import events

    from brief_tui.service import Service
    from brief_tui.tui.app import BriefApp
    from brief_tui.tui.screens.main import MainScreen
    from brief_tui.tui.widgets.story_list import StoryList
    from brief_tui.tui.widgets.story_view import StoryView, split_markdown, story_body

    figures: dict = {"keys": []}
    trace = open(result_path + ".trace", "w")  # noqa: SIM115 - stage log for post-mortems

    def stage(text: str) -> None:
        trace.write(f"{time.time() - spawn:.3f} {text}\n")
        trace.flush()

    marker = Path(result_path + ".ready")
    targets = [int(x) for x in os.environ["BRIEF_BENCH_TARGETS"].split(",")]
    state = {"pending_keys": [], "target": None, "open_start": None, "keys_seen": 0,
             "label": None}

    class ProbedApp(BriefApp):
        """The real app with timing probes on frames and key events."""

        def _display(self, screen, renderable) -> None:
            super()._display(screen, renderable)
            if renderable is None:
                return
            now = time.time()
            figures.setdefault("first_paint", now - spawn)
            main = self.screen_stack[0] if self.screen_stack else None
            if not isinstance(main, MainScreen):
                return
            if "stories_shown" not in figures:
                if main.query_one(StoryList).row_count > 0:
                    figures["stories_shown"] = now - spawn
                    stage("stories shown")
                    marker.write_text("ready")
            while state["pending_keys"]:
                figures["keys"].append((now - state["pending_keys"].pop()) * 1000)
            if state["target"] is not None and state["open_start"] is not None:
                article = main.query_one(StoryView)
                body = article.query("#story-body")
                if (article.story_id == state["target"] and body
                        and len(body.first().children) > 0
                        and body.first().source.startswith(state["expect"])):
                    figures[state["label"]] = (now - state["open_start"]) * 1000
                    state["open_start"] = None
                    if state["label"] == "open_cold_ms":
                        self.set_timer(0.3, self.rest_on_target)
                    else:
                        self.call_later(self.finish)

        async def on_event(self, event) -> None:
            fresh = event is not state.get("last_event")
            state["last_event"] = event
            if isinstance(event, events.Key) and event.key in ("j", "k") and fresh:
                state["pending_keys"] = [time.time()]
                state["keys_seen"] += 1
                if state["keys_seen"] == KEYS:
                    self.set_timer(0.3, self.open_cold)
            await super().on_event(event)

        def open_cold(self) -> None:
            """Open a story never shown nor read ahead (the enter key's action)."""
            stage(f"open cold {targets[0]}")
            self.expect(targets[0])
            state.update(target=targets[0], label="open_cold_ms", open_start=time.time())
            self.screen_stack[0].open_story(targets[0])

        def rest_on_target(self) -> None:
            """Put the cursor on the second story and let it be read ahead."""
            stories = self.screen_stack[0].query_one(StoryList)
            stories.focus()
            index = stories.index_of(targets[1])
            if index is None:
                figures["error"] = f"story {targets[1]} is not in the list"
                self.finish()
                return
            stories.move_to(index)
            stage(f"rest on {targets[1]} at {index}")
            self.set_timer(0.6, self.open_warm)

        def open_warm(self) -> None:
            """Press enter on the story under the cursor (read ahead while it rested)."""
            stage("open warm")
            self.expect(targets[1])
            state.update(target=targets[1], label="open_ms", open_start=time.time())
            self.screen_stack[0].query_one(StoryList).action_select()

        def expect(self, story_id: int) -> None:
            """Note what the article body must show, and give up after 10 s."""
            body = story_body(self.service.story(story_id))
            state["expect"] = split_markdown(body)[0][:200]
            self.set_timer(10, lambda: self.give_up(story_id))

        def give_up(self, story_id: int) -> None:
            if state["target"] == story_id and state["open_start"] is not None:
                figures["error"] = f"story {story_id} was not shown within 10 s"
                self.finish()

        def finish(self) -> None:
            figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            Path(result_path).write_text(json.dumps(figures))
            self.exit()

    service = Service.open(data_dir, Path(data_dir) / "config.toml")
    try:
        ProbedApp(service).run()
    finally:
        service.close()


def pick_stories(data_dir: Path) -> tuple[list[int], list[int]]:
    """Two stories of the All view whose Markdown is closest to 3 KB (newest 2,000 rows), and
    their sizes in bytes. Their Markdown is derived here, so the runs measure the reader.

    The first two rows are never picked: the reader shows the first at start and the j/k
    presses visit the second, so opening either would change nothing on screen."""
    from brief_tui.service import Service

    service = Service.open(data_dir, data_dir / "config.toml")
    try:
        sized = []
        for row in service.story_rows(limit=2000)[2:]:
            size = len((service.story(row.id).markdown or "").encode())
            sized.append((abs(size - 3000), row.id, size))
    finally:
        service.close()
    sized.sort()
    return [sized[0][1], sized[1][1]], [sized[0][2], sized[1][2]]


# -- the parent: spawns children on a pty ----------------------------------------------------
def run_once(data_dir: Path, size: tuple[int, int], targets: list[int],
             timeout: float = 90.0) -> dict:
    """Start one reader process on a fresh pty, send keys, collect its figures."""
    result = Path(tempfile.mkdtemp(prefix="brief-bench-")) / "result.json"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor",
               BRIEF_TUI_CONFIG=str(data_dir / "config.toml"),
               BRIEF_BENCH_TARGETS=",".join(map(str, targets)),
               BRIEF_BENCH_SPAWN=repr(time.time()))
    proc = subprocess.Popen([sys.executable, __file__, "--child", str(data_dir), str(result)],
                            stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    stop = threading.Event()

    log = open(str(result) + ".tty", "wb")  # the terminal output, for post-mortems

    def drain() -> None:
        while not stop.is_set():
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            log.write(chunk[-4096:])

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    deadline = time.time() + timeout
    marker = Path(str(result) + ".ready")
    while not marker.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.01)
    time.sleep(0.5)
    for n in range(KEYS):  # j and k in turn: every key moves the cursor, even at an end
        os.write(master, b"jk"[n % 2:n % 2 + 1])
        time.sleep(KEY_GAP_S)
    try:
        proc.wait(max(1.0, deadline - time.time()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    stop.set()
    os.close(master)
    log.close()
    if not result.exists():
        raise RuntimeError(f"the reader did not report (exit status {proc.returncode}); "
                           f"terminal output in {result}.tty")
    return json.loads(result.read_text())


def prepare_bundled(root: Path) -> Path:
    """A data directory seeded with the bundled sample content (first-run import done)."""
    from brief_tui.service import Service

    data = root / "bundled"
    data.mkdir()
    service = Service.open(data, data / "config.toml")
    try:
        service.seed_bundled()
    finally:
        service.close()
    return data


def prepare_archive(root: Path, stories: int) -> Path:
    """A private copy of the generated archive as a data directory."""
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_archive import archive  # noqa: PLC0415 - bench helper next to this file

    data = root / "archive"
    data.mkdir()
    shutil.copyfile(archive(stories), data / "brief.db")
    return data


def summarise(name: str, runs: list[dict], sizes: list[int]) -> dict:
    """Medians over runs; key latencies pooled."""
    keys = [k for r in runs for k in r["keys"]]
    out = {
        "runs": len(runs),
        "first_paint_s": statistics.median(r["first_paint"] for r in runs),
        "stories_shown_s": statistics.median(r["stories_shown"] for r in runs),
        "key_ms_median": statistics.median(keys) if keys else None,
        "key_ms_p95": (sorted(keys)[int(len(keys) * 0.95) - 1] if keys else None),
        "open_ms": statistics.median(r.get("open_ms", float("nan")) for r in runs),
        "open_cold_ms": statistics.median(r.get("open_cold_ms", float("nan")) for r in runs),
        "errors": [r["error"] for r in runs if "error" in r],
        "peak_mb": statistics.median(r["peak_mb"] for r in runs),
        "open_story_bytes": sizes,
    }
    print(f"{name:8} first paint {out['first_paint_s']:.3f} s · stories shown "
          f"{out['stories_shown_s']:.3f} s · key {out['key_ms_median']:.1f} ms (p95 "
          f"{out['key_ms_p95']:.1f}) · open {out['open_ms']:.0f} ms after the cursor rested, "
          f"{out['open_cold_ms']:.0f} ms cold ({'/'.join(map(str, sizes))} B) · "
          f"peak {out['peak_mb']:.0f} MB")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", nargs=2, metavar=("DATA_DIR", "RESULT"), help=argparse.SUPPRESS)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", default="120x36")
    ap.add_argument("--only", choices=("bundled", "archive"))
    ap.add_argument("--stories", type=int, default=100_000)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    # Byte-compile the sources as an installed package is (pip writes .pyc files): with
    # PYTHONDONTWRITEBYTECODE set every start would compile them again (~0.1-0.2 s).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    width, height = (int(x) for x in args.size.split("x"))
    root = Path(tempfile.mkdtemp(prefix="brief-startup-"))
    report = {"size": args.size, "load_average": os.getloadavg()}
    try:
        scenarios = []
        if args.only in (None, "bundled"):
            scenarios.append(("bundled", prepare_bundled(root)))
        if args.only in (None, "archive"):
            scenarios.append((f"{args.stories // 1000}k", prepare_archive(root, args.stories)))
        for name, data in scenarios:
            targets, sizes = pick_stories(data)
            runs = [run_once(data, (width, height), targets) for _ in range(args.runs)]
            report[name] = summarise(name, runs, sizes)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report["load_average_after"] = os.getloadavg()
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(report, indent=2))
    print(f"load average {report['load_average']} -> {report['load_average_after']}")


if __name__ == "__main__":
    main()
