"""Reusable pieces of the pages: the entity picker, the map frame, the error box."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from graph import model
from graph.maps import legend_items
from graph.store.base import split_key
from ui.errors import DOWN, INTERNAL, error_kind
from ui.i18n import join, t, type_name
from ui.tables import display_table

__all__ = ["chart_spec", "inline", "show_map", "entity_picker", "PICK_LIMIT", "store_error", "legend_md", "entity_label", "show_table"]


def show_map(map_result, height_px: int, lang: str) -> None:
    """Embed a rendered map.  ``st.iframe`` (Streamlit ≥ 1.50) takes raw HTML and embeds it
    in a sandboxed iframe (srcdoc); it replaces the deprecated ``components.v1.html``."""
    if map_result.notice:
        st.info(map_result.notice)
    st.caption(t("map_shown", lang, shown=map_result.shown_nodes, total=map_result.total_nodes))
    st.iframe(map_result.html, height=height_px + 110)


def inline(frame: pd.DataFrame) -> alt.Data:
    """``frame`` as a chart's inline data: Altair copies it into the spec without a data
    transformer (a global setting Streamlit switches per chart), so :func:`chart_spec` may
    build the spec on any thread."""
    return alt.Data(values=frame.to_dict("records"))


@st.cache_data(show_spinner=False, max_entries=64)
def chart_spec(name: str, _build, frame: pd.DataFrame, lang: str) -> dict:
    """The Vega-Lite spec of the Altair chart ``_build(frame, lang)`` (chart ``name``), for
    ``st.vega_lite_chart``: built and validated once per chart, data and language, as every
    visitor sees the same chart.  Building and validating the matrix page's two charts took
    0.2–0.5 s of its run (BENCHMARKS.md, "App pages in a browser").

    >>> spec = chart_spec("demo", lambda f, lang: alt.Chart(inline(f)).mark_bar().encode(x="n:Q"),
    ...                   pd.DataFrame({"n": [1, 2]}), "zh")
    >>> spec["mark"]["type"], "config" in spec
    ('bar', False)
    """
    spec = _build(frame, lang).to_dict()
    spec.pop("config", None)  # Altair's default theme, which Streamlit leaves out of its charts
    return spec


def show_table(columns, rows, lang: str, column_config: dict | None = None) -> None:
    """A result as a readable table (:func:`ui.tables.display_table`); links are clickable."""
    tb = display_table(columns, rows, lang)
    config = {c: st.column_config.LinkColumn(c) for c in tb.links}
    config.update(column_config or {})
    st.dataframe(tb.frame, hide_index=True, width="stretch", column_config=config)


def legend_md(labels, lang: str) -> str:
    return " ".join(f"<span style='color:{c}'>●</span> {name}" for _, name, c, _ in legend_items(labels, lang))


def entity_label(key: str, names: dict[str, str], lang: str) -> str:
    label, _ = split_key(key)
    name, kind = names.get(key, key), type_name(label, lang)
    return f"{name}（{kind}）" if lang == "zh" else f"{name} ({kind})"


PICK_LIMIT = 20  # matches a picker lists: a type-ahead search, never every entity of a type


def entity_picker(ctx, key: str, label: str, current: str | None = None,
                  types: list[str] | None = None) -> str | None:
    """A search box with suggestions from ``entity.search`` (at most :data:`PICK_LIMIT`,
    of ``types`` only when given); returns the chosen ``Label:id``.  A new search text
    picks its best match; the list lets the user pick another.  Before any text the list
    holds ``current`` alone: what a picker reads follows what it shows, not the graph."""
    lang = ctx.lang
    hint = t("search_type_ph", lang, kind=join([type_name(x, lang) for x in types], lang)) if types else t("search_ph", lang)
    q = st.text_input(label, key=f"{key}_q", placeholder=hint)
    results = ctx.search(q, limit=PICK_LIMIT, types=types) if q else []
    opts = [f"{r['label']}:{r['id']}" for r in results]
    names = {f"{r['label']}:{r['id']}": r["name"] for r in results}
    last = st.session_state.get(f"{key}_lastq")
    sel_key = f"{key}_sel"
    if q and q != last:
        st.session_state[f"{key}_lastq"] = q
        if opts:
            current = opts[0]
            st.session_state[sel_key] = current
    if q and not results:
        st.warning(t("no_results_keep", lang, q=q) if current else t("no_results", lang))
    if current and current not in opts:
        opts.insert(0, current)
        names.update(ctx.names([current]))
    if not opts:
        return None
    if st.session_state.get(sel_key) not in opts:
        st.session_state[sel_key] = current if current in opts else opts[0]
    chosen = st.selectbox(t("results", lang), opts, key=sel_key,
                          format_func=lambda k: entity_label(k, names, lang))
    return chosen


def store_error(e: Exception, lang: str) -> None:
    """One message for a failure, chosen by :func:`ui.errors.error_kind`, never a traceback.
    Only a store that cannot be reached gets the advice on starting it."""
    from ui.data import query_timeout

    kind = error_kind(e)
    msg = str(e) if kind != INTERNAL else f"{type(e).__name__}: {e}"
    st.error(t(f"err_{kind}", lang, msg=msg, timeout=query_timeout()))
    if kind == DOWN:
        st.caption(t("store_fix", lang))


def labels_for_filter() -> list[str]:
    return model.labels()
