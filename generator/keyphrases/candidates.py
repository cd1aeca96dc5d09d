"""Keyphrase candidates of one article: noun phrases of its opening, scored by YAKE and as news.

Candidates are the noun phrases of the tagged opening of the article (headline, standfirst,
first paragraphs: see `nlp.tagging`): runs of adjectives, nouns, names, numbers and participles
that end on a noun, with 'of' allowed inside ('three days of national mourning'), and their
shorter well-formed parts. Each is scored with YAKE's term statistics (`yake`'s `DataCore`:
position, frequency, spread and context of each word; phrase score = product of word scores
over their sum times the phrase's frequency, lower is better), then weighted as news: words of
the headline and lead count more, everyday words (general-English frequency, `wordfreq`)
count less, and so do names, which the site lists as actors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import yake
from spacy.tokens import Doc, Token
from wordfreq import zipf_frequency
from yake.data import DataCore

from generator import resources
from generator.actors import places
from generator.actors.mentions import AGENCY_DESIGNATIONS
from generator.clean.cohesion import stem
from generator.clean.dates import month_names, weekday_names
from generator.model import Keyphrase
from generator.nlp.tagging import tagged_tokens
from generator.settings import KeyphraseSettings

MAX_CANDIDATES = 40
EVERYDAY_ZIPF = 4.3
"""A one-word phrase this frequent in general English ('leader', 'votes') says little alone."""
SINGLE_WORD_WEIGHT = 0.7
EVERYDAY_WEIGHT = 0.35
NAME_WEIGHT = 0.4
HEAD_BONUS = 0.5
LEAD_BONUS = 0.25
LEAD_WORDS = 60
MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN", "NUM"})
HEAD_POS = frozenset({"NOUN", "PROPN"})
PARTICIPLES = frozenset({"VBN", "VBG"})
"""'destroyed homes', 'rising prices': verb forms that modify a noun."""
MODIFIER_CONTEXT = frozenset({"DET", "ADJ", "ADP", "NUM"})
NUMBER = re.compile(r"^[\d.,%:/-]+$")
PERSON_HEADS = frozenset({"PERSON"})
"""A phrase about a person is the person, listed as an actor: not a keyphrase."""
AMOUNTS = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
"""Entity labels of counts: 'Thousands of dockworkers' is an amount of the topic, not a topic."""
COMMON_BONUS = 1.0
"""Relevance gained by a phrase with no entity (name, date, amount) in it: keyphrases carry what happened."""


@lru_cache(maxsize=None)
def _stopwords(language: str) -> frozenset[str]:
    return frozenset(yake.KeywordExtractor(lan=language).stopword_set)


@lru_cache(maxsize=None)
def _unfit_words(language: str) -> frozenset[str]:
    """Words that never start or end a keyphrase: dates, furniture, agencies."""
    return month_names(language) | weekday_names(language) | resources.words("furniture", language) | resources.words("agencies", language)


@lru_cache(maxsize=None)
def _outlet_names(language: str) -> tuple[str, ...]:
    return tuple(f" {name} " for name in resources.words("agencies", language) if " " in name)


@lru_cache(maxsize=None)
def _role_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """Role words and one-word titles ('spokesman', 'president'); and those with every word of
    the longer titles ('prime', 'minister')."""
    titles = resources.ordered("titles", language)
    roles = resources.words("roles", language) | {t.lower() for t in titles if " " not in t}
    return frozenset(roles), frozenset(roles | {word.lower() for t in titles for word in t.split()})


def _names_agency(tokens: Sequence[Token], language: str) -> bool:
    """The tokens name a news agency: 'news agency', 'press agency', or an agency's name."""
    lowered = [t.lower_ for t in tokens]
    agencies = resources.words("agencies", language)
    return any(w in agencies for w in lowered) or any(pair in AGENCY_DESIGNATIONS for pair in zip(lowered, lowered[1:]))


def _names_an_outlet(phrase: str, language: str) -> bool:
    """The phrase holds the name of a news outlet ('Al Jazeera'): a source, not a topic."""
    padded = f" {phrase.lower()} "
    return any(name in padded for name in _outlet_names(language))


