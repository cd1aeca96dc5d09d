"""Split a page into stories where the text changes subject.

A page may hold one story, a newsletter or roundup of several, a live blog or a broadcast
transcript. The page reads as a row of units (paragraphs; a long paragraph is cut into runs of
sentences). Where the page marks a possible break (a heading; a time stamp, unless every line
carries one; a presenter's transition such as 'Turning now to ...'), the run that follows
starts a new story when its words share too little with the story so far (lexical cohesion,
see `cohesion`; a transition needs less evidence). A bulletin's opening headlines, short
sentences read before the first transition, become stories present only as headlines; a
roundup's short introduction that sums up its sections is no story. Runs too short to stand
alone join the neighbour they are closest to.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from generator import resources
from generator.clean import cohesion
from generator.clean.blocks import Block
from generator.clean.inline import SPEAKER_LABEL
from generator.settings import CleanSettings

SENTENCE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")
UNIT_MAX_WORDS = 90
"""A paragraph longer than this is cut into runs of sentences of about CHUNK_WORDS."""
CHUNK_WORDS = 45
DENSE_MARKERS = 0.6
"""When at least this share of paragraphs follows a time stamp, stamps are no story breaks."""
TRANSITION_FACTOR = 2.0
"""A transition phrase splits where cohesion is below this multiple of the threshold."""
SECTION_NOW = re.compile(r"^[a-z]+ now[,:]")
"""'Sport now, and ...', 'Business now:': a bulletin moving to its next section."""
HEADLINE_WORDS = 15
"""Longest sentence read as a headline in a bulletin's opening."""
INTRO_MAX_WORDS = 60
"""Longest text above a page's headed sections that can be its introduction."""
MIN_SPEAKER_LABELS = 3
"""Speaker labels ('PRESENTER:') mark a transcript's turns only when this many lines carry one."""


@dataclass(frozen=True)
class Unit:
    text: str
    start: int
    heading: str | None
    """A heading standing just above the unit."""
    cued: bool
    """A heading or time stamp stands just above the unit."""
    bullet: bool = False
    transition: bool = False
    """The unit opens with a presenter's transition ('Turning now to ...')."""

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Story:
    units: tuple[Unit, ...]
    heading: str | None
    headline_only: bool = False

    @property
    def start(self) -> int:
        return self.units[0].start


def _sentences(text: str) -> list[str]:
    return [piece for piece in SENTENCE.split(text) if piece.strip()]


@lru_cache(maxsize=None)
def _transition_openings(language: str) -> tuple[str, ...]:
    phrases = resources.ordered("transitions", language)
    return tuple(p + " " for p in phrases) + tuple(p + "," for p in phrases if not p.endswith(","))


def _is_transition(text: str, language: str) -> bool:
    """A presenter moving on: 'Turning now to ...', 'Sport now, and ...'."""
    opening = text[:40].lower().lstrip("\"“‘'")
    return opening.startswith(_transition_openings(language)) or bool(SECTION_NOW.match(opening))


def units(blocks: list[Block], source_text: str, language: str = resources.LANGUAGE) -> list[Unit]:
    """Paragraph units with the heading, time stamp or transition that opens each."""
    texts = sum(1 for b in blocks if b.kind in ("text", "bullet"))
    stamped = sum(1 for a, b in zip(blocks, blocks[1:]) if a.kind == "marker" and b.kind in ("text", "bullet"))
    stamps_mark_breaks = not texts or stamped / texts < DENSE_MARKERS
    # Speaker labels ('PRESENTER:') mark a transcript's turns when several lines carry one; a
    # single 'ATHENS:' is a dateline.
    labelled = sum(1 for b in blocks if b.kind == "text" and SPEAKER_LABEL.match(b.text))
    found: list[Unit] = []
    heading: str | None = None
    cued = False
    for block in blocks:
        if block.kind == "heading":
            heading, cued = block.text, True
            continue
        if block.kind == "marker":
            cued = cued or stamps_mark_breaks
            continue
        for offset, text in _chunks(block, source_text, language):
            # A transition opens the unit, or closes the one before ('Let's go to Libya.' + clock line)
            speaker = labelled >= MIN_SPEAKER_LABELS and bool(SPEAKER_LABEL.match(text))
            transition = speaker or _is_transition(text, language) or bool(found) and _is_transition(_sentences(found[-1].text)[-1], language)
            found.append(Unit(text, offset, heading, cued or transition, block.kind == "bullet", transition))
            heading, cued = None, False
    return found


