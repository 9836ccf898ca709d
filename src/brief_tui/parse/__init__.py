"""Parse layer: pure functions from bytes to parsed objects (:mod:`brief_tui.domain.models`).

Public API (imported lazily, so ``import brief_tui.parse`` costs nothing):

* :func:`parse_document` — RSS/Atom/RDF (feedparser), JSON Feed 1.0/1.1, briefing documents;
* :func:`discover_feeds` — feeds advertised by an HTML page;
* :func:`parse_opml` / :func:`build_opml` and :class:`OpmlOutline` — OPML import/export;
* :func:`extract_article` / :func:`page_description` and :class:`FullText` — full text of a
  linked page (trafilatura);
* :func:`sanitise_html`, :func:`html_to_text`, :func:`html_to_markdown` — HTML helpers.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "parse_document": "brief_tui.parse.document",
    "discover_feeds": "brief_tui.parse.discover",
    "parse_opml": "brief_tui.parse.opml",
    "build_opml": "brief_tui.parse.opml",
    "OpmlOutline": "brief_tui.parse.opml",
    "extract_article": "brief_tui.parse.fulltext",
    "page_description": "brief_tui.parse.fulltext",
    "FullText": "brief_tui.parse.fulltext",
    "sanitise_html": "brief_tui.parse.html",
    "html_to_text": "brief_tui.parse.html",
    "html_to_markdown": "brief_tui.parse.html",
    "parse_date": "brief_tui.parse.dates",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'brief_tui.parse' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
