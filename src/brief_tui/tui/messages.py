"""Messages that carry worker results back to the UI thread.

Workers never touch widgets: they post one of these to the reader screen, whose handlers
update its reactive state and hand data down to the panes. Widget-specific messages (a row
chosen in a pane) live nested in their widget classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.message import Message as TextualMessage

from brief_tui.domain.models import Feed, Highlight, Story, StoryRow
from brief_tui.pipeline import RefreshResult


class Message(TextualMessage, bubble=False):
    """A worker's answer to the reader screen (it does not bubble to the app)."""


class PanesLoaded(Message):
    """Feeds and views with fresh counts (for the feed pane).

    Attributes:
        feeds: every feed. views: the service's views (All, Unread, …, tags, searches).
    """

    def __init__(self, feeds: list[Feed], views: list) -> None:
        super().__init__()
        self.feeds = feeds
        self.views = views


class StoriesLoaded(Message):
    """The story ids of a view, in list order.

    Attributes:
        key: the view key they belong to (stale results for another view are ignored).
        ids: every matching story id, newest first (or by relevance for a search).
        unread: the ids among them that are unread.
        select: story id to put the cursor on, or ``None`` to keep the cursor's story.
        open_story: open ``select`` in the article pane once listed (restoring state).
        rows: rows already read for the first ids (they prime the list's row cache).
        partial: True for the quick first page; the full id list follows in another message.
    """

    def __init__(self, key: str, ids: list[int], unread: set[int], select: int | None,
                 open_story: bool = False, rows: list[StoryRow] | None = None,
                 partial: bool = False) -> None:
        super().__init__()
        self.key = key
        self.ids = ids
        self.unread = unread
        self.select = select
        self.open_story = open_story
        self.rows = rows or []
        self.partial = partial


class StoryLoaded(Message):
    """A full story to show in the article pane, with the links found in its body."""

    def __init__(self, story: Story, links: list[tuple[str, str]]) -> None:
        super().__init__()
        self.story = story
        self.links = links


class StoryPrefetched(Message):
    """A story read ahead (the one under the cursor), kept for an instant open."""

    def __init__(self, story: Story, links: list[tuple[str, str]]) -> None:
        super().__init__()
        self.story = story
        self.links = links


class RowsChanged(Message):
    """Stories whose list state changed (read, starred, tags) after a write.

    Attributes:
        rows: their new list rows.
        recount: ``"later"`` (recount views after a pause: reads and stars),
            ``"now"`` (a tag may have appeared or gone) or ``"no"``.
    """

    def __init__(self, rows: list[StoryRow], recount: str = "later") -> None:
        super().__init__()
        self.rows = rows
        self.recount = recount


class RefreshProgress(Message):
    """A refresh finished one more feed. Replaceable: only the newest tick matters, the
    results themselves accumulate on the screen's refresh log.

    Attributes:
        done / total: feeds finished and feeds in this refresh.
        title: the feed that just finished.
    """

    def __init__(self, done: int, total: int, title: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.title = title

    def can_replace(self, message: TextualMessage) -> bool:
        return isinstance(message, RefreshProgress)


@dataclass
class RefreshSummary:
    """What a whole refresh did (for the final notification)."""

    results: list[RefreshResult] = field(default_factory=list)

    @property
    def failed(self) -> list[RefreshResult]:
        """Results that ended in an error or were skipped."""
        return [r for r in self.results if r.outcome in ("error", "skipped")]

    @property
    def new(self) -> int:
        """New stories in all."""
        return sum(r.new for r in self.results)

    @property
    def offline(self) -> bool:
        """True when every feed failed for a network reason (no connection at all)."""
        network = {"network", "timeout", "tls"}
        return bool(self.results) and all(
            r.outcome == "error" and r.category in network for r in self.results)


class RefreshDone(Message):
    """A refresh ended."""

    def __init__(self, summary: RefreshSummary) -> None:
        super().__init__()
        self.summary = summary


class Failed(Message):
    """A worker failed with a message for the user.

    Attributes:
        what: our words for the operation (``"Search"``). error: the error's one line.
    """

    def __init__(self, what: str, error: str) -> None:
        super().__init__()
        self.what = what
        self.error = error


class Notice(Message):
    """A worker finished with something to tell the user (taken literally)."""

    def __init__(self, text: str, severity: str = "information", reload: bool = False) -> None:
        super().__init__()
        self.text = text
        self.severity = severity
        self.reload = reload


Span = tuple[int, int]


class ArticleSpans(Message):
    """What reading mode needs for one story, quick to compute: character offsets into
    ``story.text`` (``text[start:end]``) of its sentences and paragraphs, the analyst's
    highlights and the current search's matches.

    Attributes:
        story_id: the story they belong to (stale answers are ignored).
        sentences / paragraphs: ``(start, end)`` spans in text order.
        user: the analyst's highlights on the story (kind ``user``), in text order.
        matches: spans of the search terms in the text (``[]`` outside a search).
    """

    def __init__(self, story_id: int, sentences: list[Span], paragraphs: list[Span],
                 user: list[Highlight], matches: list[Span]) -> None:
        super().__init__()
        self.story_id = story_id
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.user = user
        self.matches = matches


class HighlightsLoaded(Message):
    """Every highlight of a story (the analyst's, then the extracted ones), for the pane.

    Attributes:
        story_id: the story. highlights: as :meth:`Service.highlights` returns them.
        error: one line when extraction failed (``highlights`` then holds only the
            analyst's), else ``""``.
    """

    def __init__(self, story_id: int, highlights: list[Highlight], error: str = "") -> None:
        super().__init__()
        self.story_id = story_id
        self.highlights = highlights
        self.error = error


class UserHighlightsChanged(Message):
    """The analyst's highlights of a story after a toggle or a note (from the write queue)."""

    def __init__(self, story_id: int, user: list[Highlight]) -> None:
        super().__init__()
        self.story_id = story_id
        self.user = user


class NoteSaved(Message):
    """A story's note was written (the article header shows it once the story reloads)."""

    def __init__(self, story_id: int) -> None:
        super().__init__()
        self.story_id = story_id


class ClusterLoaded(Message):
    """Every story of a same-story cluster, newest first (for expanding it in the list).

    Attributes:
        story_id: the row the user expanded. rows: the cluster's rows, itself included.
    """

    def __init__(self, story_id: int, rows: list[StoryRow]) -> None:
        super().__init__()
        self.story_id = story_id
        self.rows = rows


class ExportDone(Message):
    """An export was written: ``paths`` of the files, in order."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths


class ExportExists(Message):
    """An export stopped because a file exists (nothing was written).

    Attributes:
        request: the export to run again with ``force`` once the user agrees.
        path: the existing file.
    """

    def __init__(self, request, path: str) -> None:
        super().__init__()
        self.request = request
        self.path = path


class SearchSaved(Message):
    """``query`` was saved as a view called ``name`` (the screen shows that view)."""

    def __init__(self, name: str, query: str) -> None:
        super().__init__()
        self.name = name
        self.query = query
