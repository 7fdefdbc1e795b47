"""The query library: named, documented, and the same answers on both stores."""

from __future__ import annotations

import time

import pytest

from conftest import open_test_store, load_bundled
from graph.store.base import normalise_value
from queries.library import load_library, run_named

CCZU = {"label": "University", "id": "cczu"}
TRINA = {"label": "Firm", "id": "trina"}
PATH = {"from_label": "University", "from_id": "cczu", "to_label": "Firm", "to_id": "trina"}

# Parameters for the queries that need some; every other query runs with its defaults.
FIXTURE_PARAMS = {
    "coverage.cell": [{"track": "人工智能"}, {"track": "new-energy", "kind": "Firm"}],
    "entity.neighbourhood": [{**CCZU, "hops": 1}, {**CCZU, "hops": 2, "types": "Firm,Platform"},
                             {"label": "Platform", "id": "longcheng-lab", "hops": 3}],
    "entity.search": [{"q": "龙城"}, {"q": "常大"}, {"q": "", "types": "Tier"}],
    "paths.shortest": [PATH],
    "paths.all_shortest": [PATH, {**PATH, "rel_types": "PART_OF,CO_BUILDS,LOCATED_IN,HOSTED_BY"}],
    "paths.k_paths": [{**PATH, "k": 5, "max_hops": 4}, {**PATH}],
    "partners.common": [{"a_label": "University", "a_id": "cczu", "b_label": "Park", "b_id": "cz-science-edu-town"}],
    "track.servers": [{"track": "人工智能"}, {"track": "new-energy"}],
    "chain.coverage": [{"track": "新能源"}],
    "programme.reach": [{"programme": "双岗互聘计划"}],
}


def _cases():
    for qid, q in sorted(load_library().items()):
        if qid in FIXTURE_PARAMS:
            for i, p in enumerate(FIXTURE_PARAMS[qid]):
                yield pytest.param(qid, p, id=f"{qid}-{i}")
        else:
            assert not any(p.required for p in q.params), f"{qid} needs fixture parameters"
            yield pytest.param(qid, {}, id=qid)


def test_the_library_lists_at_least_15_queries_with_both_titles():
    lib = load_library()
    assert len([q for q in lib.values() if not q.id.startswith("metric.")]) >= 15
    for q in lib.values():
        assert q.title_zh and q.title_en and q.audience in ("planner", "researcher", "presenter")
        assert q.shape in ("table", "graph")


def test_dialect_variants_exist_only_where_the_dialects_differ():
    for q in load_library().values():
        for dialect, text in q.variants.items():
            assert text != q.text, f"{q.id}.{dialect}.cypher repeats the base text"


@pytest.fixture(scope="module")
def both_stores(tmp_path_factory):
    from conftest import neo4j_env

    neo4j_env()
    emb = open_test_store("embedded", tmp_path_factory.mktemp("diff"))
    load_bundled(emb)
    neo = open_test_store("neo4j")
    neo.clear()
    load_bundled(neo)
    import conftest

    conftest._neo4j["state"] = "bundled"
    yield emb, neo
    emb.close()
    neo.close()


def _normalised(res):
    return res.columns, [[normalise_value(v) for v in row] for row in res.rows]


@pytest.mark.parametrize("qid,params", list(_cases()))
def test_every_query_gives_the_same_answer_on_both_stores(both_stores, qid, params):
    emb, neo = both_stores
    a = run_named(emb, qid, params)
    b = run_named(neo, qid, params)
    assert _normalised(a) == _normalised(b)


def test_the_bundled_graph_is_the_same_on_both_stores(both_stores):
    emb, neo = both_stores
    assert emb.stats() == neo.stats()
    assert emb.checksum() == neo.checksum()


def test_a_path_from_changzhou_university_to_a_firm_avoids_hubs_and_is_fast(both_stores):
    for store in both_stores:
        for qid in ("paths.shortest", "paths.all_shortest", "paths.k_paths"):
            t = time.perf_counter()
            res = run_named(store, qid, {**PATH, "max_hops": 4})
            elapsed = time.perf_counter() - t
            assert res.rows, f"{qid} found no path on {store.kind}"
            for row in res.dicts():
                assert row["path_ids"][0] == "cczu" and row["path_ids"][-1] == "trina"
                inner = row["path_labels"][1:-1]
                assert not set(inner) & {"Track", "Document", "Clause", "Region", "Tier", "Target"}
            assert elapsed < 1.0, f"{qid} took {elapsed:.2f}s on {store.kind}"


def test_kpi_progress_shows_target_actual_and_percentage(both_stores):
    emb, _ = both_stores
    rows = run_named(emb, "kpi.progress").dicts()
    assert len(rows) == 17
    measured = [r for r in rows if r["actual_from"] == "graph"]
    assert measured, "no target has a metric query"
    for r in measured:
        assert r["progress_pct"] == round(100 * r["actual"] / r["target"], 1)
    assert any(r["actual_from"] == "none" for r in rows), "targets without an actual must say so"


def test_names_with_quotes_and_cypher_fragments_are_searched_literally(both_stores):
    for store in both_stores:
        for q in ["' OR 1=1 //", '"})-[*]-() DETACH DELETE n //', "\\'", "龙城'实验室"]:
            assert run_named(store, "entity.search", {"q": q}).rows == []
        assert run_named(store, "entity.search", {"q": "龙城实验室"}).rows


def test_a_label_parameter_must_be_a_label_of_the_model(both_stores):
    from queries.library import QueryError

    with pytest.raises(QueryError):
        run_named(both_stores[0], "entity.neighbourhood", {"label": "Park) DETACH DELETE (n", "id": "x"})
