"""Entry identity, display titles and author names: the reader's rules, shared by every format.

Identity (what makes two fetches of a feed the "same" story) follows elfeed and newsboat:
the Atom id / RSS GUID / JSON Feed id when the document gives one, as written (trimmed), never
resolved against the feed's URL or ``xml:base`` (so a feed that moves, or a file imported by
path, keeps its keys); else a SHA-1 of the link plus the date (or the title); else a SHA-1 of
the content. Keys are made unique within a
document by :func:`assign_keys`, deterministically, so a second parse of the same bytes gives
the same keys.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from posixpath import basename
from urllib.parse import unquote, urlsplit

from brief_tui.domain.models import Enclosure, ParsedEntry
from brief_tui.domain.text import clean_line, shorten

UNTITLED = "(untitled)"
"""The display title of an entry with no title, no text and no enclosure."""

DISPLAY_TITLE_LIMIT = 80
"""Maximum length (characters) of a display title made from the start of the text."""

SYNTHETIC_PREFIX = "sha1:"
"""Prefix of keys computed from content, so they never look like a document's own id."""


def _sha1(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def content_hash(*parts: str | None) -> str:
    """SHA-1 (hex) of text parts joined by a unit separator; ``None`` counts as ``""``."""
    return _sha1(*(p or "" for p in parts))


def synthetic_key(link: str | None, published: datetime | None, title: str,
                  content: str) -> str:
    """The key of an entry that has no id.

    Args:
        link: the entry's absolute link, or ``None``.
        published: its publication date (UTC), or ``None``.
        title: its plain-text title (may be empty).
        content: its plain-text body and summary, used only when link, date and title are
            all missing.

    Returns:
        ``"sha1:<40 hex>"`` of link + (date, else title); of the content when there is no link,
        date or title. Two items with the same link but different dates or titles get
        different keys.
    """
    when = published.isoformat() if published else ""
    if link or when or title:
        return SYNTHETIC_PREFIX + _sha1("l", link or "", when or title)
    return SYNTHETIC_PREFIX + _sha1("c", content)


def assign_keys(entries: Sequence[ParsedEntry]) -> list[ParsedEntry]:
    """Give every entry a key unique within the document, dropping exact duplicates.

    Rules (deterministic, by document order), for a later entry whose key is already taken:

    * a different link: key ``"<id>#<sha1(link)[:12]>"`` (two stories that share a GUID by
      mistake are both kept);
    * the same link but a different date or title (Scripting News reuses a GUID for two posts
      a few minutes apart): ``"<id>#<sha1(link, date, title)[:12]>"``;
    * only the body differs: ``"<id>#<sha1(body)[:12]>"``;
    * nothing differs: an exact duplicate, dropped (the first is kept).

    A suffixed key that is itself taken means the entry is a duplicate of one already kept.

    When some entry has a ``former_key`` (the key earlier releases based it on), the same rules
    are run over the former keys (an entry without one keeps its key) and each kept entry's
    ``former_key`` becomes the unique key it had then, or ``None`` when that is its key now
    (or when it was then dropped as a duplicate).

    Args:
        entries: entries whose ``key`` is set to the document id or :func:`synthetic_key`,
            ``former_key`` to the earlier base key or ``None``.

    Returns:
        The kept entries, in document order, keys unique.
    """
    former: dict[int, str] | None = None
    if any(entry.former_key for entry in entries):
        former = {id(entry): key for entry, key in
                  _unique_keys(entries, [entry.former_key or entry.key for entry in entries])}
    kept: list[ParsedEntry] = []
    for entry, key in _unique_keys(entries, [entry.key for entry in entries]):
        entry.key = key
        if former is not None:
            old = former.get(id(entry))
            entry.former_key = old if old != key else None
        kept.append(entry)
    return kept


def _unique_keys(entries: Sequence[ParsedEntry],
                 keys: Sequence[str]) -> list[tuple[ParsedEntry, str]]:
    """:func:`assign_keys`'s rules over ``keys`` (one base key per entry): the kept entries
    with their unique keys, in document order. The entries are not changed."""
    holders: dict[str, ParsedEntry] = {}
    kept: list[tuple[ParsedEntry, str]] = []
    for entry, key in zip(entries, keys, strict=True):
        first = holders.get(key)
        if first is not None:
            when = entry.published.isoformat() if entry.published else ""
            first_when = first.published.isoformat() if first.published else ""
            if (entry.link or "") != (first.link or ""):
                key = f"{key}#{_sha1(entry.link or '')[:12]}"
            elif (when, entry.title) != (first_when, first.title):
                key = f"{key}#{_sha1(entry.link or '', when, entry.title)[:12]}"
            elif (entry.text, entry.summary) != (first.text, first.summary):
                key = f"{key}#{_sha1(entry.text, entry.summary)[:12]}"
            else:
                continue
            if key in holders:
                continue
        holders[key] = entry
        kept.append((entry, key))
    return kept


def display_title(title: str, text: str, enclosures: Iterable[Enclosure] = ()) -> str:
    """The title shown in lists: never empty.

    Args:
        title: the plain-text title (may be empty).
        text: the plain-text body (may be empty).
        enclosures: the entry's attachments.

    Returns:
        The title; else the start of the text shortened to at most
        :data:`DISPLAY_TITLE_LIMIT` characters at a word boundary; else the first enclosure's
        file name; else :data:`UNTITLED`.
    """
    title = clean_line(title)
    if title:
        return title
    line = clean_line(text)
    if line:
        return shorten(line, DISPLAY_TITLE_LIMIT)
    for enclosure in enclosures:
        try:
            name = clean_line(unquote(basename(urlsplit(enclosure.url).path)))
        except ValueError:
            name = ""
        if name:
            return shorten(name, DISPLAY_TITLE_LIMIT)
    return UNTITLED


_ADDR = r"[^\s@<>()\"',;]+@[^\s@<>()\"',;]+\.[^\s@<>()\"',;]+"
_ADDR_ONLY = re.compile(rf"^<?(?:mailto:)?{_ADDR}>?$", re.I)
_ADDR_PAREN = re.compile(rf"^(?:mailto:)?{_ADDR}\s*\((?P<name>[^()]*)\)$", re.I)
_NAME_ADDR = re.compile(rf"^(?P<name>.*?)\s*[<(\[](?:mailto:)?{_ADDR}[>)\]]$", re.I)
_ANY_ADDR = re.compile(rf"\(?<?(?:mailto:)?{_ADDR}>?\)?", re.I)


def author_name(raw: str | None) -> str:
    """An author's display name, never an e-mail address.

    ``"jane@example.com (Jane Doe)"`` and ``"Jane Doe <jane@example.com>"`` give
    ``"Jane Doe"``. A bare address (``"jane@example.com"``) gives ``""``: the local part of an
    address is not a name (it is often ``"editor"`` or ``"noreply"``), so the author is dropped.

    Args:
        raw: the author string as the document gave it (already entity-decoded).

    Returns:
        The cleaned one-line name, or ``""`` when there is none.
    """
    text = clean_line(raw)
    if not text:
        return ""
    if "@" not in text:  # every address pattern below needs one; clean_line is idempotent
        return text.strip("\"'")
    if _ADDR_ONLY.match(text):
        return ""
    m = _ADDR_PAREN.match(text)
    if m:
        return clean_line(m.group("name")).strip("\"'")
    m = _NAME_ADDR.match(text)
    if m:
        return clean_line(m.group("name")).strip("\"'")
    return clean_line(_ANY_ADDR.sub(" ", text)).strip("\"'")


def author_names(raws: Iterable[str | None]) -> tuple[str, ...]:
    """:func:`author_name` over several strings, empty names dropped, first occurrence kept."""
    out: list[str] = []
    for raw in raws:
        name = author_name(raw)
        if name and name not in out:
            out.append(name)
    return tuple(out)
