"""Whole-file rendering: a story, a collection, today's briefing, --split names, hostile text."""

from __future__ import annotations

import re
from datetime import date

from brief_tui.domain.models import Highlight
from brief_tui.export import (
    ExportItem,
    ExportSelection,
    export_name,
    plan_files,
    render_collection,
    render_story,
)
from tests.unit.export.conftest import expect_file, story
from tests.unit.export.samples import acme, beta, delta, gamma

TODAY = ExportSelection.today(date(2026, 11, 29))
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def test_single_story_with_figures_highlights_note_and_tags():
    expect_file("story-acme.md", render_story(acme()))


def test_single_story_is_deterministic():
    assert render_story(acme()) == render_story(acme())


def test_collection_for_a_tag():
    text = render_collection([acme(), beta()], ExportSelection.of_tag("energy"))
    expect_file("tag-energy.md", text)


def test_today_briefing_groups_by_tag():
    text = render_collection([acme(), beta(), gamma(), delta()], TODAY)
    expect_file("brief-2026-11-29.md", text)


def test_today_places_each_story_once_under_its_first_tag():
    text = render_collection([acme(), beta(), gamma(), delta()], TODAY)
    headings = [line for line in text.splitlines() if line.startswith("##")]
    assert headings[:3] == ["## ai", "### Acme Corp raises \\$40 million for grid batteries",
                            "#### Key figures"]
    assert [h for h in headings if h.startswith("## ") or h.startswith("### ")] == [
        "## ai", "### Acme Corp raises \\$40 million for grid batteries",
        "### Delta AI releases a model", "## energy", "### Beta Labs opens office in Berlin",
        "## Untagged", "### Gamma Grid signs 300 MW deal"]


def test_split_file_names_and_contents():
    items = [acme(), beta(), ExportItem(story(50, "Beta Labs opens office in Berlin")),
             ExportItem(story(51, "../../etc/passwd")), ExportItem(story(52, "CON")),
             ExportItem(story(53, "/absolute/path\x00nul")), ExportItem(story(54, "!!!"))]
    plan = plan_files(items, ExportSelection.of_ids([i.story.id for i in items]), split=True)
    assert [name for name, _ in plan] == [
        "acme-corp-raises-40-million-for-grid-batteries.md",
        "beta-labs-opens-office-in-berlin.md", "beta-labs-opens-office-in-berlin-2.md",
        "etc-passwd.md", "con_.md", "absolute-pathnul.md", "story-54.md"]
    assert plan[0][1] == render_story(acme())


def test_split_today_follows_document_order():
    plan = plan_files([acme(), beta(), gamma(), delta()], TODAY, split=True)
    assert [n for n, _ in plan] == [
        "acme-corp-raises-40-million-for-grid-batteries.md", "delta-ai-releases-a-model.md",
        "beta-labs-opens-office-in-berlin.md", "gamma-grid-signs-300-mw-deal.md"]


def test_default_file_names_from_the_selection():
    assert plan_files([acme(), beta()], TODAY)[0][0] == "brief-2026-11-29.md"
    assert plan_files([acme()], ExportSelection.of_tag("AI Policy"))[0][0] == \
        "tag-ai-policy.md"
    assert plan_files([acme()], ExportSelection.of_query('"raised" tag:ai'))[0][0] == \
        "search-raised-tag-ai.md"
    assert plan_files([acme()], ExportSelection.of_ids([42]))[0] == (
        "acme-corp-raises-40-million-for-grid-batteries.md", render_story(acme()))
    assert export_name([beta(), acme()], ExportSelection.of_ids([43, 42])) == \
        "beta-labs-opens-office-in-berlin-and-1-more"


def test_several_ids_make_a_collection_in_the_given_order():
    expect_file("stories-ids.md",
                render_collection([beta(), acme()], ExportSelection.of_ids([43, 42])))


HOSTILE_TEXT = (
    "Body with [italic]markup-like[/italic] text and [0] index. "
    "Array access a[0] and b[i] in C. [link=https://evil.example/]Click me[/link] "
    "[@click=app.quit]Press me[/] and ![img](https://evil.example/x.png) "
    "<script>alert(1)</script> &lt;b&gt; `code` *em* _em_ | table | $5 %%hidden%% ==mark== "
    "^block [[wiki]] \\[escaped] ~~gone~~\n\n"
    "Read \x1b]8;;https://evil.example/\x07here\x1b]8;;\x07 and \x1b[2Jcleared\n"
    "first\rsecond \x08 \x9b2J C1 \x9b31mCSI\x9b0m and \x85NEL Bell\x07\n"
    "# heading\n> quote\n- item\n    code\n---")


def test_b34_b33_hostile_titles_and_text_export_literally():
    s = story(60, "[bold]Not actually bold[/bold] \x1b[31mRED\x1b[0m", text=HOSTILE_TEXT,
              feed_title="Esc\x1b[2Japes [@click=app.quit]x", tags=("c++", "1984", "ai/policy"),
              link="https://example.com/p?a=<b>&c=d e", note="Note with \x1b[31mred\x07")
    hl = Highlight("user", "a[0] and b[i]", 0, 5, 0, id=1, note="see [i]\x9b")
    text = render_story(ExportItem(s, (hl,)))
    expect_file("hostile.md", text)
    assert CONTROLS.search(text) is None
    assert "\\[bold\\]Not actually bold\\[/bold\\] RED" in text
    assert "a\\[0\\] and b\\[i\\]" in text and "\\[@click=app.quit\\]Press me\\[/\\]" in text


def test_b33_controls_never_reach_the_file_from_any_field():
    nasty = "x\x1b[2J\x07\x08\r\x9b\x85\x00\x7f\u202ey"
    s = story(61, nasty, text=nasty, summary=nasty, feed_title=nasty, note=nasty,
              authors=(nasty,), tags=(nasty,), link=nasty)
    h = Highlight("user", nasty, 0, 3, 0, id=2, note=nasty)
    f = Highlight("figure", nasty, 0, 3, 0)
    for text in (render_story(ExportItem(s, (h, f))),
                 render_collection([ExportItem(s, (h, f))], TODAY)):
        assert CONTROLS.search(text) is None
        assert "\u202e" not in text


def test_b41_fulltext_unavailable_exports_the_feed_summary():
    s = story(70, "Quarterly garden report", text="", summary="Teaser: tomatoes did well.",
              link="http://127.0.0.1:8000/b41/article.html", fulltext_status="unavailable",
              feed_title="Fixture Feed")
    expect_file("b41-summary.md", render_story(ExportItem(s)))


def test_fulltext_is_preferred_when_fetched():
    s = story(71, "Full", text="Feed teaser.", fulltext_status="ok",
              fulltext_text="The whole article.\n\nSecond paragraph.")
    text = render_story(ExportItem(s))
    assert "The whole article.\n\nSecond paragraph.\n" in text and "Feed teaser" not in text
