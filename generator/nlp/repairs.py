"""Span repairs: one spaCy component that mends the entity recogniser's spans in one place.

The repairs are named passes over `doc.ents`, applied in the order of REPAIRS; each takes the
doc and the current spans and returns new spans. Every later stage reads the repaired
entities, so a name is whole everywhere or nowhere.
"""

# No `from __future__ import annotations` here: spaCy validates the factory signature below at
# runtime, and the confection release that spaCy pins cannot resolve annotations given as strings.
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from wordfreq import zipf_frequency

from generator import resources
from generator.clean.dates import calendar_words


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
COMMON_WORD_ZIPF = 4.3
"""A one-word 'name' this frequent in general English, written only where any word is capitalised
(sentence start, headline), is an ordinary word ('Videos', 'Meanwhile')."""
PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
"""Country and people names are frequent words, but are not written in lower case."""
EDGE_WORDS = frozenset({"the", "a", "an", "’s", "'s", "’", "'"})
HYPHENS = ("-", "‐", "–")
GIVEN_NAME_SYLLABLE = 4
"""Longest lower-case part after a hyphen still read as part of a person's name ('Jae-yong')."""
TICKER = re.compile(r"^\.?[A-Z0-9]*\d[A-Z0-9]*\.[A-Z]{1,3}$|^\.[A-Z][A-Z0-9]+$")
"""A stock ticker code such as '6857.T' or '.N225'."""

Repair = Callable[[Doc, list[Span], str], list[Span]]


