"""Split a page into stories where the text changes subject.

A page may hold one story, a newsletter or roundup of several, a live blog or a broadcast
transcript. The page reads as a row of units (paragraphs; a long paragraph is cut into runs of
sentences). Where the page itself marks a break (a heading, a time stamp), the run that follows
starts a new story when its words share too little with the story so far (lexical cohesion,
see `cohesion`). Runs too short to stand alone join the neighbour they are closest to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.clean import cohesion
from generator.clean.blocks import Block
from generator.settings import CleanSettings

SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
UNIT_MAX_WORDS = 90
"""A paragraph longer than this is cut into runs of sentences of about CHUNK_WORDS."""
CHUNK_WORDS = 45


@dataclass(frozen=True)
class Unit:
    text: str
    start: int
    heading: str | None
    """A heading standing just above the unit."""
    cued: bool
    """A heading or time stamp stands just above the unit."""
    bullet: bool = False

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Story:
    units: tuple[Unit, ...]
    heading: str | None

    @property
    def start(self) -> int:
        return self.units[0].start


def _sentences(text: str) -> list[str]:
    return [piece for piece in SENTENCE.split(text) if piece.strip()]


def units(blocks: list[Block], source_text: str) -> list[Unit]:
    """Paragraph units with the heading or marker that precedes each."""
    found: list[Unit] = []
    heading: str | None = None
    cued = False
    for block in blocks:
        if block.kind == "heading":
            heading, cued = block.text, True
            continue
        if block.kind == "marker":
            cued = True
            continue
        for offset, text in _chunks(block, source_text):
            found.append(Unit(text, offset, heading, cued, block.kind == "bullet"))
            heading, cued = None, False
    return found


def _chunks(block: Block, source_text: str) -> list[tuple[int, str]]:
    """A block as one unit, or as runs of sentences when it is long."""
    if len(block.text.split()) <= UNIT_MAX_WORDS:
        return [(block.start, block.text)]
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    for sentence in _sentences(block.text):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= CHUNK_WORDS:
            chunks.append(" ".join(current))
            current = []
    if current:
        if chunks and sum(len(s.split()) for s in current) < CHUNK_WORDS // 2:
            chunks[-1] = f"{chunks[-1]} {' '.join(current)}"
        else:
            chunks.append(" ".join(current))
    located = []
    cursor = block.start
    for chunk in chunks:
        found = source_text.find(chunk[:24], cursor, block.end)
        cursor = found if found >= 0 else cursor
        located.append((cursor, chunk))
    return located


def split(page_units: list[Unit], settings: CleanSettings) -> list[Story]:
    """Stories of the page, in order: a run after a heading or time stamp starts a new story
    when it shares too little with the story so far."""
    if not page_units:
        return []
    bags = [cohesion.bag(unit.text) for unit in page_units]
    runs = [i for i, unit in enumerate(page_units) if i == 0 or unit.cued]
    bounds = list(zip(runs, runs[1:] + [len(page_units)]))
    starts = [0]
    for a, b in bounds[1:]:
        story = cohesion.merged(bags[starts[-1] : a])
        if cohesion.cosine(story, cohesion.merged(bags[a:b])) < settings.story_shift_max:
            starts.append(a)
    starts = _absorb_short(starts, page_units, bags, settings.min_story_words)
    bounds = list(zip(starts, starts[1:] + [len(page_units)]))
    return [Story(tuple(page_units[a:b]), page_units[a].heading) for a, b in bounds]


def _absorb_short(starts: list[int], page_units: list[Unit], bags: list[Counter[str]], min_words: int) -> list[int]:
    """Drop boundaries that leave a run shorter than min_words; it joins its closer neighbour."""
    changed = True
    while changed and len(starts) > 1:
        changed = False
        bounds = list(zip(starts, starts[1:] + [len(page_units)]))
        for position, (a, b) in enumerate(bounds):
            if sum(u.words for u in page_units[a:b]) >= min_words:
                continue
            run = cohesion.merged(bags[a:b])
            before = cohesion.cosine(run, cohesion.merged(bags[bounds[position - 1][0] : a])) if position > 0 else -1.0
            after = cohesion.cosine(run, cohesion.merged(bags[b : bounds[position + 1][1]])) if position + 1 < len(bounds) else -1.0
            # Joining the previous run removes this run's own start; joining the next removes the next start.
            starts.remove(a if before >= after and position > 0 else bounds[position + 1][0] if position + 1 < len(bounds) else a)
            changed = True
            break
    return starts
