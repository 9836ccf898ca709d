"""Inputs found by bench/fuzz/fuzz_ingest.py that once crashed the ingestion path, minimised.

Each kind was fixed as a kind: library exceptions on malformed input become engine errors or
per-field fallbacks, never a crash of the whole refresh.
"""

from __future__ import annotations

from brief_tui.parse import parse_document
from brief_tui.parse.dates import parse_date

URL = "http://127.0.0.1/f.xml"


def test_non_ascii_encoding_name_in_xml_declaration():
    body = ('<?xml version="1.0" encoding="u\u00cdf-8"?><rss version="2.0"><channel><title>T'
            "</title><item><title>A</title><guid>a</guid></item></channel></rss>").encode("latin-1")
    parsed = parse_document(body, url=URL)
    assert (parsed.title, [e.title for e in parsed.entries]) == ("T", ["A"])


def test_malformed_link_structure_keeps_the_entries():
    body = (b'<?xml version="1.0"?>\n<rss version="2.0">/link><description>d</description>\n'
            b'<item><title>One</title><links version="2.0">/link><description>d</description>\n'
            b'<item><title>Two</title><link>https://example.com/2</link><guid>g2</guid>'
            b"</item>\n</channel></rss>\n")
    parsed = parse_document(body, url=URL)
    assert [e.title for e in parsed.entries] == ["One", "Two"]
    assert all(e.enclosures == () for e in parsed.entries)


def test_absurd_numeric_date_tokens_are_unknown_not_a_crash():
    assert parse_date("Mon, May 25 2020 04:45" + "9" * 40 + ":26 +0000") == (None, False)
    assert parse_date("2024-05-01T12:0" + "9" * 40 + "0:00Z")[0] is None


def test_html_page_without_any_link_on_loopback():
    from brief_tui.domain.errors import NotAFeedError

    try:
        parse_document(b"<html><head><title>x</title></head><body>hi</body></html>", url=URL)
    except NotAFeedError as exc:
        assert exc.discovered == []
    else:  # pragma: no cover
        raise AssertionError("an HTML page is not a feed")
