"""Feed autodiscovery from HTML pages."""

from __future__ import annotations

from brief_tui.domain.models import DiscoveredFeed
from brief_tui.parse import discover_feeds

PAGE = b"""<!DOCTYPE html><html><head>
<link rel="stylesheet" type="text/css" href="/css/site.css">
<link rel="alternate" type="application/atom+xml" href="/feeds/main">
<link rel="alternate" type="application/rss+xml" title="RSS" href="https://example.com/rss.xml">
<link rel="Alternate" type="application/feed+json" title="JSON" href="feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
<link rel="alternate" type="application/rss+xml" href="/feeds/main#dup">
<link rel="alternate" type="application/atom+xml" href="/feeds/main">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body>
<a rel="alternate" type="application/rss+xml" href="/body-link.xml">x</a></body></html>"""


def test_discovers_feed_links_in_document_order_resolved_and_deduplicated():
    assert discover_feeds(PAGE, url="https://example.com/blog/index.html") == [
        DiscoveredFeed("https://example.com/feeds/main", "application/atom+xml", ""),
        DiscoveredFeed("https://example.com/rss.xml", "application/rss+xml", "RSS"),
        DiscoveredFeed("https://example.com/blog/feed.json", "application/feed+json", "JSON"),
        DiscoveredFeed("https://example.com/feeds/main#dup", "application/rss+xml", ""),
    ]


def test_base_href_is_honoured():
    page = (b'<html><head><base href="https://cdn.example.net/site/">'
            b'<link rel="alternate" type="application/rss+xml" href="rss.xml"></head></html>')
    assert discover_feeds(page, url="https://example.com/") == [
        DiscoveredFeed("https://cdn.example.net/site/rss.xml", "application/rss+xml", "")]


def test_daring_fireball_like_page_gives_exactly_one():
    page = (b'<html><head><link rel="apple-touch-icon-precomposed" href="/graphics/a.png" />'
            b'<link rel="shortcut icon" href="/graphics/favicon.ico?v=005" />'
            b'<link rel="alternate" type="application/atom+xml" href="/feeds/main" />'
            b'</head><body>Hi</body></html>')
    assert discover_feeds(page, url="http://daringfireball.net/") == [
        DiscoveredFeed("http://daringfireball.net/feeds/main", "application/atom+xml", "")]


def test_nothing_to_discover():
    assert discover_feeds(b"", url="https://example.com/") == []
    assert discover_feeds(b"<html><body>none</body></html>", url="https://example.com/") == []
