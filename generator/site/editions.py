"""Editions: each build is the edition of one day; earlier ones are kept in the archive folder.

The archive holds one `<edition>/digest.json` per day (the contract data of that build). From it
a build learns the topics of earlier editions, to list them on the Archive page and to mark a
topic that continues an earlier one as a developing story.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.model import Digest, Topic
from generator.settings import Settings, is_iso_date

log = logging.getLogger(__name__)

ARCHIVE_FILE = "digest.json"

CONTINUES_MIN = 0.3
"""Least overlap for a topic to continue an earlier one: shared key players and key phrases
(folded) divided by the size of the smaller of the two sets. 0.3 means that about a third of
what the shorter topic is about recurs: with the usual 10 key players and 10 phrases, six
shared items. Topics of one region or beat share two or three (a head of state, a country's
ministry), which stays below it; the next day's report of one story shares more."""
CONTINUES_MIN_PLAYERS = 1
"""A continuation shares at least this many key players: phrases alone ("talks", "power") recur
across unrelated stories."""


@dataclass(frozen=True)
class TopicSummary:
    """What an edition said about one topic."""

    id: str
    label: str
    headline: str
    summary: tuple[str, ...]
    actors: tuple[str, ...]
    """Ids of the key players (people, organisations, groups; places left out)."""
    keyphrases: tuple[str, ...]
    articles: int
    """How many articles the topic grouped."""


@dataclass(frozen=True)
class EditionSummary:
    """One earlier edition: its date and its topics in edition order."""

    edition: str
    """YYYY-MM-DD."""
    topics: tuple[TopicSummary, ...]
    names: tuple[tuple[str, str], ...] = ()
    """(actor id, display name) of the key players named by the topics, sorted by id."""


@dataclass(frozen=True)
class Continuation:
    """An earlier topic that a topic of this edition continues."""

    edition: str
    topic: TopicSummary
    score: float


def archive_path(archive: Path, edition: str) -> Path:
    """Where the digest.json of an edition is kept."""
    return archive / edition / ARCHIVE_FILE


def load(settings: Settings) -> tuple[EditionSummary, ...]:
    """Every edition kept in the archive, newest first; a corrupt one is skipped with a warning."""
    archive = settings.io.archive
    if archive is None or not archive.is_dir():
        return ()
    found = []
    for folder in sorted(archive.iterdir(), reverse=True):
        path = folder / ARCHIVE_FILE
        if not is_iso_date(folder.name) or not path.is_file():
            continue
        try:
            found.append(from_contract(json.loads(path.read_text("utf-8")), folder.name))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.warning("skipped archived edition %s: %s", path, error)
    return tuple(found)


def save(settings: Settings, edition: str, text: str) -> None:
    """Keep this edition's digest.json text in the archive, replacing one of the same day."""
    archive = settings.io.archive
    if archive is None:
        return
    target = archive_path(archive, edition)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside and renamed, so that an interrupted save never leaves half a file.
    handle, temporary = tempfile.mkstemp(prefix=".news-digest-", suffix=".json", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("kept edition %s in %s", edition, target.parent)


def from_contract(data: dict, edition: str | None = None) -> EditionSummary:
    """The summary of an edition from its digest.json data."""
    places = {actor["id"] for actor in data.get("actors", ()) if actor.get("type") == "place"}
    topics = tuple(
        TopicSummary(
            id=str(topic["id"]),
            label=str(topic.get("label") or ""),
            headline=str(topic.get("headline") or topic.get("label") or ""),
            summary=tuple(str(s) for s in topic.get("summary") or ()),
            actors=tuple(str(a) for a in topic.get("actors") or () if a not in places),
            keyphrases=tuple(str(k) for k in topic.get("keyphrases") or ()),
            articles=len(topic.get("articles") or ()),
        )
        for topic in data["topics"]
    )
    stated = data.get("edition") or edition
    if not isinstance(stated, str) or not is_iso_date(stated):
        raise ValueError(f"edition date {stated!r} is not YYYY-MM-DD")
    wanted = {actor_id for topic in topics for actor_id in topic.actors}
    names = tuple(sorted((str(a["id"]), str(a["name"])) for a in data.get("actors", ()) if a.get("id") in wanted))
    return EditionSummary(edition=stated, topics=topics, names=names)


def summary_of_topic(topic: Topic) -> TopicSummary:
    """A topic of the edition being built, in the form an archived one takes."""
    return TopicSummary(
        id=topic.id, label=topic.label, headline=topic.headline or topic.label, summary=topic.summary,
        actors=topic.actors, keyphrases=topic.keyphrases, articles=len(topic.articles),
    )


def summary_of(digest: Digest) -> EditionSummary:
    """The summary of the edition being built, in the same form as an archived one."""
    wanted = {actor_id for topic in digest.topics for actor_id in topic.actors}
    return EditionSummary(
        edition=digest.edition,
        topics=tuple(summary_of_topic(topic) for topic in digest.topics),
        names=tuple(sorted((a.id, a.name) for a in digest.actors if a.id in wanted)),
    )


def overlap(a: TopicSummary, b: TopicSummary) -> tuple[float, int]:
    """Shared key players and phrases over the smaller set, and the number of shared key players."""
    players = set(a.actors) & set(b.actors)
    first = {f"a:{x}" for x in a.actors} | {f"k:{p.casefold()}" for p in a.keyphrases}
    second = {f"a:{x}" for x in b.actors} | {f"k:{p.casefold()}" for p in b.keyphrases}
    smaller = min(len(first), len(second))
    return (len(first & second) / smaller if smaller else 0.0), len(players)


def continuations(topic: TopicSummary, history: Iterable[EditionSummary], before: str, limit: int = 3) -> tuple[Continuation, ...]:
    """Earlier topics this one continues: the best match of each earlier edition, newest first."""
    found = []
    for edition in sorted(history, key=lambda e: e.edition, reverse=True):
        if edition.edition >= before:
            continue
        best = None
        for earlier in edition.topics:
            score, players = overlap(topic, earlier)
            if score >= CONTINUES_MIN and players >= CONTINUES_MIN_PLAYERS:
                if best is None or score > best.score:
                    best = Continuation(edition.edition, earlier, score)
        if best is not None:
            found.append(best)
        if len(found) >= limit:
            break
    return tuple(found)


def iso_week(edition: str) -> str:
    """The ISO week of a date, as 2025-W49."""
    year, week, _ = datetime.date.fromisoformat(edition).isocalendar()
    return f"{year}-W{week:02d}"


def by_week(editions: Sequence[EditionSummary]) -> list[tuple[str, list[EditionSummary]]]:
    """Editions grouped by ISO week, newest week and day first."""
    weeks: dict[str, list[EditionSummary]] = {}
    for edition in sorted(editions, key=lambda e: e.edition, reverse=True):
        weeks.setdefault(iso_week(edition.edition), []).append(edition)
    return sorted(weeks.items(), reverse=True)
