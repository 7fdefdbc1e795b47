"""Targets: published figures with their dates and sources, and progress as each target's
wording reads it (stock, increment, per year).  A count of the dataset is never progress."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from ingest.loader import ingest_paths
from ingest.spreadsheet import IngestError
from queries.kpi import default_basis, progress, status
from queries.library import run_named
from test_app import app_env  # noqa: F401  (the app on a fresh embedded store)

DOCS = ROOT / "data" / "changzhou" / "documents"
HIGH_TECH = "常政办发〔2026〕7号#9/t1"


def test_a_stock_target_compares_the_newest_published_value_with_the_target():
    assert progress("stock", target=7000, baseline=5791, latest=None) == (82.7, "baseline")
    assert progress("stock", target=7000, baseline=5791, latest=6300) == (90.0, "latest")


def test_an_increment_counts_from_the_baseline_and_says_nothing_without_a_latest_value():
    assert progress("increment", target=30, baseline=1254, latest=1269) == (50.0, "latest")
    assert progress("increment", target=30, baseline=1254, latest=None) == (None, None)
    assert progress("increment", target=30, baseline=None, latest=1269) == (None, None)


def test_a_per_year_target_compares_a_plan_years_figure_with_the_yearly_target():
    assert progress("per_year", target=1500, baseline=1637, latest=1200) == (80.0, "latest")
    assert progress("per_year", target=1500, baseline=1637, latest=None) == (None, None)  # 2025 is before the plan


def test_an_unknown_basis_is_refused():
    with pytest.raises(ValueError, match="unknown progress basis 'total'"):
        progress("total", target=1, baseline=1, latest=1)


def test_status_and_the_default_basis_follow_the_words():
    assert [status(None, None), status(5791, None), status(5791, 6000)] == ["unpublished", "baseline_only",
                                                                            "published"]
    assert default_basis("新增省级以上科创平台", "plan_period") == "increment"
    assert default_basis("高新技术企业", "plan_period") == "stock"
    assert default_basis("支持“科技副总”", "per_year") == "per_year"


def test_every_bundled_target_has_a_sourced_figure_or_says_what_was_searched(bundled_store):
    rows = run_named(bundled_store, "kpi.progress").dicts()
    assert len(rows) == 17
    for r in rows:
        for which in ("baseline", "latest"):
            if r[which] is not None:
                assert r[f"{which}_as_of"] and r[f"{which}_source"].startswith("http"), (r["target_id"], which)
                assert r[f"{which}_quote"], (r["target_id"], which)
        if r["status"] == "unpublished":
            assert r["searched"] and r["searched_en"], f"{r['target_id']} says neither a figure nor what was searched"
    hightech = next(r for r in rows if r["target_id"] == HIGH_TECH)
    assert (hightech["baseline"], hightech["progress_pct"], hightech["progress_from"]) == (5791, 82.7, "baseline")


def test_what_the_dataset_holds_is_never_progress(bundled_store):
    rows = run_named(bundled_store, "kpi.progress").dicts()
    counted = [r for r in rows if r["coverage"]]
    assert counted, "no target has a coverage count to check"
    for r in counted:
        if r["status"] == "unpublished":
            assert r["progress_pct"] is None, r["target_id"]


def _plan_with_targets(tmp_path, csv_text: str):
    docs = tmp_path / "documents"
    docs.mkdir()
    shutil.copy(DOCS / "changzhou-sanming-action-plan-2026.txt", docs)
    (docs / "targets.csv").write_text(csv_text, encoding="utf-8")
    return docs / "changzhou-sanming-action-plan-2026.txt"


@pytest.mark.parametrize("row, problem", [
    ("baseline\n5791", "targets.csv:2:baseline_as_of: baseline is given without its baseline_as_of"),
    ("baseline,baseline_as_of,baseline_source\nabout 5800,2025,http://x", "targets.csv:2:baseline: 'about 5800' is not a number"),
    ("progress_basis\ntotal", "targets.csv:2:progress_basis: 'total' is not one of stock, increment, per_year"),
    ("actual\n5791", "targets.csv:2:actual: not a target property"),
])
def test_a_bad_targets_row_is_refused_precisely_and_nothing_is_written(store, tmp_path, row, problem):
    header, values = row.split("\n")
    plan = _plan_with_targets(tmp_path, f"target_id,{header}\n{HIGH_TECH},{values}\n")
    with pytest.raises(IngestError) as e:
        ingest_paths(store, [plan])
    assert problem in str(e.value)
    assert store.read("MATCH (t:Target) RETURN count(t) AS n").single_value() == 0


def test_published_figures_reach_the_target(store, tmp_path):
    plan = _plan_with_targets(tmp_path, "target_id,progress_basis,latest,latest_as_of,latest_source,latest_quote\n"
                                        f"{HIGH_TECH},stock,\"6,100\",2026-06,https://example.gov.cn/a,有效高企6100家\n")
    ingest_paths(store, [plan])
    r = next(r for r in run_named(store, "kpi.progress").dicts() if r["target_id"] == HIGH_TECH)
    assert (r["latest"], r["latest_as_of"], r["status"], r["progress_pct"]) == (6100, "2026-06", "published", 87.1)


def test_the_targets_page_shows_figures_sources_and_unpublished_in_both_languages(app_env):
    from test_app import run_page, texts

    zh = texts(run_page("targets"))
    assert "基线（2025）：5791 家" in zh and "gi_news/286176829677384" in zh
    assert "未公布 — 已检索：" in zh and "数据集收录" in zh
    en = texts(run_page("targets", lang="en"))
    assert "Baseline (2025): 5791 ·" in en and "not published — searched:" in en  # no measure word in English
    assert "dataset coverage" in en and "stock: latest against the target" in en
