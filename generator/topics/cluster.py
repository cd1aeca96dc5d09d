"""Topic clustering: articles about one story become one section.

Each article is a sparse vector of two TF-IDF blocks: its content words (title words and
word pairs counted twice) and its actors (merged actor ids, raw counts, so the sides of a
story that are named throughout outweigh a mediator named once). Articles merge by exact
average linkage (UPGMA) over a sparse neighbour graph: the mean pairwise cosine of clusters A
and B is sum(A) . sum(B) / (|A| |B|), so it is exact for any size although only neighbour
pairs are candidates. Two clusters also need a mean cosine of their actor blocks of at least
`entity_min`: another story with the same mediator and venue shares words but not its cast,
and stays apart. Neighbours come from exact cosines computed in blocks of rows up to
`exact_max` articles, else from an LSA space (TruncatedSVD) re-scored exactly; nothing is
dense n x n, and ties break by article index, so the result never depends on hashing.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import normalize

from generator import resources
from generator.clean.cohesion import bag
from generator.model import Analysis, Article, ArticleActors
from generator.settings import TopicSettings

CHUNK = 1000
MAX_DF = 0.5
PRUNE_FROM = 200
"""From this many articles on, terms of one article and terms in over MAX_DF of them are dropped."""
NEIGHBOUR_BLOCK_MB = 64
"""Memory for one block of the LSA neighbour search's distances."""
PAIR_CHUNK = 20_000
"""Candidate pairs whose exact cosine is computed together."""
LSA_COMPONENTS = 100
LSA_ITERATIONS = 2
RANDOM_STATE = 0


def article_terms(article: Article, analysis: Analysis) -> list[str]:
    """Content-word stems of an article; the title's words and word pairs count twice."""
    title_words = list(bag(article.title or ""))
    pairs = [f"{a}_{b}" for a, b in zip(title_words, title_words[1:])]
    body = [term for term, count in analysis.terms for _ in range(count)]
    return (title_words + pairs) * 2 + body


def _count_matrix(docs: Sequence[list[str]], prune: bool) -> sp.csr_matrix:
    """Term counts as a sparse matrix, columns in order of first appearance.

    With ``prune``, terms of a single article (they cannot link two articles) and
    terms in over MAX_DF of the articles (they link everything) are dropped first;
    in a large set both only cost time.
    """
    counted = [Counter(d) for d in docs]
    if prune:
        df: Counter[str] = Counter()
        for terms in counted:
            df.update(terms.keys())
        high = MAX_DF * len(docs)
        keep = {t for t, c in df.items() if 2 <= c <= high}
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for terms in counted:
        for term, count in terms.items():
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


def _top_pairs(rows: np.ndarray, cols: np.ndarray, sims: np.ndarray, n: int, settings: TopicSettings) -> list[tuple[int, int, float]]:
    """Keep pairs above settings.edge_min among each article's settings.neighbours best; (i < j, sim), sorted."""
    keep = (rows != cols) & (sims >= settings.edge_min)
    rows, cols, sims = rows[keep], cols[keep], sims[keep]
    # Best first per row, ties by column, then at most settings.neighbours per row.
    order = np.lexsort((cols, -sims, rows))
    rows, cols, sims = rows[order], cols[order], sims[order]
    starts = np.searchsorted(rows, np.arange(n))
    rank = np.arange(len(rows)) - starts[rows]
    top = rank < settings.neighbours
    a = np.minimum(rows[top], cols[top])
    b = np.maximum(rows[top], cols[top])
    best: dict[tuple[int, int], float] = {}
    for i, j, v in zip(a.tolist(), b.tolist(), sims[top].tolist(), strict=True):
        if v > best.get((i, j), -1.0):
            best[(i, j)] = v
    return sorted((i, j, v) for (i, j), v in best.items())


