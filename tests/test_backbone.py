"""The backbone: one model, two stores that agree, a CLI that refuses writes by default."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, neo4j_env

FIXTURE_NODES = {
    "Track": [{"id": "ai", "name": "人工智能", "aliases": ["AI"], "kind": "track", "source": "t#1", "confidence": "stated"}],
    "University": [{"id": "cczu", "name": "常州大学", "aliases": ["常大"], "kind": "university", "source": "u", "confidence": "stated"}],
    "College": [{"id": "cczu-cs", "name": "常州大学计算机与人工智能学院", "kind": "school", "source": "c", "confidence": "stated"}],
    "Park": [{"id": "p1", "name": "某园区", "level": "省级", "selected_years": [2026, 2027], "source": "p", "confidence": "inferred"}],
    "Platform": [{"id": "lab", "name": "龙城实验室", "level": "省级", "kind": "lab", "founded": 2023, "source": "l", "confidence": "stated"}],
    "Fund": [{"id": "f", "name": "某基金", "size_yi": 2.5, "source": "f", "confidence": "stated"}],
}
FIXTURE_RELS = [
    {"type": "PART_OF", "from_label": "College", "from_id": "cczu-cs", "to_label": "University", "to_id": "cczu", "source": "r1", "confidence": "stated"},
    {"type": "IN_TRACK", "from_label": "College", "from_id": "cczu-cs", "to_label": "Track", "to_id": "ai", "source": "r2", "confidence": "stated"},
    {"type": "SERVES", "from_label": "Platform", "from_id": "lab", "to_label": "Track", "to_id": "ai", "source": "r3", "confidence": "stated"},
    {"type": "CO_BUILDS", "from_label": "Park", "from_id": "p1", "to_label": "Platform", "to_id": "lab", "source": "r4", "confidence": "stated", "since": 2026},
    {"type": "SET_UP_BY", "from_label": "Fund", "from_id": "f", "to_label": "Park", "to_id": "p1", "source": "r5", "confidence": "stated"},
]


def kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def store_env(kind: str, tmp_path: Path) -> dict:
    if kind == "embedded":
        return {"KG_STORE": "embedded", "KG_EMBEDDED_PATH": str(tmp_path / "db")}
    return {"KG_STORE": "neo4j", **neo4j_env()}


def test_schema_cypher_is_generated_from_the_model():
    r = kg("schema", "--check")
    assert r.returncode == 0, r.stderr
    text = (ROOT / "schema.cypher").read_text(encoding="utf-8")
    assert "CREATE CONSTRAINT park_id_unique IF NOT EXISTS FOR (n:Park) REQUIRE n.id IS UNIQUE" in text
    assert "CREATE INDEX firm_name IF NOT EXISTS FOR (n:Firm) ON (n.name)" in text
    assert "CREATE TEXT INDEX firm_search_key IF NOT EXISTS FOR (n:Firm) ON (n.search_key)" in text
    assert "clause_search_key" not in text  # clauses are not searched as entities


def test_schema_check_fails_when_the_model_changed_without_regenerating(tmp_path):
    for d in ("graph", "ingest", "queries", "bench", "ui"):
        shutil.copytree(ROOT / d, tmp_path / d, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "schema.cypher", tmp_path / "schema.cypher")
    model = tmp_path / "graph" / "model.py"
    anchor = 'Prop("founded", "INT64", zh="成立年份", en="year founded"),'
    text = model.read_text(encoding="utf-8")
    assert anchor in text  # else the edit below would change nothing and the test would prove nothing
    model.write_text(text.replace(anchor, anchor + ' Prop("revenue", "DOUBLE"),', 1), encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "graph", "schema", "--check"], cwd=tmp_path,
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "schema.cypher is stale" in r.stderr
    assert "Traceback" not in r.stderr


def test_the_embedded_ddl_declares_every_label_and_relationship_pair():
    from graph import model, schema

    ddl = "\n".join(schema.embedded_ddl())
    for lb in model.labels():
        assert f"CREATE NODE TABLE IF NOT EXISTS {lb}(" in ddl
    assert "FROM Platform TO Track" in ddl and "PRIMARY KEY (id)" in ddl


def test_a_load_round_trips_through_export(store):
    summary = store.load(FIXTURE_NODES, FIXTURE_RELS)
    assert {r["what"]: r["created"] for r in summary.rows()}["Park"] == 1
    G = store.export()
    assert G.nodes["Park:p1"]["selected_years"] == [2026, 2027]
    assert G.nodes["Fund:f"]["size_yi"] == 2.5
    assert G.nodes["Platform:lab"]["founded"] == 2023
    assert G.edges["Park:p1", "Platform:lab", "CO_BUILDS"]["since"] == 2026
    again = store.load(FIXTURE_NODES, FIXTURE_RELS)
    assert again.changed == 0


def test_export_of_a_subgraph_keeps_only_the_named_nodes(store):
    store.load(FIXTURE_NODES, FIXTURE_RELS)
    G = store.export(["College:cczu-cs", "University:cczu"])
    assert sorted(G.nodes) == ["College:cczu-cs", "University:cczu"]
    assert list(G.edges(keys=True)) == [("College:cczu-cs", "University:cczu", "PART_OF")]


@pytest.mark.slow  # runs kg in a subprocess
def test_the_same_fixture_through_both_stores_gives_identical_stats_json(tmp_path):
    outputs = {}
    for kind in ("embedded", "neo4j"):
        env = store_env(kind, tmp_path)
        from conftest import open_test_store

        s = open_test_store(kind, tmp_path)
        s.clear()
        s.load(FIXTURE_NODES, FIXTURE_RELS)
        checksum = s.checksum()
        s.close()
        r = kg("stats", "--format", "json", env=env)
        assert r.returncode == 0, r.stderr
        outputs[kind] = (json.loads(r.stdout), checksum)
    assert outputs["embedded"][0] == outputs["neo4j"][0]
    assert outputs["embedded"][0]["nodes"]["Track"] == 1
    assert outputs["embedded"][1] == outputs["neo4j"][1], "full checksums of both stores differ"


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_cypher_refuses_a_write_without_the_write_flag(store_kind, tmp_path):
    from conftest import open_test_store

    s = open_test_store(store_kind, tmp_path)
    s.clear()
    s.load(FIXTURE_NODES, FIXTURE_RELS)
    before = s.checksum()
    s.close()
    env = store_env(store_kind, tmp_path)
    r = kg("cypher", "CREATE (:Track {id:'x', name:'x'})", env=env)
    assert r.returncode == 1
    assert r.stderr.startswith("kg: error: refused")
    assert "Traceback" not in r.stderr
    s = open_test_store(store_kind, tmp_path)
    assert s.checksum() == before
    s.close()
    r = kg("cypher", "CREATE (:Track {id:'x', name:'Xian 赛道'})", "--write", env=env)
    assert r.returncode == 0, r.stderr
    from queries.library import run_named

    s = open_test_store(store_kind, tmp_path)  # the write gave the new node its search key
    assert [(r["label"], r["id"]) for r in run_named(s, "entity.search", {"q": "XIAN"}).dicts()] == [("Track", "x")]
    s.close()


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_cypher_takes_parameters_and_formats(store_kind, tmp_path):
    from conftest import open_test_store

    s = open_test_store(store_kind, tmp_path)
    s.clear()
    s.load(FIXTURE_NODES, FIXTURE_RELS)
    s.close()
    env = store_env(store_kind, tmp_path)
    r = kg("cypher", "MATCH (u:University) WHERE u.name = $n RETURN u.id AS id", "--param", "n=常州大学",
           "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == [{"id": "cczu"}]
    r = kg("cypher", "MATCH (u:University) RETURN u.id AS id, u.name AS name", "--format", "csv", env=env)
    assert r.stdout.splitlines() == ["id,name", "cczu,常州大学"]


@pytest.mark.slow  # runs kg in a subprocess
def test_cli_errors_are_one_line_without_traceback(tmp_path):
    r = kg("cypher", "MATCH (n RETURN n", env={"KG_EMBEDDED_PATH": str(tmp_path / "db")})
    assert r.returncode == 1
    assert "Traceback" not in r.stderr and r.stderr.startswith("kg: error:")
    r = kg("stats", env={"KG_STORE": "neo4j", "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "x"})
    assert r.returncode == 1
    assert "not reachable" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("uri_scheme", ["bolt", "neo4j"])
def test_both_bolt_and_routing_uris_reach_the_server(uri_scheme):
    from graph.store.neo4j_store import Neo4jStore

    env = neo4j_env()
    uri = env["NEO4J_URI"].replace("bolt://", f"{uri_scheme}://")
    with Neo4jStore(uri, env["NEO4J_USER"], env["NEO4J_PASSWORD"], env["NEO4J_DATABASE"]) as s:
        assert s.read("RETURN 1 AS one").single_value() == 1
