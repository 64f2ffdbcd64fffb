"""The intake sheet (phiếu đề xuất vướng mắc mới) a commune fills in with its new
obstacles, and its reading back (`tracker form --commune REF --intake`, `tracker
import`).

One visible sheet: the title, whom it is for, then a heading row and blank rows to
fill in: the obstacle, its description, its group and lead department (drop-downs
of the registry's names, kept in a very hidden sheet of lists), the supporting
departments, the deadline proposed, the day it was raised and a note. Protected
without a password as the update form is (formats/form.py): only those cells take
input. A second sheet tells how to fill it in; a third, very hidden, says it is an
intake sheet and for which commune. Its headings are the export's, so its rows are
read as any sheet's (sheets.py) and imported as new issues of that commune by the
same code (ops/exchange.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker import sheets
from tracker.errors import UsageError
from tracker.formats import workbook
from tracker.i18n import tr
from tracker.wording import Labels, date_label, fill

VERSION = 1
MARK = "tracker-intake"  # the hidden sheet's first cell
HIDDEN = "_tracker_intake"
LISTS = "_lists"  # the drop-downs' values
COLUMNS = ["title", "description", "category", "dept", "support", "due", "raised_on", "note"]
DATES = {"due", "raised_on"}
WIDTHS = {"title": 36, "description": 40, "category": 20, "dept": 26, "support": 24, "due": 12, "raised_on": 12,
          "note": 18}  # fmt: skip
HEAD = 5  # the heading row
ROWS = 30  # blank rows to fill in


@dataclass
class Intake:
    """Whom the sheet is for (the commune file's slug, the addressee's name), the day
    it was made, and the names its drop-downs offer."""

    code: str
    name: str
    made_on: date
    departments: dict[str, str]  # code → name, in the registry's order
    categories: list[str]
    version: int = VERSION


@dataclass
class ReturnedIntake:
    """An intake sheet as it came back: for whom, and its filled rows."""

    code: str
    name: str
    sheet: sheets.Sheet


def headings(L: Labels) -> list[str]:
    """The heading row: the export's headings, which `import` reads in either language."""
    return [L.columns[c] for c in COLUMNS]


def write_intake(intake: Intake, L: Labels) -> bytes:
    """The workbook of `intake`, in the language of `L`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    words = L.intake
    book = Workbook()
    sheet: Any = book.active
    sheet.title = words["sheet"][:31]
    last = workbook.letter(len(COLUMNS))
    workbook.head(sheet, [words["title"], fill(words["to"], name=intake.name),
                          fill(words["meta"], date=date_label(intake.made_on, L.lang), version=intake.version),
                          words["hint"]],
                  headings(L), [WIDTHS[c] for c in COLUMNS], [True] * len(COLUMNS), 2)  # fmt: skip
    wrapped = Alignment(wrap_text=True, vertical="top")
    yellow = PatternFill("solid", fgColor=workbook.INPUT)
    end = HEAD + ROWS
    lists = book.create_sheet(LISTS)
    checks = []
    named = list(intake.departments.values())
    for letter, column, values in (("A", "category", intake.categories), ("B", "dept", named)):
        for n, value in enumerate(values, 1):
            lists.cell(n, ord(letter) - 64, value).data_type = "s"
        if not values:
            continue
        at = workbook.letter(COLUMNS.index(column) + 1)
        check = DataValidation(type="list", formula1=f"'{LISTS}'!${letter}$1:${letter}${len(values)}",
                               allow_blank=True, showErrorMessage=True, error=words["list_error"],
                               errorStyle="stop")  # fmt: skip
        check.add(f"{at}{HEAD + 1}:{at}{end}")
        checks.append(check)
    days = workbook.date_check(L)
    for column in DATES:
        at = workbook.letter(COLUMNS.index(column) + 1)
        days.add(f"{at}{HEAD + 1}:{at}{end}")
    for check in (*checks, days):
        sheet.add_data_validation(check)
    unlocked = Protection(locked=False)
    for n in range(HEAD + 1, end + 1):
        for m, column in enumerate(COLUMNS, 1):
            cell = sheet.cell(n, m)
            cell.protection, cell.fill, cell.alignment = unlocked, yellow, wrapped
            if column in DATES:
                cell.number_format = "dd/mm/yyyy"
            else:
                cell.number_format = "@"  # text stays text: "=1+1" typed is no formula
        sheet.row_dimensions[n].height = workbook.LINE * 2  # room to write by hand on paper
    sheet.freeze_panes = f"A{HEAD + 1}"
    workbook.protect(sheet)
    workbook.page(sheet, f"A1:{last}{end}", HEAD, words["sheet"], intake.name, L)
    codes = [f"{code}: {name}" for code, name in intake.departments.items()]
    texts = [fill(text, name=intake.name) for text in L.intake["help"]] + ["", L.intake["codes"], *codes]
    workbook.help_sheet(book, L.intake["help_sheet"], texts, 1)
    _hidden(book, intake, L)
    lists.sheet_state = "veryHidden"
    lists.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _hidden(book: Any, intake: Intake, L: Labels) -> None:
    """What reading it back needs, in a sheet no one sees: that it is an intake sheet,
    and for which commune."""
    sheet = book.create_sheet(HIDDEN)
    sheet.sheet_state = "veryHidden"
    lines: list[list[Any]] = [
        [MARK, intake.version],
        ["kind", "intake"],
        ["code", intake.code],
        ["name", intake.name],
        ["made_on", intake.made_on.isoformat()],
        ["head", HEAD],
        ["about", fill(L.intake["about"], name=intake.name)],
    ]
    workbook.fill_hidden(sheet, lines)


def is_intake(path: Path) -> bool:
    """Whether `path` is a workbook `write_intake` made (it has the hidden sheet)."""
    return workbook.has_sheet(path, HIDDEN)


def read_intake(path: Path, L: Labels) -> ReturnedIntake:
    """A returned intake sheet: for whom (the hidden sheet), and the visible sheet's
    rows as `import` reads any sheet's. A heading row changed is refused: a column
    renamed "Xã" or "Mã" would let a row reach another commune or another issue."""
    from tracker.wording import BASE, labels

    with sheets.opened(path) as book:
        if HIDDEN not in book.sheetnames:
            raise _unreadable(path, tr("không phải phiếu đề xuất", "not an intake sheet"))
        meta = {str(r[0]): r[1] for r in book[HIDDEN].iter_rows(values_only=True) if r and r[0] is not None}
        if meta.get(MARK) != VERSION or meta.get("kind") != "intake" or not meta.get("code"):
            raise _unreadable(path, tr("trang ẩn của phiếu bị sửa", "the sheet's hidden part was changed"))
        visible = book.worksheets[0]
        got = [str(c.value or "").strip() for c in next(visible.iter_rows(min_row=HEAD, max_row=HEAD))]
        got = (got + [""] * len(COLUMNS))[: len(COLUMNS)]
        if got not in [headings(labels(lang, [])) for lang in BASE]:
            want = ", ".join(headings(L))
            raise _unreadable(path, tr(f"dòng tiêu đề (dòng {HEAD}) bị sửa; cần: {want}",
                                       f"the heading row (row {HEAD}) was changed; expected: {want}"))  # fmt: skip
        read = sheets.sheet_rows(path, visible, HEAD)
    return ReturnedIntake(str(meta["code"]), str(meta.get("name") or meta["code"]), read)


def _unreadable(path: Path, why: object) -> UsageError:
    return UsageError(
        tr(f"{path}: không đọc được phiếu đề xuất ({why})", f"{path}: not a readable intake sheet ({why})")
    )