def _candidate_pairs(x: sp.csr_matrix, settings: TopicSettings) -> tuple[list[tuple[int, int, float]], list]:
    """Sparse neighbour graph (i < j, similarity) and per-article vectors for linkage."""
    n = x.shape[0]
    if n <= settings.exact_max or x.shape[1] < 3:
        # Exact cosines, a block of rows at a time: never more than CHUNK x n dense.
        xt = x.T.tocsc()
        rows_all, cols_all, sims_all = [], [], []
        for lo in range(0, n, CHUNK):
            block = (x[lo : lo + CHUNK] @ xt).toarray()
            k = min(settings.neighbours + 1, n)
            idx = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (len(block), 1))
            vals = np.take_along_axis(block, idx, axis=1)
            rows_all.append(np.repeat(np.arange(lo, lo + len(block)), idx.shape[1]))
            cols_all.append(idx.ravel())
            sims_all.append(vals.ravel())
        pairs = _top_pairs(
            np.concatenate(rows_all).astype(np.int64), np.concatenate(cols_all).astype(np.int64), np.concatenate(sims_all), n, settings
        )
        return pairs, _rows_as_dicts(x)
    k = min(LSA_COMPONENTS, x.shape[1] - 1, n - 1)
    z = normalize(TruncatedSVD(n_components=k, n_iter=LSA_ITERATIONS, random_state=RANDOM_STATE).fit_transform(x))
    nn = NearestNeighbors(n_neighbors=min(settings.neighbours + 1, n), metric="cosine", algorithm="brute")
    # scikit-learn computes the distances in row blocks of up to `working_memory` MB (1 GB by
    # default): a small block gives the same neighbours without the peak.
    with sklearn.config_context(working_memory=NEIGHBOUR_BLOCK_MB):
        _, idx = nn.fit(z).kneighbors(z)
    # LSA only proposes the neighbours; their similarity is the exact TF-IDF cosine.
    rows = np.repeat(np.arange(n), idx.shape[1])
    cols = idx.ravel().astype(np.int64)
    exact = _pair_cosines(x, rows, cols)
    pairs = _top_pairs(rows, cols, exact, n, settings)
    return pairs, _rows_as_dicts(x)


