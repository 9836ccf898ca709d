"""JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/), parsed over :mod:`json`.

Rules taken from the spec: ``version`` must be a ``jsonfeed.org/version/`` URL; 1.1
``authors`` (a list) wins over 1.0 ``author`` (an object), at feed and item level, and an
item without authors takes the feed's; ``id`` is a string (numbers are kept as their decimal
string); ``content_html`` is HTML (sanitised here), ``content_text`` is plain text and is never
tag-stripped; ``attachments`` become enclosures; relative URLs are resolved against the
document's URL.
"""

from __future__ import annotations

import json
from typing import Any

from brief_tui.domain.errors import NotAFeedError
from brief_tui.domain.models import Enclosure, ParsedEntry, ParsedFeed
from brief_tui.domain.text import clean_line
from brief_tui.parse.dates import parse_date
from brief_tui.parse.fields import (
    absolute_url, decode_entities, html_body, http_url, make_enclosure, norm_language, plain_body,
)
from brief_tui.parse.identity import (
    assign_keys, author_names, display_title, synthetic_key,
)

_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/",
                     "https://www.jsonfeed.org/version/", "http://www.jsonfeed.org/version/")


def jsonfeed_format(version: object) -> str | None:
    """``"jsonfeed10"``/``"jsonfeed11"`` for a JSON Feed ``version`` URL, else ``None``."""
    if not isinstance(version, str):
        return None
    version = version.strip()
    for prefix in _VERSION_PREFIXES:
        if version.lower().startswith(prefix):
            number = version[len(prefix):].strip("/")
            return "jsonfeed10" if number in ("1", "1.0") else "jsonfeed11"
    return None


def load_json(body: bytes) -> Any:
    """Decode JSON bytes (UTF-8/16/32 with or without BOM, as RFC 8259 allows).

    Raises:
        ValueError: the bytes are not JSON.
    """
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    return json.loads(body)


def parse_jsonfeed(doc: Any, *, url: str) -> ParsedFeed:
    """Turn a decoded JSON Feed document into a :class:`ParsedFeed`.

    Args:
        doc: the result of :func:`json.loads` on the document.
        url: the document's final URL: base for relative URLs, named in errors.

    Returns:
        The feed with entries in document order and unique keys.

    Raises:
        NotAFeedError: ``doc`` is not an object with a jsonfeed.org ``version`` (e.g. RSS
            written as JSON) or its ``items`` is not a list.
    """
    if not isinstance(doc, dict):
        raise NotAFeedError(url, "JSON but not a JSON Feed")
    fmt = jsonfeed_format(doc.get("version"))
    if fmt is None:
        raise NotAFeedError(url, "JSON but not a JSON Feed: no jsonfeed.org version")
    items = doc.get("items", [])
    if not isinstance(items, list):
        raise NotAFeedError(url, "JSON Feed without an items list")
    warnings: list[str] = []
    feed_authors = _authors(doc)
    feed_language = norm_language(doc.get("language"))
    entries: list[ParsedEntry] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            warnings.append(f"item {index + 1} is not an object; skipped")
            continue
        entries.append(_entry(item, url=url, feed_authors=feed_authors,
                              feed_language=feed_language))
    return ParsedFeed(
        format=fmt,
        title=_line(doc.get("title")),
        home_page=http_url(absolute_url(_str(doc.get("home_page_url")), url)),
        icon=absolute_url(_str(doc.get("icon")), url),
        favicon=absolute_url(_str(doc.get("favicon")), url),
        language=feed_language,
        description=plain_body(_str(doc.get("description"))),
        authors=feed_authors,
        entries=assign_keys(entries),
        warnings=warnings,
    )


def _str(value: object) -> str:
    """A string field; numbers become their decimal text, anything else ``""``."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return ""


def _line(value: object) -> str:
    return clean_line(decode_entities(_str(value)))


def _authors(obj: dict) -> tuple[str, ...]:
    """1.1 ``authors`` when it is a non-empty list, else 1.0 ``author``."""
    raw = obj.get("authors")
    if not isinstance(raw, list) or not raw:
        single = obj.get("author")
        raw = [single] if single else []
    names = []
    for author in raw:
        if isinstance(author, dict):
            names.append(decode_entities(_str(author.get("name"))))
        elif isinstance(author, str):
            names.append(decode_entities(author))
    return author_names(names)


def _entry(item: dict, *, url: str, feed_authors: tuple[str, ...],
           feed_language: str | None) -> ParsedEntry:
    guid = clean_line(_str(item.get("id"))) or None
    link = absolute_url(_str(item.get("url")) or _str(item.get("external_url")), url)
    title = _line(item.get("title"))
    published, _ = parse_date(_str(item.get("date_published")) or None)
    updated, _ = parse_date(_str(item.get("date_modified")) or None)
    html: str | None = None
    text = ""
    markdown: str | None = None
    content_html = _str(item.get("content_html"))
    content_text = _str(item.get("content_text"))
    if content_html.strip():
        html, text = html_body(content_html, url)
    if not text and content_text.strip():
        html = None
        text = plain_body(content_text)
        markdown = text
    summary = plain_body(decode_entities(_str(item.get("summary"))))
    enclosures = _attachments(item.get("attachments"), url)
    authors = _authors(item) or feed_authors
    tags = item.get("tags")
    categories = tuple(dict.fromkeys(
        clean_line(t) for t in tags if isinstance(t, str) and clean_line(t))) if isinstance(
        tags, list) else ()
    return ParsedEntry(
        key=guid or synthetic_key(link, published or updated, title, text + summary),
        guid=guid,
        title=title,
        display_title=display_title(title, text or summary, enclosures),
        link=link,
        published=published or updated,
        updated=updated,
        authors=authors,
        enclosures=enclosures,
        language=norm_language(item.get("language")) or feed_language,
        summary=summary,
        html=html,
        text=text,
        markdown=markdown,
        categories=categories,
    )


def _attachments(raw: object, base: str) -> tuple[Enclosure, ...]:
    if not isinstance(raw, list):
        return ()
    out: list[Enclosure] = []
    for att in raw:
        if not isinstance(att, dict):
            continue
        enclosure = make_enclosure(_str(att.get("url")), att.get("mime_type"),
                                   att.get("size_in_bytes"), base)
        if enclosure and enclosure not in out:
            out.append(enclosure)
    return tuple(out)


def loads_jsonfeed(body: bytes, *, url: str) -> ParsedFeed:
    """Parse JSON Feed bytes (see :func:`parse_jsonfeed`).

    Raises:
        NotAFeedError: not JSON, or JSON that is not a JSON Feed.
    """
    try:
        doc = load_json(body)
    except ValueError as exc:
        raise NotAFeedError(url, f"invalid JSON: {exc}") from None
    return parse_jsonfeed(doc, url=url)
