"""Quantitative targets in the text of a policy clause.

The rules are tables of words, not one pattern: **units** (家, 亿元, %, 个百分点, 万架 …),
**comparator words** before a number (达到, 超过, 不少于, 控制在, 提高到 …) and after it
(以上, 左右, 以内 …), **change verbs** (增长, 提高, 下降 …), words that make a sentence
**commit** (力争, 到2027年, 目标, 今年 …), words of the **present state** (现有, 已达,
截至 …), words of an **incentive** (给予, 奖励, 补助 …) and **index** words that let a
number stand without a unit (指数, PUE, 评分 …).  :func:`extract_targets` reads every
number with those tables; a table of targets (cells split by ``|`` or tabs, with a
目标 column) is read by :func:`table_targets`.

>>> [(t.metric, t.value, t.unit, t.comparator) for t in extract_targets("力争到2027年,培育专精特新企业100家以上。")]
[('培育专精特新企业', 100.0, '家', 'at_least')]
>>> [(t.value, t.value_max, t.comparator) for t in extract_targets("开通短途运输航线2—3条。")]
[(2.0, 3.0, 'between')]
>>> extract_targets("全市现有高新技术企业1254家。")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TargetDraft", "extract_targets", "table_targets", "is_annual_title", "QUANTITY_RE",
           "SENTENCE_DELIMS", "COMMITMENT_RE", "VERB_RE", "is_present_state", "sentence_bounds"]


@dataclass(frozen=True)
class TargetDraft:
    """A quantitative target stated by a clause, before it becomes a Target node."""

    metric: str  # what is counted, in the document's words
    value: float
    unit: str  # 个, 家, 亿元, % …; "" for an index (指数达到85)
    comparator: str  # at_least / more_than / about / at_most / between
    period: str  # per_year / plan_period
    phrase: str  # the exact words of the target in the clause
    name: str  # a short readable label, e.g. "省级以上科创平台 30家以上"
    start: int = 0  # offsets of ``phrase`` in the clause text
    end: int = 0
    value_max: float | None = None  # the upper end of a range (comparator ``between``)


# --------------------------------------------------------------------------- rule tables

_MAGNITUDES = ("万亿", "亿", "万", "千", "百")
_UNIT_BASES = (
    "个百分点", "吨标准煤", "平方公里", "平方米", "立方米", "千瓦时", "千瓦", "兆瓦", "吉瓦", "标准箱",
    "美元", "元", "人次", "户次", "公里", "千米", "米", "公顷", "小时",
    "家", "个", "场", "人", "名", "项", "所", "条", "部", "座", "套", "根", "件", "台", "次", "批",
    "支", "户", "吨", "亩", "辆", "种", "款", "篇", "处", "张", "位", "例", "本", "类", "对",
    "架", "斤", "艘", "栋", "间", "片", "颗", "倍", "分钟", "分", "标箱", "岁", "天", "个工作日",
    "微克/立方米", "毫克/立方米", "公斤", "千克", "港元", "欧元", "%", "‰",
)
_ASCII_UNITS = ("EFLOPS", "PFLOPS", "TFLOPS", "Gbps", "Mbps", "GWh", "MWh", "kWh", "TWh", "GW", "MW", "kW",
                "TB", "PB", "EB", "TEU")
_UNIT = ("(?:(?:" + "|".join(_MAGNITUDES) + ")?(?:"
         + "|".join(map(re.escape, sorted(_UNIT_BASES, key=len, reverse=True))) + ")"
         "|(?:" + "|".join(_ASCII_UNITS) + ")(?![A-Za-z])|万亿|亿|万)"
         r"(?:/(?:亩|人|年|户|平方米|平方公里|万人|吨|小时|天|月|日))?")  # 亩均税收30万元/亩
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUM_START = r"(?<![\d.A-Za-z第〔\[(（])"
# one number, with 余/多 between it and its unit (3000余家)
QUANTITY_RE = re.compile(rf"{_NUM_START}(?P<v>{_NUMBER})(?P<infix>余|多)?\s*(?P<unit>{_UNIT})?")
# a range: 2—3条, 5%-6%, 10至15场
_RANGE_RE = re.compile(rf"{_NUM_START}(?P<v>{_NUMBER})\s*(?P<u1>{_UNIT})?\s*(?:[-—–~～]+|至|到)\s*"
                       rf"(?P<v2>{_NUMBER})\s*(?P<unit>{_UNIT})")

# comparator words right before a number; ``shown`` ones stay in the target's label
_PREFIXES: dict[str, tuple[str, bool]] = {
    **{w: ("more_than", True) for w in ("超过", "超出", "高于", "突破", "逾", "超", "多于", "大于", ">")},
    **{w: ("at_least", True) for w in ("不少于", "不低于", "不小于", "至少", "≥")},
    **{w: ("at_least", False) for w in ("达到", "达", "提高到", "提高至", "提升到", "提升至", "增加到",
                                        "增加至", "增至", "增长到", "增长至", "扩大到", "扩大至", "力争")},
    **{w: ("at_most", True) for w in ("不超过", "不高于", "不多于", "不大于", "控制在", "低于", "小于",
                                      "少于", "≤", "<")},
    **{w: ("at_most", False) for w in ("降至", "降到", "降低到", "降低至", "下降到", "下降至", "压减至",
                                       "压减到", "压缩至", "压缩到", "缩短至", "缩短到")},
    **{w: ("about", True) for w in ("约", "近", "大约", "保持在", "稳定在")},
}
_PREFIX_WORDS = sorted(_PREFIXES, key=len, reverse=True)
# a change rather than a level: 增长8%, 提高0.2个百分点 (at least that much change)
_CHANGE_VERBS = ("增长", "增加", "提高", "提升", "下降", "降低", "减少", "扩大", "压减", "压缩", "缩短", "翻")
_SUFFIXES = {"及以上": "at_least", "以上": "at_least", "左右": "about", "上下": "about", "以下": "at_most",
             "以内": "at_most", "之内": "at_most"}
_SUFFIX_RE = re.compile(r"\s*(" + "|".join(sorted(_SUFFIXES, key=len, reverse=True)) + ")")
_INFIXES = {"余": "about", "多": "about"}

SENTENCE_DELIMS = "。；;！!？?\n"
_SEGMENT_DELIMS = "，,；;。：:！!？?\n"
_BOUNDARY_RE = re.compile(r"\s*(?:[（(][^（）()\n]{1,10}[）)])?\s*(?=$|[，,；;。：:、！!？?)）\n]|和|及|与)")
_POST_DELIMS = "，,；;。：:、！!？?\n"  # where the noun after a number ends
COMMITMENT_RE = re.compile(r"力争|争取|确保|达到|目标|(?<![截止])[到至]\d{4}年|每年|年均|预期|今年|全年|实现")
# the words that open a goal again after the present state (not 达到, which also reports)
_LEAD_RE = re.compile(r"力争|争取|确保|目标|(?<![截止])[到至]\d{4}年|预期|今年|每年|年均")
_GOAL_LIST_RE = re.compile(r"预期目标|主要目标|目标是|目标为")  # a list of expected values on one line
# 每年, 年均; 年新增 (but not 三年新增, 今年新增)
_PER_YEAR_RE = re.compile(r"每年|年均|每年度|(?<![\d一二三四五六七八九十两几今全去前明当上近本])年(?:增长|新增|引进|培育|招引|举办)")
_THIS_YEAR_RE = re.compile(r"今年|全年|年度")  # per year unless the sentence names a target year
_PLAN_PERIOD_RE = re.compile(r"累计|[到至]\d{4}年")
# the present state: 现有…1254家, 2025年已达…, 截至2025年底…, 去年…增长6.1%
_PRESENT_RE = re.compile(r"已|现有|目前|当前|截至|截止|去年|过去|共有|同比|以来|年来|上年度|上一年度"
                         r"|(?:实现|完成|达到|增长|建成|新增|引进|培育|突破|超过)了")  # 五年来, 增长了
# a condition to apply for support (申报企业…营业收入不低于2000万元), not a goal
_CONDITION_RE = re.compile(r"申报(?!量)|申请(?!量)|门槛|准入")
# a year that dates a figure (not 到2027年, 较2023年, 2025年底前)
_YEAR_RE = re.compile(r"(?<![到至较比从\d])(?<![^关]于)(\d{4})年(?!度?(?:底|末)?(?:之)?前)")  # 关于2024年的工作 dates
# an amount that defines a kind of firm or project: 主营业务收入2000万元以上工业企业
_THRESHOLD_NOUN_RE = re.compile(r"\s*(?:的)?[\u4e00-\u9fff]{0,4}?(?:企业|项目|单位)")
_INCENTIVE_RE = re.compile(r"给予|奖励|补助|补贴|资助|奖补|贴息|一次性|最高")
_INDEX_RE = re.compile(r"指数|系数|PUE|得分|评分|分值|指标值", re.I)
_SCOPE_RE = re.compile(r"^(?:(?:到|至|截至)\d{4}年(?:底|末)?|全市|全省|全区|全县|市本级|每年度|每年|年均|全年|今年"
                       r"|力争|争取|确保|累计|其中|另外)+")
_VERBS = ("新增", "新建", "建成", "建设", "培育", "引育", "引培", "引进", "招引", "集聚", "开展", "举办",
          "遴选", "发布", "支持", "解决", "设立", "打造", "开通", "形成", "实现", "认定", "创建", "攻克",
          "编制", "组建", "布局", "规划", "达到", "新开工", "实施", "推动", "带动", "吸引", "服务",
          "改造", "引导", "评选", "创成", "争创", "建立", "搭建", "制定", "推广", "开设", "增设", "招募",
          "孵化", "储备", "部署", "安装")  # not 培训, 转化: nouns as often (专题培训20场)
VERB_RE = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
_VERB_AT_END_RE = re.compile("(?:" + VERB_RE.pattern + r")\s*$")  # 打造|30个示范工厂
# verbs that follow what they count: 首批100个示范社区全面建成, 60%的社区建成…
_AFTER_NOUN_VERB_RE = re.compile(r"建成|完成|实现|达到|覆盖|投用|投运|投产|落地|开工|竣工|上线|获批|获评|入驻|入选|上市|挂牌")
_TRAILING_COMPARATOR_RE = re.compile("(?:" + "|".join(map(re.escape, _PREFIX_WORDS)) + r"|为|是)\s*$")
_CHANGE_ONLY_RE = re.compile(r"(?:年均|每年|累计)?(?:" + "|".join(_CHANGE_VERBS) + r")?(?:速|幅|率)?")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_ANNUAL_TITLE_RE = re.compile(r"(?<![\d—\-–~～至])\d{4}年度?.{0,30}(重点工作|工作要点|工作计划|工作安排|工作报告|发展计划|预期目标)"
                              r"|政府工作报告|今年|[（(]\d{4}年版?[）)]")  # 若干政策(2025年版)


def is_annual_title(title: str | None) -> bool:
    """A year's work (2026年市政府重点工作, 2025年…国民经济和社会发展计划, 政府工作报告):
    its targets are for that year.

    >>> is_annual_title("2026年市政府重点工作"), is_annual_title("某市三年行动方案(2026—2028年)")
    (True, False)
    >>> is_annual_title("2024—2026年某市低空经济发展计划")
    False
    """
    return bool(title and _ANNUAL_TITLE_RE.search(title))


# --------------------------------------------------------------------------- numbers


@dataclass(frozen=True)
class _Quantity:
    value: float
    value_max: float | None  # a range's upper end
    unit: str  # "" when none
    infix: str  # 余 / 多 between number and unit, else ""
    start: int  # first digit
    end: int  # after the unit


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def _quantities(text: str) -> list[_Quantity]:
    """Every number of ``text`` with its unit, a range (2—3条, 5%-6%) read as one quantity.
    A number inside an odd range (3-2条) or a span of years (2024—2026年) is dropped."""
    out: list[_Quantity] = []
    pos = 0
    while (m := QUANTITY_RE.search(text, pos)) is not None:
        r = _RANGE_RE.match(text, m.start())
        u1 = r.group("u1") if r else None  # 2—3条, 5%-6%, 10万—20万元
        if r and (not u1 or u1 == r.group("unit") or (u1 in _MAGNITUDES and r.group("unit").startswith(u1))):
            low, high = _number(r.group("v")), _number(r.group("v2"))
            if low < high:
                out.append(_Quantity(low, high, _unit(r.group("unit")), "", r.start("v"), r.end()))
            pos = r.end()
            continue
        pos = max(m.end(), m.start() + 1)
        in_range = (re.search(r"\d\s*[-—–~～]\s*$", text[max(0, m.start() - 6):m.start()])
                    or re.match(r"\s*(?:[-—–~～]|至|到)\s*\d", text[m.end():]))
        if not in_range:
            out.append(_Quantity(_number(m.group("v")), None, _unit(m.group("unit") or ""),
                                 m.group("infix") or "", m.start("v"), m.end()))
    return out


def _unit(unit: str) -> str:
    return "%" if unit == "％" else unit


def _prefix(text: str, start: int) -> str | None:
    """The comparator word right before ``start`` (达到, 不少于, 超 …), if any."""
    before = text[max(0, start - 5):start].rstrip()
    return next((p for p in _PREFIX_WORDS if before.endswith(p)), None)


def _is_change(text: str, start: int) -> bool:
    """增长8%, 提高0.2个百分点: the number is a change."""
    return text[max(0, start - 3):start].rstrip().endswith(_CHANGE_VERBS)


_REACH = 600  # no phrase or sentence is read further than this from its number (keeps long texts linear)


def _delim_before(text: str, at: int, delims: str) -> int:
    """Just after the last of ``delims`` before ``at`` (at most ``_REACH`` back)."""
    lo = max(0, at - _REACH)
    i = max(text.rfind(d, lo, at) for d in delims)
    return i + 1 if i >= 0 else lo


def _delim_after(text: str, at: int, delims: str) -> int:
    """The first of ``delims`` at or after ``at`` (at most ``_REACH`` on), else that far."""
    hi = min(len(text), at + _REACH)
    ends = [i for i in (text.find(d, at, hi) for d in delims) if i >= 0]
    return min(ends) if ends else hi


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of the sentence (up to 。；！？ or a line end) around ``text[start:end]``."""
    return _delim_before(text, start, SENTENCE_DELIMS), _delim_after(text, end, SENTENCE_DELIMS)


