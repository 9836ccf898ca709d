"""Search, saved searches, tags and tag rules, same-story clusters."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from brief_tui.domain.errors import BriefError, NotFoundError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.models import (
    Feed,
    IngestResult,
    Story,
    StoryRow,
)


class OrganisingMixin:
    """Search and organise methods of :class:`brief_tui.service.Service`."""

    # -- search and organise --
    def check_query(self, query: str):
        """Parse a search (for validating a search box as the user types).

        Returns:
            The :class:`brief_tui.domain.query.Query`.

        Raises:
            QueryError: with ``position`` (0-based) and ``token`` of the first bad token.
        """
        from brief_tui.domain.query import parse_query

        return parse_query(query)

    def search_terms(self, query: str) -> list[str]:
        """The free words and phrases of a search, for marking matches in the list and the
        article (``["mistral", '"data center"', "nvid*"]``; a trailing ``*`` is a prefix).
        ``[]`` when the query does not parse. Pure: no database access.

        See :func:`brief_tui.domain.query.match_spans` to find them in a text.
        """
        from brief_tui.domain.query import search_terms

        return search_terms(query)

    def list_rows(self, flt: StoryFilter = StoryFilter(), *, limit: int = 200,
                  offset: int = 0) -> list[StoryRow]:
        """One page of a story list, in list order, with ``cluster_size`` filled.

        Like :meth:`story_rows` but through the search executor: date-ordered searches never
        sort a large full-text match set, ``sort:relevance`` ranks by bm25, and with
        ``flt.collapse_clusters`` each same-story cluster shows once (its newest matching
        story). The TUI's story list should call this.

        Raises:
            QueryError: ``flt.query`` does not parse.
        """
        from brief_tui.store.search import list_ids

        with self.store.db.read() as conn:
            ids = list_ids(conn, flt, limit=limit, offset=offset, now=self.now().astimezone())
        return self.with_cluster_sizes(self.store.rows_by_ids(ids))

    def list_count(self, flt: StoryFilter = StoryFilter()) -> tuple[int, int]:
        """``(stories, unread)`` of a list, like :meth:`count` but with the search executor's
        plans (a full-text match set is counted without reading story rows): for view counts.

        Raises:
            QueryError: ``flt.query`` does not parse.
        """
        from brief_tui.store.search import count_matches

        with self.store.db.read() as conn:
            return count_matches(conn, flt, now=self.now().astimezone())

    def search(self, query: str, *, limit: int = 200, offset: int = 0,
               flt: StoryFilter = StoryFilter()) -> list[StoryRow]:
        """Rows matching a search (within ``flt``), newest first unless ``sort:relevance``.

        Raises:
            QueryError: the query does not parse.
        """
        return self.list_rows(flt.with_query(query), limit=limit, offset=offset)

    def search_stories(self, query: str, *, limit: int = 50) -> list[Story]:
        """Full stories (with Markdown) matching a search, in list order (for ``--json``).

        Raises:
            QueryError: the query does not parse.
        """
        ids = [r.id for r in self.search(query, limit=limit)]
        found = {s.id: s for s in self.stories(StoryFilter(ids=tuple(ids)), limit=len(ids))}
        return [found[i] for i in ids if i in found]

    def with_cluster_sizes(self, rows: Sequence[StoryRow]) -> list[StoryRow]:
        """``rows`` with ``cluster_size`` filled from the cache."""
        import dataclasses

        from brief_tui.store.clusters import cluster_sizes

        sizes = cluster_sizes(self.store.db, (r.cluster_id for r in rows))
        return [dataclasses.replace(r, cluster_size=sizes.get(r.cluster_id, 1))
                if r.cluster_id is not None else r for r in rows]

    def saved_searches(self) -> list[tuple[str, str]]:
        """``(name, query)`` of every saved search: the config's ``[searches]`` first, then
        those saved in the cache (a cached one replaces a config one of the same name)."""
        merged = dict(self.config.searches)
        merged.update(dict(self.store.saved_searches()))
        return list(merged.items())

    def save_search(self, name: str, query: str) -> None:
        """Save a search under ``name`` (replacing one of that name).

        Raises:
            QueryError: the query does not parse. BriefError: the name is blank.
        """
        self.check_query(query)
        name = " ".join(name.split())
        if not name:
            raise BriefError("a saved search needs a name", category="search")
        self.store.save_search(name, query)

    def delete_search(self, name: str) -> None:
        """Forget a saved search.

        Raises:
            NotFoundError: no search of that name in the cache (one defined only in the
                config file must be removed there).
        """
        if name not in dict(self.store.saved_searches()):
            where = " (it is defined in the config file; remove it there)" \
                if name in self.config.searches else ""
            raise NotFoundError(f"saved search {name!r}: not found{where}", source=name)
        self.store.delete_search(name)

    def tag_summary(self):
        """Every tag on a story or feed with counts
        (:class:`brief_tui.store.tagging.TagSummary`: ``tag, stories, unread, tagged,
        feeds``), sorted by tag."""
        from brief_tui.store.tagging import tag_summary

        return tag_summary(self.store.db)

    def tag_feed(self, url: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Feed:
        """Add and remove tags on a feed (its stories match them in ``tag:``).

        Raises:
            NotFoundError: not subscribed.
        """
        feed = self.feed(url)
        self.store.set_feed_tags(feed.id, self.normalise_tags(add), self.normalise_tags(remove))
        return self.store.require_feed(feed.id)

    def rename_tag(self, old: str, new: str) -> tuple[int, int]:
        """Rename a tag on every story and feed (onto an existing tag: merge).

        Returns:
            ``(stories, feeds)`` changed.

        Raises:
            NotFoundError: nothing has ``old``. BriefError: ``new`` is not a valid tag.
        """
        from brief_tui.store.tagging import rename_tag

        return rename_tag(self.store.db, old, new)

    def merge_tags(self, sources: Sequence[str], target: str) -> tuple[int, int]:
        """Merge tags into ``target`` on every story and feed. Returns ``(stories, feeds)``.

        Raises:
            NotFoundError: a source tag is unused. BriefError: a bad tag name.
        """
        from brief_tui.store.tagging import merge_tags

        return merge_tags(self.store.db, sources, target)

    def delete_tag(self, tag: str) -> tuple[int, int]:
        """Remove a tag from every story and feed. Returns ``(stories, feeds)``.

        Raises:
            NotFoundError: nothing has the tag.
        """
        from brief_tui.store.tagging import delete_tag

        return delete_tag(self.store.db, tag)

    def tag_rules(self):
        """Every tag rule (:class:`brief_tui.store.tagging.TagRule`): the config's
        ``[[rules]]`` (``id`` ``None``) then the stored ones."""
        from brief_tui.store.tagging import TagRule, stored_rules

        return [TagRule(None, r.query, tuple(self.normalise_tags(r.tags)))
                for r in self.config.rules] + stored_rules(self.store.db)

    def add_tag_rule(self, query: str, tags: Iterable[str]):
        """Store a rule tagging arriving stories that match ``query``.

        Raises:
            QueryError: the query does not parse. BriefError: no valid tag.
        """
        from brief_tui.store.tagging import add_rule

        return add_rule(self.store.db, query, tags)

    def delete_tag_rule(self, rule_id: int) -> None:
        """Delete a stored tag rule.

        Raises:
            NotFoundError: no such rule.
        """
        from brief_tui.store.tagging import delete_rule

        delete_rule(self.store.db, rule_id)

    def cluster(self, story_id: int) -> list[StoryRow]:
        """Every story of ``story_id``'s same-story cluster (itself included), newest first,
        with ``cluster_size``; just the story when it is in none.

        Raises:
            NotFoundError: no such story.
        """
        from brief_tui.store.clusters import cluster_ids

        ids = cluster_ids(self.store.db, story_id)
        if not ids:
            raise NotFoundError(f"story {story_id}: no such story", source=str(story_id))
        return self.with_cluster_sizes(self.store.rows_by_ids(ids))

    def mark_read_cluster(self, story_id: int, read: bool = True) -> int:
        """Mark a story read (or unread) as the reader does when it is opened: with
        ``[reader] cluster_mark_read`` (the default) its whole same-story cluster too.
        Returns how many stories changed. :meth:`mark_read` marks exactly the ids given.
        """
        from brief_tui.store.clusters import cluster_ids

        ids = cluster_ids(self.store.db, story_id) if self.config.reader.cluster_mark_read \
            else [story_id]
        return self.store.set_read(ids, read)

    def after_ingest(self, result: IngestResult) -> None:
        """Tag rules on the new stories (one query per rule), then same-story clusters for
        new and changed stories."""
        from brief_tui.store.clusters import WINDOW, assign_clusters, backfill_keys
        from brief_tui.store.tagging import apply_rules

        if result.new_ids:
            apply_rules(self.store.db, self.tag_rules(), result.new_ids,
                        now=self.now().astimezone())
        changed = [*result.new_ids, *result.updated_ids]
        if not changed:
            return
        if self.store.get_meta("cluster-keys") is None:  # first run on an older cache
            backfill_keys(self.store.db, (self.now() - 2 * WINDOW).timestamp())
            self.store.set_meta("cluster-keys", "1")
        assign_clusters(self.store.db, changed)


