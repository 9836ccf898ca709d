"""Entry keys never depend on the URL a document was fetched from.

An RSS ``<guid>`` (isPermaLink defaults to true) and an Atom ``<id>`` are keyed (and stored as
``guid``) as written, trimmed; feedparser's resolved value only makes the link of a permalink
GUID, and ``former_key`` (what earlier releases keyed on, so the store can match caches they
built). Both XML paths (lxml fast path, feedparser) give the same answers.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from brief_tui.domain.models import ParsedEntry, ParsedFeed
from brief_tui.parse import parse_document
from brief_tui.parse.fastxml import parse_fast
from brief_tui.parse.identity import assign_keys
from brief_tui.parse.jsonfeed import loads_jsonfeed
from brief_tui.parse.xmlfeed import parse_xml

URL_A = "http://host.example/feeds/a.xml"
URL_B = "https://mirror.example.net/x/y/moved.rss"
URL_FILE = "file:///tmp/import/feed.xml"
URLS = [URL_A, URL_B, URL_FILE]

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>T</title>
<item><title>relative</title><guid>123</guid></item>
<item><title>relative path</title><guid> /posts/7 </guid><link>https://site.example/7</link></item>
<item><title>not a permalink</title><guid isPermaLink="false">456</guid><link>x/y</link></item>
<item><title>absolute</title><guid>http://abs.example/p/1</guid></item>
<item><title>tag</title><guid>tag:example.com,2024:9</guid></item>
<item><title>entities</title><guid>a&amp;b?c=1</guid></item>
<item><title>no guid</title><link>https://site.example/n</link></item>
</channel></rss>"""

RSS_KEYS = ["123", "/posts/7", "456", "http://abs.example/p/1", "tag:example.com,2024:9",
            "a&b?c=1"]

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://base.example/root/">
<title>T</title><id>urn:feed</id>
<entry><title>relative</title><id>123</id><link href="e/1"/></entry>
<entry xml:base="/other/"><title>under xml:base</title><id>posts/9</id></entry>
<entry><title>id with its own base</title><id xml:base="http://elsewhere.example/d/">rel</id>
</entry>
<entry><title>tag</title><id>tag:example.com,2024:x</id></entry>
<entry><title>urn</title><id>  urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6 </id></entry>
</feed>"""

ATOM_KEYS = ["123", "posts/9", "rel", "tag:example.com,2024:x",
             "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6"]


def both_paths(body: bytes, url: str) -> ParsedFeed:
    """parse_xml's feed, after checking the fast path takes ``body`` and gives the same."""
    slow, _ = parse_xml(body, url=url)
    fast = parse_fast(body, url=url)
    assert fast is not None
    assert fast == slow
    return slow


def keys(feed: ParsedFeed) -> list[str]:
    return [e.key for e in feed.entries]


@pytest.mark.parametrize("url", URLS)
def test_rss_guid_keys_are_the_text_as_written(url):
    feed = both_paths(RSS, url)
    assert keys(feed)[:6] == RSS_KEYS
    assert [e.guid for e in feed.entries] == [*RSS_KEYS, None]
    assert keys(feed)[6].startswith("sha1:")


def test_rss_keys_are_identical_whatever_the_url():
    feeds = [both_paths(RSS, url) for url in URLS]
    assert keys(feeds[0]) == keys(feeds[1]) == keys(feeds[2])
    assert [e.guid for e in feeds[0].entries] == [e.guid for e in feeds[2].entries]


def test_permalink_guid_still_makes_a_resolved_link():
    by_title = {e.title: e for e in both_paths(RSS, URL_A).entries}
    assert by_title["relative"].link == "http://host.example/feeds/123"
    assert by_title["relative path"].link == "https://site.example/7"
    assert by_title["not a permalink"].link == "http://host.example/feeds/x/y"
    assert by_title["absolute"].link == "http://abs.example/p/1"
    assert by_title["tag"].link is None
    # a file:// document: the link is no http(s) URL, the key is still the guid as written
    by_title = {e.title: e for e in both_paths(RSS, URL_FILE).entries}
    assert (by_title["relative"].key, by_title["relative"].link) == ("123", None)


def test_former_key_is_the_resolved_guid_earlier_releases_keyed_on():
    feed = both_paths(RSS, URL_A)
    assert [e.former_key for e in feed.entries] == [
        "http://host.example/feeds/123", "http://host.example/posts/7", None, None, None,
        "http://host.example/feeds/a&b?c=1", None]
    assert both_paths(RSS, URL_FILE).entries[0].former_key == "file://tmp/import/123"


@pytest.mark.parametrize("url", URLS)
def test_atom_id_keys_are_the_text_as_written(url):
    feed = both_paths(ATOM, url)
    assert keys(feed) == ATOM_KEYS
    assert [e.guid for e in feed.entries] == ATOM_KEYS
    assert [e.former_key for e in feed.entries] == [
        "http://base.example/root/123", "http://base.example/other/posts/9",
        "http://elsewhere.example/d/rel", None, None]


def test_atom_link_from_id_is_still_resolved():
    # an Atom entry without a link takes its id as link (feedparser's rule), resolved
    by_title = {e.title: e for e in both_paths(ATOM, URL_B).entries}
    assert by_title["relative"].link == "http://base.example/root/e/1"
    assert by_title["under xml:base"].link == "http://base.example/other/posts/9"
    assert by_title["id with its own base"].link == "http://elsewhere.example/d/rel"


