"""The project's packages import each other without cycles.

The import graph is read from the source with ``ast`` (module → the project modules it
imports, at any depth in the file, so a function-level import counts too).  A cycle is a
strongly connected component of more than one module.  ``python tests/test_imports.py``
prints the graph, one line a module, and its cycles.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "ingest", "queries", "ui", "bench")
MODULES = ("app",)  # top-level modules beside the packages


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """Module → module edges between the project's own modules."""
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")] + [ROOT / f"{m}.py" for m in MODULES]
    paths = {_module_name(p): p for p in files}
    g = nx.DiGraph()
    g.add_nodes_from(paths)
    for mod, path in paths.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(up + ([base] if base else []))
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            else:
                continue
            g.add_edges_from((mod, t) for t in targets if t in paths and t != mod)
    return g


def cycles(g: nx.DiGraph) -> set[frozenset[str]]:
    return {frozenset(c) for c in nx.strongly_connected_components(g) if len(c) > 1}


def test_the_import_graph_sees_the_packages_and_their_imports():
    g = import_graph()
    assert g.has_edge("graph.cli", "ingest.cli")  # the CLI is assembled in graph/cli.py
    assert g.has_edge("ingest.loader", "ingest.spreadsheet")


def test_a_cycle_is_found():
    g = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    assert cycles(g) == {frozenset("abc")}


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles: " + "; ".join(" ↔ ".join(sorted(c)) for c in found)


def test_the_layers_import_downwards():
    """The store and the model know nothing of queries, ingest or the UI; queries and ingest
    nothing of the UI; the post-processing steps are found by the library, not registered."""
    g = import_graph()
    below = {"graph.model": ("graph.store", "queries", "ingest", "ui"),
             "graph.store": ("queries", "ingest", "ui"), "queries": ("ui", "app"), "ingest": ("ui", "app")}
    for mod in g:
        for layer, above in below.items():
            if mod == layer or mod.startswith(layer + "."):
                wrong = [t for t in g.successors(mod) if t.split(".")[0] in above or
                         any(t == a or t.startswith(a + ".") for a in above)]
                assert not wrong, f"{mod} imports {wrong}"
    assert not any(g.has_edge("queries.library", m) for m in ("queries.kpi", "queries.paths", "queries.quality"))
    assert not g.has_edge("graph.store.base", "graph.store.bulk")


def test_stores_are_constructed_in_one_place():
    """``graph.store.open_store`` is the one store factory: no other module (examples in its
    docstrings included) constructs a store class itself."""
    files = [p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")] + [ROOT / f"{m}.py" for m in MODULES]
    direct = [str(p.relative_to(ROOT)) for p in files if p.parent != ROOT / "graph" / "store"
              and any(f"{cls}(" in p.read_text(encoding="utf-8") for cls in ("EmbeddedStore", "Neo4jStore"))]
    assert not direct, f"construct stores through graph.store.open_store: {direct}"


def test_the_cli_is_assembled_in_one_direction():
    g = import_graph()
    for command_module in ("ingest.cli", "queries.cli", "bench.cli"):
        if command_module in g:
            assert not g.has_edge(command_module, "graph.cli"), command_module


def main() -> None:
    g = import_graph()
    for mod in sorted(g):
        print(f"{mod} -> {', '.join(sorted(g.successors(mod))) or '(none)'}")
    found = cycles(g)
    print(f"{g.number_of_nodes()} modules, {g.number_of_edges()} imports; cycles: "
          + ("; ".join(" <-> ".join(sorted(c)) for c in found) if found else "none"))


if __name__ == "__main__":
    main()
