"""Page furniture: the lines of a page that are not the news (menus, widgets, captions, stamps...).

Each rule is a named pass over the lines of one page, applied in the order of PASSES; a pass
sees only the lines no earlier pass claimed, and returns {line index: kind}. Rules decide by
the shape and position of a line (a run of short labels, a line printed twice, a line that ends
with a photo credit, a line made of date and time words) and by a few general word lists kept
in `resources/<language>/`, never by the name of an outlet or a story.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from generator import resources
from generator.clean.dates import calendar_words, find_dates
from generator.clean.lines import BULLET_MARK, LONE_DASH, Line, is_cut_short, is_heading_shape
from generator.model import LineKind
from generator.settings import CleanSettings

log = logging.getLogger(__name__)

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|co\.uk|gov|int)(?:/\S*)?\b", re.I)
CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?$", re.I)
NUMBER = re.compile(r"^\d+(?:[.,:]\d+)*(?:st|nd|rd|th)?$")
# A credit closing a caption: "— AFP", "REUTERS/Jane Doe", "Photo courtesy of X/UPI", "Picture: X", "[Getty]",
# "(AP Photo/Jane Doe)", "Evan Vucci/Pool via REUTERS", "(Getty Images)"; agencies come from the
# word lists.
CREDIT_TAIL = (
    r"(?:[.!?”\"]\s*[—–-]{1,2}\s*[A-Z][\w&.' /-]{1,40}"
    r"|\b(?:[Pp]hotos?(?:\s+courtesy(?:\s+of)?|\s+by)|(?:[Pp]hotos?|[Pp]ictures?|[Ii]mages?|[Cc]redit|[Ff]ootage)\s*:)\s+[A-Z][^.!?]{1,80}"
    r"|\[[A-Z][\w /&.-]{1,40}\]"
    r"|\([^()]{0,40}(?:\b[Pp]hoto|\b[Ff]ile|\b[Hh]andout|\b(?:PHOTO_AGENCIES)\b|/)[^()]{0,60}\)"
    r"|\b[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,3}\s?/\s?[A-Z][\w.'-]*(?:\s(?:via|[A-Z][\w.'-]*)){0,5}"
    r"|\bvia\s+(?i:AGENCIES)\b)\s*\.?$"
)

CREDIT_OPENER = re.compile(r"^(?:photos?|image|picture|video|credit|source|footage)s?(?:\s+credit)?\s*:", re.I)
PARTICLES = resources.alternation("name_particles")
"""'de', 'van', 'bin'...: lower-case words inside personal names."""
NAME_WORDS = rf"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|{PARTICLES})){{0,5}}"
CREDIT_CLAUSE = (
    r"(?i:by|posted by|written by|reported by|reporting by|additional reporting by|edited by|editing by|compiled by)"
    rf"\s+{NAME_WORDS}(?:\s+in\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)?(?:\s+and\s+{NAME_WORDS}(?:\s+in\s+[A-Z][\w'’-]+)?)*"
    r"(?:\s+on\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\s+on\s+[A-Z][a-z]+\s+\d{1,2},?\s+\d{4})?"
)
BYLINE = re.compile(
    rf"^\(?{CREDIT_CLAUSE}(?:\s*[;,]\s*{CREDIT_CLAUSE})*"
    r"(?:\s*(?:,|for|in|at)\s*[\w .&'’-]{2,40})?\s*(?:->|→)?\s*\)?\.?$"
    r"|^(?:The\s+)?(?:[A-Z][\w.'’-]+\s+){1,3}(?i:staff|correspondents?|reporters?|contributors?)$"
    r"|\b(?i:contributed (?:reporting|to this report))\b"
)
BARE_NAME = re.compile(rf"^(?:[A-Z][\w'’.-]+)(?:\s+(?:[A-Z][\w'’.-]+|{PARTICLES}))+$")
STAGE_DIRECTION = re.compile(r"^[(\[][^()\[\]]+[)\]]\.?$")
SENTENCE_END_PUNCT = re.compile(r"[.!?]\s*$")
AGENCY_TAIL = re.compile(r"[.!?]\s*\((?:[A-Z]{2,6}|[A-Z][a-z]+)\)\s*$")
ISO_DATETIME = re.compile(r"\b(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
ISO_PREFIX = re.compile(r"^(?:date\s+)?(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s*", re.I)


@dataclass(frozen=True)
class Page:
    """The lines of one source, with the counts the passes share."""

    lines: tuple[Line, ...]
    settings: CleanSettings
    language: str

    @cached_property
    def content(self) -> list[Line]:
        return [line for line in self.lines if not line.blank]


Pass = Callable[[Page, Sequence[Line]], dict[int, LineKind]]


@lru_cache(maxsize=None)
def _credit_tail(language: str) -> re.Pattern[str]:
    """CREDIT_TAIL with the language's agency lists filled in."""
    photo_agencies, agencies = resources.alternation("photo_agencies", language), resources.alternation("agencies", language)
    return re.compile(CREDIT_TAIL.replace("PHOTO_AGENCIES", photo_agencies).replace("AGENCIES", agencies))


