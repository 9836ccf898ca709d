"""The highlights pane: what matters in the open story, as sections of items by kind.

Today the kinds are the story's tags, enclosures and links; extracted highlights (sentences,
figures, organisations, people, places, keywords) are further kinds added to
:data:`SECTION_TITLES` and fed through the same :class:`HighlightItem` rows. Enter (or a click)
on an item posts :class:`HighlightsPane.ItemChosen`: the screen opens links and attachments and
switches to a tag's view.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.strip import Strip

from brief_tui.domain.models import Story
from brief_tui.tui.safe import line
from brief_tui.tui.widgets.cursor_list import CursorList

TAG = "tag"
ENCLOSURE = "enclosure"
LINK = "link"

SECTION_TITLES: dict[str, str] = {
    TAG: "Tags",
    ENCLOSURE: "Attachments",
    LINK: "Links",
}
"""Section heading per kind, in display order. New kinds are added here."""


@dataclass(frozen=True, slots=True)
class HighlightItem:
    """One item of the pane.

    Attributes:
        kind: a key of :data:`SECTION_TITLES`.
        label: the text shown (literal). value: what choosing it acts on (a URL, a tag).
    """

    kind: str
    label: str
    value: str


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


class HighlightsPane(CursorList):
    """Sections of items; empty sections are left out. With no story it says so plainly."""

    class ItemChosen(Message):
        """The user chose ``item``."""

        def __init__(self, item: HighlightItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[tuple[str, HighlightItem | None]] = []
        self.empty = True

    def set_items(self, items: list[HighlightItem] | None) -> None:
        """Show these items grouped by kind; ``None`` means no story is open."""
        rows: list[tuple[str, HighlightItem | None]] = []
        self.empty = items is None or not items
        if items is None:
            rows.append(("No story open.", None))
        elif not items:
            rows.append(("No tags, links or files.", None))
        else:
            known = list(SECTION_TITLES)
            kinds = known + sorted({i.kind for i in items} - set(known))
            for kind in kinds:
                chosen = [i for i in items if i.kind == kind]
                if chosen:
                    rows.append((SECTION_TITLES.get(kind, kind.title()), None))
                    rows.extend((" " + i.label, i) for i in chosen)
        self.rows = rows
        self.set_row_count(len(rows))
        self.cursor = -1
        first = next((n for n, (_, item) in enumerate(rows) if item), None)
        if first is not None:
            self.move_to(first, announce=False)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def items(self) -> list[HighlightItem]:
        """The items shown, in order."""
        return [item for _, item in self.rows if item is not None]

    def is_selectable(self, index: int) -> bool:
        return self.rows[index][1] is not None

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        text, item = self.rows[index]
        if item is None:
            return self.text_row(text, width, False,
                                 self.style("dim" if self.empty else "heading"))
        return self.text_row(text, width, selected)

    def on_cursor_list_moved(self, event: CursorList.Moved) -> None:
        event.stop()

    def on_cursor_list_chosen(self, event: CursorList.Chosen) -> None:
        event.stop()
        item = self.rows[event.index][1]
        if item is not None:
            self.post_message(self.ItemChosen(item))
