"""The embedded store: LadybugDB (the maintained fork of Kùzu), no server needed.

Read-only is enforced by the engine: every read runs inside
``BEGIN TRANSACTION READ ONLY``, in which LadybugDB refuses any write.  A process that
only reads may open the database with ``read_only=True`` too.  LadybugDB lets one
process at a time open a database for writing; a second writer fails at once with a
clear message instead of corrupting anything.
"""

from __future__ import annotations

import math
import threading
import weakref
from pathlib import Path
from typing import Any, Iterable

from graph import config, schema
from graph.store.base import (
    GraphStore,
    Progress,
    QueryResult,
    QueryTimeout,
    ReadOnlyViolation,
    ResultTooLarge,
    Statement,
    StoreError,
    StoreUnavailable,
    META_LABEL,
    forbidden_file_access,
    plain_list,
    version_bump,
)
from graph.store.bulk import created_summary, ladybug_plan

__all__ = ["EmbeddedStore"]


def _timeout_ms(timeout: float | None) -> int:
    """LadybugDB's limit in whole milliseconds, rounded up: 0 would mean no limit."""
    return max(math.ceil(timeout * 1000), 1) if timeout else _NO_TIMEOUT_MS

_NO_TIMEOUT_MS = 0


_SCALARS = (str, int, float, type(None))  # bool is an int


def _to_python(v: Any) -> Any:
    """Node, relationship and path values as plain dicts, alike on both stores."""
    if isinstance(v, _SCALARS):  # most values: checked first, as large results are mostly these
        return v
    if isinstance(v, dict):
        if "_NODES" in v and "_RELS" in v:  # a path
            return {"nodes": [_to_python(n) for n in v["_NODES"]],
                    "relationships": [_to_python(r) for r in v["_RELS"]]}
        if "_LABEL" in v and "_ID" in v:
            out = {k: _to_python(x) for k, x in v.items() if not k.startswith("_") and x is not None}
            out["_type" if "_SRC" in v else "_label"] = v["_LABEL"]
            return out
        return {k: _to_python(x) for k, x in v.items()}
    if isinstance(v, list):
        return v if plain_list(v) else [_to_python(x) for x in v]
    return v


class _Lease:
    """A thread's hold on one connection (kept in the thread's ``threading.local``)."""

    __slots__ = ("conn", "__weakref__")

    def __init__(self, conn):
        self.conn = conn


