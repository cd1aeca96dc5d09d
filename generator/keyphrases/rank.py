"""Final keyphrase lists: per article (candidates re-ranked in the light of their topic) and per
topic (class-based TF-IDF over the topics' candidates).

A candidate that other articles of the same topic also carry is a theme of the story and moves
up. Lists are diversified by maximal marginal relevance over word overlap, so "national
mourning" and "three days of national mourning" do not both take a place, and hold at most a
few names (the site lists actors apart). Everything is linear in the number of articles.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from generator.clean.cohesion import stem
from generator.keyphrases.candidates import is_name
from generator.model import Analysis
from generator.settings import KeyphraseSettings

TOPIC_SHARE_BONUS = 1.0
"""Relevance gained by a candidate that every other article of its topic also carries."""
CANDIDATE_POOL = 30
MIN_RELATIVE = 0.1
"""A candidate scoring under this share of the article's best is left out: a short list beats filler."""


@lru_cache(maxsize=200_000)
def phrase_stems(phrase: str) -> frozenset[str]:
    return frozenset(stem(word) for word in phrase.split())


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Word overlap of two phrases (their stems), relative to the shorter one."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _redundancy(words: frozenset[str], chosen: frozenset[str]) -> float:
    """How much a candidate repeats a chosen phrase; a chosen phrase it extends does not count."""
    return 0.0 if chosen < words else overlap(words, chosen)


def mmr(scored: Sequence[tuple[str, float]], count: int, settings: KeyphraseSettings) -> list[str]:
    """Up to count phrases, each chosen for relevance against overlap with those already chosen."""
    top = max((score for _, score in scored[:CANDIDATE_POOL]), default=1.0) or 1.0
    relevance, diversity = settings.mmr_lambda, 1 - settings.mmr_lambda
    # (phrase, weighted relevance, stems) of each phrase still in the running
    pool = [
        (phrase, relevance * score / top, phrase_stems(phrase))
        for phrase, score in scored[:CANDIDATE_POOL]
        if score >= MIN_RELATIVE * top
    ]
    # each pool phrase's largest redundancy with the chosen ones, kept up to date as they change
    redundancy = [0.0] * len(pool)
    chosen: list[str] = []
    names = 0
    while pool and len(chosen) < count:
        values = [gain - diversity * r for (_, gain, _), r in zip(pool, redundancy)]
        best_value = max(values)
        # ties go to the alphabetically last phrase, then to the first in the pool
        best_index = max((k for k, value in enumerate(values) if value == best_value), key=lambda k: pool[k][0])
        best, _, words = pool.pop(best_index)
        redundancy.pop(best_index)
        if any(words <= phrase_stems(c) for c in chosen):
            continue
        if is_name(best) and names >= settings.max_names:
            continue
        # a phrase that says more replaces the shorter ones it contains ('talks' -> 'Miami talks')
        inside = [i for i, c in enumerate(chosen) if phrase_stems(c) < words]
        if inside:
            chosen[inside[0]] = best
            chosen = [c for i, c in enumerate(chosen) if i not in inside[1:]]
            redundancy = [max((_redundancy(w, phrase_stems(c)) for c in chosen), default=0.0) for _, _, w in pool]
        else:
            chosen.append(best)
            _raise_redundancy(redundancy, pool, words)
        names = sum(map(is_name, chosen))
    return chosen


def _raise_redundancy(redundancy: list[float], pool: Sequence[tuple[str, float, frozenset[str]]], chosen: frozenset[str]) -> None:
    """Each pool phrase's redundancy raised to its redundancy with a newly chosen phrase (the
    hot loop of `mmr`: a phrase sharing no word with it is not compared further)."""
    for k, (_, _, words) in enumerate(pool):
        if not words.isdisjoint(chosen):
            value = _redundancy(words, chosen)
            if value > redundancy[k]:
                redundancy[k] = value


def per_article(
    analyses: Sequence[Analysis], groups: Sequence[Sequence[int]], settings: KeyphraseSettings
) -> list[tuple[str, ...]]:
    """Each article's keyphrases, best first."""
    topic_of = {i: g for g, members in enumerate(groups) for i in members}
    carried: dict[int, Counter[frozenset[str]]] = defaultdict(Counter)
    for g, members in enumerate(groups):
        for i in members:
            for key in {phrase_stems(c.text) for c in analyses[i].candidates}:
                carried[g][key] += 1
    lists = []
    for i, analysis in enumerate(analyses):
        group = topic_of.get(i)
        others = max(1, len(groups[group]) - 1) if group is not None else 1
        scored = []
        for candidate in analysis.candidates:
            shared = (carried[group][phrase_stems(candidate.text)] - 1) / others if group is not None else 0.0
            scored.append((candidate.text, candidate.score * (1 + TOPIC_SHARE_BONUS * shared)))
        scored.sort(key=lambda item: (-item[1], item[0]))
        lists.append(tuple(mmr(scored, settings.per_article, settings)))
    return lists


def per_topic(
    analyses: Sequence[Analysis], groups: Sequence[Sequence[int]], settings: KeyphraseSettings
) -> list[tuple[str, ...]]:
    """Each topic's keyphrases: the phrases that set it apart from the other topics (c-TF-IDF)."""
    topic_scores: list[dict[frozenset[str], float]] = []
    display: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
    for members in groups:
        scores: dict[frozenset[str], float] = defaultdict(float)
        for i in members:
            for candidate in analyses[i].candidates:
                key = phrase_stems(candidate.text)
                scores[key] += candidate.score
                display[key][candidate.text] += 1
        topic_scores.append(scores)
    spread = Counter(key for scores in topic_scores for key in scores)
    total = len(groups)
    rarity = {topics: math.log(1 + total / topics) for topics in set(spread.values())}
    lists = []
    for members, scores in zip(groups, topic_scores):
        values = {key: value / len(members) * rarity[spread[key]] for key, value in scores.items()}
        # mmr reads the best CANDIDATE_POOL: only phrases scoring at least the last of them are shown
        shown = sorted(values.values(), reverse=True)[CANDIDATE_POOL - 1] if len(values) > CANDIDATE_POOL else -math.inf
        weighted = [(display[key].most_common(1)[0][0], value) for key, value in values.items() if value >= shown]
        weighted.sort(key=lambda item: (-item[1], item[0]))
        lists.append(tuple(mmr(weighted, settings.per_topic, settings)))
    return lists
