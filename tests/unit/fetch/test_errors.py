"""Fetch errors beyond the shared scenarios: statuses, transport failures, odd redirects."""

from __future__ import annotations

import gzip
import http.client
import socket
import ssl

import pytest

from brief_tui.domain.errors import FetchError
from brief_tui.fetch import Fetcher, FetchSettings, Validators
from tests.support.httpserver import Rule, ScenarioServer, When
from tests.support.scenarios import EXTRA_SCENARIOS, RSS, plain
from tests.support.tls import self_signed_context


async def error_of(fetcher: Fetcher, url: str, validators: Validators | None = None
                   ) -> FetchError:
    with pytest.raises(FetchError) as info:
        await fetcher.fetch(url, validators)
    return info.value


async def test_410_is_gone(scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes(EXTRA_SCENARIOS["X-410-gone"])
    url = scenario_server.url("/x/gone.xml")
    error = await error_of(fetcher, url)
    assert (error.category, error.http_status) == ("gone", 410)
    assert str(error) == f"{url}: HTTP 410 Gone: the feed was removed"


async def test_404_is_http_with_status_and_reason(scenario_server: ScenarioServer,
                                                  fetcher: Fetcher) -> None:
    scenario_server.set_routes(EXTRA_SCENARIOS["X-404"])
    url = scenario_server.url("/x/missing.xml")
    error = await error_of(fetcher, url)
    assert (error.category, error.http_status, error.retry_after) == ("http", 404, None)
    assert str(error) == f"{url}: HTTP 404 Not Found"


async def test_503_without_retry_after_is_http(scenario_server: ScenarioServer,
                                               fetcher: Fetcher) -> None:
    scenario_server.set_routes(EXTRA_SCENARIOS["X-503-plain"])
    error = await error_of(fetcher, scenario_server.url("/x/down.xml"))
    assert (error.category, error.http_status, error.retry_after) == ("http", 503, None)
    assert error.message == "HTTP 503 Service Unavailable"


async def test_429_http_date_is_measured_from_the_server_date(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(429, {
        "Date": "Mon, 01 Jan 2024 00:00:00 GMT",
        "Retry-After": "Mon, 01 Jan 2024 00:01:30 GMT"})]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert (error.category, error.retry_after) == ("rate_limited", 90.0)


async def test_429_without_retry_after_defaults_to_60_s(scenario_server: ScenarioServer,
                                                        fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(429)]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert (error.category, error.http_status, error.retry_after) == ("rate_limited", 429, 60.0)


async def test_307_is_temporary(scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes(EXTRA_SCENARIOS["X-307"])
    result = await fetcher.fetch(scenario_server.url("/x/temp307.xml"))
    assert result.final_url == scenario_server.url("/b20/new.xml")
    assert result.permanent_url is None


async def test_permanent_url_is_the_end_of_the_leading_301_chain(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes(EXTRA_SCENARIOS["X-301-then-302"])
    result = await fetcher.fetch(scenario_server.url("/x/chain-a.xml"))
    assert result.permanent_url == scenario_server.url("/x/chain-b.xml")
    assert result.final_url == scenario_server.url("/b20/new.xml")
    assert result.redirects == (scenario_server.url("/x/chain-b.xml"),
                                scenario_server.url("/b20/new.xml"))


async def test_302_then_301_has_no_permanent_url(scenario_server: ScenarioServer,
                                                 fetcher: Fetcher) -> None:
    scenario_server.set_routes({
        "/a": [Rule(302, {"Location": "/b"})], "/b": [Rule(301, {"Location": "/c"})],
        "/c": [Rule(200, RSS, b"<rss/>")]})
    result = await fetcher.fetch(scenario_server.url("/a"))
    assert (result.permanent_url, result.body) == (None, b"<rss/>")


async def test_absolute_location_to_another_server(make_scenario_server, fetcher: Fetcher
                                                   ) -> None:
    target = make_scenario_server({"/feed": [Rule(200, RSS, b"<rss/>")]})
    origin = make_scenario_server({"/old": [Rule(301, {"Location": target.url("/feed")})]})
    result = await fetcher.fetch(origin.url("/old"))
    assert (result.final_url, result.permanent_url) == (target.url("/feed"), target.url("/feed"))
    assert (origin.count(), target.count()) == (1, 1)


async def test_max_redirects_setting_is_honoured(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes({f"/{i}": [Rule(302, {"Location": f"/{i + 1}"})]
                                for i in range(5)} | {"/5": [Rule(200, RSS, b"ok")]})
    async with Fetcher(FetchSettings(max_redirects=4, trust_env=False)) as fetcher:
        error = await error_of(fetcher, scenario_server.url("/0"))
    assert (error.category, error.message) == ("redirects", "too many redirects (more than 4)")
    assert scenario_server.count() == 5
    async with Fetcher(FetchSettings(max_redirects=5, trust_env=False)) as fetcher:
        assert (await fetcher.fetch(scenario_server.url("/0"))).body == b"ok"


async def test_redirect_without_location_is_http(scenario_server: ScenarioServer,
                                                 fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(301)]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert (error.category, error.http_status) == ("http", 301)
    assert error.message == "HTTP 301 Moved Permanently without a Location header"


async def test_redirect_to_another_scheme_is_refused(scenario_server: ScenarioServer,
                                                     fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(302, {"Location": "file:///etc/passwd"})]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert error.category == "redirects"
    assert error.message == ("redirect to an unsupported URL 'file:///etc/passwd' "
                             "(only http and https)")


async def test_304_without_validators_is_an_error(scenario_server: ScenarioServer,
                                                  fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(304)]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert (error.category, error.http_status) == ("http", 304)
    assert error.message == "HTTP 304 Not Modified to a request without validators"


async def test_304_without_validator_headers_keeps_the_ones_sent(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(304)]})
    sent = Validators('"abc"', "Mon, 01 Jan 2024 00:00:00 GMT")
    result = await fetcher.fetch(scenario_server.url("/r"), sent)
    assert (result.status, result.validators) == (304, sent)


async def test_200_without_validators_clears_them(scenario_server: ScenarioServer,
                                                  fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, RSS, b"<rss/>")]})
    result = await fetcher.fetch(scenario_server.url("/r"), Validators('"old"', None))
    assert result.validators == Validators(None, None)
    assert scenario_server.requests[0].header("If-None-Match") == '"old"'


