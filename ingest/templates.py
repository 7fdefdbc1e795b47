"""Blank ingest templates, derived from the model: a CSV per node label, one for
relationships, and one XLSX workbook with a sheet for each."""

from __future__ import annotations

import csv
from pathlib import Path

from graph import model
from ingest.spreadsheet import LIST_SEPARATOR, REL_ENDPOINT_COLUMNS, REL_SHEET, header_for

__all__ = ["node_headers", "rel_headers", "write_templates", "WORKBOOK_NAME"]

WORKBOOK_NAME = "sanming-kg-template.xlsx"

_REL_ENDPOINT_HEADERS = {
    "type": "type 关系类型 * (" + LIST_SEPARATOR.join(model.rel_types()) + ")",
    "from_label": "from_label 起点类型 (" + LIST_SEPARATOR.join(model.labels()) + ")",
    "from": "from 起点 * (id、名称或别名 id, name or alias)",
    "to_label": "to_label 终点类型 (" + LIST_SEPARATOR.join(model.labels()) + ")",
    "to": "to 终点 * (id、名称或别名 id, name or alias)",
}


def node_headers(label: str) -> list[str]:
    return [header_for(p) for p in model.node_props(label)]


def _rel_props() -> list[tuple[model.Prop, list[str]]]:
    """Every relationship property once, with the types that have it."""
    out: dict[str, tuple[model.Prop, list[str]]] = {}
    for rt in model.REL_TYPES:
        for p in model.rel_props(rt.type):
            out.setdefault(p.name, (p, []))[1].append(rt.type)
    return list(out.values())


def rel_headers() -> list[str]:
    headers = [_REL_ENDPOINT_HEADERS[c] for c in REL_ENDPOINT_COLUMNS]
    for p, types in _rel_props():
        note = "" if len(types) == len(model.REL_TYPES) else "; 仅 only " + LIST_SEPARATOR.join(types)
        headers.append(header_for(p, note))
    return headers


def _descriptions(props) -> list[str]:
    return [p.en + (" (required)" if p.required else "") for p in props]


def _guide_rows() -> list[list[str]]:
    rows = [["类型 label", "中文", "说明 what it is"]]
    rows += [[n.label, n.zh, n.description] for n in model.NODE_TYPES]
    rows += [[], ["关系 type", "中文", "允许的起点→终点 allowed (from → to)"]]
    rows += [[r.type, r.zh, "; ".join(f"{a}→{b}" for a, b in r.pairs)] for r in model.REL_TYPES]
    rows += [[], ["提示 notes"],
             ["* 必填 required; 列表用 | 分隔 lists are separated by |"],
             ["source 来源: URL 或文件条款 (e.g. 常政办发〔2026〕7号#3); 留空则记为 文件:行 (file:row)"],
             ["confidence 可信度: stated (来源明确, 默认 default) / inferred (推断) / unknown"],
             ["relationships: from / to 写 id、名称或别名 (id, name or alias); 名称重名时填 from_label / to_label"],
             ["CSV: UTF-8 或 GBK 均可 (UTF-8 or GBK); 文件名即类型 (file name = label, e.g. Park.csv)"],
             ["XLSX: 工作表名即类型 (sheet name = label); 不要用公式或合并单元格 (no formulas, no merged cells)"]]
    return rows


def _header_row(ws, headers: list[str], descriptions: list[str]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    ws.append(headers)
    for cell, text in zip(ws[1], descriptions):
        cell.font = Font(bold=True)
        if text:
            cell.comment = Comment(text, "kg templates")
        ws.column_dimensions[cell.column_letter].width = max(12, min(40, len(cell.value) + 2))
    ws.freeze_panes = "A2"


def write_templates(directory: str | Path) -> list[Path]:
    """Write the templates into ``directory``; the paths written."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    written = []
    sheets = [(nt.label, node_headers(nt.label), model.node_props(nt.label)) for nt in model.NODE_TYPES]
    for label, headers, _ in sheets:
        p = d / f"{label}.csv"
        with p.open("w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerow(headers)
        written.append(p)
    p = d / f"{REL_SHEET}.csv"
    with p.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerow(rel_headers())
    written.append(p)

    wb = Workbook()
    guide = wb.active
    guide.title = "说明"
    for row in _guide_rows():
        guide.append(row)
    for label, headers, props in sheets:
        ws = wb.create_sheet(f"{label} {model.node_type(label).zh}")
        _header_row(ws, headers, _descriptions(props))
        for i, prop in enumerate(props, start=1):
            if prop.enum and not prop.type.endswith("[]"):
                dv = DataValidation(type="list", formula1='"' + ",".join(prop.enum) + '"', allow_blank=True)
                ws.add_data_validation(dv)
                col = ws.cell(row=1, column=i).column_letter
                dv.add(f"{col}2:{col}5000")
    ws = wb.create_sheet(REL_SHEET)
    endpoint_help = ["relationship type", "label of the start node (needed only when its name is ambiguous)",
                     "start node: id, name or alias", "label of the end node (needed only when its name is ambiguous)",
                     "end node: id, name or alias"]
    _header_row(ws, rel_headers(), endpoint_help + _descriptions(p for p, _ in _rel_props()))
    if len(",".join(model.rel_types())) <= 255:  # Excel's limit for a literal list
        dv = DataValidation(type="list", formula1='"' + ",".join(model.rel_types()) + '"', allow_blank=True)
        ws.add_data_validation(dv)
        dv.add("A2:A5000")
    p = d / WORKBOOK_NAME
    wb.save(p)
    written.append(p)
    return written
