"""The extractor measured on the hand-annotated corpus of real policy documents
(tests/fixtures/documents/annotations.json; docs/documents-eval.md has the table)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner

from graph.cli import cli
from ingest.document import document_rows, parse_document, read_text
from ingest.document_eval import (ANNOTATIONS, CORPUS_DIR, SPLITS, evaluate_corpus, load_annotations,
                                  score_document, structure_labels)

# The goal (#21), measured on the held-out test split.
RECALL_GOAL, PRECISION_GOAL = 0.9, 0.95


@pytest.fixture(scope="module")
def tuned():
    """The documents tuned on (tune, seen): tuning never runs the extractor on the held-out ones."""
    return evaluate_corpus(splits=("tune", "seen"))


@pytest.fixture(scope="module")
def held_out():
    return evaluate_corpus(splits=("test",))


def test_the_corpus_has_a_dozen_real_documents_with_sources_and_a_held_out_third():
    docs = load_annotations()
    assert len(docs) >= 12
    assert {d["level"] for d in docs} >= {"national", "province", "city", "district"}
    assert {d["split"] for d in docs} == set(SPLITS)
    test = [d for d in docs if d["split"] == "test"]
    assert len(test) * 3 >= len(docs) and len(test) >= 6
    assert len({d["level"] for d in test}) >= 4  # the held-out split alone spans the levels
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
    assert s.wrong == ["企业 150家: at_least/plan_period, annotated at_least/None"]  # the annotation names no period
    assert structure_labels(doc) == ["一"] and s.clause_accuracy == 0.5


def test_the_tuning_split_meets_the_goal(tuned):
    assert {d.split for d in tuned.documents} == {"tune", "seen"}
    for split in ("tune", "seen"):
        total = tuned.overall(split)
        assert total.target_recall >= RECALL_GOAL and total.target_precision >= PRECISION_GOAL, split
        assert total.clause_accuracy >= 0.95 and total.period_accuracy >= 0.9, split


@pytest.mark.xfail(strict=True, reason="held-out precision is 0.88 (50/57) at 77d1650 on the split of 2026-12-04,"
                                        " annotated (8b5336f) before the extractor ran on it: present-state figures "
                                        "(鹿城 预计,2020年…1200亿元左右, 超过9.3万元; 福建 预计2021年…超2.3万亿元, 增长15%左右; 重庆 2021年…2.6万亿元)"
                                        " and numbers whose unit is not in the unit table (60亿度, 100口: found without "
                                        "it)")
def test_the_test_split_precision_meets_the_goal(held_out):
    assert held_out.overall("test").target_precision >= PRECISION_GOAL


@pytest.mark.xfail(strict=True, reason="held-out recall is 0.88 (50/57) at 77d1650 on the split of 2026-12-04,"
                                        " annotated (8b5336f) before the extractor ran on it: units not in the "
                                        "table (亿度, 口), 力争达到5800亿元 after 达到5500亿元, 每年培养5000个…人才, 启动…等10个世界级旅游景区,"
                                        " 4个过千亿产业集群, 新(改)建综合能源站6座; see docs/documents-eval.md")
def test_the_test_split_recall_meets_the_goal(held_out):
    assert held_out.overall("test").target_recall >= RECALL_GOAL


def test_the_command_prints_each_document_and_the_totals():
    result = CliRunner().invoke(cli, ["eval-documents", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    names = [r["document"] for r in rows]
    assert names[-4:] == ["overall (tune)", "overall (seen)", "overall (test)", "overall"]
    assert len(names) == len(load_annotations()) + len(SPLITS) + 1
    assert {"precision", "recall", "comparator", "period", "clause accuracy"} <= set(rows[-1])
    assert ANNOTATIONS.is_file()


def test_the_command_reads_only_the_splits_asked_for():
    result = CliRunner().invoke(cli, ["eval-documents", "--format", "json", "--split", "tune"])
    assert result.exit_code == 0, result.output
    names = [r["document"] for r in json.loads(result.output)]
    assert names == [d["file"] for d in load_annotations() if d["split"] == "tune"] + ["overall (tune)", "overall"]


def test_the_command_refuses_a_split_with_no_document():
    result = CliRunner().invoke(cli, ["eval-documents", "--split", "no-such-split"])
    assert result.exit_code == 2 and "no annotated document in split no-such-split" in result.output


def test_ambiguous_numbers_go_to_candidates_not_targets():
    """Invented text: a quantity before its noun with no commitment of its own, and a
    comparator cut off by a truncated copy, are for review, not Targets."""
    from ingest.document import document_rows, parse_document, read_text

    doc = parse_document("某市行动方案\n一、发展目标\n到2027年,建成5G基站超20万个,推进3000项应用场景开放,"
                         "培育专精特新企业50家以")
    rows = document_rows(doc)
    numbers = [c["text"] for c in rows.candidates if c["text"].startswith("数值 ")]
    assert numbers == ["数值 3000项:,建成5G基站超20万个,推进3000项应用场景开放,培育专精特新企业",
                       "数值 50家:应用场景开放,培育专精特新企业50家以"]
    assert [t["value"] for t in rows.nodes["Target"]] == [20]
    # the numbers before their noun of a seen document (打造3000项…案例, 创建不少于8个…) are targets now
    seen = document_rows(parse_document(read_text(CORPUS_DIR / "jiangsu-digital-economy-acceleration-2021.txt")))
    assert {3000, 8} <= {t["value"] for t in seen.nodes["Target"]}
    assert not any(c["text"].startswith("数值 ") for c in seen.candidates)
    # present-state figures (工作回顾) are neither targets nor candidates
    review = document_rows(parse_document(read_text(CORPUS_DIR / "longgang-2014-government-work-report.txt")))
    assert review.nodes["Target"] == [] and not any(c["text"].startswith("数值 ") for c in review.candidates)


# --------------------------------------------------------------------------- documents of the first held-out split as .docx and .pdf
# Built by make_variants.py after that split's annotations were committed (the documents are in the tune split since 2026-12-04).

def _parse(name):
    path = CORPUS_DIR / name
    return parse_document(read_text(path), path=path)


def _annotation(name):
    return next(d for d in load_annotations() if d["file"] == name)


@pytest.mark.parametrize("variant", ["hubei-2025-government-work-report-digest.pdf",
                                     "jinan-2025-government-work-report-goals.pdf"])
def test_a_held_out_pdf_gives_the_same_document_as_its_txt(variant):
    txt = variant.rsplit(".", 1)[0] + ".txt"
    pdf, plain = _parse(variant), _parse(txt)
    assert (pdf.id, pdf.title, pdf.clauses, pdf.targets) == (plain.id, plain.title, plain.clauses, plain.targets)
    assert pdf == dataclasses.replace(plain, path=pdf.path)  # everything but the path


def test_a_docx_with_the_page_header_as_a_table_gives_the_same_clauses_and_targets():
    """The government page's 索引号/文号 lines as a real Word table, one cell per field."""
    docx_doc = _parse("liupanshui-new-infrastructure-plan-2022.docx")
    plain = _parse("liupanshui-new-infrastructure-plan-2022.txt")
    def content(doc):  # clause ids start with the document id, which the header gives (see below)
        return [(c.label, c.style, c.section, c.title, c.text, c.targets) for c in doc.clauses]

    assert content(docx_doc) == content(plain)
    ann = _annotation("liupanshui-new-infrastructure-plan-2022.txt")
    assert score_document(docx_doc, ann) == score_document(plain, ann)


