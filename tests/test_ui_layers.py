"""The pages are thin: no Cypher in ui/ or app.py (queries live in queries/*.cypher, read by
name), and the business rules they show come from queries/ and graph/, where the CLI has them too."""

import re
from pathlib import Path

from queries.library import load_library

ROOT = Path(__file__).resolve().parent.parent
CYPHER = re.compile(r"\b(MATCH|MERGE|RETURN)\b")


def _ui_files():
    return [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py"))]


def test_no_cypher_in_the_pages():
    found = [f"{f.relative_to(ROOT)}:{i}: {line.strip()}"
             for f in _ui_files() for i, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
             if CYPHER.search(line)]
    assert not found, "Cypher belongs in queries/*.cypher:\n" + "\n".join(found)


def test_the_grep_would_see_cypher():
    assert CYPHER.search('store.read("MATCH (n) RETURN n")') and not CYPHER.search("matches, returns")


def test_the_queries_the_pages_name_are_in_the_library():
    lib = load_library()
    named = {m for f in _ui_files() for m in re.findall(r"""["']((?:[a-z_]+\.)+[a-z_]+)["']""", f.read_text(encoding="utf-8"))
             if m.split(".")[0] in {q.split(".")[0] for q in lib}}
    assert named and not named - set(lib), sorted(named - set(lib))


def test_the_console_example_and_the_plan_view_are_named_queries():
    from ui import pages

    lib = load_library()
    assert pages.EXAMPLE_QUERY in lib and lib[pages.EXAMPLE_QUERY].shape == "table"
    assert {"plan.mentions", "plan.platforms"} <= set(lib)