def _folded_words(line: Line) -> list[str]:
    return [w.lower().strip(".") for w in line.words]


def is_stamp(line: Line, language: str = resources.LANGUAGE) -> bool:
    """A line made only of date, time and stamp words, with at least one date or time in it."""
    words = _folded_words(line)
    if not words or len(words) > 14:
        return False
    vocabulary = calendar_words(language)
    has_time = bool(find_dates(line.text)) or bool(ISO_DATETIME.search(line.text)) or any(CLOCK.match(w) for w in line.text.split())
    has_time = has_time or any(w in ("ago", "read") for w in words) and any(NUMBER.match(w) for w in words)
    tokens = [t for t in re.split(r"[\s,|·•—–-]+", ISO_DATETIME.sub(" ", line.text).lower()) if t]
    fits = all(NUMBER.match(t.strip(".:")) or CLOCK.match(t) or t.strip(".:()") in vocabulary or not t.strip(".:()") for t in tokens)
    return has_time and fits


def repeated_lines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A line printed again further down: the copy is a duplicate; a repeated sentence is a caption."""
    seen: dict[str, Line] = {}
    kinds: dict[int, LineKind] = {}
    for line in lines:
        if len(line.words) < 3:
            continue
        key = " ".join(w.lower() for w in line.words)
        first = seen.get(key)
        if first is None:
            seen[key] = line
            continue
        kinds[line.index] = "duplicate"
        # Body paragraphs are never printed twice; a sentence that is, is a caption or teaser.
        if first.ends_sentence and not is_heading_shape(first, page.settings.heading_max_words):
            kinds[first.index] = "caption"
    return kinds


def credit_lines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A photo caption closed by a credit, a 'Photo:/Credit:' line, or a bare agency credit."""
    agencies = resources.table("agencies", page.language)
    kinds: dict[int, LineKind] = {}
    for line in lines:
        bare = line.text.strip("()[]—–- ").lower()
        if bare in agencies or CREDIT_OPENER.match(line.text):
            kinds[line.index] = "credit"
        elif len(line.words) >= 3 and _credit_tail(page.language).search(line.text) and not _is_dateline_only(line):
            kinds[line.index] = "caption"
    return kinds


def _is_dateline_only(line: Line) -> bool:
    return len(line.words) <= 6 and line.text.endswith(("-", "—", ":"))


