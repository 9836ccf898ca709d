"""Differential property tests: on generated RSS 2.0 and Atom 1.0 documents with hostile field
values, the lxml fast path either declines or gives exactly feedparser's ParsedFeed.

Values cover what feeds get wrong: entity- and CDATA-escaped markup, numeric references to C1
code points, literal C1 controls, UTF-8 read as Latin-1 (``Ã©``), e-mail-shaped authors,
relative links under ``xml:base``, missing and duplicated fields (GUIDs too), odd dates, wide
characters, raw markup inside text elements, prefixes bound to namespaces in odd ways, and now
and then a character XML forbids. Documents are encoded with and without declarations, BOMs and
charsets, and served with assorted Content-Type and Content-Language headers.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief_tui.parse.fastxml import parse_fast
from brief_tui.parse.xmlfeed import parse_xml

URL = "https://example.com/feeds/f.xml"
OTHER_URL = "file:///tmp/moved/elsewhere.xml"

ATOM_NS = "http://www.w3.org/2005/Atom"

WORDS = ["news", "Café", "naïve", "’quoted’", "中文", "😀", "R&D", "AT&T", "a<b", "x>y",
         "Ã©", "Ã¢â‚¬â„¢", "\u00a0", "\u2028", "\u200b", "\u202e", "\x85", "\x96", "\x9b",
         "[bold]", "line\nbreak", "\ttab", "  spaced  ", "jane@example.com",
         "(Jane Doe)", "<jane@example.com>", "mailto:x@y.org", "&copy;", "&nbsp;", "&#8217;",
         "</b>", "<p>para</p>", "<b>bold</b>", "<script>alert(1)</script>", "]]>",
         "http://example.com/x", "/rel/path", "?q=1&r=2", "tag:example.com,2024:1", "",
         "-", "0", "Jane Doe", "$830M"]

RAW_REFS = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#233;", "&#x2019;", "&#150;",
            "&#133;", "&#128;", "&#x9d;", "&#160;", "&#10;", "&#38;lt;", "&amp;lt;b&amp;gt;",
            "&lt;b&gt;bold&lt;/b&gt;", "&lt;a href='/x'&gt;link&lt;/a&gt;",
            "&lt;img src=\"i.png\"&gt;", "&lt;p&gt;one&lt;/p&gt;&lt;p&gt;two&lt;/p&gt;"]

RARE_BAD = ["&nbsp;", "&eacute;", "\x01", "\x1b[31m", "&#27;", "&#0;", "<b>raw</b>",
            "<br/>", "<div>d</div>", "& bare", "\ufffe"]

DATES = ["Thu, 26 Feb 2026 16:31:00 GMT", "Mon, 01 Jan 2024 10:00:00 +0000",
         "Tue, 2 Apr 2024 08:00:00 -0500", "Wed, 03 Apr 2024 8:00 EST",
         "Mo, 25 Jun 2018 11:41:36", "2016/6/29 15:07:41", "2024-05-01T12:00:00Z",
         "2024-05-01T12:00:00.123+02:00", "2024-05-01", "2024-05-01T12:00", "Someday soon",
         "30 Feb 2024 10:00:00 GMT", "2099-01-01T00:00:00Z", "", "   ", "1999",
         "Thu, 26 Feb 2026 16:31:00 CEST", "99999999999999999999 Jan 2020",
         "Sun, 31 Dec 1899 23:59:59 +2400", "2024-13-45T25:61:61Z", "Fri, 1 Mar 2024"]

URLS = ["https://example.com/a", "http://example.com/b?x=1&y=2", "/abs/path", "rel/path",
        "../up", "#frag", "?only=query", "//cdn.example.net/x.mp3", "tag:example.com,2024:x",
        "javascript:alert(1)", "feed://example.com/f", "https://例え.jp/パス",
        "http://example.com/a b", "", "mailto:a@b.c", "https://example.com/a;p?q#f",
        "HTTPS://EXAMPLE.COM/UP", "http:///triple", "https://[::1]/v6", "http://a/b?#"]

BASES = ["https://example.org/blog/", "http://example.org/a/b/c", "/root/", "sub/",
         "javascript:evil", "tag:x", "", "https://other.example/ü/"]

LANGS = ["en", "en-US", "EN_gb", "fr", "", "x-klingon", "not a tag"]

CONTENT_TYPES = [None, "application/rss+xml", "application/atom+xml", "text/xml",
                 "application/xml; charset=utf-8", "text/html", "application/rss+xml; charset=UTF-8",
                 "text/xml; charset=iso-8859-1", "application/octet-stream",
                 "application/xml; charset=\"utf-8\"", "text/plain"]


_XML_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff",
                           min_codepoint=0x20) | st.sampled_from("\t\n\r\x85\x80\x9f")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


@st.composite
def text_content(draw, *, allow_bad: bool = True) -> str:
    """XML character content for a text element: escaped words, raw references, CDATA."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 19))
        if kind < 9:
            parts.append(_escape(draw(st.sampled_from(WORDS))))
        elif kind < 14:
            parts.append(draw(st.sampled_from(RAW_REFS)))
        elif kind < 17:
            inner = draw(st.sampled_from(WORDS + ["<p>Hello <b>world</b></p>", "a ]] b"]))
            if "]]>" not in inner:
                parts.append(f"<![CDATA[{inner}]]>")
        elif kind < 19 or not allow_bad:
            parts.append(_escape(draw(st.text(_XML_CHARS, max_size=6))))
        else:
            parts.append(draw(st.sampled_from(RARE_BAD)))
        parts.append(draw(st.sampled_from(["", " ", "\n  ", "\t"])))
    return "".join(parts)


