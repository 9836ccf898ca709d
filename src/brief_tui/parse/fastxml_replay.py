"""feedparser's strict parser replayed from an lxml tree: the core of the lxml fast path.

Part of :mod:`brief_tui.parse.fastxml`. :class:`Replay` subclasses feedparser 6.0's
``_FeedParserMixin`` so every element handler (RSS, Atom, Dublin Core, iTunes, Media RSS...) is
feedparser's own; what it replaces is the SAX side and the generic per-element steps, each a
literal re-implementation that gives the same state:

* ``_StrictFeedParser``'s element and attribute naming (namespace URI -> feedparser prefix,
  lower-cased names, an attribute in a namespace seen under both ``prefix:name`` and ``name``),
  and ``startPrefixMapping`` (namespace declarations, replayed in document order);
* ``unknown_starttag``/``unknown_endtag`` (``xml:base``/``xml:lang`` scoping, XHTML content
  re-serialised, handler dispatch, the unknown-element fallbacks);
* ``pop``, ``push_content``, ``handle_data`` without ``deepcopy`` and ``FeedParserDict`` lookups
  where no key alias applies, and without parsing dates into ``*_parsed`` values nobody reads.

Elements without children inside an entry mostly skip even that (see
:mod:`brief_tui.parse.fastxml_entry`). Whatever this replay does not reproduce exactly raises
:class:`Decline`, and the document goes to feedparser.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri
from feedparser.util import FeedParserDict
from lxml import etree

from brief_tui.parse.fastxml_entry import (
    KINDS,
    LINK_QUERY_FIX,
    XHTML,
    check_date,
    fix_text,
    join_url,
    k_generic,
)
from brief_tui.parse.rawid import end_guid

_BACKEND_USERLAND = "backend.userland.com/rss"
_XLINK = "http://www.w3.org/1999/xlink"
# Namespaces that would make feedparser call the document something other than RSS 2.0/Atom 1.0.
_OTHER_VERSION_NS = ("http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/")
_MATCH: dict[str, str] = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}


class Decline(Exception):
    """The document needs feedparser itself."""


class _CP(FeedParserDict):
    """feedparser's content parameters (type, language, base, base64, src) with plain-dict access:
    none of these keys has an alias, so ``FeedParserDict``'s slow lookups give the same answers."""

    __slots__ = ()
    get = dict.get
    __getitem__ = dict.__getitem__
    __setitem__ = dict.__setitem__
    __contains__ = dict.__contains__


