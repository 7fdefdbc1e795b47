"""Policy documents → Document, Clause and Target rows of the graph.

Pure Python, no database access.  The pipeline is::

    text = read_text(path)                       # .txt (UTF-8, BOM, GBK/GB18030) or .docx
    parsed = parse_document(text, source_url=url, path=path)
    rows = document_rows(parsed, entities)       # nodes, relationships, candidates

``parse_document`` strips web-page chrome, reads the header fields of a government
information page (信息名称, 文件编号, 发布机构, 索引号, 生成日期, 公开日期 …), the notice,
the body title, the sections (``一、``) and the clauses (``1.``, ``（一）``, ``(1)`` or
``第一条`` — whichever numbering is the level below the sections) and, in every clause,
the quantitative targets (:func:`ingest.document_targets.extract_targets`: rule tables of
units, comparator words, present-state and incentive words, read per clause with what the
document says of it — a year's work, a goals section, the first year it covers).

Every piece of body text under a section lands in a clause: numbered clauses as printed,
and text that comes before a section's first numbered clause (or a whole section that has
none) forms an *unnumbered* clause named after the section.  Text before the first
section is the document's preamble.  Clauses are numbered ``n = 1, 2, …`` across the
document; in a document whose clauses are numbered continuously (常政办发〔2026〕7号)
``n`` is the printed number.

Ids: the Document id is its 文件编号 when the document has one, else a slug of its title;
a Clause id is ``f"{document_id}#{n}"``; a Target id is ``f"{clause_id}/t{k}"``.
Every node and relationship carries ``source`` (the clause id for facts of a clause, the
URL or file path for the Document) and ``confidence='stated'``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from graph import model
from ingest.normalize import DecodeError, decode_text
from ingest.document_targets import (COMMITMENT_RE, QUANTITY_RE, VERB_RE, TargetDraft,
                                     extract_targets, is_annual_title, is_present_state, sentence_bounds)

__all__ = [
    "DocumentError",
    "TargetDraft",
    "Clause",
    "Section",
    "ParsedDocument",
    "DocumentRows",
    "read_text",
    "parse_document",
    "extract_targets",
    "find_mentions",
    "find_candidates",
    "find_ambiguous_numbers",
    "document_rows",
    "normalize_date",
    "normalize_name",
    "slugify",
    "strip_chrome",
]

CONFIDENCE = "stated"


class DocumentError(Exception):
    """A document that cannot be read: missing, empty, undecodable or of an unknown kind.
    The message starts with the path: ``f"{path}: reason"``."""


# --------------------------------------------------------------------------- reading

_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def read_text(path: str | Path) -> str:
    """The text of a ``.txt`` file (UTF-8 with or without BOM, UTF-16 with BOM, or
    GBK/GB18030), of a ``.docx`` file (paragraphs in document order, one line each; a
    table row as one line of cells split by `` | ``, a one-column table as paragraphs) or of a ``.pdf`` file (its text layer, page by page; no OCR, so a
    scanned PDF without text is an error).  Line ends become ``\\n``.  Raises :class:`DocumentError` when the
    file is missing, unreadable, of another kind, or holds no text."""
    p = Path(path)
    if not p.is_file():
        raise DocumentError(f"{path}: no such file")
    suffix = p.suffix.lower()
    if suffix == ".docx":
        text = _read_docx(p)
    elif suffix == ".pdf":
        text = _read_pdf(p)
    elif suffix in _TEXT_SUFFIXES:
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise DocumentError(f"{path}: cannot read ({exc.strerror or exc})") from exc
        text = _document_text(data, path)
    else:
        raise DocumentError(f"{path}: unsupported file type {suffix!r} (use .txt, .docx or .pdf)")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    if not text.strip():
        raise DocumentError(f"{path}: empty document")
    return text


def _document_text(data: bytes, path: str | Path) -> str:
    """A text file's text (:func:`ingest.normalize.decode_text`), or one line that says why not."""
    if not data.strip():
        raise DocumentError(f"{path}: empty document")
    try:
        return decode_text(data)
    except DecodeError as e:
        raise DocumentError(f"{path}:{e.line}: {e.reason}") from None


