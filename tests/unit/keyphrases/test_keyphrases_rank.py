"""rank: final keyphrase lists per article (in the light of its topic) and per topic (c-TF-IDF)."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


def reference_mmr(scored, count, settings):
    """MMR written plainly: every pool phrase's redundancy recomputed against every chosen phrase
    at every step, the best taken by (relevance - redundancy, phrase)."""
    top = max((score for _, score in scored[: rank.CANDIDATE_POOL]), default=1.0) or 1.0
    pool = [(p, s) for p, s in scored[: rank.CANDIDATE_POOL] if s >= rank.MIN_RELATIVE * top]
    relevance, diversity = settings.mmr_lambda, 1 - settings.mmr_lambda
    chosen: list[str] = []
    while pool and len(chosen) < count:
        def value(item):
            words = rank.phrase_stems(item[0])
            redundancy = max((rank._redundancy(words, rank.phrase_stems(c)) for c in chosen), default=0.0)
            return relevance * item[1] / top - diversity * redundancy, item[0]

        best, _ = pool.pop(max(range(len(pool)), key=lambda k: value(pool[k])))
        words = rank.phrase_stems(best)
        if any(words <= rank.phrase_stems(c) for c in chosen):
            continue
        if rank.is_name(best) and sum(map(rank.is_name, chosen)) >= settings.max_names:
            continue
        inside = [i for i, c in enumerate(chosen) if rank.phrase_stems(c) < words]
        if inside:
            chosen = [best if i == inside[0] else c for i, c in enumerate(chosen) if i not in inside[1:]]
        else:
            chosen.append(best)
    return chosen


# few words, so that phrases overlap, contain each other and tie
WORDS = st.sampled_from(["flood", "floods", "relief", "aid", "river", "Delta", "Mekong", "talks", "Miami"])
SCORES = st.one_of(st.sampled_from([0.2, 0.5, 1.0]), st.floats(0.01, 1.0))  # ties, and every shade between


def scored_lists(words, min_size, max_size):
    return st.lists(
        st.tuples(st.lists(words, min_size=1, max_size=3).map(" ".join), SCORES),
        min_size=min_size,
        max_size=max_size,
        unique_by=lambda item: item[0],
    ).map(lambda items: sorted(items, key=lambda item: (-item[1], item[0])))


SCORED = scored_lists(WORDS, 0, 40)


@given(SCORED, st.integers(1, 8), st.sampled_from([0.3, 0.7, 1.0]), st.integers(0, 2))
def test_mmr_chooses_what_plain_mmr_chooses(scored, count, mmr_lambda, max_names):
    settings = KeyphraseSettings(mmr_lambda=mmr_lambda, max_names=max_names)
    assert rank.mmr(scored, count, settings) == reference_mmr(scored, count, settings)


def long_topics(seed: int) -> list[list[tuple[str, float]]]:
    """Two or three topics of more phrases than mmr's pool, scores tying at its end."""
    rng = random.Random(seed)
    words = [*"abcdefghijklmnopqrstuvwxyz", "flood", "floods"]
    topics = []
    for _ in range(rng.randint(2, 3)):
        phrases = {" ".join(rng.sample(words, rng.randint(1, 2))) for _ in range(rng.randint(30, 45))}
        scored = [(phrase, rng.choice([0.25, 0.5, 1.0, rng.random()])) for phrase in sorted(phrases)]
        topics.append(sorted(scored, key=lambda item: (-item[1], item[0])))
    return topics


@pytest.mark.parametrize("count", [3, 30])
@pytest.mark.parametrize("seed", range(10))
def test_per_topic_lists_as_if_every_phrase_were_ranked(seed, count):
    topics = long_topics(seed)
    # one article per topic; the reference ranks every phrase of a topic before mmr takes the pool
    analyses = [analysis(f"a{i}", *scored) for i, scored in enumerate(topics)]
    groups = [[i] for i in range(len(topics))]
    settings = KeyphraseSettings(per_topic=count)
    # a phrase is shown in its most written form over all topics, the first written of equals
    written = Counter(p for scored in topics for p, _ in scored)
    spread = Counter(key for scored in topics for key in {rank.phrase_stems(p) for p, _ in scored})
    expected = []
    for scored in topics:
        merged: dict = {}
        for phrase, score in scored:
            merged.setdefault(rank.phrase_stems(phrase), []).append((phrase, score))
        weighted = [
            (max((p for p in written if rank.phrase_stems(p) == key), key=written.get), sum(s for _, s in items) * math.log(1 + len(topics) / spread[key]))
            for key, items in merged.items()
        ]
        weighted.sort(key=lambda item: (-item[1], item[0]))
        expected.append(tuple(rank.mmr(weighted, settings.per_topic, settings)))
    assert rank.per_topic(analyses, groups, settings) == expected
