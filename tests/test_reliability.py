"""Reliability and security: outages, concurrency, racing writers, secrets, personal data, login.

The Neo4j tests here run against a SECOND, private Neo4j (own port, own home directory in a
temporary folder) started and stopped by ``scripts/neo4j-local`` with ``NEO4J_HOME_DIR`` /
``NEO4J_PORT``; the shared test Neo4j on 7687 is never stopped or written to by this file.
``conftest.neo4j_env()`` is called first, so with ``CI=true`` an unavailable Neo4j fails the
run instead of skipping.

Every subprocess has a timeout.  Measured numbers (throughput, outage timings) are printed
and written to ``test-artifacts/reliability.json`` (gitignored); RELIABILITY.md quotes them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import BUNDLED, IN_CI, ROOT, neo4j_env

SCRIPT = ROOT / "scripts" / "neo4j-local"
APP = str(ROOT / "app.py")
RESULTS = ROOT / "test-artifacts" / "reliability.json"
PY = sys.executable

# The JVM of the second server (conftest sets NEO4J_JVM): read once, as a test that clears the
# NEO4J_ settings (the app's) may restart the server.
JVM = os.environ.get("NEO4J_JVM", "")
CLIENTS = 20
QUERIES_PER_CLIENT = 50


# --------------------------------------------------------------------------- helpers


def _record(key: str, value) -> None:
    """Keep a measured number for RELIABILITY.md (test-artifacts/ is gitignored)."""
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    try:
        data = json.loads(RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    data[key] = value
    RESULTS.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"\n[reliability] {key}: {json.dumps(value, ensure_ascii=False)}")


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: ours without any KG_/NEO4J_ setting, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("KG_", "NEO4J_", "STREAMLIT_"))}
    env["PYTHONPATH"] = str(ROOT)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def kg(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "graph", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.strip()
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-2000:], err[-2000:])
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("kg: error: "), err
    for n in needles:
        assert n in err, err
    return err


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- a second Neo4j


class SecondNeo4j:
    """A private Neo4j run by ``scripts/neo4j-local`` with its own home directory and port."""

    def __init__(self, home: Path, port: int):
        self.home, self.port = home, port
        self.extra_env: dict[str, str] = {}  # launcher settings of the next start
        self.uri = f"bolt://127.0.0.1:{port}"
        self.password = ""

    def _script(self, cmd: str, timeout: float) -> subprocess.CompletedProcess:
        env = {**os.environ, "NEO4J_HOME_DIR": str(self.home), "NEO4J_PORT": str(self.port),
               "NEO4J_HEAP": "512m", "NEO4J_PAGECACHE": "64m", "NEO4J_JVM": JVM, "PYTHON": PY,
               **self.extra_env}
        return subprocess.run([str(SCRIPT), cmd], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=timeout)

    def start(self, **settings: str) -> None:
        """Start with these launcher settings (none: the defaults)."""
        self.extra_env = settings
        proc = self._script("start", timeout=400)
        if proc.returncode != 0:
            raise RuntimeError(f"second Neo4j did not start ({proc.returncode}): {proc.stderr[-2000:]}")
        env = dict(line[len("export "):].split("=", 1) for line in proc.stdout.splitlines()
                   if line.startswith("export "))
        assert env["NEO4J_URI"] == self.uri, env
        self.password = env["NEO4J_PASSWORD"]

    def stop(self) -> None:
        proc = self._script("stop", timeout=120)
        assert proc.returncode == 0, proc.stderr

    def running(self) -> bool:
        return self._script("status", timeout=30).returncode == 0

    def ensure_running(self, **settings: str) -> None:
        """Running with these launcher settings (none: the defaults); restarted only when it
        is down or runs with others (a restart costs 20-30 s)."""
        up = self.running()
        if up and self.extra_env == settings:
            return
        if up:
            self.stop()
        self.start(**settings)

    def settings(self) -> dict[str, str]:
        return {"NEO4J_URI": self.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": self.password,
                "NEO4J_DATABASE": "neo4j"}

    def store(self):
        from graph.store.neo4j_store import Neo4jStore

        return Neo4jStore(self.uri, "neo4j", self.password, "neo4j")


@pytest.fixture(scope="module")
def neo4j_b(tmp_path_factory):
    shared = neo4j_env()  # skips locally / fails with CI=true when Neo4j cannot run at all
    if not shutil.which("java"):
        msg = "the second Neo4j needs Java (scripts/neo4j-local); KG_TEST_NEO4J_URI alone is not enough"
        pytest.fail(msg) if IN_CI else pytest.skip(msg)
    port = free_port()
    assert f":{port}" not in shared["NEO4J_URI"]
    home = tmp_path_factory.mktemp("neo4j-second")
    b = SecondNeo4j(home, port)
    try:
        t0 = time.monotonic()
        b.start()
        _record("neo4j_second_instance_cold_start_s", round(time.monotonic() - t0, 1))
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        try:
            b.stop()
        except Exception:  # noqa: BLE001
            pass
        pytest.fail(str(e)) if IN_CI else pytest.skip(str(e))
    s = b.store()
    s.apply_schema()
    s.close()
    yield b
    try:
        b.stop()
    finally:
        shutil.rmtree(home, ignore_errors=True)  # ~0.5 GB of preallocated transaction logs


# --------------------------------------------------------------------------- an embedded load


# The embedded buffer pool of the test's ingest processes: small, as two may run at once, but a
# load is one transaction and needs room (measured on the bundled data, 2026-12-03: 512 MiB ran
# out inside the load's own transaction — "Buffer manager exception: … the buffer pool is full" —
# 768 MiB loads it).
POOL_MB = 1024


@pytest.fixture(scope="module")
def clean_load(tmp_path_factory) -> dict:
    """The bundled dataset loaded once by ``kg ingest`` into a fresh embedded database: its
    path and checksum (the reference for the racing-ingest test)."""
    from graph.store.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("clean-load") / "db"
    proc = kg("ingest", str(BUNDLED), "-q", env=clean_env(KG_EMBEDDED_PATH=path, KG_BUFFER_POOL_MB=POOL_MB))
    assert proc.returncode == 0, proc.stderr
    with EmbeddedStore(path, read_only=True, buffer_pool_mb=POOL_MB) as s:
        return {"path": path, "checksum": s.checksum(), "stats": s.stats()}


# ===================================================================================== outages

# The driver's retry windows during the outage test (graph/config.py; defaults 5 s and 15 s).
OUTAGE_RETRY = {"KG_NEO4J_READ_RETRY_S": "1", "KG_NEO4J_WRITE_RETRY_S": "1"}
# The second server's launcher settings for the load too large for one transaction.
TX_CAPPED = {"NEO4J_TX_MEMORY": "2m"}



def test_outage_cli_app_and_the_same_store_object_recover(neo4j_b, monkeypatch):
    """Neo4j stops: the CLI prints one line and exits 1, the app shows a friendly error, the
    store raises StoreUnavailable.  Neo4j comes back: the SAME Neo4jStore object works.

    The driver's retry windows are lowered to 1 s (``OUTAGE_RETRY``): with the defaults (5 s
    for reads, 15 s for writes, RELIABILITY.md) a read and a write on the stopped server wait
    ~7 s and ~15 s, and what happens at their end is the same."""
    from graph.store.base import StoreUnavailable

    neo4j_b.ensure_running()
    for k, v in OUTAGE_RETRY.items():
        monkeypatch.setenv(k, v)
    store = neo4j_b.store()  # like the app's cached connection: created once, kept
    try:
        assert store.read("RETURN 1 AS one").single_value() == 1
        store.write("MERGE (t:Track {id: 'outage-probe'}) SET t.name = 'probe'")

        neo4j_b.stop()
        env = clean_env(KG_STORE="neo4j", **neo4j_b.settings(), **OUTAGE_RETRY)
        timings = {}
        for args in (["stats"], ["cypher", "MATCH (n) RETURN count(n)"], ["ingest", str(BUNDLED), "-q"]):
            t0 = time.monotonic()
            proc = kg(*args, env=env, timeout=90)
            timings[args[0]] = round(time.monotonic() - t0, 2)
            assert_one_line_error(proc, "not reachable", neo4j_b.uri)
        # the store layer: a clear exception type, not a driver error
        t0 = time.monotonic()
        with pytest.raises(StoreUnavailable, match="not reachable"):
            store.read("MATCH (t:Track {id: 'outage-probe'}) RETURN t.name")
        timings["store.read while down"] = round(time.monotonic() - t0, 2)
        # how long it took is recorded (RELIABILITY.md), not asserted: no wall-clock bound in a
        # test; that the read ends at all, with this error, is what the test holds
        with pytest.raises(StoreUnavailable):
            store.write("MERGE (t:Track {id: 'outage-probe-2'})")

        # the app: a friendly st.error, no exception, no traceback
        at = _app_test(monkeypatch, KG_STORE="neo4j", **neo4j_b.settings(), **OUTAGE_RETRY)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        errors = " ".join(e.value for e in at.error)
        assert "not reachable" in errors and "Traceback" not in errors, errors
        assert len(at.metric) == 0

        # Neo4j returns: the same object answers, no restart of the process
        # back with the transaction memory cap of the next test (TX_CAPPED, 2 MiB a transaction,
        # far above any write here): one restart fewer than stopping again to set it
        t0 = time.monotonic()
        neo4j_b.start(**TX_CAPPED)
        timings["restart"] = round(time.monotonic() - t0, 1)
        t0 = time.monotonic()
        assert store.read("MATCH (t:Track {id: 'outage-probe'}) RETURN t.name").single_value() == "probe"
        timings["first read after restart"] = round(time.monotonic() - t0, 2)
        store.write("MATCH (t:Track {id: 'outage-probe'}) DELETE t")
        assert kg("stats", env=env, timeout=90).returncode == 0
        _record("outage_timings_s", timings)
    finally:
        store.close()


def test_a_load_too_large_for_one_transaction_fails_whole_and_says_what_to_change(neo4j_b):
    """Neo4j caps the memory of transactions (all of them together: 70% of the heap by
    default; scale L, 11.7M rows, reached it with a 4 GiB heap).  A load is one transaction,
    so it fails whole, at once (neither retried by the driver, which retries transient errors
    such as this one for 15 s, nor tried again on the MERGE path), and the message names the
    cap and what to change.  Here the cap is one transaction's (``NEO4J_TX_MEMORY``,
    db.memory.transaction.max) at 2 MiB, and the same rows load once it is lifted."""
    import neo4j

    from bench.generate import generate
    from graph.store.base import META_LABEL, TransactionTooLarge

    nodes, rels = generate("XS", 1)
    n_nodes = sum(len(rows) for rows in nodes.values())
    neo4j_b.ensure_running(**TX_CAPPED)  # as the outage test left it, when it ran just before
    try:
        store = neo4j_b.store()
        try:
            store.clear()
            attempts = []
            original = neo4j.ManagedTransaction.run

            def counting_run(self, query, parameters=None, **kw):
                if " CREATE " in str(query) or " MERGE " in str(query):
                    attempts.append(str(query))
                return original(self, query, parameters, **kw)

            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(neo4j.ManagedTransaction, "run", counting_run)
                t0 = time.monotonic()
                with pytest.raises(TransactionTooLarge) as err:
                    store.load(nodes, rels)
                _record("load_over_tx_memory_cap_s", round(time.monotonic() - t0, 1))
            assert attempts.count(attempts[0]) == 1, "the first statement ran again"
            assert not any(" MERGE " in q for q in attempts), "the MERGE path ran after the bulk path"
            message = str(err.value)
            assert "ran out of transaction memory" in message, message
            assert "db.memory.transaction.max" in message and "NEO4J_HEAP" in message, message
            assert "\n" not in message
            assert store.read(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN count(n)").single_value() == 0
        finally:
            store.close()
    finally:
        neo4j_b.ensure_running()  # the cap lifted
    store = neo4j_b.store()
    try:
        store.load(nodes, rels)
        assert store.read(f"MATCH (n) WHERE NOT n:{META_LABEL} RETURN count(n)").single_value() == n_nodes
        store.clear()
    finally:
        store.close()


def test_the_driver_retry_windows_are_settings(monkeypatch):
    """KG_NEO4J_READ_RETRY_S / KG_NEO4J_WRITE_RETRY_S (defaults 5 s and 15 s) are what the
    store's sessions retry for; no connection is made to read them."""
    from graph.store.neo4j_store import Neo4jStore

    for k in OUTAGE_RETRY:
        monkeypatch.delenv(k, raising=False)
    with Neo4jStore(f"bolt://127.0.0.1:{free_port()}", "neo4j", "x") as s:
        assert s.retry_s == {"read": 5.0, "write": 15.0}
    monkeypatch.setenv("KG_NEO4J_READ_RETRY_S", "0.5")
    monkeypatch.setenv("KG_NEO4J_WRITE_RETRY_S", "2")
    with Neo4jStore(f"bolt://127.0.0.1:{free_port()}", "neo4j", "x") as s:
        assert s.retry_s == {"read": 0.5, "write": 2.0}


