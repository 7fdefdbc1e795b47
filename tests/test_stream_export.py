"""The streaming exports say what the networkx exports say, on both stores.

``graph.stream_export.export_store`` writes GraphML and GEXF as it reads the store, without a
networkx graph; ``graph.export.export_graph(store.export(), ...)`` is the reference.  Both
files are read back with networkx and compared node by node and edge by edge.
"""

import io

import networkx as nx
import pytest

from graph.export import export_graph, gexf_viz
from graph.stream_export import export_store


def _edges(G):
    return sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))


def _both(store, fmt, **kw):
    ref, streamed = io.BytesIO(), io.BytesIO()
    export_graph(store.export(), ref, fmt, **kw)
    counts = export_store(store, streamed, fmt, **kw)
    read = (lambda f: nx.read_graphml(f, force_multigraph=True)) if fmt == "graphml" else nx.read_gexf
    return read(io.BytesIO(ref.getvalue())), read(io.BytesIO(streamed.getvalue())), counts


@pytest.mark.parametrize("drop_personal", [False, True])
def test_graphml_streamed_equals_the_networkx_export(bundled_store, drop_personal):
    ref, got, (n, m) = _both(bundled_store, "graphml", drop_personal=drop_personal)
    assert (n, m) == (ref.number_of_nodes(), ref.number_of_edges())
    assert dict(got.nodes(data=True)) == dict(ref.nodes(data=True))
    assert _edges(got) == _edges(ref)


def test_gexf_streamed_equals_the_networkx_export_colours_included(bundled_store):
    ref, got, (n, m) = _both(bundled_store, "gexf")
    assert n == ref.number_of_nodes() == got.number_of_nodes() > 300
    assert dict(got.nodes(data=True)) == dict(ref.nodes(data=True))
    # edge ids are counters in both files; what an edge says is its ends, label and attributes
    strip = lambda G: sorted((u, v, tuple(sorted((k, x) for k, x in d.items() if k != "id")))
                             for u, v, d in G.edges(data=True))
    assert strip(got) == strip(ref) and m == ref.number_of_edges()


def test_gexf_carries_each_type_colour_and_the_map_size(bundled_store):
    buf = io.BytesIO()
    export_store(bundled_store, buf, "gexf")
    park = nx.read_gexf(io.BytesIO(buf.getvalue())).nodes["Park:wujin-hi-tech-zone"]
    assert park["viz"]["color"] == {"r": 78, "g": 121, "b": 167, "a": 1.0}  # the model's #4e79a7
    assert park["viz"]["size"] == gexf_viz("Park")["size"] == 16.0
    # networkx reads viz:shape from an attribute GEXF does not have, so look at the text itself
    line = next(ln for ln in buf.getvalue().decode().splitlines() if 'id="Park:wujin-hi-tech-zone"' in ln)
    assert '<viz:shape value="square" />' in line  # the model's vis shape "square"


def test_json_does_not_stream(bundled_store):
    with pytest.raises(ValueError, match="does not stream"):
        export_store(bundled_store, io.StringIO(), "json")


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_every_character_xml_escapes_reads_back_as_written(tmp_path, fmt):
    """Names, aliases, ids and relationship sources holding &, <, >, ", newline, CR and tab
    (and one value of each column without any) read back unchanged, as in the networkx export."""
    from graph.store import open_store

    odd = 'A&B <c> "d"\ne\r\tf 中文&'
    store = open_store("embedded", path=tmp_path / "db")
    store.apply_schema()
    store.load({"Track": [{"id": "t<1>", "name": odd, "aliases": ["x&y", "z"], "kind": "track",
                           "source": "s&1", "confidence": "stated"},
                          {"id": "t2", "name": "plain", "kind": "track", "source": "s", "confidence": "stated"}]},
               [{"type": "PART_OF", "from_label": "Track", "from_id": "t<1>", "to_label": "Track", "to_id": "t2",
                 "source": 'r"1\n', "confidence": "stated"}])
    ref, got, (n, m) = _both(store, fmt)
    assert (n, m) == (2, 1)
    assert dict(got.nodes(data=True)) == dict(ref.nodes(data=True))
    assert got.nodes["Track:t<1>"]["name"] == odd
    [(_, _, data)] = got.edges(data=True)
    assert data["source"] == 'r"1\n'
    store.close()
