"""Dates as feeds write them, parsed to timezone-aware UTC.

feedparser's own date handling is bypassed (it reads ``2016/6/29`` as 2016-11-01 and treats
``CEST`` as UTC); the raw strings are parsed here instead:

* RFC 822 / RFC 2822 (RSS 2.0 ``pubDate``), tolerating a bad or missing day name (``Mo,``),
  month-before-day order (``Mon, May 25 2020``), two-digit years, named zones (``UT``, ``GMT``,
  ``Z``, US zones, ``CET``/``CEST``, ``BST``...), numeric zones and ``-0000``;
* ISO 8601 / RFC 3339 (Atom, JSON Feed), with or without seconds, fraction and zone;
* ``YYYY/M/D [H:M[:S]]``;
* anything else that python-dateutil reads unambiguously (every date field present).

A date without a zone is taken as UTC and flagged ``assumed_utc``. Impossible or unreadable dates
(``30 Feb``, ``Someday soon``, ``""``) give ``None``: never a guess. Future dates are returned as
they are; :func:`is_future` tells the store which ones to flag.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime, timedelta, timezone
from functools import lru_cache

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTHS.update({"sept": 9, "june": 6, "july": 7})

# Named zones in use in feeds, as hours east of UTC. Ambiguous abbreviations (IST, CST in China)
# take their most common feed meaning (US Central for CST, as RFC 822 defines it).
_ZONES = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3, "NST": -3.5, "NDT": -2.5,
    "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "WEST": 1, "EET": 2,
    "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5,
    "ACDT": 10.5, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
}

_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
_ZONE = r"(?:\s*(?P<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?))?"
_DAYNAME = r"(?:[A-Za-z]{2,9}\.?,?\s+)?"
# 25 Jun 2018 11:41:36 +0000
_RFC822_DMY = re.compile(
    rf"^{_DAYNAME}(?P<d>\d{{1,2}})[\s-]+(?P<mon>[A-Za-z]{{3,9}})\.?[\s-]+(?P<y>\d{{2,4}})"
    rf"(?:,?\s+{_TIME})?{_ZONE}\s*$")
# May 25 2020 04:45:26 +0000
_RFC822_MDY = re.compile(
    rf"^{_DAYNAME}(?P<mon>[A-Za-z]{{3,9}})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
    rf"(?P<y>\d{{4}})(?:,?\s+{_TIME})?{_ZONE}\s*$")
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[Tt ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?P<f>[.,]\d+)?)?"
    r"\s*(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?\s*$")
_SLASH = re.compile(
    rf"^(?P<y>\d{{4}})/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})(?:[T\s]+{_TIME})?{_ZONE}\s*$")
# Exactly what _RFC822_DMY / _ISO read from "Thu, 26 Feb 2026 16:31:00 GMT" and
# "2026-02-26T16:31:00Z" (same groups, same builder), tried first because it is cheaper.
_CANONICAL = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|Z|[+-]\d{4})"
    r"|(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})")
_NAMED_OFFSET = re.compile(r"^([A-Za-z]{1,5})([+-]\d{1,2}(?::?\d{2})?)$")


def parse_date(raw: str | None) -> tuple[datetime | None, bool]:
    """Parse a feed date string.

    Args:
        raw: the date exactly as the document wrote it (RSS ``pubDate``, Atom ``updated``,
            JSON Feed ``date_published``...), or ``None``.

    Returns:
        ``(when, assumed_utc)``: ``when`` is a timezone-aware UTC datetime, or ``None`` when the
        string is empty, unreadable or names an impossible date; ``assumed_utc`` is True when
        the string had no (known) zone and UTC was assumed.
    """
    if not raw:
        return None, False
    fast = _CANONICAL.fullmatch(raw)
    if fast is not None:  # the two shapes most feeds use, read without the general patterns
        g = fast.groups()
        if g[0] is not None:  # RFC 822: Thu, 26 Feb 2026 16:31:00 GMT
            return _build(int(g[2]), _MONTHS[g[1].lower()], int(g[0]), g[3], g[4], g[5], g[6])
        return _build(int(g[7]), int(g[8]), int(g[9]), g[10], g[11], g[12], g[13])  # ISO 8601
    text = " ".join(raw.split())
    if not text:
        return None, False
    for pattern, builder in ((_ISO, _from_iso), (_RFC822_DMY, _from_rfc822),
                             (_RFC822_MDY, _from_rfc822), (_SLASH, _from_slash)):
        match = pattern.match(text)
        if match:
            return builder(match)
    return _from_dateutil(text)


def _from_iso(m: re.Match) -> tuple[datetime | None, bool]:
    g = m.groupdict()
    micro = int(float(g["f"].replace(",", ".")) * 1_000_000) if g.get("f") else 0
    return _build(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], g["zone"],
                  micro)


def _from_rfc822(m: re.Match) -> tuple[datetime | None, bool]:
    g = m.groupdict()
    month = _MONTHS.get(g["mon"][:4].lower()) or _MONTHS.get(g["mon"][:3].lower())
    if month is None:
        return None, False
    year = int(g["y"])
    if len(g["y"]) == 2:  # RFC 2822 section 4.3
        year += 2000 if year < 50 else 1900
    elif len(g["y"]) == 3:
        year += 1900
    return _build(year, month, int(g["d"]), g["H"], g["M"], g["S"], g["zone"])


def _from_slash(m: re.Match) -> tuple[datetime | None, bool]:
    g = m.groupdict()
    return _build(int(g["y"]), int(g["m"]), int(g["d"]), g["H"], g["M"], g["S"], g["zone"])


def _signed_offset(token: str) -> timedelta | None:
    """``+0530``, ``+05:30``, ``-5``, ``+01`` as an offset; ``None`` when out of range."""
    sign = -1 if token[0] == "-" else 1
    body = token[1:]
    if ":" in body:
        hours, _, minutes = body.partition(":")
    elif len(body) <= 2:
        hours, minutes = body, "0"
    else:
        hours, minutes = body[:-2], body[-2:]
    total = int(hours) * 60 + int(minutes)
    if int(minutes) >= 60 or total >= 24 * 60:
        return None
    return timedelta(minutes=sign * total)


@lru_cache(maxsize=256)
def _zone_offset(zone: str | None) -> timedelta | None:
    """Offset of a zone token, or ``None`` when absent or unknown."""
    if not zone:
        return None
    if zone[0] in "+-":
        return _signed_offset(zone)
    named = _NAMED_OFFSET.match(zone)
    if named:  # GMT+1, UTC-05:00
        if named.group(1).upper() in ("GMT", "UTC", "UT"):
            return _signed_offset(named.group(2))
        return None
    hours = _ZONES.get(zone.upper())
    if hours is None:
        return None
    return timedelta(minutes=round(hours * 60))


def _build(year: int, month: int, day: int, hour: str | None, minute: str | None,
           second: str | None, zone: str | None, micro: int = 0) -> tuple[datetime | None, bool]:
    offset = _zone_offset(zone)
    try:
        when = datetime(year, month, day, int(hour or 0), int(minute or 0), int(second or 0),
                        micro, tzinfo=timezone.utc)
        if offset is None:
            return when, True
        return when - offset, False
    except (ValueError, OverflowError):  # 30 Feb; year 1 or 9999 moved out of range by the zone
        return None, False


_DEFAULTS = (datetime(2001, 1, 1, 0, 0, 0), datetime(2002, 2, 2, 1, 1, 1))


def _from_dateutil(text: str) -> tuple[datetime | None, bool]:
    """Last resort: dateutil, accepted only when every date field came from the text."""
    from dateutil import parser as du

    tzinfos = {name: int(hours * 3600) for name, hours in _ZONES.items()}
    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                results.append(du.parse(text, default=default, tzinfos=tzinfos))
        except (ValueError, OverflowError, TypeError, ArithmeticError):
            return None, False
    first, second = results
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None, False  # a field was filled from the default: the text is not a full date
    if first.tzinfo is None:  # missing time fields came from the first default: 00:00:00
        return first.replace(tzinfo=timezone.utc), True
    try:
        return first.astimezone(timezone.utc), False
    except (ValueError, OverflowError):  # moved out of range by the zone
        return None, False


def is_future(when: datetime | None, now: datetime, slack: timedelta = timedelta(days=1)) -> bool:
    """True when ``when`` is later than ``now + slack`` (a date the store should not trust).

    Args:
        when: a UTC datetime or ``None`` (gives False).
        now: the current time, timezone-aware.
        slack: tolerance for clock skew and zone mistakes; one day by default.
    """
    return when is not None and when > now + slack
