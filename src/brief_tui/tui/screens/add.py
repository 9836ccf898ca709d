"""The add dialog: a feed URL (or a site's page, for autodiscovery) or a file path to import
(OPML, a feed file or a briefing document).

Dismisses with the text, or ``None`` when cancelled; the screen runs the subscription in a
worker and reports the outcome.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from brief_tui.tui.safe import plain, styled

HINT = "https://… subscribes (a site's page finds its feed) · a file path imports · esc cancels"


class AddScreen(ModalScreen[str | None]):
    """Ask for a feed URL or a file path."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", show=False)]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Input(placeholder="feed URL or file path", id="add-input")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = plain("Add a feed or import a file")
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)
