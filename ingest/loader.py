"""Load spreadsheets and policy documents into a store: validate everything first, then
write it all in one transaction — or write nothing."""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from graph import model
from graph.store.base import GraphStore, LoadSummary
from ingest.spreadsheet import (Entity, IngestError, Plan, Problem, build_plan, canonical_order, read_tables,
                                row_values)

__all__ = ["IngestResult", "ingest_paths", "known_entities", "write_rejects", "DOCUMENT_SUFFIXES", "DOCUMENTS_DIR"]

DOCUMENT_SUFFIXES = (".txt", ".docx")
DOCUMENTS_DIR = "documents"
PROGRESS_MIN_ROWS = 1000  # a load this long shows a progress bar (unless quiet)
# Labels whose names are looked up in documents and spreadsheets (documents, their
# clauses and targets are not entities a clause "mentions").
ENTITY_LABELS = tuple(lb for lb in model.labels() if lb not in ("Document", "Clause", "Target"))


@dataclass
class IngestResult:
    plan: Plan
    summary: LoadSummary | None  # None on a dry run
    documents: list[str] = field(default_factory=list)
    candidates: list[dict] = field(default_factory=list)


def known_entities(store: GraphStore, labels: Iterable[str] = ENTITY_LABELS) -> list[Entity]:
    """Every node of ``labels`` in ``store`` with its name and aliases."""
    out = []
    for lb in labels:
        res = store.read(f"MATCH (n:{lb}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases", trusted=True)
        out += [Entity(lb, r[0], r[1] or "", tuple(r[2] or ())) for r in res.rows]
    return out


def _document_files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            d = p / DOCUMENTS_DIR
            if d.is_dir():
                out += sorted(f for f in d.iterdir() if f.suffix.lower() in DOCUMENT_SUFFIXES)
        elif p.suffix.lower() in DOCUMENT_SUFFIXES:
            out.append(p)
    return out


def _sources(doc: Path) -> dict[str, str]:
    """``documents/sources.csv`` (file,url,…) beside a document: its official URL."""
    f = doc.parent / "sources.csv"
    if not f.exists():
        return {}
    with f.open(encoding="utf-8-sig", newline="") as fh:
        return {r["file"]: r.get("url", "") for r in csv.DictReader(fh) if r.get("file")}


# What ``documents/targets.csv`` may add to a target: every Target property the
# document's text does not set (the measuring query, published figures, their sources).
_DOCUMENT_TARGET_PROPS = {"metric", "value", "value_max", "unit", "comparator", "period", "phrase"}
TARGET_OVERLAY_PROPS = {p.name: p for p in model.node_type("Target").props if p.name not in _DOCUMENT_TARGET_PROPS}
# A published figure is shown only with the date it describes and the page that states it.
_FIGURE_NEEDS = {"baseline": ("baseline_as_of", "baseline_source"), "latest": ("latest_as_of", "latest_source")}


def _overlay_value(prop: model.Prop, v: str) -> tuple[object, str | None]:
    """The typed value of one overlay cell, or the reason it is refused."""
    if prop.type == "DOUBLE":
        try:
            return float(v.replace(",", "")), None
        except ValueError:
            return None, f"{v!r} is not a number"
    if prop.enum and v not in prop.enum:
        return None, f"{v!r} is not one of {', '.join(prop.enum)}"
    return v, None


def _overlay_row(f: Path, i: int, row: dict, problems: list[Problem]) -> dict:
    """The checked properties of one ``targets.csv`` row (problems appended, not raised)."""
    props: dict = {}
    for k, raw in row.items():
        if k is None or k == "target_id":
            continue
        if k not in TARGET_OVERLAY_PROPS:
            problems.append(Problem(str(f), i, k, f"not a target property ({', '.join(sorted(TARGET_OVERLAY_PROPS))})"))
            continue
        v = (raw or "").strip()
        if v:
            value, reason = _overlay_value(TARGET_OVERLAY_PROPS[k], v)
            if reason:
                problems.append(Problem(str(f), i, k, reason))
            else:
                props[k] = value
    for fig, needs in _FIGURE_NEEDS.items():
        for need in needs:
            if fig in props and need not in props:
                problems.append(Problem(str(f), i, need, f"{fig} is given without its {need}"))
    return props


