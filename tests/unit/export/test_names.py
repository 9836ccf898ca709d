"""Safe file names: traversal, absolute paths, NUL, reserved names, byte limits, repeats."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brief_tui.export.names import (
    MAX_STEM_BYTES,
    NameSet,
    check_relative,
    cut_utf8,
    safe_stem,
    slugify,
)


@pytest.mark.parametrize(("title", "expected"), [
    ("Acme Corp raises $40m!", "acme-corp-raises-40m"),
    ("../../etc/passwd", "etc-passwd"),
    ("/etc/passwd", "etc-passwd"),
    ("C:\\Windows\\system32", "c-windows-system32"),
    ("a\x00b\x1b[31mc", "abc"),
    ("  .hidden.  ", "hidden"),
    ("Café crème", "café-crème"),
    ("Cafe\u0301", "café"),
    ("हिन्दी समाचार", "हिन्दी-समाचार"),
    ("批踢踢實業坊 movie 板", "批踢踢實業坊-movie-板"),
    ("📚 Reading list", "reading-list"),
    ("snake_case", "snake_case"),
    ("", ""),
])
def test_slugify(title, expected):
    assert slugify(title) == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("CON", "con_"), ("nul", "nul_"), ("Com1", "com1_"), ("LPT9", "lpt9_"),
    ("Console", "console"), ("!!!", "story-9"), ("", "story-9"),
])
def test_safe_stem(title, expected):
    assert safe_stem(title, "story-9") == expected


def test_long_titles_are_cut_at_a_byte_limit_between_code_points():
    stem = slugify("é" * 300)
    assert stem == "é" * (MAX_STEM_BYTES // 2)
    assert len(slugify("中" * 300).encode()) == 120
    assert slugify("a" + "中" * 300) == "a" + "中" * 39
    # a combining mark is never separated from its base letter
    assert cut_utf8("ab\u0301", 3) == "a"
    assert cut_utf8("👨\u200d👩", 5) == ""


def test_repeats_get_numbered_case_insensitively():
    names = NameSet()
    assert [names.add(s) for s in ("a", "a", "A", "b", "a")] == \
        ["a.md", "a-2.md", "A-3.md", "b.md", "a-4.md"]
    long = NameSet()
    first, second = long.add("x" * 120), long.add("x" * 120)
    assert first == "x" * 120 + ".md" and second == "x" * 118 + "-2.md"


@pytest.mark.parametrize("bad", ["", "../a.md", "a/../b.md", "/abs.md", "a\\b.md", "a\x00.md",
                                 "c:x.md", "a//b.md", "./a.md"])
def test_check_relative_rejects(bad):
    with pytest.raises(ValueError):
        check_relative(bad)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_any_title_gives_one_safe_component(title):
    name = NameSet().add(safe_stem(title, "story-1"))
    check_relative(name)
    assert "/" not in name and not name.startswith((".", "-"))
    assert len(name.encode("utf-8")) <= MAX_STEM_BYTES + 3
