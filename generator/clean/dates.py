"""Dates written in news text: full dates, dates without a year, weekdays relative to a story date."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from generator import resources


DIGIT = re.compile(r"\d")


@lru_cache(maxsize=None)
def _calendar(language: str = resources.LANGUAGE) -> dict:
    return resources.data("calendar", language)


def _alternation(names: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@lru_cache(maxsize=None)
def _patterns(language: str = resources.LANGUAGE) -> dict[str, re.Pattern[str]]:
    months = _alternation(_calendar(language)["months"])
    weekdays = _alternation(_calendar(language)["weekdays"])
    month = rf"(?P<month>{months})\.?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d{2})"
    return {
        "iso": re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:\b|(?=T\d))"),
        "month_day": re.compile(rf"\b{month}\s+{day}(?:,?\s+{year})?\b", re.I),
        "day_month": re.compile(rf"\b{day}\s+(?:of\s+)?{month},?(?:\s+{year})?\b", re.I),
        "weekday": re.compile(rf"\b(?P<last>last\s+|next\s+|this\s+)?(?P<weekday>{weekdays})\b\.?", re.I),
        "relative": re.compile(r"\b(?P<rel>today|tonight|yesterday|tomorrow)\b", re.I),
    }


@dataclass(frozen=True)
class DateMention:
    """A date found in text: the date when it is complete, else month and day only."""

    start: int
    end: int
    month: int
    day: int
    year: int | None

    def resolve(self, reference: datetime.date | None) -> datetime.date | None:
        """The full date; a year-less one takes the year that puts it nearest the reference."""
        if self.year is not None:
            return _safe_date(self.year, self.month, self.day)
        if reference is None:
            return None
        options = [_safe_date(reference.year + shift, self.month, self.day) for shift in (-1, 0, 1)]
        options = [option for option in options if option]
        return min(options, key=lambda d: abs((d - reference).days), default=None)


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, language: str = resources.LANGUAGE) -> list[DateMention]:
    """Every calendar date in text, in order of position."""
    if not DIGIT.search(text):
        return []  # every date form has a day number: most sentences are ruled out at once
    months = _calendar(language)["months"]
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name in ("iso", "month_day", "day_month"):
        for match in _patterns(language)[name].finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            groups = match.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else months[groups["month"].lower()]
            day = int(groups["day"])
            year = int(groups["year"]) if groups.get("year") else None
            if not 1 <= day <= 31 or not 1 <= month <= 12:
                continue
            found.append(DateMention(match.start(), match.end(), month, day, year))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda d: d.start)


def first_full_date(text: str) -> datetime.date | None:
    """The first date in text that names its year."""
    for mention in find_dates(text):
        if mention.year is not None:
            resolved = mention.resolve(None)
            if resolved:
                return resolved
    return None


def relative_dates(
    text: str, reference: datetime.date, forward: bool = False, language: str = resources.LANGUAGE
) -> list[tuple[int, datetime.date]]:
    """Weekday and relative-day mentions resolved against the story date: the weekday before
    it, or after it with 'next' or when the sentence speaks of the future (`forward`)."""
    calendar = _calendar(language)
    resolved = []
    for match in _patterns(language)["weekday"].finditer(text):
        weekday = calendar["weekdays"][match.group("weekday").lower()]
        if len(match.group("weekday")) <= 3 and not match.group("weekday")[0].isupper():
            continue  # "sat", "wed" as ordinary words
        delta = (reference.weekday() - weekday) % 7
        direction = (match.group("last") or "").strip().lower()
        if direction == "last" and delta == 0:
            delta = 7  # 'last Wednesday' said on a Wednesday
        ahead = (weekday - reference.weekday()) % 7
        if direction == "next":
            resolved.append((match.start(), reference + datetime.timedelta(days=ahead or 7)))
        elif forward and direction != "last":
            resolved.append((match.start(), reference + datetime.timedelta(days=ahead)))  # 'will meet on Saturday' said on a Saturday: today
        else:
            resolved.append((match.start(), reference - datetime.timedelta(days=delta)))
    for match in _patterns(language)["relative"].finditer(text):
        shift = calendar["relative_days"][match.group("rel").lower()]
        resolved.append((match.start(), reference + datetime.timedelta(days=shift)))
    return sorted(resolved)


def month_names(language: str = resources.LANGUAGE) -> frozenset[str]:
    return frozenset(_calendar(language)["months"])


def weekday_names(language: str = resources.LANGUAGE) -> frozenset[str]:
    return frozenset(_calendar(language)["weekdays"])


@lru_cache(maxsize=None)
def calendar_words(language: str = resources.LANGUAGE) -> frozenset[str]:
    """Months, weekdays and the words of date stamps ('updated', 'published', 'am')."""
    return resources.words("stamp_words", language) | month_names(language) | weekday_names(language)