def _text_strategy() -> st.SearchStrategy[str]:
    return text_content()


def _maybe_attrs(draw, names: dict[str, list[str]]) -> str:
    out = []
    for name, choices in names.items():
        if draw(st.booleans()):
            out.append(f' {name}="{_attr(draw(st.sampled_from(choices)))}"')
    return "".join(out)


@st.composite
def rss_item(draw) -> str:
    fields = []
    pool = ["title", "link", "guid", "pubDate", "description", "content", "creator", "dcdate",
            "author", "category", "enclosure", "comments", "atomlink", "media", "itunes",
            "source", "unknown", "rawtitle", "image", "twodesc", "comment", "leafattrs",
            "guidattrs", "guidtext"]
    for field in draw(st.lists(st.sampled_from(pool), max_size=9)):
        value = draw(_text_strategy())
        if field == "title":
            fields.append(f"<title{_maybe_attrs(draw, {'xml:lang': LANGS})}>{value}</title>")
        elif field == "rawtitle":
            fields.append(f"<title>{value}<b>{value}</b></title>")
        elif field == "link":
            fields.append(f"<link>{_escape(draw(st.sampled_from(URLS)))}</link>")
        elif field == "guid":
            perma = draw(st.sampled_from(["", ' isPermaLink="false"', ' isPermaLink="true"',
                                          ' isPermaLink="False"']))
            guid = draw(st.sampled_from(URLS + ["dup-guid", "dup-guid", "  spaced guid "]))
            fields.append(f"<guid{perma}>{_escape(guid)}</guid>")
        elif field == "guidattrs":  # not a leaf the fast path replays: feedparser's handler
            attrs = _maybe_attrs(draw, {"isPermaLink": ["true", "false"], "xml:base": BASES,
                                        "x:flag": ["1"]})
            guid = draw(st.sampled_from(URLS + ["dup-guid", "123"]))
            fields.append(f"<guid{attrs}>{_escape(guid)}</guid>")
        elif field == "guidtext":
            fields.append(f"<guid>{value}</guid>")
        elif field == "pubDate":
            fields.append(f"<pubDate>{_escape(draw(st.sampled_from(DATES)))}</pubDate>")
        elif field == "dcdate":
            fields.append(f"<dc:date>{_escape(draw(st.sampled_from(DATES)))}</dc:date>")
        elif field == "description":
            fields.append(f"<description>{value}</description>")
        elif field == "content":
            fields.append(f"<content:encoded>{value}</content:encoded>")
        elif field == "creator":
            fields.append(f"<dc:creator>{value}</dc:creator>")
        elif field == "author":
            fields.append(f"<author>{value}</author>")
        elif field == "category":
            attrs = _maybe_attrs(draw, {"domain": ["http://x/", "", "tags"]})
            fields.append(f"<category{attrs}>{value}</category>")
        elif field == "enclosure":
            attrs = _maybe_attrs(draw, {"url": URLS, "type": ["audio/mpeg", "Video/MP4", ""],
                                        "length": ["123", "-1", "x", ""]})
            fields.append(f"<enclosure{attrs}/>")
        elif field == "comments":
            fields.append(f"<comments>{_escape(draw(st.sampled_from(URLS)))}</comments>")
        elif field == "atomlink":
            attrs = _maybe_attrs(draw, {"rel": ["alternate", "enclosure", "self", "related",
                                                "ALTERNATE"],
                                        "href": URLS, "type": ["text/html", "audio/mpeg",
                                                                "Text/HTML"],
                                        "length": ["5", "z"], "xml:base": BASES})
            fields.append(f"<atom:link{attrs}/>")
        elif field == "media":
            attrs = _maybe_attrs(draw, {"url": URLS, "medium": ["image", "video"]})
            fields.append(f"<media:content{attrs}/><media:title>{value}</media:title>")
        elif field == "itunes":
            fields.append(f"<itunes:author>{value}</itunes:author>"
                          f"<itunes:summary>{value}</itunes:summary>")
        elif field == "source":
            attrs = _maybe_attrs(draw, {"url": URLS})
            fields.append(f"<source{attrs}>{value}</source>")
        elif field == "image":
            fields.append(f"<image><url>/i.png</url><title>{value}</title><link>/x</link></image>")
        elif field == "twodesc":
            fields.append(f"<description>{value}</description><description>second</description>")
        elif field == "comment":
            fields.append(f"<title>a<!-- note -->{value}<?pi x?>b</title>")
        elif field == "leafattrs":
            attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS, "x:flag": ["1"],
                                        "type": ["html", "text/plain"]})
            fields.append(f"<title{attrs}>{value}</title><link{attrs}>rel/{value[:3]}</link>")
        else:
            fields.append(f"<x:extra>{value}</x:extra><date>{value}</date>")
    attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
    return f"<item{attrs}>" + "\n".join(fields) + "</item>"