def _neo4j_logger_is_quiet() -> bool:
    import logging

    import graph.store.neo4j_store  # noqa: F401  (the fix would live there)

    return bool(logging.getLogger("neo4j").handlers)


@pytest.mark.slow  # runs kg in a subprocess
@pytest.mark.xfail(condition=not _neo4j_logger_is_quiet(), strict=True,
                   reason="the driver logs 'Unable to retrieve routing information' through logging's "
                          "last-resort handler: graph/store/neo4j_store.py should add a NullHandler to the "
                          "'neo4j' logger (RELIABILITY.md, recommended store change)")
def test_a_routing_uri_outage_is_one_line_too():
    """``neo4j://`` (cluster, Aura) to a server that is down."""
    neo4j_env()
    env = clean_env(KG_STORE="neo4j", NEO4J_URI=f"neo4j://127.0.0.1:{free_port()}", NEO4J_PASSWORD="x")
    assert_one_line_error(kg("stats", env=env, timeout=90), "not reachable")


def test_wrong_credentials_are_one_line_too(neo4j_b):
    neo4j_b.ensure_running()
    env = clean_env(KG_STORE="neo4j", **{**neo4j_b.settings(), "NEO4J_PASSWORD": "not-the-password"})
    assert_one_line_error(kg("stats", env=env, timeout=90), "refused the credentials")


