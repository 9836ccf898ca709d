"""Fast path for well-formed RSS 2.0 and Atom 1.0 (RFC 4287): lxml reads, feedparser's rules decide.

feedparser spends most of its time in expat callbacks and its own per-element bookkeeping
(attribute maps, an ``xml:base`` join on every element, a date parse of every date element,
``FeedParserDict`` key aliasing, a ``deepcopy`` per text construct). This module parses the
document with ``lxml.etree`` instead and replays it, element by element, into feedparser's own
state machine (:class:`feedparser.mixin._FeedParserMixin`: the same element handlers, the same
namespace mapping, the same ``xml:base``/``xml:lang`` scoping, the same quirks), with the hot
generic steps re-implemented without changing their results. The finished result goes through
the very function the feedparser path uses (:func:`brief_tui.parse.xmlfeed._feed`), so a
document this path accepts parses to exactly the :class:`ParsedFeed` ``parse_xml`` gives.

The fast path declines (returns ``None``, and the caller uses feedparser) for anything it does not
reproduce exactly: documents that are not well-formed (feedparser's loose parser and ``bozo``),
any ``DOCTYPE`` or entity declaration (so entity bombs and XXE never reach lxml: case B27), XML
other than version 1.0, encodings that do not decode to the same text as UTF-8 under feedparser's
charset rules (HTTP ``Content-Type`` charset vs XML declaration vs BOM), roots other than RSS 2.0
and Atom 1.0 (RSS 0.9x/1.0 RDF, Atom 0.3, CDF...), markup inside non-XHTML text constructs,
base64 content, SVG/MathML, XLink declarations, and namespace prefixes bound inconsistently.
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Mapping

import feedparser
from feedparser.encodings import lazy_chardet_encoding, parse_content_type
from feedparser.urls import make_safe_absolute_uri
from lxml import etree

from brief_tui.domain.models import ParsedFeed
from brief_tui.domain.text import clean_line
from brief_tui.parse.fastxml_replay import Replay
from brief_tui.parse.xmlfeed import _IGNORED_BOZO, _ascii_declaration, _feed, feedparser_headers

FEEDPARSER_SERIES = "6.0."
"""The feedparser release series whose internals this module replays (checked at run time)."""

_ENABLED = feedparser.__version__.startswith(FEEDPARSER_SERIES)


# feedparser's charset sniffing (feedparser.encodings.convert_to_utf8), replayed.
_RE_XML_PI_ENCODING = re.compile(rb'^<\?.*encoding=[\'"](.*?)[\'"].*\?>')
_UTF16_32_NAMES = ("u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
                   "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4")
_WIDE_STARTS = (b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff", b"\x4c\x6f\xa7\x94",
                b"\x00\x3c\x00\x3f", b"\x3c\x00\x3f\x00", b"\x00\x00\x00\x3c", b"\x3c\x00\x00\x00")
_APPLICATION_XML = ("application/xml", "application/xml-dtd",
                    "application/xml-external-parsed-entity")
_TEXT_XML = ("text/xml", "text/xml-external-parsed-entity")
_XML_DECL_START = re.compile(rb"<\?xml\s")
_XML_DECL_VERSION = re.compile(rb"<\?xml\s+version\s*=\s*([\"'])([^\"']*)\1")
_ASCII_SUPERSETS = frozenset({"ascii", "latin-1", "iso8859-1", "cp1252", "iso8859-2",
                              "iso8859-15", "utf-8"})
_FIRST_ELEMENT = re.compile(rb"<\w")
_local = threading.local()


def _parser(encoding: str) -> etree.XMLParser:
    """A per-thread lxml parser that reads bytes as ``encoding`` whatever the document declares
    (as feedparser does once it has chosen): no DTD, no network, no entity expansion, libxml2's
    size limits on."""
    parsers = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    parser = parsers.get(encoding)
    if parser is None:
        parser = parsers[encoding] = etree.XMLParser(
            resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
            remove_comments=True, remove_pis=True, encoding=encoding, recover=False,
            collect_ids=False)
    return parser


def parse_fast(body: bytes, *, url: str,
               headers: Mapping[str, str] | None = None) -> ParsedFeed | None:
    """Parse a well-formed RSS 2.0 or Atom 1.0 document without feedparser's parser.

    Args:
        body: the document bytes exactly as received (after HTTP content decoding).
        url: the final URL: base for relative links (RFC 3986, ``xml:base``).
        headers: the HTTP response headers (``Content-Type`` charset, ``Content-Language``).

    Returns:
        Exactly what :func:`brief_tui.parse.xmlfeed.parse_xml` returns for ``body`` (same
        titles, keys, links, dates, bodies, warnings), or ``None`` when the document is outside
        what this path reproduces (see the module docstring): the caller then uses
        ``parse_xml``.
    """
    if not _ENABLED or not url or not body:
        return None
    fp_headers = feedparser_headers(headers, url)
    plan = _encoding_plan(_ascii_declaration(body), fp_headers)
    if plan is None:
        return None
    data, problem, encoding = plan
    try:
        root = etree.fromstring(data, _parser(encoding))
    except (etree.XMLSyntaxError, ValueError):
        return None
    tag = root.tag
    if not isinstance(tag, str) or not (tag.endswith(("}feed", "}rss"))
                                        or tag in ("rss", "feed")):
        return None
    baseuri = make_safe_absolute_uri("", url) or make_safe_absolute_uri(url) or ""
    replay = Replay(baseuri, fp_headers.get("content-language"))
    try:
        replay.run(root, nested_ns=data.count(b"xmlns") > len(root.nsmap))
    except Exception:  # noqa: BLE001 - Decline, or a feedparser handler failing: its path decides
        return None
    version = replay.version
    if version not in ("rss20", "atom10"):
        return None
    return _feed({"feed": replay.feeddata, "entries": replay.entries}, version, url, problem)


def _same_as_utf8(data: bytes, text: str, encoding: str) -> bool:
    """True when ``text`` (``data`` decoded with ``encoding``) is what UTF-8 decoding gives."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return False
    if name == "utf-8":
        return True
    if name in _ASCII_SUPERSETS and data.isascii():
        return True
    try:
        return text == data.decode("utf-8")
    except UnicodeDecodeError:
        return False


