"""Rendering exports: stories and collections to Markdown text, and the files of an export.

Pure functions over :class:`ExportItem` values (the built-in template is read from the package
once per process). The same items, selection and template always give byte-identical text.
"""

from __future__ import annotations

from collections.abc import Sequence

from brief_tui.export.context import (
    SEL_IDS,
    SEL_QUERY,
    SEL_TAG,
    SEL_TODAY,
    ExportItem,
    ExportSelection,
    GroupContext,
    StoryContext,
    collection_context,
    groups,
    story_context,
)
from brief_tui.export.names import NameSet, safe_stem, slugify
from brief_tui.export.environment import ExportTemplate


def _template(template: ExportTemplate | None) -> ExportTemplate:
    if template is not None:
        return template
    from brief_tui.export.loader import default_template

    return default_template()


def _story_document(ctx: StoryContext, template: ExportTemplate) -> str:
    return template.render({"kind": "story", "story": ctx, "stories": (ctx,),
                            "groups": (GroupContext("", "", (ctx,)),), "collection": None})


def render_story(item: ExportItem, *, template: ExportTemplate | None = None) -> str:
    """One story as a Markdown document with its own front matter.

    Args:
        item: the story and its highlights.
        template: a template from :func:`load_template`, or ``None`` for the built-in default.

    Returns:
        The Markdown text (LF line ends, one final newline).

    Raises:
        ExportError: the template fails (names its file and line).
    """
    return _story_document(story_context(item), _template(template))


def _sections(items: Sequence[ExportItem], selection: ExportSelection
              ) -> tuple[list[GroupContext], list[StoryContext]]:
    stories = [story_context(i) for i in items]
    sections = groups(selection, stories)
    ordered = [s for g in sections for s in g.stories]
    return sections, ordered


def render_collection(items: Sequence[ExportItem], selection: ExportSelection, *,
                      template: ExportTemplate | None = None) -> str:
    """Several stories as one Markdown document: one front matter for the collection, then a
    section per story (for today's briefing, grouped by tag).

    Args:
        items: the stories in selection order (tag/search/today: newest first; ids: as given).
        selection: what was exported (title, date, tag or query of the document).
        template: a template, or ``None`` for the built-in default.

    Raises:
        ExportError: the template fails (names its file and line).
    """
    sections, ordered = _sections(items, selection)
    collection = collection_context(selection, sections)
    return _template(template).render({"kind": "collection", "story": None,
                                       "stories": tuple(ordered), "groups": tuple(sections),
                                       "collection": collection})


def export_name(items: Sequence[ExportItem], selection: ExportSelection) -> str:
    """The default file stem of an export (no suffix): ``brief-2026-11-29``, ``tag-ai``,
    ``search-acme-raises``, the slug of a single story's title, or
    ``<first title>-and-2-more`` for several chosen stories."""
    if selection.kind == SEL_TODAY:
        return f"brief-{selection.day.isoformat()}" if selection.day else "brief"
    if selection.kind == SEL_TAG:
        return safe_stem("tag-" + slugify(selection.tag), "tag")
    if selection.kind == SEL_QUERY:
        return safe_stem("search-" + slugify(selection.query), "search")
    if not items:
        return "stories"
    first = items[0].story
    stem = safe_stem(first.display_title or first.title, f"story-{first.id}")
    if len(items) == 1:
        return stem
    more = f"-and-{len(items) - 1}-more"
    return safe_stem(slugify(stem, limit=100) + more, "stories")


def plan_files(items: Sequence[ExportItem], selection: ExportSelection, *,
               split: bool = False, template: ExportTemplate | None = None
               ) -> list[tuple[str, str]]:
    """The files of an export: ``(file name, Markdown text)`` pairs, nothing written.

    Without ``split``: one file ``<export_name>.md`` — the story document when the selection is
    exactly one chosen story, else the collection. With ``split``: one story document per
    story, named after its title (``acme-corp-raises-40m.md``; ``-2``… for repeats), in
    document order.

    Raises:
        ExportError: the template fails (names its file and line).
    """
    tpl = _template(template)
    names = NameSet()
    if not split:
        name = names.add(export_name(items, selection))
        if selection.kind == SEL_IDS and len(items) == 1:
            return [(name, render_story(items[0], template=tpl))]
        return [(name, render_collection(items, selection, template=tpl))]
    _, ordered = _sections(items, selection)
    return [(names.add(safe_stem(ctx.title, f"story-{ctx.id}")), _story_document(ctx, tpl))
            for ctx in ordered]