def test_a_transient_error_inside_the_ingest_transaction_is_retried(neo4j_b, clean_load, monkeypatch):
    """``run_atomic`` runs the whole load in ``session.execute_write(work)``.  When ``work``
    raises a retryable error (TransientError: deadlock, leader switch …; or
    ServiceUnavailable / SessionExpired) the driver rolls the transaction back, waits
    (exponential back-off from 1 s, jitter) and calls ``work`` again with a new
    transaction, for up to ``max_transaction_retry_time`` (15 s here).  Here a deadlock is
    injected into the SECOND statement of the first attempt, after the first statement has
    written: the retried load is exact, with nothing doubled from the failed attempt."""
    import neo4j
    from neo4j import exceptions as nx_exc

    from ingest.loader import ingest_paths

    neo4j_b.ensure_running()
    store = neo4j_b.store()
    try:
        store.clear()
        reference = clean_load["checksum"]  # the stores' checksums agree (test_backbone)

        calls = {"n": 0, "injected": 0, "first_statement": 0}
        original = neo4j.ManagedTransaction.run
        first_stmt: list[str] = []

        def flaky_run(self, query, parameters=None, **kw):
            q = str(query)
            if " MERGE " in q or " CREATE " in q:  # the load's write statements (reads also UNWIND)
                calls["n"] += 1
                if not first_stmt:
                    first_stmt.append(q)
                if q == first_stmt[0]:
                    calls["first_statement"] += 1
                if calls["n"] == 2 and not calls["injected"]:
                    calls["injected"] += 1
                    raise nx_exc.Neo4jError._hydrate_neo4j(
                        code="Neo.TransientError.Transaction.DeadlockDetected", message="injected deadlock")
            return original(self, query, parameters, **kw)

        monkeypatch.setattr(neo4j.ManagedTransaction, "run", flaky_run)
        t0 = time.monotonic()
        result = ingest_paths(store, [BUNDLED])
        elapsed = time.monotonic() - t0
        monkeypatch.undo()

        assert calls["injected"] == 1
        assert calls["first_statement"] == 2, calls  # the transaction function ran twice
        assert result.summary.changed > 0
        assert store.checksum() == reference
        _record("transient_retry", {"attempts": calls["first_statement"], "load_with_retry_s": round(elapsed, 2)})
    finally:
        store.close()


