"""Shareable views: widget state seeded from ``st.query_params`` and written back to it."""

from __future__ import annotations

from typing import Any

import streamlit as st

__all__ = ["qp", "seed", "publish", "qp_list", "qp_int"]


def qp(name: str, default: str | None = None) -> str | None:
    v = st.query_params.get(name)
    return v if v not in (None, "") else default


def qp_int(name: str, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(qp(name, str(default)))))
    except (TypeError, ValueError):
        return default


def qp_list(name: str, allowed: list[str] | None = None) -> list[str]:
    raw = qp(name, "") or ""
    items = [x for x in (s.strip() for s in raw.split(",")) if x]
    return [x for x in items if allowed is None or x in allowed]


def seed(key: str, value: Any) -> None:
    """Give widget ``key`` its value from the URL the first time the page runs."""
    if key not in st.session_state:
        st.session_state[key] = value


def publish(**values: Any) -> None:
    """Write the view into the URL (empty values removed)."""
    for k, v in values.items():
        if isinstance(v, (list, tuple)):
            v = ",".join(map(str, v))
        if v in (None, ""):
            if k in st.query_params:
                del st.query_params[k]
        elif st.query_params.get(k) != str(v):
            st.query_params[k] = str(v)
