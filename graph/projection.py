"""The graph as NumPy arrays, read from a store in a few columnar queries.

What the fast analytics (:mod:`graph.fast_analytics`) work on, instead of a networkx graph:
at 100k nodes / 1M relationships a networkx export takes 20-60 s and gigabytes, these arrays
~1-3 s and tens of megabytes.  LadybugDB answers as Arrow tables; Neo4j as one record of
lists per query (the Python driver spends ~25 µs on every record).

Node index ``i`` is the position of the node's key (``Label:id``) in sorted key order, the
order :func:`graph.analytics.project_undirected` adds nodes in, so results and their ties
agree with the networkx functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graph import config, model
from graph.store.base import GraphStore, checked_whole

__all__ = ["GraphArrays", "read_arrays"]


@dataclass
class GraphArrays:
    """Nodes in key order and every relationship as index arrays.

    ``keys``, ``labels``, ``names``: object arrays, one entry per node.
    ``src``, ``dst``: int64 arrays, one entry per relationship (direction as stored).
    ``rel_type``: object array, the relationship type of each.
    """

    keys: np.ndarray
    labels: np.ndarray
    names: np.ndarray
    src: np.ndarray
    dst: np.ndarray
    rel_type: np.ndarray

    @property
    def n(self) -> int:
        return len(self.keys)

    def undirected(self, exclude_labels=()) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(kept, u, v, weight)``: the undirected simple projection without ``exclude_labels``
        (as :func:`graph.analytics.project_undirected`).  ``kept`` are the original indices of
        the kept nodes in key order; ``u < v`` index into ``kept``; ``weight`` counts the
        relationships between the two, in either direction; self-loops are dropped."""
        keep = ~np.isin(self.labels, list(exclude_labels)) if exclude_labels else np.ones(self.n, bool)
        kept = np.flatnonzero(keep)
        new = np.full(self.n, -1, np.int64)
        new[kept] = np.arange(len(kept))
        a, b = new[self.src], new[self.dst]
        ok = (a >= 0) & (b >= 0) & (a != b)
        a, b = a[ok], b[ok]
        lo, hi = np.minimum(a, b), np.maximum(a, b)
        pair = lo * len(kept) + hi
        uniq, weight = np.unique(pair, return_counts=True)
        return kept, uniq // max(len(kept), 1), uniq % max(len(kept), 1), weight


def _columns(store: GraphStore, match: str, exprs: dict[str, str], *, arrow: bool = False) -> dict[str, list]:
    """``match`` returning ``exprs`` (column name -> expression), read as columns: a whole read,
    under the configured time limit and refused past ``KG_GRAPH_ROW_CAP`` (never cut).  With
    ``arrow`` LadybugDB's columns stay pyarrow arrays (Neo4j's are lists either way)."""
    if store.dialect == "ladybug":
        return store.read_columns(match + " RETURN " + ", ".join(f"{e} AS {c}" for c, e in exprs.items()),
                                  arrow=arrow)
    rows = store.read(f"{match} RETURN collect([{', '.join(exprs.values())}]) AS rows", trusted=True).single_value()
    rows = checked_whole(rows or [], config.read_limits(whole=True)[0])
    cols = list(zip(*rows)) if rows else [()] * len(exprs)
    return {c: list(v) for c, v in zip(exprs, cols)}


def read_arrays(store: GraphStore) -> GraphArrays:
    """Every node (key, label, name) and every relationship of ``store`` as arrays.

    Examples
    --------
    >>> from graph.store import open_store
    >>> import tempfile, os
    >>> s = open_store("embedded", path=os.path.join(tempfile.mkdtemp(), "db"))
    >>> read_arrays(s).n
    0
    """
    ids: dict[str, pd.Index] = {}
    keys, labels, names = [], [], []
    for label in model.labels():
        c = _columns(store, f"MATCH (n:{label})", {"id": "n.id", "name": "n.name"})
        ids[label] = pd.Index(c["id"])
        keys += [f"{label}:{i}" for i in c["id"]]
        labels += [label] * len(c["id"])
        names += c["name"]
    order = np.argsort(np.array(keys, dtype=object), kind="stable")
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))  # position in label order -> position in key order
    offset, start = {}, 0
    for label in model.labels():
        offset[label], start = start, start + len(ids[label])
    src, dst, types = [], [], []
    for rt in model.REL_TYPES:
        for fl, tl in rt.pairs:
            c = _columns(store, f"MATCH (a:{fl})-[e:{rt.type}]->(b:{tl})", {"a": "a.id", "b": "b.id"})
            src.append(rank[offset[fl] + ids[fl].get_indexer(c["a"])])
            dst.append(rank[offset[tl] + ids[tl].get_indexer(c["b"])])
            types.append(np.full(len(c["a"]), rt.type, dtype=object))
    cat = (lambda xs, dt: np.concatenate(xs) if xs else np.array([], dtype=dt))
    return GraphArrays(np.array(keys, dtype=object)[order], np.array(labels, dtype=object)[order],
                       np.array(names, dtype=object)[order], cat(src, np.int64), cat(dst, np.int64),
                       cat(types, object))


read_columns = _columns  # public name for the other whole-graph readers (graph.stream_export)
