"""Read planners' spreadsheets (CSV in UTF-8 / UTF-8 with BOM / GB18030-GBK, or XLSX)
and turn them into validated rows for :meth:`graph.store.GraphStore.load`.

Every problem is collected — none stops the reading early — and reported as
``file:row:column: reason``, where ``row`` is the row number a spreadsheet program shows
(the header is row 1) and ``column`` is the property the column holds (or, for a column
that names none, its header text or letter).  Nothing here writes to a store.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, NamedTuple

from graph import model
from graph.sources import copy_site, source_host
from graph.store.base import StoreError
from ingest.normalize import DecodeError, clean_text, decode_text, match_key, slug_for

__all__ = [
    "Problem",
    "IngestError",
    "Table",
    "Plan",
    "Entity",
    "read_tables",
    "build_plan",
    "header_for",
    "LIST_SEPARATOR",
    "REL_SHEET",
    "REL_ENDPOINT_COLUMNS",
    "GUIDE_SHEETS",
    "canonical_order",
]

LIST_SEPARATOR = "|"
REL_SHEET = "relationships"
REL_ENDPOINT_COLUMNS = ("type", "from_label", "from", "to_label", "to")
# Chinese headers of the endpoint columns (the property columns have theirs in the model).
REL_ENDPOINT_ZH = {"关系类型": "type", "起点类型": "from_label", "起点": "from", "终点类型": "to_label", "终点": "to"}
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
UNSUPPORTED_SUFFIXES = (".xls", ".ods", ".numbers", ".et")
GUIDE_SHEETS = ("说明", "readme", "help")
INT64_MAX = 2**63 - 1

# Long clause texts exceed the csv module's default field limit of 128 KiB.
csv.field_size_limit(64 * 1024 * 1024)


@dataclass(frozen=True)
class Problem:
    file: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.reason}"


class IngestError(StoreError):
    """Bad input: every problem found, one per line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = [str(p) for p in problems]
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was written\n" + "\n".join(lines))


@dataclass
class Table:
    """One sheet of data: a CSV file or a worksheet."""

    where: str  # how errors name it: "dir/Park.csv" or "dir/book.xlsx[Park]"
    kind: str  # a node label, or REL_SHEET
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (1-based row number in the file, cells)
    header_row: int = 1
    source_name: str = ""  # default provenance: "Park.csv" or "book.xlsx[Park]" (+ ":row")
    # Cells that hold no usable value (formulas, error values, merged ranges):
    # (row, 0-based column, reason).  Reported with the column's resolved name.
    cell_problems: list[tuple[int, int, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.source_name:
            self.source_name = _source_name(self.where)


def _source_name(where: str) -> str:
    path, bracket, sheet = where.partition("[")
    return Path(path).name + bracket + sheet


class Entity(NamedTuple):
    """A node that names can resolve to.  A tuple too: ``(label, id, name, aliases)``."""

    label: str
    id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass
class Plan:
    """What a load would write, and what is wrong with the input."""

    nodes: dict[str, list[dict]] = field(default_factory=dict)
    rels: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)  # problems of the rows dropped by skip_invalid
    # Not refused, but worth fixing: e.g. a source on a host known to copy other sites' pages.
    warnings: list[Problem] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(v) for v in self.nodes.values()) + len(self.rels)


# --- reading -------------------------------------------------------------------------

_NAME_SPLIT = re.compile(r"[\s_\-.]+")


def _label_for(name: str) -> str | None:
    """The node label (or REL_SHEET) a file stem or sheet title names: ``Park``,
    ``park``, ``名园``, ``Park 名园`` or ``Park_2026``."""
    text = clean_text(name) if name else ""
    key = _NAME_SPLIT.split(text)[0].lower() if text else ""
    if key in (REL_SHEET, "关系", "relationship", "rels"):
        return REL_SHEET
    for nt in model.NODE_TYPES:
        if key in (nt.label.lower(), nt.zh):
            return nt.label
    return None


