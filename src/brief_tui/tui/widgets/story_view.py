"""The article pane: a story's title, feed, date, authors, link, tags, enclosures and note,
then its body: rendered from Markdown (the fetched full text when there is one), or, in
reading mode, the story's plain text with a sentence cursor and marks
(:class:`~brief_tui.tui.widgets.reading.ReadingText`).

Textual's Markdown widget costs about 0.3 s for a 5-10 KB article, so the body is rendered
incrementally by an async worker: the first screenful of paragraphs goes in at once, the rest
is appended chunk by chunk on later ticks, and opening another story cancels the rest. The
widget (and its Markdown parser) is imported and mounted when the first story is shown, not
at start-up.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from brief_tui.domain.models import Story
from brief_tui.domain.text import clean_text
from brief_tui.tui.actions import ARTICLE, bindings
from brief_tui.tui.safe import line
from brief_tui.tui.widgets.reading import ReadingText, Span, sentence_at

FIRST_CHUNK = 1200
"""Characters of Markdown rendered before the first paint of a story."""
CHUNK = 4000
"""Characters appended per later tick."""
NOTE_LINES = 6
"""Lines of the story's note shown in the header."""

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
    if story.note and story.note.strip():
        lines = [line(text) for text in story.note.strip().splitlines()]
        shown = lines[:NOTE_LINES] + (["…"] if len(lines) > NOTE_LINES else [])
        parts += [Content.styled("Note: ", "bold $text-warning"), Content(shown[0]), "\n"]
        parts += [Content("      " + text + "\n") for text in shown[1:]]
    return Content.assemble(*parts).rstrip()


def story_body(story: Story) -> str:
    """The Markdown to show: the fetched article when full text is ``ok``, else the feed's.
    Control characters and escape sequences are removed (the engine stores none; this keeps
    the screen safe should one ever get through)."""
    if story.fulltext_status == "ok" and story.fulltext_markdown:
        return clean_text(story.fulltext_markdown)
    return clean_text(story.markdown or story.text or "")


