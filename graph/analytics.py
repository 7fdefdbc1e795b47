"""Network analytics over the exported graph: centrality, communities, track brokers, partner suggestions.

Every function takes the graph a store exports (a ``networkx.MultiDiGraph`` whose node key is
``"<label>:<id>"``, with node attributes ``label``, ``id``, ``name`` … and edge key = relationship
type) as its first argument ``G`` and returns a list of plain dict rows, ready for a table.

All results are deterministic: nodes are projected in key order, randomised algorithms are
seeded, scores are rounded to 12 decimal places before sorting, and ties are broken by key.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

import networkx as nx

from graph import model

__all__ = [
    "TRACK_RELS",
    "LINK_PREDICTION_METHODS",
    "hub_labels",
    "project_undirected",
    "degree_centrality",
    "betweenness_centrality",
    "communities",
    "brokers_between_tracks",
    "suggest_partners",
]

#: Relationship types that place an entity in a Track.
TRACK_RELS = frozenset({"IN_TRACK", "SERVES", "FOCUSES_ON"})

#: Link-prediction scores accepted by :func:`suggest_partners`.
LINK_PREDICTION_METHODS = {
    "adamic_adar": nx.adamic_adar_index,
    "jaccard": nx.jaccard_coefficient,
    "resource_allocation": nx.resource_allocation_index,
}

_DEFAULT_KINDS = (("College", "Firm"), ("Platform", "Park"), ("University", "Firm"), ("Platform", "Firm"))
_NDIGITS = 12  # rounding before sorting makes float ties independent of summation order
_EXPLAIN_MAX = 5  # names listed in an explanation before "…等"


# --------------------------------------------------------------------------- helpers


def hub_labels() -> frozenset[str]:
    """Labels of the model's hub types (:func:`graph.model.hub_labels`), as a set.

    Returns
    -------
    labels : frozenset of str
        The labels the projections leave out by default: tracks, regions, tiers and texts.

    Examples
    --------
    >>> "Track" in hub_labels(), "Firm" in hub_labels()
    (True, False)
    """
    return frozenset(model.hub_labels())


def _label(G, n) -> str:
    d = G.nodes[n]
    return d.get("label") or str(n).partition(":")[0]


def _name(G, n) -> str:
    d = G.nodes[n]
    name = d.get("name")
    return str(name) if name not in (None, "") else str(n)


def _type_name(label: str, lang: str) -> str:
    try:
        nt = model.node_type(label)
    except KeyError:
        return label
    return nt.zh if lang == "zh" else nt.en


def _iter_edges(G):
    """Yield ``(u, v, rel_type)`` for every edge of ``G``, multigraph or not."""
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            yield u, v, d.get("type") or k
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, d.get("type")


def _row(G, n, score) -> dict:
    return {"key": n, "label": _label(G, n), "name": _name(G, n), "score": score}


def _check_lang(lang: str) -> None:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")


def _label_filter(labels):
    if labels is None:
        return None
    if isinstance(labels, str):
        return {labels}
    return set(labels)


def _join_names(names: list[str], lang: str, limit: int = _EXPLAIN_MAX) -> str:
    shown = names[:limit]
    more = len(names) - len(shown)
    if lang == "zh":
        return "、".join(shown) + (f"等 {len(names)} 个" if more > 0 else "")
    if more > 0:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _track_membership(G) -> dict:
    """Map each non-Track node to the set of Track nodes it is linked to by a TRACK_RELS edge."""
    member_of: dict = defaultdict(set)
    for u, v, t in _iter_edges(G):
        if t not in TRACK_RELS or u == v:
            continue
        lu, lv = _label(G, u), _label(G, v)
        if lv == "Track" and lu != "Track":
            member_of[u].add(v)
        elif lu == "Track" and lv != "Track":
            member_of[v].add(u)
    return member_of


def _track_ancestors(G) -> dict:
    """Map each Track node to the set of Tracks above it along PART_OF edges (transitively)."""
    parents: dict = defaultdict(set)
    for u, v, t in _iter_edges(G):
        if t == "PART_OF" and u != v and _label(G, u) == "Track" and _label(G, v) == "Track":
            parents[u].add(v)
    return transitive_parents(parents)


def transitive_parents(parents: dict) -> dict:
    """Map each node of ``parents`` (node -> set of parents) to all its ancestors."""
    ancestors: dict = {}
    for start in parents:
        seen: set = set()
        stack = list(parents[start])
        while stack:
            p = stack.pop()
            if p not in seen:
                seen.add(p)
                stack.extend(parents.get(p, ()))
        ancestors[start] = seen
    return ancestors


# --------------------------------------------------------------------------- projection


def project_undirected(G, *, exclude_labels=()) -> nx.Graph:
    """Undirected simple projection of ``G``, optionally without some node types.

    Parameters
    ----------
    G : networkx graph
        The exported graph (normally a ``MultiDiGraph``).
    exclude_labels : iterable of str, optional (default = ())
        Node labels to leave out, together with all their edges.

    Returns
    -------
    P : networkx.Graph
        One node per kept node of ``G`` (same key, a shallow copy of its attributes), added in
        key order so that order-dependent algorithms are reproducible.  One edge per pair of
        distinct kept nodes joined by at least one relationship in either direction, with
        ``weight`` = the number of such relationships and ``types`` = the sorted tuple of their
        relationship types.  Self-loops are dropped.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("Firm:a", "Park:p", key="LOCATED_IN", type="LOCATED_IN")
    'LOCATED_IN'
    >>> G.add_edge("Park:p", "Firm:a", key="OPENS", type="OPENS")
    'OPENS'
    >>> P = project_undirected(G)
    >>> P["Firm:a"]["Park:p"]["weight"], P["Firm:a"]["Park:p"]["types"]
    (2, ('LOCATED_IN', 'OPENS'))
    """
    excluded = set(exclude_labels)
    P = nx.Graph()
    kept = sorted((n for n in G if _label(G, n) not in excluded), key=str)
    P.add_nodes_from((n, dict(G.nodes[n])) for n in kept)
    weight: Counter = Counter()
    types: dict = defaultdict(set)
    for u, v, t in _iter_edges(G):
        if u == v or u not in P or v not in P:
            continue
        pair = (u, v) if str(u) <= str(v) else (v, u)
        weight[pair] += 1
        if t is not None:
            types[pair].add(t)
    for pair in sorted(weight, key=lambda p: (str(p[0]), str(p[1]))):
        P.add_edge(*pair, weight=weight[pair], types=tuple(sorted(types[pair])))
    return P


# --------------------------------------------------------------------------- centrality


def degree_centrality(G, *, labels=None) -> list[dict]:
    """Degree centrality of every node over the undirected simple view of ``G``.

    Parameters
    ----------
    G : networkx graph
        The exported graph.
    labels : str or iterable of str, optional (default = None)
        Only report nodes with these labels.  The score is still computed on the whole graph
        (hub types included), so it does not change with the filter.

    Returns
    -------
    rows : list of dict
        ``{"key", "label", "name", "score", "degree"}`` per node, where ``degree`` is the number
        of distinct neighbours and ``score`` = degree / (n - 1) (``networkx.degree_centrality``),
        sorted by score descending, then key.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("Firm:a", "Park:p"), ("Firm:b", "Park:p")])
    >>> [(r["key"], r["degree"], r["score"]) for r in degree_centrality(G)]
    [('Park:p', 2, 1.0), ('Firm:a', 1, 0.5), ('Firm:b', 1, 0.5)]
    >>> [r["key"] for r in degree_centrality(G, labels="Firm")]
    ['Firm:a', 'Firm:b']
    """
    P = project_undirected(G)
    wanted = _label_filter(labels)
    scores = nx.degree_centrality(P) if len(P) else {}
    rows = []
    for n, s in scores.items():
        if wanted is not None and _label(P, n) not in wanted:
            continue
        row = _row(P, n, round(s, _NDIGITS))
        row["degree"] = P.degree(n)
        rows.append(row)
    rows.sort(key=lambda r: (-r["score"], str(r["key"])))
    return rows


def betweenness_centrality(G, *, labels=None, sample_threshold=2000, k=500, seed=42) -> list[dict]:
    """Betweenness centrality over the undirected simple view of ``G``, exact or sampled.

    Parameters
    ----------
    G : networkx graph
        The exported graph.
    labels : str or iterable of str, optional (default = None)
        Only report nodes with these labels (computed on the whole graph).
    sample_threshold : int, optional (default = 2000)
        Up to this many nodes the score is **exact** (Brandes' algorithm over all sources).
        Above it the score is **approximate**: ``networkx.betweenness_centrality`` with ``k``
        source pivots drawn with ``seed`` (and rescaled by n / k), which is reproducible.
    k : int, optional (default = 500)
        Number of pivots when sampling (capped at the number of nodes).
    seed : int, optional (default = 42)
        Seed of the pivot sample.

    Returns
    -------
    rows : list of dict
        ``{"key", "label", "name", "score", "sampled"}`` per node, normalised betweenness,
        unweighted (edge multiplicity is not a distance), sorted by score descending, then key.
        ``sampled`` tells whether the approximation was used.

    Raises
    ------
    ValueError
        If ``k`` < 1 or ``sample_threshold`` < 0.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("Firm:a", "Park:p"), ("Firm:b", "Park:p")])
    >>> [(r["key"], r["score"], r["sampled"]) for r in betweenness_centrality(G)]
    [('Park:p', 1.0, False), ('Firm:a', 0.0, False), ('Firm:b', 0.0, False)]
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, not {k}")
    if sample_threshold < 0:
        raise ValueError(f"sample_threshold must be >= 0, not {sample_threshold}")
    P = project_undirected(G)
    n = P.number_of_nodes()
    sampled = n > sample_threshold
    if n == 0:
        return []
    scores = nx.betweenness_centrality(P, k=min(k, n) if sampled else None, normalized=True, seed=seed)
    wanted = _label_filter(labels)
    rows = []
    for node, s in scores.items():
        if wanted is not None and _label(P, node) not in wanted:
            continue
        row = _row(P, node, round(s, _NDIGITS))
        row["sampled"] = sampled
        rows.append(row)
    rows.sort(key=lambda r: (-r["score"], str(r["key"])))
    return rows


