"""Feed-parsing speed: feedparser path vs the lxml fast path vs parse_document (not a test).

Usage::

    python bench/parse_speed.py [--runs 5] [--corpus DIR] [--realfeeds DIR] [--limit N]
                                [--src SRC_DIR] [--profile SET]

For each document set -- the refresh benchmark's corpus (200 feeds x 50 items, 1-3 KB HTML
bodies; generated with ``bench/refresh/corpus.py`` when missing) and the real feeds in
``/work/shared/realfeeds`` -- prints items per second (median of ``--runs`` runs, CPU time of this
process, so other processes on the machine matter less) for:

* ``lxml alone``: ``etree.fromstring`` of every document (the floor);
* ``feedparser alone``: ``feedparser.parse`` with sanitising and URI rewriting off;
* ``feedparser path``: ``xmlfeed.parse_xml`` (feedparser, then our per-entry work);
* ``fast path``: ``fastxml.parse_fast`` on the documents it takes (how many is printed);
* ``parse_document``: the dispatcher end to end (fast path, else feedparser; JSON Feed...);

then microseconds per item for both paths, split into ``xml`` (parsing the document into
feedparser's entry dictionaries: feedparser, or lxml plus the replay), ``sanitise`` (nh3),
``text`` (sanitised HTML to plain text) and ``rest`` (dates, keys, links, authors...).

``--src`` runs the same measurements against another checkout's ``src`` (for example the commit
before the fast path, with ``git worktree add``): what it lacks is skipped.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "bench" / ".cache" / "refresh" / "corpus-v2-200x50-s7"
REALFEEDS = Path("/work/shared/realfeeds")
FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".xml", ".json")


def load_corpus(folder: Path, limit: int) -> list[tuple[str, bytes]]:
    if not (folder / "gen1").is_dir():
        sys.path.insert(0, str(ROOT / "bench" / "refresh"))
        import corpus

        corpus.ensure_corpus(folder)
    files = sorted((folder / "gen1").glob("feed-*.xml"))[:limit]
    return [(p.name, p.read_bytes()) for p in files]


def load_folder(folder: Path) -> list[tuple[str, bytes]]:
    if not folder.is_dir():
        return []
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())
            if p.suffix in FEED_SUFFIXES]


def cpu_runs(fn: Callable[[], object], runs: int) -> list[float]:
    """CPU seconds of ``fn`` over ``runs`` runs (one warm-up run first)."""
    fn()
    out = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        out.append(time.process_time() - start)
    return out


class Timer:
    """Wraps module functions to add up the wall time spent inside them."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, module: object, name: str, label: str) -> None:
        real = getattr(module, name, None)
        if real is None:
            return
        self.spent.setdefault(label, 0.0)
        clock = time.perf_counter

        def timed(*args, **kwargs):
            start = clock()
            try:
                return real(*args, **kwargs)
            finally:
                self.spent[label] += clock() - start

        setattr(module, name, timed)
        self._undo.append((module, name, real))

    def restore(self) -> None:
        for module, name, real in reversed(self._undo):
            setattr(module, name, real)
        self._undo.clear()


def breakdown(parse: Callable[[], int], feed_module: object, modules: dict) -> dict[str, float]:
    """Seconds in xml / sanitise / text / rest for one run of ``parse``."""
    timer = Timer()
    fields = modules["fields"]
    timer.wrap(feed_module, "_feed", "feed")
    timer.wrap(fields, "sanitise_html", "sanitise")
    timer.wrap(fields, "sanitised_text", "text")
    timer.wrap(fields, "html_to_text", "text")  # the name html_body used before issue 7
    try:
        start = time.perf_counter()
        parse()
        total = time.perf_counter() - start
    finally:
        timer.restore()
    spent = timer.spent
    feed = spent.get("feed", 0.0)
    return {"xml": total - feed, "sanitise": spent["sanitise"], "text": spent["text"],
            "rest": feed - spent["sanitise"] - spent["text"], "total": total}


