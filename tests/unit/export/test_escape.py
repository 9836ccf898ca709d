"""Markdown escaping of feed text, links and Obsidian tags; checked against a CommonMark parser."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from brief_tui.export.escape import (
    clean,
    md_autolink,
    md_escape,
    md_link,
    md_quote,
    obsidian_tag,
    obsidian_tags,
    safe_url,
)

MD = MarkdownIt("commonmark")


def rendered_text(markdown: str) -> tuple[str, set[str]]:
    """The text a CommonMark reader shows for ``markdown`` and the token kinds it made."""
    kinds: set[str] = set()
    out: list[str] = []
    for tok in MD.parse(markdown):
        kinds.add(tok.type)
        if tok.type == "inline" and out:
            out.append("\n")
        for child in tok.children or ():
            kinds.add(child.type + (":autolink" if child.markup == "autolink" else ""))
            if child.type == "text":
                out.append(child.content)
            elif child.type == "softbreak":
                out.append("\n")
    return "".join(out), kinds


@pytest.mark.parametrize(("text", "expected"), [
    ("[bold]x[/bold]", "\\[bold\\]x\\[/bold\\]"),
    ("[@click=app.quit]x", "\\[@click=app.quit\\]x"),
    ("a[0] and b[i]", "a\\[0\\] and b\\[i\\]"),
    ("![img](https://e.com/x.png)", "\\!\\[img\\](<https://e.com/x.png>)"),
    ("Hello! World", "Hello! World"),
    ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
    ("&amp; &copy &#27; AT&T & co", "\\&amp; \\&copy \\&\\#27; AT\\&T & co"),
    ("`code` *em* _em_ a|b", "\\`code\\` \\*em\\* \\_em\\_ a\\|b"),
    ("$5 and $10", "\\$5 and \\$10"),
    ("%%hidden%% 50% ==mark== a=b", "\\%\\%hidden\\%\\% 50% \\=\\=mark\\=\\= a=b"),
    ("^block ~~gone~~ #tag", "\\^block \\~\\~gone\\~\\~ \\#tag"),
    ("back\\slash \\[x]", "back\\\\slash \\\\\\[x\\]"),
    ("# h\n> q\n- i\n+ j\n1. k\n2) l\n    code\n---\n===\n-5% 2.3x",
     "\\# h\n\\> q\n\\- i\n\\+ j\n1\\. k\n2\\) l\ncode\n\\---\n\\=\\=\\=\n-5% 2.3x"),
    ("see https://e.com/a_b#c, then (https://e.com/x_(y)).",
     "see <https://e.com/a_b#c>, then (<https://e.com/x_(y)>)."),
    ("[link=https://evil.example/]Click[/link]",
     "\\[link=<https://evil.example/>\\]Click\\[/link\\]"),
    ("bell\x07 esc \x1b[31mred\x1b[0m cr\rx", "bell esc red cr\nx"),
    (None, ""),
])
def test_md_escape_exact(text, expected):
    assert md_escape(text) == expected


@pytest.mark.parametrize("text", [
    "[bold]x[/bold]", "[@click=app.quit]x", "a[0] and b[i]", "Unclosed bracket [b + tail",
    "[link=https://evil.example/]Click me[/link]", "Stray closer [/] here",
    "Backslash \\[escaped] text", '[red on white]Styled?[/] ["list", 1] [#ff0000]hex[/]',
    "[[double]] brackets and [/bold] mismatched",
])
def test_b34_markup_like_titles_render_verbatim(text):
    shown, kinds = rendered_text(md_escape(text))
    assert shown == text
    assert kinds <= {"paragraph_open", "inline", "paragraph_close", "text", "link_open:autolink",
                     "link_close:autolink"}


def test_urls_become_autolinks_that_show_their_target():
    shown, kinds = rendered_text(md_escape("go to https://e.com/a b"))
    assert shown == "go to https://e.com/a b"
    assert "link_open:autolink" in kinds


def test_md_quote_prefixes_every_line():
    assert md_quote("a\n\nb") == "> a\n>\n> b"


def test_links_and_autolinks():
    assert md_autolink("https://e.com/a b<c>") == "<https://e.com/a%20b%3Cc%3E>"
    assert md_autolink("javascript:alert(1)") == "javascript:alert(1)"
    assert md_autolink("file:///etc/[x]") == "file:///etc/\\[x\\]"
    assert md_link("[x] site", "https://e.com/?a=1&copy=2") == \
        "[\\[x\\] site](<https://e.com/?a=1\\&copy=2>)"
    assert md_link("site", "ftp://x") == "site"
    assert safe_url("https://e.com/{a}|^`\\") == "https://e.com/%7Ba%7D%7C%5E%60%5C"


@pytest.mark.parametrize(("tag", "expected"), [
    ("ai", "ai"), ("AI Policy", "ai-policy"), ("c++", "c"), ("1984", "_1984"),
    ("ai/policy", "ai/policy"), ("/a//b/", "a/b"), ("état", "état"), ("a#b", "a-b"),
    ("日本", "日本"), ("---", ""), ("x\x1b[31m", "x"),
])
def test_obsidian_tags(tag, expected):
    assert obsidian_tag(tag) == expected


def test_obsidian_tags_sorted_unique():
    assert obsidian_tags(["b", "A", "a", "+", "c++", "c"]) == ["a", "b", "c"]


_ALLOWED = {"paragraph_open", "inline", "paragraph_close", "text", "softbreak",
            "link_open:autolink", "link_close:autolink"}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_property_one_line_renders_as_itself(text):
    line = clean(text).replace("\n", " ")
    shown, kinds = rendered_text(md_escape(line))
    assert kinds <= _ALLOWED
    assert unquote(shown).strip() == unquote(line).strip()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("#>-+=*_`~|[]()!<&;:1.) \t\n\\$%^ahx/") + [
    "https://e.com/", "1. ", "---", "    ", "&amp;", "<b>", "![", "](", "\n\n", "```"])
    | st.characters(), max_size=40).map("".join))
def test_property_lines_make_no_block_or_inline_markup(text):
    shown, kinds = rendered_text(md_escape(text))
    assert kinds <= _ALLOWED
    lines = [line.strip(" \t") for line in clean(text).split("\n")]
    expected = " ".join(line for line in lines if line)
    assert " ".join(unquote(shown).split()) == " ".join(unquote(expected).split())
