"""The tag manager: every tag in use with its counts; rename, merge and delete tags.

Reads run in a worker on this screen; writes go through the reader's write queue (so they
stay in order with the other writes) with their answers posted back here. The dialog
dismisses with True when a tag changed, so the reader reloads its counts and lists.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Label
from textual.worker import get_current_worker

from brief_tui.domain.errors import BriefError
from brief_tui.domain.tags import normalise_tag
from brief_tui.tui import messages as msg
from brief_tui.tui.actions import TAGS, bindings, bindings_of
from brief_tui.tui.safe import cell_len, fit, line, notify, plain, styled
from brief_tui.tui.widgets.cursor_list import CursorList

HINT = "r rename · m merge · d delete · space marks tags to merge"
MARK = "◆ "


def plural(count: int, word: str) -> str:
    """``1 story``, ``3 stories``, ``2 feeds``."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def summary_counts(entry) -> str:
    """``12 stories · 3 unread · 1 feed`` for a :class:`TagSummary`."""
    parts = [plural(entry.stories, "story")]
    if entry.unread:
        parts.append(f"{entry.unread} unread")
    if entry.feeds:
        parts.append(plural(entry.feeds, "feed"))
    return " · ".join(parts)


class TagList(CursorList):
    """The tags, one per row: a mark when chosen for a merge, the tag, its counts."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list = []
        self.marked: set[str] = set()

    def set_entries(self, entries: list, follow: str | None = None) -> None:
        """Show these :class:`TagSummary` rows with the cursor on ``follow``, else on the
        tag it was on, else on the first."""
        current = follow if any(e.tag == follow for e in entries) else self.current_tag
        self.entries = entries
        self.marked &= {e.tag for e in entries}
        self.set_row_count(len(entries))
        index = next((i for i, e in enumerate(entries) if e.tag == current), 0)
        self.cursor = -1
        self.move_to(index, announce=False)
        self.refresh()

    @property
    def current_tag(self) -> str | None:
        """The tag under the cursor."""
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor].tag
        return None

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        entry = self.entries[index]
        counts = summary_counts(entry)
        mark = MARK if entry.tag in self.marked else "  "
        tag_width = max(1, width - cell_len(mark) - cell_len(counts) - 2)
        parts = [(mark, self.style("mark")), (fit(line(entry.tag), tag_width), None),
                 ("  " + counts, self.style("dim"))]
        return self.strip(parts, width, selected)


class TagManagerScreen(ModalScreen[bool]):
    """Rename, merge and delete tags.

    Args:
        service: the reader's service (reads). writer: the reader's write queue (writes).
    """

    BINDINGS = bindings(TAGS) + bindings_of("dialog_cancel")

    class Loaded(Message):
        """The tag summary, read in a worker."""

        def __init__(self, entries: list) -> None:
            super().__init__()
            self.entries = entries

    class Edited(Message):
        """A tag edit was written; ``text`` says what it did."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, service, writer) -> None:
        super().__init__()
        self.service = service
        self.writer = writer
        self.changed = False
        self.follow: str | None = None
        """The tag the cursor goes to once the list reloads (a renamed or merged tag)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-dialog", classes="dialog"):
            yield TagList(id="tag-list")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#tags-dialog").border_title = plain("Tags")
        self.query_one(TagList).focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="tag-summary")
    def load(self) -> None:
        """Read every tag with its counts -> :class:`Loaded`."""
        try:
            entries = self.service.tag_summary()
        except BriefError as exc:
            self.post_message(msg.Failed("Tags", str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(entries))

    def on_tag_manager_screen_loaded(self, message: Loaded) -> None:
        tags = self.query_one(TagList)
        tags.set_entries(message.entries, self.follow)
        self.follow = None
        count = len(message.entries)
        self.query_one("#tags-dialog").border_subtitle = plain(
            f"{count} tag" + ("" if count == 1 else "s"))

    def on_tag_manager_screen_edited(self, message: Edited) -> None:
        self.changed = True
        notify(self.app, message.text)
        self.load()

    def on_failed(self, message: msg.Failed) -> None:
        notify(self.app, f"{message.what}: {message.error}", severity="error")
        self.load()

    def _submit(self, what: str, fn, *args, done) -> None:
        self.writer.submit(what, fn, *args, then=lambda result: self.Edited(done(result)),
                           to=self.post_message)

    def _current(self) -> str | None:
        tag = self.query_one(TagList).current_tag
        if tag is None:
            notify(self.app, "There are no tags yet.", severity="warning")
        return tag

    # -- actions -------------------------------------------------------------------------
    def action_mark(self) -> None:
        """Mark or unmark the tag under the cursor for a merge."""
        tags = self.query_one(TagList)
        tag = tags.current_tag
        if tag is not None:
            tags.marked ^= {tag}
            tags.refresh_row(tags.cursor)
            tags.action_cursor_down()

    async def action_rename(self) -> None:
        """Ask for a new name for the tag under the cursor."""
        old = self._current()
        if old is None:
            return

        def rename(new: str | None) -> None:
            if new and new != old:
                self.follow = normalise_tag(new) or new
                self._submit("Rename tag", self.service.rename_tag, old, new,
                             done=lambda r: f"Renamed {line(old)} to {line(new)}: "
                                            f"{plural(r[0], 'story')}, {plural(r[1], 'feed')}.")

        from brief_tui.tui.screens.ask import PromptScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(PromptScreen("Rename tag", old, value=old,
                                                hint="onto an existing tag: merges · "
                                                     "esc cancels"), rename)

    async def action_merge(self) -> None:
        """Ask for the tag the marked tags (or the one under the cursor) merge into."""
        tags = self.query_one(TagList)
        sources = sorted(tags.marked) or ([tags.current_tag] if tags.current_tag else [])
        if not sources:
            self._current()
            return
        known = [e.tag for e in tags.entries if e.tag not in sources]

        def merge(target: str | None) -> None:
            if target:
                tags.marked.clear()
                self.follow = normalise_tag(target) or target
                self._submit("Merge tags", self.service.merge_tags, sources, target,
                             done=lambda r: f"Merged {', '.join(line(s) for s in sources)} "
                                            f"into {line(target)}: {plural(r[0], 'story')}, "
                                            f"{plural(r[1], 'feed')}.")

        from brief_tui.tui.screens.ask import PromptScreen  # noqa: PLC0415 - on demand
        from brief_tui.tui.screens.tag import TagSuggester  # noqa: PLC0415

        await self.app.push_screen(PromptScreen(
            "Merge tags", "Merge " + ", ".join(sources) + " into:",
            placeholder="the tag to keep", suggester=TagSuggester(known)), merge)

    async def action_delete(self) -> None:
        """Remove the tag under the cursor everywhere, after asking."""
        tags = self.query_one(TagList)
        tag = self._current()
        if tag is None:
            return
        entry = tags.entries[tags.cursor]

        def delete(yes: bool | None) -> None:
            if yes:
                self._submit("Delete tag", self.service.delete_tag, tag,
                             done=lambda r: f"Removed the tag {line(tag)} from "
                                            f"{plural(r[0], 'story')} and "
                                            f"{plural(r[1], 'feed')}.")

        from brief_tui.tui.screens.ask import ConfirmScreen  # noqa: PLC0415 - on demand

        question = (f"Remove the tag “{tag}” from {plural(entry.tagged, 'story')} and "
                    f"{plural(entry.feeds, 'feed')}?")
        await self.app.push_screen(ConfirmScreen("Delete tag", question, yes="Delete"), delete)

    def action_cancel(self) -> None:
        """Close; True when something changed."""
        self.dismiss(self.changed)