def is_present_state(text: str, sent_start: int, start: int, since: int | None = None) -> bool:
    """现有…1254家, 2025年已达…: a present-state word (or, with ``since``, a year before
    the document's first year that is no deadline: 2023年,…达到50亿元) comes after the
    sentence's last commitment word (目前已有1254家,力争到2027年达到2000家 commits again)."""
    present = list(_PRESENT_RE.finditer(text, sent_start, start))
    if since:
        present += [m for m in _YEAR_RE.finditer(text, sent_start, start) if int(m.group(1)) < since]
        present.sort(key=lambda m: m.start())
    if not present:
        return False
    commits = list(_LEAD_RE.finditer(text, sent_start, start))
    return not commits or commits[-1].start() < present[-1].start()


def _is_incentive(text: str, q: _Quantity, seg_start: int) -> bool:
    """给予最高200万元奖励, 按投资额的10%给予补助: support a measure pays, not a goal."""
    seg_end = _delim_after(text, q.end, _SEGMENT_DELIMS)
    if _INCENTIVE_RE.search(text, seg_start, seg_end):
        return True
    sent = _delim_before(text, q.start, SENTENCE_DELIMS), _delim_after(text, q.end, SENTENCE_DELIMS)
    if "给予" in text[sent[0]:sent[1]]:
        return True  # 对年度产值增长20%以上的企业,给予10万元奖励: the terms of an award
    return q.unit.endswith("元") and bool(_INCENTIVE_RE.search(text, *sent))


