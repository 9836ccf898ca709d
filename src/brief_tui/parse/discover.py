"""Feed autodiscovery: the feeds an HTML page advertises.

Follows the RSS Autodiscovery convention (rssboard.org/rss-autodiscovery) and HTML's
``<link rel="alternate" type=... href=...>``: every such link whose type is a feed type, in
document order, its ``href`` resolved against the page URL and the page's ``<base href>``
(RFC 3986), duplicates dropped.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from brief_tui.domain.models import DiscoveredFeed
from brief_tui.domain.text import clean_line
from brief_tui.parse.fields import absolute_url, http_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
    "application/rdf+xml",
)
"""MIME types of ``<link rel="alternate">`` that name a feed."""


def _is_feed_link(mime: str, href: str) -> bool:
    if mime not in FEED_TYPES:
        return False
    if mime == "application/json":  # also used for REST resources (WordPress) and oEmbed
        lowered = href.lower()
        return "/wp-json/" not in lowered and "oembed" not in lowered
    return True


def discover_feeds(body: bytes, *, url: str) -> list[DiscoveredFeed]:
    """List the feeds an HTML page links to.

    Args:
        body: the page bytes (any encoding lxml can detect from a BOM or ``<meta charset>``).
        url: the page's final URL, base for relative ``href`` values.

    Returns:
        One :class:`DiscoveredFeed` per distinct feed URL, in document order; ``[]`` when the
        page advertises none or cannot be parsed. Only ``http(s)`` URLs are returned.
    """
    if not body or not body.strip():
        return []
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True)
    try:
        root = etree.fromstring(body, parser)
    except (etree.ParserError, ValueError):
        return []
    if root is None:
        return []
    base = url
    for el in root.iter("base"):
        href = el.get("href")
        if href and href.strip():
            base = absolute_url(href, url) or url
            break
    found: list[DiscoveredFeed] = []
    seen: set[str] = set()
    for el in root.iter("link"):
        rels = (el.get("rel") or "").lower().split()
        if "alternate" not in rels:
            continue
        mime = (el.get("type") or "").strip().lower().split(";")[0].strip()
        href = (el.get("href") or "").strip()
        if not href or not _is_feed_link(mime, href):
            continue
        try:
            feed_url = http_url(absolute_url(href, base) or urljoin(base, href))
        except ValueError:
            continue
        if not feed_url or feed_url in seen:
            continue
        seen.add(feed_url)
        found.append(DiscoveredFeed(url=feed_url, type=mime,
                                    title=clean_line(el.get("title") or "")))
    return found
