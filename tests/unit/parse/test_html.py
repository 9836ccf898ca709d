"""sanitise_html, html_to_text, html_to_line, html_to_markdown, html_links."""

from __future__ import annotations

from brief_tui.parse.html import (
    html_links, html_to_line, html_to_markdown, html_to_text, sanitise_html, unwrap_cdata,
)


def test_sanitise_drops_scripts_styles_handlers_and_bad_schemes():
    out = sanitise_html('<p onclick="x()">Hi<script>alert(1)</script><style>p{}</style>'
                        '<a href="javascript:alert(2)">bad</a><a href="data:text/html,x">d</a>'
                        '<iframe src="https://e.com/">frame</iframe><svg><text>s</text></svg></p>')
    assert out == "<p>Hi<a>bad</a><a>d</a></p>"


def test_sanitise_resolves_relative_urls_and_keeps_absolute_ones():
    out = sanitise_html('<a href="x/y">l</a><img src="/i.png" alt="i">'
                        '<a href="https://other.example/z">o</a>',
                        "https://example.com/feeds/f.xml")
    assert out == ('<a href="https://example.com/feeds/x/y">l</a>'
                   '<img src="https://example.com/i.png" alt="i">'
                   '<a href="https://other.example/z">o</a>')
    assert sanitise_html('<a href="x">l</a>', None) == '<a href="x">l</a>'


def test_sanitise_removes_controls_decoded_from_references():
    assert sanitise_html("<p>a&#27;[2Jb&#7;c&#x1b;]0;t&#7;d</p>") == "<p>abcd</p>"


def test_sanitise_empty():
    assert sanitise_html("") == "" and sanitise_html(None) == "" and sanitise_html("  ") == ""


def test_html_to_text_paragraphs_lists_tables_pre():
    html = ("Intro <b>text</b><p>Para   one\nwrapped.</p><p>Two &amp; <a href='x'>link</a>"
            "</p><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul>"
            "<ol start='3'><li>c</li><li>d</li></ol><pre>  code\n    more</pre>a<br>b"
            "<table><tr><th>h1</th><th>h2</th></tr><tr><td>1</td><td>2</td></tr></table>"
            "<script>no</script><!-- c -->end")
    assert html_to_text(html) == (
        "Intro text\n\nPara one wrapped.\n\nTwo & link\n\n- one\n- two\n  - nested\n\n"
        "3. c\n4. d\n\n  code\n    more\n\na\nb\n\nh1 | h2\n1 | 2\n\nend")


def test_html_to_text_plain_and_entities():
    assert html_to_text("just text") == "just text"
    assert html_to_text("I&#8217;ve &lt;tags&gt;") == "I’ve <tags>"
    assert html_to_text("") == "" and html_to_text(None) == ""
    assert html_to_text("<p></p>") == ""
    assert html_to_text("<p>a&#27;[31mb</p>") == "ab"


def test_html_to_line():
    assert html_to_line("XHTML <em>feed</em> title") == "XHTML feed title"
    assert html_to_line("<p>One</p><p>Two</p>") == "One Two"
    assert html_to_line("AT&amp;T") == "AT&T"
    assert html_to_line("plain") == "plain"


def test_unwrap_cdata_keeps_content_as_html():
    assert unwrap_cdata("<![CDATA[some <b>text</b>]]>") == "some <b>text</b>"
    assert unwrap_cdata("no cdata") == "no cdata"


def test_html_to_markdown():
    md = html_to_markdown('<h2>Head</h2><p>Some <b>bold</b> and <a href="https://e.com/">a link'
                          '</a>.<br>Next line</p><ul><li>one</li><li>two</li></ul>')
    assert md == ("## Head\n\nSome **bold** and [a link](https://e.com/).\\\nNext line\n\n"
                  "- one\n- two")
    assert html_to_markdown("") == ""
    assert "\x1b" not in html_to_markdown("<p>a&#27;[31mb</p>")


def test_html_links():
    assert html_links('<a href="https://e.com/a">A</a> <a href="javascript:x">J</a>'
                      '<a href="mailto:x@e.com"></a>') == [
        ("A", "https://e.com/a"), ("mailto:x@e.com", "mailto:x@e.com")]
    assert html_links("") == []
