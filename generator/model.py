"""Typed data handed between the pipeline stages.

Every stage is a function from these objects to these objects; nothing here
knows how it is computed. All classes are frozen so a stage can never change
what an earlier stage produced, and every sequence is a tuple so that objects
hash and compare by value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorType = Literal["person", "organization", "place", "group", "event", "other"]
FurnitureKind = Literal[
    "navigation",  # share widgets, "Follow", "Short Url", menus
    "timestamp",  # "Updated 06 December 2025", "8 sec ago"
    "caption",  # photo caption
    "credit",  # "Photo: AFP", "(Reuters)", "via Getty Images"
    "byline",  # "By Jane Doe", "X contributed reporting"
    "duplicate",  # a repeated headline or line
    "other",
]


@dataclass(frozen=True)
class Source:
    """One input file, decoded."""

    path: str
    """File name relative to the input folder, with '/' separators."""
    text: str
    """The whole decoded text (Python str; spans index into it)."""


@dataclass(frozen=True)
class Problem:
    """An input file that could not be used, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Furniture:
    """A line removed from an article as page furniture, kept for attribution."""

    kind: FurnitureKind
    text: str


@dataclass(frozen=True)
class Article:
    """One story cut out of a source file and cleaned of boilerplate."""

    id: str
    """Stable slug, unique in the digest."""
    source: str
    """Source.path of the file it comes from."""
    part: int
    """1-based position of the story inside its source file."""
    start: int
    """Offset in Source.text where the story's span begins."""
    end: int
    """Offset where it ends (exclusive)."""
    title: str | None
    date: str | None
    """YYYY-MM-DD when the text states or implies it."""
    dateline: str | None
    """Place of the dateline ("SOFIA:" -> "Sofia"), when there is one."""
    outlet: str | None
    """Publishing outlet when the text names it (a credit line, "CNN's ... contributed")."""
    standfirst: tuple[str, ...]
    """Summary bullets or standfirst shown under the headline."""
    paragraphs: tuple[str, ...]
    """Cleaned body paragraphs in reading order; never empty."""
    furniture: tuple[Furniture, ...] = ()
    """Lines removed as captions, credits, bylines, navigation..."""

    @property
    def body(self) -> str:
        """The text every extractor analyses: paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Keyphrase:
    text: str
    score: float
    """Higher is better; only comparable inside one list."""


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named actor in an article body."""

    article_id: str
    text: str
    """Surface form as written, title kept, possessive dropped ("President Zelenskiy")."""
    name: str
    """The bare name without title or possessive ("Zelenskiy")."""
    label: str
    """Named-entity label from the model (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT...)."""
    start: int
    """Character offset in Article.body."""
    sentence: int
    """0-based index of the sentence in Article.body."""
    title: str | None = None
    """Title or honorific written before the name ("President", "Mr")."""
    role: str | None = None
    """Description the text gives ("Kremlin spokesman")."""


@dataclass(frozen=True)
class Quote:
    """A direct quote attributed to an actor."""

    article_id: str
    speaker: str
    """Actor id once merged (the speaker's surface name before merging)."""
    text: str


@dataclass(frozen=True)
class Actor:
    """One real-world actor after merging every spelling across the digest."""

    id: str
    name: str
    """Canonical display name (the fullest common form)."""
    type: ActorType
    variants: tuple[str, ...]
    """Every surface form seen, sorted."""
    articles: tuple[str, ...]
    """Ids of the articles that mention it, in digest order."""
    mentions: int
    role: str | None = None
    """Most frequent description ("Kremlin spokesman")."""
    roles: tuple[str, ...] = ()
    """All descriptions, most frequent first."""
    quotes: tuple[Quote, ...] = ()
    related: tuple[str, ...] = ()
    """Ids of the actors most often seen in the same articles, most first."""


@dataclass(frozen=True)
class Analysis:
    """What the per-article extraction found (the parallel "map" step).

    Everything that needs the parsed text is computed here, so that later
    stages work across articles without re-parsing.
    """

    article_id: str
    sentences: tuple[str, ...]
    """Sentences of Article.body in order."""
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    """Quotes with the speaker's surface name (resolved to actor ids by the merge)."""
    keyphrases: tuple[Keyphrase, ...]
    """Candidate keyphrases with article-local scores, best first."""


@dataclass(frozen=True)
class ActorIndex:
    """Result of the actor stage for the whole digest."""

    actors: tuple[Actor, ...]
    """Every merged actor, most mentioned first (ties by id)."""
    by_article: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Article id -> ids of its main actors, most central first."""
    sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Article id -> names seen only as credits/attributions (agencies, photographers)."""


@dataclass(frozen=True)
class KeyPoint:
    text: str
    article_id: str


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    """YYYY-MM-DD"""
    text: str
    article_id: str


@dataclass(frozen=True)
class Topic:
    """A topic section: articles about one story, with what a reader scans first."""

    id: str
    label: str
    articles: tuple[str, ...]
    keyphrases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class Digest:
    """Everything one build extracted; the input of rendering and publishing."""

    generated: str
    """ISO 8601 time stamp of the build (deterministic, see pipeline)."""
    articles: tuple[Article, ...]
    keyphrases: dict[str, tuple[str, ...]]
    """Article id -> keyphrases, best first."""
    actors: ActorIndex
    topics: tuple[Topic, ...]
    article_topic: dict[str, str]
    """Article id -> topic id."""
    summaries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Article id -> key sentences."""
    problems: tuple[Problem, ...] = ()
    """Input files that were skipped."""
