"""The pages: thin functions of a :class:`ui.data.Ctx` that lay out widgets and call the
helpers in :mod:`ui.data`."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from graph import model
from graph.formatting import cell_text
from graph.precompute import ANALYSES, PARTNER_KINDS
from graph.store.base import QueryResult, StoreError, node_key, split_key
from queries.library import MAX_HOPS, get_query
from queries.scorecard import LINKS
from queries.subgraph import result_keys
from queries.views import PATH_ENDS, SLIDES, park_view_keys, path_view_keys, track_view_keys
from ui import data as D
from ui.auth import may_see_store_path
from ui.i18n import SENTENCE_SEP, join, rel_name, t, type_name, with_unit
from ui.state import publish, qp, qp_int, qp_list, seed
from ui.tables import tidy_frame
from ui.widgets import chart_spec, entity_label, entity_picker, inline, show_map, show_table, store_error

MAP_H = 560


def _type_options(lang):
    return dict(format_func=lambda lb: type_name(lb, lang), placeholder=t("choose", lang))


# --------------------------------------------------------------------------- 总览


def overview(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.title(t("app_title", lang))
    stats = ctx.stats()
    nodes, rels = stats["nodes"], stats["relationships"]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("nodes_total", lang), sum(nodes.values()))
    c2.metric(t("rels_total", lang), sum(rels.values()))
    c3.metric(t("loaded_at", lang), (ctx.load or {}).get("loaded_at") or t("unknown", lang))
    if D.is_empty(stats):
        st.warning(t("empty_store", lang))
    st.subheader(t("counts_by_type", lang))
    df = pd.DataFrame([{"label": lb, "type": type_name(lb, lang), "n": n, "color": model.node_type(lb).color}
                       for lb, n in nodes.items() if n])
    if not df.empty:
        st.vega_lite_chart(spec=chart_spec("counts", _counts_chart, df, lang), width="stretch")
    st.subheader(t("target_progress", lang))
    rows = D.kpi_rows(ctx.q("kpi.progress"))
    if not rows:
        st.info(t("no_targets", lang))
        return
    _kpi_table(rows, lang)


def _counts_chart(df: pd.DataFrame, lang: str) -> alt.Chart:
    return alt.Chart(inline(df)).mark_bar().encode(
        x=alt.X("n:Q", title=""), y=alt.Y("type:N", sort="-x", title=""),
        color=alt.Color("color:N", scale=None), tooltip=["type:N", "n:Q"])


def _kpi_table(rows: list[dict], lang: str) -> None:
    """One line per target: its published figures, their date and source, and progress."""
    def fig(r, k):
        return None if r[k] is None else with_unit(cell_text(r[k]), r["unit"], lang)

    df = pd.DataFrame([{
        t("kpi_target", lang): f"{r['metric']} {with_unit(cell_text(r['target']), r['unit'], lang)}",
        t("kpi_baseline", lang): fig(r, "baseline") or t("kpi_unpublished", lang),
        t("kpi_latest", lang): fig(r, "latest") or t("kpi_unpublished", lang),
        t("kpi_as_of", lang): r["latest_as_of"] or r["baseline_as_of"],
        t("kpi_progress", lang): r["progress_pct"],
        t("kpi_source", lang): r["latest_source"] or r["baseline_source"],
        t("kpi_coverage", lang): r["coverage"]} for r in rows])
    df = tidy_frame(df, lang, keep=[t("kpi_progress", lang)])
    st.dataframe(df, hide_index=True, width="stretch", column_config={
        t("kpi_progress", lang): st.column_config.ProgressColumn(t("kpi_progress", lang), min_value=0, max_value=100,
                                                                 format="%.1f%%"),
        t("kpi_source", lang): st.column_config.LinkColumn(t("kpi_source", lang))})
    n = sum(r["status"] != "unpublished" for r in rows)
    st.caption(f"{t('kpi_published_n', lang, n=n, total=len(rows))}{SENTENCE_SEP[lang]}{t('kpi_caption', lang)}")


def _kpi_figure_line(r: dict, which: str, lang: str) -> str:
    """``基线（2025）：5791 家 · [来源](url)`` for ``which`` = baseline or latest."""
    src, copy = r[f"{which}_source"], r[f"{which}_read_at"]
    line = t("kpi_figure", lang, label=t(f"kpi_{which}", lang), as_of=r[f"{which}_as_of"],
             value=with_unit(cell_text(r[which]), r["unit"], lang))
    line += f" · [{t('kpi_source', lang)}]({src})"
    if copy:
        line += f" · [{t('kpi_read_at', lang)}]({copy})"
    if r.get(f"{which}_quote"):
        line += f" — “{r[f'{which}_quote']}”"
    return line


def _kpi_card(r: dict, lang: str) -> None:
    st.markdown(f"**{r['metric'] or r['target_id']}** — {t('kpi_target', lang)}: {r['phrase'] or cell_text(r['target'])}")
    if r["status"] == "unpublished":
        what = r.get("searched_en" if lang == "en" else "searched") or r.get("searched") or "—"
        st.markdown(f"{t('kpi_unpublished', lang)} — {t('kpi_searched', lang, what=what)}")
    for which in ("baseline", "latest"):
        if r[which] is not None:
            st.markdown(_kpi_figure_line(r, which, lang))
    if r["status"] == "baseline_only":
        st.markdown(t("kpi_no_latest", lang))
    note = r.get("figure_note_en" if lang == "en" else "figure_note")
    if note:
        st.caption(note)
    basis = t(f"basis_{r['basis']}", lang)
    if r["fraction"] is None:
        st.caption(t("kpi_no_pct", lang, basis=basis))
    else:
        st.progress(r["fraction"], text=t("kpi_pct", lang, pct=r["progress_pct"], basis=basis,
                                          frm=t(f"from_{r['progress_from']}", lang)))
    if r["coverage"] is not None:
        st.caption(t("kpi_coverage_note", lang, n=r["coverage"]))


def _kpi_bars(ctx: D.Ctx, limit: int | None) -> None:
    lang = ctx.lang
    rows = D.kpi_rows(ctx.q("kpi.progress"))
    if not rows:
        st.info(t("no_targets", lang))
        return
    st.caption(t("kpi_caption", lang))
    for r in rows[:limit]:
        _kpi_card(r, lang)
    if limit is not None and len(rows) > limit:
        st.caption(t("kpi_more", lang, n=limit, total=len(rows)))


# --------------------------------------------------------------------------- 赛道×平台


KINDS = tuple(D.MATRIX_KINDS)
GAP_COLOUR = "#f6c1b8"  # a zero is a gap: its own colour, never the palest blue that reads as "one"
AXIS = dict(orient="top", labelFontSize=13, labelLimit=240, labelOverlap=False, title=None)


def _matrix_chart(cells: pd.DataFrame, lang: str) -> alt.LayerChart:
    """The heat map; a click on a cell selects it (param ``cell``: track_id and node_kind)."""
    cells = cells.assign(what=cells["node_kind"].map(lambda k: type_name(k, lang)))
    pick = alt.selection_point(name="cell", fields=["track_id", "node_kind"], on="click", clear=False)
    base = alt.Chart(inline(cells)).encode(
        x=alt.X("what:N", sort=[type_name(k, lang) for k in KINDS], axis=alt.Axis(labelAngle=0, **AXIS)),
        y=alt.Y("row:N", sort=list(cells["row"].drop_duplicates()), axis=alt.Axis(orient="left", labelFontSize=13,
                                                                                  labelLimit=240, title=None)))
    heat = base.mark_rect(stroke="#ffffff", strokeWidth=1, cursor="pointer").encode(
        color=alt.condition(alt.datum.count == 0, alt.value(GAP_COLOUR),
                            alt.Color("count:Q", scale=alt.Scale(scheme="blues"), legend=None)),
        tooltip=[alt.Tooltip("track:N", title=t("pick_track", lang)), alt.Tooltip("what:N", title=t("pick_kind", lang)),
                 alt.Tooltip("count:Q", title=t("n", lang))]).add_params(pick)
    text = base.mark_text(fontSize=13).encode(
        text="count:Q", color=alt.condition(alt.datum.count > 5, alt.value("#ffffff"), alt.value("#222222")))
    return (heat + text).properties(height=max(200, 26 * cells["row"].nunique()))


def matrix(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_matrix", lang))
    st.caption(f"{t('matrix_caption', lang)} {t('matrix_click', lang)}")
    df = D.matrix_frame(ctx.q("coverage.matrix"))
    if df.empty:
        st.info(t("empty_store", lang))
        return
    part_of = {r["id"]: r["part_of"] for r in ctx.q("tracks.list").dicts() if r.get("part_of")}
    event = st.vega_lite_chart(spec=chart_spec("matrix", _matrix_chart, D.matrix_cells(df, part_of), lang),
                               width="stretch", on_select="rerun", selection_mode="cell", key="mx_chart")
    tracks = list(df["track_id"])
    track_names = dict(zip(df["track_id"], df["track"]))
    seed("mx_track", qp("track") if qp("track") in tracks else tracks[0])
    seed("mx_kind", qp("kind") if qp("kind") in KINDS else "Platform")
    clicked = D.clicked_cell(event)
    if clicked and clicked != st.session_state.get("mx_clicked") and clicked[0] in tracks:
        # a new click moves the pickers below (before they are drawn: their state is theirs after)
        st.session_state["mx_clicked"] = clicked
        st.session_state["mx_track"], st.session_state["mx_kind"] = clicked
    c1, c2 = st.columns(2)
    track = c1.selectbox(t("pick_track", lang), tracks, key="mx_track", format_func=lambda x: track_names.get(x, x))
    kind = c2.selectbox(t("pick_kind", lang), KINDS, key="mx_kind", **_type_options(lang))
    publish(track=track, kind=kind)
    st.subheader(f"{t('cell_detail', lang)}: {track_names.get(track)} × {type_name(kind, lang)}")
    cell = ctx.q("coverage.cell", track=track, kind=kind)
    if cell.rows:
        show_table(cell.columns, cell.rows, lang)
    else:
        st.caption(t("none_found", lang))
    _platform_tracks(ctx)
    with st.expander(t("gaps", lang)):
        gaps = ctx.q("gaps.tracks")
        show_table(gaps.columns, gaps.rows, lang)


def _platform_tracks(ctx: D.Ctx) -> None:
    """Which platforms serve each track: platforms down, tracks across, a mark where one serves."""
    lang = ctx.lang
    st.subheader(t("platform_tracks", lang))
    st.caption(t("platform_tracks_caption", lang))
    cells = D.platform_track_cells(ctx.q("coverage.platform_tracks"), lang)
    if cells.empty:
        st.caption(t("none_found", lang))
        return
    st.vega_lite_chart(spec=chart_spec("platform_tracks", _platform_tracks_chart, cells, lang), width="stretch")


def _platform_tracks_chart(cells: pd.DataFrame, lang: str) -> alt.LayerChart:
    tip = [alt.Tooltip("platform:N", title=t("platform", lang)), alt.Tooltip("track:N", title=t("track", lang)),
           alt.Tooltip("segments:N", title=t("via_segment", lang))]
    base = alt.Chart(inline(cells)).encode(
        x=alt.X("track:N", axis=alt.Axis(labelAngle=-30, labelAlign="left", **AXIS)),
        y=alt.Y("platform:N", axis=alt.Axis(labelFontSize=12, labelLimit=320, labelOverlap=False, title=None)))
    heat = base.mark_rect(stroke="#ffffff").encode(
        color=alt.Color("mark:N", scale=alt.Scale(domain=["●", "◐", "○"], range=["#2b6cb0", "#90cdf4", "#e2e8f0"]),
                        legend=None), tooltip=tip)
    text = base.mark_text(fontSize=13).encode(text="mark:N", color=alt.value("#111111"), tooltip=tip)
    return (heat + text).properties(height=max(200, 24 * cells["platform"].nunique()))


# --------------------------------------------------------------------------- 图谱探索


def explorer(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_explorer", lang))
    url_entity = qp("entity")
    if "ex_entity" not in st.session_state and url_entity and D.entity_exists(ctx, url_entity):
        _recentre(url_entity, ctx.names([url_entity]).get(url_entity))  # the search box names it too
    seed("ex_hops", qp_int("hops", 1, 1, 3))
    seed("ex_types", qp_list("types", model.labels()))
    left, right = st.columns([1, 3])
    with left:
        picked = entity_picker(ctx, "ex", t("search", lang), st.session_state.get("ex_entity"))
        if picked:
            st.session_state["ex_entity"] = picked
        hops = st.slider(t("hops", lang), 1, 3, key="ex_hops")
        types = st.multiselect(t("filter_types", lang), model.labels(), key="ex_types", **_type_options(lang))
        size_opts = [None, "degree", "betweenness"]
        size_by = st.selectbox(t("size_by", lang), size_opts, key="ex_size",
                               format_func=lambda s: t(f"size_{s or 'none'}", lang))
        color_by = st.selectbox(t("color_by", lang), ["type", "community"], key="ex_color",
                                format_func=lambda c: t(f"color_{c}", lang))
    entity = st.session_state.get("ex_entity")
    publish(entity=entity, hops=hops if entity else None, types=types)
    if not entity:
        right.info(t("pick_entity_first", lang))
        return
    res = ctx.neighbourhood(entity, hops, types)
    keys = result_keys(res, (entity,))
    # a type filter past one hop: the hidden nodes in between become dotted edges, none floats
    through = ctx.neighbourhood_keys(entity, hops) if types and hops > 1 else ()
    names = ctx.names([entity])
    with right:
        st.subheader(entity_label(entity, names, lang))
        mr = ctx.map(keys, highlight=(entity,), size_by=size_by, height=f"{MAP_H}px", color_by=color_by,
                     through=through)
        show_map(mr, MAP_H, lang)
        st.caption(t("explorer_hint", lang))
    with left:
        nb = {node_key(r["label"], r["id"]): r for r in res.dicts()}
        if nb:
            st.markdown(f"**{t('expand', lang)}**")
            nb_names = {k: r["name"] for k, r in nb.items()}
            target = st.selectbox(t("neighbours", lang), list(nb), key="ex_nb",
                                  format_func=lambda k: f"{entity_label(k, nb_names, lang)} · {nb[k]['distance']}")
            st.button(t("expand_btn", lang), key="ex_expand", on_click=_recentre, args=(target, nb_names.get(target)))
    with st.expander(t("neighbours", lang) + f" ({len(res.rows)})"):
        show_table(res.columns, res.rows, lang)


def _recentre(key: str, name: str | None) -> None:
    # the search box follows the new centre, so it never shows the old entity's text
    st.session_state["ex_entity"] = key
    st.session_state["ex_q"] = st.session_state["ex_lastq"] = name or ""
    st.session_state["ex_sel"] = key


# --------------------------------------------------------------------------- 合作路径


MODES = {"shortest": "paths.shortest", "all": "paths.all_shortest", "k": "paths.k_paths"}


def paths(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_paths", lang))
    for end in ("from", "to"):
        v = qp(end)
        if f"pa_{end}" not in st.session_state and v and D.entity_exists(ctx, v):
            st.session_state[f"pa_{end}"] = v
    seed("pa_mode", qp("mode") if qp("mode") in MODES else "shortest")
    seed("pa_hops", qp_int("max_hops", 3, 1, MAX_HOPS))
    seed("pa_rels", qp_list("rels", model.rel_types()))
    c1, c2 = st.columns(2)
    with c1:
        a = entity_picker(ctx, "pa_a", t("from_entity", lang), st.session_state.get("pa_from"))
    with c2:
        b = entity_picker(ctx, "pa_b", t("to_entity", lang), st.session_state.get("pa_to"))
    st.session_state["pa_from"], st.session_state["pa_to"] = a, b
    c3, c4, c5 = st.columns([1, 1, 2])
    mode = c3.radio(t("mode", lang), list(MODES), key="pa_mode", format_func=lambda m: t(f"mode_{m}", lang))
    limit = get_query(MODES[mode]).param("max_hops").largest
    # the user's choice outlives a mode whose limit is lower (the slider alone would reset it)
    want = st.session_state.setdefault("pa_hops_want", st.session_state["pa_hops"])
    st.session_state["pa_hops"] = min(want, limit)
    hops = c4.slider(t("max_hops", lang), 1, limit, key="pa_hops", on_change=_keep_hops)
    k = c4.number_input(t("k", lang), 1, get_query(MODES[mode]).param("k").largest, 10, key="pa_k") if mode == "k" else None
    rels = c5.multiselect(t("rel_types", lang), model.rel_types(), key="pa_rels",
                          format_func=lambda r: f"{rel_name(r, lang)} {r}", placeholder=t("choose", lang))
    publish(**{"from": a, "to": b, "mode": mode, "max_hops": hops, "rels": rels})
    if not (a and b):
        st.info(t("pick_two", lang))
        return
    fl, fi = split_key(a)
    tl, ti = split_key(b)
    params = dict(from_label=fl, from_id=fi, to_label=tl, to_id=ti, max_hops=hops, rel_types=rels)
    if k:
        params["k"] = int(k)
    found = D.path_rows(ctx.q(MODES[mode], **params), lang)
    if not found:
        st.warning(t("no_path_within", lang, hops=hops))
        if hops < limit:
            st.button(t("search_further", lang, hops=limit), key="pa_further", type="primary",
                      on_click=_search_further, args=(limit,))
    else:
        choice = st.radio(t("p_paths", lang), range(len(found)), key="pa_choice",
                          format_func=lambda i: f"{found[i]['hops']} · {found[i]['text']}")
        keys = [x for p in found for x in p["keys"]]
        mr = ctx.map(keys, highlight=tuple(found[choice or 0]["keys"]), height=f"{MAP_H}px")
        show_map(mr, MAP_H, lang)
    st.subheader(t("common_partners", lang))
    common = ctx.q("partners.common", a_label=fl, a_id=fi, b_label=tl, b_id=ti)
    if common.rows:
        show_table(common.columns, common.rows, lang)
    else:
        st.caption(t("no_common", lang))


def _keep_hops() -> None:
    st.session_state["pa_hops_want"] = st.session_state["pa_hops"]


def _search_further(limit: int) -> None:
    st.session_state["pa_hops"] = st.session_state["pa_hops_want"] = limit


# --------------------------------------------------------------------------- 五个一


def scorecard(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_scorecard", lang))
    st.caption(t("scorecard_caption", lang))
    res = ctx.q("park.scorecard")
    df = D.scorecard_frame(res, lambda k: t(k, lang), lang)
    if df.empty:
        st.info(t("empty_store", lang))
        return
    st.dataframe(df.drop(columns=["park_id"]), hide_index=True, width="stretch", column_config={
        t("score", lang): st.column_config.ProgressColumn(t("score", lang), min_value=0, max_value=5, format="%d / 5"),
        t("evidence", lang): st.column_config.TextColumn(t("evidence", lang), width="large"),
    })
    park = _park_picker(ctx, "sc_park", list(df["park_id"]))
    publish(park=park)
    row = next((r for r in res.dicts() if r["park_id"] == park), None)
    if row is None:  # a park the capped table left out
        st.info(t("truncated", lang, cap=D.row_cap()))
        return
    cols = st.columns(5)
    for col, link in zip(cols, LINKS):
        col.metric(t(f"five_{link.name}", lang), D.five_mark(row, link, lambda k: t(k, lang)))
        if isinstance(row.get(link.evidence), list) and row[link.evidence]:
            col.caption(join(row[link.evidence], lang))
    if row.get("region_funds"):
        st.caption(f"{t('region_funds', lang)}: {join(row['region_funds'], lang)}")
    keys = D.neighbourhood_five(ctx, park)
    show_map(ctx.map(keys, highlight=(node_key("Park", park),), height="420px"), 420, lang)


def _typed_picker(ctx: D.Ctx, key: str, label: str, first: list[str], title: str) -> str:
    """The id of one entity of ``label`` picked by a type-ahead search (at most
    :data:`ui.widgets.PICK_LIMIT` matches): the URL's choice or ``first[0]`` until the user
    searches; never a list of every entity of the type."""
    want = qp(key.split("_", 1)[1])
    if key not in st.session_state:
        url = node_key(label, want) if want else None
        st.session_state[key] = url if url and (want in first or D.entity_exists(ctx, url)) \
            else node_key(label, first[0])
    picked = entity_picker(ctx, key, title, st.session_state[key], types=[label])
    if picked:
        st.session_state[key] = picked
    return split_key(st.session_state[key])[1]


def _park_picker(ctx: D.Ctx, key: str, first: list[str]) -> str:
    return _typed_picker(ctx, key, "Park", first, t("park", ctx.lang))


# --------------------------------------------------------------------------- 政策目标


KPI_CARDS = 50  # progress cards on the targets page: at M 450 targets made ~2,000 elements per run


def targets(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_targets", lang))
    st.subheader(t("target_progress", lang))
    _kpi_bars(ctx, KPI_CARDS)
    st.subheader(t("targets", lang))
    tl = ctx.q("targets.list")
    if tl.rows:
        show_table(tl.columns, tl.rows, lang)
    else:
        st.caption(t("no_targets", lang))
    st.subheader(t("clause_mentions", lang))
    cm = ctx.q("clause.mentions", document="")
    if cm.rows:
        show_table(cm.columns, cm.rows, lang)
    else:
        st.caption(t("none_found", lang))


# --------------------------------------------------------------------------- Cypher 控制台


EXAMPLE_QUERY = "console.example"  # the text "your own Cypher" starts with


def console(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_console", lang))
    st.caption(t("limits", lang, cap=D.row_cap(), timeout=D.query_timeout()))
    lib = D.library()
    seed("co_src", "own" if qp("cypher") else "lib")
    src = st.radio(t("source", lang), ["lib", "own"], key="co_src", horizontal=True,
                   format_func=lambda s: t("library_query" if s == "lib" else "own_cypher", lang))
    run = None
    if src == "lib":
        ids = sorted(lib)
        seed("co_qid", qp("query") if qp("query") in lib else "overview.counts")
        qid = st.selectbox(t("library_query", lang), ids, key="co_qid",
                           format_func=lambda i: f"{i} — {lib[i].title(lang)}")
        q = lib[qid]
        if q.describe(lang):
            st.caption(q.describe(lang))
        values = {p.name: _param_widget(p, qid, lang, q.param_help(p.name, lang)) for p in q.params}
        publish(query=qid, cypher=None)
        with st.expander("Cypher"):
            st.code(q.text_for(ctx.store.dialect), language="cypher")
        if st.button(t("run", lang), key="co_run_lib", type="primary"):
            run = ("lib", qid, values)
    else:
        seed("co_text", qp("cypher") or lib[EXAMPLE_QUERY].text_for(ctx.store.dialect))
        text = st.text_area("Cypher", key="co_text", height=140)
        publish(query=None, cypher=text)
        if st.button(t("run", lang), key="co_run_own", type="primary"):
            run = ("own", text, {})
    if run:
        try:
            res = ctx.run_library(run[1], run[2]) if run[0] == "lib" else ctx.read(run[1])
            st.session_state["co_result"] = res
            st.session_state.pop("co_error", None)
        except StoreError as e:
            st.session_state["co_result"] = None
            st.session_state["co_error"] = e
    if st.session_state.get("co_error") is not None:
        store_error(st.session_state["co_error"], lang)
    res: QueryResult | None = st.session_state.get("co_result")
    if res is None:
        return
    if res.truncated:
        st.warning(t("truncated", lang, cap=D.row_cap()))
    st.caption(t("rows", lang, n=len(res.rows)))
    show_table(res.columns, res.rows, lang)
    df = D.result_frame(res, lang)  # the CSV keeps the query's own columns and values
    st.download_button(t("download_csv", lang), df.to_csv(index=False).encode("utf-8-sig"),
                       file_name="query.csv", mime="text/csv", key="co_csv")
    keys = result_keys(res)
    if keys:
        st.subheader(t("map", lang))
        show_map(ctx.map(keys, height=f"{MAP_H}px"), MAP_H, lang)


def _param_widget(p, qid: str, lang: str, help_: str):
    key = f"co_p_{qid}_{p.name}"
    label = f"{p.name}" + (" *" if p.required else "")
    help_ = help_ or None
    default = p.default
    if p.type == "int":
        return st.number_input(label, value=int(default or 0), step=1, max_value=p.largest, key=key, help=help_)
    if p.type == "hops":
        return st.slider(label, 1, p.largest, int(default or 1), key=key, help=help_)
    if p.type == "float":
        return st.number_input(label, value=float(default or 0), key=key, help=help_)
    if p.type == "bool":
        return st.checkbox(label, value=str(default).lower() in ("1", "true", "yes"), key=key, help=help_)
    if p.type == "label":
        labels = model.labels()
        idx = labels.index(default) if default in labels else 0
        return st.selectbox(label, labels, index=idx, key=key, help=help_, **_type_options(lang))
    if p.type == "labels":
        opts = model.labels() + model.rel_types()
        dflt = [x for x in str(default or "").split(",") if x in opts]
        return st.multiselect(label, opts, default=dflt, key=key, help=help_, placeholder=t("choose", lang))
    if p.type == "list":
        return st.text_input(label, value=str(default or ""), key=key, help=(help_ or "") + " (a,b,c)")
    return st.text_input(label, value="" if default is None else str(default), key=key, help=help_)


# --------------------------------------------------------------------------- 演示模式


VIEWS = SLIDES + ("entity",)  # the slides in order; an entity's neighbourhood by deep link only
BIG = dict(size_by="degree", height="760px", font_size=22)  # presenter scale: labels read from the back


# Full screen: no sidebar, no toolbar, narrow margins (the store's details live on the Data page).
PRESENTER_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1.5rem !important; max-width: 100% !important; }
</style>"""