def join_hyphenated(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """A name that goes on after a hyphen with no space takes the rest: a capitalised part
    ('Paris Saint' + '-Germain') or, in a person's name, a short syllable ('Moon Jae' + '-in').
    A lower-case word is not part of the name ('NATO' + '-backed')."""
    repaired = []
    for span in spans:
        end = span.end
        while end + 1 < len(doc) and doc[end].text in HYPHENS and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
            following = doc[end + 1]
            syllable = (
                span.label_ == "PERSON"
                and following.is_lower
                and len(following) <= GIVEN_NAME_SYLLABLE
                and following.lower_ not in resources.words("compound_suffixes", language)
            )
            if not following.is_alpha or not (following.text[0].isupper() or syllable):
                break
            end += 2
        repaired.append(Span(doc, span.start, end, label=span.label) if end != span.end else span)
    return repaired


def cut_at_breaks(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """A span never runs across a line break or into brackets. Across a break each line's piece
    is a name of its own, unless it ends a sentence ('Kampala\nMuseveni' -> both; 'X.\n\nTedros'
    -> 'Tedros'); before a bracket the name is what precedes it ('World Health Organization (WHO')."""
    repaired = []
    for span in spans:
        end = next((t.i for t in span if t.text in ("(", "[") and t.i > span.start), span.end)
        pieces, start = [], span.start
        for token in doc[span.start : end]:
            if "\n" in token.text:
                pieces.append((start, token.i))
                start = token.i + 1
            elif "\n" in token.whitespace_ and token.i + 1 < end:
                pieces.append((start, token.i + 1))
                start = token.i + 1
        pieces.append((start, end))
        pieces = [(a, b) for a, b in pieces if b > a]
        if pieces == [(span.start, span.end)]:
            repaired.append(span)
            continue
        for number, (a, b) in enumerate(pieces):
            last = number == len(pieces) - 1
            if last or doc[a].text[:1].isupper() and doc[b - 1].text not in (".", "!", "?"):
                repaired.append(Span(doc, a, b, label=span.label))
    return repaired


def split_possessor(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """'Seoul’s Hanyang University': the organisation is what follows the possessive."""
    places = {s.text for s in spans if s.label_ in ("GPE", "LOC")}
    repaired = []
    for span in spans:
        marks = [t.i for t in span if t.text in ("'s", "’s", "’", "'") and span.start < t.i < span.end - 1]
        if span.label_ in ("ORG", "FAC") and marks and doc[marks[-1] + 1].text[:1].isupper():
            # 'Seoul's Hanyang University' when the text names Seoul as a place; not 'People's Bank'
            if doc[span.start : marks[-1]].text in places:
                span = Span(doc, marks[-1] + 1, span.end, label=span.label)
        repaired.append(span)
    return repaired


def extend_designators(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """A name followed by a place designator ('Amur' + 'region') is that place: 'Amur region',
    whatever label the recogniser gave the name."""
    designators = resources.words("place_designators", language)
    repaired = []
    for span in spans:
        if span.label_ in NAME_LABELS and span.end < len(doc) and doc[span.end].lower_ in designators:
            label = span.label_ if span.label_ in ("GPE", "LOC", "FAC") else "LOC"
            span = Span(doc, span.start, span.end + 1, label=label)
        repaired.append(span)
    return repaired


def trim_edges(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """Articles, possessives, numbers and role words at the edge of a name are not part of it."""
    roles = resources.words("roles", language)
    titles = {t.lower().rstrip(".") for t in resources.ordered("titles", language)}
    repaired = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and (doc[start].lower_ in EDGE_WORDS or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].lower_ in EDGE_WORDS or doc[end - 1].is_punct and doc[end - 1].text != "."):
            end -= 1
        while end - start > 1 and (TICKER.match(doc[end - 1].text) or doc[end - 1].like_num and end - start > 2):
            end -= 1  # 'Advantest 6857.T', 'Borussia Dortmund 2'; 'Ligue 1' keeps its number
        while end - start > 1 and doc[end - 1].text[0].isupper() and (
            span.label_ in ("ORG", "GPE", "FAC") and doc[end - 1].lower_ in roles or doc[end - 1].lower_.rstrip(".") in titles
        ):
            end -= 1  # 'Samsung Electronics Co. Executive' (Chairman Lee), 'State Police Lt' (Col. X)
        if end > start:
            repaired.append(span if (start, end) == (span.start, span.end) else Span(doc, start, end, label=span.label))
    return repaired


def drop_non_names(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """Not a name: no capital letter; a title or time-zone word alone ('King', 'GMT'); one
    ordinary word capitalised only by its place at a sentence start ('Turnout', 'Videos'); a
    word cut off where the text stops mid-word."""
    bare_words = resources.words("stamp_words", language) | {t.lower() for t in resources.ordered("titles", language)}
    lower_words = {t.text for t in doc if t.is_lower}
    named_inside = {t.text for t in doc if t.is_title and not _opens(t)}
    cut = not doc.text.rstrip().endswith(tuple(".!?\"”’)"))
    kept = []
    for span in spans:
        if span.label_ not in NAME_LABELS:
            kept.append(span)
            continue
        if not any(ch.isupper() for ch in span.text) or span.text.lower().strip(".") in bare_words:
            continue
        if len(span) == 1 and _opens(span[0]):
            word = span.text.lower()
            # an ordinary word at a sentence start ('Turnout', 'Videos'), unless the text also
            # writes it as a name inside a sentence ('Russia', 'Trump')
            common = zipf_frequency(word, language) >= COMMON_WORD_ZIPF and span.label_ not in PLACE_LABELS
            if word in lower_words or common and span.text not in named_inside:
                continue
        if cut and span.end == len(doc) and len(span) == 1:
            continue
        kept.append(span)
    return kept


def _opens(token) -> bool:
    """The token opens a sentence or a line, where any word is capitalised."""
    if token.i == 0 or token.is_sent_start:
        return True
    before = token.doc[token.i - 1]
    return "\n" in before.text + before.whitespace_


def parenthesised_acronyms(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """'Syrian Observatory for Human Rights (SOHR)': the acronym in brackets is the same kind of name."""
    added = list(spans)
    for span in spans:
        if span.label_ not in ("ORG", "GPE", "LOC", "FAC", "NORP") or span.end + 2 >= len(doc):
            continue
        opening, inner, closing = doc[span.end], doc[span.end + 1], doc[span.end + 2]
        if opening.text == "(" and closing.text == ")" and inner.is_upper and 2 <= len(inner.text) <= 8 and _spells(inner.text, span):
            added.append(Span(doc, inner.i, inner.i + 1, label=span.label))
    return added


def _spells(acronym: str, span: Span) -> bool:
    """The acronym's letters follow the initials of the span's capitalised words (in order)."""
    initials = [t.text[0].upper() for t in span if t.text[:1].isupper()] + [
        part[0].upper() for t in span for part in t.text.split("-")[1:] if part[:1].isupper()
    ]
    if not initials or acronym[0] != initials[0]:
        return False
    letters = iter(initials)
    return all(letter in letters for letter in acronym)


@lru_cache(maxsize=None)
def _one_word_titles(language: str) -> frozenset[str]:
    return frozenset(t.lower().rstrip(".") for t in resources.ordered("titles", language) if " " not in t)


def split_at_titles(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """A person's name starts after a title inside the span: 'Nepal PM Sharma' -> 'Sharma'."""
    titles = _one_word_titles(language)
    repaired = []
    for span in spans:
        if span.label_ == "PERSON" and len(span) > 2:
            inner = [t.i for t in span[1:-1] if t.lower_.rstrip(".") in titles and t.text[:1].isupper()]
            if inner:
                span = Span(doc, inner[-1] + 1, span.end, label=span.label)
        repaired.append(span)
    return repaired


def join_name_particles(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """'Ursula von' + 'der' + 'Leyen': lower-case particles between two parts of one name."""
    particles = resources.words("name_particles", language)
    ordered = sorted(spans, key=lambda s: s.start)
    joined: list[Span] = []
    for span in ordered:
        previous = joined[-1] if joined else None
        if previous is not None and previous.label_ == "PERSON" and previous.end <= span.start <= previous.end + 2:
            between = doc[previous.end : span.start]
            ends_open = previous[-1].is_lower and previous[-1].lower_ in particles
            if (len(between) or ends_open) and all(t.lower_ in particles and t.is_lower for t in between) and span[0].text[:1].isupper():
                joined[-1] = Span(doc, previous.start, span.end, label="PERSON")
                continue
        joined.append(span)
    return _with_particle_tails(doc, joined, particles)


def _with_particle_tails(doc: Doc, spans: list[Span], particles: frozenset[str]) -> list[Span]:
    """A person's name that stops before 'der Leyen' (particles, then a capitalised word) takes it."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    repaired = []
    for span in spans:
        end = span.end
        while end < len(doc) and doc[end].is_lower and doc[end].lower_ in particles and end not in taken:
            end += 1
        if span.label_ == "PERSON" and end > span.end and end < len(doc) and doc[end].text[:1].isupper() and end not in taken:
            span = Span(doc, span.start, end + 1, label="PERSON")
        repaired.append(span)
    return repaired


def join_given_names(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """'Yury' + 'Ushakov' read as two names side by side: one person."""
    ordered = sorted(spans, key=lambda s: s.start)
    joined: list[Span] = []
    for span in ordered:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and span.label_ == "PERSON"
            and previous.end == span.start
            and len(previous) == 1
            and previous.label_ in NAME_LABELS - {"PERSON"}
            and previous[0].is_title
            and previous[0].lower_ not in calendar_words(language)
            and previous[0].whitespace_ == " "
        ):
            joined[-1] = Span(doc, previous.start, span.end, label="PERSON")
            continue
        joined.append(span)
    return joined


def event_names(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """'storm Daniel', 'Hurricane Lee': an event word before a capitalised word names an event."""
    events = resources.words("event_titles", language)
    by_start = {span.start: span for span in spans}
    added = list(spans)
    for token in doc[:-1]:
        if token.lower_ not in events:
            continue
        following = doc[token.i + 1]
        if following.is_quote and token.i + 2 < len(doc):
            following = doc[token.i + 2]  # storm "Daniel"
        if not (following.text[:1].isupper() and following.is_alpha):
            continue
        named = by_start.get(following.i) or next((s for s in spans if s.start == token.i and s.end > following.i), None)
        end = named.end if named is not None else following.i + 1
        while named is None and end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        added = [s for s in added if not (s.start <= token.i < s.end or s.start <= following.i < s.end)]
        added.append(Span(doc, token.i if token.text[0].isupper() else following.i, end, label="EVENT"))
    return added


def repeat_names(doc: Doc, spans: list[Span], language: str) -> list[Span]:
    """A name the text has recognised once is the same name wherever it is written again: a
    multi-word name and a person's surname ('Anatoliy Hrytsenko' ... 'Hrytsenko said') that
    the recogniser missed elsewhere are added, and a lone surname read as another kind is the
    person."""
    labels: dict[tuple[str, ...], Counter[str]] = {}
    surnames: dict[str, set[tuple[str, ...]]] = {}
    for span in spans:
        if span.label_ in NAME_LABELS and len(span) > 1 and span[-1].is_alpha:
            labels.setdefault(tuple(t.text for t in span), Counter())[span.label_] += 1
            if span.label_ == "PERSON" and span[-1].is_title and len(span[-1]) > 2:
                surnames.setdefault(span[-1].text, set()).add(tuple(t.text for t in span))
    unique = {name for name, people in surnames.items() if len(people) == 1}  # two Vargas: no surname alone
    known = {words: counts.most_common(1)[0][0] for words, counts in labels.items()}  # the label read most often
    kept = []
    for span in spans:
        if len(span) == 1 and span.text in unique and span.label_ in NAME_LABELS - {"PERSON"}:
            span = Span(doc, span.start, span.end, label="PERSON")
        kept.append(span)
    covered = {i for span in kept for i in range(span.start, span.end)}
    sizes: dict[str, set[int]] = {}
    for words in known:
        sizes.setdefault(words[0], set()).add(len(words))
    i = 0
    while i < len(doc):
        found = None
        if i not in covered and doc[i].text[:1].isupper():
            for size in sorted(sizes.get(doc[i].text, ()), reverse=True):
                words = tuple(t.text for t in doc[i : i + size])
                if words in known and not covered.intersection(range(i, i + size)):
                    found = Span(doc, i, i + size, label=known[words])
                    break
            if found is None and doc[i].text in unique and _stands_alone(doc[i], language):
                found = Span(doc, i, i + 1, label="PERSON")
        if found is not None:
            kept.append(found)
            i = found.end
            continue
        i += 1
    return kept


def _stands_alone(token: Token, language: str) -> bool:
    """The word is not part of a longer capitalised name, nor an ordinary word opening a sentence."""
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if before is not None and before.text[:1].isupper() and not _opens(token) or after is not None and after.is_title:
        return False
    return not (_opens(token) and zipf_frequency(token.lower_, language) >= COMMON_WORD_ZIPF)


REPAIRS: tuple[Repair, ...] = (
    cut_at_breaks,
    join_hyphenated,
    extend_designators,
    split_possessor,
    trim_edges,
    split_at_titles,
    join_name_particles,
    join_given_names,
    drop_non_names,
    parenthesised_acronyms,
    event_names,
    repeat_names,
)


@Language.factory("news_span_repairs", default_config={"language": "en"})
def make_repairs(nlp: Language, name: str, language: str) -> Callable[[Doc], Doc]:
    """The component: every repair in order over the recogniser's entities."""

    def repair(doc: Doc) -> Doc:
        spans = list(doc.ents)
        for rule in REPAIRS:
            spans = rule(doc, spans, language)
        doc.ents = filter_spans(spans)
        return doc

    return repair
