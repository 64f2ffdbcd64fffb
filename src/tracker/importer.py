"""`tracker import`: a sheet of issues in, through the same code as `tracker update`.

Rows without an ID are new issues; a row whose ID exists updates that issue, with
a history entry. A new row whose commune already has an issue of the same title
(ignoring case and diacritics) is that issue: importing one sheet twice changes
nothing the second time. Every row is checked before anything is written.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from tracker import sheets, store
from tracker.dates import today
from tracker.enums import IssueStatus, Priority
from tracker.errors import DataError, Problem, TrackerError, UsageError
from tracker.i18n import tr
from tracker.labels import ISSUE_STATUS_VI, status_label
from tracker.models import CommuneFile, HistoryEntry, Issue
from tracker.service import IssueChanges, Tracker, apply_issue_changes, build_model, next_number
from tracker.text import fold, nfc
from tracker.validation import check_commune


@dataclass
class Planned:
    """What one row will do."""

    row: sheets.SheetRow
    path: Path  # the commune file
    ident: str | None  # the issue it updates; None for a new one
    changes: IssueChanges = field(default_factory=IssueChanges)


def import_sheet(tracker: Tracker, path: Path, commune: str | None, dry_run: bool, by: str) -> list[str]:
    """Import `path`; returns one line per change made (or, with `dry_run`, that would be)."""
    rows = sheets.read(path)
    if not rows:
        raise UsageError(tr(f"{path}: không có dòng dữ liệu nào (cần cột title hoặc 'Nội dung vướng mắc')",
                            f"{path}: no data rows (a 'title' column is needed)"))  # fmt: skip
    with tracker.dir.locked():
        known = {r.record.id: r for r in tracker.rows("issues")}
        by_title = {(r.slug, fold(r.record.title)): r.record.id for r in known.values()}
        reader = _Cells(tracker)
        default = tracker.find_commune(commune) if commune else None
        plans: list[Planned] = []
        problems: list[Problem] = []
        for row in rows:
            try:
                plans.append(_plan(row, reader, known, by_title, default, tracker))
            except _CellProblem as exc:
                problems.append(Problem(row.where, row.number, "", exc.column, exc.message))
        if problems:
            raise DataError(problems)
        return _apply(tracker, plans, path.name, dry_run, by)


class _CellProblem(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


class _Cells:
    """Turns cells into values: codes or names of departments, categories, statuses."""

    def __init__(self, tracker: Tracker) -> None:
        self.depts = tracker.dept_table()
        self.categories = tracker.category_table()
        self.statuses = {fold(s.value): s for s in IssueStatus} | {fold(status_label(s.value)): s for s in IssueStatus}
        self.statuses |= {fold(ISSUE_STATUS_VI[s.value]): s for s in IssueStatus}
        self.priorities = {fold(p.value): p.value for p in Priority} | {
            "cao": "high",
            "binh thuong": "normal",
            "thap": "low",
        }

    def value(self, column: str, raw: Any) -> Any:
        try:
            if column in sheets.DATE_COLUMNS:
                return sheets.cell_date(raw)
        except UsageError:
            message = tr(f"ngày không hợp lệ '{raw}' (YYYY-MM-DD hoặc dd/mm/yyyy)",
                         f"not a valid date '{raw}' (YYYY-MM-DD or dd/mm/yyyy)")  # fmt: skip
            raise _CellProblem(column, message) from None
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
            return self._lookup(column, self.priorities, text, "high, normal, low")
        return text

    @staticmethod
    def _lookup(column: str, table: dict[str, Any], text: str, where: str) -> Any:
        found = table.get(fold(text))
        if found is None:
            raise _CellProblem(column, tr(f"không nhận ra '{text}' (xem {where})", f"unknown '{text}' (see {where})"))
        return found


def _plan(row: sheets.SheetRow, reader: _Cells, known: dict[str, Any], by_title: dict[tuple[str, str], str],
          default: Path | None, tracker: Tracker) -> Planned:  # fmt: skip
    values = {column: reader.value(column, raw) for column, raw in row.cells.items() if column not in ("id", "commune")}
    changes = IssueChanges(**{k: v for k, v in values.items() if k in {f.name for f in fields(IssueChanges)}})
    ident = str(row.cells.get("id", "")).strip().upper() or None
    if ident is not None:
        if ident not in known:
            raise _CellProblem("id", tr(f"không có vướng mắc '{ident}'", f"no issue '{ident}'"))
        return Planned(row, tracker.dir.communes_dir / f"{known[ident].slug}.yaml", ident, changes)
    try:
        path = tracker.find_commune(str(row.cells["commune"])) if "commune" in row.cells else default
    except UsageError as exc:
        raise _CellProblem("commune", exc.message) from None
    if path is None:
        raise _CellProblem("commune", tr("thiếu xã (cột commune, hoặc --commune)", "no commune (column, or --commune)"))
    for column in ("title", "dept"):
        if column not in values:
            raise _CellProblem(column, tr("thiếu giá trị bắt buộc", "a required value is missing"))
    same = by_title.get((path.stem, fold(values["title"])))
    return Planned(row, path, same, changes)


def _apply(tracker: Tracker, plans: list[Planned], source: str, dry_run: bool, by: str) -> list[str]:
    """Build every file's new state, check them all, then (unless a dry run) write."""
    lines: list[tuple[str, int, str]] = []  # (sheet, row, what it does): told in the sheet's order
    problems: list[Problem] = []
    ready: list[tuple[store.Doc[CommuneFile], CommuneFile]] = []
    note = tr(f"Nhập từ {source}", f"Imported from {source}")
    grouped: dict[Path, list[Planned]] = defaultdict(list)
    for plan in plans:
        grouped[plan.path].append(plan)
    for path, group in grouped.items():
        doc = tracker.dir.commune(path)
        cf = doc.model.model_copy(deep=True)
        rows_of: dict[str, Planned] = {}
        for plan in group:
            try:
                ident = _one(cf, plan, note, by, lines)
            except (UsageError, TrackerError) as exc:
                problems.append(Problem(plan.row.where, plan.row.number, "", "", exc.message))
                continue
            if ident:
                rows_of[ident] = plan
        try:
            cf = CommuneFile.model_validate(store.plain(cf))
        except Exception as exc:  # pydantic's ValidationError: say which row
            problems.append(Problem(group[0].row.where, group[0].row.number, "", "", str(exc).splitlines()[0]))
            continue
        for problem in check_commune(cf, doc.loaded, store.display(path), tracker.registry(), check_ids=False):
            if problem.record in rows_of:
                plan = rows_of[problem.record]
                problems.append(
                    Problem(plan.row.where, plan.row.number, problem.record, problem.field, problem.message)
                )
        if rows_of:
            ready.append((doc, cf))
    if problems:
        raise DataError(problems)
    if not dry_run:
        for doc, cf in ready:
            store.write_doc(doc, cf)
    return [text for _, _, text in sorted(lines)]


