"""Duplicate articles: the same story carried by several inputs is kept once, its sources listed.

Exact copies (the same words) and the same original address are one article. Near copies (a
wire story run by two outlets, a story saved twice with light edits) are found with MinHash
and locality-sensitive hashing over word shingles (`datasketch`), so finding them stays
near-linear; two articles whose estimated Jaccard similarity reaches the threshold are one.
The first in input order is kept and lists the others in `also_in`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from generator.model import Article
from generator.settings import CleanSettings

log = logging.getLogger(__name__)

SHINGLE_WORDS = 3
PERMUTATIONS = 64
LSH_MAX_THRESHOLD = 0.9
"""Above this, 64 permutations leave LSH too few bands; higher settings are checked exactly."""
MIN_WORDS = 40
"""Articles shorter than this are compared only exactly: a few shared words prove nothing."""
WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[bytes]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def drop_duplicates(articles: Sequence[Article], settings: CleanSettings) -> tuple[list[Article], dict[str, str]]:
    """Articles without duplicates, and the sources all of whose articles were duplicates
    (source -> the source of the article it repeats)."""
    # LSH proposes candidates at a bar it can index; each is then checked at the set threshold.
    lsh = MinHashLSH(threshold=min(settings.near_duplicate_jaccard, LSH_MAX_THRESHOLD), num_perm=PERMUTATIONS)
    signatures: dict[int, MinHash] = {}
    kept: list[Article] = []
    exact: dict[str, int] = {}
    by_url: dict[str, int] = {}
    dropped_from: dict[str, str] = {}
    for article in articles:
        words = " ".join(WORD.findall(article.body.lower()))
        original = exact.get(words)
        if original is None and article.url:
            original = by_url.get(article.url)
        signature = None
        if original is None and len(words.split()) >= MIN_WORDS:
            signature = MinHash(num_perm=PERMUTATIONS, seed=1)
            signature.update_batch(list(_shingles(words)))
            matches = sorted(int(key) for key in lsh.query(signature))
            close = [m for m in matches if signatures[m].jaccard(signature) >= settings.near_duplicate_jaccard]
            original = close[0] if close else None
        if original is not None and kept[original].source != article.source:
            first = kept[original]
            log.info("%s repeats an article of %s; kept once", article.source, first.source)
            kept[original] = dataclasses.replace(first, also_in=(*first.also_in, article.source))
            dropped_from.setdefault(article.source, first.source)
            continue
        position = len(kept)
        kept.append(article)
        exact.setdefault(words, position)
        if article.url:
            by_url.setdefault(article.url, position)
        if signature is not None:
            lsh.insert(str(position), signature)
            signatures[position] = signature
    survivors = {article.source for article in kept}
    return kept, {source: first for source, first in dropped_from.items() if source not in survivors}
