"""Markdown export of stories, selections, tags, searches and today's briefing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from brief_tui import paths
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.tags import normalise_tag

if TYPE_CHECKING:
    from brief_tui.export import ExportItem, ExportSelection, ExportTemplate


class ExportingMixin:
    """Export methods of :class:`brief_tui.service.Service`."""

    # -- export --
    def export_selection(self, selection: ExportSelection
                         ) -> tuple[ExportSelection, list[ExportItem]]:
        """Resolve an export selection to stories with their highlights.

        Ids: those stories in the given order. Tag (story or feed tag) and search (query
        language): every match in list order, newest first. Today: the stories since
        :meth:`today_start` that are starred or tagged, newest first, with ``day`` set to the
        local date.

        Returns:
            ``(selection, items)``: the selection (with ``day`` filled in for today) and one
            :class:`~brief_tui.export.ExportItem` per story.

        Raises:
            NotFoundError: an id names no story. QueryError: the search does not parse.
            ExportError: nothing matches (category ``"empty"``).
        """
        import dataclasses

        from brief_tui.domain.errors import ExportError
        from brief_tui.export import SEL_IDS, SEL_QUERY, SEL_TAG, SEL_TODAY, ExportItem

        if selection.kind == SEL_IDS:
            stories = [self.story(i) for i in selection.ids]
            what = "the selection"
        elif selection.kind in (SEL_TAG, SEL_QUERY, SEL_TODAY):
            if selection.kind == SEL_TODAY:
                since = self.today_start()
                selection = dataclasses.replace(selection, day=since.astimezone().date())
                flt, what = StoryFilter(since=since), "today (starred or tagged stories)"
            elif selection.kind == SEL_TAG:
                tag = normalise_tag(selection.tag)
                selection = dataclasses.replace(selection, tag=tag)
                flt, what = StoryFilter(tag=tag), f"tag {tag}"
            else:
                flt, what = StoryFilter(query=selection.query), f"search {selection.query!r}"
            found = self.story_ids(flt)
            if selection.kind == SEL_TODAY:
                found = [r.id for r in self.rows_by_ids(found) if r.starred or r.tags]
            stories = [self.story(i) for i in found]
        else:
            raise ValueError(f"unknown export selection {selection.kind!r}")
        if not stories:
            raise ExportError(f"{what}: no stories to export", category="empty")
        return selection, [ExportItem(s, tuple(self.store.user_highlights(s.id)
                                               + self.extracted_highlights(s)))
                           for s in stories]

    def export_template(self, name: str | None = None) -> ExportTemplate:
        """An export template by name (``None``: ``[export] template`` of the config), looked
        up in ``<config dir>/templates`` and then among the built-ins.

        Raises:
            NotFoundError: no such template. ExportError: it does not parse (file and line).
        """
        from brief_tui.export import load_template

        config_path = self.config.path or paths.config_file()
        return load_template(name or self.config.export.template,
                             paths.templates_dir(config_path))

    def export_dir(self) -> Path:
        """The export directory: ``[export] directory`` of the config, else
        :func:`brief_tui.paths.default_export_dir`."""
        if self.config.export.directory:
            return Path(self.config.export.directory).expanduser()
        return paths.default_export_dir()

    def render_export(self, selection: ExportSelection, *, template: str | None = None,
                      split: bool = False) -> tuple[str, list[tuple[str, str]]]:
        """Render an export without writing it (for ``--out -`` and previews).

        Returns:
            ``(stem, files)``: the default name (``brief-2026-11-29``) and ``(file name,
            Markdown)`` pairs (see :func:`brief_tui.export.plan_files`).

        Raises:
            see :meth:`export_selection` and :meth:`export_template`.
        """
        from brief_tui.export import export_name, plan_files

        selection, items = self.export_selection(selection)
        files = plan_files(items, selection, split=split, template=self.export_template(template))
        return export_name(items, selection), files

    def export(self, selection: ExportSelection, *, template: str | None = None,
               out: str | os.PathLike[str] | None = None, force: bool = False,
               split: bool = False) -> list[Path]:
        """Export stories as Markdown: one file, or one per story with ``split``.

        Args:
            selection: see :class:`brief_tui.export.ExportSelection`.
            template: template name (default: the config's). out: file or directory (see
                :func:`brief_tui.export.place_plan`); default :meth:`export_dir`.
            force: overwrite existing files.

        Returns:
            The written paths.

        Raises:
            ExportError: a file exists and ``force`` is off (category ``"exists"``; nothing is
                written), the template fails, nothing matches, or writing fails.
        """
        from brief_tui.export import place_plan, write_export

        stem, files = self.render_export(selection, template=template, split=split)
        directory, files = place_plan(files, stem=stem, default_dir=self.export_dir(), out=out,
                                      split=split)
        return write_export(files, directory, force=force)

