"""cohesion: weighted word bags and their cosine similarity."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from generator.clean import cohesion

bags = st.dictionaries(st.sampled_from("abcdefghij"), st.floats(min_value=0.1, max_value=7.0), max_size=10).map(Counter)


def test_a_capitalised_word_inside_a_sentence_weighs_as_a_name():
    inside = cohesion.bag("Talks with Halvorsen resumed.")
    opening = cohesion.bag("Halvorsen resumed talks.")
    after_a_stop = cohesion.bag("Talks resumed. Halvorsen left.")
    assert inside["halvorsen"] == cohesion.NAME_WEIGHT * opening["halvorsen"]
    assert after_a_stop["halvorsen"] == opening["halvorsen"]


def test_stop_words_and_short_words_are_left_out():
    assert set(cohesion.bag("It is on the dam's wall")) == {"dam", "wall"}


def test_cosine_of_a_bag_with_itself_is_one_and_of_disjoint_bags_zero():
    flood = cohesion.bag("The flood breached the dam near the valley.")
    assert math.isclose(cohesion.cosine(flood, flood), 1.0)
    assert cohesion.cosine(flood, cohesion.bag("Parliament passed the budget.")) == 0.0
    assert cohesion.cosine(flood, Counter()) == 0.0


@given(bags, bags)
def test_cosine_to_a_fixed_bag_gives_exactly_the_cosine(fixed, other):
    assert cohesion.cosine_to(fixed)(other) == cohesion.cosine(other, fixed)
    assert math.isclose(cohesion.cosine(other, fixed), cohesion.cosine(fixed, other), abs_tol=1e-12)
