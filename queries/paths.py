"""Completing the path queries' rows: one order across the branches of a query.

The LadybugDB text of ``paths.k_paths`` is one branch per path length (see its file for why);
each branch returns its own first k.  Merged here in the query's order — length, then the
names along the path, the relationship types, the ids — and cut to k, the answer is the one
a single ``ORDER BY … LIMIT $k`` over all paths would give, which is what the Neo4j text does
in one statement (re-sorting its rows here changes nothing).
"""

from __future__ import annotations

from typing import Any

from graph.store.base import GraphStore, QueryResult

__all__ = ["path_order", "first_k_paths"]


def path_order(columns: list[str], row: list[Any]) -> tuple:
    """The sort key of a path row: hops, then names, types and ids joined along the path."""
    get = dict(zip(columns, row))
    joined = lambda xs: "|".join("" if x is None else str(x) for x in xs)  # noqa: E731
    return (get["hops"], joined(get["path_names"]), joined(get["path_types"]), joined(get["path_ids"]))


def first_k_paths(store: GraphStore, res: QueryResult, params: dict[str, Any]) -> QueryResult:
    """The first ``params['k']`` rows of ``res`` in :func:`path_order`."""
    rows = sorted(res.rows, key=lambda r: path_order(res.columns, r))[: params["k"]]
    return QueryResult(list(res.columns), rows, res.truncated)


def _register() -> None:
    from queries.library import POSTPROCESS

    POSTPROCESS["paths.k_paths"] = first_k_paths


_register()
