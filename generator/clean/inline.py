"""Repairs inside a paragraph: dateline and agency credits cut off, glued sentences parted."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator import resources
from generator.clean import datelines
from generator.clean.furniture import BYLINE

GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
"""'...four months.Russian news agencies' lost the space after a full stop."""
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
SPEAKER_LABEL = re.compile(r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Z .'’-]{1,40})?(?:\s*\([^()]{1,40}\))?:\s+")
"""A transcript's speaker label: 'PRESENTER (Ruth Adeyemi): ', 'ANDERSON COOPER, CNN ANCHOR: '."""
TAIL_CREDIT = re.compile(r"\s*\((?P<agency>[A-Z][A-Za-z]{1,11}|[A-Z]{2,6})\)\s*$")
"""'... the aftermath of this event. (ILKHA)': the agency that carried the story."""


@dataclass(frozen=True)
class Paragraph:
    text: str
    dateline: datelines.Dateline | None = None
    credit: str | None = None


def repair(text: str, first: bool, language: str = resources.LANGUAGE) -> Paragraph:
    """The paragraph with its dateline (first paragraph of a story) and closing credit removed."""
    dateline = datelines.parse(text) if first else None
    if dateline is not None:
        text = text[dateline.length :]
    credit = None
    tail = TAIL_CREDIT.search(text)
    if tail and (tail.group("agency").isupper() or tail.group("agency").lower() in resources.words("agencies", language)):
        credit, text = tail.group("agency"), text[: tail.start()]
    text = SPEAKER_LABEL.sub("", text)
    text = _without_widget_sentences(GLUED_SENTENCE.sub(" ", text), language)
    return Paragraph(text.strip(), dateline, credit)


def _without_widget_sentences(text: str, language: str) -> str:
    """Sentences that are a widget or a broadcast greeting inside a paragraph ('Follow us on X
    for the latest news.', 'Good evening, these are the headlines.')."""
    openers = resources.ordered("furniture_openers", language) + resources.ordered("broadcast_furniture", language)
    sentences = SENTENCE.split(text)
    kept = [s for s in sentences if not s.lower().startswith(openers) and not BYLINE.match(s.strip())]
    return " ".join(kept) if len(kept) < len(sentences) else text