def _is_cut(text: str, q: _Quantity) -> bool:
    """A copy cut inside the comparator (…5家以) or after a magnitude (…突破50亿): the
    comparator or the unit may be lost."""
    if len(text) - q.end > 8:
        return False
    rest = text[q.end:].strip()
    if not rest and q.unit in _MAGNITUDES:
        return True
    return 0 < len(rest) < 3 and any(s.startswith(rest) and s != rest for s in _SUFFIXES)


# --------------------------------------------------------------------------- one number


@dataclass
class _Around:
    """The words around a number: its comparator words, where its phrase ends."""

    prefix: str | None
    change: bool
    suffix: str | None
    end: int  # after the unit and the suffix
    boundary: bool  # the phrase ends after the number (else a noun follows: 建成30个工厂)
    sent_start: int
    seg_start: int
    continues: bool = False  # an item of a list after one verb: 引进人才1000名、技能人才5000名


def _around(text: str, q: _Quantity, last_end: int) -> _Around:
    prefix = _prefix(text, q.start)
    suffix = _SUFFIX_RE.match(text, q.end)
    end = suffix.end() if suffix else q.end
    boundary = _BOUNDARY_RE.match(text, end)
    if boundary:
        end = boundary.end()
    expr_start = text.rfind(prefix, 0, q.start) if prefix else q.start  # 达到\n200个: a wrapped line
    seg_start = _delim_before(text, expr_start, _SEGMENT_DELIMS)
    continues = last_end > seg_start
    if continues:  # a list after one verb: 建成A 3个、B 5个
        seg_start = last_end
        while seg_start < expr_start and text[seg_start] in "、和及与 ":
            seg_start += 1
    return _Around(prefix, prefix is None and _is_change(text, q.start), suffix.group(1) if suffix else None,
                   end, bool(boundary), _delim_before(text, q.start, SENTENCE_DELIMS), seg_start, continues)


