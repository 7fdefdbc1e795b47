"""Which numbers of a policy text are quantitative targets (``ingest.document_targets``).

Every sentence here is invented, written the way plans, opinions, measures and annual
work reports write their goals; none is copied from the held-out documents.  Each test
is one case of issue #21 and reads as the rule it checks.
"""

from __future__ import annotations

import pytest

from ingest.document import document_rows, parse_document
from ingest.document_targets import extract_targets


def found(text: str, **context) -> list[tuple]:
    return [(t.value, t.unit, t.comparator, t.period) for t in extract_targets(text, **context)]


# --------------------------------------------------------------------------- units


def test_an_index_or_a_ratio_needs_no_unit():
    assert found("到2027年,全市数字经济发展指数达到85。") == [(85, "", "at_least", "plan_period")]
    assert found("新建数据中心电能利用效率(PUE)低于1.3。") == [(1.3, "", "at_most", "plan_period")]
    assert found("力争区域创新能力综合评分提高到90以上。") == [(90, "", "at_least", "plan_period")]


def test_a_bare_number_without_an_index_or_a_comparator_is_not_a_target():
    assert found("力争到2027年形成“1+3+N”产业体系,打造3D打印基地。") == []
    assert found("到2026年,全市数字经济发展指数达到2026年") == []
    assert found("力争数字经济发展指数达到85") == []  # cut copy: the unit or the rest may be lost


def test_a_share_in_percent_and_a_change_in_percentage_points():
    assert found("数字经济核心产业增加值占地区生产总值比重达到15%。") == [(15, "%", "at_least", "plan_period")]
    assert found("到2027年,研发经费投入强度提高0.2个百分点。") == [(0.2, "个百分点", "at_least", "plan_period")]
    assert found("城镇调查失业率控制在5.5%以内。") == [(5.5, "%", "at_most", "plan_period")]


@pytest.mark.parametrize("text, value, unit", [
    ("数字经济核心产业增加值突破1.2万亿元。", 1.2, "万亿元"),
    ("力争设立产业基金规模达到50亿元。", 50, "亿元"),
    ("每年安排专项资金不少于3000万元。", 3000, "万元"),
    ("力争新增工业机器人应用5000台(套)。", 5000, "台"),
    ("力争到2027年,无人机保有量达到2万架。", 2, "万架"),
    ("粮食产量保持在1.3万亿斤以上。", 1.3, "万亿斤"),
    ("新增算力规模达到10EFLOPS。", 10, "EFLOPS"),
    ("全年接待游客突破1.5亿人次。", 1.5, "亿人次"),
    ("规上工业总产值增长1倍以上。", 1, "倍"),
])
def test_amounts_in_the_units_plans_use(text, value, unit):
    assert [(t.value, t.unit) for t in extract_targets(text)] == [(value, unit)]


def test_full_width_digits_read_as_digits():
    assert found("力争培育专精特新企业１００家以上。") == [(100, "家", "at_least", "plan_period")]


# --------------------------------------------------------------------------- comparators


@pytest.mark.parametrize("text, comparator", [
    ("高新技术企业数量达到1000家。", "at_least"),
    ("高新技术企业数量1000家以上。", "at_least"),
    ("高新技术企业数量不少于1000家。", "at_least"),
    ("高新技术企业数量超1000家。", "more_than"),
    ("高新技术企业数量突破1000家。", "more_than"),
    ("力争高新技术企业数量1000家。", "at_least"),
    ("高新技术企业数量1000家左右。", "about"),
    ("高新技术企业数量提高到1000家。", "at_least"),
    ("单位工业增加值能耗降至0.4吨标准煤以下。", "at_most"),
])
def test_comparator_words(text, comparator):
    assert [t.comparator for t in extract_targets(text)] == [comparator]


