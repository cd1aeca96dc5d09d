"""A topic's timeline: what happened when, from the dates its articles state or imply.

Every dated article puts its headline on its own date. A sentence that states a full date, or a
weekday or 'yesterday' that resolves against its article's date, puts that sentence on it
(forward for 'next Tuesday' or a sentence about what 'will' happen, back otherwise). An event
after the topic's newest article is marked as scheduled.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from generator.clean.dates import find_dates, relative_dates
from generator.model import Analysis, Article, TimelineEvent

FUTURE = re.compile(r"\b(?:will|is due|are due|is scheduled|are scheduled|is expected to|are expected to|plans to|set to)\b", re.I)
MAX_SENTENCE_WORDS = 45
MAX_EVENTS = 12


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


def events(members: Sequence[int], articles: Sequence[Article], analyses: Sequence[Analysis]) -> tuple[TimelineEvent, ...]:
    """Dated events of the topic, oldest first, one per date and article."""
    found: dict[tuple[str, str], TimelineEvent] = {}
    dated = [articles[i].date for i in members if articles[i].date]
    newest = max((_date(d) for d in dated), default=None)
    for position in members:
        article, analysis = articles[position], analyses[position]
        published = _date(article.date)
        if published is not None:
            headline = article.title or next((s.text for s in analysis.sentences if s.zone == "body"), "")
            found.setdefault((published.isoformat(), article.id), TimelineEvent(published.isoformat(), headline, article.id))
        for sentence in analysis.sentences:
            if sentence.zone != "body" or len(sentence.text.split()) > MAX_SENTENCE_WORDS:
                continue
            when = _sentence_date(sentence.text, published)
            if when is None or (published and when == published):
                continue
            scheduled = newest is not None and when > newest
            found.setdefault((when.isoformat(), article.id), TimelineEvent(when.isoformat(), sentence.text, article.id, scheduled))
    ordered = sorted(found.values(), key=lambda e: (e.date, e.article_id, e.text))
    return tuple(ordered[-MAX_EVENTS:])


def _sentence_date(text: str, published: datetime.date | None) -> datetime.date | None:
    """The date a sentence is about: a full date it states, else a relative one resolved."""
    for mention in find_dates(text):
        resolved = mention.resolve(published)
        if resolved is not None:
            return resolved
    if published is None:
        return None
    relative = relative_dates(text, published, forward=bool(FUTURE.search(text)))
    return relative[0][1] if relative else None