def _commits(text: str, q: _Quantity, a: _Around, goals: bool, *, verb: bool = True) -> bool:
    """The sentence states a goal: 力争, 到2027年, 目标 anywhere before the number up to the
    last 。 (one lead covers items split by ;), a line of expected values (预期目标是:…), a
    goals section or a year's work document (``goals``), or (``verb``) a verb such as 建成
    in the phrase."""
    line_start = text.rfind("\n", 0, q.start) + 1
    lead_start = _lead_start(text, q.start)
    return bool(goals or a.continues or COMMITMENT_RE.search(text, lead_start, q.start)
                or (verb and VERB_RE.search(text, a.seg_start, q.start))
                or _GOAL_LIST_RE.search(text, line_start, q.start))


@dataclass(frozen=True)
class _Context:
    """What the clause's place in its document says: a year's work (``annual``), a goals
    section (``goals``), the document's first year (``since``: figures of earlier years
    are the present state)."""

    annual: bool = False
    goals: bool = False
    since: int | None = None


def _lead_start(text: str, at: int, stops: str = "。！!？?") -> int:
    """Where the sentence holding ``at`` starts, for its lead words: after the last of
    ``stops``, or after a line end that closes a sentence (。；：, a blank line); a line a
    copy wrapped mid-sentence (…相关企业\n150家) belongs to the sentence above."""
    start = _delim_before(text, at, stops)
    nl = text.rfind("\n", start, at)
    while nl >= 0:
        i = nl - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i < 0 or text[i] in "。；;：:！!？?\n":
            return nl + 1
        nl = text.rfind("\n", start, nl)
    return start


