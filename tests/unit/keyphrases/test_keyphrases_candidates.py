"""candidates: noun phrases of the article's opening, scored as news."""

from __future__ import annotations

import pytest
from yake.data import DataCore

from generator.keyphrases import candidates
from generator.settings import KeyphraseSettings


def texts(analysis) -> list[str]:
    return [c.text for c in analysis.candidates]


def lowered(analysis) -> set[str]:
    return {c.text.lower() for c in analysis.candidates}


def words(analysis) -> set[str]:
    return {w.lower() for c in analysis.candidates for w in c.text.split()}


def test_noun_phrases_and_their_parts(analyse):
    found = analyse("President Bola Tinubu and Finance Minister Wale Edun announced new fuel subsidy payments on Monday.")
    assert {"new fuel subsidy payments", "fuel subsidy payments", "fuel subsidy", "subsidy payments"} <= set(texts(found))


def test_every_phrase_ends_on_a_noun(parse):
    doc = parse("Kenya's parliament quickly approved a controversial finance bill after a long and angry debate on new taxes.")
    spans = candidates.noun_phrases(list(doc), 5, "en")
    assert spans
    assert {doc[b - 1].pos_ for _, b in spans} <= {"NOUN", "PROPN"}
    assert {doc[a].pos_ for a, _ in spans} <= {"NOUN", "PROPN", "ADJ", "VERB"}


def test_verbs_adverbs_and_adjectives_alone_are_not_candidates(analyse):
    found = analyse("Kenya's parliament quickly approved a controversial finance bill after a long and angry debate on new taxes.",
                    title="Kenya parliament approves finance bill")
    assert not words(found) & {"approved", "approves", "quickly", "after", "on"}
    assert not lowered(found) & {"controversial", "long", "angry", "new"}
    assert {"finance bill", "angry debate", "new taxes"} <= lowered(found)


def test_no_phrase_starts_or_ends_with_a_date_word(analyse):
    found = analyse("Cholera cases rose sharply in Kano state on Monday in March, health workers said.")
    assert not words(found) & {"monday", "march"}


def test_no_phrase_holds_page_furniture(analyse):
    found = analyse("Health workers said the outbreak spread through contaminated wells in Kano.",
                    "Share this story on Facebook and subscribe to our newsletter.")
    assert not words(found) & {"share", "facebook", "newsletter", "subscribe"}
    assert "contaminated wells" in lowered(found)


def test_no_phrase_holds_a_listed_agency(analyse):
    found = analyse("Cholera cases rose in Kano, AFP reported, citing Reuters and Xinhua correspondents.")
    assert not words(found) & {"afp", "reuters", "xinhua"}


def test_no_phrase_holds_a_multi_word_agency(analyse):
    found = analyse("Al Jazeera said bread queues grew longer in Khan Younis as flour ran out.")
    assert not lowered(found) & {"al jazeera", "jazeera"}


def test_a_news_agency_named_as_such_is_not_a_candidate(analyse):
    found = analyse("The official IRNA news agency said Masoud Pezeshkian visited the damaged reactor site.")
    assert not words(found) & {"irna", "news", "agency"}
    assert "damaged reactor site" in lowered(found)


def test_a_participle_after_a_determiner_starts_a_phrase(analyse):
    found = analyse("Soldiers have evacuated thousands of residents from the flooded villages near Hai Phong.")
    assert "flooded villages" in lowered(found)
    assert not any(t.startswith("evacuated") for t in lowered(found))


def test_no_phrase_starts_with_an_amount(analyse):
    found = analyse("Tens of thousands of people marched in Sofia as hundreds of villagers fled the floods in Vidin.")
    assert not [t for t in lowered(found) if t.split()[0] in {"tens", "thousands", "hundreds"}]
    assert "villagers" in lowered(found)


def test_phrases_about_a_person_are_dropped(analyse):
    found = analyse("Prime Minister Pham Minh Chinh inspected the flooded dykes of Hanoi with Nguyen Van Thanh.")
    assert [t for t in lowered(found) if "chinh" in t] == []
    assert [t for t in lowered(found) if "thanh" in t] == []
    assert "flooded dykes" in lowered(found)


def test_a_phrase_ending_on_the_title_before_a_name_is_dropped(analyse):
    found = analyse("Protesters marched to the offices of the party of former Prime Minister Ilse Marquardt in Dresden.")
    assert [t for t in lowered(found) if t.endswith(("minister", "prime"))] == []
    assert "protesters" in lowered(found)


