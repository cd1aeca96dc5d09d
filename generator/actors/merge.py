"""Merging: every spelling of one actor across the digest becomes one group.

The unit is a Name: one spelling (exact key) of one entity in one article, with what the
article says of it. Passes run in the order of PASSES; each proposes pairs of Names to join,
with the evidence that justifies it, and a union-find records the joins. Every pass looks only
at candidates that share a blocking key (a folded token, a phonetic code, initials), so
merging stays near-linear in the number of names. `--explain NAME` logs every join that
touched a matching name and the pass that made it.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import jellyfish
from rapidfuzz import fuzz

from generator import resources
from generator.actors import names, places
from generator.actors.types import KINDS, Kind, compatible
from generator.settings import ActorSettings

log = logging.getLogger(__name__)

CONNECTORS = frozenset({"of", "de", "del", "da", "di", "du", "on", "upon", "and"})
WEAK_EVIDENCE = 2
"""A name mentioned at most this often takes the type of the other names spelt the same."""
GIVEN_NAME_MIN = 60
"""Least similarity of two sound-alike given names of one person ('Aleksandr' / 'Alexander')."""
SOUND_ALIKE_MIN_LENGTH = 5
CONTEXT_MIN_SHARED = 2
CONTEXT_MIN_OVERLAP = 0.25
"""Share of the other actors named beside two sound-alike names that they have in common."""


@dataclass
class Name:
    """One spelling of one entity in one article (mutable while the merge runs)."""

    id: int
    article: int
    """Position of the article in the digest."""
    text: str
    """The bare name as written (most frequent casing)."""
    kind: Kind
    mentions: int
    votes: Counter[Kind] = field(default_factory=Counter)
    """The type votes of its mentions and spelling (`types.votes`), which decided its kind."""
    forms: Counter[str] = field(default_factory=Counter)
    """Surface forms with titles, as written."""
    aliases: set[str] = field(default_factory=set)
    located: bool = False
    """Some mention puts it on the map ('in X', 'off X')."""
    titled: bool = False
    """Some mention carries a person's title ('Senator X')."""
    first: int = 0
    """Position of its first mention among the article's mentions."""
    last: int = 0
    """Position of its last mention among the article's mentions."""

    @property
    def weak(self) -> bool:
        """Too little evidence of its own type to stand apart from a namesake."""
        return self.mentions <= WEAK_EVIDENCE and not self.titled and not self.located

    @property
    def sure(self) -> bool:
        """Its type rests on more than the recogniser's label: a person's title, a preposition of
        place, the gazetteer, or an organisation word in the name."""
        if self.titled or self.located:
            return True
        if self.kind == "place":
            return places.canonical(self.text) is not None
        return self.kind == "organization" and any(w in resources.words("org_words") for w in self.key.core)

    def __post_init__(self) -> None:
        self.key = names.key(self.text, self.kind)


class UnionFind:
    """Disjoint sets over name ids; the smaller id is the root."""

    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        low, high = sorted((root_a, root_b))
        self.parent[high] = low
        return True

    def groups(self) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            found[self.find(item)].append(item)
        return found