def _one(cf: CommuneFile, plan: Planned, note: str, by: str, lines: list[tuple[str, int, str]]) -> str | None:
    """Apply one row to `cf`; the ID it touched, or None when it changes nothing."""
    if plan.ident is not None:
        issue = next(i for i in cf.issues if i.id == plan.ident)
        described = apply_issue_changes(issue, plan.changes)
        if not described:
            return None
        status = plan.changes.status.value if plan.changes.status else None
        issue.history.append(build_model(HistoryEntry, date=today(), by=by, status=status, changed="; ".join(described),
                                    note=note))  # fmt: skip
        lines.append((plan.row.where, plan.row.number, f"{issue.id}: " + "; ".join(described)))
        return issue.id
    ident = f"{cf.commune.prefix}-{next_number(i.id for i in cf.issues)}"
    values = {k: v for k, v in vars(plan.changes).items() if v is not None and k not in ("clear_due", "note")}
    values.setdefault("raised_on", today())
    status = values.get("status", IssueStatus.OPEN)
    if status == IssueStatus.RESOLVED:
        values.setdefault("resolved_on", today())
    history = [build_model(HistoryEntry, date=today(), by=by, status=str(getattr(status, "value", status)), note=note)]
    cf.issues.append(build_model(Issue, id=ident, history=history, **values))
    lines.append((plan.row.where, plan.row.number, f"+ {ident} ({cf.commune.name}): {values['title']}"))
    return ident
