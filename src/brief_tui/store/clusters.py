"""Same-story clusters: one story carried by several feeds.

Two stories of DIFFERENT feeds dated within :data:`WINDOW` of each other are the same story when

* their links are the same once canonicalised (:func:`canonical_link`: scheme, ``www.``, host
  case, default ports, trailing slash, fragments and tracking parameters such as ``utm_*`` are
  ignored), unless the link is not story-specific (another story of the same feed has it); or
* their titles are near-identical (:func:`same_story_titles`): after dropping wire prefixes
  (``UPDATE 2-``, ``EXCLUSIVE:``), punctuation, case, accents and small words, one title's
  words are the other's plus at most a few extra words (``… - Reuters``), allowing spelling
  variants (``centres``/``centers``) but no substituted word (``Tesla``/``Ford``,
  ``rise``/``fall``), no negation on one side only and no differing figures; both titles need
  at least :data:`MIN_TITLE_WORDS` significant words. Rules and thresholds were tuned on the labelled
  pairs in ``tests/fixtures/clusters/title_pairs.json``.

Stories of one feed are never put in one cluster. A cluster's id is the id of its first story.

Blocking keeps assignment cheap: each story's canonical link and its :data:`TITLE_KEYS` longest
title words go into ``cluster_keys(key, sort_date, story_id, feed_id)`` (indexed by key then
date), so candidates are found with a few index range scans, never by scanning the window.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import timedelta
from functools import lru_cache
from itertools import chain, combinations
from urllib.parse import parse_qsl, urlencode, urlsplit

from rapidfuzz import fuzz

from brief_tui.store.db import Database

WINDOW = timedelta(days=3)
"""Stories further apart than this (by sort date) are never clustered."""
TITLE_KEYS = 6
"""Longest title words indexed per story for candidate search."""
MIN_SHARED_KEYS = 3
"""A title candidate shares at least this many indexed words (near-identical pairs of the
labelled fixture share 4 to 6)."""
PREFILTER = 75.0
"""rapidfuzz ``token_set_ratio`` of the lower-cased raw titles below which a candidate is not
examined further (near-identical labelled pairs score 86 or more)."""
MIN_TITLE_WORDS = 4
"""Titles with fewer significant words never cluster by title (only by link)."""
VARIANT_RATIO = 80.0
"""rapidfuzz ``ratio`` at or above which two differing words are spelling variants."""
MAX_EXTRA = 0.5
"""Extra words allowed on one side, as a fraction of the shared words."""

_TRACKING = re.compile(r"utm_\w*|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|smid|ref|ref_src|"
                       r"_ga|igshid|spm")
_PREFIX = re.compile(
    r"^\s*(?:update[sd]?\s*\d*|exclusive|breaking(?:\s+news)?|analysis|factbox|explainer|"
    r"watch|video|live|opinion|wrapup\s*\d*|ap\s+top\s+news|corrected|refile)"
    r"\s*[-:\u2013\u2014|]+\s*",
    re.IGNORECASE)
_NEGATIONS = frozenset({"not", "no", "never", "without", "nor"})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
_UNITS = {"m": "million", "mn": "million", "bn": "billion", "b": "billion", "k": "thousand",
          "tn": "trillion", "pct": "percent"}
_CURRENCY = {"\u20ac": " eur ", "$": " usd ", "\u00a3": " gbp ", "\u00a5": " jpy "}
_CURRENCY_WORDS = {"euro": "eur", "euros": "eur", "dollar": "usd", "dollars": "usd",
                   "pound": "gbp", "pounds": "gbp", "yen": "jpy"}
_STOP = frozenset(
    "a an the of in on at to for from by with and or but as is are was were be been it its "
    "this that these those will would can could may might has have had go s t de la le "
    "les el via into over after than about new says say said".split())


# -- pure parts --------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def canonical_link(url: str | None) -> str | None:
    """The link as used for same-story matching, or ``None`` for no web link.

    ``HTTP://WWW.Example.com:80/a/b/?utm_source=x&id=2#top`` -> ``example.com/a/b?id=2``: scheme,
    ``www.``, host case, default port, trailing slash, fragment and tracking parameters dropped;
    other query parameters sorted. The path keeps its case.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not _TRACKING.fullmatch(k.lower()))
    return host + path + ("?" + urlencode(query) if query else "")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def title_words(title: str) -> tuple[str, ...]:
    """Significant words of a title, in order: wire prefixes, punctuation, accents, possessive
    ``'s`` and small words dropped; ``$830M`` -> ``830 million``; ``125,000`` -> ``125000``.

    Cached: a refresh asks for the same titles several times (keys, candidates, scoring)."""
    return _title_words(title)


