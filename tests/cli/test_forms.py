"""tracker form, and import reading a returned form back: filled as a department
would fill it (openpyxl), tampered with, in conflict, imported twice, printed."""

import json
import os
import subprocess
from datetime import date
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.conftest import Cli
from tests.test_print import SOFFICE, _soffice, needs_office
from tracker.wording import VI

ROW = 6  # the first data row of a form


@pytest.fixture
def nnmt(filled: Path, cli: Cli) -> Path:
    """NNMT leads VA-1 (overdue) and TN-2; its form, as sent."""
    cli("add-issue", "--commune", "thien-nhan", "--dept", "NNMT", "--title", "Bản đồ địa chính sai số lớn",
        "--due", "2025-11-30", "--raised-on", "2025-09-20")  # fmt: skip
    out = cli("form", "--dept", "NNMT", "--output", "phieu.xlsx")
    assert "phieu.xlsx" in out and "2 dòng" in out
    return Path("phieu.xlsx")


def _rows(book: openpyxl.Workbook) -> dict[str, int]:
    sheet = book.worksheets[0]
    return {str(sheet.cell(n, 1).value): n for n in range(ROW, sheet.max_row + 1) if sheet.cell(n, 1).value}


def _fill(path: Path, answers: dict[str, dict[int, object]], out: str = "tra-loi.xlsx") -> Path:
    """Type into the form as a department would: {ID: {column (from 1): value}}."""
    book = openpyxl.load_workbook(path)
    rows = _rows(book)
    for ident, cells in answers.items():
        for column, value in cells.items():
            book.worksheets[0].cell(rows[ident], column, value)
    book.save(out)
    return Path(out)


NEW, RESULT, DONE, NEW_DUE, REASON, NUMBER, DOC_DATE, NOTE = range(6, 14)


def _commune(data: Path, slug: str) -> dict:  # type: ignore[type-arg]
    loaded: dict = yaml.safe_load((data / "communes" / f"{slug}.yaml").read_text("utf-8"))  # type: ignore[type-arg]
    return loaded


def _record(data: Path, ident: str) -> dict:  # type: ignore[type-arg]
    slug = "van-an" if ident.startswith("VA") else "thien-nhan"
    commune = _commune(data, slug)
    found: dict = next(r for r in commune["issues"] + commune["action_plan"] if r["id"] == ident)  # type: ignore[type-arg]
    return found


def test_the_form_locks_what_identifies_an_item_and_offers_the_statuses(nnmt: Path) -> None:
    book = openpyxl.load_workbook(nnmt)
    sheet, help_, hidden = book.worksheets
    assert [s.sheet_state for s in book.worksheets] == ["visible", "visible", "veryHidden"]
    assert [sheet.cell(5, n).value for n in range(1, 14)] == [
        "Mã", "Xã", "Nội dung", "Thời hạn", "Trạng thái", "Trạng thái mới", "Kết quả", "Ngày hoàn thành",
        "Đề nghị thời hạn mới", "Lý do đề nghị gia hạn", "Số văn bản trả lời", "Ngày văn bản", "Ghi chú"]  # fmt: skip
    assert list(_rows(book)) == ["TN-2", "VA-1"]  # the issues NNMT leads, in the communes' order
    assert sheet.protection.sheet and not sheet.protection.password
    assert all(sheet.cell(ROW, n).protection.locked for n in range(1, 6))
    assert not any(sheet.cell(ROW, n).protection.locked for n in range(6, 14))
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists and lists[0].formula1 == '"Chưa xử lý,Đang xử lý,Kiến nghị cấp trên,Đã giải quyết,Dừng xử lý"'
    assert f"F{ROW}" in str(lists[0].sqref)
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$5:$5"
    assert "Sở Nông nghiệp và Môi trường" in str(sheet.cell(2, 1).value)
    assert "HƯỚNG DẪN" in str(help_.cell(1, 1).value)
    assert hidden.cell(1, 1).value == "tracker-form" and hidden.cell(3, 2).value == "NNMT"


