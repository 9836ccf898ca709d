"""The one registry of named actions: it drives BINDINGS, the footer, the ``?`` help screen,
the command palette and the user's ``[keys]`` table.

Each :class:`ActionSpec` has a stable id (the binding id, and the key in the config's
``[keys]`` table), the ``action_*`` method it runs, default keys, and the words shown to the
user. Widgets and screens build their ``BINDINGS`` with :func:`bindings` for their scope, and
the app applies the user's overrides with ``App.set_keymap`` (Textual matches them by binding
id), so one table changes every place a key is shown or used.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding

# Scopes: where a binding lives.
APP = "app"          # BriefApp: works on every screen
MAIN = "main"        # the reader screen: acts on the current view/story
LIST = "list"        # any cursor list pane (feeds, stories, highlights)
ARTICLE = "article"  # the article pane (scrolling)
DIALOG = "dialog"    # keys inside the reader's dialogs (note, search, export, confirm)
TAGS = "tags"        # the tag manager dialog

# Help-screen groups of the reader's own actions (scope MAIN).
READING = "Reading"
NOTES = "Highlights and notes"
ORGANISE = "Search, tags, clusters and export"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One user action.

    Attributes:
        id: stable id: the binding id and the ``[keys]`` config key.
        action: the action string Textual runs, e.g. ``"star"`` (``action_star`` on the node
            that owns the binding).
        keys: default keys, comma-separated Textual key names (``"j,down"``).
        description: a short label for the footer.
        help: one sentence for the help screen and the command palette.
        scope: :data:`APP`, :data:`MAIN`, :data:`LIST` or :data:`ARTICLE`.
        show: shown in the footer.
        palette: offered in the command palette.
        priority: checked before the focused widget sees the key. Used for the keys that open
            a dialog: Textual then finishes opening it before it reads the next key, so what
            is typed right after ``/`` goes into the search box.
        group: the help screen's heading for actions of scope :data:`MAIN` (:data:`READING`,
            :data:`NOTES` or :data:`ORGANISE`); other scopes have one heading each.
    """

    id: str
    action: str
    keys: str
    description: str
    help: str
    scope: str
    show: bool = False
    palette: bool = True
    priority: bool = False
    group: str = READING


