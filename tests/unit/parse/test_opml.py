"""OPML import (entity-safe) and OPML 2.0 export."""

from __future__ import annotations

import socket
import time

import pytest

from brief_tui.domain.errors import FeedParseError
from brief_tui.parse.opml import OpmlOutline, build_opml, parse_opml
from tests.unit.parse.conftest import fixture_bytes

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.1"><head><title>Subs</title></head><body>
  <outline text="Top feed" title="Top &amp; feed" type="rss" xmlUrl="http://example.com/top.xml"/>
  <outline text="Tech">
    <outline text="Apple">
      <outline text="Daring" xmlUrl="http://daringfireball.net/feeds/main"/>
    </outline>
    <outline text="Go" xmlurl="https://go.dev/blog/feed.atom"/>
    <outline text="No url here" htmlUrl="https://example.com/"/>
  </outline>
  <outline title="Relative" xmlUrl="feeds/rel.xml"/>
  <outline text="Empty url" xmlUrl="  "/>
  <outline text="Feed scheme" xmlUrl="feed://example.org/rss"/>
</body></opml>"""


def test_nested_folders_become_slash_groups():
    assert parse_opml(NESTED, source="https://example.com/lists/subs.opml") == [
        OpmlOutline("http://example.com/top.xml", "Top & feed", None),
        OpmlOutline("http://daringfireball.net/feeds/main", "Daring", "Tech/Apple"),
        OpmlOutline("https://go.dev/blog/feed.atom", "Go", "Tech"),
        OpmlOutline("https://example.com/lists/feeds/rel.xml", "Relative", None),
        OpmlOutline("http://example.org/rss", "Feed scheme", None),
    ]


def test_billion_laughs_is_not_expanded():
    start = time.monotonic()
    outlines = parse_opml(fixture_bytes("b27a-billion-laughs.opml"), source="bomb.opml")
    assert time.monotonic() - start < 5
    assert outlines == [OpmlOutline("https://example.com/bomb.xml", "&lol9;", None),
                        OpmlOutline("https://example.com/after.xml", "After bomb", None)]


def test_external_entities_are_not_resolved(tmp_path):
    canary = tmp_path / "xxe-canary.txt"
    canary.write_text("CANARY-7f3a")
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    body = (fixture_bytes("b27b-external-entity.opml.tmpl")
            .replace(b"{canary}", str(canary).encode()).replace(b"{port}", str(port).encode()))
    try:
        outlines = parse_opml(body, source="xxe.opml")
        with pytest.raises(OSError):
            listener.accept()
    finally:
        listener.close()
    assert [o.title for o in outlines] == ["Leak: &canary;", "Ping: &ping;"]
    assert not any("CANARY" in o.title for o in outlines)


def test_html_entities_and_utf16():
    body = ('<?xml version="1.0" encoding="utf-16"?><opml version="2.0"><body>'
            '<outline text="Caf&eacute; &amp; bar" xmlUrl="https://e.com/c"/></body></opml>')
    outlines = parse_opml(b"\xff\xfe" + body.encode("utf-16-le"), source="u16.opml")
    assert outlines == [OpmlOutline("https://e.com/c", "Café & bar", None)]


def test_recovers_unescaped_ampersand():
    body = (b'<opml version="2.0"><body><outline text="Salt & Pepper" '
            b'xmlUrl="https://e.com/?a=1&b=2"/></body></opml>')
    assert parse_opml(body, source="amp.opml") == [
        OpmlOutline("https://e.com/?a=1&b=2", "Salt & Pepper", None)]


@pytest.mark.parametrize("body", [b"", b"   ", b"not xml at all", b"<rss version='2.0'/>"])
def test_not_opml(body):
    with pytest.raises(FeedParseError) as info:
        parse_opml(body, source="bad.opml")
    assert str(info.value).startswith("bad.opml: ")


def test_build_opml_is_deterministic_nested_and_round_trips():
    feeds = [("https://a.example/1", "A & B", None), ("https://a.example/2", "C", "Tech/Apple"),
             ("https://a.example/3", "", "Tech"), ("https://a.example/4", "Esc\x1b[31m", None)]
    out = build_opml(feeds)
    assert out == build_opml(feeds)
    assert out.decode() == """<?xml version='1.0' encoding='utf-8'?>
<opml version="2.0">
  <head>
    <title>brief-tui subscriptions</title>
  </head>
  <body>
    <outline type="rss" text="A &amp; B" title="A &amp; B" xmlUrl="https://a.example/1" />
    <outline text="Tech" title="Tech">
      <outline text="Apple" title="Apple">
        <outline type="rss" text="C" title="C" xmlUrl="https://a.example/2" />
      </outline>
      <outline type="rss" text="https://a.example/3" title="https://a.example/3" xmlUrl="https://a.example/3" />
    </outline>
    <outline type="rss" text="Esc" title="Esc" xmlUrl="https://a.example/4" />
  </body>
</opml>
"""
    assert parse_opml(out, source="export.opml") == [
        OpmlOutline("https://a.example/1", "A & B", None),
        OpmlOutline("https://a.example/2", "C", "Tech/Apple"),
        OpmlOutline("https://a.example/3", "https://a.example/3", "Tech"),
        OpmlOutline("https://a.example/4", "Esc", None),
    ]