class _FileProblem(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _csv_text(raw: bytes, where: str) -> str:
    """The text of a CSV file (:func:`ingest.normalize.decode_text`); a problem at its line."""
    try:
        return decode_text(raw)
    except DecodeError as e:
        raise _FileProblem(Problem(where, e.line, "-", e.reason)) from None


def _delimiter(text: str) -> str:
    first = text.lstrip("\r\n").split("\n", 1)[0]
    if "," not in first:
        for d in ("\t", ";"):
            if d in first:
                return d
    return ","


def _read_csv(path: Path, display: str) -> list[Table]:
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise _FileProblem(Problem(display, 1, "-", "this is an XLSX workbook named .csv: rename it to .xlsx"))
    text = _csv_text(raw, display)
    if not clean_text(text):
        raise _FileProblem(Problem(display, 1, "-", "empty file: expected a header row and data rows"))
    kind = _label_for(path.stem)
    if kind is None:
        raise _FileProblem(Problem(display, 1, "-", "unknown file name: it must start with a node label or "
                                   f"'{REL_SHEET}' (one of {', '.join(model.labels())}, {REL_SHEET})"))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[tuple[int, list[str]]] = []
    try:
        for i, r in enumerate(reader, start=1):
            rows.append((i, r))
    except csv.Error as e:
        raise _FileProblem(Problem(display, len(rows) + 1, "-", f"not readable as CSV: {e}")) from None
    table = _table(display, kind, rows)
    table.cell_problems += _short_rows(table)
    return [table]


def _short_rows(t: Table) -> list[tuple[int, int, str]]:
    """A CSV row with fewer cells than its header has lost a cell or a comma (a column added
    to a file while the row was written for the old one): every cell after the gap would
    be read under the wrong heading, so the row is refused, not shifted."""
    width = len(t.header)
    return [(n, len(r), f"the row has {len(r)} cells and the header {width}: a cell or a comma is missing, "
                        "so the cells after it would be read under the wrong headings")
            for n, r in t.rows if any(clean_text(c) for c in r) and len(r) < width]


def _table(where: str, kind: str, rows: list[tuple[int, list[str]]], **kw) -> Table:
    """A table whose header is its first non-blank row."""
    start = next((k for k, (_, r) in enumerate(rows) if any(clean_text(c) for c in r)), 0)
    header_row, header = rows[start] if rows else (1, [])
    return Table(where, kind, header, rows[start + 1:], header_row=header_row, **kw)


def _cell_text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e18 else repr(v)
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    return str(v)


def _read_xlsx(path: Path, display: str) -> tuple[list[Table], list[Problem]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, data_only=False, read_only=False)
    except Exception as e:  # openpyxl raises many types for a bad workbook
        raise _FileProblem(Problem(display, 1, "-", f"not a readable XLSX workbook ({type(e).__name__})")) from None
    tables: list[Table] = []
    problems: list[Problem] = []
    try:
        for ws in wb.worksheets:
            where = f"{display}[{ws.title}]"
            if clean_text(ws.title).lower() in GUIDE_SHEETS:
                continue  # the template's guide sheet
            merged = list(ws.merged_cells.ranges)
            rows: list[tuple[int, list[str]]] = []
            cell_problems: list[tuple[int, int, str]] = []
            for r in ws.iter_rows():
                cells = []
                for c in r:
                    v = c.value
                    if c.data_type == "f" or (isinstance(v, str) and v.startswith("=")):
                        text = getattr(v, "text", None) or str(v)
                        cell_problems.append((c.row, c.column - 1, f"formula {text[:40]!r}: "
                                              "enter the value, not a formula"))
                        v = None
                    elif c.data_type == "e":
                        cell_problems.append((c.row, c.column - 1, f"error value {v}: enter a value"))
                        v = None
                    cells.append(_cell_text(v))
                if r:
                    rows.append((r[0].row, cells))
            if not merged and not cell_problems and not any(clean_text(c) for _, cs in rows for c in cs):
                continue  # an empty sheet (Excel's default Sheet1) holds nothing to load
            kind = _label_for(ws.title)
            if kind is None:
                problems.append(Problem(where, 1, "-", f"unknown sheet name {ws.title!r}: a sheet must be named "
                                        f"by a node label or '{REL_SHEET}' (one of {', '.join(model.labels())}, "
                                        f"{REL_SHEET})"))
                continue
            for rng in merged:
                cell_problems.append((rng.min_row, rng.min_col - 1,
                                      f"merged cells {rng.coord}: unmerge them and fill every cell"))
            tables.append(_table(where, kind, rows, cell_problems=cell_problems))
    finally:
        wb.close()
    return tables, problems


def _files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    out, problems = [], []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.iterdir()):
                if f.name.startswith(("~$", ".")) or not f.is_file():
                    continue
                if f.suffix.lower() in SHEET_SUFFIXES:
                    out.append(f)
                elif f.suffix.lower() in UNSUPPORTED_SUFFIXES:
                    problems.append(Problem(str(f), 0, "-", "unsupported spreadsheet format: save it as .xlsx or .csv"))
        elif not p.exists():
            problems.append(Problem(str(p), 0, "-", "no such file or folder"))
        elif p.suffix.lower() in SHEET_SUFFIXES:
            out.append(p)
        elif p.suffix.lower() in UNSUPPORTED_SUFFIXES:
            problems.append(Problem(str(p), 0, "-", "unsupported spreadsheet format: save it as .xlsx or .csv"))
        else:
            problems.append(Problem(str(p), 0, "-", "not a spreadsheet: expected .csv or .xlsx"))
    return out, problems


