"""Clean page furniture out of a Source and split it into Articles.

A source file can hold one story, several stories pasted one after another,
a roundup page of short headed items, or a broadcast bulletin transcript. The
splitter works on lines and uses structural cues first (a headline repeated
under its furniture, a headline followed by "Updated ..."/"Follow" stamps or a
dateline, datelines such as ``SOFIA:``, timestamps such as ``00:11``), then a
topical-shift test (cosine between the content words before and after a weak
boundary, TextTiling-style) for weak cues such as a plain heading line.

Thresholds (chosen on tests/fixtures/stories, see docs in the report):

* ``SHIFT_MAX = 0.12``: a plain heading (or a gap of two or more blank lines
  before plain text) splits a page when the cosine between the content words
  before it and after it is below this. On the fixtures, same-story subheadings
  score 0.17-0.20 and unrelated roundup items 0.00-0.04.
* ``ROUNDUP_MIN_HEADINGS = 3``: with this many plain headings whose blocks are
  short (``ROUNDUP_MAX_BLOCK`` lines on average) and mostly unrelated, the page
  is a roundup and every heading starts an item.
* ``HEADLINE_MATCH_MIN = 0.2``: a transcript headline (or a page-title part)
  whose overlap coefficient with every item is below this is a story of its own
  that is present only as a headline.
* ``TILING_MAX = 0.1``, ``CUE_SHARE_MAX = 0.3``: in a transcript, a unit that
  opens with a cue phrase ("Turning now to", "Finally,") starts a new item when
  less than 30% of its content words occur in the item so far; without a cue,
  the next ``TILING_WINDOW`` units must each share less than 10% (a sustained
  topical shift, TextTiling-style with the left block grown to the item).

Everything is linear in the number of lines apart from bounded look-aheads.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from generator.model import Article, Furniture, Source
from generator.slugs import slugify
from generator.text import ascii_fold, content_words, find_date

SHIFT_MAX = 0.12
ROUNDUP_MIN_HEADINGS = 3
ROUNDUP_MAX_BLOCK = 5.0
HEADLINE_MATCH_MIN = 0.2
TILING_MAX = 0.1
TILING_WINDOW = 2
CUE_SHARE_MAX = 0.3
HEADLINE_UNIT_WORDS = 18
"""A transcript unit this short before the first item cue can be a read headline."""
REPEAT_LOOKAHEAD = 8
"""How many non-blank lines after a headline are searched for its repetition."""
CUE_LOOKAHEAD = 5
"""How many non-blank lines after a headline may hold its stamps or dateline."""

# ---------------------------------------------------------------------------
# Data files


def _data_text(name: str) -> str:
    return resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _agencies() -> dict[str, str]:
    """Lower-cased credit spelling -> canonical outlet name."""
    table: dict[str, str] = {}
    for raw in _data_text("segment_agencies.txt").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        alias, _, canonical = (part.strip() for part in line.partition("="))
        table[alias.lower()] = canonical or alias
    return table


@dataclass(frozen=True)
class _Rules:
    navigation: frozenset[str]
    navigation_res: tuple[re.Pattern[str], ...]
    timestamp_res: tuple[re.Pattern[str], ...]
    byline_res: tuple[re.Pattern[str], ...]
    credit_res: tuple[re.Pattern[str], ...]
    caption_res: tuple[re.Pattern[str], ...]
    non_places: frozenset[str]
    headline_intro: tuple[str, ...]
    item_start: tuple[str, ...]
    sign_off: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    furniture = json.loads(_data_text("segment_furniture.json"))
    cues = json.loads(_data_text("segment_transcript_cues.json"))
    agencies = "|".join(
        re.escape(a) for a in sorted(_agencies(), key=lambda a: (-len(a), a))
    )

    def compile_all(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        return tuple(
            re.compile(p.replace("{agencies}", agencies), flags) for p in furniture[key]
        )

    return _Rules(
        navigation=frozenset(furniture["navigation"]),
        navigation_res=compile_all("navigation_patterns"),
        timestamp_res=compile_all("timestamp_patterns"),
        # Bylines need the capitals of names, so they are matched case-sensitively
        # after lower-casing only the leading keyword.
        byline_res=compile_all("byline_patterns", 0),
        credit_res=compile_all("credit_patterns"),
        caption_res=compile_all("caption_credit_patterns"),
        non_places=frozenset(furniture["dateline_non_places"]),
        headline_intro=tuple(cues["headline_intro"]),
        item_start=tuple(cues["item_start"]),
        sign_off=tuple(cues["sign_off"]),
    )


# ---------------------------------------------------------------------------
# Pure helpers

_PUNCT_RE = re.compile(r"[^\w\s]+")
_BULLET_RE = re.compile(r"^(?:[•·▪●◦‣∙■□➤►*]|[-–—](?=\s))\s*")
_DASHED_SUBHEAD_RE = re.compile(r"^[-–—]\s+\S.{0,120}?\s+[-–—]$")
_DASH_ONLY_RE = re.compile(r"^[-–—_=~*•.]{1,20}$")
_TIMESTAMP_UNIT_RE = re.compile(r"^\[?(\d{1,2}:\d{2}(?::\d{2})?)\]?(?=\s|[A-Z\"“‘'(]|$)\s*")
# A timestamp fused into the middle of a transcript line: after a sentence end or
# straight after a word, and followed by a capitalised word.
_FUSED_TIMESTAMP_RE = re.compile(r"(?:(?<=[.!?\"”’])\s*|(?<=[a-z])|\s+)\[?(\d{1,2}:\d{2})\]?\s*(?=[A-Z\"“‘])")
_DATELINE_UPPER_RE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]*(?:\s+[A-Z][A-Z.'’-]*){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))?"
    r"(?:,?\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?"
    r"\s*(?::|[-–—]{1,2})\s+(?=\S)"
)
_DATELINE_AGENCY_RE = re.compile(
    r"^(?P<place>[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}))?"
    r"(?:,?\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?))?"
    r"\s*\((?P<agency>[^()]{2,40})\)\s*(?::|[-–—]{1,2})\s+(?=\S)"
)
_POSSESSIVE_OUTLET_RE = re.compile(
    r"^(?P<outlet>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})['’]s?\s+\S.*\bcontributed\b", re.UNICODE
)
_BYLINE_OUTLET_RE = re.compile(r",\s*(?P<outlet>[^,]{2,40}?)\s*$")

def normalise_line(text: str) -> str:
    """Lower-case ASCII form of a line with punctuation and extra spaces removed."""
    return " ".join(_PUNCT_RE.sub(" ", ascii_fold(text).lower()).split())


def cosine(a: Counter[str], b: Counter[str]) -> float:
    """Cosine similarity of two bags of words."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0) for k, v in a.items())
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def overlap(a: Iterable[str], b: Iterable[str]) -> float:
    """Overlap coefficient |A & B| / min(|A|, |B|) of two word sets."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def spans_from_starts(starts: Sequence[int], length: int) -> list[tuple[int, int]]:
    """Turn sorted story start offsets into contiguous spans covering [starts[0], length)."""
    cuts = sorted({s for s in starts if 0 <= s < length})
    return list(zip(cuts, [*cuts[1:], length][: len(cuts)], strict=True))


def place_name(raw: str) -> str:
    """Display form of a dateline place: "NEW YORK" -> "New York", "Kyiv" stays."""
    words = raw.strip(" .,").split()
    out = []
    for w in words:
        if w.isupper() and len(w) > 2:
            w = "-".join(p.capitalize() for p in w.lower().split("-"))
            w = re.sub(r"['’]([a-z])", lambda m: m.group(0)[0] + m.group(1).upper(), w)
        out.append(w)
    return " ".join(out)


# ---------------------------------------------------------------------------
# Lines


@dataclass
class _Line:
    start: int
    end: int
    text: str
    kind: str = "body"
    """blank, furniture, bullet, subhead, dash, place, heading, body."""
    norm: str = ""
    fkind: str | None = None
    blank_before: int = 0


def _lines(text: str) -> list[_Line]:
    """Non-blank lines with the offsets of their stripped text."""
    out: list[_Line] = []
    blanks = 0
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), stripped, norm=normalise_line(stripped), blank_before=blanks))
            blanks = 0
        else:
            blanks += 1
        pos += len(raw)
    return out


_BYLINE_GATE_RE = re.compile(r"^(?:by|\(?(?:additional )?(?:reporting|writing|editing|compiled))\b|contributed", re.I)
_BYLINE_KEYWORD_RE = re.compile(r"^(by|additional reporting|reporting|writing|editing|compiled)\b", re.I)
_CAPTION_TAIL = 140
"""Caption credits sit at the end of a line; only this many final characters are searched."""


def furniture_kind(text: str, norm: str | None = None) -> str | None:
    """The furniture kind of one stripped line, or None when it is text."""
    rules = _rules()
    if norm is None:
        norm = normalise_line(text)
    if not norm:
        return None
    n_words = norm.count(" ") + 1
    if norm in rules.navigation:
        return "navigation"
    if n_words <= 14 and any(r.search(text) for r in rules.navigation_res):
        return "navigation"
    if n_words <= 12 and any(r.search(text) for r in rules.timestamp_res):
        return "timestamp"
    if n_words <= 30 and _BYLINE_GATE_RE.search(text):
        # Names need their capitals, so only the leading keyword is lower-cased.
        keyword_fixed = _BYLINE_KEYWORD_RE.sub(lambda m: m.group(0).lower(), text)
        if any(r.search(keyword_fixed) for r in rules.byline_res):
            return "byline"
    if n_words <= 16 and any(r.search(text) for r in rules.credit_res):
        return "credit"
    if n_words <= 4 and norm in _agencies():
        return "credit"
    tail = text[-_CAPTION_TAIL:]
    if n_words <= 60 and any(r.search(tail) for r in rules.caption_res):
        return "caption" if n_words >= 4 else "credit"
    return None


_HEADING_END_STOP = frozenset(
    "a an the of to in on at for and or but with by from as after before into over than that which who is are was were be".split()
)


def is_heading(text: str) -> bool:
    """Whether a line looks like a headline: short, capitalised, no sentence end."""
    words = text.split()
    if not 2 <= len(words) <= 22 or len(text) > 170:
        return False
    if text[-1] in ".,;:" or text.endswith("..."):
        return False
    first = next((c for c in text if c.isalnum()), "")
    if not first or not (first.isupper() or first.isdigit()):
        return False
    last = re.sub(r"\W+$", "", words[-1]).lower()
    if last in _HEADING_END_STOP:
        return False
    # Sentences inside quotes are quotes, not headlines.
    if text[0] in "\"“" and text[-1] in "\"”" and len(words) > 8:
        return False
    return True


def _classify(lines: list[_Line]) -> None:
    for i, line in enumerate(lines):
        text = line.text
        if _DASH_ONLY_RE.match(text):
            line.kind = "dash"
            continue
        fk = furniture_kind(text, line.norm)
        if fk:
            line.kind, line.fkind = "furniture", fk
        elif _DASHED_SUBHEAD_RE.match(text):
            line.kind = "subhead"
        elif _BULLET_RE.match(text) and len(text) > 2:
            line.kind = "bullet"
        elif (
            len(text.split()) <= 4
            and i + 1 < len(lines)
            and _DASH_ONLY_RE.match(lines[i + 1].text)
            and all(w[0].isupper() for w in text.replace(",", " ").split())
        ):
            line.kind = "place"
        elif is_heading(text):
            line.kind = "heading"
        else:
            line.kind = "body"


def parse_dateline(text: str) -> tuple[str, str | None, str | None, int] | None:
    """(place, agency, date, length of the prefix) of a dateline opening a paragraph."""
    rules = _rules()
    for regex in (_DATELINE_UPPER_RE, _DATELINE_AGENCY_RE):
        m = regex.match(text)
        if not m:
            continue
        place = m.group("place").strip()
        if place.upper() in rules.non_places or len(place.replace(".", "")) < 2:
            continue
        if regex is _DATELINE_UPPER_RE and not any(c.islower() for c in text[m.end() : m.end() + 40]):
            continue  # an all-caps line, not a dateline followed by prose
        agency = m.group("agency")
        if agency is not None and agency.strip().lower() not in _agencies():
            if regex is _DATELINE_AGENCY_RE:
                continue
            agency = None
        return place_name(place), agency, m.group("date"), m.end()
    return None


# ---------------------------------------------------------------------------
# Splitting ordinary pages


@dataclass
class _Story:
    lines: list[_Line]
    title_hint: str | None = None
    headline_only: bool = False
    extra_furniture: list[Furniture] = field(default_factory=list)


def _bag(lines: Iterable[_Line]) -> Counter[str]:
    return Counter(w for line in lines for w in content_words(line.text))


def _is_strong_start(lines: list[_Line], i: int) -> bool:
    """A heading that is repeated under its furniture, or followed by stamps or a dateline."""
    head = lines[i]
    if head.kind != "heading":
        return False
    norm = head.norm
    body_seen = 0
    for j in range(i + 1, min(len(lines), i + 1 + REPEAT_LOOKAHEAD)):
        line = lines[j]
        if line.kind == "heading" and line.norm == norm:
            return True
        if line.kind in ("body", "heading"):
            if j - i <= CUE_LOOKAHEAD and parse_dateline(line.text):
                return True
            body_seen += 1
            if body_seen >= 1:
                break
        elif line.kind == "place" and j - i <= CUE_LOOKAHEAD:
            return True
        elif line.kind == "furniture" and line.fkind in ("timestamp", "navigation", "byline") and j - i <= CUE_LOOKAHEAD:
            return True
    return False


def _split_page(text: str, lines: list[_Line]) -> list[_Story]:
    n = len(lines)
    strong: set[int] = set()
    for i in range(n):
        if _is_strong_start(lines, i):
            strong.add(i)
    # Duplicated headline lines right under a strong start are not starts themselves.
    for i in sorted(strong):
        norm = lines[i].norm
        for j in range(i + 1, min(n, i + 1 + REPEAT_LOOKAHEAD)):
            if lines[j].kind == "heading" and lines[j].norm == norm:
                strong.discard(j)
                lines[j].kind, lines[j].fkind = "furniture", "duplicate"
    # A dateline paragraph after body text with no heading above starts a story.
    for i in range(1, n):
        if lines[i].kind == "body" and parse_dateline(lines[i].text):
            k = i - 1
            while k >= 0 and lines[k].kind in ("furniture", "bullet", "dash", "place", "subhead"):
                k -= 1
            if k >= 0 and lines[k].kind == "body" and lines[i].blank_before >= 1:
                strong.add(k + 1)
    starts = sorted(strong)
    # Plain headings: roundup items or topical shifts.
    weak = [
        i
        for i in range(n)
        if i not in strong
        and lines[i].kind == "heading"
        and (i == 0 or lines[i].blank_before >= 1)
        and i + 1 < n
        and lines[i + 1].kind in ("body", "bullet")
    ]
    chosen = set(starts)
    if weak:
        chosen |= _weak_starts(lines, starts, weak)
    # A wide gap (two or more blank lines) before plain text: a paste of two
    # stories without headlines splits there only on a topical shift.
    gaps = [i for i in range(1, n) if i not in chosen and lines[i].kind == "body" and lines[i].blank_before >= 2]
    if gaps:
        chosen |= _weak_starts(lines, sorted(chosen), gaps, allow_roundup=False)
    chosen.add(0)
    stories = [_Story(lines[a:b]) for a, b in spans_from_starts(sorted(chosen), n)]
    # Page header: leading stretches without any body text (a page title, its stamps).
    header: list[_Line] = []
    while len(stories) > 1 and all(l.kind not in ("body", "bullet") for l in stories[0].lines):
        header += stories.pop(0).lines
    # Trailing headline-only candidates: a heading with nothing after it.
    stories = _split_trailing_headlines(stories)
    if header:
        stories = _apply_header(header, stories)
    return [s for s in stories if s.lines]


def _weak_starts(lines: list[_Line], strong: list[int], weak: list[int], allow_roundup: bool = True) -> set[int]:
    """Which weak boundaries start a story: all of a roundup's headings, else topical shifts."""
    n = len(lines)
    bounds = sorted(set(strong) | set(weak) | {0, n})
    blocks: dict[int, list[_Line]] = {}
    for a, b in zip(bounds, bounds[1:], strict=False):
        blocks[a] = lines[a:b]
    block_len = [len(blocks[w]) for w in weak]
    # Text before each weak heading: back to the previous boundary.
    prev_of: dict[int, int] = {}
    prev = None
    for b in bounds:
        if prev is not None:
            prev_of[b] = prev
        prev = b
    sims = []
    for w in weak:
        p = prev_of.get(w)
        before = _bag(lines[p:w]) if p is not None else Counter()
        after = _bag(blocks[w])
        sims.append(cosine(before, after) if before else 1.0)
    roundup = (
        allow_roundup
        and len(weak) >= ROUNDUP_MIN_HEADINGS
        and sum(block_len) / len(block_len) <= ROUNDUP_MAX_BLOCK
        and sum(1 for s in sims if s < SHIFT_MAX * 2) * 2 > len(sims)
    )
    if roundup:
        return set(weak)
    return {w for w, s in zip(weak, sims, strict=True) if s < SHIFT_MAX}


