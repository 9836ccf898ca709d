"""The add dialog: a feed URL (or a site's page, for autodiscovery) or a file path to import
(OPML, a feed file or a briefing document).

Dismisses with the text, or ``None`` when cancelled; the screen runs the subscription in a
worker and reports the outcome.
"""

from __future__ import annotations

from brief_tui.tui.screens.ask import PromptScreen

HINT = "https://… subscribes (a site's page finds its feed) · a file path imports · esc cancels"


class AddScreen(PromptScreen):
    """Ask for a feed URL or a file path (the one-line prompt with its own title and hint)."""

    def __init__(self) -> None:
        super().__init__("Add a feed or import a file", placeholder="feed URL or file path",
                         hint=HINT)
