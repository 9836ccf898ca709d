"""The lxml fast path (parse.fastxml): what it accepts gives exactly feedparser's ParsedFeed;
what it cannot reproduce it declines (None), and parse_document then uses feedparser."""

from __future__ import annotations

from pathlib import Path

import pytest

from brief_tui.domain.models import ParsedFeed
from brief_tui.parse import document, fastxml, parse_document
from brief_tui.parse.fastxml import parse_fast
from brief_tui.parse.xmlfeed import parse_xml
from tests.unit.parse.conftest import PARSE_FIXTURES, fixture_bytes

URL = "https://example.com/feeds/feed.xml"
FIXTURES = PARSE_FIXTURES.parent
HEADER_VARIANTS = [
    None,
    {"Content-Type": "application/rss+xml"},
    {"Content-Type": "application/atom+xml; charset=utf-8"},
    {"Content-Type": "text/xml"},
    {"Content-Type": "text/html; charset=UTF-8", "Content-Language": "de_AT"},
]
# Fixtures the fast path must take (with no response headers): if one of these starts to
# decline, the path lost coverage it had.
ACCEPTED = {
    "b09-cdata-variants.xml", "b10-atom-xml-base.xml", "b11-rss-relative-links.xml",
    "b12-nonstandard-dates.xml", "b13-timezones.xml", "b14-duplicate-guids.xml",
    "b15-missing-guids.xml", "b17-updated-in-place-fetch1.xml", "b30-atom-xhtml-constructs.xml",
    "b34-rich-markup-in-text.xml", "b36-wide-chars.xml", "b40-script-style-in-content.xml",
    "c1-mojibake.rss", "nested-namespaces.rss", "podcast.rss", "undeclared-utf8.rss",
    "wordpress.rss", "xhtml-base.atom", "youtube.atom", "b01-undeclared-latin1.xml",
}


def same_as_feedparser(body: bytes, headers=None, url: str = URL) -> ParsedFeed | None:
    """parse_fast's result, after checking it equals parse_xml's whenever it is not None."""
    fast = parse_fast(body, url=url, headers=headers)
    if fast is not None:
        slow, _ = parse_xml(body, url=url, headers=headers)
        assert fast == slow
    return fast


def all_fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", all_fixture_files(), ids=lambda p: str(p.relative_to(FIXTURES)))
def test_every_fixture_the_fast_path_takes_parses_as_feedparser_does(path):
    body = path.read_bytes()
    accepted = [same_as_feedparser(body, headers) is not None for headers in HEADER_VARIANTS]
    if path.name in ACCEPTED:
        assert accepted[0]


def test_the_accepted_fixtures_exist():
    names = {p.name for p in all_fixture_files()}
    assert ACCEPTED <= names


@pytest.mark.parametrize("name", ["b27a-billion-laughs.xml", "b27b-external-entity.xml.tmpl"])
def test_b27_doctype_documents_never_reach_lxml(name, monkeypatch):
    def no_parse(*args, **kwargs):
        raise AssertionError("lxml was handed a document with a DOCTYPE")

    monkeypatch.setattr(fastxml.etree, "fromstring", no_parse)
    assert parse_fast(fixture_bytes(name), url=URL) is None


@pytest.mark.parametrize("name", [
    "b04b-utf16le-bom.xml",  # UTF-16: feedparser's own decoding
    "b05-whitespace-before-xmldecl.xml",  # not well-formed: feedparser's loose parser
    "b05b-php-warning-before-xmldecl.xml",
    "b06-invalid-xml-control-chars.xml",
    "b07-undefined-html-entities.xml",
    "b08-unescaped-ampersand.xml",
    "b33-terminal-escapes.xml",
    "b38c-whitespace-body.xml",
    "b29-jsonfeed.json",
])
def test_documents_feedparser_must_recover_are_declined(name):
    assert parse_fast(fixture_bytes(name), url=URL) is None


RSS = ('<?xml version="1.0" encoding="utf-8"?><rss version="{version}"><channel><title>T</title>'
       '<link>https://example.com/</link><description>d</description>'
       '<item><title>{title}</title><link>https://example.com/1</link></item></channel></rss>')


