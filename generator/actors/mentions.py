"""Mentions: the repaired entities of one parsed article, with what the text says around them.

For every name the recogniser found: the title written before it ("President", "Dr"), the
description in apposition ("a spokesperson for ..."), an alias the text equates with it
("X (Y)", "X, known as Y"), and whether the text names it as a news source rather than an
actor ("Al-Arabiya reported", "the official MAP news agency", "told DPA", "I'm <presenter>").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from generator import resources
from generator.model import Mention, Zone

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})
MAX_TITLE_TOKENS = 5
MAX_ROLE_WORDS = 10
POSSESSIVE = re.compile(r"['’]s?$")
AGENCY_DESIGNATIONS = frozenset({("news", "agency"), ("press", "agency")})
"""Word pairs that end the name of a news agency ('Taqrib News Agency')."""
SOURCE_VERBS = frozenset({"reported", "reports", "quoted", "cited", "broadcast", "aired"})
SELF_INTRODUCTION = ("i'm", "i am", "this is", "my name is", "with me,", "with me")
PARTICLES = resources.alternation("name_particles")
CREDIT_BY = re.compile(r"\b(?:story|report|article|photos?|video|words|reporting|writing|editing|review|interview)\s+by\s*$")
"""'... the full story by Jane Doe': the writer or photographer credited, not an actor."""
OWN_STAFF = re.compile(r"\bour\s+(?:[a-z]+\s+){0,2}(?:correspondent|reporter|editor|presenter|anchor|producer)s?\s*,?\s*$")
"""'our correspondent Jane Doe', 'our Europe editor, X': the outlet's own journalist, not an actor."""


@lru_cache(maxsize=None)
def _titles(language: str) -> dict[tuple[str, ...], str]:
    """Title token sequences (lower case) -> the title as written in the list."""
    return {tuple(re.sub(r"(?<=\w)-(?=\w)", " - ", t).lower().split()): t for t in resources.ordered("titles", language)}


def title_before(doc: Doc, start: int, language: str) -> tuple[int, str | None]:
    """The longest title written just before token start: (its first token, the title text).

    Titles of people must be capitalised ('President'); event words need not ('storm Daniel').
    """
    titles = _titles(language)
    events = resources.words("event_titles", language)
    for length in range(MAX_TITLE_TOKENS, 0, -1):
        first = start - length
        if first < 0:
            continue
        words = tuple(t.lower_ for t in doc[first:start])
        if words in titles and doc[first].text[0].isupper() or " ".join(words) in events:
            return first, doc[first:start].text
    return start, None


def split_title(span: Span, language: str) -> tuple[str | None, str]:
    """A title inside the span ('President Putin' as one entity) -> (title, bare name)."""
    titles = _titles(language)
    for length in range(min(MAX_TITLE_TOKENS, len(span) - 1), 0, -1):
        words = tuple(t.lower_ for t in span[:length])
        if words in titles:
            return span[:length].text, span[length:].text
    return None, span.text


def _bare(text: str) -> str:
    return POSSESSIVE.sub("", text).strip(" ,;:-–—\"'“”‘’()")


def role_after(doc: Doc, span: Span, language: str) -> str | None:
    """', a spokesperson for X,' / ', the Kremlin spokesman,' right after a name."""
    if span.end + 2 >= len(doc) or doc[span.end].text != ",":
        return None
    roles = resources.words("roles", language)
    words = []
    for token in doc[span.end + 1 : span.end + 1 + MAX_ROLE_WORDS]:
        if token.text in (",", ".", ";", ")", "(") or token.is_sent_start:
            break
        words.append(token)
    if not words or words[0].lower_ not in ("a", "an", "the", "his", "her", "its", "their", "who", "former") and not words[0].text[0].islower():
        return None
    if any(w.lower_ in roles for w in words) and words[0].lower_ != "who":
        text = " ".join(w.text for w in words)
        return re.sub(r"^(?:a|an|the)\s+", "", text)
    return None


def role_before(doc: Doc, first: int, language: str) -> str | None:
    """'Kremlin spokesman Dmitry Peskov': a description ending in a role word right before a name."""
    roles = resources.words("roles", language)
    if first == 0 or doc[first - 1].lower_ not in roles:
        return None
    start = first - 1
    while start > 0 and first - start < 5 and (doc[start - 1].text[0].isupper() or doc[start - 1].lower_ in roles) and not doc[start].is_sent_start:
        start -= 1
    return doc[start:first].text if first - start > 0 else None


