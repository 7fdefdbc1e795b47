"""Data helpers of the app: plain functions of a store (tested without Streamlit) and
their cached wrappers.  Pages call these; no business logic lives in widget callbacks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pandas as pd
import streamlit as st

from graph import config, model
from graph.store.base import GraphStore, QueryResult, StoreError, node_key, split_key
from graph.strings import join, rel_name
from queries import scorecard as sc
from queries.library import get_query, load_library, run_named
from queries.subgraph import read_subgraph, result_keys
from queries.views import plan_view_keys
# the loads (ingest/app_loads.py), re-exported for the pages
from ingest.app_loads import first_start_dir, ingest_files, ingest_uploads, load_if_empty, staged_uploads  # noqa: F401

__all__ = [
    "BUNDLED", "bootstrap", "data_version", "is_empty", "result_frame", "Ctx",
    "staged_uploads", "ingest_uploads", "ingest_files", "path_rows", "scorecard_frame", "five_mark",
    "kpi_rows", "matrix_frame", "env_fingerprint", "connect", "clear_caches", "first_load_pending",
]

BUNDLED = config.ROOT / "data" / "changzhou"
_LOAD_INFO: dict[str, dict[str, Any]] = {}  # store description -> what the app loaded and when


# --------------------------------------------------------------------------- plain helpers


def is_empty(stats: dict) -> bool:
    return sum(stats.get("nodes", {}).values()) == 0


def data_version(store: GraphStore) -> str:
    """The store's data version (:meth:`GraphStore.data_version`): it changes with every
    write from any process, renames included, so it keys every cache below."""
    return _data_version(store.describe(), store)


def bootstrap(store: GraphStore, data_dir: Path | None = None) -> dict[str, Any]:
    """:func:`ingest.app_loads.load_if_empty`, once per store and process.  Never raises: a
    store that cannot be read is an ``"error"`` tried again on the next run, not remembered."""
    sid = store.describe()
    if sid in _LOAD_INFO:
        return _LOAD_INFO[sid]
    try:
        info = load_if_empty(store, data_dir)
    except StoreError as e:
        return {"status": "error", "loaded_at": None, "message": str(e)}
    _LOAD_INFO[sid] = info
    return info


def first_load_pending() -> bool:
    """Whether no store has been loaded (or found loaded) by this process yet: only then does
    the app show its "loading the bundled data" spinner, whose start (a thread) took 0.17 s of
    a page run on the loaded machine."""
    return not _LOAD_INFO


def load_info(store: GraphStore) -> dict[str, Any]:
    return _LOAD_INFO.get(store.describe(), {"status": "present", "loaded_at": None, "message": ""})


def _cell(v: Any, lang: str) -> Any:
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, list):
        if all(isinstance(x, (str, int, float, bool)) or x is None for x in v):
            return join(("" if x is None else x for x in v), lang)
        return json.dumps(v, ensure_ascii=False, default=str)
    return v


def result_frame(res: QueryResult, lang: str = "zh") -> pd.DataFrame:
    """A query result as a DataFrame whose cells Arrow can show (lists joined the way ``lang``
    writes them, nodes as JSON)."""
    return pd.DataFrame([[_cell(v, lang) for v in row] for row in res.rows], columns=list(res.columns))


def matrix_frame(res: QueryResult) -> pd.DataFrame:
    df = pd.DataFrame(res.dicts(), columns=res.columns)
    return df


#: The matrix's kinds of partner and the coverage.matrix column that counts each.
MATRIX_KINDS = {"Platform": "platforms", "College": "colleges", "Firm": "firms", "Park": "parks"}


def matrix_cells(df: pd.DataFrame, part_of: dict[str, str] | None = None) -> pd.DataFrame:
    """coverage.matrix as one row per cell: ``track_id``, ``row`` (the track's name, a
    segment indented under its track), ``node_kind`` (a :data:`MATRIX_KINDS` label) and ``count``.
    ``part_of`` maps a segment's id to its track's name (tracks.list): segments follow their track.

    >>> m = matrix_cells(pd.DataFrame([{"track_id": "ai", "track": "人工智能", "kind": "track",
    ...                                 "platforms": 2, "colleges": 0, "firms": 1, "parks": 0}]))
    >>> list(m["node_kind"]), list(m["count"])
    (['Platform', 'College', 'Firm', 'Park'], [2, 0, 1, 0])
    """
    rows = []
    records = df.to_dict("records")
    part_of = part_of or {}
    pos = {r["track"]: i for i, r in enumerate(records) if r["track_id"] not in part_of}
    # each segment (or track that is part of another) right under the track it belongs to
    records.sort(key=lambda r: (pos.get(part_of.get(r["track_id"]), pos.get(r["track"], len(pos))),
                                r["track_id"] in part_of))
    for r in records:
        child = r.get("kind") == "segment" or r["track_id"] in part_of
        name = ("　└ " if child else "") + str(r["track"])
        for kind, col in MATRIX_KINDS.items():
            rows.append({"track_id": r["track_id"], "track": r["track"], "row": name, "node_kind": kind,
                         "count": int(r[col] or 0)})
    return pd.DataFrame(rows, columns=["track_id", "track", "row", "node_kind", "count"])


def clicked_cell(event, name: str = "cell") -> tuple[str, str] | None:
    """``(track_id, node_kind)`` of the cell a chart selection ``name`` holds, if any
    (the event ``st.altair_chart(on_select="rerun")`` returns)."""
    try:
        points = (event or {}).get("selection", {}).get(name) or []
    except AttributeError:
        return None
    for p in points:
        if p.get("track_id") and p.get("node_kind"):
            return str(p["track_id"]), str(p["node_kind"])
    return None


def platform_track_cells(res: QueryResult, lang: str = "zh") -> pd.DataFrame:
    """coverage.platform_tracks as one row per platform and track it serves: ``mark`` is ● (the
    track itself), ◐ (through a segment only) or ○ (every link inferred); ``segments`` lists
    the segments it serves."""
    by_cell: dict[tuple[str, str], dict] = {}
    for r in res.dicts():
        c = by_cell.setdefault((r["platform_id"], r["track_id"]), {
            "platform_id": r["platform_id"], "platform": r["platform"], "track_id": r["track_id"],
            "track": r["track"], "direct": False, "segments": [], "stated": False})
        if r.get("via_segment"):
            c["segments"].append(r["via_segment"])
        else:
            c["direct"] = True
        c["stated"] = c["stated"] or r.get("confidence") == "stated"
    rows = []
    for c in by_cell.values():
        mark = "○" if not c["stated"] else ("●" if c["direct"] else "◐")
        rows.append({**c, "mark": mark, "segments": join(c["segments"], lang) if c["segments"] else ""})
    return pd.DataFrame(rows, columns=["platform_id", "platform", "track_id", "track", "direct", "segments",
                                       "stated", "mark"])


def kpi_rows(res: QueryResult) -> list[dict[str, Any]]:
    """kpi.progress rows with a 0..1 ``fraction`` for progress bars (None without an actual)."""
    out = []
    for r in res.dicts():
        pct = r.get("progress_pct")
        r["fraction"] = None if pct is None else max(0.0, min(1.0, float(pct) / 100.0))
        out.append(r)
    return out


def five_mark(row: dict, link: sc.Link, tr) -> str:
    """A 五个一 cell of a park.scorecard row: ✓; ✓ (inferred) where every piece of evidence for the
    link is inferred; else "not found in published sources" (:func:`queries.scorecard.link_status`)."""
    status = sc.link_status(row, link)
    if status == sc.UNPUBLISHED:
        return tr("not_published")
    return f"✓ {tr('inferred_mark')}" if status == sc.INFERRED else "✓"


def scorecard_frame(res: QueryResult, tr, lang: str = "zh") -> pd.DataFrame:
    """park.scorecard as one row per park: ✓, ✓ (inferred) or "not found in published sources" per item,
    score, what is missing, evidence (district funds listed apart, outside the score).
    ``tr(key)`` translates column titles; lists are joined the way ``lang`` writes them."""
    rows = []
    for r in res.dicts():
        row = {tr("park"): r["park"], tr("score"): r["score"]}
        for link in sc.LINKS:
            row[tr(f"five_{link.name}")] = five_mark(r, link, tr)
        row[tr("missing")] = join([tr(f"five_{link.name}") for link in sc.missing_links(r)], lang) or "—"
        ev = [f"{tr(f'five_{link.name}')}: {join(sc.link_evidence(r, link), lang)}"
              for link in sc.LINKS if sc.link_evidence(r, link)]
        if r.get("region_funds"):
            ev.append(f"{tr('region_funds')}: {join(r['region_funds'], lang)}")
        if r.get("source"):
            ev.append(str(r["source"]))
        row[tr("evidence")] = ("；" if lang == "zh" else "; ").join(ev)
        row["park_id"] = r["park_id"]
        rows.append(row)
    return pd.DataFrame(rows)


def path_rows(res: QueryResult, lang: str = "zh") -> list[dict[str, Any]]:
    """Path rows with their node keys and a readable line ``A —关系— B …``."""
    out = []
    for r in res.dicts():
        labels, ids = r.get("path_labels") or [], r.get("path_ids") or []
        names, types = r.get("path_names") or [], r.get("path_types") or []
        keys = [node_key(a, b) for a, b in zip(labels, ids)]
        parts = [str(names[0]) if names else ""]
        for i, ty in enumerate(types):
            parts.append(f" —{rel_name(ty, lang)}— {names[i + 1] if i + 1 < len(names) else ''}")
        out.append({"hops": r.get("hops"), "keys": keys, "text": "".join(parts), "types": types})
    return out


# --------------------------------------------------------------------------- Streamlit layer


def env_fingerprint() -> str:
    """What in the environment selects the store: part of the connection's cache key."""
    return "|".join(config.setting(n) for n in ("KG_STORE", "KG_EMBEDDED_PATH", "NEO4J_URI", "NEO4J_DATABASE"))


