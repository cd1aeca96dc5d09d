"""The stage order, progress and timing: the only module that knows the pipeline.

read -> clean and split -> drop duplicates -> analyse (one parse per article, mapped by an
executor, cached) -> actors -> topics -> keyphrases -> build topics -> digest.
Each stage is a plain function of frozen typed data (see `model`).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import logging
import os
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from generator import actors as actor_stage
from generator import clean, nlp, slugs
from generator.analyse import analyse_batch, analysed_text
from generator.cache import ANALYSIS_ENTRY, CLEAN_ENTRY, FINGERPRINT_ENTRY, AnalysisCache, CleanCache, code_version
from generator.clean import dedupe
from generator.clean.casing import CasingTable, is_lower_case
from generator.errors import InputError, ReadError
from generator.executors import Executor
from generator.executors import create as create_executor
from generator.keyphrases import rank
from generator.model import Analysis, Article, ArticleDigest, Digest, InputRecord, Problem, Source
from generator.progress import progress
from generator.readers import FALLBACK, ReadResult, read_folder
from generator.settings import Settings, cache_dir, worker_count
from generator.topics import build as topic_builder
from generator.topics import cluster

log = logging.getLogger(__name__)

BATCH_SIZE = 32
"""Articles per unit of work shipped to an executor."""
CLEAN_BATCH = 64
"""Sources per unit of cleaning work."""


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Log how long a stage took."""
    started = time.perf_counter()
    yield
    log.info("%-10s %6.2f s", stage, time.perf_counter() - started)


Cleaned = tuple[tuple[Article, ...], tuple[dedupe.Fingerprint, ...], Problem | None]
"""A source cleaned: its articles, their fingerprints for duplicate search, or why it has none."""


def clean_batch(sources: Sequence[Source], settings: Settings, casing: CasingTable | None) -> list[Cleaned]:
    """Clean a batch of sources in this process."""
    stories: list[tuple[Article, ...]] = []
    problems: list[Problem | None] = []
    for source in sources:
        try:
            stories.append(clean.clean(source, settings.clean, casing, settings.io.explain, settings.io.language))
            problems.append(None)
        except ReadError as error:
            stories.append(())
            problems.append(Problem(source.name, error.reason, error.kind))
    prints = iter(dedupe.fingerprints([article for articles in stories for article in articles]))
    return [(articles, tuple(next(prints) for _ in articles), problem) for articles, problem in zip(stories, problems)]


def clean_all(read: ReadResult, settings: Settings, executor: Executor) -> tuple[list[Article], list[dedupe.Fingerprint], list[Problem]]:
    """Every source cleaned and split into articles, with their fingerprints (from the cache
    where it has them); sources with no news become problems."""
    lower_case = [is_lower_case(source.text) for source in read.sources]
    # Only a build that holds a lower-case text needs the casing the other texts show.
    casing = CasingTable.from_texts(s.text for s, low in zip(read.sources, lower_case) if not low) if any(lower_case) else None
    # A text's cleaning depends on the others only through the casing table; --explain logs
    # every pass, so it cleans again.
    cacheable = settings.io.use_cache and casing is None and not settings.io.explain
    version = f"{code_version(CLEAN_ENTRY)}|{code_version(FINGERPRINT_ENTRY)}|{settings.clean_key()}"
    cache = CleanCache(cache_dir(settings), version) if cacheable else None
    results: list[Cleaned | None] = [cache.get(source) if cache else None for source in read.sources]
    todo = [i for i, found in enumerate(results) if found is None]
    if cache is not None:
        log.info("clean cache: %d of %d sources reused", len(results) - len(todo), len(results))
    batches = [todo[i : i + CLEAN_BATCH] for i in range(0, len(todo), CLEAN_BATCH)]
    work = functools.partial(clean_batch, settings=settings, casing=casing)
    with progress(len(todo), "clean", bar=settings.io.progress, unit="source") as advance:
        for batch, cleaned in zip(batches, executor.map(work, [[read.sources[i] for i in b] for b in batches])):
            for i, result in zip(batch, cleaned):
                results[i] = result
                if cache is not None:
                    cache.put(read.sources[i], *result)
            advance(len(batch))
    articles: list[Article] = []
    prints: list[dedupe.Fingerprint] = []
    problems: list[Problem] = []
    for stories, fingerprints, problem in results:
        articles.extend(stories)
        prints.extend(fingerprints)
        if problem is None:
            continue
        if settings.io.strict_input:
            raise InputError(f"{problem.path}: {problem.reason}", hint="remove the file or drop --strict-input")
        log.warning("skipped %s: %s", problem.path, problem.reason)
        problems.append(problem)
    return articles, prints, problems


