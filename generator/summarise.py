"""What a reader scans first in a topic section: label, key points, timeline; and
the 2-3 key sentences of every article.

Everything is extractive and deterministic:

* **Label** = a named event (EVENT entity in the titles or leads of more than
  half the topic's articles: "Florence Marathon"), else anchor place + head
  phrase. The anchor is the place (GPE, with its demonym counted as the same
  stem) named in most of the topic's articles, weighted by how few topics name
  it (a venue shared with other topics gives way to the country the story is
  about); a place named only to locate another ("west of Sydney", "near Lyon")
  does not count; between equals, the one the lead names first. The head phrase
  (never a role noun such as "envoy": actors are listed apart) is a noun or noun compound from the titles,
  standfirsts and lead sentences (parsed with the project's spaCy pipeline; an
  ALL-CAPS title is first given the body's spelling, and a title that is a
  photo caption or credit line is not read) or from the article and topic
  keyphrases (a two-word one whole when the parse reads its first word as a
  noun: "rail strike"; never a unit counted by a number: "euros"), scored by
  coverage across the topic's articles x frequency x how specific it is to this
  topic among all topics, a lone word lowered by its general-English
  frequency (wordfreq Zipf: "bank" < "bushfires"). A second phrase is joined with
  "and" when it scores at least ``SECOND_PHRASE_MIN`` of the first (0.85 for a
  one-article topic), is in at least half of the titles, and shares no word or
  head with the first ("earthquake and quake" is never joined). A title that is
  a photo caption or credit line is not read.
* **Key points**: sentences scored by cosine with the topic centroid (content
  words weighted by how many of the topic's articles use them) plus a lead
  bonus, chosen greedily one per article first, skipping any sentence whose
  word overlap (Jaccard) with a chosen one is above ``REDUNDANT_MAX``.
* **Timeline**: sentences with a resolvable date ("on Tuesday" in an article of
  Saturday 6 December 2025 is 2 December; "Jan. 1" is the nearest 1 January;
  "yesterday"; full dates), one event per sentence, near-duplicates on the same
  day dropped, at most ``TIMELINE_MAX`` events, newest last.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources

from generator.model import (
    ActorIndex,
    Analysis,
    Article,
    KeyPoint,
    TimelineEvent,
    Topic,
)
from generator.slugs import slugify, unique
from generator.text import (
    MONTH_PATTERN,
    MONTHS,
    content_words,
    data_words,
    find_date,
    is_shouting,
    looks_like_furniture,
    uncap,
    zipf,
)

KEY_POINTS_MAX = 5
KEY_POINTS_MIN = 3
REDUNDANT_MAX = 0.45
SECOND_PHRASE_MIN = 0.7
SECOND_PHRASE_SINGLE_MIN = 0.85
"""A one-article topic has every phrase in its only title, so the bar is higher."""
TIMELINE_MAX = 8
LABEL_ARTICLES = 4
"""How many of a topic's most central articles are parsed for label phrases."""
LEAD_BONUS = (0.15, 0.08, 0.04)
SENTENCE_WORDS = (7, 55)
TOPIC_ACTORS_MAX = 8
TOPIC_KEYPHRASES_MAX = 10
ARTICLE_KEYPHRASES_MAX = 5

_PRONOUN_START = frozenset("he she it they this that these those his her its their but and so also".split())
_QUOTE_START = "\"“‘'"


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    text = resources.files("generator").joinpath("data", "segment_label_generic.txt").read_text(encoding="utf-8")
    return frozenset(
        t for w in text.splitlines() if w.strip() and not w.startswith("#") for t in content_words(w) or [w.strip().lower()]
    )


# ---------------------------------------------------------------------------
# Sentences and scores


