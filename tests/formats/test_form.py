"""tracker.formats.form: the update form sent to a department, and read back when returned."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from tracker.errors import UsageError
from tracker.formats.form import COLUMNS, HEAD, HIDDEN, Form, FormRow, is_form, read_form, write_form
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
    # every row came back as sent, nothing filled in: counted, nothing to look at
    assert returned.answers == [] and returned.untouched == {"VA-1", "VA-KH1"}
    in_english = tmp_path / "en.xlsx"
    in_english.write_bytes(write_form(_form(), labels("en")))
    assert read_form(in_english).untouched == {"VA-1", "VA-KH1"}  # in either language
    book = openpyxl.load_workbook(in_english)
    book.worksheets[0].cell(HEAD + 2, COLUMNS.index("title") + 1, "Rà soát hồ sơ")  # the plan item's mark typed away
    book.save(in_english)
    again = read_form(in_english)
    assert again.untouched == {"VA-1"} and [a.cells["id"] for a in again.answers] == ["VA-KH1"]
    assert not again.answers[0].filled()


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


def as_version_1(path: Path) -> None:
    """Rewrite a form's hidden sheet as version 1 wrote it: a row sent a line, a value a cell."""
    form = read_form(path).form
    book = openpyxl.load_workbook(path)
    hidden = book[HIDDEN]
    hidden.delete_rows(1, hidden.max_row)
    meta = [["tracker-form", 1], ["kind", form.kind], ["code", form.code], ["name", form.name],
            ["as_of", form.as_of.isoformat()], ["made_on", form.made_on.isoformat()], ["key", form.key],
            ["head", HEAD], [], ["id", "plan", "commune", "title", "due", "status", "fingerprint"]]  # fmt: skip
    for line in meta:
        hidden.append(line)
    for r in form.rows:
        hidden.append([r.id, int(r.plan), r.commune, r.title, r.due.isoformat() if r.due else "", r.status,
                       r.fingerprint])  # fmt: skip
    book.save(path)


def test_a_form_made_by_the_previous_version_reads_as_it_was_sent(tmp_path: Path) -> None:
    path = _written(tmp_path)
    as_version_1(path)
    assert openpyxl.load_workbook(path)[HIDDEN].cell(11, 4).value == "Chậm cấp GCNQSD đất"
    returned = read_form(path)
    assert returned.form.rows == ROWS and returned.form.key == _form().key


def test_a_hidden_sheet_cut_short_or_typed_over_is_refused(tmp_path: Path) -> None:
    path = _written(tmp_path)
    book = openpyxl.load_workbook(path)
    hidden = book[HIDDEN]
    hidden.cell(11, 1, hidden.cell(11, 1).value[:-8])  # the rows' last characters gone
    book.save(path)
    with pytest.raises(UsageError, match="trang ẩn của phiếu bị sửa"):
        read_form(path)
    hidden.cell(11, 1, "eyJ4Ijog")  # base64 of something else
    book.save(path)
    with pytest.raises(UsageError, match="trang ẩn của phiếu bị sửa"):
        read_form(path)


def test_an_error_cell_and_typed_values_read_as_before(tmp_path: Path) -> None:
    path = _written(tmp_path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(HEAD + 1, COLUMNS.index("doc_number") + 1, 45)
    sheet.cell(HEAD + 1, COLUMNS.index("doc_date") + 1, date(2025, 10, 18))
    book.save(path)
    first = read_form(path).answers[0]
    assert first.cells["doc_number"] == 45 and first.cells["doc_date"] == datetime(2025, 10, 18)
    assert first.cells["due"] == datetime(2025, 10, 15)
    note = sheet.cell(HEAD + 2, COLUMNS.index("note") + 1)
    note.value, note.data_type = "#N/A", "e"  # read fast, an error cell would be empty
    book.save(path)
    assert read_form(path).answers[1].cells["note"] == "#N/A"


def _packed(path: Path, data: bytes, count: int) -> None:
    """The hidden sheet's rows replaced by `data`, packed as a form packs them."""
    import base64
    import zlib

    book = openpyxl.load_workbook(path)
    hidden = book[HIDDEN]
    hidden.cell(10, 2, count)
    text = base64.b64encode(zlib.compress(data, 9)).decode()
    for n in range(11, hidden.max_row + 1):
        hidden.cell(n, 1, None)
    for n, start in enumerate(range(0, len(text), 30_000)):
        hidden.cell(11 + n, 1, text[start : start + 30_000])
    book.save(path)


def test_a_hidden_sheet_that_would_inflate_past_its_rows_or_nests_deep_is_refused_not_read(tmp_path: Path) -> None:
    """A returned form is untrusted: 100 MB of zeros packed in a few cells (a zip bomb)
    is not inflated past what its one row could hold, and JSON nested a million deep
    is a changed sheet, not a crash."""
    import tracemalloc

    path = _written(tmp_path)
    _packed(path, b"0" * 100 * 2**20, 1)
    tracemalloc.start()
    with pytest.raises(UsageError, match="trang ẩn của phiếu bị sửa"):
        read_form(path)
    assert tracemalloc.get_traced_memory()[1] < 20 * 2**20  # not the 100 MB it packs
    tracemalloc.stop()
    _packed(path, b"[" * 1_000_000 + b"]" * 1_000_000, 1)
    with pytest.raises(UsageError, match="trang ẩn của phiếu bị sửa"):
        read_form(path)


def test_a_form_is_read_by_calamine_unless_a_cell_lies_far_out(tmp_path: Path) -> None:
    """calamine holds every cell from the first used to the last: a form as written is
    read by it, one with a cell typed at XFD1048576 by openpyxl, row by row, the same."""
    from tracker import fastsheets

    path = _written(tmp_path)
    assert fastsheets.plain_values(path, [0, HIDDEN]) is not None
    before = read_form(path)
    for far in ("XFD6", "N1048576"):
        book = openpyxl.load_workbook(path)
        book.worksheets[0][far] = "x"
        book.save(tmp_path / "far.xlsx")
        assert fastsheets.plain_values(tmp_path / "far.xlsx", [0, HIDDEN]) is None
        after = read_form(tmp_path / "far.xlsx")
        assert after.form == before.form and [a.cells for a in after.answers] == [a.cells for a in before.answers]


def _rewritten(path: Path, out: Path, old: bytes, new: bytes) -> Path:
    """`path` with the first `old` in its visible sheet's XML written as `new`, as a
    hostile hand could: nothing else changed."""
    import zipfile

    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new, 1)
            target.writestr(item, data)
    return out


