"""Reading mode: a story's plain text with a sentence cursor, the analyst's highlights and the
search's matches marked.

Every mark is a pair of character offsets into ``story.text``, the offsets the engine uses for
sentences and highlights: a mark on ``(start, end)`` styles exactly ``text[start:end]`` (the
spaces where a line wraps and the newlines are not drawn). The text is laid out once per width
(:func:`wrap_lines`) into lines that are themselves offset pairs, and drawn with the Line API:
only the lines on screen are built, so moving the cursor through a 100 KB story costs the same
as through a short one.

Feed text is drawn literally, never parsed as markup. Escape sequences and control characters
(which the engine already removes before storing) are not drawn; offsets stay those of the
story's text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from brief_tui.tui.safe import graphemes

Span = tuple[int, int]

GUTTER = 2
"""Cells left of the text: a bar marks lines with the cursor or a highlight."""
GUTTER_MARK = "▌ "

HIDDEN = "\x00"
"""Stands in the display text for a character that is not drawn (part of an escape sequence,
a control); removed when a line is drawn, so offsets stay those of the story's text."""

# A whole escape sequence, as brief_tui.domain.text removes it: CSI (ESC [ or U+009B) with its
# parameters; OSC/DCS/SOS/PM/APC strings up to BEL or ST; any other two-character escape.
_ESC_SEQ = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[\x20-\x7e]?")
_CONTROLS = {c: HIDDEN for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
                                 *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF)}
_CONTROLS.update({0x09: " ", 0x0D: " ", 0x2028: " ", 0x2029: " "})
_DISPLAY = str.maketrans(_CONTROLS)


# Mark names, in the order their styles are laid over each other (the cursor last, on top).
HIGHLIGHT = "highlight"
MATCH = "match"
FOCUS = "focus"
CURSOR = "cursor"
MARKS = (HIGHLIGHT, MATCH, FOCUS, CURSOR)
CURSOR_HIGHLIGHT = "cursor-highlight"
"""Drawn instead of the cursor where it lies on a highlight (so both stay visible)."""


def display_text(text: str) -> str:
    """``text`` as drawn, one character for one: whole escape sequences and controls become
    :data:`HIDDEN` (not drawn), tabs and carriage returns spaces; LF stays."""
    if _ESC_SEQ.search(text):
        text = _ESC_SEQ.sub(lambda m: HIDDEN * len(m.group()), text)
    return text.translate(_DISPLAY)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted union of ``(start, end)`` spans, empty ones dropped; touching spans stay apart
    (two highlighted sentences remain two marks)."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


class SpanSet:
    """Sorted, non-overlapping spans with fast lookups by offset."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.spans = merge_spans(spans)
        self._starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def covers(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a span."""
        index = bisect_right(self._starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]

    def within(self, start: int, end: int) -> list[Span]:
        """The spans meeting ``[start, end)``, clipped to it."""
        index = max(0, bisect_right(self._starts, start) - 1)
        out = []
        for s, e in self.spans[index:]:
            if s >= end:
                break
            if e > start:
                out.append((max(s, start), min(e, end)))
        return out


def _wrap_ascii(text: str, a: int, b: int, width: int, out: list[Span]) -> None:
    pos = a
    while b - pos > width:
        cut = text.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # no space to break at: cut the word
            out.append((pos, pos + width))
            pos += width
        else:
            out.append((pos, cut))
            pos = cut + 1
    out.append((pos, b))


def _wrap_cells(text: str, a: int, b: int, width: int, out: list[Span]) -> None:
    spans = [(a + s, a + e, c) for s, e, c in graphemes(text[a:b])]
    first = 0          # index of the first grapheme of the current line
    cells = 0
    space = -1         # index of the last space grapheme on the current line
    i = 0
    while i < len(spans):
        start, _, size = spans[i]
        if text[start] == " ":
            space = i
        if cells + size > width and i > first:
            if first < space:  # break at the last space, which is not drawn
                out.append((spans[first][0], spans[space][0]))
                first = space + 1
            else:  # one long word: cut it between graphemes
                out.append((spans[first][0], start))
                first = i
            space = -1
            cells = sum(c for _, _, c in spans[first:i])
            continue
        cells += size
        i += 1
    out.append((spans[first][0] if first < len(spans) else b, b))


