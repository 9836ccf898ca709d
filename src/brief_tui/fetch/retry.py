"""``Retry-After`` parsing (RFC 9110 §10.2.3), pure.

Public name: :func:`parse_retry_after`.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from brief_tui.fetch.settings import MAX_RETRY_AFTER

_SECONDS = re.compile(r"\d{1,12}(?:\.\d+)?")


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Turn a ``Retry-After`` header value into seconds to wait from ``now``.

    Accepts ``delay-seconds`` (``"120"``; a decimal fraction is tolerated) and an HTTP-date
    (IMF-fixdate ``"Wed, 21 Oct 2037 07:28:00 GMT"``, also the obsolete RFC 850 and asctime
    forms). The result is capped at :data:`~brief_tui.fetch.settings.MAX_RETRY_AFTER` (24 h);
    a date in the past gives ``0.0``.

    Args:
        value: the raw header value, or ``None`` when the header is absent.
        now: the current time (timezone-aware; a naive value is taken as UTC). Pass the
            response's ``Date`` header when there is one so the server's clock is the reference.

    Returns:
        Seconds (``0.0`` to ``86400.0``), or ``None`` when the value is absent or unparseable
        (``"soon"``, ``"-5"``, an impossible date); the caller then applies its default.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _SECONDS.fullmatch(text):
        return min(float(text), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    seconds = (when - now).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)
