"""The search query language: a pure parser from text to an AST of frozen dataclasses.

No SQL here; :mod:`brief_tui.store.search` compiles the AST. Grammar (precedence from tightest:
``-``/``NOT``, then implicit ``AND``, then ``OR``)::

    query    := or_expr
    or_expr  := and_expr ( "OR" and_expr )*
    and_expr := unary ( ["AND"] unary )*
    unary    := ( "-" | "NOT" ) unary | primary
    primary  := "(" or_expr ")" | WORD | "PHRASE" | KEY ":" VALUE | KEY ":" "QUOTED VALUE"

``OR``, ``AND`` and ``NOT`` are keywords only in upper case; ``-`` excludes when it is glued to
the term after it (``-tag:sports``, ``-"press release"``, ``-(a OR b)``). Words made only of
punctuation (``$``, ``-``, ``…``) match nothing in the index and are dropped, as are their
exclusions. ``sort:`` is taken out of the tree into :attr:`Query.sort`.

Dates (``after:``/``before:``) are kept symbolic (:class:`DateValue`) and resolved against a
``now`` the caller passes (:func:`date_bound`), in ``now``'s time zone: every date means the
local midnight that starts that day. ``after:X`` keeps stories dated at or after that midnight,
``before:X`` those strictly before it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from brief_tui.domain.errors import QueryError
from brief_tui.domain.tags import normalise_tag

FILTER_KEYS = ("tag", "feed", "group", "author", "is", "has", "after", "before", "sort")
"""Every filter key, in the order the documentation lists them."""
IS_VALUES = ("unread", "read", "starred", "highlighted")
HAS_VALUES = ("enclosure", "fulltext", "note")
SORT_VALUES = ("date", "relevance")

_KEYWORDS = ("OR", "AND", "NOT")
_FILTER = re.compile(r"([A-Za-z_]+):")
_RELATIVE = re.compile(r"(\d{1,5})([dw])")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


# -- the tree ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Term:
    """A free word or phrase, searched in the title, text and notes (highlight notes included).

    Attributes:
        text: the word (without a trailing ``*``) or the phrase's inner text, as typed.
        phrase: True for ``"a quoted phrase"``.
        prefix: True for ``word*``: any word starting with ``text``.
        position: 0-based offset of the term in the query (not part of equality).
    """

    text: str
    phrase: bool = False
    prefix: bool = False
    position: int = field(default=0, compare=False)

    def display(self) -> str:
        """The term as the user would write it: ``word``, ``word*`` or ``"a phrase"``."""
        if self.phrase:
            return f'"{self.text}"' + ("*" if self.prefix else "")
        return self.text + ("*" if self.prefix else "")


@dataclass(frozen=True, slots=True)
class DateValue:
    """An ``after:``/``before:`` date: an ISO calendar date, or a number of days before today.

    Attributes:
        day: the calendar date for ``2026-11-01``, else ``None``.
        days_ago: for ``today`` 0, ``yesterday`` 1, ``7d`` 7, ``2w`` 14; ``None`` for a day.
    """

    day: date | None = None
    days_ago: int | None = None

    def __str__(self) -> str:
        return self.day.isoformat() if self.day is not None else f"{self.days_ago}d"


@dataclass(frozen=True, slots=True)
class Filter:
    """A ``key:value`` filter.

    Attributes:
        key: one of :data:`FILTER_KEYS` other than ``sort`` (lower case).
        value: canonical value: a normalised tag for ``tag:``; the lower-case keyword for
            ``is:``/``has:``; the text as typed for ``feed:``/``group:``/``author:``; a
            :class:`DateValue` for ``after:``/``before:``.
        position: 0-based offset of the filter in the query (not part of equality).
    """

    key: str
    value: str | DateValue
    position: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    """Exclusion of a term, filter or group (``-x`` or ``NOT x``)."""

    child: "Node"


@dataclass(frozen=True, slots=True)
class And:
    """All children must match (at least two children)."""

    children: tuple["Node", ...]


@dataclass(frozen=True, slots=True)
class Or:
    """At least one child must match (at least two children)."""

    children: tuple["Node", ...]


Node = Term | Filter | Not | And | Or


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query.

    Attributes:
        root: the condition tree, or ``None`` when the query selects everything.
        sort: ``"date"`` or ``"relevance"`` when the query has ``sort:``, else ``None``.
    """

    root: Node | None
    sort: str | None = None

    def terms(self) -> list[str]:
        """Free words and phrases that must appear (not those under an exclusion), in order,
        without duplicates: ``["mistral", '"data center"', "nvid*"]``."""
        out: list[str] = []
        for term in positive_terms(self.root):
            shown = term.display()
            if shown not in out:
                out.append(shown)
        return out

    @property
    def has_free_text(self) -> bool:
        """True when some free word or phrase must match (relevance ranking is meaningful)."""
        return bool(positive_terms(self.root))


