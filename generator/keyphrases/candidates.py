"""Keyphrase candidates of one article: YAKE's phrases, re-scored for what an editor would pick.

YAKE (the `yake` package) proposes phrases of up to three words from the title, standfirst and
the opening of the body, where news puts its key facts, scored by its statistical features.
The project then keeps phrases that read as a topic (not a fragment, a date, a number or a
piece of furniture) and re-weights them: phrases in the headline and lead count more, phrases
of everyday words (their general-English frequency, `wordfreq`) count less, and names count
less, because the site lists actors apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import yake
from wordfreq import zipf_frequency

from generator import resources
from generator.clean.cohesion import stem
from generator.clean.dates import month_names, weekday_names
from generator.model import Keyphrase
from generator.settings import KeyphraseSettings

YAKE_TOP = 40
ANALYSED_WORDS = 400
"""YAKE reads the headline, standfirst and this many words of the body: news is front-loaded."""
EVERYDAY_ZIPF = 5.0
"""A one-word phrase this frequent in general English ('time', 'people') says little alone."""
NAME_WEIGHT = 0.6
HEAD_BONUS = 0.5
LEAD_BONUS = 0.25
NUMBER = re.compile(r"^[\d.,%:/-]+(?:st|nd|rd|th|s)?$")


@lru_cache(maxsize=None)
def _extractor(settings: KeyphraseSettings, language: str) -> yake.KeywordExtractor:
    return yake.KeywordExtractor(
        lan=language, n=3, top=YAKE_TOP, dedup_lim=settings.yake_dedup, dedup_func="seqm", window_size=settings.yake_window
    )


@lru_cache(maxsize=None)
def _stopwords(language: str) -> frozenset[str]:
    return frozenset(_extractor(KeyphraseSettings(), language).stopword_set) | month_names(language) | weekday_names(language)


def well_formed(words: Sequence[str], language: str = "en") -> bool:
    """A phrase that can stand as a topic: no edge stopword, number, date word or furniture."""
    if not words:
        return False
    stop = _stopwords(language)
    lowered = [w.lower() for w in words]
    if lowered[0] in stop or lowered[-1] in stop or any(NUMBER.match(w) for w in (lowered[0], lowered[-1])):
        return False
    if all(w in resources.words("furniture", language) or w in stop for w in lowered):
        return False
    return not any(w in resources.words("agencies", language) for w in lowered)


def is_name(phrase: str) -> bool:
    """Every word capitalised: a name rather than a topic phrase."""
    words = phrase.split()
    return all(w[:1].isupper() for w in words)


def extract(title: str, lead: str, body: str, settings: KeyphraseSettings, language: str = "en") -> tuple[Keyphrase, ...]:
    """Scored candidates of one article, best first."""
    head = f"{title}\n{lead}".strip()
    words = body.split()
    text = f"{head}\n\n{' '.join(words[:ANALYSED_WORDS])}"
    if not text.strip():
        return ()
    head_stems = {stem(w) for w in re.findall(r"\w+", head)}
    lead_stems = {stem(w) for w in re.findall(r"\w+", " ".join(words[:60]))}
    scored: dict[str, tuple[float, str]] = {}
    for phrase, yake_score in _extractor(settings, language).extract_keywords(text):
        tokens = phrase.split()
        if len(tokens) > settings.max_words or not well_formed(tokens, language):
            continue
        relevance = 1.0 / (1.0 + 10 * yake_score)
        stems = [stem(t) for t in tokens]
        relevance *= 1 + HEAD_BONUS * (sum(s in head_stems for s in stems) / len(stems))
        relevance *= 1 + LEAD_BONUS * (sum(s in lead_stems for s in stems) / len(stems))
        if len(tokens) == 1 and zipf_frequency(tokens[0].lower(), language) >= EVERYDAY_ZIPF:
            relevance *= 0.5
        if is_name(phrase):
            relevance *= NAME_WEIGHT
        key = " ".join(stems)
        if key not in scored or scored[key][0] < relevance:
            scored[key] = (relevance, phrase)
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1]))
    return tuple(Keyphrase(phrase, round(score, 6)) for score, phrase in ranked)
