"""Ingest: spreadsheets (CSV or XLSX, UTF-8 or GBK) into the graph — validated,
idempotent, all-or-nothing, with provenance.

Every test that touches a store runs on both stores (the ``store`` fixture).  The bad
inputs are written inline, beside the exact ``file:row:column`` and the reason each one
must produce; big and binary inputs (GBK bytes, workbooks with formulas or merged cells,
the 10,000-row file) are generated into ``tmp_path``.  The valid dataset the tests start
from is ``tests/fixtures/ingest/seed/``.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from conftest import ROOT, neo4j_env, open_test_store
from graph import model
from graph.sources import source_kind
from ingest.loader import ingest_paths
from ingest.spreadsheet import IngestError
from ingest.templates import WORKBOOK_NAME, write_templates

SEED = Path(__file__).parent / "fixtures" / "ingest" / "seed"


# --------------------------------------------------------------------------- helpers


def load(store, *paths, **kw):
    """Ingest ``paths`` into ``store`` quietly; the IngestResult."""
    return ingest_paths(store, [Path(p) for p in paths], quiet=True, **kw)


def write(path: Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def workbook(path: Path, sheets: dict[str, list[list]], merge: dict[str, list[str]] | None = None) -> Path:
    """An XLSX workbook with one sheet per entry; ``merge`` merges cell ranges per sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for rng in (merge or {}).get(title, []):
            ws.merge_cells(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def read_seed_csv(name: str) -> list[list[str]]:
    with (SEED / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def summary_of(result) -> dict[str, dict[str, int]]:
    return {r["what"]: {k: r[k] for k in ("created", "updated", "unchanged")} for r in result.summary.rows()}


def graph_data(store) -> tuple[dict, list]:
    """The whole graph as plain data: nodes by key, edges sorted."""
    G = store.export()
    nodes = {n: d for n, d in G.nodes(data=True)}
    edges = sorted((a, b, k, sorted(d.items())) for a, b, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def node(store, label: str, id_: str) -> dict:
    return store.export().nodes[f"{label}:{id_}"]


def find_node(store, label: str, name: str) -> dict:
    hits = [d for _, d in store.export().nodes(data=True) if d["label"] == label and d["name"] == name]
    assert len(hits) == 1, f"{len(hits)} {label} nodes named {name!r}"
    return hits[0]


@pytest.fixture
def seeded(store):
    """A fresh store holding the seed dataset."""
    load(store, SEED)
    return store


class SeededStore:
    """A store holding the seed dataset, shared by the tests of bad inputs (which must not
    change it).  Each test reports the checksum it found at its end; a store that
    differs from the seed is rebuilt before the next test, so a failing test cannot
    leak into another."""

    def __init__(self, kind: str, path: Path):
        self.kind, self.path = kind, path
        self.store = None
        self.checksum: str | None = None  # of the seed, once loaded
        self.intact = False

    def get(self):
        if self.store is None:
            self.store = open_test_store(self.kind, self.path)
        if self.kind == "neo4j" and _neo4j_state() != "ingest-seed":
            self.intact = False  # another test cleared or reloaded the shared Neo4j
        if not self.intact:
            self.store.clear()
            load(self.store, SEED)
            self.checksum = self.store.checksum()
            self.intact = True
            if self.kind == "neo4j":
                _set_neo4j_state("ingest-seed")
        return self.store

    def report(self, checksum: str) -> None:
        self.intact = checksum == self.checksum

    def close(self):
        if self.store is not None:
            self.store.close()


def _neo4j_state():
    import conftest

    return conftest._neo4j["state"]


def _set_neo4j_state(state: str) -> None:
    import conftest  # keeps conftest's record of what the shared Neo4j holds right

    conftest._neo4j["state"] = state


@pytest.fixture(scope="module")
def _seeded_stores(tmp_path_factory):
    stores: dict[str, SeededStore] = {}

    def get(kind: str) -> SeededStore:
        if kind not in stores:
            stores[kind] = SeededStore(kind, tmp_path_factory.mktemp(f"seeded-{kind}"))
        return stores[kind]

    yield get
    for s in stores.values():
        s.close()


@pytest.fixture
def seeded_shared(store_kind, _seeded_stores):
    """``(store, checksum of the seed, report)``: call ``report(checksum)`` at the end."""
    shared = _seeded_stores(store_kind)
    store = shared.get()
    shared.intact = False  # until the test reports an unchanged store
    yield store, shared.checksum, shared.report


def run_kg(args: list[str], env: dict[str, str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300, **kw)


@pytest.fixture
def cli(store_kind, tmp_path):
    """A store for the ``kg`` command: ``(env for the subprocess, function opening the same
    store in the test)``.  The embedded store may be open in one process at a time, so
    the test opens it only while no ``kg`` process runs."""
    if store_kind == "embedded":
        path = tmp_path / "cli" / "db"
        env = {"KG_STORE": "embedded", "KG_EMBEDDED_PATH": str(path)}

        def opener():
            return open_test_store("embedded", tmp_path / "cli")
    else:
        env = {"KG_STORE": "neo4j", **neo4j_env()}

        def opener():
            return open_test_store("neo4j")

        with opener() as s:
            s.clear()
    return env, opener


# --------------------------------------------------------------------------- 1. templates


def test_templates_are_a_csv_per_label_a_relationships_csv_and_one_workbook(tmp_path):
    written = write_templates(tmp_path)

    assert sorted(p.name for p in written) == sorted(
        [f"{lb}.csv" for lb in model.labels()] + ["relationships.csv", WORKBOOK_NAME])
    wb = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)
    data_sheets = [t for t in wb.sheetnames if t != "说明"]
    assert [t.split(" ")[0] for t in data_sheets] == model.labels() + ["relationships"]
    assert wb["Park 名园"]["B1"].value == (tmp_path / "Park.csv").read_text("utf-8-sig").split(",")[1]


def test_template_headers_are_bilingual_and_document_the_allowed_values(tmp_path):
    write_templates(tmp_path)
    park = next(csv.reader((tmp_path / "Park.csv").open(encoding="utf-8-sig")))
    rels = next(csv.reader((tmp_path / "relationships.csv").open(encoding="utf-8-sig")))

    assert park[1].startswith("name 名称 *")  # English, Chinese, required
    assert "level 级别 (国家级|省级|市级|区级|未知)" in park
    assert "selected_years 入选年份 (整数 whole number; 多个用 | 分隔 separate several with |)" in park
    assert "confidence 可信度 (stated|inferred|unknown)" in park
    assert all(re.fullmatch(r"\w+ \S+( \*)? \(.+\)", h) for h in park + rels), "every column says what it allows"
    assert rels[0].startswith("type 关系类型 * (PART_OF|IN_REGION|")
    assert "year 年份 (整数 whole number; 仅 only IN_TIER)" in rels


def test_filled_in_templates_load(store, tmp_path):
    write_templates(tmp_path)
    with (tmp_path / "Park.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["p1", "天宁经济开发区", "", "", "", "", "", "", "", "省级", "经开区", "2025"])
    wb = openpyxl.load_workbook(tmp_path / WORKBOOK_NAME)
    wb["University 高校院所"].append(["u1", "常州工学院", "", "", "常工院"])
    wb["relationships"].append(["LOCATED_IN", "", "常工院", "", "天宁经济开发区"])
    wb.save(tmp_path / WORKBOOK_NAME)

    load(store, tmp_path)

    assert node(store, "Park", "p1")["selected_years"] == [2025]
    assert store.stats()["relationships"]["LOCATED_IN"] == 1


# --------------------------------------------------------------------------- 2. reading


def test_the_same_data_as_utf8_csv_gbk_csv_bom_csv_and_xlsx_gives_identical_graphs(store, tmp_path):
    names = sorted(p.name for p in SEED.glob("*.csv"))
    for name in names:
        text = (SEED / name).read_text("utf-8")
        write(tmp_path / "gbk" / name, text, "gbk")
        write(tmp_path / "bom" / name, text, "utf-8-sig")
    sheets = {}
    for name in names:
        rows = read_seed_csv(name)
        # Numbers as numeric cells, as a planner's workbook holds them.
        sheets[Path(name).stem] = [[int(c) if c.isdigit() else c for c in r] for r in rows]
    workbook(tmp_path / "xlsx" / "seed.xlsx", sheets)

    checksums = {}
    for form, path in [("utf-8", SEED), ("gbk", tmp_path / "gbk"), ("bom", tmp_path / "bom"),
                       ("xlsx", tmp_path / "xlsx")]:
        store.clear()
        load(store, path)
        checksums[form] = store.checksum()
    assert store.stats()["nodes"]["Firm"] == 3
    assert len(set(checksums.values())) == 1, checksums


def test_a_valid_gbk_file_loads_with_its_chinese_intact(store, tmp_path):
    write(tmp_path / "Park.csv", "id,name,level\ntn,天宁经济开发区,省级\n", "gbk")
    load(store, tmp_path)
    assert node(store, "Park", "tn")["name"] == "天宁经济开发区"


def test_a_valid_gb18030_file_with_characters_beyond_gbk_loads(store, tmp_path):
    write(tmp_path / "Firm.csv", "id,name\nf1,常州䶮科技有限公司\n", "gb18030")
    load(store, tmp_path)
    assert node(store, "Firm", "f1")["name"] == "常州䶮科技有限公司"


def test_a_valid_bom_file_loads_and_the_bom_is_not_part_of_the_first_header(store, tmp_path):
    write(tmp_path / "Park.csv", "id,name,level\ntn,天宁经济开发区,省级\n", "utf-8-sig")
    load(store, tmp_path)
    assert node(store, "Park", "tn")["level"] == "省级"


def test_files_and_workbooks_can_be_named_one_by_one(store, tmp_path):
    park = write(tmp_path / "a" / "Park.csv", "id,name\ntn,天宁经济开发区\n")
    book = workbook(tmp_path / "b" / "firms.xlsx", {"Firm 名企": [["id", "name"], ["f1", "某公司"]]})
    load(store, park, book)
    assert store.stats()["nodes"]["Park"] == 1 and store.stats()["nodes"]["Firm"] == 1


def test_an_empty_sheet_in_a_workbook_is_ignored(store, tmp_path):
    wb = openpyxl.Workbook()  # keeps Excel's empty default "Sheet"
    wb.create_sheet("Park").append(["id", "name"])
    wb["Park"].append(["tn", "天宁经济开发区"])
    wb.save(tmp_path / "book.xlsx")
    load(store, tmp_path)
    assert store.stats()["nodes"]["Park"] == 1


def test_relationship_endpoints_may_be_named_by_id_exact_name_or_alias(seeded, tmp_path):
    write(tmp_path / "relationships.csv",
          "type,from,to\n"
          "COOPERATES_WITH,cczu,trina\n"  # ids
          "LOCATED_IN,常州大学,武进国家高新技术产业开发区\n"  # exact names
          "IN_TRACK,恒立液压,新能源\n")  # an alias and a name

    result = load(seeded, tmp_path)

    G = seeded.export()
    assert G.has_edge("University:cczu", "Firm:trina", "COOPERATES_WITH")
    assert G.has_edge("University:cczu", "Park:wj-hitech", "LOCATED_IN")
    assert [k for a, b, k in G.out_edges("Firm:hengli", keys=True) if k == "IN_TRACK"] == ["IN_TRACK", "IN_TRACK"]
    assert sum(c["created"] for c in summary_of(result).values()) == 3


def test_relationships_may_name_nodes_loaded_earlier_of_any_label(seeded, tmp_path):
    write(tmp_path / "a" / "Document.csv", "id,name,number\ndoc-7,行动方案,常政办发〔2026〕7号\n")
    write(tmp_path / "b" / "relationships.csv", "type,from,to\nISSUED_BY,doc-7,武进区\n")

    load(seeded, tmp_path / "a")
    load(seeded, tmp_path / "b")

    assert seeded.export().has_edge("Document:doc-7", "Region:wujin", "ISSUED_BY")


# --------------------------------------------------------------------------- 3. the corpus of bad inputs


@dataclass
class Bad:
    """A bad input: files written into a fresh folder (text is UTF-8; bytes as given; a
    callable writes the file itself) and the problems it must give, each
    ``(file relative to the folder, row, column, reason substring)`` — those and no others."""

    id: str
    files: dict[str, str | bytes | Callable[[Path], object]]
    expected: list[tuple[str, int, str, str]]
    inputs: list[str] = field(default_factory=list)  # default: the folder


def _xlsx(sheets, merge=None):
    return lambda p: workbook(p, sheets, merge)


def _ten_thousand_firms_last_bad(p: Path) -> None:
    lines = ["id,name,founded"] + [f"big-{i},万家企业{i:05d},{1980 + i % 40}" for i in range(1, 10000)]
    lines.append("big-10000,万家企业10000,19x5")  # row 10,001: the last
    write(p, "\n".join(lines) + "\n")


CORPUS = [
    # --- columns
    Bad("unknown column", {"Park.csv": "id,name,colour\np1,园区一,red\n"},
        [("Park.csv", 1, "colour", "unknown column")]),
    Bad("duplicate column", {"Park.csv": "id,name,名称\np1,园区一,园区一\n"},
        [("Park.csv", 1, "名称", "duplicate column: name")]),
    Bad("missing required column", {"Park.csv": "id,level\np1,省级\n"},
        [("Park.csv", 1, "name", "required column name is missing")]),
    Bad("missing relationship column", {"relationships.csv": "type,from\nLOCATED_IN,常大\n"},
        [("relationships.csv", 1, "to", "required column to is missing")]),
    Bad("value beyond the last column", {"Park.csv": "id,name\np1,园区一,多余\n"},
        [("Park.csv", 2, "C", "1 value(s) beyond the last column")]),
    # --- values
    Bad("missing required value", {"Park.csv": "id,name,level\np1,园区一,省级\np2,,省级\n"},
        [("Park.csv", 3, "name", "required value is empty")]),
    Bad("not a whole number", {"Firm.csv": "id,name,founded\nf1,某公司,二〇〇五\n"},
        [("Firm.csv", 2, "founded", "'二〇〇五' is not a whole number")]),
    Bad("not a number", {"Fund.csv": "id,name,size_yi\nfd1,基金一,十亿\nfd2,基金二,nan\n"},
        [("Fund.csv", 2, "size_yi", "'十亿' is not a number"),
         ("Fund.csv", 3, "size_yi", "'nan' is not a finite number")]),
    Bad("not a whole number in a list", {"Park.csv": "id,name,selected_years\np1,园区一,2024|明年\n"},
        [("Park.csv", 2, "selected_years", "'明年' is not a whole number")]),
    Bad("enum value not allowed", {"Park.csv": "id,name,level\np1,园区一,省级以上\n"},
        [("Park.csv", 2, "level", "'省级以上' is not one of 国家级, 省级, 市级, 区级, 未知")]),
    Bad("confidence not allowed", {"relationships.csv": "type,from,to,confidence\nLOCATED_IN,常大,科教城,maybe\n"},
        [("relationships.csv", 2, "confidence", "'maybe' is not one of stated, inferred, unknown")]),
    # --- identity
    Bad("duplicate id", {"Park.csv": "id,name\np1,园区一\np2,园区二\np1,园区三\n"},
        [("Park.csv", 4, "id", "duplicate id 'p1' for Park (first at")]),
    Bad("duplicate id across a CSV and a workbook",
        {"Park.csv": "id,name\np1,园区一\n", "book.xlsx": _xlsx({"Park": [["id", "name"], ["p1", "园区三"]]})},
        [("book.xlsx[Park]", 2, "id", "duplicate id 'p1' for Park")]),
    Bad("name of another node", {"Park.csv": "id,name\nkjc-2,常州科教城\n"},
        [("Park.csv", 2, "name", "'常州科教城' resolves to two different Park nodes: 'kjc-2' here and 'kjc'")]),
    Bad("alias of another node", {"University.csv": "id,name,aliases\ncz-x,常州某大学,常大\n"},
        [("University.csv", 2, "aliases", "'常大' resolves to two different University nodes")]),
    Bad("the same organisation written two ways with different values",
        {"Firm.csv": "name,stock_code\n常州ＡＢＣ科技有限公司,111111.SZ\n 常州ABC科技有限公司 ,222222.SZ\n"},
        [("Firm.csv", 3, "stock_code", "is the same Firm as")]),
    # --- relationships
    Bad("unknown relationship type", {"relationships.csv": "type,from,to\nWORKS_WITH,常大,恒立液压\n"},
        [("relationships.csv", 2, "type", "unknown relationship type 'WORKS_WITH'")]),
    Bad("endpoint that does not exist", {"relationships.csv": "type,from,to\nLOCATED_IN,常大,不存在的园区\n"},
        [("relationships.csv", 2, "to", "no node with id, name or alias '不存在的园区'")]),
    Bad("endpoint not of the label given", {"relationships.csv": "type,from_label,from,to\nLOCATED_IN,Firm,常大,科教城\n"},
        [("relationships.csv", 2, "from", "no Firm with id, name or alias '常大'")]),
    Bad("empty endpoint", {"relationships.csv": "type,from,to\nLOCATED_IN,常大,\n"},
        [("relationships.csv", 2, "to", "required value is empty")]),
    Bad("unknown endpoint label", {"relationships.csv": "type,from_label,from,to\nLOCATED_IN,School,常大,科教城\n"},
        [("relationships.csv", 2, "from_label", "unknown label 'School'")]),
    Bad("pair of labels the model does not allow", {"relationships.csv": "type,from,to\nIN_TIER,常州大学,常州科教城\n"},
        [("relationships.csv", 2, "type", "the model does not allow (University)-[IN_TIER]->(Park)")]),
    Bad("endpoint name shared by two nodes",
        {"Park.csv": "id,name\nwj-park,武进区\n", "relationships.csv": "type,from,to\nHOSTED_BY,常州智能制造研究院,武进区\n"},
        [("relationships.csv", 2, "to", "'武进区' resolves to two different nodes (Park:wj-park, Region:wujin)")]),
    Bad("property of another relationship type", {"relationships.csv": "type,from,to,year\nLOCATED_IN,常大,科教城,2024\n"},
        [("relationships.csv", 2, "year", "LOCATED_IN has no property year")]),
    Bad("relationship to itself", {"relationships.csv": "type,from,to\nCOOPERATES_WITH,天合光能,Trina Solar\n"},
        [("relationships.csv", 2, "to", "from Firm:trina to itself")]),
    Bad("the same relationship twice with different values",
        {"relationships.csv": "type,from,to,since\nCOOPERATES_WITH,常大,天合光能,2019\nCOOPERATES_WITH,cczu,trina,2021\n"},
        [("relationships.csv", 3, "since", "the same COOPERATES_WITH relationship as")]),
    # --- files
    Bad("empty file", {"Park.csv": b""}, [("Park.csv", 1, "-", "empty file")]),
    Bad("file holding only a BOM", {"Park.csv": b"\xef\xbb\xbf\r\n"}, [("Park.csv", 1, "-", "empty file")]),
    Bad("header only", {"Park.csv": "id,name,level\n"}, [("Park.csv", 2, "-", "no data rows")]),
    Bad("unknown file name", {"Companies.csv": "id,name\nc1,某公司\n"},
        [("Companies.csv", 1, "-", "unknown file name")]),
    Bad("folder without spreadsheets", {"notes.txt.bak": "nothing here"},
        [("", 0, "-", "no spreadsheets (.csv, .xlsx) or documents found")]),
    Bad("path that does not exist", {}, [("nope.csv", 0, "-", "no such file or folder")], inputs=["nope.csv"]),
    Bad("old binary Excel file", {"Park.xls": b"\xd0\xcf\x11\xe0"}, [("Park.xls", 0, "-", "save it as .xlsx")]),
    Bad("workbook saved under a .csv name",
        {"Park.csv": lambda p: workbook(p, {"Park": [["id", "name"], ["p1", "园区一"]]})},
        [("Park.csv", 1, "-", "this is an XLSX workbook named .csv")]),
    # --- encodings
    Bad("BOM file with a bad row: the row is found, the BOM is not a column",
        {"Park.csv": "\ufeffid,name,level\np1,园区一,省级\np2,园区二,特级\n".encode()},
        [("Park.csv", 3, "level", "'特级' is not one of")]),
    Bad("GBK file with a bad row: the reason quotes the decoded text",
        {"Park.csv": "id,name,level\np1,园区一,特级\n".encode("gbk")},
        [("Park.csv", 2, "level", "'特级' is not one of")]),
    Bad("UTF-8 file with one line in GBK",
        {"Park.csv": "id,name\np1,园区一\n".encode() + "p2,园区二\n".encode("gbk")},
        [("Park.csv", 3, "-", "invalid UTF-8 bytes")]),
    Bad("bytes that are neither UTF-8 nor GBK", {"Park.csv": b"id,name\np1,\x80\xff\xfe\n"},
        [("Park.csv", 2, "-", "cannot decode")]),
    # --- workbooks
    Bad("wrong sheet name", {"book.xlsx": _xlsx({"Sheet1": [["id", "name"], ["p1", "园区一"]]})},
        [("book.xlsx[Sheet1]", 1, "-", "unknown sheet name 'Sheet1'")]),
    Bad("formula in a cell", {"book.xlsx": _xlsx({"Firm 名企": [["id", "name", "founded"], ["f1", "某公司", "=2000+5"]]})},
        [("book.xlsx[Firm 名企]", 2, "founded", "formula '=2000+5'")]),
    Bad("error value in a cell", {"book.xlsx": _xlsx({"Fund": [["id", "name", "size_yi"], ["fd1", "基金一", "#DIV/0!"]]})},
        [("book.xlsx[Fund]", 2, "size_yi", "error value #DIV/0!")]),
    Bad("merged cells", {"book.xlsx": _xlsx({"Park": [["id", "name", "level"], ["p1", "园区一", "省级"],
                                                      ["p2", "园区二", None]]}, {"Park": ["C2:C3"]})},
        [("book.xlsx[Park]", 2, "level", "merged cells C2:C3")]),
    Bad("file that is not a workbook", {"book.xlsx": b"PK\x03\x04 not really a zip"},
        [("book.xlsx", 1, "-", "not a readable XLSX workbook")]),
    # --- size
    Bad("10,000-row file whose last row is bad", {"Firm.csv": _ten_thousand_firms_last_bad},
        [("Firm.csv", 10001, "founded", "'19x5' is not a whole number")]),
]


@pytest.mark.parametrize("case", CORPUS, ids=[c.id for c in CORPUS])
def test_bad_input_gives_a_precise_error_and_leaves_the_store_unchanged(seeded_shared, tmp_path, case):
    seeded, before, report = seeded_shared
    d = tmp_path / "input"
    d.mkdir()
    for name, content in case.files.items():
        content(d / name) if callable(content) else write(d / name, content)

    with pytest.raises(IngestError) as err:
        load(seeded, *[d / i for i in case.inputs] or [d])
    after = seeded.checksum()
    report(after)

    got = {(p.file, p.row, p.column): p.reason for p in err.value.problems}
    expected = {(_where(d, f), row, col): why for f, row, col, why in case.expected}
    assert got.keys() == expected.keys(), "\n".join(map(str, err.value.problems))
    for (f, row, col), why in expected.items():
        assert why in got[(f, row, col)], f"{f}:{row}:{col}: {got[(f, row, col)]!r} does not say {why!r}"
        assert f"\n{f}:{row}:{col}: {got[(f, row, col)]}" in str(err.value)  # a line of the message
    assert after == before


def _where(d: Path, f: str) -> str:
    path, bracket, sheet = f.partition("[")
    return str(d / path) + bracket + sheet if path else str(d)


def test_all_problems_are_reported_together_and_nothing_is_written(store, tmp_path):
    write(tmp_path / "Park.csv", "id,name,level\np1,园区一,特级\np2,园区二,省级\n")
    write(tmp_path / "Firm.csv", "id,name,founded\nf1,某公司,2001\nf2,某二公司,早年\n")
    write(tmp_path / "relationships.csv", "type,from,to\nLOCATED_IN,某公司,园区二\nLOCATED_IN,某二公司,园区九\n")

    with pytest.raises(IngestError) as err:
        load(store, tmp_path)

    assert [str(p).split(": ")[0] for p in err.value.problems] == [
        f"{tmp_path / 'Firm.csv'}:3:founded",
        f"{tmp_path / 'Park.csv'}:2:level",
        f"{tmp_path / 'relationships.csv'}:3:to",
    ]
    assert sum(store.stats()["nodes"].values()) == 0


# --------------------------------------------------------------------------- the command line


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_ingest_reports_every_problem_as_file_row_column_and_exits_non_zero(cli, tmp_path):
    env, open_store = cli
    with open_store() as s:
        load(s, SEED)
        before = s.checksum()
    write(tmp_path / "in" / "Park.csv", "id,name,level\np1,园区一,特级\n")
    write(tmp_path / "in" / "relationships.csv", "type,from,to\nLOCATED_IN,常大,园区九\n")

    proc = run_kg(["ingest", str(tmp_path / "in")], env)

    assert proc.returncode == 1
    assert "2 problem(s) in the input; nothing was written" in proc.stderr
    assert f"{tmp_path / 'in' / 'Park.csv'}:2:level: '特级' is not one of" in proc.stderr
    assert f"{tmp_path / 'in' / 'relationships.csv'}:2:to: no node with id, name or alias '园区九'" in proc.stderr
    with open_store() as s:
        assert s.checksum() == before


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_ingest_dry_run_validates_and_writes_nothing(cli, tmp_path):
    env, open_store = cli
    write(tmp_path / "bad" / "Park.csv", "id,name,level\np1,园区一,特级\n")

    ok = run_kg(["ingest", "--dry-run", str(SEED)], env)
    bad = run_kg(["ingest", "--dry-run", str(tmp_path / "bad")], env)

    assert ok.returncode == 0, ok.stderr
    assert "valid: 23 rows would be loaded (dry run: nothing written)" in ok.stdout
    assert bad.returncode == 1 and "Park.csv:2:level:" in bad.stderr
    with open_store() as s:
        assert sum(s.stats()["nodes"].values()) == 0


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_ingest_skip_invalid_loads_the_valid_rows_and_writes_a_rejects_file(cli, tmp_path):
    env, open_store = cli
    d = tmp_path / "in"
    write(d / "Park.csv", "id,name,level\np1,园区一,省级\np2,园区二,特级\n")
    write(d / "relationships.csv", "type,from,to\nIN_REGION,园区一,武进区\nIN_REGION,园区二,武进区\nIN_REGION,园区一,火星\n")
    rejects = tmp_path / "rejects.csv"

    proc = run_kg(["ingest", "--skip-invalid", "--rejects", str(rejects), "--format", "json", str(SEED), str(d)], env)

    assert proc.returncode == 0, proc.stderr
    assert "3 row(s) skipped (3 problem(s))" in proc.stderr
    rows = list(csv.DictReader(rejects.open(encoding="utf-8-sig")))
    assert [(r["file"], r["row"], r["column"]) for r in rows] == [
        (str(d / "Park.csv"), "3", "level"),
        (str(d / "relationships.csv"), "3", "from"),  # its endpoint Park p2 was rejected
        (str(d / "relationships.csv"), "4", "to"),
    ]
    assert "endpoint Park:p2 was rejected" in rows[1]["reason"]
    assert json.loads(rows[0]["data"]) == {"id": "p2", "name": "园区二", "level": "特级"}
    with open_store() as s:
        G = s.export()
    assert "Park:p1" in G and "Park:p2" not in G
    assert G.has_edge("Park:p1", "Region:wujin", "IN_REGION")


@pytest.mark.slow  # runs kg in a subprocess
def test_kg_ingest_prints_created_updated_unchanged_per_label_and_relationship_type(cli, tmp_path):
    env, _ = cli
    first = run_kg(["ingest", "--format", "json", str(SEED)], env)
    second = run_kg(["ingest", "--format", "json", str(SEED)], env)
    table = run_kg(["ingest", str(SEED)], env)

    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    s1 = {r["what"]: r for r in json.loads(first.stdout)["summary"]}
    s2 = {r["what"]: r for r in json.loads(second.stdout)["summary"]}
    assert s1["Firm"] == {"what": "Firm", "created": 3, "updated": 0, "unchanged": 0}
    assert s1["IN_REGION"] == {"what": "IN_REGION", "created": 2, "updated": 0, "unchanged": 0}
    assert all(r["created"] == r["updated"] == 0 for r in s2.values())
    assert table.stdout.split()[:4] == ["what", "created", "updated", "unchanged"]


# --------------------------------------------------------------------------- 4. normalisation


def test_width_whitespace_and_bracket_variants_of_a_name_become_one_node(store, tmp_path):
    write(tmp_path / "Firm.csv", "name,founded\n"
                                 "常州ＸＹＺ科技有限公司（武进）,2015\n"
                                 "  常州XYZ科技有限公司(武进)\u3000,2015\n"
                                 "常州XYZ科技有限公司 (武进),\n")
    write(tmp_path / "Track.csv", "name\n新能源\n")
    write(tmp_path / "relationships.csv", "type,from,to\nIN_TRACK,常州xyz科技有限公司（武进）,\u200b新能源 \n")

    result = load(store, tmp_path)

    assert store.stats()["nodes"]["Firm"] == 1
    firm = find_node(store, "Firm", "常州XYZ科技有限公司(武进)")
    assert firm["founded"] == 2015
    assert store.stats()["relationships"]["IN_TRACK"] == 1
    assert summary_of(result)["Firm"] == {"created": 1, "updated": 0, "unchanged": 0}


def test_an_alias_resolves_to_its_node(seeded, tmp_path):
    write(tmp_path / "relationships.csv", "type,from,to\nCOOPERATES_WITH,常大,天合光能\n")
    load(seeded, tmp_path)
    assert seeded.export().has_edge("University:cczu", "Firm:trina", "COOPERATES_WITH")


def test_a_row_written_with_an_alias_updates_that_node_and_keeps_its_name(seeded, tmp_path):
    write(tmp_path / "University.csv", "name,location\n常大,江苏常州\n")

    result = load(seeded, tmp_path)

    assert seeded.stats()["nodes"]["University"] == 2
    assert node(seeded, "University", "cczu")["name"] == "常州大学"
    assert node(seeded, "University", "cczu")["location"] == "江苏常州"
    assert summary_of(result)["University"] == {"created": 0, "updated": 1, "unchanged": 0}


def test_cell_values_are_trimmed_and_folded_to_half_width(store, tmp_path):
    write(tmp_path / "Firm.csv", "id , name ,stock_code, founded\n"
                                 " f1 ,\u3000常州  某某  公司 ,６０１１００．ＳＨ, ２００５ \n")
    load(store, tmp_path)
    f = node(store, "Firm", "f1")
    assert (f["name"], f["stock_code"], f["founded"]) == ("常州 某某 公司", "601100.SH", 2005)


def test_match_keys_of_many_names_equal_match_key_of_each():
    import random

    from ingest.normalize import match_key, match_keys

    tricky = ["“常州大学”", "\"常州 大学\"", "''", "“”", "ΑΣ ΒΓ", "ΑΣ", " Σ ", "\u200b常州\u3000大学 ",
              "常州工学院（科教城）", "Ａ１", "\u0301abc", "İstanbul", "\u1100\u1161", "", "   ",
              "「常州」公司", "常州「公司」", "a\u00adb\u2060c"]
    pool = "常州大学天合ＡａΣσ （）()“”'\"\u3000\u200b\u0301\u1100\u1161\t\n"
    rng = random.Random(7)
    randoms = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 8))) for _ in range(2000)]

    for names in (tricky, randoms, tricky + ["a\ue000b"]):  # the last: a name holding the joining character
        assert match_keys(names) == [match_key(n) for n in names]
    assert match_keys([]) == []


