"""The fast analytics (graph.fast_analytics over graph.projection arrays) give the networkx
answers of graph.analytics, on both stores."""

from __future__ import annotations

import networkx as nx
import pytest

from graph import analytics as nxa
from graph import fast_analytics as fa
from graph.projection import read_arrays


@pytest.fixture
def both(bundled_store):
    """(store, its networkx export, its arrays)."""
    return bundled_store, bundled_store.export(), read_arrays(bundled_store)


def test_arrays_hold_the_export(both):
    _, G, A = both
    assert G.number_of_nodes() and G.number_of_edges()
    assert list(A.keys) == sorted(G.nodes)
    assert len(A.src) == G.number_of_edges()
    got = sorted((A.keys[a], A.keys[b], t) for a, b, t in zip(A.src, A.dst, A.rel_type))
    assert got == sorted(G.edges(keys=True))


def test_degree_in_the_store_equals_networkx(both):
    store, G, _ = both
    want = nxa.degree_centrality(G)[:25]
    assert len(want) == 25  # never two empty answers passing as equal
    got = fa.degree_centrality(store, top=25)
    assert [(r["key"], r["degree"], r["score"]) for r in got] == [(r["key"], r["degree"], r["score"]) for r in want]


def test_exact_betweenness_equals_networkx(both):
    _, G, A = both
    want = nxa.betweenness_centrality(G, sample_threshold=10**6)
    assert len(want) >= 50 and want[0]["score"] > 0
    got = fa.betweenness_centrality(A, sample_threshold=10**6)
    assert [r["key"] for r in got[:50]] == [r["key"] for r in want[:50]]
    w = {r["key"]: r["score"] for r in want}
    assert all(abs(r["score"] - w[r["key"]]) < 1e-9 for r in got)


def test_sampled_betweenness_uses_networkx_pivots(both):
    _, G, A = both
    want = nxa.betweenness_centrality(G, sample_threshold=10, k=40, seed=7)
    got = fa.betweenness_centrality(A, sample_threshold=10, k=40, seed=7)
    w = {r["key"]: r["score"] for r in want}
    assert got[0]["sampled"] and len(got) == len(want)
    assert all(abs(r["score"] - w[r["key"]]) < 1e-9 for r in got)


def _modularity(G, rows):
    P = nxa.project_undirected(G, exclude_labels=nxa.hub_labels())
    return nx.community.modularity(P, [set(r["members"]) for r in rows], weight="weight")


def test_communities_partition_the_graph_at_least_as_well_as_louvain(both):
    _, G, A = both
    want = nxa.communities(G)
    assert len(want) > 1
    got = fa.communities(A)
    assert got[0]["summaries"]["en"] == fa.communities(A, lang="en")[0]["summary"]
    members = [m for r in got for m in r["members"]]
    assert sorted(members) == sorted(m for r in want for m in r["members"])  # a partition of the same nodes
    assert _modularity(G, got) >= _modularity(G, want) - 0.01
    assert fa.communities(A) == got  # seeded: the same every time


def test_partner_suggestions_equal_networkx(both):
    _, G, A = both
    for kinds in (nxa._DEFAULT_KINDS, (("College", "Firm"),), (("Firm", "Firm"),)):
        want = nxa.suggest_partners(G, kinds=kinds, top=30)
        assert want, kinds  # two empty lists would pass as equal
        got = fa.suggest_partners(A, kinds=kinds, top=30)
        assert _without(got, "explanations") == want, kinds
    en = fa.suggest_partners(A, top=10, lang="en")
    assert _without(en, "explanations") == nxa.suggest_partners(G, top=10, lang="en")
    assert [r["explanations"]["zh"] for r in en] == [r["explanation"] for r in nxa.suggest_partners(G, top=10)]


def _without(rows, key):
    return [{k: v for k, v in r.items() if k != key} for r in rows]


def test_brokers_equal_networkx(both):
    _, G, A = both
    assert nxa.brokers_between_tracks(G, top=None), "no broker on the bundled data"
    for lang in ("zh", "en"):
        assert _without(fa.brokers_between_tracks(A, top=None, lang=lang), "explanations") == \
            nxa.brokers_between_tracks(G, top=None, lang=lang)


