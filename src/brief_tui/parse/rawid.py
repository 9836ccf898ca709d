"""An entry's RSS ``<guid>`` / Atom ``<id>`` as the document wrote it, beside feedparser's value.

feedparser resolves a ``<guid>`` (``isPermaLink`` defaults to true) and every Atom ``<id>``
against the element's base URL (the feed's URL, ``xml:base``): ``"123"`` fetched from
``http://host/feeds/a.xml`` becomes ``"http://host/feeds/123"``. That resolved value is right
for the link feedparser derives from a permalink GUID, but an entry's identity must not depend
on where the document was fetched from (a redirect to a new URL, a ``file://`` import), so the
reader keys entries on the text as written (:func:`raw_id`).

How the written text is recovered, exactly: feedparser's end handler for the element
(``_end_guid``, aliased ``_end_id``) is replaced by :func:`end_guid` on the two parser classes
``feedparser.parse`` instantiates (``feedparser.api.StrictFeedParser`` and ``LooseFeedParser``;
the shared mixin is left alone; :func:`install`). Inside an entry, for a value feedparser would
resolve, :func:`end_guid` first pops a copy of the element's text pieces with resolution
switched off and storing suppressed (``inentry``/``infeed``/``insource`` cleared, the content
parameters copied so the real pop sees exactly what it would have), so the written text goes
through the very same ``pop`` (stripping, entity decoding, the encoding repairs) minus the URL
join; then it runs feedparser's handler unchanged. When the real pop stored its value in the
entry (feedparser's depth rule for repeated elements), the pair ``(value, written)`` is saved
under :data:`RAW_ID`; a reader uses it only while the entry's ``id`` is still that value, so a
pair left behind by an overwritten id never applies. No text is re-parsed and nothing is
guessed from the resolved URL.

The lxml fast path replays the same handler (:class:`~brief_tui.parse.fastxml_replay.Replay`
uses :func:`end_guid`; its leaf replay ``_k_id`` saves the same pair), so both paths agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

RAW_ID = "brief_raw_id"
"""Entry key of the ``(stored id, id as written)`` pair."""


def raw_id(entry: Mapping[str, Any]) -> Any:
    """The entry's ``id`` as the document wrote it (feedparser's ``id`` when it was not
    resolved, or when the entry has no recorded pair for it); ``None`` when it has no id."""
    value = dict.get(entry, "id")
    pair = dict.get(entry, RAW_ID)
    if pair is not None and pair[0] == value:
        return pair[1]
    return value


def end_guid(self: Any) -> None:
    """feedparser 6.0's ``_end_guid``/``_end_id`` (pop the value, save ``guidislink``, a permalink
    GUID acts as the link), also saving the unresolved text as :data:`RAW_ID` on the entry."""
    stack = self.elementstack
    in_entry = bool(self.inentry and not self.insource and stack and stack[-1][0] == "id")
    raw = None
    if in_entry and self.guidislink:
        element, expecting_text, pieces = stack[-1]
        saved = (self.inentry, self.infeed, self.insource, self.guidislink, self.contentparams)
        stack.append([element, expecting_text, list(pieces)])
        self.contentparams = type(saved[4])(saved[4])
        self.inentry = self.infeed = self.insource = 0
        self.guidislink = False
        try:
            raw = self.pop("id")
        finally:
            (self.inentry, self.infeed, self.insource, self.guidislink,
             self.contentparams) = saved
    value = self.pop("id")
    if in_entry:
        entry = self.entries[-1]
        if self.brief_id_depth(entry) == self.depth:  # pop stored ``value`` (depth rule)
            dict.__setitem__(entry, RAW_ID, (value, value if raw is None else raw))
    self._save("guidislink", self.guidislink and "link" not in self._get_context())
    if self.guidislink:
        # guid acts as link, but only if 'ispermalink' is not present or is 'true',
        # and only if the item doesn't already have a link element
        self._save("link", value)


def _feedparser_id_depth(self: Any, entry: Mapping[str, Any]) -> int | None:
    """The depth of the element whose value is the entry's ``id`` (feedparser's own map)."""
    return self.property_depth_map.get(entry, {}).get("id")


def install() -> None:
    """Put :func:`end_guid` on the parser classes ``feedparser.parse`` uses (idempotent)."""
    from feedparser import api

    for cls in (api.StrictFeedParser, api.LooseFeedParser):
        cls._end_guid = cls._end_id = end_guid
        cls.brief_id_depth = _feedparser_id_depth
