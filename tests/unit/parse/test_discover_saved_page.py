"""Discovery on a saved page read locally: root-relative feed links resolve against the site
the page was saved from; on a real host, against the page's own URL (RFC 3986)."""

from __future__ import annotations

from brief_tui.parse.discover import discover_feeds


def page(links: str, head: str = "") -> bytes:
    return (f'<html><head>{head}<link rel="alternate" type="application/atom+xml" '
            f'href="/feeds/main"></head><body>{links}</body></html>').encode()


SITE_LINKS = "".join(f'<a href="http://news.example.com/2026/{i}">post</a>' for i in range(12))
OTHER = '<a href="https://elsewhere.example.org/x">x</a>' * 3


def urls(body: bytes, url: str) -> list[str]:
    return [d.url for d in discover_feeds(body, url=url)]


def test_saved_page_on_loopback_uses_the_dominant_site():
    assert urls(page(SITE_LINKS + OTHER), "http://127.0.0.1:8000/saved.html") == [
        "http://news.example.com/feeds/main"]


def test_saved_page_from_a_file_uses_canonical_link():
    body = page("", '<link rel="canonical" href="https://blog.example.net/index.html">')
    assert urls(body, "file:///home/a/saved.html") == ["https://blog.example.net/feeds/main"]


def test_real_host_always_resolves_against_itself():
    assert urls(page(SITE_LINKS), "https://mirror.example.org/page.html") == [
        "https://mirror.example.org/feeds/main"]


def test_no_clear_origin_keeps_the_local_url():
    mixed = "".join(f'<a href="https://h{i % 3}.example.com/{i}">x</a>' for i in range(30))
    assert urls(page(mixed), "http://127.0.0.1:9/p.html") == ["http://127.0.0.1:9/feeds/main"]


def test_declared_base_wins():
    body = page(SITE_LINKS, '<base href="https://base.example.com/sub/">')
    assert urls(body, "http://127.0.0.1:8000/x.html") == ["https://base.example.com/feeds/main"]
