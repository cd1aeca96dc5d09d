"""Group articles into topic sections by content.

Each article becomes one sparse vector built from two TF-IDF blocks:

* content words of the title (and its word pairs, both counted twice), the
  standfirst and the body, stemmed so that "Ukraine"/"Ukrainian" and
  "Zelensky"/"Zelenskiy" meet;
* its named entities (places, groups, organisations, people, events from the
  analyses) and its main actor ids from the actor stage.

The entity block carries ``ENTITY_WEIGHT`` of the squared norm. The IDF makes a
name shared by many stories weigh less than the names only one story has. Its
term frequency is raw, not sublinear: how often an article names an actor says
how central it is. A mediator and a venue are named once or twice, the sides of
the conflict throughout, so raw counts let the sides dominate the entity vector.

Articles are then merged by exact average linkage (UPGMA): the mean pairwise
cosine of two clusters is ``sum(A) . sum(B) / (|A| |B|)``, computed from the
clusters' summed vectors, and two clusters merge while the best pair's mean is
at least ``LINK_MIN`` *and* the mean cosine of their entity blocks alone is at
least ``ENTITY_MIN``: the same formula over the clusters' summed unit entity
vectors, averaged over the pairs of articles that both name someone (when one
side names no one, the combined cosine decides alone). Average (not single)
linkage is what stops a chain "Ukraine talks - envoy in Miami - Gaza talks in
Miami" from gluing two stories.

The entity gate is what keeps a story about another conflict with the same
mediator and venue apart. Such a story shares the diplomatic vocabulary
("envoy", "talks", "truce", the venue; title words count twice, so a headline
like "US envoy opens Sudan truce talks in Istanbul" shares most of its generic
words with "Ukraine talks move to Istanbul") and a few peripheral names (the
envoy, the host city, the host's foreign minister), so its combined cosine to
the other story can reach the level of a genuine but differently worded report
of one story. What it lacks is the cast: the countries, leaders and armed
groups it is about. Pieces on one developing story from different outlets,
days and venues keep naming the same sides, so their entity agreement stays
high even when their wording differs.

Candidate pairs come from a sparse neighbour graph: exact cosines computed a
block of ``CHUNK`` rows at a time (at most ``EXACT_MAX`` articles), else the
``NEIGHBOURS`` nearest neighbours in an LSA space (TruncatedSVD, fixed
random_state) re-scored with the exact cosine. Nothing is dense n x n; the gate
adds one sparse dot product per candidate merge.

Thresholds, chosen on tests/fixtures/stories (25 articles, 12 gold sections,
three Gaza/Ukraine hard negatives; spaCy entities) plus a blind set of 21
articles in 10 stories built by the whole pipeline, whose hard negative is a
Sudan truce round in Istanbul led by the envoy who also leads the Ukraine talks
there, with the same Turkish foreign minister:

* ``ENTITY_MIN = 0.2``: the Sudan article's mean entity cosine to the six
  Ukraine articles is 0.118 (0.150 with sublinear counts; best pair 0.167), a
  Gaza article's to the Ukraine articles in the fixtures at most 0.08 (mean); the
  weakest correct merge has 0.353 (fixtures; 0.53 blind). Both sets are perfect
  for every value from 0.12 to 0.35 (even with ``LINK_MIN`` as low as 0.03);
  0.2 is near the geometric middle of that gap.
* ``LINK_MIN = 0.12``: with the gate, both sets are perfect for every threshold
  up to 0.22 (the weakest correct merge has a combined mean of 0.226); 0.12 is
  kept because the combined cosine still decides alone when one side names no
  one. Without the gate the Sudan article's mean combined cosine to the
  Ukraine cluster is 0.128 with sublinear entity counts (words 0.113, entities
  0.150; pairs 0.08-0.16), which joined it at 0.12, and 0.115 with raw counts:
  too close to rely on.
* ``ENTITY_WEIGHT = 0.4``: share of the entity block in the combined vector
  (0.3-0.6 give the same ``ENTITY_MIN`` plateau; it still orders the merges).
* Tried and not kept: counting title words once or dropping title word pairs
  (title terms carry 23% of the Sudan link, yet either change raises it, to
  0.120 and 0.125: doubling the title also doubles its distinctive words,
  "Sudan", "truce", "Darfur"), and requiring several supporting article pairs
  (the Sudan article has three pairs at about 0.16 with Ukraine articles, as
  many as a true member has).
* ``EDGE_MIN = 0.03``: pairs below this never become candidates.
* Ties are broken by the smallest article index everywhere, so the output is
  deterministic and independent of hashing.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from generator.model import ActorIndex, Analysis, Article
from generator.text import content_words

LINK_MIN = 0.12
ENTITY_WEIGHT = 0.4
ENTITY_MIN = 0.2
EDGE_MIN = 0.03
EXACT_MAX = 3000
CHUNK = 1000
MAX_DF = 0.5
PRUNE_FROM = 200
"""From this many articles on, terms of one article and terms in over MAX_DF of them
are dropped: in a large set they hold little of a vector's mass, in a small one
they hold most of it, so pruning there would inflate every cosine."""
NEIGHBOURS = 20
LSA_COMPONENTS = 100
LSA_ITERATIONS = 2
RANDOM_STATE = 0

_ENTITY_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "ORG", "PERSON", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


def article_terms(article: Article) -> list[str]:
    """Content-word stems of an article; the title's words and word pairs count twice."""
    title = content_words(article.title or "")
    title_pairs = [f"{a}_{b}" for a, b in zip(title, title[1:], strict=False)]
    # Word pairs of the body were tried and dropped: no gain on the fixtures, and
    # they double the terms of every article.
    return (title + title_pairs) * 2 + content_words(" ".join(article.standfirst)) + content_words(article.body)