@lru_cache(maxsize=65536)
def _title_words(title: str) -> tuple[str, ...]:
    prev = None
    while prev != title:
        prev, title = title, _PREFIX.sub("", title, count=1)
    text = re.sub(r"['\u2019]s\b", "", _fold(title))
    for symbol, word in _CURRENCY.items():
        text = text.replace(symbol, word)
    words = []
    for tok in _TOKEN.findall(text):
        if tok[0].isdigit():
            words.append(tok.replace(",", ""))
            continue
        tok = _UNITS.get(tok, tok) if words and words[-1][0].isdigit() else tok
        tok = _CURRENCY_WORDS.get(tok, tok)
        if tok not in _STOP and len(tok) >= 2:
            words.append(tok)
    return tuple(words)


def title_keys(words: Sequence[str]) -> list[str]:
    """The :data:`TITLE_KEYS` longest distinct words (ties alphabetical): the blocking keys."""
    return sorted(set(words), key=lambda w: (-len(w), w))[:TITLE_KEYS]


def _variant(a: str, b: str) -> bool:
    if a[0].isdigit() or b[0].isdigit() or min(len(a), len(b)) < 4:
        return False
    prefix = len(_common_prefix(a, b))
    return prefix >= 5 or fuzz.ratio(a, b) >= VARIANT_RATIO


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _pair_off(only_a: set[str], only_b: set[str]) -> None:
    """Remove spelling variants and compounds (``heatwave`` = ``heat`` + ``wave``) from both."""
    for x in sorted(only_a):
        for y in sorted(only_b):
            if _variant(x, y):
                only_a.discard(x)
                only_b.discard(y)
                break
    for one, other in ((only_a, only_b), (only_b, only_a)):
        for x in sorted(one):
            for y in sorted(other):
                if x.startswith(y) and x[len(y):] in other and x != y:
                    one.discard(x)
                    other.discard(y)
                    other.discard(x[len(y):])
                    break


def same_story_titles(a: str, b: str) -> bool:
    """True when two titles (of stories in different feeds) report the same story.

    See the module docstring for the rules; :func:`title_similarity` ranks candidates.
    """
    return _same_words(set(title_words(a)), set(title_words(b)))


def _same_words(wa: set[str], wb: set[str]) -> bool:
    if min(len(wa), len(wb)) < MIN_TITLE_WORDS:
        return False
    na = {w for w in wa if w[0].isdigit()}
    nb = {w for w in wb if w[0].isdigit()}
    if na and nb and na != nb:
        return False
    shared = wa & wb
    only_a, only_b = wa - wb, wb - wa
    if (only_a | only_b) & _NEGATIONS:
        return False
    _pair_off(only_a, only_b)
    if only_a and only_b:
        return False
    return len(only_a | only_b) <= MAX_EXTRA * len(shared)


def title_similarity(a: str, b: str) -> float:
    """rapidfuzz ``token_set_ratio`` (0-100) of the two titles' significant words."""
    return fuzz.token_set_ratio(" ".join(title_words(a)), " ".join(title_words(b)))


# -- the store side ----------------------------------------------------------------------------
def _keys(title: str, link: str | None) -> list[str]:
    keys = ["t:" + w for w in title_keys(title_words(title))]
    canon = canonical_link(link)
    if canon:
        keys.append("l:" + canon)
    return keys


def _write_keys(tx: sqlite3.Connection,
                rows: Sequence[tuple[int, int, str, str | None, float]],
                keys_of: dict[int, list[str]]) -> None:
    """Replace the blocking keys of ``rows`` (``(id, feed_id, title, link, sort_date)``)."""
    for start in range(0, len(rows), 500):
        chunk = [r[0] for r in rows[start:start + 500]]
        tx.execute(f"DELETE FROM cluster_keys WHERE story_id IN ({','.join('?' * len(chunk))})",
                   chunk)
    tx.executemany("INSERT OR IGNORE INTO cluster_keys(key, sort_date, story_id, feed_id) "
                   "VALUES (?, ?, ?, ?)",
                   [(k, date, sid, fid) for sid, fid, _, _, date in rows for k in keys_of[sid]])


def _story_rows(tx: sqlite3.Connection, ids: Sequence[int], extra: str = ""
                ) -> list[tuple]:
    """``(id, feed_id, title, link, sort_date, cluster_id)`` of these stories, by id."""
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows += tx.execute(f"SELECT id, feed_id, title, link, sort_date, cluster_id FROM stories "
                           f"WHERE id IN ({','.join('?' * len(chunk))}){extra} ORDER BY id",
                           chunk).fetchall()
    return rows


def index_keys(tx: sqlite3.Connection, story_ids: Iterable[int]) -> int:
    """(Re)write the blocking keys of these stories. Returns how many stories were indexed."""
    rows = [r[:5] for r in _story_rows(tx, sorted(set(story_ids)))]
    _write_keys(tx, rows, {r[0]: _keys(r[2], r[3]) for r in rows})
    return len(rows)


