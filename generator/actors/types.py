"""Actor types: what the recogniser's labels, titles, the gazetteer and name words say."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from generator import resources
from generator.actors import places
from generator.model import ActorType, Mention

Kind = ActorType
KINDS: tuple[Kind, ...] = ("person", "organization", "place", "event", "group", "other")
"""Every type, in the order that settles a tie (person first)."""
LABEL_KINDS: dict[str, Kind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "PRODUCT": "other",
}
NON_PEOPLE = frozenset({"organization", "place", "group", "event", "other"})
TITLE_WEIGHT = 2
GAZETTEER_WEIGHT = 2
MAJOR_PLACE_WEIGHT = 2
"""Per mention: a country or a city of a million outweighs any label the recogniser gave it."""
NAME_WORD_WEIGHT = 2
LOCATIVE_WEIGHT = 2


def votes(name: str, mentions: Iterable[Mention], language: str = resources.LANGUAGE) -> Counter[Kind]:
    """Weighted votes for each type from one name's mentions and the name itself."""
    mentions = list(mentions)
    tally: Counter[Kind] = Counter()
    event_titles = resources.words("event_titles", language)
    for mention in mentions:
        if mention.title and mention.title.lower() in event_titles:
            tally["event"] += TITLE_WEIGHT
        elif mention.title:
            tally["person"] += TITLE_WEIGHT
        if mention.label in LABEL_KINDS:
            tally[LABEL_KINDS[mention.label]] += 1
        if mention.locative:
            tally["place"] += LOCATIVE_WEIGHT  # 'in X', 'off X': whatever the recogniser said
    words = name.lower().split()
    if len(words) > 1 and words[0] in event_titles:
        tally["event"] += TITLE_WEIGHT  # 'Storm Daniel' written as one name
    usual = places.canonical(name, language)
    if usual is not None and places.is_major(usual):
        tally["place"] += MAJOR_PLACE_WEIGHT * max(1, len(mentions))
    elif usual is not None and not tally["person"] > tally["place"] + GAZETTEER_WEIGHT:
        tally["place"] += GAZETTEER_WEIGHT
    if len(words) > 1 and any(w in resources.words("org_words", language) for w in words):
        tally["organization"] += NAME_WORD_WEIGHT
    return tally


def decide(tally: Counter[Kind]) -> Kind:
    """The type with the most votes; ties in a fixed order (person first)."""
    if not tally:
        return "other"
    return max(KINDS, key=lambda kind: tally[kind])  # max keeps the first of equal counts: KINDS order


def compatible(a: Kind, b: Kind, loose: bool = False) -> bool:
    """Two names of these types may be one actor (loosely: the recogniser often swaps
    organisation and place labels of one name, never a person's)."""
    return a == b or loose and a in NON_PEOPLE and b in NON_PEOPLE


def is_demonym(name: str, language: str = resources.LANGUAGE) -> bool:
    """'Libyan', 'Russians': a nationality word, context rather than an actor."""
    table = resources.data("demonyms", language)
    return name in table or name.rstrip("s") in table
