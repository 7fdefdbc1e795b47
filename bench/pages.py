"""How fast each page of the app opens in a fresh browser tab, against an empty Streamlit page,
side by side in one run (Debian's Chromium through Playwright).

    python -m bench.pages                      # the app on a fresh embedded store with the bundled data
    python -m bench.pages --rounds 7 --json bench/results/pages.json
    python -m bench.pages --app-url http://127.0.0.1:8501   # an app already running (any store, any size)

Each round opens, in a new browser context (no cache, no session), the empty page and then
every page of the app, in that order, so both see the same machine load.  A page counts as
open when Streamlit's script has finished (``data-test-script-state="notRunning"`` on the app
root) with the page's content drawn, and stays so for :data:`STABLE_S`; the time is from the
navigation to the first moment of that state.  Maps draw inside their iframes after that.
The report gives the median over rounds and the ratio to the empty page's median.  Each round
also opens the same empty page at a page's path (``empty@path``, see :data:`EMPTY_PATH_PAGE`).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
STABLE_S = 0.4
EMPTY_PAGE = 'import streamlit as st\n\nst.title("empty")\n'
# The same empty page served at a page's own path (``/page``), as every app page is: on such a
# path Streamlit's frontend first asks ``/page/_stcore/health``, gets a 404, and tries ``/``
# 100 ms later, before it opens the session.  A reference row, so that part of each page's time
# is seen for what it is; the ratios stay to the empty page at ``/``.
EMPTY_AT_PATH = "empty@path"
EMPTY_PATH_PAGE = """import streamlit as st


def home():
    st.title("home")


def page():
    st.title("empty")


st.navigation([st.Page(home, default=True), st.Page(page, url_path="page")], position="hidden").run()
"""
# The app has drawn its page and its script is not running.
_OPEN_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stSpinner"], [data-testid="stSkeleton"]')) return false;
  return document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length > 0;
}"""

__all__ = ["measure", "report_table", "main"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, env: dict[str, str], log: Path):
    """``streamlit run script`` on a free local port; yields its URL once healthy."""
    port = _free_port()
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(240):
                try:
                    if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                        break
                except OSError:
                    time.sleep(0.5)
            else:
                raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def open_seconds(browser, url: str, timeout_s: float = 120) -> float:
    """Seconds from navigating a fresh context to ``url`` until the page is open (see module doc)."""
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
        while True:
            page.wait_for_function(_OPEN_JS, polling=25, timeout=timeout_s * 1000)
            t_open = time.perf_counter()
            time.sleep(STABLE_S)
            if page.evaluate(_OPEN_JS):
                return t_open - t0
            if time.perf_counter() - t0 > timeout_s:
                raise TimeoutError(f"{url} never settled")
    finally:
        ctx.close()


def measure(app_url: str, empty_url: str, slugs: list[str], rounds: int, *, warm: bool = True,
            empty_path_url: str | None = None) -> dict:
    """``{"empty": [s, …], slug: [s, …]}`` over ``rounds`` interleaved rounds (after one warm-up
    round when ``warm``: the first visit fills the app's caches, as any visitor before you did).
    With ``empty_path_url`` (the empty page at ``/page``) each round opens it too, after the
    empty page, under :data:`EMPTY_AT_PATH`."""
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {"empty": [], **({EMPTY_AT_PATH: []} if empty_path_url else {}),
                                     **{s: [] for s in slugs}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for r in range(rounds + (1 if warm else 0)):
                keep = r > 0 or not warm
                limit = 120 if keep else 600  # the warm-up may load the bundled data first
                t = open_seconds(browser, empty_url, limit)
                if keep:
                    times["empty"].append(t)
                if empty_path_url:
                    t = open_seconds(browser, f"{empty_path_url}/page", limit)
                    if keep:
                        times[EMPTY_AT_PATH].append(t)
                for s in slugs:
                    t = open_seconds(browser, f"{app_url}/{s}", limit)
                    if keep:
                        times[s].append(t)
        finally:
            browser.close()
    return times


def summary(times: dict[str, list[float]]) -> list[dict]:
    base = statistics.median(times["empty"])
    return [{"page": k, "median_s": round(statistics.median(v), 3), "max_s": round(max(v), 3),
             "ratio": round(statistics.median(v) / base, 2), "runs": len(v)} for k, v in times.items()]


def report_table(rows: list[dict]) -> str:
    """A Markdown table: page, seconds (median), ratio to the empty page."""
    lines = ["| page | seconds (median) | max | ratio to empty page |", "|---|---:|---:|---:|"]
    lines += [f"| {r['page']} | {r['median_s']:.2f} | {r['max_s']:.2f} | {r['ratio']:.2f}× |" for r in rows]
    return "\n".join(lines)


def _app_env(tmp: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.setdefault("KG_STORE", "embedded")
    if env["KG_STORE"] == "embedded" and "KG_EMBEDDED_PATH" not in os.environ:
        env["KG_EMBEDDED_PATH"] = str(tmp / "db")
    return env


def main(argv: list[str] | None = None) -> int:
    from ui.pages import PAGES

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", default=",".join(p[0] for p in PAGES), help="comma-separated page paths")
    ap.add_argument("--app-url", help="measure an app already running at this URL instead of starting one")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    a = ap.parse_args(argv)
    slugs = [s for s in a.pages.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as d:
        tmp = Path(d)
        empty = tmp / "empty.py"
        empty.write_text(EMPTY_PAGE, encoding="utf-8")
        at_path = tmp / "empty_path.py"
        at_path.write_text(EMPTY_PATH_PAGE, encoding="utf-8")
        with streamlit_server(empty, dict(os.environ), tmp / "empty.log") as empty_url, \
                streamlit_server(at_path, dict(os.environ), tmp / "empty_path.log") as empty_path_url:
            if a.app_url:
                times = measure(a.app_url.rstrip("/"), empty_url, slugs, a.rounds, empty_path_url=empty_path_url)
            else:
                with streamlit_server(ROOT / "app.py", _app_env(tmp), tmp / "app.log") as app_url:
                    times = measure(app_url, empty_url, slugs, a.rounds, empty_path_url=empty_path_url)
    rows = summary(times)
    print(report_table(rows))
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps({"rounds": a.rounds, "stable_s": STABLE_S, "times": times, "summary": rows},
                                     indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
