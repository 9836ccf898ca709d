"""A scenario-replaying HTTP/1.1 server on 127.0.0.1 for fault-injection tests.

Public names (stable; service-level tests import them too):

- :class:`ScenarioServer` — context manager; ``with ScenarioServer(SCENARIOS["B20-301"]) as srv:``
  then ``srv.url("/b20/old.xml")``, ``srv.requests_to("/b20/old.xml")``, ``srv.count(path)``.
- :class:`Rule`, :class:`When`, :class:`Trickle`, :class:`FixtureFile`, :class:`Scenario`,
  :class:`RequestRecord`, :data:`NEVER_RESPOND`, :data:`STALL_AFTER_STATUS_LINE`,
  :data:`FIXTURES`.

Schema (the same as the shared ``http-scenarios.json``): ``routes`` maps a path (query string
ignored) to an ordered list of :class:`Rule`; the first rule whose ``when`` matches answers, and
a rule without ``when`` always matches. ``when`` supports ``nth`` (1-based count of requests to
this path, this one included), ``nth_at_least``, ``header_equals`` (exact value, name
case-insensitive), ``header_present`` and ``within_seconds_of_previous`` (this request came at
most that many seconds after the previous request to the same path); all given conditions must
hold. A rule's body is ``bytes``, ``str`` (UTF-8), :class:`FixtureFile` (a file in
``tests/fixtures/http``) or a zero-argument callable returning bytes or an iterable of bytes
(streamed with chunked transfer coding unless the rule sets ``Content-Length``). Behaviours:
:data:`NEVER_RESPOND`, :data:`STALL_AFTER_STATUS_LINE`, :class:`Trickle`; extension:
``delay_s`` waits before answering (used to observe concurrency). ``//HOST`` in a header value
becomes ``//127.0.0.1:<port>``. A path without a route answers 404.

Every request is recorded (method, path, headers, monotonic time, per-path count, bytes sent).
Stalls wait on an event that :meth:`ScenarioServer.stop` sets, open sockets are shut down, and
all threads are daemons, so a test never hangs on the server.
"""

from __future__ import annotations

import http
import socket
import socketserver
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "http"
"""Folder of the fixture bodies named by :class:`FixtureFile`."""

NEVER_RESPOND = "accept_connection_read_request_never_respond"
"""Behaviour: read the request, then send nothing until the server stops."""
STALL_AFTER_STATUS_LINE = "send_status_line_then_stall"
"""Behaviour: send ``HTTP/1.1 200 OK`` and nothing more until the server stops."""


@dataclass(frozen=True)
class Trickle:
    """Behaviour: send headers, then ``bytes_per_step`` body bytes every ``interval_s`` seconds,
    at most ``max_steps`` times, then close the connection."""

    bytes_per_step: int = 1
    interval_s: float = 0.5
    max_steps: int = 240


@dataclass(frozen=True)
class FixtureFile:
    """A body read from ``tests/fixtures/http/<name>``."""

    name: str

    def read(self) -> bytes:
        """Return the file's bytes."""
        return (FIXTURES / self.name).read_bytes()


Body = bytes | str | FixtureFile | Callable[[], "bytes | Iterable[bytes]"] | None


@dataclass(frozen=True)
class When:
    """Conditions for a :class:`Rule`; every condition given must hold."""

    nth: int | None = None
    nth_at_least: int | None = None
    header_equals: Mapping[str, str] = field(default_factory=dict)
    header_present: str | None = None
    within_seconds_of_previous: float | None = None

    def matches(self, record: RequestRecord, previous: float | None) -> bool:
        """True when ``record`` (with the previous request time to its path) meets every
        condition."""
        if self.nth is not None and record.nth != self.nth:
            return False
        if self.nth_at_least is not None and record.nth < self.nth_at_least:
            return False
        for name, value in self.header_equals.items():
            if record.header(name) != value:
                return False
        if self.header_present is not None and record.header(self.header_present) is None:
            return False
        if self.within_seconds_of_previous is not None:
            if previous is None or record.time - previous > self.within_seconds_of_previous:
                return False
        return True


@dataclass(frozen=True)
class Rule:
    """One possible answer for a path.

    Attributes:
        status: HTTP status code.
        headers: response headers, sent as given (``Content-Length`` is added for byte bodies
            unless given; a given value is sent even when it lies).
        body: see the module docstring.
        when: conditions, or ``None`` to always match.
        behaviour: ``None`` (answer normally), :data:`NEVER_RESPOND`,
            :data:`STALL_AFTER_STATUS_LINE` or a :class:`Trickle`.
        delay_s: seconds to wait before answering.
    """

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: Body = None
    when: When | None = None
    behaviour: str | Trickle | None = None
    delay_s: float = 0.0


@dataclass(frozen=True)
class Scenario:
    """A named set of routes, mirroring one entry of the shared ``http-scenarios.json``.

    Attributes:
        id: the scenario id (``"B20-301"``).
        case: the failure case id (``"B20"``).
        path: the path the client requests first.
        routes: path -> ordered rules.
        expect: the expected behaviour, in words.
    """

    id: str
    case: str
    path: str
    routes: Mapping[str, Sequence[Rule]]
    expect: str = ""