class EmbeddedStore(GraphStore):
    kind = "embedded"
    dialect = "ladybug"

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 buffer_pool_mb: int | None = None) -> None:
        import ladybug

        self.path = Path(path or config.setting("KG_EMBEDDED_PATH"))
        self.read_only = read_only
        self.path.parent.mkdir(parents=True, exist_ok=True)
        pool = int(buffer_pool_mb or config.setting("KG_BUFFER_POOL_MB")) * 1024 * 1024
        try:
            self._db = ladybug.Database(str(self.path), buffer_pool_size=pool, read_only=read_only)
        except RuntimeError as e:
            msg = str(e)
            if "lock" in msg.lower():
                raise StoreUnavailable(
                    f"the embedded database {self.path} is in use by another process "
                    "(one writer at a time); stop it or try again later") from None
            raise StoreUnavailable(f"cannot open the embedded database {self.path}: {msg}") from None
        self._ladybug = ladybug
        self._local = threading.local()
        self._conns: list = []  # every connection made, closed with the store
        self._free: list = []  # connections of threads that ended, for the next thread
        self._write_lock = threading.Lock()
        self._closed = False
        if not read_only:
            self.apply_schema()

    def describe(self) -> str:
        return f"embedded (LadybugDB) at {self.path}" + (" [read-only]" if self.read_only else "")

    # --- connections: one per thread; LadybugDB runs them concurrently ---------------

    def _conn(self):
        if self._closed:
            raise StoreUnavailable("the store is closed")
        lease = getattr(self._local, "lease", None)
        if lease is None:
            try:
                conn = self._free.pop()
            except IndexError:
                conn = self._ladybug.Connection(self._db)
                self._conns.append(conn)
            lease = self._local.lease = _Lease(conn)
            # The thread's end drops its lease and the connection goes back for the next
            # thread: Streamlit runs every page view in a new thread, and a connection kept per
            # dead thread held ~0.5 GB each at M (the app passed 3 GB in ten page views).
            weakref.finalize(lease, self._free.append, conn)
        return lease.conn

    @staticmethod
    def _result(res, row_cap: int | None) -> QueryResult:
        if isinstance(res, list):  # several statements: keep the last result
            res = res[-1]
        cols = res.get_column_names()
        rows: list[list[Any]] = []
        truncated = False
        while res.has_next():
            if row_cap is not None and len(rows) >= row_cap:
                truncated = True
                break
            rows.append([_to_python(v) for v in res.get_next()])
        return QueryResult(cols, rows, truncated)

    # --- reads ---------------------------------------------------------------------

    def _read(self, cypher: str, params: dict, *, row_cap: int, timeout: float,
              trusted: bool) -> QueryResult:
        return self._in_read_tx(lambda conn: self._result(conn.execute(cypher, params), row_cap), timeout)

    def _in_read_tx(self, work, timeout: float):
        """``work(conn)`` in a READ ONLY transaction under the engine's time limit."""
        conn = self._conn()
        conn.set_query_timeout(_timeout_ms(timeout))
        try:  # BEGIN and COMMIT inside: a 1 ms limit can stop them too ("Interrupted.")
            conn.execute("BEGIN TRANSACTION READ ONLY")
            out = work(conn)
            conn.execute("COMMIT")
        except BaseException as e:
            self._rollback(conn)
            if isinstance(e, RuntimeError):
                raise self._translate(e, "", timeout) from None
            raise
        finally:
            conn.set_query_timeout(_NO_TIMEOUT_MS)
        return out

    def read_columns(self, cypher: str, *, arrow: bool = False) -> dict[str, list]:
        """A whole read as columns (Arrow: no Python object per value), under the configured
        time limit and ``KG_GRAPH_ROW_CAP`` (:class:`ResultTooLarge` past it, never cut);
        ``arrow=True`` keeps each column a pyarrow array."""
        cap, timeout = config.read_limits(whole=True)

        def work(conn):
            res = conn.execute(cypher)
            if res.get_num_tuples() > cap:
                raise ResultTooLarge.at(cap)
            table = res.get_as_arrow()
            if arrow:
                return {c: table.column(c).combine_chunks() for c in table.column_names}
            return {c: table.column(c).to_pylist() for c in table.column_names}

        return self._in_read_tx(work, timeout)

    @staticmethod
    def _rollback(conn) -> None:
        try:
            conn.execute("ROLLBACK")
        except RuntimeError:
            pass  # the engine already ended the failed transaction

    @staticmethod
    def _translate(e: RuntimeError, cypher: str, timeout: float | None = None) -> StoreError:
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        low = msg.lower()
        if "read-only" in low or "read only" in low:
            return ReadOnlyViolation(f"refused: the query would write ({msg})")
        if "interrupt" in low or "timeout" in low:
            return QueryTimeout.at(timeout, msg)
        return StoreError(msg)

    # --- writes --------------------------------------------------------------------

    def _writable(self):
        if self.read_only:
            raise ReadOnlyViolation("refused: the embedded store was opened read-only")
        return self._conn()

    def write(self, cypher: str, params: dict | None = None) -> QueryResult:
        bad = forbidden_file_access(cypher)
        if bad and bad != "several statements":
            raise ReadOnlyViolation(f"refused: queries may not use {bad} (file access)")
        with self._write_lock:
            conn = self._writable()
            conn.execute("BEGIN TRANSACTION")
            try:
                out = self._result(conn.execute(cypher, params or {}), None)
                conn.execute(*version_bump())
            except RuntimeError as e:
                self._rollback(conn)
                raise self._translate(e, cypher) from None
            conn.execute("COMMIT")
            return out

    def run_atomic(self, statements: Iterable[Statement], *, progress: Progress | None = None) -> None:
        with self._write_lock:
            conn = self._writable()
            conn.execute("BEGIN TRANSACTION")
            try:
                for q, p in statements:
                    conn.execute(q, p)
                    if progress:
                        progress(len(p.get("rows", ())) or 1)
                conn.execute(*version_bump())
            except BaseException as e:
                self._rollback(conn)
                if isinstance(e, RuntimeError):
                    raise self._translate(e, "") from None
                raise
            conn.execute("COMMIT")

    # --- bulk load: COPY into an empty store, one transaction (graph/store/bulk.py plans it) ---

    def bulk_load(self, nodes, rels, *, batch_size: int = 5000, progress: Progress | None = None):
        plan = ladybug_plan(nodes, rels)
        if plan is None or not self._copy(plan, progress):
            # not empty, or rows the COPY path does not take: the portable path decides
            return self._load_into_empty(nodes, rels, batch_size=batch_size, progress=progress)
        self.last_load_path = "copy"
        return created_summary(nodes, rels)

    def _copy(self, plan: list[tuple[str, Any, int]], progress: Progress | None) -> bool:
        """Run the COPY statements of ``plan`` in one transaction if the store is empty;
        whether they ran.  A failed COPY rolls the whole transaction back."""
        with self._write_lock:
            conn = self._writable()
            if not self.is_empty():
                return False
            conn.execute("BEGIN TRANSACTION")
            try:
                for q, table, n in plan:
                    conn.execute(q, {"bulk_rows": table})
                    if progress:
                        progress(n)
                conn.execute(*version_bump())
            except RuntimeError:
                self._rollback(conn)  # LadybugDB has already rolled back; this is a no-op then
                if not self.is_empty():  # pragma: no cover - never seen: say so loudly
                    raise StoreError("bulk load failed and the store is not empty afterwards; "
                                     "run `kg clear --yes` and load again") from None
                return False
            conn.execute("COMMIT")
        return True

    def apply_schema(self) -> None:
        conn = self._writable()
        marker = self.path.parent / (self.path.name + ".schema")
        fp = schema.model_fingerprint()
        if marker.exists() and marker.read_text().strip() not in ("", fp):
            # Existing tables keep their old columns: say so rather than run on a stale shape.
            raise StoreError(
                f"the embedded database {self.path} was built for another version of the model; "
                "run `kg clear --yes --rebuild` and load the data again")
        with self._write_lock:
            for stmt in schema.embedded_ddl():
                conn.execute(stmt)
            conn.execute(f"CREATE NODE TABLE IF NOT EXISTS {META_LABEL}"
                         "(id STRING PRIMARY KEY, epoch STRING, version INT64)")
        marker.write_text(fp)

    def clear(self) -> None:
        from graph import model

        with self._write_lock:
            conn = self._writable()
            conn.execute("BEGIN TRANSACTION")
            try:
                for label in model.labels():
                    conn.execute(f"MATCH (n:{label}) DETACH DELETE n")
                conn.execute(*version_bump())
            except RuntimeError as e:
                self._rollback(conn)
                raise self._translate(e, "") from None
            conn.execute("COMMIT")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for conn in self._conns:
            try:
                conn.close()
            except Exception:  # already closed
                pass
        self._conns.clear()
        self._free.clear()
        try:
            self._db.close()
        except Exception:  # closing twice or after a failed open is harmless
            pass


def remove_database(path: Path) -> int:
    """Delete the embedded database at ``path`` with its WAL and schema marker; the number
    of files removed."""
    import shutil

    n = 0
    for p in [path, *path.parent.glob(path.name + ".*")]:
        if p.is_dir():
            shutil.rmtree(p)
            n += 1
        elif p.exists():
            p.unlink()
            n += 1
    return n