def _chunks(block: Block, source_text: str, language: str) -> list[tuple[int, str]]:
    """A block as one unit, or as runs of sentences when it is long; a transition opens a run."""
    sentences = _sentences(block.text)
    if len(block.text.split()) <= UNIT_MAX_WORDS and not any(_is_transition(s, language) for s in sentences[1:]):
        return [(block.start, block.text)]
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    for sentence in sentences:
        if current and _is_transition(sentence, language):
            chunks.append(" ".join(current))
            current = []
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


def split(page_units: list[Unit], settings: CleanSettings, language: str = resources.LANGUAGE) -> list[Story]:
    """Stories of the page, in order: a run after a heading or time stamp starts a new story
    when it shares too little with the story so far."""
    if not page_units:
        return []
    runs = [i for i, unit in enumerate(page_units) if i == 0 or unit.cued]
    if len(runs) == 1:
        return [Story(tuple(page_units), page_units[0].heading)]
    bags = [cohesion.bag(unit.text) for unit in page_units]
    bounds = list(zip(runs, runs[1:] + [len(page_units)]))
    starts = [0]
    for a, b in bounds[1:]:
        story = cohesion.merged(bags[starts[-1] : a])
        threshold = settings.story_shift_max * (TRANSITION_FACTOR if page_units[a].transition else 1.0)
        if cohesion.cosine(story, cohesion.merged(bags[a:b])) < threshold:
            starts.append(a)
    headlines, opening = _opening_headlines(page_units, language)
    if headlines:
        starts = [opening] + [s for s in starts if s > opening]
    else:
        intro = _intro(page_units, bags)
        if intro:  # a roundup's opening lines sum up the stories below: no story of their own
            starts = [intro] + [s for s in starts if s > intro]
    starts = _absorb_short(starts, page_units, bags, settings.min_story_words)
    bounds = list(zip(starts, starts[1:] + [len(page_units)]))
    stories = [Story((unit,), unit.text, headline_only=True) for unit in headlines]
    return stories + [Story(tuple(page_units[a:b]), page_units[a].heading) for a, b in bounds if b > a]


def _intro(page_units: list[Unit], bags: list[Counter[str]]) -> int:
    """Where the first of several headed sections starts, when only a few lines stand above it
    and they speak of at least two of the sections (the page's introduction); 0 otherwise."""
    headed = [i for i, unit in enumerate(page_units) if unit.heading is not None]
    if len(headed) < 2 or headed[0] == 0:
        return 0
    if sum(u.words for u in page_units[: headed[0]]) >= INTRO_MAX_WORDS:
        return 0
    above = set(cohesion.merged(bags[: headed[0]]))
    sections = zip(headed, headed[1:] + [len(page_units)])
    summarised = sum(1 for a, b in sections if above & set(cohesion.merged(bags[a:b])))
    return headed[0] if summarised >= 2 else 0


def _opening_headlines(page_units: list[Unit], language: str) -> tuple[list[Unit], int]:
    """A bulletin's opening headlines, two or more short sentences read before the first
    transition ('... And a freight train derails. First, to Bulgaria, where ...'), and the
    position of that transition."""
    first_transition = next((i for i, u in enumerate(page_units) if u.transition), None)
    if first_transition is None or first_transition < 2:
        return [], 0
    opening = page_units[:first_transition]
    sentences = [s for u in opening for s in _sentences(u.text)]
    if len(sentences) != len(opening) or any(len(s.split()) > HEADLINE_WORDS for s in sentences):
        return [], 0
    return [u for u in opening if not _is_broadcast_furniture(u.text, language)], first_transition


def _is_broadcast_furniture(text: str, language: str) -> bool:
    return text.lower().startswith(resources.ordered("broadcast_furniture", language))


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