def _split_trailing_headlines(stories: list[_Story]) -> list[_Story]:
    out: list[_Story] = []
    for story in stories:
        lines = story.lines
        k = len(lines)
        while k > 0 and lines[k - 1].kind == "furniture":
            k -= 1
        if (
            k >= 2
            and lines[k - 1].kind == "heading"
            and lines[k - 1].blank_before >= 1
            and any(l.kind == "body" for l in lines[: k - 1])
        ):
            tail = lines[k - 1 :]
            head_words = content_words(lines[k - 1].text)
            body_words = set(w for l in lines[: k - 1] for w in content_words(l.text))
            if overlap(head_words, body_words) < HEADLINE_MATCH_MIN * 2:
                out.append(_Story(lines[: k - 1]))
                out.append(_Story(tail, headline_only=True))
                continue
        out.append(story)
    return out


_TITLE_SPLIT_RE = re.compile(r"\s*(?:;|\||•|·|\s[–—-]\s)\s*")


def _apply_header(header: list[_Line], stories: list[_Story]) -> list[_Story]:
    """Attach page-header lines to the first story; page-title parts naming a story
    that is not on the page become headline-only articles."""
    bodies = [set(w for l in s.lines for w in content_words(l.text)) for s in stories]
    new: list[_Story] = []
    rest = list(header)
    for line in header:
        if line.kind != "heading":
            continue
        parts = [p for p in _TITLE_SPLIT_RE.split(line.text) if len(p.split()) >= 3]
        if len(parts) < 2:
            continue
        orphans = [p for p in parts if max((overlap(content_words(p), b) for b in bodies), default=0.0) < HEADLINE_MATCH_MIN * 2]
        if orphans and len(orphans) < len(parts):
            rest.remove(line)
            stories[0].extra_furniture.append(Furniture("other", line.text))
            cursor = 0
            for part in orphans:
                at = line.text.find(part, cursor)
                cursor = at + len(part)
                piece = _Line(line.start + at, line.start + cursor, part, kind="heading")
                new.append(_Story([piece], title_hint=part, headline_only=True))
    for line in rest:
        if line.kind == "heading":
            line.kind, line.fkind = "furniture", "other"
    stories[0].lines = rest + stories[0].lines
    return new + stories


