"""Spreadsheets out and in: `export` (the issues a filter selects, for a format) and
`import`: a sheet of issues in, through the same code as `tracker update`.

Rows without an ID are new issues; a row whose ID exists updates that issue, with
a history entry. A new row whose commune already has an issue of the same title
(ignoring case and diacritics) is that issue: importing one sheet twice changes
nothing the second time. Every row is checked before anything is written.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tracker import historytext, ids, sheets, sizes, store
from tracker.cache import queries
from tracker.dates import shown, today
from tracker.enums import IssueStatus, Priority
from tracker.errors import DataError, FieldError, Problem, TrackerError, UsageError
from tracker.i18n import said, tr
from tracker.models import CommuneFile, Issue
from tracker.ops import find, records
from tracker.ops.issues import IssueChanges, apply_changes
from tracker.ops.listing import issue_grid, stored_issues
from tracker.ops.workspace import Workspace
from tracker.query import Filter
from tracker.results import Export
from tracker.text import fold, nfc
from tracker.wording import codes_by_word


def export(ws: Workspace, flt: Filter, commune: str | None = None, grid: bool = True) -> Export:
    """The issues `flt` selects, whole, as the cache keeps them (read as they are
    written out), and, with `grid`, their status grid (a workbook's summary)."""
    counts = issue_grid(ws, flt, commune) if grid else None
    return Export(stored_issues(ws, flt, commune), counts, ws.department_names(), flt.as_of, ws.category_names())


@dataclass
class Planned:
    """What one row will do."""

    row: sheets.SheetRow
    path: Path  # the commune file
    ident: str | None  # the issue it updates; None for a new one
    changes: IssueChanges = field(default_factory=IssueChanges)


@dataclass
class Imported:
    """What an import did (or, dry, would do): a line a change, in the sheet's order,
    and the columns it did not read."""

    lines: list[str]
    ignored: list[tuple[str, str]]  # (where, heading)
    # (where, row, title, description) of each row that adds an issue
    new: list[tuple[str, int, str, str | None]] = field(default_factory=list)


def import_sheet(ws: Workspace, path: Path, commune: str | None, dry_run: bool, by: str | None = None,
                 reopen: bool = False) -> Imported:  # fmt: skip
    """Import `path`: every row checked before anything is written, then all the
    files it changes written at once, or none."""
    return import_rows(ws, sheets.read(path), path, commune, dry_run, by, reopen)


def import_rows(ws: Workspace, sheet: sheets.Sheet, path: Path, commune: str | None, dry_run: bool,
                by: str | None = None, reopen: bool = False) -> Imported:  # fmt: skip
    """Import the rows of `sheet`, read from `path` (a commune's intake sheet's come
    here too, `commune` its own)."""
    rows = sheet.rows
    if not rows:
        raise UsageError(tr(f"{path}: không có dòng dữ liệu nào (cần cột title hoặc 'Nội dung vướng mắc')",
                            f"{path}: no data rows (a 'title' column is needed)"))  # fmt: skip
    by = ws.user(by)
    with store.locked(ws.root):
        existing = queries.issue_rows(ws.readable(), queries.Where())
        known = {r.id: r.commune.slug for r in existing}
        titles = {(r.commune.slug, fold(r.title)): r.id for r in existing}
        reader = _Cells(ws)
        default = find.commune(ws, commune) if commune else None
        plans: list[Planned] = []
        problems: list[Problem] = []
        for row in rows:
            found = [(name, tr("ô là công thức, không phải giá trị: hãy dán giá trị (Paste Special → Values)",
                               "the cell is a formula, not a value: paste the values (Paste Special → Values)"))
                     for name in row.formulas]  # fmt: skip
            try:
                plans.append(_plan(ws, row, reader, known, titles, default, reopen))
            except _RowProblems as exc:
                found += exc.cells
            problems += [Problem(row.where, row.number, "", row.headings.get(c, c), said(m)) for c, m in found]
        if problems:
            raise DataError(problems)
        _fits(plans)
        new = [(p.row.where, p.row.number, p.changes.title or "", p.changes.description) for p in plans
               if p.ident is None]  # fmt: skip
        return Imported(_apply(ws, plans, path.name, dry_run, by), sheet.ignored, new)


class _RowProblems(Exception):
    """Every cell of one row that cannot be used: (column, message)."""

    def __init__(self, cells: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(m for _, m in cells))
        self.cells = cells


class _Cells:
    """Turns cells into values: codes or names of departments, categories, statuses."""

    def __init__(self, ws: Workspace) -> None:
        self.depts = find.dept_table(ws)
        self.categories = find.category_table(ws)
        # Statuses and priorities as stored, and as the reports word them in either language.
        self.statuses = {word: IssueStatus(code) for word, code in codes_by_word("status").items()}
        self.priorities = codes_by_word("priority")

    def value(self, column: str, raw: Any) -> Any:
        if column in sheets.DATE_COLUMNS:
            try:
                return sheets.cell_date(raw)
            except FieldError:
                message = tr(f"ngày không hợp lệ '{raw}' (YYYY-MM-DD hoặc dd/mm/yyyy)",
                             f"not a valid date '{raw}' (YYYY-MM-DD or dd/mm/yyyy)")  # fmt: skip
                raise _RowProblems([(column, message)]) from None
        text = nfc(str(raw).strip())
        if column == "dept":
            return self._lookup(column, self.depts, text, "departments.yaml")
        if column == "support":
            return [self._lookup(column, self.depts, part, "departments.yaml") for part in sheets.cell_list(text)]
        if column == "category":
            return self._lookup(column, self.categories, text, "categories.yaml")
        if column == "status":
            return self._lookup(column, self.statuses, text, ", ".join(s.value for s in IssueStatus))
        if column == "priority":
            return self._lookup(column, self.priorities, text, ", ".join(p.value for p in Priority))
        return text

    @staticmethod
    def _lookup(column: str, table: dict[str, Any], text: str, where: str) -> Any:
        found = table.get(fold(text))
        if found is None:
            raise _RowProblems(
                [(column, tr(f"không nhận ra '{text}' (xem {where})", f"unknown '{text}' (see {where})"))]
            )
        return found


def _plan(ws: Workspace, row: sheets.SheetRow, reader: _Cells, known: dict[str, str],
          titles: dict[tuple[str, str], str], default: Path | None, reopen: bool) -> Planned:  # fmt: skip
    """What one row will do; every problem of the row at once."""
    problems: list[tuple[str, str]] = []
    values: dict[str, Any] = {}
    for column, raw in row.cells.items():
        if column in ("id", "commune"):
            continue
        try:
            values[column] = reader.value(column, raw)
        except _RowProblems as exc:
            problems += exc.cells
    changes = IssueChanges(**{k: v for k, v in values.items() if k in {f.name for f in fields(IssueChanges)}},
                           reopen=reopen)  # fmt: skip
    ident = ids.normalise(str(row.cells.get("id", ""))) or None
    meant = _meant(ws, row, default, problems)  # the commune the row is for
    path: Path | None = None
    if ident is not None:
        if ident not in known:
            problems.append(("id", tr(f"không có vướng mắc '{ident}'", f"no issue '{ident}'")))
        else:
            path = ws.data.communes_dir / f"{known[ident]}.yaml"
            if meant is not None and meant != path:  # a Vạn An sheet cannot update Thiên Nhẫn's TN-1
                other, this = known[ident], meant.stem
                problems.append(("id", tr(f"{ident} là vướng mắc của xã khác ({other}), không phải của {this}",
                                          f"{ident} is another commune's issue ({other}), not {this}'s")))  # fmt: skip
    else:
        path = meant
        if path is None and "commune" not in row.cells:
            problems.append(
                ("commune", tr("thiếu xã (cột commune, hoặc --commune)", "no commune (column, or --commune)"))
            )
        for column in ("title", "dept"):
            if column not in values and column not in {c for c, _ in problems}:
                problems.append((column, tr("thiếu giá trị bắt buộc", "a required value is missing")))
    if problems:
        raise _RowProblems(problems)
    assert path is not None
    if ident is None:
        ident = titles.get((path.stem, fold(values["title"])))
        if ident is not None:  # the same issue, found by its title: its title stays as it is
            changes.title = None
    return Planned(row, path, ident, changes)


def _meant(ws: Workspace, row: sheets.SheetRow, default: Path | None, problems: list[tuple[str, str]]) -> Path | None:
    """The commune file a row says it is for: its commune column, else --commune."""
    if "commune" not in row.cells:
        return default
    try:
        return find.commune(ws, str(row.cells["commune"]))
    except UsageError as exc:
        problems.append(("commune", exc.message))
        return None


# The fewest lines a new issue takes in its file (id, title, dept, status, priority,
# raised_on, a history entry of four lines, a blank line): enough rows to go past the
# reader's limit are refused before any record is built.
LINES_A_NEW_ISSUE = 11


def _fits(plans: list[Planned]) -> None:
    """Refuse, before building anything, rows that would make a commune file longer
    than the reader accepts (sizes.MAX_LINES): such a file could no longer be read
    nor written. The file is read through the store (a link out of the data folder, a
    pipe or a file too large refused); the exact check is the store's, on the text it
    would write."""
    new: dict[Path, int] = defaultdict(int)
    for plan in plans:
        if plan.ident is None:
            new[plan.path] += 1
    problems = []
    for path, count in new.items():
        lines = store.read_bytes(path).count(b"\n") + count * LINES_A_NEW_ISSUE
        if lines > sizes.MAX_LINES:
            problems.append(Problem(store.display(path), 0, "", "", said(
                f"{count:,} vướng mắc mới sẽ làm tệp dài ít nhất {lines:,} dòng, quá giới hạn {sizes.MAX_LINES:,} "
                "dòng của một tệp xã (tệp quá dài thì không đọc, không ghi được nữa): hãy nhập ít dòng hơn",
                f"{count:,} new issues would make the file at least {lines:,} lines long, over the limit of "
                f"{sizes.MAX_LINES:,} lines of a commune file (it could no longer be read or written): "
                "import fewer rows")))  # fmt: skip
    if problems:
        raise DataError(problems)


def _apply(ws: Workspace, plans: list[Planned], source: str, dry_run: bool, by: str) -> list[str]:
    """Build every file's new state, check them all, then (unless a dry run) write
    them all or none."""
    lines: list[tuple[str, int, str]] = []  # (sheet, row, what it does): told in the sheet's order
    problems: list[Problem] = []
    ready: list[tuple[store.Doc[Any], CommuneFile]] = []
    rows_of: dict[tuple[Path, str], Planned] = {}
    imported = tr(f"Nhập từ {source}", f"Imported from {source}")
    grouped: dict[Path, list[Planned]] = defaultdict(list)
    for plan in plans:
        grouped[plan.path].append(plan)
    for path, group in grouped.items():
        doc = store.read(path, CommuneFile)
        cf = doc.model.model_copy(deep=True)
        state = _FileState(ids.highest(i.id for i in cf.issues))
        touched = False
        for plan in group:
            note = f"{imported}: {plan.changes.note}" if plan.changes.note else imported
            try:
                ident = _one(cf, plan, note, by, lines, state)
            except TrackerError as exc:
                problems += _row_problems(plan.row, exc)
                continue
            if ident:
                rows_of[(path, ident)] = plan
                touched = True
        if touched:
            ready.append((doc, cf))
    if not problems:
        try:
            store.save_all(list(ready), ws.root, ws.registry(), dry_run=dry_run)
        except DataError as exc:
            for p in exc.problems:  # a problem of a row's record: say which row
                row = next(
                    (v.row for (f, i), v in rows_of.items() if i == p.record and store.display(f) == p.path), None
                )
                where = (row.where, row.number) if row else (p.path, p.line)
                column = row.headings.get(p.field, p.field) if row else p.field
                problems.append(Problem(*where, p.record, column, p.message))
    if problems:
        raise DataError(problems)
    return [text for _, _, text in sorted(lines)]


def _row_problems(row: sheets.SheetRow, exc: TrackerError) -> list[Problem]:
    """What went wrong with a row, each problem under the sheet's heading of its column."""

    def name_of(name: str) -> str:
        return tr("cho phép mở lại", "leave to reopen") if name == "reopen" else row.headings.get(name, name)

    cells = exc.filled(name_of) if isinstance(exc, FieldError) else [("", exc.message)]
    return [Problem(row.where, row.number, "", row.headings.get(c, c), said(m)) for c, m in cells]


_IMPORTED = ("Nhập từ ", "Imported from ")  # how an import's history note begins, in either language


def _imported_before(issue: Issue, note: str) -> bool:
    """Whether an import already recorded this note in the issue's history: an entry
    of an import (from any file: the same sheet saved again under another name is the
    same sheet) whose note, after the file's name, is this one, read with its spaces
    collapsed (NFC). A note typed with `update --note` is not an import's: a sheet
    may still bring the same words once."""
    said_ = ": " + " ".join(nfc(note).split())
    return any((e.note or "").startswith(_IMPORTED) and " ".join((e.note or "").split()).endswith(said_)
               for e in issue.history)  # fmt: skip


@dataclass
class _FileState:
    """What the rows of one file have done so far: the highest issue number, and the
    issues they added by folded title (a second row with the same title is that issue)."""

    highest: int
    added: dict[str, str] = field(default_factory=dict)


def _one(cf: CommuneFile, plan: Planned, note: str, by: str, lines: list[tuple[str, int, str]],
         state: _FileState) -> str | None:  # fmt: skip
    """Apply one row to `cf`; the ID it touched, or None when it changes nothing."""
    ident = plan.ident
    if ident is None and fold(plan.changes.title or "") in state.added:  # a row before made this issue
        ident = state.added[fold(plan.changes.title or "")]
        plan.changes.title = None
    if ident is not None:
        issue = next(i for i in cf.issues if i.id == ident)
        # A deadline moved later is an extension: the row's note, or the import, is its reason.
        applied = apply_changes(issue, replace(plan.changes, note=plan.changes.note or note), by)
        if not applied and (not plan.changes.note or _imported_before(issue, plan.changes.note)):
            return None
        status = plan.changes.status.value if plan.changes.status else None
        issue.history.append(records.entry(by, status, applied.was, note, extension=applied.extension))
        said_ = historytext.told(issue)[-1] if applied else tr(f"ghi chú: {plan.changes.note}",
                                                                f"note: {plan.changes.note}")  # fmt: skip
        lines.append((plan.row.where, plan.row.number, f"{issue.id}: " + said_))
        return issue.id
    state.highest += 1
    ident = ids.make(cf.commune.prefix, "issues", state.highest)
    state.added[fold(plan.changes.title or "")] = ident
    values = {k: v for k, v in vars(plan.changes).items() if v is not None and k not in ("clear_due", "note", "reopen")}
    if values.get("raised_on") is None and values.get("due") is not None and values["due"] < today():
        due, now = shown(values["due"]), shown(today())
        raise FieldError.one("due", tr(
            f"thời hạn {due} đã qua; không có ngày nêu, vướng mắc mới được coi là nêu hôm nay ({now}): "
            "thêm cột \"Ngày nêu\" ghi ngày xã nêu vướng mắc",
            f"the deadline {due} is past; with no date raised, a new issue counts as raised today ({now}): "
            "add a \"Ngày nêu\" (raised_on) column with the day the commune raised it"))  # fmt: skip
    values.setdefault("raised_on", today())
    status = values.get("status", IssueStatus.OPEN)
    if status == IssueStatus.RESOLVED:
        values.setdefault("resolved_on", today())
    history = [records.entry(by, str(getattr(status, "value", status)), note=note)]
    cf.issues.append(records.build(Issue, id=ident, history=history, **values))
    lines.append((plan.row.where, plan.row.number, f"+ {ident} ({cf.commune.name}): {values['title']}"))
    return ident
