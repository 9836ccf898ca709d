"""The reader screen's actions (``action_*``), one per registry entry of scope ``main``.

Split from :mod:`brief_tui.tui.screens.main` to keep each module small; mixed into
:class:`~brief_tui.tui.screens.main.MainScreen`, whose state and workers they use. Dialogs are
imported when first opened, which keeps their widgets out of the start-up path, and the
actions that open them wait until the dialog is mounted: keys typed right after ``/`` or
``t`` land in the dialog, not on the reader behind it.
"""

from __future__ import annotations

from brief_tui.domain.tags import parse_tag_edits
from brief_tui.tui import messages as msg
from brief_tui.tui.safe import notify
from brief_tui.tui.widgets.feed_list import FeedList
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.widgets.story_view import StoryView

PANE_ORDER = ("feeds", "stories", "article", "highlights")
SIZE_STEP = {"feeds": 4, "stories": 5, "highlights": 4}
SIZE_LIMITS = {"feeds": (16, 60), "stories": (15, 80), "highlights": (16, 60)}


class ReaderActions:
    """Actions of the reader screen (see :mod:`brief_tui.tui.actions` for keys and help)."""

    # -- panes ---------------------------------------------------------------------------
    def _cycle(self, step: int) -> None:
        order = [p for p in PANE_ORDER if self.pane_visible(p)]
        current = self.focused_pane()
        index = order.index(current) if current in order else 0
        self.focus_pane(order[(index + step) % len(order)])

    def action_next_pane(self) -> None:
        """Focus the next pane (collapsed panes open over the others on a narrow screen)."""
        self._cycle(1)

    def action_previous_pane(self) -> None:
        """Focus the previous pane."""
        self._cycle(-1)

    def action_toggle_pane(self, name: str) -> None:
        """Show or hide the feed or highlights pane."""
        if self.narrow:
            if self.shown == name:
                self.shown = None
                self._apply_layout()
                self.query_one(StoryList).focus()
            else:
                self.focus_pane(name)
            return
        if name in self.hidden:
            self.hidden.discard(name)
        else:
            self.hidden.add(name)
            if self.focused_pane() == name:
                self.query_one(StoryList).focus()
        self._apply_layout()

    def action_resize_pane(self, step: int) -> None:
        """Grow (``step`` 1) or shrink (-1) the focused pane: width of the side panes,
        height of the story list (the article takes the rest)."""
        pane = self.focused_pane()
        key = "stories" if pane == "article" else pane
        sign = -step if pane == "article" else step
        low, high = SIZE_LIMITS[key]
        self.sizes[key] = max(low, min(high, self.sizes[key] + sign * SIZE_STEP[key]))
        self._apply_layout()

    # -- moving through stories ----------------------------------------------------------
    def _open_unread(self, direction: int) -> None:
        stories = self.query_one(StoryList)
        index = stories.next_unread(direction)
        if index is None:
            notify(self, "No more unread stories in this view.")
            return
        stories.move_to(index)
        story_id = stories.current_id
        if story_id is not None:
            self.open_story(story_id)

    def action_next_unread(self) -> None:
        """Open the next unread story below the cursor."""
        self._open_unread(1)

    def action_previous_unread(self) -> None:
        """Open the previous unread story above the cursor."""
        self._open_unread(-1)

    def action_page_article(self) -> None:
        """Page down the article; at its end open the next unread story."""
        article = self.query_one(StoryView)
        if self.story is None or article.at_end:
            self._open_unread(1)
        else:
            article.scroll_page_down(animate=False)

    def action_back(self) -> None:
        """Leave search results for the view shown before the search."""
        if self.view_key.startswith("query:"):
            self.switch_view(self.previous_key)

    # -- story state -----------------------------------------------------------------------
    def rows_of(self, ids: list[int]):
        """List rows for ids with their cluster sizes (on a worker or the writer thread)."""
        return self.service.with_cluster_sizes(self.service.rows_by_ids(ids))

    def set_read(self, story_id: int, read: bool, *, cluster: bool = False) -> None:
        """Mark a story read/unread: the list and the unread counts change at once, the write
        follows in the background (and an exact recount a little later). With ``cluster``
        (a story opened) the service marks its same-story cluster too, as configured."""
        stories = self.query_one(StoryList)
        was_unread = story_id in stories.unread
        if was_unread == read:  # the state really changes
            index = stories.index_of(story_id)
            row = stories.row(index) if index is not None else None
            if row is not None:
                self.query_one(FeedList).adjust_unread(self.count_keys(row), -1 if read else 1)
        stories.set_read(story_id, read)
        self.forget_prefetched(story_id)
        if self.story is not None and self.story.id == story_id:
            self.story.read = read
        if cluster:
            self.writer.submit("Marking read", self.service.mark_read_cluster, story_id, read,
                               then=lambda _: msg.RowsChanged(self.service.cluster(story_id)))
        else:
            self.writer.submit("Marking read", self.service.mark_read, [story_id], read,
                               then=lambda _: msg.RowsChanged(self.rows_of([story_id])))

    def _require_story(self) -> int | None:
        story_id = self.current_id()
        if story_id is None:
            notify(self, "No story selected.", severity="warning")
        return story_id

    def action_toggle_read(self) -> None:
        """Mark the story read or unread."""
        story_id = self._require_story()
        if story_id is not None:
            self.set_read(story_id, story_id in self.query_one(StoryList).unread)

    def action_mark_view_read(self) -> None:
        """Mark every story of the current view read."""
        from brief_tui.tui.workers import resolve_filter

        key = self.view_key
        try:
            flt = resolve_filter(key, self.service, self.searches)
        except Exception as exc:  # noqa: BLE001 - a bad view key is reported
            notify(self, f"Mark all read: {exc}", severity="error")
            return
        self.writer.submit("Mark all read", self.service.mark_all_read, flt,
                           then=lambda n: msg.Notice(f"Marked {n} stories read.", reload=True))

    def action_star(self) -> None:
        """Star or unstar the story."""
        story_id = self._require_story()
        if story_id is None:
            return
        stories = self.query_one(StoryList)
        index = stories.index_of(story_id)
        row = stories.row(index) if index is not None else None
        starred = not (row.starred if row is not None else bool(self.story and
                                                                 self.story.starred))
        self.writer.submit("Star", self.service.star, [story_id], starred,
                           then=lambda _: msg.RowsChanged(self.rows_of([story_id])))

    async def action_tag(self) -> None:
        """Ask for tags and apply them to the story (in the feed pane, on a feed: the feed)."""
        if self.focused_pane() == "feeds" and self.view_key.startswith("feed:"):
            await self.action_tag_feed()
            return
        story_id = self._require_story()
        if story_id is None:
            return
        stories = self.query_one(StoryList)
        index = stories.index_of(story_id)
        row = stories.row(index) if index is not None else None
        title = row.display_title if row else (self.story.display_title if self.story else "")
        current = row.tags if row else ()
        known = self.known_tags()

        def apply(text: str | None) -> None:
            if not text:
                return
            add, remove = parse_tag_edits(text.split())
            self.writer.submit("Tag", self.service.tag, [story_id], add, remove,
                               then=lambda _: msg.RowsChanged(self.rows_of([story_id]),
                                                              recount="now"))

        from brief_tui.tui.screens.tag import TagScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(TagScreen(title, current, known), apply)

    # -- refresh, links, add -----------------------------------------------------------------
    def _refresh(self, urls: list[str] | None) -> None:
        if self.refreshing:
            notify(self, "A refresh is already running.")
            return
        self.refreshing = True
        status = self.query_one("#status")
        status.display = True
        status.update("Refreshing…")
        self.run_refresh(urls)

    def action_refresh(self) -> None:
        """Refresh the feed of this view (or of the story under the cursor)."""
        key = self.view_key
        if key.startswith("feed:"):
            feed = self.feeds.get(int(key[5:]))
            urls = [feed.url] if feed else []
        elif key.startswith("group:"):
            group = key[6:]
            urls = [f.url for f in self.feeds.values() if f.group == group]
        else:
            story_id = self.current_id()
            row = None
            if story_id is not None:
                stories = self.query_one(StoryList)
                index = stories.index_of(story_id)
                row = stories.row(index) if index is not None else None
            feed = self.feeds.get(row.feed_id) if row else None
            urls = [feed.url] if feed else []
        if not urls:
            notify(self, "Choose a feed to refresh (or R refreshes all).", severity="warning")
            return
        self._refresh(urls)

    def action_refresh_all(self) -> None:
        """Refresh every feed."""
        self._refresh(None)

    def action_fulltext(self) -> None:
        """Fetch the full article of the story."""
        story_id = self._require_story()
        if story_id is not None:
            notify(self, "Fetching the full text…")
            self.fetch_fulltext(story_id)

    def _story_link(self) -> str | None:
        story_id = self._require_story()
        if story_id is None:
            return None
        if self.story is not None and self.story.id == story_id:
            link = self.story.link
        else:
            stories = self.query_one(StoryList)
            index = stories.index_of(story_id)
            row = stories.row(index) if index is not None else None
            link = row.link if row else None
        if not link:
            notify(self, "This story has no link.", severity="warning")
        return link or None

    def action_open_link(self) -> None:
        """Open the story's link in the web browser (in a worker)."""
        link = self._story_link()
        if link:
            self.open_in_browser(link)

    def action_copy_link(self) -> None:
        """Copy the story's link to the clipboard (OSC 52)."""
        link = self._story_link()
        if link:
            self.app.copy_to_clipboard(link)
            notify(self, "Copied the link to the clipboard.")

    async def action_add(self) -> None:
        """Ask for a feed URL or a file path, then subscribe or import in a worker."""
        def run(text: str | None) -> None:
            if text:
                notify(self, "Adding…")
                self.add_source(text)

        from brief_tui.tui.screens.add import AddScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(AddScreen(), run)
