#!/usr/bin/env python3
"""Regenerate the counts in data/changzhou/README.md from the CSV files (never by hand).

Rewrites the text between ``<!-- counts:zh -->``/``<!-- /counts:zh -->`` and
``<!-- counts:en -->``/``<!-- /counts:en -->``. Run from the repo root; ``--check`` exits 1 when stale.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from graph import model  # noqa: E402
from graph.sources import KINDS, source_kind  # noqa: E402

DATA = Path("data/changzhou")
README = DATA / "README.md"


def tally():
    nodes, rels = defaultdict(Counter), defaultdict(Counter)
    kinds, files, urls = Counter(), Counter(), set()
    english = Counter()  # nodes with an English name; with one whose page is cited (official)
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                files[path.name] += 1
                kinds[source_kind(row["source"])] += 1
                if row["source"].startswith("http"):
                    urls.add(row["source"])
                if path.name.startswith("relationships"):
                    rels[row["type"]][row["confidence"]] += 1
                else:
                    nodes[path.stem.split("_")[0]][row["confidence"]] += 1
                    english["name_en"] += bool(row.get("name_en"))
                    english["official"] += bool(row.get("name_en") and row.get("name_en_source"))
    return nodes, rels, kinds, files, len(urls), english


def _table(head, counts, names):
    lines = [head, "|---|---:|---:|---:|"]
    for key, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        lines.append(f"| {names(key)} | {sum(c.values())} | {c['stated']} | {c['inferred']} |")
    return lines


def zh_block(nodes, rels, kinds, files, n_urls, english):
    total = sum(files.values())
    label_zh = {t.label: t.zh for t in model.NODE_TYPES}
    out = [f"共 {total} 行，来自 {len(files)} 个文件：节点 {sum(sum(c.values()) for c in nodes.values())} 个，"
           f"关系 {sum(sum(c.values()) for c in rels.values())} 条；引用 {n_urls} 个不同的 URL。", ""]
    out += _table("| 标签 | 行数 | stated | inferred |", nodes, lambda k: f"{k} {label_zh.get(k, '')}".strip())
    out += [""] + _table("| 类型 | 条数 | stated | inferred |", rels, str)
    out += ["", "来源类别（`graph.sources.source_kind`）：", "", "| 类别 | 行数 | 占比 |", "|---|---:|---:|"]
    out += [f"| {k} | {kinds[k]} | {kinds[k] / total:.1%} |" for k in KINDS if kinds[k]]
    out += ["", "各文件行数：" + "，".join(f"`{f}` {n}" for f, n in files.items()) + "。"]
    out += ["", f"英文名：{english['name_en']} 个节点有 `name_en`，其中 {english['official']} 个在 `name_en_source` "
            f"注明了该实体自己（或政府、公认媒体）发布英文名的页面；其余 {english['name_en'] - english['official']} 个"
            "是本数据集的翻译。"]
    return out


def en_block(nodes, rels, kinds, files, n_urls, english):
    total = sum(files.values())
    n = ", ".join(f"{k} {sum(c.values())}" for k, c in sorted(nodes.items(), key=lambda kv: -sum(kv[1].values())))
    r = ", ".join(f"{k} {sum(c.values())}" for k, c in sorted(rels.items(), key=lambda kv: -sum(kv[1].values())))
    s = ", ".join(f"{k} {kinds[k] / total:.1%}" for k in KINDS if kinds[k])
    return [f"{total} rows in {len(files)} files, {n_urls} distinct URLs.", "",
            f"Nodes {sum(sum(c.values()) for c in nodes.values())}: {n}.", "",
            f"Relationships {sum(sum(c.values()) for c in rels.values())}: {r}.", "",
            f"Rows by source kind: {s}.", "",
            f"English names: {english['name_en']} nodes have a `name_en`; {english['official']} of them cite in "
            "`name_en_source` the page where the entity itself (or a government or recognised news site) publishes "
            f"it; the other {english['name_en'] - english['official']} are the dataset's translations."]


def render(text: str) -> str:
    t = tally()
    for tag, block in (("zh", zh_block(*t)), ("en", en_block(*t))):
        pat = re.compile(rf"(<!-- counts:{tag} -->\n).*?(\n<!-- /counts:{tag} -->)", re.S)
        if not pat.search(text):
            raise SystemExit(f"{README}: no <!-- counts:{tag} --> block")
        text = pat.sub(lambda m: m.group(1) + "\n".join(block) + m.group(2), text)
    return text


def main() -> int:
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in sys.argv:
        return int(new != old)
    README.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
