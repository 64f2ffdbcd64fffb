"""The terminal: aligned plain-text tables of records, one record in full (`show`),
and the status grid (`stats`, a Rich table)."""

import shutil
import sys
import textwrap
from datetime import date
from typing import Any, assert_never

from tracker.cache import IssueRow, PlanRow
from tracker.fields import to_plain
from tracker.formats.base import Context, Format, Name
from tracker.results import Clusters, Grid, Listing, RecordView, Similar
from tracker.rules import GRID, is_overdue
from tracker.wording import Labels, date_label

# The widest a column may grow before its text wraps; the title takes what is left.
_CAPS = [10, 18, 0, 22, 16, 18, 24]


Presented = Listing | RecordView | Grid | Similar | Clusters


class Table(Format[Presented]):
    name = Name.TABLE
    full_rows = False

    def present(self, result: Presented, ctx: Context) -> str:
        match result:
            case Listing():
                return self.listing(result, ctx)
            case RecordView():
                return self.record(result, ctx)
            case Grid():
                return self.grid(result, ctx)
            case Similar():
                return self.similar(result, ctx)
            case Clusters():
                return self.clusters(result, ctx)
            case _:
                assert_never(result)

    def listing(self, result: Listing, ctx: Context) -> str:
        """An aligned plain-text table. Rich's tables took seconds for thousands of rows;
        this takes milliseconds, wraps long titles, and colours overdue deadlines in a terminal."""
        L, plan = ctx.labels, result.plan
        heads = [L.id, L.commune, L.title_short]
        heads += [L.owner, L.milestones_short] if plan else [L.lead, L.support]
        heads += [L.state, L.due]
        cells: list[list[str]] = []
        late: list[bool] = []
        for row in result.rows:
            assert isinstance(row, IssueRow | PlanRow)
            overdue = is_overdue(row.status, row.due, result.as_of, plan)
            due = date_label(row.due, ctx.lang) + (f" ({L.overdue_mark})" if overdue else "")
            if isinstance(row, IssueRow):
                middle = [row.dept, ", ".join(row.support)]
            else:
                middle = [row.owner or "", f"{row.milestones_done}/{row.milestones}" if row.milestones else ""]
            cells.append([row.id, row.commune.name, row.title, *middle, L.status_word(row.status.value, plan), due])
            late.append(overdue)
        terminal = sys.stdout.isatty()
        widths = [max([len(h), *(len(c[n]) for c in cells)]) for n, h in enumerate(heads)]
        widths = [min(w, cap) if cap else w for w, cap in zip(widths, _CAPS, strict=True)]
        # An ID and a deadline are read whole: they never wrap. The rest give way in turn.
        whole = max([len(c[0]) for c in cells] + [2]), max([len(c[-1]) for c in cells] + [8])
        least = [whole[0], 6, 14, min(len(heads[3]), 7), 6, 10, whole[1]]
        widths = _fit(widths, least, wide=2)
        out = [_line(heads, widths), "  ".join("─" * w for w in widths)]
        red, plain = ("\x1b[31m", "\x1b[0m") if terminal else ("", "")
        for row_cells, overdue in zip(cells, late, strict=True):
            text = _line(row_cells, widths)
            out.append(text.replace(row_cells[-1], f"{red}{row_cells[-1]}{plain}", 1) if overdue and red else text)
        out.append(L.numbered("records_count", len(result.rows)))
        return "\n".join(out) + "\n"

    def record(self, result: RecordView, ctx: Context) -> str:
        """One record in full, with its roadmap and history."""
        from tracker.models import PlanItem  # a record in full: never loaded by a table

        L, rec, row = ctx.labels, result.full.record, result.full
        plan = isinstance(rec, PlanItem)
        out = [f"{rec.id} · {row.commune.name} ({row.slug})", rec.title, ""]
        data = to_plain(rec)
        for key in data:
            if key in ("id", "title", "history", "milestones", "extensions"):
                continue
            value = data[key]
            if key == "status":
                value = L.status_word(value, plan)
            elif key == "priority":
                value = L.priority.get(value, value)
            elif key == "category":
                value = result.categories.get(value, value)
            elif isinstance(value, date):
                value = date_label(value, ctx.lang)
            elif key == "files":  # each scanned document: its name as given, where it is kept
                value = "; ".join(f"{f['name']} (files/{f['file']})" for f in value)
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            label = L.fields.get(key, key)
            text = str(value)
            if "\n" in text:  # a text of several lines, each under the label
                text = "\n" + "\n".join("      " + part for part in text.splitlines())
            out.append(f"  {label}:{'' if text.startswith(chr(10)) else ' '}{text}")
        for ext in rec.extensions:  # each request for a new deadline, worded
            decided = f" {date_label(ext.decided_on, ctx.lang)}" if ext.decided_on else ""
            by = f" ({ext.decided_by})" if ext.decided_by else ""
            parts = [f"{date_label(ext.previous, ctx.lang) or '—'} → {date_label(ext.to, ctx.lang)}",
                     f"{L.extension_status[ext.status.value]}{decided}{by}",
                     f"{L.extension_asked} {date_label(ext.requested_on, ctx.lang)}: {ext.reason}"]  # fmt: skip
            parts += [f"{L.extension_doc}: {ext.doc}"] if ext.doc else []
            parts += [f"{L.extension_answer}: {ext.answer}"] if ext.answer else []
            out.append(f"  {L.extension_label}: " + "; ".join(parts))
        if rec.is_overdue(result.as_of):
            out.append("  " + L.overdue_banner)
        if isinstance(rec, PlanItem):
            for number, stone in enumerate(rec.milestones, 1):
                mark = "x" if stone.done_on else " "
                done = f" ({date_label(stone.done_on, ctx.lang)})" if stone.done_on else ""
                out.append(f"  [{mark}] {number}. {date_label(stone.due, ctx.lang)} {stone.target}{done}")
        if rec.history:
            out.append(L.history)
            from tracker.historytext import told

            for entry, said in zip(rec.history, told(rec, L), strict=True):
                status = f" [{L.status_word(entry.status, plan)}]" if entry.status else ""
                text = "; ".join(filter(None, [said, entry.note]))
                out.append(f"  {date_label(entry.date, ctx.lang)} {entry.by}{status}: {text}")
        return "\n".join(out) + "\n"

    def grid(self, result: Grid, ctx: Context) -> str:
        """The status grid per department (or commune), as a Rich table, then the
        ranking. Its columns headed by their words when those fit on two lines;
        otherwise (80 columns: the grid has nine) numbered (1), (2), … as the columns
        of an official form are, their words in a key under the table. The rows stay
        the departments a clerk reads across, however many there are; turned the
        other way, fourteen departments would not fit either."""
        L = ctx.labels
        keys = (*GRID, "total")
        words = [L.total if key == "total" else L.grid[key] for key in keys]
        width = _columns()
        grid = _grid_table(result, L, words, width)
        head = grid.splitlines()[: next(n for n, line in enumerate(grid.splitlines()) if "───" in line)]
        if len(head) > 2 or "…" in grid:
            numbered = [L.total if key == "total" else f"({n})" for n, key in enumerate(keys, 1)]
            key = [f"({n}) {words[n - 1]}" for n, k in enumerate(keys, 1) if k != "total"]
            grid = _grid_table(result, L, numbered, width) + _key(key, width)
        return grid + "\n" + _ranking(result.data, L)

    def similar(self, result: Similar, ctx: Context) -> str:
        """The issues found alike, best first, with their scores."""
        L = ctx.labels
        heads = [L.score, L.id, L.commune, L.title_short, L.lead, L.state]
        rows = [[f"{m.score:.2f}", m.id, m.commune.name, m.title, m.dept, L.status_word(m.status)]
                for m in result.matches]  # fmt: skip
        return _table(heads, rows, wide=3) + L.numbered("records_count", len(rows)) + "\n"

    def clusters(self, result: Clusters, ctx: Context) -> str:
        """Each cluster: its title, how many issues and communes, its lead departments
        (marked when they differ), then its issues."""
        L = ctx.labels
        out = []
        for n, c in enumerate(result.clusters, 1):
            depts = ", ".join(c.depts) + (f" — {L.common_disputed}" if c.disputed else "")
            basis = L.common_basis["linked" if c.linked else "alike"]
            out.append(f"{n}. {c.title}")
            out.append(f"   {L.numbered('issues_n', len(c.members))}, {L.numbered('communes_n', len(c.communes))}; "
                       f"{L.lead}: {depts}; {basis}")  # fmt: skip
            rows = [[m.id, m.commune.name, m.title, m.dept, L.status_word(m.status)] for m in c.members]
            out.append(_table([L.id, L.commune, L.title_short, L.lead, L.state], rows, wide=2, indent=3))
        if not result.clusters:
            out.append(L.nothing)
        return "\n".join(out).rstrip("\n") + "\n"


