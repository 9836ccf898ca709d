"""Value types of the fetch layer: settings, validators and results.

Public names (stable, used by ``brief_tui.service``):

- :class:`FetchSettings` — limits and identity of the HTTP client (from ``[fetch]`` config).
- :class:`Validators` — the conditional-GET validators stored with a feed.
- :class:`FetchResult` — one successful fetch (2xx or 304) with raw body bytes.
- :data:`FEED_ACCEPT`, :data:`PAGE_ACCEPT` — ``Accept`` headers for feeds and article pages.
- :data:`DEFAULT_USER_AGENT`, :data:`DEFAULT_RETRY_AFTER`, :data:`MAX_RETRY_AFTER`.

Nothing here imports httpx, so the service can build settings without loading the client.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brief_tui import __version__
from brief_tui.config import FetchConfig

DEFAULT_USER_AGENT = f"brief-tui/{__version__} (+https://example.org/brief-tui)"
"""User-Agent sent when the config leaves ``fetch.user_agent`` empty."""

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
"""``Accept`` header for feed requests (RSS 2.0, Atom RFC 4287, JSON Feed 1.1, RDF)."""

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
"""``Accept`` header for full-article page requests."""

DEFAULT_RETRY_AFTER = 60.0
"""Seconds to wait after a 429/503 whose ``Retry-After`` is missing or unparseable."""

MAX_RETRY_AFTER = 24 * 3600.0
"""Cap, in seconds, on any ``Retry-After`` wait (a far-future HTTP-date becomes 24 h)."""

ACCEPT_ENCODING = "gzip, deflate, br"
"""Content codings we advertise and decode ourselves (plus ``x-gzip``, RFC 9110 §8.4.1.3)."""


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits and identity of the HTTP client. Times are seconds, sizes bytes.

    Attributes:
        concurrency: requests in flight across all hosts (also the connection-pool size).
        per_host: requests in flight to one host (``host:port``).
        connect_timeout: seconds to open a connection, TCP and TLS.
        read_timeout: seconds to wait for the next bytes of a response (also used for writes).
        deadline: seconds for one whole fetch, all redirect hops included, from the moment the
            first request gets its concurrency slots to the last body byte. Catches servers
            that trickle bytes just fast enough to dodge ``read_timeout``.
        max_body_bytes: cap on the *decompressed* body of one response.
        max_redirects: redirect hops followed before ``too many redirects``.
        user_agent: the ``User-Agent`` header.
        trust_env: honour ``HTTP(S)_PROXY``/``NO_PROXY``/``SSL_CERT_FILE`` from the environment.
    """

    concurrency: int = 16
    per_host: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 30.0
    max_body_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 10
    user_agent: str = DEFAULT_USER_AGENT
    trust_env: bool = True

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")

    @classmethod
    def from_config(cls, config: FetchConfig) -> FetchSettings:
        """Build settings from the ``[fetch]`` table of the config file.

        Zero or negative counts become 1; an empty ``user_agent`` becomes
        :data:`DEFAULT_USER_AGENT`.
        """
        return cls(
            concurrency=max(1, config.concurrency),
            per_host=max(1, min(config.per_host, max(1, config.concurrency))),
            connect_timeout=config.connect_timeout,
            read_timeout=config.read_timeout,
            deadline=config.deadline,
            max_body_bytes=config.max_body_bytes,
            max_redirects=config.max_redirects,
            user_agent=config.user_agent.strip() or DEFAULT_USER_AGENT,
        )


@dataclass(frozen=True, slots=True)
class Validators:
    """Conditional-GET validators kept with a feed (RFC 9110 §8.8, RFC 9111 §4.3.1).

    Attributes:
        etag: the last ``ETag`` seen, sent back as ``If-None-Match``; ``None`` if none.
        last_modified: the last ``Last-Modified`` seen, sent back as ``If-Modified-Since``.
    """

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful fetch: a 2xx response with its body, or a 304 Not Modified.

    Attributes:
        requested_url: the URL passed to :meth:`Fetcher.fetch`.
        final_url: the URL of the last hop, after every redirect; the base URL for resolving
            relative links in the body (hand it to the parser as ``content-location``).
        status: the final HTTP status: a 2xx (normally 200) or 304.
        headers: the final response's headers, names lower-case, repeated headers joined with
            ``", "``, values passed through ``clean_line``.
        body: the decompressed body as raw bytes (never decoded text); ``b""`` for 304.
        etag: the validator to store now. From the final 200 or 304 response; on a 304 that
            omits it, the value that was sent (so storing it never forgets a validator).
        last_modified: as ``etag``, for ``Last-Modified``; kept independently of the ETag.
        permanent_url: where the stored feed URL should move: the target of the leading chain
            of 301/308 redirects (stops at the first 302/303/307), or ``None``. Adopt it only
            after the body parsed as a feed.
        content_type: the ``Content-Type`` header, or ``None``.
        elapsed: seconds from the first request to the last body byte.
        body_sha256: hex SHA-256 of ``body``; ``None`` for a 304.
        redirects: the URLs requested after the first, in order (empty without redirects).
    """

    requested_url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    etag: str | None
    last_modified: str | None
    permanent_url: str | None
    content_type: str | None
    elapsed: float
    body_sha256: str | None
    redirects: tuple[str, ...] = field(default=())

    @property
    def not_modified(self) -> bool:
        """True for a 304: nothing changed, the body is empty and must not be parsed."""
        return self.status == 304

    @property
    def validators(self) -> Validators:
        """The validators to store with the feed after this fetch."""
        return Validators(self.etag, self.last_modified)
