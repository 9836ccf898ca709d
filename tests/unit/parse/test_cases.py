"""The handed failure cases (cases/INDEX.md), at parse level, with their exact right values."""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime

import pytest

from brief_tui.domain import errors
from brief_tui.domain.errors import BriefError, NotAFeedError
from brief_tui.domain.models import Enclosure
from brief_tui.parse import parse_document
from tests.unit.parse.conftest import fixture_bytes

URL = "https://example.com/feed.xml"
_BAD_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def parse(name: str, url: str = URL, headers=None):
    return parse_document(fixture_bytes(name), url=url, headers=headers)


def all_strings(feed) -> list[str]:
    """Every string a parsed feed carries (feed fields and every entry field)."""
    out = [feed.title, feed.description, feed.home_page or "", *feed.authors]
    for e in feed.entries:
        out += [e.key, e.guid or "", e.title, e.display_title, e.link or "", e.summary,
                e.html or "", e.text, e.markdown or "", *e.authors, *e.categories]
    return out


def test_b01_undeclared_latin1():
    feed = parse("b01-undeclared-latin1.xml", headers={"Content-Type": "application/rss+xml"})
    assert feed.title == "Café News"
    assert [e.title for e in feed.entries] == ["Café opens", "Crème brûlée"]
    assert not any("\ufffd" in s for s in all_strings(feed))


@pytest.mark.parametrize("content_type", ["text/xml", "application/rss+xml; charset=utf-8"])
def test_b02_xmldecl_latin1_vs_http_charset(content_type):
    feed = parse("b02-xmldecl-latin1.xml", headers={"Content-Type": content_type})
    assert [e.title for e in feed.entries] == ["Café opens", "Naïve résumé"]


@pytest.mark.parametrize("name", ["b04-utf8-bom.xml", "b04b-utf16le-bom.xml"])
def test_b04_byte_order_marks(name):
    feed = parse(name)
    assert [e.title for e in feed.entries] == ["Café opens", "Second"]
    assert feed.format == "rss20"


@pytest.mark.parametrize("name", ["b05-whitespace-before-xmldecl.xml",
                                  "b05b-php-warning-before-xmldecl.xml"])
def test_b05_junk_before_xml_declaration(name):
    feed = parse(name)
    assert [e.title for e in feed.entries] == ["First", "Second"]
    assert not any("Warning" in s or "date()" in s for s in all_strings(feed))
    assert len(feed.warnings) == 1  # bozo is a warning, not a failure


def test_b06_control_chars_removed():
    feed = parse("b06-invalid-xml-control-chars.xml")
    titles = [e.title for e in feed.entries]
    assert len(titles) == 3
    assert re.fullmatch(r"Back ?space and ?vtab", titles[0])
    assert re.fullmatch(r"Form ?feed ref and ?ref", titles[1].replace("  ", " "))
    assert titles[2] == "Clean third"
    assert feed.entries[0].summary == "Text with and inside"
    assert not any(_BAD_CONTROLS.search(s) for s in all_strings(feed))


def test_b07_undefined_html_entities():
    feed = parse("b07-undefined-html-entities.xml")
    assert feed.entries[0].title == "Café – menu"
    assert feed.entries[0].summary == "A\u00a0B ’quoted’ — end …"
    assert feed.entries[1].title == "Plain second"


def test_b08_unescaped_ampersand():
    feed = parse("b08-unescaped-ampersand.xml")
    assert feed.title == "Food & Drink"
    assert feed.entries[0].title == "Salt & Pepper & More"
    assert feed.entries[0].link == "https://example.com/b08?a=1&b=2"


def test_b09_cdata_variants():
    e1, e2, e3, e4 = parse("b09-cdata-variants.xml").entries
    assert e1.summary == "some text"  # feedparser issue #440 returns ""
    assert e1.text == "some text"
    assert e2.summary == "a ]]> b"
    assert e3.title == "Markup in CDATA"
    assert e3.html == "<p>Hello <b>world</b></p>"
    assert e3.summary == "Hello world"
    assert e4.summary == "Inner para"  # the kind: escaped CDATA holding markup


def test_b10_atom_xml_base():
    feed = parse("b10-atom-xml-base.xml", url="https://example.org/blog/feed.atom")
    one, two = feed.entries
    assert one.link == "https://example.org/blog/2024/05/01/post-one"
    assert 'src="https://example.org/blog/2024/05/01/img/a.png"' in one.html
    assert 'href="https://example.org/blog/about"' in one.html
    assert one.enclosures == (Enclosure("https://example.org/blog/2024/05/01/media/one.mp3",
                                        "audio/mpeg", 42),)
    assert two.link == "https://example.org/root-relative"
    assert feed.home_page is None  # never the tag: id
    assert one.key == "tag:example.org,2024:b10-1"


