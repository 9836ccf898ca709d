"""A Service over a temporary cache with known feeds and stories, for TUI tests and snapshots.

Everything is fixed: the clock (:data:`NOW`), dates, ids (insertion order), read/starred/tag
state, one failing feed. Stories are stored with ``Store.apply_parsed`` from hand-made
``ParsedFeed`` objects (no parser involved). Network access goes through an
``httpx.MockTransport`` serving RSS 2.0 built from :data:`FEEDS` plus
:data:`REFRESH_DOCUMENTS` (so a refresh finds one new story) and :data:`EXTRA`; the broken
feed refuses the connection and ``offline=True`` makes every feed refuse. ``service.parse``
(used by ``add`` and imports) is replaced by a lookup of the same tables.

Public names: :func:`build_service`, :func:`story_id`, :data:`NOW`, :data:`FEEDS`,
:data:`TITLES`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import httpx

from brief_tui.config import Config
from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed
from brief_tui.service import Service
from brief_tui.store import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
"""The fixed clock of every sample service."""

WORLD = "https://news.example/world.xml"
TECH = "https://tech.example/feed"
NOTES = "https://research.example/notes.json"
BROKEN = "https://broken.example/rss"

LONG_BODY = "\n\n".join(
    f"## Part {n}\n\nSupply chains for chips run through {n + 2} countries. Lead times were "
    f"{10 + n} weeks in October, against 8 a year earlier, and suppliers now quote *firm* "
    f"prices for only one quarter ahead. [Source {n}](https://chips.example/report/{n})."
    for n in range(1, 13))


@dataclass(frozen=True)
class SampleStory:
    """A story of the sample set (``hours``: how long before :data:`NOW` it was published)."""

    key: str
    title: str
    hours: float
    text: str = "Short body."
    markdown: str | None = None
    authors: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()
    link: str | None = None
    plain: str | None = None
    """The plain text when it differs from the Markdown (as the parser gives it)."""


RATES_MARKDOWN = (
    "Maria Lopez, the chief economist at Northwind Bank, said on Tuesday that inflation in "
    "Spain fell to 2.1% in October. The European Central Bank meets in Frankfurt next week."
    "\n\nLopez expects rates to stay at **4.25%** until March. Exports from Madrid rose by "
    "$3.2 billion, while imports from China slipped 4%.\n\nAnalysts at Contoso Research in "
    "London disagree: they see a cut in January.")
RATES_TEXT = RATES_MARKDOWN.replace("**", "")
"""A story with every kind of extracted highlight (sentences, figures, organisations, people,
places, keywords) in three paragraphs."""

FEEDS: dict[str, tuple[str, str | None, list[SampleStory]]] = {
    WORLD: ("World Briefing", "News", [
        SampleStory("w1", "Ceasefire talks resume in Geneva", 2.5,
                    markdown="Delegations met for **six hours**. See the "
                             "[communiqué](https://news.example/communique) and the "
                             "[map](https://news.example/map).\n\n- Next round: Friday\n"
                             "- Observers: 3",
                    authors=("Ana Ruiz", "Tom Berg"), link="https://news.example/w1"),
        SampleStory("w2", "Central bank holds rates at 4.25%", 20, markdown=RATES_MARKDOWN,
                    plain=RATES_TEXT, link="https://news.example/w2"),
        SampleStory("w3", "Floods displace thousands in the delta", 44,
                    link="https://news.example/w3"),
        SampleStory("w4", "[@click=app.quit]Press me[/]", 68,
                    markdown="Body with [italic]markup-like[/italic] text and [0] index",
                    link="https://news.example/w4"),
        SampleStory("w5", "Stray closer [/] here", 92, link="https://news.example/w5"),
    ]),
    TECH: ("Tech Daily", "News", [
        SampleStory("t1", "批踢踢實業坊 movie 板", 4, link="https://tech.example/t1"),
        SampleStory("t2", "📚 Reading list: the week in chips", 26, link="https://tech.example/t2"),
        SampleStory("t3", "Open model tops the reasoning benchmark", 50,
                    markdown="A new open model leads the board.",
                    enclosures=(Enclosure("https://tech.example/pod/ep12.mp3", "audio/mpeg",
                                          12_300_000),),
                    link="https://tech.example/t3"),
        SampleStory("t4", "Supply chains, chip by chip: a long read", 120, markdown=LONG_BODY,
                    link="https://tech.example/t4"),
    ]),
    NOTES: ("Analyst Notes", None, [
        SampleStory("n1", "Q4 outlook: energy", 1,
                    markdown="Gas storage is at 94%. Prices fell 12% in October.",
                    authors=("R. Analyst",), link="https://research.example/n1"),
        SampleStory("n2", "Weekly brief #47", 170, link=None),
    ]),
    BROKEN: ("Broken Feed", "News", [
        SampleStory("b1", "Last story before the outage", 30, link="https://broken.example/b1"),
        SampleStory("b2", "An older cached story", 140, link="https://broken.example/b2"),
    ]),
}
"""url -> (title, group, stories), in insertion order."""

REFRESH_DOCUMENTS: dict[str, list[SampleStory]] = {
    WORLD: [SampleStory("w6", "Breaking: talks end with a joint statement", 0.5,
                        link="https://news.example/w6")],
    TECH: [],
    NOTES: [],
}
"""What a refresh finds per feed (on top of what is stored)."""

NEW_FEED = "https://new.example/feed.xml"
EXTRA: dict[str, tuple[str, list[SampleStory]]] = {
    NEW_FEED: ("New Feed", [SampleStory("x1", "Hello from the new feed", 3,
                                        link="https://new.example/x1")]),
}
"""Feeds not subscribed yet, that ``add`` can subscribe to: url -> (title, stories)."""

WIRE = "https://wire.example/rss"
DIGEST = "https://digest.example/feed"
CLUSTER_FEEDS: dict[str, tuple[str, str | None, list[SampleStory]]] = {
    WIRE: ("Wire Service", "News", [
        SampleStory("c1", "Ceasefire talks resume in Geneva", 2.0,
                    markdown="Talks resumed on Friday.", link="https://news.example/w1")]),
    DIGEST: ("Daily Digest", None, [
        SampleStory("c2", "Ceasefire talks resume in Geneva", 2.2,
                    markdown="Geneva hosts the talks again.",
                    link="https://news.example/w1?utm_source=digest")]),
}
"""With ``clusters=True``: two more feeds carrying ``w1`` (same canonical link), so ``c1``
(the newest), ``c2`` and ``w1`` form one same-story cluster of three."""

TITLES = {s.key: s.title for _, _, stories in FEEDS.values() for s in stories}


def _entry(story: SampleStory) -> ParsedEntry:
    published = NOW - timedelta(hours=story.hours)
    return ParsedEntry(key=story.key, guid=story.key, title=story.title,
                       display_title=story.title, link=story.link, published=published,
                       authors=story.authors, enclosures=story.enclosures, summary="",
                       text=story.plain or (story.text if story.markdown is None
                                            else story.markdown),
                       markdown=story.markdown or story.text)


def _parsed(title: str, stories: list[SampleStory]) -> ParsedFeed:
    return ParsedFeed(format="rss20", title=title, entries=[_entry(s) for s in stories])


def rss_document(title: str, stories: list[SampleStory]) -> bytes:
    """An RSS 2.0 document of these stories (what the mock network serves)."""
    items = []
    for story in stories:
        published = format_datetime(NOW - timedelta(hours=story.hours))
        link = f"<link>{escape(story.link)}</link>" if story.link else ""
        items.append(f"<item><title>{escape(story.title)}</title>{link}"
                     f"<guid isPermaLink=\"false\">{story.key}</guid>"
                     f"<pubDate>{published}</pubDate>"
                     f"<description>{escape(story.markdown or story.text)}</description></item>")
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://example.org/</link>"
            f"<description>sample</description>{''.join(items)}</channel></rss>").encode()


def _transport(offline: bool) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if offline or request.url.host == "broken.example":
            raise httpx.ConnectError("connection refused", request=request)
        if url in EXTRA:
            body = rss_document(*EXTRA[url])
        elif url in FEEDS:
            title, _, stories = FEEDS[url]
            body = rss_document(title, stories + REFRESH_DOCUMENTS.get(url, []))
        else:
            return httpx.Response(404, stream=httpx.ByteStream(b"not found"))
        return httpx.Response(200, stream=httpx.ByteStream(body),
                              headers={"content-type": "application/rss+xml"})

    return httpx.MockTransport(handler)


def build_service(tmp_path: Path, *, mark_read_delay: float = 0.0,
                  keys: dict[str, str] | None = None, theme: str = "brief-dark",
                  offline: bool = False, empty: bool = False, clusters: bool = False,
                  export_dir: Path | None = None) -> Service:
    """Build the sample service in ``tmp_path`` (database and config file live there).

    Args:
        mark_read_delay: ``[reader] mark_read_delay`` (0: opening marks read at once).
        keys: the ``[keys]`` table. theme: ``[reader] theme``.
        offline: every request fails to connect.
        empty: no feeds at all (the empty state).
        clusters: add :data:`CLUSTER_FEEDS` and assign same-story clusters.
        export_dir: ``[export] directory`` (default: ``tmp_path / "exports"``).

    Returns:
        An open service; the caller closes it. State: ``w2`` and ``t2`` read, ``w1`` starred,
        ``w1`` tagged ``world`` and ``geneva``, ``t3`` tagged ``ai``; Broken Feed's last refresh
        failed with a network error.
    """
    config = Config(path=tmp_path / "config.toml")
    config.reader.mark_read_delay = mark_read_delay
    config.reader.theme = theme
    config.keys = dict(keys or {})
    config.export.directory = str(export_dir or tmp_path / "exports")
    store = Store(tmp_path / "brief.db")
    service = Service(store, config, clock=lambda: NOW, transport=_transport(offline))
    store.set_meta("seeded", "1")
    if empty:
        _fake_parse(service)
        return service
    feeds = {**FEEDS, **(CLUSTER_FEEDS if clusters else {})}
    for url, (title, group, stories) in feeds.items():
        feed, _ = store.add_feed(url, now=NOW - timedelta(days=10), title=title, group=group)
        result = store.apply_parsed(feed.id, _parsed(title, stories),
                                    now=NOW - timedelta(hours=1))
        if clusters:
            service.after_ingest(result)
    store.record_failure(store.require_feed(BROKEN).id, now=NOW - timedelta(minutes=30),
                         category="network", message=f"{BROKEN}: connection refused",
                         http_status=None, retry_after=None)
    service.mark_read([story_id(service, "w2"), story_id(service, "t2")])
    service.star([story_id(service, "w1")])
    service.tag([story_id(service, "w1")], add=["world", "geneva"])
    service.tag([story_id(service, "t3")], add=["ai"])
    _fake_parse(service)
    return service


def _fake_parse(service: Service) -> None:
    def parse(body: bytes, *, url: str, headers=None, redirected: bool = False) -> ParsedFeed:
        if url in EXTRA:
            return _parsed(*EXTRA[url])
        title = FEEDS.get(url, ("Feed", None, []))[0]
        return _parsed(title, FEEDS.get(url, ("", None, []))[2] + REFRESH_DOCUMENTS.get(url, []))

    service.parse = parse  # type: ignore[method-assign]


def story_id(service: Service, key: str) -> int:
    """The id of the sample story with this key (``"w1"``…)."""
    for row in service.story_rows(limit=1000):
        if service.store.story(row.id).key == key:
            return row.id
    raise KeyError(key)
