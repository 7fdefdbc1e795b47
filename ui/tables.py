"""Query results as tables a person reads (no Streamlit here): translated headers from
:mod:`ui.i18n`, enums as words, missing values as "—", whole numbers as whole numbers, types by
name, links with their source kind beside them, and raw ids only in one column called ID."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any, Sequence

import pandas as pd

from graph.sources import source_kind
from ui.i18n import LIST_SEP, MISSING, column_label, norm_lang, rel_name, t, type_name, word

__all__ = ["Table", "display_table", "cell", "tidy_frame"]

TYPE_COLUMNS = {"label", "lname", "a_label", "b_label", "path_labels"}
REL_COLUMNS = {"type", "types", "path_types", "order_types"}
ENUM_COLUMNS = {"kind", "comparator", "period", "progress_basis", "basis", "confidence", "actual_from", "status",
                "level", "source_kind"}


@dataclass
class Table:
    """What a page shows: the frame and which of its columns hold links."""

    frame: pd.DataFrame
    links: list[str] = field(default_factory=list)


def _missing(v: Any) -> bool:
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def cell(v: Any, lang: str, col: str = "") -> Any:
    """One value as shown under column ``col``.

    >>> cell(30.0, "zh"), cell(None, "en"), cell("at_least", "zh", "comparator"), cell(["a", "b"], "en")
    (30, '—', '至少', 'a, b')
    """
    lang = norm_lang(lang)
    if isinstance(v, list):
        parts = [cell(x, lang, col) for x in v if not _missing(x)]
        return LIST_SEP[lang].join(map(str, parts)) if parts else MISSING[lang]
    if _missing(v):
        return MISSING[lang]
    if isinstance(v, bool):
        return t("yes" if v else "no", lang)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False, default=str)
    if isinstance(v, str):
        if col in TYPE_COLUMNS:
            return type_name(v, lang)
        if col in REL_COLUMNS:
            return rel_name(v, lang)
        if col in ENUM_COLUMNS:
            return word(v, lang)
    return v


def _is_url(v: Any) -> bool:
    return isinstance(v, str) and v.startswith(("http://", "https://"))


def _shown_columns(columns: Sequence[str]) -> list[str]:
    """Every column but lists of ids and all id columns after the first."""
    out, have_id = [], False
    for c in columns:
        if c.endswith("_ids"):
            continue
        if c == "id" or c.endswith("_id"):
            if have_id:
                continue
            have_id = True
        out.append(c)
    return out


def display_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], lang: str = "zh") -> Table:
    """``rows`` under ``columns`` (a query result) as a :class:`Table` to show.

    >>> tb = display_table(["name", "a_id", "b_id", "source"], [["常州大学", "cczu", "x", "https://www.cczu.edu.cn/"]], "en")
    >>> list(tb.frame.columns), tb.links, tb.frame.iloc[0, 2], tb.frame.iloc[0, 3]
    (['Name', 'ID', 'Source', 'Source · Source kind'], ['Source'], 'https://www.cczu.edu.cn/', 'institution')
    """
    idx = {c: i for i, c in enumerate(columns)}
    data: dict[str, list[Any]] = {}
    links: list[str] = []
    for c in _shown_columns(columns):
        values = [r[idx[c]] for r in rows]
        head = column_label(c, lang)
        data[head] = [cell(v, lang, c) for v in values]
        if any(_is_url(v) for v in values):
            links.append(head)
            kinds = [word(source_kind(v), lang) if _is_url(v) else MISSING[norm_lang(lang)] for v in values]
            data[f"{head} · {column_label('source_kind', lang)}"] = kinds
    return Table(_one_type_per_column(pd.DataFrame(data)), links)


def _one_type_per_column(frame: pd.DataFrame) -> pd.DataFrame:
    for c in frame.columns:  # a column of numbers with gaps shows as text, so "—" stays "—"
        kinds = {type(v) for v in frame[c]}
        if str in kinds and kinds & {int, float}:
            frame[c] = frame[c].map(str)
    return frame


def tidy_frame(frame: pd.DataFrame, lang: str, keep: Sequence[str] = ()) -> pd.DataFrame:
    """A frame already under translated headers, with :func:`cell` applied to every value
    except in the ``keep`` columns (e.g. a progress bar's numbers, where a gap draws no bar)."""
    out = frame.copy()
    for c in out.columns:
        if c not in keep:
            out[c] = pd.Series([cell(v, lang) for v in out[c]], index=out.index, dtype=object)
    return _one_type_per_column(out)
