"""Reliability cases of RELIABILITY.md at the store's boundary: one limit for every read, labels
checked in every method that takes one, uploads cleaned up.  Each test names its case."""

from __future__ import annotations

import tempfile

import pytest

from graph import config
from graph.projection import read_arrays
from graph.store.base import QueryTimeout, ResultTooLarge, StoreError, node_upserts, rel_upserts
from queries.library import run_named
from queries.subgraph import read_subgraph

HOSTILE = "Firm) DETACH DELETE n //"


# --- one limit for every read -------------------------------------------------------------

def test_a_per_call_limit_may_lower_the_configured_one_but_never_raise_it(monkeypatch):
    monkeypatch.setenv("KG_ROW_CAP", "100")
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "2")
    assert config.read_limits() == (100, 2.0)
    assert config.read_limits(row_cap=10, timeout=0.5) == (10, 0.5)
    assert config.read_limits(row_cap=10**6, timeout=600) == (100, 2.0)


def test_a_timeout_below_a_millisecond_rounds_up_to_one_never_to_none(monkeypatch):
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "0.0001")
    assert config.read_limits() == (int(config.setting("KG_ROW_CAP")), 0.001)
    assert config.read_limits(timeout=0)[1] == 0.001


def dense_parks_and_firms(store, n: int = 120) -> None:
    """Synthetic, for this test only: ``n`` parks each holding the same ``n`` firms.  Two parks
    are then joined by about n³ paths of four hops, so a k-paths search between them runs far
    past a millisecond on either engine (on the 300-node bundled graph Neo4j answers in about
    3 ms, under its 5 ms monitor interval, and the limit could not be seen)."""
    tag = {"source": "synthetic: test_store_boundary", "confidence": "inferred"}
    nodes = {"Park": [{"id": f"p{i}", "name": f"园区{i}", **tag} for i in range(n)],
             "Firm": [{"id": f"f{i}", "name": f"企业{i}", **tag} for i in range(n)]}
    rels = [{"type": "LOCATED_IN", "from_label": "Firm", "from_id": f"f{i}", "to_label": "Park",
             "to_id": f"p{j}", **tag} for i in range(n) for j in range(n)]
    store.load(nodes, rels)


def test_a_library_query_stops_at_the_configured_time_limit(store, monkeypatch):
    dense_parks_and_firms(store)
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "0.0001")  # 1 ms: the finest both engines enforce
    params = {"from_label": "Park", "from_id": "p0", "to_label": "Park", "to_id": "p1",
              "max_hops": 4, "k": 50, "hubs": []}
    with pytest.raises(QueryTimeout) as err:
        run_named(store, "paths.k_paths", params, timeout=600)  # a per-call value cannot raise it
    assert "0.001 s" in str(err.value) and "KG_QUERY_TIMEOUT_S" in str(err.value)
    assert "fewer hops" in str(err.value)  # how to narrow the question


def test_a_library_query_returns_at_most_the_configured_rows(bundled_store, monkeypatch):
    full = run_named(bundled_store, "entity.search", {"q": "常州", "limit": 50, "types": []})
    assert len(full) > 3 and not full.truncated
    monkeypatch.setenv("KG_ROW_CAP", "3")
    capped = run_named(bundled_store, "entity.search", {"q": "常州", "limit": 50, "types": []}, row_cap=500)
    assert capped.rows == full.rows[:3] and capped.truncated


def test_a_console_read_takes_the_configured_limits(bundled_store, monkeypatch):
    monkeypatch.setenv("KG_ROW_CAP", "2")
    res = bundled_store.read("MATCH (n:Firm) RETURN n.id ORDER BY n.id", row_cap=50)
    assert len(res.rows) == 2 and res.truncated


# --- whole reads (exports, analytics, maps, a load's diff): the time limit, and refused, never cut

RUNAWAY = "MATCH p = (a)-[*1..10]-(b) RETURN count(p) AS c"  # minutes on the bundled graph


#: each way the app, the CLI and the precompute read a whole graph, and how big its result is
WHOLE = {
    "export": (lambda s: s.export(), lambda G: G.number_of_nodes() + G.number_of_edges()),
    "analytics arrays": (read_arrays, lambda A: A.n + len(A.src)),
    "map subgraph": (lambda s: read_subgraph(s, s.export().nodes), lambda G: G.number_of_edges()),
}


def test_a_trusted_read_takes_the_configured_time_limit(bundled_store, monkeypatch):
    """Trusted reads (library, export, analytics, map) ran without any time limit before."""
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "0.5")
    with pytest.raises(QueryTimeout, match=r"0\.5 s \(KG_QUERY_TIMEOUT_S\)"):
        bundled_store.read(RUNAWAY, trusted=True, timeout=600)  # a per-call value cannot raise it
    if bundled_store.dialect == "ladybug":  # the Arrow read the analytics arrays use
        with pytest.raises(QueryTimeout, match=r"0\.5 s"):
            bundled_store.read_columns(RUNAWAY)