class Replay(_FeedParserMixin):
    """feedparser's strict parser, fed from an lxml tree instead of expat (see module docstring).

    The overridden methods are literal re-implementations of feedparser 6.0's (``unknown_starttag``,
    ``unknown_endtag``, ``pop``, ``push_content``, ``handle_data`` and the SAX name mapping of
    ``_StrictFeedParser``) minus the work whose result is never read (date parsing, HTML
    sanitising and URI rewriting, both switched off on the feedparser path too).

    Args:
        baseuri: the document's base URL as feedparser derives it from ``Content-Location``.
        baselang: the ``Content-Language`` response header, or None.

    After :meth:`run`, ``version``, ``feeddata`` and ``entries`` hold what ``feedparser.parse``
    returns as ``version``, ``feed`` and ``entries`` (every key the reader reads).
    """

    def __init__(self, baseuri: str, baselang: str | None) -> None:
        self.bozo = 0
        self.exc = None
        self.decls: dict[str, str] = {}
        self.baseuri = baseuri or ""
        self.lang = baselang
        self.encoding = "utf-8"
        super().__init__()
        self.resolve_relative_uris = False
        self.sanitize_html = False
        self.contentparams = _CP()
        self._names: dict[str, str] = {}
        self._dispatch: dict[str, tuple] = {}
        self._depths: dict[int, dict[str, int]] = {}
        self._same_base: dict[str, str] = {}
        self._known_prefixes: dict[str, str] = {}
        self._claimed: set[str] = set()
        self._unknown_prefixes: dict[str, str] = {}
        self._prefix_of: dict[str, str] = {}
        self._xhtml_children: list[int] = []

    # -- driving ---------------------------------------------------------------------------

    def run(self, root: etree._Element, *, nested_ns: bool) -> None:
        """Replay the whole tree. ``nested_ns``: some element below the root declares
        namespaces, so declarations are looked for on every element."""
        for prefix, uri in root.nsmap.items():
            self._track(prefix, uri)
        if nested_ns:
            self._walk_ns(root, root.nsmap)
        else:
            self._walk(root)

    def _walk(self, el: etree._Element) -> None:
        """Replay ``el`` and its subtree. Children without child elements outside any text
        construct (most of a feed) skip ``unknown_starttag``/``unknown_endtag``: their effect
        is reproduced here (see :meth:`_leaf`)."""
        self._start(el)
        text = el.text
        if text:
            self.handle_data(text)
        stack = self.elementstack
        for child in el:
            if len(child) or self.incontent or not self._leaf(child):
                self._walk(child)
            tail = child.tail
            if tail and stack:  # handle_data, inlined: whitespace between elements mostly
                if self.contentparams.get("type") == XHTML:
                    tail = xml_escape(tail)
                stack[-1][2].append(tail)
        self._end(el)

    def _leaf(self, el: etree._Element) -> bool:
        """Replay an element without child elements outside any text construct: what
        ``unknown_starttag``, ``handle_data`` and ``unknown_endtag`` do for it, without their
        generic bookkeeping. False (nothing done) when it carries ``xml:base``/``xml:lang``.

        The base and language stacks are not pushed: ``unknown_endtag`` would pop the entry
        again and restore the parent's, which are the current values between siblings."""
        info = self._dispatch.get(el.tag)
        if info is None:
            info = self._dispatch[el.tag] = self._dispatch_info(self._name(el.tag))
        suffix, start, end, reset_textinput, reset_image, root_name, kind = info
        items = el.items()
        if items:
            attrs_d = dict(self._attrs(items))
            if ("xml:base" in attrs_d or "base" in attrs_d or "xml:lang" in attrs_d
                    or "lang" in attrs_d):
                return False
        else:
            attrs_d = {}
        self.depth += 1
        base = self.baseuri
        if base:
            same = self._same_base.get(base)
            if same is None:
                same = self._same_base[base] = make_safe_absolute_uri(base, base) or base
            self.baseuri = same
        if root_name and self.lang:
            self.feeddata["language"] = self.lang.replace("_", "-")
        if reset_textinput:
            self.intextinput = 0
        if reset_image:
            self.inimage = 0
        if (kind is None or not self.inentry or self.insource or self.inimage
                or self.intextinput or self.contentparams
                or not kind(self, el.text, attrs_d, suffix)):
            self._handlers(el, suffix, start, end, attrs_d)
            if self.langstack:
                self.lang = self.langstack[-1]
        basestack = self.basestack
        if basestack and basestack[-1]:
            self.baseuri = basestack[-1]
        self.depth -= 1
        return True

    def _handlers(self, el: etree._Element, suffix: str, start, end, attrs_d: dict) -> None:
        """A leaf through feedparser's own start and end handlers (or the unknown-element
        fallbacks), with its text in between."""
        done = False
        if start is not None:
            try:
                start(self, attrs_d)
                done = True
            except AttributeError:
                pass
        if not done:
            if attrs_d:
                self._get_context()[suffix] = attrs_d
            else:
                self.push(suffix, 1)
        text = el.text
        if text:
            self.handle_data(text)
        if end is None:
            self.pop(suffix)
        else:
            try:
                end(self)
            except AttributeError:
                self.pop(suffix)
        if self.incontent:
            raise Decline

    def _dispatch_info(self, name: str) -> tuple:
        """``(method suffix, start handler, end handler, resets intextinput, resets inimage,
        sets the feed language)`` for an element name, as ``unknown_starttag`` and
        ``unknown_endtag`` work them out."""
        if ":" in name:
            prefix, suffix = name.split(":", 1)
        else:
            prefix, suffix = "", name
        prefix = self.namespacemap.get(prefix, prefix)
        if prefix:
            prefix = prefix + "_"
        unprefixed = not prefix
        return (prefix + suffix, _START.get("_start_" + prefix + suffix),
                _END.get("_end_" + prefix + suffix),
                unprefixed and name not in ("title", "link", "description", "name"),
                unprefixed and name not in ("title", "link", "description", "url", "href",
                                            "width", "height"),
                name in ("feed", "rss"),
                KINDS.get(prefix + suffix) or (
                    k_generic if "_start_" + prefix + suffix not in _START
                    and "_end_" + prefix + suffix not in _END else None))

    def _walk_ns(self, el: etree._Element, parent_map: dict) -> None:
        nsmap = el.nsmap
        if nsmap != parent_map:
            for prefix, uri in nsmap.items():
                if parent_map.get(prefix) != uri:
                    self._track(prefix, uri)
        self._start(el)
        text = el.text
        if text:
            self.handle_data(text)
        for child in el:
            self._walk_ns(child, nsmap)
            tail = child.tail
            if tail:
                self.handle_data(tail)
        self._end(el)

    def _track(self, prefix: str | None, uri: str) -> None:
        """``startPrefixMapping``, declining bindings whose effect depends on declaration order
        or scope (feedparser's namespace maps are global to the document)."""
        if not uri:
            return
        lower = uri.lower()
        if (lower in _OTHER_VERSION_NS or _BACKEND_USERLAND in lower
                or (prefix and uri == _XLINK)):
            raise Decline
        standard = _MATCH.get(lower)
        if prefix is not None:
            if standard is None:
                if (prefix in self._known_prefixes or prefix in self._claimed
                        or self._unknown_prefixes.setdefault(prefix, uri) != uri
                        or self._prefix_of.setdefault(uri, prefix) != prefix):
                    raise Decline
            elif (self._known_prefixes.setdefault(prefix, standard) != standard
                    or prefix in self._unknown_prefixes):
                raise Decline
        if standard:
            if standard in self._unknown_prefixes:
                raise Decline
            self._claimed.add(standard)
        if self.version and (
                self.namespaces_in_use.get(prefix or "") == uri if standard is None else
                (self.namespacemap.get(prefix, self) == standard
                 and self.namespaces_in_use.get(standard) == uri)):
            return  # a repeated declaration (an XHTML div per entry): nothing changes
        self.track_namespace(prefix, uri)
        self._dispatch = {}
        if standard is None:
            self._names = {k: v for k, v in self._names.items() if not self._unknown(k)}

    @staticmethod
    def _unknown(tag: str) -> bool:
        return tag[0] == "{" and tag[1:].split("}", 1)[0].lower() not in _MATCH

    def _name(self, tag: str) -> str:
        """The element name feedparser's SAX layer gives ``tag`` (``'{ns}local'``)."""
        name = self._names.get(tag)
        if name is not None:
            return name
        if tag[0] != "{":
            name = tag.lower()
        else:
            ns, local = tag[1:].split("}", 1)
            prefix = _MATCH.get(ns.lower())
            name = local.lower()
            if prefix:
                name = prefix.lower() + ":" + name
            else:
                for key, value in self.namespaces_in_use.items():
                    if key and value == ns:
                        name = key + ":" + name
                        break
            name = name.lower()
        self._names[tag] = name
        return name

    @staticmethod
    def _attrs(items) -> list[tuple[str, str]]:
        """``startElementNS``'s attribute map then ``_normalize_attributes``, from an element's
        ``(name, value)`` pairs in document order."""
        out: dict[str, str] = {}
        locals_: list[tuple[str, str]] = []
        for key, value in items:
            if key[0] == "{":
                ns, local = key[1:].split("}", 1)
                prefix = _MATCH.get(ns.lower(), "")
                out[(prefix + ":" + local if prefix else local).lower()] = value
            else:
                local = key
                out[key.lower()] = value
            locals_.append((local, value))
        for local, value in locals_:
            out[local.lower()] = value
        return [(k, v.lower() if k in ("rel", "type") else v) for k, v in out.items()]

    def _start(self, el: etree._Element) -> None:
        items = el.items()
        self.unknown_starttag(self._name(el.tag), self._attrs(items) if items else [])

    def _end(self, el: etree._Element) -> None:
        self.unknown_endtag(self._name(el.tag))

    # -- feedparser's generic machinery, replayed -----------------------------------------

    def unknown_starttag(self, tag, attrs):
        self.depth += 1
        if attrs:
            attrs_d = dict(attrs)
            baseuri = attrs_d.get("xml:base", attrs_d.get("base")) or self.baseuri
            if self.baseuri:
                if baseuri == self.baseuri:
                    self.baseuri = self._same(baseuri)
                else:
                    self.baseuri = make_safe_absolute_uri(self.baseuri, baseuri) or self.baseuri
            else:
                self.baseuri = _urljoin(self.baseuri, baseuri)
            lang = attrs_d.get("xml:lang", attrs_d.get("lang"))
            if lang == "":
                lang = None
            elif lang is None:
                lang = self.lang
        else:
            attrs_d = {}
            if self.baseuri:
                self.baseuri = self._same(self.baseuri)
            lang = self.lang
        if lang and tag in ("feed", "rss", "rdf:RDF"):  # "rdf:RDF": never, names are lower case
            self.feeddata["language"] = lang.replace("_", "-")
        self.lang = lang
        self.basestack.append(self.baseuri)
        self.langstack.append(lang)

        if self.incontent:
            if self.contentparams.get("type") != XHTML:
                raise Decline  # markup inside a text/html construct: feedparser rewrites it
            local = tag.split(":", 1)[1] if ":" in tag else tag
            if local in ("svg", "math"):
                raise Decline
            if "_end_" + self._method_suffix(tag) in _END:
                raise Decline  # an XHTML child with an end handler: feedparser mis-scopes it
            self._xhtml_children.append(self.depth)
            return self.handle_data(f"<{local}{self.strattrs(attrs)}>", escape=0)

        if ":" in tag:
            prefix, suffix = tag.split(":", 1)
        else:
            prefix, suffix = "", tag
        prefix = self.namespacemap.get(prefix, prefix)
        if prefix:
            prefix = prefix + "_"
        if (not prefix) and tag not in ("title", "link", "description", "name"):
            self.intextinput = 0
        if (not prefix) and tag not in ("title", "link", "description", "url", "href", "width",
                                        "height"):
            self.inimage = 0

        method = _START.get("_start_" + prefix + suffix)
        if method is not None:
            try:
                return method(self, attrs_d)
            except AttributeError:
                pass
        unknown_tag = prefix + suffix
        if len(attrs_d) == 0:
            return self.push(unknown_tag, 1)
        context = self._get_context()
        context[unknown_tag] = attrs_d

    def _same(self, base: str) -> str:
        """``make_safe_absolute_uri(base, base) or base``: an element without ``xml:base``."""
        same = self._same_base.get(base)
        if same is None:
            same = self._same_base[base] = make_safe_absolute_uri(base, base) or base
        return same

    def _method_suffix(self, tag: str) -> str:
        if ":" in tag:
            prefix, suffix = tag.split(":", 1)
        else:
            prefix, suffix = "", tag
        prefix = self.namespacemap.get(prefix, prefix)
        return prefix + "_" + suffix if prefix else suffix

    def unknown_endtag(self, tag):
        name = self._method_suffix(tag)
        children = self._xhtml_children
        if children and children[-1] == self.depth:
            children.pop()
            if "_end_" + name in _END:
                raise Decline
            self.pop(name)
        else:
            method = _END.get("_end_" + name)
            if method is None:
                self.pop(name)
            else:
                try:
                    method(self)
                except AttributeError:
                    self.pop(name)

        if self.incontent:
            cp_type = self.contentparams.get("type", "xml")
            if not cp_type.endswith("xml"):
                raise Decline
            if cp_type == XHTML:
                self.handle_data(f"</{tag.split(':')[-1]}>", escape=0)

        if self.basestack:
            self.basestack.pop()
            if self.basestack and self.basestack[-1]:
                self.baseuri = self.basestack[-1]
        if self.langstack:
            self.langstack.pop()
            if self.langstack:
                self.lang = self.langstack[-1]
        self.depth -= 1

    def handle_data(self, text, escape=1):
        stack = self.elementstack
        if not stack:
            return
        if escape and self.contentparams.get("type") == XHTML:
            text = xml_escape(text)
        stack[-1][2].append(text)

    def push_content(self, tag, attrs_d, default_content_type, expecting_text):
        self.incontent += 1
        if self.lang:
            self.lang = self.lang.replace("_", "-")
        self.contentparams = _CP({
            "type": self.map_content_type(attrs_d.get("type", default_content_type)),
            "language": self.lang,
            "base": self.baseuri})
        self.contentparams["base64"] = self._is_base64(attrs_d, self.contentparams)
        if self.contentparams["base64"]:
            raise Decline
        self.push(tag, expecting_text)

    def pop(self, element, strip_whitespace=1):
        stack = self.elementstack
        if not stack:
            return
        if stack[-1][0] != element:
            return
        element, expecting_text, pieces = stack.pop()
        cp = self.contentparams
        if self.version == "atom10" and cp.get("type", "text") == XHTML:
            while pieces and len(pieces) > 1 and not pieces[-1].strip():
                del pieces[-1]
            while pieces and len(pieces) > 1 and not pieces[0].strip():
                del pieces[0]
            if (pieces and (pieces[0] == "<div>" or pieces[0].startswith("<div "))
                    and pieces[-1] == "</div>"):
                depth = 0
                for piece in pieces[:-1]:
                    if piece.startswith("</"):
                        depth -= 1
                        if depth == 0:
                            break
                    elif piece.startswith("<") and not piece.endswith("/>"):
                        depth += 1
                else:
                    pieces = pieces[1:-1]
        output = "".join(pieces)
        if strip_whitespace:
            output = output.strip()
        if not expecting_text:
            return output
        if cp.get("base64", 0):
            raise Decline
        if (element in self.can_be_relative_uri and output
                and (element != "id" or self.guidislink)):
            output = join_url(self.baseuri or "", output)
        if (not self.version.startswith("atom") and cp.get("type") == "text/plain"
                and self.looks_like_html(output)):
            cp["type"] = "text/html"
        cp.pop("mode", None)
        cp.pop("base64", None)
        output = fix_text(output)
        if element in ("category", "tags", "itunes_keywords"):
            return output
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output

        if self.inentry and not self.insource:
            entry = self.entries[-1]
            if element == "content":
                entry.setdefault(element, [])
                detail = FeedParserDict(cp)
                detail["value"] = output
                entry[element].append(detail)
            elif element == "link":
                if not self.inimage:
                    output = output.replace("&amp;", "&")
                    if "&" in output:
                        output = LINK_QUERY_FIX.sub(r"&\g<1>", output)
                    entry[element] = output
                    if output:
                        entry["links"][-1]["href"] = output
            else:
                if element == "description":
                    element = "summary"
                depths = self._depths.get(id(entry))
                if depths is None:
                    depths = self._depths[id(entry)] = {}
                old_value_depth = depths.get(element)
                if old_value_depth is None or self.depth <= old_value_depth:
                    depths[element] = self.depth
                    entry[element] = output
                if self.incontent:
                    detail = FeedParserDict(cp)
                    detail["value"] = output
                    entry[element + "_detail"] = detail
        elif self.infeed or self.insource:
            context = self._get_context()
            if element == "description":
                element = "subtitle"
            context[element] = output
            if element == "link":
                output = LINK_QUERY_FIX.sub(r"&\g<1>", output)
                context[element] = output
                context["links"][-1]["href"] = output
            elif self.incontent:
                detail = FeedParserDict(cp)
                detail["value"] = output
                context[element + "_detail"] = detail
        return output

    # -- guid / id: the text as written is kept beside the resolved value ------------------

    _end_guid = _end_id = end_guid

    def brief_id_depth(self, entry: FeedParserDict) -> int | None:
        """The depth of the element whose value is the entry's ``id`` (this replay's map)."""
        return self._depths.get(id(entry), {}).get("id")

    # -- date elements: feedparser parses them into *_parsed values nobody reads -------------

    def _date_end(self, element: str) -> None:
        check_date(self.pop(element))

    def _end_published(self):
        self._date_end("published")

    _end_issued = _end_pubdate = _end_published

    def _end_updated(self):
        self._date_end("updated")

    _end_modified = _end_lastbuilddate = _end_updated

    def _end_created(self):
        self._date_end("created")

    def _end_expirationdate(self):
        self._date_end("expired")


_START: dict[str, object] = {}
_END: dict[str, object] = {}


def _handlers() -> None:
    for name in dir(Replay):
        if name.startswith("_start_"):
            _START[name] = getattr(Replay, name)
        elif name.startswith("_end_"):
            _END[name] = getattr(Replay, name)


_handlers()