def test_a_department_answers_and_import_applies_it_once(nnmt: Path, cli: Cli, filled: Path) -> None:
    back = _fill(nnmt, {
        "VA-1": {NEW: "Đã giải quyết", RESULT: "Đã cấp 35 GCNQSD", DONE: "18/10/2025", NUMBER: "Số 46/SNNMT-QLĐĐ",
                 DOC_DATE: date(2025, 10, 18)},
        "TN-2": {NEW: "Đang xử lý", NEW_DUE: "31/01/2026", REASON: "Chờ kinh phí", NUMBER: "45/SNNMT-QLĐĐ",
                 DOC_DATE: "10/10/2025", NOTE: "Đã lập dự toán"},
    })  # fmt: skip
    before = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    dry = cli("import", str(back), "--dry-run")
    assert dry.splitlines() == [
        "tra-loi.xlsx[Phiếu cập nhật]:6: TN-2: Trạng thái: Chưa xử lý → Đang xử lý; "
        "Văn bản: Số 45/SNNMT-QLĐĐ ngày 10/10/2025; Đề nghị gia hạn đến 31/01/2026; Ghi chú: Đã lập dự toán",
        "tra-loi.xlsx[Phiếu cập nhật]:7: VA-1: Trạng thái: Chưa xử lý → Đã giải quyết; "
        "Kết quả: — → Đã cấp 35 GCNQSD; Ngày giải quyết: — → 18/10/2025; Văn bản: Số 46/SNNMT-QLĐĐ ngày 18/10/2025",
        "(thử: 2 dòng thay đổi, chưa ghi gì)",
    ]
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == before
    assert cli("import", str(back)).splitlines() == dry.splitlines()[:2]
    va1, tn2 = _record(filled, "VA-1"), _record(filled, "TN-2")
    assert va1["status"] == "resolved" and va1["resolution"] == "Đã cấp 35 GCNQSD"
    assert va1["resolved_on"] == date(2025, 10, 18)
    last = va1["history"][-1]
    assert last["by"] == "Sở Nông nghiệp và Môi trường" and last["doc"] == "Số 46/SNNMT-QLĐĐ ngày 18/10/2025"
    assert last["note"].startswith("Phiếu cập nhật ngày 20/10/2025 (mã phiếu ") and "Nguyễn Thư Ký nhập" in last["note"]
    assert tn2["due"] == date(2025, 11, 30)  # a request, not a new deadline
    assert tn2["extensions"][0]["status"] == "pending" and tn2["extensions"][0]["requested_on"] == date(2025, 10, 10)
    assert tn2["history"][-2]["note"].endswith("Đã lập dự toán")
    after = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    result = cli.result("import", str(back))
    assert result.exit_code == 0 and "không có gì thay đổi" in result.stdout
    assert "đã nhập từ phiếu này trước đó" in result.stderr
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == after
    assert "Văn bản: Số 46/SNNMT-QLĐĐ ngày 18/10/2025" in cli("show", "VA-1")