ACTIONS: tuple[ActionSpec, ...] = (
    # moving around (every list pane)
    ActionSpec("cursor_down", "cursor_down", "j,down", "Down", "Move down the list", LIST,
               palette=False),
    ActionSpec("cursor_up", "cursor_up", "k,up", "Up", "Move up the list", LIST, palette=False),
    ActionSpec("list_page_down", "page_down", "pagedown", "Page down", "Move down a page",
               LIST, palette=False),
    ActionSpec("list_page_up", "page_up", "pageup", "Page up", "Move up a page", LIST,
               palette=False),
    ActionSpec("first", "first", "home,g", "First", "Go to the first row", LIST, palette=False),
    ActionSpec("last", "last", "end,G", "Last", "Go to the last row", LIST, palette=False),
    ActionSpec("open", "select", "enter", "Open", "Open the selected view, story or link", LIST,
               palette=False),
    # the article pane
    ActionSpec("scroll_down", "scroll_down", "j,down", "Scroll", "Scroll the article down",
               ARTICLE, palette=False),
    ActionSpec("scroll_up", "scroll_up", "k,up", "Scroll up", "Scroll the article up",
               ARTICLE, palette=False),
    # the reader
    ActionSpec("next_pane", "next_pane", "tab", "Next pane", "Focus the next pane", MAIN),
    ActionSpec("previous_pane", "previous_pane", "shift+tab", "Previous pane",
               "Focus the previous pane", MAIN),
    ActionSpec("next_unread", "next_unread", "n", "Next unread",
               "Open the next unread story in the list", MAIN, show=True),
    ActionSpec("previous_unread", "previous_unread", "p", "Prev unread",
               "Open the previous unread story in the list", MAIN),
    ActionSpec("page_down", "page_article", "space", "Page",
               "Page down the article; at its end, open the next unread story", MAIN),
    ActionSpec("toggle_read", "toggle_read", "m", "Read/unread",
               "Mark the story read or unread", MAIN),
    ActionSpec("mark_view_read", "mark_view_read", "M", "All read",
               "Mark every story in this view read", MAIN),
    ActionSpec("star", "star", "s", "Star", "Star or unstar the story", MAIN, show=True),
    ActionSpec("tag", "tag", "t", "Tag", "Tag the story (-tag removes a tag)", MAIN, show=True,
               priority=True),
    ActionSpec("search", "search", "slash", "Search",
               "Search every cached story (full text)", MAIN, show=True, priority=True),
    ActionSpec("back", "back", "escape", "Back", "Leave the search results", MAIN),
    ActionSpec("refresh", "refresh", "r", "Refresh", "Refresh this feed", MAIN, show=True),
    ActionSpec("refresh_all", "refresh_all", "R", "Refresh all", "Refresh every feed", MAIN),
    ActionSpec("fulltext", "fulltext", "f", "Full text",
               "Fetch the full article from the story's link", MAIN),
    ActionSpec("open_link", "open_link", "o", "Open link",
               "Open the story's link in the web browser", MAIN),
    ActionSpec("copy_link", "copy_link", "y", "Copy link",
               "Copy the story's link to the clipboard", MAIN),
    ActionSpec("add", "add", "a", "Add", "Add a feed URL or import a file", MAIN,
               priority=True),
    ActionSpec("toggle_feeds", "toggle_pane('feeds')", "F", "Feeds pane",
               "Show or hide the feed pane", MAIN),
    ActionSpec("toggle_highlights", "toggle_pane('highlights')", "H", "Highlights pane",
               "Show or hide the highlights pane", MAIN),
    ActionSpec("grow_pane", "resize_pane(1)", "plus,equals_sign", "Grow",
               "Make the focused pane bigger", MAIN),
    ActionSpec("shrink_pane", "resize_pane(-1)", "minus", "Shrink",
               "Make the focused pane smaller", MAIN),
    # highlights and notes (the article's reading mode)
    ActionSpec("reading_mode", "toggle_reading", "v", "Reading mode",
               "Switch the article between formatted text and reading mode (sentence cursor, "
               "highlights and search matches marked)", MAIN, group=NOTES),
    ActionSpec("next_sentence", "move_sentence(1)", "right_square_bracket", "Next sentence",
               "Move the sentence cursor to the next sentence", MAIN, group=NOTES),
    ActionSpec("previous_sentence", "move_sentence(-1)", "left_square_bracket",
               "Prev sentence", "Move the sentence cursor to the previous sentence", MAIN,
               group=NOTES),
    ActionSpec("next_paragraph", "move_paragraph(1)", "right_curly_bracket", "Next paragraph",
               "Move the sentence cursor to the next paragraph", MAIN, group=NOTES),
    ActionSpec("previous_paragraph", "move_paragraph(-1)", "left_curly_bracket",
               "Prev paragraph", "Move the sentence cursor to the start of the paragraph (or "
               "the previous one)", MAIN, group=NOTES),
    ActionSpec("highlight", "toggle_highlight", "h", "Highlight",
               "Highlight the sentence under the cursor, or remove its highlight", MAIN,
               group=NOTES),
    ActionSpec("highlight_note", "highlight_note", "c", "Highlight note",
               "Write a note on the highlight under the cursor (highlighting the sentence "
               "first if needed)", MAIN, priority=True, group=NOTES),
    ActionSpec("story_note", "story_note", "N", "Story note", "Write or edit the story's note",
               MAIN, priority=True, group=NOTES),
    # search, tags, clusters, export
    ActionSpec("save_search", "save_search", "S", "Save search",
               "Save the current search as a view in the feed pane", MAIN, priority=True,
               group=ORGANISE),
    ActionSpec("delete_view", "delete_view", "D", "Delete view",
               "Delete the saved search shown in the list", MAIN, priority=True,
               group=ORGANISE),
    ActionSpec("tag_manager", "tag_manager", "T", "Tags", "Rename, merge or delete tags", MAIN,
               priority=True, group=ORGANISE),
    ActionSpec("tag_feed", "tag_feed", "ctrl+t", "Tag feed",
               "Tag the feed of this view or story (its stories match the tag)", MAIN,
               priority=True, group=ORGANISE),
    ActionSpec("collapse_clusters", "toggle_clusters", "Z", "Clusters",
               "Show each same-story cluster as one row, or every story", MAIN,
               group=ORGANISE),
    ActionSpec("expand_cluster", "expand_cluster", "z", "Sources",
               "Show or hide the other sources of the story under the cursor", MAIN,
               group=ORGANISE),
    ActionSpec("export", "export", "e", "Export",
               "Export as Markdown: this story, the list, a tag, the search or today's "
               "briefing", MAIN, priority=True, group=ORGANISE),
    # inside dialogs
    ActionSpec("dialog_save", "save", "ctrl+s", "Save",
               "Save the note; in the search box, save the search as a view; in the export "
               "dialog, export", DIALOG, palette=False),
    ActionSpec("dialog_cancel", "cancel", "escape", "Cancel", "Close the dialog, changing "
               "nothing", DIALOG, palette=False),
    ActionSpec("confirm_yes", "answer(True)", "y", "Yes", "Answer yes to a question", DIALOG,
               palette=False),
    ActionSpec("confirm_no", "answer(False)", "n", "No", "Answer no to a question", DIALOG,
               palette=False),
    # the tag manager
    ActionSpec("tags_rename", "rename", "r", "Rename", "Rename the tag under the cursor "
               "(onto an existing tag: merge)", TAGS, palette=False),
    ActionSpec("tags_merge", "merge", "m", "Merge", "Merge the marked tags (or the one under "
               "the cursor) into another", TAGS, palette=False),
    ActionSpec("tags_delete", "delete", "d,delete", "Delete",
               "Remove the tag under the cursor from every story and feed", TAGS,
               palette=False),
    ActionSpec("tags_mark", "mark", "space", "Mark", "Mark or unmark the tag for a merge",
               TAGS, palette=False),
    # everywhere
    ActionSpec("help", "help", "question_mark,f1", "Help", "Show the keys", APP, show=True),
    ActionSpec("command_palette", "command_palette", "ctrl+p", "Commands",
               "Open the command palette", APP, palette=False),
    ActionSpec("quit", "quit", "q", "Quit", "Quit brief-tui", APP, show=True),
)

