"""Compiling a :class:`~brief_tui.domain.filters.StoryFilter` to an SQL WHERE clause.

The result is ``(where, params, rank)``: ``where`` is a boolean SQL expression over the
``stories`` table aliased ``s`` (and ``feeds`` aliased ``f``), ``params`` its positional
parameters, ``rank`` an SQL expression for relevance ordering or ``None``. The filter's
``query`` is compiled by :mod:`brief_tui.store.search`; its ``sort:`` and the filter's ``sort``
are resolved by :func:`effective_sort`.
"""

from __future__ import annotations

from datetime import datetime

from brief_tui.domain.filters import SORT_DATE, SORT_RELEVANCE, StoryFilter
from brief_tui.domain.tags import normalise_tag
from brief_tui.store.convert import ts


def fts_quote(word: str) -> str:
    """Quote one user word as an FTS5 string (``"`` doubled), keeping a trailing ``*`` prefix."""
    prefix = word.endswith("*") and len(word) > 1
    core = word[:-1] if prefix else word
    return '"' + core.replace('"', '""') + '"' + ("*" if prefix else "")


def tag_condition(s: str = "s") -> str:
    """SQL true when story ``s`` has tag ``?`` itself or through its feed (two parameters)."""
    return (f"(EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = {s}.id AND t.tag = ?) "
            f"OR {s}.feed_id IN (SELECT ft.feed_id FROM feed_tags ft WHERE ft.tag = ?))")


def compile_filter(flt: StoryFilter, *, now: datetime | None = None, s: str = "s",
                   f: str = "f", rowid_range: tuple[int, int] | None = None
                   ) -> tuple[str, list, str | None]:
    """Compile a filter into ``(where, params, rank)`` for ``FROM stories s JOIN feeds f``.

    Args:
        flt: the filter.
        now: aware current time for relative dates in ``flt.query`` (default: local now).
        s / f: aliases of ``stories`` and ``feeds`` in the enclosing statement.
        rowid_range: see :func:`brief_tui.store.search.compile_ast` (the caller's own
            statement must restrict ``s.id`` to the range).

    Returns:
        ``rank`` is a bm25 ordering expression when the query has free words, else ``None``.
        With ``collapse_clusters`` only the newest matching story of each same-story cluster
        is selected.

    Raises:
        QueryError: ``flt.query`` does not parse (points at the bad token).
    """
    where, params, rank = _conditions(flt, now, s, f, rowid_range)
    if flt.collapse_clusters:
        inner, inner_params, _ = _conditions(flt, now, "c", "cf", None)
        where.append(
            f"{s}.cluster_id IS NULL OR NOT EXISTS (SELECT 1 FROM stories c JOIN feeds cf ON "
            f"cf.id = c.feed_id WHERE c.cluster_id = {s}.cluster_id AND c.id != {s}.id AND "
            f"(c.sort_date > {s}.sort_date OR (c.sort_date = {s}.sort_date AND c.id > {s}.id))"
            + "".join(f" AND ({w})" for w in inner) + ")")
        params.extend(inner_params)
    return (" AND ".join(f"({w})" for w in where) if where else "1"), params, rank


def _conditions(flt: StoryFilter, now: datetime | None, s: str, f: str,
                rowid_range: tuple[int, int] | None) -> tuple[list[str], list, str | None]:
    where: list[str] = []
    params: list = []
    rank: str | None = None
    if flt.feed_ids:
        where.append(f"{s}.feed_id IN ({','.join('?' * len(flt.feed_ids))})")
        params.extend(flt.feed_ids)
    if flt.group is not None:
        where.append(f"{f}.grp = ?")
        params.append(flt.group)
    if flt.unread:
        where.append(f"{s}.read = 0")
    if flt.starred:
        where.append(f"{s}.starred = 1")
    if flt.tag:
        tag = normalise_tag(flt.tag)
        where.append(tag_condition(s))
        params.extend([tag, tag])
    if flt.ids is not None:
        where.append(f"{s}.id IN ({','.join('?' * len(flt.ids))})" if flt.ids else "0")
        params.extend(flt.ids)
    if flt.since is not None:
        where.append(f"{s}.sort_date >= ?")
        params.append(ts(flt.since))
    if flt.query.strip():
        from brief_tui.store.search import compile_query

        q_where, q_params, rank = compile_query(flt.query, now=now, s=s, f=f,
                                                rowid_range=rowid_range)
        if q_where != "1":
            where.append(q_where)
            params.extend(q_params)
    return where, params, rank


def effective_sort(flt: StoryFilter) -> str:
    """The order a filter's list uses: the query's ``sort:`` when given, else ``flt.sort``;
    relevance only when the query has free words (otherwise newest first)."""
    if not flt.query.strip():
        return SORT_DATE
    from brief_tui.domain.errors import QueryError
    from brief_tui.domain.query import parse_query

    try:
        query = parse_query(flt.query)
    except QueryError:
        return SORT_DATE
    sort = query.sort or flt.sort
    return SORT_RELEVANCE if sort == SORT_RELEVANCE and query.has_free_text else SORT_DATE