def test_a_form_the_line_imports_is_read_from_before_the_line_is_parsed(nnmt: Path, cli: Cli, filled: Path,
                                                                        tmp_path: Path) -> None:  # fmt: skip
    """`tracker import FORM` begins reading the form before Typer parses the line
    (cli/__init__.py's `main`, through exchange.read_ahead_of); the command takes that
    read. A line that imports no form begins nothing and says nothing: whatever is
    wrong with the file, the command says."""
    from tracker import fastsheets
    from tracker.cli.exchange import read_ahead_of

    back = _fill(nnmt, {"VA-1": {NOTE: "Đã làm việc với xã"}})
    export = tmp_path / "x.xlsx"
    cli("export", "--format", "xlsx", "--output", str(export))
    garbled = tmp_path / "hong.xlsx"
    garbled.write_bytes(b"PK\x03\x04 not a zip")
    before = set(fastsheets._AHEAD)  # what earlier tests began and never took is not this test's
    for line in (["list"], ["import"], ["show", str(back)], ["import", str(export)], ["import", str(garbled)],
                 ["import", str(tmp_path / "missing.xlsx")], ["import", "--commune", "van-an", "x.csv"]):  # fmt: skip
        read_ahead_of(line)
        assert set(fastsheets._AHEAD) == before, line
    read_ahead_of(["--data-dir", str(filled), "import", "--dry-run", str(back)])
    assert [key[0] for key in set(fastsheets._AHEAD) - before] == [str(back)]
    said = cli("import", str(back))
    assert said.startswith("tra-loi.xlsx[Phiếu cập nhật]:7: VA-1: Phiếu cập nhật ngày 20/10/2025")
    assert said.endswith("nhập: Đã làm việc với xã\n")
    assert set(fastsheets._AHEAD) == before  # taken by the command
    assert _record(filled, "VA-1")["history"][-1]["note"].endswith("Đã làm việc với xã")


def test_a_tampered_form_is_refused_whole_each_row_named(nnmt: Path, cli: Cli, filled: Path) -> None:
    book = openpyxl.load_workbook(nnmt)
    sheet = book.worksheets[0]
    rows = _rows(book)
    sheet.cell(rows["VA-1"], 3, "Đã sửa nội dung")  # a locked cell typed over
    sheet.cell(rows["VA-1"], NEW, "Xong rồi")  # not a status of the list
    sheet.delete_rows(rows["TN-2"])  # a row deleted
    sheet.cell(ROW + 1, 1, "VA-2")  # a row added: another department's issue
    sheet.cell(ROW + 1, NEW, "Đang xử lý")
    book.save("sai.xlsx")
    before = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    result = cli.result("import", "sai.xlsx")
    assert result.exit_code == 1
    err = result.stderr
    assert "sai.xlsx[Phiếu cập nhật]:6: VA-1: Nội dung: cột khóa đã bị sửa: 'Đã sửa nội dung'" in err
    assert "sai.xlsx[Phiếu cập nhật]:7: VA-2: Mã: dòng không có trong phiếu đã gửi ('VA-2')" in err
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == before
    # the title put back: the status not in the list is what is left wrong
    sheet.cell(6, 3, "Chậm cấp GCNQSD đất")
    sheet.delete_rows(ROW + 1)
    book.save("sai.xlsx")
    result = cli.result("import", "sai.xlsx")
    assert result.exit_code == 1 and "Trạng thái mới: không nhận ra trạng thái 'Xong rồi'" in result.stderr
    sheet.cell(6, NEW, "dang xu ly")  # typed without diacritics: still a status
    book.save("sai.xlsx")
    result = cli.result("import", "sai.xlsx")
    assert result.exit_code == 0, result.stderr
    assert "phiếu trả lại thiếu dòng: TN-2" in result.stderr


def test_a_row_copied_is_refused_even_when_neither_copy_is_filled_in(nnmt: Path, cli: Cli, filled: Path) -> None:
    """Rows that come back as sent are only counted (a national form's thousands), yet
    a row pasted twice is still named, answered or not, and a row deleted is missing."""
    book = openpyxl.load_workbook(nnmt)
    sheet = book.worksheets[0]
    rows = _rows(book)
    sheet.cell(rows["TN-2"], 1, "VA-1")  # VA-1's row pasted over TN-2's
    for column in (2, 3, 4, 5):
        sheet.cell(rows["TN-2"], column, sheet.cell(rows["VA-1"], column).value)
    book.save("hai-dong.xlsx")
    result = cli.result("import", "hai-dong.xlsx")
    assert result.exit_code == 1
    second = max(rows["TN-2"], rows["VA-1"])  # the later of the two rows is named
    assert f"hai-dong.xlsx[Phiếu cập nhật]:{second}: VA-1: Mã: VA-1 có hai dòng trong phiếu" in result.stderr
    sheet.cell(rows["TN-2"], NEW, "Đang xử lý")  # the copy answered: still the same row twice
    book.save("hai-dong.xlsx")
    assert "VA-1 có hai dòng trong phiếu" in cli.result("import", "hai-dong.xlsx").stderr


