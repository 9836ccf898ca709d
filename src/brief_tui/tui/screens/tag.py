"""The tag dialog: type tags for a story, with completion of tags already in use.

Space separates tags; a leading ``-`` removes one (``-draft``). Tab or right-arrow accepts
the suggestion. The dialog dismisses with the typed text (the screen parses it with
:func:`brief_tui.domain.tags.parse_tag_edits`), or ``None`` when cancelled.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Label

from brief_tui.tui.safe import line, plain, styled


class TagSuggester(Suggester):
    """Completes the last word of the input from existing tags (case-insensitive), keeping a
    leading ``-``.

    Args:
        tags: tags in use, most used first.
    """

    def __init__(self, tags: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = list(dict.fromkeys(tags))

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith(" "):
            return None
        head, _, word = value.rpartition(" ")
        sign = "-" if word.startswith("-") else ""
        stem = word[1:] if sign else word
        if not stem:
            return None
        for tag in self.tags:
            if tag.startswith(stem) and tag != stem:
                return f"{head} {sign}{tag}" if head else f"{sign}{tag}"
        return None


class TagScreen(ModalScreen[str | None]):
    """Edit the tags of one story.

    Args:
        title: the story's title (shown literally). current: its tags. known: every tag in use.
        heading: the dialog's title (``"Tag feed"`` when tagging a feed).
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False),
                Binding("tab", "complete", "Complete", show=False, priority=True)]

    def __init__(self, title: str, current: Iterable[str], known: Iterable[str], *,
                 heading: str = "Tag story") -> None:
        super().__init__()
        self.heading = heading
        self.story_title = title
        self.current = list(current)
        self.known = list(known)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Label(plain(line(self.story_title)), id="tag-story", classes="dialog-subject")
            have = ", ".join(line(t) for t in self.current) if self.current else "none"
            yield Label(styled(f"Tags now: {have}", "$text-muted"), id="tag-current")
            yield Input(placeholder="tags, e.g. ai policy -draft", id="tag-input",
                        suggester=TagSuggester(self.known))
            yield Label(styled("Space separates tags · -tag removes · tab completes · "
                               "esc cancels", "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = plain(self.heading)
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    def action_complete(self) -> None:
        """Accept the suggestion shown in the input, if any."""
        field = self.query_one(Input)
        field.cursor_position = len(field.value)
        field.action_cursor_right()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