def wrap_lines(text: str, width: int) -> list[Span]:
    """Lay ``text`` out in lines of at most ``width`` terminal cells.

    Lines break at the last space that fits (the space is not drawn) or, in a word longer
    than the line, between graphemes (never inside one). Newlines end lines; runs of blank
    lines show as one blank line, and leading blank lines are dropped.

    Args:
        text: the display text (see :func:`display_text`).
        width: cells per line (at least 1).

    Returns:
        ``(start, end)`` offsets of each line; a blank line is an empty span.
    """
    width = max(1, width)
    out: list[Span] = []
    pos = 0
    length = len(text)
    ascii_only = text.isascii()
    while pos <= length:
        nl = text.find("\n", pos)
        end = length if nl < 0 else nl
        if end == pos or not text[pos:end].strip():
            if out and out[-1][0] != out[-1][1]:
                out.append((pos, pos))
        elif ascii_only or text[pos:end].isascii():
            _wrap_ascii(text, pos, end, width, out)
        else:
            _wrap_cells(text, pos, end, width, out)
        if nl < 0:
            break
        pos = nl + 1
    while out and out[-1][0] == out[-1][1]:
        out.pop()
    return out


def line_parts(text: str, start: int, end: int, marks: dict[str, SpanSet | Span | None]
               ) -> list[tuple[str, frozenset[str]]]:
    """Cut one line ``text[start:end]`` where marks begin and end.

    Args:
        text: the display text. start / end: the line's offsets.
        marks: mark name -> its spans (a :class:`SpanSet`, one span, or ``None``).

    Returns:
        ``(piece, names)`` in order; the pieces join to ``text[start:end]``; ``names`` are the
        marks covering the piece.
    """
    sets: dict[str, SpanSet] = {}
    cuts = {start, end}
    for name, value in marks.items():
        if value is None:
            continue
        spans = value if isinstance(value, SpanSet) else SpanSet([value])
        inside = spans.within(start, end)
        if inside:
            sets[name] = spans
            for s, e in inside:
                cuts.add(s)
                cuts.add(e)
    points = sorted(cuts)
    parts = []
    for a, b in pairwise(points):
        names = frozenset(name for name, spans in sets.items() if spans.covers(a))
        parts.append((text[a:b], names))
    return parts


