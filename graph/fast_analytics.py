"""The analytics of :mod:`graph.analytics`, at 100k nodes / 1M relationships in seconds.

Same rows, same definitions, different engines: degree is a Cypher aggregation in the store
(the named query ``analytics.degree``); betweenness and communities run on igraph (C) and
partner suggestions on SciPy sparse matrices, all over :class:`graph.projection.GraphArrays`
instead of a networkx export.  Why igraph: it installs as a wheel here, has Brandes
betweenness restricted to source pivots (what networkx's ``k`` sampling computes) and
Louvain/Leiden; rustworkx has no sampled betweenness.  ``tests/test_fast_analytics.py``
checks every function against the networkx one on small graphs.
"""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import scipy.sparse as sp

from graph import analytics as nxa
from graph.analyses import ANALYSES
from graph.projection import GraphArrays, read_arrays

__all__ = ["ANALYSES", "read_arrays", "degree_centrality", "betweenness_centrality", "communities", "suggest_partners",
           "brokers_between_tracks"]

_ND = nxa._NDIGITS


def degree_centrality(store, *, top: int = 20) -> list[dict]:
    """The ``top`` nodes by degree (distinct neighbours, either direction, no self-loops),
    counted in the store; ``score`` = degree / (n - 1) with n from the store's counts, as
    ``networkx.degree_centrality`` over :func:`graph.analytics.project_undirected`.
    Isolated nodes (degree 0) are not listed."""
    from queries.library import run_named

    n = sum(store.stats()["nodes"].values())
    rows = run_named(store, "analytics.degree", {"limit": int(top)}).dicts()
    out = [{"key": f"{r['label']}:{r['id']}", "label": r["label"], "name": r["name"] or f"{r['label']}:{r['id']}",
            "score": round(r["degree"] / (n - 1), _ND) if n > 1 else 0.0, "degree": r["degree"]} for r in rows]
    out.sort(key=lambda r: (-r["score"], r["key"]))
    return out


def _igraph(A: GraphArrays, exclude_labels=()):
    import igraph as ig

    kept, u, v, w = A.undirected(exclude_labels)
    g = ig.Graph(n=len(kept), edges=list(zip(u.tolist(), v.tolist())))
    return g, kept, w


def _rows(A: GraphArrays, kept, scores, top) -> list[dict]:
    scores = np.round(np.asarray(scores, float), _ND)
    order = np.lexsort((np.arange(len(kept)), -scores))[: top if top is not None else None]
    return [{"key": A.keys[kept[i]], "label": A.labels[kept[i]], "name": _name(A, kept[i]),
             "score": float(scores[i])} for i in order]


def _name(A: GraphArrays, i) -> str:
    name = A.names[i]
    return str(name) if name not in (None, "") else str(A.keys[i])


def betweenness_centrality(A: GraphArrays, *, sample_threshold=2000, k=500, seed=42, top=None) -> list[dict]:
    """Normalised betweenness over the undirected simple projection, as
    :func:`graph.analytics.betweenness_centrality`: exact up to ``sample_threshold`` nodes,
    above it Brandes from ``k`` pivots drawn exactly as networkx draws them
    (``random.Random(seed).sample`` of the nodes in key order) and rescaled as networkx does."""
    g, kept, _ = _igraph(A)
    n = len(kept)
    if n == 0:
        return []
    sampled = n > sample_threshold
    if not sampled:
        raw = np.asarray(g.betweenness(directed=False), float) * 2  # ordered pairs, as networkx counts
        scores = raw / ((n - 1) * (n - 2)) if n > 2 else raw
    else:
        pivots = random.Random(seed).sample(range(n), min(k, n))
        raw = _pivot_dependencies(g, pivots)
        kk = len(pivots)
        scale = np.full(n, 1 / (kk * (n - 2)))
        scale[pivots] = 1 / ((kk - 1) * (n - 2)) if kk > 1 else np.nan
        scores = raw * scale
    rows = _rows(A, kept, scores, top)
    for r in rows:
        r["sampled"] = sampled
    return rows


def _pivot_dependencies(g, pivots) -> np.ndarray:
    """Sum over the pivots s of Brandes' dependency δ_s(v) (every target)."""
    return np.asarray(g.betweenness(directed=False, sources=pivots), float) * _SUBSET_FACTOR


