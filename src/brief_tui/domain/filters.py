"""Story filters: which stories a view, list or export selects.

A :class:`StoryFilter` is a plain value; the store compiles it to SQL. ``query`` holds a search in
the query language (see :mod:`brief_tui.domain.query`), which the store parses and compiles too.
Filters chain: each ``with_*`` method returns a new filter.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

SORT_DATE = "date"
SORT_RELEVANCE = "relevance"


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Which stories to select (all conditions AND together).

    Attributes:
        feed_ids: only these feeds (empty: all feeds).
        group: only feeds in this group.
        unread: only unread stories. starred: only starred stories.
        tag: only stories with this tag (on the story or on its feed).
        ids: only these story ids (``None``: no restriction).
        since: only stories whose sort date is at or after this UTC time.
        query: a search in the query language, or ``""``.
        sort: ``"date"`` (newest first) or ``"relevance"`` (bm25, needs free words in ``query``).
        collapse_clusters: show one row per same-story cluster.
    """

    feed_ids: tuple[int, ...] = ()
    group: str | None = None
    unread: bool = False
    starred: bool = False
    tag: str | None = None
    ids: tuple[int, ...] | None = None
    since: datetime | None = None
    query: str = ""
    sort: str = SORT_DATE
    collapse_clusters: bool = False

    def replace(self, **changes) -> "StoryFilter":
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)

    def with_query(self, query: str) -> "StoryFilter":
        """Return a copy searching ``query`` as well."""
        return dataclasses.replace(self, query=query)