@pytest.mark.parametrize("what", WHOLE)
def test_a_whole_read_runs_under_the_configured_time_limit(bundled_store, monkeypatch, what):
    read, _ = WHOLE[what]
    monkeypatch.setenv("KG_QUERY_TIMEOUT_S", "7.5")
    seen = []
    # every read reaches the engine through _read (Neo4j) or _in_read_tx (LadybugDB, Arrow too)
    name = "_in_read_tx" if bundled_store.dialect == "ladybug" else "_read"
    engine = getattr(bundled_store, name)

    def spy(*args, **kw):
        seen.append(kw["timeout"] if "timeout" in kw else args[-1])
        return engine(*args, **kw)

    monkeypatch.setattr(bundled_store, name, spy)
    read(bundled_store)
    assert len(seen) > 3 and set(seen) == {7.5}


@pytest.mark.parametrize("what", WHOLE)
def test_a_whole_read_past_the_graph_row_cap_is_refused_never_cut(bundled_store, monkeypatch, what):
    read, size = WHOLE[what]
    stats = bundled_store.stats()
    nodes, rels = sum(stats["nodes"].values()), sum(stats["relationships"].values())
    whole = size(read(bundled_store))  # under the default cap: all of it
    assert whole == {"export": nodes + rels, "analytics arrays": nodes + rels, "map subgraph": rels}[what]
    monkeypatch.setenv("KG_GRAPH_ROW_CAP", "5")
    with pytest.raises(ResultTooLarge) as err:
        read(bundled_store)
    assert str(err.value) == ("refused: this read needs its whole result, which has more than 5 rows "
                              "(KG_GRAPH_ROW_CAP); narrow it (a smaller subgraph, one label, fewer hops) "
                              "or raise KG_GRAPH_ROW_CAP")
    with pytest.raises(ResultTooLarge):  # a per-call cap cannot raise the configured one
        bundled_store.read("MATCH (n:Firm) RETURN n.id", trusted=True, whole=True, row_cap=10**9)


def test_library_answers_are_still_cut_at_the_row_cap_not_refused(bundled_store, monkeypatch):
    monkeypatch.setenv("KG_GRAPH_ROW_CAP", "5")  # the whole-read cap does not touch answers
    monkeypatch.setenv("KG_ROW_CAP", "6")
    res = run_named(bundled_store, "entity.search", {"q": "常州", "limit": 50, "types": []})
    assert len(res) == 6 and res.truncated


# --- labels and types checked at the store's boundary --------------------------------------

def test_every_method_that_takes_a_label_refuses_one_the_model_lacks(store):
    firm = {"id": "f1", "name": "某企业", "source": "https://example.cn/f1", "confidence": "stated"}
    rel = {"type": "LOCATED_IN", "from_label": "Firm", "from_id": "f1", "to_label": "Park", "to_id": "p1"}
    calls = {
        "fetch_nodes": lambda: store.fetch_nodes(HOSTILE, ["f1"]),
        "fetch_rels type": lambda: store.fetch_rels(HOSTILE, "Firm", "Park", [("f1", "p1")]),
        "fetch_rels from": lambda: store.fetch_rels("LOCATED_IN", HOSTILE, "Park", [("f1", "p1")]),
        "fetch_rels to": lambda: store.fetch_rels("LOCATED_IN", "Firm", HOSTILE, [("f1", "p1")]),
        "node_upserts": lambda: node_upserts(HOSTILE, [firm], 10),
        "rel_upserts type": lambda: rel_upserts(HOSTILE, "Firm", "Park", [rel], 10),
        "rel_upserts from": lambda: rel_upserts("LOCATED_IN", HOSTILE, "Park", [rel], 10),
        "rel_upserts to": lambda: rel_upserts("LOCATED_IN", "Firm", HOSTILE, [rel], 10),
        "load nodes": lambda: store.load({HOSTILE: [firm]}, []),
        "load rels": lambda: store.load({"Firm": [firm]}, [{**rel, "type": HOSTILE}]),
        "load pair": lambda: store.load({"Firm": [firm]}, [{**rel, "to_label": "Firm", "to_id": "f1"}]),
    }
    for name, call in calls.items():
        with pytest.raises(StoreError, match="not in the model|has no"):
            call()
    assert store.stats()["nodes"]["Firm"] == 0, "a refused load writes nothing"


# --- uploads cleaned up --------------------------------------------------------------------

@pytest.mark.parametrize("content, ok", [
    ("id,name\nx,某企业\n", True),
    ("id,name,founded\nx,某企业,not-a-year\n", False),
])
def test_an_upload_leaves_no_temporary_files(store_kind, store, tmp_path, monkeypatch, content, ok):
    from ui.data import ingest_uploads

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    out = ingest_uploads(store, [("Firm.csv", content.encode())], dry_run=False)
    assert out["ok"] is ok, out["problems"]
    assert list((tmp_path / "tmp").iterdir()) == []


def test_an_upload_that_raises_leaves_no_temporary_files(tmp_path, monkeypatch):
    from ingest import app_loads

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()

    def broken(store, folder, *, dry_run):
        assert list(folder.iterdir()), "the upload was written before the load"
        raise RuntimeError("the load broke")

    monkeypatch.setattr(app_loads, "ingest_files", broken)
    with pytest.raises(RuntimeError, match="the load broke"):
        app_loads.ingest_uploads(None, [("Firm.csv", b"id,name\nx,X\n")], dry_run=False)
    assert list((tmp_path / "tmp").iterdir()) == []
