"""Keyphrases: per-article candidates, then digest-wide ranking and topic phrases.

``extract`` runs once per article (the parallel "map" step) on the parse the
pipeline already made. It proposes well-formed noun phrases from spaCy noun
chunks and named entities of the body, and phrases of the headline and
standfirst, which are tokenised only and tagged from the body's parse (no
second model run). Candidates are scored by frequency, position (news puts the
key facts in the headline and lede), headline credit, YAKE's ranking of
headline, standfirst and body (the yake package, options in YAKE_OPTIONS) and an
event-noun flag ("resignation", "protests"), and lowered for everyday words by
their general-English Zipf frequency (the wordfreq package: "period", "past",
and "immediate effect"-style adjective + abstract-noun phrases). Page
furniture (captions ending in a photo credit, bylines, credit lines, a caption
taken for the headline) and names from byline/credit furniture, bare dates and
numbers are dropped; a lower-case descriptor before a name is trimmed
("environmental group Walhi" -> "Walhi"); ALL-CAPS headings take the body's
spelling of each word (acronyms stay); near-duplicates are folded by lemma,
spelling and containment, keeping the better-formed variant.

``rank`` works across all articles with sparse matrices and no pairwise
article comparisons, so it stays linear in the number of articles. Each
article's list is re-weighted by how much of its topic shares a phrase,
broad one-word nouns ("attack", "talks") give way to their specific forms
("Russian attack"), names keep the article's own spelling, a rare word that is
close to a common digest word takes its spelling ("parliment"), and the list is diversified with MMR over lemma overlap
with at most MAX_NAMES named entities: the site shows actors separately, so
keyphrases carry what happened and the issues. Each topic gets the phrases
that set it apart from the other topics by class-based TF-IDF (c-TF-IDF),
under the same rules.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import spacy.symbols
import yake
from rapidfuzz import fuzz
from scipy import sparse
from spacy.tokens import Doc, Span, Token

from generator import nlp
from generator.model import Analysis, Article, Keyphrase
from generator.text import (
    data_words,
    fold_case,
    is_shouting,
    looks_like_furniture,
    uncap,
    zipf,
)

YAKE_OPTIONS = {
    # Current snake_case names (yake 0.7.x); camelCase ones are silently ignored.
    "lan": "en",
    "n": 3,
    "dedup_lim": 0.9,
    "dedup_func": "seqm",
    "window_size": 1,
}
MAX_CANDIDATES = 30
YAKE_TOP = 40
MAX_CANDIDATE_NAMES = 12
MAX_KEYPHRASES = 10
MMR_LAMBDA = 0.7
NAME_SIMILARITY = 0.3
MAX_NAMES = 3
"""Named entities allowed in one top-10 list: the site lists actors separately,
so keyphrases carry what happened and the issues, plus the most central names."""
BROAD_DAMP = 0.6
"""Relevance factor of a broad one-word noun ("attack") when the article also
has a longer phrase containing it ("Russian attack")."""
BROAD_ALONE = 0.6
"""... and when it has none."""

_DATA = Path(__file__).resolve().parent / "data"

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
_STRIP_POS = frozenset(
    {"DET", "PRON", "ADP", "PART", "PUNCT", "CCONJ", "SCONJ", "ADV", "NUM", "SYM", "AUX", "INTJ", "X", "SPACE"}
)
_BAD_INSIDE_POS = frozenset({"DET", "PRON", "AUX", "PART", "SCONJ", "NUM", "SYM", "INTJ", "SPACE"})
_HEAD_POS = frozenset({"NOUN", "PROPN"})
_PLURAL = frozenset({"NNS", "NNPS"})
_OPENERS = frozenset({"\u201c", '"', "\u2018", "'", "(", "\u2014", "-", ":", "\n", "\n\n"})
_POS_IDS = {name: spacy.symbols.IDS[name] for name in ("NOUN", "PROPN", "VERB")}
_HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013"})

_DATELINE_RE = re.compile(r"^\s*[A-Z][A-Z .'\u2019-]{1,40}(?:,\s*[A-Z][\w .'-]{1,30})?\s*(?::|\u2014|--)\s*")
_WORD_RE = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=None)
def _word_list(name: str) -> frozenset[str]:
    """Lower-case entries of generator/data/keyphrases_<name>.txt, comments skipped."""
    lines = (_DATA / f"keyphrases_{name}.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


# --------------------------------------------------------------------------- YAKE


@lru_cache(maxsize=1)
def _yake_stopwords() -> frozenset[str]:
    return frozenset(yake.KeywordExtractor(**YAKE_OPTIONS).stopword_set)


def _yake(text: str, top: int) -> list[tuple[str, float]]:
    # A fresh extractor per call: it keeps a mutable similarity cache, and
    # articles are processed in parallel.
    extractor = yake.KeywordExtractor(**YAKE_OPTIONS, top=top, stopwords=set(_yake_stopwords()))
    return extractor.extract_keywords(text)


def yake_baseline(text: str, top: int = 10) -> list[str]:
    """Raw YAKE top-k (n=3, English, default dedup), for side-by-side evaluation."""
    return [kw for kw, _ in _yake(text, top)]


def _apply_yake(pool: "_Pool", text: str, top: int = YAKE_TOP) -> None:
    """Credit the candidates that YAKE ranks best on headline, standfirst and body.

    YAKE's own candidates are not added: spaCy's phrases are better formed, and
    YAKE's ranking is what it contributes.
    """
    by_form: dict[str, _Candidate] = {}
    for cand in pool.items.values():
        for form in (*cand.forms, *cand.head_forms):
            by_form.setdefault(fold_case(form), cand)
    for rank, (keyword, _) in enumerate(_yake(text, top)):
        cand = by_form.get(fold_case(keyword))
        if cand is not None:
            cand.yake = max(cand.yake, 1.0 - rank / top)


# ----------------------------------------------------------------- normalisation


@lru_cache(maxsize=100_000)
def _fold_word(text: str) -> str:
    return fold_case(text)




def _singular(word: str) -> str:
    """Crude English singular for matching display forms without a parser."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is", "news")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def norm_key(text: str) -> str:
    """Matching key of a display phrase: lower case, no punctuation, singular words."""
    words = _WORD_RE.findall(fold_case(text).replace(".", ""))
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    return " ".join(_singular(w) for w in words if w)


# ------------------------------------------------------------- candidate phrases