def _pair_cosines(x: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The cosine of each pair (rows[k], cols[k]) of unit rows, PAIR_CHUNK pairs at a time: the
    rows copied out for all pairs at once would take neighbours x the matrix's memory."""
    parts = [
        np.asarray(x[rows[lo : lo + PAIR_CHUNK]].multiply(x[cols[lo : lo + PAIR_CHUNK]]).sum(axis=1)).ravel()
        for lo in range(0, len(rows), PAIR_CHUNK)
    ]
    return np.concatenate(parts) if parts else np.zeros(0)


def _rows_as_dicts(x: sp.csr_matrix) -> list[dict[int, float]]:
    return [
        dict(zip(x.indices[x.indptr[i] : x.indptr[i + 1]].tolist(), x.data[x.indptr[i] : x.indptr[i + 1]].tolist(), strict=True))
        for i in range(x.shape[0])
    ]


def _dot(a: dict[int, float], b: dict[int, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


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
    settings: TopicSettings,
    entity_vecs: Sequence | None = None,
) -> list[list[int]]:
    """Greedy exact average-linkage merging over candidate pairs; clusters as sorted index lists.

    The mean pairwise cosine of clusters A and B is sum(A) . sum(B) / (|A| |B|), so
    it is exact for any cluster size although only neighbour pairs are candidates.
    With ``entity_vecs`` (unit vectors, empty for an article that names no one),
    two clusters also need a mean entity cosine of at least ``entity_min`` over
    the pairs of their members that both have entities. (One function: the heap, the cluster
    sums and the link table change together at every merge.)
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = dict(enumerate(vecs))
    threshold, entity_min = settings.link_min, settings.entity_min
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
            # Unknown pairs are below settings.edge_min (or outside the neighbour lists):
            # skip the exact product when even that bound cannot reach the threshold.
            if (known + (size - count) * settings.edge_min) / size < threshold:
                continue
            s = known / size if count == size else _dot(sums[c], sums[d]) / size
            if s >= threshold and agree(c, d):
                heapq.heappush(heap, (-s, min(members[c][0], members[d][0]), max(members[c][0], members[d][0]), c, d))
    return sorted(members.values(), key=lambda m: (-len(m), m[0]))


def nationality_terms(analysis: Analysis) -> list[str]:
    """'Greek', 'Ukrainians': nationality words count for their country in the actor block
    (they are context, not actors, but they say where a story is)."""
    table = resources.data("demonyms")
    # religions and political groups map to no country ("")
    return [f"c:{table[m.name]}" for m in analysis.mentions if m.label == "NORP" and table.get(m.name)]


def cluster(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    actors: Sequence[ArticleActors],
    settings: TopicSettings,
) -> tuple[tuple[int, ...], ...]:
    """Topic sections as tuples of article positions, biggest first, then by first article."""
    if not articles:
        return ()
    prune = len(articles) >= PRUNE_FROM
    words = _tfidf([article_terms(a, x) for a, x in zip(articles, analyses)], prune, sublinear=True)
    entity_docs = [
        [f"a:{actor}" for actor, count in zip(entry.main, entry.mentions) for _ in range(count)] + nationality_terms(analysis)
        for entry, analysis in zip(actors, analyses)
    ]
    entities = _tfidf(entity_docs, prune, sublinear=False)
    blocks = [b * np.sqrt(w) for b, w in ((words, 1.0 - settings.entity_weight), (entities, settings.entity_weight)) if b is not None]
    if not blocks:
        return tuple((i,) for i in range(len(articles)))
    x = normalize(sp.hstack(blocks).tocsr())
    pairs, vecs = _candidate_pairs(x, settings)
    entity_vecs = _rows_as_dicts(entities) if entities is not None else None
    groups = average_linkage(len(articles), pairs, vecs, settings, entity_vecs)
    sizes = [sum(len(p.split()) for p in a.paragraphs) for a in articles]
    groups = attach_short(groups, pairs, vecs, entity_vecs, sizes, settings)
    return tuple(tuple(group) for group in sorted(groups, key=lambda m: (-len(m), m[0])))


def attach_short(
    groups: list[list[int]],
    pairs: Sequence[tuple[int, int, float]],
    vecs: Sequence[dict[int, float]],
    entity_vecs: Sequence[dict[int, float]] | None,
    sizes: Sequence[int],
    settings: TopicSettings,
) -> list[list[int]]:
    """Sections made only of short texts (a roundup item, a headline with a line of text) join
    the section they match best, when that match is close enough and their actors agree.

    Average linkage holds a short text apart: it shares few words with each long report of
    its story. Here each member counts its best match among the other section's articles.
    """
    section_of = {i: g for g, members in enumerate(groups) for i in members}
    best: dict[int, dict[int, float]] = {}
    for i, j, similarity in pairs:
        for a, b in ((i, j), (j, i)):
            target = section_of[b]
            if target != section_of[a]:
                best.setdefault(a, {})[target] = max(best.get(a, {}).get(target, 0.0), similarity)
    moved = {}
    for g, members in enumerate(groups):
        if sum(sizes[i] for i in members) > settings.short_words:
            continue
        scores: dict[int, float] = {}
        for target in {t for i in members for t in best.get(i, {})}:
            if sum(sizes[i] for i in groups[target]) <= settings.short_words:
                continue
            scores[target] = sum(best.get(i, {}).get(target, 0.0) for i in members) / len(members)
        if not scores:
            continue
        target = max(sorted(scores), key=lambda t: scores[t])
        if scores[target] >= settings.attach_min and _actors_agree(members, groups[target], entity_vecs, settings):
            moved[g] = target
    merged = [list(members) for members in groups]
    for g, target in moved.items():
        merged[target] = sorted(merged[target] + merged[g])
        merged[g] = []
    return [members for members in merged if members]


def _actors_agree(a: Sequence[int], b: Sequence[int], entity_vecs, settings: TopicSettings) -> bool:
    """Mean cosine of the actor blocks of two sets of articles (over articles that name anyone)."""
    if entity_vecs is None:
        return True
    left = [entity_vecs[i] for i in a if entity_vecs[i]]
    right = [entity_vecs[i] for i in b if entity_vecs[i]]
    if not left or not right:
        return True
    total = sum(_dot(x, y) for x in left for y in right)
    return total / (len(left) * len(right)) >= settings.entity_min


def lone_headlines(groups: Sequence[Sequence[int]], articles: Sequence[Article]) -> set[int]:
    """Positions of headline-only articles that no full article's section takes in: a headline
    alone tells no story the digest can show."""
    lone = set()
    for group in groups:
        if all(articles[i].headline_only for i in group):
            lone.update(group)
    return lone
