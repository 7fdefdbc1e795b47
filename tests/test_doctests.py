"""The examples in docstrings are tests: each module's doctests run with the suite.

A module with examples is found by its ``>>>`` lines, so a new example runs without
being listed here.  Examples on ``GraphStore`` methods and on ``run_named`` run on both
stores, against the ``store`` fixture, which the docstrings call ``store``.
"""
from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "ingest", "queries", "ui")
STORE_MODULES = {"graph.store.base", "queries.library"}  # their examples need a store


def _modules_with_examples() -> list[str]:
    out = []
    for pkg in PACKAGES:
        for p in sorted((ROOT / pkg).rglob("*.py")):
            if ">>> " in p.read_text(encoding="utf-8"):
                parts = p.relative_to(ROOT).with_suffix("").parts
                out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def _run(module_name: str, globs: dict | None = None) -> doctest.TestResults:
    module = importlib.import_module(module_name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = doctest.DocTestFinder().find(module, extraglobs=globs or {})
    assert tests, f"{module_name} has '>>> ' lines but no doctest was found"
    for t in tests:
        runner.run(t)
    return runner.summarize(verbose=False)


@pytest.mark.parametrize("module_name", ["graph.analytics", "graph.export", "queries.library"])
def test_each_public_function_has_a_numpydoc_docstring_with_examples(module_name):
    module = importlib.import_module(module_name)
    missing = []
    for name in module.__all__:
        obj = getattr(module, name)
        if not callable(obj) or (isinstance(obj, type) and issubclass(obj, Exception)):
            continue  # constants, and the error classes the examples raise
        doc = obj.__doc__ or ""
        if "Examples\n" not in doc or ">>> " not in doc:
            missing.append(name)
    assert not missing, f"{module_name}: no examples in {missing}"


def test_the_modules_with_examples_are_found():
    found = _modules_with_examples()
    assert {"graph.analytics", "graph.export", "graph.store.base", "queries.library"} <= set(found)


@pytest.mark.parametrize("module_name", [m for m in _modules_with_examples() if m not in STORE_MODULES])
def test_doctests(module_name):
    failed, attempted = _run(module_name)
    assert attempted > 0
    assert failed == 0, f"{failed} of {attempted} examples in {module_name} failed (details above)"


@pytest.mark.parametrize("module_name", sorted(STORE_MODULES))
def test_store_doctests(module_name, store):
    failed, attempted = _run(module_name, {"store": store})
    assert attempted > 0
    assert failed == 0, f"{failed} of {attempted} examples in {module_name} failed (details above)"
