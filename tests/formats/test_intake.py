"""tracker.formats.intake: the sheet a commune fills with new obstacles, read back for `import`."""

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tracker.errors import UsageError
from tracker.formats.intake import COLUMNS, HEAD, Intake, headings, is_intake, read_intake, write_intake
from tracker.wording import labels

L = labels("vi")


def _written(tmp_path: Path) -> Path:
    intake = Intake("van-an", "Ủy ban nhân dân xã Vạn An", date(2025, 10, 20),
                    {"NNMT": "Sở Nông nghiệp và Môi trường", "NV": "Sở Nội vụ"}, ["Đất đai", "Khác"])  # fmt: skip
    path = tmp_path / "de-xuat-van-an.xlsx"
    path.write_bytes(write_intake(intake, L))
    return path


def _fill(path: Path, row: dict[str, Any], heading: tuple[int, str] | None = None) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for name, value in row.items():
        sheet.cell(HEAD + 1, COLUMNS.index(name) + 1, value)
    if heading:
        sheet.cell(HEAD, heading[0], heading[1])
    book.save(path)


def test_an_empty_sheet_says_for_whom_and_has_the_export_headings(tmp_path: Path) -> None:
    path = _written(tmp_path)
    assert is_intake(path)
    returned = read_intake(path, L)
    assert (returned.code, returned.name, returned.sheet.rows) == ("van-an", "Ủy ban nhân dân xã Vạn An", [])
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[HEAD]][: len(COLUMNS)] == headings(L)


def test_a_filled_row_reads_as_fields(tmp_path: Path) -> None:
    path = _written(tmp_path)
    _fill(path, {"title": "Thiếu công chức địa chính", "dept": "Sở Nội vụ", "due": date(2025, 12, 31)})
    (row,) = read_intake(path, L).sheet.rows
    assert row.number == HEAD + 1
    assert row.cells["title"] == "Thiếu công chức địa chính" and row.cells["dept"] == "Sở Nội vụ"


def test_a_heading_renamed_is_refused(tmp_path: Path) -> None:
    path = _written(tmp_path)
    _fill(path, {"title": "Thiếu công chức"}, heading=(1, "Mã"))
    with pytest.raises(UsageError, match=f"dòng tiêu đề \\(dòng {HEAD}\\) bị sửa"):
        read_intake(path, L)


def test_a_workbook_that_is_not_an_intake_sheet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(path)
    assert not is_intake(path)
    with pytest.raises(UsageError, match="không phải phiếu đề xuất"):
        read_intake(path, L)
