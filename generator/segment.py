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
  opens with a cue phrase ("We start in", "Turning to", "And finally") starts a
  new item when less than 30% of its content words occur in the item so far;
  without a cue, the next ``TILING_WINDOW`` units must each be shifted: share
  less than 10% of their content words, or (``NAME_MIN = 2``,
  ``NAME_SHARE_MAX = 0.25``) name at least two actors of which under 25% were
  named in the item so far while sharing under 30% of content words (a common
  verb such as "meet" does not hide a change of story). Title words
  ("President", "Minister") are not names. Words fused by a lost space
  ("00:45PresidentMaria") are read apart.

Transcripts: a timestamp may open its line ("00:11 We start...", fused
"00:45President...") or stand alone with the text on the next line. Lines above
the first timestamp are the page header; greeting and presenter units ("Good
evening ... I'm Jane Doe") and the headlines unit ("Tonight's headlines: A. B.
And C.", read as one headline per sentence) are furniture, the headlines then
titling the items they overlap. Hand-offs ("Our correspondent X reports") are
byline furniture of their item.

Pages: a heading is a story start when it is repeated just below (exactly, or
a near-copy whose words contain the other's, ``REPEAT_OVERLAP_MIN = 1.0``), or
followed by stamps, navigation, a leading byline or a dateline. A closing
credit ("X contributed to this report", "Editing by", "burs-ab/cd") is not such
evidence, and a line just above one is the story's last paragraph. A headline
never ends its sentence with a period, also not inside a closing quote.
Captions ("(AP Photo/X)", "Photo: AFP / X", "AGENCY/Name/File Photo", "Getty
Images"), stamp lines (dates, times, zones, "Updated 3 hours ago", also joined
by "|"), link lines ("Read also:", "Related:", lines that are mostly a URL or
point to one, items listed under "Related articles"), newsletter intros and
trust/standards footers are furniture, never titles or articles.

Dates, strongest first: a stamp line or a dated dateline; a year-less dateline
("KYIV, Dec 2 (Reuters) -") with the year that puts it nearest a full date
stated elsewhere on the page (furniture first), else none; a photo caption's
date; a later story on the page inherits the first story's date. Outlet: the
dateline agency or a byline's outlet, else what the page names in furniture (a
copyright line, a name beside the stamps "Updated ... | Outlet", a masthead
line whose last word is an outlet word such as "Post" or "Times").

Everything is linear in the number of lines apart from bounded look-aheads.
"""

from __future__ import annotations

import datetime
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
from generator.text import MONTH_PATTERN, MONTHS, ascii_fold, content_words, find_date

SHIFT_MAX = 0.12
ROUNDUP_MIN_HEADINGS = 3
ROUNDUP_MAX_BLOCK = 5.0
HEADLINE_MATCH_MIN = 0.2
TILING_MAX = 0.1
TILING_WINDOW = 2
CUE_SHARE_MAX = 0.3
NAME_MIN = 2
NAME_SHARE_MAX = 0.25
HEADLINE_UNIT_WORDS = 18
"""A transcript unit this short before the first item cue can be a read headline."""
REPEAT_OVERLAP_MIN = 1.0
"""A heading whose words overlap a heading just above by this much (and at most
three words longer or shorter) repeats it: "Ukraine's X says Y" under "X says Y"."""
MASTHEAD_WORDS = 3
"""A masthead line (the outlet's name above the headline) has at most this many words."""
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
    caption_start_res: tuple[re.Pattern[str], ...]
    byline_extra_res: tuple[re.Pattern[str], ...]
    page_intro_res: tuple[re.Pattern[str], ...]
    non_places: frozenset[str]
    outlet_words: frozenset[str]
    headline_intro: tuple[str, ...]
    item_start: tuple[str, ...]
    sign_off: tuple[str, ...]
    greeting: tuple[str, ...]
    name_titles: frozenset[str]


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
        caption_start_res=compile_all("caption_start_patterns"),
        byline_extra_res=compile_all("byline_extra_patterns"),
        page_intro_res=compile_all("page_intro_patterns"),
        non_places=frozenset(furniture["dateline_non_places"]),
        outlet_words=frozenset(furniture["outlet_words"]),
        headline_intro=tuple(cues["headline_intro"]),
        item_start=tuple(cues["item_start"]),
        sign_off=tuple(cues["sign_off"]),
        greeting=tuple(cues["greeting"]),
        name_titles=frozenset(cues["name_titles"]),
    )


# ---------------------------------------------------------------------------
# Pure helpers

_PUNCT_RE = re.compile(r"[^\w\s]+")
_BULLET_RE = re.compile(r"^(?:[•·▪●◦‣∙■□➤►*]|[-–—](?=\s))\s*")
_DASHED_SUBHEAD_RE = re.compile(r"^[-–—]\s+\S.{0,120}?\s+[-–—]$")
_DASH_ONLY_RE = re.compile(r"^[-–—_=~*•.]{1,20}$")
_BARE_TIMESTAMP_RE = re.compile(r"^\[?\d{1,2}:\d{2}(?::\d{2})?\]?$")
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
_BYLINE_KEYWORD_RE = re.compile(r"^\(?(?:by|additional reporting|reporting|writing|editing|compiled)\b", re.I)
_CAPTION_TAIL = 140
"""Caption credits sit at the end of a line; only this many final characters are searched."""


_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.I)
_URL_POINTER_RE = re.compile(
    r"^(?:follow|read|see|visit|watch|listen|subscribe|sign up|download|get|find|for more|more)\b", re.I
)
_PART_SPLIT_RE = re.compile(r"\s+[|·•]\s+|\s{3,}")
_STAMP_TOKEN_RE = re.compile(r"[A-Za-z]+(?:\.[A-Za-z]+)*\.?|\d+")
_STAMP_WORDS = frozenset(
    (
        "updated published posted modified last first ago on at am pm a.m. p.m. "
        "gmt utc est edt cst cdt pst pdt cet cest bst eet eest msk ist jst aest aedt wib sast "
        "sec secs second seconds min mins minute minutes hr hrs hour hours day days week weeks "
        "yesterday today mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday "
        "thursday friday saturday sunday st nd rd th"
    ).split()
) | frozenset(MONTHS)
_SIGN_OFF_RE = re.compile(r"contributed|^\(?(?:additional )?(?:reporting|writing|editing|edited|written|compiled) by\b|^(?-i:[a-z]{2,6}(?:[-/][a-z]{2,6}){1,4})$", re.I)