def test_b11_relative_links_resolve_against_final_url():
    feed = parse("b11-rss-relative-links.xml", url="http://127.0.0.1:8931/feeds/b11.xml")
    one, two = feed.entries
    assert one.link == "http://127.0.0.1:8931/news/item-1"
    assert two.link == "http://127.0.0.1:8931/feeds/item-2.html"
    assert one.enclosures == (Enclosure("http://127.0.0.1:8931/feeds/media/ep1.mp3",
                                        "audio/mpeg", 123),)
    assert 'src="http://127.0.0.1:8931/img/x.png"' in one.html
    assert 'href="http://127.0.0.1:8931/feeds/item-1/comments"' in one.html
    assert feed.icon == "http://127.0.0.1:8931/img/logo.png"
    assert feed.home_page == "http://127.0.0.1:8931/news"


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_b12_nonstandard_dates():
    feed = parse_document(fixture_bytes("b12-nonstandard-dates.xml"), url=URL,
                          now=utc(2026, 11, 29))
    got = [e.published for e in feed.entries]
    assert got == [utc(2018, 6, 25, 11, 41, 36), utc(2016, 6, 29, 15, 7, 41),
                   utc(2020, 5, 25, 4, 45, 26), utc(2017, 5, 4, 19, 40, 17), None, None, None,
                   utc(2099, 1, 1)]
    assert feed.warnings == ["1 entry dated more than a day in the future"]


def test_b13_timezones():
    got = [e.published for e in parse("b13-timezones.xml").entries]
    assert got == [utc(2013, 10, 8, 23, 30), utc(2018, 8, 6, 18, 11, 54), utc(2024, 10, 2, 14),
                   utc(2024, 10, 2, 8), utc(2024, 10, 2, 4, 30), utc(2024, 10, 2, 10),
                   utc(2024, 10, 2, 4, 30), utc(2024, 10, 2, 10)]


def test_b14_duplicate_guids():
    feed = parse("b14-duplicate-guids.xml")
    assert [(e.key, e.title) for e in feed.entries] == [
        ("b14-dup", "Journal March"),
        ("b14-unique", "Unique entry"),
        ("b14-dup#110b1b862b82", "Journal April"),  # sha1(link)[:12]
        ("b14-day", "Morning note"),
        ("b14-day#" + feed.entries[4].key.split("#")[1], "Noon note"),
    ]
    assert [e.guid for e in feed.entries].count("b14-dup") == 2
    again = parse("b14-duplicate-guids.xml")
    assert [e.key for e in again.entries] == [e.key for e in feed.entries]


def test_b15_missing_guids():
    feed = parse("b15-missing-guids.xml")
    keys = [e.key for e in feed.entries]
    assert len(feed.entries) == 4 and len(set(keys)) == 4
    assert all(k.startswith("sha1:") for k in keys)
    assert [e.guid for e in feed.entries] == [None] * 4
    assert [e.display_title for e in feed.entries] == [
        "Poll results", "Poll reminder", "Title only, no link no guid", "Description only item"]
    assert [e.key for e in parse("b15-missing-guids.xml").entries] == keys


def test_b17_updated_in_place():
    (first,) = parse("b17-updated-in-place-fetch1.xml").entries
    (second,) = parse("b17-updated-in-place-fetch2.xml").entries
    assert first.key == second.key == "tag:example.com,2024:b17-1"
    assert second.title == "Outage report (resolved)"
    assert second.text == "Investigating.\n\nUpdate: resolved."
    assert first.published == second.published == utc(2015, 8, 8, 18, 45)
    assert first.updated == utc(2024, 6, 1, 10)
    assert second.updated == utc(2024, 6, 1, 12, 30)


def test_b27a_billion_laughs_not_expanded():
    start = time.monotonic()
    feed = parse("b27a-billion-laughs.xml")
    assert time.monotonic() - start < 5  # generous: expansion would take minutes or OOM
    assert [e.title for e in feed.entries] == ["&lol9;", "After bomb"]


def test_b27b_external_entity_not_resolved(tmp_path):
    import socket

    canary = tmp_path / "xxe-canary.txt"
    canary.write_text("CANARY-7f3a")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    body = (fixture_bytes("b27b-external-entity.xml.tmpl")
            .replace(b"{canary}", str(canary).encode()).replace(b"{port}", str(port).encode()))
    try:
        feed = parse_document(body, url=URL)
        with pytest.raises(OSError):  # nobody connected
            listener.accept()
    finally:
        listener.close()
    assert not any("CANARY-7f3a" in s for s in all_strings(feed))
    assert feed.entries[0].title == "Leak: &canary;"


def test_b29_jsonfeed():
    feed = parse("b29-jsonfeed.json", url="https://example.com/feed.json")
    assert feed.format == "jsonfeed11"
    one, two, three = feed.entries
    assert one.title == "Café in JSON"
    assert one.html == "<p>Hello <b>JSON</b></p>" and one.text == "Hello JSON"
    assert one.published == utc(2024, 5, 1, 8)
    assert two.title == "" and two.display_title == "A title-less micro post"
    assert two.markdown == "A title-less micro post"
    assert three.key == "3" and three.guid == "3"
    assert three.enclosures == (Enclosure("https://example.com/b29/ep3.mp3", "audio/mpeg", 1234),)


