"""Feed autodiscovery: the feeds an HTML page advertises.

Follows the RSS Autodiscovery convention (rssboard.org/rss-autodiscovery) and HTML's
``<link rel="alternate" type=... href=...>``: every such link whose type is a feed type, in
document order, its ``href`` resolved against the page URL and the page's ``<base href>``
(RFC 3986), duplicates dropped.

Saved pages: a site's page saved to disk or mirrored on a local server keeps root-relative
links (``href="/feeds/main"``) that only make sense against the site it came from. When the page
is read from a ``file:`` URL or a loopback host and declares no ``<base>``, its origin is taken
from ``<link rel="canonical">`` / ``og:url`` or, failing those, from the one host that its absolute links
point to far more than any other (at least :data:`SAVED_PAGE_MIN_LINKS` links, and three times
as many as the next host),
and feed links are resolved against that origin. Pages served from any other host are resolved
against their own URL, as RFC 3986 says.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from urllib.parse import urljoin, urlsplit

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


SAVED_PAGE_MIN_LINKS = 10
"""Absolute links a saved page needs before its dominant host is taken as its origin."""


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return True
    host = (parts.hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _saved_page_origin(root, url: str) -> str | None:
    """The origin (``scheme://host/``) a locally read page was saved from, or ``None``."""
    for el in root.iter("link", "meta"):
        rel = (el.get("rel") or "").lower().split()
        prop = (el.get("property") or el.get("name") or "").lower()
        target = el.get("href") if "canonical" in rel else (
            el.get("content") if prop == "og:url" else None)
        if target and urlsplit(target.strip()).scheme in ("http", "https"):
            p = urlsplit(target.strip())
            return f"{p.scheme}://{p.netloc}/"
    origins: Counter[str] = Counter()
    for el in root.iter("a"):
        p = urlsplit((el.get("href") or "").strip())
        if p.scheme in ("http", "https") and p.netloc:
            origins[f"{p.scheme}://{p.netloc.lower()}/"] += 1
    ranked = origins.most_common(2) + [("", 0), ("", 0)]
    (origin, count), (_, runner_up) = ranked[0], ranked[1]
    if count >= SAVED_PAGE_MIN_LINKS and count >= 3 * runner_up and not _is_local(origin):
        return origin
    return None


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
    declared = False
    for el in root.iter("base"):
        href = el.get("href")
        if href and href.strip():
            base = absolute_url(href, url) or url
            declared = True
            break
    if not declared and _is_local(url):
        origin = _saved_page_origin(root, url)
        if origin:
            base = urljoin(origin, urlsplit(url).path or "/")
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