def connect():
    """The cached ``st.connection`` to the graph store (raises StoreError when it is down)."""
    from ui.connection import KGConnection

    return st.connection("kg", type=KGConnection, env=env_fingerprint())


def _bootstrap_once(store_id: str, _store: GraphStore) -> dict[str, Any]:
    # Not a cached resource: bootstrap() remembers a finished load itself, and an error
    # (a store that was down) must be retried on the next run, not kept.
    return bootstrap(_store)


# Read at most every 5 s: a write by another process shows within 5 s (the issue allows 20).
@st.cache_data(ttl=5, show_spinner=False)
def _data_version(store_id: str, _store: GraphStore) -> str:
    return _store.data_version()


@st.cache_data(show_spinner=False, max_entries=8)
def _stats(store_id: str, version: str, _store: GraphStore) -> dict:
    return _store.stats()


@st.cache_data(show_spinner=False, max_entries=512)
def _query(store_id: str, version: str, qid: str, params_json: str, _store: GraphStore) -> QueryResult:
    # at most KG_ROW_CAP rows: a page's work follows what it can show, not the graph's size
    return run_named(_store, qid, json.loads(params_json), row_cap=row_cap())


@st.cache_data(show_spinner=False, max_entries=256)
def _export(store_id: str, version: str, keys: tuple[str, ...], _store: GraphStore) -> nx.MultiDiGraph:
    # the nodes asked for and their relationships: never the whole graph (queries/subgraph.py)
    return read_subgraph(_store, keys)


