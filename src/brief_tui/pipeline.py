"""The refresh pipeline: fetch -> parse -> store for many feeds at once.

Fetches run concurrently on an asyncio loop (bounded by the fetcher's global and per-host
limits); parsing and storing run one feed at a time on a single worker thread, so the loop keeps
fetching while a big feed is parsed and SQLite sees one writer. One feed's failure is recorded on
that feed and never stops the others.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError, FetchError
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


class RefreshRun:
    """One refresh of a list of feeds.

    Args:
        service: the :class:`brief_tui.service.Service` (for the store, config, parser, clock).
        feeds: feeds to refresh.
        progress: called on the worker thread with each :class:`RefreshResult` as it finishes.
    """

    def __init__(self, service, feeds: list[Feed],
                 progress: Callable[[RefreshResult], None] | None = None) -> None:
        self.service = service
        self.feeds = feeds
        self.progress = progress
        self.results: list[RefreshResult] = []
        self._worker = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="ingest")

    async def run(self) -> list[RefreshResult]:
        """Refresh every feed; returns results in the order they finished."""
        try:
            async with self.service.fetcher() as fetcher:
                await asyncio.gather(*(self._one(fetcher, feed) for feed in self.feeds))
        finally:
            self._worker.shutdown(wait=True)
        return self.results

    def _finish(self, result: RefreshResult) -> RefreshResult:
        result = dataclasses.replace(result, done=len(self.results) + 1, total=len(self.feeds))
        self.results.append(result)
        if self.progress is not None:
            self.progress(result)
        return result

    async def _in_worker(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self._worker, fn, *args)

    async def _one(self, fetcher, feed: Feed) -> None:
        svc = self.service
        now = svc.now()
        if feed.retry_after is not None and feed.retry_after > now:
            self._finish(RefreshResult(
                feed.id, feed.url, feed.display_title, SKIPPED, category=errors.RATE_LIMITED,
                message=f"rate limited until {feed.retry_after:%Y-%m-%d %H:%M} UTC; not asked"))
            return
        try:
            if feed.kind in (KIND_FILE, KIND_BUNDLED):
                body = await self._in_worker(svc.read_local, feed.url)
                result = await self._in_worker(self._ingest_body, feed, body, feed.url, {}, None,
                                               None, None, 200)
            else:
                from brief_tui.fetch import Validators

                fetched = await fetcher.fetch(feed.url, Validators(feed.etag, feed.last_modified))
                if fetched.status == 304:
                    await self._in_worker(self._unchanged, feed, fetched.etag,
                                          fetched.last_modified, None, 304)
                    url = await self._in_worker(self._adopt, feed, fetched.permanent_url)
                    result = RefreshResult(feed.id, url, feed.display_title, UNCHANGED)
                else:
                    result = await self._in_worker(
                        self._ingest_body, feed, fetched.body, fetched.final_url, fetched.headers,
                        fetched.etag, fetched.last_modified, fetched.permanent_url,
                        fetched.status)
        except BriefError as exc:
            result = await self._in_worker(self._failed, feed, exc)
        except Exception as exc:  # noqa: BLE001 - one feed's bug never stops the others
            wrapped = BriefError(f"internal error: {type(exc).__name__}: {exc}",
                                 source=feed.url, category="internal")
            result = await self._in_worker(self._failed, feed, wrapped)
        self._finish(result)

    # -- worker-thread steps -------------------------------------------------------------
    def _unchanged(self, feed: Feed, etag, last_modified, body_hash, http_status) -> None:
        self.service.store.record_success(feed.id, now=self.service.now(), status=STATUS_UNCHANGED,
                                          http_status=http_status, etag=etag,
                                          last_modified=last_modified, body_hash=body_hash)

    def _adopt(self, feed: Feed, permanent_url: str | None) -> str:
        """Move the feed to the target of a permanent redirect (called only once the target's
        content is known to be this feed: it parsed, or it is byte-identical to what parsed,
        or the server answered 304 to our validators). Returns the feed's URL now."""
        downgrade = feed.url.startswith("https:") and permanent_url and \
            permanent_url.startswith("http:")
        if permanent_url and permanent_url != feed.url and not downgrade:
            self.service.store.set_feed_url(feed.id, permanent_url)
            return permanent_url
        return feed.url

    def _ingest_body(self, feed: Feed, body: bytes, final_url: str, headers, etag, last_modified,
                     permanent_url: str | None, http_status: int) -> RefreshResult:
        svc = self.service
        digest = hashlib.sha256(body).hexdigest()
        if body and digest == svc.store.body_hash(feed.id):
            self._unchanged(feed, etag, last_modified, digest, http_status)
            url = self._adopt(feed, permanent_url)
            return RefreshResult(feed.id, url, feed.display_title, UNCHANGED)
        parsed: ParsedFeed = svc.parse(body, url=final_url, headers=headers,
                                       redirected=permanent_url is not None or final_url != feed.url)
        ingest: IngestResult = svc.ingest(feed, parsed, http_status=http_status, etag=etag,
                                          last_modified=last_modified, body_hash=digest)
        url = self._adopt(feed, permanent_url)
        title = parsed.title or feed.display_title
        outcome = NEW if ingest.new_ids else UPDATED if ingest.updated_ids else UNCHANGED
        return RefreshResult(feed.id, url, title, outcome, new=len(ingest.new_ids),
                             updated=len(ingest.updated_ids), new_ids=ingest.new_ids)

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