# --------------------------------------------------------------------------- communities


def communities(G, *, seed=42, exclude_hubs=True, resolution=1.0, lang="zh") -> list[dict]:
    """Louvain communities of the undirected weighted projection of ``G``.

    Parameters
    ----------
    G : networkx graph
        The exported graph.
    seed : int, optional (default = 42)
        Seed of ``networkx.community.louvain_communities``.
    exclude_hubs : bool, optional (default = True)
        Leave the model's hub types (:func:`hub_labels`) out of the projection; otherwise a
        few hubs glue everything into one blob.
    resolution : float, optional (default = 1.0)
        Louvain resolution; above 1 favours smaller communities.
    lang : {"zh", "en"}, optional (default = "zh")
        Language of ``summary``.

    Returns
    -------
    rows : list of dict
        One row per community, largest first (ties: smallest member key first), with
        ``community`` (0-based index in that order), ``size``, ``members`` (keys by degree in
        the projection descending, then key), ``top_members`` (names of the first five),
        ``labels`` (label -> count, most frequent first) and a readable ``summary``.
        Isolated nodes form communities of size 1.

    Notes
    -----
    The projection's edge ``weight`` is the number of relationships between two nodes.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("Firm:a", "Firm:b"), ("Firm:b", "Firm:c"), ("Firm:c", "Firm:a"), ("Park:x", "Park:y")])
    >>> [(r["size"], r["members"]) for r in communities(G)]
    [(3, ['Firm:a', 'Firm:b', 'Firm:c']), (2, ['Park:x', 'Park:y'])]
    """
    _check_lang(lang)
    P = project_undirected(G, exclude_labels=hub_labels() if exclude_hubs else ())
    if len(P) == 0:
        return []
    parts = nx.community.louvain_communities(P, weight="weight", resolution=resolution, seed=seed)
    order = {n: i for i, n in enumerate(P)}  # P's nodes are in key order
    groups = []
    for part in parts:
        members = sorted(part, key=lambda n: (-P.degree(n), order[n]))
        groups.append(members)
    groups.sort(key=lambda m: (-len(m), min(order[n] for n in m)))
    label_rank = {lab: i for i, lab in enumerate(model.labels())}
    rows = []
    for i, members in enumerate(groups):
        counts = Counter(_label(P, n) for n in members)
        by_count = sorted(counts.items(), key=lambda kv: (-kv[1], label_rank.get(kv[0], len(label_rank)), kv[0]))
        top = [_name(P, n) for n in members[:_EXPLAIN_MAX]]
        if lang == "zh":
            made_of = "、".join(f"{_type_name(lab, lang)} {c}" for lab, c in by_count)
            summary = f"核心：{'、'.join(top)}；构成：{made_of}"
        else:
            made_of = ", ".join(f"{c} {_type_name(lab, lang)}" for lab, c in by_count)
            summary = f"core: {', '.join(top)}; made of: {made_of}"
        rows.append(
            {
                "community": i,
                "size": len(members),
                "members": members,
                "top_members": top,
                "labels": dict(by_count),
                "summary": summary,
            }
        )
    return rows


