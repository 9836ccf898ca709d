"""OPML subscription lists: import (OPML 1.0/2.0) and export (OPML 2.0, opml.org/spec2).

Import reads every ``<outline>`` with an ``xmlUrl`` in document order; folders (outlines
without ``xmlUrl`` that contain outlines) become the group, nested folders joined with ``/``.
The XML is parsed by :mod:`brief_tui.parse.safexml`: entities are never expanded and nothing
is fetched (case B27). Export writes a deterministic OPML 2.0 document with ElementTree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from brief_tui.domain.errors import FeedParseError
from brief_tui.domain.text import clean_line
from brief_tui.parse.fields import absolute_url, http_url
from brief_tui.parse.safexml import parse_xml_safely

EXPORT_TITLE = "brief-tui subscriptions"
"""The ``<head><title>`` of exported OPML."""


@dataclass(frozen=True, slots=True)
class OpmlOutline:
    """One subscription from an OPML file.

    Attributes:
        url: the feed URL (``xmlUrl``), absolute.
        title: the outline's ``title``, else its ``text``, else ``""``.
        group: the enclosing folder names joined with ``"/"`` (``"Tech/Apple"``), or ``None``
            at the top level.
    """

    url: str
    title: str = ""
    group: str | None = None


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _attr(el: ET.Element, name: str) -> str:
    """Attribute lookup ignoring case (``xmlUrl``, ``xmlurl``, ``XMLURL`` all occur)."""
    value = el.get(name)
    if value is None:
        lowered = name.lower()
        for key, val in el.attrib.items():
            if key.lower() == lowered:
                return val
        return ""
    return value


def parse_opml(body: bytes, *, source: str) -> list[OpmlOutline]:
    """Read the subscriptions of an OPML document.

    Args:
        body: the OPML bytes.
        source: the file path or URL, named in errors and used as the base for relative
            ``xmlUrl`` values when it is an ``http(s)`` URL.

    Returns:
        Every outline with a non-empty ``xmlUrl``, in document order (duplicates kept: the
        caller's store ignores feeds already subscribed).

    Raises:
        FeedParseError: not XML, or the root element is not ``<opml>``.
    """
    if not body or not body.strip():
        raise FeedParseError("empty OPML document", source=source)
    root = parse_xml_safely(body, source=source)
    if _local(root.tag) != "opml":
        raise FeedParseError(f"not an OPML document (root <{_local(root.tag)}>)",
                             source=source)
    base = http_url(source)
    out: list[OpmlOutline] = []
    for body_el in (el for el in root if _local(el.tag) == "body"):
        _walk(body_el, [], base, out)
    return out


def _walk(parent: ET.Element, path: list[str], base: str | None,
          out: list[OpmlOutline]) -> None:
    for el in parent:
        if _local(el.tag) != "outline":
            continue
        name = clean_line(_attr(el, "title")) or clean_line(_attr(el, "text"))
        raw_url = _attr(el, "xmlUrl").strip()
        if raw_url:
            url = absolute_url(raw_url, base)
            if url:
                out.append(OpmlOutline(url=url, title=name, group="/".join(path) or None))
            _walk(el, path, base, out)
        else:
            _walk(el, [*path, name] if name else path, base, out)


def build_opml(feeds: Iterable[tuple[str, str, str | None]], *,
               title: str = EXPORT_TITLE) -> bytes:
    """Write subscriptions as an OPML 2.0 document.

    Args:
        feeds: ``(url, title, group)`` per feed, in the order to write them; ``group`` is a
            folder path (``"Tech/Apple"`` nests ``Apple`` in ``Tech``) or ``None``.
        title: the document title.

    Returns:
        UTF-8 bytes with an XML declaration, two-space indented; the same input always gives
        the same bytes (no timestamps). Folders appear where their first feed appears.
    """
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = clean_line(title)
    body = ET.SubElement(root, "body")
    folders: dict[tuple[str, ...], ET.Element] = {}
    for url, name, group in feeds:
        url = clean_line(url)
        if not url:
            continue
        parent = body
        parts = tuple(p for p in (clean_line(g) for g in (group or "").split("/")) if p)
        for depth in range(1, len(parts) + 1):
            key = parts[:depth]
            folder = folders.get(key)
            if folder is None:
                folder = ET.SubElement(parent, "outline", text=key[-1], title=key[-1])
                folders[key] = folder
            parent = folder
        label = clean_line(name) or url
        ET.SubElement(parent, "outline", type="rss", text=label, title=label, xmlUrl=url)
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


__all__ = ["OpmlOutline", "parse_opml", "build_opml", "FeedParseError"]
