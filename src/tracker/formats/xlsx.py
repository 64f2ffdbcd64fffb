"""Excel: a summary sheet (the status grid) and one sheet per lead department, the
columns `import` reads back (openpyxl)."""

import io
from datetime import date
from typing import Any

from tracker.formats import Context, Format
from tracker.formats.json import record_json
from tracker.results import Export
from tracker.rules import GRID
from tracker.sheets import COLUMNS as ISSUE_COLUMNS

_DATES = {"raised_on", "due", "resolved_on"}


class Xlsx(Format):
    name = "xlsx"
    binary = True

    def export(self, result: Export, ctx: Context) -> bytes:
        rows = [record_json(r, result.as_of) for r in result.records]
        return write_xlsx(rows, result.grid, result.departments, ctx)


def write_xlsx(rows: list[dict[str, Any]], grid: dict[str, Any], departments: dict[str, str], ctx: Context) -> bytes:
    """One sheet per lead department and a summary sheet first; header styled and
    frozen, autofilter, dd/mm/yyyy dates, widths that fit Vietnamese text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    L = ctx.labels
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = L.summary
    keys = ["total", *GRID]
    summary.append([L.dept, *(L.total if k == "total" else L.grid[k] for k in keys)])
    for code, cells in grid["departments"].items():
        summary.append([f"{code} — {departments.get(code, code)}", *(cells[k] for k in keys)])
    summary.append([L.sum, *(grid["total"][k] for k in keys)])
    sheets = [summary]
    for code in sorted(
        {r["dept"] for r in rows}, key=lambda c: (list(departments).index(c) if c in departments else 99, c)
    ):
        sheet = book.create_sheet(_sheet_name(code))
        sheet.append(ISSUE_COLUMNS)
        for row in (r for r in rows if r["dept"] == code):
            sheet.append([_cell(c, row.get(c)) for c in ISSUE_COLUMNS])
        sheets.append(sheet)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    for sheet in sheets:
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2" if sheet is not summary else "A2"
        if sheet.max_row > 1:
            sheet.auto_filter.ref = sheet.dimensions
        for column in sheet.columns:
            letter = get_column_letter(column[0].column or 1)
            widest = max(len(_shown(c.value)) for c in column)
            sheet.column_dimensions[letter].width = min(max(widest + 2, 8), 60)
            for cell in column:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text stays text: openpyxl would make `=1+1` a live formula
            for cell in column[1:]:
                if isinstance(cell.value, date):
                    cell.number_format = "dd/mm/yyyy"
                cell.alignment = Alignment(wrap_text=widest > 60, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet_name(code: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return "".join("_" if c in "[]:*?/\\" else c for c in code)[:31] or "_"


def _cell(column: str, value: Any) -> Any:
    if column in _DATES and isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return max(str(value or "").split("\n"), key=len)


FORMAT = Xlsx()