def test_partner_suggestions_refuse_bad_arguments(both):
    _, _, A = both
    with pytest.raises(ValueError):
        fa.suggest_partners(A, kinds=(("Track", "Firm"),))
    with pytest.raises(ValueError):
        fa.suggest_partners(A, method="jaccard")


def test_precomputed_results_are_read_back_per_data_version(bundled_store, tmp_path, monkeypatch):
    from graph import precompute
    from queries.library import run_named

    monkeypatch.setenv("KG_PRECOMPUTED_DIR", str(tmp_path))
    done = precompute.refresh(bundled_store)
    assert list(tmp_path.glob(f"*-{done['version']}.json"))
    pre = precompute.read(bundled_store)
    assert pre["version"] == done["version"] == precompute.data_version(bundled_store)
    orphans = run_named(bundled_store, "quality.orphans", {})
    assert pre["audits"]["quality.orphans"]["rows"] == orphans.rows
    zh = precompute.analysis(pre, "partners", ("College", "Firm"), top=5)
    en = precompute.analysis(pre, "partners", ("College", "Firm"), top=5, lang="en")
    assert [r["a"] for r in zh] == [r["a"] for r in en]
    assert [r["explanation"] for r in en] == [r["explanation"] for r in nxa.suggest_partners(
        bundled_store.export(), kinds=(("College", "Firm"),), top=5, lang="en")]
    assert precompute.read(bundled_store, "another-version")["version"] == "another-version"  # computed on a miss


def test_a_subgraph_read_by_its_keys_equals_the_export(bundled_store):
    from queries.library import run_named
    from queries.subgraph import EDGE_PROPS, read_subgraph, result_keys

    centre = "Park:cz-hi-tech-zone"
    keys = result_keys(run_named(bundled_store, "entity.neighbourhood",
                                 {"label": "Park", "id": "cz-hi-tech-zone", "hops": 2, "types": []}), (centre,))
    assert len(keys) > 20
    want, got = bundled_store.export(keys), read_subgraph(bundled_store, keys + ["Firm:no-such-firm"])
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    trim = lambda G: sorted((u, v, k, {p: d[p] for p in (*EDGE_PROPS, "type") if p in d})  # noqa: E731
                            for u, v, k, d in G.edges(keys=True, data=True))
    assert trim(got) == trim(want)


@pytest.mark.parametrize("what", ["degree", "betweenness", "communities", "brokers", "partners"])
def test_kg_analytics_fast_engine_gives_the_networkx_rows(bundled_store, what):
    """``kg analytics`` runs the fast engine by default; its rows are the networkx ones (the fast
    rows carry the other language's texts as well)."""
    from queries.cli import _fast_analysis, _networkx_analysis

    fast, ref = _fast_analysis(bundled_store, what, 10), _networkx_analysis(bundled_store, what, 10)
    assert len(fast) == len(ref) == 10
    for f, r in zip(fast, ref):
        f = f if isinstance(f, dict) else f.__dict__
        r = r if isinstance(r, dict) else r.__dict__
        assert {k: f[k] for k in r} == r


def test_every_member_of_a_community_has_its_colour_for_the_maps(bundled_store, tmp_path, monkeypatch):
    from graph import precompute

    monkeypatch.setenv("KG_PRECOMPUTED_DIR", str(tmp_path))
    pre = precompute.refresh(bundled_store)
    A = fa.read_arrays(bundled_store)
    rows = fa.communities(A)
    assert pre["community_of"] == {k: r["community"] for r in rows for k in r["members"]}
    assert len(pre["community_of"]) == sum(r["size"] for r in rows)


def test_the_ring_is_every_neighbour_a_map_does_not_draw(bundled_store):
    from queries.library import run_named
    from queries.subgraph import read_ring, result_keys

    keys = result_keys(run_named(bundled_store, "entity.neighbourhood",
                                 {"label": "University", "id": "cczu", "hops": 1}), ("University:cczu",))
    R, more = read_ring(bundled_store, keys, per_node=10_000)
    E = bundled_store.export()
    want = {nb for k in keys for nb in set(E.successors(k)) | set(E.predecessors(k))} - set(keys)
    assert set(R) - set(keys) == want and not any(more.values())
    assert all(R.nodes[n].get("name") for n in want)  # ring nodes carry what a click shows
    cut, more = read_ring(bundled_store, keys, per_node=1)
    assert sum(more.values()) > 0 and len(set(cut) - set(keys)) <= len(keys)
