"""The lead tagger: only the opening window of a text is tagged, and the tags land in the Doc."""

from __future__ import annotations

import pytest
import spacy

from generator import nlp
from generator.nlp.tagging import CoarseTags, UnsupportedRule
from tests.conftest import FIXTURES

SENTENCE = "Rescuers in Hatay pulled a teenager from the rubble of a collapsed building on Monday."  # 16 tokens


_LOAD = nlp.load


def tagger_pipeline():
    """The pipeline the `parse` fixture uses (nlp.load() without arguments)."""
    return _LOAD()


@pytest.fixture(scope="module")
def tagger(parse):
    return tagger_pipeline().get_pipe("lead_tagger")


def test_the_window_is_the_configured_number_of_tokens(tagger):
    assert tagger.max_tokens == nlp.TAGGED_TOKENS


def test_a_short_text_is_tagged_whole(parse):
    doc = parse("Ghana's cedi fell to a record low on Monday.")
    assert [t.pos_ for t in doc] == ["PROPN", "PART", "PROPN", "VERB", "ADP", "DET", "NOUN", "NOUN", "ADP", "PROPN", "PUNCT"]
    assert all(t.tag_ for t in doc)


def test_only_the_window_is_tagged_and_it_ends_at_a_sentence_end(parse, tagger):
    doc = parse(" ".join([SENTENCE] * 40))
    window = tagger._window(doc)
    assert len(doc) == 640
    assert window == 256  # 250 tokens carried on to the end of the 16th sentence (16 tokens each)
    assert doc[window].is_sent_start
    assert all(t.tag_ for t in doc[:window])
    assert not any(t.tag_ or t.pos_ for t in doc[window:])


@pytest.fixture(scope="module")
def model_with_ruler():
    """The model's tagger with its own attribute ruler: what the lead tagger must agree with."""
    return spacy.load(nlp.MODELS["en"], exclude=["parser", "ner", "senter", "lemmatizer"])


def test_tags_in_the_window_are_those_the_model_gives_the_window_alone(parse, tagger, model_with_ruler):
    doc = parse(" ".join([SENTENCE] * 40))
    window = tagger._window(doc)
    alone = model_with_ruler(doc[:window].as_doc())
    assert [(t.tag_, t.pos_) for t in doc[:window]] == [(t.tag_, t.pos_) for t in alone]


def test_coarse_tags_agree_with_the_attribute_ruler_on_news(parse, model_with_ruler):
    # the team's own week fixture, and the ruler's exceptions: pronouns tagged NN, subordinators
    # tagged IN, auxiliaries, spaces
    week = sorted((FIXTURES / "eval" / "week" / "articles").iterdir())[:12]
    texts = [*(path.read_text("utf-8") for path in week), "But that is something nobody saw,  she said.\n\nWhether it lasts , though, is unclear."]
    compared = 0
    for text in texts:
        doc = parse(text)
        window = doc[: doc.user_data[nlp.tagging.TAGGED]]
        expected = model_with_ruler(window.as_doc())
        assert [(t.text, t.pos_) for t in window] == [(t.text, t.pos_) for t in expected]
        compared += len(window)
    assert compared > 1000


def test_a_model_whose_rules_the_table_cannot_express_keeps_its_ruler(monkeypatch, model_with_ruler):
    def refuse(patterns):
        raise UnsupportedRule("a pattern tests ['SHAPE']")

    monkeypatch.setattr(nlp.tagging, "CoarseTags", refuse)
    lead = nlp.tagging.LeadTagger(nlp.MODELS["en"], nlp.TAGGED_TOKENS)
    assert lead.coarse is None and "attribute_ruler" in lead.tagger.pipe_names
    doc = lead(model_with_ruler.make_doc("But that is something nobody saw, she said."))
    assert [t.pos_ for t in doc] == [t.pos_ for t in model_with_ruler("But that is something nobody saw, she said.")]


def _rule(token: dict, pos: str) -> dict:
    return {"patterns": [[token]], "attrs": {"POS": pos, "MORPH": "_"}, "index": 0}


def test_a_later_rule_takes_precedence_as_in_the_ruler():
    table = CoarseTags([
        _rule({"TAG": "NN"}, "NOUN"),
        _rule({"TAG": "NN", "LOWER": {"IN": ["something", "nothing"]}}, "PRON"),
        _rule({"TAG": {"IN": ["IN", "RP"]}}, "ADP"),
    ])
    assert table.pos("NN", "record", False) == "NOUN"
    assert table.pos("NN", "nothing", False) == "PRON"
    assert table.pos("RP", "up", False) == "ADP"
    assert table.pos("VBD", "fell", False) is None


def test_rules_on_dependency_labels_or_other_attributes_are_left_out():
    table = CoarseTags([
        _rule({"TAG": "CC"}, "CCONJ"),
        _rule({"TAG": "CC", "LOWER": "but", "DEP": "advmod"}, "ADV"),  # never matches without the parser
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"MORPH": "NounType=Prop"}, "index": 0},  # sets no POS
    ])
    assert table.pos("CC", "but", False) == "CCONJ"
    assert table.pos("NNP", "ghana", False) is None


@pytest.mark.parametrize("rule", [
    {"patterns": [[{"LOWER": "new"}, {"LOWER": "york"}]], "attrs": {"POS": "PROPN"}, "index": 0},
    _rule({"TAG": "NN", "SHAPE": "Xxxx"}, "PROPN"),
    _rule({"TAG": {"NOT_IN": ["NN"]}}, "X"),
])
def test_a_rule_the_table_cannot_express_is_refused(rule):
    with pytest.raises(UnsupportedRule):
        CoarseTags([rule])


def test_batched_and_single_runs_tag_alike(parse, tagger, monkeypatch):
    monkeypatch.setattr(nlp, "load", lambda language="en": tagger_pipeline())  # reuse the session's model
    texts = ["Storm Daniel hit the Libyan city of Derna.", " ".join([SENTENCE] * 30)]
    batched = list(nlp.parse(texts))
    single = [parse(text) for text in texts]
    assert [[t.tag_ for t in doc] for doc in batched] == [[t.tag_ for t in doc] for doc in single]
