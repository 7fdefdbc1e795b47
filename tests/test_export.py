"""Tests for graph.export: round-trips through GraphML, GEXF, JSON and CSV; personal data."""

from __future__ import annotations

import io
import json
import zipfile

import networkx as nx
import pandas as pd
import pytest

from graph import model
from graph.export import FORMATS, export_graph, pseudonymise, read_json, without_personal


def make_graph():
    """A small MultiDiGraph shaped like a store export, with a Person and list values."""
    G = nx.MultiDiGraph()

    def node(label, id_, name, **props):
        G.add_node(f"{label}:{id_}", label=label, id=id_, name=name, source="https://example.org/doc",
                   confidence="stated", **props)

    node("Firm", "hengli", "恒立液压", aliases=["恒立", "Hengli"], founded=2005, stock_code="601100.SH")
    node("College", "hengli", "同名学院", founded="不详")  # same id, other label; mixed attribute types
    node("Park", "wj", "武进高新区", selected_years=[2024, 2025], level="国家级")
    node("Person", "zhang-san", "张三", role="科技副总", title="教授", email="zs@example.org", phone="123")
    node("Track", "im", "智能制造", kind="track")
    edges = [
        ("Firm:hengli", "LOCATED_IN", "Park:wj", {}),
        ("Firm:hengli", "IN_TRACK", "Track:im", {"since": 2020}),
        ("College:hengli", "COOPERATES_WITH", "Firm:hengli", {"role": "牵头单位"}),
        ("College:hengli", "PARTICIPATES_IN", "Firm:hengli", {}),  # parallel edge, other type
        ("Person:zhang-san", "SERVES_AS", "Firm:hengli", {"since": 2023}),
        ("Person:zhang-san", "AFFILIATED_WITH", "College:hengli", {}),
    ]
    for u, t, v, props in edges:
        G.add_edge(u, v, key=t, type=t, source="常政办发〔2026〕7号#3", confidence="stated", **props)
    return G


def _bytes(G, fmt, **kw):
    buf = io.BytesIO()
    export_graph(G, buf, fmt, **kw)
    return buf.getvalue()


class TestGraphML:
    def test_round_trip(self, tmp_path):
        G = make_graph()
        path = tmp_path / "g.graphml"
        export_graph(G, path, "graphml")
        H = nx.read_graphml(path)
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        assert set(H.nodes) == set(G.nodes)
        assert set(H.edges(keys=True)) == set(G.edges(keys=True))
        firm = H.nodes["Firm:hengli"]
        assert firm["label"] == "Firm" and firm["id"] == "hengli" and firm["name"] == "恒立液压"
        assert firm["aliases"] == "恒立|Hengli"
        assert H.nodes["Park:wj"]["selected_years"] == "2024|2025"
        assert H["College:hengli"]["Firm:hengli"]["COOPERATES_WITH"]["role"] == "牵头单位"
        assert H["Firm:hengli"]["Track:im"]["IN_TRACK"]["since"] == 2020

    def test_one_type_per_attribute(self):
        text = _bytes(make_graph(), "graphml").decode("utf-8")
        assert text.count('attr.name="founded"') == 1  # int and str mixed -> one string key
        H = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
        assert H.nodes["Firm:hengli"]["founded"] == "2005"

    def test_none_dropped_and_text_buffer(self):
        G = make_graph()
        G.nodes["Track:im"]["description"] = None
        buf = io.StringIO()
        export_graph(G, buf, "graphml")
        H = nx.read_graphml(io.BytesIO(buf.getvalue().encode("utf-8")))
        assert "description" not in H.nodes["Track:im"]

    def test_input_not_modified(self):
        G = make_graph()
        export_graph(G, io.BytesIO(), "graphml", drop_personal=True)
        assert G.nodes["Firm:hengli"]["aliases"] == ["恒立", "Hengli"]
        assert G.nodes["Person:zhang-san"]["email"] == "zs@example.org"


class TestGEXF:
    def test_round_trip(self, tmp_path):
        G = make_graph()
        path = tmp_path / "g.gexf"
        export_graph(G, path, "gexf")
        H = nx.read_gexf(path)
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
        assert set(H.nodes) == set(G.nodes)  # node keys stay unique although two ids are "hengli"
        firm = H.nodes["Firm:hengli"]
        assert firm["label"] == "恒立液压"  # Gephi shows the name
        assert firm["kg_label"] == "Firm" and firm["kg_id"] == "hengli"
        assert firm["aliases"] == "恒立|Hengli"
        rels = {d["label"] for *_, d in H.edges(data=True)}
        assert rels == {"LOCATED_IN", "IN_TRACK", "COOPERATES_WITH", "PARTICIPATES_IN", "SERVES_AS", "AFFILIATED_WITH"}


