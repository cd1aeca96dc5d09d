"""Case restoration for texts written all in lower case (closed captions, some feeds).

The entity model reads capitals as evidence of names, so a lower-case transcript yields no
actors. Where a source is (almost) all lower case, each word takes the casing it has most often
in the other inputs of the same build when it is not at a sentence start, and sentences start
with a capital. The text keeps its length, so offsets into it stay valid.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+)([^\W\d_])")
LOWER_TEXT_MAX_UPPER = 0.02
"""A text whose letters are at most this share capitals is treated as lower case."""
MIN_LETTERS = 200
SAMPLE_CHARS = 20_000


@dataclass(frozen=True)
class CasingTable:
    """Lower-cased word -> its most frequent casing (only words seen capitalised mid-sentence)."""

    forms: tuple[tuple[str, str], ...]

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> CasingTable:
        """Count every word's casings in texts that are not lower case themselves."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for text in texts:
            if is_lower_case(text):
                continue
            starts = {m.start(1) for m in SENTENCE_START.finditer(text)}
            for match in WORD.finditer(text):
                if match.start() in starts:
                    continue
                word = match.group()
                counts[word.lower()][word] += 1
        forms = []
        for lowered, seen in counts.items():
            form, count = max(seen.items(), key=lambda item: (item[1], item[0]))
            if form != lowered and count >= 2 * seen.get(lowered, 0):
                forms.append((lowered, form))
        return cls(tuple(sorted(forms)))

    def restore(self, text: str) -> str:
        """The text with known names capitalised and sentence starts upper-cased; same length."""
        table = dict(self.forms)
        chars = list(text)
        for match in WORD.finditer(text):
            form = table.get(match.group().lower())
            if form and len(form) == len(match.group()):
                chars[match.start() : match.end()] = form
        for match in SENTENCE_START.finditer(text):
            upper = chars[match.start(1)].upper()
            if len(upper) == 1:  # 'ﬁ'.upper() is 'FI': keep the length
                chars[match.start(1)] = upper
        return "".join(chars)


def is_lower_case(text: str) -> bool:
    """Long enough to judge, and with (almost) no capital letters (judged on the opening
    SAMPLE_CHARS characters: a transcript is lower case throughout or not at all)."""
    sample = text[:SAMPLE_CHARS]
    capitals = sum(1 for a, b in zip(sample, sample.lower()) if a != b)
    if capitals > LOWER_TEXT_MAX_UPPER * len(sample):  # too many for any count of letters (the costly count)
        return False
    letters = len(LETTER.findall(sample))
    return letters >= MIN_LETTERS and capitals / letters <= LOWER_TEXT_MAX_UPPER