def measure(label: str, docs: list[tuple[str, bytes]], runs: int, modules: dict,
            profile: bool) -> None:
    import feedparser
    from lxml import etree

    xmlfeed, document = modules["xmlfeed"], modules["document"]
    errors = modules["errors"]
    fastxml = modules.get("fastxml")
    url = "http://127.0.0.1:8000/feeds/"
    xml_docs = [(n, b) for n, b in docs if not n.endswith(".json")]

    def feedparser_path() -> int:
        n = 0
        for name, body in xml_docs:
            parsed, _ = xmlfeed.parse_xml(body, url=url + name)
            n += len(parsed.entries) if parsed else 0
        return n

    taken = [(n, b) for n, b in xml_docs
             if fastxml and fastxml.parse_fast(b, url=url + n) is not None]

    def fast_path() -> int:
        return sum(len(fastxml.parse_fast(b, url=url + n).entries) for n, b in taken)

    def slow_on_taken() -> int:
        return sum(len(xmlfeed.parse_xml(b, url=url + n)[0].entries) for n, b in taken)

    def end_to_end() -> int:
        n = 0
        for name, body in docs:
            try:
                n += len(document.parse_document(body, url=url + name).entries)
            except errors.BriefError:
                pass
        return n

    def lxml_alone() -> int:
        n = 0
        for _, body in xml_docs:
            try:
                etree.fromstring(body)
                n += 1
            except etree.XMLSyntaxError:
                pass
        return n

    def feedparser_alone() -> int:
        return sum(len(feedparser.parse(b, sanitize_html=False, resolve_relative_uris=False)
                       .entries) for _, b in xml_docs)

    all_items = end_to_end()
    xml_items = feedparser_path()
    taken_items = fast_path() if taken else 0
    size = sum(len(b) for _, b in docs)
    print(f"\n== {label}: {len(docs)} documents, {size / 1e6:.1f} MB, {all_items} items; "
          f"fast path takes {len(taken)}/{len(xml_docs)} XML documents "
          f"({taken_items}/{xml_items} items)")
    rows = [("lxml alone (floor)", lxml_alone, xml_items),
            ("feedparser alone", feedparser_alone, xml_items),
            ("feedparser path", feedparser_path, xml_items)]
    if taken:
        rows += [("feedparser path, same docs", slow_on_taken, taken_items),
                 ("fast path", fast_path, taken_items)]
    rows.append(("parse_document", end_to_end, all_items))
    print(f"  {'':30} {'items/s':>9} {'us/item':>8}   (median of {runs}; min..max items/s)")
    for name, fn, items in rows:
        times = cpu_runs(fn, runs)
        med = statistics.median(times)
        print(f"  {name:30} {items / med:9.0f} {med / items * 1e6:8.1f}   "
              f"({items / max(times):.0f}..{items / min(times):.0f})")

    print(f"  us/item by stage (median of {runs}):  {'xml':>7} {'sanitise':>9} {'text':>7} "
          f"{'rest':>7} {'total':>7}")
    paths = [("feedparser path", slow_on_taken if taken else feedparser_path, xmlfeed,
              taken_items or xml_items)]
    if taken:
        paths.append(("fast path", fast_path, fastxml, taken_items))
    for name, fn, module, items in paths:
        fn()
        parts = [breakdown(fn, module, modules) for _ in range(runs)]
        med = {k: statistics.median(p[k] for p in parts) / items * 1e6 for k in parts[0]}
        print(f"  {name:34} {med['xml']:7.1f} {med['sanitise']:9.1f} {med['text']:7.1f} "
              f"{med['rest']:7.1f} {med['total']:7.1f}")

    if profile:
        prof = cProfile.Profile()
        prof.runcall(end_to_end)
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--realfeeds", type=Path, default=REALFEEDS)
    ap.add_argument("--limit", type=int, default=200, help="corpus feeds to use (of 200)")
    ap.add_argument("--src", type=Path, default=ROOT / "src",
                    help="the source tree to measure (default: this checkout's)")
    ap.add_argument("--profile", choices=["corpus", "realfeeds"],
                    help="also profile parse_document on that set")
    args = ap.parse_args()
    sys.path.insert(0, str(args.src))
    modules = {name: importlib.import_module(f"brief_tui.parse.{name}")
               for name in ("xmlfeed", "document", "fields")}
    modules["errors"] = importlib.import_module("brief_tui.domain.errors")
    try:
        modules["fastxml"] = importlib.import_module("brief_tui.parse.fastxml")
    except ImportError:
        print(f"{args.src}: no fast path (brief_tui.parse.fastxml); measuring the rest")
    print(f"source: {modules['xmlfeed'].__file__.rsplit('/parse/', 1)[0]}")
    measure(f"corpus {args.corpus.name}", load_corpus(args.corpus, args.limit), args.runs,
            modules, args.profile == "corpus")
    real = load_folder(args.realfeeds)
    if real:
        measure(f"realfeeds {args.realfeeds}", real, args.runs, modules,
                args.profile == "realfeeds")


if __name__ == "__main__":
    main()
