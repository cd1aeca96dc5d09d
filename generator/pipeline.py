"""The stage order: ingest -> segment -> extract -> merge actors -> cluster -> keyphrases -> summarise.

Only this module knows the order; each stage is a plain function of typed data.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone

from tqdm import tqdm

from generator import (
    actors,
    extract,
    ingest,
    keyphrases,
    segment,
    slugs,
    summarise,
    topics,
)
from generator.config import Config
from generator.errors import InputError
from generator.model import Article, Digest

log = logging.getLogger(__name__)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log how long a stage took."""
    started = time.perf_counter()
    yield
    log.info("%-10s %6.2f s", stage, time.perf_counter() - started)


@contextmanager
def progress(total: int, stage: str, bar: bool) -> Iterator[Callable[[int], None]]:
    """Report progress: a bar on a terminal, a log line every 10% elsewhere (CI logs, files)."""
    if bar:
        with tqdm(total=total, desc=stage, unit="article", leave=False) as meter:
            yield meter.update
        return
    done, next_report = 0, 0.1

    def advance(count: int) -> None:
        nonlocal done, next_report
        done += count
        if total >= 100 and done / total >= next_report:
            log.info("%s: %d/%d articles", stage, done, total)
            next_report = int(done / total * 10 + 1) / 10

    yield advance


def with_unique_ids(articles: Sequence[Article]) -> tuple[Article, ...]:
    """Articles from different files may slug alike; make every id unique, in order."""
    taken: set[str] = set()
    unique = []
    for article in articles:
        new_id = slugs.unique(article.id, taken)
        unique.append(article if new_id == article.id else dataclasses.replace(article, id=new_id))
    return tuple(unique)


def generated_stamp(articles: Sequence[Article]) -> str:
    """Build time stamp that keeps builds reproducible.

    SOURCE_DATE_EPOCH (the reproducible-builds convention) wins; otherwise the
    newest article date, so the same input always gives the same digest.json.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = sorted(article.date for article in articles if article.date)
    return f"{dates[-1] if dates else '1970-01-01'}T00:00:00Z"


def build_digest(config: Config) -> Digest:
    """Run every analysis stage on the input folder and return the digest."""
    with timed("ingest"):
        ingested = ingest.ingest(config.input_dir, strict=config.strict_input, max_bytes=config.max_file_bytes)
    if ingested.problems:
        log.warning("skipped %d unusable file(s) of %d", len(ingested.problems), len(ingested.problems) + len(ingested.sources))
    if not ingested.sources:
        raise InputError(f"no usable .txt files in {config.input_dir}", hint="point --input at a folder of UTF-8 .txt news files")

    with timed("segment"):
        articles = with_unique_ids([article for source in ingested.sources for article in segment.segment(source)])
    log.info("%d source file(s) -> %d article(s)", len(ingested.sources), len(articles))

    with timed("extract"), progress(len(articles), "extract", bar=config.progress) as advance:
        analyses = extract.analyse_all(articles, workers=config.workers, on_progress=advance)

    with timed("actors"):
        actor_index = actors.merge(articles, analyses)
    with timed("cluster"):
        groups = topics.cluster(articles, analyses, actor_index)
    with timed("keyphrases"):
        article_keyphrases, group_keyphrases = keyphrases.rank(articles, analyses, groups)
    with timed("summarise"):
        topic_list, summaries = summarise.summarise(
            articles, analyses, groups, actor_index, article_keyphrases, group_keyphrases
        )

    return Digest(
        generated=generated_stamp(articles),
        articles=articles,
        keyphrases=article_keyphrases,
        actors=actor_index,
        topics=topic_list,
        article_topic={article_id: topic.id for topic in topic_list for article_id in topic.articles},
        summaries=summaries,
        problems=ingested.problems,
    )
