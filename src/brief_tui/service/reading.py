"""Stories, the user's state on them, views and remembered app state."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time

from brief_tui import paths
from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import (
    Story,
    StoryRow,
)
from brief_tui.domain.tags import normalise_tag
from brief_tui.service.core import View


class ReadingMixin:
    """Reading methods of :class:`brief_tui.service.Service`."""

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
        from brief_tui.pipeline import extract_fulltext

        article = extract_fulltext(fetched.body, fetched.final_url, fetched.headers)
        if article is None:
            self.store.set_fulltext(story_id, "unavailable")
        else:
            self.store.set_fulltext(story_id, "ok", *article)
        return self.story(story_id)

    async def _fetch_page(self, url: str):
        async with self.fetcher() as fetcher:
            return await fetcher.fetch(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")

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


def _markdown_links(markdown: str) -> list[tuple[str, str]]:
    import re

    return [(m.group(1), m.group(2)) for m in
            re.finditer(r"\[([^\]]*)\]\((https?://[^)\s]+)\)", markdown)]


