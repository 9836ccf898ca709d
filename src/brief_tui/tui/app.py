"""BriefApp: wiring only. Themes, the keymap, the palette and the first screen.

Everything the reader does lives in :mod:`brief_tui.tui.screens.main` and the widgets; this
module connects them to the :class:`brief_tui.service.Service` it is given (see
``brief_tui.__main__.make_app``).
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.screen import Screen
from textual.theme import Theme

from brief_tui.domain.errors import BriefError
from brief_tui.tui.actions import APP, bindings, check_keymap
from brief_tui.tui.safe import notify
from brief_tui.tui.screens.main import MainScreen
from brief_tui.tui.themes import DEFAULT_DARK, load_themes, themes_dir

def reader_commands():
    """The palette provider, imported when the palette first opens (``textual.command`` is
    costly to import at start-up)."""
    from brief_tui.tui.commands import ReaderCommands  # noqa: PLC0415

    return ReaderCommands


QUIT_WAIT_S = 3.0
"""Seconds quitting waits for queued writes (read marks, tags) to reach the cache."""


class BriefApp(App[None]):
    """The reader.

    Args:
        service: an open :class:`brief_tui.service.Service`; the app never closes it.
    """

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "brief-tui"
    BINDINGS = bindings(APP)
    COMMANDS = App.COMMANDS | {reader_commands}

    cursor_blink = True
    """Whether text inputs blink their cursor (snapshot tests turn it off)."""

    def __init__(self, service) -> None:
        super().__init__()
        self.service = service
        self.problems: list[str] = []
        themes, theme_problems = load_themes(themes_dir())
        for theme in themes:
            self.register_theme(theme)
        self.problems += [f"Theme {p}" for p in theme_problems]
        self.keymap, key_problems = check_keymap(service.config.keys)
        self.problems += [f"Config {p}" for p in key_problems]
        self.set_keymap(self.keymap)
        wanted = service.config.reader.theme
        if wanted in self.available_themes:
            self.theme = wanted
        else:
            if wanted:
                self.problems.append(f"Theme {wanted!r} not found; using {DEFAULT_DARK}.")
            self.theme = DEFAULT_DARK if DEFAULT_DARK in self.available_themes else "textual-dark"

    def get_default_screen(self) -> Screen:
        return MainScreen(self.service)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for problem in self.problems:
            notify(self, problem, severity="warning", timeout=8)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.service.config.reader.theme:
            self.remember_theme(theme.name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="theme")
    def remember_theme(self, name: str) -> None:
        """Write the chosen theme to the config file (off the UI thread)."""
        try:
            self.service.remember_theme(name)
        except BriefError as exc:
            notify(self, f"Could not remember the theme: {exc}", severity="warning")

    async def action_help(self) -> None:
        """Show the keys."""
        from brief_tui.tui.screens.help import HelpScreen  # noqa: PLC0415 - on demand

        if not isinstance(self.screen, HelpScreen):
            await self.push_screen(HelpScreen(self.keymap))

    async def action_quit(self) -> None:
        """Let queued writes finish (bounded), then exit."""
        screen = self.screen_stack[0] if self.screen_stack else None
        writer = getattr(screen, "writer", None)
        if writer is not None and not writer.idle:
            import asyncio

            await asyncio.get_running_loop().run_in_executor(None, writer.wait, QUIT_WAIT_S)
        self.exit()
