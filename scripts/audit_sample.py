#!/usr/bin/env python3
"""Draw the audit sample of data/changzhou/AUDIT.md: facts at random, with a fixed seed.

A fact is one row of data/changzhou/*.csv (a node or a relationship). Run from the repo root:
``python scripts/audit_sample.py [N] [SEED]`` prints N facts (default 40, seed 20261202).
"""
from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

DATA = Path("data/changzhou")


def facts() -> list[tuple[str, str, str]]:
    out = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if "type" in row:
                    what = f"{row['type']} {row['from']} → {row['to']}" + (f" ({row['note']})" if row.get("note") else "")
                else:
                    what = f"{row['id']} {row['name']}" + (f": {row['description']}" if row.get("description") else "")
                out.append((path.name, what, row["source"]))
    return out


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261202
    sample = random.Random(seed).sample(facts(), n)
    for i, (f, what, source) in enumerate(sample, 1):
        print(f"{i}\t{f}\t{what}\t{source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
