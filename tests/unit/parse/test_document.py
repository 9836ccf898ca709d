"""Format detection by content and the dispatcher's errors."""

from __future__ import annotations

import gzip

import pytest

from brief_tui.domain.errors import BriefError, NotAFeedError
from brief_tui.domain.models import DiscoveredFeed
from brief_tui.parse import parse_document
from brief_tui.parse.document import decode_head
from tests.unit.parse.conftest import fixture_bytes

URL = "https://example.com/path/feed"

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-gb">
  <title>Atom &amp; feed</title><id>tag:example.com,2024:a</id>
  <link rel="alternate" href="https://example.com/"/>
  <link rel="self" href="https://example.com/feed"/>
  <icon>/favicon.ico</icon><logo>/logo.png</logo>
  <subtitle type="html">&lt;p&gt;Sub&lt;/p&gt;</subtitle>
  <author><name>Feed Author</name><email>fa@example.com</email></author>
  <updated>2024-05-01T12:00:00Z</updated>
  <entry><title type="html">A &amp;lt;b&amp;gt;bold&amp;lt;/b&amp;gt; title</title>
    <id>tag:example.com,2024:a-1</id><updated>2024-05-01T12:00:00Z</updated>
    <link href="https://example.com/a-1"/><category term="news"/><category term="tech"/>
    <summary>Teaser text</summary>
    <content type="html">&lt;p&gt;Full body&lt;/p&gt;</content></entry>
  <entry><title>No author</title><id>tag:example.com,2024:a-2</id>
    <author><name>Entry Author</name></author><updated>2024-05-02T12:00:00Z</updated></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.com/"><title>RDF feed</title><link>https://example.com/</link>
    <description>d</description><dc:language>en-us</dc:language></channel>
  <item rdf:about="https://example.com/r1"><title>R1</title><link>https://example.com/r1</link>
    <dc:date>2024-05-01T10:00:00+02:00</dc:date><dc:creator>Ann</dc:creator>
    <description>Body &lt;i&gt;one&lt;/i&gt;</description></item>
</rdf:RDF>"""

RSS_CONTENT = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Podcast</title><link>https://example.com/</link><description>d</description>
<language>en-us</language><managingEditor>ed@example.com (The Editor)</managingEditor>
<item><title>Ep 1</title><guid>https://example.com/ep/1</guid>
  <description>Short &lt;b&gt;teaser&lt;/b&gt;</description>
  <content:encoded><![CDATA[<p>Long body</p>]]></content:encoded>
  <author>host@example.com (Jane Host)</author>
  <enclosure url="https://example.com/ep1.mp3" type="audio/mpeg" length="not-a-number"/></item>
<item><title>Ep 2</title><guid>https://example.com/ep/2</guid>
  <description>Fallback &lt;i&gt;body&lt;/i&gt;</description>
  <content:encoded><![CDATA[]]></content:encoded><author>bare@example.com</author></item>
</channel></rss>"""


def test_atom_feed_and_entry_fields():
    feed = parse_document(ATOM, url=URL)
    assert feed.format == "atom10"
    assert feed.title == "Atom & feed"
    assert feed.home_page == "https://example.com/"
    assert feed.favicon == "https://example.com/favicon.ico"
    assert feed.icon == "https://example.com/logo.png"
    assert feed.description == "Sub"
    assert feed.language == "en-GB"
    assert feed.authors == ("Feed Author",)
    one, two = feed.entries
    assert one.title == "A <b>bold</b> title"  # HTML title: one level of markup decoded
    assert one.summary == "Teaser text" and one.text == "Full body"
    assert one.categories == ("news", "tech")
    assert one.authors == ("Feed Author",)  # RFC 4287: entries inherit the feed author
    assert two.authors == ("Entry Author",)
    assert two.text == "" and two.display_title == "No author"


def test_rss10_rdf():
    feed = parse_document(RDF, url=URL)
    assert feed.format == "rss10"
    (entry,) = feed.entries
    assert entry.key == "https://example.com/r1"
    assert entry.authors == ("Ann",) and entry.text == "Body one"
    assert entry.published is not None and entry.published.hour == 8
    assert feed.language == "en-US"


def test_rss_content_encoded_and_description():
    feed = parse_document(RSS_CONTENT, url=URL)
    one, two = feed.entries
    assert one.text == "Long body" and one.summary == "Short teaser"
    assert one.authors == ("Jane Host",)
    assert one.enclosures[0].length is None
    assert two.text == "Fallback body" and two.html == "Fallback <i>body</i>"  # atp.rss kind
    assert two.authors == ()  # a bare address is not a name
    assert feed.authors == ("The Editor",)
    assert one.language == "en-US"


