"""Article text as page text: escaping, display titles and outlets, sentence anchors.

Everything an input says is data. It reaches a page either escaped for Markdown and HTML
(`escape_markdown`, used by the template finalizer) or as HTML built here with every piece of
text escaped (`escape_html`), so that nothing an article says is read as markup or as a link.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlsplit

from markupsafe import Markup

from generator.model import Analysis, Article

# Characters Python-Markdown gives a meaning to and lets us backslash-escape (its
# ESCAPED_CHARS, plus "|" from the tables extension; "!" keeps "!!!" from opening an
# admonition). "<", ">" and "&" become entities instead, so no HTML survives.
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]#|!])")
# Line starts Markdown would read as a list item; text is one line, so only its start counts.
BULLET_START = re.compile(r"^( ?)([-+])")
ORDERED_START = re.compile(r"^( ?\d+)\.")
HTML_SPECIALS = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
WHITESPACE = re.compile(r"\s+")
# Python-Markdown uses \x02/\x03 as internal placeholders; no control character is text.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

TITLE_FROM_TEXT_CHARS = 110
"""A title made from the first sentence is cut to about this many characters."""
LEAD_MIN_WORDS = 30
"""An excerpt shows the first paragraph, and the second too when the first is shorter than this."""
UNKNOWN_OUTLET = "Outlet not stated"
HTML_MARK = "data-digest-html"
"""Marks a one-line block of HTML built in code, which Markdown may skip (see `hooks`)."""
SENTENCE_LOOKAHEAD = 3
"""How many paragraphs ahead a sentence is looked for before it is left without a place."""


@lru_cache(maxsize=100_000)
def escape_markdown(text: str) -> str:
    """Inline-safe Markdown for arbitrary text: shows exactly the characters given, on one line."""
    text = WHITESPACE.sub(" ", CONTROL_CHARS.sub("", str(text))).translate(HTML_SPECIALS)
    text = MARKDOWN_SPECIALS.sub(r"\\\1", text)
    text = BULLET_START.sub(r"\1\\\2", text)
    return ORDERED_START.sub(r"\1\\.", text)


@lru_cache(maxsize=100_000)
def escape_html(text: str) -> str:
    """Text for an HTML element or attribute: on one line, every special character an entity."""
    return html.escape(WHITESPACE.sub(" ", CONTROL_CHARS.sub("", str(text))).strip(), quote=True)


def yaml_string(text: str) -> Markup:
    """A front-matter value: HTML-escaped, as themes print page titles and descriptions unescaped,
    then quoted as a JSON string, which is valid YAML."""
    return Markup(json.dumps(escape_html(text), ensure_ascii=False))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL with every character Markdown or HTML could read percent-encoded; else None."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!$&*+,;=%~")


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most limit characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


def domain(url: str | None) -> str | None:
    """The host of a URL without "www.", or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def outlet_name(article: Article) -> str | None:
    """What readers know an article's publisher by: the outlet or its web domain, when known."""
    return (article.outlet or "").strip() or domain(article.url) or None


@dataclass(frozen=True)
class Title:
    text: str
    from_text: bool
    """True when the input has no headline and this one is the article's first sentence."""


def display_title(article: Article, analysis: Analysis | None = None) -> Title:
    """The stated headline, or the first sentence (shortened) when the input states none (or only
    punctuation, such as a lone dash)."""
    if article.title and any(ch.isalnum() for ch in article.title):
        return Title(" ".join(article.title.split()), False)
    candidates = [s.text for s in analysis.sentences if s.zone == "body"] if analysis else []
    candidates += list(article.paragraphs)
    first = next((text for text in candidates if any(ch.isalnum() for ch in text)), "Untitled")
    return Title(shorten(first, TITLE_FROM_TEXT_CHARS), True)


def lead_count(article: Article) -> int:
    """How many paragraphs make the lead of an excerpt."""
    if len(article.paragraphs) > 1 and len(article.paragraphs[0].split()) < LEAD_MIN_WORDS:
        return 2
    return 1


@dataclass(frozen=True)
class Segment:
    """A run of a paragraph's text, and the sentence it is (None between sentences)."""

    text: str
    sentence: int | None
    first: bool = True
    """False for the continuation of a sentence that began in an earlier paragraph (no anchor there)."""


@dataclass(frozen=True)
class AnchoredText:
    """An article's standfirst and paragraphs cut into sentences with their analysis numbers."""

    title_sentence: int | None
    standfirst: tuple[tuple[Segment, ...], ...]
    paragraphs: tuple[tuple[Segment, ...], ...]
    unplaced: tuple[int, ...]
    """Sentences not found in the text (an anchor for each still exists, where the one before ended)."""


def anchor(article: Article, analysis: Analysis | None) -> AnchoredText:
    """Cut the text into the sentences the analysis numbered, so each can carry an anchor."""
    sentences = analysis.sentences if analysis else ()
    title = next((i for i, s in enumerate(sentences) if s.zone == "title"), None)
    standfirst, lost_a = _place(
        [" ".join(line.split()) for line in article.standfirst],
        [(i, s.text) for i, s in enumerate(sentences) if s.zone == "standfirst"],
    )
    paragraphs, lost_b = _place(
        [" ".join(p.split()) for p in article.paragraphs],
        [(i, s.text) for i, s in enumerate(sentences) if s.zone == "body"],
    )
    return AnchoredText(title, standfirst, paragraphs, tuple(lost_a + lost_b))


