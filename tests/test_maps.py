"""Tests for graph.maps: offline HTML, model colours, tooltips, reduction over the node cap."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from graph import model
from graph.maps import MapResult, legend_items, remote_resources, render_map, standalone_page


def make_graph(n_firms=6):
    """Park + Track + College + ``n_firms`` firms, shaped like a store export."""
    G = nx.MultiDiGraph()

    def node(label, id_, name, **props):
        G.add_node(f"{label}:{id_}", label=label, id=id_, name=name, source=f"https://example.org/{id_}",
                   confidence="stated", **props)

    def edge(u, t, v):
        G.add_edge(u, v, key=t, type=t, source="常政办发〔2026〕7号#3", confidence="inferred")

    node("Park", "wj", "武进高新区")
    node("Track", "im", "智能制造")
    node("College", "jd", "机电学院")
    for i in range(n_firms):
        node("Firm", f"f{i:03d}", f"企业{i}")
        edge(f"Firm:f{i:03d}", "LOCATED_IN", "Park:wj")
        if i % 2 == 0:
            edge(f"Firm:f{i:03d}", "IN_TRACK", "Track:im")
    edge("College:jd", "COOPERATES_WITH", "Firm:f000")
    edge("College:jd", "PARTICIPATES_IN", "Firm:f000")
    return G


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[dict] = []
        self.links: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        elif tag == "link":
            self.links.append(dict(attrs))


def _tags(html):
    p = _Tags()
    p.feed(html)
    return p


def _dataset(html, name):
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL)
    assert m, f"no {name} DataSet in the page"
    return json.loads(m.group(1))


def _is_remote(url):
    return bool(re.match(r"\s*(https?:)?//", url or "", re.IGNORECASE))


def assert_offline(html):
    tags = _tags(html)
    assert not [s for s in tags.scripts if _is_remote(s.get("src"))]
    assert not [link for link in tags.links if _is_remote(link.get("href"))]
    assert not re.search(r"<script[^>]*\bsrc\s*=\s*[\"']?\s*https?://", html, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=\s*[\"']?\s*https?://", html, re.IGNORECASE)
    assert remote_resources(html) == []
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    assert "bootstrap" not in html.lower()


class TestOffline:
    def test_no_remote_resources_and_vis_inlined(self):
        r = render_map(make_graph())
        assert isinstance(r, MapResult)
        assert_offline(r.html)
        assert "new vis.Network" in r.html
        assert "vis-network" in r.html  # the inlined stylesheet
        assert r.html.lstrip().startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in r.html[:300]

    def test_no_files_written(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        render_map(make_graph(), size_by="degree")
        assert list(tmp_path.iterdir()) == []

    def test_names_cannot_break_out_of_the_script(self):
        G = make_graph()
        G.nodes["Firm:f001"]["name"] = "</script><script src=https://evil.example/x.js></script>"
        r = render_map(G)
        assert_offline(r.html)
        assert "evil.example" in r.html  # present, but only as escaped JSON data


class TestStyle:
    def test_colours_and_shapes_from_model(self):
        r = render_map(make_graph())
        nodes = _dataset(r.html, "nodes")
        assert len(nodes) == r.shown_nodes == r.total_nodes == 9
        for n in nodes:
            nt = model.node_type(n["kg_label"])
            assert n["color"]["background"] == nt.color
            assert n["shape"] == nt.shape

    def test_tooltips_and_edge_labels(self):
        r = render_map(make_graph())
        nodes = {n["id"]: n for n in _dataset(r.html, "nodes")}
        tip = nodes["Park:wj"]["title"]
        assert "名园" in tip and "Park" in tip and "武进高新区" in tip
        assert "https://example.org/wj" in tip and "stated" in tip
        edges = _dataset(r.html, "edges")
        labels = {e["label"] for e in edges}
        assert model.rel_type("LOCATED_IN").zh in labels
        merged = next(e for e in edges if e["from"] == "College:jd")
        assert merged["label"] == "合作 / 参与"  # parallel relationships share one labelled arrow
        assert "inferred" in merged["title"]

    def test_english(self):
        r = render_map(make_graph(), lang="en")
        nodes = {n["id"]: n for n in _dataset(r.html, "nodes")}
        assert nodes["Park:wj"]["title"].startswith("Type: Park")
        assert model.rel_type("LOCATED_IN").en in {e["label"] for e in _dataset(r.html, "edges")}
        assert "Legend" in r.html

    def test_highlight_bold_border(self):
        r = render_map(make_graph(), highlight=["Firm:f000", "Park:wj"])
        nodes = {n["id"]: n for n in _dataset(r.html, "nodes")}
        assert nodes["Firm:f000"]["borderWidth"] > nodes["Firm:f001"]["borderWidth"]
        assert nodes["Park:wj"]["color"]["border"] != model.node_type("Park").color
        assert nodes["Park:wj"]["color"]["background"] == model.node_type("Park").color

    @pytest.mark.parametrize("size_by", ["degree", "betweenness"])
    def test_size_by(self, size_by):
        nodes = {n["id"]: n for n in _dataset(render_map(make_graph(), size_by=size_by).html, "nodes")}
        assert nodes["Park:wj"]["size"] > nodes["Firm:f001"]["size"]

    def test_bad_arguments(self):
        G = make_graph()
        with pytest.raises(ValueError, match="size_by"):
            render_map(G, size_by="pagerank")
        with pytest.raises(ValueError, match="node_cap"):
            render_map(G, node_cap=0)
        with pytest.raises(ValueError, match="height"):
            render_map(G, height="1px;}body{display:none")


class TestLegend:
    def test_legend_items_follow_model(self):
        items = legend_items(["Firm", "Park", "Track"], "zh")
        assert [i[0] for i in items] == ["Track", "Park", "Firm"]  # model order
        for label, name, color, shape in items:
            nt = model.node_type(label)
            assert (name, color, shape) == (nt.zh, nt.color, nt.shape)
        assert legend_items(["Firm"], "en")[0][1] == model.node_type("Firm").en

    def test_legend_in_page(self):
        r = render_map(make_graph())
        assert 'class="kg-legend"' in r.html
        for label in ("Park", "Track", "College", "Firm"):
            nt = model.node_type(label)
            assert f'data-label="{label}"' in r.html and nt.zh in r.html and nt.color in r.html
        assert 'data-label="Person"' not in r.html
        assert set(r.labels) == {"Park", "Track", "College", "Firm"}


class TestReduction:
    def test_under_cap(self):
        r = render_map(make_graph())
        assert not r.reduced and r.notice is None and r.groups == 0

    def test_over_cap(self):
        G = make_graph(n_firms=60)
        cap = 10
        r = render_map(G, node_cap=cap, highlight=["Firm:f059"])
        assert r.reduced and r.total_nodes == 63
        assert r.notice and "10" in r.notice and "63" in r.notice
        assert r.notice in r.html
        nodes = _dataset(r.html, "nodes")
        assert len(nodes) == r.shown_nodes <= cap + r.groups
        ids = {n["id"] for n in nodes}
        assert {"Park:wj", "Track:im", "Firm:f000", "Firm:f059"} <= ids  # top degree + highlight
        groups = {n["kg_label"]: n for n in nodes if n.get("kg_group")}
        assert len(groups) == r.groups == 2  # the odd firms and the low-degree college
        firm_group = groups["Firm"]
        assert firm_group["color"]["background"] == model.node_type("Firm").color
        assert firm_group["shape"] == model.node_type("Firm").shape
        hidden = 60 - sum(1 for i in ids if i.startswith("Firm:"))
        assert firm_group["label"] == f"+{hidden} 个名企"
        edges = _dataset(r.html, "edges")
        assert {e["to"] for e in edges if e["from"] == firm_group["id"]} == {"Park:wj", "Track:im"}
        assert {e["to"] for e in edges if e["from"] == groups["College"]["id"]} == {"Firm:f000"}
        assert groups["College"]["label"] == "+1 个名院"
        assert_offline(r.html)

    def test_the_default_cap_is_the_setting(self, monkeypatch):
        monkeypatch.setenv("KG_MAP_NODE_CAP", "10")
        r = render_map(make_graph(n_firms=60))
        assert r.reduced and r.shown_nodes <= 10 + r.groups

    def test_never_renders_thousands(self):
        r = render_map(make_graph(n_firms=2000), node_cap=300, physics=False)
        assert r.shown_nodes <= 300 + r.groups and r.total_nodes == 2003
        assert "仅显示度数最高的 300 个（共 2003 个）" in r.notice


class TestLargeMaps:
    """#19 item 7: a map of thousands of nodes is drawn where the server laid it out; the
    browser's force layout took 73 s to a first paint of 2,000 nodes, the laid-out map 1.5 s
    (bench/map_speed.py, BENCHMARKS.md)."""

    def test_a_large_map_comes_laid_out_without_physics_or_edge_labels(self):
        r = render_map(make_graph(n_firms=400), node_cap=2000)
        nodes, edges = _dataset(r.html, "nodes"), _dataset(r.html, "edges")
        assert len(nodes) == 403 and not r.reduced
        assert all(isinstance(n.get("x"), float) and isinstance(n.get("y"), float) for n in nodes)
        assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # no two nodes on one spot
        assert all("label" not in e and e["title"] for e in edges)  # names in the tooltip only
        assert '"physics": {"enabled": false' in r.html.replace("\n", "")

    def test_the_layout_is_the_same_each_time(self):
        first, again = (_dataset(render_map(make_graph(n_firms=400)).html, "nodes") for _ in range(2))
        assert [(n["x"], n["y"]) for n in first] == [(n["x"], n["y"]) for n in again]

    def test_a_small_map_keeps_the_browsers_force_layout_and_edge_labels(self):
        r = render_map(make_graph())
        nodes, edges = _dataset(r.html, "nodes"), _dataset(r.html, "edges")
        assert not any("x" in n for n in nodes) and all(e.get("label") for e in edges)
        assert '"physics": {"enabled": true' in r.html


class TestStandalonePage:
    def test_page(self):
        r = render_map(make_graph(n_firms=30), node_cap=10, title="地图")
        page = standalone_page(r, title="三名联动 · 武进", subtitle="演示用", generated=dt.date(2026, 3, 1))
        assert_offline(page)
        assert "<title>三名联动 · 武进</title>" in page
        assert "<h1>三名联动 · 武进</h1>" in page and "演示用" in page
        assert "2026-03-01" in page and "数据来源" in page
        assert 'class="kg-legend"' in page and r.notice in page
        assert "new vis.Network" in page
        assert 'class="kg-title"' not in page  # the page heading replaces the map's own title

    def test_escapes_title(self):
        page = standalone_page(render_map(make_graph()), title="<b>x</b>", lang="en")
        assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
        assert "Data sources" in page


def test_a_click_shows_the_nodes_details_and_the_offline_page_has_no_app_link():
    from graph.maps import node_details

    G = make_graph()
    n = next(iter(G))
    G.nodes[n]["source"] = "https://www.changzhou.gov.cn/x"
    d = node_details(G, n, "zh")
    assert d["kind"] == "政府" and d["key"] == n and d["name"]
    r = render_map(G)
    assert 'id="kg-details"' in r.html and 'network.on("click"' in r.html and "KG_LINK = true," in r.html
    page = standalone_page(r, title="t")
    assert "KG_LINK = false," in page
    assert_offline(page)


def test_an_english_map_labels_nodes_by_name_en_and_keeps_the_chinese_name_in_the_details():
    from graph.maps import node_details

    G = make_graph()
    G.nodes["Park:wj"]["name_en"] = "Wujin National High-tech Zone"
    en = {d["id"]: d for d in _dataset(render_map(G, lang="en").html, "nodes")}
    zh = {d["id"]: d for d in _dataset(render_map(G, lang="zh").html, "nodes")}
    assert en["Park:wj"]["label"].startswith("Wujin National High-tech")
    assert zh["Park:wj"]["label"] == "武进高新区"
    assert en["Firm:f000"]["label"] == "企业0"  # no English name: the Chinese one
    assert node_details(G, "Park:wj", "en")["name"] == "Wujin National High-tech Zone (武进高新区)"
    assert node_details(G, "Park:wj", "zh")["name"] == "武进高新区"


def test_colour_by_community_colours_members_and_keeps_one_legend():
    from graph.maps import COMMUNITY_COLOURS, NO_COMMUNITY

    G = make_graph()
    communities = {"Firm:f000": 0, "Firm:f001": 0, "College:jd": 1}
    r = render_map(G, communities=communities)
    nodes = {d["id"]: d for d in _dataset(r.html, "nodes")}
    assert nodes["Firm:f000"]["color"]["background"] == COMMUNITY_COLOURS[0]
    assert nodes["College:jd"]["color"]["background"] == COMMUNITY_COLOURS[1]
    assert nodes["Track:im"]["color"]["background"] == NO_COMMUNITY  # a hub type has no community
    assert r.html.count('class="kg-legend"') == 1
    assert 'data-community="0"' in r.html and "社区 1 (2)" in r.html
    assert nodes["Firm:f000"]["shape"] == model.node_type("Firm").shape  # the shape still tells the type


def test_a_ring_of_hidden_neighbours_is_embedded_for_a_double_click():
    G = make_graph(2)
    R = make_graph(4)  # f002, f003 are neighbours of the park that G does not hold
    R.remove_nodes_from(["College:jd", "Track:im", "Firm:f000", "Firm:f001"])
    r = render_map(G, ring=(R, {"Park:wj": 3}))
    ring = json.loads(re.search(r"KG_RING = (\{.*?\}), KG_MIN_PX", r.html, re.DOTALL).group(1))
    assert sorted(ring["of"]["Park:wj"]["ids"]) == ["Firm:f002", "Firm:f003"]
    assert ring["of"]["Park:wj"]["more"] == 3
    assert set(ring["nodes"]) == {"Firm:f002", "Firm:f003"}
    assert {(e["from"], e["to"]) for e in ring["edges"]} == {("Firm:f002", "Park:wj"), ("Firm:f003", "Park:wj")}
    assert 'network.on("doubleClick"' in r.html
    assert "KG_DETAILS" in r.html and '"Firm:f002"' in r.html.split("KG_DETAILS = ")[1].split("KG_T")[0]


def test_the_slide_deck_is_one_offline_file_with_a_frame_per_slide():
    from graph.maps import slide_deck

    slides = [("行动方案", "副标题", render_map(make_graph())), ("园区", "", render_map(make_graph(2)))]
    deck = slide_deck(slides, title="三名联动创新图谱")
    assert deck.count('class="kg-slide"') == 2 and 'id="slide-2"' in deck
    assert remote_resources(deck) == [] and "srcdoc=" in deck
    assert "ArrowRight" in deck and 'location.hash' in deck  # next/previous by key, a deep link per slide
    assert "&lt;h1&gt;行动方案&lt;/h1&gt;" in deck  # each slide is a standalone page, escaped into its frame
