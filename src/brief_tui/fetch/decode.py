"""Incremental, size-capped decoding of HTTP content codings (RFC 9110 §8.4).

We read the raw (still encoded) stream and decode it here instead of letting httpx do it:
httpx inflates a whole network chunk at once (64 KiB of gzip bomb -> 64 MiB in one call),
does not decode ``x-gzip``, and hands back still-compressed ``br`` bodies when the brotli
package is missing. Every decoder here produces output in pieces of at most
:data:`PIECE` bytes, so the decoded-size cap stops a bomb with memory near the cap.

Public names (used by :mod:`brief_tui.fetch.client`):

- :class:`BodyDecoder` — feed raw chunks, get the decoded body or an exception.
- :class:`BodyTooLarge`, :class:`BadEncoding`, :class:`UnsupportedEncoding` — internal
  signals the client turns into :class:`~brief_tui.domain.errors.FetchError`.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PIECE = 64 * 1024
"""Largest decoded piece produced per step, in bytes."""


class BodyTooLarge(Exception):
    """The decoded body passed the cap."""


class BadEncoding(Exception):
    """The body does not decode with the coding its ``Content-Encoding`` names."""

    def __init__(self, coding: str, detail: str) -> None:
        super().__init__(f"bad content-encoding {coding}: {detail}")
        self.coding = coding


class UnsupportedEncoding(Exception):
    """``Content-Encoding`` names a coding we cannot decode (``compress``, ``zstd``...)."""

    def __init__(self, coding: str) -> None:
        super().__init__(f"unsupported content-encoding {coding}")
        self.coding = coding


class _Zlib:
    """gzip (RFC 1952, multi-member) or deflate (zlib RFC 1950, or raw RFC 1951)."""

    def __init__(self, coding: str) -> None:
        self._coding = coding
        self._gzip = coding in ("gzip", "x-gzip")
        self._d: zlib._Decompress | None = None
        self._head = b""

    def _start(self, data: bytes) -> None:
        if self._gzip:
            wbits = 16 + zlib.MAX_WBITS
        elif (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0:
            wbits = zlib.MAX_WBITS          # zlib wrapper
        else:
            wbits = -zlib.MAX_WBITS         # raw deflate, common in the wild
        self._d = zlib.decompressobj(wbits)

    def feed(self, data: bytes) -> Iterator[bytes]:
        if self._d is None:
            self._head += data
            if len(self._head) < 2:
                return
            data, self._head = self._head, b""
            self._start(data)
        d = self._d
        assert d is not None
        while True:
            try:
                out = d.decompress(data, PIECE)
            except zlib.error as exc:
                raise BadEncoding(self._coding, str(exc)) from None
            if out:
                yield out
            if d.eof:
                rest = d.unused_data
                if self._gzip and rest.strip(b"\0"):
                    self._start(rest)       # another gzip member follows
                    d = self._d
                    assert d is not None
                    data = rest
                    continue
                return                      # trailing padding or garbage is ignored
            data = d.unconsumed_tail
            if not data and len(out) < PIECE:
                return

    def finish(self) -> Iterator[bytes]:
        if self._d is None:
            if self._head:
                raise BadEncoding(self._coding, "body too short")
        elif not self._d.eof:
            raise BadEncoding(self._coding, "compressed data ends early")
        return iter(())


class _Brotli:
    """br (RFC 7932) through the ``brotli`` package, with an output limit per step."""

    def __init__(self) -> None:
        try:
            import brotli
        except ImportError:
            raise UnsupportedEncoding("br") from None
        self._error = brotli.error
        self._d = brotli.Decompressor()
        # brotli >= 1.2 can bound each step's output; older versions cannot.
        self._limited = hasattr(self._d, "can_accept_more_data")
        self._fed = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        self._fed = self._fed or bool(data)
        try:
            if not self._limited:
                out = self._d.process(data)
                for i in range(0, len(out), PIECE):
                    yield out[i:i + PIECE]
                return
            # The limit is approximate, and pending output is only drained by further calls
            # with empty input: keep calling until a call gives nothing and more input fits.
            out = self._d.process(data, output_buffer_limit=PIECE)
            empties = 0
            while True:
                if out:
                    empties = 0
                    yield out
                elif self._d.can_accept_more_data() or empties > 2:
                    break
                else:
                    empties += 1
                if self._d.is_finished():
                    break
                out = self._d.process(b"", output_buffer_limit=PIECE)
        except self._error as exc:
            raise BadEncoding("br", str(exc) or "corrupt data") from None

    def finish(self) -> Iterator[bytes]:
        if self._limited and self._fed and not self._d.is_finished():
            raise BadEncoding("br", "compressed data ends early")
        return iter(())


def _codec(token: str) -> _Zlib | _Brotli | None:
    if token in ("", "identity"):
        return None
    if token in ("gzip", "x-gzip", "deflate"):
        return _Zlib(token)
    if token == "br":
        return _Brotli()
    raise UnsupportedEncoding(token)


class BodyDecoder:
    """Decode a body chunk by chunk and stop once it grows past ``max_bytes``.

    Args:
        content_encoding: the ``Content-Encoding`` header (``"gzip"``, ``"gzip, br"``, ...)
            or ``None``. Codings are undone last-applied first.
        max_bytes: cap on the decoded size, in bytes.

    Raises:
        UnsupportedEncoding: at construction, for a coding we cannot decode.

    Attributes:
        raw_bytes: encoded bytes fed so far.
        size: decoded bytes produced so far (never more than ``max_bytes`` + one piece).
    """

    def __init__(self, content_encoding: str | None, max_bytes: int) -> None:
        tokens = [t.strip().lower() for t in (content_encoding or "").split(",")]
        self._codecs = [c for c in (_codec(t) for t in reversed(tokens)) if c is not None]
        self.coding = ", ".join(t for t in tokens if t not in ("", "identity")) or "identity"
        self._max = max_bytes
        self._out = bytearray()
        self.raw_bytes = 0
        self.size = 0

    def _pipe(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._codecs):
            yield data
            return
        for piece in self._codecs[index].feed(data):
            yield from self._pipe(index + 1, piece)

    def _take(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self._max:
            raise BodyTooLarge()
        self._out += piece

    def feed(self, raw: bytes) -> None:
        """Decode one raw chunk.

        Raises:
            BodyTooLarge: the decoded body passed ``max_bytes``.
            BadEncoding: the data is not in the declared coding.
        """
        self.raw_bytes += len(raw)
        for piece in self._pipe(0, raw):
            self._take(piece)

    def finish(self) -> bytes:
        """Flush the decoders and return the whole decoded body.

        Raises:
            BodyTooLarge: the decoded body passed ``max_bytes``.
            BadEncoding: the stream ended in a way its coding does not allow.
        """
        for index, codec in enumerate(self._codecs):
            for piece in codec.finish():
                for out in self._pipe(index + 1, piece):
                    self._take(out)
        body = bytes(self._out)
        self._out = bytearray()
        return body
