"""No page view reads the whole graph (#19 item 2).

Every page of ``tests/test_app.py``'s ``EVERY_PAGE`` (each view that shows its own tables)
runs in ``AppTest`` with spies on every whole-graph reader of the code base: ``export()``
without keys, the column reads behind ``graph.projection.read_arrays`` and the streaming
exports (``read_columns``), and the batch job of ``graph.precompute``.  The page caches are
emptied before each page, so each page does all of its own reads.  Every row the store
returns is counted too: the test prints them per page, and a page's rows stay below the
nodes the store holds (a whole-graph read returns at least that many)."""

from __future__ import annotations

from collections import Counter

import pytest

from test_app import EVERY_PAGE, _page, app_env, run_page  # noqa: F401  (app_env is a fixture)


class Spy:
    """Counts the rows the store returns and names every whole-graph read."""

    def __init__(self):
        self.whole: list[str] = []
        self.rows = 0
        self.reads = 0

    def install(self, mp: pytest.MonkeyPatch) -> None:
        from graph import precompute, projection
        from graph.store.base import GraphStore
        from graph.store.embedded import EmbeddedStore

        spy = self
        read, export, columns = GraphStore.read, GraphStore.export, EmbeddedStore.read_columns
        proj_columns, compute = projection._columns, precompute.compute

        def counted_read(store, *a, **kw):
            res = read(store, *a, **kw)
            spy.reads += 1
            spy.rows += len(res.rows)
            return res

        def spied_export(store, keys=None):
            if keys is None:
                spy.whole.append("export()")
            return export(store, keys)

        def spied_columns(store, cypher):
            spy.whole.append(f"read_columns: {cypher[:60]}")
            return columns(store, cypher)

        def spied_proj_columns(store, match, exprs):
            spy.whole.append(f"projection columns: {match[:60]}")
            return proj_columns(store, match, exprs)

        def spied_compute(store, *a, **kw):
            spy.whole.append("precompute.compute")
            return compute(store, *a, **kw)

        mp.setattr(GraphStore, "read", counted_read)
        mp.setattr(GraphStore, "export", spied_export)
        mp.setattr(EmbeddedStore, "read_columns", spied_columns)
        mp.setattr(projection, "_columns", spied_proj_columns)
        mp.setattr(precompute, "compute", spied_compute)


def _node_count() -> int:
    from ui import data as D

    return sum(D.connect().store.stats()["nodes"].values())


PAGES = EVERY_PAGE + [("explorer", {}), ("paths", {}), ("presenter", {"view": "entity"})]


@pytest.fixture(scope="module")
def loaded(app_env):  # noqa: F811
    run_page("overview")  # the first start loads the store and computes its side table
    return _node_count()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, params", PAGES)
def test_no_page_view_reads_the_whole_graph(loaded, page, params, lang, monkeypatch):
    from ui import data as D

    spy = Spy()
    spy.install(monkeypatch)
    D.clear_caches()  # the side table is read again from its file, not recomputed
    _page(page, params, lang)
    print(f"{page} {params} {lang}: {spy.reads} reads, {spy.rows} rows (store: {loaded} nodes)")
    assert not spy.whole, f"{page}: whole-graph reads on a page view: {Counter(spy.whole)}"
    assert spy.reads, "the spy saw no read at all"
    assert spy.rows < loaded, f"{page} read {spy.rows} rows from a store of {loaded} nodes"


def test_the_targets_page_draws_a_bounded_number_of_progress_cards(loaded, monkeypatch):
    """At M the plan's 450 targets made ~2,000 elements per run of the targets page; it draws
    the first KPI_CARDS and says how many the table below holds."""
    from ui import pages

    monkeypatch.setattr(pages, "KPI_CARDS", 2)
    at = run_page("targets")
    more = [c.value for c in at.caption if c.value.startswith("仅显示前 2 项")]
    assert len(more) == 1 and len(at.get("progress")) <= 2, more
    total = int(more[0].split("共 ")[1].split(" 项")[0])
    assert total > 2 and total == len(at.dataframe[0].value)  # every target is in the table
