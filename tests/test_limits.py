"""One limit for every read: the configured row cap and time limit bound library and
console queries alike; a call may only lower them; a limit finer than the engines' 1 ms
becomes 1 ms, never "no limit"; the error names the limit and how to narrow the question."""

from __future__ import annotations

import pytest

from graph.config import TIMEOUT_GRANULARITY_S as MIN_TIMEOUT_S, read_limits
from graph.store.base import QueryTimeout
from queries.library import run_named

# The time-limit cases run on the embedded store: Neo4j checks time limits only every
# db.transaction.monitor.check.interval (5 ms in scripts/neo4j-launcher), so it does not stop the
# bundled graph's 3 ms reads; test_store_boundary's Neo4j case uses a dense synthetic graph.


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    from conftest import load_bundled, open_test_store

    s = open_test_store("embedded", tmp_path_factory.mktemp("limits"))
    load_bundled(s)
    yield s
    s.close()

HEAVY = ("paths.k_paths", {"from_label": "University", "from_id": "cczu", "to_label": "Firm",
                           "to_id": "niu", "max_hops": 4, "k": 50})


def test_a_call_may_lower_the_limits_but_never_raise_or_remove_them(monkeypatch):
    monkeypatch.setenv("KG_ROW_CAP", "100")
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "2")
    assert read_limits() == (100, 2.0)
    assert read_limits(row_cap=10, timeout=0.5) == (10, 0.5)
    assert read_limits(row_cap=10**9, timeout=3600) == (100, 2.0)
    assert read_limits(timeout=0.0001) == (100, MIN_TIMEOUT_S)
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "0.0001")
    assert read_limits() == (100, MIN_TIMEOUT_S)


@pytest.mark.parametrize("seconds", ["0.0001", "0.001"])
def test_a_library_query_past_the_time_limit_stops_and_says_how_to_narrow_it(embedded, monkeypatch, seconds):
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", seconds)
    with pytest.raises(QueryTimeout) as err:
        run_named(embedded, *HEAVY)
    msg = str(err.value)
    assert "0.001 s" in msg and "KG_QUERY_TIMEOUT_S" in msg and "fewer hops" in msg


def test_the_row_cap_cuts_library_queries_and_a_call_cannot_raise_it(bundled_store, monkeypatch):
    monkeypatch.setenv("KG_ROW_CAP", "3")
    res = run_named(bundled_store, "overview.counts", {}, row_cap=10**6)
    assert len(res) == 3 and res.truncated
    monkeypatch.setenv("KG_ROW_CAP", "100000")
    full = run_named(bundled_store, "overview.counts", {})
    assert len(full) > 3 and not full.truncated


def test_a_tiny_limit_stops_reads_only_with_query_timeout(embedded, monkeypatch):
    """At 1 ms the engine may interrupt BEGIN or COMMIT too: that is a QueryTimeout, never a
    raw engine error (seen as RuntimeError "Interrupted." before the fix, ~1 read in 100)."""
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "0.0001")
    for _ in range(300):
        try:
            run_named(embedded, "overview.counts", {})
        except QueryTimeout:
            pass