# --------------------------------------------------------------------------- 5. idempotent upserts


def test_loading_the_same_input_twice_leaves_the_graph_identical(store):
    load(store, SEED)
    stats, data, checksum = store.stats(), graph_data(store), store.checksum()

    second = load(store, SEED)

    assert store.stats() == stats
    assert graph_data(store) == data
    assert store.checksum() == checksum
    counts = summary_of(second)
    assert all(c["created"] == c["updated"] == 0 for c in counts.values()), counts
    assert sum(c["unchanged"] for c in counts.values()) == 13 + 10  # every node and relationship


def test_loading_the_same_workbook_twice_changes_nothing(store, tmp_path):
    sheets = {Path(n).stem: read_seed_csv(n) for n in sorted(p.name for p in SEED.glob("*.csv"))}
    book = workbook(tmp_path / "seed.xlsx", sheets)
    load(store, book)
    checksum = store.checksum()

    second = load(store, book)

    assert store.checksum() == checksum
    assert all(c["created"] == c["updated"] == 0 for c in summary_of(second).values())


def test_a_changed_row_updates_its_properties_and_an_omitted_column_keeps_the_stored_value(seeded, tmp_path):
    write(tmp_path / "Firm.csv", "id,name,founded\ntrina,天合光能股份有限公司,1998\n")  # no stock_code column

    result = load(seeded, tmp_path)

    trina = node(seeded, "Firm", "trina")
    assert trina["founded"] == 1998
    assert trina["stock_code"] == "688599.SH"
    assert summary_of(result)["Firm"] == {"created": 0, "updated": 1, "unchanged": 0}