_SUBSET_FACTOR = 2.0  # igraph halves undirected subset betweenness; networkx sums δ_s over each pivot


def communities(A: GraphArrays, *, seed=42, exclude_hubs=True, resolution=1.0, lang="zh", members=None) -> list[dict]:
    """Communities of the undirected weighted projection (hubs left out), rows as
    :func:`graph.analytics.communities`, found by igraph's Leiden with the modularity
    objective (two iterations; Python's ``random`` seeded with ``seed``).  Leiden's
    communities are connected and its modularity at least Louvain's on the graphs tested.
    ``members``: keep only the first so many member keys per row (None = all)."""
    import igraph as ig

    nxa._check_lang(lang)
    g, kept, w = _igraph(A, nxa.hub_labels() if exclude_hubs else ())
    if len(kept) == 0:
        return []
    random.seed(seed)
    ig.set_random_number_generator(random)
    part = g.community_leiden(objective_function="modularity", weights=w.tolist(), resolution=resolution,
                              n_iterations=2)
    membership = np.asarray(part.membership)
    degree = np.asarray(g.degree())
    order = np.lexsort((np.arange(len(kept)), -degree, membership))  # by community, degree desc, key
    groups = np.split(order, np.flatnonzero(np.diff(membership[order])) + 1)
    groups.sort(key=lambda m: (-len(m), int(m.min())))
    return [_community_row(A, kept, i, m, lang, members) for i, m in enumerate(groups)]


def _community_row(A, kept, i, m, lang, members) -> dict:
    from collections import Counter

    from graph import model

    rank = {lab: j for j, lab in enumerate(model.labels())}
    counts = Counter(A.labels[kept[m]])
    by_count = sorted(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))
    top = [_name(A, kept[j]) for j in m[: nxa._EXPLAIN_MAX]]
    summaries = {
        "zh": f"核心：{'、'.join(top)}；构成：" + "、".join(f"{nxa._type_name(lab, 'zh')} {c}" for lab, c in by_count),
        "en": f"core: {', '.join(top)}; made of: " + ", ".join(f"{c} {nxa._type_name(lab, 'en')}" for lab, c in by_count),
    }
    return {"community": i, "size": len(m), "members": [A.keys[kept[j]] for j in m[:members]],
            "top_members": top, "labels": dict(by_count), "summary": summaries[lang], "summaries": summaries}


_METHODS = {"adamic_adar": lambda d: np.where(d > 1, 1 / np.log(np.maximum(d, 2)), 0.0),
            "resource_allocation": lambda d: np.where(d > 0, 1 / np.maximum(d, 1), 0.0)}


def _membership(A: GraphArrays, kept) -> tuple[sp.csr_matrix, np.ndarray]:
    """``(M, tracks)``: entity × track incidence (entities of the projection ``kept``, linked
    by a TRACK_RELS relationship), and the tracks' indices in ``A``."""
    new = np.full(A.n, -1, np.int64)
    new[kept] = np.arange(len(kept))
    is_track = A.labels == "Track"
    t = np.isin(A.rel_type, list(nxa.TRACK_RELS)) & (A.src != A.dst)
    s, d = A.src[t], A.dst[t]
    fwd = is_track[d] & ~is_track[s]
    bwd = is_track[s] & ~is_track[d]
    member = np.concatenate([s[fwd], d[bwd]])
    track = np.concatenate([d[fwd], s[bwd]])
    ok = new[member] >= 0
    tracks, col = np.unique(track[ok], return_inverse=True)
    M = sp.csr_matrix((np.ones(ok.sum()), (new[member[ok]], col)), shape=(len(kept), len(tracks)))
    M.data[:] = 1.0  # duplicates summed by the constructor count once
    return M, tracks


def _kind_scores(Adj, wP, M, wB, labels, la, lb, track_weight):
    """Candidate pairs (a, b) of one kind with their scores, as index arrays."""
    Ia, Ib = np.flatnonzero(labels == la), np.flatnonzero(labels == lb)
    S = Adj[Ia] @ sp.diags(wP) @ Adj[:, Ib]
    if track_weight and M.shape[1]:
        S = S + track_weight * (M[Ia] @ sp.diags(wB) @ M[Ib].T)
    S = sp.csr_matrix(S)
    S = (S - S.multiply(Adj[Ia][:, Ib])).tocoo()  # pairs already linked are not suggested
    S.eliminate_zeros()
    a, b, score = Ia[S.row], Ib[S.col], S.data
    keep = (a != b) & ((la != lb) | (a < b))
    return a[keep], b[keep], score[keep]


