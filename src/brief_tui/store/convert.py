"""Conversions between SQLite values and domain values (UTC datetimes, JSON lists)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from brief_tui.domain.models import Enclosure, ParsedEntry


def ts(value: datetime | None) -> float | None:
    """Datetime (aware, or naive meaning UTC) -> Unix seconds, or ``None``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def dt(value: float | None) -> datetime | None:
    """Unix seconds -> aware UTC datetime, or ``None``."""
    if value is None:
        return None
    return datetime.fromtimestamp(value, UTC)


def enclosures_json(items: tuple[Enclosure, ...]) -> str:
    """Enclosures -> compact JSON list of ``[url, type, length]``."""
    return json.dumps([[e.url, e.type, e.length] for e in items], separators=(",", ":"))


def enclosures_from(raw: str) -> tuple[Enclosure, ...]:
    """Inverse of :func:`enclosures_json`."""
    return tuple(Enclosure(u, t, n) for u, t, n in json.loads(raw or "[]"))


def strings_json(items: tuple[str, ...] | list[str]) -> str:
    """A list of strings -> compact JSON."""
    return json.dumps(list(items), ensure_ascii=False, separators=(",", ":"))


def strings_from(raw: str | None) -> tuple[str, ...]:
    """Inverse of :func:`strings_json`."""
    return tuple(json.loads(raw or "[]"))


def content_hash(entry: ParsedEntry) -> str:
    """Hash of the parts of an entry that make it a new version (not ``updated`` alone).

    Returns:
        40 hex digits (SHA-1 over title, link, summary, body, authors, enclosures, published,
        number).
    """
    h = hashlib.sha1()
    for part in (entry.title, entry.link or "", entry.summary, entry.html or "", entry.text,
                 entry.markdown or "", "\x1f".join(entry.authors),
                 enclosures_json(entry.enclosures),
                 repr(ts(entry.published)), repr(entry.number)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()