# ---------------------------------------------------------------------------
# Broadcast transcripts


@dataclass
class _Unit:
    start: int
    end: int
    text: str


def _is_transcript(lines: list[_Line]) -> bool:
    stamped = sum(1 for l in lines if _TIMESTAMP_UNIT_RE.match(l.text))
    return stamped >= 3 and stamped * 2 >= len(lines)


def _units(lines: list[_Line]) -> tuple[list[_Line], list[_Unit]]:
    header: list[_Line] = []
    units: list[_Unit] = []
    for line in lines:
        m = _TIMESTAMP_UNIT_RE.match(line.text)
        if not m and not units:
            header.append(line)
            continue
        offset = line.start + (m.end() if m else 0)
        body = line.text[m.end() :] if m else line.text
        if not m and units:
            # A continuation line belongs to the unit above.
            last = units[-1]
            units[-1] = _Unit(last.start, line.end, last.text + " " + body)
            continue
        # Timestamps fused into the line split it into further units.
        pieces = []
        cut = 0
        for fm in _FUSED_TIMESTAMP_RE.finditer(body):
            pieces.append((cut, fm.start()))
            cut = fm.end()
        pieces.append((cut, len(body)))
        for a, b in pieces:
            seg = body[a:b].strip()
            if seg:
                lead = len(body[a:b]) - len(body[a:b].lstrip())
                units.append(_Unit(offset + a + lead, offset + a + lead + len(seg), seg))
    return header, units


