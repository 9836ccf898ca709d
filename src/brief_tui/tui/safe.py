"""The one way text from feeds reaches the screen: literally, measured in terminal cells.

Feed text can contain anything, including strings that look like Textual/Rich markup
(``[@click=app.quit]x``, ``[/]``). Nothing here ever parses markup: every helper builds
:class:`~textual.content.Content` from plain strings, and notifications go out with
``markup=False``. Widths are terminal cells (:func:`rich.cells.cell_len`: CJK and most emoji
take 2), and truncation never splits a grapheme (combining marks, ZWJ sequences, variation
selectors and regional-indicator flag pairs stay whole).
"""

from __future__ import annotations

from rich.cells import cell_len, split_graphemes
from textual.content import Content

from brief_tui.domain.text import clean_line

ELLIPSIS = "…"

__all__ = ["ELLIPSIS", "cell_len", "fit", "graphemes", "line", "notify", "plain", "styled",
           "truncate"]


def line(value: object) -> str:
    """Return ``value`` as one clean line: controls removed, whitespace collapsed.

    The engine already cleans what it stores; this is the belt to its braces for anything
    that reaches a single screen line (titles, feed names, error messages).
    """
    return clean_line("" if value is None else str(value))


def plain(value: object) -> Content:
    """Content showing ``value`` exactly as typed (never parsed as markup)."""
    return Content("" if value is None else str(value))


def styled(value: object, style: str) -> Content:
    """Content showing ``value`` literally with a whole-text ``style`` (e.g. ``"bold"``).

    ``style`` is ours, never feed text.
    """
    return Content.styled("" if value is None else str(value), style)


def _is_regional(text: str, start: int, end: int) -> bool:
    return end - start == 1 and "\U0001f1e6" <= text[start] <= "\U0001f1ff"


def graphemes(text: str) -> list[tuple[int, int, int]]:
    """Split ``text`` into grapheme spans ``(start, end, cells)``.

    Rich's splitter keeps combining marks, ZWJ sequences and VS16 together; this also pairs
    regional indicators so a flag (two code points) is one 2-cell grapheme.
    """
    spans, _ = split_graphemes(text)
    out: list[tuple[int, int, int]] = []
    index = 0
    while index < len(spans):
        start, end, width = spans[index]
        if (_is_regional(text, start, end) and index + 1 < len(spans)
                and _is_regional(text, *spans[index + 1][:2])):
            nxt = spans[index + 1]
            out.append((start, nxt[1], width + nxt[2]))
            index += 2
            continue
        out.append((start, end, width))
        index += 1
    return out


def truncate(text: str, width: int, ellipsis: str = ELLIPSIS) -> str:
    """Cut ``text`` to at most ``width`` terminal cells, ending in ``ellipsis`` when cut.

    Args:
        text: one line of text.
        width: the cell budget (``<= 0`` gives ``""``).
        ellipsis: appended when the text was cut (its cells count toward ``width``).

    Returns:
        ``text`` when it fits, else the longest whole-grapheme prefix that leaves room for the
        ellipsis, plus the ellipsis. ``cell_len(result) <= width`` always holds.
    """
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    budget = width - cell_len(ellipsis)
    if budget < 0:
        return ""
    used = 0
    cut = 0
    for start, end, cells in graphemes(text):
        if used + cells > budget:
            break
        used += cells
        cut = end
    return text[:cut] + ellipsis


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Truncate ``text`` to ``width`` cells, then pad it with spaces to exactly ``width`` cells.

    Args:
        right: pad on the left (right-align) instead of the right.
    """
    cut = truncate(text, width)
    pad = " " * max(0, width - cell_len(cut))
    return pad + cut if right else cut + pad


def notify(target, message: object, *, title: str = "", severity: str = "information",
           timeout: float | None = None) -> None:
    """Show a notification whose text is taken literally (``markup=False``).

    Args:
        target: the app or any widget/screen (its ``notify`` is used).
        message: the text, which may contain feed titles or error messages.
        title: a title of ours (never feed text).
        severity: ``"information"``, ``"warning"`` or ``"error"``.
        timeout: seconds, or ``None`` for Textual's default.
    """
    text = "\n".join(clean_line(part) for part in str(message).split("\n"))
    kwargs = {"title": title, "severity": severity, "markup": False}
    if timeout is not None:
        kwargs["timeout"] = timeout
    target.notify(text, **kwargs)
