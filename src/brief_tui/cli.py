"""The command line: argparse faces over :class:`brief_tui.service.Service`.

Every subcommand takes ``--data-dir`` and ``--config``; list commands take ``--json`` and print
the stable shapes of :mod:`brief_tui.jsonshape`. Errors print one line naming the input and the
cause to stderr and exit 1 (2 for usage errors); never a traceback (set ``BRIEF_TUI_DEBUG=1`` to
see one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from brief_tui import __version__
from brief_tui.domain.errors import BriefError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.tags import parse_tag_edits
from brief_tui.domain.text import clean_line, clean_text
from brief_tui.jsonshape import feed_json, iso, story_json

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, metavar="DIR",
                        help="cache directory (default: $BRIEF_TUI_DATA_DIR or the user data dir)")
    common.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE",
                        help="config file (default: $BRIEF_TUI_CONFIG or the user config dir)")
    return common


def build_parser() -> argparse.ArgumentParser:
    """The ``brief-tui`` argument parser (no subcommand opens the reader)."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="brief-tui", parents=[common],
        description="A fast, offline-first terminal reader for feeds and briefings. "
                    "Without a command, opens the reader.")
    parser.add_argument("--version", action="version", version=f"brief-tui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def cmd(name: str, help_: str, *, json_out: bool = False) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        if json_out:
            p.add_argument("--json", action="store_true", help="print JSON (stable shapes)")
        return p

    p = cmd("add", "subscribe to a feed URL, a site's home page, or a local file", json_out=True)
    p.add_argument("url")
    p.add_argument("--group", "-g", help="put the feed in this group")
    p = cmd("discover", "list the feeds a URL offers", json_out=True)
    p.add_argument("url")
    p = cmd("remove", "unsubscribe and delete a feed's stories")
    p.add_argument("url")
    p = cmd("import", "import OPML, briefing (.txt/.md) or feed files", json_out=True)
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--group", "-g", help="put imported feeds in this group")
    p = cmd("refresh", "fetch feeds and store new stories", json_out=True)
    p.add_argument("--feed", action="append", metavar="URL", help="only this feed (repeatable)")
    cmd("feeds", "list subscribed feeds", json_out=True)
    p = cmd("stories", "list stories, newest first", json_out=True)
    p.add_argument("--feed", metavar="URL", help="only this feed")
    p.add_argument("--unread", action="store_true", help="only unread stories")
    p.add_argument("--starred", action="store_true", help="only starred stories")
    p.add_argument("--tag", help="only stories with this tag")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    p = cmd("show", "print one story", json_out=True)
    p.add_argument("id", type=int)
    p = cmd("fulltext", "fetch and store the full article of a story", json_out=True)
    p.add_argument("id", type=int)
    p = cmd("tag", "add tags to a story (prefix a tag with - to remove it)", json_out=True)
    p.add_argument("id", type=int)
    p.add_argument("tags", nargs="*", metavar="TAG")
    p = cmd("repair-db", "check the cache database; move a damaged one aside (kept) after asking")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    p = cmd("export-opml", "write subscriptions as OPML 2.0")
    p.add_argument("file", nargs="?", type=Path, help="output file (default: standard output)")
    _export_parsers(cmd)
    _search_parsers(cmd)
    return parser


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _out(line: str) -> None:
    print(clean_text(line))


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    # Allow `--tag -draft`-style values after `tag ID`: argparse treats "-x" as an option.
    args, extra = parser.parse_known_args(argv)
    if getattr(args, "command", None) == "tag":
        args.tags = list(args.tags) + extra
        if not args.tags:
            parser.error("tag: give at least one TAG (prefix with - to remove)")
    elif extra:
        parser.error(f"unrecognised arguments: {' '.join(extra)}")
    data_dir = getattr(args, "data_dir", None)
    config = getattr(args, "config", None)
    if args.command is None:
        from brief_tui.__main__ import run_reader

        return run_reader(data_dir, config)
    try:
        from brief_tui.service import Service

        if args.command == "repair-db":
            return _repair_db(data_dir, args)
        service = Service.open(data_dir, config)
        try:
            return COMMANDS[args.command](service, args)
        finally:
            service.close()
    except BriefError as exc:
        print(f"brief-tui: {clean_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("brief-tui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `brief-tui export --out - | head`: the reader went away
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback, unless debugging
        if os.environ.get("BRIEF_TUI_DEBUG"):
            raise
        print(f"brief-tui: internal error: {type(exc).__name__}: {clean_line(str(exc))} "
              f"(set BRIEF_TUI_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_ERROR


# -- commands --------------------------------------------------------------------------------
def _add(service, args) -> int:
    result = service.add(args.url, group=args.group)
    if args.json:
        _print_json({**feed_json(result.feed), "created": result.created, "new": result.new})
    elif result.created:
        _out(f"added {result.feed.url} ({result.feed.display_title}): {result.new} stories")
    else:
        _out(f"already subscribed: {result.feed.url}")
    return EXIT_OK


def _discover(service, args) -> int:
    found = service.discover(args.url)
    if args.json:
        _print_json([d.as_dict() for d in found])
    else:
        for d in found:
            _out(f"{d.url}\t{d.type}\t{d.title}")
    return EXIT_OK


def _remove(service, args) -> int:
    feed = service.remove(args.url)
    _out(f"removed {feed.url} and its {feed.story_count} stories")
    return EXIT_OK


def _count(n: int, one: str, many: str | None = None) -> str:
    """``"1 new story"``, ``"2 new stories"``: a count with its noun in the right number."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _import(service, args) -> int:
    results, failed = [], 0
    for outcome in service.import_paths(args.files, group=args.group):
        if isinstance(outcome, BriefError):
            failed += 1
            print(f"brief-tui: {clean_line(str(outcome))}", file=sys.stderr)
        else:
            results.append(outcome)
    if args.json:
        _print_json([{"path": r.path, "kind": r.kind, "feeds_added": r.feeds_added,
                      "feeds_total": r.feeds_total, "stories_new": r.stories_new,
                      "feed_url": r.feed.url if r.feed else None} for r in results])
    else:
        for r in results:
            if r.kind == "opml":
                _out(f"{r.path}: {_count(r.feeds_added, 'new feed')} of {r.feeds_total}")
            else:
                _out(f"{r.path}: {_count(r.stories_new, 'new story', 'new stories')} "
                     f"({r.feed.display_title})")
    return EXIT_ERROR if failed else EXIT_OK


def _refresh(service, args) -> int:
    show_bar = sys.stderr.isatty() and not args.json

    def progress(result) -> None:
        if show_bar:
            width = 30
            filled = int(width * result.done / max(1, result.total))
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] "
                             f"{result.done}/{result.total}")
            sys.stderr.flush()

    results = service.refresh(args.feed, progress=progress)
    if show_bar:
        sys.stderr.write("\n")
    if args.json:
        _print_json([{"url": r.url, "title": r.title, "outcome": r.outcome, "new": r.new,
                      "updated": r.updated, "category": r.category, "error": r.message,
                      "http_status": r.http_status} for r in results])
    else:
        for r in sorted(results, key=lambda r: r.url):
            detail = {"new": f"{r.new} new" + (f", {r.updated} updated" if r.updated else ""),
                      "updated": f"{r.updated} updated", "unchanged": "unchanged"}.get(
                r.outcome, f"{r.category}: {r.message}")
            _out(f"{r.outcome:<9} {r.url}  {clean_line(r.title)}  ({detail})")
    return EXIT_ERROR if any(r.outcome == "error" for r in results) else EXIT_OK


def _feeds(service, args) -> int:
    feeds = service.feeds()
    if args.json:
        _print_json([feed_json(f) for f in feeds])
        return EXIT_OK
    for f in feeds:
        mark = "!" if f.failed else " "
        line = f"{mark} {f.unread_count:>5}/{f.story_count:<5} {clean_line(f.display_title)}  {f.url}"
        if f.failed:
            line += f"  [{f.error_category}: {clean_line(f.error)}]"
        _out(line)
    return EXIT_OK


def _stories(service, args) -> int:
    feed_ids = (service.feed(args.feed).id,) if args.feed else ()
    flt = StoryFilter(feed_ids=feed_ids, unread=args.unread, starred=args.starred, tag=args.tag)
    if args.json:
        _print_json([story_json(s) for s in service.stories(flt, limit=args.limit)])
        return EXIT_OK
    for r in service.story_rows(flt, limit=args.limit):
        when = r.sort_date.astimezone().strftime("%Y-%m-%d %H:%M") if r.sort_date else "-"
        marks = ("*" if r.starred else " ") + (" " if r.read else "N")
        _out(f"{r.id:>6} {marks} {when}  {clean_line(r.feed_title)[:24]:<24}  "
             f"{clean_line(r.display_title)}")
    return EXIT_OK


def _show_story(story) -> None:
    _out(clean_line(story.display_title))
    _out(f"{clean_line(story.feed_title)} · {iso(story.published) or 'date unknown'}"
         + (f" · {', '.join(story.authors)}" if story.authors else ""))
    if story.link:
        _out(story.link)
    if story.tags:
        _out("tags: " + " ".join(story.tags))
    for e in story.enclosures:
        _out(f"enclosure: {e.url} ({e.type or 'unknown type'}"
             + (f", {e.length} bytes)" if e.length else ")"))
    print()
    _out(story.fulltext_text if story.fulltext_status == "ok" and story.fulltext_text
         else story.text or story.summary)
    if story.fulltext_status == "unavailable":
        _out("\n(full text unavailable: showing the feed's content)")


def _show(service, args) -> int:
    story = service.story(args.id)
    if args.json:
        _print_json(story_json(story))
    else:
        _show_story(story)
    return EXIT_OK


def _fulltext(service, args) -> int:
    story = service.fetch_fulltext(args.id)
    if args.json:
        _print_json(story_json(story))
    elif story.fulltext_status == "ok":
        _out(f"story {story.id}: full text stored ({len(story.fulltext_text or '')} characters)")
    else:
        _out(f"story {story.id}: full text unavailable; keeping the feed's summary")
    return EXIT_OK


def _tag(service, args) -> int:
    add, remove = parse_tag_edits(args.tags)
    service.story(args.id)
    service.tag([args.id], add, remove)
    story = service.story(args.id)
    if args.json:
        _print_json(story_json(story))
    else:
        _out(f"story {story.id}: tags {' '.join(story.tags) or '(none)'}")
    return EXIT_OK


def _export_opml(service, args) -> int:
    data = service.export_opml()
    if args.file:
        args.file.write_bytes(data)
        _out(f"wrote {args.file}")
    else:
        sys.stdout.write(data.decode("utf-8"))
    return EXIT_OK


def _repair_db(data_dir, args) -> int:
    from brief_tui.service import Service

    path, fault, _ = Service.repair_database(data_dir, check_only=True)
    if fault is None:
        _out(f"{path}: the cache database is sound; nothing to do")
        return EXIT_OK
    _out(f"{path}: damaged ({clean_line(fault)})")
    if not args.yes:
        if not sys.stdin.isatty():
            print("brief-tui: not moving it without confirmation; run `brief-tui repair-db --yes`",
                  file=sys.stderr)
            return EXIT_ERROR
        answer = input("Move it aside (it is kept) and start an empty cache? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            _out("left as it is")
            return EXIT_ERROR
    _, _, moved = Service.repair_database(data_dir)
    for p in moved:
        _out(f"kept the damaged file as {p}")
    return EXIT_OK


COMMANDS = {"add": _add, "discover": _discover, "remove": _remove, "import": _import,
            "refresh": _refresh, "feeds": _feeds, "stories": _stories, "show": _show,
            "fulltext": _fulltext, "tag": _tag, "export-opml": _export_opml}


# -- export (issue 4): highlights and export -------------------------------------------------
def _export_parsers(cmd) -> None:
    p = cmd("highlights", "list a story's highlights: yours, then the extracted ones",
            json_out=True)
    p.add_argument("id", type=int)
    p = cmd("export", "export stories as Markdown: one file, or one file per story (--split)",
            json_out=True)
    sel = p.add_mutually_exclusive_group(required=True)
    sel.add_argument("--id", dest="ids", type=int, nargs="+", action="extend", metavar="ID",
                     help="these stories (one ID: a single-story document)")
    sel.add_argument("--tag", help="every story with this tag")
    sel.add_argument("--query", "-q", metavar="Q", help="every story matching this search")
    sel.add_argument("--today", action="store_true",
                     help="today's briefing: today's starred and tagged stories, by tag")
    p.add_argument("--template", metavar="NAME",
                   help="template name in <config dir>/templates (default: [export] template)")
    p.add_argument("--out", "-o", metavar="PATH",
                   help="output file or directory ('-': standard output); default: "
                        "[export] directory")
    p.add_argument("--force", "-f", action="store_true", help="overwrite existing files")
    p.add_argument("--split", action="store_true", help="one file per story, in a directory")


def _highlights(service, args) -> int:
    from brief_tui.domain.models import HIGHLIGHT_KINDS

    found = service.highlights(args.id)
    if args.json:
        _print_json([h.as_dict() for h in found])
        return EXIT_OK
    if not found:
        _out(f"story {args.id}: no highlights")
    for kind in HIGHLIGHT_KINDS:
        mine = sorted((h for h in found if h.kind == kind), key=lambda h: h.rank)
        if not mine:
            continue
        _out(f"{kind} ({len(mine)})")
        for h in mine:
            _out(f"  {h.rank + 1:>2}. {clean_line(h.text)}" + ("  [lost]" if h.lost else ""))
            if h.note:
                _out(f"      note: {clean_line(h.note)}")
    return EXIT_OK


def _export(service, args) -> int:
    from brief_tui.domain.errors import ExportError
    from brief_tui.export import ExportSelection

    if args.ids:
        selection = ExportSelection.of_ids(args.ids)
    elif args.tag is not None:
        selection = ExportSelection.of_tag(args.tag)
    elif args.query is not None:
        selection = ExportSelection.of_query(args.query)
    else:
        selection = ExportSelection.today()
    if args.out == "-":
        if args.split:
            raise ExportError("--out -: --split writes one file per story; give a directory")
        _, files = service.render_export(selection, template=args.template)
        sys.stdout.write(files[0][1])
        return EXIT_OK
    written = service.export(selection, template=args.template, force=args.force,
                             split=args.split, out=args.out or None)
    if args.json:
        _print_json([str(p) for p in written])
    else:
        for path in written:
            _out(f"wrote {path}")
    return EXIT_OK


COMMANDS.update({"highlights": _highlights, "export": _export})


# -- search and organise (issue 5): search and tags ------------------------------------------
def _search_parsers(cmd) -> None:
    p = cmd("search", "search stories with the query language (see the README); put -- before "
                      "a query that starts with '-', or quote it", json_out=True)
    p.add_argument("query", nargs="+", metavar="QUERY",
                   help="e.g. '\"data center\" tag:ai after:7d -feed:reuters'")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (default 50)")
    p = cmd("tags", "list tags with counts, or rename, merge or delete a tag", json_out=True)
    actions = p.add_subparsers(dest="tags_action", metavar="ACTION")

    def action(name: str, help_: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, parents=[_common()], help=help_, description=help_)

    a = action("rename", "rename a tag on every story and feed (onto an existing tag: merge)")
    a.add_argument("old")
    a.add_argument("new")
    a = action("merge", "merge tags into one on every story and feed")
    a.add_argument("sources", nargs="+", metavar="TAG")
    a.add_argument("--into", required=True, metavar="TARGET", help="the tag they become")
    a = action("delete", "remove a tag from every story and feed")
    a.add_argument("tag")
    a = action("feed", "add tags to a feed (its stories match them in tag:); prefix a tag with "
                       "- to remove it, after --")
    a.add_argument("url")
    a.add_argument("tags", nargs="+", metavar="TAG")


def _search(service, args) -> int:
    query = " ".join(args.query)
    if args.json:
        _print_json([story_json(s) for s in service.search_stories(query, limit=args.limit)])
        return EXIT_OK
    for r in service.search(query, limit=args.limit):
        when = r.sort_date.astimezone().strftime("%Y-%m-%d %H:%M") if r.sort_date else "-"
        marks = ("*" if r.starred else " ") + (" " if r.read else "N")
        _out(f"{r.id:>6} {marks} {when}  {clean_line(r.feed_title)[:24]:<24}  "
             f"{clean_line(r.display_title)}")
    return EXIT_OK


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _tags(service, args) -> int:
    act = getattr(args, "tags_action", None)
    if act == "rename":
        stories, feeds = service.rename_tag(args.old, args.new)
        done = f"renamed {args.old} to {service.normalise_tags([args.new])[0]}"
    elif act == "merge":
        stories, feeds = service.merge_tags(args.sources, args.into)
        done = f"merged {' '.join(args.sources)} into {service.normalise_tags([args.into])[0]}"
    elif act == "delete":
        stories, feeds = service.delete_tag(args.tag)
        done = f"deleted {args.tag}"
    elif act == "feed":
        add, remove = parse_tag_edits(args.tags)
        feed = service.tag_feed(args.url, add, remove)
        if getattr(args, "json", False):
            _print_json(feed_json(feed))
        else:
            _out(f"{feed.url}: tags {' '.join(feed.tags) or '(none)'}")
        return EXIT_OK
    else:
        found = service.tag_summary()
        if getattr(args, "json", False):
            _print_json([{"tag": t.tag, "stories": t.stories, "unread": t.unread,
                          "tagged": t.tagged, "feeds": t.feeds} for t in found])
            return EXIT_OK
        if not found:
            _out("no tags yet (tag a story with `brief-tui tag ID TAG`)")
        for t in found:
            _out(f"{t.tag:<24} {t.stories:>6} stories  {t.unread:>6} unread"
                 + (f"  ({_plural(t.feeds, 'feed', 'feeds')})" if t.feeds else ""))
        return EXIT_OK
    if getattr(args, "json", False):
        _print_json({"stories": stories, "feeds": feeds})
    else:
        _out(f"{done}: {_plural(stories, 'story', 'stories')}, "
             f"{_plural(feeds, 'feed', 'feeds')}")
    return EXIT_OK


COMMANDS.update({"search": _search, "tags": _tags})
