"""Completing the path queries' rows: one order, whichever store answered.

On LadybugDB the three path queries share one text, one branch per path length (see
``paths.k_paths.ladybug.cypher`` for why), each branch returning its own first 50.  Here the
rows are put in the library's path order — length, then the names along the path, the
relationship types, the ids — and cut to what the query asks for: the first k paths, or the
shortest ones.  That is the answer a single ``ORDER BY … LIMIT`` over all paths would give,
which is what the Neo4j texts do in one statement (sorting their rows again changes nothing).
"""

from __future__ import annotations

from typing import Any

from graph.store.base import GraphStore, QueryResult

__all__ = ["path_order", "first_k_paths", "shortest_paths", "shortest_path", "MOST_SHORTEST"]

MOST_SHORTEST = 50  # paths.all_shortest returns at most this many (the LIMIT of its texts)


def path_order(columns: list[str], row: list[Any]) -> tuple:
    """The sort key of a path row: hops, then names, types and ids joined along the path."""
    get = dict(zip(columns, row))
    joined = lambda xs: "|".join("" if x is None else str(x) for x in xs)  # noqa: E731
    return (get["hops"], joined(get["path_names"]), joined(get["path_types"]), joined(get["path_ids"]))


def _sorted(res: QueryResult, rows: list[list[Any]] | None = None) -> list[list[Any]]:
    return sorted(res.rows if rows is None else rows, key=lambda r: path_order(res.columns, r))


def first_k_paths(store: GraphStore, res: QueryResult, params: dict[str, Any]) -> QueryResult:
    """The first ``params['k']`` paths of ``res`` in :func:`path_order`."""
    return QueryResult(list(res.columns), _sorted(res)[: params["k"]], res.truncated)


def shortest_paths(store: GraphStore, res: QueryResult, params: dict[str, Any] | None = None,
                   most: int = MOST_SHORTEST) -> QueryResult:
    """The paths of ``res`` with the fewest hops, at most ``most``, in :func:`path_order`."""
    if not res.rows:
        return res
    hops = res.columns.index("hops")
    fewest = min(r[hops] for r in res.rows)
    rows = _sorted(res, [r for r in res.rows if r[hops] == fewest])[:most]
    return QueryResult(list(res.columns), rows, res.truncated)


def shortest_path(store: GraphStore, res: QueryResult, params: dict[str, Any] | None = None) -> QueryResult:
    """The first of :func:`shortest_paths`: one shortest path, ties broken by path order."""
    return shortest_paths(store, res, params, most=1)
