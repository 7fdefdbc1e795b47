"""Fixtures: every test that touches a store runs on both stores.

The Neo4j store is a real Neo4j 5, started by ``scripts/neo4j-local`` (reused when it is
already running).  With ``CI=true`` it must start: a failure fails the run loudly.
Locally without Java the Neo4j half of each test is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.store.base import GraphStore  # noqa: E402

BUNDLED = ROOT / "data" / "changzhou"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
STORES = ("embedded", "neo4j")

_neo4j: dict = {"env": None, "error": None, "state": None}
# The test Neo4j servers (the shared one when conftest starts it, the tests' own) run the JVM
# for short-lived servers (scripts/neo4j-local, NEO4J_JVM), as under scripts/test.
os.environ.setdefault("NEO4J_JVM", "test")


def _start_neo4j() -> dict[str, str]:
    if _neo4j["env"] or _neo4j["error"]:
        if _neo4j["error"]:
            raise RuntimeError(_neo4j["error"])
        return _neo4j["env"]
    if os.environ.get("KG_TEST_NEO4J_URI"):
        env = {"NEO4J_URI": os.environ["KG_TEST_NEO4J_URI"],
               "NEO4J_USER": os.environ.get("KG_TEST_NEO4J_USER", "neo4j"),
               "NEO4J_PASSWORD": os.environ.get("KG_TEST_NEO4J_PASSWORD", ""),
               "NEO4J_DATABASE": os.environ.get("KG_TEST_NEO4J_DATABASE", "neo4j")}
    else:
        if not shutil.which("java") or not shutil.which("mvn"):
            _neo4j["error"] = "Java 17 and Maven are needed to start the test Neo4j (scripts/neo4j-local)"
            raise RuntimeError(_neo4j["error"])
        proc = subprocess.run([str(ROOT / "scripts" / "neo4j-local"), "start"], capture_output=True,
                              text=True, timeout=900)
        if proc.returncode != 0:
            _neo4j["error"] = f"scripts/neo4j-local start failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
            raise RuntimeError(_neo4j["error"])
        env = {}
        for line in proc.stdout.splitlines():
            if line.startswith("export ") and "=" in line:
                k, v = line[len("export "):].split("=", 1)
                env[k] = v.strip().strip("'\"")
    _neo4j["env"] = env
    return env


def neo4j_env() -> dict[str, str]:
    """Connection settings of the test Neo4j; skips (or, in CI, fails) when it cannot start."""
    try:
        return _start_neo4j()
    except RuntimeError as e:
        if IN_CI:
            pytest.fail(f"CI=true requires Neo4j: {e}", pytrace=False)
        pytest.skip(f"Neo4j not available: {e}")


def open_test_store(kind: str, tmp_path: Path | None = None) -> GraphStore:
    from graph.store import open_store

    if kind == "embedded":
        return open_store("embedded", path=tmp_path / "db", buffer_pool_mb=4096)
    env = neo4j_env()
    store = open_store("neo4j", uri=env["NEO4J_URI"], user=env["NEO4J_USER"], password=env["NEO4J_PASSWORD"],
                       database=env["NEO4J_DATABASE"])
    if _neo4j["state"] is None:
        store.apply_schema()
        _neo4j["state"] = "schema"
    return store


@pytest.fixture(params=STORES)
def store_kind(request) -> str:
    if request.param == "neo4j":
        neo4j_env()
    return request.param


@pytest.fixture
def store(store_kind, tmp_path):
    """An empty store of each kind."""
    s = open_test_store(store_kind, tmp_path)
    if store_kind == "neo4j":
        s.clear()
        _neo4j["state"] = "dirty"
    yield s
    s.close()


def load_bundled(s: GraphStore):
    from ingest.loader import ingest_paths

    return ingest_paths(s, [BUNDLED])


_bundled_embedded: dict = {}


def bundled_embedded(tmp_path_factory) -> GraphStore:
    """The session's one embedded store holding the bundled data (loaded on first use)."""
    if "store" not in _bundled_embedded:
        s = open_test_store("embedded", tmp_path_factory.mktemp("bundled"))
        load_bundled(s)
        _bundled_embedded["store"] = s
    return _bundled_embedded["store"]