@st.composite
def rss_document(draw) -> str:
    channel = []
    for field in draw(st.lists(st.sampled_from(
            ["title", "link", "description", "language", "image", "editor", "self", "date",
             "owner"]), max_size=6)):
        value = draw(_text_strategy())
        if field == "title":
            channel.append(f"<title>{value}</title>")
        elif field == "link":
            channel.append(f"<link>{_escape(draw(st.sampled_from(URLS)))}</link>")
        elif field == "description":
            channel.append(f"<description>{value}</description>")
        elif field == "language":
            channel.append(f"<language>{_escape(draw(st.sampled_from(LANGS)))}</language>")
        elif field == "image":
            channel.append(f"<image><url>{_escape(draw(st.sampled_from(URLS)))}</url>"
                           f"<title>{value}</title><link>/home</link></image>")
        elif field == "editor":
            channel.append(f"<managingEditor>{value}</managingEditor>")
        elif field == "self":
            channel.append(f'<atom:link rel="self" href="{_attr(draw(st.sampled_from(URLS)))}"/>')
        elif field == "date":
            channel.append(f"<lastBuildDate>{draw(st.sampled_from(DATES))}</lastBuildDate>")
        else:
            channel.append(f"<itunes:owner><itunes:name>{value}</itunes:name></itunes:owner>")
    items = draw(st.lists(rss_item(), max_size=5))
    position = draw(st.integers(0, len(channel)))
    channel[position:position] = items
    atom_prefix = draw(st.sampled_from(["atom", "a10"]))
    version = draw(st.sampled_from(["2.0", "2.0", "2.0", "2.01", "0.92"]))
    root_attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
    body = (f'<rss version="{version}" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
            f' xmlns:dc="http://purl.org/dc/elements/1.1/"'
            f' xmlns:{atom_prefix}="{ATOM_NS}" xmlns:media="http://search.yahoo.com/mrss/"'
            f' xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"'
            f' xmlns:x="urn:example:extra"{root_attrs}><channel>'
            + "\n".join(channel) + "</channel></rss>")
    return body.replace("<atom:", f"<{atom_prefix}:")


