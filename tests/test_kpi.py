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

DOCS = ROOT / "data" / "changzhou" / "documents"
HIGH_TECH = "常政办发〔2026〕7号#9/t1"


def test_a_stock_target_compares_the_newest_published_value_with_the_target():
    assert progress("stock", target=7000, baseline=5791, latest=None) == (82.7, "baseline")
    assert progress("stock", target=7000, baseline=5791, latest=6300) == (90.0, "latest")


def test_an_increment_counts_from_the_baseline_and_says_nothing_without_a_latest_value():
    assert progress("increment", target=30, baseline=1254, latest=1269) == (50.0, "latest")
    assert progress("increment", target=30, baseline=1254, latest=None) == (None, None)
    assert progress("increment", target=30, baseline=None, latest=1269) == (None, None)


def test_a_per_year_target_compares_one_years_figure_with_the_yearly_target():
    assert progress("per_year", target=1500, baseline=1637, latest=None) == (109.1, "baseline")
    assert progress("per_year", target=100, baseline=None, latest=None) == (None, None)


def test_an_unknown_basis_is_refused():
    with pytest.raises(ValueError, match="unknown progress basis 'total'"):
        progress("total", target=1, baseline=1, latest=1)


def test_status_and_the_default_basis_follow_the_words():
    assert [status(None, None), status(5791, None), status(5791, 6000)] == ["unpublished", "baseline_only",
                                                                            "published"]
    assert default_basis("新增省级以上科创平台", "plan_period") == "increment"
    assert default_basis("高新技术企业", "plan_period") == "stock"
    assert default_basis("支持“科技副总”", "per_year") == "per_year"


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
