"""The physical reference for Neo4j ingest: ``neo4j-admin database import full``.

The admin tool ships in the same Maven Central artefacts as the server that
``scripts/neo4j-local`` runs (``org.neo4j:neo4j`` pulls in ``neo4j-import-tool`` and
``neo4j-command-line``), so ``scripts/neo4j-local admin …`` runs it on a home of its own. It
writes the store files of an offline, empty database directly from CSV: no transactions, no
Cypher, no indexes (those are built afterwards, when the server starts and the schema is
applied). It is what a province-scale first load would use; the project's online path
(``UNWIND … CREATE`` in one transaction) is what ``kg ingest`` can do on a running server.

Usage: ``python -m bench.admin_import --scale M [--keep DIR]``.  It writes the CSV files,
times the import, then starts a private server on the imported home, applies the schema
(timed: the index builds), sets the empty arrays the tool cannot write, and compares node
counts per label and relationship counts per type with the generated rows.  The whole
graph's checksum is compared in ``tests/test_bench.py`` (at XS).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from graph import model
from graph.store.base import with_search_keys

__all__ = ["write_import_csv", "admin_import", "SCRIPT"]

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "neo4j-local"
# Array elements are joined with the ASCII unit separator, which no value of ours contains
# (checked), instead of the tool's default ';', which a name or a source may contain.
ARRAY_DELIMITER = "\x1f"

_CSV_TYPES = {"STRING": "string", "INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean",
              "STRING[]": "string[]", "INT64[]": "long[]"}


def _field(value, typ: str) -> str:
    """One CSV field: strings quoted (so that an empty string stays a string), absent values
    empty and unquoted (the tool then sets no property), arrays joined and quoted."""
    if value is None:
        return ""
    if typ.endswith("[]"):
        items = [str(v) for v in value]
        if any(ARRAY_DELIMITER in v for v in items):
            raise ValueError(f"an array element contains the array delimiter U+001F: {items!r}")
        value = ARRAY_DELIMITER.join(items)
    elif typ == "BOOLEAN":
        return "true" if value else "false"
    elif typ != "STRING":
        return str(value)
    return '"' + str(value).replace('"', '""') + '"'


def _prop_types(props: tuple[model.Prop, ...]) -> dict[str, str]:
    return {p.name: p.type for p in props}


def write_import_csv(nodes: dict[str, list[dict]], rels: list[dict], directory: Path) -> list[str]:
    """Write ``nodes`` and ``rels`` (what :meth:`GraphStore.load` takes) as CSV files for
    ``neo4j-admin database import full`` into ``directory``; the tool's arguments for them.

    One node file per label, ids in an id space of that label (ids are unique per label, as in
    the model), and one relationship file per (type, from label, to label).  Property types
    come from the model.  The tool cannot write an empty array (an empty field sets no
    property); :func:`empty_arrays` lists them for a patch after the import.
    """
    directory.mkdir(parents=True, exist_ok=True)
    args = ["--array-delimiter=U+001F", "--multiline-fields=true"]
    for label, rows in nodes.items():
        if not rows:
            continue
        rows = with_search_keys(rows)
        types = _prop_types(model.stored_node_props(label))
        cols = [c for c in types if c != "id" and any(c in r for r in rows)]
        path = directory / f"nodes-{label}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(",".join([f"id:ID({label})", *(f"{c}:{_CSV_TYPES[types[c]]}" for c in cols)]) + "\n")
            for r in rows:
                f.write(",".join([_field(r["id"], "STRING"),
                                  *(_field(r.get(c), types[c]) for c in cols)]) + "\n")
        args.append(f"--nodes={label}={path}")
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in rels:
        groups[(r["type"], r["from_label"], r["to_label"])].append(r)
    for (type_, fl, tl), rows in sorted(groups.items()):
        types = _prop_types(model.rel_props(type_))
        cols = [c for c in types if any(c in r for r in rows)]
        path = directory / f"rels-{type_}-{fl}-{tl}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(",".join([f":START_ID({fl})", f":END_ID({tl})", *(f"{c}:{_CSV_TYPES[types[c]]}" for c in cols)])
                    + "\n")
            for r in rows:
                f.write(",".join([_field(r["from_id"], "STRING"), _field(r["to_id"], "STRING"),
                                  *(_field(r.get(c), types[c]) for c in cols)]) + "\n")
        args.append(f"--relationships={type_}={path}")
    return args


def empty_arrays(nodes: dict[str, list[dict]]) -> dict[tuple[str, str], list[str]]:
    """``{(label, property): [id, …]}`` of the node properties that are empty arrays."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label, rows in nodes.items():
        arrays = [p.name for p in model.node_props(label) if p.type.endswith("[]")]
        for r in rows:
            for name in arrays:
                if r.get(name) == []:
                    out[(label, name)].append(r["id"])
    return dict(out)