@st.cache_data(show_spinner=False, max_entries=128)
def _map(store_id: str, version: str, keys: tuple[str, ...], highlight: tuple[str, ...], lang: str,
         size_by: str | None, height: str, title: str | None, _store: GraphStore, color_by: str = "type",
         font_size: int = 14, through: tuple[str, ...] = ()):
    from graph.maps import BROWSER_LAYOUT_MAX, render_map, through_hidden
    from queries.subgraph import read_ring

    if through:  # hidden nodes in between become dotted edges
        G = through_hidden(_export(store_id, version, tuple(sorted(set(keys) | set(through))), _store), keys,
                           highlight[0] if highlight else None)
    else:
        G = _export(store_id, version, keys, _store)  # render_map reduces it to KG_MAP_NODE_CAP nodes
    communities = _precomputed(store_id, version, _store)["community_of"] if color_by == "community" else None
    # the hidden neighbours go into the page, so a double-click shows them without the app; a map
    # laid out on the server (thousands of nodes) would carry tens of thousands: none there
    ring = read_ring(_store, list(G)) if G.number_of_nodes() <= BROWSER_LAYOUT_MAX else None
    return render_map(G, title=title, height=height, size_by=size_by, highlight=highlight, lang=lang,
                      communities=communities, ring=ring, font_size=font_size, min_label_px=max(11, font_size - 2))