def entity_terms(analysis: Analysis | None, actor_ids: Sequence[str]) -> list[str]:
    """Entity tokens of an article: stemmed names of its named mentions and its main actors."""
    terms: list[str] = []
    if analysis is not None:
        for m in analysis.mentions:
            if m.label not in _ENTITY_LABELS:
                continue
            words = content_words(m.name) or [m.name.lower()]
            terms.append("e:" + "_".join(words))
    terms.extend(f"a:{a}" for a in actor_ids)
    return terms


def _count_matrix(docs: Sequence[list[str]], prune: bool) -> sp.csr_matrix:
    """Term counts as a sparse matrix, columns in order of first appearance.

    With ``prune``, terms of a single article (they cannot link two articles) and
    terms in over MAX_DF of the articles (they link everything) are dropped first;
    in a large set both only cost time.
    """
    bags = [Counter(d) for d in docs]
    if prune:
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        high = MAX_DF * len(docs)
        keep = {t for t, c in df.items() if 2 <= c <= high}
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for bag in bags:
        for term, count in bag.items():
            if prune and term not in keep:
                continue
            indices.append(vocab.setdefault(term, len(vocab)))
            data.append(count)
        indptr.append(len(indices))
    return sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(docs), max(1, len(vocab))),
    )


def _tfidf(docs: Sequence[list[str]], prune: bool, sublinear: bool) -> sp.csr_matrix | None:
    """Row-normalised TF-IDF of one block, or None when the block is empty."""
    if not any(docs):
        return None
    counts = _count_matrix(docs, prune=prune)
    if counts.nnz == 0:
        return None
    return TfidfTransformer(sublinear_tf=sublinear, norm="l2").fit_transform(counts).tocsr()


