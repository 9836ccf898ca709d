"""A service whose cache holds hostile text, stored raw (the UI's own safety is under test).

The stories go in through ``Store.apply_parsed`` without the parser, so terminal escapes
(B33), markup look-alikes (B34) and wide or joined characters (B36) reach the cache exactly as
written here, in titles, bodies, the feed title, authors, tags, a failed feed's error, a note
and a highlight. Public names: :func:`build_hostile_service`, :data:`B33_TITLES`,
:data:`B34_TITLES`, :data:`B36_TITLES`, :data:`HOSTILE_FEED`, :data:`FEED_TITLE`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from brief_tui.domain.models import ParsedEntry, ParsedFeed
from tests.support.sample_data import NOW, build_service

HOSTILE_FEED = "https://hostile.example/rss"
FEED_TITLE = "Esc\x1b]0;pwned\x07apes \x1b[31mfeed\x1b[0m"
AUTHOR = "Mallory \x1b[5mblink\x1b[0m \x9b7m"

B33_TITLES = [
    "Normal \x1b[2J\x1b[31mRED\x1b[0m title",
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 me",
    "C1 \x9b31mCSI\x9b0m and \x85NEL",
    "Bell\x07 and car\rriage return \x1b]52;c;Y2xpcGJvYXJk\x07",
]
B34_TITLES = ["[@click=app.quit]x", "[bold]x[/bold]", "[/]", "a[0] and b[i]",
              "[link=https://e.x]y[/link]"]
B36_TITLES = ["批踢踢實業坊 movie 板 한국어 뉴스", "👨‍👩‍👧‍👦 family 🇳🇱/🇩🇪 ❤️ Café e\u0301 ＆",
              "Unbroken" + "x" * 300]

BODY = ("First line\rOVERWRITE\b\b\b \x1b]52;c;Y2xpcGJvYXJk\x07 tail. A [@click=app.quit]quit? "
        "[/] and [bold]bold[/bold] with a[0] and b[i].\n\n"
        "Second \x1b]8;;https://evil.example/\x07link\x1b]8;;\x07 paragraph with \x9b31m C1 "
        "and a bell\x07. 批踢踢實業坊 👨‍👩‍👧‍👦 🇳🇱 " + "y" * 400 + " end.")
NOTE = "Note \x1b]52;c;SGVsbG8=\x07 with [bold]markup[/bold] and [/]\x9b\nsecond line\x1b[2J"


def build_hostile_service(tmp_path: Path):
    """The sample service plus one feed of hostile stories (keys ``h0``, ``h1``…), newest
    first in list order, with a hostile tag, note and highlight on ``h0`` and a failed
    refresh whose error message carries escapes."""
    service = build_service(tmp_path)
    store = service.store
    titles = B33_TITLES + B34_TITLES + B36_TITLES
    entries = [ParsedEntry(key=f"h{n}", guid=f"h{n}", title=title, display_title=title,
                           link=f"https://hostile.example/{n}\x1b[0m",
                           published=NOW - timedelta(minutes=10 + n), authors=(AUTHOR,),
                           text=BODY, markdown=BODY)
               for n, title in enumerate(titles)]
    feed, _ = store.add_feed(HOSTILE_FEED, now=NOW - timedelta(days=1), title=FEED_TITLE)
    store.apply_parsed(feed.id, ParsedFeed("rss20", FEED_TITLE, entries=entries),
                       now=NOW - timedelta(minutes=5))
    store.record_failure(feed.id, now=NOW - timedelta(minutes=1), category="http",
                         message=f"{HOSTILE_FEED}: \x1b[31mboom\x07 [bold]500[/]",
                         http_status=500, retry_after=None)
    first = hostile_id(service, "h0")
    service.tag([first], add=["\x1b[31mred", "[bold]tag"])
    service.set_note(first, NOTE)
    service.toggle_highlight(first, 0, BODY.index("tail.") + len("tail."))
    return service


def hostile_id(service, key: str) -> int:
    """The id of the hostile story with this key."""
    for row in service.story_rows(limit=1000):
        if service.store.story(row.id).key == key:
            return row.id
    raise KeyError(key)
