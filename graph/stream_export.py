"""Whole-store exports written as they are read: GraphML, GEXF and CSV at 100k nodes / 1M
relationships in seconds.

Each label's nodes and each relationship pattern's edges are read as columns
(:func:`graph.projection.read_columns`: Arrow on LadybugDB, one record of lists on Neo4j) and
written straight to the file, so no networkx graph of the whole store is ever built.  The
files say what :func:`graph.export.export_graph` writes for ``store.export()`` (same nodes,
edges and attribute values when read back; ``tests/test_stream_export.py`` compares them);
attribute types come from the model instead of from the values seen.  The GEXF carries each
node type's colour and shape and the map's node size (``viz:`` elements), so Gephi opens it
looking like the app's map.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from graph import model
from graph.export import _GEXF_RESERVED_EDGE, _GEXF_RESERVED_NODE, _is_buffer, _scalar, gexf_viz
from graph.projection import read_columns

__all__ = ["STREAM_FORMATS", "export_store"]

STREAM_FORMATS = ("graphml", "gexf")
_XML_TYPES = {"graphml": {"INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean"},
              "gexf": {"INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean"}}


def _node_columns(label: str, drop_personal: bool) -> list[str]:
    skip = model.personal_props(label) if drop_personal else set()
    return [p.name for p in model.node_props(label) if p.name not in skip]


def _attr_types(domain: str, fmt: str, drop_personal: bool) -> dict[str, str]:
    """Attribute name -> XML type over every label (or relationship type) that has it; a name
    with two model types is a string (mixed INT64/DOUBLE: double), as export_graph unifies."""
    seen: dict[str, set[str]] = {}
    if domain == "node":
        seen["label"] = {"STRING"}
        for label in model.labels():
            keep = set(_node_columns(label, drop_personal))
            for p in model.node_props(label):
                if p.name in keep:
                    seen.setdefault(p.name, set()).add(p.type)
    else:
        seen["type"] = {"STRING"}
        for rt in model.REL_TYPES:
            for p in model.rel_props(rt.type):
                seen.setdefault(p.name, set()).add(p.type)
    xml = _XML_TYPES[fmt]
    out = {}
    for name, types in seen.items():
        if len(types) == 1:
            out[name] = xml.get(next(iter(types)), "string")
        else:
            out[name] = "double" if types <= {"INT64", "DOUBLE"} else "string"
    return out


_ATTR_ESCAPES = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _text(value, xml_type: str) -> str | None:
    """The value as export_graph writes it (lists joined), escaped for an element or an
    attribute; None leaves it out."""
    value = _scalar(value)
    if value is None:
        return None
    if xml_type == "boolean":
        return "true" if value else "false"
    if xml_type == "double":
        return repr(float(value))
    return escape(str(value), _ATTR_ESCAPES)


def _nodes(store, drop_personal: bool):
    """``(label, key, {column: value})`` for every node, label by label in model order."""
    for label in model.labels():
        cols = _node_columns(label, drop_personal)
        c = read_columns(store, f"MATCH (n:{label})", {p: f"n.{p}" for p in cols})
        for values in zip(*(c[p] for p in cols)):
            row = dict(zip(cols, values))
            if drop_personal and label == "Person":
                row["name"] = f"Person:{row['id']}"
            yield label, f"{label}:{row['id']}", row


def _edges(store):
    """``(type, from key, to key, {property: value})`` for every relationship."""
    for rt in model.REL_TYPES:
        props = [p.name for p in model.rel_props(rt.type)]
        for fl, tl in rt.pairs:
            exprs = {"_a": "a.id", "_b": "b.id", **{p: f"e.{p}" for p in props}}
            c = read_columns(store, f"MATCH (a:{fl})-[e:{rt.type}]->(b:{tl})", exprs)
            for values in zip(*(c[k] for k in exprs)):
                row = dict(zip(exprs, values))
                yield rt.type, f"{fl}:{row.pop('_a')}", f"{tl}:{row.pop('_b')}", row


def _graphml(store, out, drop_personal: bool) -> tuple[int, int]:
    ntypes, etypes = _attr_types("node", "graphml", drop_personal), _attr_types("edge", "graphml", drop_personal)
    nkey = {a: f"n{i}" for i, a in enumerate(ntypes)}
    ekey = {a: f"e{i}" for i, a in enumerate(etypes)}
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
              'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
              '"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    for domain, types, ids in (("node", ntypes, nkey), ("edge", etypes, ekey)):
        for a, t in types.items():
            out.write(f'  <key id="{ids[a]}" for="{domain}" attr.name={quoteattr(a)} attr.type="{t}" />\n')
    out.write('  <graph edgedefault="directed">\n')
    n = m = 0
    for label, key, row in _nodes(store, drop_personal):
        data = [(nkey["label"], escape(label))] + [(nkey[a], _text(v, ntypes[a])) for a, v in row.items()]
        body = "".join(f'<data key="{k}">{t}</data>' for k, t in data if t is not None)
        out.write(f"    <node id={quoteattr(key)}>{body}</node>\n")
        n += 1
    for type_, a, b, row in _edges(store):
        data = [(ekey["type"], type_)] + [(ekey[p], _text(v, etypes[p])) for p, v in row.items()]
        body = "".join(f'<data key="{k}">{t}</data>' for k, t in data if t is not None)
        out.write(f'    <edge source={quoteattr(a)} target={quoteattr(b)} id="{type_}">{body}</edge>\n')
        m += 1
    out.write("  </graph>\n</graphml>\n")
    return n, m


def _gexf_attr_name(name: str, reserved: set[str]) -> str:
    return "kg_" + name if name in reserved else name


def _gexf_viz(label: str) -> str:
    viz = gexf_viz(label)
    c = viz["color"]
    return (f'<viz:color r="{c["r"]}" g="{c["g"]}" b="{c["b"]}" a="{c["a"]}" />'
            f'<viz:size value="{viz["size"]}" /><viz:shape value="{viz["shape"]}" />')


def _gexf(store, out, drop_personal: bool) -> tuple[int, int]:
    ntypes = {_gexf_attr_name(a, _GEXF_RESERVED_NODE): t
              for a, t in _attr_types("node", "gexf", drop_personal).items()}
    etypes = {_gexf_attr_name(a, _GEXF_RESERVED_EDGE): t
              for a, t in _attr_types("edge", "gexf", drop_personal).items()}
    nid = {a: str(i) for i, a in enumerate(ntypes)}
    eid = {a: str(i) for i, a in enumerate(etypes)}
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" '
              'xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">\n'
              '  <graph defaultedgetype="directed" mode="static" name="">\n')
    for domain, types, ids in (("node", ntypes, nid), ("edge", etypes, eid)):
        out.write(f'    <attributes mode="static" class="{domain}">\n')
        for a, t in types.items():
            out.write(f'      <attribute id="{ids[a]}" title={quoteattr(a)} type="{t}" />\n')
        out.write("    </attributes>\n")
    out.write("    <nodes>\n")
    n = m = 0
    viz = {label: _gexf_viz(label) for label in model.labels()}
    for label, key, row in _nodes(store, drop_personal):
        row = {_gexf_attr_name(a, _GEXF_RESERVED_NODE): v for a, v in row.items()}
        name = row.get("name")
        values = [(nid["kg_label"], escape(label))] + [(nid[a], _text(v, ntypes[a])) for a, v in row.items()]
        att = "".join(f'<attvalue for="{i}" value="{t}" />' for i, t in values if t is not None)
        lab = quoteattr(str(_scalar(name) if name is not None else key))
        out.write(f"      <node id={quoteattr(key)} label={lab}><attvalues>{att}</attvalues>{viz[label]}</node>\n")
        n += 1
    out.write("    </nodes>\n    <edges>\n")
    for type_, a, b, row in _edges(store):
        row = {_gexf_attr_name(p, _GEXF_RESERVED_EDGE): v for p, v in row.items()}
        values = [(eid["kg_type"], type_)] + [(eid[p], _text(v, etypes[p])) for p, v in row.items()]
        att = "".join(f'<attvalue for="{i}" value="{t}" />' for i, t in values if t is not None)
        out.write(f'      <edge id="{m}" source={quoteattr(a)} target={quoteattr(b)} label="{type_}">'
                  f"<attvalues>{att}</attvalues></edge>\n")
        m += 1
    out.write("    </edges>\n  </graph>\n</gexf>\n")
    return n, m


_WRITERS = {"graphml": _graphml, "gexf": _gexf}


def export_store(store, path_or_buffer, fmt, *, drop_personal=False) -> tuple[int, int]:
    """Write every node and relationship of ``store`` to ``path_or_buffer`` as it reads them.

    Parameters
    ----------
    store : GraphStore
        Either store; its reads keep the configured time limit.
    path_or_buffer : str, os.PathLike or file object
        A file path, or an open text or binary file.
    fmt : {"graphml", "gexf"}
        Output format (case-insensitive); JSON and CSV go through :func:`graph.export.export_graph`.
    drop_personal : bool, optional (default = False)
        Leave out the model's personal properties (a Person is then named by its key), as
        :func:`graph.export.without_personal` does.

    Returns
    -------
    (nodes, relationships) : tuple of int
        How many of each were written.

    Raises
    ------
    ValueError
        For a format that does not stream.

    Examples
    --------
    >>> import os, tempfile
    >>> from graph.store import open_store
    >>> store = open_store("embedded", path=os.path.join(tempfile.mkdtemp(), "db"))
    >>> store.apply_schema()
    >>> buf = io.StringIO()
    >>> export_store(store, buf, "gexf")
    (0, 0)
    >>> "<nodes>" in buf.getvalue()
    True
    """
    fmt = str(fmt).lower()
    if fmt not in _WRITERS:
        raise ValueError(f"{fmt!r} does not stream; use one of {', '.join(STREAM_FORMATS)}")
    write = _WRITERS[fmt]
    if _is_buffer(path_or_buffer):
        if isinstance(path_or_buffer, io.TextIOBase):
            return write(store, path_or_buffer, drop_personal)
        text = io.TextIOWrapper(path_or_buffer, encoding="utf-8", newline="\n", write_through=True)
        try:
            return write(store, text, drop_personal)
        finally:
            text.detach()
    with open(Path(path_or_buffer), "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        return write(store, out, drop_personal)
