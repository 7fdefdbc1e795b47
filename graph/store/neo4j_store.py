"""The Neo4j store, through the official ``neo4j`` driver (6.x).

Reads run as managed READ transactions: on a cluster (``neo4j://`` routing URIs, Aura)
they go to followers, and the server refuses writes in them.  Untrusted (console)
queries are also planned first with ``EXPLAIN``; only a plan whose query type is ``r``
and which loads no CSV is run.  Loads run as one managed write transaction, which the
driver retries on transient errors (leader switch, deadlock).
"""

from __future__ import annotations

import logging
import math
from typing import Any, Callable, Iterable

import neo4j
from neo4j import GraphDatabase, READ_ACCESS
from neo4j import exceptions as nx_exc
from neo4j.graph import Node, Path, Relationship

from graph import config, model, schema
from graph.store.base import (
    META_LABEL,
    GraphStore,
    Progress,
    QueryResult,
    QueryTimeout,
    ReadOnlyViolation,
    Statement,
    StoreError,
    StoreUnavailable,
    TransactionTooLarge,
    forbidden_file_access,
    plain_list,
    version_bump,
)
from graph.store.bulk import NEO4J_REL_CREATE, created_summary, neo4j_plan

__all__ = ["Neo4jStore"]

_FILE_OPERATORS = ("LoadCSV",)
# The driver logs routing failures and retries itself; the store turns them into one
# StoreUnavailable line, so its log records are not printed on top of that.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


_SCALARS = (str, int, float, type(None))  # bool is an int


def _to_python(v: Any) -> Any:
    if isinstance(v, _SCALARS):  # most values: checked first, as large results are mostly these
        return v
    if isinstance(v, Node):
        labels = sorted(v.labels)
        return {**{k: _to_python(x) for k, x in v.items()}, "_label": labels[0] if labels else ""}
    if isinstance(v, Relationship):
        return {**{k: _to_python(x) for k, x in v.items()}, "_type": v.type}
    if isinstance(v, Path):
        return {"nodes": [_to_python(n) for n in v.nodes],
                "relationships": [_to_python(r) for r in v.relationships]}
    if isinstance(v, list):
        return v if plain_list(v) else [_to_python(x) for x in v]
    if isinstance(v, dict):
        return {k: _to_python(x) for k, x in v.items()}
    if hasattr(v, "iso_format"):  # neo4j temporal types
        return v.iso_format()
    return v


def _plan_operators(plan: dict | None) -> set[str]:
    if not plan:
        return set()
    ops = {str(plan.get("operatorType", "")).split("@")[0]}
    for child in plan.get("children", []) or []:
        ops |= _plan_operators(child)
    return ops


# Neo.TransientError.General.MemoryPoolOutOfMemoryError: a transaction over
# db.memory.transaction.max or all of them over dbms.memory.transaction.total.max.
_MEMORY_CAP = "MemoryPoolOutOfMemoryError"


