"""The Streamlit app, page by page, with ``streamlit.testing.v1.AppTest`` on an embedded
store in a temporary folder.  The store is loaded on first start, as in production: with the
bundled ``data/changzhou`` when its spreadsheets are there, else with a small dataset written
here (the search assertions hold for both: both have 龙城实验室 and 常州大学)."""

from __future__ import annotations

from pathlib import Path

import re
import tempfile

import pytest

from graph.strings import foreign_in_english

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
BUNDLED = ROOT / "data" / "changzhou"
HAS_BUNDLED = any(BUNDLED.glob("*.csv"))

AppTest = pytest.importorskip("streamlit.testing.v1").AppTest

MINI = {
    "Track.csv": """id,name,kind,source,confidence
ai,人工智能,track,https://example.org/t,stated
nev,新能源,track,https://example.org/t,stated
nev-battery,动力电池,segment,https://example.org/t,stated
""",
    "Region.csv": """id,name,kind,source,confidence
wujin,武进区,市辖区,https://example.org/t,stated
""",
    "Park.csv": """id,name,level,source,confidence
wujin-hitech,武进国家高新区,国家级,https://example.org/t,stated
tianning-park,天宁经开区,省级,https://example.org/t,stated
""",
    "University.csv": """id,name,name_en,aliases,kind,source,confidence
cczu,常州大学,Changzhou University,CCZU,university,https://example.org/t,stated
""",
    "College.csv": """id,name,kind,source,confidence
cczu-mse,常州大学材料科学与工程学院,school,https://example.org/t,stated
""",
    "Platform.csv": """id,name,aliases,level,kind,source,confidence
longcheng-lab,龙城实验室,龙城|Longcheng Lab,省级,lab,https://example.org/t,stated
""",
    "Firm.csv": """id,name,source,confidence
trina,天合光能,https://example.org/t,stated
catl-cz,江苏时代新能源,https://example.org/t,stated
""",
    "Fund.csv": """id,name,size_yi,source,confidence
wj-fund,武进转化基金,10,https://example.org/t,stated
""",
    "relationships.csv": """type,from_label,from,to_label,to,source,confidence
PART_OF,Track,nev-battery,Track,nev,https://example.org/t,stated
PART_OF,College,cczu-mse,University,cczu,https://example.org/t,stated
IN_REGION,Park,wujin-hitech,Region,wujin,https://example.org/t,stated
FOCUSES_ON,Park,wujin-hitech,Track,nev,https://example.org/t,stated
SERVES,Platform,longcheng-lab,Track,nev,https://example.org/t,stated
SERVES,Platform,longcheng-lab,Track,nev-battery,https://example.org/t,stated
HOSTED_BY,Platform,longcheng-lab,University,cczu,https://example.org/t,stated
CO_BUILDS,Park,wujin-hitech,Platform,longcheng-lab,https://example.org/t,stated
LOCATED_IN,Firm,trina,Park,wujin-hitech,https://example.org/t,stated
IN_TRACK,Firm,trina,Track,nev,https://example.org/t,stated
IN_TRACK,Firm,catl-cz,Track,nev-battery,https://example.org/t,stated
IN_TRACK,College,cczu-mse,Track,nev,https://example.org/t,stated
COOPERATES_WITH,College,cczu-mse,Firm,trina,https://example.org/t,stated
COOPERATES_WITH,Firm,catl-cz,Platform,longcheng-lab,https://example.org/t,stated
SET_UP_BY,Fund,wj-fund,Park,wujin-hitech,https://example.org/t,stated
""",
}