def _comparator(text: str, q: _Quantity, a: _Around, ctx: _Context) -> str | None:
    """``at_least`` / ``more_than`` / ``about`` / ``at_most`` / ``between`` from the words
    around the number, or ``None`` when the number is no target."""
    if is_present_state(text, _lead_start(text, q.start, "。；;！!？?"), q.start, ctx.since) \
            or _is_incentive(text, q, a.seg_start):
        return None
    if _CONDITION_RE.search(text, a.sent_start, _delim_after(text, q.end, SENTENCE_DELIMS)):
        return None
    goals = ctx.goals or ctx.annual
    if q.value_max is not None:
        return "between" if _commits(text, q, a, goals) else None
    prefix = _PREFIXES[a.prefix][0] if a.prefix else None
    if prefix == "more_than":
        return prefix  # 超过…以上 is more than
    commits = _commits(text, q, a, goals)
    word = (_SUFFIXES[a.suffix] if a.suffix else None) or prefix or (_INFIXES.get(q.infix) if commits else None)
    if not q.unit:  # an index: 指数达到85, PUE低于1.3; never the last words of a cut copy
        ends = re.match(r"\s*[，,；;。：:、！!？?)）\n]", text[a.end:a.end + 8])
        if not (ends and _INDEX_RE.search(text, a.seg_start, q.start)):
            return None
        return word or ("at_least" if a.change and commits else None)
    if a.boundary:
        return word or ("at_least" if commits else None)
    # a noun follows: 建成200个左右起降场 (comparator) or 打造30个示范工厂 (verb, committing)
    # or 首批100个示范社区全面建成 (the verb after its noun), in a sentence that commits
    if word:
        return word
    before = text[a.seg_start:q.start]
    post = text[a.end:_delim_after(text, a.end, _SEGMENT_DELIMS)]
    verb_before = _VERB_AT_END_RE.search(before)
    if _commits(text, q, a, goals, verb=False) and (verb_before or _AFTER_NOUN_VERB_RE.search(post)):
        return "at_least"
    return None


def _metric_start(segment: str, seg_offset: int) -> int:
    """Offset where the metric begins inside ``segment``: after the scope words (全市, 每年,
    力争, 到2026年 …) and, when a verb introduces what is counted (…在常高校设立 X), at the
    last verb group (遴选发布) that is followed by a noun."""
    scope = _SCOPE_RE.match(segment)
    start = scope.end() if scope else 0
    verbs = list(VERB_RE.finditer(segment, start))
    for v in reversed(verbs):
        tail = _TRAILING_COMPARATOR_RE.sub("", segment[v.end():]).strip()
        if len(tail) < 2:
            continue
        vstart = v.start()
        for w in reversed(verbs):  # 遴选发布: extend over a verb right before it
            if w.end() == vstart:
                vstart = w.start()
        return seg_offset + vstart
    return seg_offset + start


