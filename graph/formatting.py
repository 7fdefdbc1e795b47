"""Render query results as an aligned text table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

__all__ = ["render", "FORMATS", "cell_text"]

FORMATS = ("table", "csv", "json")


def cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _width(s: str) -> int:
    # CJK characters take two columns in a terminal.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def render(columns: list[str], rows: list[list[Any]], fmt: str = "table", *, max_cell: int = 60) -> str:
    """``rows`` under ``columns`` as ``table`` (aligned, CJK-aware), ``csv`` or ``json``
    (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows([[cell_text(v) for v in r] for r in rows])
        return buf.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    texts = [[cell_text(v) for v in r] for r in rows]
    texts = [[t if len(t) <= max_cell else t[: max_cell - 1] + "…" for t in r] for r in texts]
    widths = [_width(c) for c in columns]
    for r in texts:
        widths = [max(w, _width(t)) for w, t in zip(widths, r)]
    line = "  ".join(_pad(c, w) for c, w in zip(columns, widths)).rstrip()
    sep = "  ".join("-" * w for w in widths)
    body = ["  ".join(_pad(t, w) for t, w in zip(r, widths)).rstrip() for r in texts]
    return "\n".join([line, sep, *body])
