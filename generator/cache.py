"""Caches of the per-article work, so that a rebuild cleans and parses only new or changed inputs.

Two kinds of entry share one folder: the articles cleaned out of a source, with their
fingerprints for duplicate search (`CleanCache`), and an article's analysis (`AnalysisCache`). An entry is keyed by a hash of everything that decides
it: the source or the article's id and text, the settings that affect the step, and the version
of the step's code (and of the model, for analyses). Entries are JSON (data, never code),
written atomically; an entry that cannot be read back into valid data is ignored and rebuilt,
never trusted. Output is the same with and without the cache.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib.util
import json
import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import get_args

from generator import resources
from generator.clean.dedupe import HASH_VALUES, PERMUTATIONS, Fingerprint
from generator.model import Analysis, Article, Furniture, Keyphrase, LineKind, Mention, Problem, Quote, Sentence, Source, Zone

log = logging.getLogger(__name__)

FORMAT = 2
ANALYSIS_ENTRY = "generator.analyse"
"""The module that analyses an article; it and every generator module it imports decide an entry."""
CLEAN_ENTRY = "generator.clean"
"""The package that cleans a source into articles (with everything it imports)."""
FINGERPRINT_ENTRY = "generator.clean.dedupe"
"""The module that takes the fingerprints cached with the cleaned articles."""


def _imported_modules(name: str) -> set[str]:
    """The generator modules a module imports, read from its source."""
    tree = ast.parse(Path(importlib.util.find_spec(name).origin).read_text("utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # 'from generator.actors import mentions' runs the module, not the package's own
            # code; 'from generator.model import Article' runs generator.model
            modules = {m for m in (f"{node.module}.{alias.name}" for alias in node.names) if _generator_module(m)}
            found.update(modules)
            if len(modules) < len(node.names):
                found.add(node.module)
    return {m for m in found if _generator_module(m)}


def _generator_module(name: str) -> bool:
    """A module of this package (not a name inside one); other packages are never looked up."""
    return name.split(".")[0] == "generator" and _is_module(name)


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module ('generator.model.Article')
        return False


def code_modules(entry: str) -> tuple[str, ...]:
    """Every module a step runs: its entry module and what it imports, transitively."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_imported_modules(name) - seen)
    return tuple(sorted(seen))