def read_tables(paths: Iterable[str | Path]) -> tuple[list[Table], list[Problem]]:
    """Every table in ``paths`` (files or folders) and the file-level problems found."""
    files, problems = _files(Path(p) for p in paths)
    tables: list[Table] = []
    seen: set[Path] = set()
    for f in files:
        if f.resolve() in seen:
            continue  # a file named twice (itself and its folder) is read once
        seen.add(f.resolve())
        display = str(f)
        try:
            if f.suffix.lower() in (".xlsx", ".xlsm"):
                t, p = _read_xlsx(f, display)
                tables += t
                problems += p
            else:
                tables += _read_csv(f, display)
        except _FileProblem as e:
            problems.append(e.problem)
        except OSError as e:
            problems.append(Problem(display, 0, "-", f"cannot read the file: {e.strerror or e}"))
    return tables, problems


# --- headers ---------------------------------------------------------------------------

def _allowed_text(p: model.Prop) -> str:
    base = p.type[:-2] if p.type.endswith("[]") else p.type
    if p.enum:
        what = LIST_SEPARATOR.join(p.enum)
    elif base == "INT64":
        what = "整数 whole number"
    elif base == "DOUBLE":
        what = "数字 number"
    elif base == "BOOLEAN":
        what = "是/否 true/false"
    else:
        what = "文本 text"
    if p.type.endswith("[]"):
        what += f"; 多个用 {LIST_SEPARATOR} 分隔 separate several with {LIST_SEPARATOR}"
    return what


def header_for(p: model.Prop, note: str = "") -> str:
    """A template header: the property name, its Chinese name, ``*`` when required, and
    the values it allows, e.g. ``level 级别 (国家级|省级|市级|区级|未知)``."""
    req = " *" if p.required else ""
    return f"{p.name} {p.zh}{req} ({_allowed_text(p)}{note})"


def _column_letter(i: int) -> str:
    s, n = "", i + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _column_names(t: Table, allowed: dict[str, model.Prop], extra: tuple[str, ...],
                  problems: list[Problem]) -> list[str | None]:
    by_zh = {p.zh: name for name, p in allowed.items() if p.zh}
    if extra:
        by_zh.update(REL_ENDPOINT_ZH)
    by_lower = {n.lower(): n for n in [*extra, *allowed]}
    names: list[str | None] = []
    seen: dict[str, str] = {}
    for i, cell in enumerate(t.header):
        text = clean_text(cell)
        if not text:
            names.append(None)
            continue
        first = text.split(" ")[0]
        name = by_lower.get(first.lower()) or by_zh.get(first) or by_zh.get(first.rstrip("*"))
        if name is None:
            problems.append(Problem(t.where, t.header_row, text,
                                    "unknown column (allowed: " + ", ".join([*extra, *allowed]) + ")"))
        elif name in seen:
            problems.append(Problem(t.where, t.header_row, text,
                                    f"duplicate column: {name} is already column {seen[name]!r}"))
            name = None
        else:
            seen[name] = text
        names.append(name)
    return names


# --- cell values ---------------------------------------------------------------------

class _BadValue(ValueError):
    pass


