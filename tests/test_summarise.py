"""summarise: topic labels, key points, timeline and article summaries."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.evaluation.stories import stub_analyses
from generator.model import ActorIndex, Analysis, Article, Source
from generator.segment import segment
from generator.summarise import REDUNDANT_MAX, resolve_date, summarise
from generator.text import content_words
from generator.topics import cluster

REPO = Path(__file__).resolve().parent.parent
STORIES = REPO / "tests" / "fixtures" / "stories"


@pytest.fixture(scope="module")
def seeds(seed_articles):
    articles = seed_articles
    analyses, actors = stub_analyses(articles)
    groups = cluster(articles, analyses, actors)
    topics, summaries = summarise(articles, analyses, groups, actors, {}, [() for _ in groups])
    return articles, analyses, topics, summaries


def _jaccard(a: str, b: str) -> float:
    x, y = set(content_words(a)), set(content_words(b))
    return len(x & y) / len(x | y)


def test_seed_topics_labels_and_ids(seeds):
    _, _, topics, _ = seeds
    ukraine, bulgaria = topics
    assert ukraine.articles == ("000-e660eab01833a96a", "004-8c472709db10914e-1")
    assert ukraine.label.startswith("Ukraine")
    assert bulgaria.label.startswith("Bulgaria")
    assert len({t.id for t in topics}) == 2
    assert all(t.id == t.id.lower() and " " not in t.id for t in topics)


def test_seed_key_points_extractive_linked_and_non_redundant(seeds):
    articles, analyses, topics, _ = seeds
    sentences = {an.article_id: {" ".join(s.split()) for s in an.sentences} for an in analyses}
    for topic in topics:
        assert 3 <= len(topic.key_points) <= 5
        for kp in topic.key_points:
            assert kp.article_id in topic.articles
            assert kp.text in sentences[kp.article_id]
        for i, a in enumerate(topic.key_points):
            for b in topic.key_points[i + 1 :]:
                assert _jaccard(a.text, b.text) <= REDUNDANT_MAX
    ukraine = topics[0]
    assert len({kp.article_id for kp in ukraine.key_points}) == 2  # drawn from different articles


def test_seed_timeline_resolves_weekdays_newest_last(seeds):
    _, _, topics, _ = seeds
    ukraine = topics[0]
    dates = [e.date for e in ukraine.timeline]
    assert dates == sorted(dates)
    # "met Putin at the Kremlin on Tuesday" in an article of Saturday 6 December 2025.
    assert any(e.date == "2025-12-02" and "Tuesday" in e.text for e in ukraine.timeline)
    assert all(e.article_id in ukraine.articles for e in ukraine.timeline)
    bulgaria = topics[1]
    assert any(e.date == "2026-01-01" for e in bulgaria.timeline)  # "to the euro on Jan. 1"


def test_seed_article_summaries(seeds):
    articles, analyses, _, summaries = seeds
    assert set(summaries) == {a.id for a in articles}
    for an in analyses:
        summary = summaries[an.article_id]
        assert 2 <= len(summary) <= 3
        clean = [" ".join(s.split()) for s in an.sentences]
        positions = [clean.index(s) for s in summary]
        assert positions == sorted(positions)  # reading order


@pytest.mark.parametrize(
    "sentence, ref, expected",
    [
        ("Witkoff met Putin at the Kremlin on Tuesday.", "2025-12-06", "2025-12-02"),
        ("Officials will hold talks in Miami on Saturday.", "2025-12-06", "2025-12-06"),
        ("The leaders will meet on Monday.", "2025-12-06", "2025-12-08"),
        ("Ushakov said on Friday the meeting was cordial.", "2025-12-06", "2025-12-05"),
        ("They met last Saturday.", "2025-12-06", "2025-11-29"),
        ("Bulgaria switches to the euro on Jan. 1.", "2025-12-06", "2026-01-01"),
        ("The vote was held on 30 November.", "2025-12-06", "2025-11-30"),
        ("The minister resigned yesterday.", "2025-12-06", "2025-12-05"),
        ("Russia invaded on 24 February 2022.", None, "2022-02-24"),
        ("He spoke on Tuesday.", None, None),
        ("The plan was first drafted last month.", "2025-12-06", None),
    ],
)
def test_resolve_date(sentence, ref, expected):
    got = resolve_date(sentence, dt.date.fromisoformat(ref) if ref else None)
    assert (got.isoformat() if got else None) == expected


def _fixture_articles() -> tuple[list[Article], dict[str, str]]:
    expected = json.loads((STORIES / "expected.json").read_text(encoding="utf-8"))
    articles, gold = [], {}
    for name, entries in sorted(expected["sources"].items()):
        text = (STORIES / "sources" / name).read_text(encoding="utf-8")
        arts = segment(Source(name, text))
        for e in entries:
            pos = text.find(e["marker"])
            for a in arts:
                if a.start <= pos < a.end:
                    gold[a.id] = e["topic"]
        articles.extend(arts)
    return articles, gold


def test_labels_on_gold_sections_name_the_story():
    articles, gold = _fixture_articles()
    analyses, actors = stub_analyses(articles)
    sections: dict[str, list[str]] = {}
    for a in articles:
        sections.setdefault(gold[a.id], []).append(a.id)
    names = sorted(sections, key=lambda k: (-len(sections[k]), k))
    groups = [sections[k] for k in names]
    topics, summaries = summarise(articles, analyses, groups, actors, {}, [() for _ in groups])
    labels = dict(zip(names, (t.label for t in topics), strict=True))
    assert labels["ukraine-talks"].startswith("Ukraine")
    assert labels["bulgaria-crisis"].startswith("Bulgaria")
    assert "Gaza" in labels["gaza-ceasefire"]
    assert "Japan" in labels["japan-quake"]
    assert all(1 <= len(label.split()) <= 8 for label in labels.values())
    big = topics[0]
    assert len({kp.article_id for kp in big.key_points}) == len(big.key_points) == 5
    assert all(summaries[a.id] for a in articles)


def test_topic_actors_and_keyphrases_and_unique_ids():
    body = (
        "Floods hit the valley on Monday after two days of heavy rain. "
        "Rescue teams reached the village of Orla by boat. The river burst its banks near the old bridge."
    )
    arts = [
        Article(f"a{i}", f"a{i}.txt", 1, 0, len(body), "Floods hit valley", "2025-12-06", None, None, (), (body,))
        for i in range(2)
    ]
    analyses = [Analysis(a.id, tuple(body.split(". ")), (), (), ()) for a in arts]
    actors = ActorIndex((), by_article={"a0": ("orla", "river-agency"), "a1": ("river-agency",)})
    topics, _ = summarise(arts, analyses, [["a0"], ["a1"]], actors, {}, [["floods", "valley"], []])
    assert topics[0].id != topics[1].id
    assert topics[0].keyphrases == ("floods", "valley")
    assert topics[0].actors == ("orla", "river-agency")
    assert topics[0].timeline[0].date == "2025-12-01"


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@given(
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(WEEKDAYS),
    st.booleans(),
)
def test_weekday_resolves_within_a_week_and_to_that_weekday(ref, weekday, future):
    sentence = f"Officials {'will meet' if future else 'met'} in Geneva on {weekday}."
    got = resolve_date(sentence, ref)
    assert got is not None and got.strftime("%A") == weekday
    delta = (got - ref).days
    assert (0 <= delta < 7) if future else (-7 < delta <= 0)


def test_label_phrases_sharing_a_head_are_not_joined():
    from generator import summarise as sm

    assert sm._overlaps(["earthquake"], ["quake"])
    assert sm._overlaps(["rail", "strike"], ["strike"])
    assert not sm._overlaps(["flood"], ["landslide"])


def test_a_caption_taken_for_a_title_gives_no_label_phrases():
    from generator import summarise as sm
    from generator.model import Article

    def art(title):
        return Article(id="a", source="a.txt", part=1, start=0, end=1, title=title, date=None,
                       dateline=None, outlet=None, standfirst=(), paragraphs=("Body text.",))

    assert sm._title(art("The logo at the firm's offices in Cork. REUTERS/John Doe/File Photo")) == ""
    assert sm._title(art("Peru quake death toll rises")) == "Peru quake death toll rises"


def _art(id, title, paragraphs):
    return Article(id=id, source=f"{id}.txt", part=1, start=0, end=1, title=title, date=None,
                   dateline=None, outlet=None, standfirst=(), paragraphs=tuple(paragraphs))


def _an(id, mentions, sentences=("x",)):
    from generator.model import Mention

    ms = tuple(Mention(id, name, name, label, 0, sent) for name, label, sent in mentions)
    return Analysis(article_id=id, sentences=tuple(sentences), mentions=ms, quotes=(), keyphrases=())


def test_a_named_event_in_the_lead_labels_the_topic():
    from generator import summarise as sm

    arts = [_art("r1", "Kenyan wins in Lyon", ["Kenya's Mary Wanjiru won the Lyon Half Marathon on Sunday."])]
    ans = [_an("r1", [("Kenya", "GPE", 0), ("Lyon Half Marathon", "EVENT", 0), ("Mary Wanjiru", "PERSON", 0)])]
    assert sm._event([0], arts, ans) == "Lyon Half Marathon"
    ans_late = [_an("r1", [("Lyon Half Marathon", "EVENT", 5)])]
    assert sm._event([0], arts, ans_late) is None


def test_the_anchor_is_the_place_that_sets_the_topic_apart():
    from generator import summarise as sm

    arts = [
        _art("s1", "Chad truce talks open in Geneva", ["Talks on Chad opened in Geneva."]),
        _art("u1", "Peru and Chile talks in Geneva", ["Peru and Chile met in Geneva."]),
        _art("v1", "Geneva motor show", ["The show opened in Geneva."]),
    ]
    ans = [
        _an("s1", [("Chad", "GPE", 0), ("Geneva", "GPE", 0)]),
        _an("u1", [("Peru", "GPE", 0), ("Chile", "GPE", 0), ("Geneva", "GPE", 0)]),
        _an("v1", [("Geneva", "GPE", 0)]),
    ]
    groups = [[0], [1], [2]]
    spread = sm._entity_spread(groups, ans)
    assert sm._anchor([0], arts, ans, spread, len(groups))[0] == "Chad"
    assert sm._anchor([2], arts, ans, spread, len(groups))[0] == "Geneva"


def test_keyphrases_propose_noun_compounds_but_not_counted_units():
    from collections import Counter, defaultdict

    from generator import summarise as sm

    def stems(text):
        return set(content_words(text))

    cands = defaultdict(Counter)
    sm._add_keyphrase(cands, "rail strike", nouns=stems("rail strike"))
    sm._add_keyphrase(cands, "fair election", nouns=stems("election"))
    sm._add_keyphrase(cands, "dollars", nouns=stems("fine"), counted=stems("dollars"))
    keys = set(cands)
    assert " ".join(content_words("rail strike")) in keys
    assert " ".join(content_words("fair election")) not in keys
    assert " ".join(content_words("election")) in keys
    assert not keys & stems("dollars")
    assert sm._specificity("bank") < sm._specificity("bushfires") == 1.0


def test_a_place_named_only_to_locate_another_is_not_the_anchor():
    from generator import summarise as sm
    from generator.model import Mention

    body = "Residents of the Snowy Valley west of Canberra fled a bushfire."
    arts = [_art("f1", "Bushfire forces evacuations near Canberra", [body])]
    ms = (
        Mention("f1", "Snowy Valley", "Snowy Valley", "LOC", body.index("Snowy"), 0),
        Mention("f1", "Canberra", "Canberra", "GPE", body.index("Canberra"), 0),
    )
    ans = [Analysis(article_id="f1", sentences=(body,), mentions=ms, quotes=(), keyphrases=())]
    assert sm._anchor([0], arts, ans)[0] == "Snowy Valley"


def test_between_equal_places_the_one_the_lead_names_first_anchors():
    from generator import summarise as sm

    arts = [_art("z1", "Zambia truce talks open as fighting rages in Angola", ["x"])]
    ans = [_an("z1", [("Zambia", "GPE", 0), ("Angola", "GPE", 3)])]
    assert sm._anchor([0], arts, ans)[0] == "Zambia"
