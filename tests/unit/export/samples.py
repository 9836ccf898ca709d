"""Sample export items shared by the whole-file tests."""

from __future__ import annotations

from brief_tui.export import ExportItem
from tests.unit.export.conftest import extracted, story, user, when

ACME_TEXT = (
    "Acme Corp has raised $40 million to build grid batteries in Texas. The round, led by "
    "Example Capital, values the company at 2.3x last year's price.\n\n"
    "Chief executive Jane Roe said revenue grew 23% in Q3 2026 and that the 1.2 GW pipeline "
    "is \"fully_funded\" — see https://acme.example/news_(2026).\n\n"
    "# Not a heading\n"
    "1. Not a list either & <b>not bold</b>")


def acme() -> ExportItem:
    """Story 42: figures (one repeated), two analyst highlights (one lost, one with a note),
    a story note, tags, an author, a link with ``&``."""
    t = ACME_TEXT
    first = "Acme Corp has raised $40 million to build grid batteries in Texas."
    second = "The round, led by Example Capital, values the company at 2.3x last year's price."
    third = ("Chief executive Jane Roe said revenue grew 23% in Q3 2026 and that the 1.2 GW "
             "pipeline is \"fully_funded\" — see https://acme.example/news_(2026).")
    s = story(42, text=t, link="https://example.com/acme?id=7&lang=en",
              published=when(29, 8), authors=("Jane Doe",), tags=("energy", "ai"),
              note="Watch **this** one.\n\n"
                   "Follow up with the [analyst desk](https://desk.example).")
    highlights = (
        user(t, "values the company at 2.3x last year's price", 7,
             note="High multiple for *storage*."),
        user(t, "revenue grew 23%", 8, lost=True, rank=1),
        extracted("sentence", first, t, first, 0),
        extracted("figure", "$40 million", t, first, 0),
        extracted("figure", "23%", t, third, 1),
        extracted("figure", "2.3x", t, second, 2),
        extracted("figure", "$40 Million", t, first, 3),
        extracted("organisation", "Acme Corp", t, first, 0),
        extracted("person", "Jane Roe", t, third, 0),
    )
    return ExportItem(s, highlights)


def beta() -> ExportItem:
    """Story 43: no highlights, no note, one tag, no publication date."""
    t = "Beta Labs opened a 200-person office in Berlin on Monday."
    return ExportItem(story(43, "Beta Labs opens office in Berlin", text=t,
                            feed_title="Morning Brief", link="https://example.org/beta-berlin",
                            tags=("energy",), date_estimated=True))


def gamma() -> ExportItem:
    """Story 44: starred, untagged, a figure."""
    t = "Gamma Grid signed a 300 MW supply deal."
    return ExportItem(story(44, "Gamma Grid signs 300 MW deal", text=t, starred=True,
                            link="https://example.net/gamma", published=when(29, 6)),
                      (extracted("figure", "300 MW", t, t, 0),))


def delta() -> ExportItem:
    """Story 45: tagged ai only, with an author list and a story note."""
    t = "Delta AI released a model."
    return ExportItem(story(45, "Delta AI releases a model", text=t, tags=("ai",),
                            published=when(29, 5), authors=("A. Writer", "B. Editor"),
                            note="Compare with last week's release."))
