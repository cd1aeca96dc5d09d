"""analyse: the one parse of an article and the sentence index every later stage relies on."""

from __future__ import annotations

import pytest

from generator.model import Sentence

PARAGRAPHS = (
    "President William Ruto flew to Addis Ababa on Monday.",
    "Prime Minister Abiy Ahmed met him at the airport.",
)


def test_sentences_follow_zones_and_paragraphs(analyse):
    found = analyse(*PARAGRAPHS, title="Kenyan leader visits Ethiopia")
    assert found.sentences == (
        Sentence("Kenyan leader visits Ethiopia", "title", 0),
        Sentence(PARAGRAPHS[0], "body", 0),
        Sentence(PARAGRAPHS[1], "body", 1),
    )


def test_every_mention_points_at_the_sentence_that_holds_it(analyse):
    found = analyse(*PARAGRAPHS, title="Kenyan leader visits Ethiopia")
    assert [(m.name, m.sentence) for m in found.mentions if m.label != "NORP"] == [
        ("Ethiopia", 0), ("William Ruto", 1), ("Addis Ababa", 1), ("Abiy Ahmed", 2),
    ]


def test_terms_are_sorted_counts_of_content_stems(analyse):
    found = analyse("Floods hit Hanoi. Floods hit Hai Phong. Floods closed schools.")
    terms = dict(found.terms)
    assert list(found.terms) == sorted(found.terms)
    assert max(terms.values()) == 3
    assert found.error is None
