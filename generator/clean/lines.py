"""A source text as lines with offsets and the shape features every cleaning pass reads."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

WORD = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*\.?", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s*\([A-Za-z]{1,12}\))?$")
"""Sentence punctuation at the end, also before a closing agency credit: '... event. (AA)'."""
INNER_SENTENCE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
LETTER = re.compile(r"[^\W\d_]")
BULLET_MARK = re.compile(r"^[-–•*·▪●]\s+")
"""The mark of a list item ('- ', '• ')."""
LONE_DASH = re.compile(r"^[-–—]$")
"""A line of a dash alone: the separator of a dateline set over lines ('Kyiv' / '—' / text)."""


@dataclass(frozen=True)
class Line:
    """One line of a source text, stripped, with its offsets in the source."""

    index: int
    start: int
    """Offset of the first non-blank character."""
    end: int
    """Offset just after the last non-blank character."""
    text: str
    """The stripped line with runs of white space made single spaces."""
    raw: str = ""
    """The stripped line as written (wide gaps kept: they separate menu labels)."""

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(WORD.findall(self.text))

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def ends_sentence(self) -> bool:
        """The line ends with sentence punctuation (a headline does not)."""
        return bool(SENTENCE_END.search(self.text))

    @cached_property
    def upper_share(self) -> float:
        """Share of letters that are capitals (1.0 for an ALL-CAPS line)."""
        letters = LETTER.findall(self.text)
        return sum(ch.isupper() for ch in letters) / len(letters) if letters else 0.0

    @cached_property
    def title_share(self) -> float:
        """Share of words that start with a capital or a digit."""
        if not self.words:
            return 0.0
        return sum(w[0].isupper() or w[0].isdigit() for w in self.words) / len(self.words)


def split_lines(text: str) -> tuple[Line, ...]:
    """Every line of text with the offsets of its stripped content."""
    lines = []
    offset = 0
    for index, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = offset + lead if stripped else offset
        lines.append(Line(index, start, start + len(stripped), " ".join(stripped.split()), stripped))
        offset += len(raw) + 1
    return tuple(lines)


def is_heading_shape(line: Line, max_words: int) -> bool:
    """Short, without closing sentence punctuation, and starting with a capital or digit (after a
    bullet, if any: a list of links is a list of headlines): a headline."""
    words = line.words
    if not words or len(words) > max_words or line.ends_sentence or INNER_SENTENCE.search(line.text):
        return False
    first = BULLET_MARK.sub("", line.text).lstrip("“\"'‘([")[:1]
    return first.isupper() or first.isdigit()


def is_cut_short(line: Line, lines: Sequence[Line]) -> bool:
    """The page's last line stops mid-sentence (an excerpt cut short): it is text, not a heading."""
    last = next((other for other in reversed(lines) if not other.blank), None)
    return last is not None and line.index == last.index and len(line.words) > 8
