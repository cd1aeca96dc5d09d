"""rank: final keyphrase lists per article (in the light of its topic) and per topic (c-TF-IDF)."""

from __future__ import annotations

import pytest

from generator.keyphrases import rank
from generator.model import Analysis, Keyphrase
from generator.settings import KeyphraseSettings


def analysis(article_id: str, *scored: tuple[str, float]) -> Analysis:
    return Analysis(article_id, (), (), (), tuple(Keyphrase(text, score) for text, score in scored), ())


def test_overlap_is_relative_to_the_shorter_phrase_and_uses_stems():
    assert rank.overlap(rank.phrase_stems("national mourning"), rank.phrase_stems("three days of national mourning")) == 1.0
    assert rank.overlap(rank.phrase_stems("rice exports"), rank.phrase_stems("export of rice")) == 1.0
    assert rank.overlap(rank.phrase_stems("fuel subsidy"), rank.phrase_stems("fuel prices")) == 0.5
    assert rank.overlap(rank.phrase_stems("cholera"), rank.phrase_stems("drought")) == 0.0
    assert rank.overlap(rank.phrase_stems(""), rank.phrase_stems("drought")) == 0.0


def test_mmr_drops_a_phrase_contained_in_one_already_chosen():
    scored = [("three days of national mourning", 1.0), ("national mourning", 0.9), ("state funeral", 0.5)]
    assert rank.mmr(scored, 3, KeyphraseSettings()) == ["three days of national mourning", "state funeral"]


def test_mmr_replaces_a_chosen_phrase_by_one_that_contains_it():
    scored = [("talks", 1.0), ("cholera", 0.95), ("Miami talks", 0.9), ("state funeral", 0.5)]
    assert rank.mmr(scored, 3, KeyphraseSettings()) == ["Miami talks", "cholera", "state funeral"]


def test_mmr_prefers_a_novel_phrase_over_a_redundant_one_of_equal_relevance():
    scored = [("cholera outbreak", 1.0), ("cholera cases", 0.8), ("contaminated wells", 0.8)]
    assert rank.mmr(scored, 2, KeyphraseSettings()) == ["cholera outbreak", "contaminated wells"]


def test_mmr_holds_at_most_max_names_names():
    scored = [("Kharkiv", 1.0), ("Zaporizhzhia", 0.95), ("Odesa", 0.9), ("Sumy", 0.85), ("power cuts", 0.2)]
    chosen = rank.mmr(scored, 5, KeyphraseSettings(max_names=2))
    assert chosen == ["Kharkiv", "Zaporizhzhia", "power cuts"]


def test_mmr_leaves_out_candidates_far_below_the_best():
    scored = [("drought", 1.0), ("famine", 0.9), ("people", rank.MIN_RELATIVE / 2)]
    assert rank.mmr(scored, 3, KeyphraseSettings()) == ["drought", "famine"]


def test_mmr_stops_at_count():
    scored = [("drought", 1.0), ("famine", 0.9), ("locusts", 0.8)]
    assert rank.mmr(scored, 2, KeyphraseSettings()) == ["drought", "famine"]


def test_per_article_moves_up_a_candidate_the_topic_shares():
    alone = analysis("a", ("rice exports", 1.0), ("monsoon rains", 0.9))
    other = analysis("b", ("monsoon rains", 0.8), ("farm loans", 0.7))
    lists = rank.per_article([alone, other], [(0, 1)], KeyphraseSettings())
    assert lists[0] == ("monsoon rains", "rice exports")
    assert lists[1] == ("monsoon rains", "farm loans")


def test_per_article_without_a_shared_topic_keeps_the_article_order():
    alone = analysis("a", ("rice exports", 1.0), ("monsoon rains", 0.9))
    other = analysis("b", ("monsoon rains", 0.8), ("farm loans", 0.7))
    lists = rank.per_article([alone, other], [(0,), (1,)], KeyphraseSettings())
    assert lists == [("rice exports", "monsoon rains"), ("monsoon rains", "farm loans")]


def test_per_article_caps_the_list():
    many = analysis("a", *[(word, 1.0 - i / 20) for i, word in enumerate(
        ["drought", "famine", "locusts", "camels", "wells", "herders", "prices", "remittances", "clinics", "boreholes", "sorghum"])])
    assert len(rank.per_article([many], [(0,)], KeyphraseSettings(per_article=4))[0]) == 4


def test_per_topic_prefers_what_sets_a_topic_apart():
    floods = [analysis("f1", ("said officials", 1.0), ("flood barriers", 0.7)), analysis("f2", ("said officials", 1.0), ("flood barriers", 0.7))]
    vote = [analysis("v1", ("said officials", 1.0), ("ballot boxes", 0.7))]
    lists = rank.per_topic([*floods, *vote], [(0, 1), (2,)], KeyphraseSettings())
    assert lists[0][0] == "flood barriers"
    assert lists[1][0] == "ballot boxes"
    assert lists[0] == ("flood barriers", "said officials")


def test_per_topic_shows_the_most_written_form():
    group = [analysis("a", ("Floods", 0.5)), analysis("b", ("floods", 0.5)), analysis("c", ("floods", 0.5))]
    assert rank.per_topic(group, [(0, 1, 2)], KeyphraseSettings()) == [("floods",)]


@pytest.mark.parametrize("function", [rank.per_article, rank.per_topic])
def test_lists_are_deterministic(function):
    analyses = [analysis("a", ("rice exports", 0.5), ("monsoon rains", 0.5)), analysis("b", ("monsoon rains", 0.5), ("farm loans", 0.5))]
    assert function(analyses, [(0, 1)], KeyphraseSettings()) == function(list(analyses), [(0, 1)], KeyphraseSettings())