class ReadingText(Widget):
    """The text of one story in reading mode. The article pane owns it and scrolls it.

    Give it text with :meth:`set_text`, marks with :meth:`set_marks` and the cursor with
    :meth:`set_cursor`; :meth:`region_of` says where a span is drawn (for scrolling to it).
    """

    COMPONENT_CLASSES = {
        "reading--highlight",  # the analyst's highlights
        "reading--match",      # search matches
        "reading--focus",      # the item chosen in the highlights pane (a figure, a name)
        "reading--cursor",     # the sentence cursor
        "reading--cursor-highlight",  # the cursor on a highlighted sentence
        "reading--gutter-cursor",
        "reading--gutter-highlight",
        "reading--empty",
    }

    EMPTY = "This story has no text."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        self._shown = ""
        self.highlights = SpanSet()
        self.matches = SpanSet()
        self.focus_span: Span | None = None
        self.cursor: Span | None = None
        self._width = -1
        self._lines: list[Span] = []
        self._starts: list[int] = []
        self._styles: dict[str, Style] = {}

    # -- content -------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Show ``text`` (a story's ``text``), with no marks and no cursor."""
        self.text = text
        self._shown = display_text(text)
        self.highlights = SpanSet()
        self.matches = SpanSet()
        self.focus_span = None
        self.cursor = None
        self._width = -1
        self.refresh(layout=True)

    def set_marks(self, *, highlights: Iterable[Span] | None = None,
                  matches: Iterable[Span] | None = None) -> None:
        """Replace the highlight and/or match spans (``None`` keeps them)."""
        if highlights is not None:
            self.highlights = SpanSet(highlights)
        if matches is not None:
            self.matches = SpanSet(matches)
        self.refresh()

    def set_cursor(self, span: Span | None, focus: Span | None = None) -> None:
        """Put the cursor on ``span`` (``None`` removes it), with an optional ``focus`` span
        inside it (a figure or a name chosen in the highlights pane)."""
        self.cursor = span
        self.focus_span = focus
        self.refresh()

    # -- layout --------------------------------------------------------------------------
    def lines(self, width: int | None = None) -> list[Span]:
        """The laid-out lines at ``width`` cells (default: the widget's width)."""
        width = self.size.width if width is None else width
        text_width = max(1, width - GUTTER)
        if text_width != self._width:
            self._lines = wrap_lines(self._shown, text_width)
            self._starts = [s for s, _ in self._lines]
            self._width = text_width
        return self._lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.lines(width)))

    def line_of(self, offset: int) -> int:
        """The line (0-based) on which ``offset`` is drawn."""
        self.lines()
        return max(0, bisect_right(self._starts, offset) - 1)

    def region_of(self, start: int, end: int) -> Region:
        """The region of this widget in which ``text[start:end]`` is drawn."""
        top = self.line_of(start)
        bottom = self.line_of(max(start, end - 1))
        return Region(0, top, self.size.width, bottom - top + 1)

    # -- drawing -------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        """A mark's style: the background of the highlight and the cursor, the colour and
        emphasis of the others, so that a match keeps its colour under the cursor."""
        style = self._styles.get(name)
        if style is None:
            full = self.get_visual_style(f"reading--{name}").rich_style
            if name in (HIGHLIGHT, CURSOR, CURSOR_HIGHLIGHT):
                style = Style(bgcolor=full.bgcolor, bold=full.bold or None)
            else:
                style = Style(color=full.color, bold=full.bold, italic=full.italic,
                              underline=full.underline, reverse=full.reverse)
            self._styles[name] = style
        return style

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        lines = self.lines()
        if not lines:
            if y == 0:
                return Strip([Segment(" " * GUTTER + self.EMPTY, base + self._style("empty"))]
                             ).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if y >= len(lines):
            return Strip.blank(width, base)
        start, end = lines[y]
        marks = {HIGHLIGHT: self.highlights, MATCH: self.matches, FOCUS: self.focus_span,
                 CURSOR: self.cursor}
        parts = line_parts(self._shown, start, end, marks) if end > start else []
        on_cursor = self.cursor is not None and _meets(self.cursor, start, end)
        on_highlight = bool(self.highlights.within(start, end)) if end > start else False
        if on_cursor:
            gutter = Segment(GUTTER_MARK, base + self._style("gutter-cursor"))
        elif on_highlight:
            gutter = Segment(GUTTER_MARK, base + self._style("gutter-highlight"))
        else:
            gutter = Segment(" " * GUTTER, base)
        segments = [gutter]
        for piece, names in parts:
            style = base
            for name in MARKS:
                if name in names:
                    if name == CURSOR and HIGHLIGHT in names:
                        name = CURSOR_HIGHLIGHT
                    style = style + self._style(name)
            segments.append(Segment(piece.replace(HIDDEN, ""), style))
        return Strip(segments).adjust_cell_length(width, base)


def _meets(span: Span, start: int, end: int) -> bool:
    if end == start:
        return False
    return span[0] < end and span[1] > start


def sentence_at(sentences: Sequence[Span], offset: int) -> int:
    """The index of the sentence containing ``offset`` (or the last one starting before it);
    0 when none does."""
    starts = [s for s, _ in sentences]
    return max(0, bisect_right(starts, offset) - 1)