def _chosen(ctx: D.Ctx, key: str, label: str, first: list[str], title: str, draw: bool, chosen: dict) -> str:
    """The slide's park or track: from its type-ahead picker when the slide is on screen,
    else ``chosen``'s (the last one picked or the URL's) when it is one of ``first``, else ``first[0]``."""
    if draw:  # folded away: the slide is the map
        with st.expander(title):
            return _typed_picker(ctx, key, label, first, title)
    want = chosen.get(key.split("_", 1)[1])
    return want if want in first else first[0]


def _choices() -> dict:
    """What the slides not on screen show: the last park and track picked, else the URL's."""
    out = {k: qp(k) for k in ("track", "park", "from", "to")}
    for k in ("track", "park"):
        if st.session_state.get(f"pr_{k}"):
            out[k] = split_key(st.session_state[f"pr_{k}"])[1]
    return out


def _slide(ctx: D.Ctx, view: str, draw: bool = False, chosen: dict | None = None):
    """``(keys, highlight, title, subtitle, url params)`` of one slide, or None when the data has
    nothing for it; ``draw`` shows its picker (only the slide on screen has one).  Off screen
    (``chosen``: :func:`_choices`) it reads no widget, URL or session, so a worker thread may call it."""
    lang = ctx.lang
    chosen = _choices() if chosen is None else chosen
    run = ctx.q
    if view == "plan":
        return ctx.plan_keys(), (), t("v_plan", lang), "", {}
    if view == "track":
        tracks = run("tracks.list").dicts()
        ids = ([r["id"] for r in tracks if r.get("kind") == "track"] + [r["id"] for r in tracks if r.get("kind") == "segment"]
               or [r["id"] for r in tracks])  # tracks before their segments
        if not ids:
            return None
        track = _chosen(ctx, "pr_track", "Track", ids, t("pick_track", lang), draw, chosen)
        hl = node_key("Track", track)
        return (track_view_keys(run, track), (hl,), f"{ctx.names([hl]).get(hl, track)} · {t('v_track', lang)}", "",
                {"track": track})
    if view == "park":
        sc = run("park.scorecard").dicts()
        if not sc:
            return None
        best = [r["park_id"] for r in sorted(sc, key=lambda r: -(r["score"] or 0))]  # the fullest park first
        park = _chosen(ctx, "pr_park", "Park", best, t("park", lang), draw, chosen)
        hl = node_key("Park", park)
        row = next((r for r in sc if r["park_id"] == park), None)
        return (park_view_keys(run, park), (hl,), f"{ctx.names([hl]).get(hl, park)} · {t('v_park', lang)}",
                f"{t('score', lang)} {row['score']}/5" if row else "", {"park": park})
    if view == "path":
        a = chosen["from"] if chosen.get("from") and D.entity_exists(ctx, chosen["from"]) else PATH_ENDS[0]
        b = chosen["to"] if chosen.get("to") and D.entity_exists(ctx, chosen["to"]) else PATH_ENDS[1]
        names = ctx.names([a, b])
        keys = path_view_keys(run, a, b, MAX_HOPS)
        if not keys:
            return [], (), t("v_path", lang), t("no_path_slide", lang, a=names.get(a, a), b=names.get(b, b),
                                                 hops=MAX_HOPS), {"from": a, "to": b}
        return (keys, tuple(keys), f"{names.get(a, a)} → {names.get(b, b)} · {t('v_path', lang)}",
                t("hops_n", lang, n=len(keys) - 1), {"from": a, "to": b})
    if view == "all":
        total, cap = sum(ctx.stats()["nodes"].values()), D.map_node_cap()
        if total > cap:  # a graph past the map's cap is shown in parts, never cut silently
            return [], (), t("v_all", lang), t("all_too_big", lang, n=total, cap=cap), {}
        return (ctx.all_keys() if draw else ["*"]), (), t("v_all", lang), t("all_nodes", lang, n=total), {}
    ent = entity_picker(ctx, "pr_e", t("search", lang), qp("entity")) if draw else qp("entity")
    if not ent:
        return None
    return ctx.neighbourhood_keys(ent, 1), (ent,), entity_label(ent, ctx.names([ent]), lang), "", {"entity": ent}


