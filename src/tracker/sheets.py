"""Spreadsheets in, for `import`: CSV and XLSX rows by field name. Columns named by
the data's own field names (what `export` writes) and the usual Vietnamese headings
are understood. (Writing them is formats/csv.py and formats/xlsx.py.)"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.text import fold

COLUMNS = ["id", "commune", "title", "description", "category", "dept", "support", "status", "priority",
           "raised_on", "due", "owner", "source", "resolution", "resolved_on"]  # fmt: skip
DATE_COLUMNS = {"raised_on", "due", "resolved_on"}
# Headings a commune's own sheet may use, folded (no diacritics, lower case).
HEADINGS = {
    "ma": "id", "ma so": "id", "stt/ma": "id",
    "xa": "commune", "xa, phuong": "commune", "don vi": "commune", "ten xa": "commune",
    "noi dung": "title", "noi dung vuong mac": "title", "vuong mac": "title", "ten vuong mac": "title",
    "mo ta": "description", "chi tiet": "description",
    "nhom": "category", "nhom vuong mac": "category", "linh vuc": "category",
    "co quan chu tri": "dept", "chu tri": "dept", "don vi chu tri": "dept",
    "co quan phoi hop": "support", "phoi hop": "support", "don vi phoi hop": "support",
    "trang thai": "status", "tinh trang": "status",
    "muc uu tien": "priority", "uu tien": "priority",
    "ngay neu": "raised_on", "ngay phat sinh": "raised_on",
    "thoi han": "due", "han xu ly": "due", "han": "due",
    "nguoi chiu trach nhiem": "owner", "nguoi phu trach": "owner",
    "nguon": "source", "ket qua": "resolution", "ket qua xu ly": "resolution",
    "ngay giai quyet": "resolved_on", "ngay hoan thanh": "resolved_on",
}  # fmt: skip


@dataclass
class SheetRow:
    """One data row: where it is (for messages) and its cells by field name."""

    where: str  # "file.xlsx[NNMT]" or "file.csv"
    number: int  # the row number the spreadsheet shows
    cells: dict[str, Any]


def field_for(heading: object) -> str | None:
    """The field a column heading names: a field name, or a Vietnamese heading."""
    text = str(heading or "").strip()
    if text in COLUMNS:
        return text
    return HEADINGS.get(fold(text).rstrip(" :*"))


def read(path: Path) -> list[SheetRow]:
    """Every data row of a CSV or XLSX file; a sheet whose headings name no field
    (a summary, a cover page) is left out."""
    if not path.is_file():
        raise UsageError(tr(f"không có tệp {path}", f"no file {path}"))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(_read_csv(path))
    if suffix in (".xlsx", ".xlsm"):
        return list(_read_xlsx(path))
    raise UsageError(tr(f"{path}: chỉ nhận tệp .csv hoặc .xlsx", f"{path}: only .csv or .xlsx files"))


def _rows(where: str, grid: Iterator[tuple[Any, ...]]) -> Iterator[SheetRow]:
    header = next(grid, None)
    if header is None:
        return
    fields = [field_for(h) for h in header]
    if not {"title", "id"} & set(fields):
        return
    for number, values in enumerate(grid, 2):
        cells = {f: v for f, v in zip(fields, values, strict=False) if f and v not in (None, "")}
        if cells:
            yield SheetRow(where, number, cells)


def _read_csv(path: Path) -> Iterator[SheetRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(tr(f"{path}: tệp CSV phải là UTF-8 (Excel: Lưu dạng 'CSV UTF-8')",
                            f"{path}: the CSV file must be UTF-8 (Excel: save as 'CSV UTF-8')")) from None  # fmt: skip
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    yield from _rows(path.name, (tuple(r) for r in csv.reader(io.StringIO(text), dialect)))


def _read_xlsx(path: Path) -> Iterator[SheetRow]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(
            tr(f"{path}: không đọc được tệp Excel ({exc})", f"{path}: not a readable Excel file ({exc})")
        ) from None
    try:
        many = len(book.sheetnames) > 1
        for sheet in book.worksheets:
            where = f"{path.name}[{sheet.title}]" if many else path.name
            yield from _rows(where, sheet.iter_rows(values_only=True))
    finally:
        book.close()


def cell_date(value: Any) -> date:
    """A date from a cell: an Excel date, ISO text, or dd/mm/yyyy."""
    from tracker.dates import parse_date

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value), "")


def cell_list(value: Any) -> list[str]:
    """`TC; XD` or `TC, XD` as a list."""
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]