def _script(home: Path, *args: str, port: int | None = None, heap: str = "2g", timeout: float = 3600,
            ) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEO4J_HOME_DIR": str(home), "NEO4J_HEAP": heap}
    if port:
        env["NEO4J_PORT"] = str(port)
    return subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=timeout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def admin_import(nodes: dict[str, list[dict]], rels: list[dict], home: Path, *, heap: str = "2g",
                 checksum: bool = False, log=lambda s: None) -> dict:
    """Import ``nodes`` and ``rels`` with ``neo4j-admin database import full`` into a new
    Neo4j home ``home``, then start a server on it, apply the schema and compare counts per
    label and type with the rows (with ``checksum``, also return the imported graph's
    :meth:`GraphStore.checksum`).  The seconds of each step, and the counts."""
    from graph.store import open_store

    out: dict = {}
    t0 = time.perf_counter()
    args = write_import_csv(nodes, rels, home / "import")
    out["csv_write_s"] = round(time.perf_counter() - t0, 2)
    log(f"  CSV files written in {out['csv_write_s']} s")
    t0 = time.perf_counter()
    # The database name first: a --nodes/--relationships option takes every file after it.
    proc = _script(home, "admin", "database", "import", "full", "neo4j", "--overwrite-destination=true",
                   f"--report-file={home / 'import.report'}", *args, heap=heap)
    out["import_s"] = round(time.perf_counter() - t0, 2)
    if proc.returncode != 0:
        raise RuntimeError(f"neo4j-admin import failed ({proc.returncode}): {(proc.stderr or proc.stdout)[-3000:]}")
    n_rows = sum(len(v) for v in nodes.values()) + len(rels)
    out["rows"] = n_rows
    out["import_rows_per_s"] = round(n_rows / out["import_s"], 1)
    log(f"  neo4j-admin database import full: {n_rows} rows in {out['import_s']} s = {out['import_rows_per_s']} rows/s")
    shutil.rmtree(home / "import", ignore_errors=True)
    port = _free_port()
    proc = _script(home, "start", port=port, heap=heap, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"the server on the imported home did not start: {proc.stderr[-2000:]}")
    env = dict(line[len("export "):].split("=", 1) for line in proc.stdout.splitlines() if line.startswith("export "))
    try:
        store = open_store("neo4j", uri=env["NEO4J_URI"], user=env["NEO4J_USER"], password=env["NEO4J_PASSWORD"],
                           database=env["NEO4J_DATABASE"])
        try:
            t0 = time.perf_counter()
            store.apply_schema()
            out["schema_s"] = round(time.perf_counter() - t0, 2)
            log(f"  schema applied (indexes built) in {out['schema_s']} s")
            t0 = time.perf_counter()
            patched = 0
            for (label, name), ids in empty_arrays(nodes).items():
                # Label and property come from the model, the ids are a parameter.
                store.write(f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) SET n.{name} = []", {"ids": ids})
                patched += len(ids)
            out["empty_arrays_patched"] = patched
            out["patch_s"] = round(time.perf_counter() - t0, 2)
            log(f"  {patched} empty arrays set afterwards in {out['patch_s']} s")
            stats = store.stats()
            out["stats"] = stats
            out["counts_match"] = stats == expected_stats(nodes, rels)
            log(f"  counts per label and type equal to the generated rows: {out['counts_match']}")
            if checksum:
                out["checksum"] = store.checksum()
        finally:
            store.close()
    finally:
        _script(home, "stop", port=port, timeout=120)
    return out


def expected_stats(nodes: dict[str, list[dict]], rels: list[dict]) -> dict:
    """What :meth:`GraphStore.stats` should give for these rows (ids and endpoints unique)."""
    by_type = Counter(r["type"] for r in rels)
    return {"nodes": {lb: len(nodes.get(lb) or []) for lb in model.labels()},
            "relationships": {t: by_type[t] for t in model.rel_types()}}


def main(argv: list[str] | None = None) -> int:
    import argparse

    from bench.generate import generate

    ap = argparse.ArgumentParser(prog="python -m bench.admin_import", description=__doc__.split("\n\n")[0])
    ap.add_argument("--scale", default="S", choices=["XS", "S", "M", "L"])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--heap", default="2g", help="heap of the admin tool and of the verifying server")
    ap.add_argument("--keep", type=Path, default=None, help="import into this home and keep it")
    ap.add_argument("--output", type=Path, default=None, help="also write the JSON results here")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    nodes, rels = generate(a.scale, a.seed)
    log = lambda s: print(s, flush=True)  # noqa: E731
    log(f"[neo4j-admin import {a.scale}] generated in {time.perf_counter() - t0:.1f} s")
    home = a.keep or Path(tempfile.mkdtemp(prefix="kg-admin-import-"))
    try:
        res = {"scale": a.scale, "seed": a.seed, **admin_import(nodes, rels, home, heap=a.heap, log=log)}
    finally:
        if a.keep is None:
            shutil.rmtree(home, ignore_errors=True)
    if a.output:
        a.output.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if res["counts_match"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
