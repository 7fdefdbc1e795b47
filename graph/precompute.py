"""What is costly to compute, computed once per data version and kept beside the store.

After each load (``kg ingest``, an upload in the app, ``kg bench --keep``) :func:`refresh`
runs the analytics (:mod:`graph.fast_analytics`) and the data-quality audits
(``quality.*``) as one batch job and writes their rows to a side table: one JSON file per
store and data version under ``KG_PRECOMPUTED_DIR`` (default ``.kg/precomputed``).  Pages
only read it (:func:`read`); a version nobody computed yet is computed on the first read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from graph import config
from graph.store.base import GraphStore

__all__ = ["data_version", "refresh", "read", "analysis", "AUDITS", "ANALYSES", "PARTNER_KINDS", "TOP"]

AUDITS = ("quality.no_source", "quality.orphans", "quality.duplicates", "quality.candidates")
#: The partner kinds the analytics page offers (None: all default kinds together).
PARTNER_KINDS = (None, ("College", "Firm"), ("University", "Firm"), ("Platform", "Firm"), ("Platform", "Park"))
#: The analyses :func:`analysis` reads, each with the columns a person reads, in order.
ANALYSES = {
    "partners": ("a_name", "a_label", "b_name", "b_label", "score", "explanation"),
    "brokers": ("name", "label", "score", "explanation"),
    "communities": ("community", "size", "summary"),
    "degree": ("name", "label", "degree", "score"),
}
TOP = 100  # rows kept per analysis: the page shows at most this many
BETWEENNESS_K = 50  # pivots above graph.analytics' exact threshold
MEMBERS = 50  # member keys kept per community
COMMUNITY_OF_MAX = 100_000  # nodes whose community the maps may colour (the largest communities first)


def data_version(store: GraphStore) -> str:
    """The store's data version: ``store.data_version()`` where the store keeps one (a meta
    node written by each load), else a hash of the counts per label and type."""
    own = getattr(store, "data_version", None)
    if callable(own):
        v = own()
        if v:
            return str(v)
    return hashlib.sha1(json.dumps(store.stats(), sort_keys=True).encode()).hexdigest()[:12]


def _path(store: GraphStore, version: str) -> Path:
    root = Path(os.environ.get("KG_PRECOMPUTED_DIR") or config.ROOT / ".kg" / "precomputed")
    sid = hashlib.sha1(store.describe().replace(" [read-only]", "").encode()).hexdigest()[:12]
    return root / f"{sid}-{version}.json"


def _kind_key(kind) -> str:
    return "all" if kind is None else "-".join(kind)


def compute(store: GraphStore, lang: str = "zh") -> dict[str, Any]:
    """Every analysis and audit of ``store``, with the seconds each took."""
    from graph import fast_analytics as fa
    from queries.library import run_named

    secs: dict[str, float] = {}

    def timed(name, f):
        t0 = time.perf_counter()
        out = f()
        secs[name] = round(time.perf_counter() - t0, 2)
        return out

    audits = {}
    for qid in AUDITS:
        res = timed(qid, lambda: run_named(store, qid, {}, row_cap=int(config.setting("KG_ROW_CAP"))))
        audits[qid] = {"columns": res.columns, "rows": res.rows, "truncated": res.truncated}
    A = timed("arrays", lambda: fa.read_arrays(store))
    analytics = {
        "degree": timed("degree", lambda: fa.degree_centrality(store, top=TOP)),
        "brokers": timed("brokers", lambda: fa.brokers_between_tracks(A, top=TOP, lang=lang)),
        "betweenness": timed("betweenness", lambda: fa.betweenness_centrality(A, k=BETWEENNESS_K, top=TOP)),
        "communities": timed("communities", lambda: fa.communities(A, lang=lang)),
    }
    community_of = _community_of(analytics["communities"])
    analytics["communities"] = [dict(r, members=r["members"][:MEMBERS]) for r in analytics["communities"][:TOP]]
    for kind in PARTNER_KINDS:
        kinds = (kind,) if kind else fa.nxa._DEFAULT_KINDS
        analytics[f"partners:{_kind_key(kind)}"] = timed(
            f"partners:{_kind_key(kind)}", lambda: fa.suggest_partners(A, kinds=kinds, top=TOP, lang=lang))
    from graph.names import read_english_names

    names = timed("english_names", lambda: read_english_names(store))  # the English UI's names
    return {"audits": audits, "analytics": analytics, "community_of": community_of, "english_names": names,
            "seconds": secs, "lang": lang, "computed_at": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")}


def _community_of(rows: list[dict]) -> dict[str, int]:
    """``{node key: community}`` for the maps' colour by community: every member of the
    largest communities, :data:`COMMUNITY_OF_MAX` nodes at most (a map shows a few hundred)."""
    out: dict[str, int] = {}
    for r in rows:
        if len(out) + len(r["members"]) > COMMUNITY_OF_MAX:
            break
        out.update(dict.fromkeys(r["members"], r["community"]))
    return out


LIST_MAX = 20  # items kept of each list in a row (shared neighbours, bridged pairs …): pages show 5


def _trimmed(row: dict) -> dict:
    """``row`` with each list cut to :data:`LIST_MAX` items and its length kept as
    ``<name>_count``: at M a broker bridges 87,000 track pairs and two firms share 30,000
    neighbours, which the explanations already summarise."""
    out = dict(row)
    for k, v in row.items():
        if isinstance(v, list) and len(v) > LIST_MAX:
            out[k], out[f"{k}_count"] = v[:LIST_MAX], len(v)
        elif isinstance(v, dict) and k == "via":
            out[k] = {t: xs[:LIST_MAX] for t, xs in list(v.items())[:LIST_MAX]}
    return out


def refresh(store: GraphStore, version: str | None = None) -> dict[str, Any]:
    """Compute everything for the store's current data version and write it (atomically)."""
    version = version or data_version(store)
    t0 = time.perf_counter()
    out = compute(store)
    out["analytics"] = {k: [_trimmed(r) for r in rows] for k, rows in out["analytics"].items()}
    out.update(version=version, total_s=round(time.perf_counter() - t0, 2))
    path = _path(store, version)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, default=str)
    os.replace(tmp, path)
    return out


def read(store: GraphStore, version: str | None = None) -> dict[str, Any]:
    """The precomputed results of the store's data version (computed now if missing)."""
    version = version or data_version(store)
    path = _path(store, version)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return refresh(store, version)


_TEXTS = {"explanation": "explanations", "summary": "summaries"}


def analysis(pre: dict[str, Any], what: str, kind=None, top: int = 20, lang: str = "zh") -> list[dict]:
    """The first ``top`` rows of one analysis (one of :data:`ANALYSES`; partners of one of
    :data:`PARTNER_KINDS`) from :func:`read`'s result, texts in ``lang``."""
    if what not in ANALYSES:
        raise ValueError(f"unknown analysis {what!r}; one of {', '.join(ANALYSES)}")
    if what == "partners" and kind not in PARTNER_KINDS:
        raise ValueError(f"unknown partner kind {kind!r}")
    key = f"partners:{_kind_key(kind)}" if what == "partners" else what
    rows = [dict(r) for r in pre["analytics"][key][:top]]
    for r in rows:
        for one, both in _TEXTS.items():
            if both in r:
                r[one] = r[both][lang]
    return rows