class StoryView(VerticalScroll, can_focus=True):
    """Shows one story. Call :meth:`show_story` / :meth:`clear_story`. Links clicked in the
    body bubble up as ``Markdown.LinkClicked`` (the screen opens them in a worker).

    In reading mode (:meth:`set_reading`) the body is the story's ``text`` with a sentence
    cursor: give it the sentence and paragraph spans with :meth:`set_spans`, then move it with
    :meth:`move_sentence` / :meth:`move_paragraph` or put it on a span with
    :meth:`place_cursor`. The pane's subtitle says where the cursor is.
    """

    BINDINGS = bindings(ARTICLE)

    EMPTY = "No story open. Move through the list with j and k, and press enter to read."

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.story_id: int | None = None
        self.story: Story | None = None
        self.reading = False
        self.sentences: list[Span] = []
        self.paragraphs: list[Span] = []
        self.sentence = -1
        """Index of the sentence under the cursor, ``-1`` when there is no cursor."""
        self._markdown_for: int | None = None
        self._text_for: tuple[int, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self.EMPTY), id="story-empty")
        yield Static(Content(""), id="story-head")
        yield ReadingText(id="story-reading")

    def on_mount(self) -> None:
        self.query_one("#story-head").display = False
        self.query_one(ReadingText).display = False

    @property
    def at_end(self) -> bool:
        """True when the article is scrolled to its end (or fits)."""
        return self.scroll_y >= self.max_scroll_y

    @property
    def text_view(self) -> ReadingText:
        """The reading-mode body."""
        return self.query_one(ReadingText)

    # -- story ---------------------------------------------------------------------------
    def show_story(self, story: Story) -> None:
        """Show ``story``: header at once, body rendered incrementally (or laid out as plain
        text in reading mode). Showing the same story again keeps the cursor and marks when
        its text is unchanged."""
        same = story.id == self.story_id
        self.story_id = story.id
        self.story = story
        self.query_one("#story-empty").display = False
        head = self.query_one("#story-head", Static)
        head.display = True
        head.update(story_header(story))
        if not same:
            self.scroll_home(animate=False, immediate=True)
            self._markdown_for = None
            self.sentences, self.paragraphs, self.sentence = [], [], -1
        if self.reading:
            self._show_text()
        else:
            self._show_markdown(force=True)
        self._update_subtitle()

    def clear_story(self) -> None:
        """Show the empty state."""
        self.story_id = None
        self.story = None
        self.sentences, self.paragraphs, self.sentence = [], [], -1
        self.query_one("#story-empty").display = True
        self.query_one("#story-head").display = False
        self.text_view.display = False
        self._text_for = None
        self._markdown_for = None
        self._render_body("")
        self._update_subtitle()

    def set_reading(self, reading: bool) -> None:
        """Switch between the Markdown body and reading mode."""
        if reading == self.reading:
            return
        self.reading = reading
        if self.story is not None:
            if reading:
                self._show_text()
            else:
                self._show_markdown()
        self._update_subtitle()

    def _show_text(self) -> None:
        story = self.story
        view = self.text_view
        body = self._body(create=False)
        if body is not None:
            body.display = False
        view.display = True
        key = (story.id, story.text)
        if self._text_for != key:
            self._text_for = key
            view.set_text(story.text)
            if self.sentences:
                self._put_cursor(max(0, self.sentence))

    def _show_markdown(self, force: bool = False) -> None:
        story = self.story
        self.text_view.display = False
        if force or self._markdown_for != story.id:
            self._markdown_for = story.id
            self._render_body(story_body(story))
        body = self._body(create=False)
        if body is not None:
            body.display = True

    # -- reading mode ----------------------------------------------------------------------
    def set_spans(self, sentences: list[Span], paragraphs: list[Span]) -> None:
        """The open story's sentences and paragraphs (offsets into its text). In reading mode
        the cursor goes on the first sentence unless it is already placed."""
        self.sentences = sentences
        self.paragraphs = paragraphs
        view = self.text_view
        if view.cursor is not None:
            self.sentence = sentence_at(sentences, view.cursor[0]) if sentences else -1
        elif self.reading and sentences:
            self._put_cursor(0, reveal=False)
        self._update_subtitle()

    def set_marks(self, *, highlights: list[Span] | None = None,
                  matches: list[Span] | None = None) -> None:
        """The analyst's highlight spans and the search matches to mark (``None`` keeps)."""
        self.text_view.set_marks(highlights=highlights, matches=matches)

    @property
    def cursor_span(self) -> Span | None:
        """``(start, end)`` of the span under the cursor (a sentence), or ``None``."""
        return self.text_view.cursor if self.reading else None

    def place_cursor(self, start: int, end: int, focus: Span | None = None) -> None:
        """Put the cursor on ``text[start:end]`` (a highlight's sentence) and scroll to it."""
        self.sentence = sentence_at(self.sentences, start) if self.sentences else -1
        self.text_view.set_cursor((start, end), focus)
        self.reveal(start, end)
        self._update_subtitle()

    def _put_cursor(self, index: int, reveal: bool = True) -> Span:
        index = max(0, min(index, len(self.sentences) - 1))
        self.sentence = index
        span = self.sentences[index]
        self.text_view.set_cursor(span)
        if reveal:
            self.reveal(*span)
        self._update_subtitle()
        return span

    def _visible_lines(self) -> tuple[int, int]:
        view = self.text_view
        top = int(self.scroll_y) - view.virtual_region.y
        return top, top + self.scrollable_content_region.height

    def _cursor_visible(self) -> bool:
        span = self.text_view.cursor
        if span is None:
            return False
        top, bottom = self._visible_lines()
        return top <= self.text_view.line_of(span[0]) < bottom

    def _first_visible(self) -> int:
        top, _ = self._visible_lines()
        view = self.text_view
        for index, (start, _) in enumerate(self.sentences):
            if view.line_of(start) >= top:
                return index
        return len(self.sentences) - 1

    def move_sentence(self, step: int) -> Span | None:
        """Move the cursor ``step`` sentences (a cursor scrolled out of sight comes back on the
        first sentence in view). Returns the new span, ``None`` without sentences."""
        if not self.sentences:
            return None
        if self.sentence < 0 or not self._cursor_visible():
            return self._put_cursor(self._first_visible())
        return self._put_cursor(self.sentence + step)

    def move_paragraph(self, step: int) -> Span | None:
        """Move the cursor to the next paragraph's first sentence (``step`` 1), or to the start
        of this paragraph, or of the previous one when already there (``step`` -1)."""
        if not self.sentences:
            return None
        if self.sentence < 0 or not self._cursor_visible() or not self.paragraphs:
            return self.move_sentence(step)
        starts = [s for s, _ in self.paragraphs]
        sentence_starts = [s for s, _ in self.sentences]
        here = self.sentences[self.sentence][0]
        para = max(0, bisect_right(starts, here) - 1)
        if step > 0:
            target = para + 1
            if target >= len(self.paragraphs):
                return self._put_cursor(len(self.sentences) - 1)
        else:
            target = para if here > self.paragraphs[para][0] and \
                bisect_left(sentence_starts, self.paragraphs[para][0]) < self.sentence \
                else para - 1
            target = max(0, target)
        index = bisect_left(sentence_starts, self.paragraphs[target][0])
        return self._put_cursor(min(index, len(self.sentences) - 1))

    def reveal(self, start: int, end: int) -> None:
        """Scroll (after the next layout) so that ``text[start:end]`` is in view."""
        def scroll() -> None:
            view = self.text_view
            region = view.region_of(start, end)
            top = view.virtual_region.y + region.y
            self.scroll_to_region(Region(0, top, 1, region.height), animate=False,
                                  immediate=True)

        self.call_after_refresh(scroll)

    def _update_subtitle(self) -> None:
        if not self.reading or self.story is None:
            self.border_subtitle = None
            return
        where = (f"sentence {self.sentence + 1} of {len(self.sentences)}"
                 if self.sentence >= 0 and self.sentences else "no cursor")
        self.border_subtitle = Content(f"reading mode · {where}")

    # -- Markdown body -------------------------------------------------------------------
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
        """Render ``markdown`` chunk by chunk: the first with ``update`` (parsed off the event
        loop, one mount), the others with ``append``.

        ``Markdown.append`` re-parses the document from the line where its last block starts
        and replaces that block with the first one it parses. After ``update`` Textual 8.2
        sets that line to the document's last line, so the first chunk's last block would be
        replaced by the next chunk's first (a paragraph lost); the line is set here to where
        that block starts, from the blocks' own ``source_range``. (Emptying the body and
        appending every chunk is also correct, but doubles the time to open a story.)"""
        from textual.widgets.markdown import MarkdownBlock  # loaded with the body widget

        chunks = split_markdown(markdown)
        await body.update(chunks[0])
        if len(chunks) > 1:
            blocks = [child for child in body.children if isinstance(child, MarkdownBlock)]
            if blocks and blocks[-1].source_range is not None \
                    and hasattr(body, "_last_parsed_line"):
                body._last_parsed_line = blocks[-1].source_range[0]
            else:  # an unknown Textual: the slower way that needs no internals
                with self.app.batch_update():
                    await body.update("")
                    await body.append(chunks[0])
        for chunk in chunks[1:]:
            await body.append(chunk)
