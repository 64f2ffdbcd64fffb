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


def test_a_workbook_read_fast_gives_what_openpyxl_gives_or_leaves_it_to_openpyxl(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phiếu"
    sheet.append(["Mã", "Số", "Ngày", "Lúc", "Có", "Ghi chú"])
    sheet.append(["VA-1", 45, datetime(2025, 12, 31), datetime(2025, 12, 31, 8, 30), True, "  Đã làm  "])
    sheet.append([None, 2.5, None, None, False, ""])
    sheet["C2"].number_format = "dd/mm/yyyy"
    path = tmp_path / "x.xlsx"
    book.save(path)
    read = openpyxl.load_workbook(path, read_only=True)
    expected = [list(r) for r in read.worksheets[0].iter_rows(values_only=True)]
    read.close()
    assert sheets.plain_values(path, [0]) == {"Phiếu": expected}
    assert expected[1][:3] == ["VA-1", 45, datetime(2025, 12, 31)]  # an int, a datetime, as openpyxl's
    sheet["F3"] = "=A2"  # calamine would read a formula as its last value: openpyxl must
    book.save(path)
    assert sheets.plain_values(path, [0]) is None
    assert sheets.plain_values(tmp_path / "x.xlsx", ["no such sheet"]) is None


def test_a_drop_down_excel_writes_is_no_formula_but_a_namespaced_cell_formula_is() -> None:
    """Excel keeps a drop-down's list as `<xm:f>` (a form saved by Excel has them):
    that sheet is still read fast; a cell's formula under a prefix is not."""
    drop_down = b"<x14:dataValidation><x14:formula1><xm:f>Lists!$A$1:$A$5</xm:f></x14:formula1></x14:dataValidation>"
    assert not any(mark.search(drop_down) for mark in sheets._NOT_PLAIN)
    assert any(mark.search(b'<x:c r="A2"><x:f>SUM(B1:B2)</x:f></x:c>') for mark in sheets._NOT_PLAIN)
    assert any(mark.search(b'<c r="A2"><f>SUM(B1:B2)</f></c>') for mark in sheets._NOT_PLAIN)


def _workbook(path: Path, title: str, rows: list[list[object]]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_a_sheet_read_ahead_is_what_it_would_read_and_never_a_file_replaced_since(tmp_path: Path) -> None:
    """`import` begins reading a returned form in a thread while it loads: what that
    read gives is what reading then gives; a file replaced meanwhile is read anew; an
    error it met is the reader's own (a file too big), and no thread is left."""
    import threading

    path = tmp_path / "x.xlsx"
    _workbook(path, "Phiếu", [["Mã", "Ghi chú"], ["VA-1", "Đã làm"]])
    sheets.read_ahead(path, [0])
    assert sheets.plain_values(path, [0]) == {"Phiếu": [["Mã", "Ghi chú"], ["VA-1", "Đã làm"]]}
    sheets.read_ahead(path, [0])
    _workbook(path, "Phiếu", [["Mã", "Ghi chú"], ["VA-2", "Đang làm"]])  # saved again before it was taken
    assert sheets.plain_values(path, [0]) == {"Phiếu": [["Mã", "Ghi chú"], ["VA-2", "Đang làm"]]}
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"\0" * (sheets.MAX_FILE + 1))
    sheets.read_ahead(big, [0])
    with pytest.raises(UsageError, match=r"big\.xlsx"):
        sheets.plain_values(big, [0])
    assert threading.active_count() == 1 and not sheets._AHEAD
