"""Time and peak memory of refreshing a folder of real feeds, cold and warm.

Serves FOLDER on 127.0.0.1 (plain http.server: no ETag, so a warm refresh exercises the
identical-body check; Last-Modified is sent, so conditional GET works too), subscribes to
every feed file in it with a throwaway data dir, then times ``brief-tui refresh`` as a whole
process: a cold refresh (after `add`, the cache is dropped: new data dir, feeds imported from
OPML without stories) and a warm one (same data dir again). Prints median and min-max of RUNS.

Usage: python bench/realfeeds_refresh.py FOLDER [RUNS]
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

FEED_SUFFIXES = (".atom", ".rss", ".json", ".xml", ".rdf")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_Quiet, directory=str(folder))
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as srv:
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{srv.server_address[1]}"
        finally:
            srv.shutdown()


def timed(args: list[str]) -> tuple[float, float]:
    """Run a process; return (seconds, peak RSS in MiB) from wait4's rusage."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t0, usage.ru_maxrss / 1024


def opml(urls: list[str]) -> str:
    body = "".join(f'<outline text="f{i}" type="rss" xmlUrl="{u}"/>' for i, u in enumerate(urls))
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'


def main() -> None:
    folder = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    exe = shutil.which("brief-tui") or str(Path(sys.executable).parent / "brief-tui")
    files = sorted(p.name for p in folder.iterdir() if p.suffix in FEED_SUFFIXES)
    # Byte-compile brief_tui as an installed package is (pip writes .pyc files at install).
    import brief_tui

    subprocess.run([sys.executable, "-m", "compileall", "-q",
                    str(Path(brief_tui.__file__).parent)], check=True)
    cold, warm = [], []
    with serve(folder) as base, tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs.opml"
        subs.write_text(opml([f"{base}/{f}" for f in files]))
        for i in range(runs + 1):
            data = Path(tmp) / f"d{i}"
            subprocess.run([exe, "--data-dir", str(data), "import", str(subs)], check=True,
                           stdout=subprocess.DEVNULL)
            c = timed([exe, "--data-dir", str(data), "refresh"])
            w = timed([exe, "--data-dir", str(data), "refresh"])
            if i:  # the first round warms the OS caches
                cold.append(c)
                warm.append(w)
    for name, rows in (("cold", cold), ("warm", warm)):
        secs = [r[0] for r in rows]
        mem = [r[1] for r in rows]
        print(f"{name}: {statistics.median(secs):.2f} s (min {min(secs):.2f}, max {max(secs):.2f}) "
              f"peak RSS {statistics.median(mem):.0f} MiB (max {max(mem):.0f}) over {len(rows)} runs, "
              f"{len(files)} feeds")


if __name__ == "__main__":
    main()
