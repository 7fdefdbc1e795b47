#!/usr/bin/env python3
"""Rewrite the ``source`` column of data/changzhou/*.csv by data/source_map.csv.

Each map row names a ``copy`` URL (where a fact was read) and what to do with the rows that
cite it:
- a ``source`` (the publisher's page, or a document) and an empty ``rows``: every row citing
  the copy gets that source, and the copy moves to ``read_at``;
- ``rows`` (``File.csv:id`` or ``relationships.csv:TYPE:from:to``, separated by ``|``): only those rows;
- ``source`` = ``DROP``: the rows are removed (no reputable page was found for the fact).
Idempotent: a row whose source is no longer the copy is left as it is.  Run from the repo root.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

DATA = Path("data/changzhou")
MAP = Path("data/source_map.csv")


def load_map() -> list[dict]:
    with MAP.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r["copy"] and not r["copy"].startswith("#")]


def row_key(file: str, row: dict) -> str:
    if "type" in row:
        return f"{file}:{row['type']}:{row['from']}:{row['to']}"
    return f"{file}:{row['id']}"


def rule_for(rules: list[dict], key: str, source: str) -> dict | None:
    hits = [r for r in rules if r["copy"] == source]
    for r in hits:  # a rule for named rows wins over a rule for every row
        if r.get("rows") and key in r["rows"].split("|"):
            return r
    return next((r for r in hits if not r.get("rows")), None)


def rewrite(path: Path, rules: list[dict]) -> tuple[int, int]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    changed = dropped = 0
    out = []
    for row in rows:
        rule = rule_for(rules, row_key(path.name, row), row["source"])
        if rule is None:
            out.append(row)
            continue
        if rule["source"] == "DROP":
            dropped += 1
            continue
        row["read_at"], row["source"] = row["source"], rule["source"]
        if rule.get("confidence"):
            row["confidence"] = rule["confidence"]
        changed += 1
        out.append(row)
    if not (changed or dropped):
        return 0, 0
    if "read_at" not in header:
        header.insert(header.index("confidence") + 1, "read_at")
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows({k: r.get(k) or "" for k in header} for r in out)
    return changed, dropped


def node_ids() -> set[tuple[str, str]]:
    """(label, id) of every node row in the data directory (all files, not just ours)."""
    out = set()
    for path in DATA.glob("*.csv"):
        if path.name.startswith("relationships"):
            continue
        label = path.stem.split("_")[0]
        with path.open(encoding="utf-8", newline="") as fh:
            out |= {(label, r["id"]) for r in csv.DictReader(fh)}
    return out


def drop_dangling(path: Path) -> int:
    """Remove the relationships whose endpoint was dropped."""
    ids = node_ids()
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    keep = [r for r in rows if (r["from_label"], r["from"]) in ids and (r["to_label"], r["to"]) in ids]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(keep)
    return len(rows) - len(keep)


def main() -> int:
    rules = load_map()
    for path in sorted(DATA.glob("*.csv")):
        changed, dropped = rewrite(path, rules)
        if changed or dropped:
            print(f"{path}: {changed} re-sourced, {dropped} dropped")
    print(f"{DATA / 'relationships.csv'}: {drop_dangling(DATA / 'relationships.csv')} dropped with an endpoint")
    return 0


if __name__ == "__main__":
    sys.exit(main())
