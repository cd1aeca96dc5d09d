"""A cache of per-article analyses, so that a rebuild parses only new or changed articles.

An entry is keyed by a hash of everything that decides an article's analysis: its id and text,
the settings that affect the analysis, and the model and repair-rule version. Entries are JSON
(data, never code), written atomically; an entry that cannot be read back into a valid
Analysis is ignored and rebuilt, never trusted. Output is the same with and without the cache.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from generator import resources
from generator.model import Analysis, Keyphrase, Mention, Quote, Sentence

log = logging.getLogger(__name__)

FORMAT = 2
ANALYSIS_MODULES = (
    "generator.analyse",
    "generator.nlp",
    "generator.nlp.repairs",
    "generator.nlp.tagging",
    "generator.actors.mentions",
    "generator.actors.quotes",
    "generator.keyphrases.candidates",
    "generator.clean.cohesion",
)
"""The code an article's analysis runs: a change to any of it makes every cached entry stale."""


@lru_cache(maxsize=1)
def analysis_code_version() -> str:
    """A hash of the source of the analysis code and of the word lists it reads."""
    digest = hashlib.sha256()
    for name in ANALYSIS_MODULES:
        digest.update(Path(importlib.import_module(name).__file__).read_bytes())
    for path in sorted(Path(resources.__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".json"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Analyses on disk under folder, one JSON file per article version."""

    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = f"{FORMAT}:{version}"
        self.hits = 0
        self.misses = 0

    def key(self, article_id: str, text: str) -> str:
        digest = hashlib.sha256()
        for part in (self.version, article_id, text):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, article_id: str, text: str) -> Analysis | None:
        """The cached analysis, or None when missing, unreadable or not for this article."""
        path = self._path(self.key(article_id, text))
        try:
            analysis = decode(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("ignoring a corrupt cache entry %s (%s)", path, error)
            self.misses += 1
            return None
        if analysis.article_id != article_id:
            self.misses += 1
            return None
        self.hits += 1
        return analysis

    def put(self, text: str, analysis: Analysis) -> None:
        """Store an analysis (failed analyses are not stored: they are retried next time)."""
        if analysis.error is not None:
            return
        path = self._path(self.key(analysis.article_id, text))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(encode(analysis), out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError as error:
            log.warning("cannot write the analysis cache in %s: %s", self.folder, error)


def encode(analysis: Analysis) -> dict:
    """An Analysis as plain JSON data."""
    return {
        "article_id": analysis.article_id,
        "sentences": [[s.text, s.zone, s.paragraph] for s in analysis.sentences],
        "mentions": [[m.text, m.name, m.label, m.sentence, m.zone, m.title, m.role, m.alias, m.locative] for m in analysis.mentions],
        "quotes": [[q.speaker, q.text, q.sentence] for q in analysis.quotes],
        "candidates": [[k.text, k.score] for k in analysis.candidates],
        "terms": [[t, n] for t, n in analysis.terms],
    }


def _strings(values: list, size: int) -> list:
    if not isinstance(values, list) or len(values) != size:
        raise ValueError("malformed entry")
    return values


def decode(data: dict) -> Analysis:
    """An Analysis from plain JSON data; raises ValueError, TypeError or KeyError when malformed."""
    sentences = tuple(Sentence(str(t), _zone(z), int(p)) for t, z, p in (_strings(s, 3) for s in data["sentences"]))
    mentions = tuple(
        Mention(str(t), str(n), str(l), int(s), _zone(z), _optional(ti), _optional(r), _optional(a), bool(loc))
        for t, n, l, s, z, ti, r, a, loc in (_strings(m, 9) for m in data["mentions"])
    )
    for mention in mentions:
        if not 0 <= mention.sentence < max(1, len(sentences)):
            raise ValueError("mention outside the sentences")
    return Analysis(
        article_id=str(data["article_id"]),
        sentences=sentences,
        mentions=mentions,
        quotes=tuple(Quote(str(s), str(t), int(i)) for s, t, i in (_strings(q, 3) for q in data["quotes"])),
        candidates=tuple(Keyphrase(str(t), float(s)) for t, s in (_strings(k, 2) for k in data["candidates"])),
        terms=tuple((str(t), int(n)) for t, n in (_strings(x, 2) for x in data["terms"])),
    )


def _zone(value: object) -> str:
    if value not in ("title", "standfirst", "body"):
        raise ValueError(f"bad zone {value!r}")
    return str(value)


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
