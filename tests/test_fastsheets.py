"""The fast path for plain workbooks (fastsheets.py): what calamine gives is what
openpyxl gives, what is not plain is left to openpyxl, a read begun ahead is taken."""

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from tracker import fastsheets, sheets
from tracker.errors import UsageError


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
    assert fastsheets.plain_values(path, [0]) == {"Phiếu": expected}
    assert expected[1][:3] == ["VA-1", 45, datetime(2025, 12, 31)]  # an int, a datetime, as openpyxl's
    sheet["F3"] = "=A2"  # calamine would read a formula as its last value: openpyxl must
    book.save(path)
    assert fastsheets.plain_values(path, [0]) is None
    assert fastsheets.plain_values(tmp_path / "x.xlsx", ["no such sheet"]) is None


def test_a_drop_down_excel_writes_is_no_formula_but_a_namespaced_cell_formula_is() -> None:
    """Excel keeps a drop-down's list as `<xm:f>` (a form saved by Excel has them):
    that sheet is still read fast; a cell's formula under a prefix is not."""
    drop_down = b"<x14:dataValidation><x14:formula1><xm:f>Lists!$A$1:$A$5</xm:f></x14:formula1></x14:dataValidation>"
    assert not any(mark.search(drop_down) for mark in fastsheets._NOT_PLAIN)
    assert any(mark.search(b'<x:c r="A2"><x:f>SUM(B1:B2)</x:f></x:c>') for mark in fastsheets._NOT_PLAIN)
    assert any(mark.search(b'<c r="A2"><f>SUM(B1:B2)</f></c>') for mark in fastsheets._NOT_PLAIN)


@pytest.mark.parametrize(
    ("xml", "plain"),
    [
        (b'<c r="A2" s="1" t="inlineStr"><is><t>VA-1</t></is></c>', True),  # openpyxl's
        (b'<c r="M99999" s="3" t="s"><v>7</v></c><c r="Z1"/>', True),  # Excel's, LibreOffice's
        (b'<cols><col min="1" max="13"/></cols><cfRule type="x"/>', True),  # not cells
        ('<c r="A2"><v>1</v></c>'.encode("utf-16"), True),  # UTF-16, as written
        (b'<c r="A2" t="e"><v>#N/A</v></c>', False),  # an error
        (b"<c r='A2' t='e'><v>#N/A</v></c>", False),
        (b'<c r="AA2"><v>1</v></c>', False),  # past column Z
        (b'<c r="A100000"><v>1</v></c>', False),  # past row 99,999
        (b"<c r='XFD2'><v>1</v></c>", False),  # a place quoted otherwise
        (b'<c r = "A2"><v>1</v></c>', False),
        (b'<c r="&#65;2"><v>1</v></c>', False),
        (b'<c r="A2" r="XFD2"><v>1</v></c>', False),  # a second place
        (b'<c s="1" r="A2"><v>1</v></c>', False),  # another attribute first
        (b'<c r="A2" cm="1"><v>1</v></c>', False),
        (b"<c><v>1</v></c>", False),  # placed by counting
        (b'<x:c r="A2"><x:v>1</x:v></x:c>', False),  # under a prefix
        ('<c r="XFD2"><v>1</v></c>'.encode("utf-16"), False),  # far, in UTF-16
        ('<c r="XFD2"><v>1</v></c>'.encode("utf-16-be"), False),
    ],
)
def test_only_cells_written_as_excel_libreoffice_and_openpyxl_write_them_are_plain(tmp_path: Path, xml: bytes,
                                                                                   plain: bool) -> None:  # fmt: skip
    """What calamine is let read is said positively: a cell's place first, within Z and
    99,999, then its style and a type that is not an error; anything else to openpyxl."""
    import zipfile

    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row>" + xml + b"</row></sheetData>")
    assert fastsheets._plain(path) is plain


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
    fastsheets.read_ahead(path, [0])
    assert fastsheets.plain_values(path, [0]) == {"Phiếu": [["Mã", "Ghi chú"], ["VA-1", "Đã làm"]]}
    fastsheets.read_ahead(path, [0])
    _workbook(path, "Phiếu", [["Mã", "Ghi chú"], ["VA-2", "Đang làm"]])  # saved again before it was taken
    assert fastsheets.plain_values(path, [0]) == {"Phiếu": [["Mã", "Ghi chú"], ["VA-2", "Đang làm"]]}
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"\0" * (sheets.MAX_FILE + 1))
    fastsheets.read_ahead(big, [0])
    with pytest.raises(UsageError, match=r"big\.xlsx"):
        fastsheets.plain_values(big, [0])
    assert threading.active_count() == 1 and not fastsheets._AHEAD