def test_a_non_transient_error_is_not_retried_and_leaves_nothing(neo4j_b):
    from graph.store.base import StoreError

    neo4j_b.ensure_running()
    store = neo4j_b.store()
    try:
        store.clear()
        with pytest.raises(StoreError, match="by zero"):  # the statement's own error, not any
            store.run_atomic([("MERGE (t:Track {id: 'a'}) SET t.name = 'a'", {}),
                              ("RETURN 1/0", {})])
        assert store.read("MATCH (t:Track) RETURN count(t)").single_value() == 0
    finally:
        store.close()


# ================================================================================ concurrency

LOAD_SCRIPT = textwrap.dedent(r"""
    import json, statistics, sys, time
    from concurrent.futures import ThreadPoolExecutor

    cfg = json.loads(sys.argv[1])
    if cfg["kind"] == "embedded":
        from graph.store.embedded import EmbeddedStore
        store = EmbeddedStore(cfg["path"], read_only=True, buffer_pool_mb=cfg.get("pool_mb"))  # None: KG_BUFFER_POOL_MB
    else:
        from graph.store.neo4j_store import Neo4jStore
        store = Neo4jStore(cfg["uri"], cfg["user"], cfg["password"], "neo4j")
    from queries.library import run_named

    CONSOLE = ("MATCH (f:Firm)-[:IN_TRACK]->(t:Track) "
               "RETURN t.name AS track, count(f) AS firms ORDER BY firms DESC, track")
    WORK = [
        ("named", "overview.counts", {}),
        ("named", "entity.search", {"q": "常州"}),
        ("named", "track.servers", {"track": "人工智能"}),
        ("named", "entity.neighbourhood", {"label": "Park", "id": "wujin-hi-tech-zone", "hops": 2}),
        ("named", "coverage.matrix", {}),
        ("console", CONSOLE, {}),
    ]

    def run(w):
        kind, q, p = w
        if kind == "named":
            res = run_named(store, q, p, row_cap=1000, timeout=30)
        else:  # the console path: untrusted, plan-checked on Neo4j, READ ONLY transaction
            res = store.read(q, p, row_cap=1000, timeout=30)
        return json.dumps(sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str)
                                 for r in res.rows), ensure_ascii=False)

    expected = [run(w) for w in WORK]  # sequential answers
    assert all(len(json.loads(e)) > 0 for e in expected), "empty answers: is the store loaded?"

    def client(c):
        lat, errors = [], []
        for j in range(cfg["queries"]):
            i = (c + j) % len(WORK)
            t0 = time.perf_counter()
            try:
                if run(WORK[i]) != expected[i]:
                    errors.append(f"wrong answer for {WORK[i][1][:40]}")
            except Exception as e:
                errors.append(f"{type(e).__name__}: {str(e)[:200]}")
            lat.append(time.perf_counter() - t0)
        return lat, errors

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=cfg["clients"]) as ex:
        out = list(ex.map(client, range(cfg["clients"])))
    wall = time.perf_counter() - t0
    store.close()
    lat = sorted(x for l, _ in out for x in l)
    errors = [e for _, es in out for e in es]
    print(json.dumps({
        "clients": cfg["clients"], "queries": len(lat), "errors": len(errors), "first_errors": errors[:5],
        "wall_s": round(wall, 2), "qps": round(len(lat) / wall, 1),
        "p50_ms": round(1000 * statistics.median(lat), 1),
        "p95_ms": round(1000 * lat[int(0.95 * (len(lat) - 1))], 1),
        "max_ms": round(1000 * lat[-1], 1)}))
""")


