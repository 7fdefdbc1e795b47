"""KPI progress: each target beside its published figures, and progress as its wording reads.

A target carries (from ``documents/targets.csv``) a published ``baseline`` (its value at
the plan's start, end of 2025) and a ``latest`` value, each with the date it describes and
the page that states it, and a ``progress_basis`` saying how the target's words count:

- ``stock`` (超7000家): the newest published value against the target;
- ``increment`` (新增…30家): the latest value minus the baseline against the target; with
  only a baseline there is no progress yet, and none is made up;
- ``per_year`` (每年…100场): one plan year's published figure (``latest``) against the
  yearly target; the baseline year's figure shows the pace before the plan, not progress.

A target with no published figure has status ``unpublished`` (未公布) and says what was
searched.  What the dataset itself holds (the target's ``coverage_query``) is reported as
``coverage``, a count of the dataset, never as progress.

>>> progress("stock", target=7000, baseline=5791, latest=None)
(82.7, 'baseline')
>>> progress("increment", target=30, baseline=1254, latest=1270)
(53.3, 'latest')
>>> progress("increment", target=30, baseline=1254, latest=None)
(None, None)
"""

from __future__ import annotations

from graph.store.base import GraphStore, QueryResult, StoreError
from queries.library import run_named

__all__ = ["kpi_progress_rows", "progress", "status", "default_basis", "COLUMNS"]

BASES = ("stock", "increment", "per_year")

COLUMNS = ["target_id", "clause", "metric", "phrase", "target", "unit", "comparator", "period", "basis",
           "baseline", "baseline_as_of", "baseline_source", "baseline_read_at", "baseline_quote",
           "latest", "latest_as_of", "latest_source", "latest_read_at", "latest_quote",
           "status", "progress_pct", "progress_from", "figure_note", "figure_note_en", "searched", "searched_en",
           "coverage", "coverage_query"]


def progress(basis: str | None, *, target: float | None, baseline: float | None,
             latest: float | None) -> tuple[float | None, str | None]:
    """The percentage of ``target`` reached, and which figure it rests on (``"latest"`` or
    ``"baseline"``), as ``basis`` reads the target; ``(None, None)`` where the published
    figures do not tell.  Raises ``ValueError`` for an unknown basis."""
    if basis not in BASES:
        raise ValueError(f"unknown progress basis {basis!r} (one of {', '.join(BASES)})")
    if not target:
        return None, None
    if basis == "increment":
        if latest is None or baseline is None:
            return None, None
        return round(100.0 * (latest - baseline) / target, 1), "latest"
    if basis == "per_year":  # a year before the plan (the baseline) is not a plan year's progress
        return (None, None) if latest is None else (round(100.0 * latest / target, 1), "latest")
    value, frm = (latest, "latest") if latest is not None else (baseline, "baseline")
    if value is None:
        return None, None
    return round(100.0 * value / target, 1), frm


def default_basis(metric: str | None, period: str | None) -> str:
    """How a target's words count where ``targets.csv`` does not say: 每年 (per year),
    新增 (an increment), else a stock.

    >>> default_basis("新增典型应用场景", "per_year"), default_basis("新增省级以上科创平台", "plan_period")
    ('per_year', 'increment')
    """
    if period == "per_year":
        return "per_year"
    return "increment" if (metric or "").startswith("新增") else "stock"


def status(baseline: float | None, latest: float | None) -> str:
    """``published`` (a latest value), ``baseline_only`` or ``unpublished`` (未公布)."""
    if latest is not None:
        return "published"
    return "baseline_only" if baseline is not None else "unpublished"


def _coverage(store: GraphStore, qid: str | None, measured: dict[str, int | None]) -> int | None:
    """What the dataset holds by ``qid``; each query runs once however many targets use it."""
    if not qid:
        return None
    if qid not in measured:
        try:
            measured[qid] = run_named(store, qid).single_value()
        except StoreError:
            measured[qid] = None  # a coverage count is context; its absence must not hide the figures
    return measured[qid]


def kpi_progress_rows(store: GraphStore, res: QueryResult, params: dict | None = None) -> QueryResult:
    """Complete ``kpi.progress`` rows with status, progress and the dataset's coverage."""
    rows = []
    measured: dict[str, int | None] = {}
    for r in res.dicts():
        basis = r.get("basis") or default_basis(r.get("metric"), r.get("period"))
        pct, frm = progress(basis, target=r["value"], baseline=r["baseline"], latest=r["latest"])
        row = dict(r, target=r["value"], basis=basis, status=status(r["baseline"], r["latest"]),
                   progress_pct=pct, progress_from=frm,
                   coverage=_coverage(store, r.get("coverage_query"), measured))
        rows.append([row.get(c) for c in COLUMNS])
    return QueryResult(COLUMNS, rows, res.truncated)
