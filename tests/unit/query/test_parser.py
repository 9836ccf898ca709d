"""The query language parser: every operator, precedence, dates, errors with exact positions."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief_tui.domain.errors import QueryError
from brief_tui.domain.query import (
    And,
    DateValue,
    Filter,
    Not,
    Or,
    Query,
    Term,
    date_bound,
    match_spans,
    parse_date_value,
    parse_query,
    search_terms,
)


def W(text, prefix=False):
    return Term(text, prefix=prefix)


def P(text, prefix=False):
    return Term(text, phrase=True, prefix=prefix)


def root(text):
    return parse_query(text).root


# -- terms -------------------------------------------------------------------------------------
def test_blank_query_selects_everything():
    assert parse_query("") == Query(None, None)
    assert parse_query("   \t\n") == Query(None, None)


def test_single_word():
    assert root("mistral") == W("mistral")


def test_words_are_implicitly_anded():
    assert root("nvidia amd intel") == And((W("nvidia"), W("amd"), W("intel")))


def test_phrase():
    assert root('"data center"') == P("data center")


def test_phrase_inner_whitespace_collapses():
    assert root('"data \t  center"') == P("data center")


def test_prefix_word_and_phrase():
    assert root("mistr*") == W("mistr", prefix=True)
    assert root('"open sour"*') == P("open sour", prefix=True)


def test_punctuation_only_words_are_dropped():
    assert root("$ mistral -- …") == W("mistral")
    assert root("$830") == W("$830")
    assert root('"$" OR "!!"') is None


def test_quote_inside_word_starts_a_phrase():
    assert root('foo"bar baz"') == And((W("foo"), P("bar baz")))


def test_url_is_a_word_not_a_filter():
    assert root("https://example.com/a") == W("https://example.com/a")


def test_lower_case_or_and_not_are_words():
    assert root("war or peace") == And((W("war"), W("or"), W("peace")))
    assert root("not and") == And((W("not"), W("and")))


def test_positions_are_recorded():
    tree = root('a "b c" tag:x')
    assert [c.position for c in tree.children] == [0, 2, 8]


# -- filters -----------------------------------------------------------------------------------
def test_every_filter_key():
    q = ("tag:AI feed:Reuters group:Wires author:smith is:unread has:enclosure "
         "after:2026-11-01 before:7d")
    assert root(q) == And((
        Filter("tag", "ai"), Filter("feed", "Reuters"), Filter("group", "Wires"),
        Filter("author", "smith"), Filter("is", "unread"), Filter("has", "enclosure"),
        Filter("after", DateValue(day=date(2026, 11, 1))),
        Filter("before", DateValue(days_ago=7))))


@pytest.mark.parametrize("value", ["unread", "read", "starred", "highlighted", "STARRED"])
def test_is_values(value):
    assert root(f"is:{value}") == Filter("is", value.lower())


@pytest.mark.parametrize("value", ["enclosure", "fulltext", "note"])
def test_has_values(value):
    assert root(f"has:{value}") == Filter("has", value)


def test_filter_keys_are_case_insensitive():
    assert root("TAG:ai Is:Unread") == And((Filter("tag", "ai"), Filter("is", "unread")))


def test_quoted_filter_values():
    assert root('tag:"AI Policy" feed:"New York Times"') == And((
        Filter("tag", "ai-policy"), Filter("feed", "New York Times")))


def test_author_value_with_prefix_is_kept():
    assert root("author:smi*") == Filter("author", "smi*")


def test_sort_is_taken_out_of_the_tree():
    assert parse_query("sort:relevance mistral") == Query(W("mistral"), "relevance")
    assert parse_query("mistral sort:date") == Query(W("mistral"), "date")
    assert parse_query("sort:date") == Query(None, "date")


# -- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, value", [
    ("today", DateValue(days_ago=0)), ("yesterday", DateValue(days_ago=1)),
    ("7d", DateValue(days_ago=7)), ("2w", DateValue(days_ago=14)),
    ("TODAY", DateValue(days_ago=0)), ("2026-11-01", DateValue(day=date(2026, 11, 1))),
    ("2026-1-5", DateValue(day=date(2026, 1, 5))),
])
def test_date_values(raw, value):
    assert parse_date_value(raw) == value


def test_date_bound_is_local_midnight_of_now_zone():
    cet = timezone(timedelta(hours=1))
    now = datetime(2026, 11, 10, 0, 30, tzinfo=cet)  # 23:30 UTC the day before
    assert date_bound(DateValue(days_ago=0), now) == datetime(2026, 11, 10, tzinfo=cet)
    assert date_bound(DateValue(days_ago=1), now) == datetime(2026, 11, 9, tzinfo=cet)
    assert date_bound(DateValue(days_ago=7), now) == datetime(2026, 11, 3, tzinfo=cet)
    assert date_bound(DateValue(day=date(2026, 11, 1)), now) == datetime(2026, 11, 1, tzinfo=cet)


# -- operators and precedence ------------------------------------------------------------------
def test_or():
    assert root("nvidia OR amd") == Or((W("nvidia"), W("amd")))


def test_explicit_and_is_the_same_as_implicit():
    assert root("a AND b") == root("a b") == And((W("a"), W("b")))


def test_exclusion_of_word_phrase_filter_and_group():
    assert root("-sports") == Not(W("sports"))
    assert root('-"press release"') == Not(P("press release"))
    assert root("-tag:sports") == Not(Filter("tag", "sports"))
    assert root("-(a OR b)") == Not(Or((W("a"), W("b"))))


def test_not_keyword_excludes():
    assert root("energy NOT oil") == And((W("energy"), Not(W("oil"))))


def test_double_exclusion_cancels():
    assert root("--a") == W("a")
    assert root("NOT -a") == W("a")


def test_dash_inside_a_word_is_not_exclusion():
    assert root("e-mail") == W("e-mail")


def test_lone_dash_is_dropped():
    assert root("a - b") == And((W("a"), W("b")))


def test_and_binds_tighter_than_or():
    assert root("a b OR c") == Or((And((W("a"), W("b"))), W("c")))
    assert root("a OR b c") == Or((W("a"), And((W("b"), W("c")))))


def test_exclusion_binds_tighter_than_and():
    assert root("-a b") == And((Not(W("a")), W("b")))
    assert root("a -b OR c") == Or((And((W("a"), Not(W("b")))), W("c")))


def test_parentheses_override_precedence():
    assert root("a (b OR c)") == And((W("a"), Or((W("b"), W("c")))))
    assert root("(a OR b) (c OR d)") == And((Or((W("a"), W("b"))), Or((W("c"), W("d")))))


def test_nested_groups_flatten():
    assert root("((a))") == W("a")
    assert root("a (b c)") == And((W("a"), W("b"), W("c")))
    assert root("a OR (b OR c)") == Or((W("a"), W("b"), W("c")))


def test_mixed_or_of_words_and_filters():
    assert root("nvidia OR tag:ai") == Or((W("nvidia"), Filter("tag", "ai")))


def test_dropped_side_of_or_leaves_the_other():
    assert root("$ OR mistral") == W("mistral")


def test_minus_glued_or_is_a_word():
    assert root("-OR") == Not(W("OR"))


# -- search terms and match spans --------------------------------------------------------------
def test_search_terms_are_positive_free_words_in_order():
    assert search_terms('mistral "data center" -oil tag:ai nvid* OR mistral') == [
        "mistral", '"data center"', "nvid*"]


def test_search_terms_of_a_bad_query_is_empty():
    assert search_terms('"unclosed') == []


def test_match_spans_words_phrases_prefix_and_stems():
    text = "Mistral's data centers: NVIDIA chips. Café data center."
    spans = match_spans(text, ["mistral", '"data center"', "nvid*", "cafe"])
    assert [text[s:e] for s, e in spans] == ["Mistral", "data centers", "NVIDIA", "Café",
                                            "data center"]


# -- errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize("query, message, position, token", [
    ("colour:red", 'unknown filter "colour:"', 0, "colour:"),
    ("mistral colour:red", 'unknown filter "colour:"', 8, "colour:"),
    ('$830 "x', "unclosed quote", 5, '"x'),
    ('tag:"ai', "unclosed quote", 4, '"ai'),
    ("(a OR b", "unbalanced parenthesis", 0, "("),
    ("a (b (c)", "unbalanced parenthesis", 2, "("),
    ("a OR b)", "unbalanced parenthesis", 6, ")"),
    (")", "unbalanced parenthesis", 0, ")"),
    ("()", "empty parentheses", 0, "()"),
    ("after:2026-13-01", 'bad date "2026-13-01"', 6, "2026-13-01"),
    ("before:2026-02-30", 'bad date "2026-02-30"', 7, "2026-02-30"),
    ("after:soon", 'bad date "soon"', 6, "soon"),
    ("is:unred", "is: expects unread, read, starred or highlighted", 3, "unred"),
    ("a has:pdf", "has: expects enclosure, fulltext or note", 6, "pdf"),
    ("sort:random", "sort: expects date or relevance", 5, "random"),
    ("tag:", "tag: expects a value", 0, "tag:"),
    ("x feed: y", "feed: expects a value", 2, "feed:"),
    ("tag:#", "tag: expects a value", 4, "#"),
    ("OR a", '"OR" needs a search term before it', 0, "OR"),
    ("a OR", '"OR" needs a search term after it', 2, "OR"),
    ("a OR OR b", '"OR" needs a search term after it', 2, "OR"),
    ("(a OR) b", '"OR" needs a search term after it', 3, "OR"),
    ("AND a", '"AND" needs a search term on each side', 0, "AND"),
    ("a AND", '"AND" needs a search term on each side', 2, "AND"),
    ("a NOT", '"NOT" needs a search term after it', 2, "NOT"),
    ("-sort:date", "sort: cannot be excluded", 1, "sort:date"),
])
def test_errors_name_the_token_and_position(query, message, position, token):
    with pytest.raises(QueryError) as info:
        parse_query(query)
    err = info.value
    assert err.message.startswith(message)
    assert (err.position, err.token) == (position, token)
    assert err.category == "query"


def test_error_string_has_column_and_token():
    with pytest.raises(QueryError) as info:
        parse_query("ai colour:red")
    assert str(info.value) == "unknown filter \"colour:\" at column 4 ('colour:')"


def test_control_characters_and_surrogates_keep_offsets():
    assert root("a\x00b\ud800c") == And((W("a"), W("b"), W("c")))
    with pytest.raises(QueryError) as info:
        parse_query('\x1b "x')
    assert info.value.position == 2


# -- property: arbitrary text never raises anything but QueryError ------------------------------
_ALPHABET = st.sampled_from(list('ab -"()*:OR AND NOT tag:is:has:after:7d$\u00e9\x00\ud800\t'))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.lists(_ALPHABET, max_size=30).map("".join)))
def test_parser_only_raises_query_error(text):
    try:
        q = parse_query(text)
    except QueryError as err:
        assert 0 <= err.position <= len(text)
        return
    assert q.sort in (None, "date", "relevance")
