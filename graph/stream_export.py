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

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graph import model
from graph.export import LIST_SEPARATOR, _GEXF_RESERVED_EDGE, _GEXF_RESERVED_NODE, _is_buffer, _scalar, gexf_viz
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


def _node_columns_of(store, drop_personal: bool):
    """``(label, {column: values})`` for every label with nodes, in model order."""
    for label in model.labels():
        cols = _node_columns(label, drop_personal)
        c = read_columns(store, f"MATCH (n:{label})", {p: f"n.{p}" for p in cols}, arrow=True)
        if not len(c["id"]):
            continue
        if drop_personal and label == "Person":
            c["name"] = pc.binary_join_element_wise("Person:", pa.array(c["id"]).cast(pa.string()), "")
        yield label, c


def _edge_columns(store):
    """``(type, from label, to label, {column: values})`` for every relationship pattern:
    ``_a``/``_b`` are the end ids, then the type's properties."""
    for rt in model.REL_TYPES:
        props = [p.name for p in model.rel_props(rt.type)]
        for fl, tl in rt.pairs:
            exprs = {"_a": "a.id", "_b": "b.id", **{p: f"e.{p}" for p in props}}
            c = read_columns(store, f"MATCH (a:{fl})-[e:{rt.type}]->(b:{tl})", exprs, arrow=True)
            if len(c["_a"]):
                yield rt.type, fl, tl, c


_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")) + tuple(_ATTR_ESCAPES.items())
_ESCAPE_BYTES = np.zeros(256, bool)
_ESCAPE_BYTES[[ord(a) for a, _ in _ESCAPES]] = True  # all ASCII: no UTF-8 sequence holds these bytes


def _present(strings: pa.Array) -> set[str]:
    """Which of the characters to escape occur in ``strings`` (a string array): one look-up per
    byte of its data buffer, much cheaper than a search per character and string."""
    data = strings.buffers()[2]
    if data is None or not len(strings):
        return set()
    width = np.int64 if pa.types.is_large_string(strings.type) else np.int32
    offsets = np.frombuffer(strings.buffers()[1], width, count=len(strings) + 1,
                            offset=np.dtype(width).itemsize * strings.offset)
    raw = np.frombuffer(data, np.uint8)[offsets[0]:offsets[-1]]
    return {chr(b) for b in np.unique(raw[_ESCAPE_BYTES[raw]])}  # a null's bytes (if any) cost a replace only


def _texts(values, xml_type: str) -> pa.Array:
    """:func:`_text` of a whole column (a list or a pyarrow array) at once (Arrow kernels: the
    1M-relationship files are written in seconds); null where _text gives None."""
    arr = values if isinstance(values, pa.Array) else pa.array(values)
    t = arr.type
    if xml_type == "string" and pa.types.is_list(t) and pa.types.is_string(t.value_type):
        arr, t = pc.binary_join(arr, LIST_SEPARATOR), pa.string()  # as export_graph joins lists
    if pa.types.is_null(t) or (xml_type == "string" and pa.types.is_string(t)):
        out = arr.cast(pa.string())
        present = _present(out)
        for a, b in _ESCAPES:  # "&" first; a replace copies every string, so only where needed
            if a in present:
                out = pc.replace_substring(out, a, b)
        return out
    if (xml_type == "boolean" and pa.types.is_boolean(t)) or (
            xml_type in ("long", "double") and (pa.types.is_integer(t) or pa.types.is_floating(t))):
        return arr.cast(pa.string())  # "true"/"false"; numbers read back as the declared type
    return pa.array([_text(v, xml_type) for v in arr.to_pylist()], pa.string())


def _elements(open_tag: str, texts: pa.Array, close_tag: str) -> list:
    """The parts of ``open_tag + text + close_tag`` per row for :func:`_write_lines`, or ""
    where the text is null (left out).  A column without nulls keeps its tags as constants of
    the line's join: one copy of the column less."""
    if texts.null_count == 0:
        return [open_tag, texts, close_tag]
    return [pc.fill_null(pc.binary_join_element_wise(open_tag, texts, close_tag, ""), "")]