@lru_cache(maxsize=200_000)
def is_name(phrase: str) -> bool:
    """Every word capitalised: a name rather than a topic phrase."""
    words = phrase.split()
    return bool(words) and all(w[:1].isupper() for w in words)


def _can_start(token: Token) -> bool:
    if token.is_stop or token.like_num or token.ent_type_ in AMOUNTS:
        return False
    if token.tag_ in PARTICIPLES:
        # 'the destroyed homes', 'of rising prices'; not 'have killed thousands', ', beating X'
        return token.i > 0 and token.doc[token.i - 1].pos_ in MODIFIER_CONTEXT
    return token.pos_ in MODIFIER_POS


def _can_continue(token: Token) -> bool:
    return token.pos_ in MODIFIER_POS or token.tag_ in PARTICIPLES or token.tag_ == "HYPH" or token.lower_ == "of"


def noun_phrases(tokens: Sequence[Token], max_words: int, language: str) -> list[tuple[int, int]]:
    """(start, end) token offsets of noun phrases and their well-formed parts."""
    unfit = _unfit_words(language)
    outlet_heads = resources.words("outlet_heads", language)
    roles, title_words = _role_words(language)
    found = []
    i = 0
    while i < len(tokens):
        if not _can_start(tokens[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and _can_continue(tokens[j + 1]) and "\n" not in tokens[j].whitespace_:
            j += 1
        run = tokens[i : j + 1]
        if _names_agency(run, language):
            i = j + 1
            continue  # 'the official state news agency' is a source, none of its words a topic
        for a in range(len(run)):
            if not _can_start(run[a]) or run[a].lower_ in unfit or _inside_compound(run[a]):
                continue
            for b in range(a, min(len(run), a + max_words + 2)):
                words = [t for t in run[a : b + 1] if t.tag_ != "HYPH"]
                if len(words) > max_words or run[b].pos_ not in HEAD_POS or run[b].lower_ in unfit or NUMBER.match(run[b].text):
                    continue
                if run[b].ent_type_ in PERSON_HEADS or _cuts_a_name(run[a], run[b]):
                    continue  # 'union leader Maria Luisa (Costa)', 'control of South (Sudan)'
                if run[b].lower_ in roles and all(t.ent_type_ or t.lower_ in roles or t.pos_ == "ADJ" for t in run[a:b]):
                    continue  # a title, not a topic: 'Russian president', 'electoral authority spokesman'
                if _runs_into_a_name(run[b], title_words):
                    continue  # the title before a name: 'party of former Prime (Minister X)'
                if ":" in run[b].text or not any(ch.isalpha() for ch in run[b].text) or a == b and len(run[a].text) < 3:
                    continue  # times, numbers, 'm' of '15m'
                if run[b].lower_ in outlet_heads and any(t.ent_type_ == "ORG" for t in run[a : b + 1]):
                    continue  # 'the official X Daily' is a source
                found.append((run[a].i, run[b].i + 1))
        i = j + 1
    return found


def _cuts_a_name(first: Token, last: Token) -> bool:
    """The phrase starts or ends inside a name ('Luisa' of 'Dr Maria Luisa Costa')."""
    doc = first.doc
    starts_inside = first.ent_iob_ == "I"
    ends_inside = last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I"
    return starts_inside or ends_inside


def _runs_into_a_name(token: Token, title_words: frozenset[str]) -> bool:
    """The token belongs to a title that runs on into a person's name ('Prime' of 'Prime Minister X')."""
    if token.lower_ not in title_words:
        return False
    doc, k = token.doc, token.i + 1
    while k < len(doc) and doc[k].lower_ in title_words:
        k += 1
    return k < len(doc) and doc[k].ent_type_ == "PERSON"


def _inside_compound(token: Token) -> bool:
    """The token continues a hyphenated word ('government' of 'pro-government')."""
    if token.i == 0:
        return token.text.startswith("-")
    previous = token.doc[token.i - 1]
    return token.text.startswith("-") or previous.text in ("-", "‐") and not previous.whitespace_


def _text(tokens: Sequence[Token]) -> str:
    return "".join(t.text + (t.whitespace_ if k < len(tokens) - 1 else "") for k, t in enumerate(tokens)).replace("\n", " ")


def _phrase(tokens: Sequence[Token], language: str) -> str:
    """A phrase as written, its first word lower-cased where only a sentence start capitalised
    it ('Rescue teams' -> 'rescue teams'; not a place the gazetteer knows: 'Ukraine says')."""
    text = _text(tokens)
    first = tokens[0]
    capital_by_position = first.is_sent_start and first.text[:1].isupper() and first.text[1:].islower()
    if capital_by_position and not first.ent_type_ and places.canonical(first.text, language) is None:
        text = text[:1].lower() + text[1:]
    return text


class WordScores:
    """YAKE's score of each word of a text (`DataCore`'s term statistics; lower is better).

    YAKE scores every word of the text up front; a word's score depends only on its own
    occurrences and on statistics of the whole text, and the candidates use under half the
    words, so a word is scored the first time it is asked for.
    """

    def __init__(self, text: str, settings: KeyphraseSettings, language: str):
        self.core = DataCore(text=text, stopword_set=set(_stopwords(language)), config={"windows_size": settings.yake_window, "n": 1})
        terms = self.core.terms.values()
        counts = np.array([term.tf for term in terms if not term.stopword])
        # The statistics `DataCore.build_single_terms_features` gives each term's `update_h`.
        self.statistics = {
            "max_tf": max((term.tf for term in terms), default=0),
            "avg_tf": counts.mean() if counts.size else 0.0,
            "std_tf": counts.std() if counts.size else 0.0,
            "number_of_sentences": self.core.number_of_sentences,
        }
        self.scored: set[str] = set()

    def score(self, word: str) -> float | None:
        """The word's score; None for a stopword or a word not in the text."""
        term = self.core.get_term(word, save_non_seen=False)
        if term.stopword or term.tf == 0:
            return None
        if term.unique_term not in self.scored:
            term.update_h(self.statistics)
            self.scored.add(term.unique_term)
        return term.h


def _yake_score(scores: WordScores, words: Sequence[str], frequency: int) -> float:
    """YAKE's score of a phrase from its words' scores (stopwords inside are skipped)."""
    total, product = 0.0, 1.0
    for word in words:
        h = scores.score(word)
        if h is None:
            continue
        total += h
        product *= h
    return product / ((total + 1) * max(1, frequency))


def extract(doc: Doc, head_end: int, settings: KeyphraseSettings, language: str = "en") -> tuple[Keyphrase, ...]:
    """Scored candidates from the tagged opening of a parsed article, best first.

    `head_end` is the character offset where the body begins (after headline and standfirst).
    """
    tokens = list(doc[: tagged_tokens(doc)])
    if not tokens:
        return ()
    window_text = _text(tokens)
    scores = WordScores(window_text, settings, language)
    spans = noun_phrases(tokens, settings.max_words, language)
    phrases = [(_phrase(doc[a:b], language), any(t.ent_type_ for t in doc[a:b])) for a, b in spans]
    lowered = window_text.lower()
    head_stems = {stem(t.text) for t in tokens if t.idx < head_end}
    body_tokens = [t for t in tokens if t.idx >= head_end]
    lead_stems = {stem(t.text) for t in body_tokens[:LEAD_WORDS]}
    scored: dict[str, tuple[float, str]] = {}
    for phrase, has_entity in phrases:
        if _names_an_outlet(phrase, language):
            continue
        words = phrase.split()
        frequency = lowered.count(phrase.lower())
        relevance = 1.0 / (1.0 + 10 * _yake_score(scores, words, frequency))
        stems = [stem(w) for w in words]
        relevance *= 1 + HEAD_BONUS * sum(s in head_stems for s in stems) / len(stems)
        relevance *= 1 + LEAD_BONUS * sum(s in lead_stems for s in stems) / len(stems)
        if len(words) == 1:
            relevance *= SINGLE_WORD_WEIGHT if zipf_frequency(words[0].lower(), language) < EVERYDAY_ZIPF else EVERYDAY_WEIGHT
        if is_name(phrase):
            relevance *= NAME_WEIGHT
        elif not has_entity:
            relevance *= 1 + COMMON_BONUS
        key = " ".join(stems)
        if key not in scored or scored[key][0] < relevance:
            scored[key] = (relevance, phrase)
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1]))[:MAX_CANDIDATES]
    return tuple(Keyphrase(phrase, round(float(score), 6)) for score, phrase in ranked)