def _blocks(
    articles: Sequence[Article], analyses: Sequence[Analysis], actors: ActorIndex
) -> tuple[sp.csr_matrix, sp.csr_matrix | None]:
    """Combined row-normalised vectors (word block + entity block) and the unit entity block alone."""
    by_id = {a.article_id: a for a in analyses}
    n = len(articles)
    prune = n >= PRUNE_FROM
    words = _tfidf([article_terms(a) for a in articles], prune, sublinear=True)
    # Raw counts: an actor named throughout the article outweighs one named once.
    ent_docs = [entity_terms(by_id.get(a.id), actors.by_article.get(a.id, ())) for a in articles]
    ents = _tfidf(ent_docs, prune, sublinear=False)
    blocks = [b * np.sqrt(w) for b, w in ((words, 1.0 - ENTITY_WEIGHT), (ents, ENTITY_WEIGHT)) if b is not None]
    if not blocks:
        return sp.csr_matrix((n, 1)), None
    return normalize(sp.hstack(blocks).tocsr()), ents


def vectors(
    articles: Sequence[Article], analyses: Sequence[Analysis], actors: ActorIndex
) -> sp.csr_matrix:
    """Row-normalised sparse vectors (word block + entity block) of the articles."""
    return _blocks(articles, analyses, actors)[0]


def _top_pairs(rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, n: int) -> list[tuple[int, int, float]]:
    """Keep pairs above EDGE_MIN among each article's NEIGHBOURS best; (i < j, sim), sorted."""
    keep = (rows != cols) & (sims >= EDGE_MIN)
    rows, cols, sims = rows[keep], cols[keep], sims[keep]
    # Best first per row, ties by column, then at most NEIGHBOURS per row.
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    starts = np.searchsorted(rows, np.arange(n))
    rank = np.arange(len(rows)) - starts[rows]
    top = rank < NEIGHBOURS
    a = np.minimum(rows[top], cols[top])
    b = np.maximum(rows[top], cols[top])
    best: dict[tuple[int, int], float] = {}
    for i, j, v in zip(a.tolist(), b.tolist(), sims[top].tolist(), strict=True):
        if v > best.get((i, j), -1.0):
            best[(i, j)] = v
    return sorted((i, j, v) for (i, j), v in best.items())


def _candidate_pairs(x: sp.csr_matrix) -> tuple[list[tuple[int, int, float]], list]:
    """Sparse neighbour graph (i < j, similarity) and per-article vectors for linkage."""
    n = x.shape[0]
    if n <= EXACT_MAX or x.shape[1] < 3:
        # Exact cosines, a block of rows at a time: never more than CHUNK x n dense.
        xt = x.T.tocsc()
        rows_all, cols_all, sims_all = [], [], []
        for lo in range(0, n, CHUNK):
            block = (x[lo : lo + CHUNK] @ xt).toarray()
            k = min(NEIGHBOURS + 1, n)
            idx = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(block), 1))
            vals = np.take_along_axis(block, idx, axis=1)
            rows_all.append(np.repeat(np.arange(lo, lo + len(block)), idx.shape[1]))
            cols_all.append(idx.ravel())
            sims_all.append(vals.ravel())
        pairs = _top_pairs(
            np.concatenate(rows_all).astype(np.int64), np.concatenate(cols_all).astype(np.int64), np.concatenate(sims_all), n
        )
        return pairs, _rows_as_dicts(x)
    k = min(LSA_COMPONENTS, x.shape[1] - 1, n - 1)
    z = normalize(TruncatedSVD(n_components=k, n_iter=LSA_ITERATIONS, random_state=RANDOM_STATE).fit_transform(x))
    nn = NearestNeighbors(n_neighbors=min(NEIGHBOURS + 1, n), metric="cosine", algorithm="brute")
    _, idx = nn.fit(z).kneighbors(z)
    # LSA only proposes the neighbours; their similarity is the exact TF-IDF cosine.
    rows = np.repeat(np.arange(n), idx.shape[1])
    cols = idx.ravel().astype(np.int64)
    exact = np.asarray(x[rows].multiply(x[cols]).sum(axis=1)).ravel()
    pairs = _top_pairs(rows, cols, exact, n)
    return pairs, _rows_as_dicts(x)


def _rows_as_dicts(x: sp.csr_matrix) -> list[dict[int, float]]:
    return [
        dict(zip(x.indices[x.indptr[i] : x.indptr[i + 1]].tolist(), x.data[x.indptr[i] : x.indptr[i + 1]].tolist(), strict=True))
        for i in range(x.shape[0])
    ]


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    return sum(v * get(k, 0.0) for k, v in a.items())


