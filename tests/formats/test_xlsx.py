"""Excel: the workbook read back with openpyxl."""

import io
from datetime import date

from tests.formats.conftest import AS_OF, full_issue
from tracker import reporting
from tracker.formats import Context
from tracker.formats.xlsx import FORMAT
from tracker.results import Export


def test_a_summary_and_a_sheet_per_lead_department(vi: Context) -> None:
    from openpyxl import load_workbook

    rows = [full_issue()]
    grid = reporting.stats([r.record for r in rows], AS_OF)  # type: ignore[misc]
    out = FORMAT.render(Export(rows, grid, {"NNMT": "Sở NN"}, AS_OF), vi)
    assert isinstance(out, bytes)
    book = load_workbook(io.BytesIO(out))
    assert book.sheetnames == ["Tổng hợp", "NNMT"]
    summary = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows()]
    assert summary[0][:3] == ["Cơ quan chủ trì", "Tổng số", "Hoàn thành đúng hạn"]
    assert summary[1][:2] == ["NNMT — Sở NN", 1]
    sheet = book["NNMT"]
    assert sheet["A2"].value == "VA-1" and sheet["K2"].value.date() == date(2025, 10, 15)
    assert sheet["K2"].number_format == "dd/mm/yyyy" and sheet.freeze_panes == "B2"