@dataclass
class _Candidate:
    key: tuple[str, ...]
    forms: Counter = field(default_factory=Counter)
    head_forms: Counter = field(default_factory=Counter)
    tf: int = 0
    """Occurrences as a whole phrase."""
    nested: int = 0
    """Occurrences inside a longer candidate that was kept."""
    first: int = 10**6
    """Index of the first body sentence it occurs in."""
    labels: Counter = field(default_factory=Counter)
    proper: bool = False
    yake: float = 0.0
    head: float = 0.0
    """Credit for occurring in the headline (1.0) or standfirst (0.6)."""
    order: int = 0
    """Position of first sighting; the last tie-break."""
    event: bool = False
    """The head noun names something that happened ("resignation", "protests")."""
    described: bool = False
    """Two words, the first an adjective or participle ("immediate effect", "hit areas")."""
    of_tf: int = 0
    """Occurrences followed by "of" ("a string of derailments", "on the brink of collapse")."""

    @property
    def label(self) -> str | None:
        if not self.labels:
            return None
        return sorted(self.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def display(self) -> str:
        forms = self.forms or self.head_forms
        return sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _is_hyphen(tok: Token) -> bool:
    return tok.text in _HYPHENS and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_


def _display(tokens: Sequence[Token], entity: bool) -> str:
    parts = []
    for tok in tokens:
        text = tok.text
        if _shouted(tok):
            # A word of an ALL-CAPS heading: a name keeps an initial capital only.
            text = text.capitalize() if tok.pos_ == "PROPN" else text.lower()
        keep = (
            tok.pos_ == "PROPN"
            or (tok.ent_type_ == "NORP" and text[:1].isupper())
            or (entity and text[:1].isupper())
            # Capitalised mid-sentence: a name the tagger read as an adjective ("the Kyiv region").
            or (text[:1].isupper() and tok.i > 0 and not tok.is_sent_start and tok.doc[tok.i - 1].text not in _OPENERS)
            or (len(text) > 1 and text.isupper())
            or text[1:] != text[1:].lower()
        )
        parts.append(text if keep else text.lower())
        parts.append(" " if tok.whitespace_ else "")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _shouted(tok: Token) -> bool:
    """A word of an ALL-CAPS run ("RAIL STRIKE"), as opposed to an acronym ("NATO")."""
    if len(tok.text) < 4 or not tok.text.isalpha() or not tok.text.isupper():
        return False
    doc = tok.doc
    return any(
        0 <= j < len(doc) and len(doc[j].text) >= 4 and doc[j].text.isalpha() and doc[j].text.isupper()
        for j in (tok.i - 1, tok.i + 1)
    )


def _lemma(tok: Token) -> str:
    if tok.pos_ == "PROPN" or tok.ent_type_ in _ENTITY_LABELS:
        base = tok.text
    else:
        base = tok.lemma_ or tok.text
    return _fold_word(base).replace(".", "")


def _key(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(_lemma(t) for t in tokens if not t.is_punct and _lemma(t))


def _cut_numbers_and_possessives(tokens: list[Token]) -> list[Token]:
    """Keep what follows the last possessive, number or date inside the phrase."""
    cut = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.tag_ == "POS" or (tok.dep_ == "poss" and tok.pos_ == "PRON"):
            cut = i + 1
        elif tok.like_num or tok.pos_ == "NUM" or tok.ent_type_ in _NUMERIC_LABELS:
            cut = i + 1
            # "48-hour strike", "38-year-old teacher": the unit belongs to the number.
            while cut + 1 < len(tokens) and _is_hyphen(tokens[cut]):
                cut += 2
            i = cut - 1
        i += 1
    return tokens[cut:]


def _trim(tokens: list[Token], entity: bool) -> list[Token]:
    modifiers, datewords, roles = _word_list("modifiers"), _word_list("datewords"), data_words("roles")
    while tokens and (
        tokens[0].pos_ in _STRIP_POS
        or tokens[0].is_punct
        or (not entity and tokens[0].lower_ in modifiers)
        or tokens[0].lower_ in datewords
        or (tokens[0].lower_ in roles and len(tokens) > 1 and tokens[1].pos_ == "PROPN")
    ):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ not in _HEAD_POS or tokens[-1].is_punct):
        tokens = tokens[:-1]
    # "executive Marcus Lindqvist", "environmental group Walhi", "neighbouring Moquegua":
    # a lower-case descriptor before a name is the actor's role, not part of the phrase.
    j = len(tokens)
    while j > 0 and _namelike(tokens[j - 1]):
        j -= 1
    if 0 < j < len(tokens) and all(_descriptor(t) for t in tokens[:j]) and not (
        j == 1 and tokens[0].lower_ in _COMPASS
    ):
        return tokens[j:]
    # "Polish government bonds" -> "government bonds"; "Dutch coast" stays.
    if not entity and len(tokens) > 2 and tokens[0].ent_type_ == "NORP" and tokens[0].pos_ == "ADJ":
        return _trim(tokens[1:], entity)
    return tokens


_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "seems", "looks"})
_COMPASS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern "
    "southeastern southwestern upper lower greater inner outer".split()
)


def _descriptor(tok: Token) -> bool:
    """A common word before a name, written in lower case unless it opens the sentence.

    The entity recogniser sometimes takes it into the name ("the national civil
    defence agency INDECI"); a name's own words are capitalised.
    """
    if tok.ent_type_ == "NORP":
        return False
    opening = tok.i == 0 or tok.is_sent_start or tok.doc[tok.i - 1].text in _OPENERS
    return tok.is_punct or not tok.text[:1].isupper() or opening


def _namelike(tok: Token) -> bool:
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or (len(tok.text) > 1 and tok.text.isupper())


def _well_formed(tokens: Sequence[Token], entity: bool) -> bool:
    """A noun phrase that can stand alone as a tag."""
    if not tokens or tokens[-1].pos_ not in _HEAD_POS:
        return False
    if tokens[0].pos_ not in {"ADJ", "NOUN", "PROPN", "VERB"}:
        return False
    for i, tok in enumerate(tokens):
        if tok.is_punct:
            if not (_is_hyphen(tok) or tok.text == "."):
                return False
            continue
        if tok.pos_ in _BAD_INSIDE_POS or tok.like_num:
            return False
        # Participles may modify ("automated cranes", "water-bombing aircraft");
        # finite verbs never belong, nor a participle after a name ("Ukraine
        # surrendering land" is a clause).
        if tok.pos_ == "VERB" and (
            tok.tag_ not in {"VBN", "VBG"}
            or tok.dep_ not in {"amod", "compound", "nmod"}
            or (i > 0 and not _is_hyphen(tokens[i - 1]) and tokens[i - 1].pos_ not in {"ADJ", "ADV"})
        ):
            return False
        if tok.pos_ in {"ADP", "CCONJ"}:
            # Only inside a name: "Port of Rotterdam", "Bank of England".
            if not (entity and tok.lower_ in {"of", "for", "de", "and", "&"} and 0 < i < len(tokens) - 1):
                return False
    # A span must not cut a hyphenated word ("term peace" from "long-term peace").
    doc = tokens[0].doc
    first, last = tokens[0].i, tokens[-1].i
    if first > 0 and doc[first - 1].text in _HYPHENS and not doc[first - 1].whitespace_:
        return False
    if last + 1 < len(doc) and doc[last + 1].text in _HYPHENS and not tokens[-1].whitespace_:
        return False
    # A span must not cut a named entity in two ("President Volodymyr").
    for tok in tokens:
        if tok.ent_type_ in _ENTITY_LABELS:
            ent = _entity_of(tok)
            if ent is None:
                continue
            start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
            end = ent.end - 1
            while end > start and (ent.doc[end].tag_ == "POS" or ent.doc[end].is_punct):
                end -= 1
            if start < first or end > last:
                return False
    # The last word must be the head, not a modifier of a word that follows
    # ("consumer price" in "consumer price inflation", "Monetary Policy" in "... Council").
    # A name stays a name when used attributively ("European Union member").
    tail = tokens[-1]
    named = tail.pos_ == "PROPN" and tail.ent_type_ in _ENTITY_LABELS
    if not named and tail.dep_ in {"compound", "amod", "nmod"} and tail.head.i > tail.i:
        return False
    return True


