"""Presenting records in the terminal: a table, JSON or CSV, behind one function."""

import csv
import json
import shutil
import sys
import textwrap
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

from tracker.i18n import tr
from tracker.labels import date_label, status_label
from tracker.models import Issue, PlanItem, to_plain
from tracker.query import Row

FORMATS = ("table", "json", "csv")


def record_json(row: Row, as_of: date) -> dict[str, Any]:
    """Stored fields plus `commune` (slug) and `overdue`; dates as ISO strings."""
    if row.brief:  # would print a record without its history as if it had none
        raise ValueError(f"{row.record.id}: a brief row cannot be printed in full")
    data: dict[str, Any] = row.record.model_dump(mode="json", exclude_none=True)
    return {"id": data.pop("id"), "commune": row.slug, **data, "overdue": row.record.is_overdue(as_of)}


def dumps_lines(items: list[Any]) -> str:
    """A JSON array, one item a line: readable, and written by json's fast C encoder
    (which `indent` would turn off) — lists can hold a hundred thousand records."""
    if not items:
        return "[]\n"
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n"


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


_ISSUE_CSV = [
    "id",
    "commune",
    "title",
    "description",
    "category",
    "dept",
    "support",
    "status",
    "priority",
    "raised_on",
    "due",
    "owner",
    "source",
    "resolution",
    "resolved_on",
    "overdue",
]
_PLAN_CSV = [
    "id",
    "commune",
    "title",
    "owner",
    "start",
    "due",
    "status",
    "issues",
    "milestones_done",
    "milestones",
    "done_on",
    "overdue",
]


