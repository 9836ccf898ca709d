"""Errors raised by the engine.

Every error carries a ``category`` (a short stable word used in the feed pane, in
``brief-tui feeds --json`` and in tests) and renders as one line naming the input and the
cause, so the command line can print ``str(error)`` without a traceback.
"""

from __future__ import annotations

# Error categories recorded on a feed after a failed refresh.
NETWORK = "network"
TIMEOUT = "timeout"
TLS = "tls"
HTTP = "http"
TOO_LARGE = "too_large"
NOT_A_FEED = "not_a_feed"
PARSE = "parse"
ENCODING = "encoding"
REDIRECTS = "redirects"
RATE_LIMITED = "rate_limited"
GONE = "gone"
EMPTY = "empty"

CATEGORIES = (
    NETWORK, TIMEOUT, TLS, HTTP, TOO_LARGE, NOT_A_FEED, PARSE, ENCODING, REDIRECTS,
    RATE_LIMITED, GONE, EMPTY,
)


def _rebuild(cls: type, args: tuple, state: dict) -> "BriefError":
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class BriefError(Exception):
    """Base class of every error the engine raises on purpose.

    Attributes:
        category: one of :data:`CATEGORIES` or another short stable word.
        source: the URL or file the error is about, or ``None``.
    """

    category: str = "error"

    def __init__(self, message: str, *, source: str | None = None,
                 category: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        if category is not None:
            self.category = category

    def __reduce__(self):
        # Errors cross process boundaries (parsing runs in worker processes): rebuild them from
        # their attributes, whatever each subclass's __init__ takes.
        return (_rebuild, (type(self), self.args, self.__dict__))

    def __str__(self) -> str:
        text = " ".join(self.message.split())
        if self.source and self.source not in text:
            return f"{self.source}: {text}"
        return text


class FetchError(BriefError):
    """A feed or page could not be fetched.

    Attributes:
        http_status: the HTTP status code when one was received, else ``None``.
        retry_after: seconds to wait before the next request (429/503), else ``None``.
    """

    category = NETWORK

    def __init__(self, message: str, *, source: str | None = None,
                 category: str | None = None, http_status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, source=source, category=category)
        self.http_status = http_status
        self.retry_after = retry_after


class NotAFeedError(BriefError):
    """The document is not a recognised feed format (RSS, Atom, JSON Feed or briefing)."""

    category = NOT_A_FEED

    def __init__(self, source: str | None, detail: str = "") -> None:
        message = "not a recognised feed format" + (f" ({detail})" if detail else "")
        super().__init__(message, source=source)


class FeedParseError(BriefError):
    """The document looked like a feed but could not be parsed."""

    category = PARSE


class StoreError(BriefError):
    """The cache database cannot be opened, read or written."""

    category = "store"


class ConfigError(BriefError):
    """The configuration file is unreadable or has a bad key (names the file and key)."""

    category = "config"


class NotFoundError(BriefError):
    """A feed, story, tag or template that was asked for does not exist."""

    category = "not_found"


class QueryError(BriefError):
    """A search query does not parse.

    Attributes:
        position: 0-based character offset of the bad token in the query.
        token: the bad token as typed.
    """

    category = "query"

    def __init__(self, message: str, *, position: int, token: str = "") -> None:
        super().__init__(message)
        self.position = position
        self.token = token

    def __str__(self) -> str:
        return f"{self.message} at column {self.position + 1}" + (
            f" ({self.token!r})" if self.token else "")


class ExportError(BriefError):
    """An export could not be written (template error, unsafe path, existing file)."""

    category = "export"
