"""A workbook's sheets read fast, by calamine (Rust), when they are plain: no formula,
no error cell, no cell far out. A returned form of 5,000 rows is read in a tenth of
the time of openpyxl's reader; anything else is left to openpyxl (sheets.py), which
tells the cases apart and names what is wrong.

`tracker import FORM` begins the read before Typer parses the line (`read_ahead`,
from cli/exchange.py's `read_ahead_of`): the checks run at once (they hold Python's
lock: in a thread they would only take turns with the imports), and calamine parses
in a thread of its own, without the lock, while Typer's imports go on; `plain_values`
then makes the values from what it parsed (making Python objects holds the lock too).
"""

from __future__ import annotations

import re
import threading
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tracker.sheets import checked

Plain = dict[str, list[list[Any]]]
Wanted = list[int | str]  # sheets by position or title

# What in a sheet's XML is a formula (`<f>`, `<x:f …>`) or an error cell (`t="e"`):
# calamine reads the first as its cached value (or empty) and the second as empty, so
# neither is left to it. Nor is a sheet whose cells might lie far apart: calamine holds
# every cell from the first used to the last, so `A1` and `XFD99999` would take
# gigabytes (it aborted the process), where openpyxl reads row by row.
# What is let through is said positively, as Excel, LibreOffice and openpyxl write a
# cell: its place first, quoted so, at most column Z and row 99,999, then only its
# style and a type that is not an error (`<c r="M7" s="6" t="s">`). A place written
# otherwise (`r='XFD1'`, `r = "AA1"`, an entity), a second one, any other attribute,
# none (a cell placed by counting), or a cell or a formula under a prefix (`<xm:f>` is
# not a cell's: Excel writes a drop-down's list or a rule's condition so): openpyxl.
# Each pattern starts with a literal, which `re` finds fast (a few ms a megabyte; one
# pattern of alternatives took 30 times as long); one found only sends the file to
# openpyxl. (The look-behind follows `f`: put first, it would be tried at every byte.)
_CELL = rb'<c(?=[\s/>])(?! r="[A-Z]\d{1,5}"(?: s="\d*"| t="(?!e")\w*")*/?>)'  # a cell not as written so
_NOT_PLAIN = tuple(re.compile(p) for p in (rb"<f[\s/>]", rb":(?:c|f(?<!xm:f))[\s/>]", _CELL))


def plain_values(path: Path, wanted: Wanted) -> Plain | None:
    """Sheets of a workbook, by title, as rows from the first, each cell as openpyxl's
    values give it (None where empty, a whole number an int, a date a datetime). None
    when a sheet holds a formula or an error cell, a sheet is missing, or calamine
    cannot read the file. What `read_ahead` began for the same file, unchanged since,
    and the same sheets is waited for and taken."""
    ahead = _AHEAD.pop((str(path), tuple(wanted)), None)
    if ahead is not None:
        ahead.join()
        if ahead.stamp == _stamp(path):  # the file it read is the file asked for
            return _values(ahead.taken())
    checked(path)
    return _values(_parsed(path, wanted) if _plain(path) else None)


def read_ahead(path: Path, wanted: Wanted) -> None:
    """Check `path` now and begin parsing its sheets in a thread, for `plain_values`
    to take (a check's error too, said then)."""
    key = (str(path), tuple(wanted))
    if key not in _AHEAD:
        _AHEAD[key] = _Ahead(path, wanted)


class _Ahead:
    """One read begun ahead. Its thread is no daemon: the interpreter waits for it at
    exit rather than cut calamine off mid-parse."""

    def __init__(self, path: Path, wanted: Wanted) -> None:
        self.stamp = _stamp(path)
        self.parsed: dict[str, Any] | None = None
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None
        try:
            checked(path)
            plain = _plain(path)  # here: looking holds Python's lock, and must come before calamine's parse
        except Exception as exc:  # said when the read is taken, as it would have been
            self.error = exc
            return
        if plain:
            self._thread = threading.Thread(target=self._run, args=(path, wanted), name="read-ahead")
            self._thread.start()

    def _run(self, path: Path, wanted: Wanted) -> None:
        self.parsed = _parsed(path, wanted)

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def taken(self) -> dict[str, Any] | None:
        if self.error is not None:
            raise self.error
        return self.parsed


_AHEAD: dict[tuple[str, tuple[int | str, ...]], _Ahead] = {}


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_ino, found.st_size, found.st_mtime_ns


def _plain(path: Path) -> bool:
    """Whether calamine may read `path`, which passed the checks every workbook
    passes (sheets.checked): no part of it holds what `_NOT_PLAIN` finds. Every part,
    not only `xl/worksheets/*.xml`: calamine takes a sheet from wherever the workbook's
    relationships say (`xl/evil/s.XML`, or `xl\\worksheets\\sheet1.xml`, which its zip
    reader takes for the usual name). A part with a zero byte (an image, a printer's
    settings, or a text in UTF-16) is looked at in its even and its odd bytes too,
    where UTF-16's ASCII lies."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                texts = (data, data[0::2], data[1::2]) if b"\0" in data else (data,)
                if any(mark.search(text) for text in texts for mark in _NOT_PLAIN):
                    return False
    except Exception:  # not a zip, or a part that does not unpack: openpyxl says what
        return False
    return True


def _parsed(path: Path, wanted: Wanted) -> dict[str, Any] | None:
    """The wanted sheets of a plain workbook (`_plain`, looked at before: calamine must
    never see a sheet whose cells lie far apart) parsed by calamine, title → its sheet;
    None when calamine cannot read it. It runs without Python's lock."""
    from python_calamine import CalamineWorkbook

    try:
        with CalamineWorkbook.from_path(str(path)) as book:
            return {
                sheet.name: sheet
                for sheet in (book.get_sheet_by_index(w) if isinstance(w, int) else book.get_sheet_by_name(w)
                              for w in wanted)
            }  # fmt: skip
    except Exception:  # a file that is not a workbook, a sheet missing, or one calamine reads otherwise
        return None


def _values(parsed: dict[str, Any] | None) -> Plain | None:
    if parsed is None:
        return None
    return {title: [[(v or None) if v.__class__ is str else _as_openpyxl(v) for v in row]
                    for row in sheet.to_python(skip_empty_area=False)]
            for title, sheet in parsed.items()}  # fmt: skip


def _as_openpyxl(value: Any) -> Any:
    """A calamine value as openpyxl gives it (an xlsx keeps every number as a float)."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value