def _sentences(article: Article, analysis: Analysis | None) -> list[str]:
    if analysis is not None and analysis.sentences:
        return [" ".join(s.split()) for s in analysis.sentences if s.strip()]
    return [s for p in article.paragraphs for s in re.split(r"(?<=[.!?][\"”’]?)\s+(?=[A-Z“\"])", p) if s.strip()]


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _sentence_weight(sentence: str) -> float:
    """Penalty for sentences that read badly out of context."""
    words = sentence.split()
    if not SENTENCE_WORDS[0] <= len(words) <= SENTENCE_WORDS[1]:
        return 0.3
    first = re.sub(r"\W", "", words[0]).lower()
    weight = 1.0
    if sentence[0] in _QUOTE_START:
        weight *= 0.75
    if first in _PRONOUN_START:
        weight *= 0.6
    if sentence.rstrip()[-1:] not in ".!?\"”’":
        weight *= 0.7
    return weight


def _scored(
    article: Article, sentences: list[str], centroid: Mapping[str, float]
) -> list[tuple[float, int, str, set[str]]]:
    out = []
    for k, s in enumerate(sentences):
        words = content_words(s)
        tf = Counter(words)
        score = _cos(tf, centroid) * _sentence_weight(s)
        if k < len(LEAD_BONUS):
            score += LEAD_BONUS[k]
        out.append((score, k, s, set(words)))
    return out


# ---------------------------------------------------------------------------
# Key points and article summaries


def _select(
    candidates: list[tuple[float, int, int, str, set[str]]], limit: int, per_article_first: bool
) -> list[tuple[float, int, int, str, set[str]]]:
    """Greedy choice of high scores without redundancy, one per article first."""
    ranked = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))
    chosen: list[tuple[float, int, int, str, set[str]]] = []
    rounds = (True, False) if per_article_first else (False,)
    for one_each in rounds:
        used = {c[1] for c in chosen}
        for cand in ranked:
            if len(chosen) >= limit:
                break
            if cand in chosen or (one_each and cand[1] in used):
                continue
            if any(_jaccard(cand[4], c[4]) > REDUNDANT_MAX for c in chosen):
                continue
            if _sentence_weight(cand[3]) < 0.5:
                continue
            chosen.append(cand)
            used.add(cand[1])
    return chosen


def _article_summary(article: Article, sentences: list[str]) -> tuple[str, ...]:
    if not sentences:
        return (article.title,) if article.title else ()
    tf = Counter(content_words(article.body))
    for w in content_words(article.title or ""):
        tf[w] += 2
    centroid = {w: 1.0 + math.log(c) for w, c in tf.items()}
    scored = _scored(article, sentences, centroid)
    want = 3 if len(sentences) >= 6 else min(2, len(sentences))
    cands = [(s, 0, k, text, words) for s, k, text, words in scored]
    chosen = _select(cands, want, per_article_first=False)
    if not chosen:
        chosen = sorted(cands, key=lambda c: (-c[0], c[2]))[:want]
    return tuple(c[3] for c in sorted(chosen, key=lambda c: c[2]))


# ---------------------------------------------------------------------------
# Dates

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(rf"\b(?:(last|this|next|on|early on|late on)\s+)?({'|'.join(_WEEKDAYS)})\b", re.I)
_DAY_MONTH_RE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_PATTERN})\b\.?(?!\s*,?\s*\d{{4}})", re.I)
_MONTH_DAY_RE = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})(?![\d:])", re.I)
_RELATIVE_RE = re.compile(r"\b(yesterday|today|tonight|this morning|this afternoon|this evening)\b", re.I)
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:due|set|expected|scheduled|to)|plans? to (?:meet|hold|visit|travel|return|vote))\b|['’]ll\b",
    re.I,
)


def _parse_iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