def positive_terms(node: Node | None) -> list[Term]:
    """The :class:`Term` leaves of ``node`` that are not under a :class:`Not`, in order."""
    if node is None or isinstance(node, (Filter, Not)):
        return []
    if isinstance(node, Term):
        return [node]
    return [t for child in node.children for t in positive_terms(child)]


# -- tokens ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str          # "(" ")" "OR" "AND" "NOT" "-" "word" "phrase" "filter"
    text: str          # as typed
    pos: int
    value: object = None


def _clean(text: str) -> str:
    """Same length as ``text``: controls and lone surrogates become spaces (offsets stay)."""
    return "".join(" " if (unicodedata.category(c) in ("Cc", "Cs") and c not in "\t\n") else c
                   for c in text)


def _read_quoted(text: str, start: int) -> tuple[str, int]:
    """Read ``"..."`` starting at the quote; return (inner text, index after closing quote)."""
    end = text.find('"', start + 1)
    if end < 0:
        raise QueryError("unclosed quote", position=start, token=text[start:start + 20])
    return text[start + 1:end], end + 1


def _word_end(text: str, i: int) -> int:
    while i < len(text) and text[i] not in '()"' and not text[i].isspace():
        i += 1
    return i


def _tokens(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    glued = False  # the previous token was a "-" glued to this one
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            glued = False
            continue
        if c in "()":
            toks.append(_Tok(c, c, i))
            i += 1
            glued = False
            continue
        if c == '"':
            inner, end = _read_quoted(text, i)
            prefix = end < n and text[end] == "*"
            toks.append(_Tok("phrase", text[i:end + prefix], i, (inner, prefix)))
            i = end + prefix
            glued = False
            continue
        if c == "-" and i + 1 < n and text[i + 1] != ")" and not text[i + 1].isspace():
            toks.append(_Tok("-", "-", i))
            i += 1
            glued = True
            continue
        m = _FILTER.match(text, i)
        if m and not text.startswith("//", m.end()):
            toks.append(_filter_token(text, i, m))
            i = toks[-1].value[2]
            glued = False
            continue
        end = _word_end(text, i)
        word = text[i:end]
        kind = word if word in _KEYWORDS and not glued else "word"
        toks.append(_Tok(kind, word, i))
        i = end
        glued = False
    return toks


def _filter_token(text: str, start: int, m: re.Match) -> _Tok:
    key = m.group(1).lower()
    if key not in FILTER_KEYS:
        raise QueryError(f'unknown filter "{m.group(0)}"', position=start, token=m.group(0))
    vpos = m.end()
    if vpos < len(text) and text[vpos] == '"':
        raw, end = _read_quoted(text, vpos)
    else:
        end = _word_end(text, vpos)
        raw = text[vpos:end]
    if not raw.strip():
        raise QueryError(f"{key}: expects a value", position=start, token=text[start:end])
    value = _filter_value(key, raw.strip(), vpos)
    return _Tok("filter", text[start:end], start, (key, value, end))


def _filter_value(key: str, raw: str, pos: int) -> str | DateValue:
    low = raw.casefold()
    if key == "is":
        if low not in IS_VALUES:
            raise QueryError("is: expects unread, read, starred or highlighted", position=pos,
                             token=raw)
        return low
    if key == "has":
        if low not in HAS_VALUES:
            raise QueryError("has: expects enclosure, fulltext or note", position=pos, token=raw)
        return low
    if key == "sort":
        if low not in SORT_VALUES:
            raise QueryError("sort: expects date or relevance", position=pos, token=raw)
        return low
    if key in ("after", "before"):
        return parse_date_value(raw, pos)
    if key == "tag":
        tag = normalise_tag(raw)
        if not tag:
            raise QueryError("tag: expects a value", position=pos, token=raw)
        return tag
    return raw


def parse_date_value(raw: str, position: int = 0) -> DateValue:
    """Parse an ``after:``/``before:`` value.

    Args:
        raw: ``2026-11-01``, ``today``, ``yesterday``, ``7d`` (days) or ``2w`` (weeks).
        position: offset reported in the error.

    Raises:
        QueryError: ``bad date "..."`` naming the value.
    """
    low = raw.casefold()
    if low == "today":
        return DateValue(days_ago=0)
    if low == "yesterday":
        return DateValue(days_ago=1)
    m = _RELATIVE.fullmatch(low)
    if m:
        return DateValue(days_ago=int(m.group(1)) * (7 if m.group(2) == "w" else 1))
    m = _ISO_DATE.fullmatch(low)
    if m:
        try:
            return DateValue(day=date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            pass
    raise QueryError(f'bad date "{raw}" (use 2026-11-01, today, yesterday, 7d or 2w)',
                     position=position, token=raw)


def date_bound(value: DateValue, now: datetime) -> datetime:
    """The local midnight a date value stands for.

    Args:
        value: a parsed date.
        now: the current time, aware, in the time zone whose midnights count (the service
            passes the machine's local time).

    Returns:
        An aware datetime in ``now``'s zone: ``today`` is today's midnight, ``7d`` the midnight
        seven days before that, ``2026-11-01`` the midnight starting that day.
    """
    tz = now.tzinfo
    day = value.day if value.day is not None else now.date() - timedelta(days=value.days_ago or 0)
    try:
        return datetime.combine(day, time(0), tz)
    except OverflowError:  # pragma: no cover - only for absurd day counts
        return datetime.combine(date.min, time(0), tz)


# -- parser ------------------------------------------------------------------------------------
class _Parser:
    def __init__(self, toks: list[_Tok], text: str) -> None:
        self.toks = toks
        self.i = 0
        self.text = text
        self.sort: str | None = None

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if not self.toks:
            return None
        node = self.or_expr()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop the top level early
            raise QueryError("unbalanced parenthesis", position=tok.pos, token=")")
        return node

    def or_expr(self) -> Node | None:
        tok = self.peek()
        if tok is not None and tok.kind == "OR":
            raise QueryError('"OR" needs a search term before it', position=tok.pos, token="OR")
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
                raise QueryError('"OR" needs a search term after it', position=tok.pos,
                                 token="OR")
            parts.append(self.and_expr())
        return _or(parts)

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        while (tok := self.peek()) is not None and tok.kind not in (")", "OR"):
            if tok.kind == "AND":
                self.take()
                nxt = self.peek()
                if not parts or nxt is None or nxt.kind in (")", "OR", "AND"):
                    raise QueryError('"AND" needs a search term on each side', position=tok.pos,
                                     token="AND")
                continue
            parts.append(self.unary())
        return _and(parts)

    def unary(self) -> Node | None:
        tok = self.take()
        if tok.kind in ("-", "NOT"):
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "OR", "AND"):
                raise QueryError(f'"{tok.text}" needs a search term after it', position=tok.pos,
                                 token=tok.text)
            if nxt.kind == "filter" and nxt.value[0] == "sort":
                raise QueryError("sort: cannot be excluded", position=nxt.pos, token=nxt.text)
            child = self.unary()
            if child is None:
                return None
            return child.child if isinstance(child, Not) else Not(child)
        if tok.kind == "(":
            nxt = self.peek()
            if nxt is None:
                raise QueryError("unbalanced parenthesis", position=tok.pos, token="(")
            if nxt.kind == ")":
                raise QueryError("empty parentheses", position=tok.pos, token="()")
            node = self.or_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("unbalanced parenthesis", position=tok.pos, token="(")
            self.take()
            return node
        if tok.kind == ")":  # pragma: no cover - and_expr stops before ")"
            raise QueryError("unbalanced parenthesis", position=tok.pos, token=")")
        if tok.kind == "filter":
            key, value, _ = tok.value
            if key == "sort":
                self.sort = value
                return None
            return Filter(key, value, tok.pos)
        if tok.kind == "phrase":
            inner, prefix = tok.value
            return Term(" ".join(inner.split()), phrase=True, prefix=prefix, position=tok.pos) \
                if _indexable(inner) else None
        word = tok.text
        prefix = word.endswith("*")
        core = word.rstrip("*")
        return Term(core, prefix=prefix and bool(core), position=tok.pos) \
            if _indexable(core) else None


def _indexable(text: str) -> bool:
    """True when the full-text tokenizer finds at least one token (a letter or digit)."""
    return any(c.isalnum() for c in text)


def _and(parts: list[Node | None]) -> Node | None:
    flat: list[Node] = []
    for p in parts:
        if p is None:
            continue
        flat.extend(p.children if isinstance(p, And) else (p,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _or(parts: list[Node | None]) -> Node | None:
    flat: list[Node] = []
    for p in parts:
        if p is None:
            continue
        flat.extend(p.children if isinstance(p, Or) else (p,))
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def parse_query(text: str) -> Query:
    """Parse a search query.

    Args:
        text: the query as typed, e.g. ``'"data center" tag:ai -feed:reuters after:7d'``.

    Returns:
        The :class:`Query`; its ``root`` is ``None`` for a blank query.

    Raises:
        QueryError: with ``position`` (0-based offset in ``text``) and ``token``; messages such
            as ``unknown filter "colour:"``, ``unclosed quote``, ``unbalanced parenthesis``,
            ``bad date "2026-13-01"``, ``is: expects unread, read, starred or highlighted``.
    """
    text = _clean(text)
    parser = _Parser(_tokens(text), text)
    root = parser.parse()
    return Query(root, parser.sort)


def search_terms(text: str) -> list[str]:
    """The free words and phrases of a query, for marking matches (see :meth:`Query.terms`).

    Returns ``[]`` for a query that does not parse.
    """
    try:
        return parse_query(text).terms()
    except QueryError:
        return []


# -- marking matches ---------------------------------------------------------------------------
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def match_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the search terms occur in ``text``, for highlighting (approximate, like the index:
    case- and accent-insensitive, light suffix stemming, ``word*`` as a prefix).

    Args:
        text: a title or story text.
        terms: as returned by :func:`search_terms`.

    Returns:
        Sorted, non-overlapping ``(start, end)`` character offsets.
    """
    words = [(m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text)]
    stems = [_stem(w) for _, _, w in words]
    spans: list[tuple[int, int]] = []
    for term in terms:
        prefix = term.endswith("*")
        core = term.rstrip("*").strip('"')
        parts = [_fold(p) for p in _WORD.findall(core)]
        if not parts:
            continue
        k = len(parts)
        for i in range(len(words) - k + 1):
            ok = True
            for j, part in enumerate(parts):
                word = words[i + j][2]
                last = j == k - 1
                if last and prefix:
                    ok = word.startswith(part)
                else:
                    ok = word == part or stems[i + j] == _stem(part)
                if not ok:
                    break
            if ok:
                spans.append((words[i][0], words[i + k - 1][1]))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