def numbered(articles: Sequence[Article]) -> list[Article]:
    """Every article's part number: its position among the articles of its source file."""
    parts: Counter[str] = Counter()
    result = []
    for article in articles:
        parts[article.source] += 1
        result.append(article if article.part == parts[article.source] else dataclasses.replace(article, part=parts[article.source]))
    return result


def with_unique_ids(articles: Sequence[Article]) -> list[Article]:
    """Every id unique, in order (articles of different files may slug alike)."""
    taken: set[str] = set()
    unique = []
    for article in articles:
        new_id = slugs.unique(article.id, taken)
        unique.append(article if new_id == article.id else dataclasses.replace(article, id=new_id))
    return unique


def analyse_all(articles: Sequence[Article], settings: Settings, executor: Executor) -> list[Analysis]:
    """The analysis of every article, from the cache where it has one, in article order."""
    version = f"{nlp.model_version(settings.io.language)}|{code_version(ANALYSIS_ENTRY)}|{settings.analysis_key()}"
    cache = AnalysisCache(cache_dir(settings), version) if settings.io.use_cache else None
    texts = [analysed_text(article, settings.clean.max_analysed_chars)[0] for article in articles]
    for article in articles:
        if len(article.body) > settings.clean.max_analysed_chars:
            log.warning("%s (%s): analysed at most the first %d of %d characters", article.id, article.source,
                        settings.clean.max_analysed_chars, len(article.body))
    results: list[Analysis | None] = [cache.get(a.id, t) if cache else None for a, t in zip(articles, texts)]
    todo = [i for i, found in enumerate(results) if found is None]
    if cache is not None:
        log.info("analysis cache: %d of %d articles reused (%s)", len(articles) - len(todo), len(articles), cache.folder)
    batches = [todo[i : i + BATCH_SIZE] for i in range(0, len(todo), BATCH_SIZE)]
    work = functools.partial(analyse_batch, settings=settings)
    with progress(len(todo), "analyse", bar=settings.io.progress) as advance:
        for batch, analysed in zip(batches, executor.map(work, [[articles[i] for i in b] for b in batches])):
            for i, analysis in zip(batch, analysed):
                results[i] = analysis
                if cache is not None:
                    cache.put(texts[i], analysis)
            advance(len(batch))
    failed = [a for a in results if a is not None and a.error]
    if failed and settings.io.strict_input:
        first = next(article for article in articles if article.id == failed[0].article_id)
        raise InputError(f"{first.source}: the analysis of article {first.id} failed: {failed[0].error}", hint="drop --strict-input to skip it")
    return [r for r in results if r is not None]