@dataclass
class RequestRecord:
    """One request as the server saw it.

    Attributes:
        method: ``"GET"``...
        target: the request target as sent (path and query).
        path: the path without the query string.
        headers: header names lower-case -> value (repeated headers joined with ``", "``).
        time: ``time.monotonic()`` when the request head was read.
        nth: 1-based count of requests to this path, this one included.
        rule: index of the rule that answered, or ``None`` (404).
        finished: ``time.monotonic()`` when the answer ended, or ``None`` while in flight.
        bytes_sent: body bytes handed to the socket for this request (counted just before
            each write).
    """

    method: str
    target: str
    path: str
    headers: dict[str, str]
    time: float
    nth: int
    rule: int | None = None
    finished: float | None = None
    bytes_sent: int = 0

    def header(self, name: str) -> str | None:
        """The value of header ``name`` (any case), or ``None``."""
        return self.headers.get(name.lower())


class _TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    owner: ScenarioServer

    def handle_error(self, request: object, client_address: object) -> None:
        """Failed TLS handshakes and dropped clients are expected here: stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 60
    server: _TCPServer

    def setup(self) -> None:
        context = self.server.owner.ssl_context
        if context is not None:
            self.request.settimeout(5)
            self.request = context.wrap_socket(self.request, server_side=True)
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.owner._track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        except OSError:
            pass
        self.server.owner._track(self.connection, False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except OSError:
            self.close_connection = True

    def _serve(self) -> None:
        self.server.owner._serve(self)

    do_GET = do_HEAD = do_POST = _serve


class ScenarioServer:
    """Replay scenarios over real sockets on ``127.0.0.1`` and a free port.

    Args:
        *sources: scenarios and/or ``{path: [Rule, ...]}`` mappings; their routes are merged
            (a later source replaces an earlier one's path).
        host: the address to bind.
        ssl_context: a server-side TLS context to serve HTTPS (the shared schema's ``tls``).

    Use as a context manager (starts on enter, stops on exit) or call :meth:`start` and
    :meth:`stop`. Thread-safe: the recorded requests may be read while requests run.
    """

    def __init__(self, *sources: Scenario | Mapping[str, Sequence[Rule]],
                 host: str = "127.0.0.1", ssl_context: ssl.SSLContext | None = None) -> None:
        self._bind = host
        self.ssl_context = ssl_context
        """Server-side TLS context: serve HTTPS (``base_url`` says ``https``) when set."""
        self._routes: dict[str, list[Rule]] = {}
        for source in sources:
            self.add_routes(source)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._stop = threading.Event()
        self._records: list[RequestRecord] = []
        self._connections: set[socket.socket] = set()
        self._in_flight = 0
        self.max_in_flight = 0
        """Most requests this server was answering at the same moment."""
        self.connections_opened = 0
        """TCP connections accepted so far (keep-alive reuses them)."""
        self._server: _TCPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> ScenarioServer:
        """Bind and start serving in a daemon thread; returns ``self``."""
        self._stop.clear()
        self._server = _TCPServer((self._bind, 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.01}, daemon=True,
                                        name=f"ScenarioServer:{self.port}")
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release every stall, close every connection and stop serving (idempotent)."""
        self._stop.set()
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        if self._thread is not None:
            self._thread.join(timeout=2)

    def __enter__(self) -> ScenarioServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The bound port (the server must be started)."""
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def host(self) -> str:
        """``127.0.0.1:<port>``: what replaces ``HOST`` in the shared scenarios."""
        return f"{self._bind}:{self.port}"

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (``https`` with an ``ssl_context``)."""
        return f"{'https' if self.ssl_context else 'http'}://{self.host}"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` (``"/b20/old.xml"``) on this server."""
        return self.base_url + path

    # -- routes ----------------------------------------------------------------------------

    def add_routes(self, source: Scenario | Mapping[str, Sequence[Rule]]) -> None:
        """Merge a scenario's routes (or a route mapping) into the table."""
        routes = source.routes if isinstance(source, Scenario) else source
        for path, rules in routes.items():
            self._routes[path] = list(rules)

    def set_routes(self, *sources: Scenario | Mapping[str, Sequence[Rule]]) -> None:
        """Replace the whole table and forget recorded requests."""
        self._routes = {}
        for source in sources:
            self.add_routes(source)
        self.reset()

    def reset(self) -> None:
        """Forget recorded requests, per-path counts and ``max_in_flight``."""
        with self._lock:
            self._records = []
            self.max_in_flight = self._in_flight

    # -- records ---------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request so far, in arrival order (a copy of the list)."""
        with self._lock:
            return list(self._records)

    def requests_to(self, path: str) -> list[RequestRecord]:
        """The requests whose path (without query) is ``path``."""
        return [r for r in self.requests if r.path == path]

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being answered (a client may have read the last answer
        before the server marked it finished). Returns False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._in_flight == 0, timeout)

    def count(self, path: str | None = None) -> int:
        """How many requests reached ``path`` (all paths when ``None``)."""
        return len(self.requests if path is None else self.requests_to(path))

    # -- serving (handler threads) ---------------------------------------------------------

    def _track(self, conn: socket.socket, opened: bool) -> None:
        with self._lock:
            if opened:
                self._connections.add(conn)
                self.connections_opened += 1
            else:
                self._connections.discard(conn)

    def _begin(self, handler: _Handler) -> tuple[RequestRecord, Rule | None]:
        path = urlsplit(handler.path).path or "/"
        headers: dict[str, str] = {}
        for name, value in handler.headers.items():
            key = name.lower()
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
        now = time.monotonic()
        with self._lock:
            earlier = [r for r in self._records if r.path == path]
            previous = earlier[-1].time if earlier else None
            record = RequestRecord(handler.command, handler.path, path, headers, now,
                                   len(earlier) + 1)
            self._records.append(record)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        for index, rule in enumerate(self._routes.get(path, ())):
            if rule.when is None or rule.when.matches(record, previous):
                record.rule = index
                return record, rule
        return record, None

    def _serve(self, handler: _Handler) -> None:
        record, rule = self._begin(handler)
        try:
            if rule is None:
                rule = Rule(404, {"Content-Type": "text/plain"}, f"no route for {record.path}")
            elif rule.delay_s and self._stop.wait(rule.delay_s):
                handler.close_connection = True
                return
            _Responder(self, handler, record, rule).run()
        except OSError:
            handler.close_connection = True
        finally:
            with self._lock:
                self._in_flight -= 1
                record.finished = time.monotonic()
                self._idle.notify_all()


def _body(body: Body) -> bytes | Iterable[bytes]:
    if body is None:
        return b""
    if isinstance(body, bytes):
        return body
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, FixtureFile):
        return body.read()
    return body()


class _Responder:
    """Writes one answer according to a rule's behaviour."""

    def __init__(self, server: ScenarioServer, handler: _Handler, record: RequestRecord,
                 rule: Rule) -> None:
        self.server, self.handler, self.record, self.rule = server, handler, record, rule
        self.out = handler.wfile

    def _write(self, data: bytes, body: bool = True) -> None:
        if body:
            self.record.bytes_sent += len(data)  # counted first: the client may read at once
        self.out.write(data)

    def _head(self, extra: Mapping[str, str], body: bytes = b"") -> None:
        """Write the status line and headers, and ``body`` in the same segment."""
        rule = self.rule
        try:
            phrase = http.HTTPStatus(rule.status).phrase
        except ValueError:
            phrase = "Unknown"
        lines = [f"HTTP/1.1 {rule.status} {phrase}"]
        for name, value in {**rule.headers, **extra}.items():
            lines.append(f"{name}: {value.replace('//HOST', '//' + self.server.host)}")
        self.record.bytes_sent += len(body)
        self.out.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    def _hold(self) -> None:
        """Wait until the server stops, then drop the connection."""
        self.server._stop.wait()
        self.handler.close_connection = True

    def run(self) -> None:
        rule, handler = self.rule, self.handler
        if rule.behaviour == NEVER_RESPOND:
            return self._hold()
        if rule.behaviour == STALL_AFTER_STATUS_LINE:
            self._write(b"HTTP/1.1 200 OK\r\n", body=False)
            return self._hold()
        if rule.behaviour is not None and not isinstance(rule.behaviour, Trickle):
            raise ValueError(f"unknown behaviour {rule.behaviour!r}")
        given = {k.lower(): v for k, v in rule.headers.items()}
        no_body = (handler.command == "HEAD" or rule.status in (204, 304)
                   or 100 <= rule.status < 200)
        if no_body:
            self._head({})
            return None
        body = _body(rule.body)
        if isinstance(rule.behaviour, Trickle):
            data = body if isinstance(body, bytes) else b"".join(body)
            return self._trickle(data, rule.behaviour)
        if isinstance(body, bytes):
            self._head({} if "content-length" in given else {"Content-Length": str(len(body))},
                       body)
            declared = given.get("content-length")
            if declared is not None and declared.strip() != str(len(body)):
                handler.close_connection = True
            return None
        if "content-length" in given:
            self._head({})
            for piece in body:
                self._write(piece)
            handler.close_connection = True
            return None
        self._head({"Transfer-Encoding": "chunked"})
        for piece in body:
            if piece:
                self.record.bytes_sent += len(piece)
                self.out.write(b"%x\r\n%s\r\n" % (len(piece), piece))
        self.out.write(b"0\r\n\r\n")
        return None

    def _trickle(self, data: bytes, trickle: Trickle) -> None:
        self._head({})
        for step in range(trickle.max_steps):
            piece = data[step * trickle.bytes_per_step:(step + 1) * trickle.bytes_per_step]
            if not piece or self.server._stop.wait(trickle.interval_s):
                break
            self._write(piece)
        self.handler.close_connection = True
