"""The machine-readable digest: Digest -> digest.json data, schema digest/1.

The schema (generator/digest.schema.json) is a copy of the team's contract; every build
validates its output against it before publishing. Fields beyond the contract (edition,
headline, highlights, timeline, date_basis, also_in) are additions the schema allows.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema_rs

from generator.model import ArticleDigest, Digest

SCHEMA_ID = "digest/1"
MAX_KEYPHRASES = 15


@lru_cache(maxsize=1)
def schema() -> dict:
    """The digest.json schema shipped with the package."""
    return json.loads(resources.files("generator").joinpath("digest.schema.json").read_text("utf-8"))


def to_contract(digest: Digest) -> dict:
    """The digest as plain data in the documented field order."""
    return {
        "schema": SCHEMA_ID,
        "generated": digest.generated,
        "edition": digest.edition,
        "articles": [_article(entry) for entry in digest.articles],
        "topics": [
            {
                "id": topic.id,
                "label": topic.label,
                "headline": topic.headline,
                "articles": list(topic.articles),
                "keyphrases": list(topic.keyphrases),
                "actors": list(topic.actors) + list(topic.places),
                "summary": list(topic.summary),
                "highlights": [{"text": h.text, "article": h.article_id, "sentence": h.sentence} for h in topic.highlights],
                "timeline": [
                    {"date": e.date, "text": e.text, "article": e.article_id, "scheduled": e.scheduled} for e in topic.timeline
                ],
            }
            for topic in digest.topics
        ],
        "actors": [
            {
                "id": actor.id,
                "name": actor.name,
                "type": actor.type,
                "variants": list(actor.variants),
                "articles": list(actor.articles),
                "mentions": actor.mentions,
                "role": actor.role,
            }
            for actor in digest.actors
        ],
        "inputs": [
            {
                "source": record.source,
                "status": record.status,
                "reason": record.reason,
                "kind": record.kind,
                "encoding": record.encoding,
                "duplicate_of": record.duplicate_of,
                "articles": list(record.articles),
            }
            for record in digest.inputs
        ],
    }


def _article(entry: ArticleDigest) -> dict:
    article = entry.article
    return {
        "id": article.id,
        "source": article.source,
        "part": article.part,
        "start": article.start,
        "end": article.end,
        "title": article.title,
        "date": article.date,
        "date_basis": article.date_basis,
        "outlet": article.outlet,
        "url": article.url,
        "author": article.author,
        "also_in": list(article.also_in),
        "topic": entry.topic,
        "keyphrases": list(entry.keyphrases)[:MAX_KEYPHRASES],
        "actors": list(entry.actors),
        "summary": list(entry.summary),
    }


@lru_cache(maxsize=1)
def _validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(schema())


def validate(data: dict) -> None:
    """Raise jsonschema_rs.ValidationError when data does not follow the contract."""
    _validator().validate(data)


def dumps(data: dict) -> str:
    """Deterministic JSON text: fixed field order, UTF-8, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
