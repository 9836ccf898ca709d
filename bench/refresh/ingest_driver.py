"""In-process ingest driver: parse + sanitise + store + FTS for local feed files, no network.

Opens a fresh :class:`brief_tui.service.Service` on ``DATA_DIR`` and calls
:meth:`~brief_tui.service.Service.import_paths` on all the files (one batch), timing only that
call (the import of the package and the opening of the cache are reported apart). This is the same work as
``brief-tui import FILES...`` without the interpreter start-up, so the gap between the two is the
start-up cost.

Usage::

    python bench/refresh/ingest_driver.py DATA_DIR FILE... [--repeat 1] [--src DIR]

Prints one JSON object: items, files, seconds (median of the repeats), items_per_s, import_s.
Each repeat uses a new sub-directory of ``DATA_DIR`` (which must not exist or be empty).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_once(data_dir: Path, files: list[Path]) -> tuple[int, float, float]:
    """Import ``files`` into a new cache at ``data_dir``; returns (items, loop s, open s)."""
    from brief_tui.service import Service

    t0 = time.perf_counter()
    service = Service.open(data_dir, data_dir / "absent-config.toml")
    t1 = time.perf_counter()
    items = 0
    try:
        for result in service.import_paths(files):  # the batch `brief-tui import` runs
            if isinstance(result, Exception):
                raise result
            items += result.stories_new
        t2 = time.perf_counter()
    finally:
        service.close()
    return items, t2 - t1, t1 - t0


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("data_dir", type=Path)
    p.add_argument("files", nargs="+", type=Path)
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--src", type=Path, default=ROOT / "src",
                   help="the src/ directory to import brief_tui from (default: this checkout)")
    a = p.parse_args()
    sys.path.insert(0, str(a.src))
    t = time.perf_counter()
    import brief_tui.service  # noqa: F401 - timed: the package's import cost

    import_s = time.perf_counter() - t
    times, items = [], 0
    for n in range(a.repeat):
        items, loop_s, _ = run_once(a.data_dir / f"run{n}", a.files)
        times.append(loop_s)
    med = statistics.median(times)
    print(json.dumps({"items": items, "files": len(a.files), "seconds": med,
                      "seconds_all": times, "items_per_s": items / med if med else None,
                      "import_s": import_s}))


if __name__ == "__main__":
    main()