def _convert(p: model.Prop, text: str) -> Any:
    if p.type.endswith("[]"):
        parts = [clean_text(x) for x in text.split(LIST_SEPARATOR)]
        base = model.Prop(p.name, p.type[:-2], enum=p.enum)
        out = []
        for x in parts:
            if x:
                v = _convert(base, x)
                if v not in out:
                    out.append(v)
        return out
    if p.type == "INT64":
        s = text.replace(",", "") if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+", text) else text
        if re.fullmatch(r"[+-]?\d+", s):
            n = int(s)
        else:
            try:
                f = float(s)
            except ValueError:
                raise _BadValue(f"{text!r} is not a whole number") from None
            if not (math.isfinite(f) and f.is_integer()):
                raise _BadValue(f"{text!r} is not a whole number")
            n = int(f)
        if abs(n) > INT64_MAX:
            raise _BadValue(f"{text!r} is too large for a whole number")
        return n
    if p.type == "DOUBLE":
        s = text.rstrip("%").replace(",", "") if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?%?", text) \
            else text.rstrip("%")  # 1,234.5 and 35% (the unit column says what it counts)
        try:
            if "_" in s:  # float() would take 1_000
                raise ValueError
            f = float(s)
        except ValueError:
            raise _BadValue(f"{text!r} is not a number") from None
        if not math.isfinite(f):
            raise _BadValue(f"{text!r} is not a finite number")
        return f
    if p.type == "BOOLEAN":
        low = text.lower()
        if low in ("true", "yes", "1", "是"):
            return True
        if low in ("false", "no", "0", "否"):
            return False
        raise _BadValue(f"{text!r} is not true/false (是/否)")
    if p.enum:
        if text in p.enum:
            return text
        folded = {e.lower(): e for e in p.enum}
        if text.lower() in folded:
            return folded[text.lower()]
        raise _BadValue(f"{text!r} is not one of {', '.join(p.enum)}")
    return text


# --- the plan ------------------------------------------------------------------------

@dataclass
class _NodeRow:
    label: str
    props: dict
    where: str
    row: int
    has_id: bool
    source_name: str


@dataclass
class _RelRow:
    cells: dict
    where: str
    row: int
    source_name: str


class _Index:
    """Ids, names and aliases of the nodes known so far (store and input)."""

    def __init__(self) -> None:
        self.by_key: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.ids: dict[str, set[str]] = defaultdict(set)  # id -> labels
        self.names: dict[tuple[str, str], str] = {}
        self.origin: dict[tuple[str, str], str] = {}

    def add(self, label: str, id_: str, name: str, aliases: Iterable[str], origin: str) -> None:
        self.ids[id_].add(label)
        self.names.setdefault((label, id_), name)
        self.origin.setdefault((label, id_), origin)
        for n in [name, *aliases]:
            if n and match_key(n):
                self.by_key[match_key(n)].add((label, id_))

    def by_name(self, value: str, labels: Iterable[str] | None = None) -> set[tuple[str, str]]:
        wanted = None if labels is None else set(labels)
        return {(lb, i) for lb, i in self.by_key.get(match_key(value), ()) if wanted is None or lb in wanted}

    def resolve(self, value: str, labels: Iterable[str] | None = None) -> set[tuple[str, str]]:
        """Nodes whose id is ``value`` exactly, else whose name or alias matches it."""
        wanted = None if labels is None else set(labels)
        hits = {(lb, value) for lb in self.ids.get(value, ()) if wanted is None or lb in wanted}
        return hits or self.by_name(value, wanted)


def _file_row(where: str, row: int) -> str:
    return f"{where}:{row}"