@dataclass
class MergeState:
    names: list[Name]
    sets: UnionFind
    settings: ActorSettings
    explain: str | None = None
    people: dict[int, set[tuple[str, str]]] = field(default_factory=dict)
    """Group root -> (family name, given name) of the full personal names in the group."""
    longer: dict[int, set[str]] = field(default_factory=dict)
    """Group root -> the names of several words in the group."""

    def __post_init__(self) -> None:
        for name in self.names:
            person = _full_person(name)
            if person:
                self.people[name.id] = {person}
            if len(name.key.core) > 1:
                self.longer[name.id] = {" ".join(name.key.core)}

    def join(self, a: Name, b: Name, rule: str) -> bool:
        """Join the groups of two names, unless that would make one actor of two people or bridge
        two longer names through a one-word one; whether they are one group now."""
        root_a, root_b = self.sets.find(a.id), self.sets.find(b.id)
        if root_a == root_b:
            return True
        if _different_people(self.people.get(root_a, set()), self.people.get(root_b, set())) or self._bridge(a, b, root_a, root_b):
            self._explain("kept apart (%s would join two actors): %r, %r", rule, a, b)
            return False
        self.sets.union(a.id, b.id)
        root = self.sets.find(a.id)
        self.people[root] = self.people.pop(root_a, set()) | self.people.pop(root_b, set())
        self.longer[root] = self.longer.pop(root_a, set()) | self.longer.pop(root_b, set())
        self._explain("merge (%s): %r + %r", rule, a, b)
        return True

    def _explain(self, message: str, rule: str, a: Name, b: Name) -> None:
        """Log a decision on two names (only those that hold the --explain text, when given)."""
        if self.explain is None or self.explain.lower() in f"{a.text} {b.text}".lower():
            log.debug(message, rule, a.text, b.text)

    def _bridge(self, a: Name, b: Name, root_a: int, root_b: int) -> bool:
        """Two one-word names that already stand for different longer names ('Union' read as
        'Union Bank' in one article and as 'Union Station' in another) must not join them."""
        if len(a.key.core) > 1 or len(b.key.core) > 1:
            return False
        left, right = self.longer.get(root_a, set()), self.longer.get(root_b, set())
        return bool(left and right and not left & right)


def _full_person(name: Name) -> tuple[str, str] | None:
    """(family, given) skeletons of a personal name with both, else None."""
    return names.person_parts(name.text) if name.kind == "person" else None


