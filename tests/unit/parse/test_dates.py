"""parse_date: every B12/B13 row, plus the RFC 822 / ISO 8601 shapes feeds use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from brief_tui.parse.dates import is_future, parse_date


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("raw", "expected", "assumed"), [
    # B12
    ("Mo, 25 Jun 2018 11:41:36", utc(2018, 6, 25, 11, 41, 36), True),
    ("2016/6/29 15:07:41", utc(2016, 6, 29, 15, 7, 41), True),
    ("Mon, May 25 2020 04:45:26 +0000", utc(2020, 5, 25, 4, 45, 26), False),
    ("Thu, 4 May 2017 19:40:17", utc(2017, 5, 4, 19, 40, 17), True),
    ("", None, False),
    ("Someday soon", None, False),
    ("Tue, 30 Feb 2021 10:00:00 GMT", None, False),
    ("Tue, 01 Jan 2099 00:00:00 GMT", utc(2099, 1, 1), False),
    # B13
    ("Tue, 08 Oct 2013 18:30:00 EST", utc(2013, 10, 8, 23, 30), False),
    ("Mon, 06 Aug 2018 18:11:54 -0000", utc(2018, 8, 6, 18, 11, 54), False),
    ("Wed, 02 Oct 2024 10:00:00 EDT", utc(2024, 10, 2, 14), False),
    ("Wed, 02 Oct 2024 10:00:00 CEST", utc(2024, 10, 2, 8), False),
    ("Wed, 02 Oct 2024 10:00:00 +0530", utc(2024, 10, 2, 4, 30), False),
    ("Wed, 02 Oct 2024 10:00:00", utc(2024, 10, 2, 10), True),
    ("2024-10-02T10:00:00+05:30", utc(2024, 10, 2, 4, 30), False),
    ("2024-10-02T10:00:00", utc(2024, 10, 2, 10), True),
])
def test_case_rows(raw, expected, assumed):
    assert parse_date(raw) == (expected, assumed)


@pytest.mark.parametrize(("raw", "expected", "assumed"), [
    (None, None, False),
    ("   ", None, False),
    ("Tue, 08 Oct 2013 18:30:00 CET", utc(2013, 10, 8, 17, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 PST", utc(2013, 10, 9, 2, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 PDT", utc(2013, 10, 9, 1, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 BST", utc(2013, 10, 8, 17, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 UT", utc(2013, 10, 8, 18, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 Z", utc(2013, 10, 8, 18, 30), False),
    ("Tue, 08 Oct 2013 18:30 GMT", utc(2013, 10, 8, 18, 30), False),
    ("8 Oct 13 18:30:00 +0200", utc(2013, 10, 8, 16, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 GMT+2", utc(2013, 10, 8, 16, 30), False),
    ("Tue, 08 Oct 2013 18:30:00 XYZ", utc(2013, 10, 8, 18, 30), True),  # unknown zone
    ("2024-05-01T10:00:00.250Z", utc(2024, 5, 1, 10, 0, 0, 250000), False),
    ("2024-05-01T10:00:00+02:00", utc(2024, 5, 1, 8), False),
    ("2024-05-01 10:00:00 +0100", utc(2024, 5, 1, 9), False),
    ("2024-05-01", utc(2024, 5, 1), True),
    ("2024/05/01", utc(2024, 5, 1), True),
    ("June 5, 2020", utc(2020, 6, 5), True),
    ("2024-13-01T00:00:00Z", None, False),
    ("June 2020", None, False),  # no day: not a full date, never guessed
    ("tomorrow", None, False),
])
def test_other_shapes(raw, expected, assumed):
    assert parse_date(raw) == (expected, assumed)


def test_is_future_allows_one_day_of_slack():
    now = utc(2026, 11, 29, 12)
    assert not is_future(None, now)
    assert not is_future(now + timedelta(hours=23), now)
    assert is_future(now + timedelta(days=1, seconds=1), now)
    assert is_future(utc(2099, 1, 1), now)
