"""Entry fields of the lxml fast path, replayed without feedparser's generic machinery.

Part of :mod:`brief_tui.parse.fastxml`. Each ``_k_*`` function replays one element kind inside an
RSS item / Atom entry (no ``source``, ``image`` or ``textinput`` context, no open text
construct, no ``xml:base``/``xml:lang`` on the element, no child elements): the state changes
feedparser 6.0's start handler, ``handle_data``, end handler and ``pop`` make for it, in the
same order, with plain-dict access where ``FeedParserDict`` has no alias for the key. A function
returns False, having changed nothing, when the element is outside what it replays; the element
then goes through feedparser's own handlers (:class:`~brief_tui.parse.fastxml_replay.Replay`).

Also here: the small pieces of feedparser's ``pop`` both modules share (:func:`join_url`,
:func:`fix_text`, :func:`check_date`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedparser.html import _cp1252
from feedparser.urls import _urljoin
from feedparser.util import FeedParserDict

from brief_tui.parse.rawid import RAW_ID

if TYPE_CHECKING:
    from brief_tui.parse.fastxml_replay import Replay

XHTML = "application/xhtml+xml"
"""feedparser's content type for XHTML text constructs."""

LINK_QUERY_FIX = re.compile("&([A-Za-z0-9_]+);")
"""``pop``'s repair of ``&a;`` in link query strings."""

_C1_UTF8 = re.compile(b"\xc2[\x80-\x9f]")
# Absolute http(s) URLs that feedparser's _urljoin returns unchanged whatever the base (checked
# against it on random URLs): no empty query or fragment, no ';' params, no userinfo, an ASCII
# host, nothing that urlsplit strips or rejects.
_PLAIN_URL = re.compile(
    r"https?://[A-Za-z0-9.\-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9\-._~%!$&'()*+,=:@/]*)?"
    r"(?:\?[A-Za-z0-9\-._~%!$&'()*+,=:@/?]+)?(?:#[A-Za-z0-9\-._~%!$&'()*+,=:@/?]+)?")
# "scheme:" then no "//" (no authority to check), no character urlsplit strips or removes.
_OPAQUE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(?!//)[^\x00-\x20\x7f]*")
# Dates whose feedparser parse is known to succeed without raising: skipping that parse (its
# result is never read) is safe. Anything else is still handed to feedparser's date parser so a
# date that makes it raise makes the fast path decline too.
_SAFE_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|UTC|Z|[+-]\d{4})"
    r"|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})")


def join_url(base: str, uri: str) -> str:
    """feedparser's ``_urljoin(base, uri)``, skipping the work when the answer is ``uri``: a
    plain absolute http(s) URL, or a URI whose scheme differs from the base's (``tag:`` and
    ``urn:`` ids), which ``urllib.parse.urljoin`` returns as it is."""
    if _PLAIN_URL.fullmatch(uri) is not None:
        return uri
    scheme = _OPAQUE.fullmatch(uri)
    if scheme is not None:
        base_scheme = _base_scheme(base)
        if base_scheme is not None and scheme.group(1).lower() != base_scheme:
            return uri
    return _urljoin(base, uri)


@lru_cache(maxsize=64)
def _base_scheme(base: str) -> str | None:
    """The scheme ``urlparse`` reads from ``base`` (lower case), or None when it would raise or
    find none."""
    try:
        scheme = urlsplit(base).scheme
    except ValueError:
        return None
    return scheme or None


def fix_text(output: str) -> str:
    """``pop``'s repair of UTF-8 read as ISO-8859-1, then its mapping of C1 code points to
    their windows-1252 characters."""
    if output.isascii():
        return output
    try:
        output = output.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    # C1 code points are b"\xc2\x80"-b"\xc2\x9f" in UTF-8: searching the bytes is several
    # times faster than searching a non-ASCII str
    try:
        found = _C1_UTF8.search(output.encode("utf-8")) is not None
    except UnicodeEncodeError:  # a lone surrogate
        found = True
    if found:
        output = output.translate(_cp1252)
    return output


def check_date(value: str | None) -> None:
    """Run feedparser's date parser on ``value`` unless it is known to succeed, for its
    exceptions only: a date that crashes feedparser must crash the replay too."""
    if value and _SAFE_DATE.fullmatch(value) is None:
        from feedparser.datetimes import _parse_date

        _parse_date(value)


_HTML_TYPES = frozenset({"text/html", XHTML})
_TEXT_TYPES = frozenset({"text/plain", "text/html", XHTML})
_setitem = dict.__setitem__
_get = dict.get
_contains = dict.__contains__
# _sync_author_detail's address pattern, verbatim.
_EMAIL = re.compile(r"""(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)"""
                    r"""|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?""")
