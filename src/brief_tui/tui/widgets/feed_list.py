"""The feed pane: views (All, Unread, Starred, Today), tags, saved searches, then groups and
feeds, each with its unread count. A feed whose last refresh failed shows a ``!`` mark and,
on the line below, the reason; its cached stories stay listed."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from urllib.parse import unquote, urlparse

from rich.cells import cell_len
from textual.message import Message
from textual.strip import Strip

from brief_tui.domain.models import Feed
from brief_tui.tui.safe import fit, line, truncate
from brief_tui.tui.widgets.cursor_list import CursorList

HEADING = "heading"
VIEW = "view"
GROUP = "group"
FEED = "feed"
REASON = "reason"

UNGROUPED = "Feeds"


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One row of the feed pane.

    Attributes:
        kind: :data:`HEADING`, :data:`VIEW` (All, Unread, a tag, a search), :data:`GROUP`,
            :data:`FEED` or :data:`REASON` (a failed feed's reason line).
        key: the view key the row selects (``"view:all"``, ``"tag:ai"``, ``"group:News"``,
            ``"feed:3"``), ``""`` for headings and reasons.
        label: the text shown (feed titles come from the network: shown literally).
        unread: unread stories. depth: indentation level.
        failed: the feed's last refresh failed.
        count: all stories (shown, dimmed, when none is unread).
    """

    kind: str
    key: str
    label: str
    unread: int = 0
    depth: int = 0
    failed: bool = False
    count: int = 0


def view_key(kind: str, name: str) -> str:
    """The key of a service view: ``view:all``, ``tag:<tag>``, ``search:<name>``."""
    if kind == "tag":
        return f"tag:{name}"
    if kind == "search":
        return f"search:{name}"
    return f"view:{kind}"


def failure_reason(feed: Feed) -> str:
    """One line saying why the feed's last refresh failed, e.g. ``network: connection refused``."""
    category = feed.error_category or feed.last_status or "error"
    message = line(feed.error or "")
    sources = [feed.url]
    if feed.url.startswith("file://"):
        sources.append(unquote(urlparse(feed.url).path))
    for source in sources:
        if message.startswith(source + ": "):
            message = message[len(source) + 2:]
            break
    return f"{category}: {message}" if message else category


def build_entries(feeds: list[Feed], views: list) -> list[FeedEntry]:
    """The rows of the feed pane for these feeds and service views (a pure function).

    Views come first (built-ins, then tags, then saved searches, each under a heading), then
    the feeds, grouped by folder in alphabetical order with ungrouped feeds last.
    """
    rows: list[FeedEntry] = []
    sections = (("base", "Views"), ("tag", "Tags"), ("search", "Searches"))
    for section, heading in sections:
        chosen = [v for v in views if (v.kind == section if section != "base"
                                       else v.kind not in ("tag", "search"))]
        if not chosen:
            continue
        rows.append(FeedEntry(HEADING, "", heading))
        rows.extend(FeedEntry(VIEW, view_key(v.kind, v.name), line(v.name), v.unread, 1,
                              count=v.count) for v in chosen)
    groups: dict[str | None, list[Feed]] = {}
    for feed in feeds:
        groups.setdefault(feed.group or None, []).append(feed)
    if feeds:
        rows.append(FeedEntry(HEADING, "", "Feeds"))
    order = sorted((g for g in groups if g is not None), key=str.casefold)
    for group in [*order, None]:
        members = sorted(groups.get(group, []), key=lambda f: f.display_title.casefold())
        if not members:
            continue
        depth = 1
        if group is not None:
            rows.append(FeedEntry(GROUP, f"group:{group}", line(group),
                                  sum(f.unread_count for f in members), 1,
                                  count=sum(f.story_count for f in members)))
            depth = 2
        for feed in members:
            rows.append(FeedEntry(FEED, f"feed:{feed.id}", line(feed.display_title),
                                  feed.unread_count, depth, feed.failed, feed.story_count))
            if feed.failed:
                rows.append(FeedEntry(REASON, "", failure_reason(feed), 0, depth, True))
    return rows


class FeedList(CursorList):
    """The feed pane. Give it rows with :meth:`set_entries`; it posts :class:`ViewChosen`
    when the cursor lands on a view or feed (``chosen=True`` on enter or click)."""

    class ViewChosen(Message):
        """The user picked a view (``key``); ``chosen`` is True on enter/click, False when the
        cursor merely moved onto it."""

        def __init__(self, key: str, chosen: bool) -> None:
            super().__init__()
            self.key = key
            self.chosen = chosen

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: list[FeedEntry] = []

    def set_entries(self, entries: list[FeedEntry], current: str | None) -> None:
        """Replace the rows, keeping the cursor on ``current`` (a view key) when present."""
        self.entries = entries
        self.set_row_count(len(entries))
        index = self.index_of(current) if current else None
        if index is None:
            index = next((i for i, e in enumerate(entries) if e.key), -1)
        self.move_to(index, announce=False)
        self.refresh()

    def adjust_unread(self, keys: list[str], delta: int) -> None:
        """Add ``delta`` to the unread count of the rows with these keys (at once, before the
        service recounts)."""
        wanted = set(keys)
        for index, entry in enumerate(self.entries):
            if entry.key in wanted:
                self.entries[index] = dataclasses.replace(
                    entry, unread=max(0, entry.unread + delta))
                self.refresh_row(index)

    def index_of(self, key: str) -> int | None:
        """The row of a view key, or ``None``."""
        return next((i for i, e in enumerate(self.entries) if e.key == key), None)

    def select_key(self, key: str) -> None:
        """Put the cursor on ``key`` without announcing it (the screen already knows)."""
        index = self.index_of(key)
        if index is not None:
            self.move_to(index, announce=False)

    def is_selectable(self, index: int) -> bool:
        return bool(self.entries[index].key)

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        entry = self.entries[index]
        if entry.kind == HEADING:
            return self.text_row(entry.label, width, False, self.style("heading"))
        indent = "  " * max(0, entry.depth - 1)
        if entry.kind == REASON:
            return self.text_row(indent + "  " + entry.label, width, selected,
                                 self.style("error"))
        count = str(entry.unread or entry.count or "")
        head = indent + ("! " if entry.failed else "  ")
        label_width = max(1, width - cell_len(head) - len(count) - 1)
        label = fit(truncate(entry.label, label_width), label_width)
        strong = self.style("strong") if entry.unread else None
        parts = [(head, self.style("error") if entry.failed else None), (label, strong),
                 (" " + count, self.style("mark" if entry.unread else "dim"))]
        return self.strip(parts, width, selected)

    def on_cursor_list_moved(self, event: CursorList.Moved) -> None:
        event.stop()
        self.post_message(self.ViewChosen(self.entries[event.index].key, False))

    def on_cursor_list_chosen(self, event: CursorList.Chosen) -> None:
        event.stop()
        self.post_message(self.ViewChosen(self.entries[event.index].key, True))
