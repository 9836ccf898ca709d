"""The reader screen's search, saved views, tags, clusters and export: actions and the
handlers of their answers. Mixed into :class:`~brief_tui.tui.screens.main.MainScreen`.

Dialogs are imported when first opened; the actions that open them wait until they are
mounted, so keys typed right after the key land in the dialog.
"""

from __future__ import annotations

from brief_tui.domain.tags import parse_tag_edits
from brief_tui.tui import messages as msg
from brief_tui.tui.safe import line, notify
from brief_tui.tui.widgets.story_list import StoryList
from brief_tui.tui.workers import QUERY_PREFIX, view_query

SEARCH_PREFIX = "search:"
EXPORT_SHOWN = 4
"""File names listed in the notification of a split export."""


def export_summary(paths) -> str:
    """The notification after an export: the file, or how many and where."""
    if len(paths) == 1:
        return f"Exported to {paths[0]}"
    names = ", ".join(p.name for p in paths[:EXPORT_SHOWN])
    more = f" and {len(paths) - EXPORT_SHOWN} more" if len(paths) > EXPORT_SHOWN else ""
    return f"Exported {len(paths)} files to {paths[0].parent}: {names}{more}"


class OrganiseActions:
    """Search as you type, saved views, tags, clusters and export on the reader screen."""

    # -- search --------------------------------------------------------------------------
    async def action_search(self) -> None:
        """Open the search box; results are listed as the query is typed."""
        origin = self.view_key
        self.search_origin = origin

        def run(query: str | None) -> None:
            if query:
                self.last_query = query
                key = QUERY_PREFIX + query
                if self.view_key != key and not self.view_key.startswith(SEARCH_PREFIX):
                    self.switch_view(key)
                self.query_one(StoryList).focus()
            elif self.view_key != origin:
                self.switch_view(origin, remember=False)

        from brief_tui.tui.screens.search import SearchScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(SearchScreen(self.last_query, preview=self.preview_search,
                                                check=self.service.check_query,
                                                save=self.save_search_as), run)

    def preview_search(self, query: str) -> None:
        """List a query's results while it is typed (``""``: back to the view searched
        from). The list loads in an exclusive worker: a newer query cancels an older one."""
        key = QUERY_PREFIX + query if query else self.search_origin
        if key != self.view_key:
            self.switch_view(key, remember=False)

    def save_search_as(self, query: str, name: str) -> None:
        """Save ``query`` as the view ``name`` (in the write queue); the view is then shown."""
        self.writer.submit("Save search", self.service.save_search, name, query,
                           then=lambda _: msg.SearchSaved(name, query))

    def on_search_saved(self, message: msg.SearchSaved) -> None:
        self.searches[message.name] = message.query
        notify(self, f"Saved the search as the view “{line(message.name)}”.")
        self.switch_view(SEARCH_PREFIX + message.name)
        self.load_panes()

    async def action_save_search(self) -> None:
        """Ask for a name and save the current search as a view."""
        key = self.view_key
        if key.startswith(SEARCH_PREFIX):
            notify(self, f"This view is already saved as “{line(key[len(SEARCH_PREFIX):])}”.")
            return
        if not key.startswith(QUERY_PREFIX):
            notify(self, "Search first (/); then S saves the search as a view.",
                   severity="warning")
            return
        query = key[len(QUERY_PREFIX):]

        def named(name: str | None) -> None:
            if name:
                self.save_search_as(query, name)

        from brief_tui.tui.screens.ask import PromptScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(PromptScreen("Save search as a view", query,
                                                placeholder="a name for the view"), named)

    async def action_delete_view(self) -> None:
        """Delete the saved search shown in the list, after asking."""
        key = self.view_key
        if not key.startswith(SEARCH_PREFIX):
            notify(self, "Choose a saved search in the feed pane first (tags: T).",
                   severity="warning")
            return
        name = key[len(SEARCH_PREFIX):]

        def delete(yes: bool | None) -> None:
            if yes:
                self.writer.submit("Delete search", self.service.delete_search, name,
                                   then=lambda _: msg.Notice(
                                       f"Deleted the saved search “{line(name)}”.",
                                       reload=True))

        from brief_tui.tui.screens.ask import ConfirmScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(ConfirmScreen(
            "Delete view", f"Delete the saved search “{name}”? Stories are kept.",
            yes="Delete"), delete)

    # -- tags ----------------------------------------------------------------------------
    def known_tags(self) -> list[str]:
        """Every tag in use (from the feed pane's views)."""
        return [key.partition(":")[2] for key in self.view_names if key.startswith("tag:")]

    async def action_tag_manager(self) -> None:
        """Open the tag manager (rename, merge, delete)."""
        def done(changed: bool | None) -> None:
            if changed:
                self.reload()
                if self.story is not None:
                    self.load_story(self.story.id)

        from brief_tui.tui.screens.tag_manager import TagManagerScreen  # noqa: PLC0415

        await self.app.push_screen(TagManagerScreen(self.service, self.writer), done)

    def feed_target(self):
        """The feed that "tag feed" acts on: the view's feed, else the story's."""
        key = self.view_key
        if key.startswith("feed:"):
            return self.feeds.get(int(key[5:]))
        story_id = self.current_id()
        if story_id is None:
            return None
        stories = self.query_one(StoryList)
        index = stories.index_of(story_id)
        row = stories.row(index) if index is not None else None
        feed_id = row.feed_id if row else (self.story.feed_id if self.story else None)
        return self.feeds.get(feed_id) if feed_id is not None else None

    async def action_tag_feed(self) -> None:
        """Ask for tags and apply them to a feed (its stories match them in ``tag:``)."""
        feed = self.feed_target()
        if feed is None:
            notify(self, "Choose a feed or a story to tag its feed.", severity="warning")
            return
        title = line(feed.display_title)

        def apply(text: str | None) -> None:
            if not text:
                return
            add, remove = parse_tag_edits(text.split())
            self.writer.submit("Tag feed", self.service.tag_feed, feed.url, add, remove,
                               then=lambda f: msg.Notice(
                                   f"Tags of the feed {title}: {', '.join(f.tags) or 'none'}.",
                                   reload=True))

        from brief_tui.tui.screens.tag import TagScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(TagScreen(title, feed.tags, self.known_tags(),
                                             heading="Tag feed"), apply)

    # -- clusters ------------------------------------------------------------------------
    def action_toggle_clusters(self) -> None:
        """List each same-story cluster once, or every story."""
        self.collapse = not self.collapse
        stories = self.query_one(StoryList)
        stories.expanded.clear()
        stories.members.clear()
        self.writer.submit("Saving state", self.service.set_state, "collapse",
                           "1" if self.collapse else "0")
        notify(self, "A story carried by several feeds is listed once." if self.collapse
               else "Every story is listed, also each source of the same story.")
        self.load_stories(self.view_key, stories.current_id)

    def action_expand_cluster(self) -> None:
        """List the other sources of the story under the cursor, or hide them again."""
        stories = self.query_one(StoryList)
        story_id = stories.current_id
        if story_id is None:
            notify(self, "No story selected.", severity="warning")
            return
        if stories.collapse(story_id) is not None:
            return
        row = stories.row(stories.cursor)
        if not self.collapse:
            notify(self, "Every source is listed already (Z lists each story once).")
        elif row is None or row.cluster_size < 2:
            notify(self, "This story has no other sources.")
        else:
            self.load_cluster(story_id)

    def on_cluster_loaded(self, message: msg.ClusterLoaded) -> None:
        self.query_one(StoryList).expand(message.story_id, message.rows)

    # -- export --------------------------------------------------------------------------
    def export_choices(self):
        """What the export dialog offers now."""
        from brief_tui.tui.screens.export import ExportChoices  # noqa: PLC0415

        stories = self.query_one(StoryList)
        story_id = self.current_id()
        index = stories.index_of(story_id) if story_id is not None else None
        row = stories.row(index) if index is not None else None
        if self.story is not None and self.story.id == story_id:
            title, tags = self.story.display_title, self.story.tags
        else:
            title, tags = (row.display_title, row.tags) if row else ("", ())
        key = self.view_key
        query = view_query(key, self.searches)
        if key.startswith(QUERY_PREFIX):
            name = f"search {query}"
        else:
            name = self.view_names.get(key, (key.partition(":")[2], 0, 0))[0]
        tag = key[4:] if key.startswith("tag:") else (tags[0] if tags else "")
        return ExportChoices(story_id, title, tuple(stories.ids), name, tag,
                             tuple(self.known_tags()), query,
                             self.service.config.export.template,
                             str(self.service.export_dir()))

    async def action_export(self) -> None:
        """Choose what to export as Markdown, then write it in a worker."""
        def run(request) -> None:
            if request is not None:
                self.run_export(request)

        from brief_tui.tui.screens.export import ExportScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(ExportScreen(self.export_choices()), run)

    def on_export_exists(self, message: msg.ExportExists) -> None:
        request = message.request

        def answer(yes: bool | None) -> None:
            if yes:
                self.run_export(request, True)
            else:
                notify(self, "Nothing was exported.")

        from brief_tui.tui.screens.ask import ConfirmScreen  # noqa: PLC0415 - on demand

        self.app.push_screen(ConfirmScreen("File exists",
                                           f"{message.path} already exists. Overwrite it?",
                                           yes="Overwrite"), answer)

    def on_export_done(self, message: msg.ExportDone) -> None:
        notify(self, export_summary(message.paths), timeout=8)
