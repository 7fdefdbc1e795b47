"""Export the graph to GraphML, GEXF, node-link JSON or CSV, optionally without personal data.

The input is the graph a store exports (a ``networkx.MultiDiGraph``, node key
``"<label>:<id>"``, edge key = relationship type).  The input graph is never modified.

Format notes
------------
graphml
    Attribute names are kept exactly as in the model (``label`` = node type, ``id``, ``name``,
    edge ``type`` …), so ``nx.read_graphml`` gives back the same nodes, edges and attributes
    (lists come back as ``|``-joined strings).  yEd and Gephi read it; in Gephi pick ``name`` as
    the label column.
gexf
    Tuned for Gephi: GEXF reserves ``id``/``label`` on nodes and ``label``/``type`` on edges, so
    the node id is the node key, the node label is ``name``, the node type moves to
    ``kg_label`` and the model ``id`` to ``kg_id``; the edge label is the relationship type
    (also kept as ``kg_type``).
json
    Node-link JSON (``nx.node_link_data(G, edges="edges", ...)``).  The node key is stored under
    ``"key"`` and edge endpoints under ``"from"``/``"to"``, because the default names ``id`` and
    ``source`` are model properties (a node's id, a fact's provenance) and would be overwritten.
    Read back with :func:`read_json`.
csv
    ``nodes.csv`` (``key, label, id, name, …``) and ``edges.csv`` (``from, to, type, …``),
    UTF-8 with a byte-order mark so that Excel shows Chinese correctly, lists ``|``-joined;
    written into a directory, or into a zip when the target ends in ``.zip`` or is a binary
    buffer.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import zipfile
from pathlib import Path

import networkx as nx

from graph import model

__all__ = [
    "FORMATS",
    "LIST_SEPARATOR",
    "export_graph",
    "without_personal",
    "pseudonymise",
    "read_json",
]

FORMATS = ("graphml", "gexf", "json", "csv")
LIST_SEPARATOR = "|"

_JSON_NAMES = {"edges": "edges", "name": "key", "source": "from", "target": "to", "key": "key"}
# Attribute names the networkx GEXF writer consumes itself (see networkx.readwrite.gexf).
_GEXF_RESERVED_NODE = {"id", "label", "pid", "start", "end", "viz", "parents", "slices", "spells"}
_GEXF_RESERVED_EDGE = {"id", "label", "weight", "type", "start", "end", "viz", "slices", "spells", "key"}
_CSV_ENCODING = "utf-8-sig"
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed timestamp: the same graph gives the same zip bytes


# --------------------------------------------------------------------------- personal data


def _personal_props(label) -> set[str]:
    try:
        return model.personal_props(label)
    except KeyError:
        return set()


def _label(G, n) -> str:
    return G.nodes[n].get("label") or str(n).partition(":")[0]


def without_personal(G):
    """A copy of ``G`` without the model's personal properties.

    Every node loses ``model.personal_props(label)``; a Person therefore loses ``name``,
    ``name_en``, ``aliases``, ``description``, ``title``, ``email`` and ``phone``, and gets its node key
    (``"Person:<id>"``) as ``name``.  Ids are kept: when a Person id itself identifies the
    person (a name slug), use :func:`pseudonymise` as well.

    Parameters
    ----------
    G : networkx graph

    Returns
    -------
    H : networkx graph
        Same class as ``G``; graph, node and edge attributes are copies.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Person:zhang-san", label="Person", id="zhang-san", name="张三", email="z@example.cn")
    >>> without_personal(G).nodes["Person:zhang-san"]
    {'label': 'Person', 'id': 'zhang-san', 'name': 'Person:zhang-san'}
    """
    H = G.copy()
    for n, d in H.nodes(data=True):
        label = _label(H, n)
        for prop in _personal_props(label):
            d.pop(prop, None)
        if label == "Person":
            d["name"] = str(n)
    return H


def pseudonymise(G, salt):
    """A copy of ``G`` in which every Person is replaced by a stable salted pseudonym.

    The pseudonym is ``"p" + HMAC-SHA256(salt, id)[:16 hex]``: the same (salt, id) always gives
    the same pseudonym, so exports made with one salt can be joined, while without the salt it
    cannot be reversed by hashing a list of names.  Each Person node gets the key
    ``"Person:<pseudonym>"``, ``id`` = the pseudonym, ``name`` = the new key, and loses its
    personal properties (as in :func:`without_personal`).  Edges follow their nodes.

    Parameters
    ----------
    G : networkx graph
    salt : str or bytes
        Secret, non-empty.  Keep it out of the export.

    Returns
    -------
    H : networkx graph
        Same class as ``G``.

    Raises
    ------
    ValueError
        If ``salt`` is empty.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Person:zhang-san", label="Person", id="zhang-san", name="张三")
    >>> G.add_edge("Person:zhang-san", "Firm:a", key="WORKS_AT", type="WORKS_AT")
    'WORKS_AT'
    >>> list(pseudonymise(G, "secret").edges(keys=True))
    [('Person:p7f1b523d079efd5b', 'Firm:a', 'WORKS_AT')]
    """
    if not salt:
        raise ValueError("pseudonymise needs a non-empty salt")
    key = salt.encode("utf-8") if isinstance(salt, str) else bytes(salt)
    mapping = {}
    for n, d in G.nodes(data=True):
        if _label(G, n) != "Person":
            continue
        raw = str(d.get("id", str(n).partition(":")[2]))
        pid = "p" + hmac.new(key, raw.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
        mapping[n] = f"Person:{pid}"
    H = nx.relabel_nodes(G, mapping, copy=True)
    for new in mapping.values():
        d = H.nodes[new]
        for prop in _personal_props("Person"):
            d.pop(prop, None)
        d["id"] = new.partition(":")[2]
        d["name"] = new
    return H


# --------------------------------------------------------------------------- value conversion


def _scalar(value):
    """A GraphML/GEXF/CSV-storable form of ``value``; ``None`` for values to drop."""
    if value is None:
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (set, frozenset)):
        value = sorted(value, key=str)
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _scalar_attrs(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        v = _scalar(v)
        if v is not None:
            out[str(k)] = v
    return out


def _unify_types(dicts) -> None:
    """Give every attribute name one type across ``dicts`` (in place).

    GraphML and GEXF declare one type per attribute name; mixed ints and floats become floats,
    any other mix becomes strings.
    """
    dicts = list(dicts)
    seen: dict = {}
    for d in dicts:
        for k, v in d.items():
            seen.setdefault(k, set()).add(type(v))
    for k, types in seen.items():
        if len(types) <= 1:
            continue
        to = float if types <= {int, float} else str
        for d in dicts:
            if k in d:
                d[k] = to(d[k])


def _scalar_graph(G):
    """Copy of ``G`` with list values joined, None dropped and one type per attribute name."""
    H = G.__class__()
    H.graph.update(_scalar_attrs(G.graph))
    H.add_nodes_from((n, _scalar_attrs(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, _scalar_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, _scalar_attrs(d)) for u, v, d in G.edges(data=True))
    _unify_types(d for _, d in H.nodes(data=True))
    _unify_types(d for *_, d in H.edges(data=True))
    return H


# vis-network shapes (the model's) as the GEXF viz:shape values Gephi knows
_GEXF_SHAPES = {"diamond": "diamond", "square": "square", "box": "square", "triangle": "triangle",
                "triangleDown": "triangle"}


def gexf_viz(label: str) -> dict:
    """The ``viz`` of a node of type ``label`` in GEXF: the model's colour and shape and the
    map's node size, so that Gephi draws the export as the app draws the map.

    Examples
    --------
    >>> gexf_viz("Park")["color"] == {"r": 78, "g": 121, "b": 167, "a": 1.0}
    True
    """
    from graph.maps import BASE_NODE_SIZE

    nt = model.node_type(label) if label in model.labels() else model.NodeType("?", "", "", "")
    rgb = nt.color.lstrip("#")
    color = {"r": int(rgb[0:2], 16), "g": int(rgb[2:4], 16), "b": int(rgb[4:6], 16), "a": 1.0}
    return {"color": color, "size": BASE_NODE_SIZE, "shape": _GEXF_SHAPES.get(nt.shape, "disc")}


def _gexf_graph(G):
    """Copy of ``G`` with the attribute names the GEXF writer reserves moved out of the way."""
    S = _scalar_graph(G)
    H = S.__class__()
    H.graph.update(S.graph)
    for n, d in S.nodes(data=True):
        attrs = {("kg_" + k if k in _GEXF_RESERVED_NODE else k): v for k, v in d.items()}
        attrs["id"] = str(n)
        attrs["label"] = str(d.get("name", n))
        attrs["viz"] = gexf_viz(_label(G, n))
        H.add_node(n, **attrs)
    edges = S.edges(keys=True, data=True) if S.is_multigraph() else ((u, v, None, d) for u, v, d in S.edges(data=True))
    for u, v, k, d in edges:
        attrs = {("kg_" + a if a in _GEXF_RESERVED_EDGE else a): val for a, val in d.items()}
        rel = d.get("type", k)
        if rel is not None:
            attrs["label"] = str(rel)
        if S.is_multigraph():
            H.add_edge(u, v, key=k, **attrs)
        else:
            H.add_edge(u, v, **attrs)
    _unify_types({k: v for k, v in d.items() if k != "viz"} for _, d in H.nodes(data=True))
    _unify_types(d for *_, d in H.edges(data=True))
    return H


# --------------------------------------------------------------------------- writing


def _is_buffer(target) -> bool:
    return hasattr(target, "write") and not isinstance(target, (str, os.PathLike))


def _write_text(target, text: str) -> None:
    if _is_buffer(target):
        if isinstance(target, io.TextIOBase):
            target.write(text)
        else:
            target.write(text.encode("utf-8"))
    else:
        Path(target).write_text(text, encoding="utf-8")


def _csv_text(header, rows) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for r in rows:
        writer.writerow(["" if r.get(c) is None else r.get(c) for c in header])
    return buf.getvalue()


def _csv_tables(G) -> dict[str, str]:
    nodes = []
    for n, d in G.nodes(data=True):
        row = _scalar_attrs(d)
        row["key"] = str(n)
        nodes.append(row)
    first = ["key", "label", "id", "name", "source", "confidence"]
    node_cols = first + sorted({c for r in nodes for c in r} - set(first))
    edges = []
    items = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in items:
        row = _scalar_attrs(d)
        row["from"], row["to"] = str(u), str(v)
        row.setdefault("type", k)
        edges.append(row)
    first_e = ["from", "to", "type", "source", "confidence"]
    edge_cols = first_e + sorted({c for r in edges for c in r} - set(first_e))
    return {"nodes.csv": _csv_text(node_cols, nodes), "edges.csv": _csv_text(edge_cols, edges)}


def _write_csv(G, target) -> None:
    tables = _csv_tables(G)
    as_zip = _is_buffer(target) or str(target).lower().endswith(".zip")
    if as_zip:
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in tables.items():
                info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text.encode(_CSV_ENCODING))
    else:
        directory = Path(target)
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            (directory / name).write_bytes(text.encode(_CSV_ENCODING))


# GraphML and GEXF: how to make the graph fit the format, and networkx's text generator
# (for text buffers) and writer (for paths and binary buffers).
_XML_FORMATS = {
    "graphml": (_scalar_graph, nx.generate_graphml, nx.write_graphml),
    "gexf": (_gexf_graph, nx.generate_gexf, nx.write_gexf),
}


def export_graph(G, path_or_buffer, fmt, *, drop_personal=False) -> None:
    """Write ``G`` to ``path_or_buffer`` in format ``fmt``.

    Parameters
    ----------
    G : networkx graph
        The exported graph; it is not modified.
    path_or_buffer : str, os.PathLike or file object
        A file path, or an open file (binary or text) for graphml/gexf/json.  For csv: a
        directory (created if needed) that receives ``nodes.csv`` and ``edges.csv``, or a path
        ending in ``.zip`` or a binary buffer, which receives a zip holding both files.
    fmt : {"graphml", "gexf", "json", "csv"}
        Output format (case-insensitive); see the module docstring for how each stores the model.
    drop_personal : bool, optional (default = False)
        Remove personal properties first (:func:`without_personal`).

    Raises
    ------
    ValueError
        For an unknown ``fmt``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("Firm:a", label="Firm", id="a", name="甲", aliases=["A", "甲公司"])
    >>> buf = io.BytesIO()
    >>> export_graph(G, buf, "graphml")
    >>> nx.read_graphml(io.BytesIO(buf.getvalue())).nodes["Firm:a"]["aliases"]
    'A|甲公司'
    """
    fmt = str(fmt).lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    H = without_personal(G) if drop_personal else G
    if fmt in _XML_FORMATS:
        convert, generate, write = _XML_FORMATS[fmt]
        S = convert(H)
        if _is_buffer(path_or_buffer) and isinstance(path_or_buffer, io.TextIOBase):
            path_or_buffer.write("\n".join(generate(S)))
        else:
            write(S, path_or_buffer, encoding="utf-8")
    elif fmt == "json":
        data = nx.node_link_data(H, **_JSON_NAMES)
        _write_text(path_or_buffer, json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        _write_csv(H, path_or_buffer)


def read_json(path_or_buffer):
    """Read a graph written by ``export_graph(..., "json")`` (node-link JSON with our names).

    Parameters
    ----------
    path_or_buffer : str, path or file-like
        A file name, or an open binary or text buffer.

    Returns
    -------
    G : networkx.MultiDiGraph
        The graph as it was written: node keys ``Label:id``, edge key the relationship type.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("Firm:a", "Park:p", key="LOCATED_IN", type="LOCATED_IN")
    'LOCATED_IN'
    >>> buf = io.BytesIO()
    >>> export_graph(G, buf, "json")
    >>> list(read_json(io.BytesIO(buf.getvalue())).edges(keys=True))
    [('Firm:a', 'Park:p', 'LOCATED_IN')]
    """
    if _is_buffer(path_or_buffer):
        raw = path_or_buffer.read()
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    else:
        text = Path(path_or_buffer).read_text(encoding="utf-8")
    return nx.node_link_graph(json.loads(text), **_JSON_NAMES)
