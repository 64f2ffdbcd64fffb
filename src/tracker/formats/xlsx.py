"""Excel: a summary sheet (the status grid, with the day it counts to) and one sheet
per lead department, in the report's language: its column headings and its words
for statuses, priorities, categories and communes, which `import` reads back as the
codes they stand for. Every sheet prints on A4 landscape, its heading row on every
page, the title and date in the page's head and the page number at its foot
(openpyxl).

On paper a department's sheet is what a reader needs: ID, commune, obstacle,
supporting departments, status, deadline and result (`_PRINTED`, the print area),
in columns narrow enough that fitting them to the page's width keeps the text at
9 points or more (LibreOffice prints a column-width unit at about 9 px). The sheet's
department heads every page, so its column is not printed. The other columns
(lead department, owner, priority, dates, group, description, source) follow,
outside the print area, unwrapped: `import` reads them, a long source or
description never sets a row's height. A row is as tall as its printed text."""

import io
import math
import textwrap
from datetime import date
from typing import Any, assert_never

from tracker.cache import Full, Stored
from tracker.formats.base import Context, Format, Name
from tracker.formats.json import record_json
from tracker.results import Export
from tracker.rules import GRID
from tracker.sheets import COLUMNS as ISSUE_COLUMNS
from tracker.sheets import DATE_COLUMNS
from tracker.wording import Labels, date_label

_WIDEST = 30  # characters: a wider text wraps
# Where most of a record's text is: wider, so that the rows stay short.
_WIDER = {"title": 40, "description": 40, "resolution": 34, "source": 40}
_LINE = 15.0  # points: the height of one line of 11-point text
# The columns a department's sheet prints, in order, each at most that wide: 132 in
# all at most, which LibreOffice fits to A4 landscape at 84 % (11 points print at 9.2).
_PRINTED = {"id": 10, "commune": 14, "title": 38, "support": 14, "status": 14, "due": 12, "resolution": 30}
# A sheet whose printed columns are wider than this is not fitted to the page's width
# (its text would print under 9 points): it prints at _SCALE %, on pages side by side.
_FIT = 133
_SCALE = 82
# A department's sheet: the printed columns, then the others, as `import` reads them,
# the long texts last.
_ORDER = [*_PRINTED, "dept", "owner", "priority", "raised_on", "resolved_on", "category", "description", "source"]
assert sorted(_ORDER) == sorted(ISSUE_COLUMNS), "every column import reads"
_AT = [ISSUE_COLUMNS.index(c) for c in _ORDER]
# The grid's columns on the summary: narrow, their headings wrap.
_GRID_WIDTH = 10


class Xlsx(Format[Export]):
    name = Name.XLSX
    binary = True

    def present(self, result: Export, ctx: Context) -> bytes:
        match result:
            case Export():
                return write_xlsx(result, ctx)
            case _:
                assert_never(result)


def _values(row: Full | Stored, L: Labels, categories: dict[str, str], as_of: date) -> list[Any]:
    """A record's cells, in the order of ISSUE_COLUMNS, worded for people."""
    data = record_json(row, as_of)
    category, status = data.get("category"), str(data["status"])
    words = {
        "commune": row.commune.name,
        "category": categories.get(category, category) if category else None,
        "support": "; ".join(data.get("support") or []) or None,
        "status": L.status_word(status),
        "priority": L.priority[data.get("priority") or "normal"],
    }
    return [
        words[c] if c in words else date.fromisoformat(data[c]) if c in DATE_COLUMNS and data.get(c) else data.get(c)
        for c in ISSUE_COLUMNS
    ]


