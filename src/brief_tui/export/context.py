"""What an export is made of: the selection, each story with its highlights, and the values a
template sees (see :mod:`brief_tui.export` for the template context).

Every string in a context has had its terminal controls removed (:func:`escape.clean`) but is
*not* Markdown-escaped: templates apply the ``md`` filter to feed text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from brief_tui.domain.models import (
    HL_FIGURE,
    HL_KEYWORD,
    HL_ORGANISATION,
    HL_PERSON,
    HL_PLACE,
    HL_SENTENCE,
    HL_USER,
    Highlight,
    Story,
)
from brief_tui.domain.text import tidy_paragraphs
from brief_tui.export.escape import clean, clean_one_line, obsidian_tags
from brief_tui.export.yamlfm import front_matter
from brief_tui.jsonshape import iso

SEL_IDS = "ids"
SEL_TAG = "tag"
SEL_QUERY = "query"
SEL_TODAY = "today"
EXTRACTED_KINDS = (HL_SENTENCE, HL_FIGURE, HL_ORGANISATION, HL_PERSON, HL_PLACE, HL_KEYWORD)


@dataclass(frozen=True, slots=True)
class ExportSelection:
    """Which stories an export holds; decides the collection title and default file name.

    Attributes:
        kind: ``"ids"``, ``"tag"``, ``"query"`` or ``"today"``.
        ids: story ids in the order given (``kind == "ids"``).
        tag: the tag (``kind == "tag"``).
        query: the search (``kind == "query"``).
        day: the local date of the briefing (``kind == "today"``; the service fills it in).
    """

    kind: str
    ids: tuple[int, ...] = ()
    tag: str = ""
    query: str = ""
    day: date | None = None

    @classmethod
    def of_ids(cls, ids: Sequence[int]) -> "ExportSelection":
        """These stories, in this order (duplicates dropped)."""
        return cls(SEL_IDS, ids=tuple(dict.fromkeys(int(i) for i in ids)))

    @classmethod
    def of_tag(cls, tag: str) -> "ExportSelection":
        """Every story with ``tag`` (on the story or its feed), newest first."""
        return cls(SEL_TAG, tag=tag)

    @classmethod
    def of_query(cls, query: str) -> "ExportSelection":
        """Every story matching a search in the query language, newest first."""
        return cls(SEL_QUERY, query=query)

    @classmethod
    def today(cls, day: date | None = None) -> "ExportSelection":
        """Today's briefing: the day's starred and tagged stories, grouped by tag."""
        return cls(SEL_TODAY, day=day)


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One story to export with its highlights (as :meth:`Service.highlights` returns them:
    the analyst's, kind ``user``, then the extracted ones)."""

    story: Story
    highlights: tuple[Highlight, ...] = ()


@dataclass(frozen=True, slots=True)
class HighlightContext:
    """A highlight as templates see it.

    Attributes:
        kind: ``user``, ``sentence``, ``figure``, ``organisation``, ``person``, ``place`` or
            ``keyword``. rank: 0-based, best first within the kind.
        text: the highlighted text (a figure's surface form, a name, a sentence).
        context: the sentence the highlight is anchored to (``story.text[start:end]`` on one
            line), or ``""`` when the offsets do not fit the text.
        note: the analyst's note (user highlights; Markdown as typed) or ``""``.
        lost: True when a user highlight's text is no longer in the updated story.
        start / end: character offsets into the story's feed text.
    """

    kind: str
    text: str
    context: str
    rank: int
    start: int
    end: int
    note: str = ""
    lost: bool = False


@dataclass(frozen=True, slots=True)
class StoryContext:
    """A story as templates see it (see :mod:`brief_tui.export` for each field)."""

    id: int
    title: str
    source: str
    url: str | None
    published: str | None
    published_date: str | None
    date_estimated: bool
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    note: str
    summary: str
    text: str
    text_source: str
    fulltext_status: str | None
    starred: bool
    figures: tuple[HighlightContext, ...]
    highlights: tuple[HighlightContext, ...]
    extracted: dict[str, tuple[HighlightContext, ...]]
    front_matter: str


@dataclass(frozen=True, slots=True)
class GroupContext:
    """A section of a collection: a tag of today's briefing, or the whole selection.

    Attributes:
        tag: the group's tag (Obsidian form), or ``""`` for the single group of a tag/search/
            ids export and for today's starred stories without tags.
        title: heading text: the tag, ``"Untagged"`` or ``""`` (no heading).
        stories: the stories placed in this group.
        also: stories with this tag that are placed in an earlier group (each story appears
            once, under its first tag in alphabetical order).
    """

    tag: str
    title: str
    stories: tuple[StoryContext, ...]
    also: tuple[StoryContext, ...] = ()


@dataclass(frozen=True, slots=True)
class CollectionContext:
    """A multi-story document as templates see it.

    Attributes:
        title: ``"Briefing 2026-11-29"``, ``"Tag: ai"``, ``"Search: …"`` or ``"Stories"``.
        selection: ``"ids"``, ``"tag"``, ``"query"`` or ``"today"``.
        date: the briefing day ``"2026-11-29"`` (today only) else ``None``.
        tag / query: the selection's tag or search, else ``""``.
        tags: every story tag in the collection (Obsidian form, sorted).
        ids: the story ids in document order.
        front_matter: the rendered YAML front matter block.
    """

    title: str
    selection: str
    date: str | None
    tag: str
    query: str
    tags: tuple[str, ...]
    ids: tuple[int, ...]
    front_matter: str = field(default="")


