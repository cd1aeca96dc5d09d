"""merge: every pass joins the spellings it is for and keeps apart the names it must not join."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.actors import merge
from generator.settings import ActorSettings


def name(id: int, article: int, text: str, kind: str, mentions: int = 3, aliases=(), forms=None) -> merge.Name:
    """A Name whose mentions come in the order of the specs (first and last at its id)."""
    return merge.Name(
        id=id, article=article, text=text, kind=kind, mentions=mentions,
        forms=Counter(forms or {text: mentions}), aliases=set(aliases), first=id, last=id,
    )


def names_of(specs) -> list[merge.Name]:
    """specs: (article, text, kind[, mentions[, aliases]]) tuples."""
    return [name(i, *spec) for i, spec in enumerate(specs)]


def grouped(groups) -> list[list[str]]:
    return sorted(sorted(f"{n.article}:{n.text}" for n in group) for group in groups)


def run_passes(specs, *passes) -> list[list[str]]:
    """The groups after only the given passes."""
    all_names = names_of(specs)
    state = merge.MergeState(all_names, merge.UnionFind(len(all_names)), ActorSettings())
    for rule in passes:
        rule(state)
    return grouped([[all_names[i] for i in members] for members in state.sets.groups().values()])


def run_all(specs) -> list[list[str]]:
    return grouped(merge.merge(names_of(specs), ActorSettings()))


# --- UnionFind ---------------------------------------------------------------------------------


def test_union_find_keeps_the_smallest_id_as_root():
    sets = merge.UnionFind(5)
    assert sets.union(4, 2) is True
    assert sets.union(2, 3) is True
    assert sets.union(3, 4) is False
    assert sets.find(4) == 2
    assert sets.groups() == {0: [0], 1: [1], 2: [2, 3, 4]}


def test_every_pass_is_listed_once_in_order():
    assert [rule.__name__ for rule in merge.PASSES] == [
        "local_short_forms", "same_spelling", "gazetteer_places", "stated_aliases", "same_core",
        "transliterations", "given_name_variants", "name_order", "acronyms", "short_forms", "sound_alike_in_context",
    ]
    assert all(rule.__doc__ for rule in merge.PASSES)


# --- local_short_forms ---------------------------------------------------------------------------


def test_local_short_forms_joins_a_surname_to_the_articles_full_name_and_takes_its_type():
    specs = [(0, "Ebrahim Raisi", "person"), (0, "Raisi", "organization", 1)]
    all_names = names_of(specs)
    state = merge.MergeState(all_names, merge.UnionFind(2), ActorSettings())
    merge.local_short_forms(state)
    assert state.sets.find(1) == 0
    assert all_names[1].kind == "person"


def test_local_short_forms_looks_only_inside_the_article():
    assert run_passes([(0, "Ebrahim Raisi", "person"), (1, "Raisi", "person")], merge.local_short_forms) == [
        ["0:Ebrahim Raisi"], ["1:Raisi"],
    ]


def test_local_short_forms_does_not_make_a_known_place_the_court_named_after_it():
    specs = [(0, "Seoul Central District Court", "organization"), (0, "Seoul", "place")]
    assert run_passes(specs, merge.local_short_forms) == [["0:Seoul"], ["0:Seoul Central District Court"]]


def test_local_short_forms_never_reads_an_acronym_as_a_short_form():
    specs = [(0, "Lee Nam-ah", "person"), (0, "LEE", "person")]
    assert run_passes(specs, merge.local_short_forms) == [["0:LEE"], ["0:Lee Nam-ah"]]


# --- same_spelling -------------------------------------------------------------------------------


def test_same_spelling_joins_accent_case_and_hyphen_variants():
    specs = [(0, "Nguyễn Văn Thanh", "person"), (1, "Nguyen Van Thanh", "person"), (2, "NGUYEN VAN THANH", "person"),
             (3, "Kim Jong-un", "person"), (4, "Kim Jong Un", "person")]
    assert run_passes(specs, merge.same_spelling) == [
        ["0:Nguyễn Văn Thanh", "1:Nguyen Van Thanh", "2:NGUYEN VAN THANH"],
        ["3:Kim Jong-un", "4:Kim Jong Un"],
    ]


def test_same_spelling_lets_a_weakly_attested_type_yield():
    specs = [(0, "Georgia", "place", 5), (1, "Georgia", "person", 1)]
    all_names = names_of(specs)
    state = merge.MergeState(all_names, merge.UnionFind(2), ActorSettings())
    merge.same_spelling(state)
    assert state.sets.find(1) == 0
    assert all_names[1].kind == "place"


def test_same_spelling_keeps_a_person_and_a_place_apart_on_strong_evidence():
    specs = [(0, "Georgia", "place", 5), (1, "Georgia", "person", 5)]
    assert run_passes(specs, merge.same_spelling) == [["0:Georgia"], ["1:Georgia"]]


def test_same_spelling_joins_organisation_and_place_labels_of_one_name():
    specs = [(0, "Kremlin", "organization", 4), (1, "Kremlin", "place", 3)]
    assert run_passes(specs, merge.same_spelling) == [["0:Kremlin", "1:Kremlin"]]


# --- gazetteer_places ----------------------------------------------------------------------------


def test_gazetteer_joins_the_spellings_of_one_city():
    specs = [(0, "Kyiv", "place"), (1, "Kiev", "place"), (2, "Marrakech", "place"), (3, "Marrakesh", "place")]
    assert run_passes(specs, merge.gazetteer_places) == [["0:Kyiv", "1:Kiev"], ["2:Marrakech", "3:Marrakesh"]]


def test_gazetteer_keeps_two_cities_and_people_apart():
    specs = [(0, "Kharkiv", "place"), (1, "Kherson", "place"), (2, "Kiev", "person"), (3, "Kyiv", "place")]
    assert run_passes(specs, merge.gazetteer_places) == [["0:Kharkiv"], ["1:Kherson"], ["2:Kiev"], ["3:Kyiv"]]


# --- stated_aliases ------------------------------------------------------------------------------


def test_stated_alias_joins_a_nickname_in_the_same_article():
    specs = [(0, "Mohamed Hamdan Dagalo", "person", 3, ["Hemedti"]), (0, "Hemedti", "place", 1)]
    assert run_passes(specs, merge.stated_aliases) == [["0:Hemedti", "0:Mohamed Hamdan Dagalo"]]


def test_stated_alias_joins_a_birth_name():
    specs = [
        (0, "Abdel Fattah al-Sisi", "person", 3, ["Abdel Fattah Saeed Hussein Khalil el-Sisi"]),
        (0, "Abdel Fattah Saeed Hussein Khalil el-Sisi", "person", 1),
    ]
    assert run_passes(specs, merge.stated_aliases) == [
        ["0:Abdel Fattah Saeed Hussein Khalil el-Sisi", "0:Abdel Fattah al-Sisi"],
    ]


def test_stated_alias_does_not_reach_into_another_article():
    specs = [(0, "Mohamed Hamdan Dagalo", "person", 3, ["Hemedti"]), (1, "Hemedti", "person")]
    assert run_passes(specs, merge.stated_aliases) == [["0:Mohamed Hamdan Dagalo"], ["1:Hemedti"]]


def test_stated_alias_refuses_an_acronym_that_does_not_fit_the_initials():
    specs = [(0, "Rapid Support Forces", "organization", 3, ["LNA"]), (0, "LNA", "organization")]
    assert run_passes(specs, merge.stated_aliases) == [["0:LNA"], ["0:Rapid Support Forces"]]


# --- same_core -----------------------------------------------------------------------------------


def test_same_core_sets_corporate_suffixes_and_particles_aside():
    specs = [(0, "Samsung Electronics Co", "organization"), (1, "Samsung Electronics", "organization"),
             (2, "al-Mismari", "person"), (3, "Mismari", "person")]
    assert run_passes(specs, merge.same_core) == [
        ["0:Samsung Electronics Co", "1:Samsung Electronics"], ["2:al-Mismari", "3:Mismari"],
    ]


def test_same_core_needs_compatible_types():
    specs = [(0, "Amur region", "place"), (1, "Amur", "person")]
    assert run_passes(specs, merge.same_core) == [["0:Amur region"], ["1:Amur"]]


# --- transliterations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Sergei Lavrov", "Sergey Lavrov"),
        ("Ilham Aliyev", "Ilham Aliev"),
        ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaiev"),
        ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Mohammed Deif", "Muhammad Deif"),
    ],
)
def test_transliterations_join_spellings_of_one_name(spellings):
    specs = [(i, text, "person") for i, text in enumerate(spellings)]
    assert run_passes(specs, merge.transliterations) == [[f"{i}:{t}" for i, t in enumerate(spellings)]]


def test_transliterations_join_full_names_of_the_docstring_example():
    specs = [(0, "Khalifa Hifter", "person"), (1, "Khalifa Haftar", "person")]
    assert run_passes(specs, merge.transliterations) == [["0:Khalifa Hifter", "1:Khalifa Haftar"]]


def test_bare_sound_alike_names_join_when_named_beside_the_same_actors():
    specs = [
        (0, "Hifter", "person"), (0, "Derna", "place"), (0, "Ossama Hamad", "person"),
        (1, "Haftar", "person"), (1, "Derna", "place"), (1, "Ossama Hamad", "person"),
    ]
    groups = run_passes(specs, merge.same_spelling, merge.sound_alike_in_context)
    assert ["0:Hifter", "1:Haftar"] in groups


def test_bare_sound_alike_names_in_different_stories_stay_apart():
    specs = [
        (0, "Martin", "person"), (0, "Paris", "place"), (0, "Renault", "organization"),
        (1, "Morton", "person"), (1, "Ohio", "place"), (1, "Boeing", "organization"),
    ]
    groups = run_passes(specs, merge.same_spelling, merge.sound_alike_in_context)
    assert ["0:Martin"] in groups and ["1:Morton"] in groups


@pytest.mark.parametrize(
    "spellings",
    [
        ("Sergei Lavrov", "Anna Lavrova"),
        ("Kim Jong Un", "Kim Jong Il"),
        ("Lee Jae-myung", "Lee Jae-yong"),
        ("Mohammed bin Salman", "Mohammed bin Rashid"),
    ],
)
def test_transliterations_keep_relatives_and_namesakes_apart(spellings):
    specs = [(i, text, "person") for i, text in enumerate(spellings)]
    assert run_passes(specs, merge.transliterations) == [[f"{i}:{t}"] for i, t in enumerate(spellings)]


def test_transliterations_join_across_a_type_that_is_only_the_recognisers_guess():
    specs = [(0, "Sergei Lavrov", "person"), (1, "Sergey Lavrov", "organization")]
    assert run_passes(specs, merge.transliterations) == [["0:Sergei Lavrov", "1:Sergey Lavrov"]]


def test_transliterations_keep_two_sure_types_apart():
    all_names = names_of([(0, "Santa Rosa", "place"), (1, "Santa Roza", "person")])
    all_names[0].located, all_names[1].titled = True, True
    state = merge.MergeState(all_names, merge.UnionFind(2), ActorSettings())
    merge.transliterations(state)
    assert state.sets.find(1) == 1


# --- name_order ----------------------------------------------------------------------------------


def test_given_name_variants_join_one_given_name_spelt_two_ways():
    specs = [(0, "Aleksandr Petrov", "person"), (1, "Alexander Petrov Jr.", "person"), (2, "Ihor Kovalenko", "person"), (3, "Igor Kovalenko", "person")]
    assert run_passes(specs, merge.given_name_variants) == [
        ["0:Aleksandr Petrov", "1:Alexander Petrov Jr."],
        ["2:Ihor Kovalenko", "3:Igor Kovalenko"],
    ]


def test_given_name_variants_keep_two_people_of_one_family_apart():
    specs = [(0, "Tomas Varga", "person"), (1, "Ilona Varga", "person")]
    assert run_passes(specs, merge.given_name_variants) == [["0:Tomas Varga"], ["1:Ilona Varga"]]


def test_name_order_joins_family_name_first_and_given_name_first():
    specs = [(0, "Kim You-jin", "person"), (1, "You Jin Kim", "person")]
    assert run_passes(specs, merge.name_order) == [["0:Kim You-jin", "1:You Jin Kim"]]


def test_name_order_joins_a_western_initial_with_the_korean_name():
    specs = [(0, "Jay Y. Lee", "person"), (1, "Lee Jae-yong", "person"), (2, "Lee Kun-hee", "person")]
    assert run_passes(specs, merge.name_order) == [["0:Jay Y. Lee", "1:Lee Jae-yong"], ["2:Lee Kun-hee"]]


def test_name_order_keeps_father_and_son_apart():
    specs = [(0, "Lee Jae-yong", "person"), (1, "Lee Kun-hee", "person")]
    assert run_passes(specs, merge.name_order) == [["0:Lee Jae-yong"], ["1:Lee Kun-hee"]]


def test_name_order_is_only_for_people():
    specs = [(0, "Kim You-jin", "person"), (1, "You Jin Kim", "organization")]
    assert run_passes(specs, merge.name_order) == [["0:Kim You-jin"], ["1:You Jin Kim"]]


# --- acronyms ------------------------------------------------------------------------------------


def test_acronym_joins_the_one_long_form_it_spells():
    specs = [(0, "Paris Saint-Germain", "organization"), (1, "PSG", "organization"),
             (2, "Syrian Observatory for Human Rights", "organization"), (3, "SOHR", "organization")]
    assert run_passes(specs, merge.acronyms) == [
        ["0:Paris Saint-Germain", "1:PSG"], ["2:Syrian Observatory for Human Rights", "3:SOHR"],
    ]


def test_acronym_with_two_possible_long_forms_stays_alone():
    specs = [(0, "Paris Saint-Germain", "organization"), (1, "Pakistan Stock Gazette", "organization"), (2, "PSG", "organization")]
    assert run_passes(specs, merge.acronyms) == [["0:Paris Saint-Germain"], ["1:Pakistan Stock Gazette"], ["2:PSG"]]


# --- short_forms ---------------------------------------------------------------------------------


def test_short_form_joins_the_one_full_name_across_the_digest():
    specs = [(0, "Khalifa Haftar", "person"), (1, "Haftar", "person"), (2, "Xi Jinping", "person"), (3, "Xi", "person")]
    assert run_passes(specs, merge.short_forms) == [["0:Khalifa Haftar", "1:Haftar"], ["2:Xi Jinping", "3:Xi"]]


def test_short_form_shared_by_two_people_stays_alone():
    specs = [(0, "Rahul Gandhi", "person"), (1, "Sonia Gandhi", "person"), (2, "Gandhi", "person")]
    assert run_passes(specs, merge.short_forms) == [["0:Rahul Gandhi"], ["1:Sonia Gandhi"], ["2:Gandhi"]]


def test_short_form_in_the_article_takes_the_articles_most_named_person():
    specs = [(0, "Rahul Gandhi", "person", 2), (0, "Sonia Gandhi", "person", 5), (0, "Gandhi", "person", 1)]
    assert run_passes(specs, merge.short_forms) == [["0:Gandhi", "0:Sonia Gandhi"], ["0:Rahul Gandhi"]]


def test_short_form_needs_a_compatible_type():
    specs = [(0, "Khalifa Haftar", "person"), (1, "Haftar", "organization")]
    assert run_passes(specs, merge.short_forms) == [["0:Khalifa Haftar"], ["1:Haftar"]]


def test_short_form_of_a_place_with_a_connector_is_not_its_last_word():
    specs = [(0, "Port of Sudan", "place"), (1, "Sudan", "place")]
    assert run_passes(specs, merge.short_forms) == [["0:Port of Sudan"], ["1:Sudan"]]


# --- the whole merge: spellings that must merge ---------------------------------------------------


def test_merge_joins_gaddafi_spellings_once_a_full_name_is_written():
    specs = [(0, "Muammar Gaddafi", "person"), (1, "Muammar Qaddafi", "person"), (2, "Kadhafi", "person"), (3, "Gaddafi", "person")]
    assert run_all(specs) == [["0:Muammar Gaddafi", "1:Muammar Qaddafi", "2:Kadhafi", "3:Gaddafi"]]


def test_merge_joins_bare_gaddafi_spellings_from_three_outlets():
    specs = [
        (article, spelling, "person") for article, spelling in enumerate(("Gaddafi", "Qaddafi", "Kadhafi"))
    ] + [(article, place, "place") for article in range(3) for place in ("Libya", "Tripoli", "Benghazi")]
    assert ["0:Gaddafi", "1:Qaddafi", "2:Kadhafi"] in run_all(specs)


def test_merge_joins_sisi_with_and_without_the_arabic_article():
    specs = [(0, "Abdel Fattah al-Sisi", "person"), (1, "el-Sisi", "person"), (2, "Sisi", "person"), (3, "Al-Sisi", "person")]
    assert run_all(specs) == [["0:Abdel Fattah al-Sisi", "1:el-Sisi", "2:Sisi", "3:Al-Sisi"]]


def test_merge_joins_yev_and_iev_endings():
    specs = [(0, "Kassym-Jomart Tokayev", "person"), (1, "Kassym-Jomart Tokaiev", "person"), (2, "Tokayev", "person")]
    assert run_all(specs) == [["0:Kassym-Jomart Tokayev", "1:Kassym-Jomart Tokaiev", "2:Tokayev"]]


def test_merge_joins_korean_name_orders_and_hyphenation():
    specs = [(0, "Kim Jong-un", "person"), (1, "Kim Jong Un", "person"), (2, "Kim You-jin", "person"), (3, "You Jin Kim", "person")]
    assert run_all(specs) == [["0:Kim Jong-un", "1:Kim Jong Un"], ["2:Kim You-jin", "3:You Jin Kim"]]


def test_merge_joins_an_acronym_stated_after_its_long_form():
    specs = [
        (0, "Economic Community of West African States", "organization", 2, ["ECOWAS"]),
        (0, "ECOWAS", "organization"),
        (1, "ECOWAS", "organization"),
    ]
    assert run_all(specs) == [["0:ECOWAS", "0:Economic Community of West African States", "1:ECOWAS"]]


def test_merge_joins_surname_only_mentions_behind_titles_to_the_full_name():
    specs = [(0, "Bola Tinubu", "person"), (1, "Tinubu", "person", 2, (), {"Mr Tinubu": 2}),
             (2, "Tinubu", "person", 1, (), {"President Tinubu": 1})]
    assert run_all(specs) == [["0:Bola Tinubu", "1:Tinubu", "2:Tinubu"]]


# --- the whole merge: names that must stay apart -------------------------------------------------


@pytest.mark.parametrize(
    "specs",
    [
        pytest.param([(0, "Kim Jong Un", "person"), (1, "Kim Yo Jong", "person")], id="siblings-sharing-surname"),
        pytest.param([(0, "Rahul Gandhi", "person"), (1, "Sonia Gandhi", "person")], id="indian-surname"),
        pytest.param([(0, "Lee Jae-yong", "person"), (1, "Lee Kun-hee", "person")], id="father-and-son"),
        pytest.param([(0, "Nguyen Phu Trong", "person"), (1, "Nguyen Xuan Phuc", "person")], id="vietnamese-surname"),
        pytest.param([(0, "Olena Zelenska", "person"), (1, "Volodymyr Zelensky", "person")], id="spouses"),
        pytest.param([(0, "Jordan", "place", 5), (1, "Michael Jordan", "person", 5)], id="person-and-place-share-a-word"),
        pytest.param([(0, "Liberal Democratic Party", "organization"), (1, "Democratic Party", "organization")], id="party-inside-party"),
        pytest.param([(0, "Pakistan Muslim League", "organization"), (1, "Pakistan Muslim League-Nawaz", "organization")], id="party-faction"),
        pytest.param([(0, "African National Congress", "organization"), (1, "National Congress", "organization")], id="congress"),
    ],
)
def test_merge_keeps_different_actors_apart(specs):
    assert run_all(specs) == sorted([f"{spec[0]}:{spec[1]}"] for spec in specs)


def test_merge_is_deterministic():
    specs = [(0, "Khalifa Haftar", "person"), (1, "Haftar", "person"), (2, "LNA", "organization"),
             (2, "Libyan National Army", "organization"), (3, "Tripoli", "place"), (4, "Tripoli", "place")]
    assert run_all(specs) == run_all(specs)


# --- blocking keeps the merge near-linear ---------------------------------------------------------


def _digest_names(articles: int) -> list[merge.Name]:
    """Names of a digest where the same cast recurs in every article (the hard case for blocking)."""
    cast = [("Kim Jong Un", "person"), ("Kim", "person"), ("Seoul", "place"), ("United Nations", "organization"),
            ("UN", "organization"), ("Yonhap Reporter Park", "person")]
    found = []
    for article in range(articles):
        for text, kind in cast:
            found.append(name(len(found), article, text, kind, 2))
    return found


def _finds_per_pass(articles: int, monkeypatch) -> dict[str, int]:
    """How many union-find look-ups (one per candidate compared) each pass makes."""
    calls = {"n": 0}
    real_find = merge.UnionFind.find

    def counting_find(self, item):
        calls["n"] += 1
        return real_find(self, item)

    monkeypatch.setattr(merge.UnionFind, "find", counting_find)
    all_names = _digest_names(articles)
    state = merge.MergeState(all_names, merge.UnionFind(len(all_names)), ActorSettings())
    counts = {}
    for rule in merge.PASSES:
        calls["n"] = 0
        rule(state)
        counts[rule.__name__] = calls["n"]
    monkeypatch.setattr(merge.UnionFind, "find", real_find)
    return counts


@pytest.mark.parametrize("rule", [rule.__name__ for rule in merge.PASSES])
def test_candidate_comparisons_grow_linearly_with_recurring_names(rule, monkeypatch):
    small, large = _finds_per_pass(60, monkeypatch)[rule], _finds_per_pass(120, monkeypatch)[rule]
    assert large <= 2.2 * max(small, 1)


def test_explain_logs_each_join_with_the_pass_that_made_it(caplog):
    all_names = names_of([(0, "Khalifa Haftar", "person"), (1, "Haftar", "person"), (2, "Kim Jong-un", "person"), (3, "Kim Jong Un", "person")])
    with caplog.at_level("DEBUG", logger="generator.actors.merge"):
        merge.merge(all_names, ActorSettings(), explain="haftar")
    assert [r.getMessage() for r in caplog.records] == ["merge (short form): 'Haftar' + 'Khalifa Haftar'"]
