"""The search box: one line of the query language, searched over every cached story as it is
typed.

The box sits at the bottom of the screen and leaves the story list in view. A pause of
:data:`DEBOUNCE` seconds after the last key checks the query (a pure parse) and, when it is
valid, hands it to ``preview`` (the reader lists its results in a worker; a newer query
cancels the older one), so typing never waits for a search. An invalid query is marked in the
box and explained under it, with its column. While a word is being typed it is searched as
a prefix (:func:`effective_query`: ``batter`` finds "battery"; a space after it searches the
word as typed). Enter keeps the results shown (dismisses with that query), escape cancels
(``None``); ctrl+s saves the search shown as a view, asking for a name.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.highlighter import Highlighter
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Label

from brief_tui.domain.errors import QueryError
from brief_tui.tui.actions import bindings_of
from brief_tui.tui.safe import line, plain, styled

HINT = ("every word must appear · \"a phrase\" · -word · tag:ai is:unread after:7d · "
        "ctrl+s saves as a view")
DEBOUNCE = 0.15
"""Seconds after the last key before the query is checked and searched."""
PREFIX_MIN = 3
"""While typing, a last word of at least this many letters is searched as a prefix."""

_LAST_WORD = re.compile(r"(?:^|\s)(\w+)$")


def as_you_type(query: str) -> str:
    """The query searched while it is typed: the unfinished last word as a prefix
    (``"batter"`` finds "battery"), unless it is short or already a filter, phrase, negation
    or prefix."""
    match = _LAST_WORD.search(query)
    if match is None or len(match.group(1)) < PREFIX_MIN:
        return query
    return query + "*"


def effective_query(value: str) -> str:
    """The query a search box's text stands for: with :func:`as_you_type` applied unless the
    text ends with a space (a finished word is searched as typed)."""
    query = value.strip()
    return as_you_type(query) if query and value == value.rstrip() else query


class ErrorMark(Highlighter):
    """Marks the bad token of an invalid query in the search box."""

    def __init__(self) -> None:
        self.span: tuple[int, int] | None = None

    def highlight(self, text: Text) -> None:
        if self.span is not None:
            start, end = self.span
            text.stylize("bold underline red", start, max(end, start + 1))


def describe_error(exc: QueryError) -> str:
    """One line for the user: what is wrong and at which column (1-based)."""
    token = f" ({line(exc.token)})" if exc.token else ""
    return f"Column {exc.position + 1}: {line(exc.message)}{token}"


class SearchScreen(ModalScreen[str | None]):
    """Ask for a search, listing results as it is typed.

    Args:
        query: the previous search, pre-filled (not searched again until edited).
        preview: called with each valid query once typing pauses (``""`` when emptied).
        check: parses a query, raising :class:`~brief_tui.domain.errors.QueryError`.
        save: called with ``(query, name)`` to save the search as a view.
    """

    BINDINGS = bindings_of("dialog_save", "dialog_cancel")

    def __init__(self, query: str = "", *, preview: Callable[[str], None] | None = None,
                 check: Callable[[str], object] | None = None,
                 save: Callable[[str, str], None] | None = None) -> None:
        super().__init__()
        self.query_text = query
        self.preview = preview
        self.check = check
        self.save = save
        self.marker = ErrorMark()
        self.error: str = ""
        self._timer: Timer | None = None
        self._edited = False

    def compose(self) -> ComposeResult:
        with Vertical(id="search-dialog", classes="dialog"):
            yield Input(value=self.query_text, placeholder="search every story",
                        id="search-input", highlighter=self.marker, compact=True)
            yield Label("", id="search-error")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#search-dialog").border_title = plain("Search")
        self.query_one("#search-error").display = False
        field = self.query_one(Input)
        field.cursor_blink = getattr(self.app, "cursor_blink", True)
        field.focus()

    # -- typing ----------------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not self._edited and event.value == self.query_text:
            return  # the pre-filled value, not typed
        self._edited = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self._typed)

    def _typed(self) -> None:
        self._timer = None
        query = self.query_one(Input).value.strip()
        if self.validate(query) and self.preview is not None:
            self.preview(effective_query(self.query_one(Input).value))

    def validate(self, query: str) -> bool:
        """Check ``query``; show or clear the error. Returns True when it is valid."""
        error = ""
        self.marker.span = None
        if query and self.check is not None:
            try:
                self.check(query)
            except QueryError as exc:
                error = describe_error(exc)
                field = self.query_one(Input).value
                offset = len(field) - len(field.lstrip())
                start = exc.position + offset
                self.marker.span = (start, start + max(1, len(exc.token)))
        self.error = error
        label = self.query_one("#search-error", Label)
        label.update(styled(error, "$text-error") if error else "")
        label.display = bool(error)
        self.query_one(Input).refresh()
        return not error

    # -- answers ---------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if event.value.strip() and not self.validate(event.value.strip()):
            return
        self.dismiss(effective_query(event.value) or None)

    async def action_save(self) -> None:
        """Save the query (as searched: see :func:`effective_query`) as a view: ask for a
        name, then dismiss with the query."""
        value = self.query_one(Input).value
        query = effective_query(value)
        if not query:
            self.error = "Type a search to save."
            label = self.query_one("#search-error", Label)
            label.update(styled(self.error, "$text-error"))
            label.display = True
            return
        if not self.validate(value.strip()) or self.save is None:
            return

        def named(name: str | None) -> None:
            if name:
                self.save(query, name)
                self.dismiss(query)

        from brief_tui.tui.screens.ask import PromptScreen  # noqa: PLC0415 - on demand

        await self.app.push_screen(PromptScreen("Save search as a view", query,
                                                placeholder="a name for the view"), named)

    def action_cancel(self) -> None:
        """Close; the reader goes back to the list shown before the search."""
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(None)