# --------------------------------------------------------------------------- brokers


def brokers_between_tracks(G, *, top=20, lang="zh") -> list[dict]:
    """Non-hub nodes that connect entities of different Tracks.

    A Track "contains" an entity when the entity has an ``IN_TRACK``, ``SERVES`` or
    ``FOCUSES_ON`` edge to it.  For a candidate node ``b`` look at ``b`` itself and its
    non-hub neighbours (any relationship, either direction).  ``b`` *bridges* the track pair
    {s, t} when some entity x of that group is in s and a **different** entity y is in t —
    so a firm merely listed in two tracks bridges nothing by itself, while a platform serving
    track s that cooperates with a firm of track t bridges {s, t}.  Pairs where one track is
    a segment of the other (``PART_OF``, transitively) are not counted.

    Parameters
    ----------
    G : networkx graph
        The exported graph.
    top : int or None, optional (default = 20)
        Number of rows to return (``None`` = all brokers).
    lang : {"zh", "en"}, optional (default = "zh")
        Language of ``explanation``.

    Returns
    -------
    rows : list of dict
        ``{"key", "label", "name", "score", "tracks", "pairs", "via", "explanation"}`` where
        ``score`` is the number of distinct track pairs bridged, ``tracks`` the names of the
        tracks involved, ``pairs`` the bridged ``(track name, track name)`` pairs, ``via`` maps
        each track name to the names of the entities (``b`` or its neighbours) in it.  Sorted by
        score descending, then key; nodes bridging nothing are left out.

    Examples
    --------
    A platform serving 储能 that works with a firm of 光伏 bridges the two tracks (and so
    does the firm, through the platform):

    >>> G = nx.MultiDiGraph([("Platform:p", "Track:s", "SERVES"), ("Firm:f", "Track:t", "IN_TRACK"),
    ...                      ("Firm:f", "Platform:p", "COOPERATES")])
    >>> G.add_node("Track:s", name="储能"); G.add_node("Track:t", name="光伏")
    >>> [(r["key"], r["score"], r["explanation"]) for r in brokers_between_tracks(G, lang="en")]
    [('Firm:f', 1, 'bridges 1 track pair(s): 储能–光伏'), ('Platform:p', 1, 'bridges 1 track pair(s): 储能–光伏')]
    """
    _check_lang(lang)
    member_of = _track_membership(G)
    ancestors = _track_ancestors(G)
    P = project_undirected(G, exclude_labels=hub_labels())
    rows = []
    for b in P:
        entities_by_track: dict = defaultdict(set)
        for x in (b, *P[b]):
            for t in member_of.get(x, ()):
                entities_by_track[t].add(x)
        pairs = _bridged_pairs(entities_by_track, ancestors)
        if pairs:
            rows.append(_broker_row(G, b, pairs, entities_by_track, lang))
    rows.sort(key=lambda r: (-r["score"], str(r["key"])))
    return rows if top is None else rows[:top]


