"""The domain model of the 三名联动 knowledge graph — the one place it is defined.

``schema.cypher`` (Neo4j), the embedded store's DDL, the ingest templates and their
validation, the legend colours of the maps and the UI's type names are all derived from
the declarations below.  Change the model here, then run ``kg schema`` to regenerate
``schema.cypher`` (``kg schema --check`` fails while it is stale).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Prop",
    "NodeType",
    "RelType",
    "NODE_TYPES",
    "REL_TYPES",
    "COMMON_NODE_PROPS",
    "COMMON_REL_PROPS",
    "CONFIDENCE_VALUES",
    "node_type",
    "rel_type",
    "labels",
    "rel_types",
    "node_props",
    "rel_props",
    "allowed_pair",
    "personal_props",
    "SEARCH_KEY",
    "DERIVED_NODE_PROPS",
    "stored_node_props",
    "search_key",
    "entity_labels",
]

# Types are the small portable subset that both Neo4j and LadybugDB store natively.
PROP_TYPES = ("STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]", "INT64[]")

CONFIDENCE_VALUES = ("stated", "inferred", "unknown")


@dataclass(frozen=True)
class Prop:
    """One property of a node or relationship type."""

    name: str
    type: str = "STRING"
    zh: str = ""
    en: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()
    personal: bool = False  # dropped by exports that exclude personal fields

    def __post_init__(self) -> None:
        if self.type not in PROP_TYPES:
            raise ValueError(f"{self.name}: unknown property type {self.type}")


@dataclass(frozen=True)
class NodeType:
    label: str
    zh: str
    en: str
    description: str
    props: tuple[Prop, ...] = ()
    color: str = "#999999"
    shape: str = "dot"  # a vis-network shape
    hub: bool = False  # excluded from collaboration paths by default


@dataclass(frozen=True)
class RelType:
    type: str
    zh: str
    en: str
    pairs: tuple[tuple[str, str], ...]
    description: str = ""
    props: tuple[Prop, ...] = field(default_factory=tuple)


COMMON_NODE_PROPS: tuple[Prop, ...] = (
    Prop("id", zh="标识", en="stable id (slug), unique per type; left empty, it is derived from the name"),
    Prop("name", zh="名称", en="name in Simplified Chinese, as the source writes it", required=True),
    Prop("name_en", zh="英文名", en="English name: what the app shows in English (graph/names.py)"),
    # Empty with a name_en: the English name is the dataset's own translation, not the entity's.
    Prop("name_en_source", zh="英文名来源", en="the page the English name was read on: the entity's own English "
         "pages or filing, or a government or recognised news site's English page; empty = name_en is the "
         "dataset's translation"),
    Prop("aliases", "STRING[]", zh="别名", en="short names, former names, English names; separate with |"),
    Prop("description", zh="说明", en="one-line description"),
    Prop("source", zh="来源", en="the publisher's own page (URL) or a document clause such as 常政办发〔2026〕7号#3"),
    Prop("read_at", zh="阅读处", en="a copy of the source where the fact was read (another site republishing it)"),
    Prop("confidence", zh="可信度", en="stated = the source says it; inferred = derived", enum=CONFIDENCE_VALUES),
)

COMMON_REL_PROPS: tuple[Prop, ...] = (
    Prop("source", zh="来源", en="the publisher's own page (URL) or a document clause"),
    Prop("read_at", zh="阅读处", en="a copy of the source where the fact was read (another site republishing it)"),
    Prop("confidence", zh="可信度", en="stated = the source says it; inferred = derived", enum=CONFIDENCE_VALUES),
    Prop("since", zh="起始年份", en="year the fact holds from", type="INT64"),
    Prop("role", zh="角色", en="role in the relationship (e.g. 科技副总, 牵头单位)"),
    Prop("note", zh="备注", en="free-text note"),
)

# Derived, not facts: the stores compute these from a node's facts on every write, so
# exports, checksums and diffs leave them out (they read ``node_props``).
SEARCH_KEY = "search_key"
DERIVED_NODE_PROPS: tuple[Prop, ...] = (
    Prop(SEARCH_KEY, zh="检索键", en="name and aliases, lower-cased, one per line: what entity.search "
         "looks in (Neo4j keeps a TEXT index on it)"),
)

LEVELS = ("国家级", "省级", "市级", "区级", "未知")

NODE_TYPES: tuple[NodeType, ...] = (
    NodeType(
        "Track", "赛道", "Track",
        "industry track, chain segment, or an industry system such as 1028 or 6+X",
        (
            Prop("kind", zh="类别", en="system = an industry system; track; segment = a chain segment of a track",
                 enum=("system", "track", "segment")),
            Prop("systems", "STRING[]", zh="所属体系", en="industry systems the source places it in"),
        ),
        color="#e15759", shape="diamond", hub=True,
    ),
    NodeType(
        "Region", "辖市区", "Region", "district or county-level city of Changzhou, or another city",
        (Prop("kind", zh="类别", en="市辖区 / 县级市 / 功能区 / 城市"),),
        color="#bab0ac", shape="triangle", hub=True,
    ),
    NodeType(
        "Park", "名园", "Park", "characteristic industrial park or development zone",
        (
            Prop("level", zh="级别", en="administrative level", enum=LEVELS),
            Prop("kind", zh="类别", en="e.g. 高新区, 经开区, 特色产业园"),
            Prop("selected_years", "INT64[]", zh="入选年份", en="years on the 三名联动 park list"),
        ),
        color="#4e79a7", shape="square",
    ),
    NodeType(
        "University", "高校院所", "University", "university or research institute",
        (
            Prop("kind", zh="类别", en="university / institute / academy / national_lab",
                 enum=("university", "institute", "academy", "national_lab")),
            Prop("location", zh="所在地", en="city"),
        ),
        color="#59a14f", shape="star",
    ),
    NodeType(
        "College", "名院", "College", "second-level school, campus or institute of a university",
        (Prop("kind", zh="类别", en="school / campus / institute", enum=("school", "campus", "institute")),),
        color="#8cd17d", shape="dot",
    ),
    NodeType(
        "Firm", "名企", "Firm", "firm",
        (
            Prop("stock_code", zh="股票代码", en="listing code, e.g. 300750.SZ"),
            Prop("founded", "INT64", zh="成立年份", en="year founded"),
            # Lists and counts of the city's firms leave out those based elsewhere.
            Prop("based_in", zh="所在城市", en="city (or province) where the firm is registered, as its source "
                 "states: 常州 for the city's own firms; empty = not recorded"),
        ),
        color="#f28e2b", shape="dot",
    ),
    NodeType(
        "Tier", "企业梯队", "Firm tier", "a rung of the innovative-firm ladder (高新技术企业, 瞪羚企业 …)",
        (Prop("rank", "INT64", zh="梯次", en="position on the ladder, 1 = entry"),),
        color="#ffbe7d", shape="hexagon", hub=True,
    ),
    NodeType(
        "Platform", "科创平台", "Platform",
        "lab, innovation centre, new R&D institution, proof-of-concept centre, joint lab, or a platform system",
        (
            Prop("level", zh="级别", en="administrative level", enum=LEVELS),
            Prop("kind", zh="类别", en="lab / innovation_center / rd_institute / joint_lab / poc_center / enterprise_rd / system / other",
                 enum=("lab", "innovation_center", "rd_institute", "joint_lab", "poc_center",
                       "enterprise_rd", "system", "other")),
            Prop("founded", "INT64", zh="成立年份", en="year founded"),
        ),
        color="#b07aa1", shape="triangleDown",
    ),
    NodeType(
        "Programme", "政策计划", "Programme", "programme, mechanism or policy instrument",
        (Prop("kind", zh="类别", en="talent / finance / insurance / matchmaking / rd / transfer / digital / other",
              enum=("talent", "finance", "insurance", "matchmaking", "rd", "transfer", "digital", "other")),),
        color="#76b7b2", shape="box",
    ),
    NodeType(
        "Fund", "转化基金", "Fund", "transformation or industry fund",
        (Prop("size_yi", "DOUBLE", zh="规模(亿元)", en="size in 亿元"),),
        color="#edc948", shape="ellipse",
    ),
    NodeType(
        "Person", "人才", "Person", "leading talent, 科技副总, technology manager (personal data)",
        (
            Prop("role", zh="身份", en="e.g. 科技副总, 技术经理人, 领军人才"),
            Prop("title", zh="职称", en="academic title", personal=True),
            Prop("email", zh="邮箱", en="e-mail", personal=True),
            Prop("phone", zh="电话", en="phone", personal=True),
        ),
        color="#ff9da7", shape="dot",
    ),
    NodeType(
        "Project", "项目", "Project", "benchmark, breakthrough or talent project",
        (Prop("year", "INT64", zh="年份", en="year"), Prop("kind", zh="类别", en="e.g. 标杆项目, 揭榜挂帅, 人才项目")),
        color="#9c755f", shape="dot",
    ),
    NodeType(
        "Scenario", "应用场景", "Scenario", "application scenario opened for new technology",
        (Prop("kind", zh="类别", en="e.g. 早期试验, 标志性场景"),),
        color="#d37295", shape="dot",
    ),
    NodeType(
        "Event", "活动沙龙", "Event", "salon or matchmaking event",
        (Prop("kind", zh="类别", en="salon / matchmaking / other", enum=("salon", "matchmaking", "other")),
         Prop("year", "INT64", zh="年份", en="year")),
        color="#a0cbe8", shape="dot",
    ),
    NodeType(
        "Document", "政策文件", "Document", "policy document",
        (
            Prop("number", zh="文件编号", en="document number, e.g. 常政办发〔2026〕7号"),
            Prop("issuer", zh="发布机构", en="issuing body"),
            Prop("index_no", zh="索引号", en="index number"),
            Prop("date_issued", zh="成文日期", en="date written (YYYY-MM-DD)"),
            Prop("date_published", zh="公开日期", en="date published (YYYY-MM-DD)"),
            Prop("url", zh="网址", en="where it was read"),
        ),
        color="#79706e", shape="box", hub=True,
    ),
    NodeType(
        "Clause", "条款", "Clause", "numbered clause of a document",
        (
            Prop("document_id", zh="所属文件", en="id of the document"),
            Prop("number", "INT64", zh="条款号", en="clause number"),
            Prop("section", zh="部分", en="section title"),
            Prop("section_no", "INT64", zh="部分序号", en="section number"),
            Prop("title", zh="标题", en="clause title"),
            Prop("text", zh="正文", en="clause text"),
            Prop("candidates", "STRING[]", zh="待审实体", en="quoted names in the clause that match no entity yet"),
        ),
        color="#d4a6c8", shape="box", hub=True,
    ),
    NodeType(
        "Target", "目标", "Target", "quantitative target set by a clause",
        (
            Prop("metric", zh="指标", en="what is counted, in the document's words"),
            Prop("value", "DOUBLE", zh="目标值", en="target value"),
            Prop("unit", zh="单位", en="unit (个, 家, 亿元, % …)"),
            Prop("comparator", zh="比较", en="at_least (以上/不少于) / more_than (超) / about (左右) / at_most (以内) / between (2—3条)",
                 enum=("at_least", "more_than", "about", "at_most", "between")),
            Prop("value_max", "DOUBLE", zh="目标上限", en="upper end of a range target (comparator between)"),
            Prop("period", zh="期限", en="per_year or plan_period", enum=("per_year", "plan_period")),
            Prop("phrase", zh="原文", en="the words of the target in the document"),
            Prop("coverage_query", zh="收录查询",
                 en="id of the library query counting what the dataset holds (数据集收录), never the city's figure"),
            Prop("progress_basis", zh="进度口径",
                 en="stock: latest vs target; increment: latest minus baseline vs target; per_year: one year's figure vs the yearly target",
                 enum=("stock", "increment", "per_year")),
            Prop("baseline", "DOUBLE", zh="基线值", en="published value at the plan's start (end of 2025)"),
            Prop("baseline_as_of", zh="基线时点", en="date or year the baseline describes"),
            Prop("baseline_source", zh="基线来源", en="the publisher's page stating the baseline"),
            Prop("baseline_read_at", zh="基线转载页", en="copy of that page where the baseline was read, if not the publisher's"),
            Prop("baseline_quote", zh="基线原文", en="the source's own words for the baseline"),
            Prop("latest", "DOUBLE", zh="最新值", en="latest published value"),
            Prop("latest_as_of", zh="最新值时点", en="date or year the latest value describes"),
            Prop("latest_source", zh="最新值来源", en="the publisher's page stating the latest value"),
            Prop("latest_read_at", zh="最新值转载页", en="copy of that page where the latest value was read, if not the publisher's"),
            Prop("latest_quote", zh="最新值原文", en="the source's own words for the latest value"),
            Prop("figure_note", zh="口径说明", en="how the published measure differs from the target's wording (Chinese)"),
            Prop("figure_note_en", zh="口径说明(英)", en="the same note in English"),
            Prop("searched", zh="检索记录", en="where no figure is published: what was searched (未公布), in Chinese"),
            Prop("searched_en", zh="检索记录(英)", en="the same record in English"),
        ),
        color="#f1ce63", shape="star", hub=True,
    ),
)

_TEXT_LABELS = ("Document", "Clause", "Target")  # the plan's text, not the things it is about

_ORGS = ("University", "College", "Platform", "Firm", "Park")

REL_TYPES: tuple[RelType, ...] = (
    RelType("PART_OF", "隶属", "part of",
            (("Track", "Track"), ("College", "University"), ("Platform", "Platform"),
             ("Park", "Park"), ("Region", "Region"), ("Programme", "Programme")),
            "hierarchy: segment of a track, school of a university, member of a platform system"),
    RelType("IN_REGION", "位于辖区", "in region",
            tuple((a, "Region") for a in ("Park", "University", "College", "Platform", "Firm"))),
    RelType("LOCATED_IN", "位于园区", "located in park",
            (("Firm", "Park"), ("Platform", "Park"), ("College", "Park"), ("University", "Park"))),
    RelType("FOCUSES_ON", "聚焦赛道", "focuses on",
            (("Park", "Track"), ("Event", "Track"), ("Programme", "Track"), ("Fund", "Track"),
             ("University", "Track"))),
    RelType("IN_TRACK", "属于赛道", "in track",
            (("Firm", "Track"), ("Project", "Track"), ("Scenario", "Track"), ("College", "Track"))),
    RelType("SERVES", "服务赛道", "serves", (("Platform", "Track"),)),
    RelType("HOSTED_BY", "依托单位", "hosted by",
            tuple(("Platform", b) for b in ("University", "College", "Firm", "Park", "Platform", "Region"))),
    RelType("CO_BUILDS", "共建", "co-builds",
            tuple((a, "Platform") for a in ("Park", "College", "University", "Firm", "Region"))),
    RelType("COOPERATES_WITH", "合作", "cooperates with",
            tuple((a, b) for a in ("College", "University", "Platform", "Firm", "Park")
                  for b in ("Firm", "Park", "Platform", "University", "College") if a != b or a in ("Firm", "University", "Platform"))),
    RelType("IN_TIER", "入选梯队", "in tier", (("Firm", "Tier"),),
            props=(Prop("year", "INT64", zh="年份", en="year of recognition"),)),
    RelType("SERVES_AS", "任职", "serves as", (("Person", "Firm"),)),
    RelType("AFFILIATED_WITH", "所属单位", "affiliated with",
            tuple(("Person", b) for b in ("College", "University", "Platform", "Firm"))),
    RelType("LANDS_IN", "落地", "lands in", (("Person", "Park"), ("Project", "Park"))),
    RelType("SET_UP_BY", "设立", "set up by", (("Fund", "Park"), ("Fund", "Region"), ("Fund", "Firm"))),
    RelType("INVESTS_IN", "投资", "invests in", (("Fund", "Firm"), ("Fund", "Project"))),
    RelType("LEADS", "牵头", "leads",
            tuple((a, b) for a in ("Firm", "College", "University", "Platform", "Person", "Region")
                  for b in ("Project", "Programme", "Event", "Platform"))),
    RelType("PARTICIPATES_IN", "参与", "participates in",
            tuple((a, b) for a in ("Firm", "College", "University", "Platform", "Person", "Park")
                  for b in ("Project", "Programme", "Event"))),
    RelType("INCUBATED_IN", "孵化于", "incubated in", (("Project", "Park"),)),
    RelType("OPENS", "开放场景", "opens", (("Park", "Scenario"), ("Firm", "Scenario"), ("Region", "Scenario"))),
    RelType("HAS_CLAUSE", "包含条款", "has clause", (("Document", "Clause"),)),
    RelType("SETS", "设定目标", "sets", (("Clause", "Target"),)),
    RelType("DEFINES", "提出", "defines",
            (("Clause", "Programme"), ("Clause", "Event"), ("Clause", "Scenario"), ("Clause", "Tier"))),
    RelType("MENTIONS", "提及", "mentions",
            tuple(("Clause", n.label) for n in NODE_TYPES if n.label not in _TEXT_LABELS)),
    RelType("ISSUED_BY", "印发", "issued by", (("Document", "Region"),)),
)

_NODE_BY_LABEL = {n.label: n for n in NODE_TYPES}
_REL_BY_TYPE = {r.type: r for r in REL_TYPES}


def labels() -> list[str]:
    """Node labels in model order."""
    return [n.label for n in NODE_TYPES]


def entity_labels() -> list[str]:
    """Labels of the things the documents are about, in model order: all but Document,
    Clause and Target.  What clauses mention, what search finds, what duplicates are
    looked for among."""
    return [n.label for n in NODE_TYPES if n.label not in _TEXT_LABELS]


def hub_labels() -> list[str]:
    """Labels of the hub types, in model order: the types (tracks, regions, tiers and the
    texts) that touch so much that a collaboration path or a partner through them says
    nothing.  Paths and partner queries leave them out by default (the library fills the
    ``hubs`` parameter in from here), and so does the analytics' projection.

    >>> "Track" in hub_labels(), "Firm" in hub_labels()
    (True, False)
    """
    return [n.label for n in NODE_TYPES if n.hub]


def rel_types() -> list[str]:
    """Relationship types in model order."""
    return [r.type for r in REL_TYPES]


def node_type(label: str) -> NodeType:
    """The node type called ``label``; ``KeyError`` when the model has none."""
    return _NODE_BY_LABEL[label]


def rel_type(type_: str) -> RelType:
    """The relationship type called ``type_``; ``KeyError`` when the model has none."""
    return _REL_BY_TYPE[type_]


def node_props(label: str) -> tuple[Prop, ...]:
    """All properties of ``label``: the common ones first, then its own."""
    return COMMON_NODE_PROPS + node_type(label).props


def stored_node_props(label: str) -> tuple[Prop, ...]:
    """The properties a store keeps for ``label``: its facts, then the derived ones."""
    return node_props(label) + DERIVED_NODE_PROPS


def search_key(name: str | None, aliases: list[str] | None, name_en: str | None = None) -> str:
    """The ``search_key`` of a node called ``name`` with ``aliases`` (and English name
    ``name_en``, last, so that a reader of the English UI finds it by the name shown): each lower-cased (by
    ``str.lower``, which agrees with Neo4j's ``lower()``: tested), one per line, name first.
    Whenever ``lower(name)`` or ``lower(alias)`` contains a text, the
    key contains it too, so an index on the key can find every candidate; a text with a
    line break can match across two names, and entity.search checks each candidate's name
    and aliases again."""
    # Whatever the row holds: a value of the wrong type is the store's to refuse, with its message.
    parts = [name, *aliases] if isinstance(aliases, (list, tuple)) else [name, aliases]
    if name_en:
        parts.append(name_en)
    return "\n".join(str(p).lower() for p in parts if p is not None)


def rel_props(type_: str) -> tuple[Prop, ...]:
    """All properties of relationship type ``type_``."""
    return COMMON_REL_PROPS + rel_type(type_).props


def allowed_pair(type_: str, from_label: str, to_label: str) -> bool:
    """Whether the model allows ``(from_label)-[type_]->(to_label)``."""
    return (from_label, to_label) in rel_type(type_).pairs


def personal_props(label: str) -> set[str]:
    """Names of the properties of ``label`` that are personal data (Person names included;
    a Person's description too, since free text about a named person identifies them)."""
    names = {p.name for p in node_props(label) if p.personal}
    if label == "Person":
        names |= {"name", "name_en", "name_en_source", "aliases", "description"}
    return names


def _check_model() -> None:
    for r in REL_TYPES:
        for a, b in r.pairs:
            if a not in _NODE_BY_LABEL or b not in _NODE_BY_LABEL:
                raise ValueError(f"{r.type}: pair ({a}, {b}) names an unknown label")
    for n in NODE_TYPES:
        names = [p.name for p in stored_node_props(n.label)]
        if len(names) != len(set(names)):
            raise ValueError(f"{n.label}: duplicate property names")


_check_model()
