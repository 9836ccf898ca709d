"""The export dialog: what to export as Markdown, how, and where.

Scopes: the open story, the stories of the current list, a tag, the current search, or today's
briefing (the day's starred and tagged stories). One file, or one per story; a template name
(the config's by default); an output file or directory (the service's export directory by
default). The dialog only collects the choices (:class:`ExportRequest`); the reader runs the
export in a worker and asks before overwriting a file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet

from brief_tui.export import ExportSelection
from brief_tui.tui.actions import bindings_of
from brief_tui.tui.safe import line, plain, styled, truncate
from brief_tui.tui.screens.tag import TagSuggester

STORY, LIST, TAG, SEARCH, TODAY = "story", "list", "tag", "search", "today"
SCOPES = (STORY, LIST, TAG, SEARCH, TODAY)
HINT = "ctrl+s or enter exports · esc cancels"
LABEL_CELLS = 56


@dataclass(frozen=True, slots=True)
class ExportChoices:
    """What the dialog can offer, from the reader's state.

    Attributes:
        story_id / story_title: the open (or selected) story, or ``None`` / ``""``.
        list_ids / list_name: the ids of the current list, in order, and its name.
        tag: the tag to suggest (the view's tag, else the story's first). tags: every tag.
        query: the current search, or ``""``.
        template: the default template name. out: the default output directory (left as it
            is, the service places the files: there, or in a folder of it for one file per
            story).
    """

    story_id: int | None
    story_title: str
    list_ids: tuple[int, ...]
    list_name: str
    tag: str
    tags: tuple[str, ...]
    query: str
    template: str
    out: str


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """The user's choices.

    Attributes:
        scope: one of :data:`SCOPES`. selection: what the service exports.
        split: one file per story. template: a template name (``""``: the config's).
        out: a file or directory path (``""``: the export directory).
    """

    scope: str
    selection: ExportSelection
    split: bool
    template: str
    out: str


def scope_labels(choices: ExportChoices) -> dict[str, str]:
    """The words of each scope's radio button (feed text in them is made one line)."""
    count = len(choices.list_ids)
    stories = "story" if count == 1 else "stories"
    return {
        STORY: "This story: " + truncate(line(choices.story_title), LABEL_CELLS)
        if choices.story_id is not None else "This story (none open)",
        LIST: f"The {count} {stories} in this list ({truncate(line(choices.list_name), 30)})",
        TAG: "Every story with a tag (type it below)",
        SEARCH: "The search: " + truncate(line(choices.query), LABEL_CELLS)
        if choices.query else "The search (no search shown)",
        TODAY: "Today's briefing (today's starred and tagged stories)",
    }


class ScopeSet(RadioSet):
    """The scopes. Enter (or space) on another scope chooses it; enter on the chosen scope
    exports, as enter does in the dialog's fields."""

    BINDINGS = [Binding("enter", "choose_or_export", "Choose", show=False)]

    def action_choose_or_export(self) -> None:
        """Choose the highlighted scope, or export when it is the chosen one already."""
        highlighted = self._selected
        if highlighted is None or highlighted == self.pressed_index:
            self.screen.action_save()
        else:
            self.action_toggle_button()


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Collect an export's options; dismisses with an :class:`ExportRequest` or ``None``.

    Args:
        choices: what can be exported now.
    """

    BINDINGS = bindings_of("dialog_save", "dialog_cancel")

    def __init__(self, choices: ExportChoices) -> None:
        super().__init__()
        self.choices = choices

    @property
    def default_out(self) -> str:
        """The default directory as shown: with a final separator (a directory)."""
        out = self.choices.out
        return out if not out or out.endswith(os.sep) else out + os.sep

    def available(self, scope: str) -> bool:
        """Whether ``scope`` can be chosen now."""
        c = self.choices
        return {STORY: c.story_id is not None, LIST: bool(c.list_ids), TAG: True,
                SEARCH: bool(c.query), TODAY: True}[scope]

    def default_scope(self) -> str:
        """The scope chosen when the dialog opens: the story, else the list."""
        return next(s for s in (STORY, LIST, TAG) if self.available(s))

    def compose(self) -> ComposeResult:
        labels = scope_labels(self.choices)
        default = self.default_scope()
        with Vertical(id="export-dialog", classes="dialog"):
            with ScopeSet(id="export-scope", compact=True):
                for scope in SCOPES:
                    yield RadioButton(plain(labels[scope]), value=scope == default,
                                      id=f"scope-{scope}", disabled=not self.available(scope))
            with Horizontal(classes="field"):
                yield Label("Tag", classes="field-label")
                yield Input(value=self.choices.tag, id="export-tag", compact=True,
                            placeholder="a tag", suggester=TagSuggester(self.choices.tags))
            yield Checkbox(plain("One file per story"), id="export-split", compact=True)
            with Horizontal(classes="field"):
                yield Label("Template", classes="field-label")
                yield Input(value=self.choices.template, id="export-template", compact=True,
                            placeholder="default")
            with Horizontal(classes="field"):
                yield Label("Save in", classes="field-label")
                yield Input(value=self.default_out, id="export-out", compact=True,
                            placeholder="a directory (ending in /) or a .md file")
            yield Label("", id="export-error")
            yield Label(styled(HINT, "$text-muted"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#export-dialog").border_title = plain("Export as Markdown")
        self.query_one("#export-error").display = False
        blink = getattr(self.app, "cursor_blink", True)
        for field in self.query(Input):
            field.cursor_blink = blink
        self.query_one(RadioSet).focus()

    @property
    def scope(self) -> str:
        """The chosen scope."""
        pressed = self.query_one(RadioSet).pressed_button
        return pressed.id.removeprefix("scope-") if pressed is not None and pressed.id \
            else self.default_scope()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        if self.scope == TAG:
            self.query_one("#export-tag", Input).focus()

    def request(self) -> ExportRequest | str:
        """The request the dialog holds, or a sentence saying what is missing."""
        c = self.choices
        scope = self.scope
        tag = self.query_one("#export-tag", Input).value.strip()
        if scope == STORY:
            selection = ExportSelection.of_ids([c.story_id])
        elif scope == LIST:
            selection = ExportSelection.of_ids(c.list_ids)
        elif scope == TAG:
            if not tag:
                return "Type the tag to export."
            selection = ExportSelection.of_tag(tag)
        elif scope == SEARCH:
            selection = ExportSelection.of_query(c.query)
        else:
            selection = ExportSelection.today()
        out = self.query_one("#export-out", Input).value.strip()
        if out.rstrip(os.sep) == self.choices.out.rstrip(os.sep):
            out = ""  # the default: the service decides (a folder per split export)
        return ExportRequest(scope, selection, self.query_one(Checkbox).value,
                             self.query_one("#export-template", Input).value.strip(), out)

    def action_save(self) -> None:
        """Export with the chosen options (or say what is missing)."""
        request = self.request()
        if isinstance(request, str):
            error = self.query_one("#export-error", Label)
            error.update(styled(request, "$text-error"))
            error.display = True
            return
        self.dismiss(request)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_cancel(self) -> None:
        """Close without exporting."""
        self.dismiss(None)