def test_a_docx_with_the_page_header_as_a_table_gives_the_same_header_fields():
    docx_doc = _parse("liupanshui-new-infrastructure-plan-2022.docx")
    plain = _parse("liupanshui-new-infrastructure-plan-2022.txt")
    assert (docx_doc.id, docx_doc.number, docx_doc.date_issued) == (plain.id, plain.number, plain.date_issued)
    assert plain.number == "六盘水府办发〔2022〕10号"


# --------------------------------------------------------------------------- ambiguous numbers of the held-out split

def _held_out_ambiguous():
    """(file, value, unit, Target values, candidate texts) for each annotated ambiguous number of the test split."""
    out = []
    for ann in load_annotations():
        if ann["split"] != "test" or not ann["ambiguous"]:
            continue
        rows = document_rows(_parse(ann["file"]))
        targets = {(t["value"], t.get("unit", "")) for t in rows.nodes["Target"]}  # an index has no unit
        numbers = [c["text"] for c in rows.candidates if c["text"].startswith("数值 ")]
        out += [(ann["file"], a["value"], a["unit"], targets, numbers) for a in ann["ambiguous"]
                if a.get("kind") != "repeat"]  # a target stated twice is a target, not a doubt
    return out


def test_the_held_out_split_has_ambiguous_numbers_to_check():
    # the split of 2026-12-04 has two (27项工程, 装机容量9兆瓦的…发电厂); the split before it had four
    assert len(_held_out_ambiguous()) >= 2


def test_ambiguous_numbers_of_the_held_out_split_stay_out_of_targets():
    for file, value, unit, targets, _ in _held_out_ambiguous():
        assert (value, unit) not in targets, file


@pytest.mark.xfail(strict=True, reason="1 of 2 reaches kg candidates (27项工程, fujian); not 装机容量9兆瓦的…发电厂 (liangping)")
def test_ambiguous_numbers_of_the_held_out_split_go_to_candidates():
    for file, value, unit, _, numbers in _held_out_ambiguous():
        assert any(n.startswith(f"数值 {value:g}{unit}:") for n in numbers), (file, value, unit)