def _previous_metric(text: str, seg_start: int) -> str:
    """目前已有高新技术企业1254家,力争到2027年达到2000家: the noun of the phrase before
    (of the one before that when the phrase before is only a number: 起降点\n50个,…)."""
    prev = ""
    for _ in range(3):
        if seg_start < 2 or prev:
            break
        start = _delim_before(text, seg_start - 1, _SEGMENT_DELIMS)
        prev = re.split(r"\d", text[start:seg_start - 1], maxsplit=1)[0]
        seg_start = start
    prev = _SCOPE_RE.sub("", re.sub(r"^(?:目前|当前|现有|已有|已|全市|全省|全区)+", "", prev))
    while (stripped := _TRAILING_COMPARATOR_RE.sub("", prev).strip()) != prev:  # 规模力争突破
        prev = stripped
    return prev


def _post(text: str, a: _Around, unit: str) -> tuple[str, int] | None:
    """The noun after a number that comes before it (建成30个|示范工厂), up to the end of
    the phrase; ``None`` when the number only qualifies that noun (1亿元以上的企业,
    超100亿元或10亿美元项目, 1亿元以上项目30个)."""
    if a.boundary:
        return "", a.end
    post_end = _delim_after(text, a.end, _POST_DELIMS)
    post = text[a.end:post_end]
    share = unit == "%" and not a.change and post.lstrip().startswith("的")  # 60%的社区: a share of the noun
    if unit.endswith("元") and _THRESHOLD_NOUN_RE.match(post):
        return None  # 2000万元以上工业企业: a kind of firm
    if unit in ("分钟", "小时", "天", "公里", "千米") and re.match(r"\s*[\u4e00-\u9fff]{0,6}圈", post):
        return None  # 15分钟生活圈, 1小时通勤圈: a name (but 建成100个社区生活圈 counts)
    if (re.match(r"\s*(?:的|或|之间|级)", post) and not share) or any(q.unit for q in _quantities(post)):
        return None
    return post, post_end


def _period(text: str, q: _Quantity, annual: bool) -> str:
    """``per_year`` for 每年/年均/今年 in the phrase (one 每年 covers a list joined by 、),
    or in a year's work document unless the phrase says 累计 or 到2027年."""
    comma = _delim_before(text, q.start, _SEGMENT_DELIMS)
    if _PER_YEAR_RE.search(text, comma, q.start):
        return "per_year"
    sent_start = _delim_before(text, q.start, SENTENCE_DELIMS)
    if _THIS_YEAR_RE.search(text, sent_start, q.start) and not _PLAN_PERIOD_RE.search(text, sent_start, q.start):
        return "per_year"  # 今年新开工…, not 到2027年,全年实现…
    line_start = text.rfind("\n", 0, q.start) + 1
    goal_list = _GOAL_LIST_RE.search(text, line_start, q.start)
    if goal_list and _THIS_YEAR_RE.search(text, line_start, goal_list.start()):
        return "per_year"  # 今年…主要预期目标是:…
    if annual and not _PLAN_PERIOD_RE.search(text, comma, q.start):
        return "per_year"
    return "plan_period"


def _label(metric: str, expr: str) -> str:
    """A short readable name: the metric without its leading verbs, then the value."""
    short = metric
    vm = VERB_RE.match(short)
    while vm and len(short) - vm.end() >= 2:
        short = short[vm.end():]
        vm = VERB_RE.match(short)
    return f"{short} {expr}"


