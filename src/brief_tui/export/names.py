"""Safe file names for exported Markdown.

A title can hold anything (``../../etc/passwd``, ``/abs``, NUL, ``CON``, 2 KB of emoji). A name
made here is one path component: lower-case letters, marks and digits of any script with
``-`` between words (``_`` kept), never empty, never starting with ``.`` or ``-``, never a
Windows reserved device name (``con``, ``nul``, ``com1``…), at most :data:`MAX_STEM_BYTES`
bytes of UTF-8 before the ``.md`` (cut between code points and never before a combining mark),
and unique within one export (``-2``, ``-3``… compared case-insensitively).
"""

from __future__ import annotations

import re
import unicodedata

from brief_tui.export.escape import clean

MAX_STEM_BYTES = 120
"""Bytes of UTF-8 allowed for a name without its suffix (file systems allow 255 per name)."""
SUFFIX = ".md"
_RESERVED = {"con", "prn", "aux", "nul", "clock$", "conin$", "conout$",
             *(f"com{i}" for i in "0123456789¹²³"), *(f"lpt{i}" for i in "0123456789¹²³")}


def _keep(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch)[0] in "LMN"


def cut_utf8(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 is at most ``limit`` bytes, ending between
    code points and not just before a combining mark or joiner (which would change the glyph).
    """
    if len(text.encode("utf-8")) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    while cut and len(cut) < len(text) and (
            unicodedata.category(text[len(cut)])[0] == "M" or text[len(cut)] in "\u200c\u200d"):
        cut = cut[:-1]
    return cut


def slugify(text: str | None, *, limit: int = MAX_STEM_BYTES) -> str:
    """A file-name stem from any text: ``"Acme Corp raises $40m!"`` -> ``"acme-corp-raises-40m"``.

    Args:
        text: a title, tag or query (any characters).
        limit: maximum UTF-8 bytes of the result.

    Returns:
        Letters, marks, digits and ``_`` of the NFC-normalised lower-cased text, every other
        run of characters as one ``-``; no leading/trailing ``-``; may be ``""``.
    """
    text = unicodedata.normalize("NFC", clean(text)).lower()
    out = re.sub(r"-+", "-", "".join(c if _keep(c) else "-" for c in text)).strip("-")
    return cut_utf8(out, limit).strip("-")


def safe_stem(text: str | None, fallback: str) -> str:
    """:func:`slugify` of ``text``, else of ``fallback``, never a reserved device name."""
    stem = slugify(text) or slugify(fallback) or "export"
    if stem.split(".")[0] in _RESERVED:
        stem += "_"
    return stem


class NameSet:
    """Hands out unique file names within one export: ``name.md``, ``name-2.md``…"""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def add(self, stem: str) -> str:
        """Reserve and return a unique ``<stem>[-N].md`` (``stem`` from :func:`safe_stem`)."""
        n = 1
        while True:
            suffix = "" if n == 1 else f"-{n}"
            name = cut_utf8(stem, MAX_STEM_BYTES - len(suffix)).rstrip("-") + suffix + SUFFIX
            if name.casefold() not in self._taken:
                self._taken.add(name.casefold())
                return name
            n += 1


def check_relative(name: str) -> None:
    """Raise ``ValueError`` unless ``name`` is a relative path of plain components (no ``..``,
    ``.``, empty part, NUL, backslash, drive or absolute root)."""
    parts = name.split("/")
    if (not name or "\x00" in name or "\\" in name or ":" in name or name.startswith("/")
            or any(p in ("", ".", "..") for p in parts)):
        raise ValueError(f"{name!r} is not a safe relative file name")
