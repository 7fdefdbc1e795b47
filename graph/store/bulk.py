"""Bulk loading into an EMPTY store: the engine's fast path, still all or nothing.

:meth:`GraphStore.load` upserts with ``UNWIND $rows … MERGE`` in batches.  That is the
right tool for incremental loads, but a first load of a large graph spends its time in
the per-row MERGE lookups.  When the store holds no node at all, every row is new, so:

* nothing needs diffing: every row is ``created`` (the summary is the one the MERGE
  path would give, row for row, duplicates included);
* LadybugDB can use ``COPY <table> FROM <arrow table>`` (its bulk loader,
  ~30× faster than ``UNWIND … MERGE`` here) for each node table and each
  (FROM, TO) pair of each relationship table (``COPY T FROM x (from='A', to='B')``).
  All COPY statements run inside ONE transaction (``BEGIN TRANSACTION`` … ``COMMIT``):
  LadybugDB rolls the whole transaction back when one of them fails, so the store is left
  empty, as it was; the caller then falls back to the ordinary MERGE path, which reports
  the problem the way it always does.

Rows are pre-merged the way MERGE would merge them: two rows with the same ``id`` become
one node (later values win, properties a later row does not mention are kept); two
relationships with the same type and endpoints become one.  A relationship whose endpoint
is not in the load is dropped, as the ``MATCH … MATCH … MERGE`` statement drops it.
Anything the bulk path is not sure about (a property outside the model, a pair the
model does not allow, a value that does not fit the column type) makes it step aside
(return ``None``) and the ordinary path runs.

Crash safety: the COPY statements are ordinary statements of one LadybugDB write
transaction, so they are committed atomically through its WAL like any other write;
a process killed before ``COMMIT`` leaves an uncommitted transaction that is not replayed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from graph import model
from graph.store.base import META_LABEL, version_bump

if TYPE_CHECKING:  # pragma: no cover
    from graph.store.base import GraphStore, LoadSummary, Progress

__all__ = ["BULK_MIN_ROWS", "store_is_empty", "merge_rows", "ladybug_bulk_load", "neo4j_bulk_load",
           "neo4j_plan"]

# Below this many rows the ordinary path is as fast and keeps the familiar code path.
BULK_MIN_ROWS = 5000



def _rel_groups(merged_nodes: dict, merged_rels: dict) -> dict[tuple[str, str, str], list[dict]]:
    """Merged relationships by (type, from label, to label), leaving out those whose
    endpoint is not loaded: ``MATCH … MATCH … MERGE`` would create nothing for them."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for (t, fl, fid, tl, tid), r in merged_rels.items():
        if fid not in merged_nodes.get(fl, {}) or tid not in merged_nodes.get(tl, {}):
            continue
        groups[(t, fl, tl)].append(r)
    return groups

