"""topics.build: headline, label, summary, highlights, key players, places and quotes of a topic."""

from __future__ import annotations

import pytest

from generator.clean import cohesion
from generator.model import Actor, ActorIndex, Analysis, Article, ArticleActors, QuoteRef, Sentence, TopicQuote
from generator.settings import TopicSettings
from generator.topics import build as topic_builder
from generator.topics import sentences as sentence_pool

WIRE = (
    "Floodwaters from two collapsed dams swept through Derna in eastern Libya, killing more than 5,000 people.",
    "Rescue teams from Egypt and Turkey searched the mud for survivors as thousands remained missing in Derna.",
    "He said the water came at night.",
    "Storm Daniel dumped record rain on the Jebel Akhdar mountains before the dams above Derna burst.",
    "The eastern government declared three days of national mourning for the victims of the flood.",
)
GULF = (
    "Thousands of people are missing in Derna after two dams burst during Storm Daniel, sending a wall of water through the city.",
    "Rescuers recovered more bodies from the sea off Derna on Thursday, and the death toll rose above 5,000.",
    "Aid from Egypt, Turkey and the United Arab Emirates arrived at Benghazi airport on Friday morning.",
    "Engineers had warned for years that the two dams above Derna needed urgent repairs.",
)
KOREA = (
    "The Bank of Korea kept its benchmark interest rate at 3.5 percent on Thursday as household debt kept rising.",
    "Governor Rhee Chang-yong said the central bank would watch property prices in Seoul before any cut.",
)


def article(id: str, title: str | None, paragraphs: tuple[str, ...]) -> Article:
    return Article(id=id, source=f"{id}.txt", part=1, start=0, end=1, title=title, date="2023-09-14", date_basis="input",
                   standfirst=(), paragraphs=paragraphs)


def analysis(a: Article) -> Analysis:
    made = ((Sentence(a.title, "title", 0),) if a.title else ()) + tuple(Sentence(p, "body", i) for i, p in enumerate(a.paragraphs))
    return Analysis(a.id, made, (), (), (), tuple(sorted(cohesion.counts(" ".join(a.paragraphs)).items())))


def person(id: str, name: str, *quotes: QuoteRef) -> Actor:
    return Actor(id=id, name=name, type="person", variants=(name,), articles=(), mentions=1, quotes=quotes)


def place(id: str, name: str) -> Actor:
    return Actor(id=id, name=name, type="place", variants=(name,), articles=(), mentions=1)


ARTICLES = [
    article("derna-gulf", None, GULF),
    article("derna-wire", "Libya floods: Derna death toll passes 5,000", WIRE),
    article("bok", "Bank of Korea holds key rate", KOREA),
]
ANALYSES = [analysis(a) for a in ARTICLES]
ACTORS = (
    place("derna", "Derna"),
    person("osama-hamad", "Osama Hamad",
           QuoteRef("derna-wire", "We have lost entire neighbourhoods to the sea", 2),
           QuoteRef("derna-gulf", "Help is coming", 1),
           QuoteRef("bok", "This quote belongs to another topic and must never appear in the Derna section", 1)),
    person("tarek-kharraz", "Tarek al-Kharraz", QuoteRef("derna-gulf", "The dams had not been maintained since 2002", 3)),
    Actor(id="storm-daniel", name="Storm Daniel", type="event", variants=("Storm Daniel",), articles=(), mentions=2),
    place("libya", "Libya"),
    Actor(id="bank-of-korea", name="Bank of Korea", type="organization", variants=("Bank of Korea",), articles=(), mentions=2),
    person("rhee-chang-yong", "Rhee Chang-yong", QuoteRef("bok", "Household debt remains the main risk to stability", 1)),
)
INDEX = ActorIndex(
    actors=ACTORS,
    by_article=(
        ArticleActors("derna-gulf", ("derna", "storm-daniel", "tarek-kharraz", "osama-hamad"), (4, 1, 1, 1)),
        ArticleActors("derna-wire", ("derna", "osama-hamad", "storm-daniel", "libya"), (3, 2, 1, 1)),
        ArticleActors("bok", ("bank-of-korea", "rhee-chang-yong"), (1, 1)),
    ),
)
GROUPS = [(0, 1), (2,)]
PHRASES = [("Storm Daniel", "dam collapse", "national mourning"), ("interest rate", "household debt")]


@pytest.fixture(scope="module")
def topics():
    return topic_builder.build(GROUPS, ARTICLES, ANALYSES, INDEX, PHRASES, TopicSettings())


