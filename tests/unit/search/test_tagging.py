"""Tag counts, rename/merge/delete on stories and feeds with the FTS column kept in sync, and
tag rules applied to new stories."""

from __future__ import annotations

import pytest

from brief_tui.domain.errors import BriefError, NotFoundError, QueryError
from brief_tui.domain.filters import StoryFilter
from brief_tui.store.tagging import (
    TagRule,
    TagSummary,
    add_rule,
    apply_rules,
    delete_rule,
    delete_tag,
    merge_tags,
    rename_tag,
    stored_rules,
    tag_summary,
)

from .conftest import NOW, select_ids


def tags_text(store) -> dict[int, str]:
    with store.db.read() as conn:
        return dict(conn.execute("SELECT id, tags_text FROM stories ORDER BY id"))


def fts_tags(store, tag) -> list[int]:
    """Ids whose indexed tags_text column contains ``tag`` (proves the index is in sync)."""
    with store.db.read() as conn:
        return sorted(r[0] for r in conn.execute(
            "SELECT rowid FROM stories_fts WHERE stories_fts MATCH ?",
            (f'{{tags_text}} : "{tag}"',)))


def test_summary_counts_story_and_feed_tags(store):
    assert tag_summary(store.db) == [
        TagSummary("ai", 2, 1, 2, 0), TagSummary("chips", 1, 0, 1, 0),
        TagSummary("energy", 1, 0, 1, 0), TagSummary("sports", 2, 1, 0, 1)]


def test_rename_moves_story_and_feed_tags_and_syncs_the_index(store):
    assert rename_tag(store.db, "AI", "Machine Learning") == (2, 0)
    assert tags_text(store)[2] == "chips machine-learning"
    assert fts_tags(store, "ai") == []
    assert fts_tags(store, "machine") == [1, 2]
    assert select_ids(store, StoryFilter(query="tag:machine-learning")) == [1, 2]
    assert rename_tag(store.db, "sports", "sport") == (0, 1)
    assert select_ids(store, StoryFilter(query="tag:sport")) == [5, 4]
    assert select_ids(store, StoryFilter(query="tag:sports")) == []


def test_rename_onto_an_existing_tag_merges(store):
    assert rename_tag(store.db, "chips", "ai") == (1, 0)
    assert tags_text(store)[2] == "ai"
    assert [t.tag for t in tag_summary(store.db)] == ["ai", "energy", "sports"]


def test_merge_several_into_one(store):
    store.set_feed_tags(3, ["energy"], [])
    assert merge_tags(store.db, ["chips", "energy"], "tech") == (2, 1)
    assert tags_text(store) == {1: "ai", 2: "ai tech", 3: "tech", 4: "", 5: "", 6: "", 7: ""}
    assert select_ids(store, StoryFilter(query="tag:tech")) == [6, 2, 7, 3]
    assert fts_tags(store, "tech") == [2, 3]


def test_merge_into_one_of_the_sources(store):
    assert merge_tags(store.db, ["ai", "chips"], "ai") == (1, 0)
    assert tags_text(store)[2] == "ai"


def test_delete_removes_from_stories_and_feeds(store):
    assert delete_tag(store.db, "ai") == (2, 0)
    assert delete_tag(store.db, "sports") == (0, 1)
    assert tags_text(store)[1] == "" and tags_text(store)[2] == "chips"
    assert fts_tags(store, "ai") == []
    assert select_ids(store, StoryFilter(tag="sports")) == []


def test_unknown_and_bad_tags(store):
    with pytest.raises(NotFoundError, match="tag nope: no story or feed has it"):
        rename_tag(store.db, "nope", "x")
    with pytest.raises(NotFoundError):
        delete_tag(store.db, "nope")
    with pytest.raises(BriefError, match="not a valid tag"):
        rename_tag(store.db, "ai", "  #  ")
    assert tags_text(store)[1] == "ai"


# -- rules -------------------------------------------------------------------------------------
def test_rules_tag_matching_new_stories_only(store):
    rules = [TagRule(None, "mistral OR amd", ("ai-labs",)),
             TagRule(None, "has:enclosure", ("audio", "listen")),
             TagRule(None, "colour:red", ("never",))]
    added = apply_rules(store.db, rules, [1, 2, 6], now=NOW)
    assert added == {1: ("ai-labs",), 2: ("ai-labs",), 6: ("ai-labs", "audio", "listen")}
    assert tags_text(store)[6] == "ai-labs audio listen"
    assert tags_text(store)[7] == ""          # matches but was not new
    assert fts_tags(store, "audio") == [6]
    assert apply_rules(store.db, rules, [1, 2, 6], now=NOW) == {}
    assert apply_rules(store.db, rules, [], now=NOW) == {}


def test_stored_rules(store):
    rule = add_rule(store.db, "energy -oil", ["Energy Watch", "energy-watch"])
    assert rule.tags == ("energy-watch",)
    assert stored_rules(store.db) == [TagRule(rule.id, "energy -oil", ("energy-watch",))]
    with pytest.raises(QueryError):
        add_rule(store.db, "is:nope", ["x"])
    with pytest.raises(BriefError, match="at least one tag"):
        add_rule(store.db, "x", [])
    delete_rule(store.db, rule.id)
    assert stored_rules(store.db) == []
    with pytest.raises(NotFoundError):
        delete_rule(store.db, rule.id)
