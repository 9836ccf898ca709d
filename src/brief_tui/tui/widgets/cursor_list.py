"""A virtual list with a cursor, drawn with Textual's Line API.

Only the rows on screen are ever rendered: the list holds a row count and asks the subclass
for the strip of one visible row at a time (:meth:`CursorList.render_row`), so ten rows and a
hundred thousand cost the same to draw and to move through. Rows can be unselectable (section
headings, a failed feed's reason line); the cursor steps over them.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from brief_tui.tui.actions import LIST, bindings
from brief_tui.tui.safe import fit


class CursorList(ScrollView, can_focus=True):
    """Base of the feed, story and highlights panes.

    Subclasses set :attr:`row_count` through :meth:`set_row_count`, implement
    :meth:`render_row`, and may override :meth:`is_selectable`. Moving the cursor posts
    :class:`CursorList.Moved`; enter or a click posts :class:`CursorList.Chosen`.
    """

    BINDINGS = bindings(LIST)

    COMPONENT_CLASSES = {
        "cursor-list--cursor",      # the cursor row when the list has focus
        "cursor-list--cursor-blur",  # the cursor row when it has not
        "cursor-list--heading",     # unselectable heading rows
        "cursor-list--dim",         # secondary text (dates, counts, reasons)
        "cursor-list--strong",      # emphasised text (unread titles)
        "cursor-list--mark",        # marks (unread dot, star)
        "cursor-list--error",       # failure marks and reasons
        "cursor-list--match",       # search terms found in a title
    }

    class Moved(Message):
        """The cursor moved to ``index``."""

        def __init__(self, source: "CursorList", index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

        @property
        def control(self) -> "CursorList":
            return self.source

    class Chosen(Message):
        """The row at ``index`` was chosen (enter or click)."""

        def __init__(self, source: "CursorList", index: int) -> None:
            super().__init__()
            self.source = source
            self.index = index

        @property
        def control(self) -> "CursorList":
            return self.source

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.row_count = 0
        self.cursor = -1
        self._styles: dict[str, Style] = {}

    # -- model ---------------------------------------------------------------------------
    def set_row_count(self, count: int) -> None:
        """Set how many rows the list has and redraw."""
        self.row_count = count
        self.virtual_size = Size(self.scrollable_content_region.width, count)
        if self.cursor >= count:
            self.cursor = count - 1
        self.refresh()

    def is_selectable(self, index: int) -> bool:
        """Whether the cursor may rest on row ``index`` (headings are not)."""
        return True

    def render_row(self, index: int, width: int, selected: bool) -> Strip:
        """Return the strip for row ``index``, exactly ``width`` cells wide."""
        raise NotImplementedError

    # -- styles --------------------------------------------------------------------------
    def style(self, name: str) -> Style:
        """The rich style of a component class (``"dim"``, ``"cursor"``…), cached per theme."""
        style = self._styles.get(name)
        if style is None:
            full = self.get_visual_style(f"cursor-list--{name}").rich_style
            if name.startswith("cursor"):
                style = full
            else:  # keep colour and emphasis; the row (or cursor) supplies the background
                style = Style(color=full.color, bold=full.bold, italic=full.italic,
                              underline=full.underline, dim=full.dim)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def strip(self, parts: list[tuple[str, Style | None]], width: int, selected: bool) -> Strip:
        """Build one row from ``(text, style)`` parts, fitted to ``width`` cells, with the
        cursor style laid over it when ``selected``. Texts are shown literally."""
        base = self.rich_style
        if selected:
            base = base + self.style("cursor" if self.has_focus else "cursor-blur")
        segments = [Segment(text, base + style if style else base) for text, style in parts]
        return Strip(segments).adjust_cell_length(width, base)

    def text_row(self, text: str, width: int, selected: bool, style: Style | None = None
                 ) -> Strip:
        """A row of one text, truncated by cells."""
        return self.strip([(fit(text, width), style)], width, selected)

    # -- drawing -------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if index >= self.row_count or width <= 0:
            return Strip.blank(width, self.rich_style)
        return self.render_row(index, width, index == self.cursor)

    def refresh_row(self, index: int) -> None:
        """Redraw one row if it is on screen."""
        y = index - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.row_count)
        self.scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh_row(self.cursor)

    def on_blur(self) -> None:
        self.refresh_row(self.cursor)

    # -- cursor --------------------------------------------------------------------------
    def move_to(self, index: int, *, announce: bool = True) -> None:
        """Put the cursor on row ``index`` (clamped), scroll it into view, post ``Moved``."""
        if self.row_count == 0:
            self.cursor = -1
            return
        index = max(0, min(index, self.row_count - 1))
        old = self.cursor
        self.cursor = index
        self.refresh_row(old)
        self.refresh_row(index)
        self.scroll_to_cursor()
        if announce and old != index:
            self.post_message(self.Moved(self, index))

    def scroll_to_cursor(self) -> None:
        """Scroll just enough that the cursor row is visible."""
        if self.cursor < 0:
            return
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif height and self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _step(self, start: int, direction: int) -> int | None:
        index = start
        while 0 <= index + direction < self.row_count:
            index += direction
            if self.is_selectable(index):
                return index
        return None

    def action_cursor_down(self) -> None:
        """Move to the next selectable row."""
        found = self._step(self.cursor, 1)
        if found is not None:
            self.move_to(found)

    def action_cursor_up(self) -> None:
        """Move to the previous selectable row."""
        found = self._step(self.cursor, -1)
        if found is not None:
            self.move_to(found)

    def action_page_down(self) -> None:
        """Move down one screen."""
        target = min(self.row_count - 1, self.cursor + max(1, self.size.height - 1))
        found = target if self.is_selectable(target) else self._step(target, -1)
        if found is not None:
            self.move_to(found)

    def action_page_up(self) -> None:
        """Move up one screen."""
        target = max(0, self.cursor - max(1, self.size.height - 1))
        found = target if self.is_selectable(target) else self._step(target, 1)
        if found is not None:
            self.move_to(found)

    def action_first(self) -> None:
        """Move to the first selectable row."""
        found = 0 if self.row_count and self.is_selectable(0) else self._step(0, 1)
        if found is not None:
            self.move_to(found)

    def action_last(self) -> None:
        """Move to the last selectable row."""
        last = self.row_count - 1
        found = last if last >= 0 and self.is_selectable(last) else self._step(last, -1)
        if found is not None:
            self.move_to(found)

    def action_select(self) -> None:
        """Choose the row under the cursor."""
        if 0 <= self.cursor < self.row_count and self.is_selectable(self.cursor):
            self.post_message(self.Chosen(self, self.cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < self.row_count and self.is_selectable(index):
            event.stop()
            self.focus()
            self.move_to(index)
            self.post_message(self.Chosen(self, index))
