"""Keys that make two spellings of one name meet: folded forms, skeletons, phonetic codes.

A name is folded (accents, case, dots, hyphens and apostrophes off), cut into tokens, and
each token is rewritten by the transliteration rules (data: `resources/<lang>/transliteration.json`,
e.g. kh -> h, -yev -> -ev, doubled letters collapsed) and coded phonetically (`jellyfish`
metaphone). Arabic articles (al-, el-, ad-...), corporate suffixes (Co., Inc.) and place
designators (region, oblast) are set aside so that they do not decide a match. A personal
name is cut into family and given names by `nameparser`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from nameparser import HumanName
from unidecode import unidecode

from generator import resources

ARTICLES = frozenset({"al", "el", "ad", "ed", "as", "ash", "at", "az", "ar", "an", "ul", "bin", "ben", "ibn", "abu", "the"})
"""Particles written or left out freely in transliterated names ('al-Mismari' / 'Mismari')."""
ORG_SUFFIXES = frozenset({"co", "corp", "corporation", "inc", "ltd", "llc", "plc", "ag", "sa", "nv", "gmbh", "group", "holdings", "company"})
LEADING_DESIGNATORS = frozenset({"co", "mount"})
"""Words written before a place's own name that a shorter spelling leaves out."""
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "jr": "junior", "sr": "senior"}
TOKEN = re.compile(r"[a-z0-9&]+")


@lru_cache(maxsize=None)
def _rules(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    table = resources.data("transliteration", language)["rules"]
    return tuple((re.compile(pattern), replacement) for pattern, replacement in table)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case ASCII with dots, hyphens, dashes and apostrophes made spaces or removed."""
    text = unidecode(text).lower()
    text = re.sub(r"['’`]s\b", "", text)
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[-–—_/]", " ", text)
    return " ".join(TOKEN.findall(text))


def tokens(text: str) -> tuple[str, ...]:
    """Folded tokens with abbreviations spelt out ('St' -> 'saint')."""
    return tuple(ABBREVIATIONS.get(token, token) for token in fold(text).split())


def _particles(text: str) -> set[str]:
    """Folded particles as the text writes them: in lower case or joined by a hyphen to the next
    word ('al-Sisi', 'Al-Sisi', 'bin Salman'); 'Ed Miliband' or 'Ben Stokes' hold none."""
    written = re.findall(r"\b([^\W\d_]+)(-?)", unidecode(text))
    return {word.lower() for word, hyphen in written if word.lower() in ARTICLES and (word.islower() or hyphen)}


def core_tokens(text: str, kind: str, language: str = resources.LANGUAGE) -> tuple[str, ...]:
    """Tokens that identify the name: particles, corporate suffixes and designators set aside."""
    all_tokens = tokens(text)
    particles = _particles(text)
    found = [t for t in all_tokens if t not in particles or len(all_tokens) == 1]
    if kind == "organization":
        while len(found) > 1 and found[-1] in ORG_SUFFIXES:
            found.pop()
    if kind == "place":
        designators = resources.words("place_designators", language)
        while len(found) > 1 and found[-1] in designators:
            found.pop()
        while len(found) > 1 and found[0] in designators | LEADING_DESIGNATORS:
            found.pop(0)  # 'County Galway', 'Co Galway
    return tuple(found)


@lru_cache(maxsize=200_000)
def skeleton(token: str, language: str = resources.LANGUAGE) -> str:
    """A token rewritten by the transliteration rules, doubled letters collapsed."""
    for pattern, replacement in _rules(language):
        token = pattern.sub(replacement, token)
    return re.sub(r"(.)\1+", r"\1", token)


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """Metaphone code of a skeleton token (numerals and acronyms stay as they are)."""
    if not token.isalpha() or len(token) <= 2:
        return token
    return jellyfish.metaphone(token) or token


@dataclass(frozen=True)
class NameKey:
    """The comparable forms of one name."""

    exact: str
    """Folded tokens joined: equal for case, accent, dot and hyphen variants."""
    core: tuple[str, ...]
    skeletons: tuple[str, ...]
    codes: tuple[str, ...]

    @property
    def sound(self) -> str:
        return " ".join(self.codes)


@lru_cache(maxsize=200_000)
def key(text: str, kind: str, language: str = resources.LANGUAGE) -> NameKey:
    """All keys of a name of the given actor type."""
    core = core_tokens(text, kind, language)
    skeletons = tuple(skeleton(t, language) for t in core)
    return NameKey(" ".join(tokens(text)), core, skeletons, tuple(phonetic(s) for s in skeletons))


MAX_GIVEN_NAMES = 3


@lru_cache(maxsize=200_000)
def person_parts(text: str, language: str = resources.LANGUAGE) -> tuple[str, str] | None:
    """(family, given) skeletons of a personal name, as `nameparser` reads it: titles and
    suffixes left out ('Martin Luther King Jr.' -> king / martin luther), a family name with
    its particles ('Lula da Silva' -> silva); None without both parts."""
    words = text.split()
    if len(words) == 2 and all(word.isalpha() and word[:1].isupper() for word in words):
        given_text, family_text = words  # 'Given Family': nothing for the parser to decide, and parsing is slow
    else:
        parsed = HumanName(text)
        given_text, family_text = (f"{parsed.first} {parsed.middle}" if parsed.first else ""), parsed.last
    family = core_tokens(family_text, "person", language)
    given = core_tokens(given_text, "person", language)
    if not family or not given or len(given) > MAX_GIVEN_NAMES:
        return None
    return skeleton(family[-1], language), " ".join(skeleton(t, language) for t in given)


def initials(text: str) -> str:
    """Initials of the capitalised words and hyphen parts ('Paris Saint-Germain' -> 'psg')."""
    parts = re.findall(r"[A-Z][\w&]*", unidecode(text))
    return "".join(p[0] for p in parts).lower()


def is_acronym(text: str) -> bool:
    """'LNA', 'PSG', 'SOHR': two to eight capitals (dots allowed)."""
    bare = text.replace(".", "").replace("&", "")
    return 2 <= len(bare) <= 8 and bare.isupper() and bare.isalpha()