def resolve_date(sentence: str, ref: dt.date | None) -> dt.date | None:
    """The date a sentence refers to, resolved against the article date."""
    full = find_date(sentence)
    if full:
        return dt.date.fromisoformat(full)
    if ref is None:
        return None
    hits: list[tuple[int, dt.date]] = []
    future = bool(_FUTURE_RE.search(sentence))
    for m in _WEEKDAY_RE.finditer(sentence):
        modifier = (m.group(1) or "").lower()
        target = _WEEKDAYS.index(m.group(2).lower())
        delta = (ref.weekday() - target) % 7
        if modifier == "next" or (future and modifier != "last"):
            ahead = (target - ref.weekday()) % 7
            if modifier == "next" and ahead == 0:
                ahead = 7
            hits.append((m.start(), ref + dt.timedelta(days=ahead)))
        else:
            if modifier == "last" and delta == 0:
                delta = 7
            hits.append((m.start(), ref - dt.timedelta(days=delta)))
    for m in _DAY_MONTH_RE.finditer(sentence):
        d = _nearest_year(MONTHS[m.group(2).lower()], int(m.group(1)), ref)
        if d:
            hits.append((m.start(), d))
    for m in _MONTH_DAY_RE.finditer(sentence):
        d = _nearest_year(MONTHS[m.group(1).lower()], int(m.group(2)), ref)
        if d:
            hits.append((m.start(), d))
    for m in _RELATIVE_RE.finditer(sentence):
        word = m.group(1).lower()
        hits.append((m.start(), ref - dt.timedelta(days=1) if word == "yesterday" else ref))
    return min(hits)[1] if hits else None


# ---------------------------------------------------------------------------
# Labels


def _stem_key(text: str) -> str:
    return "_".join(content_words(text)) or text.lower()


def _anchor(
    group: Sequence[int],
    articles: Sequence[Article],
    analyses: Sequence[Analysis | None],
    spread: Mapping[str, int] | None = None,
    n_groups: int = 1,
) -> tuple[str | None, set[str]]:
    """The place a topic is about (else the organisation its titles name)."""
    place = _anchor_of(group, articles, analyses, ("GPE", "NORP", "LOC"), False, spread, n_groups)
    if place[0]:
        return place
    return _anchor_of(group, articles, analyses, ("ORG",), True, spread, n_groups)


_REFERENCE_RE = re.compile(
    r"\b(?:near|outside|(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"(?:miles|kilometres|kilometers|km)\s+(?:from|of))\s+(?:the\s+)?$",
    re.I,
)
"""Words before a place that only serves to locate another ("west of Sydney", "near Lyon")."""


def _entity_spread(
    groups: Sequence[Sequence[int]], analyses: Sequence[Analysis | None]
) -> Counter[str]:
    """Entity stem key -> number of topics that mention it (its class-based document frequency)."""
    spread: Counter[str] = Counter()
    for group in groups:
        seen = {_stem_key(m.name) for i in group if analyses[i] is not None for m in analyses[i].mentions}
        spread.update(seen)
    return spread


