"""Names by form and context: organisations, people, places."""

from __future__ import annotations

import pytest

from brief_tui.extract.names import find_names
from brief_tui.extract.spans import sentence_spans


def names(text: str, title: str = "", keywords: set[str] | None = None):
    return [(n.text, n.kind, sorted(n.aliases))
            for n in find_names(text, sentence_spans(text), keywords, title=title)]


ORG, PER, PLA = "organisation", "person", "place"


@pytest.mark.parametrize("text, expected", [
    # organisation suffixes
    ("Shares of Halvard Capital rose after Quill Labs Inc. said it would merge with Ostrava "
     "Group.", [("Halvard Capital", ORG, []), ("Quill Labs Inc.", ORG, []),
                ("Ostrava Group", ORG, [])]),
    # cue contexts and lists after them
    ("The round was backed by investors including Kettle Peak and Larchmont Harbor.",
     [("Kettle Peak", ORG, []), ("Larchmont Harbor", ORG, [])]),
    ("Rivals such as Fennick and Osgood have not commented.",
     [("Fennick", ORG, []), ("Osgood", ORG, [])]),
    # "<Head> of <X>" and an acronym in parentheses
    ("The Electric Reliability Council of Texas (ERCOT) warned on Monday. ERCOT said demand "
     "would rise.", [("Electric Reliability Council of Texas", ORG, ["ERCOT"])]),
    # an acronym made of the initials
    ("Taiwan Semiconductor Manufacturing Co. reported results. TSMC shares rose.",
     [("Taiwan Semiconductor Manufacturing Co.", ORG, ["TSMC"])]),
    # short form of a longer name
    ("Mistral AI raised money. Mistral plans to grow. Meta and Microsoft Azure compete.",
     [("Mistral AI", ORG, ["Mistral"]), ("Meta", ORG, []), ("Microsoft Azure", ORG, [])]),
    # "X chief executive Y": X is an organisation, Y a person
    ("Ma'aden will invest. Rio Tinto chief executive Simon Trott spoke.",
     [("Rio Tinto", ORG, []), ("Simon Trott", PER, [])]),
])
def test_organisations(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Chief executive Dario Amodei told staff. Amodei said growth was strong.",
     [("Dario Amodei", PER, ["Amodei"])]),
    ("Co-CEO Jun Young-hyun spoke. Finance minister Katsunobu Kato agreed.",
     [("Jun Young-hyun", PER, []), ("Katsunobu Kato", PER, [])]),
    ("Chairman C.C. Wei said demand was strong. Analyst Maria Keller disagreed.",
     [("C.C. Wei", PER, []), ("Maria Keller", PER, [])]),
    ("The deal was signed, said Sarah Okafor, a partner at the firm.",
     [("Sarah Okafor", PER, [])]),
])
def test_people(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The plant near Abilene, Texas, opened in Vineland, New Jersey, and a Zurich-based firm "
     "joined.", [("Abilene", PLA, []), ("Texas", PLA, []), ("Vineland", PLA, []),
                 ("New Jersey", PLA, []), ("Zurich", PLA, [])]),
    ("It operates on the Skagen coast and in Tromsø.", [("Skagen", PLA, []), ("Tromsø", PLA, [])]),
    ("Demand in the Middle East and New York grew.",
     [("Middle East", PLA, []), ("New York", PLA, [])]),
    ("Prices rose in Tokyo, Seoul and Bengaluru.",
     [("Tokyo", PLA, []), ("Seoul", PLA, []), ("Bengaluru", PLA, [])]),
])
def test_places(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "The French AI lab is growing.",
    "Oil fell 2% on Monday.",
    "A Series G round closed.",
    "Costs fell 3% in the quarter.",
    "The CHIPS Act pays for it.",
    "Why it matters: The round confirms the trend.",
    "GPUs and HBM remain scarce, SOFR is flat.",
])
def test_not_names(text):
    assert names(text) == []


def test_known_company_splits_from_a_product_name():
    assert names("Nvidia GPUs are scarce and Nvidia Blackwell servers are late.") == [
        ("Nvidia", ORG, [])]


def test_coordination_needs_a_known_member():
    assert names("Foxconn and Bosch buy parts. Keller and Brandt sell them.") == [
        ("Foxconn", ORG, []), ("Bosch", ORG, [])]


def test_sentence_initial_single_word_needs_more_than_a_verb():
    text = "Revolut received a banking licence."
    assert names(text) == []
    assert names(text, title="Revolut wins full UK banking licence") == [("Revolut", ORG, [])]


def test_capitalised_keyword_candidate_is_an_organisation():
    text = "CoreWeave signed a lease with Green Mountain last month."
    assert names(text, keywords=set()) == [("CoreWeave", ORG, [])]
    assert names(text, keywords={"Green Mountain"}) == [
        ("CoreWeave", ORG, []), ("Green Mountain", ORG, [])]


def test_mentions_carry_offsets_and_sentences():
    text = "Orion Labs grew. Later, Orion Labs said more."
    (name,) = find_names(text, sentence_spans(text))
    assert [(m.start, m.end, m.sentence) for m in name.mentions] == [(0, 10, 0), (24, 34, 1)]
    assert text[0:10] == text[24:34] == "Orion Labs"