def _read_pdf(p: Path) -> str:
    """The text layer of a PDF through pypdf (pure Python, maintained; text only, no OCR)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise DocumentError(f"{p}: pypdf is not installed") from exc
    try:
        reader = PdfReader(str(p))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, OSError, ValueError) as exc:
        raise DocumentError(f"{p}: not a readable .pdf ({exc.__class__.__name__})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(f"{p}: the PDF has no text layer (scanned? OCR is not supported)")
    return text


def _read_docx(p: Path) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - python-docx is a dependency
        raise DocumentError(f"{p}: python-docx is not installed") from exc
    try:
        document = docx.Document(str(p))
    except Exception as exc:  # python-docx raises several kinds for a bad package
        raise DocumentError(f"{p}: not a readable .docx ({exc.__class__.__name__})") from exc

    lines: list[str] = []

    def walk(parent_element, parent) -> None:
        for child in parent_element.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.append(Paragraph(child, parent).text)
            elif tag == "tbl":
                for row in Table(child, parent).rows:
                    cells, seen = [], set()
                    for cell in row.cells:
                        if id(cell._tc) not in seen:  # a merged cell is listed once per grid column
                            seen.add(id(cell._tc))
                            cells.append(cell)
                    if len(cells) == 1:  # a one-column table (a letterhead) reads as paragraphs
                        walk(cells[0]._tc, cells[0])
                    else:  # a row of a table of targets: cells split by | as in a text copy
                        lines.append(" | ".join(" ".join(p.text.strip() for p in c.paragraphs).strip()
                                                for c in cells))
            elif tag == "sdt":  # content controls wrap paragraphs and tables
                content = child.find("{*}sdtContent")
                if content is not None:
                    walk(content, parent)

    walk(document.element.body, document)
    return "\n".join(lines)


# --------------------------------------------------------------------------- data classes


@dataclass
class Clause:
    number: int  # running number across the document, 1-based
    label: str  # the printed number ("3", "一" for （一）), or the section's for unnumbered text
    style: str  # "arabic", "paren_cn", "paren_arabic", "article" or "section" (unnumbered)
    id: str
    document_id: str
    section_no: int | None
    section: str | None  # section title
    title: str
    text: str  # full text of the clause, without its printed number
    targets: list[TargetDraft] = field(default_factory=list)

    @property
    def numbered(self) -> bool:
        return self.style != "section"

    @property
    def name(self) -> str:
        """E.g. ``3. 夯实平台支撑``, ``（一）产业集聚效应增强``, ``二、工作目标``."""
        if self.style == "arabic":
            return f"{self.label}. {self.title}"
        if self.style in ("paren_cn", "paren_arabic"):
            return f"（{self.label}）{self.title}"
        if self.style == "article":
            return f"第{self.label}条 {self.title}"
        return f"{self.label}、{self.title}" if self.label else self.title


@dataclass
class Section:
    number: int  # running number, 1-based
    label: str  # printed number, e.g. "一"
    title: str  # e.g. "名园筑基:构建空间载体与资源枢纽"
    name: str  # the short name before the colon, e.g. "名园筑基"
    clause_numbers: list[int] = field(default_factory=list)


@dataclass
class ParsedDocument:
    id: str
    title: str | None  # 信息名称 / 文件名称, else the notice title, else the body title
    body_title: str | None  # the title above the body, e.g. "常州市…三年行动方案(2026—2028年)"
    number: str | None  # 文件编号
    issuer: str | None  # 发布机构
    index_no: str | None  # 索引号
    date_issued: str | None  # 成文日期 / 生成日期, YYYY-MM-DD
    date_published: str | None  # 公开日期 / 发布日期, YYYY-MM-DD
    source_url: str | None
    path: str | None
    notice_title: str | None  # "市政府办公室关于印发…的通知"
    preamble: str  # text between the body title and the first section or clause
    header: dict[str, str] = field(default_factory=dict)  # every header field as printed
    sections: list[Section] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.body_title or self.title or self.id

    @property
    def source(self) -> str | None:
        return self.source_url or self.path

    @property
    def targets(self) -> list[tuple[Clause, TargetDraft]]:
        return [(c, t) for c in self.clauses for t in c.targets]


@dataclass
class DocumentRows:
    nodes: dict[str, list[dict]]  # label -> property dicts
    rels: list[dict]  # {"type", "from_label", "from_id", "to_label", "to_id", "source", "confidence"}
    candidates: list[dict]  # {"text", "clause_id", "document_id"}


# --------------------------------------------------------------------------- small helpers

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_int(s: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; digit strings too."""
    s = s.strip()
    if not s:
        return None
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def _cn_year(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if all(ch in _CN_DIGITS for ch in s):
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    return None


_DATE_RES = (
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"),
    re.compile(r"([〇零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"),
)


def normalize_date(value: str | None) -> str | None:
    """The first date in ``value`` as ``YYYY-MM-DD``: 2026-02-03, 2026-2-3, 2026/02/03,
    2026年2月3日 and 二〇二六年二月三日 are all ``2026-02-03``; ``None`` when there is none."""
    if not value:
        return None
    for rx in _DATE_RES:
        m = rx.search(value)
        if not m:
            continue
        y, mo, d = _cn_year(m.group(1)), _cn_int(m.group(2)), _cn_int(m.group(3))
        if y and mo and d and 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _norm_char(ch: str) -> str:
    o = ord(ch)
    if 0xFF01 <= o <= 0xFF5E:  # full-width ASCII forms, （） included
        ch = chr(o - 0xFEE0)
    elif o == 0x3000 or ch in "\u00a0\u2002\u2003\u2009":
        ch = " "
    low = ch.lower()
    return low if len(low) == 1 else ch


def normalize_name(text: str) -> str:
    """Full-width forms → half-width (so （） → ()), odd spaces → space, ASCII lower-cased.
    Keeps the length, so offsets in the result are offsets in ``text``."""
    return "".join(_norm_char(ch) for ch in text)


def slugify(text: str) -> str:
    """A stable id from a title: Chinese and ASCII word characters kept, everything else
    (punctuation, brackets, dashes, spaces) collapsed to ``-``."""
    t = normalize_name(unicodedata.normalize("NFKC", text))
    t = re.sub(r"[^\w+]+", "-", t)
    return t.strip("-_")


# --------------------------------------------------------------------------- web-page chrome

_BULLETS = "•·●○■□◆◇▪▫►▶-–*"

_CHROME_WORDS = (
    "领导活动 网站首页 首页 政务公开 政府信息公开 信息公开 新闻中心 新闻动态 政务服务 政民互动 互动交流 "
    "数据开放 数据发布 专题专栏 繁体版 繁體中文 简体版 简体中文 English 无障碍浏览 无障碍 长者模式 关怀版 "
    "智能问答 登录个人中心 个人中心 登录 注册 手机版 移动版 邮箱 扫描二维码 打印本页 打印 关闭窗口 关闭本页 关闭 "
    "收藏 收藏本页 返回顶部 返回 分享 扫一扫 扫一扫在手机打开当前页 相关链接 相关文章 相关阅读 正文 "
    "政策解读 视频 图片 【打印】 【关闭】 【收藏】 [打印] [关闭] [收藏] 字号 大 中 小"
).split()

_CHROME_LINE_RES = [
    re.compile(r"(您当前的位置|您现在的位置|您的位置|当前位置|所在位置)\s*[:：>].*"),
    re.compile(r"(网站)?首页\s*(>>|>|»|＞|›|/|→).*"),
    re.compile(r"(浏览次数|阅读次数|阅读量|点击数|点击量|点击率|访问量|访问次数|字号|字体|责任编辑|编辑|作者|来源|分享到|分享)\s*[:：].*"),
    re.compile(r"分享到.*"),
    re.compile(r"\d+\s*次(?:浏览|阅读)(?:\s+发布时间\s*[:：].*)?"),  # 0次浏览 发布时间:2025-04-02 15:26:00
    re.compile(r"(主办单位|主办|承办单位|承办|协办单位|协办|版权所有|技术支持|网站标识码|网站地图|联系我们|地址|联系电话|电话|传真|邮编|电子邮箱|E-?mail|ICP备案号|备案号)\s*[:：].*", re.I),
    re.compile(r".*(ICP备|公网安备|网站支持IPV6|推荐使用.*分辨率|版权所有|Copyright|免责声明|文章转载自|本文由用户上传|如有侵权).*", re.I),
    re.compile(r".{0,60}(浏览次数|阅读量|点击数)\s*[:：].{0,60}"),
    re.compile(r"[—\-–]\s*\d{1,3}\s*[—\-–]"),  # page numbers of a scanned page: — 1 —
    re.compile(r"第\s*\d+\s*页(\s*/?\s*共\s*\d+\s*页)?|共\s*\d+\s*页"),
    re.compile(r"\[[^\[\]]{1,40}\]"),  # an editor's note such as [公章位置]
    re.compile(r"(上一篇|下一篇|上一条|下一条)\s*[:：].*"),
]

_CHROME_TAIL_RE = re.compile(r"(扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】|\[打印\]|\[关闭\])+\s*$")


def _is_chrome(line: str) -> bool:
    s = line.strip().strip(_BULLETS).strip()
    if not s:
        return False
    if s in _CHROME_WORDS:
        return True
    tokens = [t for t in re.split(r"[\s|｜/【】\[\]()（）]+", s) if t]
    if tokens and all(t in _CHROME_WORDS for t in tokens):
        return True  # 【打印】 【关闭】, 打印本页 | 关闭窗口
    if len(s) <= 8 and s.startswith(("走进", "今日", "魅力")) and not re.search(r"[。，,；;]", s):
        return True  # navigation items such as 走进钟楼, 今日钟楼
    return any(rx.fullmatch(s) for rx in _CHROME_LINE_RES)


# a list of other pages after an article: it ends the article (but not as a menu item above it)
_RELATED_LIST_RE = re.compile(r"(?:相关|推荐|延伸|热门|热点)(?:文章|阅读|新闻|推荐|资讯)|猜你喜欢|上一篇[:：].*")


def strip_chrome(lines: Sequence[str]) -> list[str]:
    """The lines of a web-page copy without navigation, breadcrumb, view counters,
    print/close/share buttons, footers and page numbers (blank lines are kept); a list of
    related articles after the text (相关文章 and the headlines under it) is dropped."""
    out: list[str] = []
    for line in lines:
        if _RELATED_LIST_RE.fullmatch(line.strip()) and any(len(l) >= 60 for l in out):
            break
        if _is_chrome(line):
            continue
        line = _CHROME_TAIL_RE.sub("", line).rstrip()
        out.append(line)
    return out


# --------------------------------------------------------------------------- header fields

_HEADER_LABELS: dict[str, str] = {
    # label as printed -> field of ParsedDocument (or "" for fields only kept in ``header``)
    "信息名称": "title", "文件名称": "title", "标题": "title", "名称": "title",
    "索引号": "index_no",
    "文件编号": "number", "发文字号": "number", "文号": "number", "发文文号": "number",
    "发布机构": "issuer", "发文机构": "issuer", "发文单位": "issuer", "发布单位": "issuer",
    "发文机关": "issuer", "制发机关": "issuer",
    "生成日期": "date_issued", "成文日期": "date_issued", "产生日期": "date_issued",
    "印发日期": "date_issued", "发文日期": "date_issued",
    "公开日期": "date_published", "发布日期": "date_published", "发布时间": "date_published",
    "废止日期": "", "有效性": "", "时效性": "", "公开方式": "", "公开范围": "",
    "法定主动公开分类": "", "主动公开分类": "", "主题分类": "", "组配分类": "", "体裁分类": "",
    "服务对象分类": "", "内容概述": "", "关键词": "", "主题词": "", "公开时限": "",
}


def _spaced(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


_LABEL_RE = re.compile(
    r"(?:(?<=\s)|^)(" + "|".join(_spaced(l) for l in sorted(_HEADER_LABELS, key=len, reverse=True)) + r")\s*[:：]"
)


def _header_fields(line: str) -> list[tuple[str, str]] | None:
    """``[(label, value), …]`` when ``line`` starts with a header label, else ``None``.
    In a row of table cells (``文 号: | 六盘水府办发〔2022〕10号 | 是否有效: | |``) a value is the
    cell after its label, not the cells after it.

    >>> _header_fields("文 号: | 六盘水府办发〔2022〕10号 | 是否有效: | |")
    [('文号', '六盘水府办发〔2022〕10号')]
    """
    s = line.strip()
    matches = list(_LABEL_RE.finditer(s))
    if not matches or matches[0].start() != 0:
        return None
    out = []
    for i, m in enumerate(matches):
        label = re.sub(r"\s+", "", m.group(1))
        end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        cells = [c for c in re.split(r"\s*[|｜]\s*", s[m.end():end].strip()) if c]
        out.append((label, cells[0] if cells else ""))
    return out


# --------------------------------------------------------------------------- structure

_CN_NUM = "一二三四五六七八九十百零〇两"
_HEADING_RES: dict[str, re.Pattern[str]] = {
    "chapter": re.compile(rf"第([{_CN_NUM}\d]+)章\s*(.*)"),
    "section": re.compile(rf"([{_CN_NUM}]+)\s*[、.．]\s*(.*)"),
    "paren_cn": re.compile(rf"[（(]\s*([{_CN_NUM}]+)\s*[）)]\s*[、.．]?\s*(.*)"),
    "arabic": re.compile(r"(\d{1,2})\s*[.．、](?!\d)\s*(.*)"),
    "paren_arabic": re.compile(r"[（(]\s*(\d{1,2})\s*[）)]\s*(.*)"),
    "article": re.compile(rf"第([{_CN_NUM}\d]+)条\s*(.*)"),
}
_SECTION_STYLES = ("section", "chapter")
_CLAUSE_STYLES = ("paren_cn", "arabic", "paren_arabic", "article")

_DOC_NO_RE = re.compile(r"[\u4e00-\u9fff]{1,14}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号")
_DATE_LINE_RE = re.compile(
    r"(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}-\d{1,2}-\d{1,2})"
)
_NOTICE_END_RE = re.compile(r"的(通知|意见|决定|批复|函|通告|公告)$")
_ISSUER_END_RE = re.compile(r"(办公室|办公厅|人民政府|政府|委员会|管委会|厅|局|部|委|院|办|中心|会)$")
_ATTACHMENT_RE = re.compile(r"附件\s*(\d+\s*)?[:：]|附件\s*\d*\s*$")
_END_PUNCT = "。；;：:，,！!？?"
# a web copy that ran its articles together: "第一条 …。     第二条 …"
_INLINE_ARTICLE_RE = re.compile(rf"\s{{2,}}(?=第[{_CN_NUM}]+条\s)")
# the present (发展基础, 工作回顾) or the terms of a measure's support (支持对象, 申报条件): no goals there
_REVIEW_RE = re.compile(r"发展基础|工作回顾|发展现状|发展成效|面临形势|基础与|回顾|成效|现状|基本情况|过去|执行情况|完成情况"
                        r"|支持对象|适用范围|申报条件|申请条件|资格条件|认定条件|支持标准|奖励标准|补助标准")
_GOALS_RE = re.compile(r"目标|指标")  # a goals section: 发展目标, 主要目标, 主要指标
# a year's goals or work inside a document: 今年主要目标, 2025年重点工作 (not 2024—2026年)
_THIS_YEARS_GOALS_RE = re.compile(r"今年|本年度|(?<![\d—\-–至~])\d{4}年度?(?:主要|预期|发展|工作|重点)*(?:目标|工作|任务)")


def _heading(line: str) -> tuple[str, int, str, str] | None:
    """``(style, number, label, rest)`` when ``line`` starts with a numbering we know."""
    s = line.strip()
    for style in ("chapter", "article", "paren_cn", "paren_arabic", "section", "arabic"):
        m = _HEADING_RES[style].fullmatch(s)
        if not m:
            continue
        n = _cn_int(m.group(1))
        rest = m.group(2).strip()
        if n is None or n == 0 or not rest:
            continue
        if style == "section" and len(m.group(1)) > 3:
            continue
        return style, n, m.group(1), rest
    return None


# a list item (●经济增长6%左右), prose however short; ■ and □ mark headings
_LIST_ITEM_BULLETS = "●•▪◆►▶★"


def _is_title_like(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 60 or s[-1] in _END_PUNCT or s[0] in _LIST_ITEM_BULLETS:
        return False
    if not re.search(r"[\u4e00-\u9fff]", s):
        return False
    if _DOC_NO_RE.fullmatch(s) or _DATE_LINE_RE.fullmatch(s):
        return False
    if re.search(r"此件|公开发布|^附件|^抄送|^印发", s):
        return False
    return _heading(s) is None


def _is_parenthetical(s: str) -> bool:
    return bool(re.fullmatch(r"[（(].*[）)]", s.strip()))


def _split_title(rest: str) -> tuple[str, str]:
    """A heading line → ``(title, remainder)``; the title ends at the first 。 when the line
    goes on after it, and the remainder is the text after the title's 。."""
    rest = rest.strip()
    m = re.match(r"([^。]{1,40}?)[。.]\s*(.*)", rest, re.S)
    if m and (m.group(2) or rest.endswith(("。", "."))):
        return m.group(1).strip(), m.group(2).strip()
    return rest.rstrip("。").strip(), ""


def _clause_title(text: str, fallback: str = "") -> str:
    lines = [l for l in text.split("\n") if l.strip()]
    if not lines:
        return fallback
    first = lines[0].strip()
    if len(lines) > 1 and len(first) <= 30 and first[-1] not in "，,；;：:":
        return first.rstrip("。.").strip()
    m = re.match(r"([^。，,；;]{1,25})。", first)
    if m:
        return m.group(1).strip()
    return fallback or (first[:20] + ("…" if len(first) > 20 else ""))


@dataclass
class _Block:  # a unit of body text while parsing
    style: str
    label: str
    number: int | None
    lines: list[str]


@dataclass
class _Numbering:  # which numbering is the sections' and which the clauses'
    section_style: str | None
    clause_style: str | None
    first_body: int | None  # index of the first section (or first clause) line


@dataclass
class _FrontMatter:  # what stands above the first heading
    notice: list[str]
    body_title: str | None
    preamble_lines: list[str]


def parse_document(text: str, *, source_url: str | None = None, path: str | Path | None = None) -> ParsedDocument:
    """Parse the text of a policy document (see the module docstring).

    The steps, each a function: header fields (:func:`_read_header`), chrome and the closing
    signature (:func:`_split_signature`), numbering levels (:func:`_numbering`), title and
    preamble (:func:`_front_matter`), the notice (:func:`_read_notice`), then **sections**
    (:func:`_sections_and_blocks`) → **clauses** (:func:`_clauses`) → **targets**
    (:func:`_clause_targets`).  **Mentions** are matched later, against the graph's
    entities, by :func:`document_rows`."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    lines = [part.strip() for l in raw.split("\n")
             for part in _INLINE_ARTICLE_RE.split(l.replace("\u3000", " ").replace("\xa0", " "))]
    header, fields, kept = _read_header(lines)
    body, tail_issuer, tail_date = _split_signature(strip_chrome(kept))
    numbering = _numbering(body)
    front = _front_matter(body, numbering.first_body)
    notice_title = _read_notice(front.notice, fields, tail_issuer, tail_date)
    title = fields.get("title")
    if title:
        title = re.sub(r"^《(.*)》$", r"\1", title)
    title = title or notice_title or front.body_title
    number = re.sub(r"\s+", "", fields["number"]) if fields.get("number") else None
    doc_id = _document_id(number, title, front.body_title, path, raw)
    annual = any(is_annual_title(t) for t in (title, front.body_title, notice_title))
    since = _first_year((front.body_title, title, notice_title), normalize_date(fields.get("date_issued")))
    lead = "\n".join(body)[:_LEAD_CHARS]  # of a news report: what it reports on
    if not annual and _reports_a_years_work(lead):
        annual, since = True, since or _latest_year(lead)
    sections, blocks, preamble_lines = _sections_and_blocks(body, numbering, front.preamble_lines, annual)
    blocks = _lead_blocks(front.notice, annual) + blocks
    clauses = _clauses(blocks, doc_id, front.body_title or title or "", (annual, since))
    return ParsedDocument(
        id=doc_id,
        title=title,
        body_title=front.body_title,
        number=number,
        issuer=fields.get("issuer"),
        index_no=re.sub(r"\s+", "", fields["index_no"]) if fields.get("index_no") else None,
        date_issued=normalize_date(fields.get("date_issued")),
        date_published=normalize_date(fields.get("date_published")),
        source_url=source_url,
        path=str(path) if path is not None else None,
        notice_title=notice_title,
        preamble="\n".join(preamble_lines),
        header=header,
        sections=sections,
        clauses=clauses,
    )


def _read_header(lines: list[str]) -> tuple[dict[str, str], dict[str, str], list[str]]:
    """Header fields (lines starting with a known label, above the first heading):
    ``(header as printed, fields of ParsedDocument, the other lines)``."""
    header: dict[str, str] = {}
    fields: dict[str, str] = {}
    kept: list[str] = []
    in_head = True
    for line in lines:
        if in_head and _heading(line) and _heading(line)[0] in _SECTION_STYLES + _CLAUSE_STYLES:
            in_head = False
        parsed = _header_fields(line) if in_head else None
        if parsed is None:
            kept.append(line)
            continue
        for label, value in parsed:
            header.setdefault(label, value)
            key = _HEADER_LABELS.get(label, "")
            if key and value and key not in fields:
                fields[key] = value
    return header, fields, kept


def _split_signature(body: list[str]) -> tuple[list[str], str | None, str | None]:
    """The body without a closing signature (issuer line, date line, （此件…）):
    ``(body, issuer, date)``."""
    tail_issuer, tail_date = None, None
    end = len(body)
    while end and (not body[end - 1] or re.fullmatch(r"[（(]此件.*[）)]", body[end - 1])):
        end -= 1
    if end and _DATE_LINE_RE.fullmatch(body[end - 1]):
        tail_date = body[end - 1]
        end -= 1
        while end and not body[end - 1]:
            end -= 1
        if end and _is_issuer_line(body[end - 1]):
            tail_issuer = body[end - 1]
            end -= 1
    return body[:end], tail_issuer, tail_date


def _numbering(body: list[str]) -> _Numbering:
    """The numbering levels: the section style (一、 or 第一章, else （一） over 1.), the clause
    style (the first numbering below the sections) and where the numbered body starts."""
    nonblank = [i for i, l in enumerate(body) if l]
    headings = {i: _heading(body[i]) for i in nonblank}
    styles_in_order: list[str] = []
    for i in nonblank:
        h = headings[i]
        if h and h[0] not in styles_in_order:
            styles_in_order.append(h[0])
    section_style = next((s for s in _SECTION_STYLES if s in styles_in_order), None)
    clause_candidates = [s for s in styles_in_order if s in _CLAUSE_STYLES]
    if section_style is None and len(clause_candidates) >= 2 and clause_candidates[0] == "paren_cn":
        section_style = "paren_cn"  # （一） over 1. : the （一） are the sections
        clause_candidates = clause_candidates[1:]

    def first_of(style: str | None) -> int | None:
        return next((i for i in nonblank if headings[i] and headings[i][0] == style and headings[i][1] == 1), None)

    first_section = first_of(section_style)
    if section_style and first_section is None:
        section_style = None
    clause_style = None
    if clause_candidates:
        after = [headings[i][0] for i in nonblank
                 if headings[i] and headings[i][0] in clause_candidates and (first_section is None or i > first_section)]
        clause_style = after[0] if after else None
    first_body = first_section
    if first_body is None and clause_style:
        first_body = first_of(clause_style)
        if first_body is None:
            clause_style = None
    return _Numbering(section_style, clause_style, first_body)


def _front_matter(body: list[str], first_body: int | None) -> _FrontMatter:
    """Walk up from the first heading: the preamble (prose), then the body title, then the
    notice above it.  Without numbering, the prose ends at the last paragraph."""
    preamble_lines: list[str] = []
    body_title_lines: list[str] = []
    if first_body is not None:
        top = first_body
    else:
        prose = [i for i, l in enumerate(body) if l and _is_paragraph(l) and not _is_title_like(l)]
        top = prose[-1] + 1 if prose else 0
    i = top - 1
    while i >= 0 and (not body[i] or (not _is_title_like(body[i]) and _is_paragraph(body[i]))):
        if body[i]:
            preamble_lines.insert(0, body[i])
        i -= 1
    while i >= 0 and (not body[i] or _is_addressee(body[i])):
        i -= 1  # 各位代表: / 各区人民政府: between the title and the text
    title_end = i
    while i >= 0 and body[i] and _is_title_like(body[i]):
        body_title_lines.insert(0, body[i])
        i -= 1
    if body_title_lines and all(_is_parenthetical(l) for l in body_title_lines):
        # "(征求意见稿)" under the title: the title is the block above
        j = i
        while j >= 0 and not body[j]:
            j -= 1
        block: list[str] = []
        while j >= 0 and body[j] and _is_title_like(body[j]):
            block.insert(0, body[j])
            j -= 1
        if block:
            body_title_lines = block + body_title_lines
            i = j
    title_start = i + 1 if body_title_lines else title_end + 1
    body_title = "".join(body_title_lines) or None
    if body_title:
        body_title = re.sub(r"^《(.*)》$", r"\1", body_title)
    return _FrontMatter(body[:title_start], body_title, preamble_lines)


def _read_notice(notice: list[str], fields: dict[str, str], tail_issuer: str | None,
                 tail_date: str | None) -> str | None:
    """The notice title (…关于…的通知); fills ``fields`` with the document number and the
    signature (issuer, date) where the header had none."""
    notice_title = None
    for k, line in enumerate(notice):
        if not line or "关于" not in line:
            continue
        joined = line
        for j in range(k, min(k + 4, len(notice))):
            if not notice[j]:
                break
            if j > k:
                joined += notice[j]
            if _NOTICE_END_RE.search(notice[j]):
                notice_title = joined
                break
        if notice_title:
            break
    if "number" not in fields:
        number = next((line for line in notice if _DOC_NO_RE.fullmatch(line)), None)
        if number:
            fields["number"] = re.sub(r"\s+", "", number)
    signature_date, signature_issuer = None, None
    for k, line in enumerate(notice):
        if _DATE_LINE_RE.fullmatch(line):
            signature_date = line
            prev = next((notice[j] for j in range(k - 1, -1, -1) if notice[j]), "")
            if _is_issuer_line(prev):
                signature_issuer = prev
            break
    signature_date = signature_date or tail_date
    signature_issuer = signature_issuer or tail_issuer
    if "date_issued" not in fields and signature_date:
        fields["date_issued"] = signature_date
    if "issuer" not in fields and signature_issuer:
        fields["issuer"] = signature_issuer
    return notice_title


def _document_id(number: str | None, title: str | None, body_title: str | None,
                 path: str | Path | None, raw: str) -> str:
    """The 文件编号, else a slug of the title, else of the file name, else a hash of the text."""
    if number:
        return number
    if title or body_title:
        return slugify(body_title or title)
    if path:
        return slugify(Path(path).stem)
    return "doc-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def _sections_and_blocks(body: list[str], numbering: _Numbering, preamble_lines: list[str], annual: bool = False
                         ) -> tuple[list[Section], list[tuple[Section | None, _Block]], list[str]]:
    """Sections and the blocks of body text under them: ``(sections, blocks, preamble)``.

    A block is a numbered clause as printed, or the unnumbered text of a section.  Without
    numbering the prose is one unnumbered block; a preamble stating targets (expected values
    of a year's work) becomes a block of its own, so its targets belong to a clause."""
    sections: list[Section] = []
    blocks: list[tuple[Section | None, _Block]] = []
    if numbering.first_body is None or extract_targets("\n".join(preamble_lines), annual=annual):
        if preamble_lines:
            blocks.append((None, _Block("section", "", None, preamble_lines)))
        preamble_lines = []
    if numbering.first_body is None:
        return sections, blocks, preamble_lines
    current_section: Section | None = None
    current: _Block | None = None
    last_section_no = last_clause_no = 0
    in_section = 0  # numbered clauses seen in the current section
    for line in body[numbering.first_body:]:
        if not line:
            continue
        if _ATTACHMENT_RE.match(line):
            break  # 附件: the attachments are documents of their own
        h = _heading(line)
        if h and h[0] == numbering.section_style and h[1] == last_section_no + 1:
            last_section_no, in_section = h[1], 0
            current_section, remainder = _section(h, len(sections) + 1)
            sections.append(current_section)
            current = _Block("section", h[2], None, [remainder] if remainder else [])
            blocks.append((current_section, current))
            continue
        # the next number, or 1 again at the start of a section (numbering per section)
        if h and h[0] == numbering.clause_style and (h[1] == last_clause_no + 1 or (h[1] == 1 and in_section == 0)):
            last_clause_no = h[1]
            in_section += 1
            current = _Block(numbering.clause_style, h[2], h[1], [h[3]])
            blocks.append((current_section, current))
            continue
        if current is None:
            current = _Block("section", "", None, [])
            blocks.append((current_section, current))
        current.lines.append(line)
    return sections, blocks, preamble_lines


_LEAD_CHARS = 400  # characters of a news report's lead


# a report delivered or quoted (作政府工作报告, 政府工作报告提出), not one a plan cites (落实…政府工作报告要求)
_DELIVERS_REPORT_RE = re.compile(r"(?<![工合创])作[^，,。；;]{0,12}政府工作报告|政府工作报告(?:中)?(?:提出|指出|明确)")


def _reports_a_years_work(lead: str) -> bool:
    """A report of a year's work in ``lead``, the lead of an untitled copy (…作政府工作报告;
    印发《关于…的若干政策(2025年)》): its targets are that year's, as under such a title."""
    return bool(_DELIVERS_REPORT_RE.search(lead)) or any(is_annual_title(t) for t in re.findall(r"《([^《》]{4,60})》", lead))


def _latest_year(text: str) -> int | None:
    """The latest year named in ``text`` (2025 in 2025年1月20日…回顾2024年工作)."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})年", text)]
    return max(years) if years else None


def _lead_blocks(notice: list[str], annual: bool) -> list[tuple[Section | None, _Block]]:
    """A news report's lead above the document it reports (日前…印发… 文件指出,…全年新增光伏装机
    5万千瓦以上。): its paragraphs that state targets, as an unnumbered block of their own."""
    end = next((i for i, l in enumerate(notice) if "关于" in l and _NOTICE_END_RE.search(l)), len(notice))
    lead = [l for l in notice[:end] if len(l) >= 40 and l[-1] in "。；;" and _is_paragraph(l)]
    if not lead or not extract_targets("\n".join(lead), annual=annual):
        return []
    return [(None, _Block("section", "", None, lead))]


def _section(h: tuple[str, int, str, str], number: int) -> tuple[Section, str]:
    """A Section from its heading, and the text after its title on the same line."""
    if len(h[3]) > 40 or "。" in h[3][:-1]:
        stitle, remainder = _split_title(h[3])
    else:
        stitle, remainder = h[3].rstrip("。"), ""
    sname = re.split(r"[:：]", stitle, maxsplit=1)[0].strip()
    return Section(number, h[2], stitle, sname), remainder


def _clauses(blocks: list[tuple[Section | None, _Block]], doc_id: str, doc_title: str,
             context: tuple[bool, int | None] = (False, None)) -> list[Clause]:
    """One Clause per non-empty block, numbered 1, 2, … across the document, with its targets.
    An unnumbered block is named after its section (or the document's title)."""
    clauses: list[Clause] = []
    for section, block in blocks:
        text_ = "\n".join(l for l in block.lines if l).strip()
        if not text_:
            continue
        n = len(clauses) + 1
        if block.style == "section":
            title_ = section.title if section else doc_title
            label = section.label if section else ""
        else:
            title_ = _clause_title(text_)
            label = block.label
        clause = Clause(
            number=n, label=label, style=block.style, id=f"{doc_id}#{n}", document_id=doc_id,
            section_no=section.number if section else None, section=section.title if section else None,
            title=title_, text=text_,
        )
        clause.targets = _clause_targets(clause, *context)
        clauses.append(clause)
        if section:
            section.clause_numbers.append(n)
    return clauses


def _clause_targets(clause: Clause, annual: bool = False, since: int | None = None) -> list[TargetDraft]:
    """The targets of a clause (:func:`extract_targets`), none under 发展基础 / 工作回顾:
    figures there describe the present, not a goal.  Under 主要目标 (or 今年…目标) every
    number closing its phrase is a goal."""
    titles = [t or "" for t in (clause.section, clause.title)]
    if any(_REVIEW_RE.search(t) for t in titles):
        return []
    goals = any(_GOALS_RE.search(t) for t in titles)
    annual = annual or any(_THIS_YEARS_GOALS_RE.search(t) for t in titles)
    return extract_targets(clause.text, annual=annual, goals=goals, since=since)


_PLAN_YEARS_RE = re.compile(r"(\d{4})\s*[—\-–~～至到]+\s*\d{4}\s*年|(\d{4})\s*年")
_FIVE_YEAR_PLANS = {"十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}


def _first_year(titles: Iterable[str | None], date_issued: str | None) -> int | None:
    """The first year a document covers: 2024 for …行动方案(2024—2026年) or 2024年…重点工作,
    2021 for a “十四五” plan, else the year it was issued; figures of earlier years in it
    are the present state."""
    for title in titles:
        if not title:
            continue
        m = _PLAN_YEARS_RE.search(title)
        if m:
            return int(m.group(1) or m.group(2))
        plan = next((y for k, y in _FIVE_YEAR_PLANS.items() if k in title), None)
        if plan:
            return plan
    return int(date_issued[:4]) if date_issued else None


def _is_issuer_line(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) <= 30 and s[-1] not in _END_PUNCT and bool(_ISSUER_END_RE.search(s))


def _is_paragraph(line: str) -> bool:
    """Body prose (as opposed to a title, a date, a document number, an address line)."""
    s = line.strip()
    if not s or _DOC_NO_RE.fullmatch(s) or _DATE_LINE_RE.fullmatch(s):
        return False
    if re.search(r"此件|公开发布", s):
        return False
    return not _is_addressee(s)


def _is_addressee(line: str) -> bool:
    """各区人民政府,市各委办局: / 各位代表: — the addressees of a notice or a report."""
    s = line.strip()
    return bool(s) and s[-1] in "：:" and len(s) < 60 and s.startswith("各")


# --------------------------------------------------------------------------- mentions

Entity = tuple[str, str, str, Iterable[str]]  # (label, id, name, aliases)
_QUOTE_RE = re.compile(r"“([^“”\n]{1,40})”|「([^「」\n]{1,40})」|『([^『』\n]{1,40})』|\"([^\"\n]{1,40})\"")


def _terms(entities: Iterable[Entity]) -> dict[str, list[tuple[str, str]]]:
    terms: dict[str, list[tuple[str, str]]] = {}
    for label, id_, name, aliases in entities:
        if isinstance(aliases, str):
            aliases = [a for a in re.split(r"[|;；]", aliases) if a]
        for t in [name, *(aliases or [])]:
            if not t:
                continue
            key = normalize_name(t.strip())
            if len(key) < 2:
                continue  # a one-character alias would match everywhere
            refs = terms.setdefault(key, [])
            if (label, id_) not in refs:
                refs.append((label, id_))
    return terms


def find_mentions(text: str, entities: Iterable[Entity]) -> list[tuple[str, str, str]]:
    """``[(label, id, matched), …]`` in text order: names and aliases of ``entities``
    (``(label, id, name, aliases)``) matched literally after :func:`normalize_name` on both
    sides, leftmost-longest and without overlaps (长三角物理研究中心 is not also a mention
    of 物理研究中心).  Aliases shorter than two characters are ignored.  ``matched`` is the
    text as written.  A term shared by several entities yields one tuple for each."""
    terms = _terms(entities)
    if not terms:
        return []
    by_first: dict[str, list[str]] = {}
    for key in terms:
        by_first.setdefault(key[0], []).append(key)
    for keys in by_first.values():
        keys.sort(key=len, reverse=True)
    norm = normalize_name(text)
    out: list[tuple[str, str, str]] = []
    i = 0
    while i < len(norm):
        hit = next((k for k in by_first.get(norm[i], ()) if norm.startswith(k, i)), None)
        if hit is None:
            i += 1
            continue
        for label, id_ in sorted(terms[hit]):
            out.append((label, id_, text[i:i + len(hit)]))
        i += len(hit)
    return out


def find_candidates(text: str, entities: Iterable[Entity]) -> list[str]:
    """Quoted names (“…”, 「…」, 『…』, "…") in ``text`` that are no entity's name or alias,
    in text order without repeats: possible new entities for a person to review."""
    terms = _terms(entities)
    out: list[str] = []
    for m in _QUOTE_RE.finditer(text):
        q = next(g for g in m.groups() if g is not None).strip()
        if len(q) < 2 or normalize_name(q) in terms or q in out:
            continue
        out.append(q)
    return out


def find_ambiguous_numbers(clause: Clause) -> list[str]:
    """Numbers with a unit in a sentence that commits (力争, 到2027年, 建成 …) or in a goals
    section that are not part of one of the clause's targets: a quantity before its noun
    with no verb of its own (推进3000项应用场景开放), a threshold (超100亿元或…项目), a
    comparator cut off by a truncated copy (5家以) …  They are for a person to review
    (``kg candidates``), never Targets.  Each reads ``数值 3000项:…the words around…``;
    none under 发展基础 / 工作回顾 (figures there are the present state)."""
    titles = [t or "" for t in (clause.section, clause.title)]
    if any(_REVIEW_RE.search(t) for t in titles):
        return []
    goals = any(_GOALS_RE.search(t) for t in titles)
    text, out = clause.text, []
    for m in QUANTITY_RE.finditer(text):
        start, end = m.start("v"), m.end()
        if not m.group("unit") or any(t.start <= start < t.end for t in clause.targets):
            continue
        sent_start, sent_end = sentence_bounds(text, start, end)
        if not (goals or COMMITMENT_RE.search(text, sent_start, start) or VERB_RE.search(text, sent_start, start)):
            continue
        if is_present_state(text, sent_start, start):
            continue
        item = f"数值 {m.group(0)}:{text[max(sent_start, start - 15):min(sent_end, end + 15)]}"
        if item not in out:
            out.append(item)
    return out


# --------------------------------------------------------------------------- rows


def _clean(props: dict) -> dict:
    return {k: v for k, v in props.items() if v is not None and v != ""}


def document_rows(parsed: ParsedDocument, entities: Iterable[Entity] = ()) -> DocumentRows:
    """Node and relationship rows of a parsed document, ready for a store, plus the
    candidates for review: the names it quotes and its ambiguous numbers.  Nodes: one Document, its Clauses and their Targets;
    relationships: HAS_CLAUSE, SETS and MENTIONS (to the ``entities`` whose label the model
    lets a Clause mention).  Deterministic: the same input gives the same rows in the same
    order, so re-ingesting a document is idempotent."""
    entities = [e for e in entities if model.allowed_pair("MENTIONS", "Clause", e[0])]
    doc = parsed
    doc_props = _clean({
        "id": doc.id,
        "name": doc.name,
        "description": doc.title if doc.title and doc.title != doc.name else None,
        "source": doc.source,
        "confidence": CONFIDENCE,
        "number": doc.number,
        "issuer": doc.issuer,
        "index_no": doc.index_no,
        "date_issued": doc.date_issued,
        "date_published": doc.date_published,
        "url": doc.source_url,
    })
    nodes: dict[str, list[dict]] = {"Document": [doc_props], "Clause": [], "Target": []}
    rels: list[dict] = []
    candidates: list[dict] = []

    def rel(type_: str, from_label: str, from_id: str, to_label: str, to_id: str, source: str) -> dict:
        return {"type": type_, "from_label": from_label, "from_id": from_id, "to_label": to_label,
                "to_id": to_id, "source": source, "confidence": CONFIDENCE}

    for clause in sorted(doc.clauses, key=lambda c: c.number):
        nodes["Clause"].append(_clean({
            "id": clause.id,
            "name": clause.name,
            "source": clause.id,
            "confidence": CONFIDENCE,
            "document_id": doc.id,
            "number": clause.number,
            "section": clause.section,
            "section_no": clause.section_no,
            "title": clause.title,
            "text": clause.text,
        }))
        rels.append(rel("HAS_CLAUSE", "Document", doc.id, "Clause", clause.id, clause.id))
        for k, t in enumerate(clause.targets, start=1):
            tid = f"{clause.id}/t{k}"
            nodes["Target"].append(_clean({
                "id": tid,
                "name": t.name,
                "source": clause.id,
                "confidence": CONFIDENCE,
                "metric": t.metric,
                "value": t.value,
                "value_max": t.value_max,
                "unit": t.unit,
                "comparator": t.comparator,
                "period": t.period,
                "phrase": t.phrase,
            }))
            rels.append(rel("SETS", "Clause", clause.id, "Target", tid, clause.id))
        mentioned = sorted({(label, id_) for label, id_, _ in find_mentions(clause.text, entities)})
        for label, id_ in mentioned:
            rels.append(rel("MENTIONS", "Clause", clause.id, label, id_, clause.id))
        for q in find_candidates(clause.text, entities) + find_ambiguous_numbers(clause):
            candidates.append({"text": q, "clause_id": clause.id, "document_id": doc.id})

    type_order = {t: i for i, t in enumerate(model.rel_types())}
    rels.sort(key=lambda r: (type_order[r["type"]], _natural(r["from_id"]), r["to_label"], _natural(r["to_id"])))
    candidates.sort(key=lambda c: (_natural(c["clause_id"]), c["text"]))
    return DocumentRows(nodes=nodes, rels=rels, candidates=candidates)


def _natural(s: str) -> tuple:
    """Sort key that puts 文件#2 before 文件#10."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s))