@st.composite
def atom_text(draw, name: str) -> str:
    kind = draw(st.sampled_from(["none", "text", "html", "xhtml", "xhtml-prefixed",
                                 "text/html", "xhtml-two-divs"]))
    value = draw(_text_strategy())
    base = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
    if kind == "none":
        return f"<{name}{base}>{value}</{name}>"
    if kind.startswith("xhtml"):
        inner = draw(st.sampled_from(["<p>Para <em>one</em></p>", "Just text &amp; more",
                                      "<a href=\"rel/x\">link</a> <br/> tail",
                                      "<ul><li>a</li><li>b</li></ul>", "<img src=\"i.png\"/>",
                                      "<span class=\"x\" title=\"T\">s</span>"]))
        if kind == "xhtml-prefixed":
            return (f'<{name} type="xhtml"{base}><h:div xmlns:h="http://www.w3.org/1999/xhtml">'
                    f"{value}<h:b>{value}</h:b></h:div></{name}>")
        if kind == "xhtml-two-divs":
            return (f'<{name} type="xhtml"{base}><div xmlns="http://www.w3.org/1999/xhtml">'
                    f"a</div><div xmlns=\"http://www.w3.org/1999/xhtml\">b</div></{name}>")
        return (f'<{name} type="xhtml"{base}>\n  <div xmlns="http://www.w3.org/1999/xhtml">'
                f"{inner}{value}</div>\n</{name}>")
    return f'<{name} type="{kind}"{base}>{value}</{name}>'


@st.composite
def atom_entry(draw) -> str:
    fields = []
    pool = ["title", "id", "link", "published", "updated", "author", "category", "summary",
            "content", "contributor", "source", "enclosure", "contentsrc", "linktext", "idbase",
            "idtext"]
    for field in draw(st.lists(st.sampled_from(pool), max_size=9)):
        if field in ("title", "summary", "content"):
            fields.append(draw(atom_text(field)))
        elif field == "id":
            guid = draw(st.sampled_from(URLS + ["dup-id", "dup-id"]))
            fields.append(f"<id>{_escape(guid)}</id>")
        elif field == "idbase":
            attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
            guid = draw(st.sampled_from(URLS + ["dup-id", "123"]))
            fields.append(f"<id{attrs}>{_escape(guid)}</id>")
        elif field == "idtext":
            fields.append(f"<id>{draw(_text_strategy())}</id>")
        elif field in ("link", "enclosure"):
            attrs = _maybe_attrs(draw, {"rel": ["alternate", "enclosure", "related", "self"],
                                        "href": URLS, "type": ["text/html", "audio/mpeg",
                                                                "application/xhtml+xml"],
                                        "length": ["10", "x"], "title": ["T"],
                                        "xml:base": BASES})
            fields.append(f"<link{attrs}/>")
        elif field in ("published", "updated"):
            fields.append(f"<{field}>{_escape(draw(st.sampled_from(DATES)))}</{field}>")
        elif field in ("author", "contributor"):
            parts = []
            for sub in draw(st.lists(st.sampled_from(["name", "email", "uri"]), max_size=3)):
                parts.append(f"<{sub}>{draw(_text_strategy())}</{sub}>")
            fields.append(f"<{field}>{''.join(parts)}</{field}>")
        elif field == "category":
            attrs = _maybe_attrs(draw, {"term": WORDS, "scheme": ["http://s/"],
                                        "label": WORDS})
            fields.append(f"<category{attrs}/>")
        elif field == "contentsrc":
            fields.append(f'<content type="text/html" src="{_attr(draw(st.sampled_from(URLS)))}"/>')
        elif field == "linktext":
            fields.append(f"<link>{_escape(draw(st.sampled_from(URLS)))}</link>")
        else:
            fields.append(f"<source><title>{draw(_text_strategy())}</title>"
                          f"<id>src</id></source>")
    attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
    return f"<entry{attrs}>" + "\n".join(fields) + "</entry>"