def _bridged_pairs(entities_by_track: dict, ancestors: dict) -> list[tuple]:
    """The track pairs that different entities of one node's group are in, leaving out a
    track and its own segment."""
    pairs = []
    for s, t in combinations(sorted(entities_by_track, key=str), 2):
        if s in ancestors.get(t, ()) or t in ancestors.get(s, ()):
            continue
        es, et = entities_by_track[s], entities_by_track[t]
        if len(es) == 1 and es == et:
            continue  # one and the same entity is in both tracks: nothing bridged
        pairs.append((s, t))
    return pairs


def _broker_row(G, b, pairs: list[tuple], entities_by_track: dict, lang: str) -> dict:
    """The row of broker ``b``: its score, tracks, pairs, the entities in each, and why."""
    involved = sorted({t for p in pairs for t in p}, key=str)
    pair_names = [(_name(G, s), _name(G, t)) for s, t in pairs]
    sep = "—" if lang == "zh" else "–"
    shown = _join_names([f"{a}{sep}{c}" for a, c in pair_names], lang)
    explanation = f"联通 {len(pairs)} 对赛道：{shown}" if lang == "zh" else f"bridges {len(pairs)} track pair(s): {shown}"
    row = _row(G, b, len(pairs))
    row.update(tracks=[_name(G, t) for t in involved], pairs=pair_names,
               via={_name(G, t): sorted(_name(G, x) for x in entities_by_track[t]) for t in involved},
               explanation=explanation)
    return row


