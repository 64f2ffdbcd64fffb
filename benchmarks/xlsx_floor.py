"""The floor of `export --format xlsx` on every record: a minimal script that writes
the same cells, styled as the workbook's are (top-aligned, text kept as text, dates
as dates), straight from the cache's rows with openpyxl's write-only sheets, one
sheet a lead department; no Typer, no Pydantic, no tracker import, no second pass
for the column widths, no row heights, no words for the codes.

    python benchmarks/xlsx_floor.py CACHE.sqlite OUT.xlsx
"""

import json
import sqlite3
import sys
from datetime import date

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment

COLUMNS = ["id", "commune", "title", "description", "category", "dept", "support", "status", "priority",
           "raised_on", "due", "owner", "source", "resolution", "resolved_on"]  # fmt: skip
DATES = {"raised_on", "due", "resolved_on"}


def main() -> None:
    db = sqlite3.connect(sys.argv[1])
    book = Workbook(write_only=True)
    top = Alignment(vertical="top")
    sheets = {}
    query = ("SELECT file, json FROM records JOIN record_json j ON j.rowid = records.rowid "
             "WHERE section = 'issues' ORDER BY file, pos")  # fmt: skip
    for file, text in db.execute(query):
        data = json.loads(text)
        data["commune"] = file[:-5]
        data["support"] = "; ".join(data.get("support") or []) or None
        sheet = sheets.get(data["dept"])
        if sheet is None:
            sheet = sheets[data["dept"]] = book.create_sheet(data["dept"])
            sheet.append(COLUMNS)
        cells = []
        for column in COLUMNS:
            value = data.get(column)
            if column in DATES and value:
                value = date.fromisoformat(value)
            cell = WriteOnlyCell(sheet, value)
            cell.alignment = top
            if isinstance(value, str):
                cell.data_type = "s"
            elif isinstance(value, date):
                cell.number_format = "dd/mm/yyyy"
            cells.append(cell)
        sheet.append(cells)
    book.save(sys.argv[2])


if __name__ == "__main__":
    main()