def test_a_row_of_another_department_is_refused(nnmt: Path, cli: Cli, filled: Path) -> None:
    cli("update", "VA-1", "--dept", "TC")  # VA-1 went to TC after the form was sent
    back = _fill(nnmt, {"VA-1": {NEW: "Đang xử lý"}})
    result = cli.result("import", str(back))
    assert result.exit_code == 1
    assert "VA-1: Mã: VA-1 do TC chủ trì, không phải NNMT: không nhận dòng này" in result.stderr


def test_an_item_changed_since_the_form_is_a_conflict_unless_forced(nnmt: Path, cli: Cli, filled: Path) -> None:
    cli("update", "VA-1", "--status", "escalated")
    back = _fill(nnmt, {"VA-1": {NEW: "Đang xử lý", NOTE: "Đang làm"}, "TN-2": {NOTE: "Chưa có gì mới"}})
    before = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    result = cli.result("import", str(back))
    assert result.exit_code == 1
    assert ("VA-1: đã thay đổi sau khi lập phiếu (Trạng thái: phiếu 'Chưa xử lý', nay 'Kiến nghị cấp trên')"
            in result.stderr)  # fmt: skip
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == before
    out = cli("import", str(back), "--force")
    assert "VA-1: Trạng thái: Kiến nghị cấp trên → Đang xử lý" in out
    assert _record(filled, "VA-1")["status"] == "in_progress"


def test_a_commune_answers_for_its_plan_and_its_issues(filled: Path, cli: Cli) -> None:
    cli("form", "--commune", "Vạn An", "--output", "xa.xlsx")
    book = openpyxl.load_workbook("xa.xlsx")
    assert list(_rows(book)) == ["VA-KH1", "VA-1", "VA-2", "VA-3"]
    assert str(book.worksheets[0].cell(ROW, 3).value).startswith("Kế hoạch hành động: ")
    back = _fill(Path("xa.xlsx"), {"VA-KH1": {NEW: "Đã hoàn thành", DONE: "19/10/2025", NUMBER: "12/UBND"}})
    out = cli("import", str(back))
    assert "VA-KH1: Trạng thái: Chưa thực hiện → Đã hoàn thành; Văn bản: Số 12/UBND" in out
    item = _record(filled, "VA-KH1")
    assert item["done_on"] == date(2025, 10, 19) and item["history"][-1]["by"] == "Ủy ban nhân dân xã Vạn An"
    # Each row's new status offers its own kind's words: the plan's on the plan's row,
    # the issues' on theirs, every date cell of every row checked as a date.
    sheet = book.worksheets[0]
    lists = {v.formula1.split(",")[0]: v.sqref for v in sheet.data_validations.dataValidation if v.type == "list"}
    plan, issues = lists['"Chưa thực hiện'], lists['"Chưa xử lý']
    assert f"F{ROW}" in plan and f"F{ROW}" not in issues
    assert all(f"F{n}" in issues and f"F{n}" not in plan for n in range(ROW + 1, ROW + 4))
    (dates,) = [v.sqref for v in sheet.data_validations.dataValidation if v.type == "date"]
    assert all(f"{c}{n}" in dates for c in "HIL" for n in range(ROW, ROW + 4)) and f"H{ROW + 4}" not in dates


