"""Bulk loading into an EMPTY store: what each engine's fast path sends, still all or nothing.

:meth:`GraphStore.load` upserts with ``UNWIND $rows … MERGE`` in batches.  That is the
right tool for incremental loads, but a first load of a large graph spends its time in
the per-row MERGE lookups.  When the store holds no node at all, every row is new, so
each store's :meth:`~graph.store.base.GraphStore.bulk_load` takes a faster path:

* nothing needs diffing: every row is ``created`` (:func:`created_summary` is the summary
  the MERGE path would give, row for row, duplicates included);
* LadybugDB can use ``COPY <table> FROM <arrow table>`` (its bulk loader,
  ~30× faster than ``UNWIND … MERGE`` here) for each node table and each
  (FROM, TO) pair of each relationship table (``COPY T FROM x (from='A', to='B')``),
  planned by :func:`ladybug_plan`.  The embedded store runs all COPY statements inside ONE
  transaction: LadybugDB rolls the whole transaction back when one of them fails, so the
  store is left empty, as it was, and the ordinary MERGE path then reports the problem the
  way it always does;
* Neo4j gets ``UNWIND … CREATE`` batches (:func:`neo4j_plan`) in one managed transaction.

This module only plans: it turns rows into statements and never touches a store, so the
stores import it and it imports nothing of theirs but the shared types.

Rows are pre-merged the way MERGE would merge them: two rows with the same ``id`` become
one node (later values win, properties a later row does not mention are kept); two
relationships with the same type and endpoints become one.  A relationship whose endpoint
is not in the load is dropped, as the ``MATCH … MATCH … MERGE`` statement drops it.
Anything the bulk path is not sure about (a property outside the model, a pair the
model does not allow, a value that does not fit the column type) makes the plan ``None``
and the ordinary path runs.

Crash safety: the COPY statements are ordinary statements of one LadybugDB write
transaction, so they are committed atomically through its WAL like any other write;
a process killed before ``COMMIT`` leaves an uncommitted transaction that is not replayed.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graph import model
from graph.store.base import LoadSummary, rel_row_props

__all__ = ["merge_rows", "created_summary", "ladybug_plan", "neo4j_plan", "NEO4J_REL_CREATE"]


def _rel_groups(merged_nodes: dict, merged_rels: dict) -> dict[tuple[str, str, str], list[dict]]:
    """Merged relationships by (type, from label, to label), leaving out those whose
    endpoint is not loaded: ``MATCH … MATCH … MERGE`` would create nothing for them."""
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for (t, fl, fid, tl, tid), r in merged_rels.items():
        if fid not in merged_nodes.get(fl, {}) or tid not in merged_nodes.get(tl, {}):
            continue
        groups[(t, fl, tl)].append(r)
    return groups


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
            r[model.SEARCH_KEY] = model.search_key(r.get("name"), r.get("aliases"), r.get("name_en"))
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


def created_summary(nodes: dict[str, list[dict]], rels: list[dict]) -> LoadSummary:
    """The summary of a load into an empty store: every row ``created``, as the MERGE path
    counts them (a repeated row counts again)."""
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


# --------------------------------------------------------------------------- Neo4j

def neo4j_plan(nodes: dict[str, list[dict]], rels: list[dict], batch_size: int
               ) -> tuple[list[tuple[str, str, list[dict]]], list[dict]] | None:
    """What a bulk load into an empty Neo4j database sends, or ``None`` when the bulk path
    should step aside: ``(label, statement, rows)`` node batches, each returning
    ``[id, elementId]`` of the nodes it created, and the relationship rows (``type``,
    endpoints, ``p`` the properties) for :data:`NEO4J_REL_CREATE` once the element ids are
    known."""
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
