"""Command palette providers: every registry action the palette may run, by its help text.

The palette runs the same ``action_*`` a key would (on the screen it was opened from for
reader actions, on the app for global ones), so keys, footer, help and palette never diverge.
"""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from brief_tui.tui.actions import ACTIONS, APP, MAIN, ActionSpec, effective_keys


def palette_actions() -> list[ActionSpec]:
    """The actions offered in the palette, in registry order."""
    return [spec for spec in ACTIONS if spec.palette and spec.scope in (APP, MAIN)]


class ReaderCommands(Provider):
    """Offers the reader's actions (star, tag, search, refresh…) with their current keys."""

    def _keys(self, spec: ActionSpec) -> str:
        keymap = getattr(self.app, "keymap", {})
        shown = ", ".join(self.app.get_key_display(Binding(key, spec.action))
                          for key in effective_keys(spec, keymap))
        return f"{spec.description} ({shown})"

    def _runner(self, spec: ActionSpec):
        if spec.scope == APP:
            return partial(self.app.run_action, spec.action)
        screen = self.screen
        return partial(screen.run_action, spec.action)

    def _available(self) -> list[ActionSpec]:
        is_reader = hasattr(self.screen, "view_key")
        return [spec for spec in palette_actions() if spec.scope == APP or is_reader]

    async def discover(self) -> Hits:
        for spec in self._available():
            yield DiscoveryHit(spec.help, self._runner(spec), help=self._keys(spec))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for spec in self._available():
            score = matcher.match(spec.help)
            if score > 0:
                yield Hit(score, matcher.highlight(spec.help), self._runner(spec),
                          text=spec.help, help=self._keys(spec))
