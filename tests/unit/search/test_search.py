"""Compiled searches against a store with known content: exact result ids (newest first)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief_tui.domain.errors import QueryError
from brief_tui.domain.filters import StoryFilter
from brief_tui.domain.query import parse_query
from brief_tui.store.search import compile_ast, compile_query, list_ids
from brief_tui.store.sql import compile_filter, effective_sort

from .conftest import NOW, build, select_ids

ALL = [5, 1, 4, 6, 2, 7, 3]


def q(store, text, now=NOW):
    return select_ids(store, StoryFilter(query=text), now)


@pytest.mark.parametrize("text, expected", [
    ("", ALL),
    ("   ", ALL),
    ("mistral", [1, 6]),
    ("MISTRAL", [1, 6]),
    ('"data center"', [1, 6]),
    ("data center", [1, 6, 2]),
    ("chip*", [2, 7]),
    ("mistr*", [1, 6]),
    ("ask", [7]),                       # the story's note is searched
    ("jones", []),                      # free words do not search authors
    ("sports", [4]),                    # nor feed tags
    ("$830 x", []),
    ("$", ALL),                         # punctuation alone is no condition
])
def test_free_text(store, text, expected):
    assert q(store, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("tag:ai", [1, 2]),
    ("tag:AI", [1, 2]),
    ("tag:sports", [5, 4]),             # through the feed's tag
    ("tag:chips", [2]),
    ("tag:nope", []),
    ("feed:reuters", [1, 2, 3]),
    ("feed:REUTERS", [1, 2, 3]),
    ("feed:sports.example", [5, 4]),    # substring of the URL
    ('feed:"weekly podcast"', [6, 7]),
    ("feed:%", []),
    ("feed:_", []),
    ("group:wires", [1, 2, 3]),
    ("group:Podcasts", [6, 7]),
    ("group:pod", []),
    ("author:smith", [1]),
    ("author:smith*", [1, 3]),
    ('author:"jane smith"', [1]),
    ("author:jones", [2]),
    ("is:unread", [1, 4, 6, 7]),
    ("is:read", [5, 2, 3]),
    ("is:starred", [6, 3]),
    ("is:highlighted", [2]),
    ("has:enclosure", [6, 7]),
    ("has:fulltext", [1]),
    ("has:note", [7]),
    ("after:2026-11-25", [5, 1, 4, 6]),
    ("before:2026-11-25", [2, 7, 3]),
    ("after:today", [5]),
    ("after:yesterday before:today", [1]),
    ("after:7d", [5, 1, 4, 6]),
    ("after:2w", [5, 1, 4, 6, 2]),
    ("before:2w", [7, 3]),
])
def test_each_filter(store, text, expected):
    assert q(store, text) == expected


@pytest.mark.parametrize("text, expected", [
    ('"data center" tag:ai', [1]),
    ("nvidia OR amd", [2, 7]),
    ("nvidia OR amd after:2026-11-15", [2]),
    ("(nvidia OR amd) after:2026-11-15", [2]),
    ("nvidia OR amd before:2026-11-15", [2, 7]),
    ("is:unread feed:reuters", [1]),
    ("-tag:sports energy", [7, 3]),
    ("energy NOT oil", [4, 7]),
    ("energy -oil -ask", [4]),
    ("author:smith* is:starred", [3]),
    ("has:enclosure podcast", [6]),
    ("-mistral", [5, 4, 2, 7, 3]),
    ("-(mistral OR amd)", [5, 4, 3]),
    ('-"data center"', [5, 4, 2, 7, 3]),
    ("final -report", [4]),
    ("mistral OR tag:sports", [5, 1, 4, 6]),
    ("(mistral OR tag:sports) -is:read", [1, 4, 6]),
    ("-(tag:sports OR is:starred)", [1, 2, 7]),
    ("mistral OR author:jones", [1, 6, 2]),
    ("author:jones OR has:note", [2, 7]),
    ("(amd OR mistral) (has:enclosure OR tag:chips)", [6, 2, 7]),
    ("amd -(is:read OR episode)", []),
    ("amd -(is:read OR mistral)", [7]),
    ("-energy -mistral", [5, 2]),
    ("-is:read -has:enclosure", [1, 4]),
    ("is:unread OR is:starred", [1, 4, 6, 7, 3]),
])
def test_combinations(store, text, expected):
    assert q(store, text) == expected


def test_relative_dates_use_the_zone_of_now(store):
    # 23:30 UTC on the 27th is already the 28th in UTC+2: "today" starts at 22:00 UTC on 27th.
    now = datetime(2026, 11, 28, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    assert q(store, "after:today", now) == [5, 1]


def test_filter_fields_combine_with_the_query(store):
    assert select_ids(store, StoryFilter(feed_ids=(1,), query="data")) == [1, 2]
    assert select_ids(store, StoryFilter(unread=True, query="amd")) == [7]
    assert select_ids(store, StoryFilter(tag="ai", query="-chips")) == [1]
    assert select_ids(store, StoryFilter(starred=True, query="tag:sports OR podcast")) == [6]
    assert select_ids(store, StoryFilter(group="Wires", query="is:read")) == [2, 3]
    assert select_ids(store, StoryFilter(ids=(1, 2, 3), query="energy OR nvidia")) == [2, 3]
    assert select_ids(store, StoryFilter(
        since=datetime(2026, 11, 26, tzinfo=UTC), query="-final")) == [1]


def test_store_lists_and_counts_use_the_language(store):
    flt = StoryFilter(query="mistral OR tag:sports")
    assert [r.id for r in store.story_rows(flt)] == [5, 1, 4, 6]
    assert store.story_ids(flt) == [5, 1, 4, 6]
    assert store.count(flt) == (4, 3)
    assert [s.id for s in store.stories(flt, limit=2)] == [5, 1]


def test_mark_all_read_with_a_query(store):
    assert store.mark_all_read(StoryFilter(query="has:enclosure")) == 2
    assert select_ids(store, StoryFilter(query="is:unread")) == [1, 4]


def test_bad_query_raises_query_error(store):
    with pytest.raises(QueryError):
        store.story_rows(StoryFilter(query="colour:red"))


# -- relevance ---------------------------------------------------------------------------------
def ranked(store, text):
    where, params, rank = compile_filter(StoryFilter(query=text), now=NOW)
    with store.db.read() as conn:
        return [r[0] for r in conn.execute(
            f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id WHERE {where} "
            f"ORDER BY {rank}, s.sort_date DESC, s.id DESC", params)]


def test_title_matches_rank_first(store):
    # "data" is in the titles of none, "center" in the title of 1 only.
    assert ranked(store, "center") == [1, 6, 2]
    assert ranked(store, "chips") == [2, 7]     # title beats text


def test_rank_is_none_without_free_words(store):
    assert compile_query("tag:ai is:unread")[2] is None
    assert compile_query("-mistral")[2] is None


def test_relevance_with_mixed_or_ranks_matching_stories_first(store):
    order = ranked(store, "mistral OR tag:sports")
    assert sorted(order[:2]) == [1, 6] and sorted(order[2:]) == [4, 5]


@pytest.mark.parametrize("flt, expected", [
    (StoryFilter(query="mistral sort:relevance"), "relevance"),
    (StoryFilter(query="mistral", sort="relevance"), "relevance"),
    (StoryFilter(query="mistral sort:date", sort="relevance"), "date"),
    (StoryFilter(query="tag:ai sort:relevance"), "date"),
    (StoryFilter(sort="relevance"), "date"),
    (StoryFilter(query="colour:x", sort="relevance"), "date"),
])
def test_effective_sort(flt, expected):
    assert effective_sort(flt) == expected


# -- one MATCH where possible --------------------------------------------------------------------
def test_pure_full_text_compiles_to_one_match():
    c = compile_ast(parse_query('"data center" (nvidia OR amd) -oil author:smith'))
    assert c.where.count("MATCH") == 1
    assert c.params == ['(({title text notes_text} : "data center") AND '
                        '(({title text notes_text} : "nvidia") OR '
                        '({title text notes_text} : "amd")) AND '
                        '({author_names} : "smith")) NOT ({title text notes_text} : "oil")']


def test_filters_beside_full_text_stay_sql():
    c = compile_ast(parse_query("energy tag:ai -is:read"), now=NOW)
    assert c.where.count("MATCH") == 1
    assert c.params == ['({title text notes_text} : "energy")', "ai", "ai"]
    assert "s.read = 1" in c.where


def test_user_quotes_never_reach_fts_syntax(store):
    c = compile_ast(parse_query('a"b" OR c*d NEAR'))
    fc = "{title text notes_text}"
    assert c.params == [f'(({fc} : "a") AND ({fc} : "b")) OR '
                        f'(({fc} : "c*d") AND ({fc} : "NEAR"))']
    assert q(store, 'a"b" OR c*d NEAR') == []


# -- property: compiled SQL never errors ---------------------------------------------------------
@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    from brief_tui.store import Store

    s = Store(tmp_path_factory.mktemp("tiny") / "tiny.db")
    build(s)
    yield s
    s.close()


_PIECES = st.sampled_from([
    "a", "mistral", "data", '"data center"', '"x', "-", "(", ")", "OR", "AND", "NOT", "*",
    "tag:ai", "tag:\"a b\"", "feed:reu", "feed:%_\\", "group:Wires", "author:smith*",
    "is:unread", "is:read", "is:starred", "is:highlighted", "has:enclosure", "has:note",
    "has:fulltext", "after:7d", "before:2026-11-01", "after:today", "sort:relevance", "$830",
    "'", "NEAR", "^", "{title}", ":", "é", "\x00", "\ud800", "colour:red", "https://x.y",
])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.lists(_PIECES, max_size=8).map(" ".join),
    st.lists(_PIECES, max_size=8).map("".join),
    st.text(max_size=40),
))
def test_compiled_sql_never_errors_in_sqlite(tiny_store, text):
    try:
        flt = StoryFilter(query=text, collapse_clusters=len(text) % 2 == 0)
        where, params, rank = compile_filter(flt, now=NOW)
    except QueryError:
        return
    with tiny_store.db.read() as conn:
        try:
            conn.execute(f"SELECT s.id FROM stories s JOIN feeds f ON f.id = s.feed_id "
                         f"WHERE {where} ORDER BY {rank or 's.sort_date'} LIMIT 5",
                         params).fetchall()
            list_ids(conn, flt, limit=5, now=NOW)
        except sqlite3.Error as exc:  # pragma: no cover - the failure message
            pytest.fail(f"{text!r} -> {where} {params}: {exc}")
