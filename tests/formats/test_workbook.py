"""formats/workbook.py: what the update form and the intake sheet share: their page
and help sheet, the height of a row, an `&` kept in a page's head."""

from pathlib import Path

from tracker.formats import workbook
from tracker.wording import labels


def test_a_long_text_takes_as_many_lines_as_its_column_needs() -> None:
    assert workbook.lines("ngắn", 10) == 1
    assert workbook.lines("x" * 30, 10) == 3 and workbook.lines("a\nb\n", 10) == 3
    assert workbook.escape("Sở Tài chính & Kế hoạch") == "Sở Tài chính && Kế hoạch"


def test_the_page_and_the_help_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    book = Workbook()
    sheet = book.active
    workbook.page(sheet, "A1:C9", 5, "Phiếu & mẫu", "Sở Tài chính", labels("vi"), "Mã phiếu 1")
    workbook.help_sheet(book, "Hướng dẫn" * 5, ["HƯỚNG DẪN", "", "1. Điền ô nền vàng."], 0)
    workbook.fill_hidden(book.create_sheet("_an"), [["mark", 1], ["=1+1", "text"]])
    book.save(tmp_path / "x.xlsx")
    again = load_workbook(tmp_path / "x.xlsx")
    help_sheet, sheet = again.worksheets[0], again.worksheets[1]
    assert help_sheet.title == ("Hướng dẫn" * 5)[:31] and help_sheet["A1"].font.bold
    assert help_sheet.protection.sheet and help_sheet.page_setup.orientation == "landscape"
    assert sheet.oddHeader.left.text == "&BPhiếu && mẫu" and sheet.oddFooter.right.text == "Trang &P / &N"
    assert sheet.print_title_rows == "$5:$5" and sheet.page_setup.fitToWidth == 1
    assert again["_an"]["A2"].value == "=1+1" and again["_an"]["A2"].data_type == "s"  # text, never a formula
    assert workbook.has_sheet(tmp_path / "x.xlsx", "_an") and not workbook.has_sheet(tmp_path / "x.xlsx", "khác")
