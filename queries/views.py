"""The node sets of the presenter's views, from named queries (the app and the CLI share them).

Each function takes ``run(qid, **params) -> QueryResult`` — ``functools.partial(run_named,
store)``, or the app's cached reader — so a caller chooses how results are cached."""

from __future__ import annotations

from typing import Callable

from graph.store.base import QueryResult
from queries.subgraph import result_keys

__all__ = ["plan_view_keys"]

Run = Callable[..., QueryResult]


def plan_view_keys(run: Run) -> list[str]:
    """The plan view: the platforms and tracks the plan's clauses mention (``plan.mentions``);
    without documents, every platform and the tracks they serve (``plan.platforms``)."""
    return result_keys(run("plan.mentions")) or result_keys(run("plan.platforms"))