def test_no_phrase_begins_with_a_hyphen(analyse):
    found = analyse("A pro-government militia seized the town near Kidal after the semi-official Mehr News Agency said so.")
    assert [t for t in texts(found) if t.startswith("-")] == []


def test_a_word_capitalised_only_by_the_sentence_start_is_lower_cased(analyse):
    found = analyse("Rescuers pulled survivors from the rubble of Derna.")
    assert "rescuers" in texts(found)
    assert "Rescuers" not in texts(found)


def test_a_proper_noun_opening_the_headline_keeps_its_capital(analyse):
    found = analyse("The strike caused a fire at the plant, officials said.", title="Ukraine says drones hit Russian refinery")
    assert [t for t in texts(found) if t.lower() == "ukraine"] == ["Ukraine"]


def test_scores_are_best_first_unique_and_capped(analyse):
    found = analyse(
        "Floodwaters swept through the destroyed homes of Hai Phong, officials said. Soldiers evacuated thousands of residents. "
        "Rescue teams reached remote villages by boat. Power lines and water pipes were cut across the northern provinces.",
        title="Typhoon Yagi floods northern Vietnam",
    )
    scores = [c.score for c in found.candidates]
    assert scores == sorted(scores, reverse=True)
    assert len(texts(found)) == len(set(texts(found)))
    assert len(scores) <= candidates.MAX_CANDIDATES


def _score(analysis, phrase: str) -> float:
    return next(c.score for c in analysis.candidates if c.text.lower() == phrase)


def test_a_headline_phrase_scores_higher_than_the_same_phrase_in_the_body_only(analyse):
    body = ("Herders in Somaliland moved their camels north on Tuesday. Aid agencies warned that water prices had doubled. "
            "The drought has killed livestock across the region.")
    with_headline = analyse(body, title="Drought kills livestock in Somaliland")
    without = analyse(body, title="Herders move camels north in Somaliland")
    assert _score(with_headline, "drought") > _score(without, "drought")


def test_a_lead_phrase_scores_higher_than_the_same_phrase_late_in_the_body(analyse):
    filler = ("Officials in Mogadishu met donors on Tuesday to discuss the budget for the coming year and the cost of "
              "roads, schools, clinics and wells in the southern and central regions of the country, where many "
              "families depend on remittances sent home by relatives living abroad in Europe and the Gulf states.")
    early = analyse("Locust swarms destroyed sorghum fields near Baidoa.", filler)
    late = analyse(filler, "Locust swarms destroyed sorghum fields near Baidoa.")
    assert _score(early, "locust swarms") > _score(late, "locust swarms")


WORD_SCORE_TEXTS = [
    ("Floodwaters swept through the destroyed homes of Hai Phong, officials said. Soldiers evacuated thousands of "
     "residents from the flooded homes. Rescue teams reached remote villages by boat, and the floodwaters kept rising.", True),
    ("The the of and. A an in on at by.", False),  # stopwords only: YAKE scores no word
    ("", False),
]


@pytest.mark.parametrize(("text", "has_scored_words"), WORD_SCORE_TEXTS)
def test_a_word_scored_when_asked_has_the_score_yake_gives_it_up_front(text, has_scored_words):
    settings = KeyphraseSettings()
    eager = DataCore(text=text, stopword_set=set(candidates._stopwords("en")), config={"windows_size": settings.yake_window, "n": 1})
    eager.build_single_terms_features(features=None)
    lazy = candidates.WordScores(text, settings, "en")
    words = [*text.replace(".", " ").replace(",", " ").split(), "unseen", "Homes", "the"]
    scored = 0
    for word in reversed(words):  # asked in another order than the text's, some twice
        term = eager.get_term(word, save_non_seen=False)
        expected = None if term.stopword or term.tf == 0 else term.h
        assert lazy.score(word) == expected, word
        scored += expected is not None
    assert (scored > 0) is has_scored_words


def test_a_blank_document_has_no_candidates(parse):
    assert candidates.extract(parse(""), 0, KeyphraseSettings()) == ()


@pytest.mark.parametrize(("phrase", "expected"), [("Khan Younis", True), ("bread queues", False), ("Al Jazeera", True), ("", False)])
def test_is_name(phrase, expected):
    assert candidates.is_name(phrase) is expected