def _grid_table(result: Grid, L: Labels, heads: list[str], width: int) -> str:
    """The grid's rows under these column heads, `width` columns wide at most."""
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable

    keys = (*GRID, "total")
    table = RichTable(header_style="bold", box=box.SIMPLE_HEAD)  # no side rules: 80 columns hold it
    part = "communes" if "communes" in result.data else "departments"  # `stats --by commune`: plans
    names = result.data.get("names", {})  # a commune's name, by its slug
    codes = [L.sum, *names.values(), *result.data[part]]
    table.add_column(L.commune if part == "communes" else L.dept, min_width=max(len(c) for c in codes))
    for head in heads:
        table.add_column(head, justify="right")
    for code, cells in result.data[part].items():
        table.add_row(names.get(code, code), *(str(cells[k]) for k in keys))
    table.add_row(L.sum, *(str(result.data["total"][k]) for k in keys), style="bold")
    console = Console(soft_wrap=False, width=width)
    with console.capture() as captured:
        console.print(table)
    # The margin Rich leaves taken off every line alike: the heads stay over their numbers.
    lines = "\n".join(line.rstrip() for line in captured.get().splitlines()).strip("\n")
    return textwrap.dedent(lines) + "\n"


def _key(items: list[str], width: int) -> str:
    """The numbered columns' words, under the table: two to a line when they fit."""
    widest = max(len(item) for item in items) + 2
    if 2 * widest > width:
        return "".join(f" {item}\n" for item in items)
    pairs = [items[n : n + 2] for n in range(0, len(items), 2)]
    return "".join((" " + "".join(item.ljust(widest) for item in pair)).rstrip() + "\n" for pair in pairs)


