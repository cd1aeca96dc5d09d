"""salience: an article's actors ranked by mentions weighted by where they stand."""

from __future__ import annotations

from generator.actors import salience
from generator.actors.names import fold
from generator.model import Analysis, Mention, Sentence
from generator.settings import ActorSettings


def analysis(sentences: list[tuple[str, str]], mentions: list[tuple[str, int]]) -> Analysis:
    """sentences: (zone, text); mentions: (name, sentence index)."""
    made = tuple(Sentence(text, zone, 0) for zone, text in sentences)
    found = tuple(Mention(text=n, name=n, label="PERSON", sentence=s, zone=made[s].zone) for n, s in mentions)
    return Analysis("a", made, found, (), (), ())


SENTENCES = [("title", "Headline"), ("body", "Lead one."), ("body", "Lead two."), ("body", "Third."), ("body", "Fourth."), ("body", "Fifth.")]


def owner_of(*pairs: tuple[str, str]) -> dict[tuple[int, str], str]:
    return {(0, fold(name)): actor for name, actor in pairs}


def test_a_name_in_the_headline_outranks_a_name_named_twice_in_the_body():
    found = analysis(SENTENCES, [("Ruto", 0), ("Odinga", 3), ("Odinga", 4)])
    owner = owner_of(("Ruto", "william-ruto"), ("Odinga", "raila-odinga"))
    assert salience.main_actors([found], owner, ActorSettings()) == [(("william-ruto", "raila-odinga"), (1, 2))]


def test_the_lead_sentences_weigh_more_than_later_ones():
    found = analysis(SENTENCES, [("Diallo", 5), ("Kone", 1)])
    owner = owner_of(("Diallo", "amadou-diallo"), ("Kone", "fatou-kone"))
    assert salience.main_actors([found], owner, ActorSettings())[0][0] == ("fatou-kone", "amadou-diallo")


def test_ties_go_to_the_first_named():
    found = analysis(SENTENCES, [("Tran", 4), ("Pham", 3)])
    owner = owner_of(("Tran", "tran-thanh"), ("Pham", "pham-minh"))
    assert salience.main_actors([found], owner, ActorSettings())[0][0] == ("tran-thanh", "pham-minh")


def test_spellings_of_one_actor_add_up():
    found = analysis(SENTENCES, [("Kim Jong Un", 3), ("Kim Jong-un", 4), ("Yoon", 1)])
    owner = owner_of(("Kim Jong Un", "kim-jong-un"), ("Yoon", "yoon-suk-yeol"))
    assert salience.main_actors([found], owner, ActorSettings()) == [(("kim-jong-un", "yoon-suk-yeol"), (2, 1))]


def test_names_without_an_actor_are_not_listed():
    found = analysis(SENTENCES, [("Reuters", 0), ("Ruto", 3)])
    assert salience.main_actors([found], owner_of(("Ruto", "william-ruto")), ActorSettings()) == [(("william-ruto",), (1,))]


def test_at_most_max_per_article_actors():
    found = analysis(SENTENCES, [("Ana", 3), ("Ben", 3), ("Chidi", 3)])
    owner = owner_of(("Ana", "ana"), ("Ben", "ben"), ("Chidi", "chidi"))
    assert salience.main_actors([found], owner, ActorSettings(max_per_article=2))[0][0] == ("ana", "ben")


def test_one_entry_per_article_in_order():
    first = analysis(SENTENCES, [("Ruto", 3)])
    second = analysis(SENTENCES, [])
    owner = {(0, "ruto"): "william-ruto", (1, "ruto"): "william-ruto"}
    assert salience.main_actors([first, second], owner, ActorSettings()) == [(("william-ruto",), (1,)), ((), ())]
