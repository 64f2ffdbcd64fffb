"""Spreadsheets in, for `import`: CSV and XLSX rows by field name. Columns named by
the data's own field names (what `export` writes), the headings `export` writes in
either language, and the usual Vietnamese headings are understood; a column that
is not is named, never dropped without a word. (Writing sheets is formats/.)

Every input has a limit checked before it is read in full: the file's size, a
workbook's uncompressed size, the number of rows, the length of a cell.
"""

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
    "ghi chu": "note", "note": "note",
}  # fmt: skip

WORKBOOKS = (".xlsx", ".xlsm")  # what is read as an Excel workbook, by its suffix
MAX_FILE = 50 * 2**20  # bytes of a CSV, or of a workbook as stored
MAX_UNPACKED = 200 * 2**20  # bytes of a workbook's parts once decompressed
MAX_ROWS = 100_000  # data rows in one file
MAX_CELL = 100_000  # characters in one cell: the longest text a record may hold


@dataclass
class SheetRow:
    """One data row: where it is (for messages), its cells by field name, the
    sheet's own heading of each field, and the fields whose cell is a formula."""

    where: str  # "file.xlsx[NNMT]" or "file.csv"
    number: int  # the row number the spreadsheet shows
    cells: dict[str, Any]
    headings: dict[str, str] = field(default_factory=dict)
    formulas: list[str] = field(default_factory=list)


@dataclass
class Sheet:
    """What a file holds: its rows, and the columns that name no field."""

    rows: list[SheetRow]
    ignored: list[tuple[str, str]]  # (where, heading)


def heading_table() -> dict[str, str]:
    """Folded heading → field: the usual headings, and every column heading
    `export` writes, in Vietnamese and English."""
    from tracker.wording import BASE

    table = dict(HEADINGS)
    for words in BASE.values():
        table |= {fold(text): name for name, text in words["columns"].items()}
    return table


def field_for(heading: object, table: dict[str, str] | None = None) -> str | None:
    """The field a column heading names: a field name, or a heading people use."""
    text = str(heading or "").strip()
    if text in COLUMNS:
        return text
    return (table if table is not None else heading_table()).get(fold(text).rstrip(" :*"))


def _too_big(path: Path) -> None:
    if path.stat().st_size > MAX_FILE:
        raise UsageError(tr(f"{path}: tệp quá lớn (tối đa {MAX_FILE // 2**20} MB)",
                            f"{path}: file too large (at most {MAX_FILE // 2**20} MB)"))  # fmt: skip


def read(path: Path) -> Sheet:
    """Every data row of a CSV or XLSX file; a sheet whose headings name no field
    (a summary, a cover page) is left out."""
    if not path.is_file():
        raise UsageError(tr(f"không có tệp {path}", f"no file {path}"))
    _too_big(path)
    suffix = path.suffix.lower()
    ignored: list[tuple[str, str]] = []
    if suffix == ".csv":
        rows = _limited(path, _read_csv(path, ignored))
    elif suffix in WORKBOOKS:
        rows = _limited(path, _read_xlsx(path, ignored))
    else:
        raise UsageError(tr(f"{path}: chỉ nhận tệp .csv hoặc .xlsx", f"{path}: only .csv or .xlsx files"))
    return Sheet(rows, ignored)


def _limited(path: Path, rows: Iterator[SheetRow]) -> list[SheetRow]:
    out = []
    for row in rows:
        out.append(row)
        if len(out) > MAX_ROWS:
            raise UsageError(tr(f"{path}: quá {MAX_ROWS:,} dòng; hãy chia thành nhiều tệp",
                                f"{path}: more than {MAX_ROWS:,} rows; split it into several files"))  # fmt: skip
    return out


def column_letter(index: int) -> str:
    """The letter a spreadsheet shows above column `index` (from 0): A, Z, AA, XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _rows(where: str, grid: Iterator[tuple[Any, ...]], ignored: list[tuple[str, str]],
          formula: Any = None, first: int = 1) -> Iterator[SheetRow]:  # fmt: skip
    """The rows below the heading row (`first`, the row number the spreadsheet shows)."""
    header = next(grid, None)
    if header is None:
        return
    table = heading_table()
    raw = [formula.text(h) if formula else h for h in header]
    texts = [str(h).strip() if h is not None else "" for h in raw]  # a blank heading is blank, not "None"
    fields = [field_for(h, table) for h in texts]
    if not {"title", "id"} & set(fields):
        return
    ignored += [(where, h) for h, f in zip(texts, fields, strict=True) if h and f is None]
    headings = {f: h for h, f in zip(texts, fields, strict=True) if f}
    unheaded: dict[int, None] = {}  # columns without a heading that hold a value: named by their letter
    for number, values in enumerate(grid, first + 1):
        cells: dict[str, Any] = {}
        formulas = []
        for index, (name, value) in enumerate(zip(fields, values, strict=False)):
            if formula is not None:
                if formula.is_formula(value):
                    formulas.append(name or "")
                    continue
                value = formula.value(value)
            if value in (None, ""):
                continue
            if name:
                cells[name] = value
            elif not texts[index]:
                unheaded[index] = None
        if cells or formulas:
            yield SheetRow(where, number, cells, headings, [f for f in formulas if f])
    ignored += [(where, tr(f"{column_letter(i)} (không có tiêu đề)", f"{column_letter(i)} (no heading)"))
                for i in sorted(unheaded)]  # fmt: skip


# A spreadsheet reads a cell starting with one of these as a formula (OWASP's "CSV
# injection"): a title `=HYPERLINK(…)` would become a link, `=1+1` a 2.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _looks_live(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula (or as one guarded once more)."""
    return text.startswith(_FORMULA_START) or (text.startswith("'") and _looks_live(text[1:]))


