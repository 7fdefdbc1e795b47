"""The app in a real browser: ``streamlit run app.py`` on 127.0.0.1 with a temporary
embedded store, driven by Debian's Chromium through Playwright.  Screenshots go to a temporary
folder, or to the folder named by ``KG_SCREENSHOTS`` (``KG_SCREENSHOTS=docs/screenshots`` refreshes
the README's pictures).  With ``CI=true`` the test must run: a missing Chromium fails it."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BUNDLED = ROOT / "data" / "changzhou"


def _need_chromium() -> None:
    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail("CI=true requires /usr/bin/chromium (apt-get install -y chromium)", pytrace=False)
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")


def _data_dir(tmp: Path) -> Path:
    if any(BUNDLED.glob("*.csv")):
        return BUNDLED
    from tests.test_app import write_mini

    return write_mini(tmp / "mini")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_chromium()
    from bench.pages import streamlit_server

    tmp = tmp_path_factory.mktemp("browser")
    env = dict(os.environ, KG_STORE="embedded", KG_EMBEDDED_PATH=str(tmp / "db"),
               KG_APP_DATA_DIR=str(_data_dir(tmp)), PYTHONPATH=str(ROOT))
    with streamlit_server(ROOT / "app.py", env, tmp / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    sync = pytest.importorskip("playwright.sync_api")
    with sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield b
        finally:
            b.close()


def _settle(page, timeout_s: float = 60) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    deadline = time.time() + timeout_s
    time.sleep(0.5)
    while time.time() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count()
        spinner = page.locator('[data-testid="stSpinner"]').count()
        if not running and not spinner:
            break
        time.sleep(0.3)
    time.sleep(0.8)


def _canvas(page, timeout_ms: int = 60000):
    frame = page.frame_locator("iframe").first
    canvas = frame.locator("#mynetwork canvas")
    canvas.wait_for(state="visible", timeout=timeout_ms)
    return canvas


REFRESH_SHOTS = bool(os.environ.get("KG_SCREENSHOTS"))  # the README's pictures are being refreshed


def _shots(tmp_path) -> Path:
    shots = Path(os.environ.get("KG_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _known_headers(lang: str) -> set[str]:
    from ui.i18n import COLUMNS, STRINGS

    i = 0 if lang == "zh" else 1
    heads = {pair[i] for pair in COLUMNS.values()} | {v[lang] for v in STRINGS.values() if lang in v} | {"ID"}
    return heads | {f"{h} · {COLUMNS['source_kind'][i]}" for h in heads}


PAGE_PARAMS = {"explorer": "entity=Platform:longcheng-lab",
               "paths": "from=University:cczu&to=Firm:yaskawa&max_hops=6"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_both_languages(server, browser, tmp_path, lang):
    """Each page opens at its own path, without an exception, with every table header translated;
    its screenshot goes to ``KG_SCREENSHOTS``."""
    from ui.pages import PAGES

    shots, known = _shots(tmp_path), _known_headers(lang)
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    for slug, *_ in PAGES:
        query = "&".join(x for x in (PAGE_PARAMS.get(slug), "lang=en" if lang == "en" else "") if x)
        page.goto(f"{server}/{slug}" + (f"?{query}" if query else ""), timeout=300000)
        _settle(page, 300)
        assert page.get_by_text("Page not found").count() == 0, slug
        assert page.locator('[data-testid="stException"]').count() == 0, slug
        heads = page.locator('[data-testid="stDataFrame"] [role="columnheader"]').all_inner_texts()
        raw = [h for h in heads if h.strip() and h.strip() not in known]
        assert not raw, f"{slug}/{lang}: untranslated headers {raw}"
        if REFRESH_SHOTS and page.locator("iframe").count():
            page.wait_for_timeout(2500)  # let the map settle for the README's picture
        page.screenshot(path=str(shots / f"{slug}-{lang}.png"), full_page=True)
    assert not [e for e in errors if "ResizeObserver" not in e], errors
    page.close()


@pytest.mark.browser
def test_overview_has_its_own_path(server, browser):
    page = browser.new_page()
    page.goto(server + "/overview")
    _settle(page)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_text("实体总数").first.wait_for(timeout=30000)
    page.close()


@pytest.mark.browser
def test_console_says_syntax_error(server, browser):
    page = browser.new_page()
    page.goto(server + "/console?cypher=MATCH%20(n%3APlatform%20RETURN%20n")
    _settle(page)
    page.get_by_role("button", name="运行").click()
    _settle(page)
    err = page.locator('[data-testid="stAlertContentError"]')
    err.first.wait_for(timeout=30000)
    assert "Cypher 语法错误" in err.first.inner_text()
    assert page.get_by_text("图库不可用").count() == 0 and page.get_by_text("neo4j-local").count() == 0
    page.close()


_NODE_ON_SCREEN = """() => {
  const id = network.body.data.nodes.getIds()[0];
  const p = network.canvasToDOM(network.getPositions([id])[id]);
  return {id: id, x: p.x, y: p.y, name: KG_DETAILS[id].name};
}"""


@pytest.mark.browser
def test_click_on_a_node_opens_its_details(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(server + "/explorer?entity=Platform:longcheng-lab")
    _settle(page, 120)
    canvas = _canvas(page)
    frame = next(f for f in page.frames if f.evaluate("typeof network !== 'undefined' && !!network"))
    frame.evaluate("network.stopSimulation()")  # hold the layout still for the click
    page.wait_for_timeout(300)
    node = frame.evaluate(_NODE_ON_SCREEN)
    canvas.click(position={"x": node["x"], "y": node["y"]})
    details = frame.locator("#kg-details")
    details.wait_for(state="visible", timeout=10000)
    text = details.inner_text()
    assert node["name"] in text and "来源" in text and "可信度" in text
    assert frame.locator("#kg-details a.kg-d-open").get_attribute("href").startswith("explorer?entity=")
    page.screenshot(path=str(_shots(tmp_path) / "explorer-click.png"))
    page.close()


@pytest.mark.browser
def test_path_finder_offers_to_search_further(server, browser):
    page = browser.new_page()
    page.goto(server + "/paths?from=University:cczu&to=Firm:yaskawa&max_hops=1")
    _settle(page, 120)
    page.get_by_text("1 跳以内没有找到路径").first.wait_for(timeout=30000)
    page.get_by_role("button", name="扩大到 6 跳再找").click()
    _settle(page, 120)
    assert page.get_by_text("跳以内没有找到路径").count() == 0
    _canvas(page)
    page.close()


@pytest.mark.browser
def test_presenter_is_full_screen_with_slides_and_one_offline_file(server, browser, tmp_path):
    """#18.7: no sidebar, header or store path; one legend, in the map; big labels; the slides
    (plan → track → park → path → whole graph) go next and back, each with its own link; the set
    downloads as one offline HTML file."""
    from graph.maps import remote_resources
    from queries.views import SLIDES

    page = browser.new_page(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    page.goto(server + "/presenter?view=park")
    _settle(page, 120)
    _canvas(page, 300000)  # the first page of a fresh server loads the bundled data first
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    assert not page.locator('[data-testid="stHeader"]').is_visible()
    frame = page.frame_locator("iframe").first
    assert frame.locator(".kg-legend").count() == 1
    assert page.get_by_text("图例").count() == 0  # the map's legend is the only one
    assert "pytest-of-" not in page.inner_text("body")  # the store's path (a temporary folder) is not shown
    net = next(f for f in page.frames if f.evaluate("typeof network !== 'undefined' && !!network"))
    assert net.evaluate("KG_T.font") >= 20  # presenter scale
    # The click's rerun may start after _settle has looked (a busy machine): wait for its link.
    page.get_by_role("button", name="下一张 ▶").click()
    page.wait_for_url(re.compile(r"[?&]view=path"), timeout=120000)
    _settle(page, 120)
    assert "第 4 / 5 张" in page.inner_text("body")
    page.get_by_role("button", name="◀ 上一张").click()
    page.wait_for_url(re.compile(r"[?&]view=park"), timeout=120000)
    _settle(page, 120)
    assert "park=" in page.url  # each slide has its own link
    with page.expect_download(timeout=120000) as dl:
        page.get_by_role("button", name="下载全部幻灯片（一个离线 HTML）").click()
    deck = Path(dl.value.path()).read_text(encoding="utf-8")
    assert deck.count('class="kg-slide"') == len(SLIDES) and remote_resources(deck) == []
    page.screenshot(path=str(_shots(tmp_path) / "presenter-slides.png"))
    page.close()


def test_presenter_export_is_offline(tmp_path):
    """The page the presenter downloads loads no script or stylesheet from the network."""
    from graph.maps import render_map, standalone_page
    from graph.store.embedded import EmbeddedStore
    from functools import partial

    from queries.library import run_named
    from queries.views import plan_view_keys
    from ui.data import bootstrap

    store = EmbeddedStore(tmp_path / "db")
    try:
        info = bootstrap(store, _data_dir(tmp_path))
        assert info["status"] in ("loaded", "present"), info
        keys = plan_view_keys(partial(run_named, store))
        assert keys
        mr = render_map(store.export(keys), title="行动方案的平台与赛道", size_by="degree")
        html = standalone_page(mr, title="行动方案的平台与赛道", subtitle="三名联动创新图谱")
    finally:
        store.close()
    remote = re.findall(r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", html, re.I)
    assert not remote, remote
    assert "<canvas" in html or "vis.Network" in html or "new vis" in html


@pytest.mark.browser
def test_a_click_on_a_matrix_cell_selects_its_track_and_kind(server, browser, tmp_path):
    """#18.6: the heat map's cell for 高端装备 × 名企 moves the pickers below to that track and kind."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(server + "/matrix")
    _settle(page, 120)
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    cell = chart.locator('g.mark-rect path[aria-label*="row: 高端装备;"][aria-label*="what: 名企;"]').first
    cell.wait_for(timeout=300000)  # the first page of a fresh server loads the bundled data first
    cell.click()
    _settle(page)
    assert "track=high-end-equipment" in page.url and "kind=Firm" in page.url
    page.get_by_text("单元明细: 高端装备 × 名企").first.wait_for(timeout=30000)
    zero = chart.locator('g.mark-rect path[aria-label*="count: 0;"]').first
    assert zero.get_attribute("fill").lower() == "#f6c1b8"  # a gap has its own colour
    page.screenshot(path=str(_shots(tmp_path) / "matrix-click.png"), full_page=True)
    page.close()


