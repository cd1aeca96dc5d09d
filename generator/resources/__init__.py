"""General knowledge as data, one file per kind of knowledge and language.

Files live in `resources/<language>/`. A word list has one entry a line; `#` starts a comment.
A table maps `alias = canonical` per line. Nothing here names a story, an outlet of a fixture or
a person: only knowledge that holds for news in general (agencies, honorifics, furniture phrases).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources as _resources
from typing import Any

LANGUAGE = "en"


def _text(name: str, language: str) -> str:
    return _resources.files(__package__).joinpath(language, name).read_text(encoding="utf-8")


def _entries(name: str, language: str) -> list[str]:
    entries = []
    for raw in _text(name, language).splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if line:
            entries.append(line)
    return entries


@lru_cache(maxsize=None)
def words(name: str, language: str = LANGUAGE) -> frozenset[str]:
    """The lower-cased entries of a word list (the alias side of `alias = canonical` lines)."""
    return frozenset(entry.split(" = ")[0].strip().lower() for entry in _entries(f"{name}.txt", language))


@lru_cache(maxsize=None)
def ordered(name: str, language: str = LANGUAGE) -> tuple[str, ...]:
    """The entries of a word list as written, in file order."""
    return tuple(entry.split(" = ")[0].strip() for entry in _entries(f"{name}.txt", language))


@lru_cache(maxsize=None)
def table(name: str, language: str = LANGUAGE) -> dict[str, str]:
    """Lower-cased alias -> canonical spelling; an entry without ` = ` maps to itself."""
    mapping = {}
    for entry in _entries(f"{name}.txt", language):
        alias, _, canonical = (part.strip() for part in entry.partition(" = "))
        mapping[alias.lower()] = canonical or alias
    return mapping


@lru_cache(maxsize=None)
def data(name: str, language: str = LANGUAGE) -> Any:
    """A JSON resource."""
    return json.loads(_text(f"{name}.json", language))


@lru_cache(maxsize=None)
def alternation(name: str, language: str = LANGUAGE) -> str:
    """A word list as a regular-expression alternation, longest entries first."""
    return "|".join(re.escape(entry) for entry in sorted(ordered(name, language), key=lambda e: (-len(e), e)))