def _table(heads: list[str], rows: list[list[str]], wide: int, indent: int = 0) -> str:
    """An aligned table whose column `wide` takes the width the others leave."""
    widths = [max([len(h), *(len(r[n]) for r in rows)]) for n, h in enumerate(heads)]
    widths = [w if n == wide else min(w, 24) for n, w in enumerate(widths)]
    least = [min(w, 20 if n == wide else 6 if n == 0 else 8) for n, w in enumerate(widths)]
    widths = _fit(widths, least, wide, indent)
    pad = " " * indent
    lines = [_line(heads, widths), "  ".join("─" * w for w in widths)] + [_line(r, widths) for r in rows]
    return "".join(pad + "\n".join(lines).replace("\n", "\n" + pad) + "\n")


def _ranking(data: dict[str, Any], L: Labels) -> str:
    """The lead departments by on-time rate, best first (the JSON's `ranking`)."""
    from tracker.formats.parts import percent

    part = "communes" if "communes" in data else "departments"
    heads = [L.rank, L.commune if part == "communes" else L.dept, L.on_time_rate, L.band]
    departments = data[part]
    rows = [[str(n), data.get("names", {}).get(code, code), percent(departments[code]["on_time_rate"], L.lang),
             L.bands[departments[code]["band"]] if departments[code]["band"] else ""]
            for n, code in enumerate(data.get("ranking", []), 1)]  # fmt: skip
    return f"{L.ranking}:\n" + _table(heads, rows, wide=1)


def _columns() -> int:
    """The terminal's width; 80 columns when it is not a terminal ($COLUMNS overrides)."""
    return shutil.get_terminal_size((80, 24)).columns


def _fit(widths: list[int], least: list[int], wide: int, indent: int = 0) -> list[int]:
    """Column widths that fit the terminal: while the row is too wide, the column with
    the most room to spare above its `least` gives up a character (column `wide`, the
    text, counting half its room, so that it keeps the most), down to each one's least."""
    total = _columns() - indent - 2 * (len(widths) - 1)
    widths = list(widths)
    # The text gives way first, down to a width still easy to read; then every column.
    others = sum(w for n, w in enumerate(widths) if n != wide)
    widths[wide] = min(widths[wide], max(least[wide], 20, total - others))
    while sum(widths) > total:
        spare = max(range(len(widths)), key=lambda n: (widths[n] - least[n]) / (2 if n == wide else 1))
        if widths[spare] <= least[spare]:
            break  # as narrow as they go: the terminal wraps what is left
        widths[spare] -= 1
    return widths


def _line(values: list[str], widths: list[int]) -> str:
    """One row, its cells wrapped to their widths and padded; a row may take several lines."""
    wrapped = [textwrap.wrap(v, w) or [""] if len(v) > w else [v] for v, w in zip(values, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = [(w[n] if n < len(w) else "").ljust(width) for w, width in zip(wrapped, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)


FORMAT = Table()