_TYPE_ONLY = frozenset({"type"})
_LINK_ATTRS = frozenset({"rel", "type", "href", "title", "hreflang", "length"})
_CATEGORY_ATTRS = frozenset({"term", "scheme", "domain", "label"})
_DATE_KEYS = {"published": "published", "pubdate": "published", "issued": "published",
              "dcterms_issued": "published", "updated": "updated", "modified": "updated",
              "lastbuilddate": "updated", "dc_date": "updated", "dcterms_modified": "updated",
              "created": "created", "dcterms_created": "created"}


def _content_type(r: Replay, attrs_d: dict, default: str) -> str | None:
    """``push_content``'s type, or None when attributes other than ``type`` are present or the
    type would be read as base64."""
    if not attrs_d:
        return default
    if attrs_d.keys() - _TYPE_ONLY:
        return None
    ctype = r.map_content_type(attrs_d.get("type", default))
    if not (ctype.startswith("text/") or ctype.endswith(("+xml", "/xml"))):
        return None
    return ctype


def _store(r: Replay, entry: FeedParserDict, element: str, output: str,
           detail: dict | None) -> None:
    """``pop``'s entry storage for a key without alias (``property_depth_map`` rule)."""
    depths = r._depths.get(id(entry))
    if depths is None:
        depths = r._depths[id(entry)] = {}
    old = depths.get(element)
    if old is None or r.depth <= old:
        depths[element] = r.depth
        _setitem(entry, element, output)
    if detail is not None:
        detail["value"] = output
        _setitem(entry, element + "_detail", detail)


def _text_construct(r: Replay, text: str | None, ctype: str) -> tuple[str, str]:
    """``pop`` of a pushed text construct: ``(output, final type)``."""
    output = text.strip() if text else ""
    if (ctype == "text/plain" and ("<" in output or "&" in output)
            and not r.version.startswith("atom") and r.looks_like_html(output)):
        ctype = "text/html"  # looks_like_html needs a close tag or an entity reference
    return fix_text(output), ctype


def _detail(r: Replay, ctype: str) -> FeedParserDict:
    """A stored copy of ``push_content``'s parameters (``pop`` adds ``value``)."""
    lang = r.lang
    return FeedParserDict(type=ctype, language=lang.replace("_", "-") if lang else lang,
                          base=r.baseuri)


