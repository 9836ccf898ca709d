"""The per-entry helpers made faster for issue 7 give exactly what they gave before: HTML to
text (one recursive pass instead of lxml iterwalk events plus a join), sanitised_text, the
canonical-date fast path, and author names without an address."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from brief_tui.domain.text import clean_line, clean_text, tidy_paragraphs
from brief_tui.parse.dates import parse_date
from brief_tui.parse.fields import html_body
from brief_tui.parse.html import (
    _bullet,
    _list_start,
    _parse_fragment,
    _row_has_cell_before,
    html_to_line,
    html_to_text,
    sanitise_html,
    sanitised_text,
    unwrap_cdata,
)
from brief_tui.parse.identity import _ADDR_ONLY, _ADDR_PAREN, _ANY_ADDR, _NAME_ADDR, author_name
from tests.unit.parse.conftest import PARSE_FIXTURES

# -- the algorithm html_to_text had before issue 7, kept here as the reference ----------------

_PARAGRAPH = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
    "figure", "figcaption", "hr", "address", "details", "form", "fieldset", "center",
    "body", "html",
})
_LISTS = frozenset({"ul", "ol"})
_LINE = frozenset({"li", "dt", "dd", "tr", "caption", "summary", "option"})
_CELL = frozenset({"td", "th"})
_SKIP = frozenset({"script", "style", "template", "iframe", "object", "embed", "svg", "math",
                   "title", "textarea", "select", "button", "head", "noscript"})
_WS = re.compile(r"[ \t\n\r\f\v]+")


def _add_text(parts, text, pre_depth):
    if pre_depth:
        parts.append("\x00" + text)
    elif "\n" in text or "  " in text or "\t" in text or "\r" in text or "\f" in text:
        parts.append(_WS.sub(" ", text))
    else:
        parts.append(text)


def _join(parts):
    out = []
    pending = ""
    for piece in parts:
        if piece in ("\n\n", "\n"):
            if len(piece) > len(pending):
                pending = piece
            continue
        verbatim = piece.startswith("\x00")
        text = piece[1:] if verbatim else piece
        if not text:
            continue
        if not verbatim and not text.strip():
            if out and not pending and not out[-1].endswith(" "):
                out.append(" ")
            continue
        if pending:
            if out:
                out.append(pending)
            pending = ""
            if not verbatim:
                text = text.lstrip()
        elif not verbatim and (not out or (out[-1].endswith(" ") and text.startswith(" "))):
            text = text.lstrip()
        out.append(text)
    return tidy_paragraphs(clean_text("".join(out))).strip("\n")


def reference_html_to_text(html):
    if not html:
        return ""
    if re.search(r"[<&]", html) is None:
        return tidy_paragraphs(clean_text(_WS.sub(" ", html))).strip()
    root = _parse_fragment(clean_text(html))
    if root is None:
        return ""
    parts = []
    pre_depth = 0
    list_stack = []
    walker = etree.iterwalk(root, events=("start", "end", "comment", "pi"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            if el.tail:
                _add_text(parts, el.tail, pre_depth)
            continue
        if event == "start":
            if tag in _SKIP:
                walker.skip_subtree()
                continue
            if tag in _LISTS:
                parts.append("\n" if list_stack else "\n\n")
                list_stack.append([_list_start(el) if tag == "ol" else None])
            elif tag in _PARAGRAPH:
                parts.append("\n\n")
                if tag == "pre":
                    pre_depth += 1
            elif tag in _LINE:
                parts.append("\n")
                if tag == "li":
                    parts.append("\x00" + _bullet(list_stack))
            elif tag == "br":
                parts.append("\n")
            elif tag in _CELL and _row_has_cell_before(el):
                parts.append(" | ")
            if el.text:
                _add_text(parts, el.text, pre_depth)
        else:
            if tag in _LISTS:
                if list_stack:
                    list_stack.pop()
                parts.append("\n" if list_stack else "\n\n")
            elif tag in _PARAGRAPH:
                parts.append("\n\n")
                if tag == "pre":
                    pre_depth -= 1
            elif tag in _LINE:
                parts.append("\n")
            if el.tail:
                _add_text(parts, el.tail, pre_depth)
    return _join(parts)


def reference_html_to_line(html):
    if not html:
        return ""
    if re.search(r"[<&]", html) is None:
        return clean_line(html)
    return clean_line(reference_html_to_text(unwrap_cdata(html)))


# -- HTML fragments ---------------------------------------------------------------------------

TAGS = ["p", "div", "ul", "ol", "li", "pre", "br", "td", "th", "tr", "table", "b", "i", "a",
        "span", "script", "style", "h1", "blockquote", "hr", "dl", "dt", "dd", "select",
        "option", "title", "img", "code", "caption", "summary", "details", "noscript"]
PIECES = list("ab \n\t\r\xa0\u2003&<>;#x\x1b\x85\u2028") + [
    "&nbsp;", "&amp;", "&#27;", "&#x85;", "&#160;", "<!-- c -->", "<?pi?>", "<![CDATA[z]]>",
    "word", "  two  spaces ", "\v"]
text_run = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
fragment = st.recursive(
    text_run,
    lambda inner: st.builds(
        lambda tag, attrs, kids: f"<{tag}{attrs}>" + "".join(kids)
        + ("" if tag in ("br", "img", "hr") else f"</{tag}>"),
        st.sampled_from(TAGS),
        st.sampled_from(["", ' start="3"', ' start="x"', ' class="c"', ' href="/r"']),
        st.lists(inner, max_size=4)),
    max_leaves=20)
fragments = st.lists(fragment, max_size=5).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(fragments)
def test_html_to_text_is_unchanged_on_generated_fragments(html):
    assert html_to_text(html) == reference_html_to_text(html)
    assert html_to_line(html) == reference_html_to_line(html)
    clean = sanitise_html(html, "https://example.com/a/")
    assert sanitised_text(clean) == reference_html_to_text(clean)
    assert html_body(html, "https://example.com/a/") == (
        (clean, reference_html_to_text(clean)) if clean else (None, ""))


def test_html_to_text_is_unchanged_on_every_fixture_body():
    from brief_tui.parse.xmlfeed import parse_xml

    checked = 0
    for path in sorted(PARSE_FIXTURES.rglob("*")):
        if path.suffix not in (".xml", ".rss", ".atom", ".html"):
            continue
        body = path.read_bytes()
        pages = [body.decode("utf-8", "replace")] if path.suffix == ".html" else []
        feed = parse_xml(body, url="https://example.com/f.xml")[0] if not pages else None
        for entry in feed.entries if feed else ():
            if entry.html:
                pages.append(entry.html)
        for html in pages:
            assert html_to_text(html) == reference_html_to_text(html)
            checked += 1
    assert checked >= 20


def test_cell_separator_inside_pre_is_trimmed_like_text():
    html = "<p>a</p><pre><td></td><td></td><td></td>&gt;</pre>"
    assert html_to_text(html) == reference_html_to_text(html) == "a\n\n| | >"


# -- dates -------------------------------------------------------------------------------------

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
two = st.integers(0, 99).map("{:02d}".format)
rfc822 = st.builds(
    "{}, {} {} {:04d} {}:{}:{} {}".format, st.sampled_from(DAYS), two, st.sampled_from(MONTHS),
    st.integers(1, 9999), two, two, two,
    st.sampled_from(["GMT", "UT", "Z", "+0000", "-0000", "+0530", "-2400", "+0060", "+9999"]))
iso = st.builds(
    "{:04d}-{}-{}T{}:{}:{}{}".format, st.integers(0, 9999), two, two, two, two, two,
    st.sampled_from(["Z", "+05:30", "-12:00", "+24:00", "+00:60", "-00:00"]))


@settings(max_examples=400, deadline=None)
@given(st.one_of(rfc822, iso))
def test_canonical_dates_read_as_the_general_patterns_read_them(raw):
    # padding skips the canonical fast path: the general patterns read the same text
    assert parse_date(raw) == parse_date(f"  {raw} ")


def test_dates_moved_out_of_range_by_their_zone_are_unknown():
    assert parse_date("0001-01-01T00:00:00+05:00") == (None, False)
    assert parse_date("Fri, 31 Dec 9999 23:30:00 -0100") == (None, False)
    assert parse_date("0001-01-01T06:00:00+05:00") == (datetime(1, 1, 1, 1, tzinfo=UTC), False)


# -- author names --------------------------------------------------------------------------------

def reference_author_name(raw):
    text = clean_line(raw)
    if not text or _ADDR_ONLY.match(text):
        return ""
    for pattern in (_ADDR_PAREN, _NAME_ADDR):
        m = pattern.match(text)
        if m:
            return clean_line(m.group("name")).strip("\"'")
    return clean_line(_ANY_ADDR.sub(" ", text)).strip("\"'")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Jane", " Doe", '"', "'", "  ", "\t", "(", ")", "<", ">", "@",
                                 "jane@example.com", "mailto:", "\x1b[31m", "\xa0", "é", "x@y",
                                 "[", "]", ",", "\u2028"]), max_size=6).map("".join))
def test_author_names_without_an_address_take_the_short_cut_unchanged(raw):
    assert author_name(raw) == reference_author_name(raw)
