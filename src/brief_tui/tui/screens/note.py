"""The note dialog: a story's note, or the analyst's note on a highlight, in a text area.

ctrl+s saves (the dialog dismisses with the text, ``""`` meaning "no note"), escape cancels
(``None``). Notes are Markdown as typed; control characters (a paste can carry escape
sequences) are removed before they are shown or saved.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from brief_tui.domain.text import clean_text
from brief_tui.tui.actions import bindings_of
from brief_tui.tui.safe import plain, styled
from brief_tui.tui.screens.ask import subject_text

HINT = "Markdown · ctrl+s saves (empty removes the note) · esc cancels"


class NoteScreen(ModalScreen[str | None]):
    """Edit a note.

    Args:
        title: the dialog's title (ours, e.g. ``"Story note"``).
        subject: what the note is on: a story title or a highlighted sentence (feed text).
        text: the note now, or ``None``.
    """

    BINDINGS = bindings_of("dialog_save", "dialog_cancel")

    def __init__(self, title: str, subject: str, text: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.text = clean_text(text or "")

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Label(subject_text(self.subject), id="note-subject",
                        classes="dialog-subject")
            yield TextArea(self.text, id="note-text", soft_wrap=True, tab_behavior="focus")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note-dialog").border_title = plain(self.title_text)
        area = self.query_one(TextArea)
        area.cursor_blink = getattr(self.app, "cursor_blink", True)
        area.move_cursor(area.document.end)
        area.focus()

    def action_save(self) -> None:
        """Dismiss with the note (cleaned, trimmed; ``""`` removes it)."""
        self.dismiss(clean_text(self.query_one(TextArea).text).strip())

    def action_cancel(self) -> None:
        """Dismiss without saving."""
        self.dismiss(None)
