"""The app's page speed in a real browser, against an empty Streamlit page, and its peak memory.

    python -m bench.app_speed --store embedded --embedded-path /tmp/m-store --output app-M.json
    python -m bench.app_speed --store neo4j            # the NEO4J_* settings' database

Starts ``streamlit run app.py`` and a one-line Streamlit page side by side, opens every page
of the app in a fresh browser context (a fresh tab: no session, no browser cache) with
Debian's Chromium through Playwright, and times from navigation until Streamlit has finished
running the page (a heading is shown, no running indicator, no spinner).  The first visit of
each page after the start is reported apart (``cold``: the app's caches are empty); the
ratio uses the median of the later visits.  Peak memory: the app process's ``VmHWM``
(peak resident set) from /proc at the end.
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
SETTLED = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('h1, h2')) return false;
  return !document.querySelector('[data-testid="stStatusWidget"]') &&
         !document.querySelector('[data-testid="stSpinner"]');
}"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(script: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run script`` on a free port; returns the process and its URL once healthy."""
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(f"streamlit did not start: {log.read_text()[-2000:]}")


def open_page(browser, url: str, timeout_s: float) -> float:
    """Seconds from navigation in a fresh context until the page has settled (twice in a row)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(url, timeout=timeout_s * 1000)
        seen = 0
        while seen < 2:
            if time.perf_counter() - t0 > timeout_s:
                raise TimeoutError(f"{url} did not settle within {timeout_s} s")
            seen = seen + 1 if page.evaluate(SETTLED) else 0
            if seen < 2:
                time.sleep(0.1)
        return round(time.perf_counter() - t0 - 0.1, 2)  # the second check confirms the first
    finally:
        ctx.close()


def peak_rss_mb(pid: int, field: str = "VmHWM") -> float:
    """The process's peak resident set (``VmHWM``), or another /proc status field, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def rss_mb(pid: int) -> float:
    return peak_rss_mb(pid, "VmRSS")


def measure(env: dict, slugs: list[str], runs: int, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="kg-app-speed-"))
    empty = tmp / "empty.py"
    empty.write_text('import streamlit as st\nst.header("empty")\n', encoding="utf-8")
    app, app_url = start(ROOT / "app.py", env, tmp / "app.log")
    base, base_url = start(empty, env, tmp / "empty.log")
    out: dict = {"pages": {}, "runs": runs}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            times = [open_page(browser, base_url, timeout_s) for _ in range(runs + 1)]
            out["empty_s"] = statistics.median(times[1:])
            out["empty_load_1m"] = round(os.getloadavg()[0], 1)
            for slug in slugs:
                t = [open_page(browser, f"{app_url}/{slug}", timeout_s) for _ in range(runs + 1)]
                warm = statistics.median(t[1:])
                load = round(os.getloadavg()[0], 1)  # 1-minute load: the machine is shared
                out["pages"][slug] = {"cold_s": t[0], "warm_s": warm, "runs_s": t,
                                      "ratio": round(warm / out["empty_s"], 2), "load_1m": load,
                                      "app_rss_mb": rss_mb(app.pid), "app_peak_rss_mb": peak_rss_mb(app.pid)}
                print(f"  {slug}: cold {t[0]} s, warm {warm} s, {out['pages'][slug]['ratio']}x empty, load {load}",
                      file=sys.stderr)
            browser.close()
        out["app_peak_rss_mb"] = peak_rss_mb(app.pid)
    finally:
        for proc in (app, base):
            proc.terminate()
            proc.wait(20)
    return out


def main(argv=None) -> None:
    from ui.pages import PAGES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    ap.add_argument("--embedded-path", default=None, help="KG_EMBEDDED_PATH (e.g. a store kept by kg bench --keep)")
    ap.add_argument("--pages", default=",".join(p[0] for p in PAGES))
    ap.add_argument("--runs", type=int, default=3, help="warm visits per page (after one cold visit)")
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--output", default=None)
    a = ap.parse_args(argv)
    env = dict(os.environ, KG_STORE=a.store, PYTHONPATH=str(ROOT))
    if a.embedded_path:
        env["KG_EMBEDDED_PATH"] = a.embedded_path
    res = measure(env, a.pages.split(","), a.runs, a.timeout)
    res.update(store=a.store, embedded_path=a.embedded_path)
    report(res, a.output)


def report(res: dict, output: str | None) -> None:
    """Print ``res`` as JSON, and write it to ``output`` when given."""
    text = json.dumps(res, ensure_ascii=False, indent=2)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
