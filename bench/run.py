"""The benchmark: ingest (batched vs naive), library query latency, analytics, memory.

One run of :func:`run_bench` on one store:

1. generate the synthetic graph (:mod:`bench.generate`) — seconds and the peak
   resident memory afterwards;
2. **naive baseline** on the empty store: a sample of the rows (``naive_sample`` rows:
   relationships and their endpoint nodes), one auto-committed ``MERGE`` statement per row
   through the same driver, as tutorials do; rows/s is extrapolated from the sample;
3. the store is cleared, then the **batched** path: ``store.load()`` exactly as ``kg
   ingest`` calls it (into an empty store it takes the bulk path of
   :mod:`graph.store.bulk`); optionally also the ``UNWIND … MERGE`` path forced
   (``bulk=False``, with its diff reads) on a second empty store (embedded only);
4. every query of the library, ``query_runs`` times each, with the required parameters
   drawn from the generated data (real ids); p50 / p95 / max in ms and rows returned;
5. analytics over ``store.export()``: degree, sampled betweenness, Louvain communities;
6. peak resident memory of the process (``getrusage`` maxrss, which only grows: with
   ``--store both`` the second store's figure includes the first's run).

The Neo4j run CLEARS the database it is pointed at (``NEO4J_*`` settings).
"""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from graph import config, model
from graph.store.base import GraphStore, QueryTimeout, StoreError

__all__ = ["run_bench", "timed_generate", "METRICS", "QUERY_TARGET_MS", "PATH_TARGET_MS", "machine"]

QUERY_TARGET_MS = 200.0
PATH_TARGET_MS = 500.0
PATH_QUERIES = ("paths.shortest", "paths.all_shortest", "paths.k_paths")

# The metric names every run reports (tests check that they are all printed).
METRICS = (
    "generate_s", "generate_peak_rss_mb", "nodes", "relationships",
    "ingest_naive_rows", "ingest_naive_s", "ingest_naive_rows_per_s",
    "ingest_batched_rows", "ingest_batched_s", "ingest_batched_rows_per_s", "ingest_batched_path",
    "ingest_speedup",
    "ingest_unwind_s", "ingest_unwind_rows_per_s", "ingest_unwind_speedup",
    "query_p50_ms", "query_p95_ms", "query_worst_p95_ms", "query_worst", "queries_over_target",
    "analytics_arrays_s", "analytics_fast_degree_s", "analytics_fast_betweenness_s",
    "analytics_fast_communities_s", "analytics_fast_partners_s", "analytics_fast_brokers_s", "analytics_fast_total_s",
    "analytics_export_s", "analytics_degree_s", "analytics_betweenness_s", "analytics_communities_s",
    "analytics_partners_s", "analytics_brokers_s", "analytics_total_s",
    "analytics_degree_ratio", "analytics_betweenness_ratio", "analytics_communities_ratio",
    "analytics_partners_ratio", "analytics_brokers_ratio", "precompute_s", "peak_rss_mb",
)


def machine() -> dict[str, Any]:
    import os

    mem_gib = None
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    import importlib.metadata as md

    def ver(p):
        try:
            return md.version(p)
        except md.PackageNotFoundError:
            return None

    return {"cpus": os.cpu_count(), "mem_gib": mem_gib, "cpu": cpu, "python": platform.python_version(),
            "ladybug": ver("ladybug"), "neo4j_driver": ver("neo4j"), "networkx": ver("networkx")}


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --------------------------------------------------------------------------- naive baseline


