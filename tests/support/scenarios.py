"""Our scenario table: every scenario id of the shared ``http-scenarios.json``, in Python.

Public names (stable; service-level tests import them):

- :data:`SCENARIOS` — scenario id -> :class:`~tests.support.httpserver.Scenario`, one per
  shared id (``"B01-serve"`` ... ``"B41-js-shell-article"``).
- :data:`EXTRA_SCENARIOS` — a few more cases the shared table lacks (410, 404, 307, 503
  without ``Retry-After``, a mixed 301-then-302 chain).
- :func:`plain`, :func:`gzip_body`, :func:`zlib_body`, :func:`raw_deflate_body`,
  :func:`brotli_body` — the B19 bodies, compressed at import time from our own plain fixture.
- :func:`huge_feed_chunks` — the B24a body (20000 items, about 13 MB) streamed in chunks.
- :func:`gzip_bomb` — the B24b body: 64 MiB of XML and spaces gzipped to about 64 KiB,
  generated once per process.
- :data:`BOMB_DECOMPRESSED_SIZE`, :data:`HUGE_ITEMS`.

Bodies are our own fixtures in ``tests/fixtures/http`` (never the shared folder). In the
shared JSON, ``HOST`` stands for the server's ``host:port``; here ``srv.url(path)`` gives it.
"""

from __future__ import annotations

import functools
import gzip
import zlib
from collections.abc import Iterator

import brotli

from tests.support.httpserver import (
    NEVER_RESPOND, STALL_AFTER_STATUS_LINE, FixtureFile, Rule, Scenario, Trickle, When,
)

RSS = {"Content-Type": "application/rss+xml"}
HUGE_ITEMS = 20000
BOMB_DECOMPRESSED_SIZE = 64 * 1024 * 1024


def plain(name: str) -> bytes:
    """The bytes of fixture ``tests/fixtures/http/<name>``."""
    return FixtureFile(name).read()


@functools.cache
def gzip_body() -> bytes:
    """``b19-feed-plain.xml`` gzipped (RFC 1952), deterministic (mtime 0)."""
    return gzip.compress(plain("b19-feed-plain.xml"), mtime=0)


@functools.cache
def zlib_body() -> bytes:
    """``b19-feed-plain.xml`` as zlib-wrapped deflate (RFC 1950)."""
    return zlib.compress(plain("b19-feed-plain.xml"))


