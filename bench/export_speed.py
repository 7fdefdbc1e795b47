"""Whole-graph export times: streamed (graph.stream_export) vs networkx (store.export() then
graph.export.export_graph), side by side in one run, on the store the settings name.

    KG_EMBEDDED_PATH=/tmp/scale/m python -m bench.export_speed            # an M store from kg bench --keep
    python -m bench.export_speed --formats graphml gexf --no-networkx --runs 3

Prints one row per format (seconds, CPU seconds, load average, file size, networkx ÷ streamed)
and writes the JSON to ``bench/results/export-<store>-<nodes>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from graph.export import export_graph
from graph.store import open_store
from graph.stream_export import STREAM_FORMATS, export_store


def _timed(f):
    t = time.perf_counter()
    out = f()
    return round(time.perf_counter() - t, 2), out


def _cpu_timed(f) -> dict:
    """Wall and CPU seconds of ``f()`` (the process's, every thread), and the 1-minute load
    average after it: on a shared machine the wall time grows with the load, the CPU time less."""
    t, c = time.perf_counter(), time.process_time()
    f()
    return {"streamed_s": round(time.perf_counter() - t, 2), "streamed_cpu_s": round(time.process_time() - c, 2),
            "load_1m": round(os.getloadavg()[0], 1)}


def run(formats, networkx: bool, runs: int = 1) -> dict:
    out: dict = {"formats": {}}
    with open_store() as store, tempfile.TemporaryDirectory() as tmp:
        stats = store.stats()
        out.update(store=store.dialect, nodes=sum(stats["nodes"].values()),
                   relationships=sum(stats["relationships"].values()))
        seen: dict = {fmt: [] for fmt in formats}
        for _ in range(runs):  # the formats in turn, so that a change of load reaches each alike
            for fmt in formats:  # streamed first: a networkx graph held in memory slows every later step
                path = Path(tmp) / f"streamed.{fmt}"
                seen[fmt].append(dict(_cpu_timed(lambda: export_store(store, path, fmt)),
                                      streamed_mb=round(path.stat().st_size / 2**20, 1)))
                path.unlink()
        for fmt, rows in seen.items():  # the run of median wall time, and every run
            out["formats"][fmt] = dict(sorted(rows, key=lambda r: r["streamed_s"])[(len(rows) - 1) // 2], runs=rows)
        if networkx:
            out["networkx_read_s"], G = _timed(store.export)
            for fmt in formats:
                row = out["formats"][fmt]
                write_s, _ = _timed(lambda: export_graph(G, Path(tmp) / f"networkx.{fmt}", fmt))
                row["networkx_s"] = round(out["networkx_read_s"] + write_s, 2)
                row["ratio"] = round(row["networkx_s"] / max(row["streamed_s"], 0.01), 1)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--formats", nargs="+", default=list(STREAM_FORMATS), choices=STREAM_FORMATS)
    ap.add_argument("--no-networkx", action="store_true", help="time the streamed export only")
    ap.add_argument("--runs", type=int, default=1, help="streamed runs of each format (the median is shown)")
    args = ap.parse_args(argv)
    res = run(args.formats, not args.no_networkx, args.runs)
    print(f"{res['store']}: {res['nodes']} nodes, {res['relationships']} relationships")
    print("format    streamed s  (CPU s)  load   MB   networkx s (read + write)   networkx ÷ streamed")
    for fmt, r in res["formats"].items():
        print(f"{fmt:9} {r['streamed_s']:10} {r['streamed_cpu_s']:8} {r['load_1m']:5} {r['streamed_mb']:6} "
              f"{r.get('networkx_s', '—'):>14} {r.get('ratio', '—'):>18}")
    dest = Path(__file__).parent / "results" / f"export-{res['store']}-{res['nodes']}.json"
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