def generated_stamp(articles: Sequence[Article]) -> str:
    """Build time stamp that keeps builds reproducible: SOURCE_DATE_EPOCH, else the newest article date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = sorted(article.date for article in articles if article.date)
    return f"{dates[-1] if dates else '1970-01-01'}T00:00:00Z"


HEADLINES_ONLY = "headlines only"


def input_records(read: ReadResult, articles: Sequence[Article], problems: Sequence[Problem], duplicates: dict[str, str]) -> tuple[InputRecord, ...]:
    """One record per input file, with the ids of the articles made from it."""
    made: dict[str, list[str]] = {}
    for article in articles:
        made.setdefault(article.source, []).append(article.id)
    no_news = {p.path: p for p in problems}
    records = []
    for record in read.records:
        if record.status == "read" and record.source in duplicates:
            record = dataclasses.replace(record, status="duplicate", duplicate_of=duplicates[record.source], reason=f"near duplicate of {duplicates[record.source]}")
        elif record.status == "read" and record.source not in made and record.source in no_news:
            problem = no_news[record.source]
            record = dataclasses.replace(record, status="skipped", reason=problem.reason, kind=problem.kind)
        elif record.status == "read" and record.source not in made:
            record = dataclasses.replace(record, status="skipped", kind=HEADLINES_ONLY,
                                         reason="only headlines of stories that no article of the digest tells")
        records.append(dataclasses.replace(record, articles=tuple(made.get(record.source, ()))))
    return tuple(records)


def build_digest(settings: Settings) -> Digest:
    """Run every analysis stage on the input folder and return the digest."""
    io = settings.io
    with timed("read"):
        read = read_folder(io.input, max_bytes=io.max_file_bytes, strict=io.strict_input)
    if not read.sources:
        raise InputError(f"no usable news files in {io.input}", hint="point --input at a folder of .txt, .md, .html, .xml or .jsonl news files")
    executor = create_executor(io.executor, worker_count(settings), io.scheduler, prepare=lambda: nlp.load(io.language))
    try:
        with timed("clean"):
            cleaned, prints, problems = clean_all(read, settings, executor)
            kept, duplicates = dedupe.drop_duplicates(cleaned, prints, settings.clean)
            articles = with_unique_ids(numbered(kept))
        if not articles:
            raise InputError(f"no news in {io.input}: every file was furniture or unusable")
        log.info("%d source(s) -> %d article(s)", len(read.sources), len(articles))
        with timed("analyse"):
            analyses = analyse_all(articles, settings, executor)
    finally:
        executor.close()
    with timed("actors"):
        index = actor_stage.build(articles, analyses, settings.actors, io.language, io.explain)
    with timed("topics"):
        groups = cluster.cluster(articles, analyses, index.by_article, settings.topics)
        lone = cluster.lone_headlines(groups, articles)
        if lone:
            log.info("%d headline-only article(s) match no story and are left out", len(lone))
            articles = [a for i, a in enumerate(articles) if i not in lone]
            analyses = [a for i, a in enumerate(analyses) if i not in lone]
            index = actor_stage.build(articles, analyses, settings.actors, io.language, io.explain)
            groups = cluster.cluster(articles, analyses, index.by_article, settings.topics)
        article_phrases = rank.per_article(analyses, groups, settings.keyphrases)
        topic_phrases = rank.per_topic(analyses, groups, settings.keyphrases)
        topics = topic_builder.build(groups, articles, analyses, index, topic_phrases, settings.topics)
    topic_of = topic_builder.by_topic(topics)
    summaries = [tuple(analysis.sentences[i].text for i in analysis.summary) for analysis in analyses]
    entries = tuple(
        ArticleDigest(article, topic_of[article.id], phrases, actors.main, summary, actors.credited)
        for article, phrases, actors, summary in zip(articles, article_phrases, index.by_article, summaries)
    )
    dates = sorted(a.date for a in articles if a.date)
    return Digest(
        generated=generated_stamp(articles),
        edition=io.edition or (dates[-1] if dates else generated_stamp(articles)[:10]),
        articles=entries,
        actors=index.actors,
        topics=topics,
        analyses=tuple(analyses),
        inputs=input_records(read, articles, [*read.problems, *problems], duplicates),
    )


def summary_line(digest: Digest) -> str:
    """One line that accounts for every input file."""
    status = Counter(record.status for record in digest.inputs)
    skipped = Counter(record.kind or "unusable" for record in digest.inputs if record.status == "skipped")
    fallback = sum(1 for record in digest.inputs if record.kind == FALLBACK)
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(skipped.items()))
    return (
        f"files: {len(digest.inputs)} found, {status['read']} read, {status['skipped']} skipped"
        f"{f' ({reasons})' if reasons else ''}, {status['duplicate']} duplicate(s), {fallback} decoded with a fallback;"
        f" articles: {len(digest.articles)}"
    )
