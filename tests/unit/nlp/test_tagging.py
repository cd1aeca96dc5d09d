"""The lead tagger: only the opening window of a text is tagged, and the tags land in the Doc."""

from __future__ import annotations

import pytest

from generator import nlp

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


def test_tags_in_the_window_are_those_the_tagger_gives_the_window_alone(parse, tagger):
    doc = parse(" ".join([SENTENCE] * 40))
    window = tagger._window(doc)
    alone = tagger.tagger(doc[:window].as_doc())
    assert [(t.tag_, t.pos_) for t in doc[:window]] == [(t.tag_, t.pos_) for t in alone]


def test_batched_and_single_runs_tag_alike(parse, tagger, monkeypatch):
    monkeypatch.setattr(nlp, "load", lambda language="en": tagger_pipeline())  # reuse the session's model
    texts = ["Storm Daniel hit the Libyan city of Derna.", " ".join([SENTENCE] * 30)]
    batched = list(nlp.parse(texts))
    single = [parse(text) for text in texts]
    assert [[t.tag_ for t in doc] for doc in batched] == [[t.tag_ for t in doc] for doc in single]
