"""Lexical cohesion between stretches of text: do two paragraphs tell the same story?

A stretch becomes a bag of content words weighted by how rare they are in general English
(`wordfreq`), so "earthquake" or a name counts far more than "said"; two bags compare by cosine.
The weights need no other input, so a page is judged on its own.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

TOKEN = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
MAX_ZIPF = 7.0
"""Zipf frequency of the commonest English words; rarity = MAX_ZIPF - zipf."""
NAME_WEIGHT = 1.5
"""A capitalised word inside a sentence (a name) weighs this much more."""


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
        sentence_start = match.start() == 0 or text[max(0, match.start() - 2) : match.start()].strip() in (".", "!", "?")
        if word[0].isupper() and not sentence_start:
            weight *= NAME_WEIGHT
        weights[stem(lowered)] += weight
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
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) < len(b) else (b, a)
    dot = sum(weight * large[word] for word, weight in small.items() if word in large)
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0
