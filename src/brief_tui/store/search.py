"""Compiling a parsed query (:mod:`brief_tui.domain.query`) to SQL over the cache.

Free words, phrases and ``author:`` become ONE FTS5 ``MATCH`` expression wherever the tree
allows (an AND or OR whose children are all full-text, with exclusions as FTS5 ``NOT``);
every user token is written as a quoted FTS5 string, so raw input never reaches FTS5 syntax.
Filters become indexed SQL conditions. A part of the tree that mixes full-text and filters under
OR (``nvidia OR tag:ai``), or an exclusion with no positive full-text beside it (``-word``),
falls back to one ``s.id [NOT] IN (SELECT rowid FROM stories_fts WHERE ... MATCH ?)`` per
full-text node.

Free words search the ``title``, ``text`` and ``notes_text`` columns (the story's note and the
analyst's highlight notes); ``author:`` searches ``author_names``. Relevance is FTS5 ``bm25``
with the title weighted highest (:data:`BM25_WEIGHTS`).

:func:`list_ids` runs a list page without sorting a large match set: a query whose full text
matches few stories is read through the covering index ``stories_byid`` and sorted; one that
matches many walks the date index ``stories_list`` newest first in growing windows, each
window's full-text subqueries restricted to the window's id range, and gives way to the first
plan when the window's yield shows that would be cheaper. :func:`count_matches` counts the same
way.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from brief_tui.domain.filters import SORT_RELEVANCE, StoryFilter
from brief_tui.domain.query import (
    And,
    DateValue,
    Filter,
    Node,
    Not,
    Or,
    Query,
    Term,
    date_bound,
    parse_query,
    positive_terms,
)
from brief_tui.store.convert import ts
from brief_tui.store.sql import compile_filter, effective_sort, tag_condition

FREE_COLUMNS = "{title text notes_text}"
"""FTS5 column set searched by free words and phrases."""
AUTHOR_COLUMNS = "{author_names}"
"""FTS5 column set searched by ``author:``."""
BM25_WEIGHTS = (10.0, 1.0, 2.0, 1.0, 3.0)
"""bm25 weights of the FTS columns ``title, text, author_names, tags_text, notes_text``."""

_IN_FTS = "{s}.id {op} (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?{rng})"


def fts_string(text: str, prefix: bool = False) -> str:
    """Quote user text as one FTS5 string (a phrase of its tokens), ``"`` doubled.

    Args:
        text: a word or phrase as typed. prefix: match any token starting with the last one.

    Returns:
        e.g. ``"data center"`` or ``"mistr"*``.
    """
    return '"' + text.replace('"', '""') + '"' + ("*" if prefix else "")


def fts_term(term: Term) -> str:
    """The FTS5 expression of a free word or phrase, restricted to :data:`FREE_COLUMNS`."""
    return f"{FREE_COLUMNS} : {fts_string(term.text, term.prefix)}"


def _fts_author(value: str) -> str:
    prefix = value.endswith("*")
    return f"{AUTHOR_COLUMNS} : {fts_string(value.rstrip('*'), prefix)}"


def _is_fts_leaf(node: Node) -> bool:
    return isinstance(node, Term) or (isinstance(node, Filter) and node.key == "author")


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    """A query compiled for ``FROM stories s JOIN feeds f``.

    Attributes:
        where: boolean SQL expression (``"1"`` when the query selects everything).
        params: its positional parameters.
        rank: SQL expression ordering by relevance (lower is better), or ``None`` when the
            query has no free words. It embeds its MATCH string as a literal, so it needs no
            parameters.
        match: the single FTS5 expression when the whole query is full-text, else ``None``.
        sort: ``"date"``/``"relevance"`` when the query has ``sort:``, else ``None``.
        required: an FTS5 expression every selected story matches (the query's full-text part
            when the top level is an AND, or the whole query), else ``None``.
    """

    where: str
    params: list
    rank: str | None
    match: str | None
    sort: str | None
    required: str | None = None


class _Compiler:
    def __init__(self, now: datetime, s: str, f: str,
                 rowid_range: tuple[int, int] | None = None) -> None:
        self.now = now
        self.s = s
        self.f = f
        self.params: list = []
        self.range = (f" AND rowid BETWEEN {int(rowid_range[0])} AND {int(rowid_range[1])}"
                      if rowid_range else "")

    # -- full text -------------------------------------------------------------------------
    def fts(self, node: Node) -> str | None:
        """A positive FTS5 expression for ``node``, or ``None`` when it needs SQL."""
        if isinstance(node, Term):
            return fts_term(node)
        if isinstance(node, Filter):
            return _fts_author(str(node.value)) if node.key == "author" else None
        if isinstance(node, Or):
            parts = [self.fts(c) for c in node.children]
            if any(p is None for p in parts):
                return None
            return " OR ".join(f"({p})" for p in parts)
        if isinstance(node, And):
            pos, neg, rest = self._split(node)
            if rest or not pos:
                return None
            return self._and_match(pos, neg)
        return None

    def _split(self, node: And) -> tuple[list[str], list[str], list[Node]]:
        pos: list[str] = []
        neg: list[str] = []
        rest: list[Node] = []
        for child in node.children:
            if isinstance(child, Not):
                m = self.fts(child.child)
                (neg.append(m) if m is not None else rest.append(child))
                continue
            m = self.fts(child)
            (pos.append(m) if m is not None else rest.append(child))
        return pos, neg, rest

    @staticmethod
    def _and_match(pos: list[str], neg: list[str]) -> str:
        expr = " AND ".join(f"({p})" for p in pos)
        if neg:
            expr = f"({expr})" + "".join(f" NOT ({n})" for n in neg)
        return expr

    def _in(self, match: str, negate: bool = False) -> str:
        self.params.append(match)
        return _IN_FTS.format(s=self.s, op="NOT IN" if negate else "IN", rng=self.range)

    def required(self, node: Node) -> str | None:
        """The FTS5 expression every match of ``node`` satisfies, if there is one."""
        whole = self.fts(node)
        if whole is not None:
            return whole
        if isinstance(node, And):
            pos, neg, _ = self._split(node)
            if pos:
                return self._and_match(pos, neg)
        return None

    # -- SQL ---------------------------------------------------------------------------------
    def sql(self, node: Node) -> str:
        m = self.fts(node)
        if m is not None:
            return self._in(m)
        if isinstance(node, Filter):
            return self.filter(node)
        if isinstance(node, Not):
            inner = self.fts(node.child)
            if inner is not None:
                return self._in(inner, negate=True)
            return f"NOT ({self.sql(node.child)})"
        if isinstance(node, And):
            pos, neg, rest = self._split(node)
            parts: list[str] = []
            if pos:
                parts.append(self._in(self._and_match(pos, neg)))
            elif neg:
                parts.append(self._in(" OR ".join(f"({n})" for n in neg), negate=True))
            parts += [self.sql(c) for c in rest]
            return " AND ".join(f"({p})" for p in parts)
        assert isinstance(node, Or)
        fts_parts = [m for m in (self.fts(c) for c in node.children) if m is not None]
        parts = []
        if fts_parts:
            parts.append(self._in(" OR ".join(f"({p})" for p in fts_parts)))
        parts += [self.sql(c) for c in node.children if self.fts(c) is None]
        return " OR ".join(f"({p})" for p in parts)

    def filter(self, flt: Filter) -> str:
        s, f, key, value = self.s, self.f, flt.key, flt.value
        if key == "tag":
            self.params += [value, value]
            return tag_condition(s)
        if key == "feed":
            pattern = "%" + _like_escape(str(value)) + "%"
            self.params += [pattern, pattern]
            return (f"{s}.feed_id IN (SELECT id FROM feeds WHERE title LIKE ? ESCAPE '\\' "
                    f"OR url LIKE ? ESCAPE '\\')")
        if key == "group":
            self.params.append(str(value))
            return f"{f}.grp = ? COLLATE NOCASE"
        if key == "is":
            return {
                "unread": f"{s}.read = 0", "read": f"{s}.read = 1",
                "starred": f"{s}.starred = 1",
                "highlighted": f"EXISTS (SELECT 1 FROM highlights h WHERE h.story_id = {s}.id)",
            }[str(value)]
        if key == "has":  # id sets read from small partial indexes, not from story rows
            cond = {"enclosure": "enclosures != '[]'", "fulltext": "fulltext_status = 'ok'",
                    "note": "notes_text != ''"}[str(value)]
            return f"{s}.id IN (SELECT id FROM stories WHERE {cond})"
        if key in ("after", "before"):
            assert isinstance(value, DateValue)
            self.params.append(ts(date_bound(value, self.now)))
            return f"{s}.sort_date {'>=' if key == 'after' else '<'} ?"
        raise AssertionError(f"unhandled filter {key}")  # pragma: no cover


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def rank_expression(query: Query, s: str = "s") -> str | None:
    """SQL ordering stories by bm25 over the query's free words (lower is better; stories that
    match none of them come last), or ``None`` when the query has no free words."""
    terms = positive_terms(query.root)
    if not terms:
        return None
    match = " OR ".join(f"({fts_term(t)})" for t in terms)
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    return (f"coalesce((SELECT bm25(stories_fts, {weights}) FROM stories_fts WHERE "
            f"stories_fts MATCH {_sql_literal(match)} AND rowid = {s}.id), 0)")


def local_now() -> datetime:
    """The current time in the machine's local zone (whose midnights relative dates use)."""
    return datetime.now(UTC).astimezone()