def _encoding_plan(data: bytes,
                   headers: Mapping[str, str]) -> tuple[bytes, str, str] | None:
    """``(bytes for lxml, feedparser's warning, encoding for lxml)`` when feedparser would read
    ``data`` as UTF-8 or ISO-8859-1 text and hand it to its strict parser; ``None`` otherwise.

    Replays ``feedparser.encodings.convert_to_utf8``: BOM, the XML declaration's encoding, the
    HTTP ``Content-Type`` (RFC 3023 rules), then the fallbacks utf-8, windows-1252, iso-8859-2;
    and ``feedparser.sanitizer.replace_doctype`` (declined when there is anything to replace).
    """
    bom = ""
    if data.startswith(b"\xef\xbb\xbf"):
        bom = "utf-8"
        data = data[3:]
    elif data.startswith(_WIDE_STARTS):
        return None
    if bom:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # feedparser then skips the declaration: not worth replaying
    match = _RE_XML_PI_ENCODING.match(data)
    xml_encoding = match.group(1).decode("utf-8").lower() if match else ""
    if bom and xml_encoding in _UTF16_32_NAMES:
        xml_encoding = bom
    mime, http_encoding = parse_content_type(headers.get("content-type") or "")
    acceptable = False
    if mime in _APPLICATION_XML or (mime.startswith("application/") and mime.endswith("+xml")):
        acceptable = True
        declared = http_encoding or xml_encoding or "utf-8"
    elif mime in _TEXT_XML or (mime.startswith("text/") and mime.endswith("+xml")):
        acceptable = True
        declared = http_encoding or "us-ascii"
    elif mime.startswith("text/"):
        declared = http_encoding or "us-ascii"
    elif headers and "content-type" not in headers:
        declared = xml_encoding or "iso-8859-1"
    else:
        declared = xml_encoding or "utf-8"
    if declared.lower() == "gb2312":
        declared = "gb18030"
    if xml_encoding.lower() == "gb2312":
        xml_encoding = "gb18030"
    problem = ""
    if headers and not acceptable:
        problem = "NonXMLContentType"  # ignored by parse_xml: it says nothing about the document
    text = None
    chosen = ""
    tried: list[str] = []
    for proposed in (declared, xml_encoding, bom, lazy_chardet_encoding, "utf-8",
                     "windows-1252", "iso-8859-2"):
        if callable(proposed):
            proposed = proposed(data)
        if not proposed or proposed in tried:
            continue
        tried.append(proposed)
        try:
            text = data.decode(proposed)
        except (UnicodeDecodeError, LookupError):
            continue
        chosen = proposed
        break
    if text is None:
        return None
    if _same_as_utf8(data, text, chosen):
        lxml_encoding = "utf-8"
    elif codecs.lookup(chosen).name == "iso8859-1":
        lxml_encoding = "iso-8859-1"  # every byte is its code point, in Python and in libxml2
    else:
        return None
    if chosen != declared:
        problem = clean_line(f"CharacterEncodingOverride: document declared as {declared}, "
                             f"but parsed as {chosen}")
    if problem in _IGNORED_BOZO:
        problem = ""
    if _XML_DECL_START.match(data):
        decl = _XML_DECL_VERSION.match(data)
        if decl is None or decl.group(2) != b"1.0":
            return None
    first = _FIRST_ELEMENT.search(data)
    head = data[:first.start()] if first else data
    if b"<!" in head and (b"<!DOCTYPE" in head or b"<!ENTITY" in head):
        return None
    return data, problem, lxml_encoding
