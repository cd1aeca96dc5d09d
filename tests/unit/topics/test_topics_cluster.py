"""cluster: reports of one story group together, different stories stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import actors
from generator.analyse import analyse_batch
from generator.model import Analysis, Article, Mention
from generator.settings import ActorSettings, Settings, TopicSettings
from generator.topics import cluster

STORIES = {
    "derna-wire": ("Libya floods: Derna death toll passes 5,000", (
        "Floodwaters from two collapsed dams swept through Derna in eastern Libya, killing more than 5,000 people, officials said on Wednesday.",
        "Rescue teams from Egypt and Turkey searched the mud for survivors as thousands remained missing in the coastal city.",
        "Storm Daniel dumped record rain on the Jebel Akhdar mountains before the dams above Derna burst.")),
    "derna-gulf": ("Thousands missing after dams burst in Derna", (
        "Thousands of people are missing in Derna after two dams burst during Storm Daniel, sending a wall of water through the city.",
        "Rescuers recovered more bodies from the sea and the mud on Thursday, and the death toll rose above 5,000.",
        "Aid from Egypt, Turkey and the United Arab Emirates arrived at Benghazi airport.")),
    "bok-seoul": ("Bank of Korea holds key rate at 3.5 percent", (
        "The Bank of Korea kept its benchmark interest rate at 3.5 percent on Thursday, as inflation slowed and household debt kept rising.",
        "Governor Rhee Chang-yong said the central bank would watch property prices in Seoul before any cut.",
        "Economists polled by Yonhap had expected the rate to stay unchanged.")),
    "bok-herald": ("Central bank keeps rates on hold amid household debt worries", (
        "South Korea's central bank left interest rates unchanged at 3.5 percent, citing rising household debt and housing prices in Seoul.",
        "Bank of Korea Governor Rhee Chang-yong told reporters that inflation was slowing but debt remained a risk.",
        "Most economists expect the first rate cut later this year.")),
    "sochi-grain": ("Putin and Erdogan discuss Black Sea grain deal in Sochi", (
        "Vladimir Putin and Recep Tayyip Erdogan met in Sochi on Monday to discuss reviving the Black Sea grain deal.",
        "Putin said Russia would return to the grain corridor only if Western sanctions on its fertiliser exports were eased.",
        "Erdogan urged Putin to let Ukrainian wheat ships sail to Istanbul again.")),
    "astana-gas": ("Putin and Erdogan agree on Turkish gas hub", (
        "Vladimir Putin and Recep Tayyip Erdogan agreed in Astana to build a natural gas hub in Turkey for Russian pipeline exports.",
        "Erdogan said the hub in Thrace would let Gazprom sell gas to southern Europe through the TurkStream pipeline.",
        "Putin said the price of gas at the hub would be set by the market.")),
}


@pytest.fixture(scope="module")
def prepared():
    articles = [
        Article(id=i, source=f"{i}.txt", part=1, start=0, end=1, title=t, date=None, date_basis=None, standfirst=(), paragraphs=p)
        for i, (t, p) in STORIES.items()
    ]
    analyses = analyse_batch(articles, Settings())
    index = actors.build(articles, analyses, ActorSettings())
    return articles, analyses, index.by_article


def groups_of(prepared, ids=None, settings: TopicSettings = TopicSettings()) -> list[list[str]]:
    articles, analyses, by_article = prepared
    keep = [i for i, a in enumerate(articles) if ids is None or a.id in ids]
    chosen = [articles[i] for i in keep]
    found = cluster.cluster(chosen, [analyses[i] for i in keep], [by_article[i] for i in keep], settings)
    return [[chosen[i].id for i in group] for group in found]


def test_two_outlets_on_one_story_group_together(prepared):
    assert groups_of(prepared, {"derna-wire", "derna-gulf"}) == [["derna-wire", "derna-gulf"]]
    assert groups_of(prepared, {"bok-seoul", "bok-herald"}) == [["bok-seoul", "bok-herald"]]


def test_different_stories_stay_apart(prepared):
    assert groups_of(prepared, {"derna-wire", "bok-seoul", "sochi-grain"}) == [["derna-wire"], ["bok-seoul"], ["sochi-grain"]]


def test_groups_are_biggest_first_then_by_first_article(prepared):
    assert groups_of(prepared, {"derna-wire", "derna-gulf", "bok-seoul", "bok-herald"}) == [
        ["derna-wire", "derna-gulf"], ["bok-seoul", "bok-herald"],
    ]
    assert groups_of(prepared, {"bok-seoul", "derna-wire", "derna-gulf"}) == [["derna-wire", "derna-gulf"], ["bok-seoul"]]


@pytest.mark.xfail(strict=True, reason="BUG/limitation: the same two leaders in two different events (grain deal in Sochi, gas hub in Astana) "
                   "merge into one topic: shared cast and names outweigh the different words")
def test_same_actors_in_a_different_event_stay_apart(prepared):
    assert groups_of(prepared, {"sochi-grain", "astana-gas"}) == [["sochi-grain"], ["astana-gas"]]


def test_lsa_neighbours_give_the_same_groups_as_exact_cosines(prepared):
    assert groups_of(prepared, settings=TopicSettings(exact_max=2)) == groups_of(prepared)


def test_no_articles_no_groups():
    assert cluster.cluster([], [], [], TopicSettings()) == ()


def test_clustering_is_deterministic(prepared):
    assert groups_of(prepared) == groups_of(prepared)


# --- average_linkage on hand-made vectors ----------------------------------------------------------


def test_average_linkage_needs_the_mean_not_the_best_pair():
    # 0 ~ 1 (0.6) and 1 ~ 2 (0.8), but 0 and 2 share nothing: the mean of {1, 2} with 0 is 0.3.
    vectors = [{0: 1.0}, {0: 0.6, 1: 0.8}, {1: 1.0}]
    pairs = [(0, 1, 0.6), (1, 2, 0.8)]
    assert cluster.average_linkage(3, pairs, vectors, TopicSettings(link_min=0.4)) == [[1, 2], [0]]
    assert cluster.average_linkage(3, pairs, vectors, TopicSettings(link_min=0.25)) == [[0, 1, 2]]


def test_entity_gate_keeps_apart_similar_words_with_a_different_cast():
    words = [{0: 1.0}, {0: 1.0}]
    assert cluster.average_linkage(2, [(0, 1, 0.9)], words, TopicSettings(), [{1: 1.0}, {2: 1.0}]) == [[0], [1]]
    assert cluster.average_linkage(2, [(0, 1, 0.9)], words, TopicSettings(), [{1: 1.0}, {1: 1.0}]) == [[0, 1]]


def test_an_article_that_names_no_one_is_not_held_back_by_the_gate():
    words = [{0: 1.0}, {0: 1.0}]
    assert cluster.average_linkage(2, [(0, 1, 0.9)], words, TopicSettings(), [{1: 1.0}, {}]) == [[0, 1]]


def test_pairs_below_the_threshold_never_merge():
    assert cluster.average_linkage(2, [(0, 1, 0.05)], [{0: 1.0}, {1: 1.0}], TopicSettings()) == [[0], [1]]


def test_nationality_words_count_for_their_country_and_faiths_for_none():
    mentions = tuple(Mention(word, word, "NORP", 0, "body") for word in ("Greek", "Muslim", "Christians", "Greek"))
    assert cluster.nationality_terms(Analysis("a", (), mentions, (), (), ())) == ["c:Greece", "c:Greece"]


def test_pair_cosines_in_chunks_are_the_cosines_of_all_pairs_at_once(monkeypatch):
    import numpy as np
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    x = normalize(sp.random(300, 80, density=0.1, format="csr", random_state=1))
    rows = np.repeat(np.arange(300), 5)
    cols = np.random.default_rng(2).integers(0, 300, size=len(rows))
    whole = np.asarray(x[rows].multiply(x[cols]).sum(axis=1)).ravel()
    monkeypatch.setattr(cluster, "PAIR_CHUNK", 97)
    assert np.array_equal(cluster._pair_cosines(x, rows, cols), whole)


def test_the_lsa_neighbour_search_finds_the_same_pairs_in_small_blocks(monkeypatch):
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    x = normalize(sp.random(400, 120, density=0.08, format="csr", random_state=3))
    settings = TopicSettings(exact_max=10)
    whole, _ = cluster._candidate_pairs(x, settings)
    monkeypatch.setattr(cluster, "NEIGHBOUR_BLOCK_MB", 0.01)  # a few rows per block
    assert cluster._candidate_pairs(x, settings)[0] == whole
    assert whole


_sparse = st.dictionaries(st.integers(0, 40), st.floats(0, 1, allow_nan=False), max_size=30)


@given(_sparse, _sparse)
def test_the_sparse_dot_product_is_the_sum_over_every_shared_term(a, b):
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    assert cluster._dot(a, b) == sum(v * larger.get(k, 0.0) for k, v in smaller.items())