def _body(story: Story) -> tuple[str, str]:
    if story.fulltext_status == "ok" and (story.fulltext_text or "").strip():
        return story.fulltext_text or "", "fulltext"
    if story.text.strip():
        return story.text, "feed"
    return story.summary, "summary"


def _highlight(h: Highlight, text: str) -> HighlightContext:
    anchored = text[h.start:h.end] if 0 <= h.start < h.end <= len(text) else ""
    return HighlightContext(kind=h.kind, text=tidy_paragraphs(clean(h.text)),
                            context=clean_one_line(anchored), rank=h.rank, start=h.start,
                            end=h.end, note=tidy_paragraphs(clean(h.note)), lost=h.lost)


def story_context(item: ExportItem) -> StoryContext:
    """Build the template view of one story.

    The body is the fetched full text when there is one (``text_source == "fulltext"``), else
    the feed's text (``"feed"``), else its summary (``"summary"``); a story whose full text was
    unavailable keeps the feed's content. Highlights are ranked best first within each kind;
    figures with the same text are listed once.
    """
    s = item.story
    body, source = _body(s)
    by_kind: dict[str, list[HighlightContext]] = {k: [] for k in EXTRACTED_KINDS}
    user: list[HighlightContext] = []
    for h in sorted(item.highlights, key=lambda h: (h.rank, h.start, h.end)):
        ctx = _highlight(h, s.text)
        if h.kind == HL_USER:
            user.append(ctx)
        elif h.kind in by_kind:
            by_kind[h.kind].append(ctx)
    seen: set[str] = set()
    figures = []
    for f in by_kind[HL_FIGURE]:
        if f.text.casefold() not in seen:
            seen.add(f.text.casefold())
            figures.append(f)
    user.sort(key=lambda h: (h.start, h.end, h.rank))
    title = clean_one_line(s.display_title or s.title) or f"Story {s.id}"
    source_name = clean_one_line(s.feed_title) or clean_one_line(s.feed_url)
    url = clean_one_line(s.link) or None
    tags = tuple(obsidian_tags(s.tags))
    published = iso(s.published)
    fm = front_matter({"title": title, "source": source_name, "url": url,
                       "published": s.published, "tags": list(tags), "id": s.id})
    return StoryContext(
        id=s.id, title=title, source=source_name, url=url, published=published,
        published_date=published[:10] if published else None,
        date_estimated=s.date_estimated,
        authors=tuple(a for a in (clean_one_line(a) for a in s.authors) if a), tags=tags,
        note=tidy_paragraphs(clean(s.note)), summary=tidy_paragraphs(clean(s.summary)),
        text=tidy_paragraphs(clean(body)), text_source=source,
        fulltext_status=s.fulltext_status, starred=s.starred, figures=tuple(figures),
        highlights=tuple(user), extracted={k: tuple(v) for k, v in by_kind.items()},
        front_matter=fm)


def collection_title(selection: ExportSelection) -> str:
    """The document title of a multi-story export."""
    if selection.kind == SEL_TODAY:
        return f"Briefing {selection.day.isoformat()}" if selection.day else "Briefing"
    if selection.kind == SEL_TAG:
        return f"Tag: {clean_one_line(selection.tag)}"
    if selection.kind == SEL_QUERY:
        return f"Search: {clean_one_line(selection.query)}"
    return "Stories"


def groups(selection: ExportSelection, stories: Sequence[StoryContext]) -> list[GroupContext]:
    """Split a collection into sections.

    For today's briefing: one group per tag (alphabetical), each story under its first tag and
    listed in ``also`` of its other tags' groups; starred stories without tags last under
    ``"Untagged"``. Any other selection: one untitled group with every story in order.
    """
    if selection.kind != SEL_TODAY:
        return [GroupContext("", "", tuple(stories))]
    all_tags = sorted({t for s in stories for t in s.tags})
    out = []
    for tag in all_tags:
        mine = tuple(s for s in stories if s.tags and s.tags[0] == tag)
        also = tuple(s for s in stories if tag in s.tags[1:])
        out.append(GroupContext(tag, tag, mine, also))
    untagged = tuple(s for s in stories if not s.tags)
    if untagged:
        out.append(GroupContext("", "Untagged", untagged))
    return out


def collection_context(selection: ExportSelection, sections: Sequence[GroupContext]
                       ) -> CollectionContext:
    """Build the template view of a multi-story document (front matter included).

    Args:
        selection: what was exported. sections: the document's groups (:func:`groups`); the
            ids are listed in document order.
    """
    title = collection_title(selection)
    day = selection.day.isoformat() if selection.kind == SEL_TODAY and selection.day else None
    stories = [s for g in sections for s in g.stories]
    tags = tuple(sorted({t for s in stories for t in s.tags}))
    ids = tuple(s.id for s in stories)
    fields: dict[str, object] = {"title": title, "selection": selection.kind}
    if day:
        fields["date"] = selection.day
    if selection.kind == SEL_TAG:
        fields["tag"] = clean_one_line(selection.tag)
    if selection.kind == SEL_QUERY:
        fields["query"] = clean_one_line(selection.query)
    fields.update({"tags": list(tags), "stories": len(ids), "ids": list(ids)})
    return CollectionContext(title=title, selection=selection.kind, date=day,
                             tag=clean_one_line(selection.tag),
                             query=clean_one_line(selection.query), tags=tags, ids=ids,
                             front_matter=front_matter(fields))