BY_ID: dict[str, ActionSpec] = {spec.id: spec for spec in ACTIONS}


def _binding(spec: ActionSpec) -> Binding:
    return Binding(spec.keys, spec.action, spec.description, show=spec.show,
                   tooltip=spec.help, id=spec.id, priority=spec.priority)


def bindings(scope: str) -> list[Binding]:
    """The ``BINDINGS`` for one scope, each with its registry id (for the keymap)."""
    return [_binding(spec) for spec in ACTIONS if spec.scope == scope]


def bindings_of(*ids: str) -> list[Binding]:
    """The ``BINDINGS`` of chosen registry ids (a dialog takes the dialog keys it uses)."""
    return [_binding(BY_ID[action_id]) for action_id in ids]


def check_keymap(keys: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
    """Validate the config's ``[keys]`` table.

    Args:
        keys: action id -> comma-separated key names, as read from the config.

    Returns:
        ``(keymap, problems)``: the usable entries (spaces removed) and one message per
        unknown action id or empty key list.
    """
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for action_id, value in keys.items():
        if action_id not in BY_ID:
            problems.append(f"keys.{action_id}: unknown action (see the help screen)")
            continue
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if not parts:
            problems.append(f"keys.{action_id}: no keys given")
            continue
        keymap[action_id] = ",".join(parts)
    return keymap, problems


def effective_keys(spec: ActionSpec, keymap: Mapping[str, str]) -> list[str]:
    """The keys bound to ``spec`` once the user's keymap is applied."""
    return [k.strip() for k in keymap.get(spec.id, spec.keys).split(",") if k.strip()]


def in_scopes(scopes: Iterable[str]) -> list[ActionSpec]:
    """The actions of the given scopes, in registry order."""
    wanted = set(scopes)
    return [spec for spec in ACTIONS if spec.scope in wanted]
