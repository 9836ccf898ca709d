"""The story list: a windowed view over every story id of the current view.

The list holds only the ids (a plain list, in order) and the set of unread ids; rows are
loaded a page at a time, when a page first comes on screen, through the ``loader`` callable
the screen injects (a bounded primary-key lookup in the service). Drawing touches only the
visible rows, so 100,000 stories move as fast as ten.

A story carried by several feeds (a same-story cluster) may be listed once: such a row says
``3 sources``, and :meth:`StoryList.expand` lists the other sources under it, indented, until
:meth:`StoryList.collapse`. During a search the words found are marked in the titles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import datetime

from rich.style import Style
from textual.message import Message
from textual.strip import Strip

from brief_tui.domain.models import StoryRow
from brief_tui.tui.safe import cell_len, fit, line, truncate
from brief_tui.tui.widgets.cursor_list import CursorList

PAGE = 100
"""Rows fetched per loader call."""
CACHE_LIMIT = 5000
"""Cached rows kept before the cache is cleared (it refills from the visible window)."""

RowLoader = Callable[[Sequence[int]], list[StoryRow]]

UNREAD_MARK = "●"
STAR_MARK = "★"
MEMBER_MARK = "↳ "
"""Before the title of another source of an expanded cluster."""


def sources_label(size: int) -> str:
    """``3 sources`` for a cluster of three stories, ``""`` for a single story."""
    return f"{size} sources" if size > 1 else ""


def marked_parts(text: str, width: int, spans: list[tuple[int, int]], style: Style | None,
                 mark: Style) -> list[tuple[str, Style | None]]:
    """``text`` fitted to ``width`` cells (as :func:`~brief_tui.tui.safe.fit`) in parts, the
    characters inside ``spans`` (offsets into ``text``) styled ``style + mark``."""
    cut = truncate(text, width)
    shown = len(cut) - (1 if cut != text else 0)  # characters of text kept (before "…")
    parts: list[tuple[str, Style | None]] = []
    pos = 0
    for start, end in spans:
        start, end = min(start, shown), min(end, shown)
        if start >= end:
            continue
        if start > pos:
            parts.append((text[pos:start], style))
        parts.append((text[start:end], (style + mark) if style else mark))
        pos = end
    parts.append((cut[pos:], style))
    pad = width - cell_len(cut)
    if pad > 0:
        parts.append((" " * pad, style))
    return parts


def format_date(when: datetime | None, now: datetime) -> str:
    """A list date in local time: ``20 Nov 14:05`` this year, ``20 Nov 2025`` before."""
    if when is None:
        return ""
    local = when.astimezone()
    if local.year == now.astimezone().year:
        return local.strftime("%d %b %H:%M")
    return local.strftime("%d %b %Y")


class StoryList(CursorList):
    """Posts :class:`StoryMoved` when the cursor moves and :class:`StoryOpened` on enter or
    click. Feed text in rows is drawn literally and truncated by terminal cells."""

    class StoryMoved(Message):
        """The cursor is on story ``story_id`` (``None`` when the list is empty)."""

        def __init__(self, story_id: int | None) -> None:
            super().__init__()
            self.story_id = story_id

    class StoryOpened(Message):
        """Open story ``story_id``."""

        def __init__(self, story_id: int) -> None:
            super().__init__()
            self.story_id = story_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.ids: list[int] = []
        self.unread: set[int] = set()
        self.loader: RowLoader = lambda ids: []
        self.now: datetime = datetime.now().astimezone()
        self.show_feed = True
        self.terms: list[str] = []
        """Search terms to mark in titles (``[]`` outside a search)."""
        self.expanded: dict[int, list[int]] = {}
        """Expanded clusters: listed row id -> the other sources listed under it."""
        self.members: set[int] = set()
        """Ids listed because their cluster is expanded."""
        self._rows: dict[int, StoryRow] = {}

    # -- data ----------------------------------------------------------------------------
    def set_stories(self, ids: list[int], unread: set[int], loader: RowLoader, *,
                    select: int | None = None, now: datetime | None = None,
                    show_feed: bool = True, rows: Sequence[StoryRow] = ()) -> None:
        """Show a new list of story ids.

        Args:
            ids: story ids in list order. unread: those that are unread.
            loader: returns rows for ids (called for the visible window only).
            select: story id to put the cursor on; when absent from ``ids`` the cursor keeps
                its index (clamped).
            now: the current time (dates this year omit the year).
            show_feed: show the feed column (off in a single feed's view).
            rows: rows already known (primes the cache; the rest load as they come on screen).
        """
        keep = self.cursor
        kept_rows = {i: self._rows[i] for i in self.members if i in self._rows}
        self.ids = list(ids)
        self.unread = unread
        self.loader = loader
        self._rows = {row.id: row for row in rows}
        self.show_feed = show_feed
        self._reapply_expanded(kept_rows)
        if now is not None:
            self.now = now
        self.set_row_count(len(ids))
        index = self.index_of(select) if select is not None else None
        if index is None:
            index = max(0, min(keep, len(ids) - 1))
        self.cursor = -1
        self.move_to(index, announce=False)
        self.refresh()
        self.post_message(self.StoryMoved(self.current_id))

    def _reapply_expanded(self, rows: dict[int, StoryRow]) -> None:
        """List again the sources of clusters that were expanded (after a reload)."""
        self.members = set()
        listed = set(self.ids)
        for head, members in list(self.expanded.items()):
            if head not in listed or any(m in listed for m in members):
                del self.expanded[head]
                continue
            index = self.ids.index(head)
            self.ids[index + 1:index + 1] = members
            self.members.update(members)
            listed.update(members)
            for member in members:
                if member in rows:
                    self._rows[member] = rows[member]

    def set_terms(self, terms: list[str]) -> None:
        """Mark these search terms in the titles (``[]``: none)."""
        if terms != self.terms:
            self.terms = list(terms)
            self.refresh()

    def expand(self, story_id: int, rows: list[StoryRow]) -> int:
        """List the other stories of ``story_id``'s cluster under it.

        Args:
            story_id: a listed story. rows: its cluster (itself included), newest first.

        Returns:
            How many rows were added (0 when none are new to the list).
        """
        index = self.index_of(story_id)
        if index is None or story_id in self.expanded:
            return 0
        listed = set(self.ids)
        members = [r for r in rows if r.id != story_id and r.id not in listed]
        if not members:
            return 0
        ids = [r.id for r in members]
        self.expanded[story_id] = ids
        self.members.update(ids)
        self.ids[index + 1:index + 1] = ids
        for row in members:
            self._rows[row.id] = row
            (self.unread.discard if row.read else self.unread.add)(row.id)
        if self.cursor > index:
            self.cursor += len(ids)
        self.set_row_count(len(self.ids))
        return len(ids)

    def collapse(self, story_id: int) -> int | None:
        """Hide the sources listed under ``story_id`` (or under the cluster ``story_id`` is
        listed in). Returns the id of the cluster's listed row, or ``None`` when nothing was
        expanded there."""
        head = story_id if story_id in self.expanded else next(
            (h for h, members in self.expanded.items() if story_id in members), None)
        if head is None:
            return None
        members = self.expanded.pop(head)
        gone = set(members)
        current = self.current_id
        self.ids = [i for i in self.ids if i not in gone]
        self.members -= gone
        self.set_row_count(len(self.ids))
        target = head if current in gone or current is None else current
        self.cursor = -1
        self.move_to(self.index_of(target) or 0, announce=False)
        self.post_message(self.StoryMoved(self.current_id))
        return head

    @property
    def current_id(self) -> int | None:
        """The story id under the cursor, or ``None``."""
        return self.ids[self.cursor] if 0 <= self.cursor < len(self.ids) else None

    def index_of(self, story_id: int) -> int | None:
        """The row of a story id, or ``None``."""
        try:
            return self.ids.index(story_id)
        except ValueError:
            return None

    def row(self, index: int) -> StoryRow | None:
        """The row at ``index``, loading its page if needed."""
        story_id = self.ids[index]
        row = self._rows.get(story_id)
        if row is None:
            if len(self._rows) > CACHE_LIMIT:
                self._rows.clear()
            start = index - index % PAGE
            wanted = [i for i in self.ids[start:start + PAGE] if i not in self._rows]
            for loaded in self.loader(wanted):
                self._rows[loaded.id] = loaded
            row = self._rows.get(story_id)
        return row

    def update_rows(self, rows: list[StoryRow]) -> None:
        """Take new state for rows already listed (read, starred, tags) and redraw them."""
        for new in rows:
            if new.read:
                self.unread.discard(new.id)
            else:
                self.unread.add(new.id)
            if new.id in self._rows:
                self._rows[new.id] = new
        self.refresh()

    def set_read(self, story_id: int, read: bool) -> None:
        """Show a story read or unread at once (the write follows in a worker)."""
        old = self._rows.get(story_id)
        if old is not None:
            self._rows[story_id] = dataclasses.replace(old, read=read)
        (self.unread.discard if read else self.unread.add)(story_id)
        index = self.index_of(story_id)
        if index is not None:
            self.refresh_row(index)

    def next_unread(self, direction: int) -> int | None:
        """The index of the next unread story after (or before) the cursor, or ``None``."""
        unread = self.unread
        index = self.cursor
        ids = self.ids
        while 0 <= index + direction < len(ids):
            index += direction
            if ids[index] in unread:
                return index
        return None

    # -- drawing -------------------------------------------------------------------------
    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        row = self.row(index)
        if row is None:
            return self.text_row("", width, selected)
        unread = row.id in self.unread
        marks = (UNREAD_MARK if unread else " ") + (STAR_MARK if row.starred else " ") + " "
        date = format_date(row.sort_date, self.now)
        date_width = 12
        feed_width = 0
        if self.show_feed and width >= 60:
            feed_width = min(22, max(10, width // 5))
        title_width = width - 3 - date_width - 1 - (feed_width + 1 if feed_width else 0)
        title = line(row.display_title)
        prefix = MEMBER_MARK if row.id in self.members else ""
        sources = "" if prefix else sources_label(row.cluster_size)
        if sources and title_width >= 24:
            sources = " " + sources
            title_width -= len(sources)
        else:
            sources = ""
        title_style = self.style("strong") if unread else None
        parts = [(marks, self.style("mark"))]
        if prefix:
            parts.append((prefix, self.style("dim")))
            title_width -= len(prefix)
        spans = []
        if self.terms:  # the query module loads with the first search, not at start-up
            from brief_tui.domain.query import match_spans

            spans = match_spans(title, self.terms)
        if spans:
            parts += marked_parts(title, max(1, title_width), spans, title_style,
                                  self.style("match"))
        else:
            parts.append((fit(title, max(1, title_width)), title_style))
        if sources:
            parts.append((sources, self.style("dim")))
        if feed_width:
            parts.append((" " + fit(line(row.feed_title), feed_width), self.style("dim")))
        parts.append((" " + fit(date, date_width, right=True), self.style("dim")))
        strip = self.strip(parts, width, selected)
        return strip if strip.cell_length == width else strip.adjust_cell_length(width)

    # -- events --------------------------------------------------------------------------
    def on_cursor_list_moved(self, event: CursorList.Moved) -> None:
        event.stop()
        self.post_message(self.StoryMoved(self.current_id))

    def on_cursor_list_chosen(self, event: CursorList.Chosen) -> None:
        event.stop()
        story_id = self.current_id
        if story_id is not None:
            self.post_message(self.StoryOpened(story_id))