def compile_ast(query: Query, *, now: datetime | None = None, s: str = "s", f: str = "f",
                rowid_range: tuple[int, int] | None = None) -> CompiledQuery:
    """Compile a parsed query.

    Args:
        query: from :func:`~brief_tui.domain.query.parse_query`.
        now: aware current time; its zone's midnights bound ``after:``/``before:`` (default:
            the machine's local time).
        s / f: the aliases of ``stories`` and ``feeds`` in the enclosing statement.
        rowid_range: restrict every full-text subquery to story ids in this inclusive range
            (only correct when the enclosing statement selects stories in that range).
    """
    comp = _Compiler(now or local_now(), s, f, rowid_range)
    if query.root is None:
        return CompiledQuery("1", [], None, None, query.sort)
    where = comp.sql(query.root)
    return CompiledQuery(where, comp.params, rank_expression(query, s), comp.fts(query.root),
                         query.sort, comp.required(query.root))


def compile_query(query: str, *, now: datetime | None = None, s: str = "s", f: str = "f",
                  rowid_range: tuple[int, int] | None = None) -> tuple[str, list, str | None]:
    """Compile a search into ``(where, params, rank_expression)``.

    Raises:
        QueryError: the query does not parse (with the position of the bad token).
    """
    c = compile_ast(parse_query(query), now=now, s=s, f=f, rowid_range=rowid_range)
    return c.where, c.params, c.rank