@st.cache_data(show_spinner=False, max_entries=8)
def _all_keys(store_id: str, version: str, _store: GraphStore) -> list[str]:
    return sorted(_store.export())


def _english_names(store_id: str, version: str, _store: GraphStore) -> dict[str, str]:
    """The English names of the side table (graph.precompute): read once per data version."""
    pre = _precomputed(store_id, version, _store)
    if "english_names" not in pre:  # a side table written before it kept them
        from graph.names import read_english_names

        pre["english_names"] = read_english_names(_store)
    return pre["english_names"]


@st.cache_resource(show_spinner=False, max_entries=8)  # read-only and shared: no copy per page run
def _precomputed(store_id: str, version: str, _store: GraphStore) -> dict:
    """The analytics and audits computed after the load (graph.precompute): read, not run."""
    from graph import precompute

    pre = precompute.read(_store, version)
    # a file written before the maps coloured by community lacks their membership: compute again
    return pre if "community_of" in pre else precompute.refresh(_store, version)


def clear_caches() -> None:
    """After an upload: every cached count, query result, export and map is stale."""
    _data_version.clear()
    _stats.clear()
    _query.clear()
    _export.clear()
    _map.clear()
    _precomputed.clear()
    _LOAD_INFO.clear()


@dataclass
class Ctx:
    """What a page needs: the store, the language and the data version for cache keys."""

    store: GraphStore
    lang: str = "zh"
    store_id: str = ""
    version: str = ""
    load: dict = field(default_factory=dict)

    @classmethod
    def open(cls, lang: str) -> "Ctx":
        conn = connect()
        store = conn.store
        sid = store.describe()
        load = _bootstrap_once(sid, store)
        return cls(store, lang, sid, data_version(store), load)

    def stats(self) -> dict:
        return _stats(self.store_id, self.version, self.store)

    def q(self, qid: str, **params: Any) -> QueryResult:
        res = _query(self.store_id, self.version, qid, json.dumps(params, sort_keys=True, ensure_ascii=False),
                     self.store)
        return self.in_language(res)

    def in_language(self, res: QueryResult) -> QueryResult:
        """``res`` as the reader sees it: in English, entity names become their ``name_en``
        (graph.names); in Chinese, unchanged.  A user's own Cypher (:meth:`read`) is not
        translated: it shows what it asked for."""
        if self.lang != "en":
            return res
        from graph.names import translate_rows

        names = _english_names(self.store_id, self.version, self.store)
        return QueryResult(res.columns, translate_rows(res.columns, res.rows, names), res.truncated)

    def analysis(self, what: str, *, kind: tuple[str, str] | None = None, top: int = 20) -> list[dict]:
        from graph import precompute

        pre = _precomputed(self.store_id, self.version, self.store)
        rows = precompute.analysis(pre, what, kind, top, self.lang)
        if self.lang == "en" and rows:
            cols = list(rows[0])
            res = self.in_language(QueryResult(cols, [[r.get(c) for c in cols] for r in rows]))
            rows = res.dicts()
        return rows

    def audit(self, qid: str) -> QueryResult:
        """A data-quality audit (``quality.*``) as computed after the load."""
        found = _precomputed(self.store_id, self.version, self.store)["audits"][qid]
        return QueryResult(found["columns"], found["rows"], found["truncated"])

    def export(self, keys: Iterable[str]) -> nx.MultiDiGraph:
        return _export(self.store_id, self.version, tuple(sorted(set(keys))), self.store)

    def map(self, keys: Iterable[str], *, highlight: Iterable[str] = (), size_by: str | None = None,
            height: str = "600px", title: str | None = None, color_by: str = "type", font_size: int = 14,
            through: Iterable[str] = ()):
        """The map of ``keys`` (graph.maps.render_map), coloured by type or by the precomputed
        communities, with the drawn nodes' hidden neighbours embedded for a double-click.
        ``through``: nodes not drawn that may link drawn ones (graph.maps.through_hidden)."""
        return _map(self.store_id, self.version, tuple(sorted(set(keys))), tuple(highlight), self.lang,
                    size_by, height, title, self.store, color_by, font_size, tuple(sorted(set(through))))

    def all_keys(self) -> list[str]:
        """Every node of the graph (the presenter's whole-graph slide), from the cached export."""
        return _all_keys(self.store_id, self.version, self.store)

    def plan_keys(self) -> list[str]:
        """The presenter's plan view (:func:`queries.views.plan_view_keys`), cached."""
        return plan_view_keys(self.q)

    def search(self, text: str, limit: int = 20, types: list[str] | None = None) -> list[dict]:
        if not text.strip():
            return []
        return self.q("entity.search", q=text.strip(), limit=limit, types=types or []).dicts()

    def names(self, keys: Iterable[str]) -> dict[str, str]:
        return node_names(self.store, keys, self.lang)

    def neighbourhood(self, key: str, hops: int = 1, types: list[str] | None = None) -> QueryResult:
        label, id_ = split_key(key)
        return self.q("entity.neighbourhood", label=label, id=id_, hops=int(hops), types=types or [])

    def neighbourhood_keys(self, key: str, hops: int = 1, types: list[str] | None = None) -> list[str]:
        return result_keys(self.neighbourhood(key, hops, types), (key,))

    def read(self, cypher: str, params: dict | None = None) -> QueryResult:
        """A console query: always read-only, with the row cap and time limit from settings."""
        return self.store.read(cypher, params or {}, row_cap=row_cap(), timeout=query_timeout())

    def run_library(self, qid: str, params: dict) -> QueryResult:
        return self.in_language(run_named(self.store, qid, params, row_cap=row_cap(), timeout=query_timeout()))