def rss(title: str = "One", version: str = "2.0") -> bytes:
    return RSS.format(title=title, version=version).encode("utf-8")


@pytest.mark.parametrize(("body", "why"), [
    (rss(version="0.91"), "RSS 0.91"),
    (rss(version="0.92"), "RSS 0.92"),
    (rss(title="a <b>raw</b> title"), "markup inside a text construct"),
    (b'<?xml version="1.1"?>' + rss()[38:], "XML 1.1"),
    ((b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
      b'xmlns="http://purl.org/rss/1.0/"><channel><title>R</title></channel></rdf:RDF>'), "RDF"),
    (b'<feed xmlns="http://purl.org/atom/ns#" version="0.3"><title>A</title></feed>', "Atom 0.3"),
    (b"<feed><title>no namespace</title></feed>", "Atom without its namespace"),
    ((b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="image/png">'
      b"iVBORw0KGgo=</content></entry></feed>"), "base64 content"),
    ((b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div '
      b'xmlns="http://www.w3.org/1999/xhtml"><svg xmlns="http://www.w3.org/2000/svg"><title>s'
      b"</title></svg></div></content></entry></feed>"), "SVG inside XHTML"),
    (b'<rss version="2.0" xmlns:l="http://www.w3.org/1999/xlink"><channel/></rss>', "XLink"),
    (b'<rss version="2.0" xmlns:x="urn:a"><channel xmlns:x="urn:b"><x:t/></channel></rss>',
     "a prefix bound to two namespaces"),
    (b'<rss version="2.0" xmlns:x="urn:a"><channel xmlns:y="urn:a"><y:t/></channel></rss>',
     "a namespace bound to two prefixes"),
    (b"<opml><body/></opml>", "not a feed"),
    (rss().replace(b"<channel>", b"<channel>\x00"), "not well-formed"),
])
def test_declines(body, why):
    assert parse_fast(body, url=URL) is None, why


def test_prefixes_remapped_as_feedparser_remaps_them():
    # "dc" bound to DC terms: feedparser then names real Dublin Core elements dcterms_*
    body = (b'<rss version="2.0" xmlns:dc="http://purl.org/dc/terms/" '
            b'xmlns:e="http://purl.org/dc/elements/1.1/"><channel><title>T</title><item>'
            b"<title>I</title><e:creator>Ann</e:creator><dc:modified>2024-01-02T03:04:05Z"
            b"</dc:modified></item></channel></rss>")
    feed = same_as_feedparser(body)
    assert feed is not None
    assert (feed.entries[0].authors, feed.entries[0].updated.isoformat()) == (
        (), "2024-01-02T03:04:05+00:00")


def test_declines_a_charset_it_cannot_read_as_utf8():
    body = rss(title="Café").replace(b"utf-8", b"iso-8859-2").replace("é".encode(), b"\xe9")
    assert parse_fast(body, url=URL) is None
    assert parse_fast(body, url=URL, headers={"Content-Type": "text/xml; charset=koi8-r"}) is None


def test_encoding_override_warning_is_feedparsers():
    body = rss(title="Café")  # UTF-8, served as text/xml without a charset: us-ascii by RFC 3023
    feed = same_as_feedparser(body, {"Content-Type": "text/xml"})
    assert feed is not None
    assert feed.warnings == [("CharacterEncodingOverride: document declared as us-ascii, "
                              "but parsed as utf-8")]
    assert feed.entries[0].title == "Café"


def test_undeclared_utf8_is_read_as_latin1_and_repaired_like_feedparser():
    feed = same_as_feedparser(fixture_bytes("fastxml/undeclared-utf8.rss"))
    assert feed is not None
    assert feed.title == "Café undeclared"
    assert feed.entries[0].title == "Crème brûlée"
    # feedparser repairs text but not attribute values, and "à" loses its second byte to
    # str.strip() (U+00A0) before the repair: kept identical on purpose
    assert feed.entries[0].enclosures[0].url == "https://u8.example/Ã©.mp3"
    assert feed.entries[0].summary == "Ends with Ã"