class _Report:
    """The problems found so far, and the rows they make invalid."""

    def __init__(self, file_problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = list(file_problems or [])
        self.bad_rows: set[tuple[str, int]] = set()

    def problem(self, where: str, row: int, col: str, reason: str) -> None:
        """A problem that makes row ``row`` of ``where`` invalid."""
        self.problems.append(Problem(where, row, col, reason))
        self.bad_rows.add((where, row))

    def note(self, where: str, row: int, col: str, reason: str) -> None:
        """A problem of the sheet itself (its header), which marks no data row."""
        self.problems.append(Problem(where, row, col, reason))


def build_plan(tables: list[Table], known: Iterable[Entity] = (), *, skip_invalid: bool = False,
               file_problems: list[Problem] | None = None) -> Plan:
    """Validate ``tables`` against the model and the ``known`` entities of the store and
    turn them into upsert rows.  With ``skip_invalid`` the bad rows are left out (their
    problems listed in ``rejects``) instead of making the whole plan invalid.

    The steps: read the cells of each sheet into rows (:func:`_read_rows`), validating
    them against the model; merge the node rows into nodes (:func:`_merge_nodes`);
    resolve the relationship rows' endpoints (:func:`_resolve_rels`); then keep what is
    valid (:func:`_finish`)."""
    plan = Plan()
    report = _Report(file_problems)
    node_rows, rel_rows = _read_rows(tables, report)
    index = _Index()
    for e in known:
        index.add(e.label, e.id, e.name or "", e.aliases or (), "the store")
    merged, members = _merge_nodes(node_rows, index, report)
    for nr in merged.values():
        nr.props.setdefault("source", _file_row(nr.source_name, nr.row))
        nr.props.setdefault("confidence", "stated")
        _warn_copy_site(plan, nr.where, nr.row, nr.props["source"])
    rels = _resolve_rels(rel_rows, index, report)
    for props, rr in rels.values():
        props.setdefault("source", _file_row(rr.source_name, rr.row))
        props.setdefault("confidence", "stated")
        _warn_copy_site(plan, rr.where, rr.row, props["source"])
    _finish(plan, merged, members, rels, report, skip_invalid)
    return plan


def _rel_allowed() -> dict[str, model.Prop]:
    """Every property some relationship type has, by name."""
    return {p.name: p for rt in model.REL_TYPES for p in model.rel_props(rt.type)}


def _read_rows(tables: list[Table], report: _Report) -> tuple[list[_NodeRow], list[_RelRow]]:
    """Step 1 (read, validate): the data rows of every sheet, their cells named by the
    header and node values converted to the model's types.  Missing required columns,
    cells beyond the header and bad values go to ``report``."""
    node_rows: list[_NodeRow] = []
    rel_rows: list[_RelRow] = []
    any_data = any(any(clean_text(c) for c in r) for t in tables for _, r in t.rows)
    for t in tables:
        if t.kind == REL_SHEET:
            allowed = _rel_allowed()
            names = _column_names(t, allowed, REL_ENDPOINT_COLUMNS, report.problems)
            required = ("type", "from", "to")
        else:
            allowed = {p.name: p for p in model.node_props(t.kind)}
            names = _column_names(t, allowed, (), report.problems)
            required = tuple(p.name for p in model.node_props(t.kind) if p.required)
        data = _sheet_data(t, names, required, any_data, report)
        for rownum, cells in data:
            values = _row_values(t, names, rownum, cells, report)
            if t.kind == REL_SHEET:
                rel_rows.append(_RelRow(values, t.where, rownum, t.source_name))
                continue
            props = _converted(allowed, values, t.where, rownum, report)
            for c in required:
                if not values.get(c):
                    report.problem(t.where, rownum, c, "required value is empty")
            if values.get("name"):
                node_rows.append(_NodeRow(t.kind, props, t.where, rownum, "id" in props, t.source_name))
    return node_rows, rel_rows


def _sheet_data(t: Table, names: list[str | None], required: tuple[str, ...], any_data: bool,
                report: _Report) -> list[tuple[int, list[str]]]:
    """The non-blank rows of sheet ``t`` worth reading: none when it lacks a required
    column (its rows are then invalid) or has a header only."""
    def col_name(i: int) -> str:
        if i < len(names) and names[i]:
            return names[i]
        text = clean_text(t.header[i]) if i < len(t.header) else ""
        return text or _column_letter(i)

    missing = [c for c in required if c not in names]
    for c in missing:
        report.note(t.where, t.header_row, c, f"required column {c} is missing")
    for row, col, reason in t.cell_problems:
        if row == t.header_row:
            report.note(t.where, row, col_name(col), reason)
        else:
            report.problem(t.where, row, col_name(col), reason)
    data = [(n, r) for n, r in t.rows if any(clean_text(c) for c in r)]
    if not data:
        # A blank template sheet beside filled ones is fine; input with no data at all is not.
        if not any_data and not t.cell_problems:
            report.note(t.where, t.header_row + 1, "-", "no data rows: the sheet has a header only")
        return []
    if missing:
        for n, _ in data:
            report.bad_rows.add((t.where, n))
        return []
    return data


def _row_values(t: Table, names: list[str | None], rownum: int, cells: list[str],
                report: _Report) -> dict[str, str]:
    """The non-empty cells of one row by column name; values past the header are a problem."""
    values: dict[str, str] = {}
    for name, cell in zip(names, cells):
        text = clean_text(cell)
        if name and text:
            values[name] = text
    extra = [i for i in range(len(names), len(cells)) if clean_text(cells[i])]
    if extra:
        report.problem(t.where, rownum, _column_letter(extra[0]),
                       f"{len(extra)} value(s) beyond the last column (no header)")
    return values


def _converted(allowed: dict[str, model.Prop], values: dict[str, str], where: str, row: int,
               report: _Report, owner: str = "") -> dict[str, Any]:
    """``values`` converted to the types of the ``allowed`` properties; a name ``owner``
    does not have or a value that does not convert is a problem and left out; so is an
    empty list."""
    props: dict[str, Any] = {}
    for name, text in values.items():
        if name not in allowed:
            report.problem(where, row, name, f"{owner} has no property {name}")
            continue
        try:
            v = _convert(allowed[name], text)
        except _BadValue as e:
            report.problem(where, row, name, str(e))
            continue
        if v != []:
            props[name] = v
    return props


def _merge_nodes(node_rows: list[_NodeRow], index: _Index, report: _Report
                 ) -> tuple[dict[tuple[str, str], _NodeRow], dict[tuple[str, str], list[_NodeRow]]]:
    """Step 2 (merge): one node per ``(label, id)``.  Rows with an id come first, so that
    rows without one can resolve to them by name or alias; a row that names no known
    node gets a slug id.  Rows of the same node must agree; their aliases are united.
    Returns the merged rows and, per node, every row that wrote it."""
    merged: dict[tuple[str, str], _NodeRow] = {}
    members: dict[tuple[str, str], list[_NodeRow]] = defaultdict(list)
    for nr in sorted(node_rows, key=lambda n: not n.has_id):
        if not nr.has_id and not _give_id(nr, index, report):
            continue
        key = (nr.label, nr.props["id"])
        prev = merged.get(key)
        if prev is None:
            _check_names(nr, key[1], index, report)
            merged[key] = nr
            members[key].append(nr)
            index.add(nr.label, key[1], nr.props["name"], nr.props.get("aliases", []), _file_row(nr.where, nr.row))
            continue
        if nr.has_id and prev.has_id:
            report.problem(nr.where, nr.row, "id", f"duplicate id {key[1]!r} for {nr.label} "
                           f"(first at {_file_row(prev.where, prev.row)})")
            continue
        # The same node written again (another spelling, an alias): its values must agree.
        clash = [k for k, v in nr.props.items()
                 if k not in ("source", "aliases") and prev.props.get(k) not in (None, v)]
        if clash:
            report.problem(nr.where, nr.row, clash[0],
                           f"{nr.props['name']!r} is the same {nr.label} as {_file_row(prev.where, prev.row)} "
                           f"but gives another {clash[0]} ({nr.props[clash[0]]!r}, not {prev.props[clash[0]]!r})")
            continue
        _check_names(nr, key[1], index, report)
        members[key].append(nr)
        for k, v in nr.props.items():
            if k == "aliases":
                prev.props["aliases"] = list(dict.fromkeys([*prev.props.get("aliases", []), *v]))
            else:
                prev.props.setdefault(k, v)
        index.add(nr.label, key[1], nr.props["name"], nr.props.get("aliases", []), _file_row(nr.where, nr.row))
    return merged, members


def _give_id(nr: _NodeRow, index: _Index, report: _Report) -> bool:
    """Set the id of a row that has none: the known node its name matches (keeping that
    node's name), else a slug.  False, with a problem, when the name matches two nodes."""
    hits = index.by_name(nr.props["name"], [nr.label])
    if len(hits) > 1:
        shown = ", ".join(f"{i!r} ({index.origin.get((lb, i))})" for lb, i in sorted(hits))
        report.problem(nr.where, nr.row, "name", f"{nr.props['name']!r} resolves to two different "
                       f"{nr.label} nodes: {shown}; give the id")
        return False
    if hits:
        # An alias or another spelling of a known node: that node, keeping its name.
        (_, hit_id), = hits
        nr.props["id"] = hit_id
        nr.props["name"] = index.names.get((nr.label, hit_id)) or nr.props["name"]
    else:
        nr.props["id"] = slug_for(nr.label, nr.props["name"])
    return True


def _check_names(nr: _NodeRow, id_: str, index: _Index, report: _Report) -> None:
    """A name or alias of ``nr`` that already belongs to another node of its label."""
    for col, n in [("name", nr.props["name"]), *(("aliases", a) for a in nr.props.get("aliases", []))]:
        others = {i for lb, i in index.by_name(n, [nr.label]) if i != id_}
        if others:
            other = sorted(others)[0]
            report.problem(nr.where, nr.row, col,
                           f"{n!r} resolves to two different {nr.label} nodes: {id_!r} here and {other!r} "
                           f"({index.origin.get((nr.label, other), 'the store')})")


_RelKey = tuple[str, str, str, str, str]  # type, from label, from id, to label, to id


def _resolve_rels(rel_rows: list[_RelRow], index: _Index, report: _Report
                  ) -> dict[_RelKey, tuple[dict, _RelRow]]:
    """Step 3 (resolve): each relationship row's type checked against the model, its
    endpoints resolved by id, name or alias, its properties converted.  A relationship
    written twice is one; its rows must agree."""
    rels: dict[_RelKey, tuple[dict, _RelRow]] = {}
    for rr in rel_rows:
        rt = _rel_type(rr, report)
        t = rt.type if rt else rr.cells.get("type", "").upper().replace(" ", "_")
        ends = [_rel_end(rr, k, side, rt, index, report) for k, side in enumerate(("from", "to"))]
        allowed = {p.name: p for p in model.rel_props(t)} if rt else _rel_allowed()
        values = {n: v for n, v in rr.cells.items() if n not in REL_ENDPOINT_COLUMNS}
        props = _converted(allowed, values, rr.where, rr.row, report, owner=t)
        if rt is None or None in ends:
            continue
        (fl, fid), (tl, tid) = ends
        if not model.allowed_pair(t, fl, tl):
            report.problem(rr.where, rr.row, "type", f"the model does not allow ({fl})-[{t}]->({tl}); allowed: "
                           + ", ".join(f"{a}→{b}" for a, b in rt.pairs))
            continue
        if (fl, fid) == (tl, tid):
            report.problem(rr.where, rr.row, "to", f"a {t} relationship from {fl}:{fid} to itself")
            continue
        key = (t, fl, fid, tl, tid)
        if key in rels:
            # The same relationship written again (by id, name or alias): values must agree.
            prev_props, prev = rels[key]
            clash = [k for k, v in props.items() if k != "source" and prev_props.get(k) not in (None, v)]
            if clash:
                report.problem(rr.where, rr.row, clash[0], f"the same {t} relationship as "
                               f"{_file_row(prev.where, prev.row)} but another {clash[0]} "
                               f"({props[clash[0]]!r}, not {prev_props[clash[0]]!r})")
                continue
            for k, v in props.items():
                prev_props.setdefault(k, v)
            continue
        rels[key] = (props, rr)
    return rels


def _rel_type(rr: _RelRow, report: _Report) -> model.RelType | None:
    """The model's relationship type a row names (its type or its Chinese name), or None
    with a problem."""
    raw_type = rr.cells.get("type", "")
    t = raw_type.upper().replace(" ", "_")
    if not raw_type:
        report.problem(rr.where, rr.row, "type", "required value is empty")
    elif t not in model.rel_types():
        by_zh = {r.zh: r.type for r in model.REL_TYPES}
        t = by_zh.get(raw_type, t)
        if t not in model.rel_types():
            report.problem(rr.where, rr.row, "type", f"unknown relationship type {raw_type!r} "
                           f"(one of {', '.join(model.rel_types())})")
    return model.rel_type(t) if t in model.rel_types() else None


def _rel_end(rr: _RelRow, k: int, side: str, rt: model.RelType | None, index: _Index,
             report: _Report) -> tuple[str, str] | None:
    """The ``(label, id)`` of endpoint ``side`` ("from", k=0, or "to", k=1) of a
    relationship row, or None with a problem.  An ambiguous name without a label is
    narrowed to the labels the type allows on that side."""
    lb = rr.cells.get(f"{side}_label")
    if lb:
        norm = _label_for(lb)
        if norm in (None, REL_SHEET) or clean_text(lb).lower() not in (norm.lower(), model.node_type(norm).zh):
            report.problem(rr.where, rr.row, f"{side}_label", f"unknown label {lb!r} "
                           f"(one of {', '.join(model.labels())})")
            return None
        lb = norm
    value = rr.cells.get(side, "")
    if not value:
        report.problem(rr.where, rr.row, side, "required value is empty")
        return None
    hits = index.resolve(value, [lb] if lb else None)
    if len(hits) > 1 and not lb and rt is not None:
        # Only the labels the relationship type allows on this side can be meant.
        side_labels = {pair[k] for pair in rt.pairs}
        hits = {h for h in hits if h[0] in side_labels} or hits
    if not hits:
        report.problem(rr.where, rr.row, side, f"no {lb or 'node'} with id, name or alias {value!r}")
        return None
    if len(hits) > 1:
        shown = ", ".join(f"{a}:{b}" for a, b in sorted(hits))
        report.problem(rr.where, rr.row, side, f"{value!r} resolves to two different nodes ({shown})"
                       + ("; give the id" if lb else f"; add {side}_label or give the id"))
        return None
    return next(iter(hits))


def _finish(plan: Plan, merged: dict[tuple[str, str], _NodeRow], members: dict[tuple[str, str], list[_NodeRow]],
            rels: dict[_RelKey, tuple[dict, _RelRow]], report: _Report, skip_invalid: bool) -> None:
    """Step 4: fill ``plan`` with the nodes and relationships, in canonical order.  With
    ``skip_invalid`` a node any of whose rows is bad is dropped with all its rows, and so
    is every relationship touching it; their problems become ``rejects``."""
    if skip_invalid:
        dropped = {k for k, rows in members.items() if any((r.where, r.row) in report.bad_rows for r in rows)}
        for k in sorted(dropped):
            for r in members[k]:
                if (r.where, r.row) not in report.bad_rows:
                    report.problem(r.where, r.row, "-", f"skipped with {k[0]}:{k[1]}, which another row makes invalid")
        keep_rels = {}
        for k, (props, rr) in rels.items():
            if (rr.where, rr.row) in report.bad_rows:
                continue
            gone = [f"{lb}:{i}" for lb, i in ((k[1], k[2]), (k[3], k[4])) if (lb, i) in dropped]
            if gone:
                report.problem(rr.where, rr.row, "from" if (k[1], k[2]) in dropped else "to",
                               f"skipped: its endpoint {gone[0]} was rejected")
                continue
            keep_rels[k] = (props, rr)
        keep_nodes = {k: v for k, v in merged.items() if k not in dropped}
        problems = _ordered(report.problems)
        plan.rejects = [{"file": p.file, "row": p.row, "column": p.column, "reason": p.reason}
                        for p in problems if p.row > 0]
        plan.problems = [p for p in problems if p.row == 0]  # missing files stay fatal
    else:
        keep_nodes, keep_rels = merged, rels
        plan.problems = _ordered(report.problems)
    for (label, _), nr in sorted(keep_nodes.items()):
        plan.nodes.setdefault(label, []).append(nr.props)
    for (t, fl, fid, tl, tid), (props, _) in sorted(keep_rels.items()):
        plan.rels.append({"type": t, "from_label": fl, "from_id": fid, "to_label": tl, "to_id": tid, **props})
    canonical_order(plan.nodes, plan.rels)


def _warn_copy_site(plan: Plan, where: str, row: int, source: str) -> None:
    """A user's row may cite a copy site (it is their data), but they should know."""
    if copy_site(source):
        plan.warnings.append(Problem(where, row, "source", f"{source_host(source)} is known to copy other "
                                     "publishers' pages: cite the publisher's own page and put the copy in read_at"))


def canonical_order(nodes: dict[str, list[dict]], rels: list[dict]) -> None:
    """Put the keys of every row in model order, in place.  LadybugDB types an UNWIND
    list of maps as a STRUCT whose field order comes from the first row, and refuses a
    row whose keys come in another order, so rows with the same keys must list them alike."""
    for label, rows in nodes.items():
        order = {p.name: i for i, p in enumerate(model.node_props(label))} if label in model.labels() else {}
        rows[:] = [dict(sorted(r.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))) for r in rows]
    endpoint = {k: i for i, k in enumerate(("type", "from_label", "from_id", "to_label", "to_id"))}
    for k, r in enumerate(rels):
        order = dict(endpoint)
        if r.get("type") in model.rel_types():
            order.update({p.name: len(endpoint) + i for i, p in enumerate(model.rel_props(r["type"]))})
        rels[k] = dict(sorted(r.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))


def _ordered(problems: list[Problem]) -> list[Problem]:
    """Problems without repeats, by file and row (columns in the order found)."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.row))


def row_values(tables: list[Table]) -> dict[tuple[str, int], str]:
    """``(where, row)`` → the row's cells as JSON ``{header: value}``: what a rejects file
    shows of each rejected row, so that it can be fixed and loaded again."""
    out = {}
    for t in tables:
        heads = [clean_text(h) or _column_letter(i) for i, h in enumerate(t.header)]
        for n, cells in t.rows:
            d = {(heads[i] if i < len(heads) else _column_letter(i)): c for i, c in enumerate(cells) if clean_text(c)}
            out[(t.where, n)] = json.dumps(d, ensure_ascii=False)
    return out
