"""recover: names the model found in some articles, recovered where it missed them in others."""

from __future__ import annotations

from generator.actors import recover
from generator.model import Analysis, Mention, Sentence


def analysis(article_id: str, sentences: list[str], mentions: list[tuple[str, str, int]]) -> Analysis:
    """mentions: (name, label, sentence index)."""
    made = tuple(Sentence(text, "body", i) for i, text in enumerate(sentences))
    found = tuple(Mention(text=n, name=n, label=label, sentence=s, zone="body") for n, label, s in mentions)
    return Analysis(article_id, made, found, (), (), ())


def names(found: Analysis) -> list[tuple[str, str, int]]:
    return [(m.name, m.label, m.sentence) for m in found.mentions]


def test_a_name_found_in_one_article_is_recovered_in_another():
    first = analysis("a", ["Coach Mikel Arteta praised Saka."], [("Mikel Arteta", "PERSON", 0), ("Saka", "PERSON", 0)])
    second = analysis("b", ["The match ended 2-0.", "Mikel Arteta's side are top."], [])
    assert names(recover.recover([first, second])[1]) == [("Mikel Arteta", "PERSON", 1)]


def test_the_label_read_most_often_wins():
    seen = [analysis(str(i), ["Harbour Freight Lines cut jobs."], [("Harbour Freight Lines", label, 0)]) for i, label in enumerate(["ORG", "ORG", "PERSON"])]
    missed = analysis("x", ["Shares in Harbour Freight Lines fell."], [])
    assert names(recover.recover([*seen, missed])[-1]) == [("Harbour Freight Lines", "ORG", 0)]


def test_a_name_inside_a_longer_name_is_not_recovered():
    first = analysis("a", ["Maria Okafor spoke."], [("Maria Okafor", "PERSON", 0)])
    second = analysis("b", ["The Maria Okafor Foundation gave money.", "Donor Ada Maria Okafor agreed."], [])
    assert names(recover.recover([first, second])[1]) == []


def test_a_news_source_is_never_recovered_as_an_actor():
    first = analysis("a", ["Daily Planet reported the strike."], [("Daily Planet", "SOURCE", 0)])
    second = analysis("b", ["Editors of Daily Planet met."], [("Daily Planet", "ORG", 0)])
    third = analysis("c", ["A Daily Planet poll was out."], [])
    assert names(recover.recover([first, second, third])[2]) == []


def test_a_mention_already_made_is_not_made_twice():
    first = analysis("a", ["Mikel Arteta spoke."], [("Mikel Arteta", "PERSON", 0)])
    second = analysis("b", ["Mikel Arteta said so."], [("Arteta", "PERSON", 0)])
    assert names(recover.recover([first, second])[1]) == [("Arteta", "PERSON", 0)]


def test_one_word_names_are_not_spread():
    first = analysis("a", ["Rice scored."], [("Rice", "PERSON", 0)])
    second = analysis("b", ["Rice prices rose. Rice is dear."], [])
    assert names(recover.recover([first, second])[1]) == []


def test_words_leave_off_only_a_closing_possessive():
    text = "Ana Lima's team met O'Neill’s aide and the Lima's-era staff"
    words = recover.BARE_WORD.findall(text)
    assert words == ["Ana", "Lima", "team", "met", "O'Neill", "aide", "and", "the", "Lima's-era", "staff"]
    spans = [match.span(1) for match in recover.BARE_WORD.finditer(text)]
    assert [text[start:end] for start, end in spans] == words


def test_a_name_is_recovered_as_written_when_a_possessive_closes_it():
    first = analysis("a", ["Ana Lima spoke."], [("Ana Lima", "PERSON", 0)])
    second = analysis("b", ["Ana Lima's team and O'Neill’s aide met."], [])
    assert names(recover.recover([first, second])[1]) == [("Ana Lima", "PERSON", 0)]