def test_a_range_is_one_target_between_its_ends():
    (t,) = extract_targets("开通至周边机场通用航空短途运输航线2—3条。")
    assert (t.value, t.value_max, t.unit, t.comparator) == (2, 3, "条", "between")
    (t,) = extract_targets("力争地区生产总值增长5%-6%。")
    assert (t.value, t.value_max, t.unit, t.comparator) == (5, 6, "%", "between")
    (t,) = extract_targets("每年举办对接活动10至15场。")
    assert (t.value, t.value_max, t.period) == (10, 15, "per_year")
    (t,) = extract_targets("力争单个项目投资额达到10万—20万元。")
    assert (t.value, t.value_max, t.unit) == (10, 20, "万元")


def test_a_range_without_a_commitment_is_not_a_target():
    assert found("每月召开2—3次例会。") == []


def test_a_span_of_years_is_no_range():
    assert found("制定低空经济发展规划(2024—2026年),编制2023-2035年空域规划。") == []


def test_growth_rates_are_targets_when_the_sentence_commits():
    assert found("力争规上工业增加值增长8%。") == [(8, "%", "at_least", "plan_period")]
    assert found("工业投资年均增长10%以上。") == [(10, "%", "at_least", "per_year")]


# --------------------------------------------------------------------------- periods


def test_per_year_against_the_plan_period():
    assert found("每年新增省级专精特新企业50家以上,到2027年累计达到300家。") == [
        (50, "家", "at_least", "per_year"), (300, "家", "at_least", "plan_period")]
    assert found("年均引进高层次人才200名。") == [(200, "名", "at_least", "per_year")]
    # 全年 in the target year is the level reached then, not a yearly amount
    assert found("到2027年,全年实现产业规模突破3000亿元。") == [(3000, "亿元", "more_than", "plan_period")]


def test_in_an_annual_work_document_every_target_is_for_the_year():
    text = "主要预期目标是:地区生产总值增长5.5%左右;城镇新增就业12万人;居民收入增长与经济增长同步。"
    assert found(text, annual=True) == [(5.5, "%", "about", "per_year"), (12, "万人", "at_least", "per_year")]
    assert found("今年新开工重大项目200个以上。") == [(200, "个", "at_least", "per_year")]


def test_an_annual_document_is_known_by_its_title():
    doc = parse_document("2026年全市重点工作安排\n一、主要目标\n新增规上工业企业300家以上。\n")
    assert [(t.value, t.period) for _, t in doc.targets] == [(300, "per_year")]
    plan = parse_document("某市三年行动方案(2026—2028年)\n一、主要目标\n新增规上工业企业300家以上。\n")
    assert [(t.value, t.period) for _, t in plan.targets] == [(300, "plan_period")]


# --------------------------------------------------------------------------- numbers that are not targets


@pytest.mark.parametrize("text", [
    "根据《某市人民政府关于印发实施方案的通知》(某政发〔2026〕7号)要求。",  # a document number
    "全面落实“1028”产业体系和“6+X”未来产业布局。",  # names with digits
    "全市现有高新技术企业1254家,科技型中小企业3000余家。",  # the present state
    "2025年全市高新技术企业已达5791家。",
    "截至2025年底,累计建成5G基站3.2万个。",
    "去年全市地区生产总值增长6.1%。",
    "对新认定的国家级企业技术中心,给予最高不超过200万元奖励。",  # an incentive, not a goal
    "对年营业收入首次突破1亿元的企业给予一次性奖励。",
    "对年营业收入1亿元以上的企业给予支持。",  # a threshold qualifying a noun
    "聚焦15个重点领域,形成良好发展格局。",
    "在5个工作日内办结。",
    "到2027年,建成15分钟便民生活圈,构建1小时通勤圈。",  # names, not counts
])
def test_numbers_that_are_not_targets(text):
    assert extract_targets(text) == []


def test_present_state_then_a_goal_in_the_same_sentence():
    assert found("目前全市已有高新技术企业1254家,力争到2027年达到2000家。") == [
        (2000, "家", "at_least", "plan_period")]


# --------------------------------------------------------------------------- numbers before their noun