def _top(a, b, score, top):
    """Indices of the ``top`` rows by (-score, a, b), without sorting every candidate."""
    if top is not None and len(score) > top:
        cut = np.partition(score, len(score) - top)[len(score) - top]
        idx = np.flatnonzero(score >= cut)
    else:
        idx = np.arange(len(score))
    return idx[np.lexsort((b[idx], a[idx], -score[idx]))][: top if top is not None else None]


def suggest_partners(A: GraphArrays, *, kinds=nxa._DEFAULT_KINDS, top=20, method="adamic_adar",
                     track_weight=0.5, lang="zh") -> list[dict]:
    """Partner suggestions as :func:`graph.analytics.suggest_partners` (same score, rows and
    order), computed as sparse products: the Adamic–Adar score of every pair of kinds
    ``(la, lb)`` at once is ``A[la] · diag(1/log deg) · A[:, lb]`` over the projection
    without hubs, plus ``track_weight`` times the same over the entity × track incidence."""
    nxa._check_lang(lang)
    if method not in _METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {sorted(_METHODS)}")
    if track_weight < 0:
        raise ValueError(f"track_weight must be >= 0, not {track_weight}")
    hubs = nxa.hub_labels()
    kinds = tuple(dict.fromkeys(tuple(k) for k in kinds))  # kinds differ, so their pairs do too
    for kind in kinds:
        if len(kind) != 2 or any(lab in hubs for lab in kind):
            raise ValueError(f"each kind must be a pair of non-hub labels, not {kind!r}")
    kept, u, v, _ = A.undirected(hubs)
    k = len(kept)
    Adj = sp.csr_matrix((np.ones(2 * len(u)), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(k, k))
    degP = np.asarray(Adj.sum(axis=1)).ravel()
    M, tracks = _membership(A, kept)
    degB = np.asarray(M.sum(axis=0)).ravel()
    weigh = _METHODS[method]
    labels = A.labels[kept]
    parts = [_kind_scores(Adj, weigh(degP), M, weigh(degB), labels, la, lb, track_weight) for la, lb in kinds]
    a, b, score = (np.concatenate(x) for x in zip(*parts)) if parts else (np.array([], int),) * 3
    score = np.round(score, _ND)
    pos = score > 0
    a, b, score = a[pos], b[pos], score[pos]
    order = _top(a, b, score, top)
    ctx = (A, kept, Adj, degP, M, degB, tracks)
    return [_partner_row(ctx, int(a[i]), int(b[i]), float(score[i]), lang) for i in order]


def _partner_row(ctx, a: int, b: int, score: float, lang: str) -> dict:
    A, kept, Adj, degP, M, degB, tracks = ctx
    shared = np.intersect1d(Adj[a].indices, Adj[b].indices)
    shared = shared[np.lexsort((shared, degP[shared]))]
    st = np.intersect1d(M[a].indices, M[b].indices)
    st = st[np.lexsort((tracks[st], degB[st]))]
    shared_names = [_name(A, kept[w]) for w in shared]
    track_names = [_name(A, tracks[t]) for t in st]
    explanations = {la: _explain_partners(shared_names, track_names, la) for la in ("zh", "en")}
    ka, kb = kept[a], kept[b]
    return {"a": A.keys[ka], "a_label": A.labels[ka], "a_name": _name(A, ka), "b": A.keys[kb],
            "b_label": A.labels[kb], "b_name": _name(A, kb), "score": score,
            "shared": [A.keys[kept[w]] for w in shared], "shared_tracks": [A.keys[tracks[t]] for t in st],
            "explanation": explanations[lang], "explanations": explanations}


def _explain_partners(shared_names, track_names, lang) -> str:
    if lang == "zh":
        parts = ["共同关联：" + nxa._join_names(shared_names, lang)] if shared_names else []
        parts += ["同属赛道：" + nxa._join_names(track_names, lang)] if track_names else []
        return "；".join(parts)
    parts = ["both connect to " + nxa._join_names(shared_names, lang)] if shared_names else []
    parts += ["both in track " + nxa._join_names(track_names, lang)] if track_names else []
    return "; ".join(parts)


def _explain_brokers(pair_names, lang):
    sep = "—" if lang == "zh" else "–"
    shown = [f"{a}{sep}{c}" for a, c in pair_names]
    if lang == "zh":
        return f"联通 {len(pair_names)} 对赛道：{nxa._join_names(shown, lang)}"
    return f"bridges {len(pair_names)} track pair(s): {nxa._join_names(shown, lang)}"


def _track_maps(A: GraphArrays):
    """``(member_of, ancestors)`` as :func:`graph.analytics._track_membership` and
    ``_track_ancestors``, over node indices."""
    is_track = A.labels == "Track"
    member_of: dict = defaultdict(set)
    parents: dict = defaultdict(set)
    for s, d, t in zip(A.src.tolist(), A.dst.tolist(), A.rel_type.tolist()):
        if s == d:
            continue
        if t in nxa.TRACK_RELS and is_track[s] != is_track[d]:
            member_of[s if is_track[d] else d].add(d if is_track[d] else s)
        elif t == "PART_OF" and is_track[s] and is_track[d]:
            parents[s].add(d)
    return member_of, nxa.transitive_parents(parents)


def brokers_between_tracks(A: GraphArrays, *, top=20, lang="zh") -> list[dict]:
    """Brokers between tracks as :func:`graph.analytics.brokers_between_tracks` (same
    definition, rows and order), over the arrays; each row also carries ``explanations``
    in both languages."""
    nxa._check_lang(lang)
    member_of, ancestors = _track_maps(A)
    kept, u, v, _ = A.undirected(nxa.hub_labels())
    k = len(kept)
    Adj = sp.csr_matrix((np.ones(2 * len(u)), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(k, k))
    has = np.zeros(k, bool)
    has[[i for i, g in enumerate(kept) if g in member_of]] = True
    def tracks_around(b) -> dict:  # track -> the entities of b's closed neighbourhood in it
        nb = Adj.indices[Adj.indptr[b]:Adj.indptr[b + 1]]
        by_track: dict = defaultdict(set)
        for x in ([b] if has[b] else []) + nb[has[nb]].tolist():
            for t in member_of[kept[x]]:
                by_track[t].add(x)
        return by_track

    scores = [(_bridged_count(tracks_around(b), ancestors), b) for b in range(k)]
    best = sorted(((-c, b) for c, b in scores if c), key=lambda r: r)[:top]
    return [_broker_row(A, kept, b, _bridged(tr, ancestors), tr, lang)
            for b, tr in ((b, tracks_around(b)) for _, b in best)]


def _bridged(by_track, ancestors) -> list[tuple]:
    """The track pairs a broker bridges (graph.analytics.brokers_between_tracks' rule)."""
    from itertools import combinations

    return [(s, t) for s, t in combinations(sorted(by_track), 2)
            if s not in ancestors.get(t, ()) and t not in ancestors.get(s, ())
            and not (len(by_track[s]) == 1 and by_track[s] == by_track[t])]


def _bridged_count(by_track, ancestors) -> int:
    """``len(_bridged(...))`` without listing the pairs: all pairs, less those where one
    track is above the other, less those whose only entity is one and the same."""
    related = {(min(a, t), max(a, t)) for t in by_track for a in ancestors.get(t, ()) if a in by_track and a != t}
    single = {t: next(iter(xs)) for t, xs in by_track.items() if len(xs) == 1}
    per_entity: dict = defaultdict(int)
    for x in single.values():
        per_entity[x] += 1
    same = sum(c * (c - 1) // 2 for c in per_entity.values())
    both = sum(1 for s, t in related if s in single and t in single and single[s] == single[t])
    n = len(by_track)
    if n < 2:
        return 0
    return n * (n - 1) // 2 - len(related) - (same - both)


def _broker_row(A, kept, b, pairs, by_track, lang) -> dict:
    involved = sorted({t for p in pairs for t in p})
    pair_names = [(_name(A, s), _name(A, t)) for s, t in pairs]
    g = kept[b]
    return {"key": A.keys[g], "label": A.labels[g], "name": _name(A, g), "score": len(pairs),
            "tracks": [_name(A, t) for t in involved], "pairs": pair_names,
            "via": {_name(A, t): sorted(_name(A, kept[x]) for x in by_track[t]) for t in involved},
            "explanation": _explain_brokers(pair_names, lang),
            "explanations": {la: _explain_brokers(pair_names, la) for la in ("zh", "en")}}
