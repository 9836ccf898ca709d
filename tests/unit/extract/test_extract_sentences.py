"""Key sentences: the "why it matters" sentence first, then the lede."""

from __future__ import annotations

import pytest

from brief_tui.extract import paragraph_spans, sentence_spans
from brief_tui.extract.sentences import cue_score, key_sentences


def pick(text: str, title: str = "") -> list[tuple[str, str]]:
    keys = key_sentences(text, sentence_spans(text), paragraph_spans(text), title=title)
    return [(k.role, text[k.start:k.end]) for k in keys]


@pytest.mark.parametrize("sentence", [
    "This shift matters because compute access is scarce.",
    "Why it matters: the deal doubles the fleet.",
    "The broader signal is that lenders now treat GPUs as collateral.",
    "The decision matters for every chipmaker in Asia.",
    "It is the clearest sign yet that rents are rising.",
    "For creditors, this is the number to watch.",
    "The significance is strategic rather than commercial.",
])
def test_cues(sentence):
    assert cue_score(sentence) >= 2.0


@pytest.mark.parametrize("sentence", [
    "The company reported revenue of $3 billion.",
    "Shares rose 4% in Seoul.",
    "",
])
def test_no_cue(sentence):
    assert cue_score(sentence) == 0.0


def test_why_lede_and_second_why():
    text = ("Orion raised $2 billion for a data centre. It plans to open in 2027.\n\n"
            "The move matters because power is scarce. Analysts agree.\n\n"
            "The broader signal is that builders now finance power directly.")
    assert pick(text, title="Orion raises $2 billion") == [
        ("why", "The move matters because power is scarce."),
        ("lede", "Orion raised $2 billion for a data centre."),
        ("why", "The broader signal is that builders now finance power directly.")]


def test_without_a_cue_only_the_lede():
    text = "Quartz Bank reported a profit of €2.1bn, up 18%. Costs fell 3%."
    assert pick(text, title="Quartz Bank Posts Record Profit") == [
        ("lede", "Quartz Bank reported a profit of €2.1bn, up 18%.")]


def test_empty():
    assert key_sentences("", [], []) == []