def test_a_form_made_in_one_language_imports_with_the_other(filled: Path, cli: Cli) -> None:
    # The secretariat sent an English form (plan item and issues: its locked words are
    # English), and imports what came back in Vietnamese; and the other way round.
    cli("--lang", "en", "form", "--commune", "Vạn An", "--output", "en.xlsx")
    assert str(openpyxl.load_workbook("en.xlsx").worksheets[0].cell(ROW, 3).value).startswith("Action plan: ")
    back = _fill(Path("en.xlsx"), {"VA-KH1": {NEW: "In progress"}, "VA-2": {NEW: "In progress", NOTE: "Đang đo"}})
    out = cli("import", str(back))
    assert "VA-KH1: Trạng thái: Chưa thực hiện → Đang thực hiện" in out
    assert "VA-2: Trạng thái: Chưa xử lý → Đang xử lý" in out
    cli("form", "--commune", "Vạn An", "--output", "vi.xlsx")
    back = _fill(Path("vi.xlsx"), {"VA-3": {NEW: "Đang xử lý"}}, out="vi-back.xlsx")
    assert "VA-3: status: open → in progress" in cli("--lang", "en", "import", str(back))
    # a locked cell typed over is still refused, in whichever language it is read
    tampered = _fill(Path("vi.xlsx"), {"VA-1": {5: "Resolved", NEW: "Đang xử lý"}}, out="sua.xlsx")
    result = cli.result("--lang", "en", "import", str(tampered))
    assert result.exit_code == 1 and "VA-1: Status: a locked cell was changed: 'Resolved'" in result.output


def test_close_and_update_keep_the_document(filled: Path, cli: Cli) -> None:
    cli("close", "VA-2", "--resolution", "Đã bổ sung", "--doc", "Số 45/SNNMT-QLĐĐ ngày 10/10/2025")
    cli("update", "VA-3", "--doc", "Số 7/STC ngày 11/10/2025")
    assert _record(filled, "VA-2")["history"][-1]["doc"] == "Số 45/SNNMT-QLĐĐ ngày 10/10/2025"
    assert "Văn bản: Số 7/STC ngày 11/10/2025" in cli("show", "VA-3")


@needs_office
def test_the_form_prints_on_a4_landscape(nnmt: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert SOFFICE
    pdf = _soffice(tmp_path, nnmt)
    reader = PdfReader(pdf)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(842, 595)}
    text = reader.pages[0].extract_text()
    assert "Trạng thái mới" in text and "VA-1" in text


SYSTEM_PYTHON = "/usr/bin/python3"  # where Debian's python3-uno is; the suite's own Python may not reach it
HAS_UNO = (
    bool(SOFFICE)
    and os.path.exists(SYSTEM_PYTHON)
    and not subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode
)
needs_uno = pytest.mark.skipif(not HAS_UNO and not os.environ.get("CI"), reason="needs python3-uno (CI installs it)")


