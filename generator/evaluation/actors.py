"""Score the actor stage on the annotated fixtures in ``tests/fixtures/actors``.

Each sub-folder is one digest: article files plus ``gold.json`` (see the
folder's README). A predicted actor is matched to the gold actor that shares
the most name keys with it (title-stripped, case- and accent-insensitive).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from generator import actors as stage
from generator import nlp
from generator.model import Actor, ActorIndex, Analysis, Article, Furniture


def load_article(path: Path) -> Article:
    """Read one fixture article: header lines, '---', paragraphs."""
    head, _, body = path.read_text(encoding="utf-8").partition("\n---\n")
    title = None
    standfirst: list[str] = []
    furniture: list[Furniture] = []
    for line in head.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "title":
            title = value
        elif key == "standfirst":
            standfirst.append(value)
        elif key.startswith("furniture."):
            furniture.append(Furniture(kind=key.split(".", 1)[1], text=value))  # type: ignore[arg-type]
    paragraphs = tuple(p.strip() for p in body.split("\n\n") if p.strip())
    return Article(
        id=path.stem,
        source=path.name,
        part=1,
        start=0,
        end=len(body),
        title=title,
        date=None,
        dateline=None,
        outlet=None,
        standfirst=tuple(standfirst),
        paragraphs=paragraphs,
        furniture=tuple(furniture),
    )


def run_digest(folder: Path) -> tuple[list[Article], ActorIndex]:
    """Extract and merge every article of one fixture digest."""
    articles = [load_article(p) for p in sorted(folder.glob("*.txt"))]
    analyses = []
    for art, doc in zip(articles, nlp.parse([a.body for a in articles]), strict=True):
        mentions, quotes = stage.extract(art, doc)
        analyses.append(Analysis(article_id=art.id, sentences=(), mentions=mentions, quotes=quotes, keyphrases=()))
    return articles, stage.merge(articles, analyses)


def _keys(actor: Actor) -> set[str]:
    keys = {stage.norm_key(actor.name)}
    for v in actor.variants:
        keys.add(stage.norm_key(v))
        keys.add(stage.norm_key(stage._strip_title(v)))
    return keys


def _gold_keys(entry: dict) -> set[str]:
    keys = {stage.norm_key(entry["name"])}
    for v in entry.get("variants", ()):
        keys.add(stage.norm_key(v))
        keys.add(stage.norm_key(stage._strip_title(v)))
    return keys


def score_digest(index: ActorIndex, gold: dict) -> dict[str, tuple[int, int]]:
    """Counts (hits, total) per figure for one digest."""
    golds: Sequence[dict] = gold["actors"]
    gkeys = [_gold_keys(g) for g in golds]
    ignore = {stage.norm_key(n) for n in gold.get("ignore", ())}
    noise = [stage.norm_key(n) for n in gold.get("noise", ())]
    match: dict[str, int | None] = {}
    for a in index.actors:
        keys = _keys(a)
        best = max(range(len(golds)), key=lambda i: (len(keys & gkeys[i]), -i), default=None)
        match[a.id] = best if best is not None and keys & gkeys[best] else None
    counted = [a for a in index.actors if match[a.id] is not None or not (_keys(a) & ignore)]
    tp = sum(1 for a in counted if match[a.id] is not None)
    found = {i for i in match.values() if i is not None}
    merged_ok = 0
    for i, g in enumerate(golds):
        # Keys two gold actors share ("Washington") say nothing about where they went.
        own = gkeys[i] - ignore - set().union(*(gkeys[j] for j in range(len(golds)) if j != i))
        owners = {a.id for a in index.actors if _keys(a) & gkeys[i] and match[a.id] == i}
        strays = {a.id for a in index.actors if _keys(a) & own and match[a.id] != i}
        if len(owners) == 1 and not strays:
            merged_ok += 1
    leaked = sum(1 for n in noise if any(n in _keys(a) for a in index.actors))
    names = {stage.norm_key(g["name"]): i for i, g in enumerate(golds)}
    apart_ok = 0
    for x, y in gold.get("apart", ()):
        ix, iy = names[stage.norm_key(x)], names[stage.norm_key(y)]
        ax = {a.id for a in index.actors if match[a.id] == ix}
        ay = {a.id for a in index.actors if match[a.id] == iy}
        if ax and ay and not (ax & ay):
            apart_ok += 1
    return {
        "precision": (tp, len(counted)),
        "recall": (len(found), len(golds)),
        "merge_accuracy": (merged_ok, len(golds)),
        "noise_rate": (leaked, len(noise)),
        "apart_ok": (apart_ok, len(gold.get("apart", ()))),
    }


def evaluate(fixtures: Path) -> dict[str, float]:
    """Precision, recall, merge accuracy, noise rate and apart rate over all fixture digests."""
    totals: dict[str, list[int]] = {}
    for folder in sorted(p for p in (Path(fixtures) / "actors").iterdir() if (p / "gold.json").is_file()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        _, index = run_digest(folder)
        for k, (hit, total) in score_digest(index, gold).items():
            acc = totals.setdefault(k, [0, 0])
            acc[0] += hit
            acc[1] += total
    return {f"actors.{k}": round(hit / total, 4) if total else 0.0 for k, (hit, total) in sorted(totals.items())}