class _Postings:
    """The blocking keys of every story near a batch of new stories, loaded once.

    Candidate search for the whole batch then runs in memory: one range query per 500 keys
    instead of two queries per new story. Title candidates are found through groups of
    :data:`MIN_SHARED_KEYS` title keys, so a common word's long posting list is never walked.
    """

    def __init__(self, tx: sqlite3.Connection, keys: set[str], lo: float, hi: float) -> None:
        self.rows: dict[str, list[tuple[float, int, int]]] = {}
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            for key, date, sid, fid in tx.execute(
                    f"SELECT key, sort_date, story_id, feed_id FROM cluster_keys WHERE key IN "
                    f"({','.join('?' * len(chunk))}) AND sort_date BETWEEN ? AND ?",
                    (*chunk, lo, hi)):
                self.rows.setdefault(key, []).append((date, sid, fid))
        self.info: dict[int, tuple[float, int]] = {}
        self._stories: dict[int, tuple[int, str, int | None]] = {}
        title_keys_of: dict[int, list[str]] = {}
        for key, postings in self.rows.items():
            postings.sort()
            for d, s, f in postings:
                self.info[s] = (d, f)
                if key.startswith("t:"):
                    title_keys_of.setdefault(s, []).append(key)
        # Title keys indexed by groups of MIN_SHARED_KEYS: a story shares that many keys with
        # another exactly when they share a group, so candidates are a union of short lists
        # (single common words, and even pairs such as "ahead"+"summit", have long ones).
        self.groups: dict[tuple[str, ...], list[int]] = {}
        for s, own in title_keys_of.items():
            own.sort()
            for group in combinations(own, MIN_SHARED_KEYS):
                self.groups.setdefault(group, []).append(s)

    def stories(self, tx: sqlite3.Connection, ids: Sequence[int]
                ) -> dict[int, tuple[int, str, int | None]]:
        """``{id: (feed_id, title, cluster_id)}`` for candidate stories, read once per story and
        kept current as the batch assigns clusters."""
        missing = [i for i in ids if i not in self._stories]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for sid, fid, title, cluster in tx.execute(
                    f"SELECT id, feed_id, title, cluster_id FROM stories WHERE id IN "
                    f"({','.join('?' * len(chunk))})", chunk):
                self._stories[sid] = (fid, title, cluster)
        return {i: self._stories[i] for i in ids if i in self._stories}

    def known(self, rows: Iterable[tuple[int, int, str, int | None]]) -> None:
        """Seed the story cache with ``(id, feed_id, title, cluster_id)`` rows already read."""
        for sid, fid, title, cluster in rows:
            self._stories.setdefault(sid, (fid, title, cluster))

    def cluster_of(self, sid: int) -> int | None:
        """The cluster a story of the batch is in now (as this batch assigned it)."""
        known = self._stories.get(sid)
        return None if known is None else known[2]

    def joined(self, cluster: int, *ids: int) -> None:
        """Record that stories joined a cluster (mirrors the UPDATE just made)."""
        for i in ids:
            if i in self._stories:
                fid, title, _ = self._stories[i]
                self._stories[i] = (fid, title, cluster)

    def link_candidates(self, key: str, sid: int, fid: int, lo: float, hi: float) -> list[int]:
        rows = [(s, f) for d, s, f in self.rows.get(key, ()) if lo <= d <= hi and s != sid]
        feeds = [f for _, f in rows] + [fid]
        if len(set(feeds)) < len(feeds):  # a feed reuses this link: it is not story-specific
            return []
        return [s for s, _ in rows]

    def title_candidates(self, keys: list[str], sid: int, fid: int, lo: float,
                         hi: float) -> list[int]:
        """Stories of other feeds in ``[lo, hi]`` sharing at least :data:`MIN_SHARED_KEYS` of
        these title keys, by id."""
        if len(keys) < MIN_SHARED_KEYS:
            return []
        empty: list[int] = []
        shared = set(chain.from_iterable(self.groups.get(group, empty) for group in
                                         combinations(sorted(keys), MIN_SHARED_KEYS)))
        shared.discard(sid)
        info = self.info
        found = []
        for s in shared:
            d, f = info[s]
            if lo <= d <= hi and f != fid:
                found.append(s)
        return sorted(found)


