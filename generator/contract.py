"""The machine-readable digest: Digest -> digest.json data, schema digest/1.

The schema (generator/data/digest.schema.json) is a copy of the team's
contract; every build validates its output against it before publishing.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import jsonschema

from generator.model import Digest

SCHEMA_ID = "digest/1"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The digest.json schema shipped with the package."""
    return json.loads(resources.files("generator").joinpath("data/digest.schema.json").read_text("utf-8"))


def to_contract(digest: Digest) -> dict:
    """The digest as plain data in the documented field order."""
    actor_ids = {actor.id for actor in digest.actors.actors}
    return {
        "schema": SCHEMA_ID,
        "generated": digest.generated,
        "articles": [
            {
                "id": article.id,
                "source": article.source,
                "part": article.part,
                "start": article.start,
                "end": article.end,
                "title": article.title,
                "date": article.date,
                "outlet": article.outlet,
                "topic": digest.article_topic[article.id],
                "keyphrases": list(digest.keyphrases.get(article.id, ()))[:15],
                "actors": [a for a in digest.actors.by_article.get(article.id, ()) if a in actor_ids],
                "summary": list(digest.summaries.get(article.id, ())),
            }
            for article in digest.articles
        ],
        "topics": [
            {
                "id": topic.id,
                "label": topic.label,
                "articles": list(topic.articles),
                "keyphrases": list(topic.keyphrases),
                "actors": list(topic.actors),
                "summary": [point.text for point in topic.key_points],
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
            for actor in digest.actors.actors
        ],
    }


def validate(data: dict) -> None:
    """Raise jsonschema.ValidationError when data does not follow the contract."""
    jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def dumps(data: dict) -> str:
    """Deterministic JSON text: fixed field order, UTF-8, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