def test_a_verb_a_number_and_its_noun_in_a_sentence_that_commits():
    (t,) = extract_targets("到2027年,打造30个智能制造示范工厂。")
    assert (t.value, t.unit, t.comparator, t.metric) == (30, "个", "at_least", "打造智能制造示范工厂")
    (t,) = extract_targets("力争创建不少于8个国家级绿色数据中心。")
    assert (t.value, t.comparator, t.metric) == (8, "at_least", "创建国家级绿色数据中心")


def test_a_number_its_noun_and_then_the_verb_in_a_sentence_that_commits():
    (t,) = extract_targets("到2025年底前,全市首批100个示范社区全面建成。")
    assert (t.value, t.unit, t.comparator, t.metric) == (100, "个", "at_least", "首批示范社区全面建成")
    (t,) = extract_targets("到2027年,确保60%的城市社区建成养老服务站。")  # a share: N% of the noun
    assert (t.value, t.unit, t.comparator) == (60, "%", "at_least")
    assert found("其中60%的资金用于设备购置。") == []


def test_a_verb_a_number_and_its_noun_without_a_commitment_is_not_a_target():
    assert found("组织开展3场专题培训。") == []


# --------------------------------------------------------------------------- tables


def test_targets_in_a_table_with_a_target_column():
    text = ("主要指标如下:\n"
            "序号 | 指标 | 单位 | 2025年(基期) | 2027年(目标值)\n"
            "1 | 数字经济核心产业增加值 | 亿元 | 1200 | 1500\n"
            "2 | 规上工业企业数字化改造覆盖率 | % | 60 | ≥90\n"
            "3 | 年均新增高新技术企业 | 家 | — | 500\n")
    got = [(t.metric, t.value, t.unit, t.comparator, t.period) for t in extract_targets(text)]
    assert got == [("数字经济核心产业增加值", 1500, "亿元", "at_least", "plan_period"),
                   ("规上工业企业数字化改造覆盖率", 90, "%", "at_least", "plan_period"),
                   ("年均新增高新技术企业", 500, "家", "at_least", "per_year")]


def test_a_tab_separated_table_with_units_in_the_indicator_column():
    text = "指标名称\t2023年\t2026年目标\n低空经济产业规模(亿元)\t80\t200\n起降场(个)\t12\t100以上\n"
    got = [(t.metric, t.value, t.unit, t.comparator) for t in extract_targets(text)]
    assert got == [("低空经济产业规模", 200, "亿元", "at_least"), ("起降场", 100, "个", "at_least")]


def test_a_table_without_a_target_column_sets_nothing():
    text = "指标 | 2023年 | 2024年\n企业数(家) | 80 | 95\n"
    assert extract_targets(text) == []


def test_the_cells_of_a_task_table_are_read_as_phrases():
    text = "序号 | 重点任务 | 责任单位\n1 | 到2027年培育专精特新企业100家以上 | 市工信局\n"
    (t,) = extract_targets(text)
    assert (t.value, t.unit, t.phrase) == (100, "家", "培育专精特新企业100家以上")


# --------------------------------------------------------------------------- whole documents


def test_flat_measures_numbered_one_to_thirteen():
    text = "某区促进产业发展若干措施\n" + "".join(
        f"{n}、措施{n}。力争培育企业{k}家。\n" for k, n in enumerate(
            "一 二 三 四 五 六 七 八 九 十 十一 十二 十三".split(), start=1))
    doc = parse_document(text)
    assert [s.label for s in doc.sections][-3:] == ["十一", "十二", "十三"] and len(doc.sections) == 13
    assert [t.value for _, t in doc.targets] == list(range(1, 14))


