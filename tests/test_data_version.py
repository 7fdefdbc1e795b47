"""The data version (``GraphStore.data_version``): one meta node, bumped in the same
transaction as every write, that keys the app's caches.  It must change with every write,
renames included, stay put when nothing changed, and never show in what users see."""

from __future__ import annotations

import pytest

from graph.store.base import META_LABEL
from queries.library import run_named

FIRM = {"id": "f1", "name": "某企业", "source": "https://example.cn/f1", "confidence": "stated"}


def test_every_write_changes_the_version_and_a_no_op_load_does_not(store):
    seen = [store.data_version()]
    store.load({"Firm": [FIRM]}, [])
    seen.append(store.data_version())
    store.load({"Firm": [FIRM]}, [])  # nothing to write
    assert store.data_version() == seen[-1]
    store.write("MATCH (n:Firm {id: 'f1'}) SET n.name = '改名企业'")
    seen.append(store.data_version())
    store.clear()
    seen.append(store.data_version())
    assert len(set(seen)) == 4, seen


def test_a_rename_that_keeps_every_count_changes_the_version(store):
    store.load({"Firm": [FIRM]}, [])
    before, counts = store.data_version(), store.stats()
    store.load({"Firm": [{**FIRM, "name": "新名称"}]}, [])
    assert store.stats() == counts
    assert store.data_version() != before


def test_a_failed_write_leaves_the_version_alone(store):
    store.load({"Firm": [FIRM]}, [])
    before = store.data_version()
    try:
        store.write("MATCH (n:Firm) SET n.name = 1 / 0 RETURN n")
    except Exception:
        pass
    try:
        store.run_atomic([("MATCH (n:Firm {id: 'f1'}) SET n.name = 'x'", {}), ("RETURN nosuchfunction(1)", {})])
    except Exception:
        pass
    assert store.data_version() == before
    assert store.read("MATCH (n:Firm {id: 'f1'}) RETURN n.name").single_value() == FIRM["name"]


def test_the_meta_node_is_in_no_export_count_search_or_audit(store):
    store.load({"Firm": [FIRM]}, [])
    store.write("MATCH (n:Firm {id: 'f1'}) SET n.name = '改名企业'")
    assert store.read(f"MATCH (m:{META_LABEL}) RETURN count(m)").single_value() == 1
    assert META_LABEL not in store.stats()["nodes"]
    assert list(store.export().nodes) == ["Firm:f1"]
    counts = run_named(store, "overview.counts", {}).dicts()
    assert [r["label"] for r in counts] == ["Firm"]
    for qid in ("quality.no_source", "quality.orphans"):
        labels = {str(v) for r in run_named(store, qid, {}).rows for v in r}
        assert META_LABEL not in labels, qid
    found = run_named(store, "entity.search", {"q": "", "limit": 50, "types": []}).dicts()
    assert [(r["label"], r["id"]) for r in found] == [("Firm", "f1")]
    checksum = store.checksum()
    store.write(f"MATCH (m:{META_LABEL}) SET m.version = m.version + 100")
    assert store.checksum() == checksum  # the version is not data


def test_a_write_through_another_connection_is_seen(store_kind, store, tmp_path):
    if store_kind == "embedded":
        pytest.skip("one process holds the embedded store: the app's upload test covers it")
    from conftest import open_test_store

    other = open_test_store("neo4j")
    try:
        before = store.data_version()
        other.load({"Firm": [FIRM]}, [])
        assert store.data_version() != before
    finally:
        other.close()