def test_c1_code_points_and_mojibake_as_feedparser_maps_them():
    feed = same_as_feedparser(fixture_bytes("fastxml/c1-mojibake.rss"))
    assert feed is not None
    assert feed.title == "C1 – and mojibake"
    assert feed.entries[0].title == "Quote “here” – done"


def test_b10_atom_xml_base_takes_the_fast_path():
    feed = same_as_feedparser(fixture_bytes("b10-atom-xml-base.xml"),
                              {"Content-Type": "application/atom+xml"})
    assert feed is not None
    first = feed.entries[0]
    assert first.link == "https://example.org/blog/2024/05/01/post-one"
    assert first.enclosures[0].url == "https://example.org/blog/2024/05/01/media/one.mp3"
    assert 'src="https://example.org/blog/2024/05/01/img/a.png"' in first.html
    assert feed.entries[1].link == "https://example.org/root-relative"


def test_b11_relative_links_resolve_against_the_final_url():
    feed = same_as_feedparser(fixture_bytes("b11-rss-relative-links.xml"),
                              url="http://127.0.0.1:8080/feeds/b11.xml")
    assert feed is not None
    assert [e.link for e in feed.entries] == ["http://127.0.0.1:8080/news/item-1",
                                              "http://127.0.0.1:8080/feeds/item-2.html"]


def test_b30_xhtml_constructs_take_the_fast_path():
    feed = same_as_feedparser(fixture_bytes("b30-atom-xhtml-constructs.xml"))
    assert feed is not None
    assert feed.title == "XHTML feed title"
    assert [e.title for e in feed.entries] == [
        "Help! We’re stuck in the best of all possible worlds!", "Prefixed div title",
        "a < b and <c> tags"]


def test_youtube_media_group_and_authors():
    feed = same_as_feedparser(fixture_bytes("fastxml/youtube.atom"))
    assert feed is not None
    entry = feed.entries[0]
    assert (entry.key, entry.title, entry.authors) == (
        "yt:video:abc123", "Building a door & frame", ("Shed Builds",))


def test_podcast_enclosures_and_itunes_fields():
    feed = same_as_feedparser(fixture_bytes("fastxml/podcast.rss"))
    assert feed is not None
    assert feed.icon == "https://shed.example/art.jpg"
    assert feed.entries[0].enclosures[0].length == 22275279
    assert feed.entries[0].categories == ("roof", "felt", "shingle")


def test_nested_namespace_declarations():
    feed = same_as_feedparser(fixture_bytes("fastxml/nested-namespaces.rss"))
    assert feed is not None
    assert feed.entries[0].link == "https://example.com/first"  # relative to the feed URL
    # feedparser's address pattern allows 2-4 letter top-level domains: "alex@nested.exam" is
    # cut out of "Alex <alex@nested.example>", "ple" stays; both paths keep that
    assert feed.entries[0].authors == ("Alex <ple>",)


def test_parse_document_takes_the_fast_path_and_never_calls_feedparser(monkeypatch):
    def no_feedparser(*args, **kwargs):
        raise AssertionError("feedparser was called")

    monkeypatch.setattr("brief_tui.parse.xmlfeed.feedparser.parse", no_feedparser)
    feed = parse_document(fixture_bytes("fastxml/wordpress.rss"), url=URL)
    assert feed.entries[0].title == "Tomatoes & peppers: a season’s notes"


def test_parse_document_falls_back_to_feedparser_when_declined(monkeypatch):
    calls = []
    real = document._parse_xml

    def spy(body, *, url, headers):
        calls.append(parse_fast(body, url=url, headers=headers))
        return real(body, url=url, headers=headers)

    monkeypatch.setattr(document, "_parse_xml", spy)
    feed = parse_document(fixture_bytes("b08-unescaped-ampersand.xml"), url=URL)
    assert calls == [None]
    assert feed.title == "Food & Drink"


def test_fast_path_is_off_for_another_feedparser_series(monkeypatch):
    monkeypatch.setattr(fastxml, "_ENABLED", False)
    assert parse_fast(fixture_bytes("fastxml/wordpress.rss"), url=URL) is None