def _go(views: tuple[str, ...], step: int) -> None:
    i = views.index(st.session_state["pr_view"]) if st.session_state["pr_view"] in views else 0
    st.session_state["pr_view"] = views[max(0, min(len(views) - 1, i + step))]


def _deck(ctx: D.Ctx):
    """A callable that writes every slide as one offline HTML file (ui.data.slide_deck_html).
    The download button calls it on click, on its own thread: the slides are worked out then,
    from the choices read now (a page view runs no other slide's queries; "*": the whole graph)."""
    lang, chosen = ctx.lang, _choices()

    def build() -> bytes:
        specs = [(s[0], s[1], s[2], s[3] or t("app_title", lang))
                 for s in (_slide(ctx, v, chosen=chosen) for v in SLIDES) if s and s[0]]
        return D.slide_deck_html(ctx.store, specs, t("app_title", lang), lang, **BIG)
    return build


def presenter(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.html(PRESENTER_CSS)
    seed("pr_view", qp("view") if qp("view") in VIEWS else "plan")
    view = st.session_state["pr_view"]
    order = SLIDES if view in SLIDES else VIEWS
    i = order.index(view)
    c1, c2, c3, c4 = st.columns([1, 1, 3, 2])
    c1.button(t("prev", lang), key="pr_prev", on_click=_go, args=(order, -1), disabled=i == 0, width="stretch")
    c2.button(t("next", lang), key="pr_next", on_click=_go, args=(order, 1), disabled=i == len(order) - 1,
              width="stretch")
    c3.markdown(t("slide_of", lang, i=i + 1, n=len(order)) + f" · {t(f'v_{view}', lang)}")
    spec = _slide(ctx, view, draw=True)
    if spec is None:
        st.info(t("empty_store", lang) if view != "entity" else t("pick_entity_first", lang))
        return
    keys, highlight, title, subtitle, params = spec
    publish(view=view, **{k: params.get(k) for k in ("track", "park", "entity", "from", "to")})
    st.markdown(f"## {title}")
    if subtitle:
        st.caption(subtitle)
    if not keys:
        return
    c4.download_button(t("download_deck", lang), _deck(ctx), file_name="sanming-slides.html",
                       mime="text/html", key="pr_deck", width="stretch")
    show_map(ctx.map(keys, highlight=highlight, **BIG), 760, lang)  # the legend is in the map, once


# --------------------------------------------------------------------------- 数据


def data_page(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_data", lang))
    st.subheader(t("load_status", lang))
    info = ctx.load or {}
    status = [(t("store", lang), ctx.store_id if may_see_store_path() else "—"),
              (t("status", lang), t(f"status_{info.get('status') or 'present'}", lang)),
              (t("loaded_at", lang), info.get("loaded_at") or "—"),
              (t("message", lang), info.get("message") or "—"), (t("data_version", lang), ctx.version)]
    st.dataframe(pd.DataFrame(status, columns=[t("field", lang), t("value", lang)]), hide_index=True)
    stats = ctx.stats()
    c1, c2 = st.columns(2)
    with c1:
        show_table(["label", "n"], [list(kv) for kv in stats["nodes"].items()], lang)
    with c2:
        show_table(["type", "n"], [list(kv) for kv in stats["relationships"].items()], lang)

    st.subheader(t("quality", lang))
    tabs = st.tabs([t("no_source", lang), t("orphans", lang), t("duplicates", lang), t("candidates", lang)])
    for tab, qid in zip(tabs, ("quality.no_source", "quality.orphans", "quality.duplicates", "quality.candidates")):
        with tab:
            try:
                res = ctx.audit(qid)
            except StoreError as e:
                store_error(e, lang)
                continue
            if res.rows:
                show_table(res.columns, res.rows, lang)
            else:
                st.caption(t("none_found", lang))

    st.subheader(t("upload", lang))
    files = st.file_uploader(t("upload", lang), type=["csv", "xlsx"], accept_multiple_files=True,
                             key="da_files", label_visibility="collapsed")
    if files:
        sig = tuple((f.name, f.size) for f in files)
        if st.session_state.get("da_sig") != sig:
            st.session_state["da_sig"] = sig
            st.session_state.pop("da_check", None)
        uploads = [(f.name, f.getvalue()) for f in files]
        c1, c2 = st.columns(2)
        if c1.button(t("dry_run", lang), key="da_dry"):
            st.session_state["da_check"] = D.ingest_uploads(ctx.store, uploads, dry_run=True)
        check = st.session_state.get("da_check")
        if check is not None:
            if check["ok"]:
                st.success(t("dry_ok", lang, rows=check["rows"]))
            else:
                st.error(t("problems", lang, n=len(check["problems"])))
                st.code("\n".join(check["problems"]), language="text")
        can_load = bool(check and check["ok"])
        if c2.button(t("load", lang), key="da_load", disabled=not can_load, type="primary"):
            out = D.ingest_uploads(ctx.store, uploads, dry_run=False)
            if out["ok"]:
                D.clear_caches()
                st.session_state.pop("da_check", None)
                st.success(t("loaded_ok", lang, n=out.get("changed", 0)))
                summary = out["summary"]
                cols = ["what", "created", "updated", "unchanged"]
                show_table(cols, [[r.get(c) for c in cols] for r in summary], lang)
            else:
                st.error(t("problems", lang, n=len(out["problems"])))
                st.code("\n".join(out["problems"]), language="text")
        if not can_load:
            st.caption(t("dry_first", lang))


# --------------------------------------------------------------------------- 网络分析

def analytics_page(ctx: D.Ctx) -> None:
    lang = ctx.lang
    st.header(t("p_analytics", lang))
    st.caption(t("an_caption", lang))
    top = st.slider(t("an_top", lang), 5, 100, 20, key="an_top")
    tabs = st.tabs([t(k, lang) for k in ("an_partners", "an_brokers", "an_communities", "an_degree")])
    with tabs[0]:
        options = list(PARTNER_KINDS)
        kind = st.selectbox(t("an_kind", lang), options, key="an_kind", format_func=lambda k: t("an_all_kinds", lang)
                            if k is None else f"{type_name(k[0], lang)} ↔ {type_name(k[1], lang)}")
        st.caption(t("an_explain", lang))
        _analysis_table(ctx.analysis("partners", kind=kind, top=top), "partners", lang)
    for tab, what in zip(tabs[1:], ("brokers", "communities", "degree")):
        with tab:
            _analysis_table(ctx.analysis(what, top=top), what, lang)


def _analysis_table(rows: list[dict], what: str, lang: str) -> None:
    columns = ANALYSES[what]
    if not rows:
        st.info(t("empty_store", lang))
        return
    show_table(columns, [[r.get(c) for c in columns] for r in rows], lang)


PAGES = (
    ("overview", "p_overview", overview, ":material/dashboard:"),
    ("matrix", "p_matrix", matrix, ":material/grid_on:"),
    ("explorer", "p_explorer", explorer, ":material/hub:"),
    ("paths", "p_paths", paths, ":material/route:"),
    ("scorecard", "p_scorecard", scorecard, ":material/fact_check:"),
    ("targets", "p_targets", targets, ":material/flag:"),
    ("console", "p_console", console, ":material/terminal:"),
    ("analytics", "p_analytics", analytics_page, ":material/insights:"),
    ("presenter", "p_presenter", presenter, ":material/slideshow:"),
    ("data", "p_data", data_page, ":material/database:"),
)