def write_xlsx(result: Export, ctx: Context) -> bytes:
    """The workbook, written as it goes (openpyxl's write-only sheets, each kept in a
    temporary file): an export of 100,000 records is never held whole. A sheet's
    column widths come before its rows, so the records are read twice: once for the
    departments and the widths their text needs, once to write them."""
    from openpyxl import Workbook

    L = ctx.labels
    departments = result.departments
    as_of = f"{L.as_of} {date_label(result.as_of, ctx.lang)}"
    book = Workbook(write_only=True)
    keys = ["total", *GRID]
    assert result.grid is not None, "a workbook's summary is the status grid (exchange.export)"
    table = [[L.dept, *(L.total if k == "total" else L.grid[k] for k in keys)]]
    for code, cells in result.grid["departments"].items():
        table.append([f"{code} — {departments.get(code, code)}", *(cells[k] for k in keys)])
    table.append([L.sum, *(result.grid["total"][k] for k in keys)])
    widths = [_width(c[1:] or c, "", 12) for c in zip(*table, strict=True)]
    widths = [widths[0], *(min(w, _GRID_WIDTH) for w in widths[1:])]
    summary = _Sheet(book, L.summary, 4, widths, (L.subject, L.summary, as_of, L), len(widths))
    summary.sheet.merged_cells.add(f"A1:{_letter(len(keys) + 1)}1")  # one cell across the table: no grid lines
    summary.sheet.merged_cells.add(f"A2:{_letter(len(keys) + 1)}2")
    summary.above([L.subject], size=13)
    summary.above([as_of], italic=True)
    summary.above([])
    for n, values in enumerate(table):
        summary.append(values, bold=n == len(table) - 1)
    summary.close()
    lengths: dict[str, list[int]] = {}
    for row in result.records:
        values = _values(row, L, result.categories, result.as_of)
        seen = lengths.setdefault(str(values[_DEPT]), [0] * len(ISSUE_COLUMNS))
        for n, value in enumerate(values):
            seen[n] = max(seen[n], len(_shown(value)))
    order = list(departments)
    sheets: dict[str, _Sheet] = {}
    for code in sorted(lengths, key=lambda c: (order.index(c) if c in order else len(order), c)):
        widths = [_fitted(lengths[code][n], ISSUE_COLUMNS[n]) for n in _AT]
        widths = [min(w, _PRINTED[c]) if c in _PRINTED else w for w, c in zip(widths, _ORDER, strict=True)]
        page = (L.subject, f"{code} — {departments.get(code, code)}", as_of, L)
        sheets[code] = _Sheet(book, _sheet_name(code), 1, widths, page, len(_PRINTED))
        sheets[code].append([L.columns[c] for c in _ORDER])
    for row in result.records:
        values = _values(row, L, result.categories, result.as_of)
        sheets[str(values[_DEPT])].append([values[n] for n in _AT])
    for sheet in sheets.values():
        sheet.close()
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


_DEPT = ISSUE_COLUMNS.index("dept")


