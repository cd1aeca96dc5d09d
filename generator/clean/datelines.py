"""Datelines that open a story: "TOKYO, Feb 22 (Reuters) - ", "LONDON (AP) — ", "Sept. 13 (UPI) -- "."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from generator import resources
from generator.clean.dates import DateMention, find_dates

_PLACE = r"(?P<place>[A-Z][A-Za-z.'’-]*(?:(?:\s+|/)[A-Z][A-Za-z.'’-]*){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?)"
_DATE = r"(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))"
DATELINE = re.compile(
    rf"^(?:{_PLACE}\s*(?:\[(?P<country>[^\]]{{1,30}})\])?\s*,?\s*)?"
    rf"(?:{_DATE}\s*)?"
    r"(?:\((?P<agency>[A-Za-z][\w .&/-]{0,30})\)\s*)?"
    r"(?P<sep>[-—–]{1,2}|:)\s*"
)


@dataclass(frozen=True)
class Dateline:
    length: int
    """Characters of the paragraph the dateline takes."""
    place: str | None
    agency: str | None
    month_day: tuple[int, int, int | None] | None
    """(month, day, year or None) when the dateline carries a date."""

    def date(self, reference: datetime.date | None) -> datetime.date | None:
        if self.month_day is None:
            return None
        month, day, year = self.month_day
        return DateMention(0, 0, month, day, year).resolve(reference)


def parse(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, or None."""
    match = DATELINE.match(paragraph)
    if not match or match.end() >= len(paragraph) or match.end() == match.start("sep"):
        return None
    place, agency, date = match.group("place"), match.group("agency"), match.group("date")
    capital_place = bool(place) and place.replace(",", "").replace(".", "").replace(" ", "").isupper() and len(place) > 1
    # a place in title case is a dateline only beside a date, an agency or a country tag
    if not (capital_place or agency or match.group("country") or date):
        return None
    month_day = None
    if date:
        found = find_dates(date)
        if found:
            month_day = (found[0].month, found[0].day, found[0].year)
        elif place is None:
            return None
    if place and place.split(",")[0].strip().lower() in resources.words("agencies"):
        agency, place = agency or place, None
    return Dateline(match.end(), _place_name(place) if place else None, agency, month_day)


def _place_name(raw: str) -> str:
    """'NEW DELHI' -> 'New Delhi'; 'Kennett Square, Pa.' stays as written."""
    head = raw.split(",")[0].split("/")[0].strip()
    if head.isupper():
        return " ".join(part.capitalize() if len(part) > 2 else part for part in head.split())
    return head