# Text starting otherwise never needs `guard` (a quick test for a million cells).
MAY_NEED_GUARD = (*_FORMULA_START, "'")


def guard(text: str) -> str:
    """A CSV cell that stays text in Excel and Calc: `'` before what would start a
    formula (and before a `'` that already guards one, so that `unguard` is exact)."""
    return "'" + text if _looks_live(text) else text


def unguard(text: str) -> str:
    """The text `guard` was given: what `export` writes, `import` reads back exactly."""
    return text[1:] if text.startswith("'") and _looks_live(text[1:]) else text


def _delimiter(first_line: str) -> str:
    """The delimiter of a CSV: of `,` `;` and tab, the one its heading line holds most
    of (Excel writes `;` where the decimal mark is a comma); `,` for one column."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path, ignored: list[tuple[str, str]]) -> Iterator[SheetRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(tr(f"{path}: tệp CSV phải là UTF-8 (Excel: Lưu dạng 'CSV UTF-8')",
                            f"{path}: the CSV file must be UTF-8 (Excel: save as 'CSV UTF-8')")) from None  # fmt: skip
    csv.field_size_limit(MAX_CELL + 1)
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text.split("\n", 1)[0]))
    try:
        yield from _rows(path.name, (tuple(unguard(cell) for cell in r) for r in reader), ignored)
    except csv.Error as exc:
        where = f"{path}:{reader.line_num}"
        message = tr(
            f"{where}: không đọc được CSV ({exc}; một ô dài tối đa {MAX_CELL:,} ký tự)",
            f"{where}: cannot read the CSV ({exc}; a cell holds at most {MAX_CELL:,} characters)",
        )
        raise UsageError(message) from None


class _Cells:
    """How a workbook's cells read: a formula is named, never read as empty; text is
    text, even when it starts with `=`."""

    @staticmethod
    def is_formula(cell: Any) -> bool:
        return getattr(cell, "data_type", None) == "f"

    @staticmethod
    def value(cell: Any) -> Any:
        return getattr(cell, "value", cell)

    @staticmethod
    def text(cell: Any) -> Any:
        return getattr(cell, "value", cell)


def checked(path: Path) -> None:
    """The checks a workbook passes before it is opened: it exists, is not too big,
    does not unpack too big, declares no DOCTYPE (for readers of other workbooks)."""
    if not path.is_file():
        raise UsageError(tr(f"không có tệp {path}", f"no file {path}"))
    _too_big(path)
    _unpacked_size(path)


def _unpacked_size(path: Path) -> None:
    """A workbook is a zip: refuse one that would decompress beyond the limit
    (a small file can hold a gigabyte of text)."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total <= MAX_UNPACKED:
                _no_doctype(path, archive)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return  # not a zip: openpyxl says so below
    if total > MAX_UNPACKED:
        raise UsageError(tr(f"{path}: tệp Excel giải nén ra {total // 2**20} MB (tối đa {MAX_UNPACKED // 2**20} MB)",
                            f"{path}: the workbook unpacks to {total // 2**20} MB "
                            f"(at most {MAX_UNPACKED // 2**20} MB)"))  # fmt: skip


def _unreadable(path: Path, why: object) -> UsageError:
    return UsageError(tr(f"{path}: không đọc được tệp Excel ({why})", f"{path}: not a readable Excel file ({why})"))


def _no_doctype(path: Path, archive: zipfile.ZipFile) -> None:
    """Excel never writes a DOCTYPE: a part declaring one (entities, external ones) is
    refused, whatever the XML parser would make of it."""
    for info in archive.infolist():
        with archive.open(info) as part:
            head = part.read(4096)
        if b"<!doctype" in head.lower():
            raise _unreadable(path, tr(f"{info.filename} khai báo DOCTYPE", f"{info.filename} declares a DOCTYPE"))


def _read_xlsx(path: Path, ignored: list[tuple[str, str]]) -> Iterator[SheetRow]:
    with opened(path) as book:
        many = len(book.sheetnames) > 1
        for sheet in book.worksheets:
            where = f"{path.name}[{sheet.title}]" if many else path.name
            yield from _rows(where, sheet.iter_rows(), ignored, _Cells())


def sheet_rows(path: Path, sheet: Any, heading_row: int) -> Sheet:
    """The data rows of one worksheet of an open workbook whose headings are on
    `heading_row` (a form's, below its title), read as `read` reads a sheet."""
    ignored: list[tuple[str, str]] = []
    where = f"{path.name}[{sheet.title}]"
    rows = _limited(path, _rows(where, sheet.iter_rows(min_row=heading_row), ignored, _Cells(), heading_row))
    return Sheet(rows, ignored)


@contextmanager
def opened(path: Path) -> Iterator[Any]:
    """A workbook opened read-only, once it passed the checks (`checked`); a file that
    is not one, or whose XML breaks as it is read, is a UsageError naming it."""
    import openpyxl

    checked(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _unreadable(path, exc) from None
    try:
        yield book
    except UsageError:
        raise
    except Exception as exc:  # a sheet's XML truncated or malformed shows only as its rows are read
        raise _unreadable(path, f"{type(exc).__name__}: {exc}") from None
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
