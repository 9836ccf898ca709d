"""Core value types: parsed feeds and entries, stored feeds and stories, highlights.

Parsed types (:class:`ParsedFeed`, :class:`ParsedEntry`) are what the pure parsers return from
bytes; stored types (:class:`Feed`, :class:`Story`) are what the store returns, with the
user's state (read, starred, tags, note) attached. All datetimes are timezone-aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Feed kinds: where the stories come from.
KIND_FEED = "feed"          # an RSS/Atom/JSON Feed/briefing document fetched over HTTP
KIND_FILE = "file"          # a local file (briefing, feed file) imported by path
KIND_BUNDLED = "bundled"    # sample content shipped in the wheel

# Last refresh status of a feed.
STATUS_OK = "ok"
STATUS_UNCHANGED = "unchanged"
STATUS_ERROR = "error"
STATUS_GONE = "gone"
STATUS_RATE_LIMITED = "rate_limited"


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A media attachment (RSS ``<enclosure>``, Atom ``rel="enclosure"``, JSON Feed attachment).

    Attributes:
        url: absolute URL of the media file.
        type: MIME type, e.g. ``"audio/mpeg"``, or ``None`` when not given.
        length: size in bytes, or ``None`` when not given or not a number.
    """

    url: str
    type: str | None = None
    length: int | None = None

    def as_dict(self) -> dict:
        """Return the JSON shape ``{"url", "type", "length"}``."""
        return {"url": self.url, "type": self.type, "length": self.length}


@dataclass(slots=True)
class ParsedEntry:
    """One entry (story) as parsed from a document, before it is stored.

    Attributes:
        key: identity of the entry within its feed: the Atom id / RSS GUID / JSON Feed id as
            written in the document (trimmed; never resolved against the feed's URL or
            ``xml:base``) when present, made unique within the document; else a hash of link
            and title/date.
        guid: the id exactly as the document gave it (trimmed, unresolved), or ``None``.
        title: plain-text title (HTML titles reduced to text), may be empty.
        display_title: never empty: the title, else the start of the text, else the enclosure's
            file name, else ``"(untitled)"``.
        link: absolute URL of the story, or ``None``.
        published: publication time (UTC), or ``None`` when absent or unparseable.
        updated: last-update time (UTC), or ``None``.
        authors: author names (never e-mail addresses).
        enclosures: media attachments.
        language: BCP 47 language tag (``"en-US"``) of the entry or its feed, or ``None``.
        summary: plain-text summary (the feed's description/teaser), may be empty.
        html: sanitised HTML of the body when the source was HTML, else ``None``.
        text: plain-text body with paragraphs separated by blank lines; never ``None``.
        markdown: Markdown of the body when known at parse time, else ``None`` (derived later).
        number: the printed item number of a briefing item, else ``None``.
        categories: category/keyword strings the document gave.
        former_key: the key releases before the id-as-written rule gave this entry (its
            RSS GUID / Atom id resolved against the document's URL or ``xml:base``) when that
            differs from ``key``, else ``None``; the store matches a story cached under it, so
            an existing cache does not get the entry again as new.
    """

    key: str
    guid: str | None = None
    title: str = ""
    display_title: str = ""
    link: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()
    language: str | None = None
    summary: str = ""
    html: str | None = None
    text: str = ""
    markdown: str | None = None
    number: int | None = None
    categories: tuple[str, ...] = ()
    former_key: str | None = None