def _add(a: dict[int, float], b: dict[int, float]) -> dict[int, float]:
    if len(a) < len(b):
        a, b = b, a
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


def average_linkage(
    n: int,
    pairs: Sequence[tuple[int, int, float]],
    vecs: Sequence,
    threshold: float,
    entity_vecs: Sequence | None = None,
    entity_min: float = 0.0,
) -> list[list[int]]:
    """Greedy exact average-linkage merging over candidate pairs; clusters as sorted index lists.

    The mean pairwise cosine of clusters A and B is sum(A) . sum(B) / (|A| |B|), so
    it is exact for any cluster size although only neighbour pairs are candidates.
    With ``entity_vecs`` (unit vectors, empty for an article that names no one),
    two clusters also need a mean entity cosine of at least ``entity_min`` over
    the pairs of their members that both have entities.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = dict(enumerate(vecs))
    gated = entity_vecs is not None and entity_min > 0
    esums: dict[int, dict[int, float]] = dict(enumerate(entity_vecs)) if gated else {}
    # Members with entities: only their pairs count towards the entity mean.
    named: dict[int, int] = {i: int(bool(v)) for i, v in esums.items()}

    def agree(a: int, b: int) -> bool:
        if not gated or not named[a] or not named[b]:
            return True
        return _dot(esums[a], esums[b]) / (named[a] * named[b]) >= entity_min

    # Known cross-cluster similarity (sum, number of pairs) from the candidate graph.
    links: dict[int, dict[int, tuple[float, int]]] = {i: {} for i in range(n)}
    for i, j, s in pairs:
        links[i][j] = (s, 1)
        links[j][i] = (s, 1)

    # Ties broken by the smaller member index, so the result never depends on hashing.
    heap = [(-s, i, j, i, j) for i, j, s in pairs if s >= threshold and agree(i, j)]
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, _, _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        c = next_id
        next_id += 1
        members[c] = sorted(members.pop(a) + members.pop(b))
        sums[c] = _add(sums.pop(a), sums.pop(b))
        if gated:
            esums[c] = _add(esums.pop(a), esums.pop(b))
            named[c] = named.pop(a) + named.pop(b)
        la, lb = links.pop(a), links.pop(b)
        merged: dict[int, tuple[float, int]] = {}
        for d in sorted((set(la) | set(lb)) - {a, b}):
            sa, ca = la.get(d, (0.0, 0))
            sb, cb = lb.get(d, (0.0, 0))
            merged[d] = (sa + sb, ca + cb)
            links[d].pop(a, None)
            links[d].pop(b, None)
            links[d][c] = merged[d]
        links[c] = merged
        for d, (known, count) in merged.items():
            size = len(members[c]) * len(members[d])
            # Unknown pairs are below EDGE_MIN (or outside the neighbour lists):
            # skip the exact product when even that bound cannot reach the threshold.
            if (known + (size - count) * EDGE_MIN) / size < threshold:
                continue
            s = known / size if count == size else _dot(sums[c], sums[d]) / size
            if s >= threshold and agree(c, d):
                heapq.heappush(heap, (-s, min(members[c][0], members[d][0]), max(members[c][0], members[d][0]), c, d))
    return sorted(members.values(), key=lambda m: (-len(m), m[0]))


def cluster(
    articles: Sequence[Article], analyses: Sequence[Analysis], actors: ActorIndex
) -> tuple[tuple[str, ...], ...]:
    """Group article ids into topic sections, biggest first, then by first article."""
    if not articles:
        return ()
    x, ents = _blocks(articles, analyses, actors)
    pairs, vecs = _candidate_pairs(x)
    entity_vecs = _rows_as_dicts(ents) if ents is not None else None
    groups = average_linkage(len(articles), pairs, vecs, LINK_MIN, entity_vecs, ENTITY_MIN)
    return tuple(tuple(articles[i].id for i in g) for g in groups)