def test_repeated_guids_keep_feedparsers_choice_as_written():
    body = (b'<rss version="2.0"><channel><title>T</title>'
            b"<item><title>a</title><guid>1</guid><guid>2</guid></item>"
            b'<item><title>b</title><guid>3</guid><guid isPermaLink="false">4</guid></item>'
            b'<item><title>c</title><guid isPermaLink="false">5</guid><guid>6</guid></item>'
            b"</channel></rss>")
    for url in URLS:
        feed = both_paths(body, url)
        assert keys(feed) == ["2", "4", "6"]
    assert [e.former_key for e in both_paths(body, URL_A).entries] == [
        "http://host.example/feeds/2", None, "http://host.example/feeds/6"]


def test_guid_with_markup_inside_goes_through_feedparsers_handler_on_both_paths():
    # a guid with a child element or an unknown attribute is not a leaf the fast path replays
    body = (b'<rss version="2.0" xmlns:x="urn:x"><channel><title>T</title>'
            b'<item><title>a</title><guid x:flag="1">abc</guid></item>'
            b'<item xml:base="http://items.example/i/"><title>b</title>'
            b'<guid xml:base="sub/">def</guid></item>'
            b"</channel></rss>")
    feed = both_paths(body, URL_A)
    assert keys(feed) == ["abc", "def"]
    assert [e.former_key for e in feed.entries] == [
        "http://host.example/feeds/abc", "http://items.example/i/sub/def"]
    assert [e.link for e in feed.entries] == [
        "http://host.example/feeds/abc", "http://items.example/i/sub/def"]


@pytest.mark.parametrize("url", URLS)
def test_feedparser_only_formats_keep_ids_as_written(url):
    rss092 = (b'<rss version="0.92"><channel><title>T</title>'
              b"<item><title>a</title><guid>123</guid></item></channel></rss>")
    assert parse_fast(rss092, url=url) is None
    feed, _ = parse_xml(rss092, url=url)
    assert (feed.format, keys(feed), feed.entries[0].guid) == ("rss092", ["123"], "123")

    rdf = (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
           b' xmlns="http://purl.org/rss/1.0/"><channel rdf:about="c"><title>T</title></channel>'
           b'<item rdf:about="items/1"><title>a</title><link>items/1</link></item>'
           b"</rdf:RDF>")
    feed, _ = parse_xml(rdf, url=url)
    assert (feed.format, keys(feed), feed.entries[0].former_key) == ("rss10", ["items/1"], None)

    atom03 = (b'<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>T</title>'
              b"<entry><title>a</title><id>rel/3</id></entry></feed>")
    feed, _ = parse_xml(atom03, url=url)
    assert (feed.format, keys(feed)) == ("atom03", ["rel/3"])

    # not well-formed: feedparser's loose parser (which leaves "&amp;" in an id as it was)
    broken = (b'<rss version="2.0"><channel><title>T & co</title>'
              b"<item><title>a</title><guid> q&amp;a/1 </guid></item></channel>")
    assert parse_fast(broken, url=url) is None
    feed, problem = parse_xml(broken, url=url)
    assert problem
    assert (keys(feed), feed.entries[0].guid) == (["q&amp;a/1"], "q&amp;a/1")
    assert feed.entries[0].former_key.endswith("/q&amp;a/1")  # feedparser's resolved value


@pytest.mark.parametrize("url", URLS)
def test_parse_document_keys_do_not_depend_on_the_url(url):
    assert keys(parse_document(RSS, url=url))[:6] == RSS_KEYS
    assert keys(parse_document(ATOM, url=url)) == ATOM_KEYS


@pytest.mark.parametrize("url", URLS)
def test_json_feed_ids_are_kept_as_written(url):
    body = json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "T",
        "items": [{"id": "123", "url": "p/1", "content_text": "x"},
                  {"id": " /posts/2 ", "content_text": "y"},
                  {"id": 7, "content_text": "z"}]}).encode()
    feed = loads_jsonfeed(body, url=url)
    assert keys(feed) == ["123", "/posts/2", "7"]
    assert [e.guid for e in feed.entries] == ["123", "/posts/2", "7"]
    assert [e.former_key for e in feed.entries] == [None, None, None]


def _entry(key: str, former: str | None, link: str, title: str = "t") -> ParsedEntry:
    return ParsedEntry(key=key, former_key=former, guid=key, title=title, link=link)


def test_assign_keys_gives_former_keys_the_rules_of_the_time():
    # "123" and "http://h/f/123" are two keys now; earlier both were "http://h/f/123"
    a = _entry("123", "http://h/f/123", "http://h/a")
    b = _entry("http://h/f/123", None, "http://h/b")
    c = _entry("c", None, "http://h/c")
    kept = assign_keys([a, b, c])
    assert [e.key for e in kept] == ["123", "http://h/f/123", "c"]
    suffixed = "http://h/f/123#" + hashlib.sha1(b"http://h/b").hexdigest()[:12]
    assert [e.former_key for e in kept] == ["http://h/f/123", suffixed, None]


def test_assign_keys_without_former_keys_leaves_them_none():
    kept = assign_keys([_entry("x", None, "http://h/1"), _entry("x", None, "http://h/2")])
    assert [e.former_key for e in kept] == [None, None]
    assert kept[1].key.startswith("x#")