def _assign_one(tx: sqlite3.Connection, postings: _Postings, sid: int, fid: int, title: str,
                keys: list[str], date: float) -> int | None:
    lo, hi = date - WINDOW.total_seconds(), date + WINDOW.total_seconds()
    link_keys = [k for k in keys if k.startswith("l:")]
    ordered: list[int] = []
    if link_keys:
        ordered += postings.link_candidates(link_keys[0], sid, fid, lo, hi)
    by_title = [c for c in postings.title_candidates([k for k in keys if k.startswith("t:")],
                                                     sid, fid, lo, hi) if c not in ordered]
    if not ordered and not by_title:
        return None
    info = postings.stories(tx, [*ordered, *by_title])
    words = set(title_words(title))
    low = title.casefold()
    scored = []
    for c in by_title:
        if c not in info or fuzz.token_set_ratio(low, info[c][1].casefold()) < PREFILTER:
            continue
        other = set(title_words(info[c][1]))
        if _same_words(words, other):
            scored.append((-fuzz.token_set_ratio(" ".join(sorted(words)),
                                                 " ".join(sorted(other))), c))
    scored = [c for _, c in sorted(scored)]
    for cand in [c for c in ordered if c in info] + scored:
        cfeed, _, cluster = info[cand]
        if cfeed == fid:
            continue
        cid = cluster if cluster is not None else cand
        if cluster is not None and tx.execute(
                "SELECT 1 FROM stories WHERE cluster_id = ? AND feed_id = ? LIMIT 1",
                (cid, fid)).fetchone():
            continue
        tx.execute("UPDATE stories SET cluster_id = ? WHERE id IN (?, ?) AND "
                   "cluster_id IS NOT ?", (cid, cand, sid, cid))
        postings.joined(cid, cand, sid)
        return cid
    return None


def assign_clusters(db: Database, story_ids: Sequence[int]) -> dict[int, int]:
    """Index new stories' keys and put each in the cluster of a matching story of another feed.

    The whole batch is one transaction; each story's keys are computed once, and candidate keys
    of every story near the batch are read once (:class:`_Postings`), so a refresh clusters all
    its new stories in one pass.

    Args:
        db: the cache. story_ids: stories just stored (any order).

    Returns:
        ``{story_id: cluster_id}`` for the stories that joined or started a cluster.
    """
    if not story_ids:
        return {}
    out: dict[int, int] = {}
    with db.write() as tx:
        rows = _story_rows(tx, sorted(set(story_ids)))
        keys_of = {r[0]: _keys(r[2], r[3]) for r in rows}
        _write_keys(tx, [r[:5] for r in rows], keys_of)
        pending = [r for r in rows if r[5] is None]
        if not pending:
            return out
        keys = {k for r in pending for k in keys_of[r[0]]}
        span = WINDOW.total_seconds()
        postings = _Postings(tx, keys, min(r[4] for r in pending) - span,
                             max(r[4] for r in pending) + span)
        postings.known((sid, fid, title, cluster) for sid, fid, title, _, _, cluster in rows)
        for sid, fid, title, _, date, _ in pending:
            if postings.cluster_of(sid) is not None:
                continue  # joined a cluster earlier in this batch, as another's candidate
            cid = _assign_one(tx, postings, sid, fid, title, keys_of[sid], date)
            if cid is not None:
                out[sid] = cid
    return out


def backfill_keys(db: Database, since: float) -> int:
    """Index the keys of stories dated at or after ``since`` (Unix seconds) that have none, so
    stories arriving next can cluster with them. Returns how many were indexed."""
    with db.write() as tx:
        ids = [r[0] for r in tx.execute(
            "SELECT id FROM stories WHERE sort_date >= ? AND id NOT IN "
            "(SELECT story_id FROM cluster_keys)", (since,))]
        return index_keys(tx, ids)


def cluster_ids(db: Database, story_id: int) -> list[int]:
    """Ids of every story in ``story_id``'s cluster (itself included), newest first; just
    ``[story_id]`` when it is in none, ``[]`` when it does not exist."""
    with db.read() as conn:
        row = conn.execute("SELECT cluster_id FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            return []
        if row[0] is None:
            return [story_id]
        return [r[0] for r in conn.execute(
            "SELECT id FROM stories WHERE cluster_id = ? ORDER BY sort_date DESC, id DESC",
            (row[0],))]


def cluster_sizes(db: Database, cluster_id_list: Iterable[int | None]) -> dict[int, int]:
    """``{cluster_id: number of stories}`` for the given cluster ids (``None`` ignored)."""
    wanted = sorted({c for c in cluster_id_list if c is not None})
    if not wanted:
        return {}
    with db.read() as conn:
        return dict(conn.execute(
            f"SELECT cluster_id, count(*) FROM stories WHERE cluster_id IN "
            f"({','.join('?' * len(wanted))}) GROUP BY cluster_id", wanted).fetchall())


CLUSTER_SIZE_SQL = ("CASE WHEN s.cluster_id IS NULL THEN 1 ELSE (SELECT count(*) FROM stories c "
                    "WHERE c.cluster_id = s.cluster_id) END")
"""A list column giving ``StoryRow.cluster_size`` for story ``s`` (for the story list query)."""