def test_a_changed_relationship_property_updates_the_relationship(seeded, tmp_path):
    write(tmp_path / "relationships.csv",
          "type,from,to,since,confidence,source\nCOOPERATES_WITH,cczu,hengli,2021,inferred,新闻报道#2020-05\n")
    result = load(seeded, tmp_path)
    edge = seeded.export().get_edge_data("University:cczu", "Firm:hengli", "COOPERATES_WITH")
    assert edge["since"] == 2021
    assert summary_of(result)["COOPERATES_WITH"] == {"created": 0, "updated": 1, "unchanged": 0}


# --------------------------------------------------------------------------- 6. provenance


def test_every_node_and_relationship_gets_a_source_and_a_confidence(store, tmp_path):
    write(tmp_path / "Park.csv", "id,name\np1,园区一\np2,园区二\n")
    write(tmp_path / "Region.csv", "id,name,source,confidence\nr1,某区,https://example.gov.cn/,inferred\n")
    workbook(tmp_path / "book.xlsx", {"relationships": [["type", "from", "to"], ["IN_REGION", "园区二", "某区"]]})

    load(store, tmp_path)

    G = store.export()
    assert (G.nodes["Park:p1"]["source"], G.nodes["Park:p1"]["confidence"]) == ("Park.csv:2", "stated")
    assert G.nodes["Park:p2"]["source"] == "Park.csv:3"
    assert (G.nodes["Region:r1"]["source"], G.nodes["Region:r1"]["confidence"]) == \
        ("https://example.gov.cn/", "inferred")
    edge = G.get_edge_data("Park:p2", "Region:r1", "IN_REGION")
    assert (edge["source"], edge["confidence"]) == ("book.xlsx[relationships]:2", "stated")
    assert all(d.get("source") and d.get("confidence") for _, d in G.nodes(data=True))
    assert source_kind(G.nodes["Park:p1"]["source"]) == source_kind(edge["source"]) == "spreadsheet"


