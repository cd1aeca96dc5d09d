"""names: folding, core tokens, transliteration skeletons, phonetic codes, initials, acronyms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.actors import names


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Mbappé", "mbappe"),
        ("Nguyễn Xuân Phúc", "nguyen xuan phuc"),
        ("Đặng Thị Ngọc Thịnh", "dang thi ngoc thinh"),
        ("O'Brien’s", "obrien"),
        ("U.S.", "us"),
        ("Al-Qaeda", "al qaeda"),
        ("Jean—Pierre", "jean pierre"),
        ("Kim Jong-un", "kim jong un"),
        ("  SEOUL   Central ", "seoul central"),
    ],
)
def test_fold_strips_case_accents_dots_hyphens_and_possessives(written, folded):
    assert names.fold(written) == folded


@given(st.text(max_size=40))
def test_fold_is_idempotent_and_lower_ascii(text):
    once = names.fold(text)
    assert names.fold(once) == once
    assert once == once.lower()
    assert once.isascii()


def test_tokens_spell_out_abbreviations():
    assert names.tokens("St. Petersburg") == ("saint", "petersburg")
    assert names.tokens("Mt Kenya") == ("mount", "kenya")


def test_core_tokens_set_particles_aside_in_arabic_names():
    assert names.core_tokens("Abdel Fattah al-Sisi", "person") == ("abdel", "fattah", "sisi")
    assert names.core_tokens("el-Sisi", "person") == ("sisi",)


def test_a_particle_alone_stays_a_name():
    assert names.core_tokens("Al", "person") == ("al",)


def test_core_tokens_drop_corporate_suffix_only_for_organisations():
    assert names.core_tokens("Samsung Electronics Co", "organization") == ("samsung", "electronics")
    assert names.core_tokens("Samsung Electronics Co", "person") == ("samsung", "electronics", "co")


def test_core_tokens_drop_place_designator_only_for_places():
    assert names.core_tokens("Amur region", "place") == ("amur",)
    assert names.core_tokens("Amur region", "organization") == ("amur", "region")


@pytest.mark.parametrize(
    "spellings",
    [
        ("Qaddafi", "Kadhafi"),
        ("Aliyev", "Aliev"),
        ("Zelenskyy", "Zelensky", "Zelenskiy"),
        ("Yevgeny", "Evgeny"),
        ("Sergei", "Sergey"),
        ("Tchaikovsky", "Chaikovsky"),
    ],
)
def test_transliterations_share_one_skeleton(spellings):
    skeletons = {names.skeleton(names.fold(s)) for s in spellings}
    assert len(skeletons) == 1


def test_skeleton_collapses_doubled_letters():
    assert names.skeleton("mohammed") == "mohamed"
    assert names.skeleton("gaddafi") == "gadafi"


def test_skeleton_keeps_different_names_apart():
    assert names.skeleton("kharkiv") != names.skeleton("kherson")
    assert names.skeleton("lavrov") != names.skeleton("lavrova")


def test_phonetic_codes_meet_for_sound_alike_spellings():
    assert names.phonetic(names.skeleton("hifter")) == names.phonetic(names.skeleton("haftar"))
    assert names.phonetic(names.skeleton("muhammad")) == names.phonetic(names.skeleton("mohammed"))
    assert names.phonetic(names.skeleton("kharkiv")) == names.phonetic(names.skeleton("kharkov"))


def test_phonetic_leaves_numbers_and_short_tokens_alone():
    assert names.phonetic("12") == "12"
    assert names.phonetic("un") == "un"


def test_key_of_hyphen_and_space_variants_is_equal():
    a, b = names.key("Kim Jong-un", "person"), names.key("Kim Jong Un", "person")
    assert a.exact == b.exact == "kim jong un"
    assert a.skeletons == b.skeletons
    assert a.sound == b.sound


def test_key_of_given_name_variants_differs_only_in_exact():
    a, b = names.key("Yevgeny Prigozhin", "person"), names.key("Evgeny Prigozhin", "person")
    assert a.exact != b.exact
    assert a.skeletons == b.skeletons == ("evgeni", "prigojin")


@pytest.mark.parametrize(
    ("name", "letters"),
    [
        ("Paris Saint-Germain", "psg"),
        ("Libyan National Army", "lna"),
        ("Syrian Observatory for Human Rights", "sohr"),
        ("Économie Nationale", "en"),
        ("Rapid Support Forces", "rsf"),
    ],
)
def test_initials_of_capitalised_words_and_hyphen_parts(name, letters):
    assert names.initials(name) == letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [("LNA", True), ("P.S.G.", True), ("AT&T", True), ("SOHR", True), ("ECOWAS", True),
     ("A", False), ("ABCDEFGHI", False), ("Nato", False), ("N4", False), ("Hemedti", False)],
)
def test_is_acronym(text, expected):
    assert names.is_acronym(text) is expected


def test_person_parts_leave_titles_and_suffixes_out():
    assert names.person_parts("Martin Luther King Jr.") == names.person_parts("Dr Martin Luther King")
    assert names.person_parts("Martin Luther King")[0] == names.skeleton("king")


def test_person_parts_take_the_family_name_after_its_particles():
    family, given = names.person_parts("Luiz Inacio Lula da Silva")
    assert family == names.skeleton("silva")
    assert given.split() == [names.skeleton(w) for w in ("luiz", "inacio", "lula")]


def test_a_single_name_has_no_parts():
    assert names.person_parts("Madonna") is None
