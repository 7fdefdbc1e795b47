"""KPI progress: each target beside its actual value.

The actual comes from the target's metric query (``metric_query``: a library query
returning one number, counted in the graph) or, where none exists, from a reported value
with its source (``actual``, ``actual_source``).  Targets with neither say so.
"""

from __future__ import annotations

from graph.store.base import GraphStore, QueryResult, StoreError

__all__ = ["kpi_progress_rows"]

COLUMNS = ["target_id", "clause", "metric", "target", "unit", "period", "actual", "actual_from",
           "progress_pct", "actual_source"]


def _progress(actual: float | None, value: float | None) -> float | None:
    if actual is None or not value:
        return None
    return round(100.0 * float(actual) / float(value), 1)


def kpi_progress_rows(store: GraphStore, res: QueryResult, params: dict | None = None) -> QueryResult:
    """Complete ``kpi.progress`` rows with actual values and the percentage reached."""
    from queries.library import run_named

    rows = []
    measured: dict[str, tuple] = {}  # each metric query runs once, however many targets use it
    for r in res.dicts():
        actual, actual_from, src = None, "none", r.get("actual_source")
        qid = r.get("metric_query")
        if qid:
            if qid not in measured:
                try:
                    measured[qid] = (run_named(store, qid).single_value(), "graph", f"query {qid}")
                except StoreError as e:
                    measured[qid] = (None, "error", str(e))
            actual, actual_from, src = measured[qid]
        elif r.get("actual") is not None:
            actual, actual_from = r["actual"], "reported"
        rows.append([r["target_id"], r["clause"], r["metric"], r["value"], r["unit"], r["period"],
                     actual, actual_from, _progress(actual, r["value"]), src])
    return QueryResult(COLUMNS, rows, res.truncated)


def _register() -> None:
    from queries.library import POSTPROCESS

    POSTPROCESS["kpi.progress"] = kpi_progress_rows


_register()