def _share(words: set[str], context: set[str]) -> float:
    """Fraction of a unit's content words already seen in the context."""
    return len(words & context) / len(words) if words else 1.0


def _starts_with_cue(text: str, cues: Sequence[str]) -> bool:
    low = text.lower().lstrip("\"“‘' ")
    return any(low.startswith(c) for c in cues)


def _split_transcript(source: Source, lines: list[_Line]) -> list[dict]:
    rules = _rules()
    header, units = _units(lines)
    if not units:
        return []
    # Headlines block: an intro cue, then short units until the first item cue.
    headlines: list[_Unit] = []
    i = 0
    intro: list[_Unit] = []
    if any(c in units[0].text.lower() for c in rules.headline_intro):
        intro.append(units[0])
        i = 1
        while i < len(units) and not _starts_with_cue(units[i].text, rules.item_start) and len(units[i].text.split()) <= 30:
            headlines.append(units[i])
            i += 1
    else:
        if any(c in units[0].text.lower() for c in ("good evening", "good morning", "welcome", "hello")) and len(units) > 1:
            intro.append(units[0])
            i = 1
        # Without an intro phrase, a run of short units closed by an item cue
        # ("First, to Sofia...") is still the headlines block.
        k = i
        while k < len(units) and len(units[k].text.split()) <= HEADLINE_UNIT_WORDS and not _starts_with_cue(units[k].text, rules.item_start):
            k += 1
        if k - i >= 2 and k < len(units) and _starts_with_cue(units[k].text, rules.item_start):
            headlines = units[i:k]
            i = k
    items_units = units[i:]
    # Sign-off at the end is furniture.
    outro: list[_Unit] = []
    while items_units and _starts_with_cue(items_units[-1].text, rules.sign_off):
        outro.insert(0, items_units.pop())
    bags = [set(content_words(u.text)) for u in items_units]
    cuts = [0]
    left: set[str] = set(bags[0]) if bags else set()
    for k in range(1, len(items_units)):
        cue = _starts_with_cue(items_units[k].text, rules.item_start)
        # Novelty of the next units against the whole current item (TextTiling
        # with the left block grown to the item, so a short follow-up unit still
        # finds the story's names).
        shares = [_share(bags[j], left) for j in range(k, min(len(bags), k + TILING_WINDOW))]
        if (cue and shares[0] < CUE_SHARE_MAX) or (
            not cue and len(shares) == TILING_WINDOW and max(shares) < TILING_MAX and k - cuts[-1] >= 2
        ):
            cuts.append(k)
            left = set()
        left |= bags[k]
    items = [items_units[a:b] for a, b in zip(cuts, [*cuts[1:], len(items_units)], strict=True) if items_units[a:b]]
    item_bags = [set(w for u in it for w in content_words(u.text)) for it in items]
    titles: dict[int, str] = {}
    orphan_heads: list[_Unit] = []
    for h in headlines:
        words = content_words(h.text)
        scores = [overlap(words, b) for b in item_bags]
        best = max(range(len(scores)), key=lambda j: (scores[j], -j)) if scores else -1
        if best >= 0 and scores[best] >= HEADLINE_MATCH_MIN and best not in titles:
            titles[best] = h.text
        elif best >= 0 and scores[best] >= HEADLINE_MATCH_MIN:
            continue
        else:
            orphan_heads.append(h)
    page_furniture = [Furniture("other", l.text) for l in header] + [
        Furniture("other", u.text) for u in intro
    ]
    page_date = find_date(" ".join(l.text for l in header))
    raw: list[dict] = []
    for h in orphan_heads:
        raw.append(
            dict(start=h.start, end=h.end, title=h.text, paragraphs=[h.text], furniture=[], date=page_date)
        )
    for k, it in enumerate(items):
        furn = [Furniture("other", h.text) for h in headlines if titles.get(k) == h.text]
        raw.append(
            dict(
                start=it[0].start,
                end=it[-1].end,
                title=titles.get(k),
                paragraphs=[u.text for u in it],
                furniture=furn,
                date=page_date,
            )
        )
    raw.sort(key=lambda r: r["start"])
    if raw:
        raw[0]["furniture"] = page_furniture + raw[0]["furniture"]
        raw[-1]["furniture"] = raw[-1]["furniture"] + [Furniture("other", u.text) for u in outro]
    return raw


