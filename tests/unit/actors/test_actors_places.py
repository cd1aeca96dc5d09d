"""places: the gazetteer's usual name for the spellings of a place."""

from __future__ import annotations

import pytest

from generator.actors import places


@pytest.mark.parametrize(
    ("written", "usual"),
    [
        ("Kiev", "Kyiv"),
        ("Kyiv", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Marrakesh", "Marrakesh"),
        ("Bombay", "Mumbai"),
        ("Saigon", "Ho Chi Minh City"),
        ("U.S.", "United States"),
        ("Türkiye", "Turkey"),
        ("Burma", "Myanmar"),
        ("Cote d'Ivoire", "Ivory Coast"),
    ],
)
def test_canonical_names_of_known_places(written, usual):
    assert places.canonical(written) == usual


@pytest.mark.parametrize("name", ["Hemedti", "Tinubu", "Yonhap", ""])
def test_unknown_names_have_no_canonical_place(name):
    assert places.canonical(name) is None


def test_lookup_ignores_case_dots_and_accents():
    assert places.canonical("KYIV") == places.canonical("kyiv") == "Kyiv"
    assert places.canonical("u.s.a.") == "United States"


def test_gazetteer_is_built_once():
    assert places.gazetteer() is places.gazetteer()
