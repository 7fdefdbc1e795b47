"""Documents in a store: re-ingest is idempotent; a changed document updates its clauses and
targets; candidates are listed, not created as nodes."""

from __future__ import annotations

from conftest import ROOT
from ingest.loader import ingest_paths
from queries.library import run_named

PLAN = ROOT / "data" / "changzhou" / "documents" / "changzhou-sanming-action-plan-2026.txt"


def test_reingesting_a_document_changes_nothing(store):
    ingest_paths(store, [PLAN])
    before = store.checksum()
    again = ingest_paths(store, [PLAN])
    assert again.summary.changed == 0
    assert store.checksum() == before


def test_a_changed_document_updates_its_targets(store, tmp_path):
    ingest_paths(store, [PLAN])
    changed = tmp_path / PLAN.name
    changed.write_text(PLAN.read_text(encoding="utf-8").replace("高新技术企业超7000家", "高新技术企业超8000家"),
                       encoding="utf-8")
    result = ingest_paths(store, [changed])
    assert {r["what"]: r["updated"] for r in result.summary.rows()}["Target"] == 1
    value = store.read("MATCH (t:Target {id: '常政办发〔2026〕7号#9/t1'}) RETURN t.value AS v").single_value()
    assert value == 8000


def test_quoted_names_that_match_nothing_become_candidates_not_nodes(store):
    ingest_paths(store, [PLAN])
    rows = run_named(store, "quality.candidates").dicts()
    assert any(r["candidate"] == "原点空间" for r in rows)
    assert store.read("MATCH (e:Event) RETURN count(e) AS n").single_value() == 0