# -- executing list searches -------------------------------------------------------------------
ESTIMATE_CAP: int | None = None
"""Full-text matches below which a date-ordered search reads them all and sorts them (above it,
it walks the date index in growing windows). ``None``: ``sqrt(WALK_COST * page * stories)``,
where reading ``M`` matches costs about as much as walking the ``page * stories / M`` newest
stories it takes to fill the page."""
WALK_COST = 0.3
"""Cost of examining one story in a date walk relative to reading one full-text match
(measured: ~1.5 us against ~5 us on the 100,000-story benchmark archive)."""
FIRST_WINDOW: int | None = None
"""Stories (by date) examined by the first window of a walk (``None``: twice the rows wanted);
the next windows grow to what the first one's yield projects (at least 4x)."""
WALK_LIMIT = 0.25
"""A walk projected to examine more than this fraction of the archive gives way to the
planner's plan when the query has no top-level full-text part (with one, the walk gives way
as soon as reading its matches is projected to be cheaper, see :data:`WALK_COST`)."""

_FROM = "FROM stories s JOIN feeds f ON f.id = s.feed_id"
_DATE_ORDER = "ORDER BY s.sort_date DESC, s.id DESC"


def _take(rows, need: int, collapse: bool, seen: set[int], out: list[int]) -> None:
    """Append ids from ``(id, cluster_id)`` rows to ``out`` until it holds ``need``; with
    ``collapse`` only the first (newest or best) story of each cluster."""
    for sid, cluster in rows:
        if len(out) >= need:
            return
        if collapse and cluster is not None:
            if cluster in seen:
                continue
            seen.add(cluster)
        out.append(sid)


