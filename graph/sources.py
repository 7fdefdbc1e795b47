"""What kind of publisher a fact's ``source`` is, and which hosts merely copy others.

A ``source`` is a URL, a document clause (``常政办发〔2026〕7号#3``) or, for a spreadsheet row
that named none, its own file and row (``Park.csv:2``, ``book.xlsx[Park]:3``).

>>> source_kind("https://kjj.changzhou.gov.cn/html/kjj/2023/MHFDIKKN_0214/42122.html")
'official'
>>> source_kind("常政办发〔2026〕7号#3")
'plan'
>>> source_kind("Park.csv:2")
'spreadsheet'
>>> source_kind("《常州市低空经济高质量发展三年行动方案(2024—2026年)》#一")
'plan'
>>> copy_site("https://www9599116.com/ns_news/354155350935343")
True
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable
from urllib.parse import urlparse

__all__ = ["KINDS", "RECORD_KINDS", "COPY_HOSTS", "source_host", "source_kind", "copy_site", "bare_homepage", "kind_shares"]

KINDS = ("official", "institution", "company", "filing", "media", "plan", "spreadsheet", "other")
# The kinds that are a publisher's own page (the dataset's target share is over these).
RECORD_KINDS = ("official", "institution", "company", "filing", "media")

# A clause of a published plan: 常政办发〔2026〕7号#3, or 《title》#section when the number is not published.
_PLAN = re.compile(r"〔\d{4}〕\d+号|^《[^》]+》(#\S+)?$")
_FILE_ROW = re.compile(r"\.(csv|xlsx|xlsm|xls)(\[[^\]]*\])?:\d+$", re.IGNORECASE)

# Host suffixes, matched at a dot boundary: "kjj.changzhou.gov.cn" ends with ".gov.cn".
_SUFFIX_KINDS: tuple[tuple[str, str], ...] = (
    ("gov.cn", "official"),
    ("gov", "official"),
    ("jscz.org.cn", "official"),      # 常州市群团组织 (工商联 gsl., 侨联 ql.)
    ("edu.cn", "institution"),
    ("ac.cn", "institution"),
    ("cas.cn", "institution"),        # 中国科学院 and its institutes
    ("czu.cn", "institution"),        # 常州工学院
    ("jitri.cn", "institution"),      # 江苏省产业技术研究院
    ("ckcest.cn", "institution"),     # 中国工程科技知识中心 (中国工程院)
    ("kczg.org.cn", "institution"),   # 科创中国 (中国科协)
    ("cninfo.com.cn", "filing"),
    ("sse.com.cn", "filing"),
    ("szse.cn", "filing"),
    ("bse.cn", "filing"),
    ("hkexnews.hk", "filing"),
    ("news.cn", "media"),             # 新华社
    ("jsgrb.com", "media"),           # 江苏工人报 (江苏省总工会)
    ("xinhuanet.com", "media"),
    ("xinhua08.com", "media"),        # 中国金融信息网 (新华社)
    ("people.com.cn", "media"),
    ("gmw.cn", "media"),              # 光明日报
    ("cctv.com", "media"),
    ("cnr.cn", "media"),
    ("cri.cn", "media"),              # 中国国际广播电台
    ("chinanews.com.cn", "media"),
    ("chinanews.com", "media"),
    ("chinadaily.com.cn", "media"),
    ("ce.cn", "media"),               # 经济日报
    ("jschina.com.cn", "media"),      # 新华日报 / 交汇点
    ("xhby.net", "media"),
    ("xdkb.net", "media"),            # 现代快报
    ("jstv.com", "media"),
    ("cz001.com.cn", "media"),        # 常州日报 / 中国常州网
    ("cztv.com", "media"),
    ("wjyanghu.com", "media"),        # 武进新闻网 (武进区融媒体中心)
    ("zjol.com.cn", "media"),         # 浙江在线
    ("sciencenet.cn", "media"),       # 中国科学报社
    ("stdaily.com", "media"),         # 科技日报
    ("thepaper.cn", "media"),
    ("yicai.com", "media"),
    ("stcn.com", "media"),
    ("cs.com.cn", "media"),
    ("cnstock.com", "media"),
    ("21jingji.com", "media"),
)

# Hosts known to republish other publishers' pages (government CMS paths, news articles)
# on an unrelated domain. A bundled fact may be read there (``read_at``) but never rest there.
COPY_HOSTS = frozenset("""
www9599116.com saaoao.cn xiuzhiben.com aomenbctop10.com m.829897.com lymphedemahope.com
yaliqi.com mdealersg.com youngwriting.cn m.kurtaghar.com www.ipsnewslive.net m.cartoonmusical.com
loyalmeds.com lwhongsheng.com gumo99.com andreamacias.com nursingpaperhelpers.com diandian-dao.com
www.diandian-dao.com www.1scall.com m.dingqianjf.com csjcs.com bilezu.com bbs.21spv.com
m.zjgqsnjd.com td.fyun.cc cqqcl.cn js.025b.com js.010b.com wap.reportway.org zzsj.com.cn
www.handmsg.com yizesci.com 014i.cn www.ym.55jiaoyu.com smx.3a0598.com m.xuexi.eeju.com
leecn.com www.12872.net shanxiti.com nvsheng.cc www.foodcouponz.com m.kevinfatkin.net
bobainet.com 182.61.201.157 xny365.com qjwindow.com fk41.com practistry.com cfztjj.com
www.daowen.com crainternational.com.cn m.hsujglq.cn m.x-techcon.com m.babacucu.com m.zgong.com
m.yinhu3.com gamelodeon.com m.bangboer.net gcjxyyy.com www.vkhz.com kkannews.com czhld.com
www.bhkqc.com xnjjw.cn www.123592.com k.jiangsulong.com eshukan.com twgreatdaily.com
sx.qsjly.cn m.jiejinghe.cn zhaoshang-gov.cn www.413f.cn riulidt.cn huaxinmd.com jendow.com.tw
m.thefilledlantern.com www.plnmw.com m.szweitang.cn 78911.com.cn bathroomcleaningproducts.net
hutangcun.com unpkg.com baike.weixin.qq.com www.czesr.com js.cnipai.com
vraymax.com baajob.com fan-hu.cn
aijingu.com podms.com igu888.com 9fzt.com wnwk.com
""".split())
# The last two lines, seen in read_at of bundled rows: vraymax.com and baajob.com serve changzhou.gov.cn's
# /ns_news/<id> articles under the same path, fan-hu.cn serves wjyanghu.com's /yhw/hotspot/wjxw/… articles;
# aijingu.com … wnwk.com re-serve listed companies' exchange announcements (the filing is on cninfo).

# Company sites, by host (a host says nothing of its owner, so they are listed).
_COMPANY_HOSTS = frozenset({"www.trinasolar.com", "www.svolt.cn", "www.calb-tech.com"})


def source_host(source: str) -> str | None:
    """The lower-cased host of a URL source, else None."""
    s = (source or "").strip()
    if not re.match(r"https?://", s, re.IGNORECASE):
        return None
    return (urlparse(s).hostname or "").lower() or None


def _suffix_kind(host: str) -> str | None:
    for suffix, kind in _SUFFIX_KINDS:
        if host == suffix or host.endswith("." + suffix):
            return kind
    return None


def source_kind(source: str) -> str:
    """One of :data:`KINDS` for a ``source`` value.

    ``plan`` for a document clause, ``spreadsheet`` for a ``file:row`` provenance, the
    publisher's kind for a URL (by its host), ``other`` for anything else, copy sites included.

    >>> source_kind("http://js.news.cn/20241226/69f609d68c4b483494b60cfe7f7ff20e/c.html")
    'media'
    >>> source_kind("book.xlsx[Park]:3")
    'spreadsheet'
    >>> source_kind("http://saaoao.cn/ns_news/127169864318302")
    'other'
    """
    s = (source or "").strip()
    host = source_host(s)
    if host is None:
        if _FILE_ROW.search(s):
            return "spreadsheet"
        return "plan" if _PLAN.search(s) else "other"
    if _on_copy_host(host):
        return "other"
    if host in _COMPANY_HOSTS:
        return "company"
    return _suffix_kind(host) or "other"


def _on_copy_host(host: str) -> bool:
    # At a dot boundary, as for the publishers: www.lymphedemahope.com is lymphedemahope.com.
    parts = host.split(".")
    return any(".".join(parts[i:]) in COPY_HOSTS for i in range(len(parts) - 1))


def copy_site(source: str) -> bool:
    """True if ``source`` is a URL on a host known to copy other publishers' pages, or a sub-host of one.

    >>> copy_site("http://www.lymphedemahope.com/show.asp?id=551")
    True
    >>> copy_site("https://www.changzhou.gov.cn/ns_news/127169864318302")
    False
    """
    host = source_host(source)
    return host is not None and _on_copy_host(host)


# A site's front page: it names the publisher but seldom states the fact a row gives.
_FRONT_PAGE = re.compile(r"^/?(index\.(s?html?|php|jsp|aspx?))?$", re.IGNORECASE)


def bare_homepage(source: str) -> bool:
    """True if ``source`` is a URL to a site's front page (no path, ``/`` or ``/index.html``), no query.

    >>> bare_homepage("https://www.wj.gov.cn/")
    True
    >>> bare_homepage("http://www.cztn.gov.cn/index.html")
    True
    >>> bare_homepage("https://www.wj.gov.cn/html/czwj/2021/FAOMPMFI_0115/361205.html")
    False
    >>> bare_homepage("http://zg.changzhou.gov.cn/content/suitable/show?catid=2206&id=39329")
    False
    >>> bare_homepage("常政办发〔2026〕7号#3")
    False
    """
    if source_host(source) is None:
        return False
    parts = urlparse(source.strip())
    return not parts.query and bool(_FRONT_PAGE.match(parts.path))


def kind_shares(sources: Iterable[str]) -> dict[str, float]:
    """The share of ``sources`` of each kind, in :data:`KINDS` order (kinds absent are 0).

    >>> kind_shares(["常政办发〔2026〕7号#3", "https://www.changzhou.gov.cn/ns_news/1"])["plan"]
    0.5
    """
    counts = Counter(source_kind(s) for s in sources)
    total = sum(counts.values()) or 1
    return {k: counts[k] / total for k in KINDS}