def test_headline_is_the_title_of_the_central_titled_article(topics):
    assert topics[0].headline == "Libya floods: Derna death toll passes 5,000"
    assert topics[1].headline == "Bank of Korea holds key rate"


def test_without_any_title_the_headline_is_the_leading_summary_sentence():
    untitled = [article("derna-gulf", None, GULF)]
    topic = topic_builder.build([(0,)], untitled, [analysis(untitled[0])], INDEX, [()], TopicSettings())[0]
    assert topic.headline == topic.summary[0].rstrip(".")


def test_label_is_the_leading_place_and_the_first_phrase_without_a_name(topics):
    assert topics[0].label == "Derna dam collapse"
    assert topics[1].label == "Interest rate"
    assert [t.id for t in topics] == ["derna-dam-collapse", "interest-rate"]


def test_label_takes_a_phrase_with_a_name_when_every_phrase_has_one():
    topic = topic_builder.build([(2,)], ARTICLES, ANALYSES, INDEX, [("Bank of Korea", "Seoul markets")], TopicSettings())[0]
    assert topic.label == "Bank of Korea"


def test_label_falls_back_to_the_headline_cut_short():
    topic = topic_builder.build([(2,)], ARTICLES, ANALYSES, INDEX, [()], TopicSettings())[0]
    assert topic.label == "Bank of Korea holds key…"


def test_summary_has_two_sentences_that_stand_alone(topics):
    assert topics[0].summary == (GULF[0], WIRE[0])
    assert all(sentence_pool.stands_alone(s) for s in topics[0].summary)
    assert "He said the water came at night." not in topics[0].summary


@pytest.mark.parametrize("count", [3, 4, 5])
def test_highlights_follow_the_setting_and_never_repeat_the_summary(count):
    topic = topic_builder.build(GROUPS, ARTICLES, ANALYSES, INDEX, PHRASES, TopicSettings(highlights=count))[0]
    assert len(topic.highlights) == count
    assert not {h.text for h in topic.highlights} & set(topic.summary)


def test_highlights_point_at_their_sentence(topics):
    analyses = {a.article_id: a for a in ANALYSES}
    for highlight in topics[0].highlights:
        assert analyses[highlight.article_id].sentences[highlight.sentence].text == highlight.text
    assert {h.article_id for h in topics[0].highlights} <= {"derna-gulf", "derna-wire"}


def test_key_players_are_people_and_organisations_and_places_stand_apart(topics):
    assert topics[0].actors == ("osama-hamad", "storm-daniel", "tarek-kharraz")
    assert topics[0].places == ("derna", "libya")
    assert topics[1].actors == ("bank-of-korea", "rhee-chang-yong")
    assert topics[1].places == ()


def test_quotes_are_the_key_players_longest_from_the_topics_own_articles(topics):
    assert topics[0].quotes == (
        TopicQuote("osama-hamad", "We have lost entire neighbourhoods to the sea", "derna-wire"),
        TopicQuote("tarek-kharraz", "The dams had not been maintained since 2002", "derna-gulf"),
    )
    assert topics[1].quotes == (TopicQuote("rhee-chang-yong", "Household debt remains the main risk to stability", "bok"),)


def test_quotes_are_capped_by_the_setting():
    topic = topic_builder.build(GROUPS, ARTICLES, ANALYSES, INDEX, PHRASES, TopicSettings(quotes=1))[0]
    assert [q.speaker for q in topic.quotes] == ["osama-hamad"]


def test_topic_keeps_its_articles_keyphrases_and_timeline(topics):
    assert topics[0].articles == ("derna-gulf", "derna-wire")
    assert topics[0].keyphrases == PHRASES[0]
    assert [(e.date, e.article_id) for e in topics[0].timeline] == [
        ("2023-09-08", "derna-gulf"), ("2023-09-14", "derna-gulf"), ("2023-09-14", "derna-wire"),
    ]


def test_topics_with_the_same_label_get_distinct_ids():
    twice = topic_builder.build([(0,), (1,)], ARTICLES, ANALYSES, INDEX, [("dam collapse",), ("dam collapse",)], TopicSettings())
    assert [t.id for t in twice] == ["derna-dam-collapse", "derna-dam-collapse-2"]


def test_by_topic_maps_every_article(topics):
    assert topic_builder.by_topic(topics) == {"derna-gulf": "derna-dam-collapse", "derna-wire": "derna-dam-collapse", "bok": "interest-rate"}
