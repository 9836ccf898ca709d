"""Markdown to plain text, by walking markdown-it-py's token stream (CommonMark + GFM tables).

The plain text is what the store indexes and what highlights anchor to, so it keeps every word a
reader sees and nothing a reader does not: link text stays and URLs go, emphasis markers go,
images become their alt text, raw HTML loses its tags. Paragraphs, headings, quotes, code blocks
and whole lists or tables are separated by one blank line; list items and table rows stay on
their own lines (``- item``, ``1. item``, ``a | b``).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from brief_tui.domain.text import clean_text, tidy_paragraphs

_TAG = re.compile(r"<[^>]*>")
_NUMERIC_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));")


def _drop_control_refs(md: str) -> str:
    """Remove numeric references to control characters (``&#27;``) before parsing."""

    def repl(m: re.Match[str]) -> str:
        code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
        if code in (9, 10) or not (code < 32 or 127 <= code < 160):
            return m.group(0)
        return ""

    return _NUMERIC_REF.sub(repl, md)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _inline_text(children) -> str:
    out: list[str] = []
    for tok in children or ():
        kind = tok.type
        if kind in ("text", "code_inline"):
            out.append(tok.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "image":
            out.append(tok.content)
        elif kind == "html_inline" and tok.content.lower().startswith("<br"):
            out.append("\n")
    return "".join(out)


def _strip_html(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment)).strip()


class _Walker:
    """Collects blocks (paragraph strings) while walking the flat token list."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.group: list[str] = []        # lines of the current list or table
        self.lists: list[list] = []       # stack of [next number or None, item paragraph count]
        self.row: list[str] | None = None

    def line(self, text: str) -> None:
        if self.lists:
            depth = len(self.lists) - 1
            state = self.lists[-1]
            if state[1] == 0:
                marker = "- " if state[0] is None else f"{state[0] - 1}. "
            else:
                marker = "  "
            state[1] += 1
            prefix = "  " * depth + marker
            lines = text.split("\n")
            self.group.append(prefix + lines[0])
            self.group.extend("  " * depth + "  " + rest for rest in lines[1:])
        else:
            self.blocks.append(text)

    def flush(self) -> None:
        if self.group:
            self.blocks.append("\n".join(self.group))
            self.group = []

    def walk(self, tokens) -> str:
        for tok in tokens:
            kind = tok.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                if not self.lists:
                    self.flush()
                start = None
                if kind == "ordered_list_open":
                    start = int(tok.attrGet("start") or 1)
                self.lists.append([start, 0])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                if not self.lists:
                    self.flush()
            elif kind == "list_item_open":
                state = self.lists[-1]
                state[1] = 0
                if state[0] is not None:
                    state[0] += 1
            elif kind == "inline":
                text = _inline_text(tok.children)
                if self.row is not None:
                    self.row.append(" ".join(text.split()))
                elif text.strip():
                    self.line(text.strip())
            elif kind in ("fence", "code_block"):
                code = tok.content.rstrip("\n")
                if code.strip():
                    self.line(code)
            elif kind == "html_block":
                text = _strip_html(tok.content)
                if text:
                    self.line(" ".join(text.split()))
            elif kind == "table_open":
                self.flush()
            elif kind == "tr_open":
                self.row = []
            elif kind == "tr_close":
                if self.row and any(self.row):
                    self.group.append(" | ".join(self.row))
                self.row = None
            elif kind == "table_close":
                self.flush()
        self.flush()
        return "\n\n".join(b for b in self.blocks if b.strip())


def markdown_to_text(md: str) -> str:
    """Render Markdown as plain text.

    Args:
        md: CommonMark (with GFM tables and strikethrough), from any source; ``None``-safe for
            empty strings.

    Returns:
        Plain text, cleaned with :func:`~brief_tui.domain.text.clean_text`: link text kept and
        URLs dropped, emphasis removed, images as alt text, HTML tags removed (entities
        decoded), paragraphs and other blocks separated by exactly one blank line, list items as
        ``- item`` / ``N. item`` lines, table rows as ``cell | cell`` lines, no leading or
        trailing blank lines.
    """
    if not md or not md.strip():
        return ""
    text = _Walker().walk(_parser().parse(_drop_control_refs(clean_text(md))))
    return tidy_paragraphs(clean_text(text))
