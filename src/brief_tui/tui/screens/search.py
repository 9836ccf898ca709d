"""The search dialog: one line of the query language, searched over every cached story.

Dismisses with the query text, or ``None`` when cancelled. The results become the story list
of a ``query:`` view (the screen does that); an invalid query is reported there.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from brief_tui.tui.safe import plain, styled

HINT = "Every word must appear in the story (title, text, authors, tags, notes) · esc cancels"


class SearchScreen(ModalScreen[str | None]):
    """Ask for a search.

    Args:
        query: the previous search, pre-filled.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Input(value=self.query_text, placeholder="search every story",
                        id="search-input")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = plain("Search")
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
