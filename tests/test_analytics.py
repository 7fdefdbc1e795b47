"""Tests for graph.analytics on small hand-built graphs with known answers."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph import analytics
from graph.analytics import (
    betweenness_centrality,
    brokers_between_tracks,
    communities,
    degree_centrality,
    project_undirected,
    suggest_partners,
)

REPO = Path(__file__).resolve().parents[1]


def make_graph(nodes, edges):
    """A MultiDiGraph shaped like a store export.

    ``nodes``: iterable of ``(label, id, name)`` or ``(label, id, name, props)``;
    ``edges``: iterable of ``(from_key, rel_type, to_key)``.
    """
    G = nx.MultiDiGraph()
    for spec in nodes:
        label, id_, name = spec[:3]
        props = spec[3] if len(spec) > 3 else {}
        G.add_node(f"{label}:{id_}", label=label, id=id_, name=name, source="test", confidence="stated", **props)
    for u, t, v in edges:
        assert u in G and v in G, (u, v)
        G.add_edge(u, v, key=t, type=t, source="test", confidence="stated")
    return G


# --------------------------------------------------------------------------- projection


class TestProjectUndirected:
    def test_weights_types_and_no_self_loops(self):
        G = make_graph(
            [("Firm", "a", "甲"), ("Park", "p", "园"), ("Track", "t", "赛道")],
            [("Firm:a", "LOCATED_IN", "Park:p"), ("Park:p", "OPENS", "Firm:a"), ("Firm:a", "IN_TRACK", "Track:t"),
             ("Firm:a", "COOPERATES_WITH", "Firm:a")],
        )
        P = project_undirected(G)
        assert isinstance(P, nx.Graph) and not P.is_directed() and not P.is_multigraph()
        assert P["Firm:a"]["Park:p"] == {"weight": 2, "types": ("LOCATED_IN", "OPENS")}
        assert not P.has_edge("Firm:a", "Firm:a")
        assert list(P) == sorted(P)
        assert P.nodes["Firm:a"]["name"] == "甲"

    def test_exclude_labels(self):
        G = make_graph([("Firm", "a", "甲"), ("Track", "t", "赛道")], [("Firm:a", "IN_TRACK", "Track:t")])
        P = project_undirected(G, exclude_labels={"Track"})
        assert list(P) == ["Firm:a"] and P.number_of_edges() == 0

    def test_hub_labels_come_from_model(self):
        from graph import model

        assert analytics.hub_labels() == {n.label for n in model.NODE_TYPES if n.hub}
        assert "Track" in analytics.hub_labels() and "Firm" not in analytics.hub_labels()


# --------------------------------------------------------------------------- centrality


def _star():
    return make_graph(
        [("Park", "p", "高新园"), ("Firm", "a", "甲"), ("Firm", "b", "乙"), ("Firm", "c", "丙")],
        [("Firm:a", "LOCATED_IN", "Park:p"), ("Firm:b", "LOCATED_IN", "Park:p"), ("Firm:c", "LOCATED_IN", "Park:p"),
         ("Park:p", "OPENS", "Firm:a")],  # a parallel relationship must not raise the degree
    )


class TestDegreeCentrality:
    def test_star(self):
        rows = degree_centrality(_star())
        assert [r["key"] for r in rows] == ["Park:p", "Firm:a", "Firm:b", "Firm:c"]  # ties by key
        assert rows[0] == {"key": "Park:p", "label": "Park", "name": "高新园", "score": 1.0, "degree": 3}
        assert rows[1]["score"] == pytest.approx(1 / 3)

    def test_labels_filter_does_not_change_scores(self):
        rows = degree_centrality(_star(), labels="Firm")
        assert [r["label"] for r in rows] == ["Firm"] * 3
        assert rows[0]["score"] == pytest.approx(1 / 3)
        assert degree_centrality(_star(), labels=["Park", "Firm"]) == degree_centrality(_star())

    def test_empty(self):
        assert degree_centrality(nx.MultiDiGraph()) == []


class TestBetweennessCentrality:
    def _path(self):
        return make_graph(
            [("Firm", "a", "甲"), ("Park", "b", "园"), ("Firm", "c", "丙")],
            [("Firm:a", "LOCATED_IN", "Park:b"), ("Firm:c", "LOCATED_IN", "Park:b")],
        )

    def test_exact_path(self):
        rows = betweenness_centrality(self._path())
        assert rows[0]["key"] == "Park:b" and rows[0]["score"] == pytest.approx(1.0)
        assert [r["score"] for r in rows[1:]] == [0.0, 0.0]
        assert not any(r["sampled"] for r in rows)

    def test_sampled_above_threshold_is_seeded(self):
        G = make_graph(
            [("Firm", str(i), f"企业{i}") for i in range(12)] + [("Park", "p", "园")],
            [(f"Firm:{i}", "LOCATED_IN", "Park:p") for i in range(12)]
            + [(f"Firm:{i}", "COOPERATES_WITH", f"Firm:{i + 1}") for i in range(11)],
        )
        a = betweenness_centrality(G, sample_threshold=5, k=4, seed=7)
        b = betweenness_centrality(G, sample_threshold=5, k=4, seed=7)
        assert a == b
        assert all(r["sampled"] for r in a)
        exact = betweenness_centrality(G)
        assert not exact[0]["sampled"] and exact[0]["key"] == "Park:p"

    def test_bad_k(self):
        with pytest.raises(ValueError, match="k must be"):
            betweenness_centrality(self._path(), k=0)


# --------------------------------------------------------------------------- communities


def _two_clusters():
    a = [("Firm", f"a{i}", f"甲{i}") for i in range(4)]
    b = [("College", f"b{i}", f"乙{i}") for i in range(4)]
    edges = [(f"Firm:a{i}", "COOPERATES_WITH", f"Firm:a{j}") for i in range(4) for j in range(i + 1, 4)]
    edges += [(f"College:b{i}", "COOPERATES_WITH", f"College:b{j}") for i in range(4) for j in range(i + 1, 4)]
    edges += [("College:b0", "COOPERATES_WITH", "Firm:a0")]
    # one Track touching everything: must not glue the clusters together when hubs are excluded
    edges += [(f"Firm:a{i}", "IN_TRACK", "Track:t") for i in range(4)]
    edges += [(f"College:b{i}", "IN_TRACK", "Track:t") for i in range(4)]
    return make_graph(a + b + [("Track", "t", "新能源")], edges)


class TestCommunities:
    def test_two_cliques(self):
        rows = communities(_two_clusters())
        assert [r["size"] for r in rows] == [4, 4]
        assert [r["community"] for r in rows] == [0, 1]
        member_sets = [set(r["members"]) for r in rows]
        assert {f"College:b{i}" for i in range(4)} in member_sets
        assert {f"Firm:a{i}" for i in range(4)} in member_sets
        assert all("Track:t" not in r["members"] for r in rows)
        college = next(r for r in rows if r["labels"] == {"College": 4})
        assert college["members"][0] == "College:b0"  # highest degree first
        assert college["top_members"][0] == "乙0"
        assert college["summary"].startswith("核心：乙0、") and "名院 4" in college["summary"]

    def test_english_summary(self):
        rows = communities(_two_clusters(), lang="en")
        assert any("4 College" in r["summary"] for r in rows)

    def test_hubs_included_on_request(self):
        rows = communities(_two_clusters(), exclude_hubs=False)
        assert any("Track:t" in r["members"] for r in rows)

    def test_deterministic(self):
        G = _two_clusters()
        assert communities(G, seed=3) == communities(G, seed=3)

    def test_empty(self):
        assert communities(nx.MultiDiGraph()) == []


# --------------------------------------------------------------------------- brokers


def _tracks_graph():
    nodes = [
        ("Track", "A", "新能源"), ("Track", "A1", "储能"), ("Track", "B", "智能制造"), ("Track", "C", "新材料"),
        ("Park", "p", "高新园"), ("Region", "r", "武进区"),
        ("Firm", "f1", "甲"), ("Firm", "f2", "乙"), ("Firm", "f3", "丙"), ("Firm", "f4", "丁"), ("Firm", "solo", "双栖"),
    ]
    edges = [
        ("Track:A1", "PART_OF", "Track:A"),
        ("Firm:f1", "IN_TRACK", "Track:A"), ("Firm:f2", "IN_TRACK", "Track:B"),
        ("Firm:f3", "IN_TRACK", "Track:C"), ("Firm:f4", "IN_TRACK", "Track:A1"),
        *[(f"Firm:{f}", "LOCATED_IN", "Park:p") for f in ("f1", "f2", "f3", "f4")],
        # a region (hub) touching firms of two tracks is no broker
        ("Firm:f1", "IN_REGION", "Region:r"), ("Firm:f2", "IN_REGION", "Region:r"),
        # a firm in two tracks, linked to nobody, bridges nothing by itself
        ("Firm:solo", "IN_TRACK", "Track:A"), ("Firm:solo", "IN_TRACK", "Track:B"),
    ]
    return make_graph(nodes, edges)


class TestBrokersBetweenTracks:
    def test_park_bridges_tracks(self):
        rows = brokers_between_tracks(_tracks_graph())
        assert [r["key"] for r in rows] == ["Park:p"]
        park = rows[0]
        # pairs among A, A1, B, C except A–A1 (a segment of A): AB AC A1B A1C BC
        assert park["score"] == 5
        assert set(park["pairs"]) == {("新能源", "智能制造"), ("新能源", "新材料"), ("储能", "智能制造"),
                                      ("储能", "新材料"), ("智能制造", "新材料")}
        assert ("新能源", "储能") not in park["pairs"] and ("储能", "新能源") not in park["pairs"]
        assert park["via"]["智能制造"] == ["乙"]
        assert park["explanation"].startswith("联通 5 对赛道：")
        assert "智能制造" in park["explanation"]

    def test_neighbour_of_other_track_makes_both_brokers(self):
        G = make_graph(
            [("Track", "A", "新能源"), ("Track", "B", "智能制造"), ("Platform", "x", "创新中心"), ("Firm", "f", "甲")],
            [("Platform:x", "SERVES", "Track:A"), ("Firm:f", "IN_TRACK", "Track:B"),
             ("Platform:x", "COOPERATES_WITH", "Firm:f")],
        )
        rows = brokers_between_tracks(G, lang="en")
        assert [(r["key"], r["score"]) for r in rows] == [("Firm:f", 1), ("Platform:x", 1)]
        assert rows[1]["explanation"] == "bridges 1 track pair(s): 新能源–智能制造"

    def test_top(self):
        assert brokers_between_tracks(_tracks_graph(), top=0) == []


# --------------------------------------------------------------------------- partner suggestions


def _partners_graph():
    nodes = [
        ("College", "c", "机电学院"), ("Firm", "f", "恒立"), ("Firm", "g", "已合作企业"), ("Firm", "h", "同区企业"),
        ("Firm", "k", "同赛道企业"), ("Park", "p", "高新园"), ("Platform", "lab", "联合实验室"),
        ("Region", "r", "武进区"), ("Tier", "hi", "高新技术企业"), ("Track", "t", "智能制造"),
    ]
    edges = [
        ("College:c", "LOCATED_IN", "Park:p"), ("Firm:f", "LOCATED_IN", "Park:p"), ("Firm:g", "LOCATED_IN", "Park:p"),
        ("College:c", "CO_BUILDS", "Platform:lab"), ("Firm:f", "CO_BUILDS", "Platform:lab"),
        ("College:c", "COOPERATES_WITH", "Firm:g"),  # already partners: never suggested
        ("College:c", "IN_REGION", "Region:r"), ("Firm:h", "IN_REGION", "Region:r"),  # hubs: no signal
        ("Firm:h", "IN_TIER", "Tier:hi"), ("Firm:f", "IN_TIER", "Tier:hi"),
        ("College:c", "IN_TRACK", "Track:t"), ("Firm:k", "IN_TRACK", "Track:t"),  # a weak but real signal
    ]
    return make_graph(nodes, edges)


class TestSuggestPartners:
    def test_college_firm_with_explanation(self):
        rows = suggest_partners(_partners_graph(), kinds=[("College", "Firm")])
        pairs = [(r["a"], r["b"]) for r in rows]
        assert pairs == [("College:c", "Firm:f"), ("College:c", "Firm:k")]
        best = rows[0]
        # Adamic–Adar over the non-hub projection: lab has degree 2, park degree 3
        assert best["score"] == pytest.approx(1 / math.log(2) + 1 / math.log(3))
        assert best["shared"] == ["Platform:lab", "Park:p"]
        assert best["explanation"] == "共同关联：联合实验室、高新园"
        assert (best["a_name"], best["b_name"], best["a_label"], best["b_label"]) == ("机电学院", "恒立", "College", "Firm")

    def test_shared_track_counts_lower(self):
        rows = suggest_partners(_partners_graph(), kinds=[("College", "Firm")])
        track_only = rows[1]
        assert track_only["shared"] == [] and track_only["shared_tracks"] == ["Track:t"]
        assert track_only["score"] == pytest.approx(0.5 / math.log(2))
        assert track_only["score"] < rows[0]["score"]
        assert track_only["explanation"] == "同属赛道：智能制造"
        no_tracks = suggest_partners(_partners_graph(), kinds=[("College", "Firm")], track_weight=0)
        assert [r["b"] for r in no_tracks] == ["Firm:f"]

    def test_hubs_and_direct_links_excluded(self):
        rows = suggest_partners(_partners_graph(), kinds=[("College", "Firm")], top=None)
        bs = {r["b"] for r in rows}
        assert "Firm:g" not in bs  # already cooperating
        assert "Firm:h" not in bs  # only shares a Region (hub)

    def test_english_explanation(self):
        rows = suggest_partners(_partners_graph(), kinds=[("College", "Firm")], lang="en")
        assert rows[0]["explanation"] == "both connect to 联合实验室 and 高新园"
        assert rows[1]["explanation"] == "both in track 智能制造"

    @pytest.mark.parametrize("method", ["jaccard", "resource_allocation"])
    def test_other_methods(self, method):
        rows = suggest_partners(_partners_graph(), kinds=[("College", "Firm")], method=method)
        assert rows[0]["b"] == "Firm:f"
        if method == "resource_allocation":
            assert rows[0]["score"] == pytest.approx(1 / 2 + 1 / 3)
        else:  # N(c) = {p, lab, g}, N(f) = {p, lab}; tracks: f has none
            assert rows[0]["score"] == pytest.approx(2 / 3)

    def test_same_label_kind_is_unordered(self):
        G = make_graph(
            [("Firm", "a", "甲"), ("Firm", "b", "乙"), ("Park", "p", "园")],
            [("Firm:a", "LOCATED_IN", "Park:p"), ("Firm:b", "LOCATED_IN", "Park:p")],
        )
        rows = suggest_partners(G, kinds=[("Firm", "Firm")])
        assert [(r["a"], r["b"]) for r in rows] == [("Firm:a", "Firm:b")]

    def test_bad_arguments(self):
        G = _partners_graph()
        with pytest.raises(ValueError, match="unknown method"):
            suggest_partners(G, method="common_neighbors")
        with pytest.raises(ValueError, match="hub labels"):
            suggest_partners(G, kinds=[("Firm", "Track")])
        with pytest.raises(ValueError, match="track_weight"):
            suggest_partners(G, track_weight=-1)

    def test_default_kinds_and_top(self):
        rows = suggest_partners(_partners_graph(), top=1)
        assert len(rows) == 1 and rows[0]["a"] == "College:c"


# --------------------------------------------------------------------------- determinism across processes

_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[1])
import networkx as nx
from graph.analytics import communities, suggest_partners, betweenness_centrality, brokers_between_tracks
G = nx.MultiDiGraph()
names = [f"n{i:02d}" for i in range(40)]
labels = ["Firm", "College", "Platform", "Park"]
for i, n in enumerate(names):
    lab = labels[i % 4]
    G.add_node(f"{lab}:{n}", label=lab, id=n, name=n, source="s", confidence="stated")
keys = list(G)
for i in range(40):
    for j in (i * 7 + 3) % 40, (i * 11 + 5) % 40:
        if i != j:
            G.add_edge(keys[i], keys[j], key="COOPERATES_WITH", type="COOPERATES_WITH")
for t in range(3):
    G.add_node(f"Track:t{t}", label="Track", id=f"t{t}", name=f"t{t}")
for i, k in enumerate(keys):
    G.add_edge(k, f"Track:t{i % 3}", key="IN_TRACK", type="IN_TRACK")
out = {
    "communities": communities(G),
    "partners": suggest_partners(G, top=None),
    "betweenness": betweenness_centrality(G, sample_threshold=10, k=5),
    "brokers": brokers_between_tracks(G, top=None),
}
print(json.dumps(out, sort_keys=True, ensure_ascii=False))
"""


@pytest.mark.slow  # runs kg in a subprocess
def test_deterministic_across_hash_seeds():
    outputs = []
    for hash_seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=hash_seed)
        proc = subprocess.run([sys.executable, "-c", _SCRIPT, str(REPO)], env=env, capture_output=True,
                              text=True, check=True)
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] == outputs[1]
    assert outputs[0]["partners"] and outputs[0]["communities"]