def _anchor_of(
    group: Sequence[int],
    articles: Sequence[Article],
    analyses: Sequence[Analysis | None],
    labels: tuple[str, ...],
    titled_only: bool,
    spread: Mapping[str, int] | None = None,
    n_groups: int = 1,
) -> tuple[str | None, set[str]]:
    """The entity named in most of the topic's articles, preferably in titles and leads.

    Among entities named equally widely, the one that sets the topic apart wins:
    a venue shared with other topics ("Istanbul" for Sudan and Ukraine talks)
    gives way to the country the story is about.
    """
    in_articles: dict[str, set[int]] = defaultdict(set)
    prominent: dict[str, set[int]] = defaultdict(set)
    titled: dict[str, set[int]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    first: dict[str, int] = {}
    display: dict[str, Counter[str]] = defaultdict(Counter)
    for i in group:
        an = analyses[i]
        if an is None:
            continue
        title_stems = set(content_words(articles[i].title or ""))
        body = articles[i].body
        for m in an.mentions:
            if m.label not in labels:
                continue
            if _REFERENCE_RE.search(body[max(0, m.start - 30) : m.start]):
                continue  # "the Blue Mountains west of Sydney": Sydney only locates the story
            key = _stem_key(m.name)
            in_articles[key].add(i)
            mentions[key] += 1
            first[key] = min(first.get(key, m.sentence), m.sentence)
            if set(key.split("_")) <= title_stems:
                titled[key].add(i)
                prominent[key].add(i)
            elif m.sentence < 2:
                prominent[key].add(i)
            if m.label != "NORP":
                display[key][m.name] += 1
    def distinct(k: str) -> float:
        if not spread or n_groups < 2:
            return 1.0
        return math.log((n_groups + 1) / max(1, spread.get(k, 1))) + 1.0

    def weight(k: str) -> float:
        # Coverage x distinctiveness x (log) how often each article names it.
        return len(in_articles[k]) * distinct(k) * (1.0 + math.log1p(mentions[k] / len(in_articles[k])))

    ranked = sorted(
        (k for k in in_articles if display[k] and prominent[k]),
        key=lambda k: (
            -round(weight(k), 9),
            -len(titled[k]),
            -len(prominent[k]),
            -mentions[k],
            first[k],  # the lead names what the story is about first
            k,
        ),
    )
    if not ranked or len(in_articles[ranked[0]]) * 2 < len(group) or len(prominent[ranked[0]]) * 3 < len(group):
        return None, set()
    if titled_only and len(titled[ranked[0]]) * 2 < len(group):
        return None, set()
    best = ranked[0]
    name = min(display[best].items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return name, set(best.split("_"))


def _noun_phrases(
    texts: Sequence[str], title_lengths: Sequence[int]
) -> list[tuple[list[tuple[str, str]], set[str], set[str], set[str]]]:
    """For each text, its nouns and noun compounds as (stem key, surface) from the
    spaCy parse, the stems of the nouns in its first title_length characters, the
    stems of every noun, and the stems of nouns only seen after a number ("euros")."""
    from generator import nlp

    out = []
    for doc, title_length in zip(nlp.parse(texts), title_lengths, strict=True):
        phrases = []
        title_nouns = {
            w for tok in doc if tok.idx < title_length and tok.pos_ in ("NOUN", "PROPN") for w in content_words(tok.text)
        }
        nouns: set[str] = set()
        counted: set[str] = set()
        for tok in doc:
            if tok.pos_ != "NOUN" or tok.ent_type_:
                continue
            if tok.i > 0 and (doc[tok.i - 1].like_num or doc[tok.i - 1].ent_type_ in {"CARDINAL", "MONEY", "QUANTITY"}):
                counted.update(content_words(tok.text))
                continue  # a counted noun ("1.2 billion euros", "17 dead") is a measurement
            nouns.update(content_words(tok.text))
            head = content_words(tok.text)
            if len(head) != 1:
                continue
            # A noun that only modifies another ("peace" in "peace plan") counts
            # inside its compound, not alone.
            if tok.dep_ != "compound":
                phrases.append((head[0], tok.lower_))
            left = doc[tok.i - 1] if tok.i > 0 else None
            if (
                left is not None
                and left.dep_ == "compound"
                and left.pos_ == "NOUN"
                and left.head.i == tok.i
                and not left.ent_type_
                and tok.dep_ != "compound"
            ):
                mod = content_words(left.text)
                if len(mod) == 1:
                    phrases.append((f"{mod[0]} {head[0]}", f"{left.lower_} {tok.lower_}"))
        out.append((phrases, title_nouns, nouns, counted - nouns))
    return out


LONE_ZIPF = 4.0
LONE_SLOPE = 0.35
LONE_FLOOR = 0.5


def _specificity(word: str) -> float:
    """Factor in (0, 1] for a one-word head phrase: the more common the word in
    general English (wordfreq Zipf frequency), the lower."""
    return max(LONE_FLOOR, 1.0 - LONE_SLOPE * max(0.0, zipf(word) - LONE_ZIPF))


def _event(group: Sequence[int], articles: Sequence[Article], analyses: Sequence[Analysis | None]) -> str | None:
    """A named event that the topic's titles or leads name in most of its articles ("Florence Marathon")."""
    seen: dict[str, set[int]] = defaultdict(set)
    display: dict[str, Counter[str]] = defaultdict(Counter)
    for i in group:
        an = analyses[i]
        if an is None:
            continue
        title = set(content_words(_title(articles[i])))
        for m in an.mentions:
            if m.label != "EVENT" or len(m.name.split()) < 2:
                continue
            key = _stem_key(m.name)
            if m.sentence < 2 or set(key.split("_")) <= title:
                seen[key].add(i)
                display[key][m.name] += 1
    ranked = sorted(seen, key=lambda k: (-len(seen[k]), k))
    if not ranked or len(seen[ranked[0]]) * 2 <= len(group):
        return None
    return min(display[ranked[0]].items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _overlaps(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two label phrases that say the same thing: a shared word, or one head
    inside the other ("earthquake" and "quake")."""
    if set(a) & set(b):
        return True
    ha, hb = a[-1], b[-1]
    return len(min(ha, hb, key=len)) >= 4 and (ha in hb or hb in ha)


def _title(article: Article) -> str:
    """The headline, or "" when segmentation took a photo caption or credit for it."""
    title = article.title or ""
    if not title or looks_like_furniture(title):
        return ""
    if is_shouting(re.findall(r"[A-Za-z][\w'\u2019-]*", title)):
        return uncap(title, article.body)  # "RAIL STRIKE ENTERS DAY TWO" parses as names otherwise
    return title


def _add_keyphrase(
    cands: dict[str, Counter[str]], phrase: str, nouns: set[str] = frozenset(), counted: set[str] = frozenset()
) -> None:
    """A keyphrase proposes a head phrase: whole when the parse saw it as a noun
    compound, when it is two words of which the parse read the first as a noun
    ("interest rate", "rail strike"), or when it is one word that is not only
    ever counted ("euros"); else only its last word (keyphrases such as
    "fair election" or "court orders faster" are not headline nouns)."""
    stems = content_words(phrase)
    words = phrase.lower().split()
    if not stems or len(words) > 3:
        return
    key = " ".join(stems)
    if len(stems) == 1 and stems[0] in counted:
        return
    compound = len(words) == 2 and len(stems) == 2 and stems[0] in nouns
    if len(stems) == 1 or key in cands or compound:
        cands[key][phrase.lower() if len(stems) > 1 else words[-1]] += 0
    else:
        cands[stems[-1]][words[-1]] += 0


def _labels(
    articles: Sequence[Article],
    analyses: Sequence[Analysis | None],
    groups: Sequence[Sequence[int]],
    group_keyphrases: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[int]],
    article_keyphrases: Mapping[str, Sequence[str]],
) -> list[str]:
    article_words = [set(content_words(f"{a.title or ''} {' '.join(a.standfirst)} {a.body}")) for a in articles]
    article_tf = [Counter(content_words(f"{a.title or ''} {a.body}")) for a in articles]
    title_words = [set(content_words(a.title or "")) for a in articles]
    group_words = [set().union(*(article_words[i] for i in g)) if g else set() for g in groups]
    n_groups = len(groups)
    texts, owners = [], []
    for gi, order in enumerate(centrality):
        for i in order[:LABEL_ARTICLES]:
            a, an = articles[i], analyses[i]
            sents = list(an.sentences[:2]) if an and an.sentences else list(a.paragraphs[:1])
            texts.append(" . ".join([_title(a), *a.standfirst[:2], *sents]))
            owners.append((gi, i))
    parsed = _noun_phrases(texts, [len(_title(articles[i])) for _, i in owners]) if texts else []
    cands: list[dict[str, Counter[str]]] = [defaultdict(Counter) for _ in groups]
    nouns: list[set[str]] = [set() for _ in groups]
    counted: list[set[str]] = [set() for _ in groups]
    for (gi, i), (phrases, title_nouns, seen_nouns, seen_counted) in zip(owners, parsed, strict=True):
        # Only the title's nouns boost a phrase ("to meet" must not lift "meeting").
        title_words[i] = title_nouns
        nouns[gi] |= seen_nouns
        counted[gi] |= seen_counted
        for key, surface in phrases:
            cands[gi][key][surface] += 1
    counted = [c - n for c, n in zip(counted, nouns)]
    for gi, group in enumerate(groups):
        for i in group:
            for kp in list(article_keyphrases.get(articles[i].id, ()))[:ARTICLE_KEYPHRASES_MAX]:
                _add_keyphrase(cands[gi], kp, nouns[gi], counted[gi])
    for gi, kps in enumerate(group_keyphrases):
        for kp in list(kps)[:TOPIC_KEYPHRASES_MAX]:
            _add_keyphrase(cands[gi], kp, nouns[gi], counted[gi])
    generic = _generic()
    roles = {t for r in data_words("roles") for t in content_words(r)[-1:]}
    spread = _entity_spread(groups, analyses)
    labels = []
    for gi, group in enumerate(groups):
        event = _event(group, articles, analyses)
        if event:
            labels.append(event[0].upper() + event[1:])
            continue
        anchor, anchor_stems = _anchor(group, articles, analyses, spread, n_groups)
        titled = [i for i in group if articles[i].title]

        def in_titles(stems: list[str]) -> float:
            return sum(1 for i in titled if all(s in title_words[i] for s in stems)) / len(titled) if titled else 0.0

        def word_score(s: str) -> float:
            covered = sum(1 for i in group if s in article_words[i])
            tf = sum(article_tf[i][s] for i in group)
            spread = sum(1 for g in group_words if s in g) or 1
            idf = math.log((n_groups + 1) / spread) + 1.0
            return covered / len(group) * math.log(2 + tf / len(group)) * idf * (1.0 + in_titles([s]))

        # Names are the anchor's job (or the actor list's): a head phrase is what happened.
        names = {
            w for i in group if analyses[i] is not None for m in analyses[i].mentions for w in content_words(m.name)
        }
        scored = []
        for key, surfaces in cands[gi].items():
            stems = key.split()
            if any(s in generic or s in anchor_stems or s in names or len(s) < 3 for s in stems):
                continue
            if stems[-1] in roles:
                continue  # "envoy", "minister": who acts is the actor list's job, the label says what happened
            if not any(all(s in article_words[i] for s in stems) for i in group):
                continue
            score = sum(word_score(s) for s in stems) / len(stems)
            if len(stems) > 1:
                score *= 1.4 if sum(surfaces.values()) >= 2 else 1.15
            else:
                # A lone everyday noun ("bank", "finish") says less than a compound.
                score *= _specificity(min(surfaces, key=lambda w: (-surfaces[w], w)))
            surface = min(surfaces.items(), key=lambda kv: (-kv[1], kv[0]))[0]
            scored.append((score, key, surface))
        scored.sort(key=lambda t: (-t[0], t[1]))
        picked: list[tuple[float, str, str]] = []
        for cand in scored:
            stems = cand[1].split()
            if any(_overlaps(stems, p[1].split()) for p in picked):
                continue
            if picked and (
                cand[0] < (SECOND_PHRASE_MIN if len(group) > 1 else SECOND_PHRASE_SINGLE_MIN) * picked[0][0]
                or in_titles(stems) < 0.5
                or (len(group) > 1 and sum(1 for i in group if all(s in article_words[i] for s in stems)) < 2)
            ):
                continue
            picked.append(cand)
            if len(picked) == 2:
                break
        head = " and ".join(p[2] for p in picked)
        if anchor and head:
            label = f"{anchor} {head}"
        elif head:
            label = head
        elif anchor:
            label = anchor
        else:
            first = articles[group[0]]
            label = " ".join((first.title or first.paragraphs[0]).split()[:8])
        labels.append(label[0].upper() + label[1:])
    return labels


# ---------------------------------------------------------------------------
# The stage


def summarise(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    groups: Sequence[Sequence[str]],
    actors: ActorIndex,
    article_keyphrases: Mapping[str, Sequence[str]],
    group_keyphrases: Sequence[Sequence[str]],
) -> tuple[tuple[Topic, ...], dict[str, tuple[str, ...]]]:
    """One Topic per group (label, key points, timeline, actors) and each article's key sentences."""
    index = {a.id: i for i, a in enumerate(articles)}
    by_id = {an.article_id: an for an in analyses}
    aligned: list[Analysis | None] = [by_id.get(a.id) for a in articles]
    sentences = [_sentences(a, aligned[i]) for i, a in enumerate(articles)]
    summaries = {a.id: _article_summary(a, sentences[i]) for i, a in enumerate(articles)}
    idx_groups = [[index[aid] for aid in g if aid in index] for g in groups]
    # Document frequency over the whole digest, for centroid weights.
    words = [set(content_words(" ".join(sentences[i]))) for i in range(len(articles))]
    df: Counter[str] = Counter(w for ws in words for w in ws)
    n = max(1, len(articles))
    centroids = []
    centrality = []
    for g in idx_groups:
        gdf: Counter[str] = Counter(w for i in g for w in words[i])
        centroid = {w: (c / len(g)) * (math.log((n + 1) / (df[w] + 1)) + 1.0) for w, c in gdf.items() if c > 1 or len(g) == 1}
        centroids.append(centroid)
        ranks = sorted(g, key=lambda i: (-_cos(Counter(content_words(" ".join(sentences[i]))), centroid), i))
        centrality.append(ranks)
    keyphrases = list(group_keyphrases) + [()] * (len(idx_groups) - len(group_keyphrases))
    labels = _labels(articles, aligned, idx_groups, keyphrases, centrality, article_keyphrases)
    taken: set[str] = set()
    topics = []
    for gi, g in enumerate(idx_groups):
        cands = []
        for i in g:
            for score, k, text, ws in _scored(articles[i], sentences[i], centroids[gi]):
                cands.append((score, i, k, text, ws))
        limit = KEY_POINTS_MAX if len(g) > 1 else KEY_POINTS_MIN
        chosen = _select(cands, limit, per_article_first=True)
        key_points = tuple(KeyPoint(text, articles[i].id) for _, i, _, text, _ in chosen)
        topics.append(
            Topic(
                id=unique(slugify(labels[gi]), taken),
                label=labels[gi],
                articles=tuple(articles[i].id for i in g),
                keyphrases=tuple(list(keyphrases[gi])[:TOPIC_KEYPHRASES_MAX]),
                actors=_topic_actors(g, articles, actors),
                key_points=key_points,
                timeline=_timeline(g, articles, sentences, centroids[gi]),
            )
        )
    return tuple(topics), summaries


def _topic_actors(group: Sequence[int], articles: Sequence[Article], actors: ActorIndex) -> tuple[str, ...]:
    score: Counter[str] = Counter()
    for i in group:
        for rank, actor in enumerate(actors.by_article.get(articles[i].id, ())):
            score[actor] += 1.0 / (1 + rank)
    return tuple(a for a, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:TOPIC_ACTORS_MAX])


def _timeline(
    group: Sequence[int], articles: Sequence[Article], sentences: Sequence[list[str]], centroid: Mapping[str, float]
) -> tuple[TimelineEvent, ...]:
    events = []
    for i in group:
        ref = _parse_iso(articles[i].date)
        for score, k, text, ws in _scored(articles[i], sentences[i], centroid):
            when = resolve_date(text, ref)
            if when is None or _sentence_weight(text) < 0.5:
                continue
            events.append((when, score, i, k, text, ws))
    # Best first, dropping near-duplicates of the same day.
    kept: list[tuple] = []
    for ev in sorted(events, key=lambda e: (-e[1], e[2], e[3])):
        if any(ev[0] == o[0] and _jaccard(ev[5], o[5]) > 0.3 for o in kept):
            continue
        kept.append(ev)
        if len(kept) == TIMELINE_MAX:
            break
    kept.sort(key=lambda e: (e[0], e[2], e[3]))
    return tuple(TimelineEvent(e[0].isoformat(), e[4], articles[e[2]].id) for e in kept)
