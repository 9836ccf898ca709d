"""Parse XML that came from outside without ever expanding entities or fetching anything.

Used for every XML document the app reads itself (OPML); feeds go through feedparser, which
applies the same rule. The DOCTYPE (and with it every entity declaration: billion laughs,
external ``SYSTEM`` entities) is removed before parsing, references to undeclared entities are
kept as literal text (``&lol9;``), HTML named entities (``&eacute;``) become their characters,
and the parse is done by defusedxml with DTDs forbidden, falling back to lxml's recovering
parser (``resolve_entities=False``, ``no_network=True``, ``load_dtd=False``) for documents that
are not well-formed.
"""

from __future__ import annotations

import codecs
import re
from html.entities import name2codepoint
from xml.etree.ElementTree import Element, ParseError

from brief_tui.domain.errors import FeedParseError

_DOCTYPE = re.compile(rb"<!DOCTYPE\b(?:[^\[>]*)(?:\[.*?\]\s*)?>", re.I | re.S)
_ENTITY_REF = re.compile(rb"&([A-Za-z_][A-Za-z0-9._-]*);")
_BARE_AMP = re.compile(rb"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_][A-Za-z0-9._-]*;)")
_XML_DECL_ENCODING = re.compile(rb"^(<\?xml[^>]*?)\sencoding=[\"'][^\"']*[\"']")
_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_UNICODE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                 (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _to_ascii_compatible(body: bytes) -> bytes:
    """Re-encode UTF-16/32 documents (BOM) as UTF-8 so byte-level rules apply."""
    for bom, name in _UNICODE_BOMS:
        if body.startswith(bom):
            text = body[len(bom):].decode(name, errors="replace").encode("utf-8")
            return _XML_DECL_ENCODING.sub(rb'\1 encoding="utf-8"', text)
    return body


def _entity(match: re.Match) -> bytes:
    name = match.group(1)
    if name in _PREDEFINED:
        return match.group(0)
    codepoint = name2codepoint.get(name.decode("ascii"))
    if codepoint is not None:
        return b"&#%d;" % codepoint
    return b"&amp;" + name + b";"


def defuse(body: bytes) -> bytes:
    """The document with its DOCTYPE removed, bare ``&`` escaped, HTML named entities turned
    into character references and any other entity reference made literal text."""
    body = _to_ascii_compatible(body)
    body = _DOCTYPE.sub(b"", body, count=1)
    if b"&" in body:
        body = _BARE_AMP.sub(b"&amp;", body)  # "Salt & Pepper", "?a=1&b=2" (case B08)
        body = _ENTITY_REF.sub(_entity, body)
    return body


def parse_xml_safely(body: bytes, *, source: str) -> Element:
    """Parse untrusted XML into an ElementTree element, never expanding entities.

    Args:
        body: the document bytes.
        source: the file or URL, named in errors.

    Returns:
        The root element (``xml.etree.ElementTree.Element``; lxml-recovered documents are
        converted).

    Raises:
        FeedParseError: the document is not XML even for a recovering parser.
    """
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    data = defuse(body)
    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                  forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedParseError(f"refused unsafe XML ({type(exc).__name__})",
                             source=source) from None
    except ParseError as exc:
        problem = str(exc)
    root = _recover(data)
    if root is None:
        raise FeedParseError(f"not well-formed XML: {problem}", source=source)
    return root


def _recover(data: bytes) -> Element | None:
    """lxml's recovering parse, converted to an ElementTree element; ``None`` when hopeless."""
    from xml.etree.ElementTree import fromstring as et_fromstring

    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    try:
        return et_fromstring(etree.tostring(root))
    except ParseError:
        return None