class TestJSON:
    def test_node_link_round_trip(self, tmp_path):
        G = make_graph()
        path = tmp_path / "g.json"
        export_graph(G, path, "json")
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "edges" in data and "nodes" in data
        firm = next(n for n in data["nodes"] if n["key"] == "Firm:hengli")
        assert firm["id"] == "hengli" and firm["aliases"] == ["恒立", "Hengli"]
        edge = next(e for e in data["edges"] if e["key"] == "SERVES_AS")
        assert edge["from"] == "Person:zhang-san" and edge["source"] == "常政办发〔2026〕7号#3"
        H = read_json(path)
        assert nx.utils.graphs_equal(G, H)

    def test_buffers(self):
        G = make_graph()
        text = io.StringIO()
        export_graph(G, text, "json")
        raw = _bytes(G, "json")
        assert raw.decode("utf-8") == text.getvalue()
        assert read_json(io.BytesIO(raw)).number_of_edges() == G.number_of_edges()


class TestCSV:
    def test_directory(self, tmp_path):
        G = make_graph()
        export_graph(G, tmp_path / "out", "csv")
        nodes = pd.read_csv(tmp_path / "out" / "nodes.csv", encoding="utf-8-sig")
        edges = pd.read_csv(tmp_path / "out" / "edges.csv", encoding="utf-8-sig")
        assert len(nodes) == G.number_of_nodes() and len(edges) == G.number_of_edges()
        assert list(nodes.columns[:6]) == ["key", "label", "id", "name", "source", "confidence"]
        assert list(edges.columns[:5]) == ["from", "to", "type", "source", "confidence"]
        assert nodes.set_index("key").loc["Firm:hengli", "aliases"] == "恒立|Hengli"

    def test_zip(self, tmp_path):
        G = make_graph()
        path = tmp_path / "g.zip"
        export_graph(G, path, "csv")
        with zipfile.ZipFile(path) as zf:
            assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
            nodes = pd.read_csv(io.BytesIO(zf.read("nodes.csv")), encoding="utf-8-sig")
        assert len(nodes) == G.number_of_nodes()
        assert _bytes(G, "csv") == _bytes(G, "csv")  # reproducible zip


class TestPersonalData:
    def test_drop_personal(self):
        G = make_graph()
        H = nx.read_graphml(io.BytesIO(_bytes(G, "graphml", drop_personal=True)))
        person = H.nodes["Person:zhang-san"]
        for prop in model.personal_props("Person"):
            if prop != "name":
                assert prop not in person
        assert person["name"] == "Person:zhang-san"
        assert person["role"] == "科技副总"  # not personal
        assert H.nodes["Firm:hengli"]["name"] == "恒立液压"
        for fmt in FORMATS:
            raw = _bytes(G, fmt, drop_personal=True)
            if fmt == "csv":
                with zipfile.ZipFile(io.BytesIO(raw)) as zf:
                    raw = zf.read("nodes.csv") + zf.read("edges.csv")
            text = raw.decode("utf-8-sig")
            assert "张三" not in text and "zs@example.org" not in text and "教授" not in text, fmt

    def test_without_personal_keeps_edges(self):
        G = make_graph()
        H = without_personal(G)
        assert H.number_of_edges() == G.number_of_edges()
        assert "email" in G.nodes["Person:zhang-san"]

    def test_pseudonymise(self):
        G = make_graph()
        H = pseudonymise(G, "secret")
        assert "Person:zhang-san" not in H
        people = [n for n, d in H.nodes(data=True) if d["label"] == "Person"]
        assert len(people) == 1
        p = people[0]
        assert p.startswith("Person:p") and H.nodes[p]["id"] == p.split(":", 1)[1]
        assert H.nodes[p]["name"] == p and "email" not in H.nodes[p]
        assert H.has_edge(p, "Firm:hengli", "SERVES_AS")
        assert H.number_of_edges() == G.number_of_edges()
        assert list(pseudonymise(G, "secret")) == list(H)  # stable
        assert p not in pseudonymise(G, "other")  # salted
        text = _bytes(H, "graphml").decode("utf-8")
        assert "zhang-san" not in text and "张三" not in text
        with pytest.raises(ValueError, match="salt"):
            pseudonymise(G, "")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown export format"):
        export_graph(make_graph(), io.BytesIO(), "xlsx")
