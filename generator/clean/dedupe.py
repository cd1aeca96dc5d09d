"""Duplicate articles: the same story carried by several inputs is kept once, its sources listed.

Exact copies (the same words) and the same original address are one article. Near copies (a
wire story run by two outlets, a story saved twice with light edits) are found with MinHash
and locality-sensitive hashing over word shingles (`datasketch`), so finding them stays
near-linear; two articles whose estimated Jaccard similarity reaches the threshold are one.
The first in input order is kept and lists the others in `also_in`.

Each article's `Fingerprint` (its words' digest and MinHash) depends on its text alone, so it
is taken where the article is cleaned, in parallel, and cached with it; only the comparison
runs over the whole digest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

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
SCHEME = "affine32"
"""datasketch's permutation scheme for 32-bit hashes (named, as reused permutations require)."""


HASH_VALUES = np.dtype("<u4")
"""A MinHash's values as stored in a fingerprint: 32-bit, little-endian whatever the machine."""

SHINGLE_MIX = np.array([0x9E3779B1, 0x85EBCA77, 1], dtype=np.uint64)
"""Odd multipliers that fold the hashes of a shingle's words into one value (order matters)."""


class WordHashes(dict):
    """CRC-32 of each distinct word, computed once per batch of articles (a word's hash never
    depends on which texts came before, so the signatures do not either)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


def shingle_hashes(words: Sequence[str], word_hashes: WordHashes) -> np.ndarray:
    """The distinct 32-bit hashes of the text's word shingles (the whole text when it is shorter).

    A shingle's hash mixes the hashes of its words, so a text of n words costs n dictionary
    lookups rather than n joined, encoded and hashed strings.
    """
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter(map(word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(hashes))
    mixed = sum(hashes[i : len(hashes) - width + 1 + i] * SHINGLE_MIX[SHINGLE_WORDS - width + i] for i in range(width))
    return np.unique(np.asarray(mixed, dtype=np.uint64) & np.uint64(0xFFFFFFFF))


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """What duplicate search needs of one article."""

    words: str
    """Digest of the article's words, lower-cased, without punctuation: equal for exact copies."""
    minhash: bytes | None
    """The MinHash values of its word shingles (`HASH_VALUES`); None for a text shorter than
    MIN_WORDS, which is compared only exactly."""


def fingerprints(articles: Sequence[Article]) -> tuple[Fingerprint, ...]:
    """Each article's fingerprint."""
    permutations = MinHash(num_perm=PERMUTATIONS, seed=1, scheme=SCHEME).permutations
    word_hashes = WordHashes()
    found = []
    for article in articles:
        tokens = WORD.findall(article.body.lower())
        minhash = None
        if len(tokens) >= MIN_WORDS:
            # The shingles arrive hashed: datasketch's hash function only has to pass them through.
            signature = MinHash(num_perm=PERMUTATIONS, hashfunc=int, permutations=permutations, scheme=SCHEME)
            signature.update_batch(shingle_hashes(tokens, word_hashes).tolist())
            minhash = signature.hashvalues.astype(HASH_VALUES).tobytes()
        words = hashlib.blake2b(" ".join(tokens).encode("utf-8"), digest_size=16).hexdigest()
        found.append(Fingerprint(words, minhash))
    return tuple(found)


def drop_duplicates(
    articles: Sequence[Article], prints: Sequence[Fingerprint], settings: CleanSettings
) -> tuple[list[Article], dict[str, str]]:
    """Articles without duplicates (prints: each article's fingerprint), and the sources all of
    whose articles were duplicates (source -> the source of the article it repeats)."""
    # LSH proposes candidates at a bar it can index; each is then checked at the set threshold.
    lsh = MinHashLSH(threshold=min(settings.near_duplicate_jaccard, LSH_MAX_THRESHOLD), num_perm=PERMUTATIONS)
    signatures: dict[int, LeanMinHash] = {}
    kept: list[Article] = []
    exact: dict[str, int] = {}
    by_url: dict[str, int] = {}
    dropped_from: dict[str, str] = {}
    for article, fingerprint in zip(articles, prints, strict=True):
        original = exact.get(fingerprint.words)
        if original is None and article.url:
            original = by_url.get(article.url)
        signature = None
        if original is None and fingerprint.minhash is not None:
            signature = LeanMinHash(seed=1, hashvalues=np.frombuffer(fingerprint.minhash, dtype=HASH_VALUES), scheme=SCHEME)
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
        exact.setdefault(fingerprint.words, position)
        if article.url:
            by_url.setdefault(article.url, position)
        if signature is not None:
            lsh.insert(str(position), signature)
            signatures[position] = signature
    survivors = {article.source for article in kept}
    return kept, {source: first for source, first in dropped_from.items() if source not in survivors}
