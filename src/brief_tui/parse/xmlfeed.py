"""RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0 through feedparser, finished by the reader's rules.

feedparser is handed the raw bytes and the response headers, with the final URL as
``Content-Location`` so relative links resolve (RFC 3986, ``xml:base``). Its HTML sanitiser
and relative-URI rewriting are switched off (they are ~60% of its time): each body is sanitised
once with nh3, which also resolves relative ``href``/``src`` against the content's base. Dates
are re-parsed from feedparser's raw strings by :mod:`brief_tui.parse.dates`.

An entry's key and ``guid`` are its ``<guid>``/``<id>`` as written, not feedparser's value
resolved against the URL (:mod:`brief_tui.parse.rawid`), so the same document fetched from two
URLs gives the same keys; ``former_key`` carries the resolved form earlier releases keyed on.

feedparser drops DOCTYPE entity declarations before parsing and never fetches external
entities, so entity bombs and XXE stay literal (cases B27a/B27b).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import feedparser

from brief_tui.domain.errors import FeedParseError

from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed
from brief_tui.domain.text import clean_line
from brief_tui.parse.dates import parse_date
from brief_tui.parse.fields import (
    absolute_url, html_body, http_url, make_enclosure, norm_language, plain_body,
)
from brief_tui.parse.html import html_to_line
from brief_tui.parse.identity import assign_keys, author_names, display_title, synthetic_key
from brief_tui.parse.rawid import install as _install_raw_id
from brief_tui.parse.rawid import raw_id

_install_raw_id()  # feedparser keeps each entry's <guid>/<id> as written too (see rawid)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
# Response headers that describe the transfer, not the document: the fetch layer has already
# undone them, and feedparser would otherwise try to gunzip decoded bytes again.
_DROP_HEADERS = ("content-encoding", "content-length", "transfer-encoding")
# bozo exceptions that say nothing about the document itself.
_IGNORED_BOZO = ("NonXMLContentType",)


_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([^\"']*)([\"'])", re.S)


def _ascii_declaration(body: bytes) -> bytes:
    """Drop an XML declaration's encoding name when it is not ASCII (feedparser raises
    ``UnicodeDecodeError`` on one); the encoding is then sniffed from the bytes."""
    m = _XML_DECL.match(body[:512])
    if m is None or m.group(2).isascii():
        return body
    return body[:m.start(2)] + body[m.end(2):]


def feedparser_headers(headers: Mapping[str, str] | None, url: str) -> dict[str, str]:
    """The response headers feedparser should see: lower-case names, final URL as base."""
    out = {k.lower(): v for k, v in (headers or {}).items() if k.lower() not in _DROP_HEADERS}
    out["content-location"] = url
    return out


def parse_xml(body: bytes, *, url: str,
              headers: Mapping[str, str] | None = None) -> tuple[ParsedFeed | None, str]:
    """Parse an RSS/Atom/RDF document with feedparser.

    Args:
        body: the document bytes exactly as received (after content decoding).
        url: its final URL (base for relative links).
        headers: the HTTP response headers (``Content-Type`` charset is honoured).

    Returns:
        ``(feed, problem)``: ``feed`` is ``None`` when feedparser recognised no feed version;
        ``problem`` is feedparser's one-line complaint (``""`` when none).
    """
    body = _ascii_declaration(body)
    try:
        d = feedparser.parse(body, response_headers=feedparser_headers(headers, url),
                             sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser's own bugs must not escape as crashes
        raise FeedParseError(f"cannot parse the document ({type(exc).__name__}: {exc})",
                             source=url) from None
    problem = ""
    if d.get("bozo"):
        exc = d.get("bozo_exception")
        if type(exc).__name__ not in _IGNORED_BOZO:
            problem = clean_line(f"{type(exc).__name__}: {exc}")
    version = d.get("version") or ""
    if not version:
        return None, problem
    return _feed(d, version, url, problem), problem


def _text_of(detail: Mapping[str, Any] | None, fallback: str | None = None) -> str:
    """One-line text of a feedparser text construct (title): HTML reduced, plain text kept."""
    if not detail:
        return clean_line(fallback)
    value = dict.get(detail, "value") or ""
    if (dict.get(detail, "type") or "text/plain") in _HTML_TYPES:
        return html_to_line(value)
    return clean_line(value)


def _body_of(detail: Mapping[str, Any] | None, base: str) -> tuple[str | None, str]:
    """``(sanitised html or None, plain text)`` of a feedparser content/summary detail."""
    if not detail:
        return None, ""
    value = dict.get(detail, "value") or ""
    if not value.strip():
        return None, ""
    if (dict.get(detail, "type") or "text/html") in _HTML_TYPES:
        return html_body(value, dict.get(detail, "base") or base)
    return None, plain_body(value)


def _feed(d: Any, version: str, url: str, problem: str) -> ParsedFeed:
    feed = d.get("feed", {})
    fmt = "atom10" if version == "atom" else version
    language = norm_language(feed.get("language")) or norm_language(
        (feed.get("title_detail") or {}).get("language"))
    feed_authors = _authors(feed)
    entries = []
    for n, e in enumerate(d.get("entries", []), 1):
        try:
            entries.append(_entry(e, url=url, feed_language=language,
                                  feed_authors=feed_authors if fmt.startswith("atom") else ()))
        except (TypeError, KeyError, AttributeError, ValueError) as exc:
            # feedparser hands back malformed structures for some broken markup; one unreadable
            # entry must not lose the others.
            problem = (problem + "; " if problem else "") + clean_line(
                f"entry {n} skipped: {type(exc).__name__}: {exc}")
    image = feed.get("image") or {}
    _, description = _body_of(feed.get("subtitle_detail"), url)
    return ParsedFeed(
        format=fmt,
        title=_text_of(feed.get("title_detail"), feed.get("title")),
        home_page=_home_page(feed, url),
        icon=absolute_url(feed.get("logo") or image.get("href") or image.get("url"), url),
        favicon=absolute_url(feed.get("icon"), url),
        language=language,
        description=description,
        authors=feed_authors,
        entries=assign_keys(entries),
        warnings=[problem] if problem else [],
    )


def _home_page(feed: Mapping[str, Any], url: str) -> str | None:
    """The feed's ``rel="alternate"`` link; never its id (an Atom ``tag:`` id is no URL)."""
    for link in feed.get("links") or ():
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            if (link.get("type") or "text/html") in ("text/html", "application/xhtml+xml"):
                found = http_url(absolute_url(link["href"], url))
                if found:
                    return found
    if feed.get("guidislink"):
        return None
    return http_url(absolute_url(feed.get("link"), url))