def _is_stamp_line(text: str) -> bool:
    """A line made only of dates, times, zones and "Updated ... ago" words."""
    tokens = _STAMP_TOKEN_RE.findall(text)
    if not tokens or len(tokens) > 16:
        return False
    if not any(t.isdigit() for t in tokens) and not any(t.lower() in ("ago", "yesterday", "today") for t in tokens):
        return False
    words = [t.lower().rstrip(".") for t in tokens if not t.isdigit()]
    if not words:
        # Bare numbers ("2025 12 03") are a stamp only with a full date.
        return find_date(text) is not None
    return all(w in _STAMP_WORDS or w + "." in _STAMP_WORDS for w in words)


def _is_url_line(text: str, n_words: int) -> bool:
    """A short line that is mostly a URL or points the reader to one."""
    urls = _URL_RE.findall(text)
    if not urls or n_words > 30:
        return False
    url_chars = sum(len(u) for u in urls)
    return url_chars * 2 >= len(text.replace(" ", "")) or bool(_URL_POINTER_RE.match(text))


def _is_short_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 4 and all(w[0].isupper() or w[0].isdigit() or w in ("of", "the", "&") for w in words) and part[-1].isalnum()


def _part_kinds(text: str) -> list[str | None] | None:
    """Kinds of the parts of a line joined by " | " or wide gaps, when it has several."""
    parts = [p.strip() for p in _PART_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2 or len(parts) > 8:
        return None
    return [_single_kind(p, normalise_line(p)) for p in parts]


def stamp_outlet(text: str) -> str | None:
    """The outlet named beside stamps or a byline ("Updated 2 hours ago | Kyiv Post")."""
    parts = [p.strip() for p in _PART_SPLIT_RE.split(text) if p.strip()]
    if len(parts) < 2:
        return None
    kinds = [_single_kind(p, normalise_line(p)) for p in parts]
    names = [p for p, k in zip(parts, kinds, strict=True) if k is None and _is_short_name(p)]
    if len(names) == 1 and any(k in ("timestamp", "byline") for k in kinds):
        return names[0]
    return None


def furniture_kind(text: str, norm: str | None = None) -> str | None:
    """The furniture kind of one stripped line, or None when it is text."""
    if norm is None:
        norm = normalise_line(text)
    if not norm:
        return None
    kind = _single_kind(text, norm)
    if kind is None and (" | " in text or "   " in text or " · " in text or " • " in text):
        # "By Jane Doe | Updated 9 December 2025", "Share   Tweet   Email",
        # "Updated 2 hours ago | Kyiv Post": furniture when every part is
        # furniture, or all but one short name beside stamps or a byline.
        kinds = _part_kinds(text)
        if kinds:
            known = [k for k in kinds if k]
            if len(known) == len(kinds) or (
                len(known) == len(kinds) - 1 and any(k in ("timestamp", "byline") for k in known) and stamp_outlet(text)
            ):
                return "timestamp" if "timestamp" in known else known[0]
    return kind


def _single_kind(text: str, norm: str) -> str | None:
    rules = _rules()
    if not norm:
        return None
    n_words = norm.count(" ") + 1
    if norm in rules.navigation:
        return "navigation"
    if n_words <= 14 and any(r.search(text) for r in rules.navigation_res):
        return "navigation"
    if _is_url_line(text, n_words):
        return "navigation"
    if n_words <= 12 and any(r.search(text) for r in rules.timestamp_res):
        return "timestamp"
    if _is_stamp_line(text):
        return "timestamp"
    if n_words <= 25 and any(r.search(text) for r in rules.byline_extra_res):
        return "byline"
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
    if 4 <= n_words <= 60 and any(r.search(text) for r in rules.caption_start_res):
        return "caption"
    if n_words <= 30 and any(r.search(text) for r in rules.page_intro_res):
        return "other"
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
    # A sentence closed inside its quote ('... "stability and finances."') is body.
    if text.rstrip("\"”’'»)]").endswith((".", ",", ";", ":")):
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
    # Lines listed under a "Related articles" / "Read more" header are links.
    in_list = False
    for line in lines:
        if line.kind == "furniture" and line.fkind == "navigation" and _LIST_HEADER_RE.match(line.norm):
            in_list = True
        elif in_list and line.kind in ("bullet", "heading", "dash"):
            line.kind, line.fkind = "furniture", "navigation"
        else:
            in_list = False


_LIST_HEADER_RE = re.compile(
    r"^(?:related|read more|read also|also read|see also|more on this story|more stories|recommended|"
    r"more from|more in|most read|most popular|top stories|trending|you may also like)\b(?:\W*\w+){0,3}$"
)
_COPYRIGHT_RE = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*", re.I)
_RIGHTS_RE = re.compile(r"[.,;]?\s*(?:all rights reserved|some rights reserved)\.?\s*$", re.I)


def _copyright_outlet(text: str) -> str | None:
    """The owner named in a copyright line ("© 2025 Kyiv Post. All rights reserved.")."""
    m = _COPYRIGHT_RE.match(text)
    if not m:
        return None
    name = _RIGHTS_RE.sub("", text[m.end() :]).strip(" .,")
    agencies = _agencies()
    if name.lower() in agencies:
        return agencies[name.lower()]
    return name if _is_short_name(name) else None


def page_outlet(lines: Sequence[_Line]) -> str | None:
    """The outlet a page names in its furniture: a copyright line, a name beside the
    stamps, or a masthead line above the headline."""
    rules = _rules()
    for line in lines:
        if line.kind != "furniture":
            continue
        found = _copyright_outlet(line.text) if line.fkind == "credit" else None
        if found is None and line.fkind in ("timestamp", "byline"):
            found = stamp_outlet(line.text)
        if found:
            return _agencies().get(found.lower(), found)
    # Masthead: a short name on the first line, above a different headline, that
    # ends like an outlet name ("... Post", "... Times") or is named again in furniture.
    if len(lines) >= 3 and lines[0].kind == "heading" and lines[1].kind == "heading":
        head = lines[0]
        words = head.text.split()
        repeated = any(l.norm == head.norm for l in lines[1 : 1 + REPEAT_LOOKAHEAD])
        if (
            _is_short_name(head.text)
            and len(words) <= MASTHEAD_WORDS < len(lines[1].text.split())
            and not repeated
            and not any(c.isdigit() for c in head.text)
        ):
            if words[-1].lower() in rules.outlet_words:
                return _agencies().get(head.text.lower(), head.text)
    return None


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


def _is_repeat(head: _Line, other: _Line) -> bool:
    """Whether a heading repeats another: the same words, or one a near-copy of the other
    ("Zelensky ready for talks" / "Ukraine's Zelensky ready for talks")."""
    if other.kind != "heading":
        return False
    if other.norm == head.norm:
        return True
    a, b = head.norm.split(), other.norm.split()
    if min(len(a), len(b)) < 4:
        return False
    return overlap(a, b) >= REPEAT_OVERLAP_MIN and abs(len(a) - len(b)) <= 3


def _is_sign_off(text: str) -> bool:
    """A credit line that closes a story ("X contributed to this report", "Editing by")."""
    return bool(_SIGN_OFF_RE.search(text))


def _is_strong_start(lines: list[_Line], i: int) -> bool:
    """A heading that is repeated under its furniture, or followed by stamps or a dateline."""
    head = lines[i]
    if head.kind != "heading":
        return False
    body_seen = 0
    for j in range(i + 1, min(len(lines), i + 1 + REPEAT_LOOKAHEAD)):
        line = lines[j]
        if _is_repeat(head, line):
            return True
        if line.kind in ("body", "heading"):
            if j - i <= CUE_LOOKAHEAD and parse_dateline(line.text):
                return True
            body_seen += 1
            if body_seen >= 1:
                break
        elif line.kind == "place" and j - i <= CUE_LOOKAHEAD:
            return True
        elif (
            line.kind == "furniture"
            and line.fkind in ("timestamp", "navigation", "byline")
            and j - i <= CUE_LOOKAHEAD
            and not (line.fkind == "byline" and _is_sign_off(line.text))
        ):
            # A story's closing credit ("X contributed to this report") under a
            # line does not make that line a headline.
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
        if lines[i].kind != "heading":
            continue
        body_seen = False
        for j in range(i + 1, min(n, i + 1 + REPEAT_LOOKAHEAD)):
            # Near-copies count only above the body; exact copies anywhere close.
            if lines[j].norm == lines[i].norm or (not body_seen and _is_repeat(lines[i], lines[j])):
                if lines[j].kind == "heading":
                    strong.discard(j)
                    lines[j].kind, lines[j].fkind = "furniture", "duplicate"
            body_seen = body_seen or lines[j].kind == "body"
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
        signed_off = False
        while k > 0 and lines[k - 1].kind == "furniture":
            signed_off = signed_off or (lines[k - 1].fkind == "byline" and _is_sign_off(lines[k - 1].text))
            k -= 1
        # A line just above the story's closing credit is its last paragraph.
        if (
            not signed_off
            and k >= 2
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
    stamp: int = -1
    """Offset of the unit's timestamp (an item's span starts there), -1 without one."""


def _is_transcript(lines: list[_Line]) -> bool:
    stamped = sum(1 for l in lines if _TIMESTAMP_UNIT_RE.match(l.text))
    # A timestamp alone on its line stamps the line below it.
    bare = sum(1 for l in lines if _BARE_TIMESTAMP_RE.match(l.text))
    return stamped >= 3 and stamped * 2 >= len(lines) - bare


def _units(lines: list[_Line]) -> tuple[list[_Line], list[_Unit]]:
    header: list[_Line] = []
    units: list[_Unit] = []
    stamped_next = False
    bare_at = -1
    for line in lines:
        if _BARE_TIMESTAMP_RE.match(line.text):
            stamped_next = True
            bare_at = line.start
            continue
        m = _TIMESTAMP_UNIT_RE.match(line.text)
        if not m and not units and not stamped_next:
            header.append(line)
            continue
        offset = line.start + (m.end() if m else 0)
        body = line.text[m.end() :] if m else line.text
        opens = stamped_next
        stamped_next = False
        if not m and units and not opens:
            # A continuation line belongs to the unit above.
            last = units[-1]
            units[-1] = _Unit(last.start, line.end, last.text + " " + body, last.stamp)
            continue
        # Timestamps fused into the line split it into further units.
        pieces = []
        cut = 0
        stamp = line.start if m else (bare_at if opens else -1)
        for fm in _FUSED_TIMESTAMP_RE.finditer(body):
            pieces.append((cut, fm.start(), stamp))
            cut = fm.end()
            stamp = offset + fm.start(1)
        pieces.append((cut, len(body), stamp))
        for a, b, at in pieces:
            seg = body[a:b].strip()
            if seg:
                lead = len(body[a:b]) - len(body[a:b].lstrip())
                units.append(_Unit(offset + a + lead, offset + a + lead + len(seg), seg, at))
    return header, units


def _share(words: set[str], context: set[str]) -> float:
    """Fraction of a unit's content words already seen in the context."""
    return len(words & context) / len(words) if words else 1.0


def _starts_with_cue(text: str, cues: Sequence[str]) -> bool:
    low = text.lower().lstrip("\"“‘' ")
    return any(low.startswith(c) for c in cues)


_CAMEL_FUSED_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_NAME_RE = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*")
_SENTENCE_CUT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def _read_headlines(unit: _Unit, intro_cues: Sequence[str]) -> list[_Unit]:
    """Headlines read in the announcing unit itself ("Tonight's headlines: A. B. And C.")."""
    low = unit.text.lower()
    at = min((low.find(c) + len(c) for c in intro_cues if c in low), default=-1)
    colon = unit.text.find(":", max(at, 0))
    if at < 0 or colon < 0 or colon - at > 20:
        return []
    out: list[_Unit] = []
    cut = colon + 1
    rest = unit.text[cut:]
    pos = 0
    for m in [*_SENTENCE_CUT_RE.finditer(rest), None]:
        end = m.start() if m else len(rest)
        piece = rest[pos:end].strip()
        if piece:
            lead = len(rest[pos:end]) - len(rest[pos:end].lstrip())
            start = unit.start + cut + pos + lead
            out.append(_Unit(start, start + len(piece), piece))
        if m:
            pos = m.end()
    return out if len(out) >= 2 else []


def _split_transcript(source: Source, lines: list[_Line]) -> list[dict]:
    rules = _rules()
    header, units = _units(lines)
    if not units:
        return []
    # Headlines block: an intro cue, then short units until the first item cue.
    headlines: list[_Unit] = []
    i = 0
    intro: list[_Unit] = []

    def announces_headlines(u: _Unit) -> bool:
        return any(c in u.text.lower() for c in rules.headline_intro)

    # Greeting and presenter units ("Good evening ... I'm Jane Doe") open the bulletin.
    while (
        i < min(2, len(units) - 1)
        and not announces_headlines(units[i])
        and (_starts_with_cue(units[i].text, rules.greeting) or furniture_kind(units[i].text) == "byline")
    ):
        intro.append(units[i])
        i += 1
    if i < len(units) and announces_headlines(units[i]):
        read = _read_headlines(units[i], rules.headline_intro)
        if not read:
            intro.append(units[i])
        headlines.extend(read)
        i += 1
        while i < len(units) and not _starts_with_cue(units[i].text, rules.item_start) and len(units[i].text.split()) <= 30:
            headlines.append(units[i])
            i += 1
    else:
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
    # Hand-offs ("Our correspondent ... reports") and other furniture units stay
    # with the unit above them but are neither text nor evidence of a topic.
    unit_furniture: dict[int, list[Furniture]] = {}
    lead_furniture: list[Furniture] = []
    kept: list[_Unit] = []
    for u in items_units:
        fk = furniture_kind(u.text)
        if fk:
            target = unit_furniture.setdefault(len(kept) - 1, []) if kept else lead_furniture
            target.append(Furniture(fk, u.text))  # type: ignore[arg-type]
        else:
            kept.append(u)
    items_units = kept
    # Words fused by a lost space ("PresidentMaria") are read as two words.
    texts = [_CAMEL_FUSED_RE.sub(" ", u.text) for u in items_units]
    bags = [set(content_words(t)) for t in texts]
    names = [
        set(content_words(" ".join(w for w in _NAME_RE.findall(t) if w.lower().rstrip("'’s") not in rules.name_titles)))
        for t in texts
    ]
    cuts = [0]
    left: set[str] = set(bags[0]) if bags else set()
    left_names: set[str] = set(names[0]) if names else set()

    def shifted(j: int) -> bool:
        share = _share(bags[j], left)
        # A unit whose names are all new is a shift even when a common word
        # ("meet", "said") is shared with the item so far.
        return share < TILING_MAX or (
            len(names[j]) >= NAME_MIN and _share(names[j], left_names) < NAME_SHARE_MAX and share < CUE_SHARE_MAX
        )

    for k in range(1, len(items_units)):
        cue = _starts_with_cue(items_units[k].text, rules.item_start)
        # Novelty of the next units against the whole current item (TextTiling
        # with the left block grown to the item, so a short follow-up unit still
        # finds the story's names).
        window = range(k, min(len(bags), k + TILING_WINDOW))
        if (cue and _share(bags[k], left) < CUE_SHARE_MAX) or (
            not cue and len(window) == TILING_WINDOW and all(shifted(j) for j in window) and k - cuts[-1] >= 2
        ):
            cuts.append(k)
            left, left_names = set(), set()
        left |= bags[k]
        left_names |= names[k]
    bounds = list(zip(cuts, [*cuts[1:], len(items_units)], strict=True))
    items = [items_units[a:b] for a, b in bounds if items_units[a:b]]
    items_furniture = [[f for j in range(a, b) for f in unit_furniture.get(j, [])] for a, b in bounds if b > a]
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
    page_furniture = (
        [Furniture("other", l.text) for l in header]
        + [Furniture("byline" if furniture_kind(u.text) == "byline" else "other", u.text) for u in intro]
        + lead_furniture
    )
    page_date = find_date(" ".join(l.text for l in header))
    raw: list[dict] = []
    for h in orphan_heads:
        raw.append(
            dict(start=h.start, end=h.end, title=h.text, paragraphs=[h.text], furniture=[], date=page_date)
        )
    for k, it in enumerate(items):
        furn = [Furniture("other", h.text) for h in headlines if titles.get(k) == h.text] + items_furniture[k]
        raw.append(
            dict(
                start=it[0].stamp if 0 <= it[0].stamp < it[0].start else it[0].start,
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
    caption_date: str | None = None
    partial_date: str | None = None
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
            elif line.fkind == "caption" and caption_date is None:
                # A caption is furniture, but its date is still the story's date
                # when nothing else states one.
                caption_date = find_date(text)
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
                    if date is None:
                        partial_date = dl_date
                text = text[cut:].strip()
        paragraphs.append(_BULLET_RE.sub("", text).strip() if line.kind == "bullet" else text)
    if not paragraphs:
        paragraphs = [title] if title else (list(standfirst) or [lines[0].text])
    outlet = _outlet_from(furniture) or agency
    return dict(
        start=lines[0].start, end=lines[-1].end, title=title, paragraphs=paragraphs,
        standfirst=standfirst, furniture=furniture, dateline=dateline, outlet=outlet,
        date=date, caption_date=caption_date, partial_date=partial_date,
    )


_MONTH_DAY_RE = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})\b|\b(\d{{1,2}})\s+({MONTH_PATTERN})\b", re.I)


def _page_reference_date(lines: Sequence[_Line]) -> str | None:
    """The first full date on the page, preferring stamps, captions and headers over body text."""
    for line in lines:
        if line.kind == "furniture":
            found = find_date(line.text)
            if found:
                return found
    for line in lines:
        found = find_date(line.text)
        if found:
            return found
    return None


def _complete_date(partial: str, reference: str) -> str | None:
    """Give a month-and-day date the year that puts it nearest the reference date."""
    m = _MONTH_DAY_RE.search(partial)
    if not m:
        return None
    month = MONTHS[(m.group(1) or m.group(4)).lower()]
    day = int(m.group(2) or m.group(3))
    ref = datetime.date.fromisoformat(reference)
    best: tuple[int, str] | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            continue
        distance = abs((candidate - ref).days)
        if best is None or distance < best[0]:
            best = (distance, candidate.isoformat())
    return best[1] if best else None


def _base_id(path: str) -> str:
    stem_path = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return slugify(stem_path.replace("/", "-"))


def segment(source: Source) -> tuple[Article, ...]:
    """Split one source into cleaned articles, in source order, with spans and metadata."""
    lines = _lines(source.text)
    if not lines:
        return ()
    _classify(lines)
    outlet = page_outlet(lines)
    if outlet and lines[0].kind == "heading" and lines[0].text == outlet:
        lines[0].kind, lines[0].fkind = "furniture", "credit"  # a masthead line
    if _is_transcript(lines):
        raw = _split_transcript(source, lines)
    else:
        raw = [_build(s) for s in _split_page(source.text, lines)]
    raw = [r for r in raw if r["paragraphs"]]
    raw.sort(key=lambda r: r["start"])
    # Dates by strength of evidence: a stamp or a dated dateline; a year-less
    # dateline ("KYIV, Dec 2 (Reuters) -") given the year of a full date stated
    # elsewhere on the page (furniture first); a photo caption's date.
    reference = None
    for r in raw:
        if r.get("partial_date") and not r.get("date"):
            if reference is None:
                reference = _page_reference_date(lines) or ""
            r["date"] = _complete_date(r["partial_date"], reference) if reference else None
        if not r.get("date") and r.get("caption_date"):
            r["date"] = r["caption_date"]
        if outlet and not r.get("outlet"):
            r["outlet"] = outlet
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
