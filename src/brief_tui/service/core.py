"""Opening the cache, subscribing, importing and refreshing: the core of :class:`Service`."""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

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
    IngestResult,
    ParsedFeed,
)
from brief_tui.pipeline import (
    ParsePool,
    RefreshResult,
    RefreshRun,
    default_workers,
    file_path,
    parse_body,
)
from brief_tui.store import Store

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


class ServiceCore:
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
             config_path: str | os.PathLike[str] | None = None, **kwargs) -> "Service":  # noqa: F821 - the assembled class
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
        (result,) = self.import_paths([path], group=group)
        if isinstance(result, BriefError):
            raise result
        return result

    def import_paths(self, paths: Sequence[Path], *, group: str | None = None
                     ) -> list[ImportResult | BriefError]:
        """Import several files as :meth:`import_path` does, as one batch: documents are parsed
        in worker processes (4 files or more), each is stored in its own transaction, and tag
        rules and same-story clustering run once for all new stories.

        Returns:
            One entry per path, in order: its :class:`ImportResult`, or the
            :class:`BriefError` that stopped it (unreadable, not a recognised format); one
            file's failure never stops the others.
        """
        out: list[ImportResult | BriefError | None] = [None] * len(paths)
        docs: list[tuple[int, str]] = []
        for i, path in enumerate(paths):
            uri = path.resolve().as_uri()
            try:
                with open(file_path(uri), "rb") as fh:
                    head = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
            except OSError:
                head = b""  # read_local below names the file and the reason
            if b"<opml" not in head:
                docs.append((i, uri))
                continue
            try:
                body = self.read_local(uri)
            except BriefError as exc:
                out[i] = exc
                continue
            from brief_tui.parse.opml import parse_opml

            try:
                outlines = parse_opml(body, source=str(path))
            except BriefError as exc:
                out[i] = exc
                continue
            rows = [(o.url, o.title, group or o.group) for o in outlines]
            added = self.store.add_feeds(rows, now=self.now())
            out[i] = ImportResult(str(path), "opml", feeds_added=added, feeds_total=len(rows))
        new: list[int] = []
        updated: list[int] = []
        pool = ParsePool(default_workers(len(docs)))
        try:
            now = self.now()
            bodies: dict[int, bytes | BriefError] = {}

            def jobs():  # read lazily: only the pool's window of bodies is in memory
                for i, uri in docs:
                    try:
                        bodies[i] = self.read_local(uri)
                    except BriefError as exc:
                        bodies[i] = exc
                        yield (b"", uri, None, now, False)
                        continue
                    yield (bodies[i], uri, None, now, False)

            for (i, uri), parsed in zip(docs, pool.map(parse_body, jobs()), strict=True):
                path = paths[i]
                body = bodies.pop(i)
                if isinstance(body, BriefError):
                    out[i] = body
                    continue
                if isinstance(parsed, NotAFeedError):
                    out[i] = NotAFeedError(str(path))
                    continue
                if isinstance(parsed, BriefError):
                    out[i] = parsed
                    continue
                if isinstance(parsed, BaseException):
                    out[i] = BriefError(f"{path}: internal error: {type(parsed).__name__}: "
                                        f"{parsed}", source=str(path), category="internal")
                    continue
                with self.store.transaction():
                    feed, _ = self.store.add_feed(uri, now=self.now(), kind=KIND_FILE,
                                                  group=group, title=parsed.title)
                    result = self.ingest(feed, parsed, http_status=None, after=False,
                                         body_hash=hashlib.sha256(body).hexdigest())
                new += result.new_ids
                updated += result.updated_ids
                out[i] = ImportResult(str(path), "document", stories_new=len(result.new_ids),
                                      feed=self.store.require_feed(feed.id))
        finally:
            pool.close()
        if new or updated:
            self.after_ingest(IngestResult(tuple(new), tuple(updated)))
        return out  # type: ignore[return-value]

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


_FORMAT_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml",
                 "jsonfeed": "application/feed+json", "briefing": "text/plain"}

