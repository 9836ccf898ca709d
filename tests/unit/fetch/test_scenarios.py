"""Every scenario id of the shared HTTP table, replayed at the fetch level with exact outcomes.

The parse/service outcomes (item titles, stored URL, 'not a feed') belong to the service tests;
here we check what the fetch layer hands over: status, URLs, raw bytes, validators, errors and
what the server saw.
"""

from __future__ import annotations

import asyncio
import hashlib
import tracemalloc

import pytest

from brief_tui.domain.errors import FetchError
from brief_tui.fetch import (
    DEFAULT_USER_AGENT, FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchSettings, Validators,
)
from tests.support.httpserver import ScenarioServer
from tests.support.scenarios import (
    BOMB_DECOMPRESSED_SIZE, HUGE_ITEMS, SCENARIOS, huge_feed_chunks, plain,
)
from tests.unit.fetch.conftest import MIB, SMALL

SHARED_IDS = [
    "B01-serve", "B02-text-xml", "B02-wrong-charset", "B11-after-redirect", "B19-gzip",
    "B19-deflate-zlib", "B19-deflate-raw", "B19-br-unrequested", "B19-x-gzip",
    "B19-gzip-label-plain-body", "B20-301", "B20-308", "B20-302", "B20-relative-location",
    "B20-loop", "B20-permanent-to-html", "B21-etag-rotates-lm-fixed", "B23-429-seconds",
    "B23-429-http-date", "B23-503-retry-after", "B23-429-garbage", "B23-subscribe-once",
    "B24a-huge", "B24b-gzip-bomb", "B26-never-responds", "B26-trickle",
    "B26-stall-after-status-line", "B29-jsonfeed", "B33b-json-escapes", "B38b-empty-200",
    "B38c-whitespace-200", "B38a-zero-items", "B41-js-shell-article",
]
PLAIN_B19 = "b19-feed-plain.xml"


def test_table_mirrors_every_shared_scenario_id() -> None:
    assert list(SCENARIOS) == SHARED_IDS


def load(server: ScenarioServer, scenario_id: str) -> str:
    """Load one scenario and return the absolute URL the client requests first."""
    scenario = SCENARIOS[scenario_id]
    server.set_routes(scenario)
    return server.url(scenario.path)


async def fetch_error(fetcher: Fetcher, url: str, **kwargs: object) -> FetchError:
    with pytest.raises(FetchError) as info:
        await fetcher.fetch(url, **kwargs)
    return info.value


# -- plain 200s: raw bytes, never decoded text -----------------------------------------------


@pytest.mark.parametrize(("scenario_id", "fixture", "content_type"), [
    ("B01-serve", "b01-undeclared-latin1.xml", "application/rss+xml"),
    ("B02-text-xml", "b02-xmldecl-latin1.xml", "text/xml"),
    ("B02-wrong-charset", "b02-xmldecl-latin1.xml", "application/rss+xml; charset=utf-8"),
    ("B29-jsonfeed", "b29-jsonfeed.json", "application/feed+json"),
    ("B33b-json-escapes", "b33b-terminal-escapes.json", "application/feed+json"),
    ("B38a-zero-items", "b38a-zero-items.xml", "application/rss+xml"),
    ("B38c-whitespace-200", "b38c-whitespace-body.xml", "application/rss+xml"),
])
async def test_b01_b02_b29_b33_b38_plain_200_hands_over_raw_bytes(
        scenario_server: ScenarioServer, fetcher: Fetcher, scenario_id: str, fixture: str,
        content_type: str) -> None:
    url = load(scenario_server, scenario_id)
    result = await fetcher.fetch(url)
    assert result.status == 200
    assert result.body == plain(fixture)
    assert result.body_sha256 == hashlib.sha256(plain(fixture)).hexdigest()
    assert result.content_type == content_type
    assert result.headers["content-type"] == content_type
    assert (result.requested_url, result.final_url, result.permanent_url) == (url, url, None)
    assert result.redirects == ()
    assert (result.etag, result.last_modified) == (None, None)
    [request] = scenario_server.requests
    assert request.header("Accept") == FEED_ACCEPT
    assert request.header("User-Agent") == DEFAULT_USER_AGENT
    assert request.header("Accept-Encoding") == "gzip, deflate, br"
    assert request.header("If-None-Match") is None