def stamp_lines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A line of dates, times and stamp words ('Updated 3 hours ago', '2:01 pm')."""
    return {line.index: "timestamp" for line in lines if is_stamp(line, page.language)}


def link_lines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A line that is a web address, or opens like a link or sign-up line ('Read also: ...')."""
    openers = _openings(page.language)
    kinds: dict[int, LineKind] = {}
    for line in lines:
        lowered = line.text.lower() + " "
        url_chars = sum(len(m.group()) for m in URL.finditer(line.text))
        if url_chars and url_chars >= 0.5 * len(line.text.replace(" ", "")):
            kinds[line.index] = "navigation"
        elif lowered.startswith(openers) and (len(line.words) <= 20 or ":" in lowered[:25]):
            kinds[line.index] = "related"
    return kinds


@lru_cache(maxsize=None)
def _openings(language: str) -> tuple[str, ...]:
    """Link and sign-up openers as whole words: followed by a space or a colon."""
    openers = resources.ordered("furniture_openers", language)
    return tuple(o if o.endswith(":") else o + end for o in openers for end in (" ", ":"))


def stage_directions(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A transcript's stage direction: a short line all in brackets ('(MUSIC PLAYING)', '[Applause]')."""
    return {line.index: "header" for line in lines if STAGE_DIRECTION.match(line.text) and len(line.words) <= 8}


def widget_lines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A short line made mostly of widget words ('Email Share', 'Follow us on X')."""
    vocabulary = resources.words("furniture", page.language)
    kinds: dict[int, LineKind] = {}
    for line in lines:
        words = _folded_words(line)
        if not words or len(words) > 12:
            continue
        share = sum(w in vocabulary for w in words) / len(words)
        if share >= 0.75 and not line.ends_sentence or share == 1.0:
            kinds[line.index] = "navigation"
    return kinds


def menu_runs(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """Several short label lines in a row, or several labels on one line: a navigation menu."""
    limit = page.settings.menu_max_words
    kinds: dict[int, LineKind] = {}
    run: list[Line] = []
    available = {line.index for line in lines}

    def is_label(line: Line) -> bool:
        return 0 < len(line.words) <= limit and not line.ends_sentence and line.title_share == 1.0

    def close() -> None:
        if len(run) >= page.settings.menu_min_run:
            kinds.update({member.index: "navigation" for member in run})
        run.clear()

    for line in page.lines:
        if line.blank:
            continue
        if line.index in available and is_label(line):
            run.append(line)
            continue
        close()
        parts = [p for p in re.split(r"\s{2,}|\t|\s[|·•]\s", line.raw or line.text) if p.strip()]
        if len(parts) < page.settings.menu_min_run:
            continue  # one piece of text: most lines, and no row of labels
        labels = [p for p in parts if len(p.split()) <= limit + 1 and not SENTENCE_END_PUNCT.search(p)]
        stamps = [p for p in parts if is_stamp(Line(line.index, 0, 0, " ".join(p.split())), page.language)]
        if len(labels) + len(stamps) >= len(parts):
            kinds[line.index] = "navigation"  # 'Home | World | Sport', 'tv  Evening News  3 May 2024 6pm
    close()
    return {i: k for i, k in kinds.items() if i in available}


def bylines(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """'By Jane Doe', 'Written by X for Y', 'The X Staff', or a bare name above the time stamp."""
    kinds: dict[int, LineKind] = {line.index: "byline" for line in lines if len(line.words) <= 16 and BYLINE.search(line.text)}
    content = page.content
    for position, line in enumerate(content[:-1]):
        following = content[position + 1]
        if line.index not in kinds and 2 <= len(line.words) <= 4 and BARE_NAME.match(line.text) and is_stamp(following, page.language):
            kinds[line.index] = "byline"  # 'Jane Doe' / '6 March 2026, 17:40'
    available = {line.index for line in lines}
    return {i: k for i, k in kinds.items() if i in available}


def agency_captions(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """A sentence closed by an agency credit ('... Kyiv. (Reuters)') right above other furniture: a caption."""
    available = {line.index for line in lines}
    content = page.content
    kinds: dict[int, LineKind] = {}
    for position, line in enumerate(content):
        if line.index not in available or not AGENCY_TAIL.search(line.text):
            continue
        below = content[position + 1] if position + 1 < len(content) else None
        if below is not None and below.index not in available:
            kinds[line.index] = "caption"
    return kinds


def header_labels(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """Short labels above the headline (section names, kickers, tickers): outside the story."""
    available = {line.index for line in lines}
    kinds: dict[int, LineKind] = {}
    content = page.content
    for position, line in enumerate(content):
        if line.index not in available:
            continue
        after = position + 1
        while after < len(content) and LONE_DASH.match(content[after].text):
            after += 1  # 'Kyiv' / '—' / text: the place is a dateline straight above the text
        following = content[after] if after < len(content) else None
        if following is not None and following.ends_sentence and len(following.words) > page.settings.heading_max_words:
            # straight above the text: a short headline, or a dateline in capitals ('GENEVA')
            if line.upper_share > 0.9:
                kinds[line.index] = "dateline"
            break
        if len(line.words) > page.settings.menu_max_words or line.ends_sentence:
            # The first line with the length of a headline or a sentence ends the header.
            if line.upper_share > 0.9 and len(line.words) <= page.settings.heading_max_words:
                kinds[line.index] = "navigation"  # an ALL-CAPS kicker above the headline
                continue
            break
        kinds[line.index] = "navigation"
    return kinds


def trailing_headings(page: Page, lines: Sequence[Line]) -> dict[int, LineKind]:
    """Headline-shaped lines after the last paragraph of text, bulleted or not: links to other stories."""
    available = {line.index for line in lines}
    run: list[Line] = []
    above: Line | None = None
    for line in reversed(page.content):
        if line.index not in available:
            continue
        if _linked_headline(line, page.settings.heading_max_words) and not is_cut_short(line, page.lines):
            run.append(line)
            continue
        above = line
        break
    run.reverse()
    # A list that hangs from a lead-in ('... the new prices:') is part of the text.
    kinds: dict[int, LineKind] = {}
    for k, line in enumerate(run):
        bulleted = bool(BULLET_MARK.match(line.text))
        if not bulleted and k + 1 < len(run) and BULLET_MARK.match(run[k + 1].text) and line.text.endswith(":"):
            continue  # the lead-in of a list that belongs to the text
        if bulleted:
            title = next((other for other in reversed(run[:k]) if not BULLET_MARK.match(other.text)), above)
            if title is not None and title.text.endswith(":"):
                continue
        kinds[line.index] = "related"
    return kinds


def _linked_headline(line: Line, max_words: int) -> bool:
    """Headline-shaped, or a bulleted headline that asks a question ('- What is a tariff?')."""
    if is_heading_shape(line, max_words):
        return True
    question = BULLET_MARK.match(line.text) and line.text.endswith("?")
    return bool(question) and is_heading_shape(replace(line, text=line.text[:-1]), max_words)


PASSES: tuple[Pass, ...] = (
    repeated_lines,
    credit_lines,
    stamp_lines,
    link_lines,
    stage_directions,
    widget_lines,
    menu_runs,
    bylines,
    agency_captions,
    header_labels,
    trailing_headings,
)


def classify(page: Page, explain: str | None = None) -> dict[int, tuple[LineKind, str]]:
    """Every furniture line of the page: index -> (kind, name of the pass that claimed it)."""
    found: dict[int, tuple[LineKind, str]] = {}
    for rule in PASSES:
        open_lines = [line for line in page.content if line.index not in found]
        for index, kind in sorted(rule(page, open_lines).items()):
            if index in found:
                continue
            found[index] = (kind, rule.__name__)
            text = page.lines[index].text
            if explain is None or explain.lower() in text.lower():
                log.debug("furniture %s (%s): %s", kind, rule.__name__, text[:100])
    return found


def strip_leading_stamp(text: str) -> int:
    """Length of a leading ISO date stamp ('date 2023-09-12 ...') that opens a text, else 0."""
    match = ISO_PREFIX.match(text)
    return match.end() if match else 0
