"""Markdown escaping of feed text, safe link output and Obsidian tag names.

Feed text is data, never Markdown: :func:`md_escape` makes a string render as exactly the
characters it holds in CommonMark, GitHub Flavored Markdown and Obsidian. Escaped with a
backslash (CommonMark 0.31 "Backslash escapes": any ASCII punctuation may be escaped):

- everywhere: ``\\`` `````` ``*`` ``_`` ``[`` ``]`` ``<`` ``>`` ``#`` ``|`` ``$`` ``^`` ``~``
  (HTML, links and images, code spans, emphasis, headings and Obsidian tags, GFM tables,
  Obsidian maths, Obsidian block ids and footnotes, GFM strikethrough);
- ``!`` before ``[`` (images), ``&`` before a letter or ``#`` (entity references),
  ``%%`` (Obsidian comments) and ``==`` (Obsidian highlights);
- at the start of a line: ``-``, ``+`` and ``1.``/``1)`` followed by a blank (list items),
  ``=`` and a line of dashes (setext headings, thematic breaks); leading spaces are dropped
  (indented code blocks).

A bare ``http(s)://`` URL in the text becomes an explicit autolink ``<url>``: its visible text
is the URL itself, so no text can point somewhere it does not show, and escaping never breaks
it. Terminal controls are removed first (:func:`brief_tui.domain.text.clean_text`).
"""

from __future__ import annotations

import re
import unicodedata

from brief_tui.domain.text import clean_line, clean_text

_ALWAYS = re.compile(r"[\\`*_\[\]<>#|$^~]|!(?=\[)|&(?=[A-Za-z#])|%(?=%)|(?<=%)%|=(?==)|(?<==)=")
# Block markers at the start of a line: list items (``-``/``+``/``1.``/``1)`` before a blank
# or the end), setext underlines and thematic breaks (a line of ``-``/``=``), ``=`` headings.
_LINE_START = re.compile(r"^(?:[-+](?=[ \t]|$)|-(?=[-\s]*$)|=|\d{1,9}(?=[.)](?:[ \t]|$)))")
_URL = re.compile(r"https?://[^\s<>\"`\\\[\]]+", re.IGNORECASE)
_URL_TRAIL = ".,;:!?'\"*_~"
_SURROGATES = re.compile("[\ud800-\udfff]")
# Characters percent-encoded in URLs we write: space, controls, and those Markdown gives a
# meaning inside link destinations or autolinks.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f<>\"`\\{}|^]|[\u2028\u2029\ufeff]")


def clean(text: str | None) -> str:
    """Controls removed (:func:`clean_text`) and lone surrogates replaced by U+FFFD.

    Every string the export writes goes through this, so the file is always valid UTF-8.
    """
    return clean_text(_SURROGATES.sub("\ufffd", text or ""))


def clean_one_line(text: str | None) -> str:
    """:func:`clean` then whitespace collapsed to single spaces (titles, names, tags)."""
    return clean_line(_SURROGATES.sub("\ufffd", text or ""))


def _escape_plain(text: str) -> str:
    return _ALWAYS.sub(lambda m: "\\" + m.group(0), text)


def _trim_url(url: str) -> tuple[str, str]:
    """Split trailing sentence punctuation (and unbalanced ``)``) off a URL found in text."""
    tail = ""
    while url:
        last = url[-1]
        if last in _URL_TRAIL or (last == ")" and url.count("(") < url.count(")")):
            tail = last + tail
            url = url[:-1]
        else:
            break
    return url, tail


def _escape_line(line: str) -> str:
    line = line.lstrip(" \t").rstrip(" \t")
    out: list[str] = []
    pos = 0
    for m in _URL.finditer(line):
        url, tail = _trim_url(m.group(0))
        if len(url) <= len("https://"):
            continue
        out.append(_escape_plain(line[pos:m.start()]))
        out.append("<" + safe_url(url) + ">")
        pos = m.start() + len(url)
        if tail:
            out.append(_escape_plain(tail))
            pos += len(tail)
    out.append(_escape_plain(line[pos:]))
    text = "".join(out)
    return _LINE_START.sub(lambda m: "\\" + m.group(0) if not m.group(0).isdigit()
                           else m.group(0) + "\\", text)


def md_escape(text: str | None) -> str:
    """Escape text so Markdown renders it literally (see the module docstring).

    Args:
        text: feed text (one line or paragraphs separated by LF), or ``None``.

    Returns:
        Markdown source that displays ``text``; controls removed, lines stripped of leading
        and trailing blanks, bare web URLs as ``<url>`` autolinks. ``None`` gives ``""``.
    """
    return "\n".join(_escape_line(line) for line in clean(text).split("\n"))


def md_quote(markdown: str | None) -> str:
    """Prefix every line of (already escaped) Markdown with ``> ``; blank lines get ``>``."""
    return "\n".join(f"> {line}" if line.strip() else ">"
                     for line in clean(markdown).strip("\n").split("\n"))


def safe_url(url: str) -> str:
    """Percent-encode what would end a link destination or autolink early.

    Spaces, controls, ``<``, ``>``, ``"``, backquote, backslash, ``{``, ``}``, ``|``, ``^``
    become ``%XX`` (UTF-8); everything else is kept as written, so the URL means the same.
    """
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")),
                           clean(url).strip())


def web_url(url: str | None) -> str | None:
    """The URL when it is an absolute ``http``/``https`` URL with a host, else ``None``."""
    url = clean(url).strip()
    m = re.match(r"(?i)https?://[^/?#\s]+", url)
    return url if m else None


def md_autolink(url: str | None) -> str:
    """``<url>`` for a web URL (RFC 3986 ``http``/``https``); any other value as escaped text.

    CommonMark autolinks show their target as their text and process no escapes or entities
    inside, so the result can neither hide its target nor run into the next token.
    """
    web = web_url(url)
    if web is None:
        return md_escape(url)
    return "<" + safe_url(web) + ">"


def md_link(text: str | None, url: str | None) -> str:
    """``[text](<url>)`` with ``text`` escaped, or the escaped text alone when ``url`` is not a
    web URL. Inside the destination ``&`` before a letter or ``#`` is backslash-escaped
    (CommonMark decodes entity references there)."""
    label = md_escape(text) or md_escape(url)
    web = web_url(url)
    if web is None:
        return label
    dest = re.sub(r"&(?=[A-Za-z#])", r"\\&", safe_url(web))
    return f"[{label}](<{dest}>)"


def obsidian_tag(tag: str | None) -> str:
    """A tag Obsidian accepts in front matter and as ``#tag``: letters, digits, ``_``, ``-``
    and ``/`` (nesting); at least one character that is not a digit.

    Args:
        tag: a canonical tag (:func:`brief_tui.domain.tags.normalise_tag`).

    Returns:
        The tag with every other character replaced by ``-`` (runs collapsed, ends and empty
        nesting levels trimmed), ``_`` prepended when it is all digits; ``""`` when nothing is
        left.
    """
    text = unicodedata.normalize("NFC", clean(tag)).casefold()
    chars = [c if c in "_-/" or unicodedata.category(c)[0] in "LMN" else "-" for c in text]
    out = re.sub(r"-{2,}", "-", "".join(chars))
    parts = [p.strip("-") for p in out.split("/")]
    out = "/".join(p for p in parts if p)
    if out and all(c.isdigit() for c in out.replace("/", "")):
        out = "_" + out
    return out


def obsidian_tags(tags) -> list[str]:
    """:func:`obsidian_tag` of each tag, without empties and duplicates, sorted."""
    return sorted({t for t in (obsidian_tag(x) for x in tags) if t})
