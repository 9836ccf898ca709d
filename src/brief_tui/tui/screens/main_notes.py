"""The reader screen's reading mode, highlights and notes: actions and the handlers of their
worker answers. Mixed into :class:`~brief_tui.tui.screens.main.MainScreen`.

Reading mode shows the story's ``text`` with a sentence cursor (``]`` ``[`` ``}`` ``{``); ``h``
toggles a highlight on the sentence, ``c`` writes a note on it, ``N`` a note on the story.
Offsets always index ``story.text``, as the service's sentences and highlights do.
"""

from __future__ import annotations

from brief_tui.domain.errors import BriefError
from brief_tui.domain.models import HL_USER, Highlight
from brief_tui.tui import messages as msg
from brief_tui.tui.safe import notify
from brief_tui.tui.widgets.highlights import (
    HighlightItem,
    HighlightsPane,
    highlight_items,
    story_items,
)
from brief_tui.tui.widgets.story_view import StoryView

FINDING = "Finding highlights…"


def overlapping(user: list[Highlight], span: tuple[int, int]) -> Highlight | None:
    """The analyst's highlight on ``span``: the exact one, else the first overlapping it."""
    start, end = span
    live = [h for h in user if not h.lost]
    exact = next((h for h in live if (h.start, h.end) == span), None)
    return exact or next((h for h in live if h.start < end and h.end > start), None)


def save_highlight_note(service, story_id: int, highlight_id: int | None,
                        span: tuple[int, int], note: str) -> None:
    """Write a note on a highlight, highlighting ``span`` first when ``highlight_id`` is
    ``None`` (runs on the writer thread).

    Raises:
        BriefError: the new highlight could not be made.
    """
    if highlight_id is None:
        created = service.toggle_highlight(story_id, *span)
        if created is None or created.id is None:
            raise BriefError(f"story {story_id}: could not highlight {span[0]}-{span[1]}")
        highlight_id = created.id
    service.set_highlight_note(highlight_id, note or None)


