"""The per-article step: one parse of headline, standfirst and body, and all it yields.

This is the only step whose cost grows with the text, and every article is independent, so an
executor maps `analyse_batch` over batches of articles (in this process, in worker processes or
on a Dask cluster). Nothing after this step runs the model or re-reads the raw text: sentences,
entity mentions, quotes, keyphrase candidates and content terms travel in the Analysis.
A failure inside one article is caught at the article boundary and recorded in the Analysis.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Sequence

from spacy.attrs import SENT_START
from spacy.tokens import Doc

from generator import nlp
from generator.actors import mentions as mention_finder
from generator.actors import quotes as quote_finder
from generator.clean import cohesion
from generator.keyphrases import candidates
from generator.model import Analysis, Article, Sentence, Zone
from generator.settings import Settings
from generator.topics import sentences as key_sentences

log = logging.getLogger(__name__)

MAX_TERMS = 150
"""Content terms kept per article for clustering (the most weighty)."""


def analysed_text(article: Article, max_chars: int) -> tuple[str, list[tuple[int, Zone]]]:
    """Headline, standfirst and body as one text, with the offset where each zone begins."""
    parts: list[tuple[Zone, str]] = []
    if article.title:
        parts.append(("title", article.title))
    if article.standfirst:
        parts.append(("standfirst", "\n".join(article.standfirst)))
    body = article.body
    if len(body) > max_chars:
        cut = body.rfind("\n\n", 0, max_chars)
        body = body[: cut if cut > 0 else max_chars]
    parts.append(("body", body))
    text, zones = "", []
    for zone, part in parts:
        if text:
            text += "\n\n"
        zones.append((len(text), zone))
        text += part
    return text, zones


def _sentences(doc: Doc, zones: list[tuple[int, Zone]]) -> tuple[tuple[Sentence, ...], list[int]]:
    """Sentences (a paragraph break always ends one) and each token's sentence index."""
    starts = [i for i, flag in enumerate(doc.to_array([SENT_START])) if flag == 1 or i == 0]
    sentences: list[Sentence] = []
    sentence_of = [0] * len(doc)
    paragraph, previous_zone = 0, None
    text = doc.text
    for first, last in zip(starts, starts[1:] + [len(doc)]):
        begin, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
        offset, token = begin, first
        for number, piece in enumerate(text[begin:end].split("\n\n")):
            zone = mention_finder.zone_of(offset, zones)
            if zone != previous_zone:
                paragraph, previous_zone = 0, zone
            elif number > 0 or text[max(0, offset - 2) : offset] == "\n\n":
                paragraph += 1
            cleaned = " ".join(piece.split())
            if cleaned:
                sentences.append(Sentence(cleaned, zone, paragraph))
            piece_end = offset + len(piece)
            while token < last and doc[token].idx < piece_end:
                sentence_of[token] = max(0, len(sentences) - 1)
                token += 1
            offset = piece_end + 2
    return tuple(sentences), sentence_of


def _terms(text: str) -> tuple[tuple[str, int], ...]:
    """Counts of the article's content-word stems, the MAX_TERMS weightiest (count x rarity)."""
    counts = cohesion.counts(text)
    best = sorted(counts, key=lambda term: (-counts[term] * cohesion.rarity(term), term))[:MAX_TERMS]
    return tuple(sorted((term, counts[term]) for term in best))


def analyse(article: Article, doc: Doc, zones: list[tuple[int, Zone]], settings: Settings) -> Analysis:
    """Everything the later stages need from one parsed article."""
    language = settings.io.language
    sentences, sentence_of = _sentences(doc, zones)
    found = mention_finder.extract(doc, zones, sentence_of, language)
    body_start = next((start for start, zone in zones if zone == "body"), 0)
    terms = _terms(doc.text)
    return Analysis(
        article_id=article.id,
        sentences=sentences,
        mentions=found,
        quotes=quote_finder.extract(sentences, found),
        candidates=candidates.extract(doc, body_start, settings.keyphrases, language),
        terms=terms,
        summary=key_sentences.article_summary(sentences, terms),
    )


def failed(article: Article, error: BaseException) -> Analysis:
    """The analysis of an article whose analysis raised: empty, with the error recorded."""
    log.error("analysis of %s (%s) failed: %s", article.id, article.source, error)
    log.debug("%s", "".join(traceback.format_exception(error)))
    return Analysis(article.id, (), (), (), (), (), error=f"{type(error).__name__}: {error}")


def analyse_batch(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    """Parse and analyse a batch of articles in this process; a failing article does not stop the rest.

    An error in one article's analysis is recorded in its Analysis. An error inside the model
    breaks the whole batch, so the batch is then retried one article at a time.
    """
    try:
        return _analyse_together(articles, settings)
    except Exception as error:  # the model failed somewhere in the batch
        if len(articles) == 1:
            return [failed(articles[0], error)]
        return [result for article in articles for result in analyse_batch([article], settings)]


def _analyse_together(articles: Sequence[Article], settings: Settings) -> list[Analysis]:
    texts = [analysed_text(article, settings.clean.max_analysed_chars) for article in articles]
    model = nlp.load(settings.io.language)
    results = []
    with model.memory_zone(), nlp.one_blas_thread():
        docs = model.pipe((text for text, _ in texts), batch_size=nlp.BATCH_SIZE)
        for article, (_, zones), doc in zip(articles, texts, docs):
            try:
                results.append(analyse(article, doc, zones, settings))
            except Exception as error:  # one bad article must not sink the build
                results.append(failed(article, error))
    return results
