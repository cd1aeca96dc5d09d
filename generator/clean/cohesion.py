"""Lexical cohesion between stretches of text: do two paragraphs tell the same story?

A stretch becomes a bag of content words weighted by how rare they are in general English
(`wordfreq`), so "earthquake" or a name counts far more than "said"; two bags compare by cosine.
The weights need no other input, so a page is judged on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
MAX_ZIPF = 7.0
"""Zipf frequency of the commonest English words; rarity = MAX_ZIPF - zipf."""
NAME_WEIGHT = 1.5
"""A capitalised word inside a sentence (a name) weighs this much more."""
SENTENCE_ENDS = (".", "!", "?")


@lru_cache(maxsize=200_000)
def rarity(word: str) -> float:
    """Weight of a word by its rarity in general English (1 for common words, up to 7)."""
    return max(1.0, MAX_ZIPF - zipf_frequency(word, "en"))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Lower case without possessive or plural 's', so 'dams' and 'dam's' meet 'dam'."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word


def bag(text: str) -> Counter[str]:
    """Content words of text, weighted by rarity (names weigh more)."""
    weights: Counter[str] = Counter()
    for match in TOKEN.finditer(text):
        word = match.group()
        lowered = word.lower()
        if lowered in STOP_WORDS or len(lowered) < 3:
            continue
        weight = rarity(lowered)
        if word[0].isupper():
            start = match.start()
            if start and text[max(0, start - 2) : start].strip() not in SENTENCE_ENDS:
                weight *= NAME_WEIGHT  # capitalised, and not by a sentence's start
        key = stem(lowered)
        weights[key] = weights.get(key, 0) + weight
    return weights


def counts(text: str) -> Counter[str]:
    """How often each content-word stem occurs in text."""
    found: Counter[str] = Counter()
    for match in TOKEN.finditer(text):
        lowered = match.group().lower()
        if lowered not in STOP_WORDS and len(lowered) >= 3:
            found[stem(lowered)] += 1
    return found


def merged(bags: Iterable[Counter[str]]) -> Counter[str]:
    total: Counter[str] = Counter()
    for one in bags:
        total.update(one)
    return total


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two weighted bags (0 when either is empty)."""
    return _cosine(a, b, _norm(b))


def cosine_to(fixed: Counter[str]) -> Callable[[Counter[str]], float]:
    """Cosine similarity to one bag, for comparing many bags with it: the cost of a comparison
    grows with the smaller bag only, as the fixed bag's norm is computed once."""
    fixed_norm = _norm(fixed)
    return lambda other: _cosine(other, fixed, fixed_norm)


def _norm(bag: Counter[str]) -> float:
    return math.sqrt(sum(w * w for w in bag.values()))


def _cosine(a: Counter[str], b: Counter[str], b_norm: float) -> float:
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(weight * large[word] for word, weight in small.items() if word in large)
    norm = _norm(a) * b_norm
    return dot / norm if norm else 0.0