def list_ids(conn: sqlite3.Connection, flt: StoryFilter, *, limit: int, offset: int = 0,
             now: datetime | None = None) -> list[int]:
    """Ids of one page of the stories ``flt`` selects, in list order (newest first, or by
    relevance when :func:`~brief_tui.store.sql.effective_sort` says so).

    Same result as ordering the rows :func:`~brief_tui.store.sql.compile_filter` selects, with
    ``collapse_clusters`` keeping the first story of each cluster in that order. Date-ordered
    searches never sort a large full-text match set: few matches are read through the covering
    index ``stories_byid`` and sorted; many are found by walking ``stories_list`` newest first
    in growing windows, each window's full-text subqueries restricted to its id range.

    Args:
        conn: a connection to the cache. flt: the filter (its query may have ``sort:``).
        limit / offset: the page. now: aware time for relative dates (default: local now).

    Raises:
        QueryError: the query does not parse.
    """
    now = now or local_now()
    need = offset + limit
    collapse = flt.collapse_clusters
    base = flt.replace(collapse_clusters=False)
    where, params, _ = compile_filter(base, now=now)
    parsed = parse_query(flt.query) if flt.query.strip() else Query(None)
    compiled = compile_ast(parsed, now=now)
    out: list[int] = []
    seen: set[int] = set()
    if effective_sort(flt) == SORT_RELEVANCE:
        pure = compiled.match is not None and base == StoryFilter(query=flt.query,
                                                                    sort=flt.sort)
        _ranked(conn, compiled, where, params, need, collapse, seen, out, pure)
    elif "stories_fts" not in where:
        _plain(conn, where, params, need, collapse, seen, out, driven=False)
    elif ((compiled.required is not None
           and _count(conn, compiled.required, (cap := _cap(conn, need))) < cap)
          or not _walk(conn, base, now, need, collapse, seen, out, compiled.required)):
        _plain(conn, where, params, need, collapse, seen, out,
               driven=compiled.required is not None)
    return out[offset:]


def _plain(conn: sqlite3.Connection, where: str, params: list, need: int, collapse: bool,
           seen: set[int], out: list[int], *, driven: bool) -> None:
    """One ordered statement with a LIMIT (raised until a collapsed page is full). ``driven``:
    the query's full-text match is a top-level condition, so the matches are looked up in the
    covering ``stories_byid`` (without statistics the planner would read the wide rows)."""
    limit = need * 2 + 50 if collapse else need
    source = "stories s INDEXED BY stories_byid" if driven else "stories s"
    join = " JOIN feeds f ON f.id = s.feed_id" if "f.grp" in where else ""
    while True:
        sql = (f"SELECT s.id, s.cluster_id FROM {source}{join} WHERE {where} {_DATE_ORDER} "
               f"LIMIT ?")
        try:
            rows = conn.execute(sql, (*params, limit)).fetchall()
        except sqlite3.OperationalError:  # the hint did not fit this query: plan freely
            if source == "stories s":
                raise
            source = "stories s"
            continue
        out.clear()
        seen.clear()
        _take(rows, need, collapse, seen, out)
        if len(out) >= need or len(rows) < limit:
            return
        limit *= 4


def _cap(conn: sqlite3.Connection, need: int) -> int:
    if ESTIMATE_CAP is not None:
        return ESTIMATE_CAP
    (last,) = conn.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()
    return max(need, int(math.sqrt(WALK_COST * need * last)))


def _count(conn: sqlite3.Connection, match: str, cap: int) -> int:
    """Stories matching an FTS5 expression, counting no further than ``cap``."""
    (n,) = conn.execute("SELECT count(*) FROM (SELECT 1 FROM stories_fts WHERE stories_fts "
                        "MATCH ? LIMIT ?)", (match, cap)).fetchone()
    return n


