"""The extractor measured on the hand-annotated corpus of real policy documents
(tests/fixtures/documents/annotations.json; docs/documents-eval.md has the table)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from ingest.document import parse_document
from ingest.document_eval import (ANNOTATIONS, CORPUS_DIR, evaluate_corpus, load_annotations,
                                  score_document, structure_labels)

# The goal (#21), measured on the held-out test split.
RECALL_GOAL, PRECISION_GOAL = 0.9, 0.95


@pytest.fixture(scope="module")
def report():
    return evaluate_corpus()


def test_the_corpus_has_a_dozen_real_documents_with_sources_and_a_held_out_third():
    docs = load_annotations()
    assert len(docs) >= 12
    assert {d["level"] for d in docs} >= {"national", "province", "city", "district"}
    test = [d for d in docs if d["split"] == "test"]
    assert len(test) * 3 >= len(docs)
    sources = (CORPUS_DIR / "sources.csv").read_text(encoding="utf-8")
    for d in docs:
        assert (CORPUS_DIR / d["file"]).is_file()
        assert d["file"] in sources


def test_every_annotated_target_has_the_fields_of_a_target():
    for d in load_annotations():
        for t in d["targets"]:
            assert set(t) >= {"value", "unit", "comparator", "period", "metric"}, d["file"]
            assert t["period"] in ("per_year", "plan_period")


def test_scores_count_misses_extras_and_ambiguous_numbers():
    doc = parse_document("某方案\n一、目标\n力争集聚企业150家,安排资金4000万元以上,建成基地3个以上。\n")
    ann = {"file": "x", "split": "tune", "structure": ["一", "二"],
           "targets": [{"value": 150, "unit": "家", "comparator": "at_least", "metric": "企业"},
                       {"value": 9, "unit": "个", "comparator": "at_least", "metric": "基地"}],
           "ambiguous": [{"value": 4000, "unit": "万元"}]}
    s = score_document(doc, ann)
    assert (s.gold_targets, s.found_targets, s.matched_targets) == (2, 2, 1)  # 4000万元 counts neither way
    assert (s.target_precision, s.target_recall) == (0.5, 0.5)
    assert s.extras == ["基地 3个以上"] and s.misses == ["基地 9个"]
    assert structure_labels(doc) == ["一"] and s.clause_accuracy == 0.5


def test_the_tuning_split_meets_the_goal(report):
    tune = report.overall("tune")
    assert tune.target_recall >= RECALL_GOAL and tune.target_precision >= PRECISION_GOAL
    assert tune.clause_accuracy >= 0.95


def test_the_test_split_precision_meets_the_goal(report):
    assert report.overall("test").target_precision >= PRECISION_GOAL


@pytest.mark.xfail(strict=True, reason="held-out recall is 0.46 (6/13): numbers before their noun "
                   "(打造3000项…, 首批100个…), units not in the list (架, 斤) and a bare PUE value; see docs/documents-eval.md")
def test_the_test_split_recall_meets_the_goal(report):
    assert report.overall("test").target_recall >= RECALL_GOAL


def test_the_command_prints_each_document_and_the_totals():
    result = CliRunner().invoke(cli, ["eval-documents", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    names = [r["document"] for r in rows]
    assert names[-3:] == ["overall (tune)", "overall (test)", "overall"]
    assert len(names) == len(load_annotations()) + 3
    assert ANNOTATIONS.is_file()


def test_ambiguous_numbers_go_to_candidates_not_targets():
    from ingest.document import document_rows, parse_document, read_text

    doc = parse_document(read_text(CORPUS_DIR / "jiangsu-digital-economy-acceleration-2021.txt"))
    rows = document_rows(doc)
    numbers = [c["text"] for c in rows.candidates if c["text"].startswith("数值 ")]
    assert numbers == ["数值 3000项:,建成5G基站超20万个,打造3000项5G优秀应用案例",
                       "数值 8个:心PUE低于1.3,创建不少于8个国家级绿色数据中心"]
    assert {t["value"] for t in rows.nodes["Target"]}.isdisjoint({3000, 8})
    # present-state figures (工作回顾) are neither targets nor candidates
    review = document_rows(parse_document(read_text(CORPUS_DIR / "longgang-2014-government-work-report.txt")))
    assert review.nodes["Target"] == [] and not any(c["text"].startswith("数值 ") for c in review.candidates)