def store_is_empty(store: "GraphStore") -> bool:
    """Whether the store holds no node of any label (hence no relationship either)."""
    if store.dialect == "neo4j":
        return not store.read(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN 1 AS x LIMIT 1", trusted=True).rows
    for label in model.labels():
        if store.read(f"MATCH (n:{label}) RETURN 1 AS x LIMIT 1", trusted=True).rows:
            return False
    return True


def merge_rows(nodes: dict[str, list[dict]], rels: list[dict]
               ) -> tuple[dict[str, dict[str, dict]], dict[tuple, dict]]:
    """Rows merged as MERGE … SET would merge them: nodes by ``(label, id)``, relationships by
    ``(type, from_label, from_id, to_label, to_id)``; later values win.  Each merged node
    gets its ``search_key`` (derived from the merged name and aliases)."""
    merged_nodes: dict[str, dict[str, dict]] = {}
    for label, rows in nodes.items():
        by_id: dict[str, dict] = {}
        for r in rows or ():
            cur = by_id.get(r["id"])
            if cur is None:
                by_id[r["id"]] = dict(r)
            else:
                cur.update(r)
        for r in by_id.values():  # copies: the caller's rows stay as they were
            r[model.SEARCH_KEY] = model.search_key(r.get("name"), r.get("aliases"))
        if by_id:
            merged_nodes[label] = by_id
    merged_rels: dict[tuple, dict] = {}
    for r in rels:
        key = (r["type"], r["from_label"], r["from_id"], r["to_label"], r["to_id"])
        cur = merged_rels.get(key)
        if cur is None:
            merged_rels[key] = dict(r)
        else:
            cur.update(r)
    return merged_nodes, merged_rels


def _summary(nodes: dict[str, list[dict]], rels: list[dict]) -> "LoadSummary":
    from graph.store.base import LoadSummary

    summary = LoadSummary()
    for label in model.labels():
        n = len(nodes.get(label) or ())
        if n:
            summary.add(label, "created", n)
    for r in rels:
        summary.add(r["type"], "created")
    return summary


def _arrow_type(t: str):
    import pyarrow as pa

    return {"STRING": pa.string(), "INT64": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
            "STRING[]": pa.list_(pa.string()), "INT64[]": pa.list_(pa.int64())}[t]


def _arrow_table(columns: list[tuple[str, str]], rows: list[dict], extra: dict[str, list] | None = None):
    """An Arrow table with the given ``(name, model type)`` columns in order, after the
    ``extra`` leading columns (the relationship endpoints).  Raises ``TypeError`` /
    ``ValueError`` / ``pyarrow.ArrowException`` when a value does not fit."""
    import pyarrow as pa

    arrays, names = [], []
    for name, values in (extra or {}).items():
        arrays.append(pa.array(values, type=pa.string()))
        names.append(name)
    for name, t in columns:
        values = [r.get(name) for r in rows]
        if t == "DOUBLE":
            values = [float(v) if isinstance(v, int) and not isinstance(v, bool) else v for v in values]
        arrays.append(pa.array(values, type=_arrow_type(t)))
        names.append(name)
    return pa.Table.from_arrays(arrays, names=names)


def ladybug_plan(nodes: dict[str, list[dict]], rels: list[dict]) -> list[tuple[str, Any, int]] | None:
    """The COPY statements (text, Arrow table, rows) of a bulk load, or ``None`` when the
    bulk path should step aside."""
    import pyarrow as pa

    merged_nodes, merged_rels = merge_rows(nodes, rels)
    plan: list[tuple[str, Any, int]] = []
    try:
        for label in model.labels():
            rows = list((merged_nodes.get(label) or {}).values())
            if not rows:
                continue
            cols = [(p.name, p.type) for p in model.stored_node_props(label)]
            allowed = {c for c, _ in cols}
            if any(set(r) - allowed for r in rows) or any(not isinstance(r.get("id"), str) or not r["id"]
                                                          for r in rows):
                return None
            plan.append((f"COPY {label} FROM $bulk_rows", _arrow_table(cols, rows), len(rows)))
        groups = _rel_groups(merged_nodes, merged_rels)
        for (t, fl, tl), rows in sorted(groups.items()):
            if t not in model.rel_types() or not model.allowed_pair(t, fl, tl):
                return None
            cols = [(p.name, p.type) for p in model.rel_props(t)]
            allowed = {c for c, _ in cols} | {"type", "from_label", "from_id", "to_label", "to_id"}
            if any(set(r) - allowed for r in rows):
                return None
            table = _arrow_table(cols, rows, {"from": [r["from_id"] for r in rows],
                                              "to": [r["to_id"] for r in rows]})
            plan.append((f"COPY {t} FROM $bulk_rows (from='{fl}', to='{tl}')", table, len(rows)))
    except (TypeError, ValueError, OverflowError, pa.ArrowException):
        return None
    return plan


def ladybug_bulk_load(store, nodes: dict[str, list[dict]], rels: list[dict], *,
                      progress: "Progress | None" = None) -> "LoadSummary | None":
    """Load into an EMPTY embedded store with COPY, in one transaction.  ``None`` (nothing
    written) when the store is not empty or the bulk path cannot take these rows."""
    plan = ladybug_plan(nodes, rels)
    if plan is None:
        return None
    with store._write_lock:
        conn = store._writable()
        if not store_is_empty(store):
            return None
        conn.execute("BEGIN TRANSACTION")
        try:
            for q, table, n in plan:
                conn.execute(q, {"bulk_rows": table})
                if progress:
                    progress(n)
            conn.execute(*version_bump())
        except RuntimeError:
            store._rollback(conn)  # LadybugDB has already rolled back; this is a no-op then
            if not store_is_empty(store):  # pragma: no cover - never seen: say so loudly
                from graph.store.base import StoreError

                raise StoreError("bulk load failed and the store is not empty afterwards; "
                                 "run `kg clear --yes` and load again") from None
            return None
        conn.execute("COMMIT")
    store.last_load_path = "copy"
    return _summary(nodes, rels)


# --------------------------------------------------------------------------- Neo4j

def neo4j_plan(nodes: dict[str, list[dict]], rels: list[dict], batch_size: int
               ) -> tuple[list[tuple[str, str, list[dict]]], list[dict]] | None:
    """What a bulk load into an empty Neo4j database sends, or ``None`` when the bulk path
    should step aside: ``(label, statement, rows)`` node batches, each returning
    ``[id, elementId]`` of the nodes it created, and the relationship rows (``type``,
    endpoints, ``p`` the properties) for :data:`NEO4J_REL_CREATE` once the element ids are
    known."""
    from graph.store.base import rel_row_props

    merged_nodes, merged_rels = merge_rows(nodes, rels)
    node_batches: list[tuple[str, str, list[dict]]] = []
    for label in model.labels():
        rows = list((merged_nodes.get(label) or {}).values())
        if not rows:
            continue
        allowed = {p.name for p in model.stored_node_props(label)}
        if any(set(r) - allowed for r in rows):
            return None
        rows = [{k: v for k, v in r.items() if v is not None} for r in rows]
        q = f"UNWIND $rows AS r CREATE (n:{label}) SET n = r RETURN collect([r.id, elementId(n)])"
        node_batches += [(label, q, rows[i:i + batch_size]) for i in range(0, len(rows), batch_size)]
    rel_rows: list[dict] = []
    for (t, fl, tl), rows in sorted(_rel_groups(merged_nodes, merged_rels).items()):
        if t not in model.rel_types() or not model.allowed_pair(t, fl, tl):
            return None
        allowed = {p.name for p in model.rel_props(t)}
        for r in rows:
            props = {k: v for k, v in rel_row_props(r).items() if v is not None}
            if set(props) - allowed:
                return None
            rel_rows.append({"t": t, "a": (fl, r["from_id"]), "b": (tl, r["to_id"]), "p": props})
    return node_batches, rel_rows


# One text for every relationship: each distinct text costs Neo4j ~37 ms to plan here, and one per
# (type, from label, to label) was ~94 texts, 3.5 s of a 6 s load at S.  The endpoints are found by
# element id (returned when the nodes were created, in the same transaction), which needs no label
# and is faster than the id index too (M: 47 s against 61-69 s).  A dynamic type, $(r.t), needs
# Neo4j 5.26; the types come from the model (checked above).
NEO4J_REL_CREATE = ("UNWIND $rows AS r MATCH (a) WHERE elementId(a) = r.a MATCH (b) WHERE elementId(b) = r.b "
                    "CREATE (a)-[e:$(r.t)]->(b) SET e = r.p")


def neo4j_bulk_load(store, nodes: dict[str, list[dict]], rels: list[dict], *, batch_size: int = 10000,
                    progress: "Progress | None" = None) -> "LoadSummary | None":
    """Load into an EMPTY Neo4j database with ``UNWIND … CREATE`` in ONE managed write
    transaction (all or nothing, retried by the driver on transient errors).  CREATE, not
    MERGE: the rows are pre-merged and the database is empty, so there is nothing to match,
    and CREATE skips the per-row lookup of an existing node or relationship (measured ~3x
    faster); the uniqueness constraints still guard ``id``.  ``None`` (nothing written) when
    the database is not empty, the rows do not suit, or the transaction fails (e.g. another
    writer created one of the ids meanwhile): the ordinary MERGE path then runs and reports.
    A transaction too large for Neo4j's transaction memory raises :class:`TransactionTooLarge`
    instead: MERGE would not fit either."""
    from graph.store.base import StoreError, StoreUnavailable, TransactionTooLarge

    plan = neo4j_plan(nodes, rels, batch_size)
    if plan is None or not store_is_empty(store):
        return None
    node_batches, rel_rows = plan

    def produce(run):  # re-run whole if the driver retries: element ids are those of this attempt
        element_id: dict[tuple[str, str], str] = {}
        for label, q, rows in node_batches:
            for id_, eid in run(q, {"rows": rows})[0][0]:
                element_id[(label, id_)] = eid
        flat = [{"t": r["t"], "a": element_id[r["a"]], "b": element_id[r["b"]], "p": r["p"]} for r in rel_rows]
        for i in range(0, len(flat), batch_size):
            run(NEO4J_REL_CREATE, {"rows": flat[i:i + batch_size]})

    try:
        store.run_transaction(produce, progress=progress)
    except (StoreUnavailable, TransactionTooLarge):
        raise  # the MERGE path would fail the same way, after as long again
    except StoreError:
        return None
    store.last_load_path = "unwind-create"
    return _summary(nodes, rels)