Span = tuple[int, int, int, bool]  # start, end, sentence, first piece of it


def _find(blocks: Sequence[str], text: str, block: int, position: int) -> list[tuple[int, int, int]] | None:
    """Where text lies from (block, position) on: one piece, or pieces across consecutive blocks."""
    for candidate in range(block, min(len(blocks), block + SENTENCE_LOOKAHEAD + 1)):
        offset = position if candidate == block else 0
        start = blocks[candidate].find(text, offset)
        if start >= 0:
            return [(candidate, start, start + len(text))]
        pieces = _across(blocks, candidate, offset, text)
        if pieces:
            return pieces
    return None


def _across(blocks: Sequence[str], block: int, offset: int, text: str) -> list[tuple[int, int, int]] | None:
    """Pieces of a sentence the analysis read across a line break: the end of a block, then the next."""
    start = _tail_start(blocks[block], text, offset)
    if start is None:
        return None
    pieces = [(block, start, len(blocks[block]))]
    rest, where = text[len(blocks[block]) - start :].lstrip(), block + 1
    while rest and where < len(blocks):
        following = blocks[where]
        if following.startswith(rest):
            pieces.append((where, 0, len(rest)))
            return pieces
        if not following or not rest.startswith(following):
            return None
        pieces.append((where, 0, len(following)))
        rest, where = rest[len(following) :].lstrip(), where + 1
    return None if rest else pieces


def _tail_start(block: str, text: str, offset: int) -> int | None:
    """Where the end of block begins when text starts with it (and goes on beyond it), else None."""
    head = text[:12]
    start = block.find(head, offset) if len(head) == 12 else -1
    while start >= 0:
        tail = block[start:]
        if len(tail) < len(text) and text.startswith(tail):
            return start
        start = block.find(head, start + 1)
    return None


def _place(blocks: Sequence[str], sentences: Iterable[tuple[int, str]]) -> tuple[tuple[tuple[Segment, ...], ...], list[int]]:
    """Find each sentence in the blocks, in order; one not found anchors where the one before ended."""
    spans: list[list[Span]] = [[] for _ in blocks]
    block, position, unplaced = 0, 0, []
    for index, text in sentences:
        pieces = _find(blocks, text, block, position) if text and blocks else None
        if not pieces:
            unplaced.append(index)
            if blocks:
                spans[min(block, len(blocks) - 1)].append((position, position, index, True))
            continue
        for number, (where, start, end) in enumerate(pieces):
            spans[where].append((start, end, index, number == 0))
        block, position = pieces[-1][0], pieces[-1][2]
    return tuple(_segments(text, found) for text, found in zip(blocks, spans)), unplaced


def _segments(text: str, spans: list[Span]) -> tuple[Segment, ...]:
    out, cursor = [], 0
    for start, end, index, first in spans:
        start = max(start, cursor)
        if start > cursor:
            out.append(Segment(text[cursor:start], None))
        out.append(Segment(text[start:end], index, first))
        cursor = max(cursor, end)
    if cursor < len(text):
        out.append(Segment(text[cursor:], None))
    return tuple(out)


def anchors_in(blocks: Iterable[tuple[Segment, ...]]) -> set[int]:
    """The sentences that have their anchor in these blocks."""
    return {s.sentence for block in blocks for s in block if s.sentence is not None and s.first}


def sentence_id(index: int) -> str:
    """The element id of a sentence on its article page."""
    return f"s-{index}"


def segments_html(segments: Iterable[Segment]) -> Markup:
    """A paragraph's text as HTML, each sentence a span with its anchor id."""
    parts = []
    for segment in segments:
        text = html.escape(CONTROL_CHARS.sub("", segment.text), quote=True)
        if segment.sentence is None:
            parts.append(text)
        elif not segment.first:
            parts.append(f'<span class="digest-s">{text}</span>')
        else:
            parts.append(f'<span class="digest-s" id="{sentence_id(segment.sentence)}">{text}</span>')
    return Markup("".join(parts))


def paragraphs_html(paragraphs: Iterable[tuple[Segment, ...]], css_class: str) -> Markup:
    """A block of paragraphs as one line of raw HTML that Markdown passes through untouched."""
    body = "".join(f"<p>{segments_html(p)}</p>" for p in paragraphs)
    return Markup(f'<div class="{css_class}" {HTML_MARK}>{body}</div>')


def list_html(items: Iterable[tuple[Segment, ...]], css_class: str) -> Markup:
    """Sentences as one line of raw HTML: a list, each item a sentence with its anchor."""
    body = "".join(f"<li>{segments_html(item)}</li>" for item in items)
    return Markup(f'<ul class="{css_class}" {HTML_MARK}>{body}</ul>')
