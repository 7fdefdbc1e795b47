"""A synthetic 三名联动 graph for benchmarks: the real model, a realistic shape, labelled
synthetic throughout.

Every node and relationship carries ``source='synthetic:bench'`` and
``confidence='inferred'``; names read ``合成企业000001``, ``合成园区0001`` … so a synthetic
row can never be mistaken for a real one.  The output is what :meth:`GraphStore.load`
takes: ``nodes`` (label → property dicts) and ``rels`` (dicts with ``type``,
``from_label``, ``from_id``, ``to_label``, ``to_id`` and properties).

Shape (what the benchmark is meant to stress, as in the real city graph):

* many firms per park, with a heavy-tailed park size (a few big high-tech zones);
* tracks with chain segments (``Track`` kind ``segment`` PART_OF a track, tracks PART_OF
  an industry system), few platforms per track;
* colleges PART_OF universities, platforms hosted by universities / colleges / firms;
* ``COOPERATES_WITH`` grown by preferential attachment (Barabási–Albert), so the degree
  distribution is heavy-tailed: the largest degree is far above the median;
* documents with clauses that set targets and mention entities.

Deterministic: the same ``scale`` and ``seed`` give the same rows, in the same order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from graph import model

__all__ = ["SCALES", "Scale", "SOURCE", "generate", "summarise"]

SOURCE = "synthetic:bench"
CONFIDENCE = "inferred"


@dataclass(frozen=True)
class Scale:
    name: str
    firms: int
    parks: int
    universities: int
    colleges_per_university: int
    tracks: int
    segments_per_track: int
    platforms: int
    persons: int
    projects: int
    programmes: int
    funds: int
    scenarios: int
    events: int
    documents: int
    clauses_per_document: int
    coop_m: int  # COOPERATES_WITH edges each new organisation adds (preferential attachment)
    firm_tracks: int  # most IN_TRACK edges of a firm (1..firm_tracks)
    mentions_per_clause: int


SCALES: dict[str, Scale] = {
    # ~1k nodes, ~5k relationships: the test scale.
    "XS": Scale("XS", firms=600, parks=12, universities=6, colleges_per_university=3, tracks=8,
                segments_per_track=3, platforms=40, persons=150, projects=60, programmes=8, funds=6,
                scenarios=20, events=20, documents=2, clauses_per_document=10, coop_m=2,
                firm_tracks=2, mentions_per_clause=4),
    # ~10k nodes, ~50k relationships: a city.
    "S": Scale("S", firms=6000, parks=100, universities=50, colleges_per_university=4, tracks=30,
               segments_per_track=5, platforms=300, persons=1500, projects=600, programmes=40,
               funds=30, scenarios=200, events=200, documents=10, clauses_per_document=20, coop_m=2,
               firm_tracks=2, mentions_per_clause=6),
    # ~100k nodes, ~1M relationships: a province, densely linked.
    "M": Scale("M", firms=65000, parks=1000, universities=300, colleges_per_university=5, tracks=60,
               segments_per_track=6, platforms=3000, persons=15000, projects=6000, programmes=200,
               funds=300, scenarios=2000, events=2000, documents=50, clauses_per_document=25, coop_m=9,
               firm_tracks=3, mentions_per_clause=10),
    # ~1M nodes, ~10M relationships: beyond; needs a lot of memory.
    "L": Scale("L", firms=650000, parks=10000, universities=3000, colleges_per_university=5, tracks=120,
               segments_per_track=8, platforms=30000, persons=150000, projects=60000, programmes=2000,
               funds=3000, scenarios=20000, events=20000, documents=500, clauses_per_document=25,
               coop_m=9, firm_tracks=3, mentions_per_clause=10),
}

_REGIONS = ("天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市", "常州经开区", "南京市", "苏州市", "上海市")
_TIERS = ("科技型中小企业", "高新技术企业", "专精特新企业", "瞪羚企业", "独角兽企业", "上市企业")
_LEVEL_W = (("国家级", 1), ("省级", 4), ("市级", 10), ("区级", 6), ("未知", 2))


def _zipf_cum_weights(n: int, s: float = 0.9) -> list[float]:
    """Cumulative Zipf weights, for ``rng.choices(pop, cum_weights=…)``: given plain weights,
    ``choices`` sums them again on every call, which made scale L (650,000 firms drawing among
    10,000 parks) quadratic.  The draws are the same either way."""
    return list(accumulate(1.0 / (i + 1) ** s for i in range(n)))


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nodes: dict[str, list[dict]] = {lb: [] for lb in model.labels()}
        self.rels: list[dict] = []
        self._rel_seen: set[tuple] = set()

    def node(self, label: str, id_: str, name: str, **props: Any) -> str:
        self.nodes[label].append({"id": id_, "name": name, "source": SOURCE, "confidence": CONFIDENCE, **props})
        return id_

    def rel(self, type_: str, fl: str, fid: str, tl: str, tid: str, **props: Any) -> bool:
        key = (type_, fl, fid, tl, tid)
        if key in self._rel_seen or (fl == tl and fid == tid):
            return False
        self._rel_seen.add(key)
        self.rels.append({"type": type_, "from_label": fl, "from_id": fid, "to_label": tl, "to_id": tid,
                          "source": SOURCE, "confidence": CONFIDENCE, **props})
        return True

    def level(self) -> str:
        levels, weights = zip(*_LEVEL_W)
        return self.rng.choices(levels, weights)[0]


def generate(scale: str | Scale = "S", seed: int = 42) -> tuple[dict[str, list[dict]], list[dict]]:
    """``(nodes, rels)`` of a synthetic graph at ``scale`` (``XS``, ``S``, ``M``, ``L`` or a
    :class:`Scale`), deterministic in ``seed``."""
    sc = SCALES[scale.upper()] if isinstance(scale, str) else scale
    b = _Builder(seed)
    rng = b.rng

    # --- regions, tiers, industry systems, tracks and their chain segments ---------------
    regions = [b.node("Region", f"syn-region-{i:02d}", f"合成{name}", kind="市辖区" if i < 6 else "城市")
               for i, name in enumerate(_REGIONS)]
    local_regions = regions[:7]
    b.rel("PART_OF", "Region", regions[6], "Region", regions[3])  # the development zone lies in 武进区
    tiers = [b.node("Tier", f"syn-tier-{i}", f"合成{name}", rank=i + 1) for i, name in enumerate(_TIERS)]
    systems = [b.node("Track", "syn-system-1028", "合成1028体系", kind="system", systems=["1028"]),
               b.node("Track", "syn-system-6x", "合成6+X体系", kind="system", systems=["6+X"])]
    tracks, segments, seg_of = [], [], {}
    for t in range(sc.tracks):
        tid = b.node("Track", f"syn-track-{t:03d}", f"合成赛道{t:03d}", kind="track",
                     systems=["1028"] if t % 2 == 0 else ["6+X"])
        tracks.append(tid)
        b.rel("PART_OF", "Track", tid, "Track", systems[t % 2])
        for s in range(sc.segments_per_track):
            sid = b.node("Track", f"syn-seg-{t:03d}-{s:02d}", f"合成环节{t:03d}-{s:02d}", kind="segment",
                         systems=[])
            segments.append(sid)
            seg_of[sid] = tid
            b.rel("PART_OF", "Track", sid, "Track", tid)
    track_cw = _zipf_cum_weights(len(tracks), 0.7)

    def some_track() -> str:
        return rng.choices(tracks, cum_weights=track_cw)[0]

    def some_segment(track: str | None = None) -> str:
        t = track or some_track()
        k = tracks.index(t)
        return segments[k * sc.segments_per_track + rng.randrange(sc.segments_per_track)]

    # --- parks: heavy-tailed size ---------------------------------------------------------
    parks = []
    for p in range(sc.parks):
        pid = b.node("Park", f"syn-park-{p:05d}", f"合成园区{p:05d}", level=b.level(),
                     kind=rng.choice(("高新区", "经开区", "特色产业园")),
                     selected_years=sorted(rng.sample(range(2021, 2027), rng.randint(1, 3))))
        parks.append(pid)
        b.rel("IN_REGION", "Park", pid, "Region", rng.choice(local_regions))
        for t in rng.sample(tracks, min(len(tracks), rng.randint(1, 3))):
            b.rel("FOCUSES_ON", "Park", pid, "Track", t)
    for p in range(1, len(parks)):
        if rng.random() < 0.1:
            b.rel("PART_OF", "Park", parks[p], "Park", parks[rng.randrange(p)])
    park_cw = _zipf_cum_weights(len(parks), 0.9)

    # --- universities and their colleges -----------------------------------------------------
    unis, colleges = [], []
    for u in range(sc.universities):
        uid = b.node("University", f"syn-uni-{u:04d}", f"合成大学{u:04d}",
                     kind=rng.choices(("university", "institute", "academy", "national_lab"), (8, 3, 1, 1))[0],
                     location=rng.choice(_REGIONS))
        unis.append(uid)
        b.rel("IN_REGION", "University", uid, "Region", rng.choice(regions))
        b.rel("FOCUSES_ON", "University", uid, "Track", some_track())
        if rng.random() < 0.3:
            b.rel("LOCATED_IN", "University", uid, "Park", rng.choices(parks, cum_weights=park_cw)[0])
        for c in range(sc.colleges_per_university):
            cid = b.node("College", f"syn-college-{u:04d}-{c}", f"合成学院{u:04d}-{c}",
                         kind=rng.choice(("school", "campus", "institute")))
            colleges.append(cid)
            b.rel("PART_OF", "College", cid, "University", uid)
            b.rel("IN_TRACK", "College", cid, "Track", some_segment())
            if rng.random() < 0.2:
                b.rel("LOCATED_IN", "College", cid, "Park", rng.choices(parks, cum_weights=park_cw)[0])

    # --- firms: many per park ------------------------------------------------------------------
    firms = []
    park_of: dict[str, str] = {}
    for f in range(sc.firms):
        listed = {"stock_code": f"{600000 + f}.SH"} if rng.random() < 0.01 else {}
        fid = b.node("Firm", f"syn-firm-{f:06d}", f"合成企业{f:06d}", founded=rng.randint(1990, 2025), **listed)
        firms.append(fid)
        park = rng.choices(parks, cum_weights=park_cw)[0]
        park_of[fid] = park
        b.rel("LOCATED_IN", "Firm", fid, "Park", park)
        b.rel("IN_REGION", "Firm", fid, "Region", rng.choice(local_regions))
        t = some_track()
        for _ in range(rng.randint(1, sc.firm_tracks)):
            b.rel("IN_TRACK", "Firm", fid, "Track", some_segment(t) if rng.random() < 0.8 else t)
        for i in range(len(tiers)):
            if rng.random() < 0.5 ** (i + 1):
                b.rel("IN_TIER", "Firm", fid, "Tier", tiers[i], year=rng.randint(2018, 2025))

    # --- platforms: few per track -----------------------------------------------------------
    platforms = []
    hosts = (("University", unis), ("College", colleges), ("Firm", firms), ("Park", parks))
    for p in range(sc.platforms):
        kind = rng.choice(("lab", "innovation_center", "rd_institute", "joint_lab", "poc_center", "enterprise_rd"))
        pid = b.node("Platform", f"syn-platform-{p:05d}", f"合成平台{p:05d}", level=b.level(), kind=kind,
                     founded=rng.randint(2000, 2025))
        platforms.append(pid)
        hl, pool = rng.choices(hosts, (3, 3, 3, 1))[0]
        b.rel("HOSTED_BY", "Platform", pid, hl, rng.choice(pool))
        t = some_track()
        b.rel("SERVES", "Platform", pid, "Track", t)
        b.rel("SERVES", "Platform", pid, "Track", some_segment(t))
        b.rel("LOCATED_IN", "Platform", pid, "Park", rng.choices(parks, cum_weights=park_cw)[0])
        b.rel("IN_REGION", "Platform", pid, "Region", rng.choice(local_regions))
        for _ in range(rng.randint(0, 2)):
            cl, pool = rng.choice((("Park", parks), ("College", colleges), ("University", unis), ("Firm", firms)))
            b.rel("CO_BUILDS", cl, rng.choice(pool), "Platform", pid)
        if p > 0 and rng.random() < 0.05:
            b.rel("PART_OF", "Platform", pid, "Platform", platforms[rng.randrange(p)])

    # --- COOPERATES_WITH: preferential attachment over the organisations --------------------
    orgs = ([("University", u) for u in unis] + [("College", c) for c in colleges]
            + [("Platform", p) for p in platforms] + [("Park", p) for p in parks] + [("Firm", f) for f in firms])
    rng.shuffle(orgs)
    coop_pairs = model.rel_type("COOPERATES_WITH").pairs
    seed_n = max(sc.coop_m + 1, 10)
    ends: list[tuple[str, str]] = list(orgs[:seed_n])  # each node appears once per edge end
    for new in orgs[seed_n:]:
        picked = set()
        for _ in range(sc.coop_m * 3):
            if len(picked) >= sc.coop_m:
                break
            target = ends[rng.randrange(len(ends))]
            if target == new or target in picked:
                continue
            a, z = (new, target) if rng.random() < 0.5 else (target, new)
            if (a[0], z[0]) not in coop_pairs:
                a, z = z, a
            if (a[0], z[0]) not in coop_pairs:
                continue
            if b.rel("COOPERATES_WITH", a[0], a[1], z[0], z[1], since=rng.randint(2015, 2025)):
                picked.add(target)
                ends.append(target)
        ends.extend([new] * max(1, len(picked)))

    # --- people --------------------------------------------------------------------------------
    persons = []
    for i in range(sc.persons):
        pid = b.node("Person", f"syn-person-{i:06d}", f"合成人才{i:06d}",
                     role=rng.choice(("科技副总", "技术经理人", "领军人才")))
        persons.append(pid)
        role = b.nodes["Person"][-1]["role"]
        if role == "科技副总":
            b.rel("SERVES_AS", "Person", pid, "Firm", rng.choice(firms), role="科技副总")
            b.rel("AFFILIATED_WITH", "Person", pid, "College", rng.choice(colleges))
        else:
            al, pool = rng.choice((("University", unis), ("Platform", platforms), ("Firm", firms)))
            b.rel("AFFILIATED_WITH", "Person", pid, al, rng.choice(pool))
        if rng.random() < 0.3:
            b.rel("LANDS_IN", "Person", pid, "Park", rng.choices(parks, cum_weights=park_cw)[0])

    # --- programmes, projects, funds, scenarios, events ----------------------------------------
    programmes = []
    for i in range(sc.programmes):
        gid = b.node("Programme", f"syn-prog-{i:04d}", f"合成计划{i:04d}",
                     kind=rng.choice(("talent", "finance", "insurance", "matchmaking", "rd", "transfer", "digital")))
        programmes.append(gid)
        b.rel("FOCUSES_ON", "Programme", gid, "Track", some_track())
    prog_cw = _zipf_cum_weights(len(programmes), 1.0)
    for f in firms:
        if rng.random() < 0.15:
            b.rel("PARTICIPATES_IN", "Firm", f, "Programme", rng.choices(programmes, cum_weights=prog_cw)[0])
    for c in colleges:
        if rng.random() < 0.3:
            b.rel("PARTICIPATES_IN", "College", c, "Programme", rng.choices(programmes, cum_weights=prog_cw)[0])
    projects = []
    for i in range(sc.projects):
        jid = b.node("Project", f"syn-proj-{i:05d}", f"合成项目{i:05d}", year=rng.randint(2020, 2026),
                     kind=rng.choice(("标杆项目", "揭榜挂帅", "人才项目")))
        projects.append(jid)
        b.rel("IN_TRACK", "Project", jid, "Track", some_segment())
        lead = rng.choice(firms)
        b.rel("LEADS", "Firm", lead, "Project", jid)
        pl, pool = rng.choice((("University", unis), ("College", colleges), ("Platform", platforms)))
        b.rel("PARTICIPATES_IN", pl, rng.choice(pool), "Project", jid)
        b.rel("INCUBATED_IN" if rng.random() < 0.5 else "LANDS_IN", "Project", jid, "Park", park_of[lead])
    for i in range(sc.funds):
        uid = b.node("Fund", f"syn-fund-{i:04d}", f"合成基金{i:04d}", size_yi=round(rng.uniform(0.5, 50), 2))
        b.rel("SET_UP_BY", "Fund", uid, "Park", rng.choices(parks, cum_weights=park_cw)[0])
        b.rel("FOCUSES_ON", "Fund", uid, "Track", some_track())
        for _ in range(rng.randint(1, 8)):
            b.rel("INVESTS_IN", "Fund", uid, "Firm", rng.choice(firms))
        b.rel("INVESTS_IN", "Fund", uid, "Project", rng.choice(projects))
    scenarios = []
    for i in range(sc.scenarios):
        sid = b.node("Scenario", f"syn-scen-{i:05d}", f"合成场景{i:05d}", kind=rng.choice(("早期试验", "标志性场景")))
        scenarios.append(sid)
        b.rel("IN_TRACK", "Scenario", sid, "Track", some_track())
        ol, pool = rng.choice((("Park", parks), ("Firm", firms), ("Region", local_regions)))
        b.rel("OPENS", ol, rng.choice(pool), "Scenario", sid)
    events = []
    for i in range(sc.events):
        eid = b.node("Event", f"syn-event-{i:05d}", f"合成活动{i:05d}", kind=rng.choice(("salon", "matchmaking")),
                     year=rng.randint(2022, 2026))
        events.append(eid)
        b.rel("FOCUSES_ON", "Event", eid, "Track", some_track())
        b.rel("LEADS", "Platform", rng.choice(platforms), "Event", eid)
        for _ in range(rng.randint(2, 8)):
            b.rel("PARTICIPATES_IN", "Firm", rng.choice(firms), "Event", eid)
        b.rel("PARTICIPATES_IN", "Park", rng.choices(parks, cum_weights=park_cw)[0], "Event", eid)

    # --- documents, clauses, targets --------------------------------------------------------
    mentionable = {"Park": parks, "University": unis, "College": colleges, "Firm": firms, "Platform": platforms,
                   "Programme": programmes, "Track": tracks, "Region": local_regions, "Tier": tiers,
                   "Scenario": scenarios, "Event": events}
    metric_queries = ("metric.enterprise_rd", "metric.high_tech_firms", "metric.partner_colleges",
                      "metric.platforms_provincial", "metric.scenarios", "metric.technology_managers",
                      "metric.unicorns")
    for d in range(sc.documents):
        did = b.node("Document", f"syn-doc-{d:03d}", f"合成文件{d:03d}", number=f"合成发〔2026〕{d + 1}号",
                     issuer="合成市人民政府", date_issued="2026-01-01")
        b.rel("ISSUED_BY", "Document", did, "Region", regions[0])
        for c in range(sc.clauses_per_document):
            cid = b.node("Clause", f"{did}-c{c + 1:02d}", f"合成文件{d:03d}第{c + 1}条", document_id=did,
                         number=c + 1, section="合成章节", section_no=c // 5 + 1, title=f"合成条款{c + 1}",
                         text="合成条款正文。", candidates=[f"合成候选{d}-{c}"] if c % 7 == 0 else [])
            b.rel("HAS_CLAUSE", "Document", did, "Clause", cid)
            for _ in range(sc.mentions_per_clause):
                lb = rng.choice(tuple(mentionable))
                b.rel("MENTIONS", "Clause", cid, lb, rng.choice(mentionable[lb]))
            if c % 3 == 0:
                b.rel("DEFINES", "Clause", cid, "Programme", rng.choice(programmes))
                tid = b.node("Target", f"{cid}-t1", f"合成目标{d:03d}-{c + 1}", metric="合成指标",
                             value=float(rng.randint(10, 500)), unit="家", comparator="at_least",
                             period="plan_period", phrase="不少于若干家",
                             coverage_query=rng.choice(metric_queries))
                b.rel("SETS", "Clause", cid, "Target", tid)
    return b.nodes, b.rels


def summarise(nodes: dict[str, list[dict]], rels: list[dict]) -> dict[str, Any]:
    """Counts, and the degree distribution's median and maximum."""
    from collections import Counter

    deg: Counter = Counter()
    for r in rels:
        deg[(r["from_label"], r["from_id"])] += 1
        deg[(r["to_label"], r["to_id"])] += 1
    n_nodes = sum(len(v) for v in nodes.values())
    degrees = sorted(deg.get((lb, r["id"]), 0) for lb, rows in nodes.items() for r in rows)
    return {
        "nodes": n_nodes,
        "relationships": len(rels),
        "by_label": {lb: len(v) for lb, v in nodes.items() if v},
        "by_type": dict(sorted(Counter(r["type"] for r in rels).items())),
        "median_degree": degrees[len(degrees) // 2] if degrees else 0,
        "max_degree": degrees[-1] if degrees else 0,
    }