# --------------------------------------------------------------------------- link prediction


def _candidate_pairs(P, B, kinds) -> list[tuple]:
    """Pairs (a, b), a of kind[0] and b of kind[1], sharing a neighbour in P or a track in B."""
    pairs = set()
    for H in (P, B):
        for w in H:
            by_label: dict = defaultdict(list)
            for n in H[w]:
                if n in P:
                    by_label[_label(P, n)].append(n)
            for la, lb in kinds:
                for a in by_label.get(la, ()):
                    for b in by_label.get(lb, ()):
                        if a == b:
                            continue
                        # a new name: swapping a itself skipped the outer loop's later pairs
                        pairs.add((b, a) if la == lb and str(a) > str(b) else (a, b))
    return sorted(pairs, key=lambda p: (str(p[0]), str(p[1])))


def _partner_args(method, kinds, track_weight, lang):
    """Check suggest_partners' arguments; return (index function, hub labels, kinds as tuples)."""
    _check_lang(lang)
    try:
        index = LINK_PREDICTION_METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; use one of {sorted(LINK_PREDICTION_METHODS)}") from None
    if track_weight < 0:
        raise ValueError(f"track_weight must be >= 0, not {track_weight}")
    hubs = hub_labels()
    kinds = tuple(tuple(k) for k in kinds)
    for kind in kinds:
        if len(kind) != 2:
            raise ValueError(f"each kind must be a pair of labels, not {kind!r}")
        bad = [lab for lab in kind if lab in hubs]
        if bad:
            raise ValueError(f"kinds must not contain hub labels: {bad}")
    return index, hubs, kinds


def _track_graph(G, P) -> nx.Graph:
    """The bipartite entity–Track graph of the entities in ``P`` (sorted, so scores are stable)."""
    B = nx.Graph()
    member_of = _track_membership(G)
    for x in sorted((x for x in member_of if x in P), key=str):
        for t in sorted(member_of[x], key=str):
            B.add_edge(x, t)
    return B


def _partner_explanation(G, shared, shared_tracks, lang) -> str:
    """"共同关联：X、Y；同属赛道：T" or "both connect to X and Y; both in track T"."""
    parts = []
    if shared:
        head = "共同关联：" if lang == "zh" else "both connect to "
        parts.append(head + _join_names([_name(G, w) for w in shared], lang))
    if shared_tracks:
        head = "同属赛道：" if lang == "zh" else "both in track "
        parts.append(head + _join_names([_name(G, t) for t in shared_tracks], lang))
    return ("；" if lang == "zh" else "; ").join(parts)


def _partner_row(G, P, B, a, b, score, lang) -> dict:
    """One suggestion: the pair, its score, the shared neighbours (most specific first) and why."""
    shared = sorted(set(P[a]) & set(P[b]), key=lambda w: (P.degree(w), str(w)))
    both_in_b = a in B and b in B
    shared_tracks = sorted(set(B[a]) & set(B[b]), key=lambda t: (B.degree(t), str(t))) if both_in_b else []
    return {
        "a": a,
        "a_label": _label(G, a),
        "a_name": _name(G, a),
        "b": b,
        "b_label": _label(G, b),
        "b_name": _name(G, b),
        "score": score,
        "shared": shared,
        "shared_tracks": shared_tracks,
        "explanation": _partner_explanation(G, shared, shared_tracks, lang),
    }


