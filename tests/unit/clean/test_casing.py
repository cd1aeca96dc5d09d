"""Case restoration for all-lower-case texts from the casing the other inputs use."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.clean.casing import MIN_LETTERS, CasingTable, is_lower_case

OTHERS = (
    "President Cyril Ramaphosa met Eskom executives in Pretoria on Monday. Ramaphosa said load shedding would end.",
    "Eskom cut power again on Tuesday, and Cyril Ramaphosa blamed sabotage at plants near Pretoria.",
    "The talks in Pretoria were tense, officials at Eskom said.",
)
TRANSCRIPT = (
    "good evening. president ramaphosa said on monday that eskom would end load shedding in pretoria by winter. "
    "the utility has struggled for years with breakdowns at its coal plants, and businesses say the cuts cost jobs. "
    "we go now to our reporter in johannesburg."
)


def test_table_holds_the_casing_seen_mid_sentence():
    table = CasingTable.from_texts(OTHERS)
    assert dict(table.forms) == {"cyril": "Cyril", "eskom": "Eskom", "monday": "Monday", "pretoria": "Pretoria", "ramaphosa": "Ramaphosa", "tuesday": "Tuesday"}
    assert list(table.forms) == sorted(table.forms)


def test_a_word_mostly_written_in_lower_case_is_not_restored():
    texts = ("The Bank said rates would rise.", "Savers at the bank were told on Friday.", "The bank said so.", "A bank in Lagos failed.")
    assert "bank" not in dict(CasingTable.from_texts(texts).forms)


def test_lower_case_texts_teach_the_table_nothing():
    assert CasingTable.from_texts([TRANSCRIPT]).forms == ()


def test_restore_capitalises_known_names_and_sentence_starts():
    restored = CasingTable.from_texts(OTHERS).restore(TRANSCRIPT)
    assert restored == (
        "Good evening. President Ramaphosa said on Monday that Eskom would end load shedding in Pretoria by winter. "
        "The utility has struggled for years with breakdowns at its coal plants, and businesses say the cuts cost jobs. "
        "We go now to our reporter in johannesburg."
    )
    assert len(restored) == len(TRANSCRIPT)


def test_is_lower_case_needs_enough_letters_and_almost_no_capitals():
    assert is_lower_case(TRANSCRIPT) is True
    assert is_lower_case(TRANSCRIPT[:100]) is False  # too short to judge
    assert is_lower_case(" ".join(OTHERS) * 3) is False
    assert sum(ch.isalpha() for ch in TRANSCRIPT) >= MIN_LETTERS


def test_a_few_capitals_still_count_as_lower_case():
    assert is_lower_case("BBC " + TRANSCRIPT) is True


def test_the_share_of_capitals_is_of_letters_not_of_characters():
    # 400 letters among 1,600 characters: 8 capitals are 2% of the letters, 12 are 3% (0.75% of the characters)
    figures = " 12345 67890" * 100
    assert is_lower_case("ABCDEFGH" + "x" * 392 + figures) is True
    assert is_lower_case("ABCDEFGHIJKL" + "x" * 388 + figures) is False


def test_restore_keeps_the_length_of_a_ligature_at_a_sentence_start():
    text = "ﬁre crews in pretoria said the blaze was out."
    assert len(CasingTable((("pretoria", "Pretoria"),)).restore(text)) == len(text)


LETTERS = st.sampled_from(list("abcdeijklmnoprstuyzéñøł'’ .!?\n,") + ["Pretoria", "eskom", "ramaphosa", "İstanbul"])


@given(st.lists(LETTERS, max_size=60).map("".join))
def test_restore_never_changes_the_length(text):
    table = CasingTable.from_texts(OTHERS + ("Officials in İstanbul said so.",))
    restored = table.restore(text)
    assert len(restored) == len(text)
    assert restored.lower() == text.lower()
