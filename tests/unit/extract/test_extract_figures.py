"""Figure patterns: money, percentages and points, counts with units, multipliers, periods."""

from __future__ import annotations

import pytest

from brief_tui.extract.figures import find_figures


def one(text: str) -> tuple[str, str]:
    found = find_figures(text)
    assert len(found) == 1, found
    f = found[0]
    assert " ".join(text[f.start:f.end].split()) == f.text
    return f.kind, f.text


@pytest.mark.parametrize("text, kind, surface", [
    ("It raised $830 million on Monday.", "money", "$830 million"),
    ("It raised $830M on Monday.", "money", "$830M"),
    ("A $1.2bn loan.", "money", "$1.2bn"),
    ("A €500m bond.", "money", "€500m"),
    ("Worth £40 billion in all.", "money", "£40 billion"),
    ("Spent ¥2 trillion defending it.", "money", "¥2 trillion"),
    ("Raised US$3.5 billion.", "money", "US$3.5 billion"),
    ("A fine of EUR 20 million.", "money", "EUR 20 million"),
    ("A loss of ₹4,000 crore.", "money", "₹4,000 crore"),
    ("Wrote down DKK 3.1 billion.", "money", "DKK 3.1 billion"),
    ("It costs 500 million euros.", "money", "500 million euros"),
    ("A ₩45 trillion plan.", "money", "₩45 trillion"),
    ("Priced at $69.10 a barrel.", "money", "$69.10"),
    ("A $1T market.", "money", "$1T"),
    ("Revenue rose 23% in the year.", "percent", "23%"),
    ("Up 4.5 per cent on the day.", "percent", "4.5 per cent"),
    ("Up 12 percent on the day.", "percent", "12 percent"),
    ("Down -3% at the open.", "percent", "-3%"),
    ("Yields fell 1.5 percentage points.", "points", "1.5 percentage points"),
    ("A cut of 25 basis points.", "points", "25 basis points"),
    ("A cut of 25bps.", "points", "25bps"),
    ("It bought 12,000 GPUs.", "count", "12,000 GPUs"),
    ("A 1.2 GW campus.", "count", "1.2 GW"),
    ("A 300 MW plant.", "count", "300 MW"),
    ("Capacity of 40 GWh a year.", "count", "40 GWh"),
    ("Making 28-nanometre chips.", "count", "28-nanometre"),
    ("It employs 40,000 employees.", "count", "40,000 employees"),
    ("Its 12 million British customers.", "count", "12 million British customers"),
    ("Adding 137,000 barrels a day.", "count", "137,000 barrels a day"),
    ("Output of 50,000 tonnes a year.", "count", "50,000 tonnes a year"),
    ("Faster by 2.3x than before.", "multiplier", "2.3x"),
    ("Priced at 14× sales.", "multiplier", "14×"),
    ("Prices rose in Q3 2026.", "period", "Q3 2026"),
    ("Orders shrank in H1 2025.", "period", "H1 2025"),
    ("Guidance for FY2026 is firm.", "period", "FY2026"),
    ("Guidance for FY26 is firm.", "period", "FY26"),
    ("Sales in 3Q26 were flat.", "period", "3Q26"),
    ("Sales in Q4 were flat.", "period", "Q4"),
    ("Sales in Q1'27 were flat.", "period", "Q1'27"),
])
def test_each_pattern(text, kind, surface):
    assert one(text) == (kind, surface)


@pytest.mark.parametrize("text", [
    "It was founded in 2019.",
    "The H100 and A100 chips.",
    "Its N4 process.",
    "Rising to 50,000 by 2028.",
    "The yen at 160 per dollar.",
    "Issue 48 of the letter.",
    "Orders in H3 2026.",
    "See https://example.com/830m-deal for more.",
    "The 3rd largest.",
    "",
])
def test_not_figures(text):
    assert find_figures(text) == []


def test_ranges_give_two_figures():
    assert [f.text for f in find_figures("Revenue could fall 10% to 15% next year.")] == [
        "10%", "15%"]


def test_money_wins_over_counts_and_order_is_textual():
    text = "Nebius raised $19 billion, rose 38% and will run 1 GW for 2,500 people in Q3 2026."
    assert [(f.kind, f.text) for f in find_figures(text)] == [
        ("money", "$19 billion"), ("percent", "38%"), ("count", "1 GW"),
        ("count", "2,500 people"), ("period", "Q3 2026")]


def test_offsets_point_at_the_figure():
    text = "Mistral AI has raised $830 million to build a data centre."
    f = find_figures(text)[0]
    assert (f.start, f.end, text[f.start:f.end]) == (22, 34, "$830 million")
