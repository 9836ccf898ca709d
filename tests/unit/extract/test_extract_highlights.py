"""extract_highlights: the seed briefing, ordering, anchors, determinism."""

from __future__ import annotations

from pathlib import Path

from brief_tui.domain.models import HIGHLIGHT_KINDS, Highlight
from brief_tui.extract import EXTRACTOR_VERSION, extract_highlights, sentence_spans
from brief_tui.parse.briefing import parse_briefing

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "briefings"


def seed():
    entry = parse_briefing((FIXTURES / "mistral_numbered_item.txt").read_bytes(),
                           url="file:///mistral.txt").entries[0]
    return entry.text, entry.title


def by_kind(hl: list[Highlight], kind: str) -> list[str]:
    return [h.text for h in hl if h.kind == kind]


def test_seed_briefing_highlights():
    text, title = seed()
    hl = extract_highlights(text, title=title)
    assert by_kind(hl, "figure") == ["$830 million"]
    orgs = by_kind(hl, "organisation")
    for name in ("Mistral AI", "Nvidia", "General Catalyst", "Andreessen Horowitz",
                 "Microsoft Azure", "AWS"):
        assert name in orgs
    assert orgs == ["Mistral AI", "Nvidia", "OpenAI", "Google DeepMind", "Anthropic",
                    "General Catalyst", "Andreessen Horowitz", "Microsoft Azure", "AWS", "xAI",
                    "Meta"]
    assert by_kind(hl, "place") == ["Paris", "Europe", "Memphis", "EU"]
    assert by_kind(hl, "person") == []
    sentences = by_kind(hl, "sentence")
    assert sentences[0].startswith("This shift matters because compute access has been the "
                                   "quiet constraint")
    assert sentences[1].startswith("Mistral AI has raised $830 million")
    assert sentences[2].startswith("The broader signal here is that the frontier AI race")


def test_anchors_are_sentences_of_the_first_mention():
    text, title = seed()
    spans = set(sentence_spans(text))
    hl = extract_highlights(text, title=title)
    for h in hl:
        assert (h.start, h.end) in spans
        if h.kind == "sentence":
            assert text[h.start:h.end] == h.text
        elif h.kind == "keyword":
            assert h.text.casefold() in text[h.start:h.end].casefold()
        elif h.kind == "figure":
            assert h.text in text[h.start:h.end]
    aws = next(h for h in hl if h.text == "AWS")
    assert text[aws.start:aws.end].startswith("The losers in the short term are hyperscalers")


def test_ordering_and_ranks():
    text, title = seed()
    hl = extract_highlights(text, title=title)
    order = [HIGHLIGHT_KINDS.index(h.kind) for h in hl]
    assert order == sorted(order)
    for kind in {h.kind for h in hl}:
        assert [h.rank for h in hl if h.kind == kind] == list(range(sum(
            1 for h in hl if h.kind == kind)))
    orgs = [h for h in hl if h.kind == "organisation"]
    assert [h.score for h in orgs] == sorted((h.score for h in orgs), reverse=True)


def test_deterministic():
    text, title = seed()
    assert extract_highlights(text, title=title) == extract_highlights(text, title=title)


def test_keywords_do_not_repeat_entities_or_figures():
    text, title = seed()
    hl = extract_highlights(text, title=title)
    keywords = [k.casefold() for k in by_kind(hl, "keyword")]
    assert keywords
    entity_words = {w.casefold() for h in hl if h.kind in ("organisation", "place")
                    for w in h.text.split()}
    assert not any(set(k.split()) & (entity_words - {"ai"}) for k in keywords)
    assert len(keywords) == len(set(keywords)) <= 8
    assert not any(ch.isdigit() for k in keywords for ch in k)


def test_labelled_why_paragraph_is_the_first_sentence():
    text = ("Lumen Robotics closed a $95 million Series C led by Brightline Ventures.\n\n"
            "Why it matters: Warehouse automation is moving from pilots to fleets.")
    hl = extract_highlights(text, title="Lumen Robotics raises $95 million")
    assert by_kind(hl, "sentence") == [
        "Why it matters: Warehouse automation is moving from pilots to fleets.",
        "Lumen Robotics closed a $95 million Series C led by Brightline Ventures."]
    assert by_kind(hl, "organisation") == ["Lumen Robotics", "Brightline Ventures"]
    assert by_kind(hl, "figure") == ["$95 million"]


def test_people_and_figure_ranking():
    text = ("Ardent Labs will cut 300 jobs, about 12% of staff, CEO Maya Lind said. "
            "The company has 2,500 employees and revenue of $40 million.")
    hl = extract_highlights(text, title="Ardent Labs Cuts 300 Jobs")
    assert by_kind(hl, "person") == ["Maya Lind"]
    # the lede's figures (and the one the headline repeats) outrank later money
    assert by_kind(hl, "figure") == ["300 jobs", "12%", "$40 million", "2,500 employees"]


def test_empty_and_whitespace():
    assert extract_highlights("") == []
    assert extract_highlights("  \n\n ") == []


def test_version_is_an_int():
    assert isinstance(EXTRACTOR_VERSION, int) and EXTRACTOR_VERSION >= 1


def test_same_output_in_every_process():
    """yake-rust orders ties by hash; the extractor must not pass that on (the store compares
    stored highlights with fresh ones)."""
    import os
    import subprocess
    import sys

    code = ("import sys; from brief_tui.extract import extract_highlights; "
            "print(repr(extract_highlights(sys.stdin.read(), title='T')))")
    text, _ = seed()
    outputs = set()
    for hash_seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        run = subprocess.run([sys.executable, "-c", code], input=text, text=True,
                             capture_output=True, env=env, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