def _target_at(text: str, q: _Quantity, last_end: int, ctx: _Context) -> TargetDraft | None:
    """The target stated by the number ``q`` of ``text``, or ``None``."""
    a = _around(text, q, last_end)
    if _is_cut(text, q):
        return None
    comparator = _comparator(text, q, a, ctx)
    if comparator is None:
        return None
    post = _post(text, a, q.unit)
    if post is None:
        return None
    post_text, end = post
    expr_start = text.rfind(a.prefix, 0, q.start) if a.prefix else q.start
    mstart = _metric_start(text[a.seg_start:expr_start], a.seg_start)
    pre = _TRAILING_COMPARATOR_RE.sub("", text[mstart:expr_start]).strip()
    metric = (pre + post_text.lstrip().removeprefix("的")).strip().lstrip("●•▪◆►▶★■□ ")  # a list item's bullet
    if not metric or _CHANGE_ONLY_RE.fullmatch(metric):  # …规模突破1000亿元,年均增长15%
        own = _TRAILING_COMPARATOR_RE.sub("", text[a.seg_start:expr_start]).strip()
        metric = _previous_metric(text, a.seg_start) + (own if _CHANGE_ONLY_RE.fullmatch(own) else metric)
    if not metric:
        return None
    # the phrase keeps the scope words when they are all that comes before the metric
    scope = _SCOPE_RE.match(text[a.seg_start:mstart])
    pstart = a.seg_start if scope and scope.end() == mstart - a.seg_start else mstart
    end = end if post_text else a.end
    while end > pstart and text[end - 1].isspace():
        end -= 1
    shown = a.prefix if a.prefix and _PREFIXES[a.prefix][1] else ""
    expr = (shown + text[q.start:q.end] + (a.suffix or "")).replace(" ", "")
    return TargetDraft(metric=metric, value=q.value, unit=q.unit, comparator=comparator,
                       period=_period(text, q, ctx.annual), phrase=text[pstart:end], name=_label(metric, expr),
                       start=pstart, end=end, value_max=q.value_max)


def extract_targets(clause_text: str, *, annual: bool = False, goals: bool = False,
                    since: int | None = None) -> list[TargetDraft]:
    """The quantitative targets of a clause, in text order (see the module docstring).

    ``annual``: the clause belongs to a year's work document (:func:`is_annual_title`), so
    its targets are ``per_year`` and its expected values need no 力争/到20XX年 to commit;
    ``goals``: the clause is a goals section (主要目标), so its numbers need no such word either;
    ``since``: the document's first year (2024 for a 2024—2026 plan), so a figure dated
    before it (2023年,…达到50亿元) is the present state.
    Offsets (``start``/``end``) are offsets in ``clause_text``; full-width digits count as
    digits."""
    text = clause_text.translate(_FULL_WIDTH_DIGITS)
    tables = table_targets(text, annual=annual, since=since)
    masked = _mask_tables(text, since)
    out: list[TargetDraft] = list(tables)
    last_end = 0
    for q in _quantities(masked):
        if q.start < last_end:
            continue
        t = _target_at(masked, q, last_end, _Context(annual, goals, since))
        if t is not None:
            t = _with_phrase(t, clause_text)
            out.append(t)
            last_end = t.end
    return sorted(out, key=lambda t: t.start)


def _with_phrase(t: TargetDraft, original: str) -> TargetDraft:
    """The phrase as printed (full-width digits kept)."""
    from dataclasses import replace
    return replace(t, phrase=original[t.start:t.end])


# --------------------------------------------------------------------------- tables

_CELL_SEP_RE = re.compile(r"\s*[|｜\t]\s*")
_TARGET_COLUMN_RE = re.compile(r"目标|预期|规划值|力争|计划")
_METRIC_COLUMN_RE = re.compile(r"指标|名称|项目|内容")
_UNIT_IN_NAME_RE = re.compile(r"\s*[（(]\s*(" + _UNIT + r")\s*[）)]\s*$")
_CELL_RANGE_RE = re.compile(rf"(?P<v>{_NUMBER})\s*(?P<u1>{_UNIT})?\s*(?:[-—–~～]+|至)\s*(?P<v2>{_NUMBER})\s*(?P<unit>{_UNIT})?")
_CELL_VALUE_RE = re.compile(r"(?P<cmp>" + "|".join(map(re.escape, _PREFIX_WORDS)) + r")?\s*(?P<v>" + _NUMBER
                            + r")\s*(?P<unit>" + _UNIT + r")?\s*(?P<suffix>" + "|".join(_SUFFIXES) + r")?")


def _table_lines(text: str) -> list[list[tuple[int, int, list[str]]]]:
    """Runs of table rows: lines of three or more cells split by ``|`` or tabs, as
    ``(line start, line end, cells)``; a Markdown rule line (|---|---|) is skipped."""
    blocks: list[list[tuple[int, int, list[str]]]] = []
    run: list[tuple[int, int, list[str]]] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        if run and re.fullmatch(r"\s*[|｜]?[-:\s|｜]*-[-:\s|｜]*", line):
            continue
        cells = _CELL_SEP_RE.split(line.strip().strip("|｜").strip())
        if len(cells) >= 3:
            run.append((start, start + len(line), cells))
            continue
        if run:
            blocks.append(run)
        run = []
    if run:
        blocks.append(run)
    return blocks