@dataclass(slots=True)
class ParsedFeed:
    """A whole parsed document.

    Attributes:
        format: ``"rss20"``, ``"rss10"``, ``"rss090"``…, ``"atom10"``, ``"atom03"``,
            ``"jsonfeed10"``, ``"jsonfeed11"`` or ``"briefing"``.
        title: plain-text feed title (may be empty).
        home_page: the site's URL (never a ``tag:`` id), or ``None``.
        icon: large icon URL (JSON Feed ``icon``, Atom ``logo``, RSS ``image``), or ``None``.
        favicon: small icon URL (JSON Feed ``favicon``, Atom ``icon``), or ``None``.
        language: BCP 47 language tag, or ``None``.
        description: plain-text subtitle/description.
        authors: feed-level author names.
        entries: entries in document order.
        warnings: non-fatal problems (e.g. feedparser's ``bozo`` exception), one line each.
    """

    format: str
    title: str = ""
    home_page: str | None = None
    icon: str | None = None
    favicon: str | None = None
    language: str | None = None
    description: str = ""
    authors: tuple[str, ...] = ()
    entries: list[ParsedEntry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class DiscoveredFeed:
    """A feed advertised by an HTML page (``<link rel="alternate" type=...>``).

    Attributes:
        url: absolute feed URL.
        type: MIME type from the link, e.g. ``"application/atom+xml"``.
        title: the link's ``title`` attribute, or ``""``.
    """

    url: str
    type: str
    title: str = ""

    def as_dict(self) -> dict:
        """Return the JSON shape ``{"url", "type", "title"}``."""
        return {"url": self.url, "type": self.type, "title": self.title}


@dataclass(slots=True)
class Feed:
    """A subscribed feed as stored, with its fetch state and counts.

    Attributes:
        id: store row id.
        url: the URL (or ``file://`` URI) fetched on refresh.
        kind: :data:`KIND_FEED`, :data:`KIND_FILE` or :data:`KIND_BUNDLED`.
        title: feed title, or ``""`` before the first successful fetch.
        group: folder name (OPML outline), or ``None``.
        tags: tags given to the feed; its stories match them in ``tag:`` searches.
        last_status: ``"ok"``, ``"unchanged"``, ``"error"``, ``"gone"``, ``"rate_limited"`` or
            ``None`` when never refreshed.
        http_status: last HTTP status code received, or ``None``.
        error_category: category of the last error (see :mod:`brief_tui.domain.errors`).
        error: one-line message of the last error, or ``None`` after a success.
        last_checked: time of the last refresh attempt (UTC), or ``None``.
        last_success: time of the last successful refresh (UTC), or ``None``.
        retry_after: no request before this time (UTC), or ``None``.
        story_count: number of stored stories; unread_count: of them unread.
    """

    id: int
    url: str
    kind: str = KIND_FEED
    title: str = ""
    home_page: str | None = None
    icon: str | None = None
    favicon: str | None = None
    language: str | None = None
    description: str = ""
    format: str | None = None
    group: str | None = None
    tags: tuple[str, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    last_status: str | None = None
    http_status: int | None = None
    error_category: str | None = None
    error: str | None = None
    last_checked: datetime | None = None
    last_success: datetime | None = None
    retry_after: datetime | None = None
    fulltext_on_refresh: bool = False
    story_count: int = 0
    unread_count: int = 0

    @property
    def display_title(self) -> str:
        """The title, else the URL."""
        return self.title or self.url

    @property
    def failed(self) -> bool:
        """True when the last refresh failed (error, gone or rate limited)."""
        return self.last_status in (STATUS_ERROR, STATUS_GONE, STATUS_RATE_LIMITED)


@dataclass(slots=True)
class Story:
    """A stored story with the user's state.

    Attributes:
        id: store row id (stable for the life of the cache).
        feed_id / feed_url / feed_title: the feed it belongs to.
        key: identity within the feed (see :class:`ParsedEntry`).
        guid: the id the document gave, or ``None``.
        published / updated: UTC datetimes or ``None``.
        date_estimated: True when ``published`` was missing, unparseable or in the future, so
            ``sort_date`` is the time the story was first seen.
        sort_date: the date used to order stories (UTC).
        first_seen: when this cache first stored the story (UTC).
        text: plain text; highlights anchor to character offsets in it.
        markdown: Markdown for display; may be ``None`` until derived (see the service).
        fulltext_status: ``None`` (never fetched), ``"ok"``, ``"unavailable"`` or ``"error"``.
        fulltext_markdown / fulltext_text: the extracted article when ``fulltext_status`` is
            ``"ok"``.
        read / starred / tags / note: the user's state, kept across feed updates.
    """

    id: int
    feed_id: int
    feed_url: str
    key: str
    feed_title: str = ""
    guid: str | None = None
    number: int | None = None
    title: str = ""
    display_title: str = ""
    link: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    date_estimated: bool = False
    sort_date: datetime | None = None
    first_seen: datetime | None = None
    authors: tuple[str, ...] = ()
    enclosures: tuple[Enclosure, ...] = ()
    language: str | None = None
    summary: str = ""
    html: str | None = None
    text: str = ""
    markdown: str | None = None
    content_hash: str = ""
    fulltext_status: str | None = None
    fulltext_markdown: str | None = None
    fulltext_text: str | None = None
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    note: str | None = None


# Highlight kinds, in the order the highlights pane lists them.
HL_SENTENCE = "sentence"
HL_FIGURE = "figure"
HL_ORGANISATION = "organisation"
HL_PERSON = "person"
HL_PLACE = "place"
HL_KEYWORD = "keyword"
HL_USER = "user"
HIGHLIGHT_KINDS = (HL_USER, HL_SENTENCE, HL_FIGURE, HL_ORGANISATION, HL_PERSON, HL_PLACE,
                   HL_KEYWORD)


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span of a story's text that matters.

    Attributes:
        kind: one of :data:`HIGHLIGHT_KINDS`.
        text: the highlighted text (for ``figure``/``organisation``… the normalised surface
            form; for ``sentence``/``user`` the sentence itself).
        start / end: character offsets into the story's ``text`` (``text[start:end]``) of the
            sentence or span the highlight is anchored to; ``end`` is exclusive.
        rank: 0-based rank within its kind, best first.
        score: the extractor's score (higher is better); informational.
        id: store row id of a user highlight, else ``None``.
        note: the analyst's note on a user highlight, or ``None``.
        lost: True when a user highlight's text is no longer in the updated story.
    """

    kind: str
    text: str
    start: int
    end: int
    rank: int = 0
    score: float = 0.0
    id: int | None = None
    note: str | None = None
    lost: bool = False

    def as_dict(self) -> dict:
        """Return the JSON shape used by ``brief-tui highlights --json``."""
        d = {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
             "rank": self.rank}
        if self.kind == HL_USER:
            d.update({"id": self.id, "note": self.note, "lost": self.lost})
        return d


@dataclass(slots=True)
class StoryRow:
    """A light story row for lists: everything a story list shows, no body.

    Attributes:
        id: story id. feed_id / feed_title: its feed.
        display_title: never empty. sort_date: UTC ordering date; date_estimated: see Story.
        read / starred / tags: user state. has_enclosure: True when it has media.
        number: briefing item number or ``None``. link: story URL or ``None``.
        cluster_size: number of stories in its same-story cluster (1 when alone).
    """

    id: int
    feed_id: int
    feed_title: str
    display_title: str
    sort_date: datetime | None
    date_estimated: bool = False
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    has_enclosure: bool = False
    number: int | None = None
    link: str | None = None
    cluster_id: int | None = None
    cluster_size: int = 1


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one feed update changed.

    Attributes:
        new_ids: ids of stories stored for the first time.
        updated_ids: ids of stories whose content changed (user state kept).
        unchanged: number of entries identical to what was stored.
    """

    new_ids: tuple[int, ...] = ()
    updated_ids: tuple[int, ...] = ()
    unchanged: int = 0
