"""Metadata helpers shared by the readers: dates to YYYY-MM-DD, tidy one-line values."""

from __future__ import annotations

import datetime
import email.utils
import logging
import time
from collections.abc import Mapping

from generator.model import InputMeta
from generator.readers.decode import normalise

log = logging.getLogger(__name__)

# Written dates beside ISO 8601 and RFC 822, as people type them into front matter.
# Month names are English: strptime reads them in the C locale the build runs in.
DATE_FORMATS = ("%Y/%m/%d", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")
META_FIELDS = ("title", "date", "outlet", "url", "author")
# Longest stretch of a bad value quoted in a warning, so a huge field cannot flood the log.
QUOTE_CHARS = 80


def iso_date(value: object) -> str | None:
    """YYYY-MM-DD for a date, datetime, struct_time, ISO 8601 or RFC 822 string; else None."""
    if isinstance(value, datetime.date):  # datetime.datetime is a subclass
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if isinstance(value, time.struct_time):
        try:
            return iso_date(datetime.date(value.tm_year, value.tm_mon, value.tm_mday))
        except ValueError:
            return None
    if isinstance(value, str) and value.strip():
        return _parse_date(value.strip())
    return None


def _parse_date(text: str) -> str | None:
    # The stated local date is kept: converting "23:30 -0500" to UTC would move it a day.
    try:
        return iso_date(datetime.datetime.fromisoformat(text))
    except ValueError:
        pass
    try:
        return iso_date(email.utils.parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in DATE_FORMATS:
        try:
            return iso_date(datetime.datetime.strptime(text, pattern))
        except ValueError:
            continue
    return None


def clean_text(value: object) -> str | None:
    """A normalised one-line value, white space collapsed; lists of strings joined; None when empty."""
    if isinstance(value, (list, tuple)):
        # Only flat lists of strings: nested YAML aliases could otherwise expand without bound.
        parts = (clean_text(part) for part in value if isinstance(part, str))
        return ", ".join(part for part in parts if part) or None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return " ".join(normalise(str(value)).split()) or None


def meta_from_fields(fields: Mapping[str, object], name: str) -> InputMeta:
    """InputMeta from the title/date/outlet/url/author fields of a mapping; a bad date is dropped."""
    raw_date = fields.get("date")
    date = iso_date(raw_date)
    if date is None and raw_date not in (None, ""):
        log.warning("%s: ignored the date %.*r: not a date", name, QUOTE_CHARS, raw_date)
    return InputMeta(
        title=clean_text(fields.get("title")),
        date=date,
        outlet=clean_text(fields.get("outlet")),
        url=clean_text(fields.get("url")),
        author=clean_text(fields.get("author")),
    )