def _different_people(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool:
    """Two groups hold full names with one family name and given names that are not one name
    ('Ed Miliband' / 'David Miliband'): they are two people."""
    for family, given in a:
        for other_family, other_given in b:
            if family == other_family and given != other_given and not _one_given_name(given, other_given):
                return True
    return False


def _one_given_name(a: str, b: str) -> bool:
    """Spellings of one given name: the same first word ('Maria' / 'Maria Luisa'), sound-alikes
    ('Yusuf' / 'Yousuf'), or one letter apart ('Ihor' / 'Igor')."""
    first_a, first_b = a.split()[0], b.split()[0]
    if first_a == first_b or min(len(first_a), len(first_b)) >= 4 and jellyfish.damerau_levenshtein_distance(first_a, first_b) <= 1:
        return True
    return names.phonetic(first_a) == names.phonetic(first_b) and fuzz.ratio(a, b) >= GIVEN_NAME_MIN


def given_name_variants(state: MergeState) -> None:
    """One person whose given name is spelt two ways: the same family name and given names that
    are one name ('Ihor Kovalenko' / 'Igor Kovalenko', 'Aleksandr Petrov' / 'Alexander Petrov')."""
    parts = {n.id: person for n in state.names if (person := _full_person(n))}
    people = [n for n in state.names if n.id in parts]
    for group in _blocks(people, lambda n: [parts[n.id][0]]).values():
        spellings = _spellings(group)
        for i, first in enumerate(spellings):
            for other in spellings[i + 1 :]:
                given_a, given_b = parts[first.id][1], parts[other.id][1]
                if given_a != given_b and _one_given_name(given_a, given_b) and _kinds_agree(first, other):
                    state.join(first, other, "given-name variant")


Pass = Callable[[MergeState], None]


def _blocks(items: Iterable[Name], key: Callable[[Name], Iterable[str]]) -> dict[str, list[Name]]:
    found: dict[str, list[Name]] = defaultdict(list)
    for item in items:
        for value in key(item):
            if value:
                found[value].append(item)
    return found


def local_short_forms(state: MergeState) -> None:
    """Within one article, a one-word name is the article's longer name that contains it
    ('Raisi' after 'Ebrahim Raisi'), whatever label the recogniser gave each mention."""
    by_article = _blocks((n for n in state.names if len(n.key.core) > 1), lambda n: [f"{n.article}:{k}" for k in _short_keys(n)])
    for name in state.names:
        if len(name.key.core) != 1 or names.is_acronym(name.text):
            continue
        token = name.key.skeletons[0]
        candidates = [c for kind in KINDS for c in by_article.get(f"{name.article}:{kind}:{token}", [])]
        # A short form points back to a name written before it ('Ed Miliband ... Mr Miliband').
        candidates = [c for c in candidates if _may_shorten(name, c) and c.first < name.last]
        chosen = _one_referent(candidates, state, unique=not any(c.kind == "person" for c in candidates))
        if chosen is not None and state.join(name, chosen, "short form in article"):
            name.kind = chosen.kind


def _may_shorten(short: Name, long: Name) -> bool:
    """Whether a one-word name in an article can be short for a longer name of that article.

    A place the gazetteer knows or the text locates ('in Washington') is only short for a
    longer place, and a titled person ('Mrs Okafor') for a person or a name whose type is
    only the recogniser's guess. Otherwise any one-word name can be a person's surname (the
    recogniser often labels a bare surname as an organisation or a place), and a name that is
    not surely a person's can be short for an organisation or a place ('Vantor' for 'Vantor
    Industries').
    """
    if short.kind == "place" and short.sure:
        return long.kind == "place"
    if short.titled:
        return long.kind == "person" or not long.sure
    if long.kind == "person":
        return True
    return short.kind != "person" or not short.sure


def _kinds_agree(a: Name, b: Name) -> bool:
    """The same type, or one of them typed only by the recogniser's guess."""
    return a.kind == b.kind or not (a.sure and b.sure)


def same_spelling(state: MergeState) -> None:
    """Names that fold to the same text (case, accents, dots, hyphens) are one actor, unless
    their types disagree on strong evidence (a person and a place called alike)."""
    for group in _blocks(state.names, lambda n: [n.key.exact]).values():
        votes: Counter[str] = Counter()
        for name in group:
            votes[name.kind] += name.mentions
        kind = max(sorted(votes), key=lambda k: votes[k])
        anchor = next(name for name in group if name.kind == kind)
        for other in group:
            if other is anchor or not (compatible(kind, other.kind, loose=True) or other.weak):
                continue
            if state.join(anchor, other, "same spelling") and other.weak:
                other.kind = kind


def same_core(state: MergeState) -> None:
    """Names equal once particles, corporate suffixes and place designators are set aside."""
    for group in _blocks(state.names, lambda n: [" ".join(n.key.core)]).values():
        for other in group[1:]:
            if compatible(group[0].kind, other.kind) or len(other.key.core) > 1 and _kinds_agree(group[0], other):
                state.join(group[0], other, "same core")


def gazetteer_places(state: MergeState) -> None:
    """Places the gazetteer gives one name ('Marrakech' / 'Marrakesh')."""
    found = _blocks((n for n in state.names if n.kind != "person"), lambda n: [places.canonical(" ".join(n.key.core)) or ""])
    for group in found.values():
        for other in group[1:]:
            state.join(group[0], other, "gazetteer")


def stated_aliases(state: MergeState) -> None:
    """The text equates two names: 'Libyan National Army (LNA)', 'X, known as Y'."""
    by_article = _blocks(state.names, lambda n: [f"{n.article}:{n.key.exact}"])
    for name in state.names:
        for alias in name.aliases:
            for other in by_article.get(f"{name.article}:{names.fold(alias)}", []):
                acronym_fits = not names.is_acronym(alias) or names.initials(name.text).startswith(names.fold(alias)[:2])
                if other is not name and acronym_fits:
                    state.join(name, other, "stated alias")


def acronyms(state: MergeState) -> None:
    """An acronym joins the one multi-word name whose initials it spells ('PSG')."""
    long_forms = _blocks((n for n in state.names if len(n.key.core) > 1), lambda n: [names.initials(n.text)])
    for name in _spellings([n for n in state.names if names.is_acronym(n.text)]):
        chosen = _one_group(long_forms.get(names.fold(name.text).replace(" ", ""), []), state)
        if chosen is not None:
            state.join(name, chosen, "acronym")


def _spellings(group: Sequence[Name]) -> list[Name]:
    """One name per distinct spelling and type: comparing one copy stands for all."""
    seen: dict[tuple[str, str], Name] = {}
    for name in group:
        seen.setdefault((name.key.exact, name.kind), name)
    return list(seen.values())


def transliterations(state: MergeState) -> None:
    """Spellings that sound alike token by token and differ little ('Hifter' / 'Haftar')."""
    candidates = [n for n in state.names if not names.is_acronym(n.text)]
    for group in _blocks(candidates, lambda n: ["".join(n.key.codes)]).values():
        spellings = _spellings(group)
        for i, first in enumerate(spellings):
            for other in spellings[i + 1 :]:
                if state.sets.find(first.id) == state.sets.find(other.id) or not _kinds_agree(first, other):
                    continue
                if (first.kind == other.kind or len(first.key.core) > 1) and _spelling_variant(first, other, state.settings):
                    state.join(first, other, "transliteration")


def _spelling_variant(a: Name, b: Name, settings: ActorSettings) -> bool:
    joined_a, joined_b = "".join(a.key.skeletons), "".join(b.key.skeletons)
    if joined_a == joined_b:
        return True
    if min(len(joined_a), len(joined_b)) < settings.typo_min_length:
        return False
    return fuzz.ratio(joined_a, joined_b) >= settings.fuzzy_min - 8 * (len(a.key.core) > 1)


def sound_alike_in_context(state: MergeState) -> None:
    """One-word names that sound alike and are named beside the same other actors are one
    ('Gaddafi' / 'Qaddafi' among Libya and Tripoli). Sounding alike is not enough on its own:
    'Martin' and 'Morton' share a phonetic code, not a story."""
    context = _contexts(state)
    single = [n for n in state.names if len(n.key.core) == 1 and len(n.key.skeletons[0]) >= SOUND_ALIKE_MIN_LENGTH]
    for group in _blocks(single, lambda n: [n.kind + ":" + n.key.codes[0]]).values():
        spellings = _spellings(group)
        for i, first in enumerate(spellings):
            for other in spellings[i + 1 :]:
                a, b = state.sets.find(first.id), state.sets.find(other.id)
                if a == b or fuzz.ratio(first.key.skeletons[0], other.key.skeletons[0]) < state.settings.sound_alike_min:
                    continue  # 'Hassan' / 'Hussein': two men of one story, spelt too differently
                shared = (context[a] & context[b]) - {a, b}
                if len(shared) >= CONTEXT_MIN_SHARED and len(shared) / len((context[a] | context[b]) - {a, b}) >= CONTEXT_MIN_OVERLAP:
                    state.join(first, other, "sounds alike in the same context")


def _contexts(state: MergeState) -> dict[int, set[int]]:
    """For each group, the groups named in the same articles."""
    by_article: dict[int, set[int]] = defaultdict(set)
    for name in state.names:
        by_article[name.article].add(state.sets.find(name.id))
    context: dict[int, set[int]] = defaultdict(set)
    for name in state.names:
        context[state.sets.find(name.id)] |= by_article[name.article]
    return context


def name_order(state: MergeState) -> None:
    """One person written given-name-first and family-name-first ('Kim You-jin' / 'You Jin Kim')."""
    people = [n for n in state.names if n.kind == "person" and len(n.key.core) > 1]
    for group in _blocks(people, lambda n: ["".join(sorted(n.key.skeletons))]).values():
        for other in group[1:]:
            state.join(group[0], other, "name order")
    # 'Jay Y. Lee' / 'Lee Jae-yong': one family name, given names with the same initials in order.
    for group in _blocks(people, _family_and_initials).values():
        spellings = _spellings(group)
        for i, name in enumerate(spellings):
            for other in spellings[i + 1 :]:
                if state.sets.find(other.id) != state.sets.find(name.id) and _same_person_reordered(name, other):
                    state.join(name, other, "initials")


def _family_and_initials(name: Name) -> list[str]:
    """Blocking keys: the first or the last word as family name, and the initials of the rest."""
    skeletons = name.key.skeletons
    keys = []
    for family in {skeletons[0], skeletons[-1]}:
        rest = [s for s in skeletons if s != family]
        keys.append(family + "|" + "".join(s[0] for s in rest if s))
    return keys


def _same_person_reordered(a: Name, b: Name) -> bool:
    sa, sb = list(a.key.skeletons), list(b.key.skeletons)
    for family in set(sa) & set(sb):
        rest_a = [s for s in sa if s != family]
        rest_b = [s for s in sb if s != family]
        if not rest_a or not rest_b or len(rest_a) != len(rest_b):
            continue
        same_initials = [x[0] for x in rest_a] == [y[0] for y in rest_b]
        sound_alike = names.phonetic(rest_a[0]) == names.phonetic(rest_b[0])
        order_differs = sa.index(family) != sb.index(family)
        if same_initials and sound_alike and order_differs:
            return True
    return False


def short_forms(state: MergeState) -> None:
    """A one-word name joins the one longer name it is part of ('Haftar' -> 'Khalifa Haftar').

    Within an article first (the article's own referent), else across the digest when only one
    group has such a name. People match by family name (last word, or first for family-name-first
    names), organisations by their first word, places by any word.
    """
    longer = [n for n in state.names if len(n.key.core) > 1]
    # Blocks are keyed by type, so a candidate always has the name's type.
    index = _blocks(longer, _short_keys)
    in_article = _blocks(longer, lambda n: [f"{n.article}|{key}" for key in _short_keys(n)])
    for name in state.names:
        if len(name.key.core) != 1:
            continue
        block = name.kind + ":" + name.key.skeletons[0]
        local = in_article.get(f"{name.article}|{block}", [])
        chosen = _one_referent(local, state, unique=name.kind != "person") or _one_group(index.get(block, []), state)
        if chosen is not None:
            state.join(name, chosen, "short form")


def _short_keys(name: Name) -> list[str]:
    skeletons = name.key.skeletons
    if name.kind == "person":
        return [f"person:{skeletons[-1]}", f"person:{skeletons[0]}"]
    if "-" in name.text:
        return [f"{name.kind}:{skeletons[0]}"]  # 'Komsomolsk-on-Amur' is not 'Amur'
    if name.kind == "place" and set(names.tokens(name.text)) & (names.ARTICLES | CONNECTORS):
        return []  # 'Port of Valdora' is not 'Valdora'
    return [f"{name.kind}:{skeletons[0]}", f"{name.kind}:{skeletons[-1]}"]


def _one_referent(local: Sequence[Name], state: MergeState, unique: bool = False) -> Name | None:
    """The article's most mentioned candidate group (the first one named on a tie); with
    `unique`, only when there is a single candidate group."""
    if not local or unique and len({state.sets.find(c.id) for c in local}) > 1:
        return None
    weight: Counter[int] = Counter()
    first: dict[int, Name] = {}
    for candidate in sorted(local, key=lambda c: (c.first, c.id)):
        root = state.sets.find(candidate.id)
        weight[root] += candidate.mentions
        first.setdefault(root, candidate)
    root = max(weight, key=lambda r: (weight[r], -first[r].first, -first[r].id))
    return first[root]


def _one_group(candidates: Sequence[Name], state: MergeState) -> Name | None:
    """The first candidate when all the candidates are in one group, else None."""
    if not candidates:
        return None
    # A common family name's block holds thousands of names: stop at the second group.
    root = state.sets.find(candidates[0].id)
    return candidates[0] if all(state.sets.find(c.id) == root for c in candidates) else None


PASSES: tuple[Pass, ...] = (
    local_short_forms,
    same_spelling,
    gazetteer_places,
    stated_aliases,
    same_core,
    transliterations,
    given_name_variants,
    name_order,
    acronyms,
    short_forms,
    sound_alike_in_context,
)


def merge(all_names: list[Name], settings: ActorSettings, explain: str | None = None) -> list[list[Name]]:
    """Groups of names that are one actor each, every pass applied in order."""
    state = MergeState(all_names, UnionFind(len(all_names)), settings, explain)
    for rule in PASSES:
        rule(state)
    return [[all_names[i] for i in members] for _, members in sorted(state.sets.groups().items())]
