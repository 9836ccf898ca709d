"""The HTTP client: conditional GET, manual redirects, size and time limits, bounded concurrency.

Public name (stable, used by ``brief_tui.service``): :class:`Fetcher`.

Usage::

    async with Fetcher(FetchSettings.from_config(config.fetch)) as fetcher:
        results = await asyncio.gather(
            *(fetcher.fetch(url, validators) for url, validators in feeds),
            return_exceptions=True)

Every failure is a :class:`~brief_tui.domain.errors.FetchError` with a category from
:mod:`brief_tui.domain.errors`; no httpx exception escapes. ``file://`` URLs are not handled
here (the service reads local files itself).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import http
import os
import socket
import ssl
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

# httpx's package __init__ imports its own command-line module (click, rich, pygments: about
# 0.12 s) whenever rich is installed, which textual guarantees. We never run httpx's CLI, so the
# import is blocked; httpx then takes its documented ImportError fallback. Only an import that
# has not happened yet is affected (the TUI may have loaded rich already; that is harmless).
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

import httpx  # noqa: E402

from brief_tui.domain import errors
from brief_tui.domain.errors import FetchError
from brief_tui.domain.text import clean_line
from brief_tui.fetch.decode import BadEncoding, BodyDecoder, BodyTooLarge, UnsupportedEncoding
from brief_tui.fetch.retry import parse_retry_after
from brief_tui.fetch.settings import (
    ACCEPT_ENCODING, DEFAULT_RETRY_AFTER, FEED_ACCEPT, PAGE_ACCEPT, FetchResult, FetchSettings,
    Validators,
)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})


@dataclass(slots=True)
class _Hop:
    """One request/response exchange; ``body`` is read only for 2xx."""

    url: httpx.URL
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes = b""


class _RetryIdentity(Exception):
    """The body did not decode; ask again with ``Accept-Encoding: identity``."""

    def __init__(self, cause: BadEncoding | UnsupportedEncoding) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _LazyTrustContext(ssl.SSLContext):
    """A verifying TLS client context (``PROTOCOL_TLS_CLIENT``: certificate and host name
    required) whose CA bundle is loaded when the first TLS connection is wrapped, not when the
    HTTP client is made: loading it costs ~50 ms, which a refresh of plain-HTTP feeds (or one
    where every feed answers 304 over HTTP) would pay for nothing.

    The bundle is what :func:`httpx.create_ssl_context` would load: ``SSL_CERT_FILE`` or
    ``SSL_CERT_DIR`` when ``trust_env``, else certifi's.
    """

    _trust_env = True
    _loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        if self._trust_env and os.environ.get("SSL_CERT_FILE"):
            self.load_verify_locations(cafile=os.environ["SSL_CERT_FILE"])
        elif self._trust_env and os.environ.get("SSL_CERT_DIR"):
            self.load_verify_locations(capath=os.environ["SSL_CERT_DIR"])
        else:
            import certifi

            self.load_verify_locations(cafile=certifi.where())

    def wrap_socket(self, *args, **kwargs):  # noqa: D102 - ssl.SSLContext's
        self._load()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args, **kwargs):  # noqa: D102 - ssl.SSLContext's (anyio, asyncio)
        self._load()
        return super().wrap_bio(*args, **kwargs)


@functools.cache
def _ssl_context(trust_env: bool) -> ssl.SSLContext:
    """The verifying TLS context, built once per process; its CA bundle loads on first use."""
    ctx = _LazyTrustContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx._trust_env = trust_env
    return ctx


def _host_key(url: httpx.URL) -> str:
    port = url.port or (443 if url.scheme == "https" else 80)
    return f"{url.host}:{port}"


def _reason(status: int, phrase: str) -> str:
    phrase = clean_line(phrase)
    if not phrase:
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = ""
    return f"HTTP {status} {phrase}".rstrip()


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in seen and len(seen) < 10:
        seen.append(cur)
        cur = cur.__cause__ or cur.__context__
    return seen


def _header_value(value: str | None) -> str | None:
    """A validator fit to send back: one clean ASCII line, else ``None``."""
    if not value:
        return None
    value = clean_line(value)
    return value if value and value.isascii() else None


def _flat_headers(headers: httpx.Headers) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, value in headers.multi_items():
        key = name.lower()
        value = clean_line(value)
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


class Fetcher:
    """An async HTTP/1.1 client for feeds and article pages.

    Use it as an async context manager; one instance serves a whole refresh and may run
    hundreds of :meth:`fetch` calls at once: a global semaphore (``settings.concurrency``) and
    one semaphore per ``host:port`` (``settings.per_host``) bound the requests in flight, and
    the keep-alive pool is sized to match.

    Args:
        settings: limits and identity; defaults to :class:`FetchSettings()`.
        transport: an httpx transport to use instead of the network (tests).
    """

    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings or FetchSettings()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._global: asyncio.Semaphore | None = None
        self._hosts: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": ACCEPT_ENCODING},
            timeout=httpx.Timeout(connect=s.connect_timeout, read=s.read_timeout,
                                  write=s.read_timeout, pool=s.deadline),
            limits=httpx.Limits(max_connections=s.concurrency,
                                max_keepalive_connections=s.concurrency, keepalive_expiry=30.0),
            follow_redirects=False,
            trust_env=s.trust_env,
            verify=_ssl_context(s.trust_env),
            transport=self._transport,
        )
        self._global = asyncio.Semaphore(s.concurrency)
        self._hosts = {}
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool. Safe to call twice."""
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

    async def fetch_page(self, url: str) -> FetchResult:
        """Fetch an article page (``Accept: text/html``) for full-text extraction.

        Same behaviour, limits and errors as :meth:`fetch`, without validators.
        """
        return await self._fetch(url, None, PAGE_ACCEPT, "page")

    async def fetch(self, url: str, validators: Validators | None = None, *,
                    accept: str = FEED_ACCEPT) -> FetchResult:
        """GET ``url``, following redirects, and return the decompressed body as bytes.

        Sends ``If-None-Match``/``If-Modified-Since`` from ``validators`` on every hop
        (RFC 9110 §13.1) and ``Accept-Encoding: gzip, deflate, br``; decodes gzip, x-gzip,
        deflate (zlib or raw) and br itself, counting decoded bytes. Follows 301/302/303/307/308
        manually, resolving relative ``Location`` against the hop's URL (RFC 9110 §10.2.2).
        A body that fails to decode is asked for once more with ``Accept-Encoding: identity``.

        Args:
            url: an absolute ``http``/``https`` URL.
            validators: what was stored after the last fetch, or ``None``.
            accept: the ``Accept`` header; :data:`FEED_ACCEPT` by default.

        Returns:
            A :class:`FetchResult` with status 2xx (body read) or 304 (``body == b""``).

        Raises:
            FetchError: with ``category`` one of ``network`` (refused, DNS, reset, bad URL),
                ``timeout`` (connect, read, or the whole-fetch ``deadline``), ``tls``,
                ``http`` (other 4xx/5xx; ``http_status`` set), ``too_large`` (decoded body over
                ``max_body_bytes``), ``encoding`` (bad or unsupported content coding),
                ``redirects`` (more than ``max_redirects`` hops, or to a non-HTTP scheme),
                ``rate_limited`` (429, or 503 with ``Retry-After``; ``retry_after`` in seconds,
                60 when unparseable, at most 24 h) or ``gone`` (410).
        """
        return await self._fetch(url, validators, accept, "feed")

    # -- internals -------------------------------------------------------------------------

    def _host_slot(self, url: httpx.URL) -> asyncio.Semaphore:
        key = _host_key(url)
        sem = self._hosts.get(key)
        if sem is None:
            sem = self._hosts[key] = asyncio.Semaphore(self.settings.per_host)
        return sem

    def _headers(self, accept: str, validators: Validators | None,
                 identity: bool) -> dict[str, str]:
        headers = {"Accept": accept}
        if identity:
            headers["Accept-Encoding"] = "identity"
        if validators is not None:
            etag = _header_value(validators.etag)
            modified = _header_value(validators.last_modified)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        return headers

    async def _fetch(self, url: str, validators: Validators | None, accept: str,
                     what: str) -> FetchResult:
        if self._client is None or self._global is None:
            raise RuntimeError("use 'async with Fetcher(...)' before fetching")
        s = self.settings
        loop = asyncio.get_running_loop()
        current = self._parse_url(url, url)
        permanent: str | None = None
        leading_permanent = True
        redirects: list[str] = []
        identity = False
        started: float | None = None
        deadline_at: float | None = None
        while True:
            async with self._host_slot(current), self._global:
                if deadline_at is None:
                    started = time.monotonic()
                    deadline_at = loop.time() + s.deadline
                try:
                    async with asyncio.timeout_at(deadline_at):
                        hop = await self._exchange(current, self._headers(accept, validators,
                                                                          identity), what)
                except _RetryIdentity as retry:
                    if identity:
                        raise FetchError(f"{retry.cause} (also when asked for identity)",
                                         source=url, category=errors.ENCODING) from None
                    identity = True
                    continue
                except TimeoutError:
                    raise FetchError(f"timed out after {s.deadline:g} s", source=url,
                                     category=errors.TIMEOUT) from None
                except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError, OSError) as exc:
                    raise self._transport_error(exc, url) from None
            status = hop.status
            if status in _REDIRECTS:
                location = hop.headers.get("location")
                if not location or not location.strip():
                    raise FetchError(f"{_reason(status, hop.reason)} without a Location header",
                                     source=url, category=errors.HTTP, http_status=status)
                if len(redirects) >= s.max_redirects:
                    raise FetchError(f"too many redirects (more than {s.max_redirects})",
                                     source=url, category=errors.REDIRECTS, http_status=status)
                try:
                    nxt = current.join(location.strip())
                except (httpx.InvalidURL, ValueError):
                    raise FetchError(f"redirect to an invalid URL {clean_line(location)!r}",
                                     source=url, category=errors.REDIRECTS,
                                     http_status=status) from None
                nxt = self._parse_url(str(nxt), url, shown=location.strip())
                if leading_permanent and status in _PERMANENT:
                    permanent = str(nxt)
                else:
                    leading_permanent = False
                redirects.append(str(nxt))
                current = nxt
                continue
            assert started is not None
            return self._result(url, hop, validators, permanent, redirects, started)

    def _parse_url(self, text: str, source: str, *, shown: str | None = None) -> httpx.URL:
        """Parse and check an URL; ``shown`` is the redirect's Location (``None`` for the
        requested URL)."""
        redirect = shown is not None
        category = errors.REDIRECTS if redirect else errors.NETWORK
        try:
            url = httpx.URL(text)
        except (httpx.InvalidURL, ValueError, TypeError) as exc:
            raise FetchError(f"invalid URL: {exc}", source=source, category=category) from None
        if url.scheme not in ("http", "https") or not url.host:
            what = "redirect to an unsupported URL" if redirect else "unsupported URL"
            raise FetchError(f"{what} {clean_line(shown or text)!r} (only http and https)",
                             source=source, category=category)
        return url

    async def _exchange(self, url: httpx.URL, headers: dict[str, str], what: str) -> _Hop:
        assert self._client is not None
        request = self._client.build_request("GET", url, headers=headers)
        response = await self._client.send(request, stream=True)
        try:
            hop = _Hop(url, response.status_code, response.reason_phrase, response.headers)
            if 200 <= hop.status < 300 and hop.status != 204:
                hop.body = await self._read_body(response, url, what)
            return hop
        finally:
            await response.aclose()

    async def _read_body(self, response: httpx.Response, url: httpx.URL, what: str) -> bytes:
        cap = self.settings.max_body_bytes
        too_large = FetchError(f"{what} too large: more than {cap} bytes", source=str(url),
                               category=errors.TOO_LARGE, http_status=response.status_code)
        coding = response.headers.get("content-encoding")
        try:
            decoder = BodyDecoder(coding, cap)
        except UnsupportedEncoding as exc:
            raise _RetryIdentity(exc) from None
        length = response.headers.get("content-length", "").strip()
        if decoder.coding == "identity" and length.isdigit() and int(length) > cap:
            raise too_large
        try:
            async for chunk in response.aiter_raw():
                decoder.feed(chunk)
            return decoder.finish()
        except BodyTooLarge:
            raise too_large from None
        except BadEncoding as exc:
            raise _RetryIdentity(exc) from None

    def _transport_error(self, exc: BaseException, url: str) -> FetchError:
        s = self.settings
        chain = _chain(exc)
        if isinstance(exc, httpx.ConnectTimeout):
            return FetchError(f"timed out connecting after {s.connect_timeout:g} s",
                              source=url, category=errors.TIMEOUT)
        if isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout)):
            return FetchError(f"timed out after {s.read_timeout:g} s without data from the "
                              "server", source=url, category=errors.TIMEOUT)
        if isinstance(exc, httpx.TimeoutException):
            return FetchError("timed out waiting for a free connection", source=url,
                              category=errors.TIMEOUT)
        for cause in chain:
            if isinstance(cause, ssl.SSLError):
                detail = getattr(cause, "verify_message", None) or str(
                    getattr(cause, "reason", None) or cause).replace("_", " ").lower()
                return FetchError(f"TLS error: {clean_line(str(detail))}", source=url,
                                  category=errors.TLS)
            if isinstance(cause, socket.gaierror):
                return FetchError("cannot resolve the host name", source=url,
                                  category=errors.NETWORK)
            if isinstance(cause, ConnectionRefusedError):
                return FetchError("connection refused", source=url, category=errors.NETWORK)
        detail = clean_line(str(exc)) or type(exc).__name__
        if "ssl" in detail.lower() or "certificate" in detail.lower():
            return FetchError(f"TLS error: {detail}", source=url, category=errors.TLS)
        if isinstance(exc, httpx.RemoteProtocolError):
            return FetchError(f"the server broke the connection: {detail}", source=url,
                              category=errors.NETWORK)
        return FetchError(f"network error: {detail}", source=url, category=errors.NETWORK)

    def _result(self, url: str, hop: _Hop, validators: Validators | None,
                permanent: str | None, redirects: list[str], started: float) -> FetchResult:
        status = hop.status
        headers = _flat_headers(hop.headers)
        if status == 304:
            if not validators:
                raise FetchError(f"{_reason(status, hop.reason)} to a request without "
                                 "validators", source=url, category=errors.HTTP,
                                 http_status=status)
            etag = headers.get("etag") or _header_value(validators.etag)
            modified = headers.get("last-modified") or _header_value(validators.last_modified)
            return FetchResult(url, str(hop.url), 304, headers, b"", etag, modified, permanent,
                               headers.get("content-type"), time.monotonic() - started, None,
                               tuple(redirects))
        if 200 <= status < 300:
            return FetchResult(url, str(hop.url), status, headers, hop.body,
                               headers.get("etag") or None, headers.get("last-modified") or None,
                               permanent, headers.get("content-type"),
                               time.monotonic() - started, hashlib.sha256(hop.body).hexdigest(),
                               tuple(redirects))
        reason = _reason(status, hop.reason)
        if status == 410:
            raise FetchError(f"{reason}: the feed was removed", source=url,
                             category=errors.GONE, http_status=status)
        retry_header = hop.headers.get("retry-after")
        if status == 429 or (status == 503 and retry_header is not None):
            wait = parse_retry_after(retry_header, _server_now(hop.headers))
            if wait is None:
                wait = DEFAULT_RETRY_AFTER
            raise FetchError(f"{reason}: rate limited, retry after {wait:g} s", source=url,
                             category=errors.RATE_LIMITED, http_status=status, retry_after=wait)
        raise FetchError(reason, source=url, category=errors.HTTP, http_status=status)


def _server_now(headers: httpx.Headers) -> datetime:
    """The response's ``Date`` (the reference for an HTTP-date ``Retry-After``), else now."""
    value = headers.get("date")
    if value:
        try:
            when = parsedate_to_datetime(value)
            if when is not None:
                return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return datetime.now(timezone.utc)
