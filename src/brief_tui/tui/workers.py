"""Thread workers of the reader screen: every service call that can take time.

Each worker calls :class:`brief_tui.service.Service` on a thread and answers with a message
from :mod:`brief_tui.tui.messages`; none touches a widget. Reads are exclusive per group (a
newer request makes an older one's answer irrelevant); writes go through
:class:`brief_tui.tui.writer.WriteQueue` instead, so none is ever dropped.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.worker import get_current_worker

from brief_tui.domain.errors import BriefError
from brief_tui.domain.filters import StoryFilter
from brief_tui.pipeline import RefreshResult
from brief_tui.tui.messages import (
    ArticleSpans,
    ClusterLoaded,
    ExportDone,
    ExportExists,
    Failed,
    HighlightsLoaded,
    Notice,
    PanesLoaded,
    RefreshDone,
    RefreshProgress,
    RefreshSummary,
    StoriesLoaded,
    StoryLoaded,
    StoryPrefetched,
)

QUERY_PREFIX = "query:"
HEAD_ROWS = 200
"""Rows listed at once, before the view's full id list (which takes longer on big caches)."""


def resolve_filter(key: str, service, searches: dict[str, str] | None = None, *,
                   collapse: bool = False) -> StoryFilter:
    """The story filter of a view key.

    Args:
        key: ``view:all|unread|starred|today``, ``tag:<t>``, ``search:<name>``,
            ``group:<g>``, ``feed:<id>`` or ``query:<text>`` (a typed search). Searches list
            newest first, like every view: ranking by relevance costs seconds on a
            100,000-story cache (measured), which a list that must open at once cannot pay.
        service: for the start of today and saved searches.
        searches: saved searches (name -> query) when already known.
        collapse: list each same-story cluster once (``StoryFilter.collapse_clusters``).

    Raises:
        BriefError: an unknown key.
    """
    flt = _base_filter(key, service, searches)
    return flt.replace(collapse_clusters=True) if collapse else flt


def view_query(key: str, searches: dict[str, str]) -> str:
    """The search of a ``query:`` or ``search:`` view key, else ``""``."""
    kind, _, name = key.partition(":")
    if kind == "query":
        return name
    if kind == "search":
        return searches.get(name, "")
    return ""


def list_ids(service, flt: StoryFilter) -> list[int]:
    """Every id of a list in order, each same-story cluster once when ``flt`` collapses them.

    ``Service.story_ids`` overflows SQLite's integer with ``collapse_clusters`` (its unbounded
    limit is doubled), so a collapsed list is read this way: when collapsing changes nothing
    (no cluster has two stories in the list: the counts agree, a cheap count) the plain id
    list; else the collapsed rows (slower: a second or two at 100,000 stories, off the UI
    thread, after the first page is shown).
    """
    if not flt.collapse_clusters:
        return service.story_ids(flt)
    try:
        return service.story_ids(flt)
    except OverflowError:
        pass
    plain = flt.replace(collapse_clusters=False)
    total, _ = service.list_count(flt)
    if total == service.list_count(plain)[0]:
        return service.story_ids(plain)
    return [row.id for row in service.list_rows(flt, limit=max(1, total))]


def _base_filter(key: str, service, searches: dict[str, str] | None) -> StoryFilter:
    kind, _, name = key.partition(":")
    if kind == "view":
        if name == "all":
            return StoryFilter()
        if name == "unread":
            return StoryFilter(unread=True)
        if name == "starred":
            return StoryFilter(starred=True)
        if name == "today":
            return StoryFilter(since=service.today_start())
    elif kind == "tag":
        return StoryFilter(tag=name)
    elif kind == "group":
        return StoryFilter(group=name)
    elif kind == "feed" and name.isdigit():
        return StoryFilter(feed_ids=(int(name),))
    elif kind == "query":
        return StoryFilter(query=name)
    elif kind == "search":
        if searches is None:
            searches = {v.name: v.filter.query for v in service.views() if v.kind == "search"}
        if name in searches:
            return StoryFilter(query=searches[name])
    raise BriefError(f"{key}: no such view")


