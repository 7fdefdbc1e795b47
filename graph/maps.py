"""Interactive, fully offline network maps of the graph, rendered with pyvis (vis-network).

Colours, shapes and zh/en type names come from :mod:`graph.model`.  The HTML pyvis generates
links vis-network and Bootstrap from CDNs; :func:`render_map` removes every remote
``<script src>``/``<link href>`` and inlines vis-network's JS and CSS from the copy bundled in
the pyvis package, so a page works without a network connection.  Nothing is written to disk.

Every node is coloured and shaped by its label as the model declares; its tooltip gives type
(zh and en), name, source and confidence; edges are labelled with the relationship's zh/en name.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
import math
import json as _json_mod
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyvis
from pyvis.network import Network

from graph import config, model
from graph import strings
from graph.strings import LANGS, map_text, word
from graph.analytics import betweenness_centrality, project_undirected
from graph.names import display_name

__all__ = ["MapResult", "render_map", "standalone_page", "slide_deck", "legend_items", "remote_resources", "through_hidden", "VIA"]

_GROUP_PREFIX = "__group__:"
_BASE_SIZE = 16
# characters of a name drawn on the canvas (an English name needs more); the tooltip has the full name
_LABEL_MAX = {"zh": 18, "en": 32}
BASE_NODE_SIZE = _BASE_SIZE  # also the GEXF export's node size (graph.export.gexf_viz)
#: Colours of the largest communities (graph.precompute's community_of); the rest share one.
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
                     "#ff9da7", "#9c755f", "#17becf", "#bcbd22", "#8c564b")
OTHER_COMMUNITY = "#c7c7c7"
VIA = "__via__"  # the type of a dotted edge standing for hidden nodes in between (through_hidden)
NO_COMMUNITY = "#ffffff"
_SHAPE_GLYPH = {  # legend glyph for each vis-network shape
    "dot": "●", "circle": "●", "ellipse": "⬬", "box": "▬", "square": "■", "diamond": "◆",
    "triangle": "▲", "triangleDown": "▼", "star": "★", "hexagon": "⬢", "database": "⛁", "text": "T",
}
_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>.*?</script\s*>", re.IGNORECASE | re.DOTALL
)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", re.IGNORECASE | re.DOTALL)
_REMOTE_ANY = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE
)
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|%|vh|em|rem)$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)

_CSS = """
body { margin: 0; font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
#mynetwork { float: none !important; width: 100%; box-sizing: border-box; }
.card { border: 0; }
div.vis-tooltip { white-space: normal; max-width: 420px; font-family: inherit; font-size: 13px; }
.kg-title { font-size: 18px; font-weight: 600; margin: 6px 8px; }
.kg-notice { margin: 6px 8px; padding: 6px 10px; background: #fff4e5; border: 1px solid #f0c36d;
  border-radius: 4px; font-size: 13px; }
.kg-legend { margin: 6px 8px; font-size: 13px; line-height: 1.8; }
.kg-legend-title { font-weight: 600; margin-right: 8px; }
.kg-legend-item { display: inline-block; margin-right: 14px; white-space: nowrap; }
.kg-swatch { font-size: 16px; margin-right: 3px; }
.kg-legend-alt { color: #888; font-size: 11px; }
#kg-details { position: absolute; top: 8px; right: 8px; z-index: 10; max-width: 360px; padding: 10px 12px;
  background: #fff; border: 1px solid #bbb; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.15);
  font-size: 14px; line-height: 1.6; word-break: break-all; }
#kg-details .kg-d-name { font-size: 17px; font-weight: 600; }
#kg-details button { float: right; border: 0; background: none; cursor: pointer; font-size: 16px; }
body.kg-map { position: relative; }
.kg-page header { padding: 12px 16px 0; } .kg-page header h1 { margin: 0 0 4px; font-size: 24px; }
.kg-page header p { margin: 0; color: #555; }
.kg-page footer { clear: both; padding: 8px 16px; font-size: 12px; color: #666; border-top: 1px solid #ddd; }
"""


@dataclass(frozen=True)
class MapResult:
    """A rendered map.

    ``html`` is a complete offline page (map, legend and notice); ``shown_nodes`` counts the
    nodes drawn, group nodes included; ``total_nodes`` the nodes of the input graph;
    ``reduced`` whether the graph was cut down to ``node_cap``; ``notice`` says so in words.
    """

    html: str
    shown_nodes: int
    total_nodes: int
    reduced: bool
    notice: str | None
    labels: tuple[str, ...] = ()
    groups: int = 0
    lang: str = "zh"


# --------------------------------------------------------------------------- assets


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """(js, css) of the newest vis-network bundled with pyvis."""
    root = Path(pyvis.__file__).parent
    dirs = sorted(
        {p.parent for pattern in ("lib/vis-*/vis-network.min.js", "templates/lib/vis-*/vis-network.min.js")
         for p in root.glob(pattern)},
        key=lambda d: tuple(int(x) for x in re.findall(r"\d+", d.name)),
    )
    if not dirs:
        raise RuntimeError(f"no bundled vis-network found under {root}")
    d = dirs[-1]
    js = (d / "vis-network.min.js").read_text(encoding="utf-8")
    css = (d / "vis-network.css").read_text(encoding="utf-8")
    return js, css


def remote_resources(html: str) -> list[str]:
    """The ``<script>``/``<link>``/``<img>``/``<iframe>`` tags of ``html`` that load from the network."""
    return [m.group(0) for m in _REMOTE_ANY.finditer(_COMMENT.sub("", html))]


# --------------------------------------------------------------------------- text helpers


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")


def _label(G, n) -> str:
    return G.nodes[n].get("label") or str(n).partition(":")[0]


def _name(G, n, lang: str = "zh") -> str:
    return display_name(G.nodes[n], lang) or str(n)


def _full_name(G, n, lang: str) -> str:
    """The name in ``lang``; in English with the Chinese name beside it, as a reader may
    need the name the sources use."""
    name, zh = _name(G, n, lang), _name(G, n)
    return f"{name} ({zh})" if lang == "en" and name != zh else name


def _node_type(label):
    try:
        return model.node_type(label)
    except KeyError:
        return None


def _type_name(label: str, lang: str) -> str:
    return strings.type_name(label, lang)


def _rel_name(type_: str, lang: str) -> str:
    return strings.rel_name(str(type_), lang)


def _style(label: str) -> tuple[str, str]:
    nt = _node_type(label)
    default = model.NodeType("?", "", "", "")  # the model's default colour and shape
    return (nt or default).color, (nt or default).shape


def _short(text: str, lang: str = "zh") -> str:
    most = _LABEL_MAX[lang]
    return text if len(text) <= most else text[: most - 1] + "…"


def _confidence(value, lang: str) -> str:
    if value in (None, ""):
        return map_text(lang)["none"]
    shown = word(str(value), lang)
    return f"{shown}（{value}）" if lang == "zh" and shown != value else shown


def _node_tooltip(G, n, lang: str) -> str:
    t = map_text(lang)
    d = G.nodes[n]
    label = _label(G, n)
    other = _node_type(label)
    type_text = _type_name(label, lang)
    if other is not None:
        type_text += f" / {other.en if lang == 'zh' else other.zh}"
    lines = [
        f"{t['type']}: {type_text}",
        f"{t['name']}: {_full_name(G, n, lang)}",
        f"{t['source']}: {d.get('source') or t['none']}",
        f"{t['confidence']}: {_confidence(d.get('confidence'), lang)}",
    ]
    return _defuse("\n".join(lines))


def node_details(G, n, lang: str) -> dict:
    """What a click on node ``n`` shows: name, type, source and its kind, confidence, key."""
    from graph.sources import source_kind

    d = G.nodes[n]
    src = d.get("source") or ""
    return {"name": _full_name(G, n, lang), "type": _type_name(_label(G, n), lang), "source": src,
            "kind": word(source_kind(src), lang) if src else "", "confidence": _confidence(d.get("confidence"), lang),
            "key": str(n)}


_DETAILS_JS = """<div id="kg-details" hidden></div>
<script>
var KG_DETAILS = %(details)s, KG_T = %(text)s, KG_LINK = %(link)s, KG_RING = %(ring)s, KG_MIN_PX = %(min_px)s,
    KG_TOP = %(top)s;
(function () {
  function esc(s) { return String(s).replace(/[&<>"']/g, function (c) {
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]; }); }
  function fmt(s, n) { return String(s).replace("{n}", n); }
  function show(id) {
    var d = KG_DETAILS[id], el = document.getElementById("kg-details");
    if (!d) { el.hidden = true; return; }
    var src = d.source ? (/^https?:/.test(d.source)
      ? '<a href="' + esc(d.source) + '" target="_blank" rel="noopener">' + esc(d.source) + '</a>' : esc(d.source))
      + (d.kind ? ' (' + esc(KG_T.kind) + ': ' + esc(d.kind) + ')' : '') : esc(KG_T.none);
    var ring = KG_RING.of[id] || {ids: [], more: 0};
    var hidden = ring.ids.filter(function (k) { return !nodes.get(k); }).length;
    el.innerHTML = '<button title="' + esc(KG_T.close) + '" onclick="this.parentNode.hidden=true">×</button>'
      + '<div class="kg-d-name">' + esc(d.name) + '</div>'
      + '<div>' + esc(KG_T.type) + ': ' + esc(d.type) + '</div>'
      + '<div>' + esc(KG_T.source) + ': ' + src + '</div>'
      + '<div>' + esc(KG_T.confidence) + ': ' + esc(d.confidence) + '</div>'
      + (hidden ? '<div class="kg-d-expand">' + esc(fmt(KG_T.expand, hidden)) + '</div>' : '')
      + (ring.more ? '<div class="kg-d-more">' + esc(fmt(KG_T.more, ring.more)) + '</div>' : '')
      + (KG_LINK ? '<div><a class="kg-d-open" target="_blank" href="explorer?entity='
         + encodeURIComponent(d.key) + '">' + esc(KG_T.open) + '</a></div>' : '');
    el.hidden = false;
  }
  // Bloom's double-click: the node's neighbours that the page holds but does not draw appear
  // around it, with their relationships to what is drawn (all from the page: it stays offline)
  function expand(id) {
    var ring = KG_RING.of[id];
    if (!ring) { return 0; }
    var at = network.getPositions([id])[id], fresh = ring.ids.filter(function (k) { return !nodes.get(k); });
    var r = 90 + 12 * fresh.length;
    nodes.add(fresh.map(function (k, i) {
      var a = 2 * Math.PI * i / fresh.length;
      return Object.assign({}, KG_RING.nodes[k], {x: at.x + r * Math.cos(a), y: at.y + r * Math.sin(a)});
    }));
    KG_RING.edges.forEach(function (e) {
      if (!edges.get(e.id) && nodes.get(e.from) && nodes.get(e.to)) { edges.add(e); }
    });
    return fresh.length;
  }
  window.kgExpand = expand;
  // labels keep at least KG_MIN_PX pixels on screen at any zoom (a fitted 400-node map is small);
  // zoomed out, only the best-connected nodes (KG_TOP) keep theirs, so the names stay legible
  var fontSize = null, own = {}, top = {};
  function keepLabels() {
    var scale = network.getScale(), want = Math.round(Math.max(KG_T.font, KG_MIN_PX / scale));
    var all = !KG_TOP || KG_T.font * scale >= 0.8 * KG_MIN_PX;
    var key = want + (all ? "a" : "t");
    if (key === fontSize) { return; }
    fontSize = key;
    nodes.update(nodes.getIds().map(function (id) {
      if (!(id in own)) { own[id] = (nodes.get(id).font) || {}; }
      return {id: id, font: Object.assign({}, own[id], {size: (all || top[id]) ? want : 0})};
    }));
  }
  function attach() {
    if (typeof network === "undefined" || !network) { setTimeout(attach, 50); return; }
    network.on("click", function (p) { show(p.nodes.length ? p.nodes[0] : null); });
    network.on("doubleClick", function (p) { if (p.nodes.length) { expand(p.nodes[0]); show(p.nodes[0]); } });
    (KG_TOP || []).forEach(function (id) { top[id] = true; });
    if (KG_MIN_PX) {  // the first drawing may be over before this runs: check now and after a fit
      network.on("zoom", keepLabels); network.on("stabilized", keepLabels); network.on("resize", keepLabels);
      keepLabels(); setTimeout(keepLabels, 400);
    }
  }
  attach();
})();
</script>
"""


def _json(value) -> str:
    # JSON inside <script>: no "<" may open or close a tag
    return _json_mod.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


LABEL_TOP = 60  # past this many drawn nodes, a zoomed-out map names only its best-connected ones


def _labelled(G, kept, highlight) -> list[str] | None:
    """The nodes whose labels stay when a large map is zoomed out (None: every node's)."""
    if len(kept) <= LABEL_TOP:
        return None
    P = project_undirected(G)
    ranked = sorted(kept, key=lambda n: (-P.degree(n) if n in P else 0, str(n)))
    return sorted({str(n) for n in ranked[:LABEL_TOP]} | {str(h) for h in highlight})


def _details_html(G, kept, lang: str, ring: dict, min_px: int, font_size: int, highlight=()) -> str:
    details = {str(n): node_details(G, n, lang) for n in kept}
    details.update(ring.pop("details", {}))
    text = dict(map_text(lang), font=font_size)
    return _DETAILS_JS % {"details": _json(details), "text": _json(text), "link": "true", "ring": _json(ring),
                          "min_px": int(min_px or 0), "top": _json(_labelled(G, kept, highlight))}


def _defuse(text: str) -> str:
    # pyvis switches to an innerHTML popup when a title contains "href"; keep tooltips plain text.
    return text.replace("href", "hre\u200bf")


def legend_items(labels, lang="zh") -> list[tuple[str, str, str, str]]:
    """Legend rows ``(label, name, color, shape)`` for ``labels``, in model order.

    Parameters
    ----------
    labels : iterable of str
        Node labels to show; labels the model does not know come last with its default style.
    lang : {"zh", "en"}, optional (default = "zh")
        Language of ``name``.
    """
    _check_lang(lang)
    wanted = set(labels)
    order = {lab: i for i, lab in enumerate(model.labels())}
    rows = []
    for lab in sorted(wanted, key=lambda x: (order.get(x, len(order)), x)):
        color, shape = _style(lab)
        rows.append((lab, _type_name(lab, lang), color, shape))
    return rows


def _legend_html(labels, lang: str, communities: dict | None = None, G=None) -> str:
    """The one legend: types by colour and shape; coloured by community, the communities
    drawn (largest first) by colour and the types by shape alone."""
    t = map_text(lang)
    items = []
    if communities is not None:
        counts: dict = {}
        for n in G:
            c = communities.get(str(n))
            key = None if c is None else (c if c < len(COMMUNITY_COLOURS) else len(COMMUNITY_COLOURS))
            counts[key] = counts.get(key, 0) + 1
        for c in sorted(counts, key=lambda c: (c is None, -1 if c is None else c)):
            name = (t["community_none"] if c is None else t["community_other"] if c == len(COMMUNITY_COLOURS)
                    else t["community"].format(n=c + 1))
            colour = NO_COMMUNITY if c is None else (COMMUNITY_COLOURS + (OTHER_COMMUNITY,))[c]
            items.append(f'<span class="kg-legend-item" data-community="{"" if c is None else c}">'
                         f'<span class="kg-swatch" style="color:{colour};-webkit-text-stroke:1px #888">●</span>'
                         f"{_html.escape(name)} ({counts[c]})</span>")
        items.append(f'<span class="kg-legend-title">{t["shapes"]}</span>')
    for lab, name, color, shape in legend_items(labels, lang):
        glyph = _SHAPE_GLYPH.get(shape, "●")
        shown = "#555555" if communities is not None else color
        items.append(
            f'<span class="kg-legend-item" data-label="{_html.escape(lab)}" data-shape="{_html.escape(shape)}">'
            f'<span class="kg-swatch" style="color:{_html.escape(shown)}">{glyph}</span>'
            f"{_html.escape(name)}"
            f' <span class="kg-legend-alt">{_html.escape(_type_name(lab, "en" if lang == "zh" else "zh"))}</span>'
            "</span>"
        )
    return f'<div class="kg-legend"><span class="kg-legend-title">{t["legend"]}</span>' + "".join(items) + "</div>"


def _ring_json(G, kept, ring, lang, communities) -> dict:
    """What a double-click may add (see :data:`_DETAILS_JS`): per drawn node the keys of its
    hidden neighbours and how many more the page does not hold; their nodes, details, edges."""
    out = {"of": {}, "nodes": {}, "edges": [], "details": {}}
    if ring is None:
        return out
    R, more = ring
    kept_set = {str(n) for n in kept}
    hidden = [n for n in R if str(n) not in kept_set and n not in G]
    for n in sorted(hidden, key=str):
        out["nodes"][str(n)] = dict(id=str(n), **_vis_node(R, n, lang, size=_BASE_SIZE, communities=communities))
        out["details"][str(n)] = node_details(R, n, lang)
    hidden_set = set(hidden)
    for (u, v), rels in _edge_groups(R, lambda x: x in hidden_set or str(x) in kept_set).items():
        if (u in hidden_set) == (v in hidden_set):
            continue
        out["edges"].append(dict(id=f"ring:{u}>{v}", to=str(v), arrows="to", width=1, **{"from": str(u)},
                                 **_vis_edge(rels, lang)))
        for a, b in ((u, v), (v, u)):
            if str(a) in kept_set:
                out["of"].setdefault(str(a), {"ids": [], "more": more.get(a, 0)})["ids"].append(str(b))
    for k, m in more.items():
        if m and str(k) in kept_set:
            out["of"].setdefault(str(k), {"ids": [], "more": m})
    return out


# --------------------------------------------------------------------------- reduction


def _select(G, node_cap: int, highlight) -> tuple[list, dict, bool]:
    """Nodes to draw and the per-label groups of the rest.

    Returns ``(kept, groups, reduced)``: ``kept`` are node keys; ``groups`` maps a label to the
    list of its nodes that are not drawn.  When ``G`` has more than ``node_cap`` nodes, the
    highlighted nodes are kept first, then the highest-degree nodes (undirected, distinct
    neighbours; ties by key) up to ``node_cap`` in all.
    """
    nodes = sorted(G, key=str)
    if len(nodes) <= node_cap:
        return nodes, {}, False
    P = project_undirected(G)
    seen: set = set()
    first = []
    for k in highlight:
        if k in P and k not in seen:
            seen.add(k)
            first.append(k)
    first = first[:node_cap]
    rest = sorted((n for n in P if n not in seen), key=lambda n: (-P.degree(n), str(n)))
    kept = first + rest[: node_cap - len(first)]
    kept_set = set(kept)
    groups: dict = {}
    for n in nodes:
        if n not in kept_set:
            groups.setdefault(_label(G, n), []).append(n)
    return kept, groups, True


# --------------------------------------------------------------------------- rendering


def _sizes(G, kept, size_by):
    if size_by is None:
        return {n: _BASE_SIZE for n in kept}
    if size_by == "degree":
        P = project_undirected(G)
        score = {n: P.degree(n) for n in kept}
    else:
        score = {r["key"]: r["score"] for r in betweenness_centrality(G)}
        score = {n: score.get(n, 0.0) for n in kept}
    top = max(score.values(), default=0) or 1
    return {n: round(10 + 30 * math.sqrt(score[n] / top), 2) for n in kept}


def _options(physics: bool, n_nodes: int, font_size: int = 14) -> dict:
    return {
        "nodes": {"borderWidth": 1, "font": {"size": font_size}},
        "edges": {
            "color": {"color": "#a0a0a0", "highlight": "#555555", "inherit": False},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 2},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": {"enabled": bool(physics), "type": "dynamic"},  # straight lines draw faster
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_nodes > 150},
        "physics": {
            "enabled": bool(physics),
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 300},
        },
        "layout": {"randomSeed": 42, "improvedLayout": n_nodes <= 100},
    }


def through_hidden(G, shown, centre=None):
    """``G`` cut down to the ``shown`` nodes, with one dotted :data:`VIA` edge wherever a shown
    node reaches the others only through hidden ones (a type filter in the explorer): no node
    is left floating.  The edge carries ``via``, the hidden nodes' keys, and leads from the
    node towards the nearest shown node (breadth first; ``centre`` first among equals), and
    ``via_nodes``, their properties (the map names them).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("Firm:a", "Park:p"), ("Park:p", "Platform:x")])
    >>> H = through_hidden(G, ["Firm:a", "Platform:x"], "Platform:x")
    >>> [(u, v, d["via"]) for u, v, d in H.edges(data=True)]
    [('Firm:a', 'Platform:x', ['Park:p'])]
    """
    P = project_undirected(G)
    S = {n for n in shown if n in G}
    H = G.subgraph(S).copy()
    linked: set = set()
    for s in sorted(S, key=lambda n: (n == centre, str(n))):
        if s in linked or any(nb in S for nb in P[s]) or len(S) < 2:
            continue
        parent, frontier, hit = {s: None}, [s], None
        while frontier and hit is None:
            nxt = []
            for u in frontier:
                for nb in sorted(P[u], key=lambda n: (n != centre, str(n))):
                    if nb in parent:
                        continue
                    parent[nb] = u
                    if nb in S:
                        hit = nb
                        break
                    nxt.append(nb)
                if hit is not None:
                    break
            frontier = nxt
        if hit is not None:
            via, k = [], parent[hit]
            while k != s:
                via.append(k)
                k = parent[k]
            H.add_edge(s, hit, key=VIA, type=VIA, via=via[::-1], via_nodes={k: dict(G.nodes[k]) for k in via})
            linked |= {s, hit}
    return H


def _via_edge(G, d, lang) -> dict:
    names = [display_name(d.get("via_nodes", {}).get(k, {}), lang) or str(k) for k in d.get("via", [])]
    text = map_text(lang)["via"].format(names=("、" if lang == "zh" else ", ").join(names))
    return dict(label=text, title=text, dashes=True, arrows={"to": {"enabled": False}}, color="#888888")


def _colour(G, n, communities) -> str:
    """The node's colour: its type's, or with ``communities`` its community's."""
    if communities is None:
        return _style(_label(G, n))[0]
    c = communities.get(str(n))
    if c is None:
        return NO_COMMUNITY
    return COMMUNITY_COLOURS[c] if c < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY


def _vis_node(G, n, lang, *, size, bold=False, communities=None) -> dict:
    """The vis-network node of ``n`` (pyvis's add_node options, and the ring's JSON)."""
    label = _label(G, n)
    color, shape = _colour(G, n, communities), _style(label)[1]
    border = "#111111" if bold else (_style(label)[0] if communities is not None else color)
    return dict(label=_short(_name(G, n, lang), lang), shape=shape, title=_node_tooltip(G, n, lang), size=size,
                color={"background": color, "border": border, "highlight": {"background": color, "border": "#111111"},
                       "hover": {"background": color, "border": "#111111"}},
                borderWidth=4 if bold else (2 if communities is not None else 1),
                **({"font": {"color": "#000000", "bold": True}} if bold else {}), kg_label=label)


def _edge_groups(G, inside):
    """``{(u, v): [(type, data), …]}``: relationships between ``inside`` nodes, one entry per
    direction and pair (parallel relationships share one arrow)."""
    merged: dict = {}
    items = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in items:
        if inside(u) and inside(v):
            merged.setdefault((u, v), []).append((d.get("type") or k, d))
    return {p: sorted(merged[p], key=lambda r: str(r[0])) for p in sorted(merged, key=lambda p: (str(p[0]), str(p[1])))}


def _vis_edge(rels, lang) -> dict:
    t = map_text(lang)
    tip = "\n".join(
        f"{t['relation']}: {_rel_name(r, lang)} ({r})\n"
        f"{t['source']}: {d.get('source') or t['none']}\n"
        f"{t['confidence']}: {_confidence(d.get('confidence'), lang)}"
        for r, d in rels
    )
    return dict(label=" / ".join(_rel_name(r, lang) for r, _ in rels), title=_defuse(tip))


def _build_network(G, kept, groups, *, height, size_by, highlight, physics, lang, communities=None,
                   font_size=14) -> Network:
    t = map_text(lang)
    net = Network(height=height, width="100%", directed=True, cdn_resources="remote", heading="")
    sizes = _sizes(G, kept, size_by)
    marked = set(highlight)
    kept_set = set(kept)
    for n in kept:
        net.add_node(str(n), **_vis_node(G, n, lang, size=sizes[n], bold=n in marked, communities=communities))
    for (u, v), rels in _edge_groups(G, kept_set.__contains__).items():
        if rels[0][0] == VIA:  # hidden nodes in between: dotted, named in the label
            net.add_edge(str(u), str(v), **_via_edge(G, rels[0][1], lang), width=1)
            continue
        bold = u in marked and v in marked
        # a large map's edges keep their names in the tooltip only: labels of thousands of
        # edges made each frame of a 2,000-node map take 2.5 s (bench/map_speed.py)
        edge = _vis_edge(rels, lang)
        if len(kept) > BROWSER_LAYOUT_MAX:
            edge.pop("label")
        net.add_edge(str(u), str(v), **edge, width=3 if bold else 1, **({"color": "#111111"} if bold else {}))
    # one group node per label of the nodes left out, linked to their drawn neighbours
    if groups:
        P = project_undirected(G)
        for label in sorted(groups, key=lambda x: (model.labels().index(x) if x in model.labels() else 99, x)):
            members = groups[label]
            gid = _GROUP_PREFIX + label
            color, shape = _style(label)
            type_name = _type_name(label, lang)
            net.add_node(
                gid,
                label=t["group"].format(n=len(members), type=type_name),
                shape=shape,
                color={"background": color, "border": "#666666"},
                title=t["group_tip"].format(n=len(members), type=type_name),
                size=round(12 + min(28, 4 * math.log2(len(members) + 1)), 2),
                borderWidth=2,
                shapeProperties={"borderDashes": [4, 3]},
                kg_label=label,
                kg_group=True,
            )
            links: dict = {}
            for m in members:
                for nb in P[m]:
                    if nb in kept_set:
                        links[nb] = links.get(nb, 0) + 1
            for nb in sorted(links, key=str):
                net.add_edge(gid, str(nb), title=t["group_links"].format(n=links[nb]), dashes=True,
                             arrows={"to": {"enabled": False}}, width=1 + min(4, math.log2(links[nb])))
    net.options = _options(physics, len(net.nodes), font_size)
    if not physics:
        _place(net)
    return net


BROWSER_LAYOUT_MAX = 300  # more nodes than this: the layout is computed here, not in the browser
_EDGE_PX = 120  # a typical edge's length on the canvas


def _place(net: Network) -> None:
    """Give every node of ``net`` its ``x``/``y`` from igraph's Fruchterman-Reingold layout
    (C, seeded: the same map keeps its shape), so that the browser draws it at once instead of
    running its force layout over thousands of nodes (2,000 nodes: seconds of a blocked tab)."""
    import igraph as ig
    import numpy as np

    index = {n["id"]: i for i, n in enumerate(net.nodes)}
    edges = sorted({(min(index[e["from"]], index[e["to"]]), max(index[e["from"]], index[e["to"]]))
                    for e in net.edges if e["from"] != e["to"]})
    g = ig.Graph(n=len(index), edges=edges)
    start = np.random.default_rng(42).uniform(-1, 1, (len(index), 2)).tolist()
    niter = max(100, min(300, 300_000 // max(len(index), 1)))  # 2,000 nodes: 150 rounds, ~1 s
    ig.set_random_number_generator(random.Random(42))  # the layout draws numbers too
    try:
        xy = np.array(g.layout_fruchterman_reingold(niter=niter, seed=start, grid="auto").coords).reshape(-1, 2)
    finally:
        ig.set_random_number_generator(random)  # igraph's default: Python's random module
    if len(edges):
        lengths = np.linalg.norm(xy[[a for a, _ in edges]] - xy[[b for _, b in edges]], axis=1)
        xy = xy * (_EDGE_PX / max(float(np.median(lengths)), 1e-9))
    for n, (x, y) in zip(net.nodes, xy - xy.mean(axis=0)):
        n["x"], n["y"] = round(float(x), 1), round(float(y), 1)


def _offline(page: str, *, title: str, body_top: str, lang: str) -> str:
    """Make pyvis's page self-contained and add our title, notice, legend and markers."""
    page = _COMMENT.sub("", page)
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    if page.count("<body>") != 1 or page.count("<head>") != 1:
        raise RuntimeError("unexpected pyvis page layout: cannot place the legend")
    page = page.replace('<meta charset="utf-8">', "", 1)
    page = page.replace("<body>", '<body class="kg-map">\n<!--kg:header-->\n' + body_top, 1)
    page = page.replace("</body>", "<!--kg:footer-->\n</body>", 1)
    js, css = _vis_assets()
    head = (
        '<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_html.escape(title)}</title>\n"
        f"<style>{css}</style>\n<style>{_CSS}</style>\n<script>{js}</script>\n"
    )
    # inserted last and with str.replace, so the JS is never searched or regex-interpreted
    page = page.replace("<head>", "<head>\n" + head, 1)
    html_lang = "zh-CN" if lang == "zh" else "en"
    page = re.sub(r"^\s*<html>", lambda _m: f'<!DOCTYPE html>\n<html lang="{html_lang}">', page, count=1)
    leftovers = remote_resources(page)
    if leftovers:
        raise RuntimeError(f"remote resources left in the map page: {leftovers}")
    return page


def _check_map_args(size_by, node_cap, height, lang) -> None:
    """Refuse render_map arguments it cannot draw, naming the bad value."""
    _check_lang(lang)
    if size_by not in (None, "degree", "betweenness"):
        raise ValueError(f"size_by must be None, 'degree' or 'betweenness', not {size_by!r}")
    if node_cap < 1:
        raise ValueError(f"node_cap must be at least 1, not {node_cap}")
    if not _CSS_LENGTH.match(str(height)):
        raise ValueError(f"height must be a CSS length such as '700px' or '80vh', not {height!r}")


def _page_top(title, notice, legend: str) -> str:
    """The title, the reduction notice and the one legend, above the canvas."""
    top = ""
    if title:
        top += f'<!--kg:title--><div class="kg-title">{_html.escape(title)}</div><!--/kg:title-->\n'
    if notice:
        top += f'<div class="kg-notice" role="status">{_html.escape(notice)}</div>\n'
    return top + legend + "\n"


def render_map(
    G,
    *,
    title=None,
    height="700px",
    size_by=None,
    node_cap=None,
    highlight=(),
    physics=None,
    lang="zh",
    communities=None,
    ring=None,
    font_size=14,
    min_label_px=11,
) -> MapResult:
    """Render ``G`` as an interactive vis-network map that works offline.

    Parameters
    ----------
    G : networkx graph
        The exported graph (or a subgraph of it, e.g. a neighbourhood or a path).
    title : str, optional (default = None)
        Shown above the map and as the page title.
    height : str, optional (default = "700px")
        CSS height of the canvas.
    size_by : {None, "degree", "betweenness"}, optional (default = None)
        Scale node sizes by degree or by betweenness (:func:`graph.analytics.betweenness_centrality`
        on the whole of ``G``); ``None`` draws all nodes alike.
    node_cap : int, optional (default = None: the ``KG_MAP_NODE_CAP`` setting)
        Most nodes drawn individually.  Above it the map keeps the highlighted nodes plus the
        highest-degree nodes (``node_cap`` in all) and collapses every other node into one
        dashed "+N 个<type>" group node per label, linked to the kept nodes its members touch;
        ``notice`` then says so.
    highlight : iterable of node keys, optional (default = ())
        Nodes drawn with a bold dark border (edges between two of them are bold too) — for paths.
    physics : bool, optional (default = None: True up to :data:`BROWSER_LAYOUT_MAX` nodes drawn)
        Let vis-network's force layout run in the browser; False computes the layout here
        (igraph, seeded) and draws the nodes where it put them, which a map of thousands of
        nodes needs to paint at once and stay responsive.
    lang : {"zh", "en"}, optional (default = "zh")
        Language of type names, tooltips, edge labels, legend and notice.
    communities : mapping of node key to int, optional (default = None: colour by type)
        Colour by community instead (``graph.precompute``'s ``community_of``): the first
        :data:`COMMUNITY_COLOURS` communities each in their own colour, the others in one grey,
        nodes outside every community (hub types) white; shapes still tell the type.
    ring : (networkx graph, dict), optional (default = None)
        :func:`queries.subgraph.read_ring` of the drawn nodes: their hidden neighbours, embedded
        so that a double-click on a node adds them around it (offline, like Bloom's expand).
    font_size : int, optional (default = 14)
        Label size in canvas units.
    min_label_px : int, optional (default = 11)
        Labels never shrink below this many screen pixels when the map is zoomed out (0: off).

    Returns
    -------
    MapResult
        ``html`` (a complete page with legend), ``shown_nodes`` (group nodes included),
        ``total_nodes``, ``reduced``, ``notice``, ``labels`` present, ``groups``.

    Raises
    ------
    ValueError
        For an unknown ``size_by`` or ``lang``, ``node_cap`` < 1, or a ``height`` that is not a
        CSS length.
    """
    if node_cap is None:
        node_cap = int(config.setting("KG_MAP_NODE_CAP"))
    _check_map_args(size_by, node_cap, height, lang)
    highlight = [h for h in highlight if h in G]
    kept, groups, reduced, notice, physics = _drawn(G, node_cap, highlight, physics, lang)
    net = _build_network(G, kept, groups, height=height, size_by=size_by, highlight=highlight,
                         physics=physics, lang=lang, communities=communities, font_size=font_size)
    labels = tuple(lab for lab, *_ in legend_items({_label(G, n) for n in G}, lang))
    top = _page_top(title, notice, _legend_html(labels, lang, communities, G))
    page = _offline(net.generate_html(), title=title or "三名联动创新图谱", body_top=top, lang=lang)
    rings = _ring_json(G, kept, None if reduced else ring, lang, communities)
    page = page.replace("<!--kg:footer-->", _details_html(G, kept, lang, rings, min_label_px, font_size, highlight)
                        + "<!--kg:footer-->", 1)
    return MapResult(html=page, shown_nodes=len(net.nodes), total_nodes=G.number_of_nodes(), reduced=reduced,
                     notice=notice, labels=labels, groups=len(groups), lang=lang)


def _drawn(G, node_cap, highlight, physics, lang):
    """What render_map draws: the kept nodes, the group nodes of the rest, whether it reduced
    (and its notice), and whether the browser lays it out (small maps) or we do."""
    kept, groups, reduced = _select(G, node_cap, highlight)
    notice = map_text(lang)["notice"].format(cap=len(kept), total=G.number_of_nodes()) if reduced else None
    if physics is None:
        physics = len(kept) + len(groups) <= BROWSER_LAYOUT_MAX
    return kept, groups, reduced, notice, physics


def standalone_page(map_result: MapResult, *, title, subtitle=None, lang="zh", generated=None) -> str:
    """A complete offline HTML page for presenters: title, subtitle, notice, legend, map, footer.

    Parameters
    ----------
    map_result : MapResult
        From :func:`render_map`.
    title : str
        Page heading and ``<title>``.
    subtitle : str, optional (default = None)
        A line under the heading.
    lang : {"zh", "en"}, optional (default = "zh")
        Language of the footer.
    generated : datetime.date, optional (default = today)
        Date printed in the footer.

    Returns
    -------
    str
        The page; like ``map_result.html`` it loads nothing from the network.
    """
    _check_lang(lang)
    t = map_text(lang)
    day = (generated or _dt.date.today()).isoformat()
    page = map_result.html
    page = re.sub(r"<!--kg:title-->.*?<!--/kg:title-->\n?", "", page, count=1, flags=re.DOTALL)
    page = re.sub(r"<title>.*?</title>", lambda _m: f"<title>{_html.escape(title)}</title>", page, count=1,
                  flags=re.DOTALL)
    header = f"<header><h1>{_html.escape(title)}</h1>"
    if subtitle:
        header += f"<p>{_html.escape(subtitle)}</p>"
    header += "</header>"
    footer = (
        f"<footer>{t['generated']}: {day} · {_html.escape(t['data_source'])} "
        f"· {t['shown'].format(shown=map_result.shown_nodes, total=map_result.total_nodes)}</footer>"
    )
    page = page.replace("<!--kg:header-->", header, 1).replace("<!--kg:footer-->", footer, 1)
    page = page.replace("KG_LINK = true,", "KG_LINK = false,", 1)  # offline: no app to open
    return page.replace('<body class="kg-map">', '<body class="kg-map kg-page">', 1)


_DECK = """<!DOCTYPE html>
<html lang="%(lang)s"><head><meta charset="utf-8"><title>%(title)s</title>
<style>
html, body { margin: 0; height: 100%%; font-family: "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
nav { position: fixed; bottom: 10px; right: 14px; z-index: 5; background: #fff; border: 1px solid #bbb;
  border-radius: 6px; padding: 4px 8px; font-size: 15px; }
nav button { font-size: 18px; border: 0; background: none; cursor: pointer; padding: 0 8px; }
iframe.kg-slide { border: 0; width: 100%%; height: 100vh; display: none; }
iframe.kg-slide.on { display: block; }
</style></head><body>
%(frames)s
<nav><button id="kg-prev" title="%(prev)s">◀</button><span id="kg-at"></span><button id="kg-next" title="%(next)s">▶</button></nav>
<script>
(function () {
  var slides = document.querySelectorAll("iframe.kg-slide"), at = 0;
  function go(i) {
    at = Math.max(0, Math.min(slides.length - 1, i));
    slides.forEach(function (s, j) { s.classList.toggle("on", j === at); });
    document.getElementById("kg-at").textContent = (at + 1) + " / " + slides.length;
    if (location.hash !== "#" + (at + 1)) { history.replaceState(null, "", "#" + (at + 1)); }
  }
  document.getElementById("kg-prev").onclick = function () { go(at - 1); };
  document.getElementById("kg-next").onclick = function () { go(at + 1); };
  document.addEventListener("keydown", function (e) {
    if (e.key === "ArrowRight" || e.key === "PageDown") { go(at + 1); }
    if (e.key === "ArrowLeft" || e.key === "PageUp") { go(at - 1); }
  });
  window.addEventListener("hashchange", function () { go((parseInt(location.hash.slice(1), 10) || 1) - 1); });
  go((parseInt(location.hash.slice(1), 10) || 1) - 1);
})();
</script>
</body></html>
"""


def slide_deck(slides, *, title, lang="zh", generated=None) -> str:
    """The presenter's slides as one offline HTML file: each slide a :func:`standalone_page` in
    its own frame (``srcdoc``, so nothing is fetched), shown one at a time with previous/next
    buttons, the arrow keys, and a deep link per slide (``#2`` opens the second).

    Parameters
    ----------
    slides : iterable of (title, subtitle, MapResult)
    title : str
        The file's ``<title>``.
    """
    _check_lang(lang)
    frames = []
    for i, (head, sub, mr) in enumerate(slides):
        page = standalone_page(mr, title=head, subtitle=sub, lang=lang, generated=generated)
        frames.append(f'<iframe class="kg-slide" id="slide-{i + 1}" title="{_html.escape(head)}" '
                      f'srcdoc="{_html.escape(page, quote=True)}"></iframe>')
    t = map_text(lang)
    deck = _DECK % {"lang": "zh-CN" if lang == "zh" else "en", "title": _html.escape(title), "frames": "\n".join(frames),
                    "prev": _html.escape(t["prev"]), "next": _html.escape(t["next"])}
    leftovers = remote_resources(deck)
    if leftovers:
        raise RuntimeError(f"remote resources left in the slide deck: {leftovers}")
    return deck