def _entity_of(tok: Token) -> Span | None:
    """The named entity a token belongs to, found from the IOB tags."""
    if tok.ent_iob_ not in {"B", "I"}:
        return None
    doc, start = tok.doc, tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _acceptable(key: tuple[str, ...], tokens: Sequence[Token]) -> bool:
    """Content rules: no boilerplate, bare dates or numbers, vague words, role titles."""
    if not key:
        return False
    text = " ".join(key)
    if text in data_words("boilerplate") or text in data_words("credits") or any(k in {"url", "http", "www"} for k in key):
        return False
    if any(text == head or text.endswith(" " + head) for head in _word_list("media_heads")):
        return False  # a news source named as such is an attribution, not what the story is about
    datewords, generic = _word_list("datewords"), _word_list("generic")
    if all(k in datewords or k.isdigit() for k in key):
        return False
    # Bare numbers never; a name with a digit in it ("G7", "F-16") may stay.
    if any(t.like_num or (t.text[:1].isdigit() and not t.text.isalpha()) for t in tokens):
        return False
    if any(t.ent_type_ in {"MONEY", "PERCENT", "QUANTITY"} for t in tokens):
        return False  # a unit inside an amount
    proper = any(t.pos_ == "PROPN" for t in tokens)
    surface = tuple(t.lower_ for t in tokens if not t.is_punct)
    if not proper and (
        text in generic
        or " ".join(surface) in generic
        or all(k in generic or k in datewords for k in key)
        or all(w in generic or w in datewords for w in surface)
    ):
        return False
    if not proper and key[-1] in data_words("roles"):
        return False
    if len(key) == 1 and len(key[0]) < 3:
        return False
    if len(key) > 4:
        return False
    return True


class _Pool:
    """Candidates of one article, keyed by lemma tuple."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, ...], _Candidate] = {}

    def add(
        self, tokens: Sequence[Token], sentence: int, entity: str | None, head: float = 0.0, form: str | None = None
    ) -> _Candidate | None:
        key = _key(tokens)
        if not _acceptable(key, tokens):
            return None
        cand = self.items.get(key)
        if cand is None:
            cand = self.items[key] = _Candidate(key=key, order=len(self.items))
        if head:
            cand.head = max(cand.head, head)
        else:
            cand.tf += 1
            cand.first = min(cand.first, sentence)
            after = tokens[-1].i + 1
            if after < len(tokens[-1].doc) and tokens[-1].doc[after].lower_ == "of":
                cand.of_tf += 1
        form = form or _display(tokens, entity is not None)
        # Running text spells a phrase more reliably than a headline does.
        (cand.head_forms if head else cand.forms)[form] += 1
        if entity:
            cand.labels[entity] += 1
        if len(key) == 2 and tokens[0].pos_ in {"ADJ", "VERB"}:
            cand.described = True
        cand.proper = cand.proper or all(
            t.pos_ == "PROPN" or t.is_punct or t.lower_ in {"of", "de", "and", "for"} for t in tokens
        )
        return cand


def _furniture_mask(
    doc: Doc, text: str, paragraphs: Sequence[str] | None, bounds: Sequence[tuple[int, int]]
) -> np.ndarray:
    """Per token: True when it lies in page furniture or a dateline."""
    mask = np.zeros(len(doc), dtype=bool)
    spans: list[tuple[int, int, bool]] = []  # (start char, end char, whole furniture)
    if paragraphs is not None:
        offset = 0
        for para in paragraphs:
            spans.append((offset, offset + len(para), looks_like_furniture(para)))
            offset += len(para) + 2
    else:
        spans.append((0, len(text), False))
    for start, end, whole in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if whole:
            mask[span.start : span.end] = True
            continue
        m = _DATELINE_RE.match(text[start:end])
        if m and m.end() < end - start:
            dl = doc.char_span(start, start + m.end(), alignment_mode="expand")
            if dl is not None:
                mask[dl.start : dl.end] = True
    for start, end in bounds:
        if end - start < 40 and looks_like_furniture(text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]):
            mask[start:end] = True
    return mask


def _head_text(article: Article, body: str) -> tuple[str, tuple[str, ...]]:
    """Title and standfirst, with Title Case undone where the body writes a word in lower case."""

    def fix(text: str) -> str:
        if looks_like_furniture(text):
            return ""  # a caption or credit line mistaken for a headline
        words = re.findall(r"[A-Za-z][\w'\u2019-]*", text)
        if is_shouting(words):
            return uncap(text, body)
        long_words = [w for w in words if len(w) > 3]
        if not long_words or sum(w[0].isupper() for w in long_words) / len(long_words) < 0.7:
            return text
        out = []
        for w in text.split(" "):
            bare = w.strip("'\u2018\u2019\"\u201c\u201d:,.;!?()")
            if bare[:1].isupper() and not bare.isupper() and not re.search(rf"\b{re.escape(bare)}\b", body):
                w = w.replace(bare, bare.lower())
            out.append(w)
        return " ".join(out)

    title = fix(article.title or "")
    return title, tuple(fix(s) for s in article.standfirst)


def _collect(doc: Doc, pool: _Pool, mask: np.ndarray, sentences: Sequence[int], lower_words: frozenset[str]) -> None:
    """Add noun-chunk and entity phrases of the body to the pool."""

    def masked(tokens: Sequence[Token]) -> bool:
        return bool(mask[tokens[0].i : tokens[-1].i + 1].any())

    def add(tokens: list[Token], label: str | None) -> None:
        pool.add(tokens, sentences[tokens[0].i], label)

    person_tokens: set[int] = set()
    taken: set[tuple[int, int]] = set()  # entity spans already counted
    for ent in doc.ents:
        if ent.label_ not in _ENTITY_LABELS:
            continue
        tokens = list(ent)
        # "Ukraine's Energy Ministry" -> "Energy Ministry"; "Trump's" -> "Trump".
        while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
            tokens = tokens[:-1]
        tokens = _cut_numbers_and_possessives(tokens)
        tokens = _trim(tokens, entity=True)
        if not tokens or masked(tokens):
            continue
        if not any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) for t in tokens):
            continue
        if len(tokens) == 1 and _common_word(tokens[0], lower_words):
            continue
        if ent.label_ == "PERSON":
            person_tokens.update(t.i for t in ent)
        if _well_formed(tokens, entity=True):
            add(tokens, ent.label_)
            taken.add((tokens[0].i, tokens[-1].i))

    for chunk in doc.noun_chunks:
        tokens = list(chunk)
        persons = [j for j, t in enumerate(tokens) if t.i in person_tokens]
        if persons:
            # "union leader Marieke de Vries" is the entity's job; "Rotterdam port
            # strike" (a misread place) keeps what follows the name.
            tokens = tokens[persons[-1] + 1 :]
            if not tokens:
                continue
        tokens = _cut_numbers_and_possessives(tokens)
        # "the oil and bulk terminals" -> "bulk terminals"
        for j in range(len(tokens) - 1, -1, -1):
            if tokens[j].pos_ == "CCONJ" or (tokens[j].is_punct and not _is_hyphen(tokens[j])):
                tokens = tokens[j + 1 :]
                # "the CCOO and UGT unions": the second name is one of two modifiers, not part of the phrase.
                while len(tokens) > 1 and tokens[0].pos_ == "PROPN" and tokens[0].dep_ == "conj":
                    tokens = tokens[1:]
                break
        tokens = _trim(tokens, entity=False)
        if not tokens or masked(tokens):
            continue
        content = [t for t in tokens if not t.is_punct]
        if len(content) > 3:
            while len([t for t in tokens if not t.is_punct]) > 3:
                tokens = tokens[1:]
            tokens = _trim(tokens, entity=False)
            if not tokens:
                continue
        if (tokens[0].i, tokens[-1].i) in taken:
            continue
        is_entity = all(t.ent_type_ in _ENTITY_LABELS for t in tokens)
        if len(tokens) == 1 and tokens[0].pos_ == "PROPN" and _common_word(tokens[0], lower_words):
            continue
        if _well_formed(tokens, entity=is_entity):
            label = tokens[-1].ent_type_ if is_entity else None
            add(tokens, label or None)


@dataclass
class _Table:
    """Per-token attributes read once from the parse (iterating a Doc builds a Token each time)."""

    lower: list[str]
    lemma: list[str]
    """_lemma of each token; stop words in lower case."""
    sentence: list[int]
    bounds: list[tuple[int, int]]
    """Token range of each sentence."""
    punct: np.ndarray
    cased: np.ndarray
    """Capitalised and not the first word of its sentence."""
    upper: np.ndarray
    """An acronym ("NATO")."""
    lower_words: frozenset[str]
    """Words the text writes in lower case."""
    verbs: frozenset[str]
    """Lemmas used as verbs."""
    noun: list[bool]
    """Tagged as a noun or name."""
    lemma_lower: list[str]
    """The model's lemma in lower case."""