def bundled_neo4j() -> GraphStore:
    """A connection to the shared Neo4j holding the bundled data, reloaded only when a write
    came since it was loaded (the caller closes it)."""
    s = open_test_store("neo4j")
    # The shared Neo4j still holds the bundled data when no write from any process came since it
    # was loaded: a test that clears it without telling conftest cannot leave the next one an empty graph.
    if _neo4j["state"] != "bundled" or s.data_version() != _neo4j.get("bundled_version"):
        s.clear()
        load_bundled(s)
        mark_bundled(s)
    return s


@pytest.fixture
def bundled_store(store_kind, tmp_path_factory):
    """A store holding the bundled Changzhou dataset.  Tests must not write to it."""
    if store_kind == "embedded":
        yield bundled_embedded(tmp_path_factory)
        return
    s = bundled_neo4j()
    yield s
    s.close()


def mark_bundled(s: GraphStore) -> None:
    """Record that the shared Neo4j ``s`` holds just the bundled data (``bundled_store`` reuses it)."""
    _neo4j["state"], _neo4j["bundled_version"] = "bundled", s.data_version()


# The fast tier (`-m "not slow"`) leaves out tests that start processes: a second Neo4j, Streamlit
# and Chromium, `kg` subprocesses (each pays Python's start-up and imports: 2-12 s measured).
# Tests that use these fixtures are marked here; a test that runs `kg` itself carries the mark.
SLOW_FIXTURES = {"neo4j_b", "clean_load", "person_env", "server", "browser"}


def pytest_configure(config):
    """Temporary folders on tmpfs when the machine has room: every test store is a LadybugDB
    folder, synced to disk at each checkpoint and close (0.15-0.3 s a store on this machine's
    disk against 0.02-0.04 s on /dev/shm).  An explicit --basetemp or TMPDIR wins."""
    if config.option.basetemp or os.environ.get("TMPDIR") or os.environ.get("PYTEST_DEBUG_TEMPROOT"):
        return
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK) and shutil.disk_usage(shm).free > 4 * 2**30:
        # One folder per session (pytest's basetemp and the tests' own tempfile folders): removed
        # after a passing run, kept after a failing one.
        tempfile.tempdir = _session_tmp["dir"] = tempfile.mkdtemp(prefix="kg-tests-", dir=shm)


_session_tmp: dict = {}


@pytest.hookimpl(wrapper=True)  # marks before -m selects; orders after pytest's own ordering
def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    yield
    items[:] = _bundled_neo4j_modules_together(items)


# A module's fixture of the bundled data on both stores (bundled_embedded and bundled_neo4j).
BOTH_BUNDLED = "both_stores"


def _neo4j_use(item) -> str:
    """``B``: a Neo4j test reading the bundled data; ``d``: another Neo4j test (may change it)."""
    names = getattr(item, "fixturenames", ())
    if BOTH_BUNDLED in names:  # both stores at once, not parametrized
        return "B"
    cs = getattr(item, "callspec", None)
    if cs is None or cs.params.get("store_kind") != "neo4j":
        return ""
    return "B" if "bundled_store" in names else "d"


def _bundled_neo4j_modules_together(items: list) -> list:
    """Whole modules reordered (each module's tests keep their order) so that the modules
    reading the bundled data on Neo4j follow one another: each switch from a test that
    changes the shared Neo4j to one reading the bundled data reloads it (a load and, on the
    first page read, a precompute).  First the modules that need no bundled Neo4j, then those
    that change it before reading it (ending on the bundled data last), then those that only
    read it, then those that read it before changing it."""
    uses: dict = {}
    for item in items:
        uses.setdefault(getattr(item, "module", None), []).append(_neo4j_use(item))

    def group(module) -> tuple[int, bool]:
        seq = [u for u in uses[module] if u]
        if "B" not in seq:
            return (0, False)
        if "d" not in seq:
            return (2, False)
        return (1, seq[-1] == "B") if seq[0] == "d" else (3, False)

    return sorted(items, key=lambda item: group(getattr(item, "module", None)))  # stable: same order within a group


def pytest_sessionfinish(session, exitstatus):
    s = _bundled_embedded.pop("store", None)
    if s is not None:
        s.close()
    if _session_tmp.get("dir") and exitstatus == 0:
        shutil.rmtree(_session_tmp.pop("dir"), ignore_errors=True)