def naive_sample(nodes: dict[str, list[dict]], rels: list[dict], size: int, seed: int
                 ) -> tuple[list[tuple[str, dict]], list[dict]]:
    """About ``size`` rows: a third relationships, the rest their endpoint nodes."""
    rng = random.Random(seed)
    by_key = {(lb, r["id"]): r for lb, rows in nodes.items() for r in rows}
    picked_rels: list[dict] = []
    picked_nodes: dict[tuple[str, str], dict] = {}
    for r in rng.sample(rels, min(len(rels), max(1, size // 3))):
        for k in ((r["from_label"], r["from_id"]), (r["to_label"], r["to_id"])):
            picked_nodes.setdefault(k, by_key[k])
        picked_rels.append(r)
        if len(picked_rels) + len(picked_nodes) >= size:
            break
    return [(k[0], v) for k, v in picked_nodes.items()], picked_rels


def _naive_statements(sample_nodes, sample_rels):
    from graph.store.base import rel_row_props

    out = []
    for label, row in sample_nodes:
        sets = ", ".join(f"n.{k} = ${k}" for k in row if k != "id")
        out.append((f"MERGE (n:{label} {{id: $id}})" + (f" SET {sets}" if sets else ""), dict(row)))
    for r in sample_rels:
        props = rel_row_props(r)
        sets = ", ".join(f"e.{k} = $p_{k}" for k in props)
        q = (f"MATCH (a:{r['from_label']} {{id: $a}}) MATCH (b:{r['to_label']} {{id: $b}}) "
             f"MERGE (a)-[e:{r['type']}]->(b)" + (f" SET {sets}" if sets else ""))
        out.append((q, {"a": r["from_id"], "b": r["to_id"], **{f"p_{k}": v for k, v in props.items()}}))
    return out


def run_naive(store: GraphStore, statements: list[tuple[str, dict]]) -> float:
    """Seconds to run ``statements`` one auto-committed statement each, through the
    store's own driver (LadybugDB connection / one Neo4j session)."""
    if store.kind == "embedded":
        conn = store._writable()
        t0 = time.perf_counter()
        for q, p in statements:
            conn.execute(q, p)
        return time.perf_counter() - t0
    with store._driver.session(database=store.database) as s:
        t0 = time.perf_counter()
        for q, p in statements:
            s.run(q, p).consume()
        return time.perf_counter() - t0


# --------------------------------------------------------------------------- query params


class ParamDraw:
    """Required parameters of the library queries, drawn from the generated data."""

    def __init__(self, nodes: dict[str, list[dict]], rels: list[dict], seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = {lb: [r["id"] for r in rows] for lb, rows in nodes.items() if rows}
        self.names = {lb: [r["name"] for r in rows] for lb, rows in nodes.items() if rows}
        self.tracks = [r["id"] for r in nodes.get("Track", []) if r.get("kind") == "track"] or self.ids.get("Track", [])
        hubs = {n.label for n in model.NODE_TYPES if n.hub}
        self.adj: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for r in rels:
            a, b = (r["from_label"], r["from_id"]), (r["to_label"], r["to_id"])
            if a[0] in hubs or b[0] in hubs:
                continue
            self.adj.setdefault(a, []).append(b)
            self.adj.setdefault(b, []).append(a)
        self.adj_keys = sorted(self.adj)

    def _pick(self, label: str) -> str:
        return self.rng.choice(self.ids[label])

    def _org(self) -> tuple[str, str]:
        label = self.rng.choices(("Firm", "Platform", "University", "College", "Park"), (6, 2, 1, 1, 1))[0]
        return label, self._pick(label)

    def params(self, qid: str) -> dict[str, Any]:
        rng = self.rng
        if qid in ("chain.coverage", "track.servers"):
            return {"track": rng.choice(self.tracks)}
        if qid == "coverage.cell":
            return {"track": rng.choice(self.tracks), "kind": rng.choice(("Platform", "College", "Firm", "Park"))}
        if qid == "entity.neighbourhood":
            label, id_ = self._org()
            return {"label": label, "id": id_}
        if qid == "entity.search":
            name = rng.choice(self.names["Firm"])
            return {"q": name[: rng.randint(6, len(name))]}
        if qid == "programme.reach":
            return {"programme": self._pick("Programme")}
        if qid == "partners.common":
            for _ in range(50):
                a = rng.choice(self.adj_keys)
                c = rng.choice(self.adj[a])
                others = [b for b in self.adj.get(c, ()) if b != a]
                if others:
                    b = rng.choice(others)
                    return {"a_label": a[0], "a_id": a[1], "b_label": b[0], "b_id": b[1]}
            a, b = self._org(), self._org()
            return {"a_label": a[0], "a_id": a[1], "b_label": b[0], "b_id": b[1]}
        if qid in PATH_QUERIES:
            return {"from_label": "Firm", "from_id": self._pick("Firm"),
                    "to_label": "University", "to_id": self._pick("University")}
        return {}


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def _time_query(store: GraphStore, draw: ParamDraw, qid: str, runs: int, timeout: float,
                row_cap: int | None = None) -> tuple[list[float], int, int, str | None]:
    """Seconds of ``runs`` runs of ``qid`` (after one uncounted warm-up run), the most rows
    one run returned, the number of timeouts (each counted as ``timeout`` seconds), and the
    error that stopped the runs, if any."""
    from queries.library import run_named

    times: list[float] = []
    rows = timeouts = 0
    for i in range(runs + 1):  # the first run warms caches and is not counted
        params = draw.params(qid)
        t0 = time.perf_counter()
        try:
            rows = max(rows, len(run_named(store, qid, params, timeout=timeout, row_cap=row_cap)))
        except QueryTimeout:
            timeouts += 1
            if i > 0:
                times.append(timeout)
            continue
        except StoreError as e:
            return times, rows, timeouts, str(e)[:200]
        if i > 0:
            times.append(time.perf_counter() - t0)
    return times, rows, timeouts, None


def _ms(values: list[float], q: float) -> float | None:
    return round(_pct(values, q) * 1000, 1) if values else None


BENCH_TIMEOUT_S = 3600.0  # the time limit of the bench's own reads outside the timed queries


@contextmanager
def _bench_limits(timeout: float = BENCH_TIMEOUT_S, *, answers: bool = True):
    """The bench times whole results, so its own runs lift the app's configured row caps and
    take the bench's timeout (a per-call value may only lower the configured limits).
    ``answers=False`` keeps the app's ``KG_ROW_CAP`` (the precompute stores audits cut as
    the app cuts them)."""
    names = ("KG_ROW_CAP", "KG_GRAPH_ROW_CAP", "KG_QUERY_TIMEOUT_S")
    saved = {n: os.environ.get(n) for n in names}
    os.environ.update(KG_GRAPH_ROW_CAP=str(10**12), KG_QUERY_TIMEOUT_S=str(timeout))
    if answers:
        os.environ["KG_ROW_CAP"] = str(10**9)
    try:
        yield
    finally:
        for n, v in saved.items():
            if v is None:
                os.environ.pop(n, None)
            else:
                os.environ[n] = v


def bench_queries(store: GraphStore, draw: ParamDraw, runs: int, timeout: float,
                  log: Callable[[str], None]) -> list[dict]:
    """p50/p95 of every library query with whole results, as ``kg query`` returns them.  A
    query that returned more rows than the app shows (``KG_ROW_CAP``) is timed again as the
    app runs it, cut at that cap (``app_p50_ms``/``app_p95_ms``); ``ok`` is about whole results."""
    from queries.library import load_library

    app_cap = int(config.setting("KG_ROW_CAP"))
    with _bench_limits(timeout):
        return [_bench_query(store, draw, qid, runs, timeout, app_cap, log) for qid in sorted(load_library())]


def _bench_query(store: GraphStore, draw: ParamDraw, qid: str, runs: int, timeout: float, app_cap: int,
                 log: Callable[[str], None]) -> dict:
    """One query's row of :func:`bench_queries`."""
    times, rows, timeouts, error = _time_query(store, draw, qid, runs, timeout)
    target = PATH_TARGET_MS if qid in PATH_QUERIES else QUERY_TARGET_MS
    p95 = _ms(times, 0.95)
    row = {"query": qid, "runs": len(times), "p50_ms": _ms(times, 0.5), "p95_ms": p95,
           "max_ms": round(max(times) * 1000, 1) if times else None, "rows": rows,
           "timeouts": timeouts, "target_ms": target,
           "ok": bool(times) and error is None and timeouts == 0 and p95 <= target}
    if error:
        row["error"] = error
    if rows > app_cap and not error:
        capped, _, capped_timeouts, _ = _time_query(store, draw, qid, runs, timeout, row_cap=app_cap)
        app_p95 = _ms(capped, 0.95)
        row.update(app_row_cap=app_cap, app_p50_ms=_ms(capped, 0.5), app_p95_ms=app_p95,
                   app_ok=bool(capped) and capped_timeouts == 0 and app_p95 <= target)
    log(f"  {qid}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms ({rows} rows)"
        + (f"; cut at {app_cap} rows as in the app: p95 {row['app_p95_ms']} ms" if "app_p95_ms" in row else "")
        + (f", {timeouts} timeout(s)" if timeouts else "") + (f", ERROR {error}" if error else ""))
    return row


# --------------------------------------------------------------------------- analytics


from graph.analyses import ANALYSES  # noqa: E402  (one list of the analyses)
#: networkx partners and brokers are pure Python over every pair / neighbourhood: minutes at M
NX_ONLY_UP_TO = {"partners": 20_000, "brokers": 20_000}


def _timed(f) -> float:
    t = time.perf_counter()
    f()
    return round(time.perf_counter() - t, 2)


def bench_analytics(store: GraphStore, betweenness_k: int, log: Callable[[str], None],
                    networkx: bool = True) -> dict[str, float]:
    """networkx over ``store.export()`` and the fast path (graph.fast_analytics over
    graph.projection arrays, degree in the store) side by side; ``analytics_<a>_ratio`` =
    networkx seconds / fast seconds."""
    from graph import analytics as nxa
    from graph import fast_analytics as fa

    out: dict[str, float | None] = {}
    t0 = time.perf_counter()
    out["analytics_arrays_s"] = _timed(lambda: out.update(_A=fa.read_arrays(store)))
    A = out.pop("_A")
    fast = {"degree": lambda: fa.degree_centrality(store, top=100),
            "betweenness": lambda: fa.betweenness_centrality(A, k=betweenness_k, top=100),
            "communities": lambda: fa.communities(A, members=50),
            "partners": lambda: fa.suggest_partners(A, top=100),
            "brokers": lambda: fa.brokers_between_tracks(A, top=100)}
    for a in ANALYSES:
        out[f"analytics_fast_{a}_s"] = _timed(fast[a])
    out["analytics_fast_total_s"] = round(time.perf_counter() - t0, 2)
    log(f"  fast: arrays {out['analytics_arrays_s']} s, " + ", ".join(
        f"{a} {out[f'analytics_fast_{a}_s']} s" for a in ANALYSES))
    if not networkx:
        return out
    t0 = time.perf_counter()
    out["analytics_export_s"] = _timed(lambda: out.update(_G=store.export()))
    G = out.pop("_G")
    slow = {"degree": lambda: nxa.degree_centrality(G), "betweenness": lambda: nxa.betweenness_centrality(G, k=betweenness_k),
            "communities": lambda: nxa.communities(G), "partners": lambda: nxa.suggest_partners(G, top=100),
            "brokers": lambda: nxa.brokers_between_tracks(G, top=100)}
    for a in ANALYSES:
        if G.number_of_nodes() > NX_ONLY_UP_TO.get(a, 10**9):
            out[f"analytics_{a}_s"] = out[f"analytics_{a}_ratio"] = None
            continue
        out[f"analytics_{a}_s"] = _timed(slow[a])
        out[f"analytics_{a}_ratio"] = round(out[f"analytics_{a}_s"] / max(out[f"analytics_fast_{a}_s"], 0.01), 1)
    out["analytics_total_s"] = round(time.perf_counter() - t0, 2)
    log(f"  networkx: export {out['analytics_export_s']} s, " + ", ".join(
        f"{a} {out[f'analytics_{a}_s']} s ({out[f'analytics_{a}_ratio']}x)" for a in ANALYSES))
    return out


# --------------------------------------------------------------------------- the run


def timed_generate(scale: str, seed: int) -> tuple[dict, list, dict]:
    """``(nodes, rels, stats)``: the generated graph, with the seconds it took and the peak
    resident memory of the process afterwards (tracemalloc would slow generation ~10x)."""
    from bench.generate import generate

    t0 = time.perf_counter()
    nodes, rels = generate(scale, seed)
    secs = time.perf_counter() - t0
    return nodes, rels, {"generate_s": round(secs, 2), "generate_peak_rss_mb": _rss_mb()}


def _open(kind: str, tmp: Path, buffer_pool_mb: int | None, keep: Path | None = None) -> GraphStore:
    from graph.store import open_store

    if kind == "embedded":
        return open_store("embedded", path=keep or tmp / "db", buffer_pool_mb=buffer_pool_mb)
    store = open_store("neo4j")
    store.apply_schema()
    return store


def run_bench(scale: str = "S", store_kind: str = "embedded", *, seed: int = 42, naive_rows: int = 2000,
              query_runs: int | None = None, query_timeout: float = 30.0, betweenness_k: int | None = None,
              unwind: bool | None = None, analytics: bool = True, buffer_pool_mb: int | None = None,
              batch_size: int | None = None, log: Callable[[str], None] = lambda s: None,
              data: tuple[dict, list, dict] | None = None, keep: Path | None = None,
              networkx: bool = True) -> dict[str, Any]:
    """Benchmark ``store_kind`` at ``scale``; a dict of the metrics (see :data:`METRICS`)
    and ``queries`` (one row per library query).  ``keep``: the embedded store is made at
    this (new) path instead of a temporary one and left there, loaded, for ``KG_EMBEDDED_PATH``."""
    if keep is not None:
        keep = Path(keep)
        if keep.exists():
            raise FileExistsError(f"{keep}: already exists; --keep makes a new store")
    scale = scale.upper()
    query_runs = query_runs or (20 if scale in ("XS", "S") else 10)
    betweenness_k = betweenness_k or (50 if scale in ("M", "L") else 500)
    batch_size = batch_size or int(config.setting("KG_BATCH_SIZE"))
    if unwind is None:
        unwind = store_kind == "embedded" or scale in ("XS", "S")
    res: dict[str, Any] = {"scale": scale, "store": store_kind, "seed": seed, "batch_size": batch_size}

    if data is None:
        data = timed_generate(scale, seed)
    nodes, rels, gen_stats = data
    res.update(gen_stats)
    n_rows = sum(len(v) for v in nodes.values()) + len(rels)
    res["nodes"] = sum(len(v) for v in nodes.values())
    res["relationships"] = len(rels)
    log(f"[{store_kind} {scale}] {res['nodes']} nodes, {res['relationships']} relationships "
        f"(generated in {res['generate_s']} s)")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmpdir:
        tmp = Path(tmpdir)
        store = _open(store_kind, tmp, buffer_pool_mb, keep if store_kind == "embedded" else None)
        try:
            res["store_describe"] = store.describe()
            if store_kind == "neo4j":
                log(f"  clearing {store.describe()} (the benchmark needs an empty database)")
            store.clear()

            # --- naive baseline on a sample ---------------------------------------------
            s_nodes, s_rels = naive_sample(nodes, rels, naive_rows, seed)
            stmts = _naive_statements(s_nodes, s_rels)
            secs = run_naive(store, stmts)
            res["ingest_naive_rows"] = len(stmts)
            res["ingest_naive_s"] = round(secs, 2)
            res["ingest_naive_rows_per_s"] = round(len(stmts) / secs, 1)
            log(f"  naive: {len(stmts)} rows in {secs:.2f} s = {res['ingest_naive_rows_per_s']} rows/s")
            store.clear()

            # --- the UNWIND … MERGE path forced (what a load into a non-empty store uses) ---
            res["ingest_unwind_s"] = res["ingest_unwind_rows_per_s"] = res["ingest_unwind_speedup"] = None
            if unwind:
                if store_kind == "embedded":
                    target = _open("embedded", tmp, buffer_pool_mb, keep=tmp / "db-unwind")
                else:
                    target = store
                try:
                    t0 = time.perf_counter()
                    with _bench_limits():  # the diff reads are whole reads, far past the app's cap at L
                        target.load(nodes, rels, batch_size=batch_size, bulk=False)
                    secs = time.perf_counter() - t0
                finally:
                    if target is not store:
                        target.close()
                    else:
                        store.clear()
                res["ingest_unwind_s"] = round(secs, 2)
                res["ingest_unwind_rows_per_s"] = round(n_rows / secs, 1)
                log(f"  unwind-merge (bulk=False, with diff): {secs:.2f} s = {res['ingest_unwind_rows_per_s']} rows/s")

            # --- the project's batched path -------------------------------------------------
            store.last_load_path = None
            t0 = time.perf_counter()
            with _bench_limits():
                store.load(nodes, rels, batch_size=batch_size)
            secs = time.perf_counter() - t0
            res["ingest_batched_rows"] = n_rows
            res["ingest_batched_s"] = round(secs, 2)
            res["ingest_batched_rows_per_s"] = round(n_rows / secs, 1)
            res["ingest_batched_path"] = getattr(store, "last_load_path", None) or "unwind-merge"
            res["ingest_speedup"] = round(res["ingest_batched_rows_per_s"] / res["ingest_naive_rows_per_s"], 1)
            log(f"  batched ({res['ingest_batched_path']}): {n_rows} rows in {secs:.2f} s = "
                f"{res['ingest_batched_rows_per_s']} rows/s, {res['ingest_speedup']}x naive")
            res["peak_rss_after_ingest_mb"] = _rss_mb()
            if res["ingest_unwind_rows_per_s"]:
                res["ingest_unwind_speedup"] = round(res["ingest_unwind_rows_per_s"] / res["ingest_naive_rows_per_s"], 1)

            # --- queries -------------------------------------------------------------------------
            draw = ParamDraw(nodes, rels, seed)
            # The generated rows (a million dicts at M) stay alive in this process, as they do not
            # in the app: unfrozen, a full garbage collection set off by a large result walks them
            # all and adds 100-300 ms to whichever query it lands in.
            gc.collect()
            gc.freeze()
            try:
                qrows = bench_queries(store, draw, query_runs, query_timeout, log)
            finally:
                gc.unfreeze()
            res["queries"] = qrows
            timed = [q for q in qrows if q["p95_ms"] is not None]
            res["query_p50_ms"] = round(statistics.median(q["p50_ms"] for q in timed), 1) if timed else None
            res["query_p95_ms"] = round(statistics.median(q["p95_ms"] for q in timed), 1) if timed else None
            worst = max(timed, key=lambda q: q["p95_ms"]) if timed else None
            res["query_worst_p95_ms"] = worst["p95_ms"] if worst else None
            res["query_worst"] = worst["query"] if worst else None
            res["queries_over_target"] = [q["query"] for q in qrows if not q["ok"]]

            if keep is not None:  # what the app reads after a load, for the kept store
                from graph import precompute

                with _bench_limits(answers=False):  # whole reads lifted, audits cut as in the app
                    done = precompute.refresh(store)
                res["precompute_s"] = done["total_s"]
                res["precompute_steps_s"] = done["seconds"]
                log(f"  precomputed audits and analytics in {done['total_s']} s: {done['seconds']}")

            # --- analytics ---------------------------------------------------------------------
            if analytics:
                with _bench_limits():
                    res.update(bench_analytics(store, betweenness_k, log, networkx))
                res["betweenness_k"] = betweenness_k
            else:
                for k in METRICS:
                    if k.startswith("analytics_"):
                        res[k] = None
        finally:
            store.close()
    res["peak_rss_mb"] = _rss_mb()
    return res