def test_a_source_on_a_known_copy_site_is_loaded_with_a_warning(store, tmp_path):
    write(tmp_path / "Park.csv", "id,name,source,read_at\n"
          "p1,园区一,http://saaoao.cn/ns_news/127169864318302,\n"
          "p2,园区二,https://www.changzhou.gov.cn/ns_news/127169864318302,http://saaoao.cn/ns_news/127169864318302\n")

    result = load(store, tmp_path)

    assert [str(w) for w in result.plan.warnings] == [
        f"{tmp_path / 'Park.csv'}:2:source: saaoao.cn is known to copy other publishers' pages: "
        "cite the publisher's own page and put the copy in read_at"]
    G = store.export()
    assert G.nodes["Park:p1"]["source"] == "http://saaoao.cn/ns_news/127169864318302"
    assert G.nodes["Park:p2"]["read_at"] == "http://saaoao.cn/ns_news/127169864318302"


def test_seed_relationship_provenance_is_kept_as_written(seeded):
    edge = seeded.export().get_edge_data("University:cczu", "Firm:hengli", "COOPERATES_WITH")
    assert (edge["source"], edge["confidence"], edge["since"]) == ("新闻报道#2020-05", "inferred", 2020)


# --------------------------------------------------------------------------- 7. atomic loads


