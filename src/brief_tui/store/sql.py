"""Compiling a :class:`~brief_tui.domain.filters.StoryFilter` to an SQL WHERE clause.

The result is ``(where, params, rank)``: ``where`` is a boolean SQL expression over the
``stories`` table aliased ``s`` (and ``feeds`` aliased ``f``), ``params`` its positional
parameters, ``rank`` an SQL expression for relevance ordering or ``None``.
"""

from __future__ import annotations

from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.tags import normalise_tag
from brief_tui.store.convert import ts


def fts_quote(word: str) -> str:
    """Quote one user word as an FTS5 string (``"`` doubled), keeping a trailing ``*`` prefix."""
    prefix = word.endswith("*") and len(word) > 1
    core = word[:-1] if prefix else word
    return '"' + core.replace('"', '""') + '"' + ("*" if prefix else "")


def compile_filter(flt: StoryFilter) -> tuple[str, list, str | None]:
    """Compile a filter into ``(where, params, rank)`` for ``FROM stories s JOIN feeds f``.

    Raises:
        QueryError: ``flt.query`` does not parse (points at the bad token).
    """
    where: list[str] = []
    params: list = []
    rank: str | None = None
    if flt.feed_ids:
        where.append(f"s.feed_id IN ({','.join('?' * len(flt.feed_ids))})")
        params.extend(flt.feed_ids)
    if flt.group is not None:
        where.append("f.grp = ?")
        params.append(flt.group)
    if flt.unread:
        where.append("s.read = 0")
    if flt.starred:
        where.append("s.starred = 1")
    if flt.tag:
        tag = normalise_tag(flt.tag)
        where.append("(EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = s.id AND t.tag = ?) "
                     "OR EXISTS (SELECT 1 FROM feed_tags ft WHERE ft.feed_id = s.feed_id "
                     "AND ft.tag = ?))")
        params.extend([tag, tag])
    if flt.ids is not None:
        where.append(f"s.id IN ({','.join('?' * len(flt.ids))})" if flt.ids else "0")
        params.extend(flt.ids)
    if flt.since is not None:
        where.append("s.sort_date >= ?")
        params.append(ts(flt.since))
    if flt.query.strip():
        from brief_tui.store.search import compile_query

        q_where, q_params, rank = compile_query(flt.query)
        where.append(q_where)
        params.extend(q_params)
    return (" AND ".join(f"({w})" for w in where) if where else "1"), params, rank
