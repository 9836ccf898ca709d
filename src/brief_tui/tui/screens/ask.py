"""Two small questions the reader asks: a line of text (:class:`PromptScreen`) and yes or no
(:class:`ConfirmScreen`). Both show feed text (a tag, a title, a path) literally."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label

from brief_tui.tui.actions import bindings_of
from brief_tui.tui.safe import line, plain, styled, truncate

SUBJECT_CELLS = 300
"""A subject longer than this many cells is cut (the dialog wraps it over a few lines)."""


def subject_text(value: object) -> Content:
    """A dialog's subject line: feed text, one line, literal, cut when very long."""
    return plain(truncate(line(value), SUBJECT_CELLS))


class PromptScreen(ModalScreen[str | None]):
    """Ask for one line of text.

    Dismisses with the stripped text (``None`` when cancelled or left empty).

    Args:
        title: the dialog's title (ours). subject: what it is about (feed text, may be ``""``).
        value: the text to start from. placeholder / hint: ours.
        suggester: completes the input (tags).
    """

    BINDINGS = bindings_of("dialog_cancel")

    def __init__(self, title: str, subject: str = "", *, value: str = "",
                 placeholder: str = "", hint: str = "enter saves · esc cancels",
                 suggester: Suggester | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.value = value
        self.placeholder = placeholder
        self.hint = hint
        self.suggester = suggester

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog", classes="dialog"):
            if self.subject:
                yield Label(subject_text(self.subject), id="prompt-subject",
                            classes="dialog-subject")
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input",
                        suggester=self.suggester)
            yield Label(styled(self.hint, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-dialog").border_title = plain(self.title_text)
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)


class ConfirmScreen(ModalScreen[bool]):
    """Ask a yes/no question; y or the first button says yes, n or escape says no.

    Args:
        title: the dialog's title (ours). question: the question; feed text in it is shown
            literally. yes: the label of the yes button (``"Overwrite"``, ``"Delete"``).
    """

    BINDINGS = bindings_of("dialog_cancel", "confirm_yes", "confirm_no")

    def __init__(self, title: str, question: str, *, yes: str = "Yes") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Label(plain(truncate(line(self.question), SUBJECT_CELLS)),
                        id="confirm-question", classes="dialog-subject")
            with Horizontal(classes="dialog-buttons"):
                yield Button(plain(self.yes), id="confirm-yes", variant="warning")
                yield Button(plain("Cancel"), id="confirm-no")
            yield Label(styled(f"y or enter: {self.yes.lower()} · n or esc: cancel",
                               "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#confirm-dialog").border_title = plain(self.title_text)
        self.query_one("#confirm-yes").focus()

    def action_answer(self, yes: bool) -> None:
        """Answer the question."""
        self.dismiss(yes)

    def action_cancel(self) -> None:
        """Answer no."""
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
