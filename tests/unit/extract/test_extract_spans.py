"""Sentence and paragraph spans."""

from __future__ import annotations

from brief_tui.extract import paragraph_spans, sentence_spans


def texts(text, spans):
    return [text[s:e] for s, e in spans]


def test_sentences_split_on_line_breaks_and_punctuation():
    text = ("Heading without a stop\nMr. Cook said Apple Inc. would spend $1.2bn in the U.S. "
            "on Tuesday. Revenue hit ¥2 trillion.\n\n  Why it matters: it is big.  \n")
    assert texts(text, sentence_spans(text)) == [
        "Heading without a stop",
        "Mr. Cook said Apple Inc. would spend $1.2bn in the U.S. on Tuesday.",
        "Revenue hit ¥2 trillion.",
        "Why it matters: it is big."]


def test_sentence_spans_are_ordered_trimmed_and_inside_the_text():
    text = "One. Two!  Three?\n\nFour"
    spans = sentence_spans(text)
    assert texts(text, spans) == ["One.", "Two!", "Three?", "Four"]
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_paragraph_spans():
    text = "\n\nFirst para\nstill first.\n \nSecond.\n\n\n\nThird.  \n"
    assert texts(text, paragraph_spans(text)) == [
        "First para\nstill first.", "Second.", "Third."]


def test_empty_text():
    assert sentence_spans("") == [] and sentence_spans(" \n ") == []
    assert paragraph_spans("") == [] and paragraph_spans("\n\n") == []
