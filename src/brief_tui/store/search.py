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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

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

FREE_COLUMNS = "{title text notes_text}"
"""FTS5 column set searched by free words and phrases."""
AUTHOR_COLUMNS = "{author_names}"
"""FTS5 column set searched by ``author:``."""
BM25_WEIGHTS = (10.0, 1.0, 2.0, 1.0, 3.0)
"""bm25 weights of the FTS columns ``title, text, author_names, tags_text, notes_text``."""

_IN_FTS = "{s}.id IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"
_NOT_IN_FTS = "{s}.id NOT IN (SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?)"


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
    """

    where: str
    params: list
    rank: str | None
    match: str | None
    sort: str | None


class _Compiler:
    def __init__(self, now: datetime, s: str, f: str) -> None:
        self.now = now
        self.s = s
        self.f = f
        self.params: list = []

    # -- full text -------------------------------------------------------------------------
    def fts(self, node: Node) -> str | None:
        """A positive FTS5 expression for ``node``, or ``None`` when it needs SQL."""
        if isinstance(node, Term):
            return fts_term(node)
        if isinstance(node, Filter):
            return _fts_author(node.value) if node.key == "author" else None  # type: ignore[arg-type]
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
        return (_NOT_IN_FTS if negate else _IN_FTS).format(s=self.s)

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
            return (f"(EXISTS (SELECT 1 FROM story_tags t WHERE t.story_id = {s}.id AND t.tag = ?)"
                    f" OR {s}.feed_id IN (SELECT ft.feed_id FROM feed_tags ft WHERE ft.tag = ?))")
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
        if key == "has":
            return {
                "enclosure": f"{s}.enclosures != '[]'",
                "fulltext": f"{s}.fulltext_status = 'ok'",
                "note": f"{s}.notes_text != ''",
            }[str(value)]
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


def compile_ast(query: Query, *, now: datetime | None = None, s: str = "s",
                f: str = "f") -> CompiledQuery:
    """Compile a parsed query.

    Args:
        query: from :func:`~brief_tui.domain.query.parse_query`.
        now: aware current time; its zone's midnights bound ``after:``/``before:`` (default:
            the machine's local time).
        s / f: the aliases of ``stories`` and ``feeds`` in the enclosing statement.
    """
    comp = _Compiler(now or local_now(), s, f)
    if query.root is None:
        return CompiledQuery("1", [], None, None, query.sort)
    where = comp.sql(query.root)
    match = comp.fts(query.root)
    return CompiledQuery(where, comp.params, rank_expression(query, s), match, query.sort)


def compile_query(query: str, *, now: datetime | None = None, s: str = "s", f: str = "f"
                  ) -> tuple[str, list, str | None]:
    """Compile a search into ``(where, params, rank_expression)``.

    Raises:
        QueryError: the query does not parse (with the position of the bad token).
    """
    c = compile_ast(parse_query(query), now=now, s=s, f=f)
    return c.where, c.params, c.rank
