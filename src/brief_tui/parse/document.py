"""The format dispatcher: bytes in, :class:`ParsedFeed` out, whatever the document is.

The format is read from the content, never from the file name or ``Content-Type``:

* 0 bytes: ``BriefError("empty response", category="empty")``;
* whitespace only: :class:`NotAFeedError`;
* a JSON object: JSON Feed 1.0/1.1 when its ``version`` is a jsonfeed.org URL, else
  :class:`NotAFeedError` (e.g. RSS written as JSON);
* XML with an ``<rss>``, ``<rdf:RDF>`` or ``<feed>`` root near the start (junk such as a PHP
  warning before the XML declaration is tolerated): :mod:`brief_tui.parse.fastxml` for
  well-formed RSS 2.0 and Atom 1.0 (lxml, exactly the result feedparser gives, several times
  faster: ``bench/parse_speed.py``), else feedparser;
* an HTML page: :class:`NotAFeedError` with ``.discovered`` listing the feeds it advertises;
* other text: a briefing document when :func:`looks_like_briefing` says so;
* anything else: :class:`NotAFeedError`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from datetime import datetime

from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError, NotAFeedError
from brief_tui.domain.models import ParsedFeed
from brief_tui.parse.dates import is_future

_SNIFF_BYTES = 8192
_FEED_ROOT = re.compile(r"<(?:[a-z0-9_-]+:)?(?:rss|feed|rdf)[\s>/]|<rdf:rdf[\s>]|<channel[\s>]")
_HTML_ROOT = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]"
                        r"|<title[\s>]|<div[\s>]|<p[\s>]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_head(body: bytes, limit: int = _SNIFF_BYTES) -> str:
    """Decode the start of a document well enough to sniff it (BOM, UTF-16 without BOM, UTF-8).

    Args:
        body: the document bytes.
        limit: how many bytes to look at.

    Returns:
        The decoded start with leading whitespace and BOM removed; undecodable bytes replaced.
    """
    head = body[:limit]
    encoding = "utf-8"
    for bom, name in _BOMS:
        if head.startswith(bom):
            head = head[len(bom):]
            encoding = name
            break
    else:
        if len(head) >= 2 and head[0] == 0 and head[1] != 0:
            encoding = "utf-16-be"
        elif len(head) >= 2 and head[1] == 0 and head[0] != 0:
            encoding = "utf-16-le"
    return head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n\x0c")


def parse_document(body: bytes, *, url: str, headers: Mapping[str, str] | None = None,
                   now: datetime | None = None) -> ParsedFeed:
    """Parse any supported document: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1,
    briefing (plain text / Markdown digest).

    Args:
        body: the bytes exactly as received (after HTTP content decoding) or read from a file.
        url: the final URL (after redirects) or ``file://`` URI: base for relative links
            (RFC 3986) and named in errors.
        headers: HTTP response headers, used only for the charset of XML documents.
        now: the current time (UTC); entries dated more than a day after it are reported in
            ``warnings`` (they are kept: the store decides how to sort them).

    Returns:
        The parsed feed; ``warnings`` holds non-fatal problems such as feedparser's ``bozo``
        exception for a document it recovered.

    Raises:
        BriefError: ``body`` is empty (category ``"empty"``, message ``"empty response"``).
        NotAFeedError: whitespace only, JSON that is not a JSON Feed, an HTML page (its
            ``discovered`` attribute lists the feeds the page advertises; detail
            ``"HTML page"``), or nothing recognisable. Only the HTML-page error has a
            ``discovered`` attribute (possibly ``[]``); the others have none, so callers can
            tell "an HTML page" from "not a feed at all".
    """
    if not body:
        raise BriefError("empty response", source=url, category=errors.EMPTY)
    head = decode_head(body)
    if not head.strip():
        raise NotAFeedError(url)
    feed = _dispatch(body, head, url=url, headers=headers)
    if now is not None:
        future = sum(1 for e in feed.entries if is_future(e.published, now))
        if future:
            feed.warnings.append(f"{future} entr{'y' if future == 1 else 'ies'} dated more "
                                 "than a day in the future")
    return feed


def _dispatch(body: bytes, head: str, *, url: str,
              headers: Mapping[str, str] | None) -> ParsedFeed:
    first = head[0]
    if first in "{[":
        from brief_tui.parse.jsonfeed import loads_jsonfeed

        return loads_jsonfeed(body, url=url)
    lowered = head.lower()
    feed_at = _FEED_ROOT.search(lowered)
    html_at = _HTML_ROOT.search(lowered)
    problem = ""
    tried_xml = False
    if feed_at and (html_at is None or feed_at.start() < html_at.start()):
        tried_xml = True
        parsed, problem = _parse_xml(body, url=url, headers=headers)
        if parsed is not None:
            return parsed
    elif html_at and first == "<":
        from brief_tui.parse.discover import discover_feeds

        err = NotAFeedError(url, "HTML page")
        err.discovered = discover_feeds(body, url=url)  # type: ignore[attr-defined]
        raise err
    briefing = _try_briefing(body, url=url)
    if briefing is not None:
        return briefing
    if first == "<" and not tried_xml:
        parsed, problem = _parse_xml(body, url=url, headers=headers)
        if parsed is not None:
            return parsed
    raise NotAFeedError(url, problem)


def _parse_xml(body: bytes, *, url: str,
               headers: Mapping[str, str] | None) -> tuple[ParsedFeed | None, str]:
    """RSS/Atom/RDF: the lxml fast path when the document qualifies (well-formed RSS 2.0 or
    Atom 1.0; it gives exactly feedparser's result), else feedparser."""
    from brief_tui.parse.fastxml import parse_fast

    parsed = parse_fast(body, url=url, headers=headers)
    if parsed is not None:
        return parsed, ""
    from brief_tui.parse.xmlfeed import parse_xml

    return parse_xml(body, url=url, headers=headers)


def _try_briefing(body: bytes, *, url: str) -> ParsedFeed | None:
    """The briefing parse of ``body`` when it looks like one; ``None`` otherwise."""
    try:
        from brief_tui.parse.briefing import looks_like_briefing, parse_briefing
    except ImportError:  # the briefing parser is optional while it is being written
        return None
    try:
        from brief_tui.parse.briefing import decode_briefing
        text = decode_briefing(body)
    except ImportError:
        text = body.decode("utf-8", errors="replace")
    if not looks_like_briefing(text):
        return None
    return parse_briefing(body, url=url)
