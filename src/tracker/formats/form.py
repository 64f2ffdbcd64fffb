"""The update form (phiếu cập nhật) a department or a commune fills in and sends back,
and its reading back (`tracker form`, `tracker import`).

One visible sheet: the items not done that the recipient leads, their identifying
columns locked (ID, commune, item, deadline, status), the columns to fill unlocked
and shaded (a new status from a drop-down, the result, the date done, a new deadline
asked for and its reason, the reply document's number and date, a note); the sheet
is protected without a password, so only those cells take input. A second sheet
tells how to fill it in. A third, very hidden (`veryHidden`: Excel and Calc list
it nowhere), keeps what reading it back needs: the recipient, the as-of day, the
form's version and key, and each row as it was sent with its fingerprint (ops/forms.py),
as JSON, compressed, in base64 in a few long cells (version 2): a cell a value (version
1, still read) made a national form's hidden sheet 34,000 cells that took longer to read
than the rest.
It prints on A4 landscape as the export does (formats/xlsx.py), its heading row on
every page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from tracker import fastsheets, sheets
from tracker.errors import UsageError
from tracker.formats import workbook
from tracker.i18n import tr
from tracker.wording import Labels, date_label, fill, labels

VERSION = 2
READS = (1, 2)  # the versions read back: a form sent before an upgrade still comes back
CHUNK = 30_000  # characters of the rows' JSON a hidden cell holds (Excel keeps 32,767 in a cell)
MARK = "tracker-form"  # the hidden sheet's first cell
HIDDEN = "_tracker"
LOCKED = ["id", "commune", "title", "due", "status"]
FILLED = ["new_status", "result", "done_on", "new_due", "reason", "doc_number", "doc_date", "note"]
COLUMNS = [*LOCKED, *FILLED]
DATES = {"due", "done_on", "new_due", "doc_date"}
# Column widths (in characters): 177 in all, which A4 landscape fits at about 89 %, so
# 11-point text prints at 9.8 points.
WIDTHS = {"id": 9, "commune": 11, "title": 32, "due": 11, "status": 12, "new_status": 15, "result": 22,
          "done_on": 11, "new_due": 11, "reason": 16, "doc_number": 14, "doc_date": 11, "note": 12}  # fmt: skip
HEAD = 5  # the heading row
_SHEETS: list[int | str] = [0, HIDDEN]  # the sheets read back: the visible one, the hidden one


class FormRow(NamedTuple):
    """One item as the form sends it (a tuple: a national form reads back thousands)."""

    id: str
    plan: bool  # an action-plan item (its statuses are a plan's)
    commune: str  # the commune's name
    title: str
    due: date | None
    status: str  # as stored
    fingerprint: str  # ops/forms.fingerprint of the record as it was sent


@dataclass
class Form:
    """Whom the form is for, the day its figures count to, and its rows."""

    kind: str  # "dept" or "commune"
    code: str  # the department's code, or the commune file's slug
    name: str  # the recipient, as a letter names it
    as_of: date
    made_on: date
    rows: list[FormRow]
    version: int = VERSION
    key: str = field(default="")

    def __post_init__(self) -> None:
        if not self.key:
            self.key = form_key(self)


def form_key(form: Form) -> str:
    """The form's own mark, ten hex digits of a digest of what it sent: the history
    of each change it brings names it, so that the same form imported twice is seen."""
    sent = [form.kind, form.code, form.as_of.isoformat(), form.made_on.isoformat(),
            [[r.id, r.fingerprint] for r in form.rows]]  # fmt: skip
    return hashlib.sha256(json.dumps(sent, ensure_ascii=False).encode()).hexdigest()[:10]


@dataclass
class Answer:
    """A row of a returned form: its row number in the sheet and its cells by column
    (`COLUMNS`), None where empty; `formulas` the columns holding a formula."""

    number: int
    cells: dict[str, Any]
    formulas: list[str] = field(default_factory=list)

    def filled(self) -> bool:
        get = self.cells.get  # a loop, not any(): a national form asks it of thousands of rows
        for column in FILLED:
            value = get(column)
            if value is not None and value != "":
                return True
        return False


@dataclass
class Returned:
    """A form as it came back: the form as the hidden sheet keeps it, its answers (the
    rows filled in, and any whose locked cells do not read as sent), and the IDs of the
    rows that came back as they were sent, nothing filled in (most of a national form:
    nothing to check or apply)."""

    form: Form
    answers: list[Answer]
    where: str  # the sheet, for messages: "phieu.xlsx[Phiếu cập nhật]"
    untouched: set[str] = field(default_factory=set)


def write_form(form: Form, L: Labels) -> bytes:
    """The workbook of `form`, in the language of `L`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill, Protection

    words = L.form
    book = Workbook()
    sheet: Any = book.active
    sheet.title = words["sheet"][:31]
    last = workbook.letter(len(COLUMNS))
    meta = fill(words["meta"], date=date_label(form.as_of, L.lang), key=form.key, version=form.version)
    heads = [words["title"], fill(words["to"], name=form.name), meta, words["hint"]]
    # the heading row three lines high: "Đề nghị thời hạn mới" takes three
    workbook.head(sheet, heads, [words["columns"][c] for c in COLUMNS], [WIDTHS[c] for c in COLUMNS],
                  [c in LOCKED for c in COLUMNS], 3)  # fmt: skip
    wrapped = Alignment(wrap_text=True, vertical="top")
    yellow = PatternFill("solid", fgColor=workbook.INPUT)
    issue_words = [L.status_word(s) for s in L.status]
    plan_words = [L.status_word(s, plan=True) for s in L.plan_status]
    lists = {False: _choice(issue_words, words["status_error"]), True: _choice(plan_words, words["status_error"])}
    days = workbook.date_check(L)
    for check in (*lists.values(), days):
        sheet.add_data_validation(check)
    unlocked = Protection(locked=False)
    looks: dict[int, Any] = {}  # a column's look, made once and copied to each of its cells
    for n, row in enumerate(form.rows, HEAD + 1):
        values = _locked_cells(row, L)
        lines = 2  # room to write by hand on paper
        for m, (column, value) in enumerate(zip(COLUMNS, values + [None] * len(FILLED), strict=True), 1):
            cell = sheet.cell(n, m, value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text (a title `=1+1` is no formula)
                lines = max(lines, workbook.lines(value, WIDTHS[column]))
            if m in looks:
                # openpyxl hashes every style object set on a cell: copying the first
                # row's style indices makes a national form of thousands of rows 2× faster
                cell._style = copy(looks[m])
                continue
            cell.alignment = wrapped
            if column in DATES:
                cell.number_format = "dd/mm/yyyy"
            if column in FILLED:
                cell.protection, cell.fill = unlocked, yellow
            looks[m] = copy(cell._style)
        sheet.row_dimensions[n].height = workbook.LINE * lines
    # A check is given whole ranges, not a cell a row: openpyxl compares each cell added
    # with every range held (a national form of thousands of rows took minutes).
    status = workbook.letter(COLUMNS.index("new_status") + 1)
    for plan, check in lists.items():
        for first, last_row in _runs([n for n, row in enumerate(form.rows, HEAD + 1) if row.plan == plan]):
            check.add(f"{status}{first}:{status}{last_row}")
    if form.rows:
        for column in ("done_on", "new_due", "doc_date"):
            at = workbook.letter(COLUMNS.index(column) + 1)
            days.add(f"{at}{HEAD + 1}:{at}{HEAD + len(form.rows)}")
    end = HEAD + max(len(form.rows), 1)
    sheet.freeze_panes = f"D{HEAD + 1}"
    workbook.protect(sheet)
    foot = f"{L.as_of} {date_label(form.as_of, L.lang)} · {form.key}"
    workbook.page(sheet, f"A1:{last}{end}", HEAD, L.form["sheet"], form.name, L, foot)
    workbook.help_sheet(book, L.form["help_sheet"], [fill(t, name=form.name, date=date_label(form.as_of, L.lang))
                                            for t in L.form["help"]])  # fmt: skip
    _hidden(book, form)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _locked_cells(row: FormRow, L: Labels) -> list[Any]:
    """A row's locked cells as the form writes them: ID, commune, item, deadline, status in words."""
    return [row.id, row.commune, _item(row, L.form["plan_task"]), row.due, L.status_word(row.status, row.plan)]


def _item(row: FormRow, task: str) -> str:
    """The item as the form shows it: a plan item's title marked as one ("Nhiệm vụ: …")."""
    return task + row.title if row.plan else row.title


class _AsSent:
    """The locked cells of each row as they read back untouched (a date a datetime, an
    empty cell None), by ID: in the first of `languages`, then, for a row that does not
    read so, in the others, worked out only then (most forms come back in the language
    they were made in)."""

    def __init__(self, form: Form, languages: list[Labels]) -> None:
        self.form, self.languages = form, languages
        self.first = self._in(languages[0])
        self.others: list[dict[str, tuple[Any, ...]]] | None = None

    def __contains__(self, cells: tuple[Any, ...]) -> bool:
        if not isinstance(cells[0], str):
            return False
        if self.first.get(cells[0]) == cells:
            return True
        if self.others is None:
            self.others = [self._in(L) for L in self.languages[1:]]
        return any(shown.get(cells[0]) == cells for shown in self.others)

    def _in(self, L: Labels) -> dict[str, tuple[Any, ...]]:
        return {r.id: tuple(map(_read_back, _locked_cells(r, L))) for r in self.form.rows}


def _read_back(value: Any) -> Any:
    """A cell as a workbook reader gives it back: a date as a datetime, an empty cell None."""
    if value.__class__ is date:
        return datetime(value.year, value.month, value.day)
    return value if value != "" else None


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Rows (ascending) as runs of consecutive rows: [5, 6, 7, 9] → [(5, 7), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in rows:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _choice(words: list[str], error: str) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = ",".join(words)
    return DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True,
                          showDropDown=False, error=error, errorStyle="stop")  # fmt: skip


def _hidden(book: Any, form: Form) -> None:
    """What reading the form back needs, in a sheet no one sees: key and value lines,
    then each row as it was sent."""
    sheet = book.create_sheet(HIDDEN)
    sheet.sheet_state = "veryHidden"
    lines: list[list[Any]] = [
        [MARK, form.version],
        ["kind", form.kind],
        ["code", form.code],
        ["name", form.name],
        ["as_of", form.as_of.isoformat()],
        ["made_on", form.made_on.isoformat()],
        ["key", form.key],
        ["head", HEAD],
        [],
        ["rows", len(form.rows), "JSON, zlib, base64: id, plan, commune, title, due, status, fingerprint"],
    ]
    sent = [[r.id, int(r.plan), r.commune, r.title, r.due.isoformat() if r.due else "", r.status, r.fingerprint]
            for r in form.rows]  # fmt: skip
    packed = json.dumps(sent, ensure_ascii=False, separators=(",", ":")).encode()
    # compressed: a national form's rows are 1 MB of XML as text, 0.3 MB so, read in a third of the time
    text = base64.b64encode(zlib.compress(packed, 6)).decode("ascii")
    lines += [[text[at : at + CHUNK]] for at in range(0, len(text), CHUNK)]
    workbook.fill_hidden(sheet, lines)


def is_form(path: Path) -> bool:
    """Whether `path` is a workbook `write_form` made (it has the hidden sheet)."""
    return workbook.has_sheet(path, HIDDEN)


def read_ahead(path: Path) -> bool:
    """Whether `path` is a form (`is_form`); if it is, its sheets begin to be read now,
    in a thread (fastsheets.read_ahead), for `read_form` to take."""
    if not is_form(path):
        return False
    fastsheets.read_ahead(path, _SHEETS)
    return True


def read_form(path: Path, languages: list[Labels] | None = None) -> Returned:
    """A returned form: the hidden sheet's record of what was sent, and the visible
    sheet's rows (each with every cell, so that a changed locked cell is seen; a row
    whose locked cells read as the form wrote them in one of `languages`, Vietnamese
    and English by default, and that has nothing filled in, only counted). Read by
    calamine unless a sheet holds a formula or an error cell (fastsheets.plain_values),
    then by openpyxl, which tells which cells they are."""
    languages = languages or [labels("vi"), labels("en")]
    plain = fastsheets.plain_values(path, _SHEETS)
    if plain is None:
        return _read_openpyxl(path, languages)
    if HIDDEN not in plain:
        raise _unreadable(path, tr("không phải phiếu cập nhật", "not an update form"))
    form = _sent(path, plain[HIDDEN])
    title = next(iter(plain))
    answers, untouched = _answers(path, ((row, []) for row in plain[title][HEAD:]), _AsSent(form, languages))
    return Returned(form, answers, f"{path.name}[{title}]", untouched)


def _read_openpyxl(path: Path, languages: list[Labels]) -> Returned:
    with sheets.opened(path) as book:
        if HIDDEN not in book.sheetnames:
            raise _unreadable(path, tr("không phải phiếu cập nhật", "not an update form"))
        form = _sent(path, [list(r) for r in book[HIDDEN].iter_rows(values_only=True, max_col=7)])
        visible = book.worksheets[0]
        answers, untouched = _answers(path, _cells(visible), _AsSent(form, languages))
        where = f"{path.name}[{visible.title}]"
    return Returned(form, answers, where, untouched)


def _cells(sheet: Any) -> Iterator[tuple[list[Any], list[str]]]:
    """The rows below the heading of an openpyxl sheet: their values, the columns holding a formula."""
    for cells in sheet.iter_rows(min_row=HEAD + 1, max_col=len(COLUMNS)):  # a cell far right adds no columns
        values, formulas = [], []
        for column, cell in zip(COLUMNS, cells, strict=False):
            values.append(getattr(cell, "value", None))
            if getattr(cell, "data_type", None) == "f":
                formulas.append(column)
        yield values, formulas


def _sent(path: Path, rows: list[list[Any]]) -> Form:
    if not rows or not rows[0] or rows[0][0] != MARK:
        raise _unreadable(path, tr("trang ẩn của phiếu bị sửa", "the form's hidden sheet was changed"))
    meta = {str(r[0]): r[1] for r in rows[1:9] if r and r[0] is not None}
    version = rows[0][1] if len(rows[0]) > 1 else None
    if version not in READS:
        raise _unreadable(path, tr(f"phiếu theo phiên bản mẫu {version}; tracker này đọc đến phiên bản {VERSION}",
                                   f"form version {version}; this tracker reads up to version {VERSION}"))  # fmt: skip
    try:
        make = FormRow._make  # a tuple made at once: thousands of rows
        sent = [make((str(ident), bool(plan), str(commune or ""), str(title or ""),
                      date.fromisoformat(str(due)) if due else None, str(status), str(fingerprint)))
                for ident, plan, commune, title, due, status, fingerprint in
                (_rows_v1(rows) if version == 1 else _rows_v2(rows))]  # fmt: skip
    except (ValueError, TypeError, IndexError, RecursionError):  # broken or deep JSON, a row not of 7 values, no count
        raise _unreadable(path, tr("trang ẩn của phiếu bị sửa", "the form's hidden sheet was changed")) from None
    form = Form(str(meta["kind"]), str(meta["code"]), str(meta["name"]), date.fromisoformat(str(meta["as_of"])),
                date.fromisoformat(str(meta["made_on"])), sent, VERSION, str(meta["key"]))  # fmt: skip
    if int(meta.get("head") or HEAD) != HEAD:
        raise _unreadable(path, tr("trang ẩn của phiếu bị sửa", "the form's hidden sheet was changed"))
    return form


def _rows_v1(rows: list[list[Any]]) -> list[list[Any]]:
    """Version 1: a row sent a line, a value a cell, below a heading line."""
    return [(list(r) + [None] * 7)[:7] for r in rows[10:] if r and r[0] is not None]


# The most a row sent may take packed out: its title (a cell of `sheets.MAX_CELL`
# characters, four bytes each at most, escaped) and six short values.
_PACKED_ROW = 8 * sheets.MAX_CELL


def _rows_v2(rows: list[list[Any]]) -> list[list[Any]]:
    """Version 2: the rows sent as one JSON list, compressed, in base64 cut into the
    first cells of the lines below the count; a count that does not match is a sheet
    cut short."""
    count = int(rows[9][1])
    if not 0 <= count <= sheets.MAX_ROWS:
        raise ValueError("rows")
    text = "".join(str(r[0]) for r in rows[10:] if r and r[0] is not None)
    # A returned form is untrusted: a few kilobytes may inflate to gigabytes, so no more
    # is inflated than the rows it counts could hold, nor than the whole workbook may.
    unpack, most = zlib.decompressobj(), min(_PACKED_ROW * max(count, 1), sheets.MAX_UNPACKED)
    try:
        raw = unpack.decompress(base64.b64decode(text, validate=True), most) if text else b"[]"
    except (zlib.error, binascii.Error) as exc:
        raise ValueError("rows") from exc
    if unpack.unconsumed_tail or (text and not unpack.eof):
        raise ValueError("rows")
    sent = json.loads(raw)
    if not isinstance(sent, list) or len(sent) != count or any(not isinstance(r, list) or len(r) != 7 for r in sent):
        raise ValueError("rows")
    return sent


_UNFILLED = [None] * len(FILLED)


def _answers(path: Path, rows: Iterable[tuple[list[Any], list[str]]],
             as_sent: _AsSent) -> tuple[list[Answer], set[str]]:  # fmt: skip
    """The rows to look at, and the IDs of those that came back untouched (their
    locked cells as `as_sent` has them, nothing filled in, their ID met once)."""
    answers: list[Answer] = []
    untouched: set[str] = set()
    count = 0
    width, locked = len(COLUMNS), len(LOCKED)
    for number, (cells, formulas) in enumerate(rows, HEAD + 1):
        # as sent, as read (nothing to strip in what the form wrote): the most of a national form
        if cells[locked:width] == _UNFILLED and not formulas and (sent := tuple(cells[:locked])) in as_sent \
                and sent[0] not in untouched:  # fmt: skip
            untouched.add(sent[0])
        else:
            values = [(v.strip() or None) if v.__class__ is str else v for v in cells[:width]]
            if values.count(None) == len(values):  # a row left empty, or below the last
                continue
            if len(values) < width:
                values += [None] * (width - len(values))
            answers.append(Answer(number, dict(zip(COLUMNS, values, strict=True)), formulas))
        count += 1
        if count > sheets.MAX_ROWS:
            raise UsageError(tr(f"{path}: quá {sheets.MAX_ROWS:,} dòng", f"{path}: more than {sheets.MAX_ROWS:,} rows"))
    return answers, untouched


def _unreadable(path: Path, why: object) -> UsageError:
    return UsageError(tr(f"{path}: không đọc được phiếu cập nhật ({why})",
                         f"{path}: not a readable update form ({why})"))  # fmt: skip