@st.composite
def atom_document(draw) -> str:
    head = []
    for field in draw(st.lists(st.sampled_from(
            ["title", "subtitle", "id", "link", "icon", "logo", "author", "updated",
             "rights", "generator"]), max_size=6)):
        if field in ("title", "subtitle", "rights"):
            head.append(draw(atom_text(field)))
        elif field in ("icon", "logo", "id"):
            head.append(f"<{field}>{_escape(draw(st.sampled_from(URLS)))}</{field}>")
        elif field == "link":
            attrs = _maybe_attrs(draw, {"rel": ["alternate", "self"], "href": URLS,
                                        "type": ["text/html", "application/atom+xml"]})
            head.append(f"<link{attrs}/>")
        elif field == "author":
            head.append(f"<author><name>{draw(_text_strategy())}</name></author>")
        elif field == "updated":
            head.append(f"<updated>{_escape(draw(st.sampled_from(DATES)))}</updated>")
        else:
            head.append(f'<generator uri="/gen">{draw(_text_strategy())}</generator>')
    entries = draw(st.lists(atom_entry(), max_size=5))
    root_attrs = _maybe_attrs(draw, {"xml:base": BASES, "xml:lang": LANGS})
    return (f'<feed xmlns="{ATOM_NS}"{root_attrs}>' + "\n".join(head + entries) + "</feed>")


@st.composite
def encoded(draw, document: st.SearchStrategy[str]) -> tuple[bytes, dict | None]:
    """A document as bytes (declaration, BOM, encoding) and the response headers."""
    text = draw(document)
    decl = draw(st.sampled_from(["utf-8", "UTF-8", "none", "iso-8859-1", "us-ascii",
                                 "version-only"]))
    if decl == "none":
        prolog = ""
    elif decl == "version-only":
        prolog = '<?xml version="1.0"?>\n'
    else:
        prolog = f'<?xml version="1.0" encoding="{decl}"?>\n'
    source = prolog + text
    if decl == "iso-8859-1" and draw(st.booleans()):
        body = source.encode("iso-8859-1", errors="xmlcharrefreplace")
    else:
        body = source.encode("utf-8")
    if draw(st.integers(0, 9)) == 0:
        body = b"\xef\xbb\xbf" + body
    content_type = draw(st.sampled_from(CONTENT_TYPES))
    headers: dict[str, str] = {}
    if content_type is not None:
        headers["Content-Type"] = content_type
    if draw(st.integers(0, 5)) == 0:
        headers["Content-Language"] = draw(st.sampled_from(["de", "en_GB", ""]))
    return body, (headers or None)


def _ids(feed) -> set[str | None]:
    """The entries' ids (as written), checking that each id-keyed entry's key is its id (made
    unique by a suffix)."""
    for e in feed.entries:
        if e.guid is not None:
            assert e.key == e.guid or e.key.startswith(e.guid + "#")
    return {e.guid for e in feed.entries}


def check(document: tuple[bytes, dict | None], taken: list[bool]) -> None:
    """Fast path == feedparser path, at two URLs; ids (and the keys made of them) are the same
    whatever the URL the document came from."""
    body, headers = document
    fast = parse_fast(body, url=URL, headers=headers)
    taken.append(fast is not None)
    slow = parse_xml(body, url=URL, headers=headers)[0]
    if fast is not None:
        assert fast == slow
    fast2 = parse_fast(body, url=OTHER_URL, headers=headers)
    slow2 = parse_xml(body, url=OTHER_URL, headers=headers)[0]
    if fast2 is not None:
        assert fast2 == slow2
    if slow is not None and slow2 is not None:
        assert _ids(slow) == _ids(slow2)


def test_generated_rss_parses_as_feedparser_parses_it():
    taken: list[bool] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(encoded(rss_document()))
    def run(document):
        check(document, taken)

    run()
    assert sum(taken) >= len(taken) // 4  # the generator keeps the fast path busy


def test_generated_atom_parses_as_feedparser_parses_it():
    taken: list[bool] = []

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(encoded(atom_document()))
    def run(document):
        check(document, taken)

    run()
    assert sum(taken) >= len(taken) // 4
