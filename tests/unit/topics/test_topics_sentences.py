"""sentences: which sentences stand alone, and a diverse choice among the central ones."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.clean import cohesion
from generator.model import Analysis, Sentence
from generator.topics import sentences

ALONE = [
    "The Rapid Support Forces shelled El Fasher on Sunday, killing at least 30 people.",
    "Vietnam's central bank cut its refinancing rate by half a point on Thursday.",
    "Ukrainian air defences shot down 42 of 48 drones launched overnight, the air force said.",
]


@pytest.mark.parametrize("text", ALONE)
def test_a_full_news_sentence_stands_alone(text):
    assert sentences.stands_alone(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "He said the talks in Doha would resume after the holiday next week.",
        "She told the court in Lagos that she had never seen the contract.",
        "However, the ceasefire in Gaza collapsed within hours of being announced.",
        "There, rescuers found twelve survivors under the rubble of a school.",
        "Meanwhile the Bank of Korea held its key interest rate at 3.5 percent on Thursday.",
        "Its governor Rhee Chang-yong said inflation had slowed faster than expected this year.",
        "In addition, the army said it had shot down 12 drones over the Kursk region.",
    ],
)
def test_a_sentence_that_leans_on_the_one_before_does_not(text):
    assert sentences.stands_alone(text) is False


@pytest.mark.parametrize(
    "text",
    [
        '"We will rebuild every school in this province," the governor told reporters.',
        "“No child should walk ten kilometres to school,” said Amina Mohammed in Abuja.",
    ],
)
def test_a_quote_does_not_stand_alone(text):
    assert sentences.stands_alone(text) is False


@pytest.mark.parametrize(
    "text",
    [
        "Floods hit Hanoi.",
        "the ministry said prices of rice would be capped for three more months.",
        "The ministry said prices of rice would be capped for three more months",
        " ".join(["Officials said"] + ["many"] * 50) + ".",
    ],
)
def test_fragments_short_long_or_unfinished_sentences_do_not(text):
    assert sentences.stands_alone(text) is False


def test_a_three_word_dangling_opener_is_rejected():
    assert sentences.stands_alone("As a result, fuel queues stretched for kilometres across Lagos and Abuja on Monday.") is False


def test_existential_there_stands_alone():
    assert sentences.stands_alone("There were at least 40 people killed in the strike on the market in Sumy.") is True


def _analysis(*body: str, title: str = "Headline") -> Analysis:
    made = (Sentence(title, "title", 0), *(Sentence(text, "body", i) for i, text in enumerate(body)))
    return Analysis("a", made, (), (), (), tuple(sorted(cohesion.counts(" ".join(body)).items())))


STORY = (
    "The Rapid Support Forces shelled El Fasher on Sunday, killing at least 30 people in the main market.",
    "He said the shelling lasted for hours.",
    "Aid agencies said the last working hospital in the city had run out of oxygen and fuel.",
    "The Rapid Support Forces shelled El Fasher again on Sunday, killing at least 30 people at the market.",
    "Sudan's army has fought the paramilitary group since April 2023 in a war that displaced millions.",
)


def test_candidates_are_body_sentences_that_stand_alone_most_central_first():
    analysis = _analysis(*STORY)
    bag = Counter(dict(analysis.terms))
    found = sentences.candidates([0], [analysis], bag)
    assert {c.sentence for c in found} == {1, 3, 4, 5}
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert found[0].sentence == 1  # the lead, central and first


def test_diverse_skips_a_near_repeat_of_a_chosen_sentence():
    analysis = _analysis(*STORY)
    found = sentences.candidates([0], [analysis], Counter(dict(analysis.terms)))
    assert [c.sentence for c in found][:2] == [1, 4]  # the repeat is the second most central
    assert [c.sentence for c in sentences.diverse(found, 3)] == [1, 3, 5]
    assert [c.sentence for c in sentences.diverse(found, 4)] == [1, 3, 5]


def test_diverse_respects_sentences_already_taken():
    analysis = _analysis(*STORY)
    found = sentences.candidates([0], [analysis], Counter(dict(analysis.terms)))
    lead = [c for c in found if c.sentence == 1]
    chosen = sentences.diverse([c for c in found if c.sentence != 1], 3, taken=lead)
    assert 4 not in [c.sentence for c in chosen]


def _summary(analysis: Analysis) -> tuple[str, ...]:
    return tuple(analysis.sentences[i].text for i in sentences.article_summary(analysis.sentences, analysis.terms))


def test_article_summary_is_in_reading_order_and_at_most_three():
    assert _summary(_analysis(*STORY)) == (STORY[0], STORY[2], STORY[4])


def test_article_summary_opens_with_a_long_lead_and_then_its_most_central_sentences():
    lead = (
        "Russia launched its biggest air strike against Ukraine this month overnight, killing at least three people and "
        "injuring 17 others in the west of the country, President Volodymyr Zelensky said on Saturday, as his negotiators "
        "returned from a third day of talks with United States envoys in Miami on Friday."
    )
    assert sentences.MAX_WORDS < len(lead.split()) <= sentences.LEAD_MAX_WORDS
    summary = _summary(_analysis(lead, *STORY))
    assert summary[0] == lead and len(summary) == 3
    assert STORY[3] not in summary  # repeats a sentence already taken
