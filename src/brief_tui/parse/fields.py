"""Small field helpers shared by the RSS/Atom and JSON Feed parsers: URLs, languages, bodies."""

from __future__ import annotations

import html as html_lib
import re
from urllib.parse import urljoin, urlsplit

from brief_tui.domain.models import Enclosure
from brief_tui.domain.text import clean_line, clean_text, tidy_paragraphs
from brief_tui.parse.html import sanitise_html, sanitised_text

# An absolute http(s) URL with a host: nothing to resolve or check (the common case).
_ABSOLUTE_HTTP = re.compile(r"https?://[^/?#\s]+(?:[/?#]|$)", re.I)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str | None) -> str:
    """Decode complete character references (``&amp;``, ``&#8217;``, ``&eacute;``) in text.

    Only references ending in ``;`` are decoded, so ``"R&D"`` and ``"AT&copy"`` stay as typed.
    The result still needs :func:`~brief_tui.domain.text.clean_line`/``clean_text``.
    """
    if not text or "&" not in text:
        return text or ""
    return _ENTITY.sub(lambda m: html_lib.unescape(m.group(0)), text)


def absolute_url(url: str | None, base: str | None) -> str | None:
    """Resolve ``url`` against ``base`` (RFC 3986); ``None`` for an empty URL.

    ``feed:`` URLs become ``http:``; whitespace and controls are removed. A URL that cannot be
    parsed is returned cleaned but unresolved.
    """
    url = clean_line(url).replace(" ", "%20") if url else ""
    if not url:
        return None
    if url.lower().startswith("feed://"):
        url = "http://" + url[7:]
    elif url.lower().startswith("feed:http"):
        url = url[5:]
    if base and not _ABSOLUTE_HTTP.match(url):
        try:
            return urljoin(base, url)
        except ValueError:
            return url
    return url


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute ``http``/``https`` URL, else ``None`` (e.g. ``tag:`` ids)."""
    if not url:
        return None
    if _ABSOLUTE_HTTP.match(url):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    return None


def make_enclosure(url: str | None, mime: object, length: object,
                   base: str | None) -> Enclosure | None:
    """An :class:`Enclosure` with an absolute URL, or ``None`` when there is no URL.

    Args:
        url: the attachment URL as written (may be relative).
        mime: the MIME type; non-strings and blanks give ``None``.
        length: size in bytes as a string or number; anything not a non-negative integer
            gives ``None``.
        base: the URL relative URLs are resolved against.
    """
    resolved = absolute_url(url, base)
    if not resolved:
        return None
    mime_type = clean_line(mime).lower() if isinstance(mime, str) else ""
    size: int | None = None
    if isinstance(length, bool):
        size = None
    elif isinstance(length, int):
        size = length if length >= 0 else None
    elif isinstance(length, float) and length.is_integer() and length >= 0:
        size = int(length)
    elif isinstance(length, str) and length.strip().isdigit():
        size = int(length.strip())
    return Enclosure(url=resolved, type=mime_type or None, length=size)


_LANG = re.compile(r"^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$")


def norm_language(tag: object) -> str | None:
    """A BCP 47 language tag in its conventional case (``"EN-us"`` -> ``"en-US"``), or ``None``.

    Underscores become hyphens; the language subtag is lower case, a 2-letter region upper
    case, a 4-letter script title case. Values that are not tag-shaped give ``None``.
    """
    if not isinstance(tag, str):
        return None
    tag = tag.strip()
    if not tag or not _LANG.match(tag):
        return None
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def html_body(value: str, base: str | None) -> tuple[str | None, str]:
    """Sanitise an HTML body and derive its text: ``(html, text)``; html ``None`` when empty."""
    html = sanitise_html(value, base)
    if not html:
        return None, ""
    return html, sanitised_text(html)


def plain_body(value: str) -> str:
    """Clean a plain-text body: controls removed, paragraphs tidied (one blank line between)."""
    return tidy_paragraphs(clean_text(value)).strip("\n")