def _k_title(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    ctype = _content_type(r, attrs_d, "text/plain")
    if ctype is None or ctype == XHTML:
        return False
    output, ctype = _text_construct(r, text, ctype)
    if not -1 < r.title_depth <= r.depth:
        _store(r, r.entries[-1], "title", output, _detail(r, ctype))
    if output:
        r.title_depth = r.depth
    return True


def _k_description(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    entry = r.entries[-1]
    if r._summaryKey is not None or (_contains(entry, "summary") and not r.hasContent):
        return False
    ctype = _content_type(r, attrs_d, "text/html")
    if ctype is None or ctype == XHTML:
        return False
    output, ctype = _text_construct(r, text, ctype)
    _store(r, entry, "summary", output, _detail(r, ctype))
    return True


def _k_summary(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    entry = r.entries[-1]
    if _contains(entry, "summary") and not r.hasContent:
        return False
    ctype = _content_type(r, attrs_d, "text/plain")
    if ctype is None or ctype == XHTML:
        return False
    output, ctype = _text_construct(r, text, ctype)
    _store(r, entry, "summary", output, _detail(r, ctype))
    r._summaryKey = None
    return True


def _k_content(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    atom = suffix == "content"
    ctype = _content_type(r, attrs_d, "text/plain" if atom else "text/html")
    if ctype is None or ctype == XHTML:
        return False
    r.hasContent = 1
    if atom:  # _start_content pushes "content" twice; the outer push is never popped
        r.elementstack.append(["content", 1, []])
    copy_to_summary = ctype in _TEXT_TYPES
    output, ctype = _text_construct(r, text, ctype)
    entry = r.entries[-1]
    detail = _detail(r, ctype)
    detail["value"] = output
    contents = _get(entry, "content")
    if contents is None:
        contents = []
        _setitem(entry, "content", contents)
    contents.append(detail)
    if copy_to_summary and not _contains(entry, "summary"):
        _setitem(entry, "summary", output)
    return True


def _k_link(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d and attrs_d.keys() - _LINK_ATTRS:
        return False
    entry = r.entries[-1]
    attrs = dict(attrs_d)
    rel = attrs.setdefault("rel", "alternate")
    attrs.setdefault("type", "application/atom+xml" if rel == "self" else "text/html")
    href = attrs.get("href")
    if href is not None:  # resolved even when empty: it then becomes the base URL
        attrs["href"] = href = join_url(r.baseuri or "", href)
    links = _get(entry, "links")
    if links is None:
        links = []
        _setitem(entry, "links", links)
    links.append(FeedParserDict(attrs))
    if "href" in attrs:
        if rel == "alternate" and r.map_content_type(attrs["type"]) in _HTML_TYPES:
            _setitem(entry, "link", href)
        if text:
            r.handle_data(text)
        r.pop("link")
        return True
    output = text.strip() if text else ""
    if output:
        output = join_url(r.baseuri or "", output)
    output = fix_text(output).replace("&amp;", "&")
    if "&" in output:
        output = LINK_QUERY_FIX.sub(r"&\g<1>", output)
    _setitem(entry, "link", output)
    if output:
        links[-1]["href"] = output
    return True


def _k_id(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d and attrs_d.keys() - {"ispermalink"}:
        return False
    is_link = r.guidislink = attrs_d.get("ispermalink", "true") == "true"
    written = text.strip() if text else ""
    raw = fix_text(written)
    output = fix_text(join_url(r.baseuri or "", written)) if written and is_link else raw
    entry = r.entries[-1]
    _store(r, entry, "id", output, None)
    if r._depths[id(entry)]["id"] == r.depth:  # stored: keep the text as written beside it
        _setitem(entry, RAW_ID, (output, raw))
    if not _contains(entry, "guidislink"):
        _setitem(entry, "guidislink", is_link and not _contains(entry, "link"))
    if is_link and not _contains(entry, "link"):
        _setitem(entry, "link", output)
    return True


def _k_date(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d:
        return False
    output = fix_text(text.strip() if text else "")
    _store(r, r.entries[-1], _DATE_KEYS[suffix], output, None)
    check_date(output)
    return True


def _k_author(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d:
        return False
    entry = r.entries[-1]
    authors = _get(entry, "authors")
    if authors is None:
        authors = []
        _setitem(entry, "authors", authors)
    detail = FeedParserDict()
    authors.append(detail)
    _store(r, entry, "author", fix_text(text.strip() if text else ""), None)
    r.inauthor = 0
    # _sync_author_detail with an empty authors[-1]: split "mail (Name)" into the detail
    author = _get(entry, "author")
    if not author:
        return True
    email = None
    found = _EMAIL.search(author)
    if found:
        email = found.group(0)
        author = author.replace(email, "").replace("()", "").replace("<>", "")
        author = author.replace("&lt;&gt;", "").strip()
        if author and author[0] == "(":
            author = author[1:]
        if author and author[-1] == ")":
            author = author[:-1]
        author = author.strip()
    if (author or email) and not _contains(entry, "author_detail"):
        _setitem(entry, "author_detail", detail)
    if author:
        detail["name"] = author
    if email:
        detail["email"] = email
    return True


def _k_category(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d and attrs_d.keys() - _CATEGORY_ATTRS:
        return False
    entry = r.entries[-1]
    tags = _get(entry, "tags")
    if tags is None:
        tags = []
        _setitem(entry, "tags", tags)
    _add_tag(tags, attrs_d.get("term"), attrs_d.get("scheme", attrs_d.get("domain")),
             attrs_d.get("label"))
    value = fix_text(text.strip() if text else "")
    if value:
        if len(tags) and not _get(tags[-1], "term"):
            _setitem(tags[-1], "term", value)
        else:
            _add_tag(tags, value, None, None)
    return True


def _add_tag(tags: list, term: str | None, scheme: str | None, label: str | None) -> None:
    """``_add_tag`` on an entry whose ``tags`` list exists."""
    if not term and not scheme and not label:
        return
    value = FeedParserDict(term=term, scheme=scheme, label=label)
    if value not in tags:
        tags.append(value)


def k_generic(r: Replay, text: str | None, attrs_d: dict, suffix: str) -> bool:
    if attrs_d:
        return False
    output = text.strip() if text else ""
    if output and suffix in r.can_be_relative_uri:
        output = join_url(r.baseuri or "", output)
    output = fix_text(output)
    entry = r.entries[-1]
    depths = r._depths.get(id(entry))
    if depths is None:
        depths = r._depths[id(entry)] = {}
    old = depths.get(suffix)
    if old is None or r.depth <= old:
        depths[suffix] = r.depth
        entry[suffix] = output  # FeedParserDict: its aliases ("date" is "updated") apply
    return True


KINDS = {
    "title": _k_title, "dc_title": _k_title,
    "description": _k_description, "dc_description": _k_description,
    "media_description": _k_description,
    "summary": _k_summary, "itunes_summary": _k_summary,
    "content": _k_content, "content_encoded": _k_content, "fullitem": _k_content,
    "link": _k_link,
    "guid": _k_id, "id": _k_id,
    **{name: _k_date for name in _DATE_KEYS},
    "author": _k_author, "managingeditor": _k_author, "dc_creator": _k_author,
    "dc_author": _k_author, "itunes_author": _k_author,
    "category": _k_category, "dc_subject": _k_category, "keywords": _k_category,
}