def write_mini(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in MINI.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def app_env(tmp_path_factory):
    """An embedded store in a temporary folder, empty until the app's first start loads it."""
    tmp = tmp_path_factory.mktemp("app")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_STORE", "embedded")
        mp.setenv("KG_EMBEDDED_PATH", str(tmp / "db"))
        mp.setenv("KG_QUERY_TIMEOUT_S", "10")
        if HAS_BUNDLED:
            mp.delenv("KG_APP_DATA_DIR", raising=False)
        else:
            mp.setenv("KG_APP_DATA_DIR", str(write_mini(tmp / "mini")))
        yield tmp


def run_page(page: str, **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["page"] = page
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        parts += [str(getattr(e, "value", "")) for e in getattr(at, kind)]
    return "\n".join(parts)


def test_overview(app_env):
    at = run_page("overview")
    assert at.title[0].value == "三名联动创新图谱"
    labels = [m.label for m in at.metric]
    assert "实体总数" in labels and "数据载入时间" in labels
    total = next(m for m in at.metric if m.label == "实体总数").value
    assert int(total) > 0  # the first start loaded data into the empty store
    assert str(app_env) not in texts(at)  # the database path is shown on the Data page only
    assert not at.error


def test_overview_english(app_env):
    at = run_page("overview", lang="en")
    assert at.title[0].value == "Sanming Innovation Graph"
    assert "Entities" in [m.label for m in at.metric]


def data_dir(app_env: Path) -> Path:
    """The spreadsheets the app loaded on first start (see ``app_env``)."""
    return BUNDLED if HAS_BUNDLED else app_env / "mini"


def sheet(folder: Path, name: str) -> list[dict]:
    import csv

    rows = []
    for path in sorted(folder.glob(name)):
        with path.open(encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    return rows


def firms_by_track(folder: Path) -> dict[str, set[str]]:
    """Track id -> ids of the firms a relationship row links to it, read from the spreadsheets
    (not through the queries the page runs)."""
    out: dict[str, set[str]] = {}
    for r in sheet(folder, "relationships*.csv"):
        if r["from_label"] == "Firm" and r["to_label"] == "Track":
            out.setdefault(r["to"], set()).add(r["from"])
    return out


def test_matrix(app_env):
    at = run_page("matrix")
    assert at.selectbox(key="mx_kind").value == "Platform"
    # every track and segment; the plan's groupings of tracks (kind "system") are not rows
    tracks = {r["name"] for r in sheet(data_dir(app_env), "Track.csv") if r.get("kind") != "system"}
    firms = firms_by_track(data_dir(app_env))
    track = sorted(firms)[0]  # a track with firms, so the cell is not empty
    assert set(at.selectbox(key="mx_track").options) == tracks
    at.selectbox(key="mx_track").set_value(track).run()
    at.selectbox(key="mx_kind").set_value("Firm").run()
    assert not at.exception
    assert at.query_params["kind"] == ["Firm"] or at.query_params["kind"] == "Firm"
    cell = at.dataframe[0].value
    assert set(cell["ID"]) == firms[track] and set(cell["类型"]) == {"名企"}


@pytest.mark.parametrize("text,expect", [("龙城", "龙城实验室"), ("常州大学", "常州大学")])
def test_explorer_search(app_env, text, expect):
    at = run_page("explorer")
    assert at.slider(key="ex_hops").value == 1
    at.text_input(key="ex_q").input(text).run()
    assert not at.exception
    sel = at.selectbox(key="ex_sel")
    assert sel.options, "the search found nothing"
    assert any(expect in o for o in sel.options)
    # the neighbourhood is drawn and the view is in the URL
    assert "entity" in at.query_params
    assert at.selectbox(key="ex_nb").options
    assert not at.error


def test_english_mode_shows_english_names_in_pickers_and_headings(app_env):
    at = run_page("explorer", lang="en")
    at.text_input(key="ex_q").input("常州大学").run()
    assert not at.exception
    assert any(o.startswith("Changzhou University (") for o in at.selectbox(key="ex_sel").options)
    assert any(s.value.startswith("Changzhou University (") for s in at.subheader)
    # and a reader of the English UI finds it by the English name
    by_en = run_page("explorer", lang="en")
    by_en.text_input(key="ex_q").input("changzhou university").run()
    assert by_en.selectbox(key="ex_sel").options[0].startswith("Changzhou University (")
    # the Chinese UI keeps the Chinese name
    zh = run_page("explorer", entity=at.session_state["ex_entity"])
    assert any(s.value.startswith("常州大学（") for s in zh.subheader)
    assert "Changzhou University" not in texts(zh)


def test_explorer_from_url_and_expand(app_env):
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params.update({"page": "explorer"})
    at.run()
    at.text_input(key="ex_q").input("龙城实验室").run()
    entity = at.session_state["ex_entity"]
    at2 = run_page("explorer", entity=entity, hops="2")
    assert at2.slider(key="ex_hops").value == 2
    assert at2.session_state["ex_entity"] == entity
    nb = at2.selectbox(key="ex_nb")
    assert nb.options
    nb.select_index(len(nb.options) - 1).run()
    other = at2.selectbox(key="ex_nb").value
    at2.button(key="ex_expand").click().run()
    assert not at2.exception
    assert at2.session_state["ex_entity"] == other != entity


def test_paths(app_env):
    at = run_page("paths")
    at.text_input(key="pa_a_q").input("龙城实验室").run()
    at.text_input(key="pa_b_q").input("常州大学").run()
    assert not at.exception
    assert at.radio(key="pa_mode").value == "shortest"
    assert "from" in at.query_params and "to" in at.query_params
    at.radio(key="pa_mode").set_value("k").run()
    assert not at.exception
    assert at.number_input(key="pa_k").value == 10
    assert not at.error


def test_scorecard(app_env):
    at = run_page("scorecard")
    parks = sheet(data_dir(app_env), "Park.csv")
    # the picker lists the page's park and, once a name is typed, the parks that match it
    assert len(at.selectbox(key="sc_park_sel").options) == 1
    other = parks[-1]
    at.text_input(key="sc_park_q").input(other["name"]).run()
    opts = at.selectbox(key="sc_park_sel").options
    assert opts and all(o.endswith("（名园）") for o in opts) and len(opts) <= 20
    assert at.query_params["park"] in ([other["id"]], other["id"])
    card = at.dataframe[0].value
    assert sorted(card["园区"]) == sorted(p["name"] for p in parks)  # every park, once
    links = ["主导赛道", "共建平台", "领军人才", "转化基金", "标杆项目"]
    # the score counts the links present (✓, stated or inferred)
    assert (card[links].apply(lambda col: col.str.startswith("✓")).sum(axis=1) == card["得分"]).all()
    # a park has its track link exactly when a spreadsheet row says it focuses on a track
    focused = {r["from"] for r in sheet(data_dir(app_env), "relationships*.csv") if r["type"] == "FOCUSES_ON" and r["from_label"] == "Park"}
    names = {p["id"]: p["name"] for p in parks}
    assert set(card.loc[card["主导赛道"].str.startswith("✓"), "园区"]) == {names[i] for i in focused}
    assert not at.error


def test_analytics_page_suggests_partners_with_an_explanation(app_env):
    at = run_page("analytics")
    assert "网络分析" in texts(at)
    assert len(at.tabs) == 4
    partners = at.dataframe[0].value
    assert len(partners) > 0, "no partner suggestion on the bundled data"
    assert partners["依据"].str.contains("共同关联|同属赛道").all()  # every suggestion says why
    at.selectbox(key="an_kind").set_value(("College", "Firm")).run()
    assert not at.exception
    assert set(at.dataframe[0].value["A 的类型"]) <= {"名院"}


def test_an_analysis_past_the_graph_row_cap_says_which_limit_and_what_to_do(app_env, tmp_path, monkeypatch):
    """An analysis reads the whole graph: past KG_GRAPH_ROW_CAP it is refused, not cut, and the
    page says so in one error, naming the setting (nothing precomputed: it is computed now)."""
    from ui.data import clear_caches

    monkeypatch.setenv("KG_PRECOMPUTED_DIR", str(tmp_path))
    monkeypatch.setenv("KG_GRAPH_ROW_CAP", "5")
    clear_caches()  # the other tests' precomputed results, cached in this process
    at = run_page("analytics")
    clear_caches()
    errors = [e.value for e in at.error]
    assert errors and all("KG_GRAPH_ROW_CAP" in e and "缩小范围" in e for e in errors), errors
    assert not at.dataframe  # no partial answer


def test_targets(app_env):
    at = run_page("targets")
    assert "政策目标清单" in texts(at)
    assert not at.error


def test_console_library_query(app_env):
    at = run_page("console")
    assert at.selectbox(key="co_qid").value == "overview.counts"
    at.button(key="co_run_lib").click().run()
    assert not at.exception
    assert len(at.dataframe) == 1
    # a query with parameters: widgets are generated from the Param types
    at.selectbox(key="co_qid").set_value("entity.search").run()
    assert at.text_input(key="co_p_entity.search_q").value == ""
    assert at.number_input(key="co_p_entity.search_limit").value == 50
    at.text_input(key="co_p_entity.search_q").input("常州").run()
    at.button(key="co_run_lib").click().run()
    assert not at.exception and len(at.dataframe) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_console_describes_a_library_query_and_its_parameters_in_the_uis_language(app_env, lang):
    from queries.library import get_query

    q = get_query("paths.k_paths")
    at = run_page("console", query=q.id, lang=lang)
    assert q.describe(lang) in [c.value for c in at.caption]
    assert at.number_input(key="co_p_paths.k_paths_k").help == q.param_help("k", lang)
    assert (q.describe(lang) == q.description_zh) == (lang == "zh")


def test_console_refuses_writes(app_env):
    at = run_page("console", cypher="CREATE (n:Firm {id: 'x', name: 'x'}) RETURN n")
    assert at.radio(key="co_src").value == "own"
    at.button(key="co_run_own").click().run()
    assert not at.exception
    assert at.error, "a write must be refused with a message"


def test_presenter(app_env):
    at = run_page("presenter")
    assert not at.error
    at2 = run_page("presenter", view="park")
    assert at2.selectbox(key="pr_park_sel").options
    at3 = run_page("presenter", view="track")
    assert at3.selectbox(key="pr_track_sel").options
    at3.text_input(key="pr_track_q").input("新能源").run()
    assert not at3.exception
    assert all(o.endswith("（赛道）") for o in at3.selectbox(key="pr_track_sel").options)


def test_data_page(app_env):
    at = run_page("data")
    assert not at.error
    assert "数据质量" in texts(at)
    status = at.dataframe[0].value
    assert list(status.columns) == ["项目", "值"]
    assert any(str(app_env) in str(v) for v in status["值"])  # open (local) use: the admin sees the path


def test_only_an_admin_sees_the_database_path():
    from ui import auth

    assert not auth.is_admin("oidc", "someone@x.cn", {"kg_auth": {"admin_emails": ["boss@x.cn"]}})
    assert auth.is_admin("oidc", "boss@x.cn", {"kg_auth": {"admin_emails": ["boss@x.cn"]}})
    assert not auth.is_admin("password", "", {}) and auth.is_admin("open", "", {})


def test_store_down_is_friendly(app_env, monkeypatch):
    monkeypatch.setenv("KG_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    at = run_page("overview")
    assert at.error and "图库不可用" in at.error[0].value
    assert "neo4j-local start" in texts(at)  # only a store that is down gets the advice to start it


@pytest.mark.parametrize("cypher, kind, words", [
    ("MATCH (n:Platform RETURN n", "syntax", "语法错误"),
    ("MATCH (n:NoSuchLabel) RETURN n", "unknown_name", "不存在的类型"),
    ("MATCH (n:Platform) RETURN n.no_such_prop", "unknown_name", "不存在的类型"),
    ("CREATE (n:Platform {id: 'x'}) RETURN n", "readonly", "只允许只读"),
])
def test_console_errors_have_their_own_message(app_env, cypher, kind, words):
    from ui.errors import error_kind

    at = run_page("console", cypher=cypher)
    at.button(key="co_run_own").click().run()
    assert at.error, cypher
    assert words in at.error[0].value and "图库不可用" not in at.error[0].value
    assert "neo4j-local" not in texts(at)
    assert error_kind(at.session_state["co_error"]) == kind


def test_error_kinds():
    from graph.store.base import QueryTimeout, StoreError, StoreUnavailable, TransactionTooLarge
    from ui.errors import error_kind

    assert error_kind(QueryTimeout("stopped")) == "timeout"
    assert error_kind(TransactionTooLarge("memory")) == "too_large"
    assert error_kind(StoreUnavailable("down")) == "down"
    assert error_kind(StoreError("Invalid input 'RETRUN' [Neo.ClientError.Statement.SyntaxError]")) == "syntax"
    assert error_kind(StoreError("Variable `x` not defined [Neo.ClientError.Statement.SyntaxError]")) == "unknown_name"
    assert error_kind(ValueError("bug")) == "internal"


def test_upload_dry_run_reports_problems_and_every_upload_folder_is_removed(app_env, tmp_path, monkeypatch):
    from graph.store.embedded import EmbeddedStore
    from ingest import app_loads
    from ui.data import ingest_uploads

    uploads = tmp_path / "tmp"
    uploads.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(uploads))  # where the staged folders go
    bad = [("Firm.csv", "id,name,founded\nx,某企业,not-a-year\n".encode())]
    ok = [("Firm.csv", "id,name\nx,某企业\n".encode())]
    store = EmbeddedStore(tmp_path / "db", buffer_pool_mb=128)
    try:
        out = ingest_uploads(store, bad, dry_run=True)
        assert not out["ok"]
        assert [p for p in out["problems"] if p.startswith("Firm.csv:2:")], out["problems"]
        assert ingest_uploads(store, ok, dry_run=True)["ok"]
        assert store.stats()["nodes"]["Firm"] == 0  # a dry run writes nothing
        assert ingest_uploads(store, ok, dry_run=False)["ok"]
        assert store.stats()["nodes"]["Firm"] == 1
        assert not ingest_uploads(store, bad, dry_run=False)["ok"]
        monkeypatch.setattr(app_loads, "ingest_files", lambda *a, **k: 1 / 0)  # a load that raises
        with pytest.raises(ZeroDivisionError):
            ingest_uploads(store, ok, dry_run=False)
    finally:
        store.close()
    assert list(uploads.iterdir()) == []


@pytest.mark.skipif(not HAS_BUNDLED, reason="data/changzhou has no spreadsheets yet (written by another engineer)")
def test_bundled_data_searchable(app_env):
    at = run_page("explorer")
    for text in ("龙城", "常州大学"):
        at.text_input(key="ex_q").input(text).run()
        assert at.selectbox(key="ex_sel").options, text


def test_helpers_without_streamlit():
    from graph.store.base import QueryResult
    from ui.data import kpi_rows, path_rows, result_frame
    from ui.i18n import t, type_name

    assert type_name("Park", "zh") == "名园" and type_name("Park", "en") == "Park"
    assert t("p_overview", "en") == "Overview" and t("p_overview", "xx") == "总览"
    res = QueryResult(["hops", "path_labels", "path_ids", "path_names", "path_types"],
                      [[1, ["Platform", "Park"], ["a", "b"], ["甲", "乙"], ["CO_BUILDS"]]])
    (p,) = path_rows(res)
    assert p["keys"] == ["Platform:a", "Park:b"] and "共建" in p["text"]
    df = result_frame(QueryResult(["x", "y"], [[["a", "b"], {"k": 1}]]))
    assert df.iloc[0, 0] == "a、b"
    assert result_frame(QueryResult(["x"], [[["a", "b"]]]), "en").iloc[0, 0] == "a, b"
    rows = kpi_rows(QueryResult(["progress_pct"], [[150.0], [None]]))
    assert rows[0]["fraction"] == 1.0 and rows[1]["fraction"] is None


@pytest.mark.parametrize("store_kind", ["neo4j"])
@pytest.mark.parametrize("page", ["overview", "matrix", "explorer", "paths", "scorecard", "targets", "analytics",
                                  "presenter", "data"])
def test_every_page_renders_on_neo4j(bundled_store, store_kind, page, monkeypatch):
    """The same app on the Neo4j store, through st.connection and the NEO4J_* settings."""
    from conftest import neo4j_env

    monkeypatch.setenv("KG_STORE", "neo4j")
    for k, v in neo4j_env().items():
        monkeypatch.setenv(k, v)
    at = run_page(page, **({"entity": "Platform:longcheng-lab"} if page == "explorer" else {}))
    assert not at.error, [e.value for e in at.error]
    assert "bolt://" not in texts(at)  # the store's address is shown on the Data page only, in its table


def _known_headers(lang: str) -> set[str]:
    from ui.i18n import COLUMNS, STRINGS

    i = 0 if lang == "zh" else 1
    heads = {pair[i] for pair in COLUMNS.values()} | {v[lang] for v in STRINGS.values() if lang in v} | {"ID"}
    return heads | {f"{h} · {COLUMNS['source_kind'][i]}" for h in heads}


# Every page, and every view of a page that shows its own tables (the console's two sources,
# the presenter's views); a page named twice shows different tables each time.
EVERY_PAGE = [
    ("overview", {}), ("matrix", {}), ("explorer", {"entity": "Platform:longcheng-lab"}),
    ("paths", {"from": "University:cczu", "to": "Firm:trina", "max_hops": "4"}), ("scorecard", {}),
    ("targets", {}), ("analytics", {}), ("data", {}), ("console", {"query": "overview.counts"}),
    ("console", {"cypher": "MATCH (n:Platform) RETURN n.id AS id, n.name AS name, n.kind AS kind, "
                           "n.confidence AS confidence, n.founded AS founded, n.aliases AS aliases LIMIT 5"}),
    ("presenter", {}), ("presenter", {"view": "park"}), ("presenter", {"view": "track"}),
]
NO_TABLE = {"paths", "presenter"}  # maps and text only (the paths page's partners table may be empty)
RAW = {"None", "none", "nan", "NaN", "True", "False", "at_least", "more_than", "graph", "per_year", "plan_period"}
RAW_ZH = {"stated", "inferred", "unknown", "official", "company", "university", "segment", "track"}


def _page(page, params, lang):
    at = run_page(page, lang=lang, **params)
    if page == "console":
        at.button(key="co_run_own" if "cypher" in params else "co_run_lib").click().run()
        assert not at.error, [e.value for e in at.error]
    return at


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page, params", EVERY_PAGE)
def test_every_table_header_is_translated(app_env, page, params, lang):
    """#18.1 on every page in both languages: translated headers, enums as words, gaps as —,
    whole numbers whole, and in English no Chinese in a header."""
    at = _page(page, params, lang)
    known = _known_headers(lang)
    heads = [c for df in at.dataframe for c in df.value.columns]
    assert heads or page in NO_TABLE
    raw = [h for h in heads if h not in known]
    assert not raw, f"{page}/{lang}: untranslated headers {raw}"
    if lang == "en":
        assert not [h for h in heads if foreign_in_english(h)], heads
    cells = [str(v) for df in at.dataframe for col in df.value.columns if df.value[col].dtype != float
             for v in df.value[col]]  # float columns are progress bars, formatted by the bar
    assert not (RAW | (RAW_ZH if lang == "zh" else set())) & set(cells), sorted(set(cells) & (RAW | RAW_ZH))
    assert not any(re.fullmatch(r"-?\d+\.0", c) for c in cells), "whole numbers show as whole numbers"


def _data_texts() -> list[str]:
    """Every text the graph itself holds (names, quotes, notes): data, not the UI's words."""
    from ui import data as D

    G = D.connect().store.export()
    out = set()
    for _, d in G.nodes(data=True):
        for k, v in d.items():
            # names of any length; other texts (quotes, notes) only when long enough that taking
            # them out cannot hide a short word the UI wrote (a unit such as 家 stays in)
            shortest = 2 if k in ("name", "aliases", "name_en") else 4
            out |= {x for x in (v if isinstance(v, list) else [v])
                    if isinstance(x, str) and len(x) >= shortest and foreign_in_english(x)}
    return sorted(out, key=len, reverse=True)


@pytest.mark.parametrize("page, params", EVERY_PAGE)
def test_english_pages_say_everything_in_english(app_env, page, params):
    """#18.8: in English, what the app writes itself is English: the graph's own texts (names,
    quotes) are taken out first; what remains has no Chinese, no 、 and no full-width brackets."""
    at = _page(page, params, "en")
    data = _data_texts()
    shown = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                       "error", "success") for e in getattr(at, kind)]
    shown += [str(m.label) for m in at.metric] + [str(w.label) for kind in ("selectbox", "radio", "multiselect",
                                                   "slider", "text_input", "button", "number_input")
                                                 for w in getattr(at, kind)]
    shown += [str(c) for df in at.dataframe for c in df.value.columns]
    shown += [str(v) for df in at.dataframe for col in df.value.columns for v in df.value[col]
              if isinstance(v, str) and ", " in v]  # joined lists
    left = []
    for text in shown:
        for d in data:
            if d in text:
                text = text.replace(d, "")
        if foreign_in_english(text):
            left.append(text)
    assert not left, f"{page}: Chinese left in English mode: {left}"


def test_paths_offers_to_search_further_and_modes_keep_the_hops(app_env):
    at = run_page("paths", **{"from": "University:cczu", "to": "Firm:yaskawa", "max_hops": "1"})  # 6 hops apart
    assert any("1 跳以内没有找到路径" in w.value for w in at.warning), [w.value for w in at.warning]
    at.button(key="pa_further").click().run()
    assert at.slider(key="pa_hops").value == 6
    assert not any("没有找到路径" in w.value for w in at.warning)  # found further out
    at.slider(key="pa_hops").set_value(5).run()
    at.radio(key="pa_mode").set_value("k").run()
    assert at.slider(key="pa_hops").value == 4  # k paths go at most 4 hops
    at.radio(key="pa_mode").set_value("shortest").run()
    assert at.slider(key="pa_hops").value == 5  # and the user's 5 comes back


def _status(at: AppTest, label: str) -> str:
    status = next(d.value for d in at.dataframe if "项目" in d.value.columns)
    return str(status.loc[status["项目"] == label, "值"].iloc[0])


def test_a_rename_uploaded_on_the_data_page_shows_at_once(tmp_path, monkeypatch):
    """The counts stay the same, so only the data version in the graph can tell the caches."""
    monkeypatch.setenv("KG_STORE", "embedded")
    monkeypatch.setenv("KG_EMBEDDED_PATH", str(tmp_path / "db"))
    monkeypatch.setenv("KG_APP_DATA_DIR", str(write_mini(tmp_path / "mini")))
    uploads = tmp_path / "tmp"
    uploads.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(uploads))
    at = run_page("explorer")
    at.text_input(key="ex_q").input("天合").run()
    assert any("天合光能" in str(o) for o in at.selectbox(key="ex_sel").options)
    at = run_page("data")
    before = _status(at, "数据版本")
    renamed = "id,name,source,confidence\ntrina,天合光能改名,https://example.org/t,stated\n".encode()
    at.file_uploader(key="da_files").set_value(("Firm.csv", renamed, "text/csv")).run()
    at.button(key="da_dry").click().run()
    at.button(key="da_load").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.success and "1" in at.success[-1].value  # one node updated
    at.run()  # the status table is drawn above the button: the next run shows the new version
    assert _status(at, "数据版本") != before
    assert list(uploads.iterdir()) == []  # the staged upload is gone
    at = run_page("explorer")
    at.text_input(key="ex_q").input("天合").run()
    assert any("天合光能改名" in str(o) for o in at.selectbox(key="ex_sel").options)


