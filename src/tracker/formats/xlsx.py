"""Excel: a summary sheet (the status grid, with the day it counts to) and one sheet
per lead department, in the report's language: its column headings and its words
for statuses, priorities, categories and communes, which `import` reads back as the
codes they stand for. Every sheet prints on A4 landscape, fitted to the page's
width, its heading row on every page, the title and date in the page's head and the
page number at its foot; rows are as tall as their wrapped text (openpyxl)."""

import io
import math
import textwrap
from datetime import date
from typing import Any

from tracker.cache import Full
from tracker.formats import Context, Format
from tracker.models import Issue
from tracker.results import Export
from tracker.rules import GRID
from tracker.sheets import COLUMNS as ISSUE_COLUMNS
from tracker.wording import Labels, date_label

_WIDEST = 30  # characters: a wider text wraps
# Where most of a record's text is: wider, so that the rows stay short.
_WIDER = {"title": 40, "description": 40, "resolution": 34, "source": 40}
_LINE = 15.0  # points: the height of one line of 11-point text


class Xlsx(Format):
    name = "xlsx"
    binary = True

    def export(self, result: Export, ctx: Context) -> bytes:
        return write_xlsx(result, ctx)


def _values(row: Full, L: Labels, categories: dict[str, str]) -> list[Any]:
    """A record's cells, in the order of ISSUE_COLUMNS, worded for people."""
    rec = row.record
    assert isinstance(rec, Issue)
    words = {
        "commune": row.commune.name,
        "category": categories.get(rec.category, rec.category) if rec.category else None,
        "support": "; ".join(rec.support) or None,
        "status": L.status_word(rec.status.value),
        "priority": L.priority[rec.priority.value],
    }
    return [words[c] if c in words else getattr(rec, c) for c in ISSUE_COLUMNS]


def write_xlsx(result: Export, ctx: Context) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    L = ctx.labels
    departments = result.departments
    as_of = f"{L.as_of} {date_label(result.as_of, ctx.lang)}"
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = L.summary
    summary.append([L.subject])
    summary.append([as_of])
    summary.append([])
    keys = ["total", *GRID]
    assert result.grid is not None, "a workbook's summary is the status grid (exchange.export)"
    summary.append([L.dept, *(L.total if k == "total" else L.grid[k] for k in keys)])
    for code, cells in result.grid["departments"].items():
        summary.append([f"{code} — {departments.get(code, code)}", *(cells[k] for k in keys)])
    summary.append([L.sum, *(result.grid["total"][k] for k in keys)])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    summary["A1"].font = Font(bold=True, size=13)
    summary["A2"].font = Font(italic=True)
    for line in (1, 2):  # one cell across the table: no grid lines through the title
        summary.merge_cells(start_row=line, start_column=1, end_row=line, end_column=len(keys) + 1)
    by_dept: dict[str, list[Full]] = {}
    for row in result.records:
        assert isinstance(row, Full), "a workbook is made of validated records (exchange.export)"
        by_dept.setdefault(row.record.dept, []).append(row)  # type: ignore[union-attr]
    order = list(departments)
    sheets: list[tuple[Worksheet, int, str]] = [(summary, 4, L.summary)]
    for code in sorted(by_dept, key=lambda c: (order.index(c) if c in order else len(order), c)):
        sheet = book.create_sheet(_sheet_name(code))
        sheet.append([L.columns[c] for c in ISSUE_COLUMNS])
        for row in by_dept[code]:
            sheet.append(_values(row, L, result.categories))
        sheets.append((sheet, 1, f"{code} — {departments.get(code, code)}"))
    bold, shade = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    for sheet, head, name in sheets:
        for cell in sheet[head]:
            cell.font, cell.fill = bold, shade
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = f"B{head + 1}"
        if sheet.max_row > head:
            sheet.auto_filter.ref = f"A{head}:{get_column_letter(sheet.max_column)}{sheet.max_row}"
        _fit(sheet, head)
        _page(sheet, head, L.subject, name, as_of, L)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fit(sheet: Any, head: int) -> None:
    """Widths that fit the text (up to _WIDEST characters, then it wraps), dates shown
    as dd/mm/yyyy, text kept as text, and each row as tall as its tallest cell."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for column in sheet.iter_cols(min_row=head):
        n = column[0].column
        field = ISSUE_COLUMNS[n - 1] if head == 1 and n <= len(ISSUE_COLUMNS) else ""
        least = 8 if head == 1 else 12  # the summary's figures under headings of several words
        widths[n] = min(max(max(len(_shown(c.value)) for c in column[1:] or column) + 2, least),
                        _WIDER.get(field, _WIDEST))  # fmt: skip
        sheet.column_dimensions[get_column_letter(n)].width = widths[n]
    top = Alignment(vertical="top")
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=head):
        lines = 1
        for cell in row:
            value = cell.value
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: openpyxl would make `=1+1` a live formula
                needed = _lines(value, widths[cell.column], cell.row == head)
                if needed > 1 or cell.row == head:  # the heading row wraps, never widens a column
                    cell.alignment = wrapped
                    lines = max(lines, needed)
                else:
                    cell.alignment = top
            else:
                cell.alignment = top
                if isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
        if lines > 1:  # LibreOffice and Excel both print the text on top of the next row otherwise
            sheet.row_dimensions[row[0].row].height = _LINE * lines


def _lines(text: str, width: int, heading: bool) -> int:
    """How many lines a text takes in a column `width` characters wide. A heading is
    wrapped word by word; data, by its length: a proportional font fits about a
    seventh more than the width (counted in zeros) says, and textwrap on 100,000
    rows would cost seconds."""
    if heading:
        return sum(len(textwrap.wrap(part, width)) or 1 for part in text.split("\n"))
    return sum(max(1, math.ceil(len(part) / (width * 1.15))) for part in text.split("\n"))


def _page(sheet: Any, head: int, title: str, name: str, as_of: str, L: Labels) -> None:
    """A4 landscape, as wide as the page, the heading row on every page; the title and
    the sheet's department at the head, the date and the page number at the foot."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{head}:{head}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.left.text = _escape(name)
    sheet.oddHeader.center.text = f"&B{_escape(title)}"
    sheet.oddFooter.left.text = _escape(as_of)
    sheet.oddFooter.right.text = f"{_escape(L.page)} &P / &N"


def _escape(text: str) -> str:
    """A header or footer's `&` codes start with &: a literal one is doubled."""
    return text.replace("&", "&&")


def _sheet_name(code: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    return "".join("_" if c in "[]:*?/\\" else c for c in code)[:31] or "_"


def _shown(value: Any) -> str:
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return max(str(value if value is not None else "").split("\n"), key=len)


FORMAT = Xlsx()
