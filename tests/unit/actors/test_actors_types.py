"""types: votes from labels, titles, event words, the gazetteer and name words; the decision."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.actors import types
from generator.model import Mention


def mention(label: str = "PERSON", title: str | None = None, **fields) -> Mention:
    return Mention(text="x", name="x", label=label, sentence=0, zone="body", title=title, **fields)


def test_recogniser_labels_vote_for_their_type():
    assert types.votes("Ngozi Okonjo-Iweala", [mention("PERSON"), mention("PERSON")]) == Counter({"person": 2})
    assert types.votes("Hezbollah", [mention("ORG")]) == Counter({"organization": 1})


def test_a_title_votes_person_twice():
    assert types.votes("Hasina", [mention("PERSON", title="Sheikh")]) == Counter({"person": 3})


def test_an_event_word_votes_event_before_or_inside_the_name():
    assert types.decide(types.votes("Yagi", [mention("PERSON", title="Typhoon")])) == "event"
    assert types.decide(types.votes("Storm Daniel", [mention("PERSON")])) == "event"


def test_the_gazetteer_votes_place_unless_titles_outweigh_it():
    assert types.decide(types.votes("Accra", [mention("PERSON")])) == "place"
    titled = [mention("PERSON", title="Ms"), mention("PERSON", title="Ms"), mention("PERSON")]
    assert types.decide(types.votes("Paris", titled)) == "person"


def test_an_organisation_word_in_a_longer_name_votes_organisation():
    assert types.decide(types.votes("Dangote Group", [mention("PERSON")])) == "organization"
    assert types.decide(types.votes("Dangote", [mention("PERSON")])) == "person"


def test_a_name_written_after_a_preposition_of_place_leans_to_place():
    assert types.decide(types.votes("Ras Lanuf", [mention("ORG")])) == "organization"
    assert types.decide(types.votes("Ras Lanuf", [mention("ORG", locative=True)])) == "place"
    assert types.votes("Ras Lanuf", [mention("ORG", locative=True)])["place"] > types.votes("Ras Lanuf", [mention("ORG")])["place"]


def test_decide_takes_the_most_votes_and_breaks_ties_person_first():
    assert types.decide(Counter({"organization": 2, "place": 3})) == "place"
    assert types.decide(Counter({"organization": 2, "person": 2})) == "person"
    assert types.decide(Counter({"group": 1, "event": 1})) == "event"
    assert types.decide(Counter()) == "other"


@pytest.mark.parametrize(
    ("a", "b", "loose", "expected"),
    [
        ("person", "person", False, True),
        ("organization", "place", False, False),
        ("organization", "place", True, True),
        ("person", "place", True, False),
        ("group", "event", True, True),
    ],
)
def test_compatible(a, b, loose, expected):
    assert types.compatible(a, b, loose=loose) is expected


@pytest.mark.parametrize(("word", "expected"), [("Libyan", True), ("Ukrainians", True), ("Nigerians", True),
                                                ("Vietnamese", True), ("South Korean", True), ("Kyiv", False), ("Hamas", False)])
def test_is_demonym(word, expected):
    assert types.is_demonym(word) is expected