class _Sheet:
    """One write-only sheet: its widths first, then the rows, each cell top-aligned and,
    in the first `printed` columns, wrapped where its text is longer than its column,
    each row as tall as its tallest printed cell; the others neither wrap nor count;
    the heading row (`head`) bold and shaded, frozen, filtered and printed on every
    page (`page`: what `_page` writes; a write-only sheet's properties come before
    its rows)."""

    def __init__(self, book: Any, title: str, head: int, widths: list[int],
                 page: tuple[str, str, str, Labels], printed: int) -> None:  # fmt: skip
        from openpyxl.styles import Alignment, Font, PatternFill

        self.sheet = book.create_sheet(title)
        self.head, self.widths, self.row, self.printed = head, widths, 0, printed
        self.top, self.wrapped = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
        self.bold, self.shade = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
        self.styles: dict[tuple[bool, ...], Any] = {}
        for n, width in enumerate(widths, 1):
            self.sheet.column_dimensions[_letter(n)].width = width
        self.sheet.freeze_panes = f"B{head + 1}"
        _page(self.sheet, head, *page, widths[:printed])

    def above(self, values: list[Any], size: int | None = None, italic: bool = False) -> None:
        """A line above the table: the title, the day it counts to."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for value in values:
            cell = WriteOnlyCell(self.sheet, value)
            cell.font = Font(bold=size is not None, size=size, italic=italic)
            cells.append(cell)
        self.row += 1
        self.sheet.append(cells)

    def append(self, values: list[Any], bold: bool = False) -> None:
        from openpyxl.cell import WriteOnlyCell

        self.row += 1
        heading = self.row == self.head
        cells, lines = [], 1
        for n, value in enumerate(values):
            cell = WriteOnlyCell(self.sheet, value)
            wrapped = False
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: openpyxl would make `=1+1` a live formula
            if isinstance(value, str) and (n < self.printed or heading):
                needed = _lines(value, self.widths[n], heading)
                wrapped = needed > 1 or heading  # the heading row wraps, never widens a column
                lines = max(lines, needed)
            # The style a kind of cell has, made once and shared: openpyxl's own attribute.
            cell._style = self._style(wrapped, isinstance(value, date), heading, bold)  # type: ignore[attr-defined]
            cells.append(cell)
        if lines > 1:  # LibreOffice and Excel both print the text on top of the next row otherwise
            self.sheet.row_dimensions[self.row].height = _LINE * lines
        self.sheet.append(cells)
        self.sheet.row_dimensions.pop(self.row, None)  # written: not kept for 100,000 rows

    def _style(self, wrapped: bool, day: bool, heading: bool, bold: bool) -> Any:
        """The style of a cell of that kind, made once: setting a cell's alignment or
        font looks it up among the workbook's, most of the time of 100,000 rows."""
        from openpyxl.cell import WriteOnlyCell

        key = (wrapped, day, heading, bold)
        if key not in self.styles:
            cell = WriteOnlyCell(self.sheet)
            cell.alignment = self.wrapped if wrapped else self.top
            if day:
                cell.number_format = "dd/mm/yyyy"
            if heading:
                cell.font, cell.fill = self.bold, self.shade
            elif bold:
                cell.font = self.bold
            self.styles[key] = cell._style  # type: ignore[attr-defined]
        return self.styles[key]

    def close(self) -> None:
        """The print area and the filter over the table, once its rows are known (the
        workbook writes its print areas when it is saved)."""
        self.sheet.print_area = f"A1:{_letter(self.printed)}{max(self.row, 1)}"
        if self.row > self.head:
            self.sheet.auto_filter.ref = f"A{self.head}:{_letter(len(self.widths))}{self.row}"


def _letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))


def _width(values: tuple[Any, ...], field: str, least: int) -> int:
    return _fitted(max(len(_shown(v)) for v in values), field, least)


def _fitted(most: int, field: str, least: int = 8) -> int:
    """A column as wide as its longest text (up to _WIDEST characters, or more for the
    fields that hold most of a record's text; longer wraps), at least `least`."""
    return min(max(most + 2, least), _WIDER.get(field, _WIDEST))


def _lines(text: str, width: int, heading: bool) -> int:
    """How many lines a text takes in a column `width` characters wide. A heading is
    wrapped word by word; data, by its length: a proportional font fits about a
    seventh more than the width (counted in zeros) says, and textwrap on 100,000
    rows would cost seconds."""
    if heading:
        return sum(len(textwrap.wrap(part, width)) or 1 for part in text.split("\n"))
    return sum(max(1, math.ceil(len(part) / (width * 1.15))) for part in text.split("\n"))


def _page(sheet: Any, head: int, title: str, name: str, as_of: str, L: Labels, printed: list[int]) -> None:
    """A4 landscape, the `printed` columns as wide as the page if that keeps the text
    at 9 points (else at _SCALE %), the heading row on every page; the title and the
    sheet's department at the head, the date and the page number at the foot."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    if sum(printed) <= _FIT:
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        sheet.page_setup.scale = _SCALE
    sheet.print_title_rows = f"{head}:{head}"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    # The title at the left, the department at the right: a long name at the left ran
    # into a centred title (and a header's line break is not kept by openpyxl).
    sheet.oddHeader.left.text = f"&B{_escape(title)}"
    sheet.oddHeader.right.text = _escape(name)
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
