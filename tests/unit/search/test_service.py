"""The service's search-and-organise API and the `search`/`tags` commands, over two small
feed files imported through the real pipeline (so rules and clusters run after ingest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brief_tui.cli import main
from brief_tui.config import RuleConfig
from brief_tui.domain.errors import BriefError, NotFoundError, QueryError
from brief_tui.domain.filters import StoryFilter

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "search"


def ids_by_title(service) -> dict[str, int]:
    return {r.display_title: r.id for r in service.story_rows(StoryFilter(), limit=50)}


@pytest.fixture
def loaded(service):
    service.config.rules = [RuleConfig(query="mistral -munich", tags=["AI Labs"])]
    service.add_tag_rule("has:enclosure", ["audio"])
    service.import_path(FIX / "alpha.xml")
    service.import_path(FIX / "beta.xml")
    return service


def test_rules_tag_new_stories_on_arrival(loaded):
    by = ids_by_title(loaded)
    tagged = {r.display_title: r.tags for r in loaded.story_rows(StoryFilter(), limit=50)
              if r.tags}
    assert tagged == {"Mistral raises $830 million for data centers": ("ai-labs",),
                      "Podcast: the week in chips": ("audio",)}
    assert [r.id for r in loaded.search("tag:ai-labs")] == [
        by["Mistral raises $830 million for data centers"]]
    assert [(r.query, r.tags) for r in loaded.tag_rules()] == [
        ("mistral -munich", ("ai-labs",)), ("has:enclosure", ("audio",))]


def test_same_story_in_two_feeds_is_one_cluster(loaded):
    by = ids_by_title(loaded)
    a = by["Tesla recalls 125,000 vehicles over seat belt warning issue"]
    b = by["UPDATE 1-Tesla recalls 125,000 vehicles over seat belt warning issue"]
    rows = loaded.list_rows(StoryFilter(collapse_clusters=True))
    assert [r.id for r in rows] == [by["Mistral AI opens an office in Munich"], b,
                                    by["Mistral raises $830 million for data centers"],
                                    by["Energy drink sales fall in Europe"],
                                    by["Podcast: the week in chips"]]
    assert [r.cluster_size for r in rows] == [1, 2, 1, 1, 1]
    assert [(r.id, r.cluster_size) for r in loaded.cluster(a)] == [(b, 2), (a, 2)]
    assert loaded.count(StoryFilter(collapse_clusters=True)) == (5, 5)
    with pytest.raises(NotFoundError):
        loaded.cluster(9999)


def test_mark_read_cluster_follows_the_config(loaded):
    by = ids_by_title(loaded)
    a = by["Tesla recalls 125,000 vehicles over seat belt warning issue"]
    b = by["UPDATE 1-Tesla recalls 125,000 vehicles over seat belt warning issue"]
    assert loaded.mark_read_cluster(a) == 2
    assert loaded.mark_read_cluster(a, read=False) == 2
    loaded.config.reader.cluster_mark_read = False
    assert loaded.mark_read_cluster(b) == 1
    assert [r.read for r in loaded.cluster(a)] == [True, False]


def test_search_rows_terms_and_stories(loaded):
    by = ids_by_title(loaded)
    assert [r.id for r in loaded.search("mistral")] == [
        by["Mistral AI opens an office in Munich"],
        by["Mistral raises $830 million for data centers"]]
    assert [r.id for r in loaded.search("mistral", flt=StoryFilter(unread=True), limit=1,
                                        offset=1)] == [
        by["Mistral raises $830 million for data centers"]]
    assert loaded.search_terms('mistral "data center" -oil tag:x') == ["mistral",
                                                                      '"data center"']
    assert [s.title for s in loaded.search_stories("has:enclosure")] == [
        "Podcast: the week in chips"]
    with pytest.raises(QueryError):
        loaded.search("colour:red")


def test_saved_searches_and_view_counts(loaded):
    loaded.config.searches = {"Labs": "tag:ai-labs", "Broken": "is:nope"}
    loaded.save_search("  Recalls ", "recall*")
    loaded.save_search("Labs", "mistral")
    assert loaded.saved_searches() == [("Labs", "mistral"), ("Broken", "is:nope"),
                                       ("Recalls", "recall*")]
    views = {v.name: (v.count, v.unread) for v in loaded.views() if v.kind == "search"}
    assert views == {"Labs": (2, 2), "Broken": (0, 0), "Recalls": (2, 2)}
    with pytest.raises(QueryError):
        loaded.save_search("Bad", '"unclosed')
    with pytest.raises(BriefError, match="needs a name"):
        loaded.save_search("  ", "x")
    with pytest.raises(NotFoundError, match="config file"):
        loaded.delete_search("Broken")
    loaded.delete_search("Recalls")
    assert [n for n, _ in loaded.saved_searches()] == ["Labs", "Broken"]


def test_tag_organising_through_the_service(loaded):
    feed = loaded.tag_feed(str(FIX / "beta.xml"), ["Beta"], [])
    assert feed.tags == ("beta",)
    assert [t.tag for t in loaded.tag_summary()] == ["ai-labs", "audio", "beta"]
    assert loaded.rename_tag("beta", "wire") == (0, 1)
    assert loaded.merge_tags(["audio", "ai-labs"], "keep") == (2, 0)
    assert loaded.delete_tag("wire") == (0, 1)
    assert [(t.tag, t.stories) for t in loaded.tag_summary()] == [("keep", 2)]


# -- command line ------------------------------------------------------------------------------
def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(capsys, tmp_path):
    d = str(tmp_path / "d")
    code, _, err = run(capsys, "--data-dir", d, "import", str(FIX / "alpha.xml"),
                       str(FIX / "beta.xml"))
    assert code == 0, err
    return d


def test_cli_search_text_and_json(capsys, data_dir):
    code, out, _ = run(capsys, "search", "--data-dir", data_dir, "mistral", "OR", "tesla")
    assert code == 0
    assert [line.split("  ")[-1].strip() for line in out.splitlines()] == [
        "Mistral AI opens an office in Munich",
        "UPDATE 1-Tesla recalls 125,000 vehicles over seat belt warning issue",
        "Mistral raises $830 million for data centers",
        "Tesla recalls 125,000 vehicles over seat belt warning issue"]
    code, out, _ = run(capsys, "search", "--data-dir", data_dir, "--json", "--limit", "1",
                       "--", "-tesla", "mistral")
    stories = json.loads(out)
    assert [s["title"] for s in stories] == ["Mistral AI opens an office in Munich"]
    assert {"id", "feed_url", "title", "tags", "markdown"} <= set(stories[0])


def test_cli_search_error_is_one_line(capsys, data_dir):
    code, out, err = run(capsys, "search", "--data-dir", data_dir, "colour:red")
    assert (code, out) == (1, "")
    assert err == "brief-tui: unknown filter \"colour:\" at column 1 ('colour:')\n"


def test_cli_tags_list_rename_merge_delete(capsys, data_dir):
    assert run(capsys, "tag", "--data-dir", data_dir, "1", "ai", "policy")[0] == 0
    assert run(capsys, "tag", "--data-dir", data_dir, "2", "AI")[0] == 0
    code, out, _ = run(capsys, "tags", "--data-dir", data_dir)
    assert out.split() == ["ai", "2", "stories", "2", "unread",
                           "policy", "1", "stories", "1", "unread"]
    code, out, _ = run(capsys, "tags", "rename", "ai", "Machine Learning", "--data-dir", data_dir)
    assert out == "renamed ai to machine-learning: 2 stories, 0 feeds\n"
    code, out, _ = run(capsys, "tags", "merge", "policy", "machine-learning", "--into", "keep",
                       "--data-dir", data_dir)
    assert out == "merged policy machine-learning into keep: 3 stories, 0 feeds\n"
    code, out, _ = run(capsys, "tags", "feed", str(FIX / "beta.xml"), "wire",
                       "--data-dir", data_dir)
    assert out.endswith("beta.xml: tags wire\n")
    data = json.loads(run(capsys, "tags", "--json", "--data-dir", data_dir)[1])
    assert data == [{"tag": "keep", "stories": 2, "unread": 2, "tagged": 2, "feeds": 0},
                    {"tag": "wire", "stories": 3, "unread": 3, "tagged": 0, "feeds": 1}]
    code, out, _ = run(capsys, "tags", "delete", "keep", "--data-dir", data_dir)
    assert out == "deleted keep: 2 stories, 0 feeds\n"
    code, _, err = run(capsys, "tags", "delete", "keep", "--data-dir", data_dir)
    assert code == 1 and "no story or feed has it" in err
