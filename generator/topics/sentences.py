"""Sentences of a topic as candidates for its headline, summary and highlights.

A sentence is scored by how central it is to the story (cosine of its content words with the
words of the whole topic), with a bonus for news that leads an article (news first, background
later), and is kept only if it can stand alone: a full sentence of reasonable length that does
not lean on the one before ("He said...", "However, ...") and is not a bare quote.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator import resources
from generator.clean import cohesion
from generator.model import Analysis, Sentence

MIN_WORDS = 8
MAX_WORDS = 45
LEAD_MAX_WORDS = 60
"""A story's first sentence may run longer: wire leads pack who, what, where and when."""
LEAD_BONUS = 0.15
"""Added to the centrality of an article's first body sentence; halved for the second."""
SENTENCES_PER_ARTICLE = 8
EXISTENTIAL_VERBS = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "may", "might", "seems", "appears"})


@dataclass(frozen=True)
class Candidate:
    text: str
    article: int
    """Position of the article in the digest."""
    sentence: int
    """Index into the article's Analysis.sentences."""
    score: float
    bag: Counter[str]

    def __hash__(self) -> int:
        return hash((self.article, self.sentence))


def stands_alone(text: str, language: str = resources.LANGUAGE, max_words: int = MAX_WORDS) -> bool:
    """A sentence a reader can take without the one before it."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= max_words or not text[:1].isupper():
        return False  # too short or long, or a quote, a fragment
    if not text.rstrip("\"”’' )").endswith((".", "!", "?")):
        return False
    openers = resources.words("dangling_openers", language)
    words = [w.strip(",;:’'\"“").lower() for w in text.split()[:4]]
    if words[0] == "there" and len(words) > 1 and words[1] in EXISTENTIAL_VERBS and not text.split()[0].endswith(","):
        return True  # 'There were ...' states something; 'There, ...' points back
    return not any(" ".join(words[:n]) in openers for n in (1, 2, 3))


def candidates(members: Sequence[int], analyses: Sequence[Analysis], topic_bag: Counter[str]) -> list[Candidate]:
    """Body sentences of the topic's articles that stand alone, most central first."""
    found = []
    centrality = cohesion.cosine_to(topic_bag)
    for position in members:
        analysis = analyses[position]
        body = [(i, s) for i, s in enumerate(analysis.sentences) if s.zone == "body"][:SENTENCES_PER_ARTICLE]
        for rank, (index, sentence) in enumerate(body):
            if not stands_alone(sentence.text, max_words=LEAD_MAX_WORDS if rank == 0 else MAX_WORDS):
                continue
            words = cohesion.bag(sentence.text)
            score = centrality(words) + (LEAD_BONUS / (rank + 1) if rank < 2 else 0.0)
            found.append(Candidate(sentence.text, position, index, score, words))
    return sorted(found, key=lambda c: (-c.score, c.article, c.sentence))


def diverse(pool: Sequence[Candidate], count: int, taken: Sequence[Candidate] = (), novelty: float = 0.5) -> list[Candidate]:
    """Up to count candidates by maximal marginal relevance: central, and unlike those taken."""
    chosen: list[Candidate] = []
    remaining = list(pool)
    # each remaining candidate's largest similarity to those taken or chosen, kept up to date
    similar_to_taken = [cohesion.cosine_to(t.bag) for t in taken]
    redundancy = [max((similar(c.bag) for similar in similar_to_taken), default=0.0) for c in remaining]
    while remaining and len(chosen) < count:
        best_index = max(
            range(len(remaining)),
            key=lambda k: ((1 - novelty) * remaining[k].score - novelty * redundancy[k], -remaining[k].article, -remaining[k].sentence),
        )
        best = remaining.pop(best_index)
        if redundancy.pop(best_index) > 0.6:
            continue
        chosen.append(best)
        similar_to_best = cohesion.cosine_to(best.bag)
        redundancy = [max(r, similar_to_best(c.bag)) for r, c in zip(redundancy, remaining)]
    return chosen


ARTICLE_SUMMARY_SENTENCES = 3


def article_summary(sentences: Sequence[Sentence], terms: Sequence[tuple[str, int]]) -> tuple[int, ...]:
    """The indices of an article's key sentences in reading order: its lead, then the sentences
    most central to the article (its content terms) that stand alone and add something new."""
    body = [(i, s) for i, s in enumerate(sentences) if s.zone == "body"]
    whole: Counter[str] = Counter(dict(terms))
    lead = next(((i, s) for i, s in body[:2] if stands_alone(s.text, max_words=LEAD_MAX_WORDS)), None)
    taken = [Candidate(lead[1].text, 0, lead[0], 1.0, cohesion.bag(lead[1].text))] if lead else []
    pool = []
    centrality = cohesion.cosine_to(whole)
    for index, sentence in body[: SENTENCES_PER_ARTICLE * 2]:
        if (lead is None or index != lead[0]) and stands_alone(sentence.text):
            words = cohesion.bag(sentence.text)
            pool.append(Candidate(sentence.text, 0, index, centrality(words), words))
    chosen = taken + diverse(sorted(pool, key=lambda c: (-c.score, c.sentence)), ARTICLE_SUMMARY_SENTENCES - len(taken), taken=taken)
    return tuple(sorted(c.sentence for c in chosen))
