"""HTML from feeds and pages: sanitising, and conversion to plain text and Markdown.

Every HTML fragment is sanitised once, with nh3 (the ammonia sanitiser): ``<script>``,
``<style>`` and similar elements are dropped with their content, event-handler attributes and
``javascript:`` (any non-allow-listed scheme) URLs are removed, and relative URLs are made
absolute against the base URL (RFC 3986). Text is cleaned of terminal controls *after* the
HTML is decoded, so a ``&#27;`` character reference can never become an ESC.

:func:`html_to_text` walks an lxml tree (measured ~10x faster than inscriptis on feed bodies;
see ``bench/parse_speed.py``). :func:`html_to_markdown` uses markdownify.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3
from lxml import etree

from brief_tui.domain.text import clean_line, clean_text, tidy_paragraphs

# Elements removed together with their content (never shown, never useful as text).
_DROP_WITH_CONTENT = frozenset({
    "script", "style", "template", "iframe", "object", "embed", "svg", "math", "title",
    "textarea", "select", "button", "head",
})
_TAGS = frozenset(nh3.ALLOWED_TAGS) - _DROP_WITH_CONTENT
_ATTRIBUTES: dict[str, set[str]] = {k: set(v) for k, v in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES.setdefault("a", set()).update({"title"})
_ATTRIBUTES.setdefault("img", set()).update({"title"})
_ATTRIBUTES.setdefault("abbr", set()).update({"title"})

_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)

# Elements that start a new paragraph (blank line) and ones that start a new line.
_PARAGRAPH = frozenset({
    "p", "div", "section", "article", "header", "footer", "aside", "nav", "main",
    "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
    "figure", "figcaption", "hr", "address", "details", "form", "fieldset", "center",
    "body", "html",
})
_LISTS = frozenset({"ul", "ol"})
_LINE = frozenset({"li", "dt", "dd", "tr", "caption", "summary", "option"})
_CELL = frozenset({"td", "th"})
_SKIP = _DROP_WITH_CONTENT | {"noscript"}
# What each element does to the text, checked in this order by the walk (lists before blocks).
_INLINE, _LIST, _BLOCK, _LINE_ROLE, _BREAK, _CELL_ROLE, _SKIPPED = range(7)
_ROLE: dict[str, int] = {
    **{tag: _CELL_ROLE for tag in _CELL}, "br": _BREAK, **{tag: _LINE_ROLE for tag in _LINE},
    **{tag: _BLOCK for tag in _PARAGRAPH}, **{tag: _LIST for tag in _LISTS},
    **{tag: _SKIPPED for tag in _SKIP},
}
_WS = re.compile(r"[ \t\n\r\f\v]+")
_TAGLIKE = re.compile(r"[<&]")


def unwrap_cdata(html: str) -> str:
    """Remove literal ``<![CDATA[`` / ``]]>`` markers from an HTML string, keeping the content.

    Feeds that entity-escape a CDATA section (``&lt;![CDATA[text]]&gt;``) hand the HTML layer
    a CDATA marker, which HTML parsers treat as a bogus comment and drop with its content
    (feedparser issue #440: the summary comes back empty). The publisher meant the content as
    the element's HTML, so it is kept as HTML.
    """
    if "<![CDATA[" not in html:
        return html
    return _CDATA.sub(lambda m: m.group(1), html)


@lru_cache(maxsize=64)
def _base_ok(base_url: str | None) -> bool:
    if not base_url:
        return False
    try:
        parts = urlsplit(base_url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def sanitise_html(html: str | None, base_url: str | None = None) -> str:
    """Sanitise an HTML fragment for storage and display.

    Args:
        html: an HTML fragment from a feed, a JSON Feed ``content_html`` or a fetched page.
        base_url: absolute ``http(s)`` URL that relative ``href``/``src`` values are resolved
            against (RFC 3986), e.g. the final feed URL or the entry's ``xml:base``. With
            ``None`` (or a non-HTTP base) relative URLs are kept as they are.

    Returns:
        The sanitised fragment: only nh3's allow-listed elements and attributes, no
        ``<script>``/``<style>``/``<iframe>``/``<svg>`` content, no ``on*`` attributes, no URL
        with a scheme outside nh3's allow list (``javascript:``, ``data:``...), no comments, and
        no terminal control characters. ``""`` for empty input.
    """
    if not html:
        return ""
    html = clean_text(unwrap_cdata(html))
    if not html.strip():
        return ""
    base = base_url if _base_ok(base_url) else None
    out = _cleaner(base).clean(html)
    # Character references such as &#27; are decoded by the parse: clean again. Without a
    # numeric reference nothing can bring a control character back (no named reference maps
    # to one, and the input and the base URL are clean), so the scan is skipped.
    if "&#" in html or (base is not None and not _clean(base)):
        out = clean_text(out)
    return out.strip()


@lru_cache(maxsize=64)
def _clean(text: str) -> bool:
    """True when :func:`clean_text` leaves ``text`` as it is."""
    return clean_text(text) == text


class _CallCleaner:
    """Stand-in for ``nh3.Cleaner`` on nh3 versions without it (configures on every call)."""

    def __init__(self, **options: object) -> None:
        self.options = options

    def clean(self, html: str) -> str:
        return nh3.clean(html, **self.options)


@lru_cache(maxsize=64)
def _cleaner(base_url: str | None) -> nh3.Cleaner | _CallCleaner:
    """One configured sanitiser per base URL (a feed's entries share it): building the
    configuration costs 4x the cleaning of a typical fragment, so it is never done per call."""
    make = getattr(nh3, "Cleaner", _CallCleaner)
    options = {"tags": set(_TAGS), "clean_content_tags": set(_DROP_WITH_CONTENT),
               "attributes": _ATTRIBUTES, "link_rel": None}
    if base_url:
        try:
            cleaner = make(**options, url_relative=("rewrite_with_base", base_url))
            cleaner.clean("<a href='x'>x</a>")  # a bad base fails here on the fallback
            return cleaner
        except (ValueError, TypeError):  # rejected base: keep relative URLs as they are
            pass
    return make(**options)


def _parse_fragment(html: str) -> etree._Element | None:
    try:
        root = etree.HTML(f"<div>{html}</div>")
    except (ValueError, etree.ParserError):
        return None
    return root


def html_to_text(html: str | None) -> str:
    """Reduce an HTML fragment to readable plain text.

    Block elements (``p``, ``div``, headings, lists, tables...) become paragraphs separated by
    one blank line; list items and table rows become single lines (list items prefixed by
    ``"- "`` or ``"N. "``, nested lists indented by two spaces per level, cells joined with
    ``" | "``); ``<br>`` is a line break; whitespace elsewhere is collapsed as a browser would,
    except inside ``<pre>``. Link text is kept, URLs are not; images give nothing. Entities
    are decoded, then terminal controls are removed.

    One recursive pass over the lxml tree that writes the text as it goes (see
    ``bench/parse_speed.py``: faster than lxml's ``iterwalk`` events followed by a join, and
    ~10x faster than inscriptis).

    Args:
        html: an HTML fragment (sanitised or not: script/style content is skipped either way).

    Returns:
        The plain text with no leading/trailing blank lines; ``""`` for empty input.
    """
    if not html:
        return ""
    if _TAGLIKE.search(html) is None:  # plain text handed in as HTML
        return tidy_paragraphs(clean_text(_WS.sub(" ", html))).strip()
    return _tree_text(clean_text(html), clean=True)


def sanitised_text(html: str) -> str:
    """:func:`html_to_text` of :func:`sanitise_html` output, skipping the control-character
    pass such output never needs (it was cleaned after every character reference was decoded).

    Args:
        html: a string returned by :func:`sanitise_html`.

    Returns:
        Exactly ``html_to_text(html)``.
    """
    if not html:
        return ""
    if _TAGLIKE.search(html) is None:
        return tidy_paragraphs(_WS.sub(" ", html)).strip()
    # Parsing the clean markup decodes only &amp; &lt; &gt; &quot; &nbsp; (the sanitiser
    # writes no numeric reference): the text needs no control-character pass either.
    return _tree_text(html, clean="&#" in html)


def _tree_text(html: str, *, clean: bool) -> str:
    """The text of a cleaned fragment (see :func:`html_to_text`); ``clean``: pass the result
    through :func:`clean_text` (character references may have decoded to controls)."""
    root = _parse_fragment(html)
    if root is None:
        return ""
    out: list[str] = []  # the text so far, in pieces
    append = out.append
    pending = ""  # strongest break ("\n" or "\n\n") waiting to be written before more text
    pre_depth = 0
    list_stack: list[list[int | None]] = []  # [counter or None] per open ul/ol
    collapse = _WS.sub

    def verbatim(text: str) -> None:
        """Write text inside <pre> as it is."""
        nonlocal pending
        if pending:
            if out:
                append(pending)
            pending = ""
        append(text)

    def inline(text: str) -> None:
        """Write text that is collapsed and trimmed around breaks (even inside <pre>)."""
        nonlocal pending
        if "\n" in text or "  " in text or "\t" in text or "\r" in text or "\f" in text:
            text = collapse(" ", text)
        if text.isspace():  # whitespace between words: one space, never at a line start
            if out and not pending and not out[-1].endswith(" "):
                append(" ")
            return
        if pending:
            if out:
                append(pending)
            pending = ""
            text = text.lstrip()
        elif not out or (text[0] == " " and out[-1].endswith(" ")):
            text = text.lstrip()
        append(text)

    def walk(el: etree._Element) -> None:
        nonlocal pending, pre_depth
        tag = el.tag
        kind = _ROLE.get(tag, _INLINE) if tag.__class__ is str else _SKIPPED
        if kind == _SKIPPED:  # comment, PI, or an element dropped with its content
            tail = el.tail
            if tail:
                (verbatim if pre_depth else inline)(tail)
            return
        if kind == _INLINE:
            pass
        elif kind == _LIST:
            if not list_stack:
                pending = "\n\n"
            elif not pending:
                pending = "\n"  # a nested list starts on the next line
            list_stack.append([_list_start(el) if tag == "ol" else None])
        elif kind == _BLOCK:
            pending = "\n\n"
            if tag == "pre":
                pre_depth += 1
        elif kind == _LINE_ROLE:
            if not pending:
                pending = "\n"
            if tag == "li":  # the bullet is verbatim: it keeps its indent
                if out:
                    append(pending)
                pending = ""
                append(_bullet(list_stack))
        elif kind == _BREAK:
            if not pending:
                pending = "\n"
        elif _row_has_cell_before(el):  # a table cell
            inline(" | ")
        text = el.text
        if text:
            (verbatim if pre_depth else inline)(text)
        for child in el:
            walk(child)
        if kind == _LIST:
            if list_stack:
                list_stack.pop()
            if not list_stack:
                pending = "\n\n"
            elif not pending:
                pending = "\n"
        elif kind == _BLOCK:
            pending = "\n\n"
            if tag == "pre":
                pre_depth -= 1
        elif kind == _LINE_ROLE and not pending:
            pending = "\n"
        tail = el.tail
        if tail:
            (verbatim if pre_depth else inline)(tail)

    walk(root)
    text = "".join(out)
    return tidy_paragraphs(clean_text(text) if clean else text).strip("\n")


def _list_start(ol: etree._Element) -> int:
    """The number before the first item of an ``<ol>`` (``start`` attribute minus one)."""
    start = (ol.get("start") or "").strip()
    return int(start) - 1 if start.isdigit() else 0


def _bullet(list_stack: list[list[int | None]]) -> str:
    if not list_stack:
        return "- "
    top = list_stack[-1]
    indent = "  " * (len(list_stack) - 1)
    if top[0] is None:
        return indent + "- "
    top[0] += 1
    return f"{indent}{top[0]}. "


def _row_has_cell_before(el: etree._Element) -> bool:
    prev = el.getprevious()
    while prev is not None:
        if prev.tag in _CELL:
            return True
        prev = prev.getprevious()
    return False


def html_to_line(html: str | None) -> str:
    """Reduce an HTML title (RSS HTML title, Atom ``type="html"``/``"xhtml"``) to one line.

    Args:
        html: the title markup, e.g. ``"XHTML <em>feed</em> title"``.

    Returns:
        The text content, entities decoded, controls removed and whitespace collapsed.
    """
    if not html:
        return ""
    if _TAGLIKE.search(html) is None:
        return clean_line(html)
    return clean_line(html_to_text(unwrap_cdata(html)))


def html_to_markdown(html: str | None) -> str:
    """Convert an HTML fragment (already sanitised) to Markdown with markdownify.

    Headings are ATX (``#``), bullets ``-``, ``<br>`` a backslash line break; links keep their
    URLs; images become ``![alt](src)``. Terminal controls are removed and runs of blank lines
    reduced to one.

    Args:
        html: a sanitised HTML fragment (see :func:`sanitise_html`).

    Returns:
        The Markdown text, ``""`` for empty input.
    """
    if not html:
        return ""
    from markdownify import markdownify  # imported on first use: ~30 ms

    md = markdownify(html, heading_style="ATX", bullets="-", newline_style="BACKSLASH",
                     strip=sorted(_DROP_WITH_CONTENT))
    md = clean_text(md)
    md = re.sub(r"[ \t]+\n", "\n", md)
    md = re.sub(r"\n{3,}", "\n\n", md)
    return md.strip("\n")


def html_links(html: str | None) -> list[tuple[str, str]]:
    """The links of an HTML fragment, for a "links in this story" list.

    Args:
        html: a (sanitised) HTML fragment.

    Returns:
        ``(text, url)`` for every ``<a href>`` with an ``http``, ``https`` or ``mailto`` URL, in
        document order (duplicates kept; the caller decides). ``text`` is the one-line link
        text, or the URL when the link has no text.
    """
    if not html or "<a" not in html.lower():
        return []
    root = _parse_fragment(clean_text(html))
    if root is None:
        return []
    out: list[tuple[str, str]] = []
    for el in root.iter("a"):
        url = clean_line(el.get("href") or "")
        if not url.lower().startswith(("http://", "https://", "mailto:")):
            continue
        out.append((clean_line("".join(el.itertext())) or url, url))
    return out
