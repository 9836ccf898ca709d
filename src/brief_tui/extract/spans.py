"""Sentence and paragraph spans of a story's plain text (character offsets, end exclusive).

Sentences come from nupunkt (no data download) run line by line: a line break always ends a
sentence, because headings, list items and labels carry no full stop.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PARA_BREAK = re.compile(r"\n[ \t]*\n")
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _splitter():
    import nupunkt

    return nupunkt.sent_spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split plain text into sentences.

    Args:
        text: a story's plain text (paragraphs separated by blank lines).

    Returns:
        ``(start, end)`` character offsets, in order, non-overlapping, each ``text[start:end]``
        a sentence with no leading or trailing whitespace; a sentence never spans a line break.
        ``[]`` for empty or whitespace-only text.
    """
    if not text:
        return []
    split = _splitter()
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        base = line.start()
        chunk = line.group(0)
        if not chunk.strip():
            continue
        try:
            parts = split(chunk)
        except Exception:  # noqa: BLE001 - a tokenizer failure must not lose the line
            parts = [(0, len(chunk))]
        last = 0
        for s, e in parts:
            s, e = max(s, last), min(e, len(chunk))
            span = _trimmed(text, base + s, base + e) if e > s else None
            if span:
                out.append(span)
                last = e
        tail = _trimmed(text, base + last, line.end())
        if tail:
            out.append(tail)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Split plain text into paragraphs at blank lines.

    Args:
        text: a story's plain text.

    Returns:
        ``(start, end)`` character offsets of each non-blank paragraph, trimmed of surrounding
        whitespace, in order. ``[]`` for empty text.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _PARA_BREAK.finditer(text):
        span = _trimmed(text, pos, m.start())
        if span:
            out.append(span)
        pos = m.end()
    span = _trimmed(text, pos, len(text))
    if span:
        out.append(span)
    return out
