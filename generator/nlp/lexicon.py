"""Word classes from the model's own lexicon, for the words of text the tagger does not see.

The pipeline runs no tagger (see `nlp`), but the model package ships the lemmatizer's tables:
for each part of speech, the inflection rules, the irregular forms and the index of known base
forms. A word can be a noun, a verb, an adjective or an adverb when one of its candidate base
forms is in that class's index ("attack": noun and verb; "announces": verb only).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.lookups import Lookups

from generator.nlp import MODELS

CLASSES = ("noun", "verb", "adj", "adv")


@lru_cache(maxsize=None)
def _tables(language: str) -> tuple[dict, dict, dict]:
    package = Path(spacy.util.get_package_path(MODELS[language]))
    folder = next(package.glob("*/lemmatizer/lookups"))
    lookups = Lookups().from_disk(folder)
    rules = dict(lookups.get_table("lemma_rules").items())
    exceptions = dict(lookups.get_table("lemma_exc").items())
    index = {name: frozenset(values) for name, values in lookups.get_table("lemma_index").items()}
    return rules, exceptions, index


def _by_name(table: dict, name: str):
    strings = spacy.strings.StringStore([name])
    return table.get(name, table.get(strings[name], ()))


@lru_cache(maxsize=100_000)
def classes(word: str, language: str = "en") -> frozenset[str]:
    """The parts of speech a word can have ({} for a word the lexicon does not know)."""
    rules, exceptions, index = _tables(language)
    lowered = word.lower()
    found = set()
    for name in CLASSES:
        known = _by_name(index, name)
        forms = {lowered, *(_by_name(exceptions, name).get(lowered, ()) if _by_name(exceptions, name) else ())}
        for old, new in _by_name(rules, name) or ():
            if lowered.endswith(old):
                forms.add(lowered[: len(lowered) - len(old)] + new)
        if any(form in known for form in forms):
            found.add(name)
    return frozenset(found)
