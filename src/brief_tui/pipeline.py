"""The refresh pipeline: fetch -> parse -> store for many feeds at once.

Fetches run concurrently on an asyncio loop (bounded by the fetcher's global and per-host
limits); parsing and storing run one feed at a time on a single worker thread, so the loop keeps
fetching while a big feed is parsed and SQLite sees one writer. One feed's failure is recorded on
that feed and never stops the others.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError, FetchError, NotAFeedError
from brief_tui.domain.models import (
    KIND_BUNDLED,
    KIND_FILE,
    STATUS_UNCHANGED,
    Feed,
    IngestResult,
    ParsedFeed,
)

# Refresh outcomes, as printed by `brief-tui refresh` and shown in the feed pane.
NEW = "new"
UPDATED = "updated"
UNCHANGED = "unchanged"
ERROR = "error"
SKIPPED = "skipped"

MAX_BACKOFF_S = 24 * 3600.0
DEFAULT_BACKOFF_S = 60.0


@dataclass(frozen=True, slots=True)
class RefreshResult:
    """The outcome of refreshing one feed.

    Attributes:
        feed_id / url / title: the feed (``url`` after any permanent redirect was adopted).
        outcome: ``"new"`` (new stories), ``"updated"`` (only changed ones), ``"unchanged"``,
            ``"error"`` or ``"skipped"`` (rate limited: no request sent).
        new / updated: story counts. new_ids: ids of the new stories.
        category / message / http_status: the error, when ``outcome`` is error or skipped.
        done / total: progress through the refresh (1-based count of finished feeds).
    """

    feed_id: int
    url: str
    title: str
    outcome: str
    new: int = 0
    updated: int = 0
    new_ids: tuple[int, ...] = ()
    category: str | None = None
    message: str | None = None
    http_status: int | None = None
    done: int = 0
    total: int = 0


def file_path(url: str) -> Path:
    """The local path of a ``file://`` URI."""
    return Path(unquote(urlparse(url).path))


def backoff_seconds(failures: int) -> float:
    """Exponential backoff for rate limiting without a usable Retry-After: 60 s, 120 s, …,
    capped at 24 h."""
    return min(MAX_BACKOFF_S, DEFAULT_BACKOFF_S * (2 ** max(0, failures)))


def parse_body(body: bytes, url: str, headers, now: datetime | None,
               redirected: bool = False) -> ParsedFeed:
    """Parse a fetched or read document (content-detected). Runs in worker processes too.

    Raises:
        NotAFeedError: not a feed; when a redirect ended on an HTML page the message says so.
        BriefError: empty body, parse failure.
    """
    from brief_tui.parse import parse_document

    try:
        return parse_document(body, url=url, headers=headers, now=now)
    except NotAFeedError as exc:
        if redirected and getattr(exc, "discovered", None) is not None:
            raise NotAFeedError(url, "redirected to an HTML page, not a feed") from None
        raise


def _start_process_helpers() -> None:
    """Start multiprocessing's resource tracker with the process's real stderr in place.

    The tracker hands ``sys.stderr.fileno()`` to its child; under a TUI ``sys.stderr`` may be a
    capture object whose ``fileno()`` is -1, and the start would fail with ``bad value(s) in
    fds_to_keep``. Started once, here, it is reused by every later pool.
    """
    import sys
    from multiprocessing import resource_tracker

    saved = sys.stderr
    try:
        if sys.__stderr__ is not None:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


def extract_fulltext(body: bytes, url: str, headers) -> tuple[str, str] | None:
    """The article of a fetched page as ``(markdown, text)``, or ``None`` when extraction yields
    nothing (a JavaScript shell, a paywall stub). Runs in worker processes too."""
    from brief_tui.parse.fulltext import extract_article

    article = extract_article(body, url=url, headers=headers)
    return None if article is None else (article.markdown, article.text)


