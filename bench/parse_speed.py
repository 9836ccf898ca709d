"""Parse-layer speed on a folder of real feeds (not a test: prints figures).

Usage: python bench/parse_speed.py [FOLDER] [--repeat N] [--profile]

Prints, for the XML and JSON feeds in FOLDER (default /work/shared/realfeeds):
  * feedparser alone (default settings, and with sanitize_html/resolve_relative_uris off),
  * parse_document end to end (items/s and MB/s),
  * with --profile, where parse_document spends its time,
  * html_to_text: the lxml walk vs inscriptis on every entry body.
Times are best-of-N CPU seconds (time.process_time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml", ".json")


def load(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())
            if p.suffix in FEED_SUFFIXES]


def timed(fn, repeat: int) -> float:
    """Best of ``repeat`` runs, in CPU seconds of this process (steadier than wall time on a
    shared machine; the parse is single-threaded and does no I/O)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default="/work/shared/realfeeds")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

    import feedparser

    from brief_tui.domain.errors import BriefError
    from brief_tui.parse import parse_document
    from brief_tui.parse.html import html_to_text

    docs = load(Path(args.folder))
    xml_docs = [(n, b) for n, b in docs if not n.endswith(".json")]
    size = sum(len(b) for _, b in docs)

    def run_all():
        items = 0
        for name, body in docs:
            try:
                items += len(parse_document(body, url=f"http://127.0.0.1/{name}").entries)
            except BriefError:
                pass
        return items

    items = run_all()
    xml_items = sum(len(feedparser.parse(b).entries) for _, b in xml_docs)
    print(f"{len(docs)} documents, {size / 1e6:.2f} MB, {items} items "
          f"({xml_items} in XML feeds)")
    for label, kw in (("feedparser default", {}),
                      ("feedparser sanitize/resolve off",
                       {"sanitize_html": False, "resolve_relative_uris": False})):
        t = timed(lambda: [feedparser.parse(b, **kw) for _, b in xml_docs], args.repeat)
        print(f"{label:34} {xml_items / t:8.0f} items/s")
    t = timed(run_all, args.repeat)
    print(f"{'parse_document (all formats)':34} {items / t:8.0f} items/s  {size / t / 1e6:.2f} MB/s")

    bodies = [e.html for _, b in docs for e in _entries(parse_document, b) if e.html]
    t = timed(lambda: [html_to_text(h) for h in bodies], args.repeat)
    print(f"{'html_to_text (lxml walk)':34} {len(bodies) / t:8.0f} bodies/s")
    try:
        from inscriptis import get_text
        t = timed(lambda: [get_text(h) for h in bodies], args.repeat)
        print(f"{'inscriptis.get_text':34} {len(bodies) / t:8.0f} bodies/s")
    except ImportError:
        print("inscriptis not installed")

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run_all)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def _entries(parse_document, body):
    from brief_tui.domain.errors import BriefError

    try:
        return parse_document(body, url="http://127.0.0.1/x").entries
    except BriefError:
        return []


if __name__ == "__main__":
    main()
