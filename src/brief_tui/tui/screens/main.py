"""The reader screen: feed pane, story list, article and highlights.

State flows one way. The screen owns the current view (:attr:`MainScreen.view_key`) and the
open story; panes post messages up (a view chosen, a story opened) and the screen hands data
down (rows, a story). Service calls run in workers (:mod:`brief_tui.tui.workers`) or the write
queue (:mod:`brief_tui.tui.writer`) and come back as messages.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from brief_tui.domain.models import Feed, Highlight, Story
from brief_tui.tui import messages as msg
from brief_tui.tui.actions import MAIN, bindings
from brief_tui.tui.safe import line, notify, plain
from brief_tui.tui.screens.main_actions import ReaderActions
from brief_tui.tui.screens.main_notes import NotesActions
from brief_tui.tui.screens.main_organise import OrganiseActions
from brief_tui.tui.widgets.feed_list import FeedList, build_entries, failure_reason, view_key
from brief_tui.tui.widgets.highlights import HighlightsPane
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView
from brief_tui.tui.workers import QUERY_PREFIX, ReaderWorkers, view_query
from brief_tui.tui.writer import WriteQueue

PANES = ("feeds", "stories", "article", "highlights")
NARROW_WIDTH = 100
"""Below this many columns the feed and highlights panes collapse (shown on demand)."""
RELOAD_DELAY = 1.0
RECOUNT_DELAY = 2.0
"""Seconds after the last read/star/tag change before every view is recounted."""
PREFETCH_DELAY = 0.15
"""Seconds the cursor rests on a story before it is read ahead."""
PREFETCH_KEEP = 16
"""Stories kept read ahead."""
"""Seconds between reloads of counts and lists while a refresh streams results."""


def plural(count: int, word: str) -> str:
    """``1 feed``, ``3 feeds``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class MainScreen(ReaderActions, NotesActions, OrganiseActions, ReaderWorkers, Screen):
    """The three-pane reader over a :class:`brief_tui.service.Service`."""

    BINDINGS = bindings(MAIN)

    view_key: var[str] = var("view:all")
    """The view shown in the story list (see :func:`brief_tui.tui.workers.resolve_filter`)."""
    narrow: var[bool] = var(False)
    """True when the terminal is too narrow for every pane side by side."""

    def __init__(self, service) -> None:
        super().__init__()
        self.service = service
        self.searches: dict[str, str] = {}
        self.feeds: dict[int, Feed] = {}
        self.view_names: dict[str, tuple[str, int, int]] = {}
        self.story: Story | None = None
        self.previous_key = "view:all"
        self.search_origin = "view:all"
        """The view shown when the search box opened (escape goes back to it)."""
        self.last_query = ""
        self.terms: list[str] = []
        """The search terms of the current view, marked in titles and the article."""
        self.collapse = True
        """List each same-story cluster once (``Z`` toggles; remembered)."""
        self.reading_auto = False
        """Reading mode was switched on by a search (and goes off when the search is left)."""
        self.links: list[tuple[str, str]] = []
        self.user_highlights: list[Highlight] = []
        self.extracted: list[Highlight] = []
        self.highlights_error = ""
        self.highlights_for: int | None = None
        """The story whose extracted highlights the pane shows."""
        self.refreshing = False
        self.list_loading = True
        """True from a view switch until its full story list has arrived."""
        self.hidden: set[str] = set()
        self.shown: str | None = None
        self.sizes = {"feeds": 30, "stories": 40, "highlights": 32}
        self.writer = WriteQueue(self.post_message)
        self._read_timer: Timer | None = None
        self._reload_timer: Timer | None = None
        self._pending_select: int | None = None
        self._prefetched: dict[int, msg.StoryPrefetched] = {}
        self._prefetch_timer: Timer | None = None
        self._recount_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            yield FeedList(id="feeds")
            with Vertical(id="main-column"):
                yield StoryList(id="stories")
                with Horizontal(id="reading"):
                    yield StoryView(id="article")
                    yield HighlightsPane(id="highlights")
        yield Static(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.writer.start()
        self.query_one("#feeds").border_title = plain("Feeds")
        self.query_one("#article").border_title = plain("Article")
        self.query_one("#highlights").border_title = plain("Highlights")
        self.query_one(HighlightsPane).set_items(None)
        self.query_one("#status").display = False
        self.view_key = self.service.get_state("view") or "view:all"
        self.collapse = self.service.get_state("collapse") != "0"
        if self.service.get_state("reading") == "1":
            self.query_one(StoryView).set_reading(True)
        story = self.service.get_state("story")
        if self.view_key.startswith(QUERY_PREFIX):
            self._set_terms(self.view_key)
        self.call_after_refresh(self.load_panes)
        self.load_stories(self.view_key, int(story) if story and story.isdigit() else None,
                          open_story=bool(story), head=True)
        self.query_one(StoryList).focus()

    def on_unmount(self) -> None:
        self.writer.stop()

    # -- layout --------------------------------------------------------------------------
    def on_resize(self, event) -> None:
        self.narrow = event.size.width < NARROW_WIDTH

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")
        self._apply_layout()

    def _apply_layout(self) -> None:
        for name in ("feeds", "highlights"):
            self.set_class(name in self.hidden, f"-hide-{name}")
            self.set_class(self.shown == name, f"-show-{name}")
        wanted = (("#feeds", "width", self.sizes["feeds"]),
                  ("#highlights", "width", self.sizes["highlights"]),
                  ("#stories", "height", f"{self.sizes['stories']}%"))
        for selector, rule, value in wanted:
            styles = self.query_one(selector).styles
            if str(getattr(styles, rule)) != str(value):
                setattr(styles, rule, value)

    def pane_visible(self, name: str) -> bool:
        """Whether a pane takes part in tab order (shown, or collapsed but showable)."""
        return name not in self.hidden or self.narrow

    def focus_pane(self, name: str) -> None:
        """Focus a pane; on a narrow screen a collapsed pane opens over the others."""
        self.shown = name if self.narrow and name in ("feeds", "highlights") else None
        if name in self.hidden and not self.narrow:
            self.hidden.discard(name)
        self._apply_layout()
        self.query_one(f"#{name}").focus()

    def focused_pane(self) -> str:
        """The pane that has focus (the story list when none does)."""
        for name in PANES:
            if self.query_one(f"#{name}").has_focus_within:
                return name
        return "stories"

    # -- view and story ------------------------------------------------------------------
    def switch_view(self, key: str, select: int | None = None, *, remember: bool = True
                    ) -> None:
        """Show another view in the story list (``remember``: save it for the next start;
        the search box's previews are not saved)."""
        if not key.startswith(QUERY_PREFIX):
            self.previous_key = key
        self.view_key = key
        self.list_loading = True
        self.query_one(FeedList).select_key(key)
        self._set_terms(key)
        self._update_title()
        self.load_stories(key, select, head=True)
        if remember:
            self.writer.submit("Saving state", self.service.set_state, "view", key)

    def _set_terms(self, key: str) -> None:
        """Mark the view's search terms; a search turns reading mode on (to show them in the
        article) and leaving it turns that back off."""
        self.terms = self.service.search_terms(view_query(key, self.searches))
        self.query_one(StoryList).set_terms(self.terms)
        if self.terms and not self.query_one(StoryView).reading:
            self.set_reading_mode(True, auto=True)
        elif not self.terms and self.reading_auto:
            self.set_reading_mode(False, auto=True)

    def open_story(self, story_id: int) -> None:
        """Show a story in the article pane (at once when it was read ahead)."""
        ready = self._prefetched.pop(story_id, None)
        if ready is not None:
            self.show_loaded(ready.story, ready.links)
        else:
            self.load_story(story_id)
        self.writer.submit("Saving state", self.service.set_state, "story", str(story_id))

    def forget_prefetched(self, story_id: int | None = None) -> None:
        """Drop read-ahead stories (one, or all) whose state may have changed."""
        if story_id is None:
            self._prefetched.clear()
        else:
            self._prefetched.pop(story_id, None)

    def current_id(self) -> int | None:
        """The story actions apply to: under the list cursor, else the open one."""
        current = self.query_one(StoryList).current_id
        if current is None and self.story is not None:
            return self.story.id
        return current

    def reload(self, select_current: bool = True) -> None:
        """Reload counts and the current list, keeping the cursor on its story."""
        self.forget_prefetched()
        self.load_panes()
        select = self.query_one(StoryList).current_id if select_current else None
        self.load_stories(self.view_key, select)

    def _schedule_reload(self) -> None:
        if self._reload_timer is None:
            def fire() -> None:
                self._reload_timer = None
                self.reload()
            self._reload_timer = self.set_timer(RELOAD_DELAY, fire)

    def _update_title(self) -> None:
        key = self.view_key
        stories = self.query_one(StoryList)
        count = len(stories.ids)
        if key.startswith(QUERY_PREFIX):
            found = "searching…" if self.list_loading else f"{count} found"
            title = f"Search: {key[len(QUERY_PREFIX):]} · {found}"
        else:
            name, _, _ = self.view_names.get(key, (key.partition(":")[2].title(), 0, 0))
            unread = len(stories.unread)
            title = f"{name} · " + ("loading…" if self.list_loading else f"{count} stories" + (
                f" · {unread} unread" if unread else ""))
        stories.border_title = plain(title)
        feed = self.feeds.get(int(key[5:])) if key.startswith("feed:") else None
        stories.border_subtitle = (plain("! " + failure_reason(feed) + " (cached stories shown)")
                                   if feed and feed.failed else None)
        stories.set_class(bool(feed and feed.failed), "-failed")

    # -- messages from panes -------------------------------------------------------------
    def on_feed_list_view_chosen(self, event: FeedList.ViewChosen) -> None:
        if event.key and event.key != self.view_key:
            self.switch_view(event.key)
        if event.chosen:
            self.focus_pane("stories")

    def on_story_list_story_opened(self, event: StoryList.StoryOpened) -> None:
        self.open_story(event.story_id)

    def on_story_list_story_moved(self, event: StoryList.StoryMoved) -> None:
        if self._prefetch_timer is not None:
            self._prefetch_timer.stop()
            self._prefetch_timer = None
        story_id = event.story_id
        if story_id is None or story_id in self._prefetched or (
                self.story is not None and self.story.id == story_id):
            return

        def fire() -> None:
            self._prefetch_timer = None
            self.prefetch_story(story_id)

        self._prefetch_timer = self.set_timer(PREFETCH_DELAY, fire)

    def on_story_prefetched(self, message: msg.StoryPrefetched) -> None:
        self._prefetched[message.story.id] = message
        while len(self._prefetched) > PREFETCH_KEEP:
            self._prefetched.pop(next(iter(self._prefetched)))

    def on_highlights_pane_item_chosen(self, event: HighlightsPane.ItemChosen) -> None:
        if event.item.is_highlight:
            self.choose_highlight(event.item)
        elif event.item.kind == "tag":
            self.switch_view(f"tag:{event.item.value}")
        else:
            self.open_in_browser(event.item.value)

    def on_markdown_link_clicked(self, event) -> None:
        """A link clicked in the article body (``Markdown.LinkClicked``)."""
        event.stop()
        if event.href.startswith(("http://", "https://")):
            self.open_in_browser(event.href)

    # -- messages from workers -----------------------------------------------------------
    def on_panes_loaded(self, message: msg.PanesLoaded) -> None:
        self.feeds = {f.id: f for f in message.feeds}
        self.searches = {v.name: v.filter.query for v in message.views if v.kind == "search"}
        names = {}
        for view in message.views:
            names[view_key(view.kind, view.name)] = (line(view.name), view.count, view.unread)
        for feed in message.feeds:
            names[f"feed:{feed.id}"] = (line(feed.display_title), feed.story_count,
                                        feed.unread_count)
            if feed.group:
                names.setdefault(f"group:{feed.group}", (line(feed.group), 0, 0))
        self.view_names = names
        if self.view_key.startswith("search:") and not self.terms:
            self._set_terms(self.view_key)
        entries = build_entries(message.feeds, message.views)
        self.query_one(FeedList).set_entries(entries, self.view_key)
        gone = not self.view_key.startswith(QUERY_PREFIX) and all(
            e.key != self.view_key for e in entries)
        if gone and entries:  # a removed feed, an unused tag, a deleted search
            self.switch_view("view:all")
        self._update_title()

    def on_descendant_focus(self, event) -> None:
        """On a narrow screen, close an opened side pane when focus leaves it (a click)."""
        if self.shown is not None and not self.query_one(f"#{self.shown}").has_focus_within:
            self.shown = None
            self._apply_layout()

    def on_stories_loaded(self, message: msg.StoriesLoaded) -> None:
        if message.key != self.view_key:
            return
        self.list_loading = message.partial
        stories = self.query_one(StoryList)
        if message.partial:
            select = message.select
            self._pending_select = select if select not in message.ids else None
        elif self._pending_select is not None:
            select, self._pending_select = self._pending_select, None
        else:
            select = message.select if message.select is not None else stories.current_id
        stories.set_stories(message.ids, message.unread, self.rows_of,
                            select=select, now=self.service.now(), rows=message.rows,
                            show_feed=not message.key.startswith("feed:"))
        self._update_title()
        if message.open_story and message.select is not None:
            self.open_story(message.select)
        if message.partial:  # the full list once the first page is on screen
            self.call_after_refresh(self.load_stories, message.key)

    def on_story_loaded(self, message: msg.StoryLoaded) -> None:
        self.forget_prefetched(message.story.id)
        self.show_loaded(message.story, message.links)

    def show_loaded(self, story: Story, links: list[tuple[str, str]]) -> None:
        """Show a loaded story, find its highlights and start its read timer."""
        same = self.story is not None and self.story.id == story.id
        self.story = story
        self.links = links
        self.query_one(StoryView).show_story(story)
        self.start_annotations(same)
        self.query_one(StoryList).set_read(story.id, story.read)
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        delay = self.service.config.reader.mark_read_delay
        if story.read or delay < 0:
            return
        if delay == 0:
            self._mark_opened_read(story.id)
        else:
            self._read_timer = self.set_timer(delay, lambda: self._mark_opened_read(story.id))

    def _mark_opened_read(self, story_id: int) -> None:
        self._read_timer = None
        if self.story is not None and self.story.id == story_id:
            self.set_read(story_id, True, cluster=True)

    def on_rows_changed(self, message: msg.RowsChanged) -> None:
        self.query_one(StoryList).update_rows(message.rows)
        for row in message.rows:
            self.forget_prefetched(row.id)
        story = self.story
        for row in message.rows:
            if story is not None and row.id == story.id:
                story.read, story.starred = row.read, row.starred
                if tuple(row.tags) != tuple(story.tags):
                    self.load_story(story.id)
        self._update_title()
        if message.recount == "now":
            self.load_panes()
        elif message.recount == "later":
            self.schedule_recount()

    def schedule_recount(self) -> None:
        """Recount every view a little after the last change (counting a big cache takes a
        while; reading story after story should not recount each time)."""
        if self._recount_timer is not None:
            self._recount_timer.stop()

        def fire() -> None:
            self._recount_timer = None
            self.load_panes()

        self._recount_timer = self.set_timer(RECOUNT_DELAY, fire)

    def count_keys(self, row) -> list[str]:
        """The feed-pane rows whose unread count includes this story row."""
        keys = ["view:all", "view:unread", f"feed:{row.feed_id}"]
        if row.starred:
            keys.append("view:starred")
        if row.sort_date is not None and row.sort_date >= self.service.today_start():
            keys.append("view:today")
        feed = self.feeds.get(row.feed_id)
        if feed is not None:
            if feed.group:
                keys.append(f"group:{feed.group}")
            keys += [f"tag:{t}" for t in feed.tags]
        keys += [f"tag:{t}" for t in row.tags]
        return list(dict.fromkeys(keys))

    def on_refresh_progress(self, message: msg.RefreshProgress) -> None:
        status = self.query_one("#status", Static)
        status.display = True
        status.update(plain(f"Refreshing {message.done}/{message.total}: {line(message.title)}"))
        self._schedule_reload()

    def on_refresh_done(self, message: msg.RefreshDone) -> None:
        self.refreshing = False
        self.query_one("#status").display = False
        if self._reload_timer is not None:
            self._reload_timer.stop()
            self._reload_timer = None
        summary = message.summary
        self.reload()
        feeds = plural(len(summary.results), "feed")
        if summary.offline:
            notify(self, f"The network is unreachable: {feeds} could not be refreshed. "
                   "Cached stories are kept.", severity="warning")
        elif summary.failed:
            names = ", ".join(line(r.title) for r in summary.failed[:3])
            notify(self, f"Refreshed {feeds}: {summary.new} new; {len(summary.failed)} failed "
                   f"({names}).", severity="warning")
        else:
            notify(self, f"Refreshed {feeds}: {summary.new} new.")

    def on_failed(self, message: msg.Failed) -> None:
        if self.list_loading and message.what in ("Search", "Loading"):
            self.list_loading = False
            self._update_title()
        notify(self, f"{message.what}: {message.error}", severity="error")

    def on_notice(self, message: msg.Notice) -> None:
        notify(self, message.text, severity=message.severity)
        if message.reload:
            self.reload()