def unexpected(exc: Exception) -> str:
    """One line for an error the engine did not classify."""
    return f"unexpected error: {type(exc).__name__}: {exc}"


def describe(exc: Exception) -> str:
    """One line for a worker's error: the engine's own message, else :func:`unexpected`."""
    return str(exc) if isinstance(exc, BriefError) else unexpected(exc)


class ReaderWorkers:
    """Worker methods mixed into the reader screen (which provides ``service``,
    ``post_message`` and ``searches``)."""

    service = None
    searches: dict[str, str]

    @work(thread=True, exclusive=True, exit_on_error=False, group="panes")
    def load_panes(self) -> None:
        """Feeds and views with counts -> :class:`PanesLoaded`."""
        try:
            feeds = self.service.feeds()
            views = self.service.views()
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            self.post_message(Failed("Loading feeds", describe(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(PanesLoaded(feeds, views))

    collapse: bool = True

    @work(thread=True, exclusive=True, exit_on_error=False, group="stories")
    def load_stories(self, key: str, select: int | None = None, open_story: bool = False,
                     head: bool = False) -> None:
        """The ids of a view -> :class:`StoriesLoaded` (a bad search -> :class:`Failed`).

        With ``head``, only the first :data:`HEAD_ROWS` rows are read (a few milliseconds
        even on a 100,000-story cache) and sent as a partial list; the screen asks for the
        full list once that is on screen.
        """
        worker = get_current_worker()
        try:
            flt = resolve_filter(key, self.service, self.searches or None,
                                 collapse=self.collapse)
            if head:
                rows = self.service.story_rows(flt, limit=HEAD_ROWS)
                if not worker.is_cancelled:
                    self.post_message(StoriesLoaded(
                        key, [r.id for r in rows], {r.id for r in rows if not r.read}, select,
                        open_story, rows=rows, partial=True))
                return
            ids = list_ids(self.service, flt)
            unread = set(ids) if flt.unread else set(self.service.story_ids(
                flt.replace(unread=True, collapse_clusters=False))).intersection(ids)
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(Failed("Search" if key.startswith(QUERY_PREFIX) else "Loading",
                                     text))
            return
        if not worker.is_cancelled:
            self.post_message(StoriesLoaded(key, ids, unread, select, open_story))

    @work(thread=True, exclusive=True, exit_on_error=False, group="story")
    def load_story(self, story_id: int) -> None:
        """One full story and its links -> :class:`StoryLoaded`."""
        try:
            story = self.service.story(story_id)
            links = self.service.story_links(story)
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(Failed("Opening the story", text))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StoryLoaded(story, links))

    @work(thread=True, exclusive=True, exit_on_error=False, group="annotations")
    def load_annotations(self, story, terms: list[str]) -> None:
        """Reading-mode spans -> :class:`ArticleSpans` at once, then every highlight (extracted
        on first use, cached by the service) -> :class:`HighlightsLoaded`."""
        worker = get_current_worker()
        try:
            sentences = self.service.sentence_spans(story)
            paragraphs = self.service.paragraph_spans(story)
            user = self.service.user_highlights(story.id)
            matches = []
            if terms:  # the query module loads with the first search, not at start-up
                from brief_tui.domain.query import match_spans

                matches = match_spans(story.text, terms)
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(HighlightsLoaded(story.id, [], text))
            return
        if worker.is_cancelled:
            return
        self.post_message(ArticleSpans(story.id, sentences, paragraphs, user, matches))
        try:
            highlights = self.service.highlights(story.id)
        except Exception as exc:  # noqa: BLE001 - the analyst's highlights still show
            text = describe(exc)
            self.post_message(HighlightsLoaded(story.id, user, text))
            return
        if not worker.is_cancelled:
            self.post_message(HighlightsLoaded(story.id, highlights))

    @work(thread=True, exclusive=True, exit_on_error=False, group="cluster")
    def load_cluster(self, story_id: int) -> None:
        """The stories of a same-story cluster -> :class:`ClusterLoaded`."""
        try:
            rows = self.service.cluster(story_id)
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(Failed("Sources", text))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(ClusterLoaded(story_id, rows))

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def run_export(self, request, force: bool = False) -> None:
        """Write an export -> :class:`ExportDone`; an existing file -> :class:`ExportExists`
        (nothing written) so the screen can ask before overwriting."""
        from brief_tui.export import EXISTS  # noqa: PLC0415 - on first export

        try:
            paths = self.service.export(request.selection, template=request.template or None,
                                        out=request.out or None, force=force,
                                        split=request.split)
        except BriefError as exc:
            if exc.category == EXISTS and not force:
                self.post_message(ExportExists(request, exc.source or str(exc)))
            else:
                self.post_message(Failed("Export", str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            self.post_message(Failed("Export", unexpected(exc)))
            return
        self.post_message(ExportDone(paths))

    @work(thread=True, exclusive=True, exit_on_error=False, group="prefetch")
    def prefetch_story(self, story_id: int) -> None:
        """Read a story ahead -> :class:`StoryPrefetched` (failures are left to the open)."""
        try:
            story = self.service.story(story_id)
            links = self.service.story_links(story)
        except Exception:  # noqa: BLE001 - a failed read-ahead is left to the open
            return
        if not get_current_worker().is_cancelled:
            self.post_message(StoryPrefetched(story, links))

    @work(thread=True, exclusive=True, exit_on_error=False, group="fulltext")
    def fetch_fulltext(self, story_id: int) -> None:
        """Fetch a story's full text -> :class:`StoryLoaded` (the story, updated)."""
        try:
            story = self.service.fetch_fulltext(story_id)
            links = self.service.story_links(story)
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(Failed("Full text", text))
            return
        self.post_message(StoryLoaded(story, links))
        if story.fulltext_status == "ok":
            self.post_message(Notice("Full text fetched."))
        else:
            self.post_message(Notice("Full text unavailable for this page; the feed's text "
                                     "stays.", "warning"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh")
    def run_refresh(self, urls: list[str] | None) -> None:
        """Refresh feeds, streaming :class:`RefreshProgress`, then :class:`RefreshDone`."""
        results: list[RefreshResult] = []

        def progress(result: RefreshResult) -> None:
            results.append(result)
            self.post_message(RefreshProgress(result.done, result.total, result.title))

        try:
            self.service.refresh(urls, progress=progress)
        except Exception as exc:  # noqa: BLE001 - never leave "Refreshing…" up forever
            self.post_message(Failed("Refresh", describe(exc)))
        self.post_message(RefreshDone(RefreshSummary(list(results))))

    @work(thread=True, exclusive=True, exit_on_error=False, group="add")
    def add_source(self, text: str) -> None:
        """Subscribe to a URL or import a file path -> :class:`Notice` (reloads the panes)."""
        path = Path(text).expanduser()
        try:
            if "://" not in text and path.exists():
                result = self.service.import_path(path)
                if result.kind == "opml":
                    message = (f"Imported {result.feeds_added} of {result.feeds_total} feeds "
                               f"from {path.name}.")
                else:
                    title = result.feed.display_title if result.feed else path.name
                    message = f"Imported {title}: {result.stories_new} stories."
            else:
                added = self.service.add(text)
                title = added.feed.display_title
                message = (f"Subscribed to {title}: {added.new} stories." if added.created
                           else f"Already subscribed to {title}.")
        except Exception as exc:  # noqa: BLE001 - reported, the reader stays up
            text = describe(exc)
            self.post_message(Failed("Add", text))
            return
        self.post_message(Notice(message, reload=True))

    @work(thread=True, exit_on_error=False, group="browser")
    def open_in_browser(self, url: str) -> None:
        """Open a URL with the :mod:`webbrowser` module (it may start a process)."""
        import webbrowser  # noqa: PLC0415 - not needed at start-up

        try:
            opened = webbrowser.open(url)
        except Exception as exc:  # noqa: BLE001 - any browser failure is reported
            self.post_message(Failed("Open link", f"{type(exc).__name__}: {exc}"))
            return
        if not opened:
            self.post_message(Failed("Open link", "no web browser could be started"))
