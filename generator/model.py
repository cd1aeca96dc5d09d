"""Typed data handed between the pipeline stages.

Every stage is a function from these objects to these objects; nothing here knows how they
are computed. Every class is frozen and holds only tuples and other frozen objects (never a
dict or a list), so a stage cannot change what an earlier stage produced, and every object
hashes and compares by value. Where a stage needs a lookup it builds a dict locally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ActorType = Literal["person", "organization", "place", "group", "event", "other"]
Zone = Literal["title", "standfirst", "body"]
LineKind = Literal[
    "navigation",  # menus, share and follow widgets, "Skip to main content", link lines
    "timestamp",  # "Updated 06 December 2025", "2:01 pm", "8 min read"
    "caption",  # photo or video caption, repeated caption
    "credit",  # "Photo: AFP", "REUTERS/Jane Doe", "(ILKHA)"
    "byline",  # "By Jane Doe", "Written by X for Y", "X contributed reporting"
    "related",  # "Read also: ...", related-story headlines
    "duplicate",  # a line printed twice
    "dateline",  # "SOFIA, Dec 6 (Reuters) -" (kept out of the text, read for place and date)
    "header",  # programme or page header lines of a transcript
]
InputStatus = Literal["read", "skipped", "duplicate"]


@dataclass(frozen=True)
class InputMeta:
    """Metadata an input states beside its text (feed fields, HTML meta tags, front matter)."""

    title: str | None = None
    date: str | None = None
    """YYYY-MM-DD."""
    outlet: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Source:
    """One document read from the input folder: a text file, a saved page, a feed item."""

    path: str
    """File name relative to the input folder, with '/' separators."""
    text: str
    """The decoded, normalised text (NFC, '\\n' line ends, no BOM or NUL); spans index it."""
    item: int = 0
    """1-based item number inside a file that holds several (feed, JSON Lines); 0 otherwise."""
    meta: InputMeta = InputMeta()
    encoding: str = "utf-8"
    decode_note: str | None = None
    """How the bytes were decoded when that needed a fallback (detected charset, replacements)."""

    @property
    def name(self) -> str:
        """A name for messages: the path, with the item number for multi-item files."""
        return f"{self.path}#{self.item}" if self.item else self.path


@dataclass(frozen=True)
class Problem:
    """An input that could not be used, and why."""

    path: str
    reason: str
    kind: str = "unreadable"
    """Short reason class for the build summary ("empty", "binary", "outside the input folder"...)."""


@dataclass(frozen=True)
class Furniture:
    """A line kept out of an article's text as page furniture (what cleaning set aside, and by which pass)."""

    kind: LineKind
    text: str
    rule: str
    """Name of the pass that recognised it."""


@dataclass(frozen=True)
class Article:
    """One story cut out of a source and cleaned of page furniture."""

    id: str
    """Stable slug, unique in the digest."""
    source: str
    """Source.path of the file it comes from."""
    part: int
    """1-based position of the story among the stories of its source file."""
    start: int
    """Offset in Source.text where the story's span begins."""
    end: int
    """Offset where it ends (exclusive)."""
    title: str | None
    """The headline as stated by the input or the page; None when the page has none."""
    date: str | None
    """YYYY-MM-DD when the input or the text states or implies it."""
    date_basis: str | None
    """Where the date came from: "input" (stated), "stamp" (the page's date line), "caption" or "dateline"."""
    standfirst: tuple[str, ...]
    """Summary bullets or standfirst shown under the headline."""
    paragraphs: tuple[str, ...]
    """Cleaned body paragraphs in reading order; never empty."""
    item: int = 0
    """Source.item of the document it comes from."""
    dateline: str | None = None
    """Place of the dateline ("SOFIA, Dec 6 (Reuters)" -> "Sofia")."""
    outlet: str | None = None
    """Publishing outlet: stated by the input, else named by the page (agency dateline, copyright)."""
    author: str | None = None
    url: str | None = None
    furniture: tuple[Furniture, ...] = ()
    also_in: tuple[str, ...] = ()
    """Other inputs that carry the same article (exact or near duplicates, the same URL)."""
    headline_only: bool = False
    """The page gives only this story's headline (a teaser, a bulletin's opening headlines)."""

    @property
    def body(self) -> str:
        """The body text: paragraphs joined by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article as the parse found it."""

    text: str
    zone: Zone
    paragraph: int
    """0-based paragraph index inside its zone."""


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named entity in an article."""

    text: str
    """Surface form as written, title kept, possessive dropped ("President Zelenskiy")."""
    name: str
    """The name without title or possessive ("Zelenskiy")."""
    label: str
    """Entity label from the model after repair (PERSON, ORG, GPE, LOC, NORP, FAC, EVENT...)."""
    sentence: int
    """Index into Analysis.sentences."""
    zone: Zone
    title: str | None = None
    """Title or honorific written before the name ("President", "Mr")."""
    role: str | None = None
    """Description the text gives in apposition ("Kremlin spokesman")."""
    alias: str | None = None
    """Another name the text equates with this one: "X (Y)", "X, known as Y"."""
    locative: bool = False
    """Written after a preposition of place ("in X", "off X"): evidence that X is a place."""


@dataclass(frozen=True)
class Quote:
    """A direct quote and the name of its speaker as written."""

    speaker: str
    text: str
    sentence: int


@dataclass(frozen=True)
class Keyphrase:
    text: str
    score: float
    """Higher is better; comparable only inside one list."""


@dataclass(frozen=True)
class Analysis:
    """What the one parse of an article yields for every later stage."""

    article_id: str
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    candidates: tuple[Keyphrase, ...]
    """Keyphrase candidates with article-local scores, best first."""
    terms: tuple[tuple[str, int], ...]
    """Content lemmas and their counts (sorted), for clustering and topic keyphrases."""
    summary: tuple[int, ...] = ()
    """Indices of the article's key sentences, in reading order."""
    error: str | None = None
    """Set when the analysis failed; the article then carries no entities or phrases."""


