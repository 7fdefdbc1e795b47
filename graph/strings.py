"""Every string a person reads — in the app's pages (:mod:`ui`), on the maps
(:mod:`graph.maps`) and at the login (:mod:`ui.auth`) — in Simplified Chinese (default) and
English: one table, so each phrase and each enum's word is translated once.  Type and
relationship names come from :mod:`graph.model` only (``type_name`` / ``rel_name``).

``tests/test_strings.py`` holds every entry to both languages, and the English ones free of
Chinese characters, 、 and full-width brackets (:func:`foreign_in_english`).
"""

from __future__ import annotations

import re

from graph import model

__all__ = ["LANGS", "STRINGS", "COLUMNS", "WORDS", "MISSING", "LIST_SEP", "t", "type_name", "rel_name", "norm_lang",
           "column_label", "word", "join", "unit", "with_unit", "SENTENCE_SEP", "UNITS_EN", "map_text",
           "foreign_in_english"]

LANGS = ("zh", "en")

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "三名联动创新图谱", "en": "Sanming Innovation Graph"},
    "lang_label": {"zh": "语言 / Language", "en": "Language"},
    "store": {"zh": "当前图库", "en": "Active store"},
    "loaded_at": {"zh": "数据载入时间", "en": "Data loaded"},
    "unknown": {"zh": "未知", "en": "unknown"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "share_hint": {"zh": "复制浏览器地址即可分享当前视图。", "en": "Copy the browser address to share this view."},
    # pages
    "p_overview": {"zh": "总览", "en": "Overview"},
    "p_matrix": {"zh": "赛道×平台", "en": "Track × platform"},
    "p_explorer": {"zh": "图谱探索", "en": "Explorer"},
    "p_paths": {"zh": "合作路径", "en": "Paths"},
    "p_scorecard": {"zh": "园区“五个一”", "en": "Park scorecard"},
    "p_targets": {"zh": "政策目标", "en": "Targets"},
    "p_console": {"zh": "Cypher 控制台", "en": "Cypher console"},
    "p_presenter": {"zh": "演示模式", "en": "Presenter"},
    "p_data": {"zh": "数据", "en": "Data"},
    "p_analytics": {"zh": "网络分析", "en": "Network analysis"},
    "an_caption": {"zh": "基于整张图谱的网络分析（networkx）：谁可能成为合作伙伴、谁连接不同赛道、哪些主体聚成群落。",
                   "en": "Network analysis over the whole graph (networkx): likely partners, brokers between tracks, communities."},
    "an_partners": {"zh": "合作伙伴建议", "en": "Partner suggestions"},
    "an_brokers": {"zh": "跨赛道枢纽", "en": "Brokers between tracks"},
    "an_communities": {"zh": "社区发现", "en": "Communities"},
    "an_degree": {"zh": "连接度排名", "en": "Most connected"},
    "an_kind": {"zh": "配对类型", "en": "Pair kind"},
    "an_all_kinds": {"zh": "全部", "en": "all"},
    "an_top": {"zh": "显示条数", "en": "How many"},
    "an_explain": {"zh": "建议依据共同关联（Adamic–Adar 链接预测）；赛道、辖区、文件等枢纽类型不计为共同伙伴。",
                   "en": "Suggestions rest on shared neighbours (Adamic–Adar link prediction); hub types such as tracks, regions and documents do not count."},
    # errors
    "err_down": {"zh": "图库不可用：{msg}", "en": "The graph store is unavailable: {msg}"},
    "store_fix": {
        "zh": "请检查 `.streamlit/secrets.toml` 的 `[connections.kg]` 或环境变量 KG_STORE / NEO4J_URI / "
              "KG_EMBEDDED_PATH；Neo4j 可用 `scripts/neo4j-local start` 启动；嵌入式库同一时间只能被一个进程写入。",
        "en": "Check `[connections.kg]` in `.streamlit/secrets.toml` or the KG_STORE / NEO4J_URI / "
              "KG_EMBEDDED_PATH environment; start Neo4j with `scripts/neo4j-local start`; the embedded "
              "database can be opened by one writing process at a time."},
    "err_syntax": {"zh": "Cypher 语法错误，请检查查询文本：{msg}", "en": "Cypher syntax error; check the query text: {msg}"},
    "err_unknown_name": {"zh": "查询引用了图谱中不存在的类型、属性或函数：{msg}",
                         "en": "The query names a label, property or function the graph does not have: {msg}"},
    "err_timeout": {"zh": "查询超过时间限制（{timeout} 秒）被停止；请缩小范围（更少跳数、加 LIMIT）：{msg}",
                    "en": "Stopped at the time limit ({timeout} s); narrow the query (fewer hops, a LIMIT): {msg}"},
    "err_too_large": {"zh": "查询所需内存超过服务器允许的上限，已整体回滚：{msg}",
                      "en": "The query needed more memory than the server allows and was rolled back: {msg}"},
    "err_too_many_rows": {"zh": "这项分析、导出或地图需要完整结果，行数超过上限 KG_GRAPH_ROW_CAP，已拒绝（不会截断）；请缩小范围或调高上限：{msg}",
                          "en": "This analysis, export or map needs its whole result, which is over the row limit KG_GRAPH_ROW_CAP; refused, not cut. Narrow it or raise the limit: {msg}"},
    "err_readonly": {"zh": "查询被拒绝：此处只允许只读查询，不能写入或读取文件：{msg}",
                     "en": "Refused: only read-only queries run here; no writes and no file access: {msg}"},
    "err_query": {"zh": "查询未能完成：{msg}", "en": "The query did not finish: {msg}"},
    "err_internal": {"zh": "页面出错（图库本身正常）：{msg}", "en": "The page failed (the store itself is fine): {msg}"},
    "loading_bundled": {"zh": "首次启动：正在载入 data/changzhou …", "en": "First start: loading data/changzhou …"},
    "bundled_failed": {"zh": "内置数据载入失败：{msg}", "en": "Loading the bundled data failed: {msg}"},
    "empty_store": {"zh": "图库为空。请到“数据”页上传数据。", "en": "The store is empty. Upload data on the Data page."},
    # overview
    "counts_by_type": {"zh": "各类实体数量", "en": "Entities by type"},
    "rels_total": {"zh": "关系总数", "en": "Relationships"},
    "nodes_total": {"zh": "实体总数", "en": "Entities"},
    "target_progress": {"zh": "目标进度（公开数据）", "en": "Target progress (published figures)"},
    "no_targets": {"zh": "暂无目标数据。", "en": "No targets yet."},
    "kpi_more": {"zh": "仅显示前 {n} 项（共 {total} 项）；全部目标见下方“政策目标清单”。",
                 "en": "The first {n} of {total} are shown; every target is in the table below."},
    "kpi_caption": {"zh": "基线为规划起点（2025年末）的公开数值，最新值为已公布的最近数值；进度按目标表述计算（存量、增量或每年），属推算。“数据集收录”仅为本数据集所含条目数，不是全市统计，也不是进度。",
                    "en": "The baseline is the published value at the plan's start (end of 2025); the latest is the most recent published value. Progress follows the target's wording (stock, increment or per year) and is derived. “Dataset coverage” counts what this dataset holds: not the city's figure, not progress."},
    "kpi_target": {"zh": "目标", "en": "Target"},
    "kpi_baseline": {"zh": "基线", "en": "Baseline"},
    "kpi_latest": {"zh": "最新值", "en": "Latest"},
    "kpi_as_of": {"zh": "时点", "en": "As of"},
    "kpi_progress": {"zh": "进度", "en": "Progress"},
    "kpi_source": {"zh": "来源", "en": "Source"},
    "kpi_read_at": {"zh": "阅读于转载页", "en": "read on a copy"},
    "kpi_coverage": {"zh": "数据集收录", "en": "Dataset coverage"},
    "kpi_coverage_note": {"zh": "数据集收录 {n}（非全市统计，非进度）", "en": "dataset coverage {n} (not the city's figure, not progress)"},
    "kpi_figure": {"zh": "{label}（{as_of}）：{value}", "en": "{label} ({as_of}): {value}"},
    "kpi_unpublished": {"zh": "未公布", "en": "not published"},
    "kpi_searched": {"zh": "已检索：{what}", "en": "searched: {what}"},
    "kpi_no_latest": {"zh": "最新值：规划实施以来未见公布", "en": "latest: none published since the plan began"},
    "kpi_pct": {"zh": "进度 {pct}%（{basis}，依据{frm}）", "en": "progress {pct}% ({basis}, from the {frm})"},
    "kpi_no_pct": {"zh": "进度：公开数据尚不足以计算（{basis}）", "en": "progress: the published figures do not tell yet ({basis})"},
    "basis_stock": {"zh": "存量：最新值对比目标", "en": "stock: latest against the target"},
    "basis_increment": {"zh": "增量：最新值减基线对比目标", "en": "increment: latest minus baseline against the target"},
    "basis_per_year": {"zh": "每年：单年数值对比年度目标", "en": "per year: one year's figure against the yearly target"},
    "from_latest": {"zh": "最新值", "en": "latest value"},
    "from_baseline": {"zh": "基线", "en": "baseline"},
    "kpi_published_n": {"zh": "{n} / {total} 项目标有公开数值", "en": "{n} of {total} targets have a published figure"},
    # matrix
    "matrix_caption": {"zh": "每个赛道/产业链环节：服务它的平台数，以及在其中的名院、名企、名园数。颜色越深覆盖越多。",
                       "en": "For each track or chain segment: platforms serving it, colleges, firms and parks in it. "
                             "Darker means more coverage."},
    "pick_track": {"zh": "选择赛道", "en": "Track"},
    "pick_kind": {"zh": "主体类型", "en": "Kind"},
    "cell_detail": {"zh": "单元明细", "en": "Behind the cell"},
    "gaps": {"zh": "赛道短板", "en": "Gaps"},
    "matrix_click": {"zh": "点击一个格子，下方即显示该赛道与主体类型的明细。",
                     "en": "Click a cell to show that track and kind below."},
    "platform_tracks": {"zh": "平台×赛道：哪些平台服务哪个赛道", "en": "Platform × track: which platforms serve each track"},
    "platform_tracks_caption": {"zh": "●：平台直接服务该赛道；◐：经由该赛道的某个产业链环节；○ 为推断。空白即未见公开来源。",
                                "en": "●: the platform serves the track itself; ◐: through one of its chain segments; "
                                      "○: inferred. A blank means no published source was found."},
    # explorer
    "search": {"zh": "按名称或别名搜索", "en": "Search by name or alias"},
    "search_ph": {"zh": "例如 龙城实验室、常州大学", "en": "a name or an alias, e.g. CCZU"},
    "search_type_ph": {"zh": "输入{kind}的名称或别名", "en": "type a name or an alias ({kind})"},
    "results": {"zh": "搜索结果", "en": "Results"},
    "no_results": {"zh": "没有找到匹配的实体。", "en": "Nothing matches."},
    "no_results_keep": {"zh": "没有找到与“{q}”匹配的实体；仍显示上一个实体。",
                        "en": "Nothing matches “{q}”; still showing the previous entity."},
    "hops": {"zh": "跳数", "en": "Hops"},
    "filter_types": {"zh": "只显示这些类型", "en": "Only these types"},
    "choose": {"zh": "请选择（不选则全部）", "en": "Choose (none = all)"},
    "expand": {"zh": "展开（以邻居为中心）", "en": "Expand (recentre on a neighbour)"},
    "expand_btn": {"zh": "以其为中心", "en": "Recentre"},
    "neighbours": {"zh": "邻居列表", "en": "Neighbours"},
    "pick_entity_first": {"zh": "先搜索并选择一个实体。", "en": "Search for an entity and pick one."},
    "entity_missing": {"zh": "实体 {key} 不存在。", "en": "Entity {key} does not exist."},
    "size_by": {"zh": "节点大小", "en": "Node size"},
    "color_by": {"zh": "节点颜色", "en": "Node colour"},
    "color_type": {"zh": "按类型", "en": "by type"},
    "color_community": {"zh": "按社区（网络分析）", "en": "by community (network analysis)"},
    "explorer_hint": {"zh": "单击节点看详情，双击就地展开它未显示的邻居；虚线表示中间经过了未显示的节点。",
                 "en": "Click a node for its details; double-click to show its hidden neighbours here. "
                       "A dotted line passes through nodes not shown."},
    "size_none": {"zh": "相同", "en": "equal"},
    "size_degree": {"zh": "度数", "en": "degree"},
    "size_betweenness": {"zh": "中介中心性", "en": "betweenness"},
    # paths
    "from_entity": {"zh": "起点", "en": "From"},
    "to_entity": {"zh": "终点", "en": "To"},
    "max_hops": {"zh": "最多跳数", "en": "Max hops"},
    "rel_types": {"zh": "允许的关系类型（空=全部）", "en": "Allowed relationship types (empty = all)"},
    "mode": {"zh": "模式", "en": "Mode"},
    "mode_shortest": {"zh": "最短路径", "en": "Shortest"},
    "mode_all": {"zh": "全部最短路径", "en": "All shortest"},
    "mode_k": {"zh": "多条路径（k 条）", "en": "k paths"},
    "k": {"zh": "最多条数 k", "en": "k"},
    "find_paths": {"zh": "查找路径", "en": "Find paths"},
    "no_path_within": {"zh": "{hops} 跳以内没有找到路径。", "en": "No path within {hops} hops."},
    "search_further": {"zh": "扩大到 {hops} 跳再找", "en": "Search up to {hops} hops"},
    "common_partners": {"zh": "共同合作伙伴", "en": "Common partners"},
    "no_common": {"zh": "没有共同合作伙伴。", "en": "No common partners."},
    "pick_two": {"zh": "请选择起点和终点。", "en": "Pick both ends."},
    # scorecard
    "scorecard_caption": {"zh": "每个名园的“五个一”：一个主导赛道、一个共建平台、一批领军人才、一支转化基金、一批标杆项目。",
                          "en": "Each park's five links: a track, a co-built platform, leading talents, a fund, benchmark projects."},
    "five_track": {"zh": "主导赛道", "en": "Track"},
    "five_platform": {"zh": "共建平台", "en": "Platform"},
    "five_talent": {"zh": "领军人才", "en": "Talents"},
    "five_fund": {"zh": "转化基金", "en": "Fund"},
    "five_project": {"zh": "标杆项目", "en": "Projects"},
    "score": {"zh": "得分", "en": "Score"},
    "missing": {"zh": "缺少", "en": "Missing"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "park": {"zh": "园区", "en": "Park"},
    "complete": {"zh": "五项齐全", "en": "all five present"},
    "not_published": {"zh": "未见公开来源", "en": "not found in published sources"},
    "inferred_mark": {"zh": "（推断）", "en": "(inferred)"},
    "region_funds": {"zh": "所在辖区的基金（来源未写明与本园区挂钩，不计分）",
                     "en": "Funds of the park's district (no source ties them to this park; not scored)"},
    # targets
    "targets": {"zh": "政策目标清单", "en": "Targets"},
    "clause_mentions": {"zh": "条款提及的主体", "en": "What each clause mentions"},
    # console
    "library_query": {"zh": "库内查询", "en": "Library query"},
    "own_cypher": {"zh": "自写 Cypher（只读）", "en": "Your own Cypher (read-only)"},
    "source": {"zh": "查询来源", "en": "Query"},
    "run": {"zh": "运行", "en": "Run"},
    "limits": {"zh": "只读；最多 {cap} 行；超时 {timeout} 秒。", "en": "Read-only; at most {cap} rows; {timeout} s time limit."},
    "truncated": {"zh": "结果超过行数上限，只显示前 {cap} 行；请加 LIMIT 或缩小范围。",
                  "en": "More rows than the row cap: only the first {cap} are shown; add a LIMIT or narrow the query."},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "rows": {"zh": "{n} 行", "en": "{n} rows"},
    "map": {"zh": "关系图", "en": "Map"},
    # presenter
    "view": {"zh": "演示视图", "en": "View"},
    "v_plan": {"zh": "行动方案的平台与赛道", "en": "The plan's platforms and tracks"},
    "v_park": {"zh": "园区“五个一”", "en": "A park's five links"},
    "v_track": {"zh": "服务某赛道的主体", "en": "Who serves a track"},
    "v_entity": {"zh": "实体关系网络", "en": "An entity's neighbourhood"},
    "download_html": {"zh": "下载离线 HTML", "en": "Download offline HTML"},
    "download_deck": {"zh": "下载全部幻灯片（一个离线 HTML）", "en": "Download every slide (one offline HTML)"},
    "v_path": {"zh": "一条合作路径", "en": "A collaboration path"},
    "v_all": {"zh": "整张图谱", "en": "The whole graph"},
    "all_nodes": {"zh": "全部 {n} 个节点，一个不少", "en": "all {n} nodes, none left out"},
    "all_too_big": {"zh": "图谱有 {n} 个节点，超过一张图的上限 {cap}（KG_MAP_NODE_CAP），请看其他幻灯片。",
                    "en": "The graph holds {n} nodes, more than one map draws ({cap}, KG_MAP_NODE_CAP): see the other slides."},
    "hops_n": {"zh": "{n} 跳", "en": "{n} hops"},
    "slide_of": {"zh": "第 {i} / {n} 张", "en": "Slide {i} of {n}"},
    "prev": {"zh": "◀ 上一张", "en": "◀ Previous"},
    "next": {"zh": "下一张 ▶", "en": "Next ▶"},
    "no_path_slide": {"zh": "{a} 与 {b} 之间 {hops} 跳以内没有路径。", "en": "No path within {hops} hops between {a} and {b}."},
    # data
    "status": {"zh": "状态", "en": "Status"},
    "status_present": {"zh": "已有数据", "en": "data present"},
    "status_loaded": {"zh": "已载入", "en": "loaded"},
    "status_empty": {"zh": "无数据", "en": "no data"},
    "status_error": {"zh": "载入失败", "en": "load failed"},
    "message": {"zh": "说明", "en": "Message"},
    "data_version": {"zh": "数据版本", "en": "Data version"},
    "field": {"zh": "项目", "en": "Item"},
    "value": {"zh": "值", "en": "Value"},
    "load_status": {"zh": "载入状态", "en": "Load status"},
    "quality": {"zh": "数据质量", "en": "Data quality"},
    "no_source": {"zh": "缺少来源", "en": "No source"},
    "orphans": {"zh": "孤立节点", "en": "Orphans"},
    "duplicates": {"zh": "疑似重复", "en": "Likely duplicates"},
    "candidates": {"zh": "待审候选实体", "en": "Candidates"},
    "none_found": {"zh": "无。", "en": "None."},
    "upload": {"zh": "上传 CSV / XLSX（文件名即类型，如 Firm.csv、relationships.csv）",
               "en": "Upload CSV / XLSX (the file name is the type, e.g. Firm.csv, relationships.csv)"},
    "dry_run": {"zh": "检查（试运行）", "en": "Check (dry run)"},
    "load": {"zh": "载入图库", "en": "Load into the store"},
    "dry_ok": {"zh": "检查通过：{rows} 行可以载入。", "en": "Check passed: {rows} rows can be loaded."},
    "problems": {"zh": "发现 {n} 个问题（未写入任何数据）：", "en": "{n} problem(s) found (nothing written):"},
    "loaded_ok": {"zh": "已载入，变更 {n} 项。", "en": "Loaded; {n} change(s)."},
    "dry_first": {"zh": "请先运行检查。", "en": "Run the check first."},
    "reload_bundled": {"zh": "重新载入 data/changzhou", "en": "Reload data/changzhou"},
    # login (ui/auth.py)
    "auth_need_login": {"zh": "请先登录。", "en": "Please sign in."},
    "auth_password": {"zh": "访问密码", "en": "Password"},
    "auth_submit": {"zh": "登录", "en": "Sign in"},
    "auth_wrong": {"zh": "密码错误，请重试。", "en": "Wrong password, try again."},
    "auth_oidc_login": {"zh": "使用单位账号登录", "en": "Sign in with your organisation account"},
    "auth_not_allowed": {"zh": "账号 {who} 无权访问本应用。", "en": "The account {who} may not use this app."},
    "auth_logout": {"zh": "退出登录", "en": "Sign out"},
    "auth_signed_in": {"zh": "已登录：{who}", "en": "Signed in: {who}"},
    # maps (graph/maps.py): the page around a map and its click details; map_* keys reach the
    # map's script without the prefix
    "map_legend": {"zh": "图例", "en": "Legend"},
    "map_type": {"zh": "类型", "en": "Type"},
    "map_name": {"zh": "名称", "en": "Name"},
    "map_source": {"zh": "来源", "en": "Source"},
    "map_confidence": {"zh": "可信度", "en": "Confidence"},
    "map_none": {"zh": "（无）", "en": "(none)"},
    "map_notice": {"zh": "图中节点过多，仅显示度数最高的 {cap} 个（共 {total} 个），其余按类型合并为分组节点。",
                   "en": "Too many nodes: showing the {cap} with the highest degree (of {total}); "
                         "the rest are grouped by type."},
    "map_group": {"zh": "+{n} 个{type}", "en": "+{n} more {type}"},
    "map_group_tip": {"zh": "未展开的{type}：{n} 个", "en": "{n} {type} not shown"},
    "map_group_links": {"zh": "{n} 条关联", "en": "{n} link(s)"},
    "map_generated": {"zh": "生成日期", "en": "Generated"},
    "map_data_source": {"zh": "数据来源：公开政策文件与网页，各节点、关系的出处见提示框中的“来源”。",
                        "en": "Data sources: public policy documents and web pages; "
                              "each node's and relationship's source is in its tooltip."},
    "map_relation": {"zh": "关系", "en": "Relationship"},
    "map_shown": {"zh": "显示 {shown} / {total} 个节点", "en": "{shown} of {total} nodes shown"},
    "map_kind": {"zh": "来源类型", "en": "source kind"},
    "map_open": {"zh": "在图谱探索中打开", "en": "Open in the explorer"},
    "map_close": {"zh": "关闭", "en": "Close"},
    "map_via": {"zh": "经由未显示的 {names}", "en": "through hidden {names}"},
    "map_prev": {"zh": "上一张", "en": "Previous"},
    "map_next": {"zh": "下一张", "en": "Next"},
    "map_community": {"zh": "社区 {n}", "en": "Community {n}"},
    "map_community_other": {"zh": "其他社区", "en": "Other communities"},
    "map_community_none": {"zh": "不分社区（枢纽类型）", "en": "No community (hub types)"},
    "map_shapes": {"zh": "形状", "en": "Shapes"},
    "map_expand": {"zh": "双击节点：就地展开它未显示的 {n} 个邻居", "en": "Double-click the node to show its {n} hidden neighbours here"},
    "map_more": {"zh": "另有 {n} 个邻居未嵌入本页，请在图谱探索中查看", "en": "{n} more neighbours are not in this page: open the explorer"},
}


def norm_lang(lang: str | None) -> str:
    return lang if lang in LANGS else "zh"


def t(key: str, lang: str = "zh", **kw) -> str:
    """The string ``key`` in ``lang`` (falling back to zh, then to the key itself)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(norm_lang(lang)) or entry.get("zh") or key
    return text.format(**kw) if kw else text


def type_name(label: str, lang: str = "zh") -> str:
    try:
        nt = model.node_type(label)
    except KeyError:
        return label
    return nt.zh if norm_lang(lang) == "zh" else nt.en


def rel_name(type_: str, lang: str = "zh") -> str:
    try:
        rt = model.rel_type(type_)
    except KeyError:
        return type_
    return rt.zh if norm_lang(lang) == "zh" else rt.en


# Table headers: a query's column name -> its header (one place for every column a person reads).
# Columns named ``id`` or ``*_id`` are shown as "ID"; ``label`` columns as the type's name.
COLUMNS: dict[str, tuple[str, str]] = {
    "name": ("名称", "Name"), "names": ("名称", "Names"), "label": ("类型", "Type"), "lname": ("类型", "Type"),
    "a_name": ("主体 A", "Party A"), "a_label": ("A 的类型", "Type of A"),
    "b_name": ("主体 B", "Party B"), "b_label": ("B 的类型", "Type of B"),
    "type": ("类型", "Type"), "types": ("关系类型", "Relationship types"), "kind": ("类别", "Kind"),
    "n": ("数量", "Count"), "rows": ("行数", "Rows"), "score": ("得分", "Score"), "rank": ("排名", "Rank"),
    "degree": ("连接数", "Connections"), "distance": ("距离（跳）", "Distance (hops)"), "hops": ("跳数", "Hops"),
    "via": ("经由", "Via"), "what": ("内容", "What"), "explanation": ("依据", "Why"),
    "community": ("社区", "Community"), "size": ("规模", "Size"), "summary": ("组成", "Members"),
    "aliases": ("别名", "Aliases"), "source": ("来源", "Source"), "confidence": ("可信度", "Confidence"),
    "track": ("赛道", "Track"), "tracks": ("赛道", "Tracks"), "tr": ("赛道", "Track"),
    "segment": ("产业链环节", "Chain segment"), "via_segment": ("经由环节", "Via segment"), "part_of": ("所属", "Part of"),
    "platforms": ("平台", "Platforms"), "platform": ("平台", "Platform"), "platform_names": ("平台", "Platforms"),
    "colleges": ("名院", "Colleges"), "firms": ("名企", "Firms"), "firm_names": ("名企", "Firms"),
    "parks": ("名园", "Parks"), "park": ("园区", "Park"), "talents": ("领军人才", "Talents"),
    "funds": ("转化基金", "Funds"), "projects": ("标杆项目", "Projects"), "region_funds": ("辖区基金", "Regional funds"),
    "cobuilt": ("共建", "Co-built"), "located": ("所在地", "Located in"), "hubs": ("枢纽", "Hubs"),
    "lacks_platform": ("缺平台", "No platform"), "lacks_firm": ("缺名企", "No firm"),
    "lacks_college": ("缺名院", "No college"), "inferred_only": ("仅推断", "Inferred only"),
    "has_track": ("有主导赛道", "Has a track"), "has_platform": ("有共建平台", "Has a platform"),
    "has_talent": ("有领军人才", "Has talents"), "has_fund": ("有转化基金", "Has a fund"),
    "has_project": ("有标杆项目", "Has projects"), "coverage": ("覆盖", "Coverage"),
    "metric": ("指标", "Metric"), "target": ("目标值", "Target"), "value": ("数值", "Value"), "unit": ("单位", "Unit"),
    "comparator": ("比较", "Comparison"), "period": ("期限", "Period"), "progress_basis": ("进度口径", "Progress basis"),
    "basis": ("口径", "Basis"), "status": ("状态", "Status"), "actual": ("实际值", "Actual"),
    "actual_from": ("实际值出处", "Actual from"), "actual_source": ("实际值来源", "Source of the actual"),
    "progress_pct": ("进度 %", "Progress %"),
    "baseline": ("基线", "Baseline"), "baseline_as_of": ("基线时点", "Baseline as of"),
    "baseline_source": ("基线来源", "Baseline source"), "baseline_quote": ("基线原文", "Baseline quote"),
    "baseline_read_at": ("基线阅读于", "Baseline read at"),
    "latest": ("最新值", "Latest"), "latest_as_of": ("最新值时点", "Latest as of"),
    "latest_source": ("最新值来源", "Latest source"), "latest_quote": ("最新值原文", "Latest quote"),
    "latest_read_at": ("最新值阅读于", "Latest read at"),
    "figure_note": ("说明", "Note"), "figure_note_en": ("说明", "Note"), "searched": ("已检索", "Searched"),
    "searched_en": ("已检索", "Searched"), "coverage_query": ("图中计数查询", "Graph count query"),
    "document": ("文件", "Document"), "clause": ("条款", "Clause"), "clause_no": ("条款号", "Clause no."),
    "mentions": ("提及", "Mentions"), "phrase": ("原文", "Phrase"), "programme": ("计划", "Programme"),
    "q": ("查询", "Query"), "candidate": ("候选", "Candidate"), "year": ("年份", "Year"), "level": ("级别", "Level"),
    "relationship": ("关系", "Relationship"), "created": ("新建", "Created"), "updated": ("更新", "Updated"),
    "unchanged": ("未变", "Unchanged"), "order_names": ("名称", "Names"), "path_names": ("路径", "Path"),
    "path_types": ("关系", "Relationships"), "path_labels": ("类型", "Types"),
    "read_at": ("阅读于", "Read at"), "other_name": ("疑似重复的名称", "Possible duplicate"),
    "why": ("原因", "Reason"), "order_types": ("关系", "Relationships"), "source_kind": ("来源类型", "Source kind"),
    # every property of the model (graph/model.py), so a console query's columns read as words too
    "name_en": ("英文名", "English name"), "description": ("说明", "Description"), "systems": ("所属体系", "Industry systems"),
    "selected_years": ("入选年份", "Years selected"), "location": ("所在地", "Location"),
    "stock_code": ("股票代码", "Stock code"), "founded": ("成立年份", "Founded"), "based_in": ("所在城市", "Based in"),
    "size_yi": ("规模（亿元）", "Size (100 million yuan)"), "role": ("身份", "Role"), "title": ("职称", "Title"),
    "email": ("邮箱", "E-mail"), "phone": ("电话", "Phone"), "number": ("文件编号", "Document number"),
    "issuer": ("发布机构", "Issuer"), "index_no": ("索引号", "Index number"), "date_issued": ("成文日期", "Date written"),
    "date_published": ("公开日期", "Date published"), "url": ("网址", "URL"), "section": ("部分", "Section"),
    "section_no": ("部分序号", "Section number"), "text": ("正文", "Text"), "candidates": ("待审实体", "Candidates"),
    "since": ("起始年份", "Since"), "note": ("备注", "Note"), "name_en_source": ("英文名来源", "Source of the English name"),
    "value_max": ("目标上限", "Upper end"),
}

# Enumerated values shown as words (values of the model's enums and of computed columns).
WORDS: dict[str, tuple[str, str]] = {
    "at_least": ("至少", "at least"), "more_than": ("超过", "more than"), "about": ("约", "about"),
    "at_most": ("至多", "at most"), "between": ("介于", "between"), "per_year": ("每年", "per year"), "plan_period": ("规划期内", "over the plan"),
    "stock": ("存量", "stock"), "increment": ("增量", "increment"),
    "stated": ("来源明确", "stated"), "inferred": ("推断", "inferred"), "unknown": ("未知", "unknown"),
    "graph": ("图中计数", "counted in the graph"), "published": ("公开数据", "published figure"),
    "system": ("产业体系", "industry system"), "track": ("赛道", "track"), "segment": ("产业链环节", "chain segment"),
    "university": ("大学", "university"), "institute": ("研究院所", "institute"), "academy": ("科学院", "academy"),
    "national_lab": ("国家实验室", "national lab"), "school": ("学院", "school"), "campus": ("校区", "campus"),
    "lab": ("实验室", "lab"), "innovation_center": ("创新中心", "innovation centre"),
    "rd_institute": ("研发机构", "R&D institute"), "joint_lab": ("联合实验室", "joint lab"),
    "poc_center": ("概念验证中心", "proof-of-concept centre"), "enterprise_rd": ("企业研发机构", "enterprise R&D"),
    "other": ("其他", "other"), "talent": ("人才", "talent"), "finance": ("金融", "finance"),
    "insurance": ("保险", "insurance"), "matchmaking": ("对接", "matchmaking"), "rd": ("研发", "R&D"),
    "transfer": ("成果转化", "transfer"), "digital": ("数字化", "digital"), "salon": ("沙龙", "salon"),
    "official": ("政府", "official"), "company": ("企业", "company"), "filing": ("披露文件", "filing"),
    "media": ("媒体", "media"), "plan": ("方案条款", "plan clause"), "spreadsheet": ("表格", "spreadsheet"),
    "institution": ("机构", "institution"),
    # levels (Park.level is an enum written in Chinese; platforms use the same words)
    "国家级": ("国家级", "national"), "省级": ("省级", "provincial"), "市级": ("市级", "city"), "区级": ("区级", "district"),
    "未知": ("未知", "unknown"),
}

MISSING = {"zh": "—", "en": "—"}
LIST_SEP = {"zh": "、", "en": ", "}
SENTENCE_SEP = {"zh": "。", "en": ". "}

# A target's unit (the data writes it in Chinese) as English writes it: a measure word
# (5791 家, 30 个) is left out, a currency unit is said in words.
UNITS_EN: dict[str, str] = {
    "家": "", "个": "", "项": "", "名": "", "人": "", "场": "", "件": "", "所": "", "次": "",
    "亿元": "hundred million yuan", "万元": "ten thousand yuan", "元": "yuan", "%": "%",
}


def column_label(name: str, lang: str = "zh") -> str:
    """The header for query column ``name``: ``ID`` for ids, else :data:`COLUMNS`, else the name
    with underscores as spaces (a new query column shows readably until it gets its entry)."""
    if name == "id" or name.endswith("_id"):
        return "ID"
    pair = COLUMNS.get(name)
    if pair is None:
        return name.replace("_", " ")
    return pair[0] if norm_lang(lang) == "zh" else pair[1]


def word(value: str, lang: str = "zh") -> str:
    """An enumerated value as a word (``at_least`` → 至少 / at least); other text unchanged."""
    pair = WORDS.get(value)
    return value if pair is None else (pair[0] if norm_lang(lang) == "zh" else pair[1])


def unit(value: str | None, lang: str = "zh") -> str:
    """A target's unit in ``lang`` ("" for none); a unit English has no word for stays as it is.

    >>> unit("家", "zh"), unit("家", "en"), unit("亿元", "en"), unit(None, "en")
    ('家', '', 'hundred million yuan', '')
    """
    value = value or ""
    return UNITS_EN.get(value, value) if norm_lang(lang) == "en" else value


def with_unit(number: str, value: str | None, lang: str = "zh") -> str:
    """``number`` and its unit: ``5791 家`` / ``5791``; ``20 亿元`` / ``20 hundred million yuan``."""
    u = unit(value, lang)
    return f"{number} {u}" if u else number


def join(items, lang: str = "zh") -> str:
    """Items as one line, joined the way ``lang`` writes lists.

    >>> join(["甲", "乙"], "zh"), join(["a", "b"], "en"), join([], "en")
    ('甲、乙', 'a, b', '')
    """
    return LIST_SEP[norm_lang(lang)].join(map(str, items))


def map_text(lang: str) -> dict[str, str]:
    """The ``map_*`` strings of ``lang`` without their prefix, unformatted (for graph.maps)."""
    lang = norm_lang(lang)
    return {k.removeprefix("map_"): v[lang] for k, v in STRINGS.items() if k.startswith("map_")}


# CJK ideographs and punctuation, full-width forms (（）：，), and the enumeration comma 、
_NOT_ENGLISH = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def foreign_in_english(text: str) -> str:
    """The characters of ``text`` that have no place in English text ("" when none).

    >>> foreign_in_english("Park scorecard"), foreign_in_english("A park's 五个一（x）、")
    ('', '五个一（）、')
    """
    return "".join(_NOT_ENGLISH.findall(text or ""))