def node_names(store: GraphStore, keys: Iterable[str], lang: str = "zh") -> dict[str, str]:
    """``{key: name}`` of the stored nodes among ``keys``, names in ``lang``
    (:func:`graph.names.display_name`): one id lookup per label, so the cost follows the keys
    asked for, not the graph."""
    from graph.names import display_name

    by_label: dict[str, list[str]] = {}
    for k in keys:
        label, id_ = split_key(k)
        if label in model.labels():
            by_label.setdefault(label, []).append(id_)
    out = {}
    for label, ids in by_label.items():
        for id_, row in store.fetch_nodes(label, sorted(set(ids))).items():
            out[node_key(label, id_)] = display_name(row, lang) or node_key(label, id_)
    return out


def map_node_cap() -> int:
    return int(config.setting("KG_MAP_NODE_CAP"))


def slide_deck_html(store: GraphStore, specs, title: str, lang: str, **map_args) -> bytes:
    """The presenter's slides ``specs`` — ``(keys, highlight, title, subtitle)`` each — as one
    offline HTML file (graph.maps.slide_deck).  Plain: no Streamlit call, as the download
    button runs it on its own thread."""
    from graph.maps import render_map, slide_deck

    map_args.setdefault("min_label_px", max(11, map_args.get("font_size", 14) - 2))
    slides = [(head, sub, render_map(store.export() if keys == ["*"] else read_subgraph(store, keys), highlight=hl,
                                     lang=lang, **map_args)) for keys, hl, head, sub in specs]
    return slide_deck(slides, title=title, lang=lang).encode("utf-8")


def row_cap() -> int:
    return int(config.setting("KG_ROW_CAP"))


def query_timeout() -> float:
    return float(config.setting("KG_QUERY_TIMEOUT_S"))


def library() -> dict:
    return load_library()


def query_def(qid: str):
    return get_query(qid)


def entity_exists(ctx: Ctx, key: str) -> bool:
    try:
        label, _ = split_key(key)
        if label not in model.labels():
            return False
        return key in node_names(ctx.store, [key])
    except StoreError:
        return False


def neighbourhood_five(ctx: Ctx, park_id: str) -> list[str]:
    """A park and its 五个一 neighbours (tracks, platforms, talents, funds, projects)."""
    return ctx.neighbourhood_keys(node_key("Park", park_id), 1, sc.LINK_LABELS)