@needs_uno
def test_calc_itself_protects_the_form_offers_the_statuses_and_refuses_typing_in_a_locked_cell(nnmt: Path) -> None:
    """Asked through UNO of LibreOffice Calc, not of openpyxl: what a department sees."""
    probe = Path(__file__).parents[1] / "calc.py"
    run = subprocess.run([SYSTEM_PYTHON, str(probe), str(nnmt), str(ROW)], capture_output=True, text=True,
                         timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    calc = json.loads(run.stdout)
    assert calc["sheets"] == {"Phiếu cập nhật": True, "Hướng dẫn": True, "_tracker": False}
    assert calc["protected"]
    assert calc["locked"]["Mã"] and calc["locked"]["Nội dung"] and calc["locked"]["Trạng thái"]
    assert not calc["locked"]["Trạng thái mới"] and not calc["locked"]["Kết quả"] and not calc["locked"]["Ghi chú"]
    words = [VI["status"][s] for s in ("open", "in_progress", "escalated", "resolved", "dropped")]
    assert calc["validation"] == {"type": "LIST", "show_error": True, "error_style": "STOP",
                                  "entries": ";".join(f'"{w}"' for w in words), "drop_down": 1}  # fmt: skip
    assert calc["invalid_flagged"] and not calc["valid_flagged"]  # "Xong rồi" is marked, "Đang xử lý" is not
    assert calc["typed"] == {"locked_before": "TN-2", "locked_after": "TN-2", "fill_in_after": "Đã cấp 12 GCNQSD"}


INTAKE = ["Nội dung vướng mắc", "Mô tả", "Nhóm vướng mắc", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn",
          "Ngày nêu", "Ghi chú"]  # fmt: skip


def _intake_fill(path: Path, rows: list[list[object]], out: str) -> Path:
    """Type new obstacles into an intake sheet as a commune would: a list a row, from column A."""
    book = openpyxl.load_workbook(path)
    for n, values in enumerate(rows, ROW):
        for m, value in enumerate(values, 1):
            if value is not None:
                book.worksheets[0].cell(n, m, value)
    book.save(out)
    return Path(out)


def test_a_communes_intake_sheet_offers_the_registry_and_locks_the_rest(filled: Path, cli: Cli) -> None:
    out = cli("form", "--commune", "Vạn An", "--intake", "--output", "de-xuat.xlsx")
    assert "de-xuat.xlsx" in out and "Ủy ban nhân dân xã Vạn An" in out
    book = openpyxl.load_workbook("de-xuat.xlsx")
    sheet, help_, lists, hidden = book.worksheets
    assert [sheet.cell(ROW - 1, m).value for m in range(1, 9)] == INTAKE
    assert sheet.cell(2, 1).value == "Đơn vị đề xuất: Ủy ban nhân dân xã Vạn An"
    assert sheet.protection.sheet and sheet.cell(ROW - 1, 1).protection.locked  # the headings
    assert not any(sheet.cell(ROW, m).protection.locked for m in range(1, 9))  # the cells to fill
    assert not sheet.cell(ROW + 29, 8).protection.locked and sheet.cell(ROW + 30, 1).protection.locked
    checks = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    assert checks["C6:C35"] == ("list", "'_lists'!$A$1:$A$13")
    assert checks["D6:D35"] == ("list", "'_lists'!$B$1:$B$14")
    assert lists.cell(5, 2).value == "Sở Nông nghiệp và Môi trường" and lists.sheet_state == "veryHidden"
    assert help_.title == "Hướng dẫn" and "HƯỚNG DẪN ĐIỀN PHIẾU ĐỀ XUẤT" in str(help_.cell(1, 1).value)
    assert any(c.value == "NNMT: Sở Nông nghiệp và Môi trường" for c in help_["A"])
    meta = {r[0]: r[1] for r in hidden.iter_rows(values_only=True)}
    assert hidden.sheet_state == "veryHidden" and meta["kind"] == "intake" and meta["code"] == "van-an"
    assert meta["about"] == "Phiếu đề xuất vướng mắc mới của Ủy ban nhân dân xã Vạn An"
    assert cli.result("form", "--dept", "NNMT", "--intake").exit_code == 2


def test_an_intake_sheet_comes_back_as_new_issues_of_its_commune_once(filled: Path, cli: Cli) -> None:
    cli("form", "--commune", "Vạn An", "--intake", "--output", "de-xuat.xlsx")
    rows: list[list[object]] = [
        ["Thiếu mặt bằng xây trường mầm non", "Xóm 3 và xóm 5, 420 trẻ", "Đất đai", "Sở Nông nghiệp và Môi trường",
         "TC; XD", date(2025, 12, 31), date(2025, 10, 10), "Đã báo cáo huyện cũ"],
        ["Chậm cấp GCNQSD đất", None, "Đất đai", "Sở Nông nghiệp và Môi trường"],  # VA-1, raised before
        ["Đường liên xã xuống cấp", None, None, "Sở Xây dựng", None, "30/11/2025"],
    ]  # fmt: skip
    back = _intake_fill(Path("de-xuat.xlsx"), rows, "de-xuat-da-dien.xlsx")
    before, other = _commune(filled, "van-an"), (filled / "communes" / "thien-nhan.yaml").read_bytes()
    out = cli("import", str(back))
    assert "+ VA-4 (Vạn An): Thiếu mặt bằng xây trường mầm non" in out
    assert "+ VA-5 (Vạn An): Đường liên xã xuống cấp" in out and "VA-1" not in out
    new = {r["id"]: r for r in _commune(filled, "van-an")["issues"]}
    assert len(new) == len(before["issues"]) + 2
    assert (filled / "communes" / "thien-nhan.yaml").read_bytes() == other  # only its own commune
    va4 = new["VA-4"]
    assert (va4["dept"], va4["support"], va4["category"]) == ("NNMT", ["TC", "XD"], "dat-dai")
    assert (va4["due"], va4["raised_on"], va4["description"]) == (date(2025, 12, 31), date(2025, 10, 10),
                                                                   "Xóm 3 và xóm 5, 420 trẻ")  # fmt: skip
    assert "Đã báo cáo huyện cũ" in va4["history"][0]["note"]
    assert new["VA-5"]["due"] == date(2025, 11, 30)
    after = (filled / "communes" / "van-an.yaml").read_bytes()
    assert "không có gì thay đổi" in cli("import", str(back))  # twice: nothing more
    assert (filled / "communes" / "van-an.yaml").read_bytes() == after


def test_an_intake_row_with_an_unknown_department_is_refused_and_named(filled: Path, cli: Cli) -> None:
    cli("form", "--commune", "Vạn An", "--intake", "--output", "de-xuat.xlsx")
    rows: list[list[object]] = [["Thiếu giáo viên", None, None, "Sở Nội vụ"],
                                ["Thiếu nước sạch", None, None, "Sở Cấp nước"]]  # fmt: skip
    back = _intake_fill(Path("de-xuat.xlsx"), rows, "sai.xlsx")
    before = (filled / "communes" / "van-an.yaml").read_bytes()
    result = cli.result("import", str(back))
    assert result.exit_code != 0
    assert "sai.xlsx[Đề xuất vướng mắc]:7: Cơ quan chủ trì: không nhận ra 'Sở Cấp nước'" in result.output
    assert (filled / "communes" / "van-an.yaml").read_bytes() == before  # nothing written
    book = openpyxl.load_workbook(back)  # a heading typed over (the protection taken off): refused whole
    book.worksheets[0].protection.sheet = False
    book.worksheets[0].cell(ROW - 1, 1, "Xã")
    book.save("sua.xlsx")
    result = cli.result("import", "sua.xlsx")
    assert result.exit_code == 2 and "dòng tiêu đề (dòng 5) bị sửa" in result.output


def test_a_form_is_never_written_into_the_data(cli: Cli, filled: Path) -> None:
    """Through the store's one output writer: an --output inside data/ is refused, nothing written."""
    target = filled / "communes" / "phieu.xlsx"
    result = cli.result("form", "--dept", "NNMT", "--output", str(target))
    assert result.exit_code != 0 and not target.exists()


def test_an_empty_intake_sheet_or_form_imports_nothing_and_says_so(filled: Path, nnmt: Path, cli: Cli) -> None:
    """A commune with no new obstacle sends its intake sheet back blank, a department
    with nothing to report its form: both are answers, not errors (exit 0)."""
    cli("form", "--commune", "Vạn An", "--intake", "--output", "de-xuat.xlsx")
    before = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    for returned in ("de-xuat.xlsx", str(nnmt)):
        result = cli.result("import", returned)
        assert result.exit_code == 0 and "không có gì thay đổi" in result.stdout, result.output
        dry = cli.result("import", returned, "--dry-run")
        assert dry.exit_code == 0 and "(thử: 0 " in dry.stdout
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == before


def test_a_dry_run_with_a_conflict_says_it_and_what_the_other_rows_would_change(
    nnmt: Path, cli: Cli, filled: Path
) -> None:
    cli("update", "VA-1", "--status", "escalated")
    back = _fill(nnmt, {"VA-1": {NEW: "Đang xử lý"}, "TN-2": {NEW: "Đang xử lý", NOTE: "Đã lập dự toán"}})
    before = {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")}
    result = cli.result("import", str(back), "--dry-run")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "tra-loi.xlsx[Phiếu cập nhật]:6: TN-2: Trạng thái: Chưa xử lý → Đang xử lý" in result.stdout, result.stdout
    assert "(thử: 1 dòng thay đổi nếu nhập được; 1 dòng lỗi dưới đây: phiếu chưa nhập được, chưa ghi gì)" in (
        result.stdout
    )
    assert "tra-loi.xlsx[Phiếu cập nhật]:7: VA-1: đã thay đổi sau khi lập phiếu (Trạng thái: " in result.stderr
    assert {p.name: p.read_bytes() for p in (filled / "communes").glob("*.yaml")} == before
    english = cli.result("--lang", "en", "import", str(back), "--dry-run")
    assert (
        english.exit_code == 1 and "if it could be imported" in english.stdout and "nothing written" in english.stdout
    )


def test_a_row_asking_to_extend_an_item_without_a_deadline_names_its_column_and_its_id_once(
    filled: Path, cli: Cli
) -> None:
    cli("add-issue", "--commune", "thien-nhan", "--dept", "NNMT", "--title", "Chưa có hạn", "--raised-on", "2025-09-20")
    cli("form", "--dept", "NNMT", "--output", "phieu.xlsx")
    rows = _rows(openpyxl.load_workbook("phieu.xlsx"))
    undated = next(i for i in rows if i.startswith("TN-") and _record(filled, i).get("due") is None)
    back = _fill(Path("phieu.xlsx"), {undated: {NEW_DUE: "31/01/2026", REASON: "Chờ kinh phí"}})
    result = cli.result("import", str(back))
    assert result.exit_code == 1
    line = f"tra-loi.xlsx[Phiếu cập nhật]:{rows[undated]}: {undated}: Đề nghị thời hạn mới: chưa có thời hạn: "
    assert line in result.stderr, result.stderr
    assert f"{undated}: {undated}" not in result.stderr


def test_a_form_sent_before_an_upgrade_still_imports(nnmt: Path, cli: Cli, filled: Path) -> None:
    from tests.formats.test_form import as_version_1

    as_version_1(nnmt)  # the hidden sheet as the previous version wrote it
    back = _fill(nnmt, {"VA-1": {NEW: "Đang xử lý", NOTE: "Đã làm việc với xã"}})
    assert cli("import", str(back)).splitlines() == [
        "tra-loi.xlsx[Phiếu cập nhật]:7: VA-1: Trạng thái: Chưa xử lý → Đang xử lý; Ghi chú: Đã làm việc với xã"
    ]
    assert _record(filled, "VA-1")["status"] == "in_progress"


@needs_office
def test_a_form_saved_again_by_calc_imports_as_the_one_saved_by_openpyxl(nnmt: Path, cli: Cli, tmp_path: Path) -> None:
    back = _fill(nnmt, {"VA-1": {NEW: "Đã giải quyết", RESULT: "Đã cấp 35 GCNQSD", DONE: "18/10/2025"},
                        "TN-2": {NEW_DUE: "31/01/2026", REASON: "Chờ kinh phí", NUMBER: 45}})  # fmt: skip
    assert SOFFICE
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "calc"), str(back)],
                   check=True, capture_output=True, timeout=240)  # fmt: skip
    again = tmp_path / "calc" / back.name
    assert cli("import", str(again), "--dry-run") == cli("import", str(back), "--dry-run")