def _csv_value(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def emit(rows: list[Row], fmt: str, as_of: date, plan: bool = False) -> None:
    """Write `rows` to stdout in `fmt`."""
    if fmt == "json":
        sys.stdout.write(dumps_lines([record_json(r, as_of) for r in rows]))
    elif fmt == "csv":
        columns = _PLAN_CSV if plan else _ISSUE_CSV
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            data = record_json(row, as_of)
            if isinstance(row.record, PlanItem):
                data["milestones_done"] = sum(1 for m in row.record.milestones if m.done_on)
                data["milestones"] = len(row.record.milestones)
            writer.writerow(_csv_value(data.get(c)) for c in columns)
    else:
        _table(rows, as_of, plan)


def _console() -> "Console":
    from rich.console import Console

    console = Console(soft_wrap=False)
    if not console.is_terminal:  # piped or redirected: do not squeeze rows into 80 columns
        console.width = max(console.width, 160)
    return console


# The widest a column may grow before its text wraps; the title takes what is left.
_CAPS = [10, 18, 0, 22, 16, 18, 24]


def _table(rows: list[Row], as_of: date, plan: bool) -> None:
    """An aligned plain-text table. Rich's tables took seconds for thousands of rows;
    this takes milliseconds, wraps long titles, and colours overdue deadlines in a terminal."""
    heads = [tr("Mã", "ID"), tr("Xã", "Commune"), tr("Nội dung", "Title")]
    heads += [tr("Người chịu trách nhiệm", "Owner"), tr("Mốc", "Milestones")] if plan else \
        [tr("Chủ trì", "Lead"), tr("Phối hợp", "Support")]  # fmt: skip
    heads += [tr("Trạng thái", "Status"), tr("Thời hạn", "Due")]
    cells: list[list[str]] = []
    late: list[bool] = []
    for row in rows:
        rec = row.record
        overdue = rec.is_overdue(as_of)
        due = date_label(rec.due) + (f" ({tr('quá hạn', 'overdue')})" if overdue else "")
        if isinstance(rec, Issue):
            middle = [rec.dept, ", ".join(rec.support)]
        else:
            done = sum(1 for m in rec.milestones if m.done_on)
            middle = [rec.owner or "", f"{done}/{len(rec.milestones)}" if rec.milestones else ""]
        cells.append([rec.id, row.commune.name, rec.title, *middle, status_label(rec.status.value, plan), due])
        late.append(overdue)
    terminal = sys.stdout.isatty()
    total = shutil.get_terminal_size((160, 24)).columns if terminal else 160
    widths = [max([len(h), *(len(c[n]) for c in cells)]) for n, h in enumerate(heads)]
    widths = [min(w, cap) if cap else w for w, cap in zip(widths, _CAPS, strict=True)]
    others = sum(w for n, w in enumerate(widths) if n != 2) + 2 * (len(widths) - 1)
    widths[2] = max(20, min(widths[2], total - others))
    out = [_line(heads, widths), "  ".join("─" * w for w in widths)]
    red, plain = ("\x1b[31m", "\x1b[0m") if terminal else ("", "")
    for row_cells, overdue in zip(cells, late, strict=True):
        text = _line(row_cells, widths)
        out.append(text.replace(row_cells[-1], f"{red}{row_cells[-1]}{plain}", 1) if overdue and red else text)
    out.append(tr(f"{len(rows)} mục", f"{len(rows)} records"))
    sys.stdout.write("\n".join(out) + "\n")


def _line(values: list[str], widths: list[int]) -> str:
    """One row, its cells wrapped to their widths and padded; a row may take several lines."""
    wrapped = [textwrap.wrap(v, w) or [""] if len(v) > w else [v] for v, w in zip(values, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = [(w[n] if n < len(w) else "").ljust(width) for w, width in zip(wrapped, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


def show(row: Row, as_of: date, fmt: str) -> None:
    """One record in full."""
    if fmt == "json":
        sys.stdout.write(dumps(record_json(row, as_of)) + "\n")
        return
    rec = row.record
    plan = isinstance(rec, PlanItem)
    out = [f"{rec.id} · {row.commune.name} ({row.slug})", rec.title, ""]
    data = to_plain(rec)
    for key in data:
        if key in ("id", "title", "history", "milestones"):
            continue
        value = data[key]
        if key == "status":
            value = status_label(value, plan)
        elif isinstance(value, date):
            value = date_label(value)
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        out.append(f"  {key}: {value}")
    if rec.is_overdue(as_of):
        out.append("  " + tr("QUÁ HẠN", "OVERDUE"))
    if plan:
        assert isinstance(rec, PlanItem)
        for number, stone in enumerate(rec.milestones, 1):
            mark = "x" if stone.done_on else " "
            done = f" ({date_label(stone.done_on)})" if stone.done_on else ""
            out.append(f"  [{mark}] {number}. {date_label(stone.due)} {stone.target}{done}")
    if rec.history:
        out.append(tr("Lịch sử:", "History:"))
        for entry in rec.history:
            status = f" [{status_label(entry.status, plan)}]" if entry.status else ""
            text = "; ".join(filter(None, [entry.changed, entry.note]))
            out.append(f"  {date_label(entry.date)} {entry.by}{status}: {text}")
    sys.stdout.write("\n".join(out) + "\n")


_GRID_HEADS = {
    "done_on_time": ("Hoàn thành đúng hạn", "Done on time"),
    "done_late": ("Hoàn thành quá hạn", "Done late"),
    "open_in_time": ("Chưa xong, trong hạn", "Open, in time"),
    "open_overdue": ("Chưa xong, quá hạn", "Open, overdue"),
    "escalated": ("Kiến nghị cấp trên", "Escalated"),
    "dropped": ("Dừng xử lý", "Dropped"),
    "total": ("Tổng số", "Total"),
}


def stats(data: dict[str, Any], fmt: str) -> None:
    """The status grid per department, as a Rich table or JSON."""
    if fmt == "json":
        sys.stdout.write(dumps(data) + "\n")
        return
    from rich.table import Table

    table = Table(header_style="bold")
    table.add_column(tr("Cơ quan chủ trì", "Lead department"))
    for vi, en in _GRID_HEADS.values():
        table.add_column(tr(vi, en), justify="right")
    for code, cells in data["departments"].items():
        table.add_row(code, *(str(cells[k]) for k in _GRID_HEADS))
    table.add_row(tr("Tổng cộng", "Total"), *(str(data["total"][k]) for k in _GRID_HEADS), style="bold")
    _console().print(table)