async def test_validators_sent_on_every_redirect_hop(scenario_server: ScenarioServer,
                                                     fetcher: Fetcher) -> None:
    scenario_server.set_routes({
        "/old": [Rule(301, {"Location": "/new"})],
        "/new": [Rule(304, {"ETag": '"n"'}, when=When(header_equals={"If-None-Match": '"n"'}))]})
    result = await fetcher.fetch(scenario_server.url("/old"), Validators('"n"', None))
    assert (result.status, result.permanent_url) == (304, scenario_server.url("/new"))
    assert [r.header("If-None-Match") for r in scenario_server.requests] == ['"n"', '"n"']


async def test_non_ascii_validator_is_not_sent(scenario_server: ScenarioServer,
                                               fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, RSS, b"x")]})
    await fetcher.fetch(scenario_server.url("/r"), Validators('"caf\u00e9"', "x\x07y"))
    [request] = scenario_server.requests
    assert request.header("If-None-Match") is None
    assert request.header("If-Modified-Since") == "xy"  # control characters are stripped


async def test_repeated_headers_are_joined_and_names_lower_case(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {"X-Thing": "a", "Content-Type": "text/xml"},
                                            b"x")]})
    result = await fetcher.fetch(scenario_server.url("/r"))
    assert result.headers["x-thing"] == "a"
    assert result.headers["content-length"] == "1"
    assert all(name == name.lower() for name in result.headers)


async def test_lying_gzip_that_ignores_identity_is_an_encoding_error(
        scenario_server: ScenarioServer, fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {"Content-Encoding": "gzip"},
                                            plain("b19-feed-plain.xml"))]})
    url = scenario_server.url("/r")
    error = await error_of(fetcher, url)
    assert error.category == "encoding"
    assert error.message == ("bad content-encoding gzip: Error -3 while decompressing data: "
                             "incorrect header check (also when asked for identity)")
    assert [r.header("Accept-Encoding") for r in scenario_server.requests] == [
        "gzip, deflate, br", "identity"]


async def test_unsupported_encoding_retries_with_identity(scenario_server: ScenarioServer,
                                                          fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [
        Rule(200, {}, b"plain", when=When(header_equals={"Accept-Encoding": "identity"})),
        Rule(200, {"Content-Encoding": "zstd"}, b"\x28\xb5\x2f\xfd...")]})
    result = await fetcher.fetch(scenario_server.url("/r"))
    assert result.body == b"plain"


async def test_unsupported_encoding_twice_is_a_clear_error(scenario_server: ScenarioServer,
                                                           fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {"Content-Encoding": "compress"}, b"...")]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert error.category == "encoding"
    assert error.message == ("unsupported content-encoding compress (also when asked for "
                             "identity)")


async def test_truncated_gzip_is_not_handed_over(scenario_server: ScenarioServer,
                                                 fetcher: Fetcher) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {"Content-Encoding": "gzip"},
                                            gzip.compress(b"<rss>" * 100)[:-12])]})
    error = await error_of(fetcher, scenario_server.url("/r"))
    assert error.category == "encoding"
    assert error.message == ("bad content-encoding gzip: compressed data ends early "
                             "(also when asked for identity)")


