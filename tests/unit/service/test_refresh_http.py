"""The refresh pipeline against the scenario server: every HTTP case at the service level.

Each test names its case (INDEX.md) and asserts what is stored afterwards: stories, the feed's
URL, status, error category and validators, and what the server saw.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from brief_tui.domain.errors import FetchError, NotAFeedError
from tests.support.httpserver import Rule, ScenarioServer
from tests.support.scenarios import EXTRA_SCENARIOS, RSS, SCENARIOS, plain

FEED_WITH_ITEMS = [Rule(200, RSS, plain("b20-redirect-target.xml"))]


def titles(service, url):
    feed = service.feed(url)
    return sorted(s.title for s in service.stories(feed_filter(feed), limit=1000))


def feed_filter(feed):
    from brief_tui.domain.filters import StoryFilter

    return StoryFilter(feed_ids=(feed.id,))


def subscribe(service, server: ScenarioServer, path: str):
    return service.add(server.url(path)).feed


def test_b20_301_moves_stored_url_after_parse(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B20-301"])
    old, new = srv.url("/b20/old.xml"), srv.url("/b20/new.xml")
    feed = service.add(old).feed
    assert feed.url == new
    assert titles(service, new) == ["Moved feed item"]
    srv.reset()
    [result] = service.refresh()
    assert result.outcome == "unchanged"
    assert [r.path for r in srv.requests] == ["/b20/new.xml"]


@pytest.mark.parametrize("scenario", ["B20-308", "B20-relative-location"])
def test_b20_permanent_redirects_move_url_on_refresh(service, make_scenario_server, scenario):
    srv = make_scenario_server()
    path = SCENARIOS[scenario].path
    srv.set_routes({path: FEED_WITH_ITEMS})
    service.add(srv.url(path))
    srv.set_routes(SCENARIOS[scenario])
    [result] = service.refresh()
    assert result.outcome == "unchanged"  # same items, now from the new URL
    assert [f.url for f in service.feeds()] == [srv.url("/b20/new.xml")]


def test_b20_302_keeps_url(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B20-302"])
    feed = service.add(srv.url("/b20/temp.xml")).feed
    assert feed.url == srv.url("/b20/temp.xml")
    assert titles(service, feed.url) == ["Moved feed item"]


def test_b20_loop_fails_with_too_many_redirects_and_keeps_items(service, make_scenario_server):
    srv = make_scenario_server({"/b20/loop-a": FEED_WITH_ITEMS})
    url = srv.url("/b20/loop-a")
    service.add(url)
    srv.set_routes(SCENARIOS["B20-loop"])
    [result] = service.refresh()
    assert result.outcome == "error" and result.category == "redirects"
    assert "too many redirects" in result.message
    feed = service.feed(url)
    assert feed.url == url and feed.story_count == 1 and feed.last_status == "error"
    assert srv.count() <= 11


def test_b20_permanent_redirect_to_html_is_not_a_feed(service, make_scenario_server):
    srv = make_scenario_server({"/b20/to-html.xml": FEED_WITH_ITEMS})
    url = srv.url("/b20/to-html.xml")
    service.add(url)
    srv.set_routes(SCENARIOS["B20-permanent-to-html"])
    [result] = service.refresh()
    assert result.category == "not_a_feed"
    assert "redirected to an HTML page, not a feed" in result.message
    feed = service.feed(url)
    assert feed.url == url and feed.story_count == 1


def test_b21_validators_stored_from_every_200_and_304(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B21-etag-rotates-lm-fixed"])
    url = srv.url("/b21/feed.xml")
    service.add(url)
    assert service.feed(url).etag == '"v1"'
    [r2] = service.refresh()
    assert r2.outcome == "unchanged"
    feed = service.feed(url)
    assert (feed.etag, feed.last_status, feed.http_status) == ('"v2"', "unchanged", 304)
    assert feed.last_modified == "Mon, 01 Jan 2024 00:00:00 GMT"
    [r3] = service.refresh()
    assert r3.outcome == "unchanged"
    [r4] = service.refresh()
    assert (r4.outcome, r4.new) == ("new", 1)
    assert titles(service, url) == ["Version one", "Version two"]
    sent = [r.header("If-None-Match") for r in srv.requests]
    assert sent == [None, '"v1"', '"v2"', '"v2"']
    assert srv.requests[1].header("If-Modified-Since") == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert service.feed(url).etag == '"v3"'


def test_identical_body_without_validators_is_not_reparsed(service, make_scenario_server,
                                                           monkeypatch):
    srv = make_scenario_server({"/plain.xml": FEED_WITH_ITEMS})
    service.add(srv.url("/plain.xml"))
    calls = []
    original = service.parse
    monkeypatch.setattr(service, "parse", lambda *a, **k: calls.append(1) or original(*a, **k))
    [result] = service.refresh()
    assert result.outcome == "unchanged" and calls == []


@pytest.mark.parametrize("scenario,wait", [("B23-429-seconds", 120), ("B23-503-retry-after", 30),
                                           ("B23-429-garbage", 60)])
def test_b23_retry_after_is_honoured(service, clock, make_scenario_server, scenario, wait):
    srv = make_scenario_server()
    path = SCENARIOS[scenario].path
    srv.set_routes({path: FEED_WITH_ITEMS})
    url = srv.url(path)
    service.add(url)
    srv.set_routes(SCENARIOS[scenario])
    [r1] = service.refresh()
    assert (r1.outcome, r1.category) == ("error", "rate_limited")
    feed = service.feed(url)
    assert feed.retry_after == clock.now + timedelta(seconds=wait)
    assert feed.story_count == 1 and feed.last_status == "rate_limited"
    [r2] = service.refresh()
    assert r2.outcome == "skipped" and srv.count(path) == 1
    clock.advance(wait + 1)
    [r3] = service.refresh()
    assert r3.outcome in ("new", "unchanged") and srv.count(path) == 2
    assert service.feed(url).retry_after is None


def test_b23_http_date_is_capped_at_a_day(service, clock, make_scenario_server):
    srv = make_scenario_server({"/b23/date.xml": FEED_WITH_ITEMS})
    url = srv.url("/b23/date.xml")
    service.add(url)
    srv.set_routes(SCENARIOS["B23-429-http-date"])
    service.refresh()
    assert service.feed(url).retry_after == clock.now + timedelta(hours=24)


def test_b23_subscribe_issues_one_get(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B23-subscribe-once"])
    result = service.add(srv.url("/b23/strict.xml"))
    assert result.created and result.new == 1
    assert srv.count() == 1


def test_gone_marks_feed_and_keeps_stories(service, make_scenario_server):
    srv = make_scenario_server({"/gone.xml": FEED_WITH_ITEMS})
    url = srv.url("/gone.xml")
    service.add(url)
    srv.set_routes({"/gone.xml": [Rule(410, {}, "gone")]})
    [r] = service.refresh()
    assert (r.category, r.http_status) == ("gone", 410)
    feed = service.feed(url)
    assert (feed.last_status, feed.story_count) == ("gone", 1)


def test_b38a_zero_items_keeps_stored_stories(service, make_scenario_server):
    srv = make_scenario_server({"/b38/zero.xml": FEED_WITH_ITEMS})
    url = srv.url("/b38/zero.xml")
    service.add(url)
    srv.set_routes(SCENARIOS["B38a-zero-items"])
    [r] = service.refresh()
    assert (r.outcome, r.new) == ("unchanged", 0)
    feed = service.feed(url)
    assert (feed.last_status, feed.story_count, feed.title) == ("ok", 1, "Empty for now")


@pytest.mark.parametrize("scenario,category,words", [
    ("B38b-empty-200", "empty", "empty response"),
    ("B38c-whitespace-200", "not_a_feed", "not a recognised feed format"),
])
def test_b38_bad_bodies_fail_and_keep_stories(service, make_scenario_server, scenario,
                                              category, words):
    path = SCENARIOS[scenario].path
    srv = make_scenario_server({path: FEED_WITH_ITEMS})
    url = srv.url(path)
    service.add(url)
    srv.set_routes(SCENARIOS[scenario])
    [r] = service.refresh()
    assert (r.outcome, r.category) == ("error", category)
    assert words in r.message and url in r.message
    assert service.feed(url).story_count == 1


def test_b24_too_large_writes_nothing(service, make_scenario_server):
    service.config.fetch.max_body_bytes = 1024 * 1024
    srv = make_scenario_server(SCENARIOS["B24b-gzip-bomb"])
    with pytest.raises(FetchError) as err:
        service.add(srv.url("/b24/bomb.xml"))
    assert err.value.category == "too_large"
    assert service.feeds() == []


def test_b26_one_slow_feed_never_stops_the_others(service, make_scenario_server):
    service.config.fetch.read_timeout = 0.5
    service.config.fetch.deadline = 1.5
    srv = make_scenario_server({"/ok.xml": FEED_WITH_ITEMS, "/b26/silent.xml": FEED_WITH_ITEMS,
                                "/b26/trickle.xml": FEED_WITH_ITEMS})
    for path in ("/ok.xml", "/b26/silent.xml", "/b26/trickle.xml"):
        service.add(srv.url(path))
    srv.set_routes({"/ok.xml": FEED_WITH_ITEMS}, SCENARIOS["B26-never-responds"],
                   SCENARIOS["B26-trickle"])
    results = {r.url.rsplit("/", 1)[1]: r for r in service.refresh()}
    assert results["ok.xml"].outcome == "unchanged"
    assert results["silent.xml"].category == "timeout"
    assert results["trickle.xml"].category == "timeout"
    assert all(f.story_count == 1 for f in service.feeds())


def test_unreachable_network_is_a_network_error(service):
    from brief_tui.store.convert import ts  # noqa: F401 - store import keeps the test honest

    feed, _ = service.store.add_feed("http://127.0.0.1:9/feed.xml", now=service.now())
    [r] = service.refresh()
    assert (r.outcome, r.category) == ("error", "network")
    assert service.feed(feed.url).error.startswith("http://127.0.0.1:9/feed.xml")


def test_b11_relative_links_resolve_against_final_url(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B11-after-redirect"])
    service.add(srv.url("/old/b11.xml"))
    stories = {s.link for s in service.stories(limit=10)}
    assert srv.url("/news/item-1") in stories
    assert srv.url("/feeds/item-2.html") in stories
    enclosures = [e.url for s in service.stories(limit=10) for e in s.enclosures]
    assert enclosures == [srv.url("/feeds/media/ep1.mp3")]


def test_b41_fulltext_unavailable_keeps_summary(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B41-js-shell-article"])
    service.add(srv.url("/b41/feed.xml"))
    [story] = service.stories(limit=5)
    assert story.link == srv.url("/b41/article.html")
    after = service.fetch_fulltext(story.id)
    assert after.fulltext_status == "unavailable"
    assert after.text == "Teaser: tomatoes did well."
    assert after.fulltext_markdown is None


def test_not_a_feed_add_stores_nothing(service, make_scenario_server):
    srv = make_scenario_server(SCENARIOS["B38c-whitespace-200"])
    with pytest.raises(NotAFeedError) as err:
        service.add(srv.url("/b38/blank.xml"))
    assert str(err.value) == f"{srv.url('/b38/blank.xml')}: not a recognised feed format"
    assert service.feeds() == []


def test_home_page_add_subscribes_to_discovered_feed(service, make_scenario_server):
    srv = make_scenario_server({"/": [Rule(200, {"Content-Type": "text/html"},
                                           b'<html><head><link rel="alternate" '
                                           b'type="application/rss+xml" href="/feed.xml">'
                                           b"</head><body>hi</body></html>")],
                                "/feed.xml": FEED_WITH_ITEMS})
    result = service.add(srv.url("/"))
    assert result.feed.url == srv.url("/feed.xml") and result.new == 1
    assert service.discover(srv.url("/"))[0].url == srv.url("/feed.xml")


def test_extra_scenarios_exist():
    assert {"410"} <= {k.split("-")[0] for k in EXTRA_SCENARIOS} or EXTRA_SCENARIOS


ARTICLE = (b"<html><head><title>Report</title></head><body><nav>Home | About</nav><article>"
           b"<h1>Quarterly garden report</h1>"
           + b"".join(b"<p>Paragraph %d of the full report: the tomatoes did well, the beans "
                      b"did not, and the shed roof needs replacing before the winter rains.</p>"
                      % i for i in range(8))
           + b"</article><footer>Copyright</footer></body></html>")


def test_fulltext_on_refresh_when_configured(service, make_scenario_server):
    from brief_tui.config import FeedConfig

    srv = make_scenario_server({
        "/b41/feed.xml": [Rule(200, RSS, plain("b41-feed.xml"))],
        "/b41/article.html": [Rule(200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE)]})
    url = srv.url("/b41/feed.xml")
    service.config.feeds.append(FeedConfig(url=url, fulltext=True))
    service.store.add_feed(url, now=service.now())
    [result] = service.refresh()
    assert result.new == 1
    [story] = service.stories(limit=5)
    assert story.fulltext_status == "ok"
    assert "Paragraph 7 of the full report" in story.fulltext_text
    assert story.text == "Teaser: tomatoes did well."  # the feed's own text is kept
    assert srv.count("/b41/article.html") == 1


def test_fulltext_on_refresh_unavailable_keeps_summary(service, make_scenario_server):
    from brief_tui.config import FeedConfig

    srv = make_scenario_server(SCENARIOS["B41-js-shell-article"])
    url = srv.url("/b41/feed.xml")
    service.config.feeds.append(FeedConfig(url=url, fulltext=True))
    service.store.add_feed(url, now=service.now())
    service.refresh()
    [story] = service.stories(limit=5)
    assert (story.fulltext_status, story.text) == ("unavailable", "Teaser: tomatoes did well.")


@pytest.mark.parametrize("name,count", [("b14-duplicate-guids.xml", 5),
                                        ("b15-missing-guids.xml", 4)])
def test_b14_b15_second_fetch_adds_nothing_unread(service, make_scenario_server, name, count):
    # Duplicate and missing GUIDs end to end: the first fetch stores every entry, a second
    # fetch of the same document (no validators, so a full 200 each time, with a changed
    # byte so the body hash differs and it is parsed again) adds no story and no unread.
    from pathlib import Path

    body = (Path(__file__).resolve().parents[2] / "fixtures" / "parse" / name).read_bytes()
    srv = make_scenario_server({"/feed.xml": [Rule(200, RSS, body)]})
    url = srv.url("/feed.xml")
    assert service.add(url).new == count
    feed = service.feed(url)
    assert (feed.story_count, feed.unread_count) == (count, count)
    srv.set_routes({"/feed.xml": [Rule(200, RSS, body + b"\n<!-- again -->\n")]})
    [r] = service.refresh()
    assert (r.outcome, r.new, r.updated) == ("unchanged", 0, 0)
    feed = service.feed(url)
    assert (feed.story_count, feed.unread_count) == (count, count)


@pytest.mark.parametrize("content_type", ["application/json", "application/feed+json",
                                          "text/plain"])
def test_b29_json_feed_is_recognised_whatever_the_content_type(service, make_scenario_server,
                                                                content_type):
    srv = make_scenario_server({"/feed.json": [
        Rule(200, {"Content-Type": content_type}, plain("b29-jsonfeed.json"))]})
    url = srv.url("/feed.json")
    result = service.add(url)
    assert result.new == 3 and result.feed.format == "jsonfeed11"
    stories = service.stories(feed_filter(result.feed), limit=10)
    assert sorted((s.guid, s.display_title) for s in stories) == [
        ("3", "Podcast episode"), ("b29-1", "Café in JSON"), ("b29-2", "A title-less micro post")]