@dataclass(frozen=True)
class QuoteRef:
    """A quote attributed to a merged actor."""

    article_id: str
    text: str
    sentence: int


@dataclass(frozen=True)
class Actor:
    """One real-world actor after merging every spelling across the digest."""

    id: str
    name: str
    """Canonical display name (the fullest form written)."""
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
    quotes: tuple[QuoteRef, ...] = ()
    related: tuple[str, ...] = ()
    """Ids of the actors most often named in the same articles, most first."""


@dataclass(frozen=True)
class ArticleActors:
    """The actors of one article."""

    article_id: str
    main: tuple[str, ...]
    """Actor ids, most central first."""
    mentions: tuple[int, ...] = ()
    """How often the article names each actor of `main`."""
    credited: tuple[str, ...] = ()
    """Names seen only as credits or attributions (agencies, photographers)."""


@dataclass(frozen=True)
class ActorIndex:
    actors: tuple[Actor, ...]
    """Every merged actor, most mentioned first (ties by id)."""
    by_article: tuple[ArticleActors, ...]
    """One entry per article, in digest order."""


@dataclass(frozen=True)
class Highlight:
    """An extractive key sentence of a topic, linked to the sentence of its article."""

    text: str
    article_id: str
    sentence: int


@dataclass(frozen=True)
class TopicQuote:
    speaker: str
    """Actor id."""
    text: str
    article_id: str


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    """YYYY-MM-DD."""
    text: str
    article_id: str
    scheduled: bool = False
    """The event lies after the newest article of the topic (announced, not yet happened)."""


@dataclass(frozen=True)
class Topic:
    """A topic section: the articles about one story and what a reader scans first."""

    id: str
    label: str
    """Short name of the story ("Morocco earthquake")."""
    headline: str
    """One-line headline of the story."""
    articles: tuple[str, ...]
    summary: tuple[str, ...] = ()
    """Two sentences that tell the story."""
    highlights: tuple[Highlight, ...] = ()
    keyphrases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    """Key players: people and organisations first."""
    places: tuple[str, ...] = ()
    quotes: tuple[TopicQuote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()


@dataclass(frozen=True)
class ArticleDigest:
    """What the digest says about one article."""

    article: Article
    topic: str
    keyphrases: tuple[str, ...]
    actors: tuple[str, ...]
    summary: tuple[str, ...]
    credited: tuple[str, ...] = ()


@dataclass(frozen=True)
class InputRecord:
    """What became of one input file."""

    source: str
    status: InputStatus
    reason: str | None = None
    kind: str | None = None
    """Short class of the reason a file was skipped ("empty", "binary", "no news"...)."""
    encoding: str | None = None
    duplicate_of: str | None = None
    articles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Digest:
    """Everything one build found; the input of rendering and publishing."""

    generated: str
    """ISO 8601 time stamp of the build (deterministic, see pipeline)."""
    edition: str
    """YYYY-MM-DD of the newest article, or the date given with --edition."""
    articles: tuple[ArticleDigest, ...]
    actors: tuple[Actor, ...]
    topics: tuple[Topic, ...]
    analyses: tuple[Analysis, ...] = ()
    """The per-article analyses, in article order (sentences for highlights and anchors)."""
    inputs: tuple[InputRecord, ...] = ()
