"""Property tests: the briefing parser never crashes and is deterministic."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brief_tui.domain.errors import BriefError
from brief_tui.domain.models import ParsedFeed
from brief_tui.parse.briefing import decode_briefing, looks_like_briefing, parse_briefing

_FRAGMENTS = [
    "1. Headline one", "2) Second headline", "## 3. Markdown item", "# Title", "**Bold line**",
    "**Why it matters:** because", "- **Bullet** — body [Source](https://example.com/b)",
    "- [Linked](https://example.org/l) - text", "---", "====", "* * *", "___",
    "Source: https://example.com/s", "Source:", "Source: not a url", "Subject: Digest",
    "Date: Tue, 1 Dec 2026 18:30:00 +0000", "Daily Briefing — 29 November 2026",
    "Plain sentence of body text.", "", "   ", "  - nested", "1. list", "[", "**", "#",
    "Mistral AI has raised $830 million near Paris.", "\t", "> quote", "```", "<div>x</div>",
]

lines = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=40)), max_size=25)
newlines = st.sampled_from(["\n", "\r\n", "\r"])


def _check(feed_or_error, url):
    if isinstance(feed_or_error, BriefError):
        return
    feed = feed_or_error
    assert isinstance(feed, ParsedFeed)
    assert feed.format == "briefing"
    keys = [e.key for e in feed.entries]
    assert len(keys) == len(set(keys))
    for e in feed.entries:
        assert e.key.startswith("briefing:")
        assert e.display_title
        assert "\r" not in e.text and "\x1b" not in e.text + e.title
        assert "\n" not in e.title and "\n" not in e.summary
        assert e.number is None or isinstance(e.number, int)


def _run(body: bytes, url: str):
    try:
        return parse_briefing(body, url=url)
    except BriefError as err:
        return err


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=lines, nl=newlines, bom=st.booleans())
def test_structured_text_never_crashes_and_is_deterministic(parts, nl, bom):
    body = (("\ufeff" if bom else "") + nl.join(parts)).encode("utf-8")
    first = _run(body, "file:///p.txt")
    _check(first, "file:///p.txt")
    second = _run(body, "file:///p.txt")
    if isinstance(first, ParsedFeed):
        assert [(e.key, e.title, e.text, e.link) for e in first.entries] == [
            (e.key, e.title, e.text, e.link) for e in second.entries]
    looks_like_briefing(decode_briefing(body))


@settings(max_examples=150, deadline=None)
@given(body=st.binary(max_size=600))
def test_arbitrary_bytes_never_crash(body):
    _check(_run(body, "https://example.com/x.txt"), "x")
    assert isinstance(looks_like_briefing(decode_briefing(body)), bool)


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_crashes(text):
    _check(_run(text.encode("utf-8", "surrogatepass"), "file:///t.md"), "t")
