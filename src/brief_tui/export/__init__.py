"""Markdown export: stories, collections and today's briefing as Obsidian-ready Markdown.

Pure core: :func:`render_story`, :func:`render_collection` and :func:`plan_files` turn
:class:`ExportItem` values (a story and its highlights) into text; only
:mod:`~brief_tui.export.loader` (reading templates) and :mod:`~brief_tui.export.writer`
(:func:`write_export`, atomic writes, no overwrite without ``force``) touch the disk. The same
state gives byte-identical files: LF line ends, one final newline, stable order, no "now"
timestamps (today's briefing carries its day).

Each document starts with YAML front matter. A story: ``title``, ``source`` (feed title),
``url``, ``published`` (ISO 8601 UTC or ``null``), ``tags`` (Obsidian-safe list), ``id``. A
collection: ``title``, ``selection`` (``ids``/``tag``/``query``/``today``), ``date`` (today),
``tag`` or ``query``, ``tags`` (all story tags), ``stories`` (count), ``ids``.

Templates
---------
Jinja2 (sandboxed, ``StrictUndefined``, autoescape off; see :mod:`brief_tui.export.environment`
for the filters). The built-in ``default`` lives in ``brief_tui/export/templates/``; user
templates are ``<config dir>/templates/NAME.md.j2`` (see :mod:`brief_tui.export.loader`). One
template renders both kinds of document. After rendering, controls are removed, trailing
blanks stripped, runs of blank lines collapsed to one, and the text ends in one newline.

Context variables:

- ``kind``: ``"story"`` (one story, its own front matter) or ``"collection"``.
- ``story``: the :class:`StoryContext` when ``kind == "story"``, else ``None``.
- ``stories``: every story in document order (a tuple; one element for a story document).
- ``groups``: sections of a collection, each with ``tag``, ``title`` (``""`` means no heading:
  the single group of an ids/tag/search export), ``stories`` and ``also`` (stories of this tag
  placed under an earlier tag). Today's briefing has one group per tag, then ``"Untagged"``.
- ``collection``: ``title``, ``selection``, ``date``, ``tag``, ``query``, ``tags``, ``ids``,
  ``front_matter`` when ``kind == "collection"``, else ``None``.

A story (:class:`StoryContext`): ``id``; ``title`` (one line); ``source`` (feed title, else
its URL); ``url`` (the story link or ``None``); ``published`` (``"2026-11-29T08:00:00Z"`` or
``None``) and ``published_date`` (``"2026-11-29"``); ``date_estimated``; ``authors``; ``tags``
(Obsidian form, sorted); ``starred``; ``note`` (the analyst's note, Markdown, ``""`` when none);
``summary``; ``text`` (the body: fetched full text, else the feed's text, else its summary)
and ``text_source`` (``"fulltext"``, ``"feed"``, ``"summary"``); ``fulltext_status``
(``None``, ``"ok"``, ``"unavailable"``, ``"error"``); ``figures`` (extracted figures, best
first, one per text); ``highlights`` (the analyst's, in text order); ``extracted`` (a dict kind
-> highlights for ``sentence``, ``figure``, ``organisation``, ``person``, ``place``,
``keyword``); ``front_matter`` (the rendered ``---`` block).

A highlight (:class:`HighlightContext`): ``kind``, ``text``, ``context`` (the sentence it is
anchored to, one line), ``rank``, ``start``, ``end``, ``note`` (analyst's Markdown or ``""``),
``lost``.

Every string has had terminal controls removed but is not escaped: write ``{{ s.title | md }}``
for feed text; ``{{ s.url | autolink }}`` for links.
"""

from __future__ import annotations

from brief_tui.export.context import (
    SEL_IDS,
    SEL_QUERY,
    SEL_TAG,
    SEL_TODAY,
    CollectionContext,
    ExportItem,
    ExportSelection,
    GroupContext,
    HighlightContext,
    StoryContext,
)
from brief_tui.export.escape import md_escape
from brief_tui.export.loader import default_template, load_template
from brief_tui.export.render import export_name, plan_files, render_collection, render_story
from brief_tui.export.environment import ExportTemplate
from brief_tui.export.writer import EXISTS, place_plan, write_export
from brief_tui.export.yamlfm import front_matter, yaml_string

__all__ = [
    "EXISTS", "SEL_IDS", "SEL_QUERY", "SEL_TAG", "SEL_TODAY", "CollectionContext",
    "ExportItem", "ExportSelection", "ExportTemplate", "GroupContext", "HighlightContext",
    "StoryContext", "default_template", "export_name", "front_matter", "load_template",
    "md_escape", "place_plan", "plan_files", "render_collection", "render_story", "write_export",
    "yaml_string",
]