class NotesActions:
    """Reading mode, highlights and notes on the reader screen."""

    # -- state handed down -----------------------------------------------------------------
    def start_annotations(self, same: bool) -> None:
        """After a story is shown: tags/links at once, highlights from a worker."""
        story = self.story
        pane = self.query_one(HighlightsPane)
        if not same:
            self.user_highlights = []
            self.extracted = []
            self.highlights_error = ""
            self.highlights_for = None
        pane.set_items(self._pane_items(), status=FINDING if not same else "",
                       keep_cursor=same)
        self.load_annotations(story, self.terms)

    def _pane_items(self) -> list[HighlightItem]:
        story = self.story
        if story is None:
            return []
        return (highlight_items(self.user_highlights + self.extracted)
                + story_items(story, self.links))

    def _refresh_pane(self, keep_cursor: bool = True) -> None:
        status = f"Highlights unavailable: {self.highlights_error}" \
            if self.highlights_error else ""
        self.query_one(HighlightsPane).set_items(self._pane_items(), status=status,
                                                 keep_cursor=keep_cursor)

    def on_article_spans(self, message: msg.ArticleSpans) -> None:
        if self.story is None or message.story_id != self.story.id:
            return
        article = self.query_one(StoryView)
        article.set_spans(message.sentences, message.paragraphs)
        self.user_highlights = list(message.user)
        article.set_marks(highlights=[(h.start, h.end) for h in message.user if not h.lost],
                          matches=message.matches)

    def on_highlights_loaded(self, message: msg.HighlightsLoaded) -> None:
        if self.story is None or message.story_id != self.story.id:
            return
        self.user_highlights = [h for h in message.highlights if h.kind == HL_USER]
        self.extracted = [h for h in message.highlights if h.kind != HL_USER]
        self.highlights_error = message.error
        first = self.highlights_for != message.story_id  # the cursor starts at the top
        self.highlights_for = message.story_id
        self._refresh_pane(keep_cursor=not first)

    def on_user_highlights_changed(self, message: msg.UserHighlightsChanged) -> None:
        if self.story is None or message.story_id != self.story.id:
            return
        self.user_highlights = list(message.user)
        self.query_one(StoryView).set_marks(
            highlights=[(h.start, h.end) for h in message.user if not h.lost])
        self._refresh_pane()

    def on_note_saved(self, message: msg.NoteSaved) -> None:
        if self.story is not None and self.story.id == message.story_id:
            self.load_story(message.story_id)

    # -- reading mode --------------------------------------------------------------------
    def set_reading_mode(self, reading: bool, *, auto: bool = False) -> None:
        """Switch the article's mode. ``auto``: switched on for a search (switched back
        when the search is left); a choice of the user's is remembered across restarts."""
        article = self.query_one(StoryView)
        if reading == article.reading:
            self.reading_auto = self.reading_auto and reading
            return
        article.set_reading(reading)
        self.reading_auto = auto and reading
        if not auto:
            self.writer.submit("Saving state", self.service.set_state, "reading",
                               "1" if reading else "0")

    def action_toggle_reading(self) -> None:
        """Switch the article between formatted text and reading mode."""
        self.set_reading_mode(not self.query_one(StoryView).reading)

    def _reading_ready(self) -> StoryView | None:
        """The article when it is in reading mode with sentences; else switch to reading
        mode (the cursor lands on the first sentence in view) and say why nothing moved."""
        article = self.query_one(StoryView)
        if self.story is None:
            notify(self, "No story open.", severity="warning")
            return None
        if not article.reading:
            self.set_reading_mode(True)  # the cursor goes on the first sentence
            return None
        if not article.sentences:
            notify(self, "This story has no sentences to move through." if not
                   self.story.text.strip() else "Still finding the sentences…")
            return None
        return article

    def action_move_sentence(self, step: int) -> None:
        """Move the sentence cursor (reading mode)."""
        article = self._reading_ready()
        if article is not None:
            article.move_sentence(step)

    def action_move_paragraph(self, step: int) -> None:
        """Move the sentence cursor by paragraph (reading mode)."""
        article = self._reading_ready()
        if article is not None:
            article.move_paragraph(step)

    # -- highlights ------------------------------------------------------------------------
    def _user_reply(self, story_id: int):
        return lambda _: msg.UserHighlightsChanged(story_id,
                                                   self.service.user_highlights(story_id))

    def action_toggle_highlight(self) -> None:
        """Highlight the sentence under the cursor, or remove its highlight."""
        article = self._reading_ready()
        span = article.cursor_span if article is not None else None
        if article is None or span is None:
            return
        story_id = self.story.id
        self.writer.submit("Highlight", self.service.toggle_highlight, story_id, *span,
                           then=self._user_reply(story_id))

    async def action_highlight_note(self) -> None:
        """Write a note on the highlight under the cursor (or chosen in the highlights
        pane), highlighting the sentence first when it has none."""
        pane = self.query_one(HighlightsPane)
        item = pane.current_item if pane.has_focus else None
        if item is not None and item.kind == HL_USER and item.highlight_id is not None:
            target = next((h for h in self.user_highlights if h.id == item.highlight_id),
                          None)
            span = (item.start, item.end)
        else:
            article = self._reading_ready()
            span = article.cursor_span if article is not None else None
            if span is None:
                return
            target = overlapping(self.user_highlights, span)
            if target is not None:
                span = (target.start, target.end)
        story = self.story
        subject = story.text[span[0]:span[1]] if 0 <= span[0] < span[1] <= len(story.text) \
            else (target.text if target else "")
        highlight_id = target.id if target is not None else None

        def save(text: str | None) -> None:
            if text is None or (not text and highlight_id is None):
                return
            self.writer.submit("Note", save_highlight_note, self.service, story.id,
                               highlight_id, span, text, then=self._user_reply(story.id))

        from brief_tui.tui.screens.note import NoteScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(NoteScreen("Note on highlight", subject,
                                              target.note if target else None), save)

    async def action_story_note(self) -> None:
        """Write or edit the story's note."""
        story_id = self._require_story()
        if story_id is None:
            return
        if self.story is not None and self.story.id == story_id:
            title, note = self.story.display_title, self.story.note
        else:
            stories = self.query_one("#stories")
            index = stories.index_of(story_id)
            row = stories.row(index) if index is not None else None
            title = row.display_title if row else ""
            note = None
            try:
                note = self.service.story(story_id).note
            except BriefError as exc:
                notify(self, f"Note: {exc}", severity="error")
                return

        def save(text: str | None) -> None:
            if text is None or (not text and not note):
                return
            done = "Saved the note." if text else "Removed the note."
            self.writer.submit("Note", self.service.set_note, story_id, text or None,
                               then=lambda _: msg.NoteSaved(story_id))
            notify(self, done)

        from brief_tui.tui.screens.note import NoteScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(NoteScreen("Story note", title, note), save)

    def choose_highlight(self, item: HighlightItem) -> None:
        """Show a highlight chosen in the pane: reading mode, the cursor on its sentence, the
        figure or name itself picked out inside it."""
        story = self.story
        if story is None:
            return
        if item.lost or not 0 <= item.start < item.end <= len(story.text):
            notify(self, "This highlight's text is no longer in the story.", severity="warning")
            return
        self.set_reading_mode(True)
        focus = None
        if item.kind not in (HL_USER, "sentence"):
            found = story.text.find(item.value, item.start, item.end)
            if found >= 0:
                focus = (found, found + len(item.value))
        self.query_one(StoryView).place_cursor(item.start, item.end, focus)