def _ranked(conn: sqlite3.Connection, compiled: CompiledQuery, where: str, params: list,
            need: int, collapse: bool, seen: set[int], out: list[int], pure: bool) -> None:
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    if compiled.required is not None:
        # bm25 needs the full-text cursor: let it drive; ``pure`` queries need nothing else.
        rows = conn.execute(
            "SELECT s.id, s.cluster_id FROM stories_fts JOIN stories s INDEXED BY stories_byid "
            "ON s.id = stories_fts.rowid WHERE stories_fts MATCH ?"
            + ("" if pure else f" AND s.id IN (SELECT s.id {_FROM} WHERE {where})")
            + f" ORDER BY bm25(stories_fts, {weights}), s.sort_date DESC, s.id DESC",
            (compiled.required, *([] if pure else params)))
    else:
        rows = conn.execute(f"SELECT s.id, s.cluster_id {_FROM} WHERE {where} "
                            f"ORDER BY {compiled.rank or '0'}, s.sort_date DESC, s.id DESC",
                            params)
    _take(rows, need, collapse, seen, out)


def _walk(conn: sqlite3.Connection, flt: StoryFilter, now: datetime, need: int,
          collapse: bool, seen: set[int], out: list[int], required: str | None) -> bool:
    """Walk the date index newest first in windows; return False (with ``out`` emptied) when
    the first window shows the walk would cover much of the archive: the caller then lets the
    full-text index drive."""
    top = conn.execute("SELECT sort_date, id, (SELECT max(id) FROM stories) FROM stories "
                       "INDEXED BY stories_list ORDER BY sort_date DESC, id DESC LIMIT 1"
                       ).fetchone()
    if top is None:
        return True
    total = top[2]  # about the number of stories (ids are rarely reused)
    upper = (top[0], top[1] + 1)  # exclusive bound: (sort_date, id) < upper
    size = FIRST_WINDOW or 2 * need
    examined = 0
    join = ""
    while len(out) < need:
        lo_id, hi_id, count = conn.execute(
            "SELECT min(id), max(id), count(*) FROM (SELECT id FROM stories INDEXED BY "
            "stories_list WHERE (sort_date, id) < (?, ?) ORDER BY sort_date DESC, id DESC "
            "LIMIT ?)", (*upper, size)).fetchone()
        if not count:
            return True
        lower = conn.execute(
            "SELECT sort_date, id FROM stories INDEXED BY stories_list WHERE (sort_date, id) "
            "< (?, ?) ORDER BY sort_date DESC, id DESC LIMIT 1 OFFSET ?",
            (*upper, count - 1)).fetchone()
        where, params, _ = compile_filter(flt, now=now, rowid_range=(lo_id, hi_id))
        join = " JOIN feeds f ON f.id = s.feed_id" if "f.grp" in where else ""
        rows = conn.execute(
            f"SELECT s.id, s.cluster_id FROM stories s INDEXED BY stories_list{join} "
            f"WHERE (s.sort_date, s.id) < (?, ?) AND (s.sort_date, s.id) >= (?, ?) "
            f"AND {where} {_DATE_ORDER}", (*upper, *lower, *params))
        _take(rows, need, collapse, seen, out)
        examined += count
        if count < size or len(out) >= need:
            return True
        projected = (need - len(out)) * examined / max(len(out), 0.5)
        budget = int(projected * WALK_COST)
        if (projected > WALK_LIMIT * total if required is None
                else _count(conn, required, budget) < budget):
            out.clear()
            seen.clear()
            return False
        upper = tuple(lower)
        size = max(size * 4, int(projected * 1.25))


def count_matches(conn: sqlite3.Connection, flt: StoryFilter, *,
                  now: datetime | None = None) -> tuple[int, int]:
    """``(stories, unread)`` that ``flt`` selects (like ``StoryStore.count``), reading a
    full-text-driven match set through the covering ``stories_byid`` instead of the rows.

    Raises:
        QueryError: the query does not parse.
    """
    now = now or local_now()
    where, params, _ = compile_filter(flt, now=now)
    required = None
    if flt.query.strip() and not flt.collapse_clusters:
        required = compile_ast(parse_query(flt.query), now=now).required
    join = " JOIN feeds f ON f.id = s.feed_id" if "f.grp" in where else ""

    def run(hint: str) -> tuple[int, int]:
        n, unread = conn.execute(f"SELECT count(*), coalesce(sum(s.read = 0), 0) FROM stories s"
                                 f"{hint}{join} WHERE {where}", params).fetchone()
        return n, unread

    if required is not None:
        try:
            return run(" INDEXED BY stories_byid")
        except sqlite3.OperationalError:  # the hint did not fit this query
            pass
    return run("")
