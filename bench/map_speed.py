"""A large map's first paint and frame rate in a real browser (#19 item 7).

    KG_EMBEDDED_PATH=/tmp/m-store python -m bench.map_speed --nodes 2000 --output map-M.json

Reads the 2-hop neighbourhood of ``--seed`` (at most ``--nodes`` of its nodes) with
``queries.subgraph.read_subgraph``, renders it with ``graph.maps.render_map`` drawing every
node (``node_cap = --nodes``), once with the force layout running in the browser
(``physics=True``) and once with the layout computed on the server (``physics=False``: see
``render_map``), and opens each page in Debian's Chromium: first paint is the first
``afterDrawing`` event of vis-network, in seconds from navigation; then the frames the page
draws in 3 s while the map is dragged (a moving view: what "interactive" feels like).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from bench.app_speed import ARGS, CHROMIUM, report

HOOK = "network = new vis.Network(container, data, options);"
PROBE = HOOK + """
window.__kg_net = network;
network.once("afterDrawing", function () { window.__kg_paint = performance.now(); });"""
FRAMES = """async () => {
  const net = window.__kg_net; net.fit({animation: false});  // the same view: the whole map
  let frames = 0; const t0 = performance.now();
  await new Promise(done => {
    function tick(now) {
      frames++;
      const s = (now - t0) / 1000;
      net.moveTo({position: {x: 300 * Math.sin(s * 2), y: 300 * Math.cos(s * 2)}, scale: net.getScale(),
                  animation: false});
      if (now - t0 < 3000) requestAnimationFrame(tick); else done();
    }
    requestAnimationFrame(tick);
  });
  return frames / ((performance.now() - t0) / 1000);
}"""


def subgraph(store, seed: str, nodes: int):
    from queries.library import run_named
    from queries.subgraph import read_subgraph, result_keys

    keys: list[str] = []
    label, id_ = seed.split(":", 1)
    for i in range(1000):  # the 2-hop neighbourhoods of seed, then of the next ids, up to ``nodes``
        one = id_ if i == 0 else f"{id_[:-6]}{int(id_[-6:]) + i:06d}"
        res = run_named(store, "entity.neighbourhood", {"label": label, "id": one, "hops": 2, "types": []},
                        row_cap=nodes * 4)
        keys += [k for k in result_keys(res, (f"{label}:{one}",)) if k not in set(keys)]
        if len(keys) >= nodes:
            break
    keys = keys[:nodes]
    t0 = time.perf_counter()
    G = read_subgraph(store, keys)
    return G, round(time.perf_counter() - t0, 2)


def paint(browser, html: str, timeout_s: float) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kg-map-speed-"))
    page_file = folder / "map.html"
    page_file.write_text(html.replace(HOOK, PROBE, 1), encoding="utf-8")
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    page = ctx.new_page()
    try:
        page.goto(page_file.as_uri(), timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__kg_paint !== undefined", timeout=timeout_s * 1000)
        first = page.evaluate("() => window.__kg_paint") / 1000
        fps = page.evaluate(FRAMES)
        return {"first_paint_s": round(first, 2), "fps_while_moving": round(fps, 1)}
    finally:
        ctx.close()


def main(argv=None) -> None:
    from playwright.sync_api import sync_playwright

    from graph.maps import render_map
    from graph.store import open_store

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", default="Firm:syn-firm-000005")
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=180.0)
    ap.add_argument("--output", default=None)
    a = ap.parse_args(argv)
    store = open_store()
    G, read_s = subgraph(store, a.seed, a.nodes)
    out = {"nodes": G.number_of_nodes(), "relationships": G.number_of_edges(), "read_s": read_s, "maps": {}}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, physics in (("force layout in the browser", True), ("layout computed on the server", False)):
            t0 = time.perf_counter()
            m = render_map(G, node_cap=a.nodes, physics=physics, size_by="degree")
            row = {"render_s": round(time.perf_counter() - t0, 2), "html_mb": round(len(m.html) / 2**20, 2),
                   "shown_nodes": m.shown_nodes}
            row.update(paint(browser, m.html, a.timeout))
            row["load_1m"] = round(os.getloadavg()[0], 1)
            out["maps"][name] = row
            print(f"  {name}: {row}", file=sys.stderr)
        browser.close()
    report(out, a.output)


if __name__ == "__main__":
    main()
