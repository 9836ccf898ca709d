"""list_ids: the fast list executor gives exactly what the plain compiled filter gives, on every
plan (full-text driven, windowed date walk with its fallback, relevance), paged and collapsed."""

from __future__ import annotations

import pytest

from brief_tui.domain.filters import StoryFilter
from brief_tui.store import search
from brief_tui.store.search import list_ids

from .conftest import NOW, select_ids

QUERIES = [
    "", "mistral", '"data center"', "data center", "chip*", "tag:ai", "tag:sports",
    "feed:reuters", "group:wires", "author:smith*", "is:unread", "is:starred", "has:enclosure",
    "has:note", "after:7d", "nvidia OR amd", "nvidia OR amd after:2026-11-15",
    "is:unread feed:reuters", "-tag:sports energy", "energy NOT oil", "-mistral",
    "-(mistral OR amd)", "mistral OR tag:sports", "(mistral OR tag:sports) -is:read",
    "author:smith* is:starred", "has:enclosure podcast", "-energy -mistral", "the", "a",
    "group:wires data",
]


@pytest.fixture(params=["fts-driven", "walk", "walk-fallback"])
def plan(request, monkeypatch):
    if request.param == "fts-driven":
        monkeypatch.setattr(search, "ESTIMATE_CAP", 10**9)
    else:
        monkeypatch.setattr(search, "ESTIMATE_CAP", 1)
        monkeypatch.setattr(search, "FIRST_WINDOW", 2)
    if request.param == "walk-fallback":
        monkeypatch.setattr(search, "WALK_LIMIT", 0.0)
        monkeypatch.setattr(search, "WALK_COST", 1e6)
    return request.param


@pytest.mark.parametrize("text", QUERIES)
def test_date_order_matches_the_plain_filter(store, plan, text):
    flt = StoryFilter(query=text)
    expected = select_ids(store, flt)
    with store.db.read() as conn:
        assert list_ids(conn, flt, limit=200, now=NOW) == expected
        assert list_ids(conn, flt, limit=2, now=NOW) == expected[:2]
        assert list_ids(conn, flt, limit=2, offset=1, now=NOW) == expected[1:3]


def test_filter_fields_with_the_walk(store, plan):
    flt = StoryFilter(feed_ids=(1, 3), unread=True, query="data OR amd")
    with store.db.read() as conn:
        assert list_ids(conn, flt, limit=50, now=NOW) == select_ids(store, flt) == [1, 6, 7]


def test_collapsed_lists_keep_the_newest_of_each_cluster(store, plan):
    with store.db.write() as tx:
        tx.execute("UPDATE stories SET cluster_id = 1 WHERE id IN (1, 6)")
        tx.execute("UPDATE stories SET cluster_id = 2 WHERE id IN (2, 7)")
    with store.db.read() as conn:
        for text in ("", "data OR amd", "-cup", "is:unread"):
            flt = StoryFilter(query=text, collapse_clusters=True)
            assert list_ids(conn, flt, limit=50, now=NOW) == select_ids(store, flt), text
        assert list_ids(conn, StoryFilter(collapse_clusters=True), limit=50, now=NOW) == [
            5, 1, 4, 2, 3]
        # the newest MATCHING story represents its cluster: 6 is read-filtered out here
        flt = StoryFilter(query="mistral -is:starred", collapse_clusters=True)
        assert list_ids(conn, flt, limit=50, now=NOW) == [1]


@pytest.mark.parametrize("text", ["mistral sort:relevance", "center sort:relevance",
                                  "chips OR center sort:relevance",
                                  "(center OR chips) is:read sort:relevance",
                                  "mistral OR tag:sports sort:relevance"])
def test_relevance_order_matches_the_rank_expression(store, text):
    from brief_tui.store.sql import compile_filter

    flt = StoryFilter(query=text)
    where, params, rank = compile_filter(flt, now=NOW)
    with store.db.read() as conn:
        expected = [r[0] for r in conn.execute(
            f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE {where} "
            f"ORDER BY {rank}, s.sort_date DESC, s.id DESC", params)]
        assert list_ids(conn, flt, limit=50, now=NOW) == expected


def test_relevance_puts_title_matches_first(store):
    with store.db.read() as conn:
        assert list_ids(conn, StoryFilter(query="center", sort="relevance"), limit=9,
                        now=NOW) == [1, 6, 2]


@pytest.mark.parametrize("text", QUERIES)
def test_count_matches_equals_the_store_count(store, text):
    from brief_tui.store.search import count_matches

    for flt in (StoryFilter(query=text), StoryFilter(query=text, group="Wires"),
                StoryFilter(query=text, collapse_clusters=True)):
        with store.db.read() as conn:
            got = count_matches(conn, flt, now=NOW)
        assert got == store.count(flt) or "after:" in text
