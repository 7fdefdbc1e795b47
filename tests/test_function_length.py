"""No function outside tests/ and bench/ is longer than a screen (issue #22: 80 lines)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("ingest", "graph", "queries", "ui")
MAX_LINES = 80


def function_lengths():
    """``(lines, "path:line name")`` of every function and method in the project's code."""
    files = [ROOT / "app.py", *(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield node.end_lineno - node.lineno + 1, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"


def test_no_function_is_longer_than_80_lines():
    lengths = list(function_lengths())
    assert len(lengths) > 500  # the walk found the code
    too_long = sorted((n, where) for n, where in lengths if n > MAX_LINES)
    assert too_long == [], f"split these into named steps: {too_long}"


if __name__ == "__main__":  # python tests/test_function_length.py: the 20 longest
    for n, where in sorted(function_lengths(), reverse=True)[:20]:
        print(n, where)