class ParsePool:
    """Where documents are parsed: in worker processes when several feeds are refreshed (parsing
    is CPU-bound and the GIL would serialise it), inline otherwise.

    Workers come from a ``forkserver`` that imports the parse stack once, so each worker starts
    in milliseconds and shares nothing with the caller's threads.

    Args:
        workers: worker processes; ``<= 1`` parses inline in the calling thread.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._wanted = workers > 1  # processes start with the first document, not before:
        # a refresh where every feed answers 304 never starts them

    def _executor(self) -> concurrent.futures.ProcessPoolExecutor | None:
        if self._wanted and self._pool is None:
            import multiprocessing

            self._wanted = False
            _start_process_helpers()
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(["brief_tui.parse.document", "brief_tui.pipeline"])
            self._pool = concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=ctx)
        return self._pool

    async def parse(self, body: bytes, url: str, headers, now: datetime,
                    redirected: bool, inline_executor) -> ParsedFeed:
        """Parse one document off the event loop."""
        return await self.run(parse_body, body, url, dict(headers or {}), now, redirected,
                              inline_executor=inline_executor)

    async def run(self, fn, *args, inline_executor):
        """Run a picklable module-level function off the event loop: in a worker process
        when the pool has them, else on ``inline_executor``. A pool that breaks (a worker
        killed, or a host program whose ``__main__`` cannot be re-imported by the workers)
        is dropped and the work is done inline instead: the refresh never fails for it."""
        loop = asyncio.get_running_loop()
        pool = self._executor()
        if pool is not None:
            try:
                return await loop.run_in_executor(pool, fn, *args)
            except concurrent.futures.BrokenExecutor:  # a BrokenProcessPool
                self.close()
        return await loop.run_in_executor(inline_executor, fn, *args)

    def map(self, fn, jobs: Iterable[tuple], window: int = 0):
        """Run ``fn(*job)`` for every job outside an event loop, yielding, in job order, each
        result or the exception it raised.

        Uses the workers when there are any, with at most ``window`` jobs in flight (default:
        two per worker), so results are consumed as they come and memory stays bounded; a
        broken pool falls back to inline work, as :meth:`run` does.
        """
        window = window or 2 * max(1, self.workers)
        pending: collections.deque = collections.deque()
        for job in jobs:
            pool = self._executor()
            if pool is not None:
                pending.append((job, pool.submit(fn, *job)))
            else:
                pending.append((job, None))
            while len(pending) >= window or (pending and pending[0][1] is None):
                yield self._outcome(fn, *pending.popleft())
        while pending:
            yield self._outcome(fn, *pending.popleft())

    def _outcome(self, fn, job: tuple, future):
        try:
            if future is not None:
                try:
                    return future.result()
                except concurrent.futures.BrokenExecutor:  # a BrokenProcessPool
                    self.close()
            return fn(*job)
        except Exception as exc:  # noqa: BLE001 - handed to the caller, job by job
            return exc

    def close(self) -> None:
        """Stop the worker processes (none start after this)."""
        self._wanted = False
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)


def default_workers(feeds: int) -> int:
    """Parse processes for a refresh of ``feeds`` feeds: one per core, at most 4, and none
    (inline) for fewer than 4 feeds, where starting processes costs more than it saves."""
    if feeds < 4:
        return 1
    return max(1, min(4, os.cpu_count() or 1))


class RefreshRun:
    """One refresh of a list of feeds.

    Fetches run concurrently on the event loop; documents are parsed in a :class:`ParsePool`;
    every database write happens on one writer thread, one transaction per changed feed. Feeds
    that did not change (304, or a byte-identical body) are recorded together in one
    transaction at the end, and tag rules and same-story clustering run once for all new
    stories.

    Args:
        service: the :class:`brief_tui.service.Service` (store, config, clock, fetcher).
        feeds: feeds to refresh.
        progress: called on the writer thread with each :class:`RefreshResult` as it finishes.
        workers: parse processes (default :func:`default_workers`).
    """

    def __init__(self, service, feeds: list[Feed],
                 progress: Callable[[RefreshResult], None] | None = None,
                 workers: int | None = None) -> None:
        self.service = service
        self.feeds = feeds
        self.progress = progress
        self.results: list[RefreshResult] = []
        self.workers = default_workers(len(feeds)) if workers is None else workers
        self._writer = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ingest")
        self._unchanged: list[tuple[Feed, str | None, str | None, str | None, int | None,
                                    str | None]] = []
        self._new: list[int] = []
        self._updated: list[int] = []
        self._hashes: dict[int, str] = {}

    async def run(self) -> list[RefreshResult]:
        """Refresh every feed; returns results in the order they finished."""
        self._hashes = self.service.store.body_hashes()
        pool = ParsePool(self.workers)
        try:
            async with self.service.fetcher() as fetcher:
                await asyncio.gather(*(self._one(fetcher, pool, feed) for feed in self.feeds))
            await self._in_writer(self._wrap_up)
        finally:
            pool.close()
            self._writer.shutdown(wait=True)
        return self.results

    def _finish(self, result: RefreshResult) -> RefreshResult:
        result = dataclasses.replace(result, done=len(self.results) + 1, total=len(self.feeds))
        self.results.append(result)
        if self.progress is not None:
            self.progress(result)
        return result

    async def _in_writer(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._writer, fn, *args)

    async def _one(self, fetcher, pool: ParsePool, feed: Feed) -> None:
        svc = self.service
        now = svc.now()
        if feed.retry_after is not None and feed.retry_after > now:
            self._finish(RefreshResult(
                feed.id, feed.url, feed.display_title, SKIPPED, category=errors.RATE_LIMITED,
                message=f"rate limited until {feed.retry_after:%Y-%m-%d %H:%M} UTC; not asked"))
            return
        try:
            if feed.kind in (KIND_FILE, KIND_BUNDLED):
                body = await self._in_writer(svc.read_local, feed.url)
                final_url, headers, etag, modified, moved, status = feed.url, {}, None, None, \
                    None, None
            else:
                from brief_tui.fetch import Validators

                fetched = await fetcher.fetch(feed.url, Validators(feed.etag, feed.last_modified))
                body, final_url, headers = fetched.body, fetched.final_url, fetched.headers
                etag, modified, moved = fetched.etag, fetched.last_modified, fetched.permanent_url
                status = fetched.status
                if status == 304:
                    self._unchanged.append((feed, etag, modified, None, 304, moved))
                    self._finish(RefreshResult(feed.id, self._url_after(feed, moved),
                                               feed.display_title, UNCHANGED))
                    return
            digest = hashlib.sha256(body).hexdigest()
            if body and digest == self._hashes.get(feed.id):
                self._unchanged.append((feed, etag, modified, digest, status, moved))
                self._finish(RefreshResult(feed.id, self._url_after(feed, moved),
                                           feed.display_title, UNCHANGED))
                return
            redirected = moved is not None or final_url != feed.url
            parsed = await pool.parse(body, final_url, headers, now, redirected, self._writer)
            result = await self._in_writer(self._store, feed, parsed, etag, modified, digest,
                                           status, moved)
            if result.new_ids and self._wants_fulltext(feed):
                await self._fulltext(fetcher, pool, result.new_ids)
        except BriefError as exc:
            result = await self._in_writer(self._failed, feed, exc)
        except Exception as exc:  # noqa: BLE001 - one feed's bug never stops the others
            wrapped = BriefError(f"internal error: {type(exc).__name__}: {exc}",
                                 source=feed.url, category="internal")
            result = await self._in_writer(self._failed, feed, wrapped)
        self._finish(result)

    def _wants_fulltext(self, feed: Feed) -> bool:
        return feed.kind not in (KIND_FILE, KIND_BUNDLED) and (
            feed.fulltext_on_refresh or self.service.config.feed_settings(feed.url).fulltext)

    async def _fulltext(self, fetcher, pool: ParsePool, story_ids: tuple[int, ...]) -> None:
        """Fetch and extract the full article of new stories (feeds configured for it). A page
        that fails or yields nothing is recorded on its story; the feed's own text stays."""
        links = await self._in_writer(self.service.store.story_links, story_ids)

        async def one(story_id: int, link: str) -> None:
            try:
                page = await fetcher.fetch_page(link)
                article = await pool.run(extract_fulltext, page.body, page.final_url,
                                         dict(page.headers), inline_executor=self._writer)
            except BriefError:
                await self._in_writer(self.service.store.set_fulltext, story_id, "error")
                return
            if article is None:
                await self._in_writer(self.service.store.set_fulltext, story_id, "unavailable")
            else:
                await self._in_writer(self.service.store.set_fulltext, story_id, "ok", *article)

        await asyncio.gather(*(one(sid, link) for sid, link in links.items()
                               if link.startswith(("http://", "https://"))))

    # -- writer-thread steps -------------------------------------------------------------
    @staticmethod
    def _url_after(feed: Feed, permanent_url: str | None) -> str:
        """The feed's URL once a permanent redirect is adopted. Adopted only when the target's
        content is known to be this feed: it parsed, it is byte-identical to what parsed, or
        the server answered 304 to our validators; never an https -> http downgrade."""
        downgrade = feed.url.startswith("https:") and bool(permanent_url) and \
            permanent_url.startswith("http:")  # type: ignore[union-attr]
        if permanent_url and permanent_url != feed.url and not downgrade:
            return permanent_url
        return feed.url

    def _adopt(self, feed: Feed, permanent_url: str | None) -> str:
        url = self._url_after(feed, permanent_url)
        if url != feed.url:
            self.service.store.set_feed_url(feed.id, url)
        return url

    def _store(self, feed: Feed, parsed: ParsedFeed, etag, last_modified, digest: str,
               http_status: int | None, permanent_url: str | None) -> RefreshResult:
        svc = self.service
        ingest: IngestResult = svc.ingest(feed, parsed, http_status=http_status, etag=etag,
                                          last_modified=last_modified, body_hash=digest,
                                          after=False)
        self._new += ingest.new_ids
        self._updated += ingest.updated_ids
        url = self._adopt(feed, permanent_url)
        title = parsed.title or feed.display_title
        outcome = NEW if ingest.new_ids else UPDATED if ingest.updated_ids else UNCHANGED
        return RefreshResult(feed.id, url, title, outcome, new=len(ingest.new_ids),
                             updated=len(ingest.updated_ids), new_ids=ingest.new_ids)

    def _wrap_up(self) -> None:
        svc = self.service
        now = svc.now()
        if self._unchanged:
            with svc.store.transaction():
                for feed, etag, modified, digest, status, moved in self._unchanged:
                    svc.store.record_success(feed.id, now=now, status=STATUS_UNCHANGED,
                                             http_status=status, etag=etag,
                                             last_modified=modified, body_hash=digest)
                    self._adopt(feed, moved)
        if self._new or self._updated:
            svc.after_ingest(IngestResult(tuple(self._new), tuple(self._updated)))

    def _failed(self, feed: Feed, exc: BriefError) -> RefreshResult:
        svc = self.service
        now = svc.now()
        retry_at: datetime | None = None
        status = exc.http_status if isinstance(exc, FetchError) else None
        if exc.category == errors.RATE_LIMITED:
            wait = exc.retry_after if isinstance(exc, FetchError) else None
            if wait is None:
                wait = backoff_seconds(svc.store.failures(feed.id))
            retry_at = now + timedelta(seconds=min(wait, MAX_BACKOFF_S))
        message = str(exc)
        svc.store.record_failure(feed.id, now=now, category=exc.category, message=message,
                                 http_status=status, retry_after=retry_at)
        return RefreshResult(feed.id, feed.url, feed.display_title, ERROR,
                             category=exc.category, message=message, http_status=status)
