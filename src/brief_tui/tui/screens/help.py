"""The help screen: every action of the registry with the keys bound to it now (the user's
``[keys]`` table applied), grouped by where it works."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from brief_tui.tui.actions import ACTIONS, APP, ARTICLE, LIST, MAIN, effective_keys
from brief_tui.tui.safe import plain, styled

SECTIONS = ((MAIN, "Reading"), (LIST, "Lists (feeds, stories, highlights)"),
            (ARTICLE, "Article"), (APP, "Everywhere"))
KEY_COLUMN = 16


def help_text(keymap: Mapping[str, str], display) -> Content:
    """The help table as Content.

    Args:
        keymap: the user's overrides (action id -> keys).
        display: formats one key for display (``App.get_key_display`` on a Binding).
    """
    parts: list[Content | str] = []
    for scope, title in SECTIONS:
        parts += [styled(title, "bold $text-accent"), "\n"]
        for spec in ACTIONS:
            if spec.scope != scope:
                continue
            keys = " ".join(display(Binding(k, spec.action)) for k in effective_keys(spec,
                                                                                    keymap))
            parts += [styled(f"  {keys:<{KEY_COLUMN}}", "bold"), plain(spec.help), "\n"]
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
            yield Label(styled("Keys can be changed in the [keys] table of config.toml "
                               "(action id = \"keys\"). esc closes.", "$text-muted"),
                        classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-dialog").border_title = plain("Keys")
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)
