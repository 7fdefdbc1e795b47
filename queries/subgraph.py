"""The subgraph behind a named query's answer, for maps and exports."""

from __future__ import annotations

import networkx as nx

from graph.store.base import GraphStore, QueryResult, node_key

__all__ = ["result_keys", "query_subgraph"]


def result_keys(res: QueryResult, extra: tuple[str, ...] = ()) -> list[str]:
    """Node keys (``Label:id``) named by a result: rows with ``label``/``id`` columns, path
    rows with ``path_labels``/``path_ids``, and node values in any cell."""
    keys: list[str] = list(extra)
    cols = res.columns
    for row in res.rows:
        d = dict(zip(cols, row))
        if "label" in d and "id" in d and d["label"] and d["id"]:
            keys.append(node_key(d["label"], d["id"]))
        if d.get("path_labels") and d.get("path_ids"):
            keys += [node_key(a, b) for a, b in zip(d["path_labels"], d["path_ids"])]
        for v in row:
            for item in (v if isinstance(v, list) else [v]):
                if isinstance(item, dict) and item.get("_label") and item.get("id"):
                    keys.append(node_key(item["_label"], item["id"]))
    return list(dict.fromkeys(keys))


def query_subgraph(store: GraphStore, qid: str, params: dict, *, centre: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    """The subgraph induced by the nodes that query ``qid`` returns (plus ``centre``)."""
    from queries.library import run_named

    res = run_named(store, qid, params)
    return store.export(result_keys(res, centre))
