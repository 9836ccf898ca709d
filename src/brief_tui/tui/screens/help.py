"""The help screen: every action of the registry with the keys bound to it now (the user's
``[keys]`` table applied), grouped by where it works."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from brief_tui.tui.actions import (
    ACTIONS,
    APP,
    ARTICLE,
    DIALOG,
    LIST,
    MAIN,
    NOTES,
    ORGANISE,
    READING,
    TAGS,
    ActionSpec,
    effective_keys,
)
from brief_tui.tui.safe import plain, styled

SECTIONS = ((MAIN, READING, "Reading"), (MAIN, NOTES, NOTES), (MAIN, ORGANISE, ORGANISE),
            (LIST, None, "Lists (feeds, stories, highlights)"), (ARTICLE, None, "Article"),
            (DIALOG, None, "Dialogs"), (TAGS, None, "Tag manager"),
            (APP, None, "Everywhere"))
"""``(scope, group, heading)``: a group of ``None`` takes every action of the scope."""


def _in_section(spec: ActionSpec, scope: str, group: str | None) -> bool:
    return spec.scope == scope and (group is None or spec.group == group)
KEY_COLUMN = 14
ID_COLUMN = max(len(spec.id) for spec in ACTIONS)


def help_text(keymap: Mapping[str, str], display, width: int = 100) -> Content:
    """The help table as Content: keys, what they do (wrapped), the action id.

    Args:
        keymap: the user's overrides (action id -> keys).
        display: formats one key for display (``App.get_key_display`` on a Binding).
        width: cells available per line.
    """
    help_width = max(20, width - 2 - KEY_COLUMN - 2 - ID_COLUMN)
    parts: list[Content | str] = []
    for scope, group, title in SECTIONS:
        parts += [styled(title, "bold $text-accent"), "\n"]
        for spec in ACTIONS:
            if not _in_section(spec, scope, group):
                continue
            keys = " ".join(display(Binding(k, spec.action))
                            for k in effective_keys(spec, keymap))
            lines = textwrap.wrap(spec.help, help_width) or [""]
            parts += [styled(f"  {keys:<{KEY_COLUMN}}", "bold"),
                      plain(f"{lines[0]:<{help_width}}  "), styled(spec.id, "$text-muted"),
                      "\n"]
            for more in lines[1:]:
                parts += [plain(" " * (2 + KEY_COLUMN) + more), "\n"]
        parts.append("\n")
    return Content.assemble(*parts).rstrip()


class HelpScreen(ModalScreen[None]):
    """Shows the keys; escape, q or ? closes it.

    Args:
        keymap: the user's key overrides (action id -> comma-separated keys).
    """

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", show=False)]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = dict(keymap or {})

    def compose(self) -> ComposeResult:
        keymap = self.keymap
        with Vertical(id="help-dialog", classes="dialog"):
            with VerticalScroll(id="help-scroll"):
                yield Static(help_text(keymap, self.app.get_key_display), id="help-text")
            yield Label(styled('Change keys in the [keys] table of config.toml, by the action '
                               'id on the right: star = "s,x". esc closes.', "$text-muted"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-dialog").border_title = plain("Keys")
        self.query_one("#help-scroll").focus()

    def on_resize(self) -> None:
        width = self.query_one("#help-scroll").scrollable_content_region.width
        if width > 0:
            self.query_one("#help-text", Static).update(
                help_text(self.keymap, self.app.get_key_display, width))

    def action_close(self) -> None:
        self.dismiss(None)