def _mask_tables(text: str, since: int | None = None) -> str:
    """``text`` for the sentence rules (offsets kept): the rows of a table of targets
    blanked (:func:`table_targets` reads them), the cells of any other table split like
    phrases (a task table's 培育企业100家以上 is still read)."""
    chars = list(text)
    for block in _table_lines(text):
        targets = _columns(block[0][2], since) is not None
        for start, end, _ in block:
            for i in range(start, end):
                if targets:
                    chars[i] = " "
                elif chars[i] in "|｜\t":
                    chars[i] = "；"
    return "".join(chars)


def _columns(header: list[str], since: int | None = None) -> tuple[int, int, int | None] | None:
    """``(metric column, target column, unit column)`` of a header row, or ``None`` when
    no column holds targets (a table of past figures).  The target column is the last one
    named 目标 (目标值, 2027年目标, 预期), else the last year column when it lies after the
    document's first year ``since`` (2023年 | 2026年 in a 2024—2026 plan)."""
    targets = [i for i, c in enumerate(header) if _TARGET_COLUMN_RE.search(c)]
    years = [(i, int(m.group(1))) for i, c in enumerate(header) if (m := re.fullmatch(r"(\d{4})\s*年?(?:底|末)?", c))]
    if not targets and since and len(years) >= 2 and years[-1][1] > since:
        targets = [years[-1][0]]
    if not targets:
        return None
    metric = next((i for i, c in enumerate(header) if _METRIC_COLUMN_RE.search(c)), None)
    if metric is None:
        metric = next(i for i, c in enumerate(header) if not re.fullmatch(r"序号|编号|\d*", c))
    unit = next((i for i, c in enumerate(header) if re.fullmatch(r"单位|计量单位", c)), None)
    return metric, targets[-1], unit


def _cell_value(cell: str) -> tuple[float, float | None, str, str] | None:
    """``(value, value_max, unit, comparator)`` of a table cell: 1500, ≥90, 100以上, 约20,
    50—60, 300亿元; ``None`` for anything else (—, 预期性, text)."""
    r = _CELL_RANGE_RE.fullmatch(cell)
    if r and _number(r.group("v")) < _number(r.group("v2")):
        return _number(r.group("v")), _number(r.group("v2")), r.group("unit") or r.group("u1") or "", "between"
    m = _CELL_VALUE_RE.fullmatch(cell)
    if not m:
        return None
    word = m.group("cmp")
    comparator = _SUFFIXES.get(m.group("suffix") or "") or (_PREFIXES[word][0] if word else None) or "at_least"
    return _number(m.group("v")), None, m.group("unit") or "", comparator


def table_targets(text: str, *, annual: bool = False, since: int | None = None) -> list[TargetDraft]:
    """Targets in a table: the value of each row in its target column (:func:`_columns`);
    the unit from a 单位 column, the indicator's brackets (规模(亿元)) or the cell;
    ≥/以上/左右 or a range in the cell as comparator (else ``at_least``); ``per_year`` for
    年均/每年 in the indicator or a year's work document.

    >>> [(t.metric, t.value, t.unit) for t in table_targets("指标 | 现状 | 目标值\\n起降场(个) | 12 | 100\\n")]
    [('起降场', 100.0, '个')]
    """
    out: list[TargetDraft] = []
    for block in _table_lines(text):
        cols = _columns(block[0][2], since)
        if cols is None:
            continue
        mcol, tcol, ucol = cols
        for start, end, cells in block[1:]:
            value = _cell_value(cells[tcol].strip()) if max(mcol, tcol) < len(cells) else None
            if value is None:
                continue
            name = cells[mcol].strip()
            in_name = _UNIT_IN_NAME_RE.search(name)
            metric = name[:in_name.start()] if in_name else name
            unit = ((cells[ucol].strip() if ucol is not None and ucol < len(cells) else "")
                    or (in_name.group(1) if in_name else "") or value[2])
            period = "per_year" if annual or _PER_YEAR_RE.search(metric) else "plan_period"
            out.append(TargetDraft(metric=metric, value=value[0], unit=_unit(unit), comparator=value[3],
                                   period=period, phrase=text[start:end].strip(), name=f"{metric} {cells[tcol].strip()}",
                                   start=start, end=end, value_max=value[1]))
    return out
