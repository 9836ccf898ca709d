"""Full text of a linked article page, extracted with trafilatura.

trafilatura finds the main text of a page (no navigation, no comments) and writes it as
Markdown. The Markdown is then made safe: terminal controls removed, links resolved against the
page URL and any link whose scheme is not ``http``/``https``/``mailto`` reduced to its text. A
page whose article is built by JavaScript (case B41) gives no text: :func:`extract_article`
returns ``None`` and the caller keeps the feed's own summary; :func:`page_description` still
offers the page's ``og:description``/``<meta name="description">``.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from brief_tui.domain.text import clean_line, clean_text

# [label](target "title") and ![alt](src); targets may hold one level of parentheses.
_MD_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?"
                      r"([^()\s<>]*(?:\([^()\s]*\)[^()\s<>]*)*)>?"
                      r"(\s+\"[^\"]*\")?\s*\)")
_SAFE_SCHEMES = ("http", "https", "mailto")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


@dataclass(frozen=True, slots=True)
class FullText:
    """The extracted article.

    Attributes:
        markdown: the article as Markdown (links kept, images and comments dropped), safe to
            render: no terminal controls, only ``http``/``https``/``mailto`` link targets.
        text: the same article as plain text (paragraphs separated by one blank line, link
            text kept, URLs dropped).
        description: the page's ``og:description`` / meta description, or ``""``.
    """

    markdown: str
    text: str
    description: str = ""


def _decode(body: bytes, headers: Mapping[str, str] | None) -> bytes | str:
    """The page as text when the response names a known charset, else the bytes."""
    for key, value in (headers or {}).items():
        if key.lower() == "content-type":
            m = _CHARSET.search(value or "")
            if m:
                try:
                    codecs.lookup(m.group(1))
                except LookupError:
                    return body
                return clean_text(body.decode(m.group(1), errors="replace"))
    return body


def _safe_links(markdown: str, base: str) -> str:
    def fix(m: re.Match) -> str:
        bang, label, target, title = m.group(1), m.group(2), m.group(3), m.group(4) or ""
        try:
            absolute = urljoin(base, target) if target else ""
            scheme = urlsplit(absolute).scheme.lower()
        except ValueError:
            absolute, scheme = "", ""
        if not absolute or scheme not in _SAFE_SCHEMES:
            return label if not bang else ""
        return f"{bang}[{label}]({absolute}{title})"

    return _MD_LINK.sub(fix, markdown)


def _markdown_to_text(markdown: str) -> str:
    from brief_tui.parse.markdown_text import markdown_to_text

    return markdown_to_text(markdown)


def extract_article(body: bytes, *, url: str,
                    headers: Mapping[str, str] | None = None) -> FullText | None:
    """Extract the main article of an HTML page.

    Args:
        body: the page bytes as fetched (after content decoding).
        url: the page's final URL (base for relative links; nothing is fetched).
        headers: response headers; a ``Content-Type`` charset is honoured.

    Returns:
        A :class:`FullText`, or ``None`` when trafilatura finds no article text (a
        JavaScript-only page, an empty body, a non-HTML document).
    """
    if not body or not body.strip():
        return None
    import trafilatura

    try:
        markdown = trafilatura.extract(
            _decode(body, headers), url=url, output_format="markdown", include_comments=False,
            include_links=True, include_tables=True, include_images=False)
    except (ValueError, TypeError, LookupError):
        return None
    markdown = clean_text(markdown or "").strip()
    if not markdown:
        return None
    markdown = _safe_links(markdown, url)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown)
    text = _markdown_to_text(markdown)
    if not text.strip():
        return None
    return FullText(markdown=markdown, text=text, description=page_description(body, url=url))


def page_description(body: bytes, *, url: str = "") -> str:
    """The description a page gives of itself, for when no article can be extracted.

    Args:
        body: the page bytes.
        url: the page URL (unused today; kept for symmetry with the other parsers).

    Returns:
        The first non-empty of ``<meta property="og:description">``,
        ``<meta name="description">``, ``<meta name="twitter:description">``, cleaned to one
        line; ``""`` when there is none.
    """
    del url
    if not body or not body.strip():
        return ""
    from lxml import etree

    parser = etree.HTMLParser(recover=True, no_network=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.ParserError, ValueError):
        return ""
    if root is None:
        return ""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in ("og:description", "description", "twitter:description") and key not in found:
            found[key] = clean_line(meta.get("content") or "")
    for key in ("og:description", "description", "twitter:description"):
        if found.get(key):
            return found[key]
    return ""
