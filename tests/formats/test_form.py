"""tracker.formats.form: the update form sent to a department, and read back when returned."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tracker.errors import UsageError
from tracker.formats.form import COLUMNS, HEAD, Form, FormRow, is_form, read_form, write_form
from tracker.wording import labels

ROWS = [
    FormRow("VA-1", False, "Vạn An", "Chậm cấp GCNQSD đất", date(2025, 10, 15), "open", "f1"),
    FormRow("VA-KH1", True, "Vạn An", "Rà soát hồ sơ", None, "planned", "f2"),
]


def _form() -> Form:
    return Form("dept", "NNMT", "Sở Nông nghiệp và Môi trường", date(2025, 10, 20), date(2025, 10, 21), ROWS)


def _written(tmp_path: Path) -> Path:
    path = tmp_path / "phieu-NNMT.xlsx"
    path.write_bytes(write_form(_form(), labels("vi")))
    return path


def test_a_returned_form_says_what_was_sent_and_for_whom(tmp_path: Path) -> None:
    returned = read_form(_written(tmp_path))
    assert (returned.form.kind, returned.form.code, returned.form.as_of) == ("dept", "NNMT", date(2025, 10, 20))
    assert returned.form.rows == ROWS and returned.form.key == _form().key
    assert [a.cells["id"] for a in returned.answers] == ["VA-1", "VA-KH1"]
    assert not any(a.filled() for a in returned.answers)


def test_what_the_department_fills_in_is_read_with_its_row(tmp_path: Path) -> None:
    path = _written(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet.protection.sheet  # the sent columns are locked
    sheet.cell(HEAD + 1, COLUMNS.index("new_status") + 1, "  Đã giải quyết ")
    sheet.cell(HEAD + 1, COLUMNS.index("note") + 1, "=1+1")
    book.save(path)
    first = read_form(path).answers[0]
    assert first.number == HEAD + 1 and first.filled()
    assert first.cells["new_status"] == "Đã giải quyết" and first.formulas == ["note"]


def test_the_key_changes_with_what_was_sent() -> None:
    other = Form("dept", "NNMT", "Sở NN", date(2025, 10, 20), date(2025, 10, 21), [ROWS[0]])
    assert len(_form().key) == 10 and other.key != _form().key


def test_a_workbook_that_is_not_a_form_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "khac.xlsx"
    openpyxl.Workbook().save(path)
    assert is_form(_written(tmp_path)) and not is_form(path)
    with pytest.raises(UsageError, match="không phải phiếu cập nhật"):
        read_form(path)