@lru_cache(maxsize=None)
def code_version(entry: str) -> str:
    """A hash of the source of a step's code and of the word lists it reads."""
    digest = hashlib.sha256()
    for name in code_modules(entry):
        digest.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    for path in sorted(Path(resources.__file__).parent.rglob("*")):
        if path.is_file() and path.suffix in (".txt", ".json"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_unwritable: set[Path] = set()
"""Cache folders this process failed to write to (and has said so)."""


class _Store:
    """JSON entries on disk under folder, one file per key, written atomically."""

    def __init__(self, folder: Path, version: str):
        self.folder = folder
        self.version = f"{FORMAT}:{version}"

    def _key(self, *parts: str) -> str:
        digest = hashlib.sha256()
        for part in (self.version, *parts):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _read(self, key: str, decoder):
        """The decoded entry, or None when missing or unreadable (a corrupt entry is reported)."""
        path = self._path(key)
        try:
            return decoder(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as error:
            log.warning("ignoring a corrupt cache entry %s (%s)", path, error)
            return None

    def _write(self, key: str, data: object) -> None:
        path = self._path(key)
        temporary = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except OSError as error:
            if self.folder not in _unwritable:  # once per folder and process, not once per entry
                _unwritable.add(self.folder)
                log.warning("cannot write the cache in %s: %s", self.folder, error)
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)


class CleanCache(_Store):
    """The articles cleaned out of each source and their fingerprints (or why it has none)."""

    def key(self, source: Source) -> str:
        meta = json.dumps(dataclasses.asdict(source.meta), sort_keys=True)
        return self._key(source.path, str(source.item), meta, source.encoding, source.decode_note or "", source.text)

    def get(self, source: Source) -> tuple[tuple[Article, ...], tuple[Fingerprint, ...], Problem | None] | None:
        """The cleaned source, or None when missing or unreadable."""
        return self._read(self.key(source), decode_cleaned)

    def put(self, source: Source, articles: tuple[Article, ...], prints: tuple[Fingerprint, ...], problem: Problem | None) -> None:
        self._write(self.key(source), {
            "articles": [dataclasses.asdict(article) for article in articles],
            "fingerprints": [[p.words, p.minhash.hex() if p.minhash is not None else None] for p in prints],
            "problem": dataclasses.asdict(problem) if problem else None,
        })


class AnalysisCache(_Store):
    """Analyses, one entry per article version."""

    def key(self, article_id: str, text: str) -> str:
        return self._key(article_id, text)

    def get(self, article_id: str, text: str) -> Analysis | None:
        """The cached analysis, or None when missing, unreadable or not for this article."""
        analysis = self._read(self.key(article_id, text), decode)
        return analysis if analysis is not None and analysis.article_id == article_id else None

    def put(self, text: str, analysis: Analysis) -> None:
        """Store an analysis (failed analyses are not stored: they are retried next time)."""
        if analysis.error is None:
            self._write(self.key(analysis.article_id, text), encode(analysis))


def encode(analysis: Analysis) -> dict:
    """An Analysis as plain JSON data."""
    return {
        "article_id": analysis.article_id,
        "sentences": [[s.text, s.zone, s.paragraph] for s in analysis.sentences],
        "mentions": [[m.text, m.name, m.label, m.sentence, m.zone, m.title, m.role, m.alias, m.locative] for m in analysis.mentions],
        "quotes": [[q.speaker, q.text, q.sentence] for q in analysis.quotes],
        "candidates": [[k.text, k.score] for k in analysis.candidates],
        "terms": [[t, n] for t, n in analysis.terms],
        "summary": list(analysis.summary),
    }


def _row(values: list, size: int) -> list:
    """A row of an entry: a list of the expected length."""
    if not isinstance(values, list) or len(values) != size:
        raise ValueError("malformed entry")
    return values


def decode(data: dict) -> Analysis:
    """An Analysis from plain JSON data; raises ValueError, TypeError or KeyError when malformed."""
    sentences = tuple(Sentence(str(t), _member(z, Zone), int(p)) for t, z, p in (_row(s, 3) for s in data["sentences"]))
    mentions = tuple(
        Mention(str(t), str(n), str(l), int(s), _member(z, Zone), _optional(ti), _optional(r), _optional(a), bool(loc))
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
        summary=_indices(data["summary"], len(sentences)),
    )


def _indices(values: list, count: int) -> tuple[int, ...]:
    """Sentence indices, each inside the article's sentences."""
    indices = tuple(int(i) for i in values)
    if any(not 0 <= i < count for i in indices):
        raise ValueError("sentence index outside the sentences")
    return indices


def _member(value: object, kind: object) -> str:
    """value, when it is one of the strings of the Literal type kind."""
    if value not in get_args(kind):
        raise ValueError(f"bad value {value!r}: not one of {get_args(kind)}")
    return str(value)


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def decode_cleaned(data: dict) -> tuple[tuple[Article, ...], tuple[Fingerprint, ...], Problem | None]:
    """A cleaned source from plain JSON data; raises ValueError, TypeError or KeyError when malformed."""
    problem = data["problem"]
    articles = tuple(_article(entry) for entry in data["articles"])
    prints = tuple(_fingerprint(*_row(entry, 2)) for entry in data["fingerprints"])
    if len(prints) != len(articles):
        raise ValueError("not one fingerprint per article")
    if problem is not None:
        return articles, prints, Problem(str(problem["path"]), str(problem["reason"]), str(problem["kind"]))
    return articles, prints, None


def _fingerprint(words: str, minhash: str | None) -> Fingerprint:
    if not isinstance(words, str) or minhash is not None and not isinstance(minhash, str):
        raise TypeError("a malformed fingerprint")
    values = bytes.fromhex(minhash) if minhash is not None else None
    if values is not None and len(values) != PERMUTATIONS * HASH_VALUES.itemsize:
        raise ValueError("a MinHash of the wrong size")
    return Fingerprint(words, values)


def _article(data: dict) -> Article:
    paragraphs = tuple(map(str, data["paragraphs"]))
    if not paragraphs:
        raise ValueError("an article without paragraphs")
    return Article(
        id=str(data["id"]), source=str(data["source"]), part=int(data["part"]), start=int(data["start"]),
        end=int(data["end"]), title=_optional(data["title"]), date=_optional(data["date"]),
        date_basis=_optional(data["date_basis"]), standfirst=tuple(map(str, data["standfirst"])),
        paragraphs=paragraphs, item=int(data["item"]), dateline=_optional(data["dateline"]),
        outlet=_optional(data["outlet"]), author=_optional(data["author"]), url=_optional(data["url"]),
        furniture=tuple(Furniture(_member(f["kind"], LineKind), str(f["text"]), str(f["rule"])) for f in data["furniture"]),
        also_in=tuple(map(str, data["also_in"])), headline_only=bool(data["headline_only"]),
    )
