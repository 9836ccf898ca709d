"""parse_retry_after: RFC 9110 §10.2.3 delay-seconds and HTTP-date, capped at 24 h."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from brief_tui.fetch import DEFAULT_RETRY_AFTER, MAX_RETRY_AFTER, parse_retry_after

NOW = datetime(2024, 1, 1, 0, 0, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("value", "seconds"), [
    ("120", 120.0),
    (" 30 ", 30.0),
    ("0", 0.0),
    ("1.5", 1.5),
    ("86400", 86400.0),
    ("999999999", MAX_RETRY_AFTER),
    ("Mon, 01 Jan 2024 00:02:00 GMT", 120.0),          # IMF-fixdate
    ("Monday, 01-Jan-24 00:01:00 GMT", 60.0),           # obsolete RFC 850
    ("Mon Jan  1 00:00:30 2024", 30.0),                 # obsolete asctime, no zone -> UTC
    ("Sun, 31 Dec 2023 23:00:00 GMT", 0.0),             # in the past
    ("Wed, 21 Oct 2037 07:28:00 GMT", MAX_RETRY_AFTER),  # B23: far future, capped
])
def test_parsed(value: str, seconds: float) -> None:
    assert parse_retry_after(value, NOW) == seconds


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "12 minutes", "Mon, 99 Foo 2024",
                                   "1e3", "0x10"])
def test_unparseable_is_none(value: str | None) -> None:
    assert parse_retry_after(value, NOW) is None


def test_naive_now_is_utc() -> None:
    assert parse_retry_after("Mon, 01 Jan 2024 00:00:10 GMT", NOW.replace(tzinfo=None)) == 10.0


def test_constants() -> None:
    assert (DEFAULT_RETRY_AFTER, MAX_RETRY_AFTER) == (60.0, 86400.0)