@functools.cache
def raw_deflate_body() -> bytes:
    """``b19-feed-plain.xml`` as raw deflate without the zlib header (RFC 1951)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return c.compress(plain("b19-feed-plain.xml")) + c.flush()


@functools.cache
def brotli_body() -> bytes:
    """``b19-feed-plain.xml`` brotli-compressed (RFC 7932)."""
    return brotli.compress(plain("b19-feed-plain.xml"))


def huge_feed_chunks(items: int = HUGE_ITEMS) -> Iterator[bytes]:
    """The B24a body: a well-formed RSS 2.0 feed of ``items`` items (~680 bytes each)."""
    yield (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
           b"<title>Huge feed</title><link>https://example.com/</link>"
           b"<description>Everything ever posted</description>\n")
    para = "&lt;p&gt;" + "The archive goes on and on, one more paragraph. " * 10 + "&lt;/p&gt;"
    batch: list[str] = []
    for i in range(items):
        batch.append(
            f"<item><title>Archive post {i}</title><link>https://example.com/huge/{i}</link>"
            f'<guid isPermaLink="false">b24-{i}</guid>'
            f"<pubDate>Mon, {1 + i % 28:02d} Jan 2024 10:00:00 GMT</pubDate>"
            f"<description>{para}</description></item>\n")
        if len(batch) == 200:
            yield "".join(batch).encode()
            batch = []
    yield ("".join(batch) + "</channel></rss>\n").encode()


@functools.cache
def gzip_bomb() -> bytes:
    """The B24b body: an RSS prefix and spaces, :data:`BOMB_DECOMPRESSED_SIZE` bytes in all,
    gzipped (about 64 KiB). Built with 1 MiB blocks, so building it needs little memory."""
    head = (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            b"<title>Bomb</title><description>")
    block = b" " * (1024 * 1024)
    c = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    parts = [c.compress(head)]
    remaining = BOMB_DECOMPRESSED_SIZE - len(head)
    while remaining > 0:
        n = min(remaining, len(block))
        parts.append(c.compress(block[:n]))
        remaining -= n
    parts.append(c.flush())
    return b"".join(parts)


def _redirect(status: int, location: str) -> Rule:
    return Rule(status, {"Location": location})


_B20_TARGET = {"/b20/new.xml": [Rule(200, RSS, FixtureFile("b20-redirect-target.xml"))]}
_V1 = Rule(200, RSS, FixtureFile("b21-v1.xml"))


def _s(id_: str, path: str, routes: dict, expect: str) -> Scenario:
    return Scenario(id_, id_.split("-")[0][:3], path, routes, expect)


_ALL = [
    _s("B01-serve", "/cases/B01.xml",
       {"/cases/B01.xml": [Rule(200, RSS, FixtureFile("b01-undeclared-latin1.xml"))]},
       "2 items 'Café opens', 'Crème brûlée'; raw bytes reach the parser"),
    _s("B02-text-xml", "/cases/B02a.xml",
       {"/cases/B02a.xml": [Rule(200, {"Content-Type": "text/xml"},
                                 FixtureFile("b02-xmldecl-latin1.xml"))]},
       "2 items 'Café opens', 'Naïve résumé'"),
    _s("B02-wrong-charset", "/cases/B02b.xml",
       {"/cases/B02b.xml": [Rule(200, {"Content-Type": "application/rss+xml; charset=utf-8"},
                                 FixtureFile("b02-xmldecl-latin1.xml"))]},
       "2 items 'Café opens', 'Naïve résumé', no U+FFFD"),
    _s("B11-after-redirect", "/old/b11.xml",
       {"/old/b11.xml": [_redirect(301, "/feeds/b11.xml")],
        "/feeds/b11.xml": [Rule(200, RSS, FixtureFile("b11-relative-links.xml"))]},
       "relative URLs resolved against the final URL /feeds/b11.xml"),
    _s("B19-gzip", "/b19/gzip.xml",
       {"/b19/gzip.xml": [Rule(200, {**RSS, "Content-Encoding": "gzip"}, gzip_body)]},
       "2 items 'Compressed one', 'Compressed two'"),
    _s("B19-deflate-zlib", "/b19/deflate.xml",
       {"/b19/deflate.xml": [Rule(200, {**RSS, "Content-Encoding": "deflate"}, zlib_body)]},
       "2 items"),
    _s("B19-deflate-raw", "/b19/raw-deflate.xml",
       {"/b19/raw-deflate.xml": [Rule(200, {**RSS, "Content-Encoding": "deflate"},
                                      raw_deflate_body)]},
       "2 items (raw deflate without zlib header)"),
    _s("B19-br-unrequested", "/b19/br.xml",
       {"/b19/br.xml": [Rule(200, {**RSS, "Content-Encoding": "br"}, brotli_body)]},
       "2 items (brotli decoded); never still-compressed bytes"),
    _s("B19-x-gzip", "/b19/x-gzip.xml",
       {"/b19/x-gzip.xml": [Rule(200, {**RSS, "Content-Encoding": "x-gzip"}, gzip_body)]},
       "2 items (x-gzip is gzip)"),
    _s("B19-gzip-label-plain-body", "/b19/lying.xml",
       {"/b19/lying.xml": [
           Rule(200, RSS, FixtureFile("b19-feed-plain.xml"),
                when=When(header_equals={"Accept-Encoding": "identity"})),
           Rule(200, {**RSS, "Content-Encoding": "gzip"}, FixtureFile("b19-feed-plain.xml"))]},
       "retry once with Accept-Encoding: identity -> 2 items"),
    _s("B20-301", "/b20/old.xml",
       {"/b20/old.xml": [_redirect(301, "/b20/new.xml")], **_B20_TARGET},
       "1 item 'Moved feed item'; stored URL becomes /b20/new.xml after it parsed"),
    _s("B20-308", "/b20/old308.xml",
       {"/b20/old308.xml": [_redirect(308, "/b20/new.xml")], **_B20_TARGET},
       "as B20-301"),
    _s("B20-302", "/b20/temp.xml",
       {"/b20/temp.xml": [_redirect(302, "/b20/new.xml")], **_B20_TARGET},
       "1 item; stored URL stays /b20/temp.xml"),
    _s("B20-relative-location", "/b20/dir/rel.xml",
       {"/b20/dir/rel.xml": [_redirect(301, "../new.xml")], **_B20_TARGET},
       "Location resolved against the request URL -> /b20/new.xml"),
    _s("B20-loop", "/b20/loop-a",
       {"/b20/loop-a": [_redirect(302, "/b20/loop-b")],
        "/b20/loop-b": [_redirect(302, "/b20/loop-a")]},
       "'too many redirects' after at most 10 hops"),
    _s("B20-permanent-to-html", "/b20/to-html.xml",
       {"/b20/to-html.xml": [_redirect(301, "/b20/landing.html")],
        "/b20/landing.html": [Rule(200, {"Content-Type": "text/html; charset=utf-8"},
                                   FixtureFile("b28c-html-with-feed-link.html"))]},
       "fetch succeeds with the HTML; the service reports 'not a feed' and keeps the URL"),
    _s("B21-etag-rotates-lm-fixed", "/b21/feed.xml",
       {"/b21/feed.xml": [
           Rule(200, {**RSS, "ETag": '"v3"', "Last-Modified": "Tue, 02 Jan 2024 00:00:00 GMT"},
                FixtureFile("b21-v2.xml"), when=When(nth_at_least=4)),
           Rule(304, {"ETag": '"v2"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
                when=When(header_equals={"If-None-Match": '"v1"'})),
           Rule(304, {"ETag": '"v2"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
                when=When(header_equals={"If-None-Match": '"v2"'})),
           Rule(200, {**RSS, "ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"},
                FixtureFile("b21-v1.xml"))]},
       "200 v1, 304 (ETag v2), 304, 200 v3 with 2 items"),
    _s("B23-429-seconds", "/b23/feed.xml",
       {"/b23/feed.xml": [
           Rule(429, {"Retry-After": "120", "Content-Type": "text/html"},
                FixtureFile("b23-429-body.html"), when=When(nth=1)), _V1]},
       "rate limited for 120 s; no request before then"),
    _s("B23-429-http-date", "/b23/date.xml",
       {"/b23/date.xml": [
           Rule(429, {"Retry-After": "Wed, 21 Oct 2037 07:28:00 GMT"},
                FixtureFile("b23-429-body.html"), when=When(nth=1)), _V1]},
       "HTTP-date Retry-After, capped at 24 h"),
    _s("B23-503-retry-after", "/b23/maint.xml",
       {"/b23/maint.xml": [Rule(503, {"Retry-After": "30"}, "maintenance", when=When(nth=1)),
                           _V1]},
       "no retry before 30 s"),
    _s("B23-429-garbage", "/b23/garbage.xml",
       {"/b23/garbage.xml": [Rule(429, {"Retry-After": "soon"}, when=When(nth=1)), _V1]},
       "unparseable Retry-After -> default 60 s"),
    _s("B23-subscribe-once", "/b23/strict.xml",
       {"/b23/strict.xml": [
           Rule(429, {"Retry-After": "3600"},
                when=When(nth_at_least=2, within_seconds_of_previous=5)), _V1]},
       "subscribing issues ONE GET; a second GET within 5 s is refused with 429"),
    _s("B24a-huge", "/b24/huge.xml",
       {"/b24/huge.xml": [Rule(200, RSS, huge_feed_chunks)]},
       "cap 5 MiB -> 'feed too large'; cap 32 MiB -> 20000 items"),
    _s("B24b-gzip-bomb", "/b24/bomb.xml",
       {"/b24/bomb.xml": [Rule(200, {**RSS, "Content-Encoding": "gzip"}, gzip_bomb)]},
       "'feed too large' once decoded bytes pass the cap, memory near the cap"),
    _s("B26-never-responds", "/b26/silent.xml",
       {"/b26/silent.xml": [Rule(behaviour=NEVER_RESPOND)]},
       "'timed out' within the read timeout"),
    _s("B26-trickle", "/b26/trickle.xml",
       {"/b26/trickle.xml": [
           Rule(200, {**RSS, "Content-Length": "100000"}, FixtureFile("b21-v1.xml"),
                behaviour=Trickle(bytes_per_step=1, interval_s=0.5, max_steps=240))]},
       "the total deadline fires -> 'timed out'"),
    _s("B26-stall-after-status-line", "/b26/stall.xml",
       {"/b26/stall.xml": [Rule(behaviour=STALL_AFTER_STATUS_LINE)]},
       "'timed out' within the read timeout"),
    _s("B29-jsonfeed", "/b29/feed.json",
       {"/b29/feed.json": [Rule(200, {"Content-Type": "application/feed+json"},
                                FixtureFile("b29-jsonfeed.json"))]},
       "3 items"),
    _s("B33b-json-escapes", "/b33/feed.json",
       {"/b33/feed.json": [Rule(200, {"Content-Type": "application/feed+json"},
                                FixtureFile("b33b-terminal-escapes.json"))]},
       "1 item; no ESC/BEL/CR/BS in the title; 'ALERT' and 'click' kept"),
    _s("B38b-empty-200", "/b38/empty.xml",
       {"/b38/empty.xml": [Rule(200, {**RSS, "Content-Length": "0"},
                                FixtureFile("b38b-empty-body.xml"))]},
       "error 'empty response'; cached items kept"),
    _s("B38c-whitespace-200", "/b38/blank.xml",
       {"/b38/blank.xml": [Rule(200, RSS, FixtureFile("b38c-whitespace-body.xml"))]},
       "error 'not a feed'; cached items kept"),
    _s("B38a-zero-items", "/b38/zero.xml",
       {"/b38/zero.xml": [Rule(200, RSS, FixtureFile("b38a-zero-items.xml"))]},
       "success, 0 new items, stored items kept"),
    _s("B41-js-shell-article", "/b41/feed.xml",
       {"/b41/feed.xml": [Rule(200, RSS, FixtureFile("b41-feed.xml"))],
        "/b41/article.html": [Rule(200, {"Content-Type": "text/html; charset=utf-8"},
                                   FixtureFile("b41-article.html"))]},
       "item link http://HOST/b41/article.html; extraction yields nothing; summary kept"),
]

SCENARIOS: dict[str, Scenario] = {s.id: s for s in _ALL}
"""Scenario id -> scenario, one per id of the shared ``http-scenarios.json``."""

EXTRA_SCENARIOS: dict[str, Scenario] = {s.id: s for s in [
    _s("X-410-gone", "/x/gone.xml", {"/x/gone.xml": [Rule(410, {}, "gone")]},
       "category gone"),
    _s("X-404", "/x/missing.xml", {"/x/missing.xml": [Rule(404, {}, "nope")]},
       "category http, 'HTTP 404 Not Found'"),
    _s("X-307", "/x/temp307.xml",
       {"/x/temp307.xml": [_redirect(307, "/b20/new.xml")], **_B20_TARGET},
       "temporary: permanent_url None"),
    _s("X-503-plain", "/x/down.xml", {"/x/down.xml": [Rule(503, {}, "down")]},
       "503 without Retry-After: category http"),
    _s("X-301-then-302", "/x/chain-a.xml",
       {"/x/chain-a.xml": [_redirect(301, "/x/chain-b.xml")],
        "/x/chain-b.xml": [_redirect(302, "/b20/new.xml")], **_B20_TARGET},
       "permanent_url is the end of the leading 301 chain: /x/chain-b.xml"),
]}
"""More scenarios for cases the shared table lacks (ids start with ``X-``)."""
