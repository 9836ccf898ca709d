"""The article pane: a story's title, feed, date, authors, link, tags and enclosures, then its
body rendered from Markdown (the fetched full text when there is one).

Textual's Markdown widget costs about 0.3 s for a 5-10 KB article, so the body is rendered
incrementally by an async worker: the first screenful of paragraphs goes in at once, the rest
is appended chunk by chunk on later ticks, and opening another story cancels the rest. The
widget (and its Markdown parser) is imported and mounted when the first story is shown, not
at start-up.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from brief_tui.domain.models import Story
from brief_tui.tui.actions import ARTICLE, bindings
from brief_tui.tui.safe import line

FIRST_CHUNK = 1200
"""Characters of Markdown rendered before the first paint of a story."""
CHUNK = 4000
"""Characters appended per later tick."""

FULLTEXT_NOTES = {
    "ok": ("Full text fetched from the story's link.", "$text-success"),
    "unavailable": ("Full text unavailable for this page; showing the feed's text.",
                    "$text-warning"),
    "error": ("Fetching the full text failed; showing the feed's text.", "$text-error"),
}


def split_markdown(text: str, first: int = FIRST_CHUNK, size: int = CHUNK) -> list[str]:
    """Cut Markdown into chunks at blank lines outside fenced code blocks.

    Args:
        text: the document.
        first: target size of the first chunk (characters). size: of the others.

    Returns:
        Chunks whose concatenation is ``text``; each chunk but the last ends with a blank line.
    """
    chunks: list[str] = []
    current: list[str] = []
    length = 0
    fence = False
    for raw in text.splitlines(keepends=True):
        stripped = raw.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = not fence
        current.append(raw)
        length += len(raw)
        limit = first if not chunks else size
        if not fence and not raw.strip() and length >= limit:
            chunks.append("".join(current))
            current, length = [], 0
    if current or not chunks:
        chunks.append("".join(current))
    return chunks


def format_when(story: Story) -> str:
    """The story's date in local time, e.g. ``Fri 20 Nov 2026 14:05``; ``~`` when estimated."""
    when = story.sort_date if story.date_estimated else (story.published or story.sort_date)
    if when is None:
        return ""
    text = when.astimezone().strftime("%a %d %b %Y %H:%M")
    return ("~" + text) if story.date_estimated else text


def human_size(length: int | None) -> str:
    """Bytes as ``12.3 MB`` (``""`` when unknown)."""
    if not length:
        return ""
    size = float(length)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return ""


def story_header(story: Story) -> Content:
    """The header block: every piece of feed text is literal Content, styles are ours."""
    parts: list[Content | tuple[str, str] | str] = [
        Content.styled(line(story.display_title), "bold $text"), "\n"]
    meta = [line(story.feed_title or story.feed_url), format_when(story)]
    if story.authors:
        meta.append("by " + ", ".join(line(a) for a in story.authors))
    parts += [Content.styled(" · ".join(m for m in meta if m), "$text-muted"), "\n"]
    if story.link:
        parts += [Content.styled(line(story.link), "underline $text-accent"), "\n"]
    if story.tags:
        parts += [Content.styled("Tags: ", "$text-muted"),
                  Content(", ".join(line(t) for t in story.tags)), "\n"]
    for enclosure in story.enclosures:
        info = " ".join(x for x in (enclosure.type or "", human_size(enclosure.length)) if x)
        parts += [Content.styled("Attachment: ", "$text-muted"), Content(line(enclosure.url)),
                  Content.styled(f" ({info})" if info else "", "$text-muted"), "\n"]
    note = FULLTEXT_NOTES.get(story.fulltext_status or "")
    if note:
        parts += [Content.styled(note[0], note[1]), "\n"]
    return Content.assemble(*parts).rstrip()


def story_body(story: Story) -> str:
    """The Markdown to show: the fetched article when full text is ``ok``, else the feed's."""
    if story.fulltext_status == "ok" and story.fulltext_markdown:
        return story.fulltext_markdown
    return story.markdown or story.text or ""


class StoryView(VerticalScroll, can_focus=True):
    """Shows one story. Call :meth:`show_story` / :meth:`clear_story`. Links clicked in the
    body bubble up as ``Markdown.LinkClicked`` (the screen opens them in a worker)."""

    BINDINGS = bindings(ARTICLE)

    EMPTY = "No story open. Move through the list with j and k, and press enter to read."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self.EMPTY), id="story-empty")
        yield Static(Content(""), id="story-head")

    def on_mount(self) -> None:
        self.query_one("#story-head").display = False

    @property
    def at_end(self) -> bool:
        """True when the article is scrolled to its end (or fits)."""
        return self.scroll_y >= self.max_scroll_y

    def show_story(self, story: Story) -> None:
        """Show ``story``: header at once, body rendered incrementally."""
        same = story.id == self.story_id
        self.story_id = story.id
        self.query_one("#story-empty").display = False
        head = self.query_one("#story-head", Static)
        head.display = True
        head.update(story_header(story))
        if not same:
            self.scroll_home(animate=False, immediate=True)
        self._render_body(story_body(story))

    def clear_story(self) -> None:
        """Show the empty state."""
        self.story_id = None
        self.query_one("#story-empty").display = True
        self.query_one("#story-head").display = False
        self._render_body("")

    def _body(self, create: bool):
        """The Markdown body, mounted (and its module imported) on first use."""
        found = self.query("#story-body")
        if found:
            return found.first()
        if not create:
            return None
        from textual.widgets import Markdown  # noqa: PLC0415 - deferred: costly import

        body = Markdown("", id="story-body", open_links=False)
        self.mount(body)  # outside the cancellable worker, so a mount is never cut short
        return body

    def _render_body(self, markdown: str) -> None:
        body = self._body(create=bool(markdown))
        if body is not None:
            self._fill_body(body, markdown)

    @work(exclusive=True, group="render-article", exit_on_error=False)
    async def _fill_body(self, body, markdown: str) -> None:
        chunks = split_markdown(markdown)
        await body.update(chunks[0])
        for chunk in chunks[1:]:
            await body.append(chunk)