class Neo4jStore(GraphStore):
    kind = "neo4j"
    dialect = "neo4j"

    def __init__(self, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> None:
        self.uri = uri or config.setting("NEO4J_URI")
        self.database = database or config.setting("NEO4J_DATABASE")
        auth = (user or config.setting("NEO4J_USER"), password if password is not None else config.setting("NEO4J_PASSWORD"))
        # How long the driver retries (back-off 1, 2, 4 … s): reads give up sooner than writes
        # during an outage, as a person is waiting for them (KG_NEO4J_READ_RETRY_S,
        # KG_NEO4J_WRITE_RETRY_S).
        self.retry_s = {"read": float(config.setting("KG_NEO4J_READ_RETRY_S")),
                        "write": float(config.setting("KG_NEO4J_WRITE_RETRY_S"))}
        try:
            # Notifications off: the generic upserts name properties a label may not have yet,
            # which Neo4j would report as warnings on every call.
            self._driver = GraphDatabase.driver(self.uri, auth=auth, connection_timeout=5,
                                                max_transaction_retry_time=self.retry_s["write"],
                                                notifications_min_severity="OFF")
        except (ValueError, nx_exc.ConfigurationError) as e:
            raise StoreError(f"bad NEO4J_URI {self.uri!r}: {e}") from None

    def describe(self) -> str:
        return f"neo4j at {self.uri} (database {self.database})"

    def _unavailable(self, e: Exception) -> StoreUnavailable:
        return StoreUnavailable(
            f"Neo4j at {self.uri} is not reachable ({type(e).__name__}); "
            "start it (scripts/neo4j-local start) or check NEO4J_URI")

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
        except (nx_exc.ServiceUnavailable, nx_exc.SessionExpired, OSError) as e:
            raise self._unavailable(e) from None
        except nx_exc.AuthError as e:
            raise StoreUnavailable(f"Neo4j refused the credentials for {self.uri}: {e.message}") from None

    # --- reads ---------------------------------------------------------------------

    def _read(self, cypher: str, params: dict, *, row_cap: int, timeout: float,
              trusted: bool) -> QueryResult:
        if not trusted:
            self._check_plan(cypher, params)
        # whole milliseconds, rounded up: never 0, which means none
        timeout = max(math.ceil(timeout * 1000), 1) / 1000

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx):
            res = tx.run(cypher, params)
            cols = list(res.keys())
            rows, truncated = [], False
            for rec in res:
                if len(rows) >= row_cap:
                    truncated = True
                    break
                rows.append([_to_python(v) for v in rec.values()])
            return QueryResult(cols, rows, truncated)

        try:
            return self._session_call("read", work)
        except QueryTimeout as e:  # name the limit that stopped it
            raise QueryTimeout.at(timeout, e.detail) from None

    def _check_plan(self, cypher: str, params: dict) -> None:
        def explain(tx):
            return tx.run("EXPLAIN " + cypher, params).consume()

        summary = self._session_call("read", explain)
        if summary.query_type != "r":
            raise ReadOnlyViolation(
                f"refused: the query would write (query type {summary.query_type!r}; read-only allows 'r')")
        ops = _plan_operators(summary.plan)
        if ops & set(_FILE_OPERATORS):
            raise ReadOnlyViolation("refused: read-only queries may not load files")

    def _session_call(self, mode: str, work):
        try:
            with self._driver.session(database=self.database,
                                      default_access_mode=READ_ACCESS if mode == "read" else neo4j.WRITE_ACCESS,
                                      max_transaction_retry_time=self.retry_s[mode]) as s:
                return (s.execute_read if mode == "read" else s.execute_write)(work)
        except (nx_exc.ServiceUnavailable, nx_exc.SessionExpired, OSError) as e:
            raise self._unavailable(e) from None
        except nx_exc.AuthError as e:
            raise StoreUnavailable(f"Neo4j refused the credentials for {self.uri}: {e.message}") from None
        except nx_exc.ClientError as e:
            raise self._translate(e) from None
        except nx_exc.Neo4jError as e:
            raise self._translate(e) from None

    @staticmethod
    def _translate(e: nx_exc.Neo4jError) -> StoreError:
        code = e.code or ""
        msg = (e.message or str(e)).strip().splitlines()[0]
        if "TransactionTimedOut" in code or "Terminated" in code or "timed out" in msg.lower():
            return QueryTimeout.at(None, msg)
        if "ForbiddenDueToTransactionType" in code or "AccessMode" in code or "WriteOnReadOnlyAccess" in code:
            return ReadOnlyViolation(f"refused: the query would write ({msg})")
        if _MEMORY_CAP in code:
            return TransactionTooLarge(
                f"Neo4j ran out of transaction memory ({msg}). A transaction must fit in it whole, and a "
                "load is one transaction (all or nothing): give the server more heap (NEO4J_HEAP for "
                "scripts/neo4j-local; dbms.memory.transaction.total.max is 70% of the heap by default) "
                f"or load the data in parts. Nothing was written. [{code}]")
        if "Forbidden" in code or "Security" in code:
            return ReadOnlyViolation(f"refused: {msg}")
        return StoreError(f"{msg} [{code}]" if code else msg)

    # --- writes --------------------------------------------------------------------

    def write(self, cypher: str, params: dict | None = None) -> QueryResult:
        bad = forbidden_file_access(cypher)
        if bad and bad != "several statements":
            raise ReadOnlyViolation(f"refused: queries may not use {bad} (file access)")

        def work(tx):
            res = tx.run(cypher, params or {})
            cols = list(res.keys())
            out = QueryResult(cols, [[_to_python(v) for v in r.values()] for r in res])
            tx.run(*version_bump()).consume()
            return out

        return self._session_call("write", work)

    def run_atomic(self, statements: Iterable[Statement], *, progress: Progress | None = None) -> None:
        statements = list(statements)

        def produce(run):
            for q, p in statements:
                run(q, p)

        self.run_transaction(produce, progress=progress)

    def run_transaction(self, produce: Callable[[Callable[[str, dict], list]], None], *,
                        progress: Progress | None = None) -> None:
        """Run ``produce(run)`` in ONE managed write transaction: ``run(q, params)`` executes a
        statement and returns its rows (lists of values), so that later statements can use
        what earlier ones returned.  The driver re-runs ``produce`` from the start when it
        retries a transient error, so ``produce`` must build everything it sends afresh."""

        def work(tx):
            def run(q: str, p: dict) -> list:
                try:
                    rows = [list(r.values()) for r in tx.run(q, p)]
                except nx_exc.TransientError as e:
                    if _MEMORY_CAP in (e.code or ""):
                        # The driver retries transient errors for 15 s; a load larger than the cap
                        # fails the same way each time (a rerun may pass only if other transactions
                        # held the memory). Raised as our error, the driver does not retry it.
                        raise self._translate(e) from None
                    raise
                if progress:
                    progress(len(p.get("rows", ())) or 1)
                return rows

            produce(run)
            tx.run(*version_bump()).consume()

        self._session_call("write", work)

    # --- bulk load: UNWIND … CREATE into an empty database (graph/store/bulk.py plans it) ----

    def is_empty(self) -> bool:
        return not self.read(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN 1 AS x LIMIT 1", trusted=True).rows

    def bulk_load(self, nodes, rels, *, batch_size: int = 5000, progress: Progress | None = None):
        """``UNWIND … CREATE`` in ONE managed write transaction (all or nothing, retried by
        the driver on transient errors).  CREATE, not MERGE: the rows are pre-merged and the
        database is empty, so there is nothing to match, and CREATE skips the per-row lookup
        of an existing node or relationship (measured ~3x faster); the uniqueness constraints
        still guard ``id``.  When the rows do not suit or the transaction fails (e.g. another
        writer created one of the ids meanwhile), the portable path runs and reports.  A
        transaction too large for Neo4j's transaction memory raises :class:`TransactionTooLarge`
        instead: MERGE would not fit either."""
        plan = neo4j_plan(nodes, rels, max(batch_size, 10000))
        if plan is None or not self.is_empty() or not self._create(*plan, max(batch_size, 10000), progress):
            return self._load_into_empty(nodes, rels, batch_size=batch_size, progress=progress)
        self.last_load_path = "unwind-create"
        return created_summary(nodes, rels)

    def _create(self, node_batches: list, rel_rows: list[dict], batch_size: int, progress: Progress | None) -> bool:
        """Run a :func:`~graph.store.bulk.neo4j_plan` in one transaction; whether it committed."""

        def produce(run):  # re-run whole if the driver retries: element ids are those of this attempt
            element_id: dict[tuple[str, str], str] = {}
            for label, q, rows in node_batches:
                for id_, eid in run(q, {"rows": rows})[0][0]:
                    element_id[(label, id_)] = eid
            flat = [{"t": r["t"], "a": element_id[r["a"]], "b": element_id[r["b"]], "p": r["p"]} for r in rel_rows]
            for i in range(0, len(flat), batch_size):
                run(NEO4J_REL_CREATE, {"rows": flat[i:i + batch_size]})

        try:
            self.run_transaction(produce, progress=progress)
        except (StoreUnavailable, TransactionTooLarge):
            raise  # the MERGE path would fail the same way, after as long again
        except StoreError:
            return False
        return True

    def apply_schema(self) -> None:
        # Earlier versions created a full-text index that no query used; every write paid for it.
        self._auto("DROP INDEX entity_names IF EXISTS")
        for stmt in schema.neo4j_schema_statements():
            self._auto(stmt)
        self._auto("CALL db.awaitIndexes(60)")
        self.refresh_search_keys(missing_only=True)  # nodes loaded before the key existed

    def _auto(self, cypher: str, params: dict | None = None) -> None:
        # Schema commands and CALL {…} IN TRANSACTIONS need an auto-commit transaction.
        try:
            with self._driver.session(database=self.database) as s:
                s.run(cypher, params or {}).consume()
        except (nx_exc.ServiceUnavailable, nx_exc.SessionExpired, OSError) as e:
            raise self._unavailable(e) from None
        except nx_exc.Neo4jError as e:
            raise self._translate(e) from None

    def clear(self) -> None:
        for label in model.labels():
            self._auto(f"MATCH (n:{label}) CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 10000 ROWS")
        # Deleted in batches (one transaction could exceed the memory cap): bumped once done.
        self._auto(*version_bump())

    def close(self) -> None:
        self._driver.close()