def _target_overlay(doc_dir: Path, nodes: dict[str, list[dict]], problems: list[Problem]) -> None:
    """``documents/targets.csv`` adds to targets what a document cannot say: the query
    counting what the dataset holds (``coverage_query``), how progress is measured, and
    the published baseline and latest figures with their dates and sources."""
    f = doc_dir / "targets.csv"
    if not f.exists():
        return
    targets = {t["id"]: t for t in nodes.get("Target", [])}
    with f.open(encoding="utf-8-sig", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            t = targets.get((row.get("target_id") or "").strip())
            if t is None:
                problems.append(Problem(str(f), i, "target_id", f"no target {row.get('target_id')!r} in the documents"))
                continue
            t.update(_overlay_row(f, i, row, problems))


def ingest_paths(store: GraphStore, paths: Iterable[str | Path], *, dry_run: bool = False,
                 skip_invalid: bool = False, rejects_path: str | Path | None = None,
                 batch_size: int = 5000, quiet: bool = True, document_url: str | None = None) -> IngestResult:
    """Validate the spreadsheets and documents in ``paths`` and load them into ``store``
    in one transaction.  Raises :class:`IngestError` with every problem (and writes
    nothing) unless ``skip_invalid``, which loads the valid rows and writes the rejected
    ones to ``rejects_path``."""
    paths = [Path(p) for p in paths]
    tables, file_problems = read_tables(p for p in paths if p.is_dir() or p.suffix.lower() not in DOCUMENT_SUFFIXES)
    doc_files = _document_files(paths)
    if not tables and not file_problems and not doc_files:
        file_problems.append(Problem(", ".join(str(p) for p in paths) or "-", 0, "-",
                                     "no spreadsheets (.csv, .xlsx) or documents found"))
    # Every stored node, so that rows and relationships can name documents and clauses too.
    known = known_entities(store, model.labels())
    plan = build_plan(tables, known, skip_invalid=skip_invalid, file_problems=file_problems)

    documents, candidates = [], []
    if doc_files:
        from ingest import document as docs

        entities = [e for e in known if e.label in ENTITY_LABELS] + [Entity(lb, r["id"], r["name"], tuple(r.get("aliases") or ()))
                            for lb, rows in plan.nodes.items() if lb in ENTITY_LABELS for r in rows]
        for f in doc_files:
            try:
                text = docs.read_text(f)
                parsed = docs.parse_document(text, source_url=document_url or _sources(f).get(f.name) or None,
                                             path=str(f))
            except docs.DocumentError as e:
                plan.problems.append(Problem(str(f), 0, "-", str(e)))
                continue
            rows = docs.document_rows(parsed, entities)
            documents.append(parsed.id if hasattr(parsed, "id") else str(f))
            clauses = {c["id"]: c for c in rows.nodes.get("Clause", [])}
            for c in rows.candidates:
                candidates.append(c)
                clause = clauses.get(c.get("clause_id"))
                if clause is not None:  # kept on the clause for review, never made a node
                    clause["candidates"] = sorted(set(clause.get("candidates", [])) | {c["text"]})
            for lb, node_rows in rows.nodes.items():
                plan.nodes.setdefault(lb, []).extend(node_rows)
            plan.rels.extend(rows.rels)
            _target_overlay(f.parent, plan.nodes, plan.problems)

    if skip_invalid and rejects_path:
        write_rejects(rejects_path, plan.rejects, tables)
    if plan.problems:
        raise IngestError(plan.problems)
    if dry_run:
        return IngestResult(plan, None, documents, candidates)

    canonical_order(plan.nodes, plan.rels)  # document rows too
    bar = None
    if not quiet and plan.row_count >= PROGRESS_MIN_ROWS:
        from tqdm import tqdm

        # It counts the rows written; rows equal to what is stored are not written, so a
        # reload may end before 100 %.
        bar = tqdm(total=plan.row_count, unit="row", desc="writing", file=sys.stderr, leave=False)
    try:
        summary = store.load(plan.nodes, plan.rels, batch_size=batch_size,
                             progress=(bar.update if bar else None))
    finally:
        if bar:
            bar.close()
    return IngestResult(plan, summary, documents, candidates)


REJECT_FIELDS = ["file", "row", "column", "reason", "data"]


def write_rejects(path: str | Path, rejects: list[dict], tables) -> None:
    """The rejected rows' problems as CSV (UTF-8 with BOM, so Excel opens it): file, row,
    column, reason and the row's values as JSON."""
    values = row_values(tables)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=REJECT_FIELDS)
        w.writeheader()
        for r in rejects:
            w.writerow({**r, "data": values.get((r["file"], r["row"]), "")})
