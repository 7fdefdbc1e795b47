"""Kinds of source: what a planner sees beside every fact's source."""

from __future__ import annotations

import pytest

from graph.sources import COPY_HOSTS, KINDS, copy_site, kind_shares, source_host, source_kind


@pytest.mark.parametrize("source, kind", [
    ("https://kjj.changzhou.gov.cn/html/kjj/2023/MHFDIKKN_0214/42122.html", "official"),
    ("http://www.wj.gov.cn/html/czwj/2024/AOMMQFAN_0604/490912.html", "official"),
    ("https://cxy.cczu.edu.cn/2025/0704/c17960a396469/page.htm", "institution"),
    ("http://ciac.cas.cn/xwdt/ttxw/202011/t20201120_5758308.html", "institution"),
    ("https://kyc.czu.cn/_t26/2021/1221/c770a108969/page.htm", "institution"),
    ("http://www.cninfo.com.cn/new/disclosure/detail?stockCode=688599", "filing"),
    ("http://js.news.cn/20241226/69f609d68c4b483494b60cfe7f7ff20e/c.html", "media"),
    ("https://jsnews.jschina.com.cn/cz/a/202301/t20230126_3151293.shtml", "media"),
    ("https://www.wjyanghu.com/yhw/hotspot/wjxw/2023-05-08/127364.html", "media"),
    ("常政办发〔2026〕7号#3", "plan"),
    ("Park.csv:2", "spreadsheet"),
    ("book.xlsx[relationships]:12", "spreadsheet"),
    ("https://www9599116.com/ns_news/354155350935343", "other"),
    ("https://unpkg.com/browse/zoningjs@2.0.19/32/3204.json", "other"),
    ("https://zhaoshang-gov.cn/detail/zhaoshang-115327.html", "other"),  # not a gov.cn host
    ("", "other"),
])
def test_the_kind_of_a_source_follows_its_host_or_its_form(source, kind):
    assert source_kind(source) == kind
    assert kind in KINDS


def test_a_copy_site_is_known_by_its_host_not_by_its_path():
    assert copy_site("http://saaoao.cn/ns_news/127169864318302")
    assert copy_site("HTTP://WWW9599116.COM/gxj/html/jxw/2022/CJOLOPAM_0128/33235.html")
    assert not copy_site("https://www.changzhou.gov.cn/ns_news/127169864318302")
    # A sub-host of a listed copy host is a copy too; a host that only ends with its letters is not.
    assert copy_site("http://www.lymphedemahope.com/show.asp?id=551")
    assert source_kind("http://www.aomenbctop10.com/gi_news/286176829677384") == "other"
    assert not copy_site("https://notsaaoao.cn/ns_news/1")
    assert not copy_site("常政办发〔2026〕7号#9")
    assert not any(source_kind(f"https://{h}/x") in ("official", "institution", "media") for h in COPY_HOSTS)


def test_the_host_of_a_source_is_lower_cased_and_only_urls_have_one():
    assert source_host("HTTPS://KJJ.Changzhou.gov.cn/a") == "kjj.changzhou.gov.cn"
    assert source_host("Park.csv:2") is None


def test_shares_by_kind_add_up_to_one_in_kind_order():
    shares = kind_shares(["常政办发〔2026〕7号#3", "Park.csv:2", "https://www.changzhou.gov.cn/", "x"])
    assert list(shares) == list(KINDS)
    assert shares["plan"] == shares["spreadsheet"] == shares["official"] == shares["other"] == 0.25
    assert sum(shares.values()) == pytest.approx(1.0)
