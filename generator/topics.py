"""Group articles into topic sections by content.

Each article becomes one sparse vector built from two TF-IDF blocks:

* content words and adjacent content-word pairs of the title (counted twice),
  standfirst and body, stemmed so that "Ukraine"/"Ukrainian" and
  "Zelensky"/"Zelenskiy" meet;
* its named entities (places, groups, organisations, people, events from the
  analyses) and its main actor ids from the actor stage.

The entity block carries ``ENTITY_WEIGHT`` of the squared norm. The IDF makes a
name shared by many stories (an envoy who works on several conflicts, a city
that hosts several meetings) weigh less than the names only one story has, which
is what keeps a hard negative out.

Articles are then merged by exact average linkage (UPGMA): the mean pairwise
cosine of two clusters is ``sum(A) . sum(B) / (|A| |B|)``, computed from the
clusters' summed vectors, and two clusters merge while the best pair's mean is
at least ``LINK_MIN``. Candidate pairs come from a sparse neighbour graph: the
exact sparse product when there are at most ``EXACT_MAX`` articles, else the
``NEIGHBOURS`` nearest neighbours in an LSA space (TruncatedSVD with a fixed
random_state). Nothing dense is n x n beyond ``EXACT_MAX`` articles.

Thresholds, chosen on tests/fixtures/stories (see generator/evaluation/stories.py):

* ``LINK_MIN = 0.10``: same-story pairs from different outlets score 0.10-0.35
  on average linkage, the envoy hard negative 0.04-0.08, unrelated stories < 0.03.
* ``ENTITY_WEIGHT = 0.35``: share of the entity block in the combined vector.
* ``EDGE_MIN = 0.03``: pairs below this never become candidates.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from generator.model import ActorIndex, Analysis, Article
from generator.segment import content_words, stem

LINK_MIN = 0.10
ENTITY_WEIGHT = 0.35
EDGE_MIN = 0.03
EXACT_MAX = 3000
NEIGHBOURS = 20
LSA_COMPONENTS = 200
RANDOM_STATE = 0

_ENTITY_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC", "ORG", "PERSON", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})


def article_terms(article: Article) -> list[str]:
    """Content-word stems and adjacent pairs of an article, the title counted twice."""
    terms: list[str] = []
    for text, times in ((article.title or "", 2), (" ".join(article.standfirst), 1), (article.body, 1)):
        words = content_words(text)
        pairs = [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]
        terms.extend((words + pairs) * times)
    return terms


def entity_terms(analysis: Analysis | None, actor_ids: Sequence[str]) -> list[str]:
    """Entity tokens of an article: stemmed names of its named mentions and its main actors."""
    terms: list[str] = []
    if analysis is not None:
        for m in analysis.mentions:
            if m.label not in _ENTITY_LABELS:
                continue
            words = [stem(w) for w in content_words(m.name)] or [m.name.lower()]
            terms.append("e:" + "_".join(words))
    terms.extend(f"a:{a}" for a in actor_ids)
    return terms


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def vectors(
    articles: Sequence[Article], analyses: Sequence[Analysis], actors: ActorIndex
) -> sp.csr_matrix:
    """Row-normalised sparse vectors (word block + entity block) of the articles."""
    by_id = {a.article_id: a for a in analyses}
    words = [article_terms(a) for a in articles]
    ents = [entity_terms(by_id.get(a.id), actors.by_article.get(a.id, ())) for a in articles]
    blocks = []
    for docs, weight in ((words, 1.0 - ENTITY_WEIGHT), (ents, ENTITY_WEIGHT)):
        if not any(docs):
            continue
        vec = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2", dtype=np.float64)
        blocks.append(vec.fit_transform(docs) * np.sqrt(weight))
    if not blocks:
        return sp.csr_matrix((len(articles), 1))
    return normalize(sp.hstack(blocks).tocsr())


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
        sims = (x @ x.T).tocoo()
        pairs = _top_pairs(sims.row.astype(np.int64), sims.col.astype(np.int64), sims.data, n)
        vecs = [dict(zip(x.indices[x.indptr[i] : x.indptr[i + 1]].tolist(), x.data[x.indptr[i] : x.indptr[i + 1]].tolist(), strict=True)) for i in range(n)]
        return pairs, vecs
    k = min(LSA_COMPONENTS, x.shape[1] - 1, n - 1)
    z = normalize(TruncatedSVD(n_components=k, random_state=RANDOM_STATE).fit_transform(x))
    nn = NearestNeighbors(n_neighbors=min(NEIGHBOURS + 1, n), metric="cosine", algorithm="brute")
    dist, idx = nn.fit(z).kneighbors(z)
    rows = np.repeat(np.arange(n), idx.shape[1])
    pairs = _top_pairs(rows, idx.ravel().astype(np.int64), 1.0 - dist.ravel(), n)
    return pairs, list(z)


def _dot(a, b) -> float:
    if isinstance(a, dict):
        if len(a) > len(b):
            a, b = b, a
        get = b.get
        return sum(v * get(k, 0.0) for k, v in a.items())
    return float(np.dot(a, b))


def _add(a, b):
    if isinstance(a, dict):
        out = dict(a)
        for k, v in b.items():
            out[k] = out.get(k, 0.0) + v
        return out
    return a + b


def average_linkage(n: int, pairs: Sequence[tuple[int, int, float]], vecs: Sequence, threshold: float) -> list[list[int]]:
    """Greedy exact average-linkage merging over candidate pairs; clusters as sorted index lists.

    The mean pairwise cosine of clusters A and B is sum(A) . sum(B) / (|A| |B|), so
    it is exact for any cluster size although only neighbour pairs are candidates.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, object] = dict(enumerate(vecs))
    neighbours: dict[int, set[int]] = {i: set() for i in range(n)}
    for i, j, _ in pairs:
        neighbours[i].add(j)
        neighbours[j].add(i)

    def mean_sim(a: int, b: int) -> float:
        return _dot(sums[a], sums[b]) / (len(members[a]) * len(members[b]))

    # Ties broken by the smaller member index, so the result never depends on hashing.
    heap = [(-s, min(members[i]), min(members[j]), i, j) for i, j, s in pairs]
    heapq.heapify(heap)
    next_id = n
    while heap:
        neg, _, _, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        if -neg < threshold:
            break
        c = next_id
        next_id += 1
        members[c] = sorted(members.pop(a) + members.pop(b))
        sums[c] = _add(sums.pop(a), sums.pop(b))
        neighbours[c] = (neighbours.pop(a) | neighbours.pop(b)) - {a, b}
        for d in sorted(neighbours[c]):
            neighbours[d].discard(a)
            neighbours[d].discard(b)
            neighbours[d].add(c)
            s = mean_sim(d, c)
            if s >= threshold:
                heapq.heappush(heap, (-s, min(members[d][0], members[c][0]), max(members[d][0], members[c][0]), d, c))
    return sorted(members.values(), key=lambda m: (-len(m), m[0]))


def cluster(
    articles: Sequence[Article], analyses: Sequence[Analysis], actors: ActorIndex
) -> tuple[tuple[str, ...], ...]:
    """Group article ids into topic sections, biggest first, then by first article."""
    if not articles:
        return ()
    x = vectors(articles, analyses, actors)
    pairs, vecs = _candidate_pairs(x)
    groups = average_linkage(len(articles), pairs, vecs, LINK_MIN)
    return tuple(tuple(articles[i].id for i in g) for g in groups)
