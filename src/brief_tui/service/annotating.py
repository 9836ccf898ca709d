"""Highlights: extracted ones (cached per story version) and the analyst's own."""

from __future__ import annotations

from brief_tui.domain.errors import BriefError
from brief_tui.domain.models import (
    Highlight,
    Story,
)


class AnnotatingMixin:
    """Highlight methods of :class:`brief_tui.service.Service`."""

    # -- highlights ----------------------------------------------------------------------
    def highlights(self, story_id: int) -> list[Highlight]:
        """The story's highlights: the analyst's own (kind ``user``) first, then the extracted
        ones (sentence, figure, organisation, person, place, keyword), each ranked best first
        within its kind. Offsets index the story's ``text``. Extraction runs once per story
        version and extractor version and is cached.

        Raises:
            NotFoundError: no such story.
        """
        story = self.store.require_story(story_id)
        return self.store.user_highlights(story_id) + self.extracted_highlights(story)

    def user_highlights(self, story_id: int) -> list[Highlight]:
        """Only the analyst's own highlights on a story, in text order."""
        return self.store.user_highlights(story_id)

    def extracted_highlights(self, story: Story) -> list[Highlight]:
        """Extracted highlights of a story (cached per content hash and extractor version)."""
        from brief_tui.extract import EXTRACTOR_VERSION, extract_highlights

        cached = self.store.cached_extraction(story.id, story.content_hash, EXTRACTOR_VERSION)
        if cached is None:
            cached = extract_highlights(story.text, title=story.title)
            self.store.store_extraction(story.id, story.content_hash, EXTRACTOR_VERSION, cached)
        return cached

    def sentence_spans(self, story: Story) -> list[tuple[int, int]]:
        """``(start, end)`` of each sentence of the story's text, for moving by sentence."""
        from brief_tui.extract import sentence_spans

        return sentence_spans(story.text)

    def paragraph_spans(self, story: Story) -> list[tuple[int, int]]:
        """``(start, end)`` of each paragraph of the story's text."""
        from brief_tui.extract import paragraph_spans

        return paragraph_spans(story.text)

    def toggle_highlight(self, story_id: int, start: int, end: int) -> Highlight | None:
        """Highlight ``text[start:end]`` of a story, or remove the highlight already there.

        Returns:
            The new highlight, or ``None`` when one was removed.

        Raises:
            NotFoundError: no such story. BriefError: the span is empty or outside the text.
        """
        story = self.store.require_story(story_id)
        if not 0 <= start < end <= len(story.text):
            raise BriefError(f"story {story_id}: span {start}-{end} is outside its text")
        return self.store.toggle_highlight(story_id, start, end, story.text[start:end],
                                           now=self.now())

    def set_highlight_note(self, highlight_id: int, note: str | None) -> None:
        """Attach (or clear) a note on one of the analyst's highlights."""
        self.store.set_highlight_note(highlight_id, note)

    def remove_highlight(self, highlight_id: int) -> None:
        """Delete one of the analyst's highlights."""
        self.store.remove_highlight(highlight_id)