def _table(doc: Doc) -> _Table:
    strings = doc.vocab.strings
    cols = doc.to_array(["ORTH", "LOWER", "LEMMA", "POS", "ENT_TYPE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "SENT_START"])
    orth = [strings[h] for h in cols[:, 0].tolist()]
    lower = [strings[h] for h in cols[:, 1].tolist()]
    lemma_raw = [strings[h] for h in cols[:, 2].tolist()]
    pos = cols[:, 3].tolist()
    ent = [strings[h] for h in cols[:, 4].tolist()]
    punct = (cols[:, 5] != 0) | (cols[:, 6] != 0)
    stop = cols[:, 7].tolist()
    starts = np.flatnonzero(cols[:, 8] == 1).tolist()
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    ends = [*starts[1:], len(doc)]
    sentence = [0] * len(doc)
    for n, (a, b) in enumerate(zip(starts, ends)):
        sentence[a:b] = [n] * (b - a)
    propn, verb, noun = _POS_IDS["PROPN"], _POS_IDS["VERB"], _POS_IDS["NOUN"]
    lemma, cased, upper = [], np.zeros(len(doc), dtype=bool), np.zeros(len(doc), dtype=bool)
    lower_words, verbs = set(), set()
    start_set = set(starts)
    for i, text in enumerate(orth):
        p = pos[i]
        if stop[i]:
            lemma.append(lower[i])
        elif p == propn or ent[i] in _ENTITY_LABELS:
            lemma.append(_fold_word(text).replace(".", ""))
        else:
            lemma.append(_fold_word(lemma_raw[i] or text).replace(".", ""))
        if text.islower():
            lower_words.add(text)
        if punct[i]:
            continue
        if text[:1].isupper() and i not in start_set:
            cased[i] = True
        if len(text) > 1 and text.isupper():
            upper[i] = True
        if p == verb:
            verbs.add(lemma_raw[i].lower())
    return _Table(
        lower=lower,
        lemma=lemma,
        sentence=sentence,
        bounds=list(zip(starts, ends)),
        punct=punct,
        cased=cased,
        upper=upper,
        lower_words=frozenset(lower_words),
        verbs=frozenset(verbs),
        noun=[p == noun or p == propn for p in pos],
        lemma_lower=[x.lower() for x in lemma_raw],
    )


def _common_word(tok: Token, lower_words: frozenset[str]) -> bool:
    """A capitalised one-word "name" that the text also writes in lower case ("Port")."""
    low = tok.lower_
    if tok.text == low or tok.is_upper:
        return False
    return low in lower_words


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _merge(into: _Candidate, other: _Candidate, nested: bool) -> None:
    if nested:
        into.nested += other.tf + other.nested
    else:
        into.tf += other.tf
        into.of_tf += other.of_tf
        into.nested += other.nested
        into.forms.update(other.forms)
        into.head_forms.update(other.head_forms)
    into.first = min(into.first, other.first)
    into.head = max(into.head, other.head)
    into.yake = max(into.yake, other.yake)
    into.labels.update(other.labels)
    into.order = min(into.order, other.order)
    into.described = into.described and other.described if not nested else into.described


def _fold(pool: _Pool) -> list[_Candidate]:
    """Fold spelling variants and contained phrases, keeping the better-formed one."""
    cands = sorted(pool.items.values(), key=lambda c: c.order)
    alive = {c.key: c for c in cands}

    # Spelling variants of names ("Zelenskiy" / "Zelenskyy").
    propers = [c for c in cands if c.proper]
    for i, a in enumerate(propers):
        if a.key not in alive:
            continue
        for b in propers[i + 1 :]:
            if b.key not in alive or len(a.key) != len(b.key):
                continue
            sa, sb = " ".join(a.key), " ".join(b.key)
            if min(len(sa), len(sb)) >= 5 and sa[0] == sb[0] and fuzz.ratio(sa, sb) >= 88:
                keep, drop = (a, b) if (a.tf, -a.order) >= (b.tf, -b.order) else (b, a)
                _merge(keep, drop, nested=False)
                del alive[drop.key]

    # Containment, shortest first: "Vries" in "Marieke de Vries", "crane" in "automated crane".
    by_word: dict[str, list[_Candidate]] = defaultdict(list)
    for cand in alive.values():
        for word in set(cand.key):
            by_word[word].append(cand)
    for short in sorted(list(alive.values()), key=lambda c: (len(c.key), c.order)):
        if short.key not in alive:
            continue
        longer = [
            c
            for c in by_word[short.key[0]]
            if len(c.key) > len(short.key) and c.key in alive and _contains(c.key, short.key)
        ]
        if not longer:
            continue
        best = sorted(longer, key=lambda c: (-(c.tf + c.nested), c.order))[0]
        if short.proper:
            # A name fragment ("Vries", "Transport Workers") goes into the full name;
            # a place inside a name ("Poland" in "National Bank of Poland") stays
            # when the text also uses it on its own.
            place = short.label in {"GPE", "LOC", "NORP"}
            if short.tf <= best.tf or (not place and best.proper):
                _merge(best, short, nested=False)
                best.forms = Counter({f: n for f, n in best.forms.items() if len(norm_key(f).split()) == len(best.key)}) or best.forms
                del alive[short.key]
            else:
                short.nested += sum(c.tf for c in longer)
            continue
        if len(short.key) == 1:
            if best.proper or short.key[0] == best.key[-1] and (
                short.tf <= best.tf + best.nested or best.head >= short.head > 0
            ):
                # The specific phrase stands for the bare word: "automated cranes"
                # for "cranes", "Port of Rotterdam" for "port", and the headline's
                # "rate cut" for "cut".
                _merge(best, short, nested=True)
                del alive[short.key]
            continue
        if not best.proper:
            keep, drop = (short, best) if short.tf >= best.tf else (best, short)
            _merge(keep, drop, nested=True)
            del alive[drop.key]
        else:
            short.nested += sum(c.tf for c in longer)
    return list(alive.values())


# Weights of the article-local score (see _score).
WEIGHTS = {
    "frequency": 1.0,
    "position": 0.9,
    "head": 1.3,
    "yake": 0.8,
    "multiword": 1.3,
    "entity": 1.05,
    "single_common": 1.0,
    "event": 1.15,
}


def _score(c: _Candidate) -> float:
    """Article-local score: frequency, first position, headline/standfirst, YAKE rank."""
    w = WEIGHTS
    freq = c.tf + 0.5 * c.nested
    position = 1.0 / math.sqrt(1.0 + c.first) if c.first < 10**6 else 0.0
    score = w["frequency"] * math.log1p(freq) + w["position"] * position + w["head"] * c.head + w["yake"] * c.yake
    if len(c.key) > 1:
        score *= w["multiword"]
    elif not c.proper:
        score *= w["single_common"]
    if c.label in {"PERSON", "ORG", "GPE", "LOC", "EVENT", "FAC", "LAW"}:
        score *= w["entity"]
    if c.event:
        score *= w["event"]
    if not c.proper:
        score *= _specificity(c)
    if c.tf == 0 and c.nested == 0 and c.head < 1.0:
        score *= 0.5
    return score


COMMON_ZIPF = 4.0
"""Zipf frequency (wordfreq) above which a lone common noun counts as everyday vocabulary."""
COMMON_SLOPE = 0.35
COMMON_FLOOR = 0.45
VAGUE_HEAD_ZIPF = 4.95
VAGUE_MODIFIER_ZIPF = 4.4
VAGUE_DAMP = 0.5
PARTITIVE_DAMP = 0.5
"""Factor of a lone noun that the text only ever uses before "of"."""
TYPO_ZIPF = 2.5
"""A common word rarer than this in general English may be a misspelling ("parliment") ..."""
TYPO_GAP = 1.5
"""... of a close digest word at least this much more common ("parliament")."""


def _specificity(c: _Candidate) -> float:
    """Factor in (0, 1] that lowers everyday words ("past", "period") and vague phrases.

    A lone noun loses more the more common it is in general English; an event
    noun ("strike") or a headline word loses half as much, and one only ever
    followed by "of" ("a string of", "the brink of") is halved. A two-word phrase of a common adjective or
    participle and a very common noun ("immediate effect", "hit areas") that the
    headline does not use is damped: its head is too abstract to tag a story.
    """
    if c.proper:
        return 1.0
    if len(c.key) == 1 and c.tf and c.of_tf >= c.tf:
        # Always "a string of ...", "the brink of ...": what matters is the complement.
        return PARTITIVE_DAMP
    if len(c.key) == 1:
        excess = max(0.0, zipf(c.key[0]) - COMMON_ZIPF)
        # An editor chose the headline's words: a common one there loses half as much.
        loss = COMMON_SLOPE * excess * (0.5 if c.event else 1.0) * (0.5 if c.head >= 1.0 else 1.0)
        return max(COMMON_FLOOR, 1.0 - loss)
    if (
        c.described
        and not c.event
        and c.head == 0
        and zipf(c.key[-1]) >= VAGUE_HEAD_ZIPF
        and zipf(c.key[0]) >= VAGUE_MODIFIER_ZIPF
    ):
        return VAGUE_DAMP
    return 1.0


# Suffix of a noun made from a verb, and what to add to the stem to get the verb back.
_NOMINAL_SUFFIXES = (
    ("ation", ("", "e")),  # resignation, evacuation
    ("ion", ("", "e")),  # election, demarcation
    ("ment", ("",)),  # agreement
    ("al", ("",)),  # withdrawal
    ("ure", ("e",)),  # closure
    ("ance", ("", "e")),
    ("ence", ("", "e")),
)


@lru_cache(maxsize=20_000)
def _verb_of(noun: str) -> str | None:
    """The verb a noun is derived from ("resignation" -> "resign", "closure" -> "close")."""
    verbs = _word_classes()["verb"]
    for suffix, endings in _NOMINAL_SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            for ending in endings:
                if stem + ending in verbs:
                    return stem + ending
    return None


def _mark_events(cands: Iterable[_Candidate], verbs: set[str], head_verbs: dict[str, float]) -> None:
    """Flag event nouns and credit the nouns of the headline's verbs ("resigns" -> "resignation").

    An event noun is a nominalisation of a verb, or a noun the same story also
    uses as a verb ("protest").
    """
    for cand in cands:
        if cand.proper:
            continue
        noun = cand.key[-1]
        verb = _verb_of(noun)
        cand.event = verb is not None or noun in verbs
        credit = max(head_verbs.get(verb or "", 0.0), head_verbs.get(noun, 0.0)) if len(cand.key) == 1 else 0.0
        if credit:
            cand.head = max(cand.head, credit)


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """Base forms the lemmatizer knows as nouns, verbs and adjectives."""
    index = nlp.load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {pos: frozenset(index[pos]) for pos in ("noun", "verb", "adj")}


def _tag_headline(text: str, lexicon: dict[str, Token], nouns: frozenset[str]) -> Doc:
    """Tokenise a headline and tag it from the body's parse, without running the model.

    A word takes the lemma and tag of its use in the body (a noun if the body
    ever uses it as one). Other words are looked up in the lemmatizer's word
    lists. Headlines put their verb in the present tense, so a noun/verb word
    ending in -s with more words after it is the verb ("Athens forces
    thousands", "strike ends with"), while one that closes the clause is a
    plural ("more rate cuts").
    """
    doc = nlp.load().make_doc(text)
    classes = _word_classes()
    seen_verb = False
    for i, tok in enumerate(doc):
        low = tok.lower_
        base = _singular(low)
        body = lexicon.get(low) or lexicon.get(base)
        if tok.is_punct or tok.like_num:
            tok.pos_, tok.tag_, tok.lemma_ = ("PUNCT" if tok.is_punct else "NUM"), "", low
            continue
        if body is not None:
            pos, tag, lemma = body.pos_, body.tag_, body.lemma_
            if tag == "NN" and low != body.lower_ and base == body.lower_:
                tag = "NNS"  # the headline's plural of a noun the body uses in the singular
            if body.ent_type_ in _ENTITY_LABELS or body.ent_type_ == "NORP":
                lemma = body.text
            if body.ent_type_ == "NORP" and low.endswith("s") and tok.text[:1].isupper():
                pos, tag = "PROPN", "NNPS"  # "Bulgarians protest ...": the people, not a modifier
            if pos not in _HEAD_POS and body.lemma_.lower() in nouns:
                pos, tag = "NOUN", "NN"
        elif tok.is_stop:
            pos, tag, lemma = "X", "", low
        elif tok.text[:1].isupper() and (
            i > 0 or base not in classes["noun"] or (i + 1 < len(doc) and doc[i + 1].lower_ in {"'s", "\u2019s"})
        ):
            # Capitalised inside a de-titled headline, or a capitalised possessor
            # ("Ukraine's ..."): a name, even if the word lists know it in lower case.
            pos, tag, lemma = "PROPN", "NNP", tok.text
        elif base in classes["noun"]:
            pos, tag, lemma = "NOUN", ("NNS" if base != low else "NN"), base
        elif low in classes["adj"]:
            pos, tag, lemma = "ADJ", "JJ", low
        else:
            pos, tag, lemma = "VERB", "VB", low
        following = doc[i + 1] if i + 1 < len(doc) else None
        plural = low.endswith("s") and not low.endswith("ss") and base != low
        verbal = base in classes["verb"] or (body is not None and body.pos_ == "VERB")
        previous = doc[i - 1] if i > 0 else None
        body_noun = body is not None and body.pos_ in _HEAD_POS and body.lower_ == low
        if plural and verbal and not body_noun:
            # Subject, verb, object: the first -s word before the line ends is the verb.
            if following is None or (seen_verb and following.is_punct):
                if base in classes["noun"]:
                    pos, tag, lemma = "NOUN", "NNS", base
            else:
                pos, tag, lemma = "VERB", "VBZ", base
        elif verbal and not plural and pos in {"NOUN", "VERB"} and previous is not None and previous.tag_ in _PLURAL:
            pos, tag = "VERB", "VBP"  # "prices drive", "Ships queue", "Bulgarians protest"
        elif previous is not None and previous.lower_ == "to" and low in classes["verb"]:
            pos, tag = "VERB", "VB"  # "to meet"
        elif previous is not None and previous.lower_ in _COPULAS and low in classes["adj"] and body is None:
            pos, tag, lemma = "ADJ", "JJ", low  # "is ready": a predicate, not a thing
        elif i == 0 and body is None and low in classes["adj"]:
            pos, tag, lemma = "ADJ", "JJ", tok.text  # "Polish inflation ..."
        seen_verb = seen_verb or pos in {"VERB", "AUX"}
        tok.pos_, tok.tag_, tok.lemma_ = pos, tag, lemma
    return doc


def _headline(
    pool: _Pool, doc: Doc, table: "_Table", mask: np.ndarray, title: str, stand: Sequence[str], docs: list[Doc]
) -> dict[str, float]:
    """Credit phrases of the headline (1.0) and standfirst (0.6) without parsing them again.

    Each line is tagged from the body's parse (see _tag_headline); a run of
    adjectives and nouns ending in a noun is a phrase ("rate cut", "Polish
    inflation", "job guarantees"). Body candidates whose words all occur in
    the headline get the same credit. Returns the lemmas of the headline's
    verbs with their weight, so that "resigns" can credit "resignation";
    appends the tagged lines to ``docs``.
    """
    lexicon: dict[str, int] = {}
    nouns: set[str] = set()
    for i, low in enumerate(table.lower):
        if mask[i] or table.punct[i]:
            continue
        if table.noun[i]:
            nouns.add(table.lemma_lower[i])
            if low not in lexicon or not table.noun[lexicon[low]]:
                lexicon[low] = i
        else:
            lexicon.setdefault(low, i)
    lexicon = {low: doc[i] for low, i in lexicon.items()}
    frozen_nouns = frozenset(nouns)
    head_verbs: dict[str, float] = {}
    title_words: set[str] = set()
    stand_words: set[str] = set()
    for text, weight, words in [(title, 1.0, title_words), *((line, 0.6, stand_words) for line in stand)]:
        if not text:
            continue
        head = _tag_headline(text, lexicon, frozen_nouns)
        docs.append(head)
        for tok in head:
            if tok.pos_ == "VERB" and tok.lemma_:
                head_verbs[tok.lemma_.lower()] = max(head_verbs.get(tok.lemma_.lower(), 0.0), weight)
        words.update(_lemma(t) for t in head if not t.is_punct)
        words.update(fold_case(t.text) for t in head if not t.is_punct)
        run: list[Token] = []
        for tok in [*head, None]:
            if tok is not None and tok.text in _HYPHENS and not tok.whitespace_ and run:
                run.append(tok)  # "gale-force winds"
                continue
            if tok is not None and tok.pos_ in {"ADJ", "NOUN", "PROPN"}:
                if tok.pos_ == "ADJ" and run and run[-1].pos_ in _HEAD_POS:
                    _add_head_run(pool, run, weight)  # a new phrase starts
                    run = []
                run.append(tok)
                continue
            _add_head_run(pool, run, weight)
            run = []
    for cand in pool.items.values():
        if title_words and all(k in title_words for k in cand.key):
            cand.head = max(cand.head, 1.0)
        elif stand_words and all(k in stand_words or k in title_words for k in cand.key):
            cand.head = max(cand.head, 0.6)
    return head_verbs


def _add_head_run(pool: _Pool, run: list[Token], weight: float) -> None:
    """Add the last (at most three-word) noun phrase of a headline run."""
    while run and (run[-1].pos_ not in _HEAD_POS):
        run = run[:-1]
    while len([t for t in run if not t.is_punct]) > 3:
        run = run[1:]
    while run and (run[0].pos_ not in {"ADJ", "NOUN", "PROPN"} or run[0].lower_ in _word_list("modifiers")):
        run = run[1:]
    if not run or (run[0].i > 0 and run[0].doc[run[0].i - 1].text in _HYPHENS):
        return
    j = len(run)
    while j > 0 and run[j - 1].pos_ == "PROPN":
        j -= 1
    if 0 < j < len(run) and all(not t.text[:1].isupper() for t in run[:j]) and not (
        j == 1 and run[0].lower_ in _COMPASS
    ):
        run = run[j:]  # "near Sydney", "neighbouring Moquegua": the name alone
    if run[0].pos_ == "PROPN" and run[-1].pos_ == "NOUN":
        # "Rotterdam port strike": the name is the place, the common tail is what happened.
        tail = len(run)
        while tail > 0 and run[tail - 1].pos_ in {"NOUN", "ADJ"}:
            tail -= 1
        if tail < len(run):
            run = run[tail:]
    _add_head_phrase(pool, run, weight)


def _add_head_phrase(pool: _Pool, run: list[Token], weight: float) -> None:
    if not run:
        return
    key = _key(run)
    if key in pool.items:
        pool.items[key].head = max(pool.items[key].head, weight)
        return
    form = " ".join(
        t.text if t.pos_ == "PROPN" or t.lemma_[:1].isupper() or t.text.isupper() else t.lower_
        for t in run
        if not t.is_punct
    )
    form = re.sub(r" ?([-\u2010-\u2013]) ?", r"\1", form) if any(t.is_punct for t in run) else form
    pool.add(run, 0, None, head=weight, form=form)


def extract(article: Article, doc: Doc) -> tuple[Keyphrase, ...]:
    """Candidate keyphrases of one article, best first, with article-local scores."""
    pool = _Pool()
    if not len(doc):
        return ()
    table = _table(doc)
    text = doc.text  # Doc.text joins every token anew: read it once
    mask = _furniture_mask(doc, text, article.paragraphs if text == article.body else None, table.bounds)
    _collect(doc, pool, mask, table.sentence, table.lower_words)
    title, stand = _head_text(article, text)
    head_docs: list[Doc] = []
    head_verbs = _headline(pool, doc, table, mask, title, stand, head_docs) if title or stand else {}

    # YAKE reads headline and standfirst as the first sentences, as a reader does.
    _apply_yake(pool, "\n".join(part for part in (title, *stand, text) if part))

    cands = _fold(pool)
    credited = fold_case(" | ".join(f.text for f in article.furniture if f.kind in {"byline", "credit"}))
    if credited:
        # A reporter or photographer named in a byline or credit is not what the story is about.
        cands = [c for c in cands if not (c.proper and fold_case(c.display) in credited)]
    _mark_events(cands, table.verbs, head_verbs)
    ranked = sorted(cands, key=lambda c: (-round(_score(c), 9), c.display.lower(), c.order))
    # Names are many and frequent in news copy; keep room for what happened.
    names = [c for c in ranked if c.proper][:MAX_CANDIDATE_NAMES]
    kept = {id(c) for c in names} | {id(c) for c in ranked if not c.proper}
    ranked = [c for c in ranked if id(c) in kept]
    return tuple(Keyphrase(text=c.display, score=round(_score(c), 6)) for c in ranked[:MAX_CANDIDATES])


# ------------------------------------------------------------------ digest ranking


@lru_cache(maxsize=200_000)
def _words(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _is_name(display: str) -> bool:
    words = [w for w in display.split() if w.lower() not in {"of", "de", "and", "the", "for"}]
    return bool(words) and all(w[:1].isupper() for w in words)


def similarity(a: str, b: str, names: frozenset[str] = frozenset()) -> float:
    """Overlap of two matching keys in [0, 1]: lemma Jaccard, containment, spelling.

    Two proper names count as slightly similar, so that a list mixes names with
    what happened rather than reading like a guest list.
    """
    if a == b:
        return 1.0
    wa, wb = _words(a), _words(b)
    inter = len(wa & wb)
    sim = NAME_SIMILARITY if a in names and b in names else 0.0
    if inter:
        sim = max(sim, inter / len(wa | wb))
        if wa <= wb or wb <= wa:
            sim = max(sim, 0.7)
    elif a[:1] == b[:1] and abs(len(a) - len(b)) <= 3 and fuzz.ratio(a, b, score_cutoff=88):
        sim = max(sim, 0.9)  # spelling variants
    return sim


def mmr(
    scored: Sequence[tuple[str, float]],
    k: int,
    lam: float = MMR_LAMBDA,
    names: frozenset[str] = frozenset(),
    max_names: int | None = None,
) -> list[str]:
    """Maximal marginal relevance over (key, relevance) pairs; ties by relevance, then key.

    At most ``max_names`` keys from ``names`` are chosen (the most relevant
    ones, since the heap yields them first). Lazy greedy: a candidate's bound
    only falls as phrases are chosen, so it is compared with the newly chosen
    phrases only when it reaches the top of the heap.
    """
    pool = sorted(scored, key=lambda kv: (-kv[1], kv[0]))
    if not pool:
        return []
    top = pool[0][1] or 1.0
    keys = [key for key, _ in pool]
    value = [lam * rel / top for _, rel in pool]
    max_sim = [0.0] * len(pool)
    checked = [0] * len(pool)
    heap = [(-v, i) for i, v in enumerate(value)]
    heapq.heapify(heap)
    chosen: list[str] = []
    n_names = 0
    while heap and len(chosen) < k:
        _, i = heapq.heappop(heap)
        if max_names is not None and n_names >= max_names and keys[i] in names:
            continue
        if checked[i] == len(chosen):
            chosen.append(keys[i])
            n_names += keys[i] in names
            continue
        for other in chosen[checked[i] :]:
            max_sim[i] = max(max_sim[i], similarity(keys[i], other, names))
        checked[i] = len(chosen)
        heapq.heappush(heap, (-(value[i] - (1 - lam) * max_sim[i]), i))
    return chosen


def rank(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    groups: Sequence[Sequence[str]],
) -> tuple[dict[str, tuple[str, ...]], tuple[tuple[str, ...], ...]]:
    """Final keyphrases per article (at most 10) and per topic group (at most 10)."""
    if len(articles) != len(analyses) or any(a.id != x.article_id for a, x in zip(articles, analyses)):
        raise ValueError("articles and analyses must be parallel sequences (analyses[i].article_id == articles[i].id)")

    # Vocabulary of matching keys and one display form per key for the whole digest,
    # so that a tag reads the same on every page.
    vocab: dict[str, int] = {}
    forms: dict[str, Counter] = defaultdict(Counter)
    rows, cols, vals = [], [], []
    local: list[list[tuple[int, float]]] = []
    own_forms: list[dict[int, str]] = []
    key_of: dict[str, str] = {}
    for row, analysis in enumerate(analyses):
        cands = analysis.keyphrases
        top = max((kp.score for kp in cands), default=1.0) or 1.0
        seen: dict[int, float] = {}
        own: dict[int, str] = {}
        for kp in cands:
            key = key_of.get(kp.text)
            if key is None:
                key = key_of[kp.text] = norm_key(kp.text)
            if not key:
                continue
            col = vocab.setdefault(key, len(vocab))
            forms[key][kp.text] += 1
            if col not in seen:
                seen[col] = max(kp.score, 0.0) / top
                own[col] = kp.text
        items = sorted(seen.items())
        local.append(items)
        own_forms.append(own)
        for col, val in items:
            rows.append(row)
            cols.append(col)
            vals.append(val)
    keys = [""] * len(vocab)
    for key, col in vocab.items():
        keys[col] = key
    display = _canonical_forms(keys, forms, vocab)
    names = frozenset(k for k in keys if _is_name(display[k]))
    broad_words = _word_list("broad")
    broad = [BROAD_DAMP if " " not in k and k in broad_words else 1.0 for k in keys]
    n_articles, n_terms = len(analyses), len(vocab)
    weights = sparse.csr_matrix((vals, (rows, cols)), shape=(n_articles, n_terms), dtype=np.float64)
    present = weights.copy()
    present.data[:] = 1.0

    # Article -> group membership (articles in no group form their own).
    row_of = {a.id: i for i, a in enumerate(articles)}
    group_of = np.full(n_articles, -1, dtype=np.int64)
    for g, members in enumerate(groups):
        for aid in members:
            if aid in row_of:
                group_of[row_of[aid]] = g
    n_groups = len(groups)
    extra = np.flatnonzero(group_of < 0)
    group_of[extra] = n_groups + np.arange(len(extra))
    n_classes = n_groups + len(extra)
    member = sparse.csr_matrix(
        (np.ones(n_articles), (group_of, np.arange(n_articles))), shape=(n_classes, n_articles)
    )
    group_size = np.asarray(member.sum(axis=1)).ravel()
    group_df = (member @ present).tocsr()  # classes x terms: articles containing the term
    class_tf = (member @ weights).tocsr()  # classes x terms: summed local weight

    # c-TF-IDF (Grootendorst 2022): tf normalised per class, idf = log(1 + A / f_t).
    class_total = np.asarray(class_tf.sum(axis=1)).ravel()
    term_total = np.asarray(class_tf.sum(axis=0)).ravel()
    avg_class = float(class_total.mean()) if n_classes else 1.0
    idf = np.log1p(avg_class / np.maximum(term_total, 1e-12))
    df = np.asarray(present.sum(axis=0)).ravel()
    # Lightly damp phrases found all over a large digest ("police", "government").
    damp = 1.0 - 0.3 * np.log1p(df) / math.log1p(n_articles) if n_articles > 20 else np.ones(n_terms)
    damp = damp.tolist()

    # Per article: local score, boosted by the share of its topic that uses the phrase
    # and by the headline; lightly damped when the phrase is everywhere in the digest.
    result: dict[str, tuple[str, ...]] = {}
    shared_of: dict[int, dict[int, float]] = {}
    for row, article in enumerate(articles):
        g = group_of[row]
        size = group_size[g]
        if g not in shared_of:
            lo, hi = group_df.indptr[g], group_df.indptr[g + 1]
            shared_of[g] = dict(zip(group_df.indices[lo:hi].tolist(), group_df.data[lo:hi].tolist()))
        shared = shared_of[g]
        head_words = _head_words(article)
        inside = {w for col, _ in local[row] if " " in keys[col] for w in _words(keys[col])}
        scored = []
        for col, val in local[row]:
            rel = val * damp[col]
            if size > 1:
                rel *= 1.0 + 0.5 * (shared.get(col, 1.0) - 1.0) / (size - 1)
            if head_words and _words(keys[col]) <= head_words:
                rel *= 1.1
            if broad[col] < 1.0:
                rel *= broad[col] if keys[col] in inside else BROAD_ALONE
            scored.append((keys[col], rel))
        chosen = mmr(scored, MAX_KEYPHRASES, names=names, max_names=MAX_NAMES) if scored else []
        # A name reads as the article itself spells it ("Zelenskiy" in a Reuters story).
        mine = {keys[col]: text for col, text in own_forms[row].items()}
        result[article.id] = tuple(
            mine[k] if k in names and _is_name(mine.get(k, "")) else display[k] for k in chosen
        )

    topics = []
    for g in range(n_groups):
        row_tf = class_tf.getrow(g)
        row_df = group_df.getrow(g)
        if not row_tf.nnz:
            topics.append(())
            continue
        coverage = dict(zip(row_df.indices.tolist(), (row_df.data / group_size[g]).tolist()))
        cols = row_tf.indices.tolist()
        inside = {w for col in cols if " " in keys[col] for w in _words(keys[col])}
        scored = []
        for col, tf in zip(cols, row_tf.data.tolist()):
            ctfidf = (tf / class_total[g]) * idf[col]
            # With few topics idf barely moves; the share of the phrase's weight
            # that falls in this topic says directly how much it sets it apart.
            own = tf / term_total[col]
            rel = ctfidf * math.sqrt(coverage.get(col, 0.0) * own)
            if broad[col] < 1.0:
                rel *= broad[col] if keys[col] in inside else BROAD_ALONE
            scored.append((keys[col], rel))
        chosen = mmr(scored, MAX_KEYPHRASES, names=names, max_names=MAX_NAMES)
        topics.append(tuple(display[k] for k in chosen))
    return result, tuple(topics)


def _head_words(article: Article) -> frozenset[str]:
    """Matching-key words of the headline and standfirst."""
    return frozenset(norm_key(" ".join([article.title or "", *article.standfirst])).split())


def _best_form(counter: Counter) -> str:
    """Most common display form; prefer lower case on ties, then alphabetical."""
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] != kv[0].lower(), kv[0]))[0][0]


