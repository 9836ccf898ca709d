"""The one sanitising path for text that came from the network or a file.

Every string from a feed, briefing, fetched page or OPML passes through :func:`clean_text`
(multi-line bodies) or :func:`clean_line` (titles, names, one-line fields) before it is stored,
so nothing downstream — the TUI, the command line, Markdown export — can receive terminal
control sequences. Removed: C0 controls except TAB and LF, DEL, C1 controls (U+0080–U+009F),
whole ESC sequences (CSI, OSC including OSC 8 links and OSC 52 clipboard writes, DCS/SOS/PM/APC
strings, two-byte escapes) and Unicode bidi overrides/isolates (U+202A–U+202E, U+2066–U+2069).
CR and CRLF become LF. Markup in the text (``[bold]``) is left as typed: rendering it literally is
the job of each face (see ``brief_tui.tui.safe``).
"""

from __future__ import annotations

import re

# A complete escape sequence, 7-bit or 8-bit (ECMA-48):
#  - CSI: ESC [ or U+009B, parameter bytes 0x30-0x3F, intermediates 0x20-0x2F, a final 0x40-0x7E
#  - OSC/DCS/SOS/PM/APC: ESC ] P X ^ _ (or U+009D U+0090 U+0098 U+009E U+009F) up to BEL or ST
#    (ESC \ or U+009C), or to the end of the string when unterminated
#  - any other two-character escape ESC x
_ESC_SEQ = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c|$)"
    r"|\x1b[\x20-\x7e]?"
)
# Controls that are dropped outright once sequences are gone (TAB and LF are kept).
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_BLANKS = re.compile(r"[ \t]*\n[ \t]*\n[\s]*")
_SPACES = re.compile(r"\s+")
_FAST_OK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")


def clean_text(text: str | None) -> str:
    """Remove terminal control sequences and unsafe code points from multi-line text.

    Args:
        text: any string from outside the program, or ``None``.

    Returns:
        The text with escape sequences removed whole, CR/CRLF/VT/FF/NEL/LS/PS turned into LF,
        and the remaining C0/C1 controls, DEL and bidi overrides dropped. TAB and LF stay.
        Visible characters are never changed. ``None`` gives ``""``.
    """
    if not text:
        return ""
    if _FAST_OK.search(text) is None:
        return text
    text = _ESC_SEQ.sub("", text)
    text = _NEWLINES.sub("\n", text)
    return _CONTROLS.sub("", text)


def clean_line(text: str | None) -> str:
    """Like :func:`clean_text`, then collapse all whitespace (including newlines) to one space.

    Use for titles, author names, feed titles, tags: anything shown on one line.
    """
    return _SPACES.sub(" ", clean_text(text)).strip()


def tidy_paragraphs(text: str) -> str:
    """Normalise a cleaned body: strip line-end spaces, at most one blank line between paragraphs.

    Args:
        text: output of :func:`clean_text`.

    Returns:
        The text with trailing spaces removed on each line, runs of blank lines reduced to one,
        and no leading or trailing blank lines.
    """
    lines = [line.rstrip() for line in text.split("\n")]
    out: list[str] = []
    blank = False
    for line in lines:
        if not line.strip():
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        out.append(line)
    return "\n".join(out)


def shorten(text: str, limit: int, ellipsis: str = "…") -> str:
    """Cut one-line text to at most ``limit`` characters at a word boundary when possible.

    Args:
        text: the text (already cleaned).
        limit: the maximum length in characters (code points), ``>= 1``.

    Returns:
        ``text`` unchanged when short enough, else a prefix ending in ``ellipsis``.
    """
    text = _SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if text[len(cut)] != " " and space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ellipsis
