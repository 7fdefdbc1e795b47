"""How ``ingest.document`` reads a policy document.

The reference document is the 三名联动 action plan, 常政办发〔2026〕7号, as copied from the
Changzhou government web site (navigation and buttons included).  Four more real
documents of the same kind (tests/fixtures/documents/, see sources.csv there) check that
the parser is general: other header fields, numbering (一、 with （一）, （一） alone),
no header at all, GBK text and a Word file.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from graph import model
from ingest.document import (
    DocumentError,
    DocumentRows,
    ParsedDocument,
    TargetDraft,
    document_rows,
    extract_targets,
    find_candidates,
    find_mentions,
    normalize_date,
    parse_document,
    read_text,
    strip_chrome,
)

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "data" / "changzhou" / "documents" / "changzhou-sanming-action-plan-2026.txt"
PLAN_URL = "https://www.changzhou.gov.cn/gi_news/509177025872390"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
DOC_ID = "常政办发〔2026〕7号"


@pytest.fixture(scope="module")
def plan_text() -> str:
    return read_text(PLAN)


@pytest.fixture(scope="module")
def plan(plan_text) -> ParsedDocument:
    return parse_document(plan_text, source_url=PLAN_URL)


# --------------------------------------------------------------------------- the plan: header


def test_header_fields_of_the_web_page(plan):
    assert plan.id == DOC_ID  # the 文件编号 is the Document id
    assert plan.number == "常政办发〔2026〕7号"
    assert plan.issuer == "常州市人民政府办公室"
    assert plan.index_no == "014109429/2026-00018"  # printed as 索 引 号 with spaces
    assert plan.date_issued == "2026-02-03"  # 生成日期
    assert plan.date_published == "2026-02-05"  # 公开日期
    assert plan.title == "市政府办公室关于印发常州市“名园名院名企”联动创新发展三年行动方案(2026—2028年)的通知"
    assert plan.body_title == "常州市“名园名院名企”联动创新发展三年行动方案(2026—2028年)"
    assert plan.name == plan.body_title
    assert plan.source == PLAN_URL
    # every header field is kept as printed, the ones without a Document property too
    assert plan.header["法定主动公开分类"] == "行动计划/方案"
    assert plan.header["废止日期"] == "有效"


def test_the_preamble_is_the_text_before_the_first_section(plan):
    assert plan.preamble.startswith("为深入贯彻党的二十届四中全会精神")
    assert plan.preamble.endswith("制定如下行动方案。")


def test_web_page_chrome_is_stripped(plan):
    chrome = ("扫一扫", "浏览次数", "您当前的位置", "首页 >>", "领导活动")
    texts = [plan.preamble, *(c.text for c in plan.clauses), *(c.title for c in plan.clauses)]
    for text in texts:
        for word in chrome:
            assert word not in text
    assert plan.clauses[-1].text.endswith("培育省级以上智能工厂超400家。")


def test_chrome_is_a_general_list_not_fitted_to_one_page():
    lines = [
        "网站首页", "当前位置:首页 > 新闻中心", "您现在的位置:首页>>政策文件",
        "发布日期:2025-04-21  来源:常州市人民政府  浏览次数:  字号:〖",
        "打印本页 | 关闭窗口", "【打印】【关闭】", "分享到:微信 微博", "• 繁体版", "走进钟楼",
        "主办单位:常州市科学技术局", "苏ICP备05000000号", "— 2 —",
        "请访问首页了解更多。", "正文最后一句。扫一扫在手机打开当前页",
    ]
    assert strip_chrome(lines) == ["请访问首页了解更多。", "正文最后一句。"]


# --------------------------------------------------------------------------- the plan: structure


def test_three_sections_with_titles_and_short_names(plan):
    assert [(s.number, s.label, s.title, s.name) for s in plan.sections] == [
        (1, "一", "名园筑基:构建空间载体与资源枢纽", "名园筑基"),
        (2, "二", "名院赋能:构建人才与科研支撑体系", "名院赋能"),
        (3, "三", "名企领航:驱动技术产业化与产业升级", "名企领航"),
    ]
    assert [s.clause_numbers for s in plan.sections] == [[1, 2, 3, 4, 5], [6, 7, 8], [9, 10, 11]]


CLAUSE_TITLES = [
    "坚持规划引领", "打造优势赛道", "夯实平台支撑", "推动场景开放", "做强科技金融",
    "促进产教融合", "加快成果转化", "拓展“双岗互聘”", "形成梯度培育", "加强科技攻关",
    "强化数智赋能",
]


def test_eleven_numbered_clauses_with_their_titles(plan):
    assert [c.title for c in plan.clauses] == CLAUSE_TITLES
    assert [c.number for c in plan.clauses] == list(range(1, 12))
    assert [c.label for c in plan.clauses] == [str(n) for n in range(1, 12)]  # n is the printed number
    assert [c.id for c in plan.clauses] == [f"{DOC_ID}#{n}" for n in range(1, 12)]
    assert all(c.numbered for c in plan.clauses)
    assert [c.section_no for c in plan.clauses] == [1] * 5 + [2] * 3 + [3] * 3


def test_clause_name_text_and_section(plan):
    c3 = plan.clauses[2]
    assert c3.name == "3. 夯实平台支撑"
    assert c3.section == "名园筑基:构建空间载体与资源枢纽"
    assert c3.text.startswith("夯实平台支撑。依托我市“2+3+N”创新平台体系")  # full text, no "3."
    assert c3.text.endswith("集聚高层次人才超1000人。")


# --------------------------------------------------------------------------- the plan: targets

# clause, value, unit, comparator, period, the metric in the plan's words
PLAN_TARGETS = [
    (1, 20, "个", "about", "per_year", "遴选发布“三名联动”创新发展园区"),
    (2, 100, "场", "at_least", "per_year", "开展“百场千企”产业链融链强链对接活动"),
    (2, 1500, "个", "at_least", "per_year", "招引强链延链补链科技型项目"),
    (3, 30, "家", "at_least", "plan_period", "新增省级以上科创平台"),
    (3, 200, "家", "at_least", "plan_period", "企业研发机构"),
    (3, 150, "家", "more_than", "plan_period", "重点合作名院"),
    (3, 1000, "人", "more_than", "plan_period", "集聚高层次人才"),
    (4, 100, "个", "at_least", "per_year", "新增典型应用场景"),
    (6, 10, "家", "at_least", "plan_period", "设立人工智能、合成生物等未来产业二级学院、卓越工程师学院"),
    (6, 2000, "项", "at_least", "plan_period", "解决特色优势产业技术攻关需求"),
    (7, 20, "亿元", "more_than", "plan_period", "在常高校技术合同登记额"),
    (8, 600, "名", "at_least", "per_year", "支持“科技副总”"),
    (8, 500, "个", "at_least", "per_year", "支持海内外名院来常创新创业人才(团队)项目"),
    (9, 7000, "家", "more_than", "plan_period", "高新技术企业"),
    (9, 130, "家", "more_than", "plan_period", "独角兽(潜在)企业"),
    (10, 70, "%", "more_than", "plan_period", "规上工业企业研发机构建有率"),
    (11, 400, "家", "more_than", "plan_period", "培育省级以上智能工厂"),
]


def test_the_plan_sets_exactly_seventeen_targets(plan):
    found = [(c.number, t.value, t.unit, t.comparator, t.period, t.metric) for c, t in plan.targets]
    assert found == [(n, float(v), u, cmp, per, m) for n, v, u, cmp, per, m in PLAN_TARGETS]


def test_target_phrases_are_the_documents_words(plan):
    for clause, t in plan.targets:
        assert t.phrase in clause.text
        assert clause.text[t.start:t.end] == t.phrase
    phrases = {t.phrase for _, t in plan.targets}
    assert "全市每年遴选发布“三名联动”创新发展园区20个左右" in phrases
    assert "每年支持海内外名院来常创新创业人才(团队)项目不少于500个" in phrases
    assert "力争全市规上工业企业研发机构建有率超70%" in phrases


def test_target_names_are_short_labels(plan):
    names = {t.name for _, t in plan.targets}
    assert "省级以上科创平台 30家以上" in names
    assert "高新技术企业 超7000家" in names
    assert "“三名联动”创新发展园区 20个左右" in names


@pytest.mark.parametrize("text", [
    "制定常州市三年行动方案(2026—2028年)。",  # a plan period
    "为深入贯彻党的二十届四中全会精神,落实省委十四届十次全会部署要求。",  # meetings
    "以“五个一”联动形成合力。",  # a name with a number in it
    "按照我市“1028”产业体系以及“6+X”未来产业体系布局。",  # industry systems
    "依托我市“2+3+N”创新平台体系。",
    "常政办发〔2026〕7号,2026年2月3日印发。",  # document numbers and dates
    "围绕15个重点领域,形成良好局面。",  # a quantity describing a noun, not a commitment
    "总投资超100亿元或10亿美元的项目给予支持。",  # a threshold that qualifies projects
])
def test_numbers_that_are_not_targets(text):
    assert extract_targets(text) == []


@pytest.mark.parametrize("text, value, unit, comparator, period", [
    ("每年新增规上企业100家以上。", 100, "家", "at_least", "per_year"),
    ("年均增长10%以上。", 10, "%", "at_least", "per_year"),
    ("力争集聚产业链相关企业150家。", 150, "家", "at_least", "plan_period"),
    ("专精特新企业达到5家。", 5, "家", "at_least", "plan_period"),
    ("产业规模超过300亿元。", 300, "亿元", "more_than", "plan_period"),
    ("人工智能产业规模突破3000亿元。", 3000, "亿元", "more_than", "plan_period"),
    ("安排科技经费不低于5亿元。", 5, "亿元", "at_least", "plan_period"),
    ("建成200个左右低空航空器起降场(点)。", 200, "个", "about", "plan_period"),
    ("单位能耗控制在0.5吨以内。", 0.5, "吨", "at_most", "plan_period"),
    ("开通至周边机场2-3条航线。", 2, "条", "between", "plan_period"),  # a range: 2 to 3
])
def test_target_patterns(text, value, unit, comparator, period):
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.comparator, t.period) == (value, unit, comparator, period)
    assert isinstance(t, TargetDraft)


def test_a_quantity_before_its_noun_keeps_the_noun_as_metric():
    (t,) = extract_targets("建成200个左右低空航空器起降场(点),按需构建低空智联网。")
    assert t.metric == "建成低空航空器起降场(点)"
    assert t.phrase == "建成200个左右低空航空器起降场(点)"


@pytest.mark.parametrize("value, expected", [
    ("2026-02-03", "2026-02-03"), ("2026-2-3", "2026-02-03"), ("2026/02/03", "2026-02-03"),
    ("2026年2月3日", "2026-02-03"), ("二〇二六年二月三日", "2026-02-03"), ("有效", None), ("", None),
])
def test_dates_are_normalised(value, expected):
    assert normalize_date(value) == expected


# --------------------------------------------------------------------------- mentions and candidates

ENTITIES = [
    ("Platform", "longcheng-lab", "龙城实验室", []),
    ("Platform", "yrd-physics-center", "长三角物理研究中心", []),
    ("Platform", "physics-center", "物理研究中心", []),  # a shorter name inside the longer one
    ("University", "cczu", "常州大学", ["常大"]),
    ("Track", "ai", "人工智能", ["AI", "智"]),  # "智" is too short to be matched
    ("Event", "bcqq", "百场千企", []),
    ("Tier", "unicorn", "独角兽（潜在）企业", []),  # full-width brackets; the plan writes (潜在)
]


def test_mentions_take_the_longest_name(plan):
    c3 = plan.clauses[2]
    found = {(label, id_) for label, id_, _ in find_mentions(c3.text, ENTITIES)}
    assert ("Platform", "yrd-physics-center") in found
    assert ("Platform", "longcheng-lab") in found
    assert ("Platform", "physics-center") not in found  # inside 长三角物理研究中心


def test_mentions_match_names_and_aliases_after_width_normalisation():
    text = "支持常大与ＡＩ企业合作,培育独角兽(潜在)企业,智能制造。"
    assert find_mentions(text, ENTITIES) == [
        ("University", "cczu", "常大"),
        ("Track", "ai", "ＡＩ"),  # matched is the text as written
        ("Tier", "unicorn", "独角兽(潜在)企业"),
    ]  # and no mention of the one-character alias 智


def test_quoted_names_without_an_entity_are_candidates(plan):
    c9 = plan.clauses[8]
    candidates = find_candidates(c9.text, ENTITIES)
    assert candidates[:4] == ["原点空间", "探索频道", "合成π对", "绿源方舟"]
    assert "百场千企" not in find_candidates(plan.clauses[1].text, ENTITIES)  # an entity's name


# --------------------------------------------------------------------------- rows for the store


@pytest.fixture(scope="module")
def rows(plan) -> DocumentRows:
    return document_rows(plan, ENTITIES + [("Target", "t", "科技副总", [])])


def test_rows_hold_one_document_its_clauses_and_targets(rows, plan):
    (doc,) = rows.nodes["Document"]
    assert doc == {
        "id": DOC_ID,
        "name": "常州市“名园名院名企”联动创新发展三年行动方案(2026—2028年)",
        "description": plan.title,
        "source": PLAN_URL,
        "confidence": "stated",
        "number": "常政办发〔2026〕7号",
        "issuer": "常州市人民政府办公室",
        "index_no": "014109429/2026-00018",
        "date_issued": "2026-02-03",
        "date_published": "2026-02-05",
        "url": PLAN_URL,
    }
    assert len(rows.nodes["Clause"]) == 11
    assert len(rows.nodes["Target"]) == 17
    c3 = rows.nodes["Clause"][2]
    assert c3["id"] == f"{DOC_ID}#3" and c3["name"] == "3. 夯实平台支撑"
    assert (c3["number"], c3["section_no"], c3["title"]) == (3, 1, "夯实平台支撑")
    assert c3["source"] == f"{DOC_ID}#3" and c3["confidence"] == "stated"
    t = next(t for t in rows.nodes["Target"] if t["id"] == f"{DOC_ID}#3/t1")
    assert t["name"] == "省级以上科创平台 30家以上"
    assert (t["value"], t["unit"], t["comparator"], t["period"]) == (30.0, "家", "at_least", "plan_period")
    assert t["source"] == f"{DOC_ID}#3"


def test_rows_use_only_the_models_properties_and_enums(rows):
    for label, nodes in rows.nodes.items():
        props = {p.name: p for p in model.node_props(label)}
        for node in nodes:
            assert set(node) <= set(props), (label, set(node) - set(props))
            assert node["confidence"] == "stated" and node["source"]
            for key, value in node.items():
                if props[key].enum:
                    assert value in props[key].enum
    for rel in rows.rels:
        assert set(rel) == {"type", "from_label", "from_id", "to_label", "to_id", "source", "confidence"}
        assert model.allowed_pair(rel["type"], rel["from_label"], rel["to_label"])
        assert rel["confidence"] == "stated"


def test_relationships_carry_the_clause_as_source(rows):
    by_type: dict[str, list[dict]] = {}
    for rel in rows.rels:
        by_type.setdefault(rel["type"], []).append(rel)
    assert len(by_type["HAS_CLAUSE"]) == 11 and len(by_type["SETS"]) == 17
    for rel in by_type["HAS_CLAUSE"]:
        assert rel["from_id"] == DOC_ID and rel["source"] == rel["to_id"]
    for rel in by_type["SETS"] + by_type["MENTIONS"]:
        assert rel["source"] == rel["from_id"]
    mentions = {(r["from_id"].split("#")[1], r["to_id"]) for r in by_type["MENTIONS"]}
    assert {("3", "longcheng-lab"), ("3", "yrd-physics-center"), ("6", "cczu"), ("2", "bcqq"),
            ("2", "ai"), ("4", "ai"), ("6", "ai"), ("11", "ai"), ("9", "unicorn")} <= mentions
    assert ("3", "physics-center") not in mentions
    assert not any(r["to_label"] == "Target" for r in by_type["MENTIONS"])  # the model forbids it


def test_candidates_are_listed_with_clause_and_document(rows):
    assert {"text": "原点空间", "clause_id": f"{DOC_ID}#9", "document_id": DOC_ID} in rows.candidates
    assert not any(c["text"] == "百场千企" for c in rows.candidates)


def test_rows_are_deterministic(plan_text, rows):
    again = document_rows(parse_document(plan_text, source_url=PLAN_URL),
                          list(reversed(ENTITIES + [("Target", "t", "科技副总", [])])))
    assert again == rows


# --------------------------------------------------------------------------- reading files


def test_bom_and_gb18030_give_the_same_parse_as_utf8(plan_text, plan, tmp_path):
    bom = tmp_path / "plan-bom.txt"
    bom.write_bytes(plan_text.encode("utf-8-sig"))
    gb = tmp_path / "plan-gb18030.txt"
    gb.write_bytes(plan_text.encode("gb18030"))
    for p in (bom, gb):
        assert read_text(p) == plan_text
        assert parse_document(read_text(p), source_url=PLAN_URL) == plan


def test_docx_paragraphs_and_table_cells_are_read_in_order(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("甲")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "乙"
    table.rows[0].cells[1].text = "丙"
    d.add_paragraph("丁")
    letterhead = d.add_table(rows=2, cols=1)
    letterhead.rows[0].cells[0].text = "戊"
    letterhead.rows[1].cells[0].text = "己"
    path = tmp_path / "order.docx"
    d.save(path)
    # a row is one line of cells, as a table of targets is copied; a one-column table is paragraphs
    assert read_text(path).split("\n") == ["甲", "乙 | 丙", "丁", "戊", "己"]


def test_a_docx_table_of_targets_gives_the_targets_of_its_rows(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某市数字经济三年行动方案")
    d.add_paragraph("一、主要指标")
    rows = [("指标", "单位", "2025年", "2027年目标"), ("数字经济核心产业增加值", "亿元", "1200", "1500"),
            ("算力规模", "EFLOPS", "5", "20以上")]
    table = d.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows):
        for cell, v in zip(row.cells, values):
            cell.text = v
    path = tmp_path / "indicators.docx"
    d.save(path)
    doc = parse_document(read_text(path))
    assert [(t.metric, t.value, t.unit, t.comparator) for _, t in doc.targets] == [
        ("数字经济核心产业增加值", 1500, "亿元", "at_least"), ("算力规模", 20, "EFLOPS", "at_least")]


def test_unreadable_files_raise_document_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip file")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    for path in (tmp_path / "missing.txt", empty, broken, pdf):
        with pytest.raises(DocumentError, match="^" + re.escape(f"{path}: ")):
            read_text(path)


# --------------------------------------------------------------------------- other real documents


def fixture(name: str) -> ParsedDocument:
    path = FIXTURES / name
    return parse_document(read_text(path), path=path)


def test_fixture_sources_are_listed():
    with open(FIXTURES / "sources.csv", encoding="utf-8", newline="") as f:
        listed = {row["file"]: row for row in csv.DictReader(f)}
    for path in FIXTURES.iterdir():
        if path.suffix in (".txt", ".docx", ".pdf"):
            assert path.name in listed
            assert listed[path.name]["url"].startswith("http")
            assert listed[path.name]["title"]


def test_wuxi_plan_other_header_labels_and_paren_clauses():
    """Header as 文件名称/发文字号/发布日期/发文单位; sections 一、 with clauses （一）."""
    doc = fixture("wuxi-low-altitude-economy-plan-2024.txt")
    assert doc.id == doc.number == "锡政办发〔2024〕17号"
    assert doc.title == doc.body_title == "无锡市低空经济高质量发展三年行动方案(2024—2026年)"
    assert doc.issuer == "无锡市人民政府办公室"
    assert doc.date_published == "2024-04-02"  # 2024年4月2日
    assert [s.title for s in doc.sections] == ["总体思路", "工作目标"]
    # a section without numbered clauses, and the text of a section before its first
    # numbered clause, are unnumbered clauses named after the section
    assert [c.name for c in doc.clauses] == ["一、总体思路", "二、工作目标", "（一）产业集聚效应增强", "（二）创新能力明显提升"]
    assert [c.numbered for c in doc.clauses] == [False, False, True, True]
    targets = [(c.number, t.value, t.unit, t.comparator) for c, t in doc.targets]
    assert targets == [(2, 300, "亿元", "more_than"), (3, 5, "家", "at_least"), (3, 30, "家", "at_least"),
                       (4, 5, "部", "at_least")]  # the cut-off "5家以" at the end is not a target


def test_suzhou_plan_notice_signature_and_multi_line_titles():
    """No header fields: number, issuer and date come from the notice."""
    doc = fixture("suzhou-ai-plus-plan-2024.txt")
    assert doc.id == doc.number == "苏府办〔2024〕140号"
    assert doc.issuer == "苏州市人民政府办公室"
    assert doc.date_issued == "2024-09-17"
    assert doc.notice_title == ("市政府办公室关于印发苏州市加快推动“人工智能+”应用高水平建设“人工智能+”"
                                "创新发展试验区行动方案的通知")
    assert doc.body_title == "苏州市加快推动“人工智能+”应用高水平建设“人工智能+”创新发展试验区行动方案"
    assert [s.title for s in doc.sections] == ["发展目标", "重点任务"]
    assert [c.name for c in doc.clauses] == ["一、发展目标", "（一）人工智能+制造"]
    assert [(t.value, t.unit, t.comparator) for _, t in doc.targets] == [
        (3000, "亿元", "more_than"), (1, "个", "at_least"), (50, "个", "more_than"), (300, "个", "more_than"),
    ]
    assert not any("公章" in c.text or "— 1 —" in c.text for c in doc.clauses)


def test_changzhou_low_altitude_plan_without_header_or_title():
    """The body alone: the id falls back to the file name."""
    doc = fixture("changzhou-low-altitude-economy-plan-2024.txt")
    assert doc.id == "changzhou-low-altitude-economy-plan-2024"
    assert doc.number is None and doc.title is None
    assert doc.preamble.startswith("为深入贯彻总书记对江苏工作重要指示精神")
    assert len(doc.sections) == 1 and len(doc.clauses) == 1
    assert [(t.value, t.unit, t.comparator) for _, t in doc.targets] == [
        (150, "家", "at_least"), (50, "家", "more_than"), (300, "亿元", "more_than"),
        (5, "个", "at_least"), (1, "个", "at_least"), (200, "个", "about"),
    ]


def test_changzhou_key_tasks_empty_number_and_paren_clauses_without_sections():
    """Same web page layout, an empty 文件编号, and （一） as the only numbering."""
    doc = fixture("changzhou-2026-key-tasks.txt")
    assert doc.number is None
    assert doc.id == "2026年市政府重点工作"  # a slug of the title
    assert (doc.issuer, doc.index_no) == ("常州市人民政府", "014109429/2026-00010")
    assert (doc.date_issued, doc.date_published) == ("2026-01-21", "2026-01-26")
    assert doc.sections == []
    # the expected values before （一） form an unnumbered clause named after the title
    assert [c.name for c in doc.clauses] == ["2026年市政府重点工作", "（一）突出扩大内需,切实稳住经济基本盘"]
    assert [(t.value, t.unit, t.comparator) for t in doc.clauses[0].targets] == [
        (5, "%", "at_least"), (2.5, "%", "at_least"), (5, "%", "about"), (3.65, "%", "about"),
        (10, "万人", "at_least"), (2, "%", "about")]
    assert [(t.value, t.metric) for t in doc.clauses[1].targets] == [(600, "新增亿元以上项目"),
                                                                   (6, "总投资超100亿元或10亿美元项目")]
    assert "浏览次数" not in doc.preamble


def test_gbk_and_docx_fixtures_give_the_same_parse_as_utf8():
    for variant, original in [("wuxi-low-altitude-economy-plan-2024.gbk.txt", "wuxi-low-altitude-economy-plan-2024.txt"),
                              ("suzhou-ai-plus-plan-2024.docx", "suzhou-ai-plus-plan-2024.txt")]:
        assert parse_document(read_text(FIXTURES / variant)) == parse_document(read_text(FIXTURES / original))


def test_the_pdf_fixture_gives_the_same_parse_as_utf8():
    """A document of the held-out split: kept apart so tuning runs never parse it."""
    pdf, original = "yuzhong-low-altitude-economy-plan-2025.pdf", "yuzhong-low-altitude-economy-plan-2025.txt"
    assert parse_document(read_text(FIXTURES / pdf)) == parse_document(read_text(FIXTURES / original))


def test_other_numbering_schemes():
    """Clauses 1. without sections; （一） parts holding 1、 items; 第一章/第一条."""
    measures = parse_document("某市促进数字经济发展若干措施\n为加快发展,制定以下措施。\n"
                              "1．壮大核心产业。到2027年,核心产业增加值达到1200亿元。\n"
                              "2. 培育骨干企业。每年新增规上企业100家以上。\n附件:1. 任务分工表\n")
    assert measures.id == "某市促进数字经济发展若干措施" and measures.sections == []
    assert [c.name for c in measures.clauses] == ["1. 壮大核心产业", "2. 培育骨干企业"]  # 附件 is not a clause
    assert [t.period for _, t in measures.targets] == ["plan_period", "per_year"]

    tasks = parse_document("重点工作\n(一)扩大内需\n1、强化项目。新增项目600个以上。\n2、促进消费。\n"
                           "(二)科技创新\n1、培育企业。高企超7000家。\n")
    assert [s.title for s in tasks.sections] == ["扩大内需", "科技创新"]
    assert [c.name for c in tasks.clauses] == ["1. 强化项目", "2. 促进消费", "1. 培育企业"]
    assert [c.id for c in tasks.clauses] == ["重点工作#1", "重点工作#2", "重点工作#3"]  # running n

    rules = parse_document("某市科技创新条例\n第一章 总则\n第一条 为了促进科技创新,制定本条例。\n"
                           "第二条 市人民政府每年安排科技经费不低于5亿元。\n第二章 附则\n第三条 本条例自2025年1月1日起施行。\n")
    assert [s.title for s in rules.sections] == ["总则", "附则"]
    assert [c.label for c in rules.clauses] == ["一", "二", "三"]
    assert [(t.value, t.unit, t.comparator, t.period) for _, t in rules.targets] == [(5, "亿元", "at_least", "per_year")]


# --------------------------------------------------------------------------- news copies and reports (invented texts)

def _targets_of(text):
    return [(t.value, t.unit, t.comparator, t.period) for c in parse_document(text).clauses for t in c.targets]


def test_a_bullet_list_of_expected_values_under_a_heading_is_read():
    """● items are list items (prose), ■ lines headings: a digest's list of this year's goals."""
    text = ("某省政府工作报告摘要\n\n■ 2024年成绩单\n\n●粮食总产达到557亿斤\n\n"
            "■ 2025年经济社会发展的主要预期目标\n\n●经济增长6%左右\n\n●城镇新增就业70万人以上\n")
    assert _targets_of(text) == [(6, "%", "about", "per_year"), (70, "万人", "at_least", "per_year")]


def test_the_related_articles_after_a_news_copy_are_not_its_text():
    text = ("发布时间:2025-04-02 15:26:00\n某省印发工作方案。其中提出,到2027年,累计建成国家级特色产业集群30个,"
            "争创3-5个领军型县域冠军产业。\n相关文章\n04-30某地一季度GDP同比增长6.7%\n04-29某公司拟不超1.5亿元进行证券投资\n")
    doc = parse_document(text)
    assert _targets_of(text) == [(30, "个", "at_least", "plan_period"), (3, "个", "between", "plan_period")]
    assert doc.title is None and "证券投资" not in "".join(c.text for c in doc.clauses)


def test_a_news_lead_above_the_document_it_reports_keeps_its_targets():
    text = ("日前,某区人民政府印发若干政策举措(2025年版)的通知。\n"
            "文件指出,严格落实国家关于新增可再生能源消费不纳入总量等政策。全年新增光伏装机5万千瓦以上。新增公共充电设施260根以上。\n"
            "某区人民政府关于印发若干政策举措(2025年版)的通知\n各乡镇人民政府:\n现印发给你们,请认真贯彻执行。\n"
            "若干政策举措\n(2025年版)\n一、强化科技创新\n2025年,力争全社会研发投入强度达到2.95%。\n")
    assert _targets_of(text) == [(5, "万千瓦", "at_least", "per_year"), (260, "根", "at_least", "per_year"),
                                 (2.95, "%", "at_least", "per_year")]


def test_a_news_report_of_a_work_report_reads_this_years_goals_not_last_years_results():
    """The report is delivered in the lead (作政府工作报告): its goals are the year's; the
    figures of 关于2024年的工作 are last year's results."""
    text = ("某省人大会议开幕\n2025年1月20日上午,某省人民代表大会开幕,省长代表省政府向大会作政府工作报告。\n"
            "关于2024年的工作,报告指出:全省经济运行稳健向好,实现地区生产总值9.86万亿元、增长5.7%,增速高于全国0.7个百分点。\n"
            "关于2025年工作的主要目标:地区生产总值增长5%以上,城镇新增就业110万人以上。\n")
    assert _targets_of(text) == [(5, "%", "at_least", "per_year"), (110, "万人", "at_least", "per_year")]
    # a plan that only cites a work report (落实…政府工作报告要求) is no year's work
    plan = ("某市实施方案(2024-2026年)\n为落实2024年市政府工作报告要求,制定本方案。\n一、发展目标\n到2026年,培育企业100家。\n")
    assert _targets_of(plan) == [(100, "家", "at_least", "plan_period")]


def test_a_plan_execution_section_is_last_years_results():
    text = ("某区2024年计划执行情况与2025年计划草案的报告\n一、2024年国民经济和社会发展计划执行情况\n"
            "预计全年地区生产总值突破1700亿元,税收占比近95%。\n")
    assert _targets_of(text) == []
