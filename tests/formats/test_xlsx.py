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
    out = FORMAT.render(Export(rows, grid, {"NNMT": "Sở NN"}, AS_OF, {"dat-dai": "Đất đai"}), vi)
    assert isinstance(out, bytes)
    book = load_workbook(io.BytesIO(out))
    assert book.sheetnames == ["Tổng hợp", "NNMT"]
    summary = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows()]
    assert summary[1] == ["Số liệu tính đến ngày 05/11/2025"] + [None] * 9  # the day it counts to
    assert summary[3][:3] == ["Cơ quan chủ trì", "Tổng số", "Hoàn thành đúng hạn"]
    assert summary[4][:2] == ["NNMT — Sở NN", 1]
    sheet = book["NNMT"]
    heads = [c.value for c in sheet[1]]
    assert heads[:7] == ["Mã", "Xã", "Nội dung vướng mắc", "Cơ quan phối hợp", "Trạng thái", "Thời hạn", "Kết quả"]
    assert heads[-2:] == ["Mô tả", "Nguồn"]  # the long texts last, outside the print area
    assert [sheet["B2"].value, sheet["E2"].value, sheet["J2"].value] == ["Vạn An", "Chưa xử lý", "Bình thường"]
    assert sheet["A2"].value == "VA-1" and sheet["F2"].value.date() == date(2025, 10, 15)
    assert sheet["F2"].number_format == "dd/mm/yyyy" and sheet.freeze_panes == "B2"


def test_every_sheet_prints_on_a4_landscape_as_wide_as_the_page(vi: Context) -> None:
    from openpyxl import load_workbook

    rows = [full_issue()]
    grid = reporting.stats([r.record for r in rows], AS_OF)  # type: ignore[misc]
    book = load_workbook(io.BytesIO(FORMAT.render(Export(rows, grid, {"NNMT": "Sở NN"}, AS_OF), vi)))  # type: ignore[arg-type]
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth, setup.fitToHeight) == (9, "landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "05/11/2025" in sheet.oddFooter.left.text and "&P / &N" in sheet.oddFooter.right.text
    assert book["NNMT"].print_title_rows == "$1:$1" and book["Tổng hợp"].print_title_rows == "$4:$4"


def test_a_row_is_as_tall_as_its_wrapped_printed_text(vi: Context) -> None:
    from openpyxl import load_workbook

    long = full_issue()
    long.record.title = "Hồ sơ tồn đọng do chưa có hướng dẫn. " * 12  # type: ignore[union-attr]
    wordy = full_issue()  # a long description and source: they do not set the row's height
    wordy.record.description = wordy.record.source = "Hồ sơ tồn đọng do chưa có hướng dẫn. " * 12  # type: ignore[union-attr]
    rows = [full_issue(), long, wordy]
    grid = reporting.stats([r.record for r in rows], AS_OF)  # type: ignore[misc]
    sheet = load_workbook(io.BytesIO(FORMAT.render(Export(rows, grid, {}, AS_OF), vi)))["NNMT"]  # type: ignore[arg-type]
    assert sheet.row_dimensions[2].height is None  # one line: as it is
    assert sheet.row_dimensions[3].height >= 15 * 8  # 430 characters in a 38-wide column
    assert sheet["C3"].alignment.wrap_text
    assert sheet.row_dimensions[4].height is None and not sheet.cell(4, sheet.max_column).alignment.wrap_text


def test_a_department_prints_the_columns_a_reader_needs_at_9_points_or_more(vi: Context) -> None:
    from openpyxl import load_workbook

    wordy = full_issue()
    wordy.record.title = wordy.record.source = "Hồ sơ tồn đọng do chưa có hướng dẫn. " * 12  # type: ignore[union-attr]
    wordy.record.resolution = wordy.record.description = wordy.record.title  # type: ignore[union-attr]
    grid = reporting.stats([wordy.record], AS_OF)  # type: ignore[misc]
    book = load_workbook(io.BytesIO(FORMAT.render(Export([wordy], grid, {}, AS_OF), vi)))  # type: ignore[arg-type]
    sheet = book["NNMT"]
    assert sheet.print_area == "'NNMT'!$A$1:$G$2"  # ID … result: not the lead, owner, dates, texts
    printed = sum(sheet.column_dimensions[c].width for c in "ABCDEFG")
    assert printed <= 133  # LibreOffice: 9 px a unit, fitted to A4 landscape at 82 % or more: 11 pt at 9
    summary = book["Tổng hợp"]
    assert sum(d.width for d in summary.column_dimensions.values()) <= 133
