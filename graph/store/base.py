"""The store interface shared by the embedded (LadybugDB) and Neo4j stores.

Everything that can be said once in portable Cypher lives here: the upsert statements
generated from the model, the diff that classifies rows as created / updated / unchanged,
stats, export to networkx and the checksum.  A store implementation supplies only how to
run statements: atomically for writes, in a read-only transaction for reads.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
import uuid
from abc import ABC, abstractmethod
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import networkx as nx

from graph import config, model

__all__ = [
    "StoreError",
    "StoreUnavailable",
    "ReadOnlyViolation",
    "QueryTimeout",
    "ResultTooLarge",
    "TransactionTooLarge",
    "QueryResult",
    "LoadSummary",
    "GraphStore",
    "node_key",
    "split_key",
    "forbidden_file_access",
    "plain_list",
    "META_LABEL",
    "checked_label",
    "checked_rel",
    "version_bump",
    "BULK_MIN_ROWS",
    "checked_whole",
]


class StoreError(Exception):
    """An error worth one clear line to the user."""


class StoreUnavailable(StoreError):
    """The store cannot be reached (server down, database locked by another process)."""


class ReadOnlyViolation(StoreError):
    """A query given as read-only would write, or touch files on the server."""


class QueryTimeout(StoreError):
    """A read stopped at its time limit; the message names the limit and how to narrow."""

    detail = ""

    @classmethod
    def _make(cls, message: str, detail: str) -> "QueryTimeout":
        err = cls(message)
        err.detail = detail
        return err

    @classmethod
    def at(cls, timeout: float | None, detail: str) -> "QueryTimeout":
        limit = f"{timeout:g} s" if timeout else "the engine's"
        return cls._make(f"stopped: the query ran past its time limit of {limit} (KG_QUERY_TIMEOUT_S); "
                   f"narrow it: fewer hops, a smaller k, a more specific start, or a LIMIT ({detail})",
                   detail)


class ResultTooLarge(StoreError):
    """A read that must be whole (an export, an analysis, a map's edges) had more rows than
    the configured cap.  Refused rather than cut: a partial export or map would be wrong."""

    @classmethod
    def at(cls, cap: int) -> "ResultTooLarge":
        return cls(f"refused: this read needs its whole result, which has more than {cap:,} rows "
                   "(KG_GRAPH_ROW_CAP); narrow it (a smaller subgraph, one label, fewer hops) "
                   "or raise KG_GRAPH_ROW_CAP")


def checked_whole(items: list, cap: int) -> list:
    """``items`` if there are at most ``cap``, else :class:`ResultTooLarge`: for the reads that
    return a whole result packed in one row (``collect()`` on Neo4j), which a row cap cannot see.

    >>> checked_whole([1, 2], 2)
    [1, 2]
    """
    if len(items) > cap:
        raise ResultTooLarge.at(cap)
    return items


class TransactionTooLarge(StoreError):
    """A transaction needed more memory than the server allows; it was rolled back whole.
    Retrying at once, or another write path, does not help (a later rerun can, if other
    transactions held the memory)."""


_PLAIN_TYPES = frozenset((str, int, float, bool, type(None)))


def plain_list(v: list) -> bool:
    """Whether a list holds only strings, numbers, booleans and nulls — the usual ``collect()``
    result, which the stores pass on as it is rather than converting value by value."""
    return set(map(type, v)) <= _PLAIN_TYPES


def node_key(label: str, id_: str) -> str:
    """The key of a node in exports and maps: ``Label:id``."""
    return f"{label}:{id_}"


def split_key(key: str) -> tuple[str, str]:
    label, _, id_ = key.partition(":")
    return label, id_


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    truncated: bool = False  # the row cap cut the result

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, r)) for r in self.rows]

    def single_value(self) -> Any:
        return self.rows[0][0] if self.rows else None

    def __len__(self) -> int:
        return len(self.rows)


@dataclass
class LoadSummary:
    """Counts per label / relationship type of what a load did."""

    counts: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(
        lambda: {"created": 0, "updated": 0, "unchanged": 0}))

    def add(self, what: str, outcome: str, n: int = 1) -> None:
        self.counts[what][outcome] += n

    def rows(self) -> list[dict[str, Any]]:
        return [{"what": k, **v} for k, v in sorted(self.counts.items())]

    @property
    def changed(self) -> int:
        return sum(v["created"] + v["updated"] for v in self.counts.values())


# --- read-only guard for text: the engines enforce read-only; this only keeps files out ---

_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_FILE_WORDS = re.compile(
    r"\b(LOAD|COPY|EXPORT|IMPORT|INSTALL|ATTACH|DETACH\s+DATABASE|USE|CHECKPOINT)\b"
)


def _strip_literals(cypher: str) -> str:
    text = unicodedata.normalize("NFKC", cypher)
    text = _COMMENTS.sub(" ", text)
    return _STRINGS.sub("''", text)


def forbidden_file_access(cypher: str) -> str | None:
    """The keyword that makes ``cypher`` touch server files or the database's setup
    (``LOAD CSV``, ``LOAD FROM``, ``COPY``, ``EXPORT DATABASE`` …) or run several
    statements, else ``None``.  Literals and comments are ignored; Unicode look-alikes
    are folded first (NFKC)."""
    bare = _strip_literals(cypher)
    m = _FILE_WORDS.search(bare.upper())
    if m:
        return m.group(1)
    statements = [s for s in bare.split(";") if s.strip()]
    if len(statements) > 1:
        return "several statements"
    return None


# --- value normalisation, so that both stores compare and hash alike ---

def normalise_value(v: Any) -> Any:
    if isinstance(v, float):
        if math.isnan(v):
            return None
        return int(v) if v.is_integer() else round(v, 9)
    if isinstance(v, (list, tuple)):
        return [normalise_value(x) for x in v]
    return v


def _same(a: Any, b: Any) -> bool:
    a, b = normalise_value(a), normalise_value(b)
    if a in (None, []) and b in (None, []):
        return True
    return a == b


def final_search_keys(rows: list[dict], existing: dict[str, dict] | None = None) -> dict[str, str]:
    """The ``search_key`` by id of each node that ``rows`` (node rows of one label, in load
    order) write, as the node will be after the whole load: stored properties (``existing``,
    by id) updated by every row for that id in turn.  So a row without ``aliases`` keeps the
    stored aliases in the key, and every statement for an id sets the same final key."""
    final: dict[str, dict] = {}
    for r in rows:
        final.setdefault(r["id"], dict((existing or {}).get(r["id"]) or {})).update(r)
    return {id_: model.search_key(p.get("name"), p.get("aliases"), p.get("name_en")) for id_, p in final.items()}


def with_search_keys(rows: list[dict], existing: dict[str, dict] | None = None) -> list[dict]:
    """``rows`` each with its node's final ``search_key`` (:func:`final_search_keys`)."""
    keys = final_search_keys(rows, existing)
    return [{**r, model.SEARCH_KEY: keys[r["id"]]} for r in rows]


def _classify(summary: "LoadSummary", what: str, rows: list[dict], existing: dict,
              key: Callable[[dict], Any], props: Callable[[dict], dict]) -> list[dict]:
    """Count each row as created, updated or unchanged against ``existing`` (stored
    properties by key); the rows that need writing."""
    todo = []
    for r in rows:
        old = existing.get(key(r))
        if old is None:
            summary.add(what, "created")
            todo.append(r)
        elif all(_same(v, old.get(k)) for k, v in props(r).items()):
            summary.add(what, "unchanged")
        else:
            summary.add(what, "updated")
            todo.append(r)
    return todo


Statement = tuple[str, dict[str, Any]]
Progress = Callable[[int], None]

# A load of fewer rows takes the ordinary path even into an empty store: it is as fast there.
BULK_MIN_ROWS = 5000

# --- the data version: one meta node, bumped in the same transaction as every write ---------
# Not a model label: exports, counts, checksums, searches and maps walk the model's labels, and
# the few queries over all nodes (quality.*, overview.counts) leave it out by name.
META_LABEL = "_Meta"
_META_ID = "data"
_BUMP = (f"MERGE (m:{META_LABEL} {{id: $meta_id}}) ON CREATE SET m.epoch = $epoch, m.version = 0 "
         "SET m.version = m.version + 1")


def version_bump() -> Statement:
    """The statement that a store runs inside every write transaction.  ``epoch`` (set when
    the meta node is created) keeps a rebuilt database from repeating an old version."""
    return _BUMP, {"meta_id": _META_ID, "epoch": uuid.uuid4().hex}


class GraphStore(ABC):
    """A graph store.  Use as a context manager or call :meth:`close`."""

    kind: str = ""
    dialect: str = ""  # "neo4j" or "ladybug": selects query variants

    # --- what an implementation provides -------------------------------------------

    @abstractmethod
    def apply_schema(self) -> None: ...

    @abstractmethod
    def _read(self, cypher: str, params: dict, *, row_cap: int, timeout: float,
              trusted: bool) -> QueryResult:
        """Run ``cypher`` in a read-only transaction stopped after ``timeout`` seconds
        (:class:`QueryTimeout`), at most ``row_cap`` rows (``truncated`` set when cut);
        untrusted text is planned first where the engine can say what a plan does."""

    def read(self, cypher: str, params: dict | None = None, *, row_cap: int | None = None,
             timeout: float | None = None, trusted: bool = False, whole: bool | None = None) -> QueryResult:
        """Run ``cypher`` read-only.  The engine refuses writes; file access is refused
        too.  Every read runs under the configured limits (:func:`graph.config.read_limits`),
        which ``row_cap`` and ``timeout`` (seconds) may only lower: past the time limit it
        stops with :class:`QueryTimeout`.  An answer is cut at the row cap (``truncated``
        set); a read that must be ``whole`` (by default: a trusted read with no ``row_cap``,
        as exports, analytics, maps and a load's diff make) is refused with
        :class:`ResultTooLarge` past ``KG_GRAPH_ROW_CAP`` instead.  ``trusted`` library
        queries skip the plan check but still run in a read-only transaction."""
        if not trusted:
            bad = forbidden_file_access(cypher)
            if bad:
                raise ReadOnlyViolation(f"refused: read-only queries may not use {bad}")
        whole = trusted and row_cap is None if whole is None else whole
        cap, limit = config.read_limits(row_cap, timeout, whole=whole)
        res = self._read(cypher, params or {}, row_cap=cap, timeout=limit, trusted=trusted)
        if whole and res.truncated:
            raise ResultTooLarge.at(cap)
        return res

    @abstractmethod
    def write(self, cypher: str, params: dict | None = None) -> QueryResult:
        """Run one write statement in its own transaction."""

    @abstractmethod
    def run_atomic(self, statements: Iterable[Statement], *, progress: Progress | None = None) -> None:
        """Run all ``statements`` in one transaction: all of them or none."""

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    def describe(self) -> str:
        return self.kind

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # --- portable operations ---------------------------------------------------------

    def data_version(self) -> str:
        """An opaque token that changes with every committed write from any process (load,
        document ingest, ``kg cypher --write``, clear, search-key refresh): ``"<epoch>:<n>"``,
        or ``"0"`` before the first write.  One lookup of one node: cheap on every app run.
        Use it as a cache key: equal tokens mean equal data.

        >>> v = store.data_version(); _ = store.load({"Firm": [{"id": "x", "name": "X"}]}, [])
        >>> store.data_version() != v
        True
        """
        rows = self.read(f"MATCH (m:{META_LABEL} {{id: $id}}) RETURN m.epoch, m.version",
                         {"id": _META_ID}, trusted=True).rows
        return f"{rows[0][0]}:{rows[0][1]}" if rows else "0"

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per label and per relationship type (zeros included, model order)."""
        nodes = {lb: int(self.read(f"MATCH (n:{lb}) RETURN count(n) AS c", trusted=True).single_value() or 0)
                 for lb in model.labels()}
        rels = {t: int(self.read(f"MATCH ()-[e:{t}]->() RETURN count(e) AS c", trusted=True).single_value() or 0)
                for t in model.rel_types()}
        return {"nodes": nodes, "relationships": rels}

    def fetch_nodes(self, label: str, ids: list[str], batch_size: int = 5000) -> dict[str, dict]:
        """Stored properties of the nodes of ``label`` whose id is in ``ids``."""
        checked_label(label)
        props = [p.name for p in model.node_props(label)]
        ret = ", ".join(f"n.{p} AS {p}" for p in props)
        out: dict[str, dict] = {}
        for i in range(0, len(ids), batch_size):
            res = self.read(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {ret}",
                            {"ids": ids[i:i + batch_size]}, trusted=True)
            for row in res.dicts():
                out[row["id"]] = row
        return out

    def fetch_rels(self, type_: str, from_label: str, to_label: str, pairs: list[tuple[str, str]],
                   batch_size: int = 5000) -> dict[tuple[str, str], dict]:
        checked_rel(type_, from_label, to_label)
        props = [p.name for p in model.rel_props(type_)]
        ret = ", ".join(f"e.{p} AS {p}" for p in props)
        out: dict[tuple[str, str], dict] = {}
        for i in range(0, len(pairs), batch_size):
            rows = [{"a": a, "b": b} for a, b in pairs[i:i + batch_size]]
            res = self.read(
                f"UNWIND $rows AS r MATCH (a:{from_label} {{id: r.a}})-[e:{type_}]->(b:{to_label} {{id: r.b}}) "
                f"RETURN r.a AS _a, r.b AS _b, {ret}", {"rows": rows}, trusted=True)
            for row in res.dicts():
                out[(row.pop("_a"), row.pop("_b"))] = row
        return out

    def load(self, nodes: dict[str, list[dict]], rels: list[dict], *, batch_size: int = 5000,
             progress: Progress | None = None, diff: bool = True, bulk: bool = True) -> LoadSummary:
        """Upsert ``nodes`` (label → property dicts with ``id``) and ``rels`` (dicts with
        ``type``, ``from_label``, ``from_id``, ``to_label``, ``to_id`` and properties) in
        one transaction.  Rows equal to what is stored are not written; the summary says
        what was created, updated and left unchanged.  Endpoints must exist (in the store
        or in ``nodes``): ingest validates that before calling.  A load of at least
        :data:`BULK_MIN_ROWS` rows into an empty store takes the store's :meth:`bulk_load`
        unless ``bulk=False``."""
        for label in nodes:  # refused whole, before anything is read or written
            checked_label(label)
        for r in rels:
            checked_rel(r["type"], r["from_label"], r["to_label"])
        if bulk and sum(len(v or ()) for v in nodes.values()) + len(rels) >= BULK_MIN_ROWS:
            done = self.bulk_load(nodes, rels, batch_size=batch_size, progress=progress)
            if done is not None:
                return done
        summary = LoadSummary()
        statements: list[Statement] = []
        for label in model.labels():
            rows = nodes.get(label) or []
            if not rows:
                continue
            existing = self.fetch_nodes(label, [r["id"] for r in rows], batch_size) if diff else {}
            todo = _classify(summary, label, rows, existing, key=lambda r: r["id"], props=lambda r: r)
            if todo:
                keys = final_search_keys(rows, existing)
                todo = [{**r, model.SEARCH_KEY: keys[r["id"]]} for r in todo]
            statements += node_upserts(label, todo, batch_size)
        groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for r in rels:
            groups[(r["type"], r["from_label"], r["to_label"])].append(r)
        for (t, fl, tl), rows in sorted(groups.items()):
            existing = self.fetch_rels(t, fl, tl, [(r["from_id"], r["to_id"]) for r in rows], batch_size) if diff else {}
            todo = _classify(summary, t, rows, existing, key=lambda r: (r["from_id"], r["to_id"]),
                             props=rel_row_props)
            statements += rel_upserts(t, fl, tl, todo, batch_size)
        if statements:
            self.run_atomic(statements, progress=progress)
        return summary

    @abstractmethod
    def bulk_load(self, nodes: dict[str, list[dict]], rels: list[dict], *, batch_size: int = 5000,
                  progress: Progress | None = None) -> LoadSummary | None:
        """Load into an EMPTY store by the engine's fast path (:mod:`graph.store.bulk` plans
        it), all or nothing, or return ``None`` (nothing written) when the store is not
        empty.  Rows the fast path cannot take go by :meth:`_load_into_empty`.  Sets
        ``last_load_path`` (read by bench/) to the path taken."""

    def is_empty(self) -> bool:
        """Whether the store holds no node of the model (hence no relationship either).

        >>> store.clear(); store.is_empty()
        True
        """
        return not any(self.read(f"MATCH (n:{label}) RETURN 1 AS x LIMIT 1", trusted=True).rows
                       for label in model.labels())

    def _load_into_empty(self, nodes: dict[str, list[dict]], rels: list[dict], *, batch_size: int = 5000,
                         progress: Progress | None = None) -> LoadSummary | None:
        """The portable bulk path: the batched MERGE statements without the diff reads, since
        in an empty store every row is new; ``None`` when the store is not empty."""
        if not self.is_empty():
            return None
        summary = self.load(nodes, rels, batch_size=batch_size, progress=progress, diff=False, bulk=False)
        self.last_load_path = "unwind-merge, no diff"
        return summary

    def refresh_search_keys(self, batch_size: int = 5000, *, missing_only: bool = False) -> int:
        """Give every node the ``search_key`` its name and aliases make, where the stored one
        differs (a node written by ``kg cypher --write``), or with ``missing_only`` only where
        there is none (nodes loaded before the key existed: no read of the others), in one
        transaction.  Returns how many nodes were changed."""
        statements: list[Statement] = []
        changed = 0
        cols = f"n.id, n.name, n.aliases, n.name_en, n.{model.SEARCH_KEY}"
        missing = f" AND n.{model.SEARCH_KEY} IS NULL" if missing_only else ""
        for label in model.labels():
            match = f"MATCH (n:{label}) WHERE n.id IS NOT NULL{missing} "
            if self.dialect == "neo4j":  # one record: the Python driver costs ~25 µs per record
                rows = checked_whole(self.read(match + f"RETURN collect([{cols}])", trusted=True).single_value(),
                                     config.read_limits(whole=True)[0])
            else:  # LadybugDB lists hold one type only
                rows = self.read(match + f"RETURN {cols}", trusted=True).rows
            wanted = ((id_, key, model.search_key(name, aliases, en)) for id_, name, aliases, en, key in rows)
            stale = [{"id": id_, "key": new} for id_, key, new in wanted if key != new]
            changed += len(stale)
            q = f"UNWIND $rows AS r MATCH (n:{label} {{id: r.id}}) SET n.{model.SEARCH_KEY} = r.key"
            statements += [(q, {"rows": b}) for b in _batches(stale, batch_size)]
        if statements:
            self.run_atomic(statements)
        return changed

    def export(self, keys: Iterable[str] | None = None) -> nx.MultiDiGraph:
        """The whole graph, or the subgraph induced by node ``keys`` (``Label:id``), as a
        networkx ``MultiDiGraph``: node key ``Label:id`` with attributes ``label`` and the
        stored properties (``None`` omitted); edge key = relationship type, attributes
        ``type`` and properties."""
        wanted: dict[str, list[str]] | None = None
        if keys is not None:
            wanted = defaultdict(list)
            for k in keys:
                lb, id_ = split_key(k)
                wanted[lb].append(id_)
        G = nx.MultiDiGraph()
        for label in model.labels():
            props = [p.name for p in model.node_props(label)]
            ret = ", ".join(f"n.{p} AS {p}" for p in props)
            if wanted is None:
                res = self.read(f"MATCH (n:{label}) RETURN {ret} ORDER BY n.id", trusted=True)
            elif wanted.get(label):
                res = self.read(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) RETURN {ret} ORDER BY n.id",
                                {"ids": sorted(set(wanted[label]))}, trusted=True)
            else:
                continue
            for row in res.dicts():
                attrs = {k: normalise_value(v) for k, v in row.items() if v is not None}
                G.add_node(node_key(label, row["id"]), label=label, **attrs)
        for rt in model.REL_TYPES:
            props = [p.name for p in model.rel_props(rt.type)]
            ret = ", ".join(f"e.{p} AS {p}" for p in props)
            if wanted is None:  # one read per type, not per pair: 24 reads instead of 139
                for fl, tl, row in self._whole_rels(rt, ret):
                    _add_edge(G, rt.type, fl, tl, row)
                continue
            for fl, tl in rt.pairs:
                if not (wanted.get(fl) and wanted.get(tl)):
                    continue
                q = (f"MATCH (a:{fl})-[e:{rt.type}]->(b:{tl}) WHERE a.id IN $a AND b.id IN $b "
                     f"RETURN a.id AS _a, b.id AS _b, {ret} ORDER BY _a, _b")
                res = self.read(q, {"a": sorted(set(wanted[fl])), "b": sorted(set(wanted[tl]))}, trusted=True)
                for row in res.dicts():
                    _add_edge(G, rt.type, fl, tl, row)
        return G

    def _whole_rels(self, rt, ret: str) -> list[tuple[str, str, dict]]:
        """Every relationship of type ``rt`` between the pairs the model allows, as
        ``(from_label, to_label, row)``, in the model's pair order, then by ids (the order
        one read per pair gave)."""
        label = "label({})" if self.dialect == "ladybug" else "labels({})[0]"
        q = (f"MATCH (a)-[e:{rt.type}]->(b) RETURN {label.format('a')} AS _fl, a.id AS _a, "
             f"{label.format('b')} AS _tl, b.id AS _b, {ret}")
        order = {pair: i for i, pair in enumerate(rt.pairs)}
        rows = [r for r in self.read(q, trusted=True).dicts() if (r["_fl"], r["_tl"]) in order]
        rows.sort(key=lambda r: (order[(r["_fl"], r["_tl"])], r["_a"], r["_b"]))
        return [(r.pop("_fl"), r.pop("_tl"), r) for r in rows]

    def checksum(self) -> str:
        """A hash of every node and relationship with all their properties."""
        G = self.export()
        h = hashlib.sha256()
        for n, d in sorted(G.nodes(data=True)):
            h.update(json.dumps([n, d], sort_keys=True, ensure_ascii=False, default=str).encode())
        for a, b, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            h.update(json.dumps([a, b, k, d], sort_keys=True, ensure_ascii=False, default=str).encode())
        return h.hexdigest()


def _add_edge(G: nx.MultiDiGraph, type_: str, fl: str, tl: str, row: dict) -> None:
    a, b = node_key(fl, row.pop("_a")), node_key(tl, row.pop("_b"))
    attrs = {k: normalise_value(v) for k, v in row.items() if v is not None}
    G.add_edge(a, b, key=type_, type=type_, **attrs)


# --- statement builders: property names come from the model, values are parameters ---

_REL_ENDPOINT_KEYS = {"type", "from_label", "from_id", "to_label", "to_id"}


def rel_row_props(r: dict) -> dict:
    return {k: v for k, v in r.items() if k not in _REL_ENDPOINT_KEYS}


def _batches(rows: list, size: int) -> Iterator[list]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _by_keyset(rows: list[dict]) -> dict[tuple[str, ...], list[dict]]:
    # Rows are grouped by the properties they carry so that a row never erases a
    # property it does not mention (a file without `description` keeps the stored one).
    groups: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    # Each row's keys are put in one order too: LadybugDB types a batch as a list of
    # structs and refuses rows whose fields come in different orders.
    for r in rows:
        keys = tuple(sorted(r))
        groups[keys].append({k: r[k] for k in keys})
    return groups


def checked_label(label: str) -> str:
    """``label`` if the model has it, else :class:`StoreError`: labels go into Cypher text
    (they cannot be parameters), so the store checks each one, not only ingest."""
    if not isinstance(label, str) or label not in model.labels():
        raise StoreError(f"unknown node label {label!r}: not in the model (graph/model.py)")
    return label


def checked_rel(type_: str, from_label: str, to_label: str) -> str:
    """``type_`` if the model has it between these labels, else :class:`StoreError`."""
    checked_label(from_label), checked_label(to_label)
    if not isinstance(type_, str) or type_ not in model.rel_types():
        raise StoreError(f"unknown relationship type {type_!r}: not in the model (graph/model.py)")
    if not model.allowed_pair(type_, from_label, to_label):
        raise StoreError(f"the model has no ({from_label})-[{type_}]->({to_label})")
    return type_


def node_upserts(label: str, rows: list[dict], batch_size: int) -> list[Statement]:
    checked_label(label)
    allowed = {p.name for p in model.stored_node_props(label)}
    out: list[Statement] = []
    for keys, group in _by_keyset(rows).items():
        bad = set(keys) - allowed
        if bad:
            raise StoreError(f"{label}: properties not in the model: {', '.join(sorted(bad))}")
        sets = ", ".join(f"n.{k} = r.{k}" for k in keys if k != "id")
        q = f"UNWIND $rows AS r MERGE (n:{label} {{id: r.id}})" + (f" SET {sets}" if sets else "")
        out += [(q, {"rows": b}) for b in _batches(group, batch_size)]
    return out


def rel_upserts(type_: str, from_label: str, to_label: str, rows: list[dict], batch_size: int) -> list[Statement]:
    checked_rel(type_, from_label, to_label)
    allowed = {p.name for p in model.rel_props(type_)}
    flat = [{"a": r["from_id"], "b": r["to_id"], **rel_row_props(r)} for r in rows]
    out: list[Statement] = []
    for keys, group in _by_keyset(flat).items():
        bad = set(keys) - allowed - {"a", "b"}
        if bad:
            raise StoreError(f"{type_}: properties not in the model: {', '.join(sorted(bad))}")
        sets = ", ".join(f"e.{k} = r.{k}" for k in keys if k not in ("a", "b"))
        # Two MATCH clauses, not one comma-joined MATCH: LadybugDB plans the comma form
        # as a cross product (measured ~20x slower).
        q = (f"UNWIND $rows AS r MATCH (a:{from_label} {{id: r.a}}) MATCH (b:{to_label} {{id: r.b}}) "
             f"MERGE (a)-[e:{type_}]->(b)" + (f" SET {sets}" if sets else ""))
        out += [(q, {"rows": b}) for b in _batches(group, batch_size)]
    return out
