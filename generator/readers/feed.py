"""RSS and Atom feeds: one Source per item."""

from __future__ import annotations

import io
import logging
import re

import feedparser

from generator.errors import ReadError
from generator.model import InputMeta, Problem, Source
from generator.readers.base import ReaderOutput
from generator.readers.decode import decode, normalise, sniff
from generator.readers.markup import html_to_text, tidy_plain_text
from generator.readers.meta import clean_text, iso_date

log = logging.getLogger(__name__)

# feedparser's signal that it guessed the charset (and may have garbled every letter).
ENCODING_GUESSED = (feedparser.CharacterEncodingOverride, feedparser.CharacterEncodingUnknown)
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
DATE_FIELDS = ("published", "updated", "created")


def read_feed(data: bytes, name: str) -> ReaderOutput:
    """One Source per feed item, item = its 1-based number; items without text are problems."""
    sniff(data)
    parsed, encoding, note = _parse(data, name)
    _check_feed(parsed, name)
    feed_title = clean_text(parsed.feed.get("title"))
    sources, problems = [], []
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            text = _entry_text(entry)
        except ReadError as error:
            problems.append(Problem(path=f"{name}: item {number}", reason=error.reason, kind=error.kind))
            continue
        meta = _entry_meta(entry, feed_title)
        sources.append(Source(path=name, text=text, item=number, meta=meta, encoding=encoding, decode_note=note))
    if not sources:
        raise ReadError(f"none of the feed's {len(problems)} items has text or a title", kind="empty")
    return ReaderOutput(tuple(sources), tuple(problems))


def _parse(data: bytes, name: str) -> tuple[feedparser.FeedParserDict, str, str | None]:
    # A stream, never bare bytes or a str: feedparser opens a str as a URL, and bytes or a str
    # as a file path, so a file holding "/etc/passwd" would make it read that file.
    parsed = _feedparser(data)
    if not isinstance(parsed.get("bozo_exception"), ENCODING_GUESSED):
        return parsed, parsed.get("encoding") or "utf-8", None
    # feedparser fell back to a guess; decode like every other file and parse clean UTF-8.
    decoded = decode(data, name)
    utf8 = XML_DECLARATION.sub("", decoded.text, count=1).encode("utf-8")
    return _feedparser(utf8), decoded.encoding, decoded.note


def _feedparser(data: bytes) -> feedparser.FeedParserDict:
    try:
        return feedparser.parse(io.BytesIO(data))
    except ValueError as error:  # its lenient parser fails on a reference to a surrogate (&#xD800;)
        raise ReadError(f"invalid feed: {error}", kind="invalid feed") from None


def _check_feed(parsed: feedparser.FeedParserDict, name: str) -> None:
    if parsed.entries:
        if parsed.bozo:
            log.warning(
                "%s: the feed is not well-formed (%s); read the %d items recovered",
                name, parsed.bozo_exception, len(parsed.entries),
            )  # fmt: skip
        return
    if parsed.bozo:
        raise ReadError(f"invalid feed: {parsed.bozo_exception}", kind="invalid feed")
    if not parsed.version:
        raise ReadError("not a feed: no RSS or Atom channel found", kind="not a feed")
    raise ReadError("the feed has no items", kind="empty")


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    # content:encoded and Atom <content> hold the full text; <description>/<summary> a teaser.
    details = [*entry.get("content", ()), entry.get("summary_detail")]
    for detail in filter(None, details):
        text = _detail_text(detail)
        if text:
            return normalise(text)
    title = _title(entry)
    if title:
        return title
    raise ReadError("the item has no text and no title", kind="empty")


def _detail_text(detail: feedparser.FeedParserDict) -> str:
    value = detail.get("value") or ""
    return html_to_text(value) if "html" in (detail.get("type") or "") else tidy_plain_text(value)


def _title(entry: feedparser.FeedParserDict) -> str | None:
    detail = entry.get("title_detail")
    return clean_text(normalise(_detail_text(detail))) if detail else None


def _entry_meta(entry: feedparser.FeedParserDict, feed_title: str | None) -> InputMeta:
    source = entry.get("source") or {}
    return InputMeta(
        title=_title(entry),
        date=_entry_date(entry),
        outlet=clean_text(source.get("title")) or feed_title,
        url=clean_text(entry.get("link")),
        author=clean_text(entry.get("author")),
    )


def _entry_date(entry: feedparser.FeedParserDict) -> str | None:
    # The string as written keeps the publisher's local date; feedparser's parsed form is UTC
    # but reads more formats, so it is the fallback.
    for field in DATE_FIELDS:
        date = iso_date(entry.get(field)) or iso_date(entry.get(f"{field}_parsed"))
        if date:
            return date
    return None
