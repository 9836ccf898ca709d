"""A strict reader for the YAML front matter the export writes (test helper, no PyYAML).

It accepts exactly the subset :mod:`brief_tui.export.yamlfm` emits and decodes it by the YAML
1.2 rules written independently of the writer: ``key: scalar``, ``key: []``, ``key:`` followed
by ``  - scalar`` lines. Scalars: double-quoted (section 7.3.1 escapes; only c-printable
characters may appear raw), ``null``/``true``/``false``, integers, dates, UTC timestamps, and
plain scalars (section 7.3.3) that a YAML 1.1 or 1.2 reader would also read as strings.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_ESCAPES = {"0": "\x00", "a": "\x07", "b": "\x08", "t": "\t", "\t": "\t", "n": "\n",
            "v": "\x0b", "f": "\x0c", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
            "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX = {"x": 2, "u": 4, "U": 8}
_PLAIN_FORBIDDEN_START = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_STRINGS = re.compile(
    r"(?i)(?:y|n|yes|no|on|off|true|false|null|~|[-+]?(?:\.inf|\.nan)|"
    r"[-+]?[0-9][0-9_,.:eE+-]*|0x[0-9a-f]+|0o?[0-7]+)")


class YamlError(ValueError):
    """The text is not front matter this reader accepts."""


def _printable(ch: str) -> bool:
    c = ord(ch)
    return (c in (0x09, 0x0A, 0x0D, 0x85) or 0x20 <= c <= 0x7E or 0xA0 <= c <= 0xD7FF
            or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF)


def double_quoted(s: str) -> str:
    """Decode one double-quoted scalar (the whole of ``s``)."""
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise YamlError(f"not a double-quoted scalar: {s!r}")
    body, out, i = s[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if not _printable(ch) or ch in "\n\r":
            raise YamlError(f"raw non-printable {ch!r} in {s!r}")
        if ch == '"':
            raise YamlError(f"unescaped quote in {s!r}")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(body):
            raise YamlError(f"dangling backslash in {s!r}")
        e = body[i + 1]
        if e in _ESCAPES:
            out.append(_ESCAPES[e])
            i += 2
        elif e in _HEX:
            digits = body[i + 2:i + 2 + _HEX[e]]
            if len(digits) != _HEX[e] or not re.fullmatch(r"[0-9A-Fa-f]+", digits):
                raise YamlError(f"bad \\{e} escape in {s!r}")
            out.append(chr(int(digits, 16)))
            i += 2 + _HEX[e]
        else:
            raise YamlError(f"unknown escape \\{e} in {s!r}")
    return "".join(out)


def scalar(s: str) -> object:
    """Decode one scalar as a YAML 1.2 core-schema reader would (and check 1.1 agrees)."""
    if s.startswith('"'):
        return double_quoted(s)
    if s == "null":
        return None
    if s in ("true", "false"):
        return s == "true"
    if re.fullmatch(r"-?[0-9]+", s):
        return int(s)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return date.fromisoformat(s)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", s):
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    if not s or s[0] in _PLAIN_FORBIDDEN_START or s != s.strip() or ": " in s or " #" in s \
            or s.endswith(":") or _NOT_STRINGS.fullmatch(s) or any(not _printable(c) or
                                                                   c in "\t\n\r" for c in s):
        raise YamlError(f"ambiguous or invalid plain scalar {s!r}")
    return s


def front_matter(doc: str) -> dict[str, object]:
    """Parse the front matter at the start of a Markdown document.

    Raises:
        YamlError: anything outside the accepted subset.
    """
    if not doc.startswith("---\n"):
        raise YamlError("no front matter")
    end = doc.find("\n---\n", 3)
    if end < 0:
        raise YamlError("front matter not closed")
    data: dict[str, object] = {}
    current: list | None = None
    for line in doc[4:end].split("\n"):
        if line.startswith("  - ") and current is not None:
            current.append(scalar(line[4:]))
            continue
        m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?", line)
        if not m or m.group(1) in data:
            raise YamlError(f"bad front matter line {line!r}")
        key, value = m.group(1), m.group(2)
        current = None
        if value is None:
            current = data[key] = []
        elif value == "[]":
            data[key] = []
        else:
            data[key] = scalar(value)
    return data
