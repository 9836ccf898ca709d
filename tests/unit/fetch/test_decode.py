"""Incremental, capped decoding of content codings (no network)."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from brief_tui.fetch.decode import (
    PIECE, BadEncoding, BodyDecoder, BodyTooLarge, UnsupportedEncoding,
)
from tests.support.scenarios import (
    BOMB_DECOMPRESSED_SIZE, brotli_body, gzip_body, gzip_bomb, plain, raw_deflate_body,
    zlib_body,
)

PLAIN = plain("b19-feed-plain.xml")
BIG = b"".join(b"<item><title>%d</title></item>\n" % i for i in range(20000))  # ~600 KB


def decode(coding: str | None, data: bytes, step: int | None = None,
           cap: int = 10 * 1024 * 1024) -> bytes:
    decoder = BodyDecoder(coding, cap)
    step = step or max(1, len(data))
    for i in range(0, len(data), step):
        decoder.feed(data[i:i + step])
    return decoder.finish()


@pytest.mark.parametrize(("coding", "body"), [
    ("gzip", gzip_body), ("x-gzip", gzip_body), ("deflate", zlib_body),
    ("deflate", raw_deflate_body), ("br", brotli_body),
])
@pytest.mark.parametrize("step", [1, 3, 4096, None])
def test_each_coding_decodes_in_any_chunking(coding: str, body, step: int | None) -> None:
    assert decode(coding, body(), step) == PLAIN


@pytest.mark.parametrize("coding", ["GZIP", " gzip ", "identity, gzip", "gzip, identity"])
def test_coding_names_are_case_and_space_insensitive(coding: str) -> None:
    assert decode(coding, gzip_body()) == PLAIN


@pytest.mark.parametrize("coding", [None, "", "identity"])
def test_identity(coding: str | None) -> None:
    assert decode(coding, PLAIN, 5) == PLAIN


def test_stacked_codings_are_undone_last_first() -> None:
    data = brotli.compress(gzip.compress(BIG))
    assert decode("gzip, br", data, 1000) == BIG


def test_multi_member_gzip_is_read_whole() -> None:
    data = gzip.compress(b"one ") + gzip.compress(b"two")
    assert decode("gzip", data, 7) == b"one two"


def test_trailing_zero_padding_after_gzip_is_ignored() -> None:
    assert decode("gzip", gzip.compress(PLAIN) + b"\0" * 16) == PLAIN


@pytest.mark.parametrize(("coding", "data"), [
    ("gzip", gzip.compress(BIG)), ("deflate", zlib.compress(BIG)), ("br", brotli.compress(BIG)),
])
def test_large_bodies_come_out_in_bounded_pieces(coding: str, data: bytes) -> None:
    assert decode(coding, data, 65536) == BIG


def test_bomb_stops_at_the_cap_after_one_network_chunk() -> None:
    cap = 1024 * 1024
    decoder = BodyDecoder("gzip", cap)
    with pytest.raises(BodyTooLarge):
        decoder.feed(gzip_bomb())  # all ~64 KiB at once, as httpx would hand it over
    assert cap < decoder.size <= cap + PIECE
    assert decoder.size < BOMB_DECOMPRESSED_SIZE // 32


def test_brotli_bomb_stops_near_the_cap() -> None:
    cap = 1024 * 1024
    decoder = BodyDecoder("br", cap)
    with pytest.raises(BodyTooLarge):
        decoder.feed(brotli.compress(b"\0" * (32 * 1024 * 1024), quality=1))
    assert cap < decoder.size <= 2 * cap


def test_plain_body_over_cap() -> None:
    decoder = BodyDecoder(None, 10)
    decoder.feed(b"x" * 10)
    with pytest.raises(BodyTooLarge):
        decoder.feed(b"y")
    assert (decoder.size, decoder.raw_bytes) == (11, 11)


@pytest.mark.parametrize(("coding", "data", "message"), [
    ("gzip", PLAIN, "bad content-encoding gzip: Error -3 while decompressing data: "
                    "incorrect header check"),
    ("gzip", gzip.compress(PLAIN)[:-8], "bad content-encoding gzip: compressed data ends early"),
    ("deflate", zlib.compress(PLAIN)[:20], "bad content-encoding deflate: compressed data ends "
                                            "early"),
    ("deflate", b"x", "bad content-encoding deflate: body too short"),
    ("br", brotli.compress(PLAIN)[:-3], "bad content-encoding br: compressed data ends early"),
    ("br", b"\xff" * 40, "bad content-encoding br: brotli: decoder failed"),
])
def test_bad_data_raises_bad_encoding(coding: str, data: bytes, message: str) -> None:
    with pytest.raises(BadEncoding) as info:
        decode(coding, data)
    assert str(info.value) == message


@pytest.mark.parametrize("coding", ["compress", "zstd", "gzip, sdch"])
def test_unknown_coding_is_unsupported(coding: str) -> None:
    with pytest.raises(UnsupportedEncoding) as info:
        BodyDecoder(coding, 100)
    assert str(info.value).startswith("unsupported content-encoding ")


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_empty_body_stays_empty_whatever_the_label(coding: str) -> None:
    # Servers label empty bodies gzip too; the service then reports "empty response".
    assert decode(coding, b"") == b""
