"""Organising tags: counts, rename, merge and delete (on stories and feeds), and tag rules.

Story tags live in ``story_tags`` and, denormalised, in ``stories.tags_text`` (which the FTS
index reads); every change here rewrites ``tags_text`` of the stories it touched in the same
transaction, so the index stays in sync. Feed tags live in ``feed_tags``; a feed's tags match
its stories in ``tag:`` searches.

Tag rules tag stories on arrival when they match a query: the config's ``[[rules]]`` plus rules
stored in ``tag_rules`` (:func:`add_rule`). :func:`apply_rules` runs each rule's query once,
restricted to the new stories.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from brief_tui.domain.errors import BriefError, NotFoundError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.query import parse_query
from brief_tui.domain.tags import normalise_tag
from brief_tui.store.db import Database
from brief_tui.store.sql import compile_filter


@dataclass(frozen=True, slots=True)
class TagSummary:
    """One tag in use.

    Attributes:
        tag: canonical tag.
        stories: stories that match ``tag:`` (tagged themselves or through their feed).
        unread: of them unread.
        tagged: stories tagged directly. feeds: feeds carrying the tag.
    """

    tag: str
    stories: int
    unread: int
    tagged: int
    feeds: int


@dataclass(frozen=True, slots=True)
class TagRule:
    """A rule tagging arriving stories that match ``query``.

    Attributes:
        id: stored rule id, or ``None`` for a rule from the config file.
        query: a search in the query language. tags: canonical tags to add.
    """

    id: int | None
    query: str
    tags: tuple[str, ...]


def _tag(raw: str) -> str:
    tag = normalise_tag(raw)
    if not tag:
        raise BriefError(f"{raw!r}: not a valid tag (give letters or digits)", category="tag")
    return tag


def _sync(tx: sqlite3.Connection, story_ids: Iterable[int]) -> None:
    tx.executemany(
        "UPDATE stories SET tags_text = coalesce((SELECT group_concat(tag, ' ') FROM "
        "(SELECT tag FROM story_tags WHERE story_id = ?1 ORDER BY tag)), '') WHERE id = ?1 "
        "AND tags_text IS NOT coalesce((SELECT group_concat(tag, ' ') FROM "
        "(SELECT tag FROM story_tags WHERE story_id = ?1 ORDER BY tag)), '')",
        [(sid,) for sid in story_ids])


def tag_summary(db: Database) -> list[TagSummary]:
    """Every tag on a story or a feed, with counts, sorted by tag."""
    with db.read() as conn:
        rows = conn.execute(
            "WITH t(sid, tag) AS (SELECT story_id, tag FROM story_tags UNION "
            "SELECT s.id, ft.tag FROM feed_tags ft JOIN stories s ON s.feed_id = ft.feed_id) "
            "SELECT t.tag, count(*), coalesce(sum(s.read = 0), 0) FROM t "
            "JOIN stories s ON s.id = t.sid GROUP BY t.tag").fetchall()
        tagged = dict(conn.execute("SELECT tag, count(*) FROM story_tags GROUP BY tag"))
        feeds = dict(conn.execute("SELECT tag, count(*) FROM feed_tags GROUP BY tag"))
    counts = {tag: (n, unread) for tag, n, unread in rows}
    return [TagSummary(tag, *counts.get(tag, (0, 0)), tagged.get(tag, 0), feeds.get(tag, 0))
            for tag in sorted(set(counts) | set(feeds))]


def _require(tx: sqlite3.Connection, tag: str) -> None:
    if not tx.execute("SELECT 1 FROM story_tags WHERE tag = ? UNION ALL "
                      "SELECT 1 FROM feed_tags WHERE tag = ? LIMIT 1", (tag, tag)).fetchone():
        raise NotFoundError(f"tag {tag}: no story or feed has it (see `brief-tui tags`)",
                            source=tag)


def rename_tag(db: Database, old: str, new: str) -> tuple[int, int]:
    """Rename a tag on every story and feed; a story or feed that has both keeps one.

    Renaming onto an existing tag merges the two.

    Returns:
        ``(stories, feeds)`` that had ``old``.

    Raises:
        NotFoundError: no story or feed has ``old``. BriefError: ``new`` is not a valid tag.
    """
    return merge_tags(db, [old], new)


def merge_tags(db: Database, sources: Sequence[str], target: str) -> tuple[int, int]:
    """Merge tags into ``target`` (which may be new or one of ``sources``) on stories and feeds.

    Returns:
        ``(stories, feeds)`` that had any of the source tags (other than ``target``).

    Raises:
        NotFoundError: a source tag is on no story or feed. BriefError: a bad tag name.
    """
    tags = [_tag(s) for s in sources]
    into = _tag(target)
    stories = feeds = 0
    with db.write() as tx:
        for tag in tags:
            _require(tx, tag)
        for tag in dict.fromkeys(t for t in tags if t != into):
            ids = [r[0] for r in tx.execute("SELECT story_id FROM story_tags WHERE tag = ?",
                                            (tag,))]
            tx.execute("INSERT OR IGNORE INTO story_tags(story_id, tag) "
                       "SELECT story_id, ? FROM story_tags WHERE tag = ?", (into, tag))
            tx.execute("DELETE FROM story_tags WHERE tag = ?", (tag,))
            _sync(tx, ids)
            stories += len(ids)
            tx.execute("INSERT OR IGNORE INTO feed_tags(feed_id, tag) "
                       "SELECT feed_id, ? FROM feed_tags WHERE tag = ?", (into, tag))
            feeds += tx.execute("DELETE FROM feed_tags WHERE tag = ?", (tag,)).rowcount
    return stories, feeds


def delete_tag(db: Database, tag: str) -> tuple[int, int]:
    """Remove a tag from every story and feed.

    Returns:
        ``(stories, feeds)`` that had it.

    Raises:
        NotFoundError: no story or feed has it.
    """
    tag = _tag(tag)
    with db.write() as tx:
        _require(tx, tag)
        ids = [r[0] for r in tx.execute("SELECT story_id FROM story_tags WHERE tag = ?", (tag,))]
        tx.execute("DELETE FROM story_tags WHERE tag = ?", (tag,))
        _sync(tx, ids)
        feeds = tx.execute("DELETE FROM feed_tags WHERE tag = ?", (tag,)).rowcount
    return len(ids), feeds


# -- rules -------------------------------------------------------------------------------------
def add_rule(db: Database, query: str, tags: Iterable[str]) -> TagRule:
    """Store a rule (the query is checked first).

    Raises:
        QueryError: the query does not parse. BriefError: no valid tag given.
    """
    parse_query(query)
    canon = tuple(dict.fromkeys(_tag(t) for t in tags))
    if not canon:
        raise BriefError("a tag rule needs at least one tag", category="tag")
    with db.write() as tx:
        cur = tx.execute("INSERT INTO tag_rules(query, tags) VALUES (?, ?)",
                         (query, json.dumps(list(canon))))
    return TagRule(cur.lastrowid, query, canon)


def stored_rules(db: Database) -> list[TagRule]:
    """Rules stored in the cache, oldest first."""
    with db.read() as conn:
        return [TagRule(rid, q, tuple(json.loads(tags))) for rid, q, tags in conn.execute(
            "SELECT id, query, tags FROM tag_rules ORDER BY id")]


def delete_rule(db: Database, rule_id: int) -> None:
    """Delete a stored rule.

    Raises:
        NotFoundError: no rule with that id.
    """
    with db.write() as tx:
        if tx.execute("DELETE FROM tag_rules WHERE id = ?", (rule_id,)).rowcount == 0:
            raise NotFoundError(f"tag rule {rule_id}: no such rule", source=str(rule_id))


def apply_rules(db: Database, rules: Sequence[TagRule], story_ids: Sequence[int], *,
                now: datetime | None = None) -> dict[int, tuple[str, ...]]:
    """Tag the stories among ``story_ids`` that match each rule: one query per rule.

    Args:
        db: the cache. rules: config and stored rules (a rule whose query no longer parses is
            skipped). story_ids: the stories to consider (new arrivals).
        now: aware time for relative dates in rule queries (default: local now).

    Returns:
        ``{story_id: tags added}`` for stories that gained a tag.
    """
    from brief_tui.domain.errors import QueryError

    if not story_ids or not rules:
        return {}
    added: dict[int, list[str]] = {}
    with db.write() as tx:
        for rule in rules:
            try:  # full-text parts only look at the new stories' id range
                where, params, _ = compile_filter(
                    StoryFilter(ids=tuple(story_ids), query=rule.query), now=now,
                    rowid_range=(min(story_ids), max(story_ids)))
            except QueryError:
                continue
            hits = [r[0] for r in tx.execute(
                f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE {where}",
                params)]
            for sid in hits:
                for tag in rule.tags:
                    if tx.execute("INSERT OR IGNORE INTO story_tags(story_id, tag) VALUES (?, ?)",
                                  (sid, tag)).rowcount:
                        added.setdefault(sid, []).append(tag)
        _sync(tx, added)
    return {sid: tuple(tags) for sid, tags in added.items()}
