"""Tags: case-folded, whitespace-free labels on stories and feeds (Elfeed-style)."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


def normalise_tag(raw: str) -> str:
    """Return the canonical form of a tag: stripped, case-folded, inner spaces as ``-``.

    Args:
        raw: the tag as typed, e.g. ``" AI Policy "``.

    Returns:
        The canonical tag, e.g. ``"ai-policy"``; ``""`` if nothing is left.
    """
    return _SPACE.sub("-", raw.strip().lstrip("#").casefold())


def parse_tag_edits(words: list[str] | tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Split tag words into (to add, to remove); a leading ``-`` removes the tag.

    Args:
        words: e.g. ``["ai", "-draft", "Policy"]``.

    Returns:
        ``(["ai", "policy"], ["draft"])`` — canonical, de-duplicated, order kept.
    """
    add: list[str] = []
    remove: list[str] = []
    for w in words:
        target = remove if w.startswith("-") else add
        tag = normalise_tag(w[1:] if w.startswith("-") else w)
        if tag and tag not in target:
            target.append(tag)
    return add, remove