def test_a_truncated_copy_keeps_every_complete_target():
    text = ("某市行动方案\n一、发展目标\n到2027年,产业规模突破300亿元,集聚企业100家以上,"
            "建成起降点50个,培育专精特新企业5家以")
    doc = parse_document(text)
    assert [(t.value, t.unit) for _, t in doc.targets] == [(300, "亿元"), (100, "家"), (50, "个")]
    rows = document_rows(doc)
    assert [c["text"] for c in rows.candidates if c["text"].startswith("数值 ")] == [
        "数值 5家:起降点50个,培育专精特新企业5家以"]


def test_a_copy_cut_inside_the_unit_leaves_the_number_for_review():
    assert found("到2026年,产业规模达到300亿元,旅游收入突破50亿") == [(300, "亿元", "at_least", "plan_period")]
    assert found("到2026年,旅游收入突破50亿。") == [(50, "亿", "more_than", "plan_period")]  # complete: 亿 as printed


def test_a_text_cut_inside_a_number_does_not_crash():
    for cut in ("某市行动方案\n一、目标\n力争产业规模达到3", "某市行动方案\n一、目标\n力争产业规模达到3.", "一、"):
        parse_document(cut)


# --------------------------------------------------------------------------- goal paragraphs


def test_one_lead_commits_every_item_of_a_paragraph_split_by_semicolons():
    text = "到2027年,低空经济产业规模突破500亿元;新建通用机场3个;企业研发机构建有率80%。"
    assert [(t.value, t.unit) for t in extract_targets(text)] == [(500, "亿元"), (3, "个"), (80, "%")]


def test_in_a_goals_section_a_number_closing_its_phrase_is_a_target():
    doc = parse_document("某市行动方案\n一、主要目标\n数字经济核心产业增加值1500亿元,高新技术企业1200家。\n"
                         "二、重点任务\n组织专题培训20场。\n")
    assert [(t.value, t.unit) for _, t in doc.targets] == [(1500, "亿元"), (1200, "家")]


def test_a_yearly_amount_written_as_nian_xinzeng():
    assert found("力争年新增科技型中小企业1000家。") == [(1000, "家", "at_least", "per_year")]
    assert found("力争三年新增科技型中小企业3000家。") == [(3000, "家", "at_least", "plan_period")]


def test_ownership_per_capita_is_a_metric_not_the_present_state():
    assert found("到2027年,每万人口高价值发明专利拥有量20件。") == [(20, "件", "at_least", "plan_period")]


def test_year_on_year_growth_reports_the_present():
    assert found("力争实现营业收入120亿元,同比增长15%。") == [(120, "亿元", "at_least", "plan_period")]


def test_a_class_of_its_noun_is_no_count():
    (t,) = extract_targets("到2027年,打造千亿级产业集群2个,形成3000亿元级产业集群。")
    assert (t.value, t.unit) == (2, "个")


@pytest.mark.parametrize("text, value, unit", [
    ("力争群众满意度测评得分达到95分以上。", 95, "分"),
    ("政务服务事项平均办理时间压缩至30分钟以内。", 30, "分钟"),
    ("港口集装箱吞吐量达到100万标箱。", 100, "万标箱"),
    ("到2027年,细颗粒物(PM2.5)平均浓度控制在30微克/立方米以内。", 30, "微克/立方米"),
    ("到2030年,人均预期寿命达到80岁。", 80, "岁"),
    ("力争全年空气质量优良天数达到300天。", 300, "天"),
    ("企业开办时间压缩至1个工作日以内。", 1, "个工作日"),
    ("力争全市工业用地亩均税收达到30万元/亩。", 30, "万元/亩"),
])


def test_more_units(text, value, unit):
    assert [(t.value, t.unit) for t in extract_targets(text)] == [(value, unit)]


def test_a_per_capita_count_is_a_goal_and_its_age_bracket_is_not():
    assert found("到2027年,每千人口拥有3岁以下婴幼儿托位数4.5个。") == [(4.5, "个", "at_least", "plan_period")]


def test_a_review_section_states_no_targets():
    doc = parse_document("某区政府工作报告\n一、过去一年的主要成效\n地区生产总值达到800亿元,增长6%。\n"
                         "二、今年主要目标\n地区生产总值增长5.5%左右。\n")
    assert [(t.value, t.period) for _, t in doc.targets] == [(5.5, "per_year")]


