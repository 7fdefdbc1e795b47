"""Measure the document extractor against the hand-annotated corpus.

The corpus is ``tests/fixtures/documents/annotations.json``: real policy texts, each with
its clause structure and every quantitative target read by a person (see the file's
``about``).  :func:`evaluate_corpus` parses every document with
:func:`ingest.document.parse_document` and scores it:

* **target precision / recall**: a found target matches an annotated one when the value
  and the unit agree (each annotated target is matched at most once).  Found numbers that
  the annotation marks *ambiguous* count neither way;
* **comparator and period accuracy**: among matched targets, how many have the annotated
  comparator (and, for ``between``, the annotated upper bound ``value_max``) and period;
* **clause accuracy**: annotated structure labels (``一`` for a section, ``二/一`` for a
  numbered clause under it, ``/1`` without a section) found, over the larger of the
  annotated and the found label counts (so extra clauses cost as much as missing ones).

Example::

    >>> from ingest.document_eval import evaluate_corpus
    >>> report = evaluate_corpus()
    >>> report.overall("test").target_recall >= 0.9   # doctest: +SKIP
    True
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.document import ParsedDocument, parse_document, read_text

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "documents"
ANNOTATIONS = CORPUS_DIR / "annotations.json"
# tune: the extractor was tuned on it; seen: held out once, then its misses were read (so no
# longer held out); test: held out, annotated and committed before the extractor ever ran on it.
SPLITS = ("tune", "seen", "test")


@dataclass
class DocumentScore:
    """Counts for one document (or a sum of documents)."""

    file: str
    split: str
    gold_targets: int = 0
    found_targets: int = 0  # found, minus those the annotation marks ambiguous
    matched_targets: int = 0
    comparator_ok: int = 0
    period_ok: int = 0
    gold_clauses: int = 0
    found_clauses: int = 0
    matched_clauses: int = 0
    misses: list[str] = field(default_factory=list)  # annotated targets not found
    extras: list[str] = field(default_factory=list)  # found targets not annotated
    wrong: list[str] = field(default_factory=list)  # matched targets with another comparator or period

    @property
    def target_precision(self) -> float:
        return self.matched_targets / self.found_targets if self.found_targets else 1.0

    @property
    def target_recall(self) -> float:
        return self.matched_targets / self.gold_targets if self.gold_targets else 1.0

    @property
    def comparator_accuracy(self) -> float:
        return self.comparator_ok / self.matched_targets if self.matched_targets else 1.0

    @property
    def period_accuracy(self) -> float:
        return self.period_ok / self.matched_targets if self.matched_targets else 1.0

    @property
    def clause_accuracy(self) -> float:
        denom = max(self.gold_clauses, self.found_clauses)
        return self.matched_clauses / denom if denom else 1.0

    def add(self, other: "DocumentScore") -> None:
        for name in ("gold_targets", "found_targets", "matched_targets", "comparator_ok", "period_ok",
                     "gold_clauses", "found_clauses", "matched_clauses"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class CorpusReport:
    documents: list[DocumentScore]

    def overall(self, split: str | None = None) -> DocumentScore:
        """The sum over the documents of ``split`` (``tune``/``seen``/``test``), or over all."""
        total = DocumentScore(file="overall" + (f" ({split})" if split else ""), split=split or "all")
        for d in self.documents:
            if split is None or d.split == split:
                total.add(d)
        return total


def load_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    """The annotated documents, in the file's order."""
    return json.loads(Path(path).read_text(encoding="utf-8"))["documents"]


def structure_labels(doc: ParsedDocument) -> list[str]:
    """``["一", "二", "二/一", …]``: section labels and numbered clauses as ``section/label``."""
    labels = [s.label for s in doc.sections]
    by_no = {s.number: s.label for s in doc.sections}
    for c in doc.clauses:
        if c.numbered:
            labels.append(f"{by_no.get(c.section_no, '')}/{c.label}")
    return labels


def _key(value: float, unit: str) -> tuple[float, str]:
    return round(float(value), 6), "%" if unit == "％" else unit


def score_document(doc: ParsedDocument, annotation: dict) -> DocumentScore:
    """Compare one parsed document with its annotation (see the module docstring)."""
    score = DocumentScore(file=annotation["file"], split=annotation["split"])
    gold = list(annotation["targets"])
    ambiguous = Counter(_key(a["value"], a["unit"]) for a in annotation.get("ambiguous", []))
    score.gold_targets = len(gold)
    open_gold = {i: g for i, g in enumerate(gold)}
    for _, t in doc.targets:
        key = _key(t.value, t.unit)
        hit = next((i for i, g in open_gold.items() if _key(g["value"], g["unit"]) == key), None)
        if hit is not None:
            g = open_gold.pop(hit)
            score.found_targets += 1
            score.matched_targets += 1
            comparator_ok = g["comparator"] == t.comparator and g.get("value_max") == t.value_max
            score.comparator_ok += comparator_ok
            score.period_ok += g.get("period") == t.period
            if not comparator_ok or g.get("period") != t.period:
                score.wrong.append(f"{t.name}: {t.comparator}/{t.period}, annotated {g['comparator']}/{g.get('period')}")
        elif ambiguous[key] > 0:
            ambiguous[key] -= 1
        else:
            score.found_targets += 1
            score.extras.append(t.name)
    score.misses = [f"{g['metric']} {g['value']:g}{g['unit']}" for g in open_gold.values()]
    found = Counter(structure_labels(doc))
    wanted = Counter(annotation["structure"])
    score.gold_clauses = sum(wanted.values())
    score.found_clauses = sum(found.values())
    score.matched_clauses = sum((found & wanted).values())
    return score


def evaluate_corpus(annotations: Path = ANNOTATIONS, *, files: tuple[str, ...] = (),
                    splits: tuple[str, ...] = ()) -> CorpusReport:
    """Parse every annotated document (or those named in ``files``, or those of ``splits``)
    and score it.  Documents outside ``splits`` are not even read, so tuning on the
    ``tune`` split never runs the extractor on the held-out documents."""
    scores = []
    for ann in load_annotations(annotations):
        if files and ann["file"] not in files:
            continue
        if splits and ann["split"] not in splits:
            continue
        path = Path(annotations).parent / ann["file"]
        doc = parse_document(read_text(path), path=path)
        scores.append(score_document(doc, ann))
    return CorpusReport(scores)


def report_rows(report: CorpusReport) -> tuple[list[str], list[list]]:
    """Columns and rows of the evaluation table: each document, then each split's total."""
    columns = ["document", "split", "targets", "found", "matched", "precision", "recall",
               "comparator", "period", "clauses", "clause accuracy"]

    def row(s: DocumentScore) -> list:
        return [s.file, s.split, s.gold_targets, s.found_targets, s.matched_targets,
                f"{s.target_precision:.2f}", f"{s.target_recall:.2f}", f"{s.comparator_accuracy:.2f}",
                f"{s.period_accuracy:.2f}", s.gold_clauses, f"{s.clause_accuracy:.2f}"]

    rows = [row(d) for d in report.documents]
    present = {d.split for d in report.documents}  # a --split run totals only what it read
    rows += [row(report.overall(split)) for split in SPLITS if split in present]
    rows.append(row(report.overall()))
    return columns, rows