def _canonical_forms(keys: Sequence[str], forms: dict[str, Counter], vocab: dict[str, int]) -> dict[str, str]:
    """One display form per key; spelling variants of a name share the commonest one.

    Keys are blocked by word count and first three letters so that the fuzzy
    comparison stays near-linear in the vocabulary size.
    """
    display = {key: _best_form(forms[key]) for key in keys}
    # A misspelt common word ("parliment") takes the spelling of a known word
    # of the digest that it is close to ("parliament").
    known: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in keys:
        if " " not in key and len(key) >= 6 and zipf(key) >= TYPO_ZIPF + TYPO_GAP:
            known[(len(key) // 3, key[:2])].append(key)
    for key in keys:
        if " " in key or len(key) < 6 or _is_name(display[key]) or zipf(key) >= TYPO_ZIPF:
            continue
        near = [
            k
            for band in (len(key) // 3 - 1, len(key) // 3, len(key) // 3 + 1)
            for k in known.get((band, key[:2]), ())
            if fuzz.ratio(key, k) >= 88
        ]
        if near:
            display[key] = display[min(near, key=lambda k: (-sum(forms[k].values()), k))]
    blocks: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in keys:
        if _is_name(display[key]) and len(key) >= 5:
            blocks[(key.count(" "), key[:3])].append(key)
    for block in blocks.values():
        if len(block) < 2:
            continue
        block.sort(key=lambda k: (-sum(forms[k].values()), vocab[k]))
        for i, key in enumerate(block):
            for leader in block[:i]:
                if fuzz.ratio(key, leader) >= 88:
                    display[key] = display[leader]
                    break
    return display