def test_an_amount_that_defines_a_kind_of_firm_or_project_is_a_threshold():
    assert found("力争主营业务收入2000万元以上工业企业数字化改造全覆盖。") == []
    assert found("到2027年,引进投资10亿元以上项目。") == []


def test_a_figure_of_a_year_before_the_document_is_the_present_state():
    text = "2023年,全市低空经济产业规模达到50亿元。到2026年,产业规模突破300亿元,较2023年增长5倍。"
    assert found(text, since=2024) == [(300, "亿元", "more_than", "plan_period"), (5, "倍", "at_least", "plan_period")]
    assert found("2025年底前,建成起降点20个。", since=2026) == [(20, "个", "at_least", "plan_period")]  # a deadline


def test_the_year_a_document_starts_from_is_read_from_its_title():
    text = ("某市低空经济发展行动方案(2024—2026年)\n一、发展目标\n2023年,全市低空经济产业规模达到50亿元。"
            "到2026年,产业规模突破300亿元。\n")
    assert [t.value for _, t in parse_document(text).targets] == [300]


def test_a_table_of_years_targets_its_years_after_the_documents_first():
    text = "指标名称 | 单位 | 2023年 | 2026年 | 属性\n低空经济产业规模 | 亿元 | 80 | 300 | 预期性\n起降点 | 个 | 12 | 50—60 | 预期性\n"
    assert extract_targets(text) == []  # whether 2026 is ahead is known only from the document
    got = [(t.metric, t.value, t.value_max, t.unit, t.comparator) for t in extract_targets(text, since=2024)]
    assert got == [("低空经济产业规模", 300, None, "亿元", "at_least"), ("起降点", 50, 60, "个", "between")]


def test_a_list_after_one_verb_commits_every_item():
    assert found("引进培育高层次人才1000名、高技能人才5000名。") == [
        (1000, "名", "at_least", "plan_period"), (5000, "名", "at_least", "plan_period")]


def test_this_year_covers_its_whole_sentence():
    assert [t.period for t in extract_targets("全年固定资产投资增长6%,社会消费品零售总额增长7%左右。")] == [
        "per_year", "per_year"]
    assert [t.period for t in extract_targets("年度目标:地区生产总值增长6%。")] == ["per_year"]


def test_a_growth_rate_after_its_level_names_the_same_metric():
    (_, growth) = extract_targets("到2026年,集成电路产业规模突破1000亿元,年均增长15%以上。")
    assert growth.metric == "集成电路产业规模年均增长" and growth.period == "per_year"


@pytest.mark.parametrize("text", [
    "申报企业上年度营业收入不低于2000万元。",  # a condition to apply
    "申请项目须符合总投资不低于1亿元的要求。",
    "“十四五”以来,累计培育专精特新企业500家。",  # since…: the past
    "开展对接活动,组织企业300余家参加。",  # 余 describes, it does not commit
    "五年来,全市累计新增高新技术企业1200家。",  # …年来: the years behind
    "全市地区生产总值突破了5000亿元。",  # …了: done
])
def test_conditions_and_past_counts_are_not_targets(text):
    assert extract_targets(text) == []


def test_a_section_of_conditions_or_support_rates_states_no_targets():
    doc = parse_document("某区促进产业发展若干措施\n一、支持对象\n项目总投资不低于1亿元,其中设备投资占比不低于60%。\n"
                         "二、发展目标\n到2027年,新增规上企业100家。\n")
    assert [t.value for _, t in doc.targets] == [100]


def test_applications_counted_as_a_metric_are_goals():
    assert found("到2027年,发明专利申请量达到1万件。") == [(1, "万件", "at_least", "plan_period")]


