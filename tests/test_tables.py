"""Tables and error messages as a person reads them (ui.tables, ui.errors), without Streamlit."""

import doctest

import ui.errors
import ui.tables
from ui.tables import display_table


def test_doc_examples():
    for mod in (ui.tables, ui.errors):
        assert doctest.testmod(mod).failed == 0


def test_headers_words_and_gaps_in_both_languages():
    cols = ["track_id", "track", "comparator", "target", "source", "lacks_college", "label"]
    rows = [["nev", "新能源汽车", "at_least", 30.0, "https://www.changzhou.gov.cn/x", True, "Firm"],
            ["pv", "光伏", "more_than", None, None, False, "College"]]
    zh = display_table(cols, rows, "zh").frame
    assert list(zh.columns) == ["ID", "赛道", "比较", "目标值", "来源", "来源 · 来源类型", "缺名院", "类型"]
    assert zh.iloc[0].tolist() == ["nev", "新能源汽车", "至少", "30", "https://www.changzhou.gov.cn/x", "政府", "是", "名企"]
    assert zh.iloc[1].tolist()[2:] == ["超过", "—", "—", "—", "否", "名院"]
    en = display_table(cols, rows, "en").frame
    assert list(en.columns)[2:4] == ["Comparison", "Target"] and en.iloc[1, 2] == "more than"
