"""Score splitting and clustering on the story fixtures (tests/fixtures/stories).

``expected.json`` lists, for each source file, its articles in order, each with a
``marker`` snippet that must fall inside that article's span, a gold ``topic``
and optional metadata (title, date, dateline, outlet), plus ``hard_negatives``:
pairs ``"file#part"`` that must end in different topic sections.

The analyses handed to clustering are built here from spaCy parses (sentences
and named entities) with a plain actor index (slugged entity names, most
frequent first), so the score does not depend on the other stages.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.model import ActorIndex, Analysis, Article, Mention, Source
from generator.segment import segment
from generator.slugs import slugify

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT")
METADATA_FIELDS = ("title", "date", "dateline", "outlet")


def stub_analyses(articles: Sequence[Article]) -> tuple[list[Analysis], ActorIndex]:
    """Analyses (sentences, entity mentions) and a simple actor index from spaCy parses."""
    from generator import nlp

    analyses: list[Analysis] = []
    by_article: dict[str, tuple[str, ...]] = {}
    for article, doc in zip(articles, nlp.parse(a.body for a in articles), strict=True):
        sents = list(doc.sents)
        sent_of = {}
        for k, s in enumerate(sents):
            for t in range(s.start, s.end):
                sent_of[t] = k
        mentions = []
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS:
                continue
            name = ent.text.removesuffix("’s").removesuffix("'s").strip()
            mentions.append(
                Mention(article.id, ent.text, name, ent.label_, ent.start_char, sent_of.get(ent.start, 0))
            )
        counts = Counter(slugify(m.name) for m in mentions)
        by_article[article.id] = tuple(a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8])
        analyses.append(Analysis(article.id, tuple(s.text for s in sents), tuple(mentions), (), ()))
    return analyses, ActorIndex(actors=(), by_article=by_article)


def bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1 of a predicted clustering against a gold one (items both know)."""
    items = sorted(set(pred) & set(gold))
    if not items:
        return 0.0
    p_sum = r_sum = 0.0
    for e in items:
        same_pred = [x for x in items if pred[x] == pred[e]]
        same_gold = [x for x in items if gold[x] == gold[e]]
        both = sum(1 for x in same_pred if gold[x] == gold[e])
        p_sum += both / len(same_pred)
        r_sum += both / len(same_gold)
    p, r = p_sum / len(items), r_sum / len(items)
    return 2 * p * r / (p + r) if p + r else 0.0


def _locate(articles: Iterable[Article], text: str, marker: str) -> Article | None:
    pos = text.find(marker)
    if pos < 0:
        return None
    for a in articles:
        if a.start <= pos and pos + len(marker) <= a.end:
            return a
    return None


def evaluate(fixtures: Path) -> dict[str, float]:
    """Split accuracy, metadata accuracy, B-cubed F1 and the hard-negative check."""
    from generator.topics import cluster

    root = Path(fixtures) / "stories"
    expected = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    all_articles: list[Article] = []
    gold: dict[str, str] = {}
    ref: dict[str, str] = {}
    split_ok = 0
    meta_ok = meta_total = 0
    taken: set[str] = set()
    for name, entries in sorted(expected["sources"].items()):
        text = (root / "sources" / name).read_text(encoding="utf-8")
        arts = list(segment(Source(name, text)))
        # Ids must be unique across files, as the pipeline makes them.
        arts = [a if a.id not in taken else _renamed(a, taken) for a in arts]
        taken.update(a.id for a in arts)
        all_articles.extend(arts)
        found = [_locate(arts, text, e["marker"]) for e in entries]
        if len(arts) == len(entries) and all(f is not None and f is a for f, a in zip(found, arts, strict=True)):
            split_ok += 1
        for k, (e, art) in enumerate(zip(entries, found, strict=True), start=1):
            if art is None:
                continue
            ref[f"{name}#{k}"] = art.id
            if e.get("topic"):
                gold[art.id] = e["topic"]
            for key in METADATA_FIELDS:
                if key in e:
                    meta_total += 1
                    meta_ok += getattr(art, key) == e[key]
    analyses, actors = stub_analyses(all_articles)
    groups = cluster(all_articles, analyses, actors)
    pred = {aid: str(g) for g, members in enumerate(groups) for aid in members}
    negatives = expected.get("hard_negatives", [])
    apart = sum(
        1 for a, b in negatives if a in ref and b in ref and pred.get(ref[a]) != pred.get(ref[b])
    )
    return {
        "stories.split_accuracy": split_ok / len(expected["sources"]),
        "stories.metadata_accuracy": meta_ok / meta_total if meta_total else 1.0,
        "stories.bcubed_f1": bcubed_f1(pred, gold),
        "stories.hard_negative_ok": apart / len(negatives) if negatives else 1.0,
    }


def _renamed(article: Article, taken: set[str]) -> Article:
    from dataclasses import replace

    from generator.slugs import unique

    return replace(article, id=unique(article.id, set(taken)))