_HIDDEN_NEIGHBOURS = """() => {
  const id = Object.keys(KG_RING.of).find(k => KG_RING.of[k].ids.some(x => !nodes.get(x)));
  const p = network.canvasToDOM(network.getPositions([id])[id]);
  return {id: id, x: p.x, y: p.y, n: nodes.length, hidden: KG_RING.of[id].ids.filter(x => !nodes.get(x))};
}"""


@pytest.mark.browser
def test_a_double_click_shows_a_nodes_hidden_neighbours_in_place(server, browser, tmp_path):
    """#18.3: as in Bloom, a double-click adds the node's neighbours that the map does not draw
    (embedded in the page, so it works offline too), with their relationships."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    page.goto(server + "/explorer?entity=University:cczu")
    _settle(page, 120)
    canvas = _canvas(page)
    frame = next(f for f in page.frames if f.evaluate("typeof network !== 'undefined' && !!network"))
    frame.evaluate("network.stopSimulation()")
    page.wait_for_timeout(300)
    node = frame.evaluate(_HIDDEN_NEIGHBOURS)
    assert node["hidden"], "the page embeds no hidden neighbour to show"
    canvas.dblclick(position={"x": node["x"], "y": node["y"]})
    page.wait_for_timeout(500)
    assert frame.evaluate("nodes.length") == node["n"] + len(node["hidden"])
    assert all(frame.evaluate(f"!!nodes.get({x!r})") for x in node["hidden"])
    assert frame.evaluate(f"edges.get().filter(e => e.from === {node['id']!r} || e.to === {node['id']!r}).length") >= len(node["hidden"])
    frame.locator("#kg-details").wait_for(state="visible", timeout=10000)
    page.screenshot(path=str(_shots(tmp_path) / "explorer-expand.png"))
    page.close()
