"""Briefing parser: every supported shape, encodings, header, keys, detection."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from brief_tui.domain.errors import BriefError, FeedParseError
from brief_tui.parse.briefing import decode_briefing, looks_like_briefing, parse_briefing

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "briefings"


def parse(name: str, data: bytes | None = None):
    body = (FIXTURES / name).read_bytes() if data is None else data
    return parse_briefing(body, url=f"file:///briefings/{name}")


# --------------------------------------------------------------------------- the real item

def test_real_briefing_is_one_story_numbered_3():
    feed = parse("mistral_numbered_item.txt")
    assert feed.format == "briefing"
    assert len(feed.entries) == 1
    e = feed.entries[0]
    assert e.number == 3
    assert e.title == ("Mistral AI Secures $830M to Build Its Own Compute Infrastructure, "
                       "Reducing Dependence on Third-Party Clouds")
    assert e.link == "https://aibusiness.com/generative-ai/mistral-ai-lands-830m-ai-data-center"
    assert e.text.count("Mistral AI has raised $830 million") == 1
    assert e.summary == ("Mistral AI has raised $830 million to construct a dedicated AI data "
                         "center near Paris, powered by thousands of Nvidia GPUs.")
    assert "Source:" not in e.text and "aibusiness.com" not in e.text
    assert e.text.count("\n\n") == 2                      # three paragraphs
    assert e.text.startswith("Mistral AI has raised")
    assert e.text.endswith("alternative to American cloud providers for sensitive workloads.")
    assert e.published is None
    assert feed.title == "mistral numbered item"          # no title line: from the file name


def test_real_briefing_keys_are_stable_across_imports():
    a = parse("mistral_numbered_item.txt").entries[0].key
    b = parse("mistral_numbered_item.txt").entries[0].key
    assert a == b == "briefing:3:ff323da6f2b8ff7b"


# --------------------------------------------------------------------------- shapes

def test_numbered_plain_with_header_and_teaser():
    feed = parse("numbered_plain.txt")
    assert feed.title == "Daily Briefing — 29 November 2026"
    assert feed.description == "Three items for the investment committee."
    assert [(e.number, e.title) for e in feed.entries] == [
        (1, "Helios Grid Raises $410M for Battery Storage"),
        (2, "Ardent Labs Cuts 300 Jobs")]
    first, second = feed.entries
    assert first.text == (
        "Helios Grid has raised $410 million to build battery storage in Spain. The round was "
        "led by Northwind Capital.\n\n"
        "This matters because storage is the bottleneck for solar in southern Europe.")
    assert first.summary == "Helios Grid has raised $410 million to build battery storage in Spain."
    assert first.link == "https://example.com/helios-grid"
    assert second.link == "https://example.org/ardent-cuts"
    assert all(e.published == datetime(2026, 11, 29, tzinfo=UTC) for e in feed.entries)


def test_markdown_numbered_headings():
    feed = parse("markdown_headings.md")
    assert feed.title == "The Compute Letter"
    assert feed.description == "Issue 12 · November 30, 2026"
    one, two = feed.entries
    assert (one.number, one.title) == (1, "Orbital Compute Signs 1.2 GW Lease")
    assert one.link == "https://example.com/orbital-lease"
    assert one.text == ("Orbital Compute signed a lease for 1.2 GW of capacity near Reno, backed "
                        "by Keystone Partners.\n\n"
                        "The broader signal is that power, not chips, now sets the pace.")
    assert one.markdown == ("Orbital Compute signed a lease for 1.2 GW of capacity near Reno, "
                            "backed by *Keystone Partners*.\n\n"
                            "The broader signal is that power, not chips, now sets the pace.")
    assert (two.number, two.title, two.link) == (
        2, "Quartz Bank Posts Record Profit", "https://example.org/quartz-profit")
    assert two.text == ("Quartz Bank reported a profit of €2.1bn, up 18%.\n\n"
                        "- Net interest income rose 9%\n- Costs fell 3%")
    assert one.published == datetime(2026, 11, 30, tzinfo=UTC)


def test_bold_headlines_with_why_it_matters():
    feed = parse("bold_labels.md")
    assert feed.title == "Tech & Capital Daily"
    assert [(e.number, e.title, e.link) for e in feed.entries] == [
        (None, "Lumen Robotics raises $95 million", "https://example.com/lumen-series-c"),
        (None, "Parcel giant Vantor buys Skyhop for £40 billion",
         "https://example.org/vantor-skyhop")]
    e = feed.entries[0]
    assert e.text == ("Lumen Robotics closed a $95 million Series C led by Brightline Ventures."
                      "\n\nWhy it matters: Warehouse automation is moving from pilots to fleets.")
    assert e.markdown == ("Lumen Robotics closed a $95 million Series C led by Brightline "
                          "Ventures.\n\n**Why it matters:** Warehouse automation is moving from "
                          "pilots to fleets.")
    assert e.summary == "Lumen Robotics closed a $95 million Series C led by Brightline Ventures."


def test_bullet_digest():
    feed = parse("bullet_digest.md")
    assert feed.title == "Five things before the open"
    assert [(e.title, e.text, e.link) for e in feed.entries] == [
        ("Copper hits record", "Copper rose 4% to $11,200 a tonne on supply fears.",
         "https://example.com/copper"),
        ("Kestrel AI files for IPO", "Kestrel AI filed to list in New York at a $7bn valuation.",
         "https://example.org/kestrel-ipo"),
        ("Rates on hold", "The central bank kept rates at 3.25%.", "https://example.com/rates")]
    assert all(e.number is None for e in feed.entries)


def test_email_digest_with_separators():
    feed = parse("email_digest.txt")
    assert feed.title == "Evening Wrap: chips and capital"
    assert feed.description == "Good evening. Three items tonight."
    assert [(e.number, e.title, e.link) for e in feed.entries] == [
        (None, "Nimbus Cloud signs $2bn deal with Orion Labs", "https://example.com/nimbus-orion"),
        (None, "Tidewater Mining opens lithium plant", "https://example.org/tidewater"),
        (3, "Marlin Bank fined €45m", "https://example.com/marlin")]
    assert feed.entries[1].text == "Tidewater Mining opened a 50,000 tonne lithium plant in Chile."
    assert all(e.published == datetime(2026, 12, 1, 18, 30, tzinfo=UTC) for e in feed.entries)
    assert all("Unsubscribe" not in e.text for e in feed.entries)


def test_table_of_contents_does_not_duplicate_items():
    feed = parse("toc_digest.txt")
    assert feed.title == "Morning Note"
    assert [(e.number, e.title, e.text) for e in feed.entries] == [
        (1, "Alpha Corp beats estimates",
         "Alpha Corp reported revenue of $3.2 billion, ahead of forecasts."),
        (2, "Beta Ltd delays launch", "Beta Ltd pushed its launch to Q3 2027.")]


def test_numbered_list_inside_an_item_stays_in_the_body():
    feed = parse("list_inside_item.txt")
    assert len(feed.entries) == 1
    e = feed.entries[0]
    assert (e.number, e.title) == (4, "Gamma Energy Outlines Three-Part Plan")
    assert e.text == ("Gamma Energy set out its plan on Monday:\n\n"
                      "1. Sell the coal unit\n2. Double solar capacity\n3. Cut debt by half\n\n"
                      "The company expects the plan to take three years.")


def test_hard_wrapped_plain_text_is_reflowed():
    feed = parse("wrapped_plain.txt")
    assert feed.title == "WEEKLY ENERGY NOTE"
    e = feed.entries[0]
    assert e.text == (
        "Fjord Wind has scrapped its offshore wind farm off the northern coast after "
        "supply-chain costs rose by more than 40% since the contract was signed.\n\n"
        "The cancellation matters because the project was meant to supply 1 million homes.")


def test_prose_becomes_one_untitled_story():
    feed = parse("prose.txt")
    assert len(feed.entries) == 1
    e = feed.entries[0]
    assert e.title == ""
    assert e.display_title.startswith("It was a quiet week in the valley.")
    assert e.text.startswith("It was a quiet week in the valley. The river ran high after the "
                             "storms, and the mill reopened on Thursday")
    assert e.link is None


# --------------------------------------------------------------------------- encodings

def test_crlf_gives_the_same_result_as_lf():
    lf = (FIXTURES / "numbered_plain.txt").read_bytes()
    crlf = lf.replace(b"\n", b"\r\n")
    cr = lf.replace(b"\n", b"\r")
    want = [(e.key, e.title, e.text, e.link) for e in parse("x", lf).entries]
    assert [(e.key, e.title, e.text, e.link) for e in parse("x", crlf).entries] == want
    assert [(e.key, e.title, e.text, e.link) for e in parse("x", cr).entries] == want


def test_windows_1252_curly_quotes_and_euro():
    raw = (FIXTURES / "cp1252_curly.txt").read_bytes()
    assert b"\x93" in raw and b"\x80" in raw                       # byte-exact fixture
    e = parse("cp1252_curly.txt").entries[0]
    assert e.title == "Euro Fund Raises €500m"
    assert e.text == "The fund said it was “very pleased” with demand – and closed early."
    assert e.link == "https://example.com/euro-fund"


def test_utf8_bom_is_dropped():
    raw = (FIXTURES / "utf8_bom.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    e = parse("utf8_bom.md").entries[0]
    assert (e.number, e.title) == (1, "Café Chain Expands")
    assert e.text == "The café chain opened 40 stores in München."
    assert "\ufeff" not in e.title + e.text


def test_utf16_bom():
    e = parse("utf16_bom.txt").entries[0]
    assert (e.number, e.title, e.text) == (1, "Kanji 漢字 Headline", "Body text here.")


def test_decode_rules():
    assert decode_briefing("é".encode("utf-8")) == "é"
    assert decode_briefing(b"\xe9t\xe9") == "été"                        # not UTF-8: cp1252
    assert decode_briefing(b"a\x81b\x9dc") == "abc"                       # undefined cp1252
    assert decode_briefing(b"a\r\nb\rc") == "a\nb\nc"
    assert decode_briefing(b"x\x1b[31mred\x1b[0m") == "xred"             # clean_text applied
    assert decode_briefing("hi".encode("utf-16-le")) == "hi"             # no BOM, NUL pattern


def test_control_characters_never_reach_entries():
    body = b"1. Bad \x1b]0;title\x07Headline\nBody \x1b[2Jtext.\nSource: https://example.com/x\n"
    e = parse_briefing(body, url="file:///x.txt").entries[0]
    assert e.title == "Bad Headline"
    assert e.text == "Body text."


# --------------------------------------------------------------------------- details

def test_empty_document_raises_empty():
    with pytest.raises(FeedParseError) as err:
        parse_briefing(b"  \n\r\n ", url="file:///empty.txt")
    assert err.value.category == "empty"
    assert "file:///empty.txt" in str(err.value)


def test_keys_differ_by_number_and_headline_and_are_unique():
    body = b"1. Same\nA.\n\n2. Other\nB.\n"
    keys = [e.key for e in parse_briefing(body, url="file:///k.txt").entries]
    assert keys == ["briefing:1:" + __import__("hashlib").sha1(b"same").hexdigest()[:16],
                    "briefing:2:" + __import__("hashlib").sha1(b"other").hexdigest()[:16]]


def test_numbers_must_increase():
    body = b"2. Second story\nText two.\n\n1. A step inside\nMore text.\n\n3. Third story\nText.\n"
    feed = parse_briefing(body, url="file:///n.txt")
    assert [e.number for e in feed.entries] == [2, 3]
    assert feed.entries[0].text == "Text two.\n\n1. A step inside\n\nMore text."


def test_source_variants():
    body = (b"1. One\nText one. [Read more](https://example.com/one)\n\n"
            b"2. Two\nText two.\n**Source:** [Example](https://example.org/two)\n\n"
            b"3. Three\nText three (source: https://example.net/three).\n")
    feed = parse_briefing(body, url="file:///s.txt")
    assert [(e.link, e.text) for e in feed.entries] == [
        ("https://example.com/one", "Text one."),
        ("https://example.org/two", "Text two."),
        ("https://example.net/three", "Text three.")]


def test_headline_link_is_the_fallback_link():
    body = b"- [Kestrel files for IPO](https://example.com/k) - Kestrel filed on Monday.\n" \
           b"- [Orca buys Finch](https://example.com/o) - The deal closed.\n"
    feed = parse_briefing(body, url="file:///b.md")
    assert [(e.title, e.link, e.text) for e in feed.entries] == [
        ("Kestrel files for IPO", "https://example.com/k", "Kestrel filed on Monday."),
        ("Orca buys Finch", "https://example.com/o", "The deal closed.")]


@pytest.mark.parametrize("header, expected", [
    ("Daily Briefing — 29 November 2026", datetime(2026, 11, 29, tzinfo=UTC)),
    ("Briefing for November 29, 2026", datetime(2026, 11, 29, tzinfo=UTC)),
    ("Morning note 2026-11-29", datetime(2026, 11, 29, tzinfo=UTC)),
    ("Sat 3rd Jan 2026 edition", datetime(2026, 1, 3, tzinfo=UTC)),
    ("Note of 30 February 2026", None),
    ("No date here", None),
])
def test_header_dates(header, expected):
    body = f"{header}\n\n1. Story\nText.\nSource: https://example.com/s\n".encode()
    assert parse_briefing(body, url="file:///d.txt").entries[0].published == expected


def test_setext_heading_title_is_not_a_separator():
    body = b"Weekly Note\n===========\n\n## 1. First\nOne.\n\n## 2. Second\nTwo.\n"
    feed = parse_briefing(body, url="file:///w.md")
    assert feed.title == "Weekly Note"
    assert [e.title for e in feed.entries] == ["First", "Second"]


def test_errors_are_brief_errors():
    assert issubclass(FeedParseError, BriefError)


# --------------------------------------------------------------------------- detection

@pytest.mark.parametrize("name", [
    "mistral_numbered_item.txt", "numbered_plain.txt", "markdown_headings.md", "bold_labels.md",
    "bullet_digest.md", "email_digest.txt", "toc_digest.txt", "wrapped_plain.txt",
    "cp1252_curly.txt", "utf8_bom.md", "list_inside_item.txt"])
def test_looks_like_briefing_true(name):
    assert looks_like_briefing(decode_briefing((FIXTURES / name).read_bytes())) is True


@pytest.mark.parametrize("text", [
    (FIXTURES / "prose.txt").read_text(encoding="utf-8"),
    "Shopping list:\n1. Milk\n2. Eggs\n3. Bread\n",
    "# My notes\n\nSome thoughts about the week.\n\n## Later\n\nMore thoughts.\n",
    "",
    "key = value\nother = thing\n",
])
def test_looks_like_briefing_false(text):
    assert looks_like_briefing(text) is False
