"""Property tests: the JSON Feed parser and the document dispatcher never crash on hostile
input — they return a parsed feed or raise one of the engine's errors — and nothing they return
carries terminal controls."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief_tui.domain.errors import BriefError
from brief_tui.parse import parse_document

URL = "https://example.com/feed.json"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=40))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)
item = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=20), st.integers(), values),
    "url": st.one_of(st.text(max_size=30), values),
    "title": st.one_of(st.text(max_size=30), values),
    "content_html": st.one_of(st.text(max_size=80), values),
    "content_text": st.one_of(st.text(max_size=80), values),
    "date_published": st.one_of(st.text(max_size=30), values),
    "author": values,
    "authors": st.one_of(st.lists(st.dictionaries(st.sampled_from(["name", "url"]),
                                                  st.text(max_size=20)), max_size=3), values),
    "attachments": st.one_of(st.lists(st.dictionaries(
        st.sampled_from(["url", "mime_type", "size_in_bytes"]), scalars), max_size=3), values),
})
feed = st.fixed_dictionaries(
    {"version": st.sampled_from(["https://jsonfeed.org/version/1",
                                 "https://jsonfeed.org/version/1.1"])},
    optional={"title": st.one_of(st.text(max_size=30), values),
              "home_page_url": st.one_of(st.text(max_size=30), values),
              "items": st.one_of(st.lists(item, max_size=5), values),
              "authors": values, "icon": values, "favicon": values, "language": values})


def no_controls(s: str) -> bool:
    return not any((ord(c) < 32 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in s)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(feed)
def test_json_feed_never_crashes_and_is_clean(doc):
    try:
        parsed = parse_document(json.dumps(doc).encode(), url=URL)
    except BriefError:
        return
    assert parsed.format.startswith("jsonfeed")
    assert no_controls(parsed.title)
    keys = [e.key for e in parsed.entries]
    assert len(keys) == len(set(keys))
    for e in parsed.entries:
        assert e.display_title and no_controls(e.display_title) and no_controls(e.text)
        assert all(no_controls(a) for a in e.authors)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_raise_an_engine_error(body):
    try:
        parse_document(body, url=URL)
    except BriefError:
        pass