# ---------------------------------------------------------------------------
# Building articles


def _outlet_from(furniture: Sequence[Furniture]) -> str | None:
    agencies = _agencies()
    for f in furniture:
        if f.kind != "byline":
            continue
        m = _POSSESSIVE_OUTLET_RE.match(f.text)
        if m:
            name = m.group("outlet").strip()
            return agencies.get(name.lower(), name)
        m = _BYLINE_OUTLET_RE.search(f.text)
        if m and m.group("outlet").strip().lower() in agencies:
            return agencies[m.group("outlet").strip().lower()]
    for f in furniture:
        if f.kind == "credit" and re.match(r"^(?:©|\(c\)|copyright)", f.text, re.I):
            for alias in sorted(agencies, key=lambda a: (-len(a), a)):
                if re.search(rf"\b{re.escape(alias)}\b", f.text, re.I):
                    return agencies[alias]
    return None


def _build(story: _Story) -> dict:
    title: str | None = story.title_hint
    standfirst: list[str] = []
    paragraphs: list[str] = []
    furniture: list[Furniture] = list(story.extra_furniture)
    dateline: str | None = None
    agency: str | None = None
    date: str | None = None
    seen: set[str] = set()
    lines = story.lines
    if story.headline_only:
        text = story.title_hint or lines[0].text
        return dict(
            start=lines[0].start, end=lines[-1].end, title=text, paragraphs=[text],
            standfirst=[], furniture=[Furniture(l.fkind or "other", l.text) for l in lines[1:]],  # type: ignore[arg-type]
            dateline=None, outlet=None, date=None,
        )
    for idx, line in enumerate(lines):
        text = line.text
        norm = line.norm
        if line.kind == "furniture":
            furniture.append(Furniture(line.fkind or "other", text))  # type: ignore[arg-type]
            if line.fkind == "timestamp" and date is None:
                date = find_date(text)
            continue
        if line.kind == "dash":
            continue
        if line.kind == "place":
            if dateline is None and not paragraphs:
                dateline = place_name(text.split(",")[0])
                continue
            line.kind = "body"
        if norm and norm in seen:
            furniture.append(Furniture("duplicate", text))
            continue
        if norm:
            seen.add(norm)
        if line.kind == "heading" and title is None and not paragraphs and not standfirst:
            title = text
            continue
        if line.kind == "subhead" or (
            paragraphs and len(text.split()) <= 4 and text[-1].isalnum() and line.blank_before >= 1
        ):
            furniture.append(Furniture("other", text))
            continue
        if line.kind == "bullet" and not paragraphs:
            standfirst.append(_BULLET_RE.sub("", text).strip())
            continue
        if not paragraphs and dateline is None:
            parsed = parse_dateline(text)
            if parsed:
                place, agency_raw, dl_date, cut = parsed
                dateline = place
                if agency_raw:
                    agency = _agencies()[agency_raw.strip().lower()]
                if dl_date and date is None:
                    date = find_date(dl_date)
                text = text[cut:].strip()
        paragraphs.append(_BULLET_RE.sub("", text).strip() if line.kind == "bullet" else text)
    if not paragraphs:
        paragraphs = [title] if title else (list(standfirst) or [lines[0].text])
    outlet = _outlet_from(furniture) or agency
    return dict(
        start=lines[0].start, end=lines[-1].end, title=title, paragraphs=paragraphs,
        standfirst=standfirst, furniture=furniture, dateline=dateline, outlet=outlet, date=date,
    )


