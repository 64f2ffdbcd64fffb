"""tracker.sheets: spreadsheets read for `import`: Vietnamese headings, guarded cells, limits."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tracker import sheets
from tracker.errors import UsageError


def test_a_communes_own_headings_name_fields_and_other_columns_are_named_ignored(tmp_path: Path) -> None:
    path = tmp_path / "van-an.csv"
    text = "Nội dung vướng mắc;Cơ quan chủ trì;Hạn xử lý;Cột lạ;\nThiếu cán bộ;NV;31/12/2025;x;y\n"
    path.write_text(text, "utf-8-sig")  # Excel's `;` and its byte-order mark
    sheet = sheets.read(path)
    (row,) = sheet.rows
    assert row.cells == {"title": "Thiếu cán bộ", "dept": "NV", "due": "31/12/2025"}
    assert row.number == 2
    assert sheet.ignored == [("van-an.csv", "Cột lạ"), ("van-an.csv", "E (không có tiêu đề)")]


def test_a_cell_that_would_be_a_formula_is_guarded_and_reads_back_exactly() -> None:
    for text in ('=HYPERLINK("x")', "+84 912", "-1", "@SUM", "'=1+1"):
        guarded = sheets.guard(text)
        assert guarded == "'" + text and sheets.unguard(guarded) == text
    assert sheets.guard("Thiếu cán bộ") == "Thiếu cán bộ"


def test_a_workbooks_formula_is_named_not_read_as_empty(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["title", "dept", "due"])
    sheet.append(["Thiếu cán bộ", "=A1", datetime(2025, 12, 31)])
    book.save(tmp_path / "x.xlsx")
    (row,) = sheets.read(tmp_path / "x.xlsx").rows
    assert row.formulas == ["dept"] and "dept" not in row.cells
    assert sheets.cell_date(row.cells["due"]) == date(2025, 12, 31)


def test_cells_and_columns_as_people_write_them() -> None:
    assert sheets.cell_date("15/11/2025") == sheets.cell_date("2025-11-15") == date(2025, 11, 15)
    assert sheets.cell_list("TC; XD, VPUB") == ["TC", "XD", "VPUB"]
    assert [sheets.column_letter(i) for i in (0, 25, 26, 16383)] == ["A", "Z", "AA", "XFD"]
    assert sheets.field_for("Thời hạn:") == "due" and sheets.field_for("Ghi chú khác") is None


def test_other_files_and_non_utf8_csv_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.ods").write_bytes(b"x")
    with pytest.raises(UsageError, match=r"chỉ nhận tệp \.csv hoặc \.xlsx"):
        sheets.read(tmp_path / "x.ods")
    (tmp_path / "x.csv").write_bytes("Nội dung\nThiếu cán bộ\n".encode("utf-16"))
    with pytest.raises(UsageError, match="phải là UTF-8"):
        sheets.read(tmp_path / "x.csv")
