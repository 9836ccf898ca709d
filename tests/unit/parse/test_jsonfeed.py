"""JSON Feed 1.0 and 1.1 (jsonfeed.org/version/1.1)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from brief_tui.domain.errors import NotAFeedError
from brief_tui.domain.models import Enclosure
from brief_tui.parse import parse_document

URL = "https://example.com/feed.json"


def doc(**fields) -> bytes:
    base = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": []}
    base.update(fields)
    return json.dumps(base).encode()


def parse(**fields):
    return parse_document(doc(**fields), url=URL)


def test_feed_fields_10_and_11():
    feed = parse_document(json.dumps({
        "version": "https://jsonfeed.org/version/1", "title": "Daring &amp; Fireball",
        "home_page_url": "https://example.com/", "icon": "/icon.png",
        "favicon": "https://example.com/fav.ico", "description": "A <b>blog</b>",
        "author": {"name": "John"}, "items": []}).encode(), url=URL)
    assert feed.format == "jsonfeed10"
    assert feed.title == "Daring & Fireball"
    assert feed.home_page == "https://example.com/"
    assert feed.icon == "https://example.com/icon.png"
    assert feed.favicon == "https://example.com/fav.ico"
    assert feed.description == "A <b>blog</b>"  # plain text: never tag-stripped
    assert feed.authors == ("John",)
    assert parse(language="en-us").language == "en-US"
    assert parse().format == "jsonfeed11"


def test_authors_precedence():
    feed = parse(authors=[{"name": "Root Author 1"}, {"name": "Root Author 2"}],
                 author={"name": "Legacy Root Author"}, items=[
                     {"id": "Item without authors", "content_html": ""},
                     {"id": "Item with legacy author", "author": {"name": "Legacy Item Author"}},
                     {"id": "Item with modern authors",
                      "authors": [{"name": "Item Author 1"}, {"name": "Item Author 2"}]},
                     {"id": "Item with both",
                      "authors": [{"name": "Item Author 1"}, {"name": "Item Author 2"}],
                      "author": {"name": "Legacy Item Author"}},
                     {"id": "Empty authors list", "authors": [], "author": {"name": "Old"}},
                 ])
    assert feed.authors == ("Root Author 1", "Root Author 2")
    assert {e.key: e.authors for e in feed.entries} == {
        "Item without authors": ("Root Author 1", "Root Author 2"),
        "Item with legacy author": ("Legacy Item Author",),
        "Item with modern authors": ("Item Author 1", "Item Author 2"),
        "Item with both": ("Item Author 1", "Item Author 2"),
        "Empty authors list": ("Old",),
    }


def test_item_fields():
    feed = parse(items=[{
        "id": 12345, "url": "/posts/1", "external_url": "https://other.example/",
        "title": "I&#8217;m &lt;here&gt;", "content_html": '<p>Hi <a href="/x">there</a>'
        '<script>bad()</script></p>', "content_text": "ignored when html has text",
        "summary": "Short", "date_published": "2024-05-01T10:00:00+02:00",
        "date_modified": "2024-05-02T00:00:00Z", "tags": ["a", "b", "a", 3],
        "language": "fr", "attachments": [
            {"url": "ep.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 10},
            {"url": "ep.mp3", "mime_type": "audio/mpeg", "size_in_bytes": 10},
            {"url": "v.mp4", "size_in_bytes": "big"}, {"mime_type": "no/url"}]}])
    (e,) = feed.entries
    assert (e.key, e.guid) == ("12345", "12345")
    assert e.link == "https://example.com/posts/1"
    assert e.title == "I’m <here>"
    assert e.html == '<p>Hi <a href="https://example.com/x">there</a></p>'
    assert e.text == "Hi there" and e.markdown is None
    assert e.summary == "Short"
    assert e.published == datetime(2024, 5, 1, 8, tzinfo=UTC)
    assert e.updated == datetime(2024, 5, 2, tzinfo=UTC)
    assert e.categories == ("a", "b")
    assert e.language == "fr"
    assert e.enclosures == (Enclosure("https://example.com/ep.mp3", "audio/mpeg", 10),
                            Enclosure("https://example.com/v.mp4", None, None))


def test_content_text_is_plain_and_markdown():
    (e,) = parse(items=[{"id": "1",
                         "content_text": "Use <b>tags</b>\r\n\r\n\r\nliterally"}]).entries
    assert e.text == "Use <b>tags</b>\n\nliterally"
    assert e.markdown == e.text and e.html is None


def test_published_falls_back_to_modified_and_url_to_external_url():
    (e,) = parse(items=[{"id": "1", "external_url": "https://other.example/a",
                         "date_modified": "2024-05-02T00:00:00Z"}]).entries
    assert e.published == e.updated == datetime(2024, 5, 2, tzinfo=UTC)
    assert e.link == "https://other.example/a"


def test_items_without_ids_get_stable_keys_and_bad_items_are_skipped():
    feed = parse(items=[{"url": "https://e.com/1", "title": "One"}, "junk",
                        {"url": "https://e.com/2", "title": "Two"}])
    assert [e.title for e in feed.entries] == ["One", "Two"]
    assert feed.warnings == ["item 2 is not an object; skipped"]
    assert [e.key for e in feed.entries] == [e.key for e in parse(items=[
        {"url": "https://e.com/1", "title": "One"}, {"url": "https://e.com/2", "title": "Two"}
    ]).entries]


@pytest.mark.parametrize("body", [
    b'{"rss": {"version": "2.0", "channel": {"title": "x", "item": []}}}',  # RSS as JSON
    b'{"version": "2.0", "items": []}',
    b'{"version": "https://example.com/version/1", "items": []}',
    b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}',
    b'[1, 2, 3]',
    b'{"version": ',
])
def test_json_that_is_not_a_json_feed(body):
    with pytest.raises(NotAFeedError) as info:
        parse_document(body, url=URL)
    assert str(info.value).startswith(f"{URL}: not a recognised feed format")
    assert not hasattr(info.value, "discovered")


def test_utf8_bom_json():
    feed = parse_document(b"\xef\xbb\xbf" + doc(title="Caf\u00e9"), url=URL)
    assert feed.title == "Café"