async def test_b38b_empty_200_is_a_fetch_success_with_empty_body(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    url = load(scenario_server, "B38b-empty-200")
    result = await fetcher.fetch(url)
    assert (result.status, result.body, result.headers["content-length"]) == (200, b"", "0")
    assert result.body_sha256 == hashlib.sha256(b"").hexdigest()
    assert not result.not_modified


async def test_b41_js_shell_article_feed_and_page(scenario_server: ScenarioServer,
                                                   fetcher: Fetcher) -> None:
    url = load(scenario_server, "B41-js-shell-article")
    feed = await fetcher.fetch(url)
    assert feed.body == plain("b41-feed.xml")
    page = await fetcher.fetch_page(scenario_server.url("/b41/article.html"))
    assert page.body == plain("b41-article.html")
    assert page.content_type == "text/html; charset=utf-8"
    assert [r.header("Accept") for r in scenario_server.requests] == [FEED_ACCEPT, PAGE_ACCEPT]


# -- B19 content codings ---------------------------------------------------------------------


@pytest.mark.parametrize(("scenario_id", "coding"), [
    ("B19-gzip", "gzip"),
    ("B19-deflate-zlib", "deflate"),
    ("B19-deflate-raw", "deflate"),
    ("B19-br-unrequested", "br"),
    ("B19-x-gzip", "x-gzip"),
])
async def test_b19_compressed_body_is_decoded_to_the_plain_bytes(
        scenario_server: ScenarioServer, fetcher: Fetcher, scenario_id: str,
        coding: str) -> None:
    url = load(scenario_server, scenario_id)
    result = await fetcher.fetch(url)
    assert result.body == plain(PLAIN_B19)
    assert result.headers["content-encoding"] == coding
    assert scenario_server.count() == 1


async def test_b19_gzip_label_plain_body_retries_once_with_identity(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    url = load(scenario_server, "B19-gzip-label-plain-body")
    result = await fetcher.fetch(url)
    assert result.status == 200
    assert result.body == plain(PLAIN_B19)
    assert "content-encoding" not in result.headers
    first, second = scenario_server.requests
    assert first.header("Accept-Encoding") == "gzip, deflate, br"
    assert second.header("Accept-Encoding") == "identity"


# -- B20 redirects and B11 final URL -------------------------------------------------------------


@pytest.mark.parametrize(("scenario_id", "first_path", "permanent"), [
    ("B20-301", "/b20/old.xml", True),
    ("B20-308", "/b20/old308.xml", True),
    ("B20-302", "/b20/temp.xml", False),
    ("B20-relative-location", "/b20/dir/rel.xml", True),
])
async def test_b20_redirect_followed_and_permanent_url_only_for_301_308(
        scenario_server: ScenarioServer, fetcher: Fetcher, scenario_id: str, first_path: str,
        permanent: bool) -> None:
    url = load(scenario_server, scenario_id)
    assert url == scenario_server.url(first_path)
    target = scenario_server.url("/b20/new.xml")
    result = await fetcher.fetch(url)
    assert result.status == 200
    assert result.body == plain("b20-redirect-target.xml")
    assert (result.requested_url, result.final_url) == (url, target)
    assert result.permanent_url == (target if permanent else None)
    assert result.redirects == (target,)
    assert [r.path for r in scenario_server.requests] == [first_path, "/b20/new.xml"]


async def test_b11_after_redirect_final_url_is_the_base(scenario_server: ScenarioServer,
                                                         fetcher: Fetcher) -> None:
    url = load(scenario_server, "B11-after-redirect")
    result = await fetcher.fetch(url)
    assert result.final_url == scenario_server.url("/feeds/b11.xml")
    assert result.permanent_url == scenario_server.url("/feeds/b11.xml")
    assert result.body == plain("b11-relative-links.xml")


async def test_b20_loop_too_many_redirects(scenario_server: ScenarioServer,
                                           fetcher: Fetcher) -> None:
    url = load(scenario_server, "B20-loop")
    error = await fetch_error(fetcher, url)
    assert error.category == "redirects"
    assert str(error) == f"{url}: too many redirects (more than 10)"
    assert error.http_status == 302
    assert scenario_server.count() == 11  # the request and 10 redirects, then stop
    assert scenario_server.count("/b20/loop-a") == 6


async def test_b20_permanent_to_html_is_returned_for_the_service_to_reject(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    url = load(scenario_server, "B20-permanent-to-html")
    result = await fetcher.fetch(url)
    assert result.status == 200
    assert result.final_url == scenario_server.url("/b20/landing.html")
    assert result.permanent_url == scenario_server.url("/b20/landing.html")
    assert result.content_type == "text/html; charset=utf-8"
    assert result.body == plain("b28c-html-with-feed-link.html")


# -- B21 conditional GET -----------------------------------------------------------------------


async def test_b21_etag_rotates_lm_fixed(scenario_server: ScenarioServer,
                                         fetcher: Fetcher) -> None:
    url = load(scenario_server, "B21-etag-rotates-lm-fixed")
    mon, tue = "Mon, 01 Jan 2024 00:00:00 GMT", "Tue, 02 Jan 2024 00:00:00 GMT"

    first = await fetcher.fetch(url)
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', mon)
    assert first.body == plain("b21-v1.xml")

    second = await fetcher.fetch(url, first.validators)
    assert (second.status, second.etag, second.last_modified) == (304, '"v2"', mon)
    assert (second.body, second.body_sha256, second.not_modified) == (b"", None, True)

    third = await fetcher.fetch(url, second.validators)
    assert (third.status, third.etag, third.last_modified) == (304, '"v2"', mon)

    fourth = await fetcher.fetch(url, third.validators)
    assert (fourth.status, fourth.etag, fourth.last_modified) == (200, '"v3"', tue)
    assert fourth.body == plain("b21-v2.xml")

    sent = [(r.header("If-None-Match"), r.header("If-Modified-Since"))
            for r in scenario_server.requests]
    assert sent == [(None, None), ('"v1"', mon), ('"v2"', mon), ('"v2"', mon)]


# -- B23 rate limiting -------------------------------------------------------------------------


@pytest.mark.parametrize(("scenario_id", "status", "retry_after"), [
    ("B23-429-seconds", 429, 120.0),
    ("B23-429-http-date", 429, 86400.0),   # 2037 is far away: capped at 24 h
    ("B23-503-retry-after", 503, 30.0),
    ("B23-429-garbage", 429, 60.0),        # "soon" -> the 60 s default
])
async def test_b23_rate_limited_carries_retry_after(
        scenario_server: ScenarioServer, fetcher: Fetcher, scenario_id: str, status: int,
        retry_after: float) -> None:
    url = load(scenario_server, scenario_id)
    error = await fetch_error(fetcher, url)
    assert error.category == "rate_limited"
    assert (error.http_status, error.retry_after) == (status, retry_after)
    phrase = "Too Many Requests" if status == 429 else "Service Unavailable"
    assert str(error) == (f"{url}: HTTP {status} {phrase}: rate limited, retry after "
                          f"{retry_after:g} s")
    assert scenario_server.count() == 1


async def test_b23_subscribe_once_single_get_succeeds_and_a_quick_second_is_refused(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    url = load(scenario_server, "B23-subscribe-once")
    result = await fetcher.fetch(url)
    assert (result.status, result.body) == (200, plain("b21-v1.xml"))
    assert scenario_server.count() == 1
    # The strict server refuses a second GET within 5 s: the service must not issue one.
    error = await fetch_error(fetcher, url)
    assert (error.category, error.retry_after) == ("rate_limited", 3600.0)


# -- B24 size caps -----------------------------------------------------------------------------


async def test_b24a_huge_over_cap_is_too_large(scenario_server: ScenarioServer,
                                               fetcher: Fetcher) -> None:
    url = load(scenario_server, "B24a-huge")
    error = await fetch_error(fetcher, url)
    assert error.category == "too_large"
    assert str(error) == f"{url}: feed too large: more than {4 * MIB} bytes"
    assert error.http_status == 200


async def test_b24a_huge_under_cap_is_read_whole(scenario_server: ScenarioServer) -> None:
    url = load(scenario_server, "B24a-huge")
    async with Fetcher(FetchSettings(max_body_bytes=32 * MIB, trust_env=False)) as fetcher:
        result = await fetcher.fetch(url)
    assert result.body == b"".join(huge_feed_chunks())
    assert result.body.count(b"<item>") == HUGE_ITEMS
    assert result.headers["transfer-encoding"] == "chunked"


async def test_b24b_gzip_bomb_stops_near_the_cap(scenario_server: ScenarioServer) -> None:
    url = load(scenario_server, "B24b-gzip-bomb")
    SCENARIOS["B24b-gzip-bomb"].routes["/b24/bomb.xml"][0].body()  # build it before tracing
    cap = 2 * MIB
    async with Fetcher(FetchSettings(max_body_bytes=cap, trust_env=False)) as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(FetchError) as info:
                await fetcher.fetch(url)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert info.value.category == "too_large"
    assert str(info.value) == f"{url}: feed too large: more than {cap} bytes"
    # Memory stays near the cap (here 2 MiB), far below the 64 MiB the bomb inflates to.
    assert peak < 3 * cap < BOMB_DECOMPRESSED_SIZE // 10


# -- B26 slow servers --------------------------------------------------------------------------


@pytest.mark.parametrize("scenario_id", ["B26-never-responds", "B26-stall-after-status-line"])
async def test_b26_silent_servers_hit_the_read_timeout(
        scenario_server: ScenarioServer, fetcher: Fetcher, scenario_id: str) -> None:
    url = load(scenario_server, scenario_id)
    error = await fetch_error(fetcher, url)
    assert error.category == "timeout"
    assert str(error) == f"{url}: timed out after 0.5 s without data from the server"


async def test_b26_trickle_is_cut_by_the_deadline(scenario_server: ScenarioServer) -> None:
    url = load(scenario_server, "B26-trickle")
    # A byte every 0.5 s never trips a 2 s read timeout: only the 1 s deadline can end it.
    settings = FetchSettings(read_timeout=2.0, deadline=1.0, trust_env=False)
    async with Fetcher(settings) as fetcher:
        error = await fetch_error(fetcher, url)
    assert error.category == "timeout"
    assert str(error) == f"{url}: timed out after 1 s"
    [request] = scenario_server.requests
    assert 0 < request.bytes_sent < len(plain("b21-v1.xml"))


async def test_b26_other_feeds_in_the_same_refresh_complete(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes(SCENARIOS["B26-never-responds"], SCENARIOS["B26-trickle"],
                               SCENARIOS["B20-301"])
    silent, trickle, moved = await asyncio.gather(
        fetcher.fetch(scenario_server.url("/b26/silent.xml")),
        fetcher.fetch(scenario_server.url("/b26/trickle.xml")),
        fetcher.fetch(scenario_server.url("/b20/old.xml")),
        return_exceptions=True)
    assert isinstance(silent, FetchError) and silent.category == "timeout"
    assert isinstance(trickle, FetchError) and trickle.category == "timeout"
    assert not isinstance(moved, BaseException)
    assert moved.body == plain("b20-redirect-target.xml")


def test_small_settings_are_what_the_messages_say() -> None:
    assert (SMALL.read_timeout, SMALL.deadline, SMALL.max_body_bytes) == (0.5, 1.5, 4 * MIB)


def test_validators_bool() -> None:
    assert not Validators()
    assert Validators(etag='"x"')
    assert Validators(last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
