"""A cache of per-article analyses, so that a rebuild parses only new or changed articles.

An entry is keyed by a hash of everything that decides an article's analysis: its id and text,
the settings that affect the analysis, and the model and repair-rule version. Entries are JSON
(data, never code), written atomically; an entry that cannot be read back into a valid
Analysis is ignored and rebuilt, never trusted. Output is the same with and without the cache.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
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
ANALYSIS_ENTRY = "generator.analyse"
"""The module that analyses an article; it and every generator module it imports decide an entry."""


def _imported_modules(name: str) -> set[str]:
    """The generator modules a module imports, read from its source."""
    tree = ast.parse(Path(importlib.util.find_spec(name).origin).read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            # 'from generator.clean import cohesion' imports a module, 'from x import name' does not
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] == "generator" and _is_module(m)}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module ('generator.model.Article')
        return False


def analysis_modules() -> tuple[str, ...]:
    """Every module an article's analysis runs: the entry module and what it imports, transitively."""
    seen: set[str] = set()
    todo = [ANALYSIS_ENTRY]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imported_modules(name) - seen)
    return tuple(sorted(seen))


@lru_cache(maxsize=1)
def analysis_code_version() -> str:
    """A hash of the source of the analysis code and of the word lists it reads."""
    digest = hashlib.sha256()
    for name in analysis_modules():
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    for path in sorted(Path(resources.__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".json"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Analyses on disk under folder, one JSON file per article version."""

    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = f"{FORMAT}:{version}"

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
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("ignoring a corrupt cache entry %s (%s)", path, error)
            return None
        return analysis if analysis.article_id == article_id else None

    def put(self, text: str, analysis: Analysis) -> None:
        """Store an analysis (failed analyses are not stored: they are retried next time)."""
        if analysis.error is not None:
            return
        path = self._path(self.key(analysis.article_id, text))
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(encode(analysis), out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError as error:
            log.warning("cannot write the analysis cache in %s: %s", self.folder, error)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


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


def _row(values: list, size: int) -> list:
    """A row of an entry: a list of the expected length."""
    if not isinstance(values, list) or len(values) != size:
        raise ValueError("malformed entry")
    return values


def decode(data: dict) -> Analysis:
    """An Analysis from plain JSON data; raises ValueError, TypeError or KeyError when malformed."""
    sentences = tuple(Sentence(str(t), _zone(z), int(p)) for t, z, p in (_row(s, 3) for s in data["sentences"]))
    mentions = tuple(
        Mention(str(t), str(n), str(l), int(s), _zone(z), _optional(ti), _optional(r), _optional(a), bool(loc))
        for t, n, l, s, z, ti, r, a, loc in (_row(m, 9) for m in data["mentions"])
    )
    for mention in mentions:
        if not 0 <= mention.sentence < max(1, len(sentences)):
            raise ValueError("mention outside the sentences")
    return Analysis(
        article_id=str(data["article_id"]),
        sentences=sentences,
        mentions=mentions,
        quotes=tuple(Quote(str(s), str(t), int(i)) for s, t, i in (_row(q, 3) for q in data["quotes"])),
        candidates=tuple(Keyphrase(str(t), float(s)) for t, s in (_row(k, 2) for k in data["candidates"])),
        terms=tuple((str(t), int(n)) for t, n in (_row(x, 2) for x in data["terms"])),
    )


def _zone(value: object) -> str:
    if value not in ("title", "standfirst", "body"):
        raise ValueError(f"bad zone {value!r}")
    return str(value)


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