async def test_content_length_over_cap_fails_before_reading(scenario_server: ScenarioServer
                                                            ) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {}, b"x" * 2000)]})
    async with Fetcher(FetchSettings(max_body_bytes=1000, trust_env=False)) as fetcher:
        error = await error_of(fetcher, scenario_server.url("/r"))
    assert (error.category, error.message) == ("too_large",
                                               "feed too large: more than 1000 bytes")


async def test_body_exactly_at_cap_is_fine(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {"Content-Encoding": "gzip"},
                                            gzip.compress(b"x" * 1000))]})
    async with Fetcher(FetchSettings(max_body_bytes=1000, trust_env=False)) as fetcher:
        assert (await fetcher.fetch(scenario_server.url("/r"))).body == b"x" * 1000


async def test_page_too_large_says_page(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes({"/p": [Rule(200, {}, lambda: iter([b"x" * 600] * 2))]})
    async with Fetcher(FetchSettings(max_body_bytes=1000, trust_env=False)) as fetcher:
        with pytest.raises(FetchError) as info:
            await fetcher.fetch_page(scenario_server.url("/p"))
    assert info.value.message == "page too large: more than 1000 bytes"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_connection_refused_is_network(fetcher: Fetcher) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    error = await error_of(fetcher, url)
    assert (error.category, str(error)) == ("network", f"{url}: connection refused")


async def test_tls_handshake_failure_is_tls(scenario_server: ScenarioServer,
                                            fetcher: Fetcher) -> None:
    url = f"https://{scenario_server.host}/feed.xml"  # a plain-HTTP server behind https
    error = await error_of(fetcher, url)
    assert error.category == "tls"
    assert str(error) == f"{url}: TLS error: wrong version number"


@pytest.mark.parametrize(("url", "message"), [
    ("ftp://example.com/feed.xml",
     "unsupported URL 'ftp://example.com/feed.xml' (only http and https)"),
    ("feed.xml", "unsupported URL 'feed.xml' (only http and https)"),
    ("http://[::1/feed", "invalid URL: Invalid port: ':1'"),
])
async def test_bad_urls_are_network_errors(fetcher: Fetcher, url: str, message: str) -> None:
    error = await error_of(fetcher, url)
    assert (error.category, error.message) == ("network", message)


async def test_fetch_outside_the_context_manager_is_a_programming_error() -> None:
    with pytest.raises(RuntimeError, match="async with Fetcher"):
        await Fetcher().fetch("http://127.0.0.1/")


async def test_custom_user_agent(scenario_server: ScenarioServer) -> None:
    scenario_server.set_routes({"/r": [Rule(200, {}, b"x")]})
    async with Fetcher(FetchSettings(user_agent="probe/1.0", trust_env=False)) as fetcher:
        await fetcher.fetch(scenario_server.url("/r"))
    assert scenario_server.requests[0].header("User-Agent") == "probe/1.0"


async def test_untrusted_certificate_is_tls(tmp_path) -> None:
    context, cert = self_signed_context(tmp_path)
    with ScenarioServer({"/f": [Rule(200, RSS, b"<rss/>")]}, ssl_context=context) as server:
        url = server.url("/f")
        assert url.startswith("https://127.0.0.1:")
        async with Fetcher(FetchSettings(trust_env=False)) as fetcher:
            error = await error_of(fetcher, url)
        assert error.category == "tls"
        assert error.message in ("TLS error: self-signed certificate",
                                 "TLS error: self signed certificate")
        # The same server is fine for a client that trusts the certificate.
        client = ssl.create_default_context(cafile=str(cert))
        conn = http.client.HTTPSConnection("127.0.0.1", server.port, context=client, timeout=5)
        conn.request("GET", "/f")
        assert conn.getresponse().read() == b"<rss/>"
        conn.close()


async def test_ca_bundle_loads_with_the_first_tls_connection(tmp_path, monkeypatch) -> None:
    # The verifying context is made without its CA bundle (a plain-HTTP refresh never pays
    # for loading it); the first TLS connection loads the bundle httpx would: SSL_CERT_FILE
    # when the environment is trusted, so a server signed by that certificate is accepted.
    from brief_tui.fetch import client as fetch_client

    context, cert = self_signed_context(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    fetch_client._ssl_context.cache_clear()
    try:
        tls = fetch_client._ssl_context(True)
        assert tls.cert_store_stats()["x509_ca"] == 0
        assert (tls.verify_mode, tls.check_hostname) == (ssl.CERT_REQUIRED, True)
        with ScenarioServer({"/f": [Rule(200, RSS, b"<rss/>")]}, ssl_context=context) as server:
            async with Fetcher(FetchSettings(trust_env=True)) as fetcher:
                fetched = await fetcher.fetch(server.url("/f"), Validators())
        assert (fetched.status, fetched.body) == (200, b"<rss/>")
        assert tls.cert_store_stats()["x509_ca"] == 1
    finally:
        fetch_client._ssl_context.cache_clear()