def suggest_partners(
    G,
    *,
    kinds=_DEFAULT_KINDS,
    top=20,
    method="adamic_adar",
    track_weight=0.5,
    lang="zh",
) -> list[dict]:
    """Suggest pairs of entities that are not yet linked but probably should talk (link prediction).

    The score of a candidate pair (a, b) is :math:`s(a, b) = m_P(a, b) + w \\cdot m_B(a, b)`,
    where ``m`` is the chosen networkx link-prediction index, ``P`` is the undirected
    projection **without hub types** (being in the same 辖区 or on the same policy list says
    nothing about a partnership) and ``B`` is the bipartite entity–Track graph built from
    ``IN_TRACK``, ``SERVES`` and ``FOCUSES_ON`` edges.  Sharing a concrete neighbour (a park, a
    platform, a person, a project …) is the strong signal; sharing a Track is meaningful but
    weak — tracks have hundreds of members — so it counts through ``B``, scaled by ``w = track_weight``.

    Parameters
    ----------
    G : networkx graph
        The exported graph.
    kinds : iterable of (str, str), optional
        Label pairs to suggest, e.g. ``("College", "Firm")``; ``a`` has the first label and
        ``b`` the second.  Default: College–Firm, Platform–Park, University–Firm, Platform–Firm.
    top : int or None, optional (default = 20)
        Number of suggestions over all kinds (``None`` = all).  Pass a single kind to get a
        per-kind list.
    method : {"adamic_adar", "jaccard", "resource_allocation"}, optional (default = "adamic_adar")
        ``networkx.adamic_adar_index`` / ``jaccard_coefficient`` / ``resource_allocation_index``.
        Adamic–Adar is the default: it down-weights big shared neighbours (a park with 2 000
        firms says less than a joint lab with 3 members) without letting one small neighbour
        dominate, which suits a sparse, hub-heavy graph.
    track_weight : float, optional (default = 0.5)
        Weight of the shared-track term; 0 ignores tracks.
    lang : {"zh", "en"}, optional (default = "zh")
        Language of ``explanation``.

    Returns
    -------
    rows : list of dict
        ``{"a", "a_label", "a_name", "b", "b_label", "b_name", "score", "shared",
        "shared_tracks", "explanation"}`` sorted by score descending, then (a, b).  ``shared``
        lists the common non-hub neighbours' keys (most specific, i.e. lowest degree, first),
        ``shared_tracks`` the common tracks' keys; ``explanation`` reads
        "共同关联：X、Y；同属赛道：T" (zh) or "both connect to X and Y; both in track T" (en).
        Pairs already joined by any relationship are never suggested; only pairs with at least
        one shared neighbour or track are scored.

    Raises
    ------
    ValueError
        For an unknown ``method``, a hub label in ``kinds``, a malformed kind, or a negative
        ``track_weight``.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("College:c", "Platform:lab", "CO_BUILDS"), ("Firm:f", "Platform:lab", "CO_BUILDS"),
    ...                      ("College:c", "Track:t", "FOCUSES_ON"), ("Firm:f", "Track:t", "IN_TRACK")])
    >>> [(r["a"], r["b"], r["explanation"]) for r in suggest_partners(G, lang="en")]
    [('College:c', 'Firm:f', 'both connect to Platform:lab; both in track Track:t')]
    """
    index, hubs, kinds = _partner_args(method, kinds, track_weight, lang)
    P = project_undirected(G, exclude_labels=hubs)
    B = _track_graph(G, P)
    candidates = [(a, b) for a, b in _candidate_pairs(P, B, kinds) if not P.has_edge(a, b)]
    if not candidates:
        return []
    base = {(u, v): s for u, v, s in index(P, candidates)}
    in_b = [(a, b) for a, b in candidates if a in B and b in B]
    tracks = {(u, v): s for u, v, s in index(B, in_b)} if (in_b and track_weight) else {}

    rows = []
    for a, b in candidates:
        score = round(base.get((a, b), 0.0) + track_weight * tracks.get((a, b), 0.0), _NDIGITS)
        if score > 0:
            rows.append(_partner_row(G, P, B, a, b, score, lang))
    rows.sort(key=lambda r: (-r["score"], str(r["a"]), str(r["b"])))
    return rows if top is None else rows[:top]
