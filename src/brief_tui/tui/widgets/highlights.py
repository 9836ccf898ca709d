"""The highlights pane: what matters in the open story, as sections of items by kind.

First the analyst's own highlights (with their notes), then what extraction found — key
sentences, figures, organisations, people, places, keywords — then the story's tags,
attachments and links. Every label is feed text, drawn literally. Enter (or a click) on an item
posts :class:`HighlightsPane.ItemChosen`: the screen moves the article's cursor to a
highlight's sentence, opens links and attachments, and switches to a tag's view.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.strip import Strip

from brief_tui.domain.models import HIGHLIGHT_KINDS, HL_USER, Highlight, Story
from brief_tui.tui.safe import line
from brief_tui.tui.widgets.cursor_list import CursorList

TAG = "tag"
ENCLOSURE = "enclosure"
LINK = "link"

SECTION_TITLES: dict[str, str] = {
    HL_USER: "Your highlights",
    "sentence": "Key sentences",
    "figure": "Figures",
    "organisation": "Organisations",
    "person": "People",
    "place": "Places",
    "keyword": "Keywords",
    TAG: "Tags",
    ENCLOSURE: "Attachments",
    LINK: "Links",
}
"""Section heading per kind, in display order. New kinds are added here."""

NOTE_MARK = "✎ "
LOST_MARK = "(lost) "

# Row kinds of the pane.
_HEADING = "heading"
_ITEM = "item"
_NOTE = "note"
_INFO = "info"


@dataclass(frozen=True, slots=True)
class HighlightItem:
    """One item of the pane.

    Attributes:
        kind: a key of :data:`SECTION_TITLES`.
        label: the text shown (literal). value: what choosing it acts on (a URL, a tag; for a
            highlight its text).
        start / end: for a highlight, the offsets of its sentence in the story's text
            (``text[start:end]``); ``-1`` otherwise.
        highlight_id: the id of one of the analyst's highlights, else ``None``.
        note: the analyst's note on it, or ``None``. lost: its text left the story.
    """

    kind: str
    label: str
    value: str
    start: int = -1
    end: int = -1
    highlight_id: int | None = None
    note: str | None = None
    lost: bool = False

    @property
    def is_highlight(self) -> bool:
        """Whether the item is a highlight (the analyst's or extracted)."""
        return self.kind in HIGHLIGHT_KINDS


def story_items(story: Story, links: list[tuple[str, str]]) -> list[HighlightItem]:
    """The items for a story: its tags, enclosures and body links (a pure function)."""
    items = [HighlightItem(TAG, line(tag), tag) for tag in story.tags]
    for enclosure in story.enclosures:
        name = enclosure.url.rstrip("/").rsplit("/", 1)[-1] or enclosure.url
        kind = f" ({enclosure.type})" if enclosure.type else ""
        items.append(HighlightItem(ENCLOSURE, line(name + kind), enclosure.url))
    for text, url in links:
        label = line(text) or line(url)
        items.append(HighlightItem(LINK, label, url))
    return items


def highlight_items(highlights: list[Highlight]) -> list[HighlightItem]:
    """Items for highlights as the service lists them (the analyst's first, then each
    extracted kind best first); a pure function."""
    items = []
    for h in highlights:
        label = (LOST_MARK if h.lost else "") + line(h.text)
        items.append(HighlightItem(h.kind, label, h.text, h.start, h.end, h.id, h.note,
                                   h.lost))
    return items


class HighlightsPane(CursorList):
    """Sections of items; empty sections are left out. With no story it says so plainly;
    while extraction runs, a last line says so."""

    class ItemChosen(Message):
        """The user chose ``item``."""

        def __init__(self, item: HighlightItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[tuple[str, HighlightItem | None, str]] = []
        self.empty = True

    def set_items(self, items: list[HighlightItem] | None, *, status: str = "",
                  keep_cursor: bool = False) -> None:
        """Show these items grouped by kind; ``None`` means no story is open.

        Args:
            status: a last, dim line (``"Finding highlights…"``), or ``""``.
            keep_cursor: keep the cursor on the same item (a refresh of the same story).
        """
        before = self.current_item if keep_cursor else None
        rows: list[tuple[str, HighlightItem | None, str]] = []
        self.empty = items is None or not items
        if items is None:
            rows.append(("No story open.", None, _INFO))
        elif not items and not status:
            rows.append(("No highlights, tags, links or files.", None, _INFO))
        else:
            known = list(SECTION_TITLES)
            kinds = known + sorted({i.kind for i in items} - set(known))
            for kind in kinds:
                chosen = [i for i in items if i.kind == kind]
                if not chosen:
                    continue
                rows.append((SECTION_TITLES.get(kind, kind.title()), None, _HEADING))
                for item in chosen:
                    rows.append((" " + item.label, item, _ITEM))
                    if item.note and item.note.strip():
                        rows.append(("   " + NOTE_MARK + line(item.note), None, _NOTE))
        if status:
            rows.append((status, None, _INFO))
        self.rows = rows
        self.set_row_count(len(rows))
        self.cursor = -1
        target = next((n for n, (_, item, _) in enumerate(rows)
                       if item is not None and before is not None and _same(item, before)),
                      None)
        if target is None:
            target = next((n for n, (_, item, _) in enumerate(rows) if item), None)
            self.scroll_to(y=0, animate=False, immediate=True)
        if target is not None:
            self.move_to(target, announce=False)
        self.refresh()

    @property
    def items(self) -> list[HighlightItem]:
        """The items shown, in order."""
        return [item for _, item, _ in self.rows if item is not None]

    @property
    def current_item(self) -> HighlightItem | None:
        """The item under the cursor, or ``None``."""
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor][1]
        return None

    def is_selectable(self, index: int) -> bool:
        return self.rows[index][1] is not None

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        text, item, kind = self.rows[index]
        if item is None:
            style = "heading" if kind == _HEADING else "dim"
            return self.text_row(text, width, False, self.style(style))
        style = self.style("error") if item.lost else (
            self.style("mark") if item.kind == HL_USER else None)
        return self.text_row(text, width, selected, style)

    def on_cursor_list_moved(self, event: CursorList.Moved) -> None:
        event.stop()

    def on_cursor_list_chosen(self, event: CursorList.Chosen) -> None:
        event.stop()
        item = self.rows[event.index][1]
        if item is not None:
            self.post_message(self.ItemChosen(item))


def _same(a: HighlightItem, b: HighlightItem) -> bool:
    return (a.kind, a.value, a.start, a.highlight_id) == (b.kind, b.value, b.start,
                                                           b.highlight_id)