_CHUNK = 200_000  # rows joined at once: well inside a string array's 2 GiB of int32 offsets


def _write_lines(out, parts) -> int:
    """Write one line per row: the row's ``parts`` (texts and arrays) joined.  The lines' UTF-8
    bytes are the joined array's data buffer, written as they are."""
    n = max(len(p) for p in parts if isinstance(p, pa.Array))
    for start in range(0, n, _CHUNK):
        chunk = [p.slice(start, _CHUNK) if isinstance(p, pa.Array) else p for p in parts]
        lines = pc.binary_join_element_wise(*chunk, "\n", "")
        offsets = np.frombuffer(lines.buffers()[1], np.int32, count=len(lines) + 1, offset=4 * lines.offset)
        data = memoryview(lines.buffers()[2])[offsets[0]:offsets[-1]]
        if hasattr(out, "buffer"):
            out.flush()
            out.buffer.write(data)
        else:
            out.write(bytes(data).decode("utf-8"))
    return n


def _key_parts(before: str, label: str, ids) -> list:
    """The parts of ``before + key`` for :func:`_write_lines`: the label (a model name, nothing
    to escape) joins the constant, so the million edge ends are not copied once more."""
    ids = ids if isinstance(ids, pa.Array) else pa.array(ids)
    return [f"{before}{label}:", _texts(ids.cast(pa.string()), "string")]


def _keys(label: str, ids) -> pa.Array:
    return pc.binary_join_element_wise(*_key_parts("", label, ids), "")


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
    for label, c in _node_columns_of(store, drop_personal):
        data = [x for a, v in c.items()
                for x in _elements(f'<data key="{nkey[a]}">', _texts(v, ntypes[a]), "</data>")]
        n += _write_lines(out, ['    <node id="', _keys(label, c["id"]),
                                f'"><data key="{nkey["label"]}">{label}</data>', *data, "</node>"])
    for type_, fl, tl, c in _edge_columns(store):
        data = [x for p, v in c.items() if not p.startswith("_")
                for x in _elements(f'<data key="{ekey[p]}">', _texts(v, etypes[p]), "</data>")]
        m += _write_lines(out, [*_key_parts('    <edge source="', fl, c["_a"]),
                                *_key_parts('" target="', tl, c["_b"]),
                                f'" id="{type_}"><data key="{ekey["type"]}">{type_}</data>', *data, "</edge>"])
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
    for label, c in _node_columns_of(store, drop_personal):
        keys = _keys(label, c["id"])
        att = [x for name, v in ((_gexf_attr_name(a, _GEXF_RESERVED_NODE), v) for a, v in c.items())
               for x in _elements(f'<attvalue for="{nid[name]}" value="', _texts(v, ntypes[name]), '" />')]
        shown = pc.coalesce(_texts(c["name"], "string"), keys)  # Gephi's label: the name, else the key
        n += _write_lines(out, ['      <node id="', keys, '" label="', shown,
                                f'"><attvalues><attvalue for="{nid["kg_label"]}" value="{label}" />', *att,
                                f"</attvalues>{viz[label]}</node>"])
    out.write("    </nodes>\n    <edges>\n")
    for type_, fl, tl, c in _edge_columns(store):
        att = [x for name, v in ((_gexf_attr_name(p, _GEXF_RESERVED_EDGE), v) for p, v in c.items()
                                 if not p.startswith("_"))
               for x in _elements(f'<attvalue for="{eid[name]}" value="', _texts(v, etypes[name]), '" />')]
        ids = pa.array(np.arange(m, m + len(c["_a"]))).cast(pa.string())
        m += _write_lines(out, ['      <edge id="', ids, *_key_parts('" source="', fl, c["_a"]),
                                *_key_parts('" target="', tl, c["_b"]),
                                f'" label="{type_}"><attvalues><attvalue for="{eid["kg_type"]}" value="{type_}" />',
                                *att, "</attvalues></edge>"])
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
