"""The per-article extraction step: parse each article once, find what later stages need.

This is the only step whose cost grows with the text, and every article is
independent, so it runs in batches over worker processes (or, with the same
`analyse_batch` function, on any map-style engine such as Dask).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from spacy.tokens import Doc

from generator import actors, keyphrases, nlp
from generator.model import Analysis, Article

log = logging.getLogger(__name__)

BATCH_SIZE = 32
# News stories are a few thousand characters; beyond this the rest of a text is
# not analysed (the model's own limit is 1,000,000 and its memory grows with length).
MAX_ANALYSED_CHARS = 100_000


def sentences(doc: Doc) -> tuple[str, ...]:
    """Sentence texts in order; a paragraph break always ends a sentence."""
    found = []
    for sent in doc.sents:
        for piece in sent.text.split("\n\n"):
            piece = " ".join(piece.split())
            if piece:
                found.append(piece)
    return tuple(found)


def analyse(article: Article, doc: Doc) -> Analysis:
    """Everything the cross-article stages need from one parsed article."""
    mentions, quotes = actors.extract(article, doc)
    return Analysis(
        article_id=article.id,
        sentences=sentences(doc),
        mentions=mentions,
        quotes=quotes,
        keyphrases=keyphrases.extract(article, doc),
    )


def analysed_text(article: Article) -> str:
    """The body, or its opening paragraphs up to MAX_ANALYSED_CHARS for an outsized one."""
    body = article.body
    if len(body) <= MAX_ANALYSED_CHARS:
        return body
    cut = body.rfind("\n\n", 0, MAX_ANALYSED_CHARS)
    log.warning(
        "%s (%s): analysed only the first %d of %d characters", article.id, article.source,
        cut if cut > 0 else MAX_ANALYSED_CHARS, len(body),
    )
    return body[: cut if cut > 0 else MAX_ANALYSED_CHARS]


def analyse_batch(articles: Sequence[Article]) -> list[Analysis]:
    """Parse and analyse a batch of articles in this process."""
    docs = nlp.parse((analysed_text(article) for article in articles), batch_size=BATCH_SIZE)
    return [analyse(article, doc) for article, doc in zip(articles, docs)]


def analyse_all(
    articles: Sequence[Article],
    workers: int = 1,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[Analysis, ...]:
    """Analyse every article, in order, over `workers` processes."""
    batches = [articles[i : i + BATCH_SIZE] for i in range(0, len(articles), BATCH_SIZE)]
    results: list[Analysis] = []
    if workers <= 1 or len(batches) <= 1:
        for batch in batches:
            results.extend(analyse_batch(batch))
            if on_progress:
                on_progress(len(batch))
        return tuple(results)
    # Load the model before forking so that workers share it instead of each loading a copy.
    nlp.load()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for batch, analysed in zip(batches, pool.map(analyse_batch, batches)):
            results.extend(analysed)
            if on_progress:
                on_progress(len(batch))
    return tuple(results)
