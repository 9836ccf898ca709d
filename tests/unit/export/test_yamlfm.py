"""YAML front matter: quoting of any string, and the shapes written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief_tui.export.yamlfm import front_matter, yaml_scalar, yaml_string
from tests.unit.export.yamlcheck import YamlError, double_quoted, scalar
from tests.unit.export.yamlcheck import front_matter as read_front_matter


@pytest.mark.parametrize(("text", "expected"), [
    ("Example News", "Example News"),
    ("Briefing 2026-11-29", "Briefing 2026-11-29"),
    ("ai/policy", "ai/policy"),
    ("yes", '"yes"'), ("No", '"No"'), ("null", '"null"'), ("off", '"off"'),
    ("2026-11-29", '"2026-11-29"'), ("1984", '"1984"'), ("0x1f", '"0x1f"'),
    ("", '""'), ("a ", '"a "'), (" a", '" a"'),
    ("Tag: ai", '"Tag: ai"'), ("a #b", '"a #b"'), ("- item", '"- item"'),
    ("[bold]x[/bold]", '"[bold]x[/bold]"'), ("&anchor", '"&anchor"'), ("*alias", '"*alias"'),
    ('say "hi" \\ back', '"say \\"hi\\" \\\\ back"'),
    ("tab\there", '"tab\\there"'), ("line\nbreak", '"line\\nbreak"'),
    ("esc\x1b bel\x07 c1\x9b del\x7f", '"esc\\x1B bel\\x07 c1\\x9B del\\x7F"'),
    ("nel\x85 ls\u2028 ps\u2029 bom\ufeff", '"nel\\N ls\\L ps\\P bom\\uFEFF"'),
    ("nonchar\ufffe \U0001f600", '"nonchar\\uFFFE \U0001f600"'),
    ("café", '"café"'),
])
def test_yaml_string_quotes_what_needs_it(text, expected):
    assert yaml_string(text) == expected
    assert scalar(expected) == text


def test_lone_surrogates_become_replacement_characters():
    assert yaml_string("a\ud800b") == '"a\ufffdb"'


def test_scalars():
    assert yaml_scalar(None) == "null"
    assert yaml_scalar(True) == "true"
    assert yaml_scalar(42) == "42"
    assert yaml_scalar(date(2026, 11, 29)) == "2026-11-29"
    assert yaml_scalar(datetime(2026, 11, 29, 9, 30, 5, 123, tzinfo=UTC)) == \
        "2026-11-29T09:30:05Z"
    with pytest.raises(TypeError):
        yaml_scalar(1.5)


def test_front_matter_block():
    text = front_matter({"title": "A: b", "tags": ["ai", "1984"], "none": [], "id": 7,
                         "published": None})
    assert text == ('---\ntitle: "A: b"\ntags:\n  - ai\n  - "1984"\nnone: []\nid: 7\n'
                    'published: null\n---')
    assert read_front_matter(text + "\n") == {"title": "A: b", "tags": ["ai", "1984"],
                                              "none": [], "id": 7, "published": None}


def test_front_matter_rejects_bad_keys():
    with pytest.raises(TypeError):
        front_matter({"a b": 1})


def test_checker_rejects_what_yaml_would_misread():
    assert scalar("1984") == 1984
    for bad in ("yes", "1e3", "a: b", "- x", "[x]", "x #y", "a:"):
        with pytest.raises(YamlError):
            scalar(bad)
    with pytest.raises(YamlError):
        double_quoted('"raw\x1bescape"')


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_property_any_string_round_trips(text):
    written = yaml_string(text)
    assert "\n" not in written
    assert scalar(written) == text
