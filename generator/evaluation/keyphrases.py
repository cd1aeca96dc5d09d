"""Keyphrase quality on the annotated fixtures, side by side with raw YAKE.

Fixtures: ``<fixtures>/keyphrases/*.json``, one invented article each with
the 6-10 keyphrases an editor picked (see the README there), and
``topics.json`` with the editor's topic phrases.

Soft match @10. Both phrases are reduced to the lower-case spaCy lemmas of
their content words (punctuation and stop words dropped, but not names such as
"US"). A predicted phrase
matches a gold phrase when

* the lemma strings are equal ("rate cuts" = "rate cut"), or
* rapidfuzz ``fuzz.ratio`` of the lemma strings is >= 85 (spelling variants,
  "Zelenskiy" / "Zelensky", "wildfire" / "wildfires"), or
* one lemma set contains the other and the shorter has at least half the
  words of the longer ("Port of Rotterdam" ~ "Rotterdam", "peace plan" ~
  "US peace plan", but not "plan" ~ "US peace plan").

Matching is one-to-one and greedy in predicted order, so three near-duplicates
of one gold phrase earn one hit, not three. Precision = hits / predicted,
recall = hits / gold, F1 from those, each macro-averaged over articles.

Our figures run the stage as the pipeline does (``extract`` per article on the
parsed body, then ``rank`` with the fixtures' topics as groups). Raw YAKE
(``yake_baseline``, top 10) reads each article's raw text: headline,
standfirst and paragraphs joined by newlines, page furniture included.
``keyphrases.topic_f1`` scores the topic phrases against ``topics.json``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from generator import keyphrases, nlp
from generator.model import Analysis, Article

TOP_K = 10
FUZZY_MIN = 85


def load_fixtures(fixtures: Path) -> tuple[list[Article], list[str], list[str], dict[str, list[str]], dict[str, list[str]]]:
    """Articles, their topic names, raw texts, gold keyphrases per article and per topic."""
    folder = Path(fixtures) / "keyphrases"
    articles, topics, raws, gold = [], [], [], {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "topics.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = tuple(data["paragraphs"])
        raw = "\n".join([data["title"], *data["standfirst"], *paragraphs])
        articles.append(
            Article(
                id=data["id"],
                source=path.name,
                part=1,
                start=0,
                end=len(raw),
                title=data["title"],
                date=None,
                dateline=None,
                outlet=None,
                standfirst=tuple(data["standfirst"]),
                paragraphs=paragraphs,
            )
        )
        topics.append(data["topic"])
        raws.append(raw)
        gold[data["id"]] = list(data["keyphrases"])
    topic_file = folder / "topics.json"
    topic_gold = json.loads(topic_file.read_text(encoding="utf-8")) if topic_file.exists() else {}
    return articles, topics, raws, gold, topic_gold


class SoftMatcher:
    """Lemma / fuzzy / containment matching of phrases, lemmas computed once per phrase."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str, ...]] = {}

    def prepare(self, phrases: Sequence[str]) -> None:
        todo = sorted({p for p in phrases if p not in self._cache})
        for phrase, doc in zip(todo, nlp.parse(todo)):
            lemmas = tuple(
                t.lemma_.lower().replace("\u2019", "'")
                for t in doc
                if not (t.is_punct or t.is_space or (t.is_stop and t.pos_ != "PROPN" and not t.is_upper))
            )
            self._cache[phrase] = lemmas or (phrase.lower(),)

    def lemmas(self, phrase: str) -> tuple[str, ...]:
        if phrase not in self._cache:
            self.prepare([phrase])
        return self._cache[phrase]

    def match(self, a: str, b: str) -> bool:
        la, lb = self.lemmas(a), self.lemmas(b)
        sa, sb = " ".join(la), " ".join(lb)
        if sa == sb or fuzz.ratio(sa, sb) >= FUZZY_MIN:
            return True
        short, long = (set(la), set(lb)) if len(set(la)) <= len(set(lb)) else (set(lb), set(la))
        return bool(short) and short <= long and 2 * len(short) >= len(long)

    def score(self, predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
        """Precision, recall and F1 of predicted@10 against gold, one-to-one."""
        predicted = list(predicted)[:TOP_K]
        free = list(gold)
        hits = 0
        for p in predicted:
            for i, g in enumerate(free):
                if self.match(p, g):
                    hits += 1
                    del free[i]
                    break
        precision = hits / len(predicted) if predicted else 0.0
        recall = hits / len(gold) if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def run(articles: Sequence[Article], topics: Sequence[str]):
    """Extract and rank like the pipeline does: per-article candidates, then rank."""
    docs = list(nlp.parse([a.body for a in articles]))
    analyses = [
        Analysis(
            article_id=a.id,
            sentences=tuple(s.text for s in doc.sents),
            mentions=(),
            quotes=(),
            keyphrases=keyphrases.extract(a, doc),
        )
        for a, doc in zip(articles, docs)
    ]
    names: list[str] = []
    groups: dict[str, list[str]] = {}
    for a, t in zip(articles, topics):
        if t not in groups:
            names.append(t)
        groups.setdefault(t, []).append(a.id)
    per_article, per_topic = keyphrases.rank(articles, analyses, [groups[n] for n in names])
    return per_article, dict(zip(names, per_topic))


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def evaluate(fixtures: Path) -> dict[str, float]:
    """Soft precision/recall/F1@10 of the keyphrase stage and of raw YAKE on the fixtures."""
    articles, topics, raws, gold, topic_gold = load_fixtures(fixtures)
    if not articles:
        return {}
    per_article, per_topic = run(articles, topics)
    baseline = {a.id: keyphrases.yake_baseline(raw, TOP_K) for a, raw in zip(articles, raws)}

    matcher = SoftMatcher()
    every = [p for v in (*gold.values(), *per_article.values(), *baseline.values()) for p in v]
    every += [p for v in (*topic_gold.values(), *per_topic.values()) for p in v]
    matcher.prepare(every)

    ours = [matcher.score(per_article[a.id], gold[a.id]) for a in articles]
    raw = [matcher.score(baseline[a.id], gold[a.id]) for a in articles]
    result = {
        "keyphrases.precision": _mean([s[0] for s in ours]),
        "keyphrases.recall": _mean([s[1] for s in ours]),
        "keyphrases.f1": _mean([s[2] for s in ours]),
        "keyphrases.yake_precision": _mean([s[0] for s in raw]),
        "keyphrases.yake_recall": _mean([s[1] for s in raw]),
        "keyphrases.yake_f1": _mean([s[2] for s in raw]),
    }
    topic_scores = [matcher.score(per_topic.get(t, ()), g) for t, g in sorted(topic_gold.items())]
    if topic_scores:
        result["keyphrases.topic_f1"] = _mean([s[2] for s in topic_scores])
    return result