def _firms(d: Path, n: int, start: int = 0) -> Path:
    lines = ["id,name,founded"] + [f"af{i},原子企业{i:05d},2001" for i in range(start, start + n)]
    return write(d / "Firm.csv", "\n".join(lines) + "\n")


def test_a_statement_failing_late_in_the_write_leaves_the_store_as_before(seeded, tmp_path, monkeypatch):
    _firms(tmp_path, 300)
    write(tmp_path / "relationships.csv", "type,from,to\nLOCATED_IN,原子企业00001,科教城\n")
    before = seeded.checksum()
    original = seeded.run_atomic
    ran: list[int] = []

    def fails_last(statements, *, progress=None):
        statements = list(statements)
        # After every real upsert: create a Park whose id exists, which both stores refuse.
        bad = ("UNWIND $rows AS r CREATE (n:Park {id: r.id, name: r.id})", {"rows": [{"id": "kjc"}]})
        return original(statements + [bad], progress=lambda n: (ran.append(n), progress and progress(n)))

    monkeypatch.setattr(seeded, "run_atomic", fails_last)
    with pytest.raises(Exception):
        load(seeded, tmp_path, batch_size=50)

    assert sum(ran) >= 301, "the real statements ran before the failing one"
    assert seeded.checksum() == before


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, ConnectionResetError], ids=["ctrl-c", "driver-error"])
def test_an_interruption_in_the_middle_of_the_write_leaves_the_store_as_before(seeded, tmp_path, monkeypatch,
                                                                                interruption):
    _firms(tmp_path, 300)
    before = seeded.checksum()
    original = seeded.run_atomic
    written: list[int] = []

    def interrupted(statements, *, progress=None):
        def after_each(n):
            written.append(n)
            if len(written) == 3:  # three batches are in, three more to go
                raise interruption("interrupted mid-write")
        return original(statements, progress=after_each)

    monkeypatch.setattr(seeded, "run_atomic", interrupted)
    # A store may report a driver error as its own StoreError; Ctrl-C stays KeyboardInterrupt.
    with pytest.raises(KeyboardInterrupt if interruption is KeyboardInterrupt else Exception):
        load(seeded, tmp_path, batch_size=50)

    assert written == [50, 50, 50]
    assert seeded.checksum() == before
    assert seeded.stats()["nodes"]["Firm"] == 3


