"""Markdown to plain text (used for briefing bodies written in Markdown)."""

from __future__ import annotations

import pytest

from brief_tui.parse.markdown_text import markdown_to_text


@pytest.mark.parametrize("md, text", [
    ("Plain *em* and **strong** and `code`.", "Plain em and strong and code."),
    ("See [the filing](https://example.com/f) now.", "See the filing now."),
    ("First para\nsoft wrapped.\n\nSecond para.", "First para soft wrapped.\n\nSecond para."),
    ("Line one\\\nline two", "Line one\nline two"),
    ("# Heading\n\nBody.", "Heading\n\nBody."),
    ("- a\n- b\n  - nested", "- a\n- b\n  - nested"),
    ("3. three\n4. four", "3. three\n4. four"),
    ("> quoted text", "quoted text"),
    ("```\ncode block\n```", "code block"),
    ("<div>raw &amp; html</div>", "raw & html"),
    ("![chart of revenue](x.png)", "chart of revenue"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"),
    ("~~gone~~ kept", "gone kept"),
    ("Fish &amp; chips &copy;", "Fish & chips ©"),
    ("Para.\n\n\n\n---\n\nAfter rule.", "Para.\n\nAfter rule."),
    ("", ""),
    ("   \n  ", ""),
])
def test_markdown_to_text(md, text):
    assert markdown_to_text(md) == text


def test_terminal_escapes_are_removed():
    assert markdown_to_text("Red \x1b[31mtext\x1b[0m and &#27;[2J") == "Red text and [2J"


def test_urls_are_dropped_but_link_text_kept():
    out = markdown_to_text("Read [Reuters](https://reuters.example/x) and <https://a.example/b>.")
    assert out == "Read Reuters and https://a.example/b."
