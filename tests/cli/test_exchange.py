"""Excel and CSV in and out, and the Word report: files opened and read back."""

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document
from docx.shared import Pt

from tests.conftest import Cli
from tracker.ops.exchange import LINES_A_NEW_ISSUE


def issue(data: Path, ident: str) -> dict:  # type: ignore[type-arg]
    slug = "van-an" if ident.startswith("VA") else "thien-nhan"
    doc = yaml.safe_load((data / "communes" / f"{slug}.yaml").read_text("utf-8"))
    return next(i for i in doc["issues"] if i["id"] == ident)


def snapshot(data: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted((data / "communes").glob("*.yaml"))}


def test_csv_export_is_utf8_with_bom_and_field_names(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("export", "--format", "csv", "--output", str(tmp_path / "out.csv"), "--dept", "NNMT", "--with-support")
    raw = (tmp_path / "out.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    expected = ["id", "commune", "title", "description", "category", "dept", "support", "status", "priority",
                "raised_on", "due", "owner", "source", "resolution", "resolved_on"]  # fmt: skip
    assert list(rows[0]) == expected
    assert [(r["id"], r["commune"], r["title"], r["support"], r["due"]) for r in rows] == [
        ("VA-1", "van-an", "Chậm cấp GCNQSD đất", "TC", "2025-10-15"),
    ]


def test_xlsx_export_has_a_summary_and_a_sheet_per_lead_department(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("close", "VA-1", "--resolution", "Đã cấp", "--on", "2025-10-14")
    cli("export", "--format", "xlsx", "--output", str(tmp_path / "out.xlsx"), "--as-of", "2025-10-20")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["Tổng hợp", "NV", "TC", "NNMT", "KHCN"]
    summary = book["Tổng hợp"]
    header = [c.value for c in summary[4]]
    assert header[:4] == ["Cơ quan chủ trì", "Tổng số", "Hoàn thành đúng hạn", "Hoàn thành quá hạn"]
    rows = {r[0]: r[1:] for r in summary.iter_rows(min_row=5, values_only=True)}
    assert rows["NNMT — Sở Nông nghiệp và Môi trường"][:2] == (1, 1)
    assert rows["Tổng cộng"][0] == 4
    sheet = book["NNMT"]
    assert [c.value for c in sheet[1]][:3] == ["Mã", "Xã", "Nội dung vướng mắc"]
    assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "B2" and sheet.auto_filter.ref
    row = [c for c in sheet[2]]
    assert row[0].value == "VA-1" and row[2].value == "Chậm cấp GCNQSD đất"
    due = row[5]  # the printed columns first: ID, commune, obstacle, support, status, due, result
    assert due.value == datetime(2025, 10, 15) and due.number_format == "dd/mm/yyyy"
    assert sheet.column_dimensions["C"].width >= len("Chậm cấp GCNQSD đất")


def test_json_export_has_full_records(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("export", "--format", "json", "--output", str(tmp_path / "out.json"))
    records = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert [r["id"] for r in records] == ["TN-1", "VA-1", "VA-2", "VA-3"]
    assert records[1]["history"][0]["note"] == "Tạo mới"


def test_import_adds_updates_and_a_second_import_changes_nothing(cli: Cli, filled: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "xa-gui.csv"
    sheet.write_text(
        "Mã,Xã,Nội dung vướng mắc,Cơ quan chủ trì,Cơ quan phối hợp,Trạng thái,Thời hạn,Người chịu trách nhiệm\n"
        ",Vạn An,Thiếu giáo viên,Sở Nội vụ,GDDT,Chưa xử lý,31/12/2025,Chị Lan\n"
        ",thien nhan,Trạm y tế xuống cấp,YT,,,,\n"
        "VA-2,,Thiếu công chức địa chính,NV,,Đang xử lý,15/11/2025,\n",
        "utf-8-sig",
    )
    out = cli("import", str(sheet), "--by", "Tổ thư ký")
    assert out.splitlines() == [  # in the sheet's order
        "+ VA-4 (Vạn An): Thiếu giáo viên",
        "+ TN-2 (Thiên Nhẫn): Trạm y tế xuống cấp",
        "VA-2: Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025",
    ]
    added = issue(filled, "VA-4")
    assert (added["dept"], added["support"], added["due"], added["owner"]) == (
        "NV",
        ["GDDT"],
        date(2025, 12, 31),
        "Chị Lan",
    )
    updated = issue(filled, "VA-2")
    was = {"status": "open", "due": date(2025, 12, 31)}
    assert updated["history"][-1] == {"date": date(2025, 10, 20), "by": "Tổ thư ký", "status": "in_progress",
                                      "was": was, "note": "Nhập từ xa-gui.csv"}  # fmt: skip
    before = snapshot(filled)
    assert cli("import", str(sheet)).strip() == "không có gì thay đổi"
    assert snapshot(filled) == before
    assert cli("validate").startswith("hợp lệ")


def test_import_reports_every_bad_row_and_writes_nothing(cli: Cli, filled: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "hong.csv"
    sheet.write_text(
        "id,commune,title,dept,due,status\n"
        ",van-an,Được,TC,2025-12-01,open\n"
        ",van-an,Sai ngày,TC,30/02/2025,open\n"
        ",ha-noi,Sai xã,TC,,\n"
        "VA-99,,Không có,TC,,\n"
        ",van-an,Sai cơ quan,SO-LA,,\n"
        ",van-an,Sai trạng thái,TC,,xong\n",
        "utf-8",
    )
    before = snapshot(filled)
    result = cli.result("import", str(sheet))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()[:-1]
    assert problems == [
        "hong.csv:3: due: ngày không hợp lệ '30/02/2025' (YYYY-MM-DD hoặc dd/mm/yyyy)",
        "hong.csv:4: commune: không có xã 'ha-noi' trong dữ liệu; thêm bằng `tracker add-commune`",
        "hong.csv:5: id: không có vướng mắc 'VA-99'",
        "hong.csv:6: dept: không nhận ra 'SO-LA' (xem departments.yaml)",
        "hong.csv:7: status: không nhận ra 'xong' (xem open, in_progress, escalated, resolved, dropped)",
    ]
    assert snapshot(filled) == before
    assert cli.result("import", str(sheet), "--dry-run").exit_code == 1


def test_dry_run_says_what_would_change_and_writes_nothing(cli: Cli, filled: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "moi.csv"
    sheet.write_text("title,dept\nKhó khăn phòng chống dịch bệnh,NNMT\n", "utf-8")
    before = snapshot(filled)
    out = cli("import", str(sheet), "--commune", "Vạn An", "--dry-run")
    assert out.splitlines() == ["+ VA-4 (Vạn An): Khó khăn phòng chống dịch bệnh", "(thử: 1 thay đổi, chưa ghi gì)"]
    assert snapshot(filled) == before


def test_an_exported_workbook_edited_in_excel_imports_back(cli: Cli, filled: Path, tmp_path: Path) -> None:
    path = tmp_path / "vm.xlsx"
    cli("export", "--format", "xlsx", "--output", str(path))
    assert cli("import", str(path)).strip() == "không có gì thay đổi"
    book = openpyxl.load_workbook(path)
    sheet = book["NV"]
    sheet["E2"] = "escalated"  # status, then due: the printed columns come first
    sheet["F2"] = datetime(2026, 1, 15)
    sheet.append([None, "van-an", "Thiếu kinh phí chuyển đổi số", None, None, None, None, "NV"])
    book.save(path)
    out = cli("import", str(path))
    moved = "VA-2: Đồng ý gia hạn: 31/12/2025 → 15/01/2026; Trạng thái: Chưa xử lý → Kiến nghị cấp trên"
    assert out.splitlines() == [moved,
                                "+ VA-4 (Vạn An): Thiếu kinh phí chuyển đổi số"]  # fmt: skip


def test_word_report_is_a4_times_new_roman_with_motto_and_landscape_appendix(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bao-cao.docx"
    cli("report", "--format", "docx", "--output", str(path), "--as-of", "2025-10-20")
    doc = Document(str(path))
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(13))
    first, last = doc.sections[0], doc.sections[-1]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert (round(last.page_width.mm), round(last.page_height.mm)) == (297, 210)
    assert round(first.left_margin.mm) == 30
    header = doc.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "Độc lập - Tự do - Hạnh phúc" in header.cell(0, 1).text
    assert "TỔ CÔNG TÁC SỐ 2" in header.cell(0, 0).text and "Số: …/BC-TCT2" in header.cell(0, 0).text
    assert "Nghệ An, ngày 20 tháng 10 năm 2025" in header.cell(0, 1).text  # under the motto, as Decree 30 puts it
    texts = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in texts
    assert doc.core_properties.author == "Tổ công tác số 2" and doc.core_properties.language == "vi-VN"
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Chậm cấp GCNQSD đất" in cells and "15/10/2025" in cells and "TỔ TRƯỞNG" in "\n".join(cells)
    appendix = doc.tables[-1]
    assert appendix.rows[0]._tr.trPr is not None and "tblHeader" in appendix.rows[0]._tr.trPr.xml


def test_word_tables_keep_line_breaks_tabs_and_empty_cells(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("close", "VA-1", "--resolution", "Đã cấp 35 GCNQSD\nCòn 2 hồ sơ\tchờ bổ sung", "--on", "2025-10-10")
    path = tmp_path / "bao-cao.docx"
    cli("report", "--format", "docx", "--output", str(path), "--as-of", "2025-10-20")
    appendix = [t for t in Document(str(path)).tables if len(t.columns) == 9 and t.cell(0, 0).text == "STT"]
    rows = {row.cells[1].text: [c.text for c in row.cells] for t in appendix for row in t.rows}
    assert rows["VA-1"][-1] == "Đã cấp 35 GCNQSD\nCòn 2 hồ sơ\tchờ bổ sung"
    result = next(row.cells[-1] for t in appendix for row in t.rows if row.cells[1].text == "VA-1")
    assert "<w:br/>" in result._tc.xml and "<w:tab/>" in result._tc.xml  # Word's line break and tab
    assert rows["VA-2"][-1] == "" and rows["VA-2"][5] == ""  # no result, no supporting department
    assert rows["VA-1"][5] == "TC" and rows["VA-1"][4] == "NNMT"  # its lead, then its supporting departments


def test_word_report_needs_an_output_file(cli: Cli, filled: Path) -> None:
    assert "--output" in cli.result("report", "--format", "docx").stderr


def test_a_csv_as_excel_writes_it_and_a_csv_of_one_column(cli: Cli, filled: Path, tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text('id,support\nVA-1,"TC, XD"\n', "utf-8")
    assert "VA-1: Cơ quan phối hợp: TC → TC, XD" in cli("import", str(tmp_path / "a.csv"))
    (tmp_path / "b.csv").write_text("id\nVA-1\n", "utf-8")  # one column: no delimiter to find
    assert cli("import", str(tmp_path / "b.csv")) == "không có gì thay đổi\n"
    (tmp_path / "c.csv").write_text("Nội dung vướng mắc;Cơ quan chủ trì\nDấu chấm phẩy;TC\n", "utf-8")
    assert "+ VA-4 (Vạn An): Dấu chấm phẩy" in cli("import", str(tmp_path / "c.csv"), "--commune", "van-an")


def test_a_cell_past_the_limit_is_refused_with_its_place(cli: Cli, filled: Path, tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_text("title,dept\n" + "x" * 130_000 + ",TC\n", "utf-8")
    result = cli.result("import", str(tmp_path / "big.csv"), "--commune", "van-an")
    assert result.exit_code == 2 and "big.csv:2" in result.stderr and "100,000" in result.stderr


def test_workbooks_past_their_limits_are_refused_before_they_are_read(cli: Cli, filled: Path, tmp_path: Path,
                                                                      monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["title", "dept"])
    for n in range(5):
        sheet.append([f"Dòng {n}", "TC"])
    book.save(tmp_path / "s.xlsx")
    monkeypatch.setattr("tracker.sheets.MAX_UNPACKED", 1000)
    result = cli.result("import", str(tmp_path / "s.xlsx"), "--commune", "van-an")
    assert result.exit_code == 2 and "giải nén" in result.stderr
    monkeypatch.setattr("tracker.sheets.MAX_UNPACKED", 200 * 2**20)
    monkeypatch.setattr("tracker.sheets.MAX_ROWS", 3)
    result = cli.result("import", str(tmp_path / "s.xlsx"), "--commune", "van-an")
    assert result.exit_code == 2 and "quá 3 dòng" in result.stderr


def test_import_names_the_sheets_own_columns_and_every_problem_of_a_row(cli: Cli, filled: Path, tmp_path: Path) -> None:
    sheet = "STT,Nội dung vướng mắc,Cơ quan chủ trì,Thời hạn,Trạng thái,Ghi chú\n1,Mới,Sở Lạ,31/02/2026,Xong rồi,\n"
    (tmp_path / "s.csv").write_text(sheet, "utf-8")
    result = cli.result("import", str(tmp_path / "s.csv"), "--commune", "van-an")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [line.split(": ")[1] for line in lines[:3]] == ["Cơ quan chủ trì", "Thời hạn", "Trạng thái"]
    assert all(line.startswith("s.csv:2: ") for line in lines[:3])
    ok = "STT,Nội dung vướng mắc,Cơ quan chủ trì,Ghi chú,Cột lạ\n1,Mới,TC,Xã đề nghị sớm,x\n"
    (tmp_path / "t.csv").write_text(ok, "utf-8")
    result = cli.result("import", str(tmp_path / "t.csv"), "--commune", "van-an")
    assert result.exit_code == 0
    assert "bỏ qua cột 'STT'" in result.stderr and "bỏ qua cột 'Cột lạ'" in result.stderr
    assert issue(filled, "VA-4")["history"][0]["note"] == "Nhập từ t.csv: Xã đề nghị sớm"


def test_a_formula_cell_is_named_not_read_as_empty(cli: Cli, filled: Path, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "owner"])
    sheet.append(["VA-1", "=A1&B1"])
    book.save(tmp_path / "f.xlsx")
    result = cli.result("import", str(tmp_path / "f.xlsx"))
    assert result.exit_code == 1 and "f.xlsx:2: owner: ô là công thức" in result.stderr


HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "=1+1", "@SUM(1)", "+1", "-1", "'=2+2", "''=3", "'plain"]


def test_formula_like_titles_stay_text_in_both_sheets_and_import_back_exactly(cli: Cli, data: Path,
                                                                             tmp_path: Path) -> None:  # fmt: skip
    for title in HOSTILE:
        cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", title)
    cli("export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"))
    cli("export", "--format", "csv", "--output", str(tmp_path / "x.csv"))
    sheet = openpyxl.load_workbook(tmp_path / "x.xlsx")["TC"]
    cells = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE and {c.data_type for c in cells} == {"s"}
    rows = list(csv.reader(io.StringIO((tmp_path / "x.csv").read_text("utf-8-sig"))))[1:]
    assert [r[2] for r in rows] == ["'" + t if t[0] in "=+-@" or t.startswith(("'=", "''")) else t for t in HOSTILE]
    before = snapshot(data)
    for name in ("x.xlsx", "x.csv"):  # what export wrote, import reads back as it was: nothing changes
        assert cli("import", str(tmp_path / name)) == "không có gì thay đổi\n", name
    assert snapshot(data) == before


def _rewritten(source: Path, target: Path, part: str, change: Callable[[str], str]) -> Path:
    """A copy of the workbook `source` with its `part` (XML) rewritten by `change`."""
    import zipfile

    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _workbook(path: Path, *rows: list[object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_sheet_for_one_commune_cannot_update_another_communes_issue(cli: Cli, filled: Path, tmp_path: Path) -> None:
    """#28.8: TN-1 in a sheet imported for Vạn An (by --commune, or by its commune column)."""
    before = (filled / "communes" / "thien-nhan.yaml").read_bytes()
    (tmp_path / "a.csv").write_text("id,title,dept\nVA-1,Đổi tên,NNMT\nTN-1,Chiếm quyền,NV\n", "utf-8")
    result = cli.result("import", str(tmp_path / "a.csv"), "--commune", "van-an")
    assert result.exit_code == 1
    assert "a.csv:3: id: TN-1 là vướng mắc của xã khác (thien-nhan), không phải của van-an" in result.stderr
    (tmp_path / "b.csv").write_text("id,commune,title\nTN-1,Vạn An,Chiếm quyền\n", "utf-8")
    result = cli.result("import", str(tmp_path / "b.csv"))
    assert result.exit_code == 1 and "b.csv:2: id: TN-1 là vướng mắc của xã khác" in result.stderr
    assert (filled / "communes" / "thien-nhan.yaml").read_bytes() == before
    (tmp_path / "c.csv").write_text("id,commune,title\nTN-1,Thiên Nhẫn,Đúng xã\n", "utf-8")
    cli("import", str(tmp_path / "c.csv"))


def test_an_import_that_would_make_a_file_the_reader_refuses_writes_nothing(
    cli: Cli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """#28.9: rows enough to pass the reader's line limit are refused before any record
    is built, and the store refuses to write any file the reader would refuse."""
    monkeypatch.setattr("tracker.sizes.MAX_LINES", 400)
    monkeypatch.setattr("tracker.yamlio.MAX_LINES", 400)
    before = (filled / "communes" / "van-an.yaml").read_bytes()
    many = "title,dept\n" + "".join(f"Vướng mắc số {n},TC\n" for n in range(40))
    (tmp_path / "many.csv").write_text(many, "utf-8")
    result = cli.result("import", str(tmp_path / "many.csv"), "--commune", "van-an")
    assert result.exit_code == 1, result.output
    assert "40 vướng mắc mới sẽ làm tệp dài ít nhất" in result.stderr and "quá giới hạn 400 dòng" in result.stderr
    fits = (400 - before.count(b"\n")) // LINES_A_NEW_ISSUE  # each takes more lines than the fewest
    some = "title,dept\n" + "".join(f"Vướng mắc số {n},TC\n" for n in range(fits))
    (tmp_path / "some.csv").write_text(some, "utf-8")  # past the first estimate, over the limit once written
    result = cli.result("import", str(tmp_path / "some.csv"), "--commune", "van-an")
    assert result.exit_code == 1, result.output
    assert "data/communes/van-an.yaml: tệp sẽ có" in result.stderr and "quá giới hạn 400 dòng khi đọc" in result.stderr
    assert (filled / "communes" / "van-an.yaml").read_bytes() == before
    cli("list")  # still read


def test_a_blank_heading_is_named_by_its_column_and_many_ignored_columns_by_one_warning(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    """#28.17: a value under a blank heading is named by the column's letter, never
    "None"; a sheet claiming column XFD gives one warning, not 16,382."""
    book = _workbook(tmp_path / "a.xlsx", ["title", "dept", None, "Lạ"], ["Mới", "TC", "x", "y"])
    result = cli.result("import", str(book), "--commune", "van-an")
    assert result.exit_code == 0, result.output
    assert "bỏ qua cột 'C (không có tiêu đề)'" in result.stderr and "None" not in result.stderr
    assert "bỏ qua cột 'Lạ'" in result.stderr
    many = ["title", "dept", *(f"Cột {n}" for n in range(20))]
    result = cli.result("import", str(_workbook(tmp_path / "b.xlsx", many, ["Khác", "TC"])), "--commune", "van-an")
    assert result.exit_code == 0 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "b.xlsx: bỏ qua 20 cột không phải trường nào: 'Cột 0'," in result.stderr
    plain = _workbook(tmp_path / "c.xlsx", ["title", "dept"], ["Thêm nữa", "TC"])
    wide = _rewritten(plain, tmp_path / "wide.xlsx", "xl/worksheets/sheet1.xml",
                      lambda xml: xml.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:XFD2"/>'))  # fmt: skip
    result = cli.result("import", str(wide), "--commune", "van-an")
    assert result.exit_code == 0 and result.stderr.count("\n") <= 1, result.stderr[:300]


@pytest.mark.parametrize("change", [
    lambda xml: xml[: len(xml) // 2],  # truncated
    lambda xml: '<!DOCTYPE x [<!ENTITY a "aaaa">]>' + xml.split("?>", 1)[-1],
])  # fmt: skip
def test_a_workbook_with_broken_or_doctype_xml_is_a_clear_error(
    cli: Cli, filled: Path, tmp_path: Path, change: Callable[[str], str]
) -> None:
    """#28.16: openpyxl fails while reading the rows, not when opening: named, exit 2."""
    plain = _workbook(tmp_path / "a.xlsx", ["title", "dept"], *[[f"Dòng {n}", "TC"] for n in range(50)])
    bad = _rewritten(plain, tmp_path / "bad.xlsx", "xl/worksheets/sheet1.xml", change)
    result = cli.result("import", str(bad), "--commune", "van-an")
    assert result.exit_code == 2, result.output
    assert "bad.xlsx: không đọc được tệp Excel" in result.stderr and "không mong đợi" not in result.stderr


def test_a_sheet_with_notes_imported_twice_changes_nothing_the_second_time(cli: Cli, filled: Path,
                                                                             tmp_path: Path) -> None:  # fmt: skip
    """A "Ghi chú" already recorded by an import is not added again, whatever the file is called (#33.4)."""
    sheet = tmp_path / "xa-gui.csv"
    sheet.write_text("Mã,Xã,Nội dung vướng mắc,Cơ quan chủ trì,Ghi chú\n"
                     ",Vạn An,Thiếu giáo viên,GDDT,Xã gửi ngày 01/10\n"
                     "VA-2,,,,Sở đã trả lời\n", "utf-8")  # fmt: skip
    cli("import", str(sheet))
    before = snapshot(filled)
    assert cli("import", str(sheet)).strip() == "không có gì thay đổi"
    again = tmp_path / "xa-gui (1).csv"  # the same sheet, downloaded again
    again.write_text(sheet.read_text("utf-8").replace("Sở đã trả lời", "Sở  đã trả lời "), "utf-8")
    assert cli("import", str(again)).strip() == "không có gì thay đổi"
    assert snapshot(filled) == before
    assert [h.get("note") for h in issue(filled, "VA-2")["history"]][-1] == "Nhập từ xa-gui.csv: Sở đã trả lời"
    cli("update", "VA-2", "--note", "Sở đã trả lời thêm")
    newer = tmp_path / "tuan-sau.csv"
    newer.write_text("Mã,Ghi chú\nVA-2,Sở đã trả lời thêm\n", "utf-8")
    assert cli("import", str(newer)).startswith("VA-2: ghi chú: Sở đã trả lời thêm")  # a new note of a sheet


def test_a_past_deadline_without_a_date_raised_names_the_row_and_the_column_to_add(cli: Cli, filled: Path,
                                                                                   tmp_path: Path) -> None:  # fmt: skip
    """Not the unknown VA-4 and ISO dates, but the sheet's row, dd/mm/yyyy, and the fix (#33.8)."""
    sheet = tmp_path / "van-an.csv"
    sheet.write_text("Nội dung vướng mắc,Cơ quan chủ trì,Thời hạn\nThiếu giáo viên,GDDT,30/09/2025\n", "utf-8")
    result = cli.result("import", str(sheet), "--commune", "Vạn An")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "van-an.csv:2: Thời hạn: thời hạn 30/09/2025 đã qua; không có ngày nêu, vướng mắc mới được coi là nêu hôm nay "
        '(20/10/2025): thêm cột "Ngày nêu" ghi ngày xã nêu vướng mắc'
    )
    sheet.write_text("Nội dung vướng mắc,Cơ quan chủ trì,Thời hạn,Ngày nêu\nThiếu giáo viên,GDDT,30/09/2025,"
                     "20/09/2025\n", "utf-8")  # fmt: skip
    assert cli("import", str(sheet), "--commune", "Vạn An").startswith("+ VA-4")
