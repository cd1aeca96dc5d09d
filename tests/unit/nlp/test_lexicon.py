"""Word classes read from the model's lemmatizer tables."""

from __future__ import annotations

import pytest

from generator.nlp.lexicon import CLASSES, classes


@pytest.mark.parametrize(
    "word, expected",
    [
        ("attack", {"noun", "verb"}),
        ("announces", {"verb"}),
        ("quickly", {"adv"}),
        ("political", {"adj"}),
        ("rescuers", {"noun"}),
        ("children", {"noun"}),
        ("mice", {"noun"}),
        ("went", {"verb"}),
        ("ran", {"verb"}),
        ("flooding", {"noun", "verb"}),
    ],
)
def test_classes_of_known_words_include_irregular_forms(word, expected):
    assert classes(word) == frozenset(expected)


def test_classes_ignore_case():
    assert classes("Attack") == classes("ATTACK") == frozenset({"noun", "verb"})


@pytest.mark.parametrize("word", ["Kyiv", "xqzv", "the", ""])
def test_names_function_words_and_nonsense_have_no_class(word):
    assert classes(word) == frozenset()


def test_classes_are_drawn_from_the_four_open_classes():
    assert CLASSES == ("noun", "verb", "adj", "adv")
    assert classes("better") == frozenset(CLASSES)