def test_a_work_report_with_its_addressees_and_a_section_of_this_years_work():
    doc = parse_document("2025年某区人民政府工作报告\n各位代表:\n现在,我代表区人民政府向大会报告工作。\n"
                         "一、2024年工作回顾\n地区生产总值完成820亿元,增长6.1%。\n"
                         "二、2025年重点工作\n(一)坚持项目为王。实施重点项目150个。新开工亿元以上项目60个。\n")
    assert doc.body_title == "2025年某区人民政府工作报告"
    assert [(t.value, t.period) for _, t in doc.targets] == [(150, "per_year"), (60, "per_year")]
    plan = parse_document("某市三年行动方案(2024—2026年)\n一、2024—2026年重点任务\n新开工亿元以上项目60个。\n")
    assert [(t.value, t.period) for _, t in plan.targets] == [(60, "plan_period")]


def test_the_terms_of_an_award_are_no_target():
    assert found("对年度产值增长20%以上的规上工业企业,给予10万元奖励。") == []
    assert [(t.value, t.unit) for t in extract_targets("力争产值增长20%以上的企业达到50家。")] == [(50, "家")]


def test_a_regulation_states_binding_targets_with_yingdang():
    doc = parse_document("某市科技创新促进条例\n第一条 为促进科技创新,制定本条例。\n"
                         "第二条 市级财政科技支出应当年均增长不低于10%;研究与试验发展经费支出占地区生产总值的比例"
                         "应当逐步提高,到2030年达到4%。\n")
    assert [(t.value, t.unit, t.period) for _, t in doc.targets] == [(10, "%", "per_year"), (4, "%", "plan_period")]


def test_circles_counted_are_targets():
    assert found("到2027年,建成100个社区生活圈。") == [(100, "个", "at_least", "plan_period")]


def test_a_markdown_table_of_an_annual_plan():
    text = ("| 指标 | 单位 | 2024年实际 | 2025年计划 |\n|---|---|---|---|\n"
            "| 地区生产总值增长 | % | 5.8 | 5.5左右 |\n| 城镇新增就业 | 万人 | 12.3 | 12 |\n")
    got = [(t.metric, t.value, t.unit, t.comparator, t.period) for t in extract_targets(text, annual=True)]
    assert got == [("地区生产总值增长", 5.5, "%", "about", "per_year"), ("城镇新增就业", 12, "万人", "at_least", "per_year")]


def test_a_hard_wrapped_line_keeps_the_lead_of_its_sentence():
    text = "到2027年,全市低空经济产业链相关企业\n150家,通用机场\n3个。"  # a PDF's text layer wraps lines
    assert [(t.value, t.unit) for t in extract_targets(text)] == [(150, "家"), (3, "个")]
    assert extract_targets("到2027年,目标如下。\n组织培训20场") == []  # a new sentence has no lead


def test_a_wrapped_line_keeps_the_present_state_of_its_sentence():
    assert found("截至2025年底,全市已建成起降点\n50个,力争到2027年达到\n200个。") == [(200, "个", "at_least", "plan_period")]


def test_in_a_goals_section_a_number_that_is_no_target_goes_to_review():
    doc = parse_document("某市行动方案\n一、主要目标\n低空经济产业规模突破100亿元,围绕5个百亿级产业集群推进建链。\n")
    assert [t.value for _, t in doc.targets] == [100]
    assert [c["text"] for c in document_rows(doc).candidates] == ["数值 5个:济产业规模突破100亿元,围绕5个百亿级产业集群推进建链"]


@pytest.mark.parametrize("text, value", [
    ("到2027年,改造提升老旧工业区20个。", 20),
    ("力争每年培训技能人才1万人次。", 1),
    ("到2026年,转化科技成果500项。", 500),
    ("力争3家企业上市。", 3),
    ("力争20家企业入选国家级专精特新“小巨人”名单。", 20),
    ("确保50个重大项目开工建设。", 50),
])
def test_more_verbs_of_counted_goals(text, value):
    assert [t.value for t in extract_targets(text)] == [value]