def test_html_page_is_not_a_feed_and_lists_discovered_feeds():
    page = (b'<!DOCTYPE html><html><head><title>Blog</title><link rel="alternate" '
            b'type="application/rss+xml" title="RSS" href="/rss.xml"></head><body></body></html>')
    with pytest.raises(NotAFeedError) as info:
        parse_document(page, url=URL)
    assert str(info.value) == f"{URL}: not a recognised feed format (HTML page)"
    assert info.value.discovered == [
        DiscoveredFeed("https://example.com/rss.xml", "application/rss+xml", "RSS")]


def test_format_comes_from_content_not_name_or_content_type():
    feed = parse_document(ATOM, url="https://example.com/feed.rss",
                          headers={"Content-Type": "text/html"})
    assert feed.format == "atom10" and len(feed.entries) == 2
    assert feed.warnings == []  # NonXMLContentType says nothing about the document


def test_content_encoding_header_is_ignored_for_decoded_bytes():
    feed = parse_document(ATOM, url=URL, headers={"Content-Encoding": "gzip",
                                                  "Content-Type": "application/atom+xml"})
    assert len(feed.entries) == 2
    with pytest.raises(NotAFeedError):  # still-compressed bytes are never a feed
        parse_document(gzip.compress(ATOM), url=URL)


@pytest.mark.parametrize("body", [b"just some words\nand more words", b"<html-ish nonsense",
                                  b"<?xml version='1.0'?><note>hi</note>", b"\x00\x01\x02"])
def test_unrecognised(body):
    with pytest.raises(NotAFeedError) as info:
        parse_document(body, url=URL)
    assert str(info.value).startswith(f"{URL}: not a recognised feed format")


def test_empty_is_a_brief_error_not_a_not_a_feed():
    with pytest.raises(BriefError) as info:
        parse_document(b"", url=URL)
    assert not isinstance(info.value, NotAFeedError)
    assert info.value.category == "empty"


def test_second_parse_gives_same_keys():
    body = fixture_bytes("b15-missing-guids.xml")
    assert [e.key for e in parse_document(body, url=URL).entries] == [
        e.key for e in parse_document(body, url=URL).entries]


def test_decode_head():
    assert decode_head(b"\xef\xbb\xbf  <rss>") == "<rss>"
    assert decode_head("\ufeff<rss>".encode("utf-16-le")) == "<rss>"
    assert decode_head("<rss>".encode("utf-16-be")) == "<rss>"
    assert decode_head(b"\n\t {") == "{"


def test_briefing_text_goes_to_the_briefing_parser():
    body = (b"Morning briefing\n\n1. First headline here\nBody of the first item.\n"
            b"Source: https://example.com/one\n\n2. Second headline\nBody two.\n"
            b"Source: https://example.com/two\n")
    feed = parse_document(body, url="file:///tmp/brief.txt")
    assert feed.format == "briefing"
    assert [(e.number, e.link) for e in feed.entries] == [
        (1, "https://example.com/one"), (2, "https://example.com/two")]


def test_briefing_parser_missing_is_tolerated(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "brief_tui.parse.briefing", None)  # import fails
    with pytest.raises(NotAFeedError):
        parse_document(b"1. One\nSource: https://e.com/1\n\n2. Two\n", url=URL)


def test_future_dates_are_reported_not_dropped():
    from datetime import UTC, datetime

    body = (b'<rss version="2.0"><channel><title>F</title><item><title>Later</title>'
            b'<guid>f1</guid><pubDate>Tue, 01 Jan 2099 00:00:00 GMT</pubDate></item>'
            b'<item><title>Now</title><guid>f2</guid><pubDate>Sun, 29 Nov 2026 08:00:00 GMT'
            b'</pubDate></item></channel></rss>')
    feed = parse_document(body, url=URL, now=datetime(2026, 11, 29, 9, tzinfo=UTC))
    assert [e.published.year for e in feed.entries] == [2099, 2026]
    assert feed.warnings == ["1 entry dated more than a day in the future"]


def test_rss_titles_plain_unless_they_are_html():
    body = (b'<rss version="2.0"><channel><title>T</title>'
            b'<item><guid>t1</guid><title>a &lt; b and &lt;c&gt; tags</title></item>'
            b'<item><guid>t2</guid><title>Use &lt;b&gt;bold&lt;/b&gt; &amp;amp; more</title></item>'
            b'<item><guid>t3</guid><title>R&amp;D [draft] *not emphasis*</title></item>'
            b'</channel></rss>')
    titles = [e.title for e in parse_document(body, url=URL).entries]
    # RSS titles are plain text unless they hold real HTML (feedparser's lookslikehtml rule)
    assert titles == ["a < b and <c> tags", "Use bold & more", "R&D [draft] *not emphasis*"]