def _refused_or_read_as_sent(hostile: Path, sent: Path) -> None:
    """openpyxl's reading of a hostile form: its message naming the file, or the form as sent."""
    try:
        returned = read_form(hostile)
    except UsageError as exc:
        assert hostile.name in str(exc)
    else:
        assert returned.form == read_form(sent).form


@pytest.mark.parametrize(
    "place",
    [
        b"<c r='XFD99999'",  # quoted otherwise
        b'<c r = "XFD99999"',  # spaced
        b'<c r="A6" r="XFD99999"',  # a second place, which calamine takes
        b'<c s="0" r="XFD99999"',  # another attribute first
        b'<c r="&#88;FD99999"',  # an entity
        b"<c",  # none: placed by counting
    ],
)
def test_a_cell_placed_far_in_a_way_the_look_would_miss_is_not_left_to_calamine(tmp_path: Path, place: bytes) -> None:
    """A returned form is untrusted: a cell whose place is written so that only a
    reader of XML sees it far out (calamine would hold every cell up to it: tens of
    gigabytes, and the process aborted) is left to openpyxl, which reads row by row
    and says what is wrong, or reads what is there."""
    from tracker import fastsheets

    path = _written(tmp_path)
    assert fastsheets._plain(path)
    hostile = _rewritten(path, tmp_path / "far.xlsx", b'<c r="A6"', place)
    assert not fastsheets._plain(hostile)  # looked at, not parsed: a parse would abort the tests
    assert fastsheets.plain_values(hostile, [0, HIDDEN]) is None
    _refused_or_read_as_sent(hostile, path)


@pytest.mark.parametrize("name", ["xl\\worksheets\\sheet1.xml", "xl/evil/sheet1.xml", "xl/worksheets/sheet1.XML"])
def test_a_sheet_kept_where_a_reader_of_its_name_would_not_look_is_looked_at(tmp_path: Path, name: str) -> None:
    """calamine takes a sheet from wherever the workbook's relationships say, and its zip
    reader takes `\\` for `/`: a far cell in a sheet moved so (found by an outsider's
    hostile cases, it aborted the process) is looked at like any, and left to openpyxl."""
    import zipfile

    from tracker import fastsheets

    path = _written(tmp_path)
    far = b'<row r="99999"><c r="XFD99999" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(moved, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                target.writestr(name, data.replace(b"</sheetData>", far, 1))
                continue
            if item.filename == "xl/_rels/workbook.xml.rels" and "\\" not in name:
                assert b"/xl/worksheets/sheet1.xml" in data
                data = data.replace(b"/xl/worksheets/sheet1.xml", b"/" + name.encode())
            target.writestr(item, data)
    assert not fastsheets._plain(moved)  # looked at, not parsed: a parse would abort the tests
    _refused_or_read_as_sent(moved, path)


def test_a_workbook_part_that_would_inflate_to_gigabytes_is_not_read_to_tell_a_form(tmp_path: Path) -> None:
    """Whether a workbook is a form is told before its sizes are checked: its own part is
    read no further than its list of sheets could reach."""
    import tracemalloc
    import zipfile

    from tracker.formats.form import is_form

    path = _written(tmp_path)
    padded = tmp_path / "padded.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b"</workbook>", b" " * 300 * 2**20 + b"</workbook>")
            target.writestr(item.filename, data)
    tracemalloc.start()
    assert is_form(padded)  # its sheets come first
    assert tracemalloc.get_traced_memory()[1] < 8 * 2**20  # not the 300 MB it inflates to
    tracemalloc.stop()
    with pytest.raises(UsageError, match="giải nén"):
        read_form(padded)
