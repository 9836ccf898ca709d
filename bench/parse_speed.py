"""Parse-layer speed on a folder of real feeds (not a test: prints figures).

Usage: python bench/parse_speed.py [FOLDER] [--repeat N] [--synthetic ITEMS] [--profile]

Prints, for the XML and JSON feeds in FOLDER (default /work/shared/realfeeds):
  * feedparser alone (default settings, and with sanitize_html/resolve_relative_uris off),
  * parse_document end to end (items/s and MB/s),
  * with --profile, where parse_document spends its time,
  * html_to_text: the lxml walk vs inscriptis on every entry body,
  * a synthetic RSS 2.0 feed of ITEMS small items (~700 bytes each): feedparser alone,
    parse_document, and parse_document's own post-processing with feedparser's result cached.
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
    ap.add_argument("--synthetic", type=int, default=5000)
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

    synthetic(args.synthetic, args.repeat)

    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(run_all)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def synthetic_feed(items: int) -> bytes:
    """An RSS 2.0 feed of ``items`` items with dates, GUIDs and a ~600-byte HTML description."""
    para = "&lt;p&gt;" + "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 9
    rows = [f"<item><title>Post {i}</title><link>https://example.com/p/{i}</link>"
            f'<guid isPermaLink="false">p-{i}</guid>'
            f"<pubDate>Mon, 01 Jan 2024 10:{i % 60:02d}:00 GMT</pubDate>"
            f"<description>{para}&lt;/p&gt;</description></item>" for i in range(items)]
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Synthetic</title><link>https://example.com/</link><description>d"
            "</description>" + "".join(rows) + "</channel></rss>").encode()


def synthetic(items: int, repeat: int) -> None:
    import feedparser

    from brief_tui.parse import parse_document, xmlfeed

    body = synthetic_feed(items)
    url = "https://example.com/feed.xml"
    t = timed(lambda: feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False),
              repeat)
    print(f"synthetic {items} items, {len(body) / items:.0f} bytes/item:")
    print(f"{'  feedparser sanitize/resolve off':34} {items / t:8.0f} items/s")
    t = timed(lambda: parse_document(body, url=url), repeat)
    print(f"{'  parse_document':34} {items / t:8.0f} items/s")
    cached = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False,
                              response_headers={"content-location": url})
    real = xmlfeed.feedparser.parse
    xmlfeed.feedparser.parse = lambda *a, **k: cached
    try:
        t = timed(lambda: parse_document(body, url=url), repeat)
    finally:
        xmlfeed.feedparser.parse = real
    print(f"{'  parse_document minus feedparser':34} {items / t:8.0f} items/s "
          f"({t / items * 1e6:.0f} us/item)")


def _entries(parse_document, body):
    from brief_tui.domain.errors import BriefError

    try:
        return parse_document(body, url="http://127.0.0.1/x").entries
    except BriefError:
        return []


if __name__ == "__main__":
    main()