def test_explorer_says_no_match_and_the_box_follows_a_recentre(app_env):
    at = run_page("explorer", entity="Platform:longcheng-lab")
    at.button(key="ex_expand").click().run()
    centre = at.session_state["ex_entity"]
    assert centre != "Platform:longcheng-lab"
    assert at.text_input(key="ex_q").value and at.text_input(key="ex_q").value in at.subheader[0].value
    at.text_input(key="ex_q").set_value("不存在的名字zzz").run()
    assert any("不存在的名字zzz" in w.value for w in at.warning)
    assert at.session_state["ex_entity"] == centre


def test_the_presenters_whole_graph_slide_draws_every_node(app_env):
    """#18.3: the bundled graph (about 400 nodes) on one map, not reduced."""
    at = run_page("presenter", view="all")
    total = sum(int(v) for v in re.findall(r"全部 (\d+) 个节点", texts(at)))
    assert total > 0 and f"显示 {total} / {total} 个节点" in texts(at)
    assert "仅显示" not in texts(at)  # no reduction notice


def test_the_explorer_colours_by_community_with_one_legend(app_env):
    at = run_page("explorer", entity="University:cczu")
    at.selectbox(key="ex_color").set_value("community").run()
    assert not at.exception
    html = at.get("iframe")[0].proto.srcdoc
    assert html.count('class="kg-legend"') == 1 and re.search(r'data-community="\d+"', html)  # graph.precompute's


def test_a_type_filter_leaves_no_node_floating(app_env):
    """#18.5: filtered at 2 hops, every firm shown is linked to the map, a hidden node in
    between drawn as a dotted edge that names it."""
    import json

    at = run_page("explorer", entity="University:cczu", hops="2", types="Firm")
    html = at.get("iframe")[0].proto.srcdoc
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", html, re.DOTALL).group(1))
    ends = {e["from"] for e in edges} | {e["to"] for e in edges}
    assert len(nodes) > 1 and all(n["id"] in ends for n in nodes)
    assert any(e.get("dashes") and "经由未显示的" in e["label"] for e in edges)
