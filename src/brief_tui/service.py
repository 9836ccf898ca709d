"""The one API that the command line and the TUI both call.

:class:`Service` wires fetch -> parse -> extract -> store over the domain types; neither face
re-implements a step or reaches past it into SQL or HTTP. Blocking methods are meant for worker
threads (the TUI) or the command line; :meth:`Service.refresh` runs its own asyncio loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from brief_tui import paths
from brief_tui.config import Config, load_config
from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError, NotAFeedError, NotFoundError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import (
    KIND_BUNDLED,
    KIND_FEED,
    KIND_FILE,
    DiscoveredFeed,
    Feed,
    Highlight,
    IngestResult,
    ParsedFeed,
    Story,
    StoryRow,
)
from brief_tui.domain.tags import normalise_tag
from brief_tui.pipeline import RefreshResult, RefreshRun, file_path, parse_body
from brief_tui.store import Store

if TYPE_CHECKING:
    from brief_tui.export import ExportItem, ExportSelection, ExportTemplate

BUNDLED = ("sample-briefing.md", "sample-feed.xml")
BUNDLED_SCHEME = "bundled:"


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of subscribing.

    Attributes:
        feed: the stored feed. created: False when it was already subscribed.
        new: stories stored by this first fetch.
    """

    feed: Feed
    created: bool
    new: int = 0


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of importing one file.

    Attributes:
        path: the file. kind: ``"opml"`` or ``"document"`` (a feed or briefing file).
        feeds_added: feeds subscribed (OPML). stories_new: stories stored (documents).
        feed: the feed created for a document, else ``None``.
    """

    path: str
    kind: str
    feeds_added: int = 0
    feeds_total: int = 0
    stories_new: int = 0
    feed: Feed | None = None


@dataclass(frozen=True, slots=True)
class View:
    """An entry of the feed pane that is not a feed: All, Unread, Starred, Today, a tag, a saved
    search. ``filter`` selects its stories; ``count``/``unread`` are current."""

    kind: str
    name: str
    filter: StoryFilter
    count: int = 0
    unread: int = 0


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Service:
    """The reader's engine.

    Args:
        store: the cache. config: the configuration.
        clock: returns the current UTC time (tests inject a fake clock).
        transport: an ``httpx`` transport for tests, passed to the fetcher.
    """

    def __init__(self, store: Store, config: Config | None = None, *,
                 clock: Callable[[], datetime] = _utcnow, transport=None) -> None:
        self.store = store
        self.config = config or Config()
        self._clock = clock
        self.transport = transport

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None,
             config_path: str | os.PathLike[str] | None = None, **kwargs) -> "Service":
        """Open the cache in the data directory (created if needed) with the user's config.

        Raises:
            ConfigError: the config file is bad (names the file and key).
            StoreError: the data directory or database cannot be used (names the file).
        """
        config = load_config(paths.config_file(config_path))
        directory = paths.data_dir(data_dir)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise errors.StoreError(f"{directory}: cannot create the data directory: "
                                    f"{exc.strerror}", source=str(directory)) from None
        return cls(Store(paths.db_path(directory)), config, **kwargs)

    @staticmethod
    def repair_database(data_dir: str | os.PathLike[str] | None = None, *,
                        check_only: bool = False) -> tuple[Path, str | None, list[Path]]:
        """Check the cache database and, unless ``check_only``, move a damaged one aside.

        Returns:
            ``(database path, fault or None, moved paths)``; nothing is moved when the
            database is sound or ``check_only`` is set. The damaged files are kept.

        Raises:
            StoreError: the files cannot be renamed.
        """
        from brief_tui.store.db import move_aside, probe

        path = paths.db_path(paths.data_dir(data_dir))
        fault = probe(path)
        if fault is None or check_only:
            return path, fault, []
        return path, fault, move_aside(path, _utcnow().strftime("%Y%m%d-%H%M%S"))

    def close(self) -> None:
        """Close the cache."""
        self.store.close()

    def now(self) -> datetime:
        """The current time (UTC), from the injected clock."""
        return self._clock()

    # -- plumbing used by the pipeline -----------------------------------------------------
    def fetcher(self):
        """A new :class:`brief_tui.fetch.Fetcher` (an async context manager) with the config's
        limits."""
        from brief_tui.fetch import Fetcher, FetchSettings

        return Fetcher(FetchSettings.from_config(self.config.fetch), transport=self.transport)

    def parse(self, body: bytes, *, url: str, headers=None, redirected: bool = False
              ) -> ParsedFeed:
        """Parse a document (content-detected).

        Raises:
            NotAFeedError: not a feed; for a redirect that ended on an HTML page the message says
                so. BriefError: empty body, parse failure.
        """
        return parse_body(body, url, headers, self.now(), redirected)

    def read_local(self, url: str) -> bytes:
        """Read a ``file://`` or bundled document.

        Raises:
            BriefError: the file cannot be read (category ``network`` is not used; ``file``).
        """
        if url.startswith(BUNDLED_SCHEME):
            name = url[len(BUNDLED_SCHEME):]
            return resources.files("brief_tui.data").joinpath(name).read_bytes()
        path = file_path(url)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise BriefError(f"{path}: cannot read the file: {exc.strerror}", source=str(path),
                             category="file") from None

    def ingest(self, feed: Feed, parsed: ParsedFeed, *, after: bool = True,
               **fetch_state) -> IngestResult:
        """Store a parsed document for a feed; then, unless ``after`` is False (the refresh
        pipeline batches it), run :meth:`after_ingest` on what changed."""
        result = self.store.apply_parsed(feed.id, parsed, now=self.now(),
                                         max_stories=self.config.store.max_stories_per_feed,
                                         **fetch_state)
        if after:
            self.after_ingest(result)
        return result

    # -- feeds -------------------------------------------------------------------------------
    def feeds(self) -> list[Feed]:
        """Every subscribed feed with counts and last status."""
        return self.store.feeds()

    def feed(self, url: str) -> Feed:
        """One feed by URL (a file path also matches its ``file://`` URI).

        Raises:
            NotFoundError: not subscribed.
        """
        feed = self.store.feed(url)
        if feed is None and Path(url).exists():
            feed = self.store.feed(Path(url).resolve().as_uri())
        if feed is None:
            raise NotFoundError(f"{url}: not subscribed (see `brief-tui feeds`)", source=url)
        return feed

    def add(self, url: str, *, group: str | None = None) -> AddResult:
        """Subscribe to a feed URL or a site's home page (autodiscovery), fetching it once.

        The feed is stored only if its document parses; a site page subscribes to its first
        advertised feed. A local file path is imported instead.

        Raises:
            FetchError, NotAFeedError, BriefError: nothing is stored.
        """
        if Path(url).exists() and "://" not in url:
            res = self.import_path(Path(url), group=group)
            return AddResult(res.feed, True, res.stories_new)  # type: ignore[arg-type]
        existing = self.store.feed(url)
        if existing is not None:
            return AddResult(existing, False)
        return asyncio.run(self._add(url, group))

    async def _add(self, url: str, group: str | None) -> AddResult:
        async with self.fetcher() as fetcher:
            fetched = await fetcher.fetch(url)
            try:
                parsed = self.parse(fetched.body, url=fetched.final_url, headers=fetched.headers)
                feed_url = fetched.permanent_url or url
            except NotAFeedError as exc:
                found = getattr(exc, "discovered", None)
                if not found:
                    raise
                feed_url = found[0].url
                existing = self.store.feed(feed_url)
                if existing is not None:
                    return AddResult(existing, False)
                fetched = await fetcher.fetch(feed_url)
                parsed = self.parse(fetched.body, url=fetched.final_url, headers=fetched.headers)
                feed_url = fetched.permanent_url or feed_url
        digest = hashlib.sha256(fetched.body).hexdigest()
        with self.store.transaction():
            feed, created = self.store.add_feed(feed_url, now=self.now(), group=group)
            if not created:
                return AddResult(feed, False)
            result = self.ingest(feed, parsed, http_status=fetched.status, etag=fetched.etag,
                                 last_modified=fetched.last_modified, body_hash=digest)
        return AddResult(self.store.require_feed(feed.id), True, len(result.new_ids))

    def discover(self, url: str) -> list[DiscoveredFeed]:
        """The feeds a URL offers: itself when it is a feed, else the page's advertised feeds.

        Raises:
            FetchError: the page cannot be fetched. NotAFeedError: neither a feed nor a page
                advertising one.
        """
        return asyncio.run(self._discover(url))

    async def _discover(self, url: str) -> list[DiscoveredFeed]:
        async with self.fetcher() as fetcher:
            fetched = await fetcher.fetch(url)
        try:
            parsed = self.parse(fetched.body, url=fetched.final_url, headers=fetched.headers)
        except NotAFeedError as exc:
            found = getattr(exc, "discovered", None)
            if found:
                return list(found)
            if found is not None:
                raise NotAFeedError(url, "an HTML page that advertises no feed") from None
            raise
        kind = _FORMAT_TYPES.get(parsed.format.rstrip("0123456789"), "application/xml")
        return [DiscoveredFeed(fetched.permanent_url or url, kind, parsed.title)]

    def remove(self, url: str) -> Feed:
        """Unsubscribe and delete the feed's stories. Returns the removed feed.

        Raises:
            NotFoundError: not subscribed.
        """
        feed = self.feed(url)
        self.store.remove_feed(feed.id)
        return feed

    def import_path(self, path: Path, *, group: str | None = None) -> ImportResult:
        """Import a file: OPML subscribes to its feeds (twice adds nothing); a briefing or feed
        document becomes a feed of kind ``file`` whose stories are stored now.

        Raises:
            BriefError: unreadable file, not a recognised format (names the file).
        """
        uri = path.resolve().as_uri()
        body = self.read_local(uri)
        head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if b"<opml" in head:
            from brief_tui.parse.opml import parse_opml

            outlines = parse_opml(body, source=str(path))
            rows = [(o.url, o.title, group or o.group) for o in outlines]
            added = self.store.add_feeds(rows, now=self.now())
            return ImportResult(str(path), "opml", feeds_added=added, feeds_total=len(rows))
        try:
            parsed = self.parse(body, url=uri)
        except NotAFeedError:
            raise NotAFeedError(str(path)) from None
        with self.store.transaction():
            feed, _ = self.store.add_feed(uri, now=self.now(), kind=KIND_FILE, group=group,
                                          title=parsed.title)
            result = self.ingest(feed, parsed, http_status=None,
                                 body_hash=hashlib.sha256(body).hexdigest())
        return ImportResult(str(path), "document", stories_new=len(result.new_ids),
                            feed=self.store.require_feed(feed.id))

    def seed_bundled(self) -> bool:
        """On a cache with no feeds that was never seeded, import the bundled sample briefing
        and feed so a fresh install opens with stories and no network. Returns True if seeded."""
        if self.store.get_meta("seeded") or self.store.feeds():
            return False
        for name in BUNDLED:
            url = BUNDLED_SCHEME + name
            parsed = self.parse(self.read_local(url), url=url)
            with self.store.transaction():
                feed, _ = self.store.add_feed(url, now=self.now(), kind=KIND_BUNDLED,
                                              title=parsed.title, group="Samples")
                self.ingest(feed, parsed, http_status=None)
        self.store.set_meta("seeded", "1")
        return True

    def export_opml(self) -> bytes:
        """OPML 2.0 of every network feed (groups become folders)."""
        from brief_tui.parse.opml import build_opml

        return build_opml((f.url, f.display_title, f.group) for f in self.feeds()
                          if f.kind == KIND_FEED)

    def refresh(self, urls: Sequence[str] | None = None,
                progress: Callable[[RefreshResult], None] | None = None) -> list[RefreshResult]:
        """Refresh some feeds (by URL) or all; blocks until done (runs its own event loop).

        Args:
            urls: feed URLs to refresh, or ``None`` for every feed.
            progress: called (on a worker thread) with each feed's result as it finishes.

        Returns:
            One :class:`RefreshResult` per feed, in finishing order.

        Raises:
            NotFoundError: a URL in ``urls`` is not subscribed.
        """
        feeds = self.feeds() if urls is None else [self.feed(u) for u in urls]
        return asyncio.run(RefreshRun(self, feeds, progress).run())

    # -- stories ---------------------------------------------------------------------------
    def story(self, story_id: int) -> Story:
        """One full story, its Markdown derived (and cached) when the feed gave HTML.

        Raises:
            NotFoundError: no such story.
        """
        return self._with_markdown(self.store.require_story(story_id))

    def _with_markdown(self, story: Story) -> Story:
        if story.markdown is None:
            if story.html:
                from brief_tui.parse.html import html_to_markdown

                story.markdown = html_to_markdown(story.html)
                self.store.set_markdown(story.id, story.markdown, story.content_hash)
            else:
                story.markdown = story.text
        return story

    def stories(self, flt: StoryFilter = StoryFilter(), *, limit: int = 100,
                offset: int = 0) -> list[Story]:
        """Full stories (with Markdown) matching a filter, newest first, paged."""
        return [self._with_markdown(s) for s in self.store.stories(flt, limit=limit,
                                                                   offset=offset)]

    def story_rows(self, flt: StoryFilter = StoryFilter(), *, limit: int = 200,
                   offset: int = 0) -> list[StoryRow]:
        """Light rows for a story list, paged (the search executor's plans; see
        :meth:`list_rows`)."""
        return self.list_rows(flt, limit=limit, offset=offset)

    def story_ids(self, flt: StoryFilter = StoryFilter()) -> list[int]:
        """Every matching story id in list order (for windowed lists).

        Raises:
            QueryError: ``flt.query`` does not parse.
        """
        from brief_tui.store.search import list_ids

        with self.store.db.read() as conn:
            return list_ids(conn, flt, limit=1 << 62, now=self.now().astimezone())

    def rows_by_ids(self, ids: Sequence[int]) -> list[StoryRow]:
        """List rows for ids, in the given order."""
        return self.store.rows_by_ids(ids)

    def count(self, flt: StoryFilter = StoryFilter()) -> tuple[int, int]:
        """``(stories, unread)`` matching a filter (see :meth:`list_count`)."""
        return self.list_count(flt)

    def mark_read(self, ids: Iterable[int], read: bool = True) -> int:
        """Mark stories read (or unread). Returns how many changed."""
        return self.store.set_read(ids, read)

    def mark_all_read(self, flt: StoryFilter) -> int:
        """Mark every story of a view read. Returns how many changed."""
        return self.store.mark_all_read(flt)

    def star(self, ids: Iterable[int], starred: bool = True) -> int:
        """Star (or unstar) stories. Returns how many changed."""
        return self.store.set_starred(ids, starred)

    def tag(self, ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        """Add and remove tags on stories."""
        self.store.edit_tags(list(ids), add, remove)

    def tags(self) -> list[tuple[str, int, int]]:
        """``(tag, stories, unread)`` for every tag in use."""
        return self.store.tag_counts()

    def set_note(self, story_id: int, note: str | None) -> None:
        """Set or clear the note on a story."""
        self.store.require_story(story_id)
        self.store.set_note(story_id, note)

    def fetch_fulltext(self, story_id: int) -> Story:
        """Fetch the story's linked page and extract the article, cached for offline reading.

        When extraction yields nothing the feed's content stays and the story is marked
        ``fulltext_status == "unavailable"``.

        Raises:
            NotFoundError: no such story. BriefError: the story has no link; FetchError: the
                page cannot be fetched (also recorded as ``"error"``).
        """
        story = self.store.require_story(story_id)
        if not story.link or not story.link.startswith(("http://", "https://")):
            raise BriefError(f"story {story_id}: has no web link to fetch", source=str(story_id))
        try:
            fetched = asyncio.run(self._fetch_page(story.link))
        except BriefError:
            self.store.set_fulltext(story_id, "error")
            raise
        from brief_tui.parse.fulltext import extract_article

        article = extract_article(fetched.body, url=fetched.final_url, headers=fetched.headers)
        if article is None:
            self.store.set_fulltext(story_id, "unavailable")
        else:
            self.store.set_fulltext(story_id, "ok", article.markdown, article.text)
        return self.story(story_id)

    async def _fetch_page(self, url: str):
        async with self.fetcher() as fetcher:
            return await fetcher.fetch(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")

    # -- highlights ----------------------------------------------------------------------
    def highlights(self, story_id: int) -> list[Highlight]:
        """The story's highlights: the analyst's own (kind ``user``) first, then the extracted
        ones (sentence, figure, organisation, person, place, keyword), each ranked best first
        within its kind. Offsets index the story's ``text``. Extraction runs once per story
        version and extractor version and is cached.

        Raises:
            NotFoundError: no such story.
        """
        story = self.store.require_story(story_id)
        return self.store.user_highlights(story_id) + self.extracted_highlights(story)

    def user_highlights(self, story_id: int) -> list[Highlight]:
        """Only the analyst's own highlights on a story, in text order."""
        return self.store.user_highlights(story_id)

    def extracted_highlights(self, story: Story) -> list[Highlight]:
        """Extracted highlights of a story (cached per content hash and extractor version)."""
        from brief_tui.extract import EXTRACTOR_VERSION, extract_highlights

        cached = self.store.cached_extraction(story.id, story.content_hash, EXTRACTOR_VERSION)
        if cached is None:
            cached = extract_highlights(story.text, title=story.title)
            self.store.store_extraction(story.id, story.content_hash, EXTRACTOR_VERSION, cached)
        return cached

    def sentence_spans(self, story: Story) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of the story's text, for moving by sentence."""
        from brief_tui.extract import sentence_spans

        return sentence_spans(story.text)

    def paragraph_spans(self, story: Story) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph of the story's text."""
        from brief_tui.extract import paragraph_spans

        return paragraph_spans(story.text)

    def toggle_highlight(self, story_id: int, start: int, end: int) -> Highlight | None:
        """Highlight ``text[start:end]`` of a story, or remove the highlight already there.

        Returns:
            The new highlight, or ``None`` when one was removed.

        Raises:
            NotFoundError: no such story. BriefError: the span is empty or outside the text.
        """
        story = self.store.require_story(story_id)
        if not 0 <= start < end <= len(story.text):
            raise BriefError(f"story {story_id}: span {start}-{end} is outside its text")
        return self.store.toggle_highlight(story_id, start, end, story.text[start:end],
                                           now=self.now())

    def set_highlight_note(self, highlight_id: int, note: str | None) -> None:
        """Attach (or clear) a note on one of the analyst's highlights."""
        self.store.set_highlight_note(highlight_id, note)

    def remove_highlight(self, highlight_id: int) -> None:
        """Delete one of the analyst's highlights."""
        self.store.remove_highlight(highlight_id)

    # -- views -------------------------------------------------------------------------------
    def today_start(self) -> datetime:
        """Local midnight today, in UTC."""
        local = self.now().astimezone()
        return datetime.combine(local.date(), time(0), local.tzinfo).astimezone(UTC)

    def views(self) -> list[View]:
        """The feed pane's views with counts: All, Unread, Starred, Today, one per tag, then
        saved searches (from the cache and the config)."""
        base = [("all", "All", StoryFilter()), ("unread", "Unread", StoryFilter(unread=True)),
                ("starred", "Starred", StoryFilter(starred=True)),
                ("today", "Today", StoryFilter(since=self.today_start()))]
        views = [View(k, n, f, *self.count(f)) for k, n, f in base]
        views += [View("tag", t.tag, StoryFilter(tag=t.tag), t.stories, t.unread)
                  for t in self.tag_summary()]
        searches = dict(self.config.searches)
        searches.update(dict(self.store.saved_searches()))
        for name, query in searches.items():
            flt = StoryFilter(query=query)
            try:
                views.append(View("search", name, flt, *self.count(flt)))
            except errors.QueryError:
                views.append(View("search", name, flt))
        return views

    # -- app state -----------------------------------------------------------------------
    def get_state(self, key: str, default: str | None = None) -> str | None:
        """Read a remembered UI state value (last view, selection…)."""
        return self.store.get_meta(f"state:{key}", default)

    def set_state(self, key: str, value: str) -> None:
        """Remember a UI state value across restarts."""
        self.store.set_meta(f"state:{key}", value)

    def remember_theme(self, name: str) -> None:
        """Persist the chosen theme in the config file (``[reader] theme``), keeping comments.

        Raises:
            ConfigError: the config file cannot be written.
        """
        from brief_tui.config import set_value

        path = self.config.path or paths.config_file()
        set_value(path, "reader", "theme", name)
        self.config.reader.theme = name

    def story_links(self, story: Story) -> list[tuple[str, str]]:
        """``(text, url)`` of the links in a story's body, in order, without duplicates."""
        from brief_tui.parse.html import html_links

        body = story.fulltext_markdown if story.fulltext_status == "ok" else None
        links = html_links(story.html or "") if story.html else []
        if body is None and not links and story.markdown:
            links = _markdown_links(story.markdown)
        seen: set[str] = set()
        out = []
        for text, url in links:
            if url not in seen:
                seen.add(url)
                out.append((text, url))
        return out

    def normalise_tags(self, words: Iterable[str]) -> list[str]:
        """Canonical tag forms of ``words``."""
        return [t for t in (normalise_tag(w) for w in words) if t]

    # -- export (issue 4) --
    def export_selection(self, selection: ExportSelection
                         ) -> tuple[ExportSelection, list[ExportItem]]:
        """Resolve an export selection to stories with their highlights.

        Ids: those stories in the given order. Tag (story or feed tag) and search (query
        language): every match in list order, newest first. Today: the stories since
        :meth:`today_start` that are starred or tagged, newest first, with ``day`` set to the
        local date.

        Returns:
            ``(selection, items)``: the selection (with ``day`` filled in for today) and one
            :class:`~brief_tui.export.ExportItem` per story.

        Raises:
            NotFoundError: an id names no story. QueryError: the search does not parse.
            ExportError: nothing matches (category ``"empty"``).
        """
        import dataclasses

        from brief_tui.domain.errors import ExportError
        from brief_tui.export import SEL_IDS, SEL_QUERY, SEL_TAG, SEL_TODAY, ExportItem

        if selection.kind == SEL_IDS:
            stories = [self.story(i) for i in selection.ids]
            what = "the selection"
        elif selection.kind in (SEL_TAG, SEL_QUERY, SEL_TODAY):
            if selection.kind == SEL_TODAY:
                since = self.today_start()
                selection = dataclasses.replace(selection, day=since.astimezone().date())
                flt, what = StoryFilter(since=since), "today (starred or tagged stories)"
            elif selection.kind == SEL_TAG:
                tag = normalise_tag(selection.tag)
                selection = dataclasses.replace(selection, tag=tag)
                flt, what = StoryFilter(tag=tag), f"tag {tag}"
            else:
                flt, what = StoryFilter(query=selection.query), f"search {selection.query!r}"
            found = self.story_ids(flt)
            if selection.kind == SEL_TODAY:
                found = [r.id for r in self.rows_by_ids(found) if r.starred or r.tags]
            stories = [self.story(i) for i in found]
        else:
            raise ValueError(f"unknown export selection {selection.kind!r}")
        if not stories:
            raise ExportError(f"{what}: no stories to export", category="empty")
        return selection, [ExportItem(s, tuple(self.store.user_highlights(s.id)
                                               + self.extracted_highlights(s)))
                           for s in stories]

    def export_template(self, name: str | None = None) -> ExportTemplate:
        """An export template by name (``None``: ``[export] template`` of the config), looked
        up in ``<config dir>/templates`` and then among the built-ins.

        Raises:
            NotFoundError: no such template. ExportError: it does not parse (file and line).
        """
        from brief_tui.export import load_template

        config_path = self.config.path or paths.config_file()
        return load_template(name or self.config.export.template,
                             paths.templates_dir(config_path))

    def export_dir(self) -> Path:
        """The export directory: ``[export] directory`` of the config, else
        :func:`brief_tui.paths.default_export_dir`."""
        if self.config.export.directory:
            return Path(self.config.export.directory).expanduser()
        return paths.default_export_dir()

    def render_export(self, selection: ExportSelection, *, template: str | None = None,
                      split: bool = False) -> tuple[str, list[tuple[str, str]]]:
        """Render an export without writing it (for ``--out -`` and previews).

        Returns:
            ``(stem, files)``: the default name (``brief-2026-11-29``) and ``(file name,
            Markdown)`` pairs (see :func:`brief_tui.export.plan_files`).

        Raises:
            see :meth:`export_selection` and :meth:`export_template`.
        """
        from brief_tui.export import export_name, plan_files

        selection, items = self.export_selection(selection)
        files = plan_files(items, selection, split=split, template=self.export_template(template))
        return export_name(items, selection), files

    def export(self, selection: ExportSelection, *, template: str | None = None,
               out: str | os.PathLike[str] | None = None, force: bool = False,
               split: bool = False) -> list[Path]:
        """Export stories as Markdown: one file, or one per story with ``split``.

        Args:
            selection: see :class:`brief_tui.export.ExportSelection`.
            template: template name (default: the config's). out: file or directory (see
                :func:`brief_tui.export.place_plan`); default :meth:`export_dir`.
            force: overwrite existing files.

        Returns:
            The written paths.

        Raises:
            ExportError: a file exists and ``force`` is off (category ``"exists"``; nothing is
                written), the template fails, nothing matches, or writing fails.
        """
        from brief_tui.export import place_plan, write_export

        stem, files = self.render_export(selection, template=template, split=split)
        directory, files = place_plan(files, stem=stem, default_dir=self.export_dir(), out=out,
                                      split=split)
        return write_export(files, directory, force=force)

    # -- search and organise (issue 5) --
    def check_query(self, query: str):
        """Parse a search (for validating a search box as the user types).

        Returns:
            The :class:`brief_tui.domain.query.Query`.

        Raises:
            QueryError: with ``position`` (0-based) and ``token`` of the first bad token.
        """
        from brief_tui.domain.query import parse_query

        return parse_query(query)

    def search_terms(self, query: str) -> list[str]:
        """The free words and phrases of a search, for marking matches in the list and the
        article (``["mistral", '"data center"', "nvid*"]``; a trailing ``*`` is a prefix).
        ``[]`` when the query does not parse. Pure: no database access.

        See :func:`brief_tui.domain.query.match_spans` to find them in a text.
        """
        from brief_tui.domain.query import search_terms

        return search_terms(query)

    def list_rows(self, flt: StoryFilter = StoryFilter(), *, limit: int = 200,
                  offset: int = 0) -> list[StoryRow]:
        """One page of a story list, in list order, with ``cluster_size`` filled.

        Like :meth:`story_rows` but through the search executor: date-ordered searches never
        sort a large full-text match set, ``sort:relevance`` ranks by bm25, and with
        ``flt.collapse_clusters`` each same-story cluster shows once (its newest matching
        story). The TUI's story list should call this.

        Raises:
            QueryError: ``flt.query`` does not parse.
        """
        from brief_tui.store.search import list_ids

        with self.store.db.read() as conn:
            ids = list_ids(conn, flt, limit=limit, offset=offset, now=self.now().astimezone())
        return self.with_cluster_sizes(self.store.rows_by_ids(ids))

    def list_count(self, flt: StoryFilter = StoryFilter()) -> tuple[int, int]:
        """``(stories, unread)`` of a list, like :meth:`count` but with the search executor's
        plans (a full-text match set is counted without reading story rows): for view counts.

        Raises:
            QueryError: ``flt.query`` does not parse.
        """
        from brief_tui.store.search import count_matches

        with self.store.db.read() as conn:
            return count_matches(conn, flt, now=self.now().astimezone())

    def search(self, query: str, *, limit: int = 200, offset: int = 0,
               flt: StoryFilter = StoryFilter()) -> list[StoryRow]:
        """Rows matching a search (within ``flt``), newest first unless ``sort:relevance``.

        Raises:
            QueryError: the query does not parse.
        """
        return self.list_rows(flt.with_query(query), limit=limit, offset=offset)

    def search_stories(self, query: str, *, limit: int = 50) -> list[Story]:
        """Full stories (with Markdown) matching a search, in list order (for ``--json``).

        Raises:
            QueryError: the query does not parse.
        """
        ids = [r.id for r in self.search(query, limit=limit)]
        found = {s.id: s for s in self.stories(StoryFilter(ids=tuple(ids)), limit=len(ids))}
        return [found[i] for i in ids if i in found]

    def with_cluster_sizes(self, rows: Sequence[StoryRow]) -> list[StoryRow]:
        """``rows`` with ``cluster_size`` filled from the cache."""
        import dataclasses

        from brief_tui.store.clusters import cluster_sizes

        sizes = cluster_sizes(self.store.db, (r.cluster_id for r in rows))
        return [dataclasses.replace(r, cluster_size=sizes.get(r.cluster_id, 1))
                if r.cluster_id is not None else r for r in rows]

    def saved_searches(self) -> list[tuple[str, str]]:
        """``(name, query)`` of every saved search: the config's ``[searches]`` first, then
        those saved in the cache (a cached one replaces a config one of the same name)."""
        merged = dict(self.config.searches)
        merged.update(dict(self.store.saved_searches()))
        return list(merged.items())

    def save_search(self, name: str, query: str) -> None:
        """Save a search under ``name`` (replacing one of that name).

        Raises:
            QueryError: the query does not parse. BriefError: the name is blank.
        """
        self.check_query(query)
        name = " ".join(name.split())
        if not name:
            raise BriefError("a saved search needs a name", category="search")
        self.store.save_search(name, query)

    def delete_search(self, name: str) -> None:
        """Forget a saved search.

        Raises:
            NotFoundError: no search of that name in the cache (one defined only in the
                config file must be removed there).
        """
        if name not in dict(self.store.saved_searches()):
            where = " (it is defined in the config file; remove it there)" \
                if name in self.config.searches else ""
            raise NotFoundError(f"saved search {name!r}: not found{where}", source=name)
        self.store.delete_search(name)

    def tag_summary(self):
        """Every tag on a story or feed with counts
        (:class:`brief_tui.store.tagging.TagSummary`: ``tag, stories, unread, tagged,
        feeds``), sorted by tag."""
        from brief_tui.store.tagging import tag_summary

        return tag_summary(self.store.db)

    def tag_feed(self, url: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Feed:
        """Add and remove tags on a feed (its stories match them in ``tag:``).

        Raises:
            NotFoundError: not subscribed.
        """
        feed = self.feed(url)
        self.store.set_feed_tags(feed.id, self.normalise_tags(add), self.normalise_tags(remove))
        return self.store.require_feed(feed.id)

    def rename_tag(self, old: str, new: str) -> tuple[int, int]:
        """Rename a tag on every story and feed (onto an existing tag: merge).

        Returns:
            ``(stories, feeds)`` changed.

        Raises:
            NotFoundError: nothing has ``old``. BriefError: ``new`` is not a valid tag.
        """
        from brief_tui.store.tagging import rename_tag

        return rename_tag(self.store.db, old, new)

    def merge_tags(self, sources: Sequence[str], target: str) -> tuple[int, int]:
        """Merge tags into ``target`` on every story and feed. Returns ``(stories, feeds)``.

        Raises:
            NotFoundError: a source tag is unused. BriefError: a bad tag name.
        """
        from brief_tui.store.tagging import merge_tags

        return merge_tags(self.store.db, sources, target)

    def delete_tag(self, tag: str) -> tuple[int, int]:
        """Remove a tag from every story and feed. Returns ``(stories, feeds)``.

        Raises:
            NotFoundError: nothing has the tag.
        """
        from brief_tui.store.tagging import delete_tag

        return delete_tag(self.store.db, tag)

    def tag_rules(self):
        """Every tag rule (:class:`brief_tui.store.tagging.TagRule`): the config's
        ``[[rules]]`` (``id`` ``None``) then the stored ones."""
        from brief_tui.store.tagging import TagRule, stored_rules

        return [TagRule(None, r.query, tuple(self.normalise_tags(r.tags)))
                for r in self.config.rules] + stored_rules(self.store.db)

    def add_tag_rule(self, query: str, tags: Iterable[str]):
        """Store a rule tagging arriving stories that match ``query``.

        Raises:
            QueryError: the query does not parse. BriefError: no valid tag.
        """
        from brief_tui.store.tagging import add_rule

        return add_rule(self.store.db, query, tags)

    def delete_tag_rule(self, rule_id: int) -> None:
        """Delete a stored tag rule.

        Raises:
            NotFoundError: no such rule.
        """
        from brief_tui.store.tagging import delete_rule

        delete_rule(self.store.db, rule_id)

    def cluster(self, story_id: int) -> list[StoryRow]:
        """Every story of ``story_id``'s same-story cluster (itself included), newest first,
        with ``cluster_size``; just the story when it is in none.

        Raises:
            NotFoundError: no such story.
        """
        from brief_tui.store.clusters import cluster_ids

        ids = cluster_ids(self.store.db, story_id)
        if not ids:
            raise NotFoundError(f"story {story_id}: no such story", source=str(story_id))
        return self.with_cluster_sizes(self.store.rows_by_ids(ids))

    def mark_read_cluster(self, story_id: int, read: bool = True) -> int:
        """Mark a story read (or unread) as the reader does when it is opened: with
        ``[reader] cluster_mark_read`` (the default) its whole same-story cluster too.
        Returns how many stories changed. :meth:`mark_read` marks exactly the ids given.
        """
        from brief_tui.store.clusters import cluster_ids

        ids = cluster_ids(self.store.db, story_id) if self.config.reader.cluster_mark_read \
            else [story_id]
        return self.store.set_read(ids, read)

    def after_ingest(self, result: IngestResult) -> None:
        """Tag rules on the new stories (one query per rule), then same-story clusters for
        new and changed stories."""
        from brief_tui.store.clusters import WINDOW, assign_clusters, backfill_keys
        from brief_tui.store.tagging import apply_rules

        if result.new_ids:
            apply_rules(self.store.db, self.tag_rules(), result.new_ids,
                        now=self.now().astimezone())
        changed = [*result.new_ids, *result.updated_ids]
        if not changed:
            return
        if self.store.get_meta("cluster-keys") is None:  # first run on an older cache
            backfill_keys(self.store.db, (self.now() - 2 * WINDOW).timestamp())
            self.store.set_meta("cluster-keys", "1")
        assign_clusters(self.store.db, changed)


def _markdown_links(markdown: str) -> list[tuple[str, str]]:
    import re

    return [(m.group(1), m.group(2)) for m in
            re.finditer(r"\[([^\]]*)\]\((https?://[^)\s]+)\)", markdown)]


_FORMAT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                 "jsonfeed": "application/feed+json", "briefing": "text/plain"}

__all__ = ["Service", "AddResult", "ImportResult", "View", "RefreshResult"]
