"""What the update form (form.py) and the intake sheet (intake.py) share, as Excel
workbooks made to be filled in and read back: the shades of their cells, a row's
height, the page they print on, their help sheet, the date check of a cell, the
hidden sheet that says what they are."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from tracker.wording import Labels

LINE = 15.0  # points: one line of 11-point text
INPUT = "FFF6D5"  # the shade of a cell to fill in
SHADE = "DDE5F0"  # the heading row's
HELP_WIDTH = 110  # the help sheet's one column, in characters


def letter(n: int) -> str:
    """The letter of the `n`th column (1: A)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n))


def lines(text: str, width: int) -> int:
    """How many lines a text takes in a column `width` characters wide (a proportional
    font fits about a seventh more than the width says)."""
    return sum(max(1, math.ceil(len(part) / (width * 1.15))) for part in text.split("\n"))


def escape(text: str) -> str:
    """A header or footer's `&` codes start with &: a literal one is doubled."""
    return text.replace("&", "&&")


def head(sheet: Any, lines_: list[str], headings: list[str], widths: list[int], shaded: list[bool],
         height: float) -> None:  # fmt: skip
    """A sheet's head: its title (13 points), for whom (bold), what it is and a hint
    (italic), each a row merged across the columns; then the heading row, a column
    each `widths` wide, shaded where `shaded` (a column not to fill in), else the
    shade of a cell to fill in, `height` lines high."""
    from openpyxl.styles import Alignment, Font, PatternFill

    last, at = letter(len(headings)), len(lines_) + 1
    fonts = [Font(bold=True, size=13), Font(bold=True), Font(italic=True), Font(italic=True)]
    top = Alignment(vertical="top")
    for n, (text, font) in enumerate(zip(lines_, fonts, strict=True), 1):
        cell = sheet.cell(n, 1, text)
        cell.font, cell.data_type, cell.alignment = font, "s", top
        sheet.merge_cells(f"A{n}:{last}{n}")
    sheet.row_dimensions[1].height = LINE * 1.4  # the title, at 13 points
    bold, wrapped = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    shade, fill_in = PatternFill("solid", fgColor=SHADE), PatternFill("solid", fgColor=INPUT)
    for n, (text, width, dark) in enumerate(zip(headings, widths, shaded, strict=True), 1):
        sheet.column_dimensions[letter(n)].width = width
        cell = sheet.cell(at, n, text)
        cell.font, cell.fill, cell.alignment = bold, shade if dark else fill_in, wrapped
    sheet.row_dimensions[at].height = LINE * height


def protect(sheet: Any) -> None:
    """Protected without a password: only the unlocked cells take input; columns and
    rows may still be widened (so a long answer can be read)."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.selectLockedCells = False
    sheet.protection.selectUnlockedCells = False


def date_check(L: Labels) -> Any:
    """A cell's check that it holds a day (2000 to 2100), with the prompt and the error
    the form's words give."""
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                          allow_blank=True, showErrorMessage=True, showInputMessage=True,
                          error=L.form["date_error"], prompt=L.form["date_prompt"])  # fmt: skip


def page(sheet: Any, area: str, head: int, title: str, name: str, L: Labels, foot: str | None = None) -> None:
    """A4 landscape, fitted to the page's width, the heading row `head` on every page;
    the sheet's title and for whom at the head of the page, `foot` (when given) and
    the page number at its foot."""
    from openpyxl.worksheet.worksheet import Worksheet

    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{head}:{head}"
    sheet.print_area = area
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.oddHeader.left.text = f"&B{escape(title)}"
    sheet.oddHeader.right.text = escape(name)
    if foot is not None:
        sheet.oddFooter.left.text = escape(foot)
    sheet.oddFooter.right.text = f"{escape(L.page)} &P / &N"


def help_sheet(book: Any, title: str, texts: list[str], index: int | None = None) -> None:
    """The instructions, one line a row, the first bold; protected too; A4 landscape."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    sheet = book.create_sheet(title[:31], index)
    sheet.column_dimensions["A"].width = HELP_WIDTH
    for n, text in enumerate(texts, 1):
        cell = sheet.cell(n, 1, text)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if n == 1:
            cell.font = Font(bold=True, size=13)
        sheet.row_dimensions[n].height = LINE * lines(text, HELP_WIDTH)
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.protection.sheet = True


def fill_hidden(sheet: Any, rows: list[list[Any]]) -> None:
    """A hidden sheet's lines, each text a text (never a formula), the sheet protected."""
    for values in rows:
        sheet.append(values)
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.protection.sheet = True


# The most of a workbook's own part `has_sheet` reads: its list of sheets comes first
# (a few hundred bytes). It is read before a workbook's sizes are checked, so a part
# that would inflate to gigabytes is not read past this.
WORKBOOK_PART_MOST = 2**20


def has_sheet(path: Path, name: str) -> bool:
    """Whether `path` is a workbook with a sheet named `name` (read from its list of
    sheets, without opening the workbook)."""
    import zipfile
    import zlib

    from tracker.sheets import WORKBOOKS

    if path.suffix.lower() not in WORKBOOKS or not path.is_file():
        return False

    try:
        with zipfile.ZipFile(path) as archive, archive.open("xl/workbook.xml") as part:
            names = part.read(WORKBOOK_PART_MOST)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        return False  # not a workbook, or one the reader meets again and names
    return f'name="{name}"'.encode() in names
