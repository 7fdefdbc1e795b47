"""``kg bench``: the performance benchmark on synthetic data (see BENCHMARKS.md)."""

from __future__ import annotations

import json

import click

from graph.formatting import render


def _fmt(v):
    if isinstance(v, float):
        return f"{v:,.1f}" if abs(v) >= 100 else f"{v:g}"
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "-"
    return "-" if v is None else str(v)


def render_results(results: list[dict], fmt: str) -> str:
    from bench.run import METRICS

    if fmt == "json":
        return json.dumps(results, ensure_ascii=False, indent=2, default=str)
    heads = ["metric"] + [f"{r['store']} {r['scale']}" for r in results]
    rows = [[m] + [_fmt(r.get(m)) for r in results] for m in METRICS]
    out = [render(heads, rows, max_cell=400)]
    for r in results:
        out.append("")
        out.append(f"queries on {r['store']} {r['scale']} ({r['queries'][0]['runs'] if r['queries'] else 0} runs each):")
        out.append(render(["query", "p50_ms", "p95_ms", "max_ms", "rows", "target_ms", "ok", "p95_ms in the app"],
                          [[q["query"], q["p50_ms"], q["p95_ms"], q["max_ms"], q["rows"], q["target_ms"],
                            "yes" if q["ok"] else ("ERROR: " + q["error"] if q.get("error") else "NO"),
                            f"{q['app_p95_ms']} (first {q['app_row_cap']} rows)" if "app_p95_ms" in q else ""]
                           for q in r["queries"]]))
    return "\n".join(out)


def register(cli: click.Group) -> None:
    @cli.command()
    @click.option("--scale", type=click.Choice(["XS", "S", "M", "L"], case_sensitive=False), default="S",
                  show_default=True, help="XS ~1k nodes, S ~10k/50k rels, M ~100k/1M rels, L ~1M/10M rels")
    @click.option("--store", "stores", type=click.Choice(["embedded", "neo4j", "both"]), default=None,
                  help="which store(s) to measure (default: the active store)")
    @click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
    @click.option("--seed", type=int, default=42, show_default=True)
    @click.option("--naive-rows", type=int, default=2000, show_default=True,
                  help="rows of the naive one-statement-per-row baseline (extrapolated)")
    @click.option("--query-runs", type=int, default=None, help="timed runs per library query (default 20 at XS/S, 10 above)")
    @click.option("--query-timeout", type=float, default=30.0, show_default=True, help="seconds per query run")
    @click.option("--betweenness-k", type=int, default=None, help="betweenness pivots (default 500; 50 at M/L)")
    @click.option("--no-unwind", is_flag=True, help="skip the forced UNWIND…MERGE load (embedded)")
    @click.option("--no-analytics", is_flag=True, help="skip the analytics timings")
    @click.option("--buffer-pool-mb", type=int, default=None, help="embedded buffer pool (default KG_BUFFER_POOL_MB)")
    @click.option("--output", type=click.Path(dir_okay=False), default=None, help="also write the JSON results here")
    @click.option("--no-networkx", is_flag=True, help="time only the fast analytics, not networkx beside them")
    @click.option("--keep", type=click.Path(file_okay=False), default=None,
                  help="make the embedded store at this new path and keep it (for KG_EMBEDDED_PATH)")
    @click.option("--quiet", "-q", is_flag=True, help="no progress lines on stderr")
    @click.pass_context
    def bench(ctx, scale, stores, fmt, seed, naive_rows, query_runs, query_timeout, betweenness_k, no_unwind,
              no_analytics, no_networkx, buffer_pool_mb, keep, output, quiet):
        """Benchmark ingest, library queries and analytics on synthetic data.

        The embedded store runs in a temporary directory.  The Neo4j store runs against the
        NEO4J_* settings and CLEARS that database first.
        """
        from graph import config
        from bench.run import machine, run_bench

        kind = stores or ctx.obj.get("store") or config.setting("KG_STORE")
        kinds = ["embedded", "neo4j"] if kind == "both" else [kind]
        if "neo4j" in kinds:
            click.echo(f"kg bench: WARNING: the Neo4j database at {config.setting('NEO4J_URI')} "
                       f"({config.setting('NEO4J_DATABASE')}) will be CLEARED", err=True)
        log = (lambda s: None) if quiet else (lambda s: click.echo(s, err=True))
        from bench.run import timed_generate

        data = timed_generate(scale, seed)
        results = []
        for k in kinds:
            r = run_bench(scale, k, seed=seed, naive_rows=naive_rows, query_runs=query_runs,
                          query_timeout=query_timeout, betweenness_k=betweenness_k,
                          unwind=False if no_unwind else None, analytics=not no_analytics,
                          buffer_pool_mb=buffer_pool_mb, log=log, data=data,
                          keep=keep, networkx=not no_networkx)
            r["machine"] = machine()
            results.append(r)
        if output:
            with open(output, "w", encoding="utf-8") as f:
                json.dump(results, f, ensure_ascii=False, indent=2, default=str)
        click.echo(render_results(results, fmt))