def test_b30_atom_xhtml_titles_become_text():
    feed = parse("b30-atom-xhtml-constructs.xml")
    assert feed.title == "XHTML feed title"
    one, two, three = feed.entries
    assert one.title == "Help! We’re stuck in the best of all possible worlds!"
    assert two.title == "Prefixed div title"
    assert one.html == "<p>Less: <em>&lt;</em> and <b>bold</b></p>"
    assert two.html == "<p>Prefixed <i>content</i></p>"
    assert "xhtml:" not in one.html + two.html and "<div" not in one.html + two.html
    # text/plain constructs are never tag-stripped
    assert three.title == "a < b and <c> tags"
    assert three.text == "Plain <b>not bold</b> body" and three.html is None


def test_b33_terminal_escapes_removed():
    feed = parse("b33-terminal-escapes.xml")
    strings = all_strings(feed)
    assert not any(_BAD_CONTROLS.search(s) for s in strings)
    assert feed.entries[0].title == "Normal RED title"
    assert feed.entries[1].summary == "Read here and cleared"
    assert feed.entries[1].text == "Read here and cleared"
    assert "evil.example" not in feed.entries[1].html
    assert feed.entries[3].title == "Bell and CR here"
    assert feed.entries[3].text.split() == ["first", "second", "›2J"]


def test_b33b_terminal_escapes_json():
    feed = parse("b33b-terminal-escapes.json", url="https://example.com/feed.json")
    assert not any(_BAD_CONTROLS.search(s) for s in all_strings(feed))
    assert feed.title == "Escapes"
    one, two = feed.entries
    assert one.title == "ALERT click"
    assert "line1" in one.text and "OVERWRITE" in one.text
    assert "Y2xpcGJvYXJk" not in one.text
    assert one.authors == ("Eve Hidden",)
    assert two.text == "xy ›z w"  # ESC[31m removed whole, NEL is a line break


def test_b34_markup_like_titles_verbatim():
    feed = parse("b34-rich-markup-in-text.xml")
    assert [e.title for e in feed.entries] == [
        "[bold]Not actually bold[/bold]", "Array access a[0] and b[i] in C",
        "Unclosed bracket [b + tail", "[link=https://evil.example/]Click me[/link]",
        "[@click=app.quit]Press me[/]", "Stray closer [/] here", "Backslash \\[escaped] text",
        '[red on white]Styled?[/] ["list", 1] [#ff0000]hex[/]',
        "[[double]] brackets and [/bold] mismatched"]
    assert {e.summary for e in feed.entries} == {
        "Body with [italic]markup-like[/italic] text and [0] index"}


def test_b36_wide_chars_intact():
    feed = parse("b36-wide-chars.xml")
    assert [e.title for e in feed.entries] == [
        "批踢踢實業坊 movie 板", "📚 Reading list", "👨\u200d👩\u200d👧\u200d👦 family",
        "🇳🇱/🇩🇪 flags", "❤️ love", "Cafe\u0301 combining", "＆ fullwidth ampersand",
        "한국어 뉴스", "plain ascii"]


def test_b38a_zero_items_is_success():
    feed = parse("b38a-zero-items.xml")
    assert feed.entries == [] and feed.title == "Fixture Feed" and feed.format == "rss20"


def test_b38b_empty_body_is_an_error():
    with pytest.raises(BriefError) as info:
        parse_document(b"", url=URL)
    assert info.value.category == errors.EMPTY
    assert str(info.value) == f"{URL}: empty response"


def test_b38c_whitespace_body_is_not_a_feed():
    with pytest.raises(NotAFeedError) as info:
        parse("b38c-whitespace-body.xml")
    assert str(info.value) == f"{URL}: not a recognised feed format"
    assert info.value.category == errors.NOT_A_FEED


def test_b40_script_style_removed():
    (entry,) = parse("b40-script-style-in-content.xml").entries
    assert entry.text == "Real text\n\nbad link good link"
    assert '<a href="https://example.com/ok">good link</a>' in entry.html
    for bad in ("color:red", "alert(", "javascript:", "onerror", "iframe", "frame text",
                "evil.example"):
        assert bad not in entry.html and bad not in entry.text


def test_b41_feed_summary_and_link():
    (entry,) = parse("b41-feed-linking-js-article.xml", url="http://127.0.0.1:8931/b41/feed.xml"
                     ).entries
    assert entry.link == "http://127.0.0.1:8931/b41/article.html"
    assert entry.summary == "Teaser: tomatoes did well."
    assert entry.text == "Teaser: tomatoes did well."


def test_b41_js_shell_extracts_nothing_but_has_description():
    from brief_tui.parse.fulltext import extract_article, page_description

    body = fixture_bytes("b41-js-shell-article.html")
    url = "http://127.0.0.1:8931/b41/article.html"
    assert extract_article(body, url=url, headers={"Content-Type": "text/html; charset=utf-8"}
                           ) is None
    assert page_description(body, url=url) == (
        "Tomatoes did well this quarter; the shed roof did not.")