def _authors(obj: Mapping[str, Any]) -> tuple[str, ...]:
    raws: list[str | None] = []
    for author in obj.get("authors") or ():
        if isinstance(author, Mapping):
            raws.append(author.get("name"))
    if not any(raws):
        detail = obj.get("author_detail") or {}
        raws = [detail.get("name") or obj.get("author")]
    return author_names(raws)


def _entry(e: Any, *, url: str, feed_language: str | None,
           feed_authors: tuple[str, ...]) -> ParsedEntry:
    # dict.get, not FeedParserDict.get: the latter runs key-alias logic on every call (~20%
    # of this function); these keys are stored under their canonical names.
    get = dict.get
    title_detail = get(e, "title_detail") or {}
    summary_detail = get(e, "summary_detail")
    base = (title_detail.get("base") or (summary_detail or {}).get("base") or url)
    # identity: the id as written, never feedparser's value resolved against the URL (rawid)
    guid = clean_line(raw_id(e)) or None
    resolved = clean_line(get(e, "id")) or None
    title = _text_of(title_detail, get(e, "title"))
    link = http_url(absolute_url(get(e, "link"), base))
    # dict.get: FeedParserDict.get("updated") silently returns "published" (issue 310).
    published, _ = parse_date(get(e, "published") or get(e, "created"))
    updated, _ = parse_date(get(e, "updated"))
    html, text = None, ""
    summary: str | None = None
    for detail in [*(get(e, "content") or ()), summary_detail]:
        html, text = _body_of(detail, base)
        if detail is summary_detail:
            summary = text
        if text:
            break
    if summary is None:
        summary = _body_of(summary_detail, base)[1] if summary_detail else ""
    markdown = None if html else (text or None)
    enclosures = _enclosures(e, base)  # FeedParserDict derives "enclosures" from "links"
    language = norm_language(title_detail.get("language")) or feed_language
    categories = tuple(dict.fromkeys(
        clean_line(t.get("term") or t.get("label")) for t in get(e, "tags") or ()
        if clean_line(t.get("term") or t.get("label"))))
    content = text + "\n" + summary
    key = guid or synthetic_key(link, published or updated, title, content)
    former_key = None
    if resolved != guid:  # what releases before this one keyed the entry on
        former_key = resolved or synthetic_key(link, published or updated, title, content)
    return ParsedEntry(
        key=key,
        former_key=former_key,
        guid=guid,
        title=title,
        display_title=display_title(title, text or summary, enclosures),
        link=link,
        published=published or updated,
        updated=updated,
        authors=_authors(e) or feed_authors,
        enclosures=enclosures,
        language=language,
        summary=summary,
        html=html,
        text=text,
        markdown=markdown,
        categories=categories,
    )


def _enclosures(e: Mapping[str, Any], base: str) -> tuple[Enclosure, ...]:
    out: list[Enclosure] = []
    try:
        found = e.get("enclosures") or ()
    except (TypeError, KeyError):  # feedparser trips over a malformed link list
        found = [link for link in dict.get(e, "links") or ()
                 if isinstance(link, dict) and link.get("rel") == "enclosure"]
    for enc in found:
        if not isinstance(enc, dict):
            continue
        enclosure = make_enclosure(enc.get("href") or enc.get("url"), enc.get("type"),
                                   enc.get("length"), base)
        if enclosure and not any(o.url == enclosure.url for o in out):
            out.append(enclosure)
    return tuple(out)