def _base_id(path: str) -> str:
    stem_path = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return slugify(stem_path.replace("/", "-"))


def segment(source: Source) -> tuple[Article, ...]:
    """Split one source into cleaned articles, in source order, with spans and metadata."""
    lines = _lines(source.text)
    if not lines:
        return ()
    _classify(lines)
    if _is_transcript(lines):
        raw = _split_transcript(source, lines)
    else:
        raw = [_build(s) for s in _split_page(source.text, lines)]
    raw = [r for r in raw if r["paragraphs"]]
    raw.sort(key=lambda r: r["start"])
    # A later story without its own date inherits the page's date.
    page_date = None
    for r in raw:
        if r.get("date"):
            page_date = page_date or r["date"]
        elif page_date:
            r["date"] = page_date
    base = _base_id(source.path)
    articles = []
    for part, r in enumerate(raw, start=1):
        articles.append(
            Article(
                id=base if len(raw) == 1 else f"{base}-{part}",
                source=source.path,
                part=part,
                start=r["start"],
                end=r["end"],
                title=r.get("title"),
                date=r.get("date"),
                dateline=r.get("dateline"),
                outlet=r.get("outlet"),
                standfirst=tuple(r.get("standfirst", ())),
                paragraphs=tuple(r["paragraphs"]),
                furniture=tuple(r.get("furniture", ())),
            )
        )
    return tuple(articles)
