"""The scenario server itself: rule matching, recording, behaviours, prompt shutdown."""

from __future__ import annotations

import http.client
import socket
import threading
import time

from tests.support.httpserver import (
    NEVER_RESPOND, STALL_AFTER_STATUS_LINE, FixtureFile, Rule, ScenarioServer, Trickle, When,
)
from tests.support.scenarios import SCENARIOS, plain


def get(server: ScenarioServer, path: str, headers: dict[str, str] | None = None
        ) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def test_nth_and_nth_at_least() -> None:
    routes = {"/p": [Rule(201, when=When(nth=2)), Rule(202, when=When(nth_at_least=3)),
                     Rule(200)]}
    with ScenarioServer(routes) as server:
        assert [get(server, "/p")[0] for _ in range(4)] == [200, 201, 202, 202]
        assert [r.nth for r in server.requests_to("/p")] == [1, 2, 3, 4]
        assert [r.rule for r in server.requests] == [2, 0, 1, 1]


def test_header_equals_and_present() -> None:
    routes = {"/p": [Rule(201, when=When(header_equals={"x-a": "1", "X-B": "2"})),
                     Rule(202, when=When(header_present="X-C")), Rule(200)]}
    with ScenarioServer(routes) as server:
        assert get(server, "/p", {"X-A": "1", "X-B": "2"})[0] == 201
        assert get(server, "/p", {"X-A": "1"})[0] == 200
        assert get(server, "/p", {"x-c": ""})[0] == 202


def test_within_seconds_of_previous() -> None:
    routes = {"/p": [Rule(429, when=When(nth_at_least=2, within_seconds_of_previous=0.2)),
                     Rule(200)]}
    with ScenarioServer(routes) as server:
        assert get(server, "/p")[0] == 200
        assert get(server, "/p")[0] == 429
        time.sleep(0.3)
        assert get(server, "/p")[0] == 200


def test_query_string_is_ignored_for_routing_and_unknown_paths_404() -> None:
    with ScenarioServer({"/p": [Rule(200, {}, "ok")]}) as server:
        assert get(server, "/p?x=1")[2] == b"ok"
        assert get(server, "/nope")[:3:2] == (404, b"no route for /nope")
        assert [r.target for r in server.requests] == ["/p?x=1", "/nope"]


def test_host_placeholder_and_bodies() -> None:
    routes = {"/r": [Rule(301, {"Location": "http://HOST/x"})],
              "/f": [Rule(200, {}, FixtureFile("b21-v1.xml"))],
              "/g": [Rule(200, {}, lambda: iter([b"ab", b"", b"cd"]))],
              "/t": [Rule(200, {}, "caf\u00e9")]}
    with ScenarioServer(routes) as server:
        assert get(server, "/r")[1]["Location"] == f"http://127.0.0.1:{server.port}/x"
        assert get(server, "/f")[2] == plain("b21-v1.xml")
        status, headers, body = get(server, "/g")
        assert (headers["Transfer-Encoding"], body) == ("chunked", b"abcd")
        assert get(server, "/t")[2] == "caf\u00e9".encode()
        assert [r.bytes_sent for r in server.requests] == [0, len(plain("b21-v1.xml")), 4, 5]


def test_scenario_loads_and_set_routes_resets() -> None:
    with ScenarioServer(SCENARIOS["B20-301"]) as server:
        assert get(server, "/b20/old.xml")[0] == 301
        server.set_routes(SCENARIOS["B23-429-seconds"])
        assert server.count() == 0
        assert get(server, "/b23/feed.xml")[0] == 429
        assert get(server, "/b20/old.xml")[0] == 404


def test_trickle_sends_a_few_bytes_then_closes() -> None:
    routes = {"/t": [Rule(200, {"Content-Length": "100"}, b"abcdefgh",
                          behaviour=Trickle(bytes_per_step=2, interval_s=0.01, max_steps=3))]}
    with ScenarioServer(routes) as server, socket.create_connection(
            ("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"GET /t HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while chunk := sock.recv(1024):
            data += chunk
        assert data.endswith(b"\r\n\r\nabcdef")
        assert data.startswith(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n")


def _hang(server: ScenarioServer, path: str, seen: list[bytes]) -> threading.Thread:
    def run() -> None:
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(1024):
                data += chunk
            seen.append(data)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_stop_releases_stalled_connections() -> None:
    routes = {"/silent": [Rule(behaviour=NEVER_RESPOND)],
              "/stall": [Rule(behaviour=STALL_AFTER_STATUS_LINE)],
              "/slow": [Rule(200, {}, b"x", delay_s=60)]}
    server = ScenarioServer(routes).start()
    seen: list[bytes] = []
    threads = [_hang(server, path, seen) for path in routes]
    while server.count() < 3:
        time.sleep(0.01)
    server.stop()
    for thread in threads:
        thread.join(timeout=5)
    assert not any(t.is_alive() for t in threads)
    assert sorted(seen) == [b"", b"", b"HTTP/1.1 200 OK\r\n"]
    server.stop()  # idempotent


def test_max_in_flight_and_connections() -> None:
    with ScenarioServer({"/p": [Rule(200, {}, b"x")]}) as server:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        for _ in range(3):
            conn.request("GET", "/p")
            assert conn.getresponse().read() == b"x"
        conn.close()
        assert server.wait_idle()
        assert (server.connections_opened, server.max_in_flight) == (1, 1)
        assert all(r.finished is not None and r.finished >= r.time for r in server.requests)