def alias_of(doc: Doc, span: Span) -> str | None:
    """'X (Y)', 'X, known as Y', 'X (born Y)': the other name the text gives."""
    rest = doc[span.end : min(len(doc), span.end + 12)]
    if not len(rest):
        return None
    text = rest.text
    bracket = re.match(r"^\s*\(\s*(?:(?:also |better )?known as |born |formerly |aka )?([A-Z][^()]{0,60}?)\s*\)", text)
    if bracket:
        return bracket.group(1).strip()
    known = re.match(
        rf"^\s*,?\s*(?:who is |who was )?(?:also |better )?(?:known as|nicknamed|dubbed)\s+[\"“‘']?"
        rf"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|(?:{PARTICLES})(?:-[A-Z][\w'’-]*)?)){{0,5}})",
        text,
    )
    return known.group(1).strip() if known else None


def is_news_source(doc: Doc, span: Span, name: str, language: str) -> bool:
    """The text names this as the source of a report, not as an actor in it."""
    folded = name.lower().replace("-", " ")
    agencies = _agency_names(language)
    if folded in agencies or folded.split(" in ")[0] in agencies:
        return True  # 'Associated Press in Kyiv'
    if span.label_ == "ORG" and len(span) > 1 and (span[-2].lower_, span[-1].lower_) in AGENCY_DESIGNATIONS:
        return True
    heads = resources.words("outlet_heads", language)
    if span.label_ == "ORG" and span[-1].lower_ in heads and len(span) > 1:
        return True
    after = [t.lower_ for t in doc[span.end : span.end + 3]]
    if after[:1] and after[0] in SOURCE_VERBS or after[:2] == ["news", "agency"] or after[:1] and after[0] in ("television", "tv", "newspaper", "broadcaster"):
        return True
    before = doc[max(0, span.start - 4) : span.start].text.lower()
    if span.label_ in ("PERSON", "ORG") and (
        before.rstrip(" ,").endswith(SELF_INTRODUCTION) or CREDIT_BY.search(before) or OWN_STAFF.search(before)
    ):
        return True
    if span.start >= 2 and doc[span.start - 1].text == "(":
        # 'Taqrib News Agency (TNA)': the acronym of a news source is a news source
        previous = next((e for e in doc.ents if e.end == span.start - 1), None)
        if previous is not None and previous.text != span.text and is_news_source(doc, previous, previous.text, language):
            return True
    return bool(re.search(r"(?:news agenc(?:y|ies)|agency|newspaper|broadcaster|channel)\s*$", before))


@lru_cache(maxsize=None)
def _agency_names(language: str) -> frozenset[str]:
    return frozenset(a.replace("-", " ") for a in resources.words("agencies", language))


def zone_of(offset: int, zones: Sequence[tuple[int, Zone]]) -> Zone:
    """The zone (title, standfirst, body) that the character offset falls in."""
    current: Zone = "body"
    for start, zone in zones:
        if offset >= start:
            current = zone
    return current


def extract(doc: Doc, zones: Sequence[tuple[int, Zone]], sentence_of: Sequence[int], language: str = "en") -> tuple[Mention, ...]:
    """Every name mention of a parsed article, in text order.

    `zones` lists (character offset, zone) where each zone begins; `sentence_of` maps a token
    index to its sentence index.
    """
    mentions = []
    for span in doc.ents:
        if span.label_ not in ACTOR_LABELS:
            continue
        inner_title, name = split_title(span, language)
        first, title = title_before(doc, span.start, language)
        title = title or inner_title
        name = _bare(name)
        if not name or not any(ch.isupper() for ch in name):
            continue
        role = role_after(doc, span, language) or role_before(doc, first, language)
        source = is_news_source(doc, span, name, language)
        mentions.append(
            Mention(
                text=f"{title} {name}" if title else name,
                name=name,
                label="SOURCE" if source else span.label_,
                sentence=sentence_of[span.start],
                zone=zone_of(span.start_char, zones),
                title=title,
                role=role,
                alias=alias_of(doc, span),
                locative=first > 0 and doc[first - 1].lower_ in resources.words("locative_prepositions", language),
            )
        )
    return tuple(mentions)
