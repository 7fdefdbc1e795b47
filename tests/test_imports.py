"""The project's packages import each other without cycles.

The import graph is read from the source with ``ast`` (module → the project modules it
imports, at any depth in the file, so a function-level import counts too).  A cycle is a
strongly connected component of more than one module.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "ingest", "queries", "ui", "bench")

# Cycles not yet removed (#22 item 2).  Remove an entry when its cycle is gone: the test
# then fails if it comes back.  Never add one.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> nx.DiGraph:
    """Module → module edges between the project's own modules."""
    paths = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
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


def test_no_import_cycles_beyond_the_known_ones():
    found = cycles(import_graph())
    new = found - KNOWN_CYCLES
    assert not new, "import cycles: " + "; ".join(" ↔ ".join(sorted(c)) for c in new)
    fixed = KNOWN_CYCLES - found
    assert not fixed, "remove from KNOWN_CYCLES, it is gone: " + "; ".join(" ↔ ".join(sorted(c)) for c in fixed)


def test_the_cli_is_assembled_in_one_direction():
    g = import_graph()
    for command_module in ("ingest.cli", "queries.cli", "bench.cli"):
        if command_module in g:
            assert not g.has_edge(command_module, "graph.cli"), command_module