@pytest.mark.slow  # runs kg in a subprocess
@pytest.mark.parametrize("start", ["seeded", "empty"], ids=["into-a-seeded-store", "into-an-empty-store"])
def test_killing_the_ingest_process_mid_write_leaves_the_store_as_before(cli, tmp_path, start):
    # An empty store takes the bulk path of GraphStore.load; a seeded one the MERGE path.
    env, open_store = cli
    with open_store() as s:
        if start == "seeded":
            load(s, SEED)
        before = s.checksum()
        firms_before = s.stats()["nodes"]["Firm"]
    d = tmp_path / "big"
    _firms(d, 15000)
    write(d / "Park.csv", "id,name\nkjc,常州科教城\n")
    rels = ["type,from,to"] + [f"LOCATED_IN,af{i},kjc" for i in range(15000)]
    write(d / "relationships.csv", "\n".join(rels) + "\n")
    err = tmp_path / "stderr.txt"

    with err.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "graph", "ingest", "--batch-size", "100", str(d)],
                                cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=fh)
    try:
        written, total = _wait_for_progress(proc, err)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert 0 < written < total == 30001

    with open_store() as s:
        assert s.checksum() == before
        assert s.stats()["nodes"]["Firm"] == firms_before


def _wait_for_progress(proc: subprocess.Popen, err: Path, timeout: float = 240) -> tuple[int, int]:
    """Wait until the progress bar shows rows written (the transaction is open and not yet
    committed): ``(written, total)``.  Polls; fails if the process ends first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = re.findall(r"(\d+)/(\d+) \[", err.read_text(errors="replace"))
        done = [(int(a), int(b)) for a, b in counts if int(a) > 0]
        if done:
            return done[-1]
        assert proc.poll() is None, f"kg ingest ended (rc {proc.returncode}) before writing:\n{err.read_text()}"
        time.sleep(0.02)
    pytest.fail("no progress within the timeout")


# --------------------------------------------------------------------------- 8. batches and progress


def test_writes_are_batched_within_one_transaction(store, tmp_path, monkeypatch):
    _firms(tmp_path, 1000)
    calls: list[list] = []
    original = store.run_atomic

    def spy(statements, *, progress=None):
        statements = list(statements)
        calls.append(statements)
        return original(statements, progress=progress)

    monkeypatch.setattr(store, "run_atomic", spy)
    load(store, tmp_path, batch_size=250)

    assert len(calls) == 1, "one transaction"
    assert [len(p["rows"]) for _, p in calls[0]] == [250, 250, 250, 250]
    assert store.stats()["nodes"]["Firm"] == 1000


@pytest.mark.slow  # runs kg in a subprocess
def test_a_long_load_shows_a_progress_bar_and_quiet_turns_it_off(cli, tmp_path):
    env, _ = cli
    _firms(tmp_path / "a", 1500)
    _firms(tmp_path / "b", 1500, start=1500)

    shown = run_kg(["ingest", "--batch-size", "500", str(tmp_path / "a")], env)
    quiet = run_kg(["ingest", "--quiet", "--batch-size", "500", str(tmp_path / "b")], env)
    small = run_kg(["ingest", str(SEED)], env)

    assert shown.returncode == quiet.returncode == small.returncode == 0
    assert re.search(r"writing: .*\d+/1500 ", shown.stderr), shown.stderr
    assert "writing" not in quiet.stderr
    assert "writing" not in small.stderr  # a short load has no bar


def test_a_csv_row_short_of_its_header_is_refused_not_shifted(store, tmp_path):
    # name_en_source was added after name_en: a row written for the old columns has one cell
    # fewer, and its aliases would otherwise be read as the English name's source
    (tmp_path / "Park.csv").write_text(
        "id,name,name_en,name_en_source,aliases,source,confidence\n"
        "a,天宁经济开发区,Tianning EDZ,,天宁经开区,https://www.cztn.gov.cn/,stated\n"
        "b,钟楼经济开发区,Zhonglou EDZ,钟楼经开区,https://www.zhonglou.gov.cn/,stated\n", encoding="utf-8")
    with pytest.raises(IngestError) as e:
        load(store, tmp_path)
    assert [(p.row, p.column) for p in e.value.problems] == [(3, "confidence")]
    assert "6 cells and the header 7" in str(e.value.problems[0])
