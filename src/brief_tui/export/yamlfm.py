"""YAML front matter: a tiny writer for flat mappings of scalars and lists of scalars.

Enough of YAML 1.2 for Obsidian/Jekyll/Hugo front matter, no dependency. Strings are written
plain only when a YAML 1.1 or 1.2 reader cannot take them for anything but that string (they
start with a letter, hold only letters, digits, spaces and ``._/-``, and are not ``true``,
``no``, ``null``… in any case); every other string is double-quoted with the escapes of YAML 1.2
section 5.7 (``\\\\``, ``\\"``, ``\\xNN``, ``\\uNNNN``, ``\\UNNNNNNNN`` for anything outside the
printable set of section 5.1, plus ``\\N``, ``\\L``, ``\\P`` for NEL/LS/PS and U+FEFF).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime

from brief_tui.jsonshape import iso

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _printable(code: int) -> bool:
    # YAML 1.2 c-printable, minus the line breaks (TAB and NEL/LS/PS are escaped too).
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF) and code not in (0x2028, 0x2029, 0xFEFF)


_NAMED = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0",
          "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        return "\uFFFD"  # a lone surrogate is no character: write the replacement character
    if _printable(code):
        return ch
    if code <= 0xFF:
        return f"\\x{code:02X}"
    if code <= 0xFFFF:
        return f"\\u{code:04X}"
    return f"\\U{code:08X}"


def yaml_string(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text`` (plain when safe, else double-quoted).

    Args:
        text: any string, including controls, quotes, ``: ``, `` #``, leading ``-``/``[``/``&``.

    Returns:
        One line of YAML (never contains a raw line break or control character).
    """
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and "  " not in text \
            and text.casefold() not in _RESERVED:
        return text
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def yaml_scalar(value: object) -> str:
    """One YAML scalar: ``None`` -> ``null``, bools, ints, dates (``2026-11-29``), datetimes
    (ISO 8601 UTC ``2026-11-29T08:00:00Z``), strings (:func:`yaml_string`).

    Raises:
        TypeError: another type (a float, a mapping…).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return iso(value) or "null"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return yaml_string(value)
    raise TypeError(f"front matter values are strings, numbers, dates or lists, not "
                    f"{type(value).__name__}")


def front_matter(fields: Mapping[str, object]) -> str:
    """A front matter block: ``---``, one ``key: value`` per field, ``---`` (no final newline).

    Lists and tuples become block sequences (``  - item``), or ``[]`` when empty.

    Args:
        fields: keys (letters, digits, ``_``, ``-``; starting with a letter or ``_``) to
            scalars or lists of scalars, in output order.

    Raises:
        TypeError: a key or value that cannot be written.
    """
    lines = ["---"]
    for key, value in fields.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise TypeError(f"front matter key {key!r}: use letters, digits, _ and -")
        if isinstance(value, (list, tuple)):
            if not value:
                lines.append(f"{key}: []")
            else:
                lines.append(f"{key}:")
                lines += [f"  - {yaml_scalar(v)}" for v in value]
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines)