def run_load(cfg: dict, timeout: float = 300) -> dict:
    cfg = {"clients": CLIENTS, "queries": QUERIES_PER_CLIENT, **cfg}
    proc = subprocess.run([PY, "-c", LOAD_SCRIPT, json.dumps(cfg)], cwd=ROOT, env=clean_env(),
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_load_20_clients_x_50_queries_on_one_read_only_embedded_store(clean_load):
    """With the default buffer pool (KG_BUFFER_POOL_MB=4096).  Measured: 512 MiB gives ~30 %
    'buffer pool is full' errors at 20 concurrent clients and 1024 MiB ~2 % (clean StoreErrors,
    no crash); see RELIABILITY.md."""
    r = run_load({"kind": "embedded", "path": str(clean_load["path"])})
    _record("load_embedded", r)
    assert r["queries"] == CLIENTS * QUERIES_PER_CLIENT
    assert r["errors"] == 0, r["first_errors"]


@pytest.mark.slow
def test_load_20_clients_x_50_queries_on_neo4j(neo4j_b):
    from ingest.loader import ingest_paths

    neo4j_b.ensure_running()
    assert neo4j_b.uri.startswith("bolt://127.0.0.1:")  # loopback only
    s = neo4j_b.store()
    try:
        s.clear()
        ingest_paths(s, [BUNDLED])
    finally:
        s.close()
    r = run_load({"kind": "neo4j", "uri": neo4j_b.uri, "user": "neo4j", "password": neo4j_b.password})
    _record("load_neo4j", r)
    assert r["queries"] == CLIENTS * QUERIES_PER_CLIENT
    assert r["errors"] == 0, r["first_errors"]


def _ingest_proc(path: Path) -> subprocess.Popen:
    return subprocess.Popen([PY, "-m", "graph", "ingest", str(BUNDLED), "-q"], cwd=ROOT,
                            env=clean_env(KG_EMBEDDED_PATH=path, KG_BUFFER_POOL_MB=POOL_MB),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


LOCKED = "is in use by another process"


@pytest.mark.slow
@pytest.mark.parametrize("round_", range(3))
def test_two_racing_ingests_on_one_embedded_store_do_not_corrupt_it(clean_load, tmp_path, round_):
    """Two ``kg ingest`` processes start at once on the same fresh database: each either
    loads or fails with one line naming the lock; the database then equals one clean load."""
    from graph.store.embedded import EmbeddedStore

    path = tmp_path / "db"
    procs = [_ingest_proc(path), _ingest_proc(path)]
    outcomes = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        err = err.strip()
        if p.returncode == 0:
            outcomes.append("loaded")
        else:
            assert p.returncode == 1 and "Traceback" not in err and len(err.splitlines()) == 1, err
            assert err.startswith("kg: error: ") and LOCKED in err, err
            outcomes.append("refused (locked)")
    assert "loaded" in outcomes, outcomes
    with EmbeddedStore(path, read_only=True, buffer_pool_mb=POOL_MB) as s:
        assert s.checksum() == clean_load["checksum"]
    _record(f"racing_ingests_round_{round_}", sorted(outcomes))


def test_a_second_writer_fails_at_once_with_one_line_while_a_writer_holds_the_database(clean_load, tmp_path):
    """The deterministic half of the race: this process holds the database open for writing."""
    from graph.store.embedded import EmbeddedStore

    path = tmp_path / "db"
    shutil.copytree(clean_load["path"].parent, tmp_path, dirs_exist_ok=True)
    holder = EmbeddedStore(path, buffer_pool_mb=POOL_MB)
    try:
        env = clean_env(KG_EMBEDDED_PATH=path, KG_BUFFER_POOL_MB=POOL_MB)
        # "at once": the lock is refused, not waited for (kg() raises past its timeout)
        assert_one_line_error(kg("ingest", str(BUNDLED), "-q", env=env, timeout=60), LOCKED)
        assert_one_line_error(kg("stats", env=env, timeout=60), "in use")
    finally:
        holder.close()
    proc = kg("ingest", str(BUNDLED), "-q", env=clean_env(KG_EMBEDDED_PATH=path, KG_BUFFER_POOL_MB=POOL_MB))
    assert proc.returncode == 0, proc.stderr
    with EmbeddedStore(path, read_only=True, buffer_pool_mb=POOL_MB) as s:
        assert s.checksum() == clean_load["checksum"]


# ================================================================================== secrets

_PLACEHOLDER = re.compile(r"""^["']?(\$|%s|<|\{|…|\.\.\.|change-?me|changeit|xxx|\*{3,}|your[-_ ]|example|none$|""$|''$)""",
                          re.I)
SECRET_PATTERNS = [
    ("private key", re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----")),
    ("NEO4J_PASSWORD with a value", re.compile(r"NEO4J_PASSWORD\s*=\s*(?P<v>[^\s#]+)")),
    ("KG_APP_PASSWORD with a value", re.compile(r"KG_APP_PASSWORD\s*=\s*(?P<v>[^\s#]+)")),
    ("password/secret literal", re.compile(
        r"""(?i)\b(?:password|passwd|app_password|client_secret|cookie_secret|api_key|token)\s*[=:]\s*(?P<v>["'][^"'\s]{4,}["'])""")),
    ("AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b")),
    ("neo4j+s URI with credentials", re.compile(r"(?:bolt|neo4j)(?:\+s|\+ssc)?://[^/\s:@]+:[^/\s@]+@")),
]
SELF = Path(__file__).resolve()


def scan_text(text: str) -> list[str]:
    hits = []
    for name, rx in SECRET_PATTERNS:
        for m in rx.finditer(text):
            line = text[: m.start()].count("\n")
            full_line = text.splitlines()[line] if text.splitlines() else ""
            if full_line.lstrip().startswith(("#", "//")) and "PRIVATE KEY" not in name.upper():
                continue  # a commented-out example line
            v = m.groupdict().get("v")
            if v is not None and _PLACEHOLDER.match(v):
                continue
            hits.append(f"line {line + 1}: {name}: {m.group(0)[:60]}")
    return hits


def committable_files() -> list[Path]:
    """Tracked files and untracked files that are not ignored: what `git add -A` would commit."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60, check=True).stdout
    return [ROOT / p for p in out.split("\0") if p and (ROOT / p).is_file()]


def test_the_secret_scanner_finds_what_it_should():
    planted = ("NEO4J_PASSWORD=hunter2-real\n"
               "[auth]\ncookie_secret = \"8f3a9c1d0e\"\n"
               "-----BEGIN OPENSSH PRIVATE KEY-----\n"
               "uri = neo4j+s://neo4j:s3cr3t@abcd.databases.neo4j.io\n")
    assert len(scan_text(planted)) == 4, scan_text(planted)
    harmless = ("export NEO4J_PASSWORD=$(cat .kg/neo4j/password)\n"
                "printf 'export NEO4J_PASSWORD=%s\\n'\n"
                "# password = \"change-me\"\n"
                "password = \"…\"\n"
                "NEO4J_PASSWORD=<the password>\n")
    assert scan_text(harmless) == []


def test_no_credentials_in_the_repository():
    local_secrets = [p.read_text().strip() for p in (ROOT / ".kg").glob("**/password")
                     if p.is_file() and p.stat().st_size < 200]
    hits = []
    for f in committable_files():
        if f.resolve() == SELF or f.stat().st_size > 5_000_000:
            continue
        try:
            text = f.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary (images, xlsx)
        hits += [f"{f.relative_to(ROOT)}: {h}" for h in scan_text(text)]
        hits += [f"{f.relative_to(ROOT)}: a generated local Neo4j password" for s in local_secrets
                 if s and s in text]
    assert hits == [], "\n".join(hits)


def test_streamlit_secrets_examples_hold_no_literal_passwords():
    files = [f for f in committable_files() if f.name.startswith("secrets.toml")]
    assert [f.name for f in files] == ["secrets.toml.example"], files  # never the real file
    for f in files:
        for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = re.match(r"""\s*(\w*(?:password|secret|token)\w*)\s*=\s*(.+)""", line, re.I)
            if m:
                assert _PLACEHOLDER.match(m.group(2).strip()), f"{f.name}:{i}: {line}"


@pytest.mark.parametrize("path", [".streamlit/secrets.toml", ".kg/", ".kg/neo4j/password", ".kg/neo4j/env",
                                  ".kg/embedded", "test-artifacts/reliability.json"])
def test_secret_and_state_paths_are_gitignored(path):
    proc = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT, timeout=30)
    assert proc.returncode == 0, f"{path} is not gitignored"
    tracked = subprocess.run(["git", "ls-files", "--", path], cwd=ROOT, capture_output=True, text=True,
                             timeout=30).stdout
    assert tracked == "", f"{path} is tracked: {tracked}"


# ============================================================================ personal data

PERSON = {"id": "zhang-san", "name": "张三", "email": "zhangsan@example.cn", "phone": "13800001234",
          "title": "研究员"}


def _person_dataset(d: Path) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    (d / "Firm.csv").write_text("id,name,source,confidence\nacme,常州某科技公司,https://example.org/t,stated\n",
                                encoding="utf-8")
    (d / "Person.csv").write_text(
        "id,name,role,title,email,phone,source,confidence\n"
        f"{PERSON['id']},{PERSON['name']},科技副总,{PERSON['title']},{PERSON['email']},{PERSON['phone']},"
        "https://example.org/t,stated\n", encoding="utf-8")
    (d / "relationships.csv").write_text(
        "type,from_label,from,to_label,to,source,confidence\n"
        f"SERVES_AS,Person,{PERSON['id']},Firm,acme,https://example.org/t,stated\n", encoding="utf-8")
    return d


_person_stores: dict[str, tuple[dict, str]] = {}  # kind -> (its settings, data version after the ingest)


@pytest.fixture(params=["embedded", "neo4j"])
def person_env(request, tmp_path_factory):
    """A store holding a Person (with e-mail and phone) and the env that selects it for `kg`.
    Loaded by ``kg ingest`` once per kind and shared by the tests, which only read it; loaded
    again when its data version changed since (another test wrote to the second Neo4j)."""
    kind = request.param
    if kind == "embedded":
        path = _person_stores[kind][0]["KG_EMBEDDED_PATH"] if kind in _person_stores else \
            str(tmp_path_factory.mktemp("people-db") / "db")
        env = clean_env(KG_STORE="embedded", KG_EMBEDDED_PATH=path, KG_BUFFER_POOL_MB=POOL_MB)
    else:
        b = request.getfixturevalue("neo4j_b")
        b.ensure_running()
        env = clean_env(KG_STORE="neo4j", **b.settings())
    selects = {k: v for k, v in env.items() if k.startswith(("KG_", "NEO4J_"))}  # the store, nothing else
    if kind in _person_stores and _person_stores[kind] == (selects, _data_version(env)):
        return env
    if kind == "neo4j":
        with b.store() as s:
            s.clear()
    proc = kg("ingest", str(_person_dataset(tmp_path_factory.mktemp("people"))), "-q", env=env)
    assert proc.returncode == 0, proc.stderr
    _person_stores[kind] = (selects, _data_version(env))
    return env


def _data_version(env: dict[str, str]) -> str:
    """The data version of the store ``env`` selects (read-only for an embedded one)."""
    from graph.store.embedded import EmbeddedStore
    from graph.store.neo4j_store import Neo4jStore

    if env["KG_STORE"] == "embedded":
        store = EmbeddedStore(env["KG_EMBEDDED_PATH"], read_only=True, buffer_pool_mb=POOL_MB)
    else:
        store = Neo4jStore(env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"], env["NEO4J_DATABASE"])
    with store:
        return store.data_version()


def _exported_text(path: Path) -> str:
    if path.suffix == ".zip":
        import zipfile

        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8-sig") for n in z.namelist())
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["json", "graphml", "gexf", "csv"])
def test_kg_export_drop_personal_leaves_out_person_names_and_contacts(person_env, tmp_path, fmt):
    out = tmp_path / f"g.{'zip' if fmt == 'csv' else fmt}"
    full = tmp_path / f"full.{'zip' if fmt == 'csv' else fmt}"
    assert kg("export", str(full), "--format", fmt, env=person_env).returncode == 0
    assert PERSON["email"] in _exported_text(full)  # the store does hold them
    proc = kg("export", str(out), "--format", fmt, "--drop-personal", env=person_env)
    assert proc.returncode == 0, proc.stderr
    text = _exported_text(out)
    for field in ("name", "email", "phone", "title"):
        assert PERSON[field] not in text, f"{field} leaked into the {fmt} export"
    assert "常州某科技公司" in text  # other data is kept


def test_person_nodes_can_be_pseudonymised(person_env, tmp_path, monkeypatch):
    from graph.export import export_graph, pseudonymise
    from graph.store import open_store

    for k in list(os.environ):
        if k.startswith(("KG_", "NEO4J_")):
            monkeypatch.delenv(k)
    for k, v in person_env.items():
        if k.startswith(("KG_", "NEO4J_")):
            monkeypatch.setenv(k, v)
    with open_store() as s:
        G = s.export()
    H = pseudonymise(G, "a-secret-salt")
    again = pseudonymise(G, "a-secret-salt")
    assert sorted(H.nodes) == sorted(again.nodes)  # stable: exports with one salt can be joined
    people = [n for n, d in H.nodes(data=True) if d.get("label") == "Person"]
    assert len(people) == 1 and people[0] != f"Person:{PERSON['id']}"
    assert H.has_edge(people[0], "Firm:acme")  # relationships follow
    out = tmp_path / "p.json"
    export_graph(H, out, "json")
    text = out.read_text(encoding="utf-8")
    for field in ("id", "name", "email", "phone", "title"):
        assert PERSON[field] not in text, field


# ==================================================================================== login

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest


def _app_test(monkeypatch, **env) -> "AppTest":
    for k in list(os.environ):
        if k.startswith(("KG_", "NEO4J_")):
            monkeypatch.delenv(k)
    for k, v in env.items():
        monkeypatch.setenv(k, str(v))
    return AppTest.from_file(APP, default_timeout=120)


@pytest.fixture
def app_store(clean_load, tmp_path):
    """A loaded embedded database of its own for the app (copied from the clean load)."""
    shutil.copytree(clean_load["path"].parent, tmp_path / "app", dirs_exist_ok=True)
    return tmp_path / "app" / "db"


def _shows_data(at) -> bool:
    return bool(at.metric or at.dataframe or at.sidebar.caption)


def test_open_app_without_login_configuration(monkeypatch, app_store):
    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _shows_data(at)
    assert not [t for t in at.text_input if t.key == "kg_login_password"]


@pytest.mark.parametrize("page", ["overview", "console", "explorer"])
def test_with_kg_app_password_only_the_login_form_shows_until_the_right_password(monkeypatch, app_store, page):
    from ui import auth

    monkeypatch.setattr(auth, "WRONG_PASSWORD_DELAY_S", 0.01)
    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store, KG_APP_PASSWORD="长城-s3cret")
    at.query_params["page"] = page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.key for t in at.text_input] == ["kg_login_password"]
    assert not _shows_data(at) and not at.error
    assert len(at.sidebar.radio) == 0  # nothing of the app ran

    at.text_input(key="kg_login_password").input("wrong").run()  # typing alone does not submit
    assert not _shows_data(at)
    at.button[0].click().run()
    assert not at.exception
    assert at.error and not _shows_data(at), "a wrong password must be refused"
    assert auth.STATE_KEY not in at.session_state or not at.session_state[auth.STATE_KEY]

    at.text_input(key="kg_login_password").input("长城-s3cret")
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [t for t in at.text_input if t.key == "kg_login_password"]
    assert _shows_data(at) or page == "console"
    assert at.sidebar.radio  # the app itself ran


def test_app_password_from_secrets(monkeypatch, app_store):
    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store)
    at.secrets["app_password"] = "from-the-secrets-file"
    at.run()
    assert [t.key for t in at.text_input] == ["kg_login_password"] and not _shows_data(at)
    at.text_input(key="kg_login_password").input("from-the-secrets-file")
    at.button[0].click().run()
    assert not at.exception and _shows_data(at)


OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-cookie-secret",
        "client_id": "kg", "client_secret": "test-client-secret",
        "server_metadata_url": "https://idp.example.org/.well-known/openid-configuration"}


def test_with_auth_configured_st_login_is_required(monkeypatch, app_store):
    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store, KG_APP_PASSWORD="ignored-when-oidc")
    at.secrets["auth"] = OIDC
    at.run()  # AppTest's default user is logged out when [auth] exists
    assert not at.exception
    assert [b.key for b in at.button] == ["kg_login_oidc"] and not _shows_data(at)
    assert not at.text_input  # OIDC wins over the password

    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store)
    at.secrets["auth"] = OIDC
    at.user = {"is_logged_in": True, "email": "planner@example.cn", "name": "Planner"}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert _shows_data(at)


def test_oidc_allow_list_refuses_other_accounts(monkeypatch, app_store):
    at = _app_test(monkeypatch, KG_EMBEDDED_PATH=app_store)
    at.secrets["auth"] = OIDC
    at.secrets["kg_auth"] = {"allowed_domains": ["cz.gov.cn"]}
    at.user = {"is_logged_in": True, "email": "someone@gmail.com"}
    at.run()
    assert not at.exception and at.error and not _shows_data(at)
