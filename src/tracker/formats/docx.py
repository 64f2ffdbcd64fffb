"""Word: the report and the reminder letter, in the form of Decree 30/2020 that
formats/docx_page.py lays out: A4, Times New Roman 13, the appendix of the report
landscape with its header row repeated."""

from typing import Any, assert_never

from tracker.formats import parts
from tracker.formats.base import Context, Format, Name
from tracker.formats.docx_page import Page
from tracker.reporting import Item, Report
from tracker.results import Digest
from tracker.rules import GRID
from tracker.wording import Labels, date_label, fill


class Docx(Format[Report | Digest]):
    name = Name.DOCX
    binary = True

    def present(self, result: Report | Digest, ctx: Context) -> bytes:
        match result:
            case Report():
                return render_report(result, ctx)
            case Digest():
                return render_letter(result, ctx)
            case _:
                assert_never(result)


def render_report(report: Report, ctx: Context) -> bytes:
    L, lang = ctx.labels, ctx.lang

    def day(value: object) -> str:
        return date_label(value, lang)

    tables = parts.of(report, L)
    period = tables["period"]
    title = report.title or (period["title"] if period else L.title)
    page = Page(L, L.group_name, title)
    page.head(report.number or L.report_number, report.as_of)
    page.para(title.upper() if period else title, bold=True, center=True, size=14, keep=True)
    page.para(L.subject, bold=True, center=True, keep=True)
    focus = ", ".join(f"{report.department_names.get(c, c)} ({c})" for c in report.depts)
    counted_to = period["window"] if period else f"{L.as_of} {day(report.as_of)}"
    page.para(f"{counted_to}." + (f" {L.for_dept}: {focus}." if focus else ""), italic=True, center=True)
    if period and period["sent"]:
        page.para(period["sent"], italic=True, center=True)
    if period and period["changed"]:
        page.para(f"{L.period_changed} {'; '.join(period['changed'])}.", italic=True)

    def long_table(items: list[Item], columns: parts.Columns) -> None:
        page.table(columns.heads, columns.cells(items), columns.widths)

    keys = list(GRID)
    page.heading(L.results, 1)
    page.heading(L.by_dept, 2)
    grid_rows = [[f"{p.code} — {p.name}", p.grid["total"], *(p.grid[k] for k in keys)] for p in report.grid]
    if not report.depts:
        grid_rows.append([L.sum, report.total["total"], *(report.total[k] for k in keys)])
    page.table([L.dept, L.total, *(L.grid[k] for k in keys)], grid_rows, [30, 14, 15, 15, 15, 15, 15, 15, 16, 15])
    for part in report.grid:
        if report.depts and part.supporting:
            page.para(f"{part.code}: {L.supporting} {L.numbered('issues_n', part.supporting)}.")

    def table(t: parts.Table) -> None:
        if t.rows:
            page.table(t.heads, t.rows, t.widths)
        else:
            page.para(L.nothing)

    page.para(f"{L.ranking}:", keep=True)
    table(tables["ranking"])
    page.para(tables["rate_rule"])
    if period:
        page.para(f"{period['compare_title']}:", keep=True)
        table(period["compare"])
        page.para(L.compare_note, italic=True)
        page.para(f"{L.movement}:", keep=True)
        table(period["movement"])
    page.heading(L.groups, 2)
    groups = [[g.name or L.no_category, g.communes, g.issues] for g in report.categories]
    page.table([L.category, L.communes, L.count], groups, [115, 25, 25])
    if report.min_communes:
        page.heading(L.common, 2)
        if report.common:
            page.para(fill(L.common_intro, n=report.min_communes), keep=True)
            rows = [[n, *L.common_row(g)] for n, g in enumerate(report.common, 1)]
            page.table(L.common_heads(), rows, [12, 56, 32, 18, 24, 23])  # 165 mm: the width of the text
        else:
            page.para(L.nothing)
    supported_by = fill(L.support_part, depts=", ".join(report.depts))
    page.heading(L.problems, 1)
    late, soon = parts.issue_columns(L, True), parts.issue_columns(L, False)
    for title, items in tables["ages"]:
        page.heading(f"{title} ({len(items)})", 2)
        if items:
            long_table(items, late)
        else:
            page.para(L.nothing)
    if report.escalated:
        page.heading(f"{L.escalated_apart} ({len(report.escalated)})", 2)
        long_table(report.escalated, late)
    page.heading(f"{tables['undated_title']} ({len(report.undated)})", 2)
    table(tables["undated"])
    if period:
        page.heading(f"{L.disputed_part} ({len(period['dispute'].rows)})", 2)
        table(period["dispute"])
    else:
        page.heading(f"{L.pending_part} ({len(report.pending)})", 2)
        table(tables["pending"])
    if report.overdue_support:
        page.para(supported_by, keep=True)
        long_table(report.overdue_support, late)
    page.heading(L.next, 1)
    upcoming = (
        period["next_title"] if period else f"{fill(L.upcoming, days=report.window)} ({L.until} {day(report.until)})"
    )
    page.heading(upcoming, 2)
    if report.upcoming:
        long_table(report.upcoming, soon)
    else:
        page.para(L.nothing)
    if report.upcoming_support:
        page.para(supported_by, keep=True)
        long_table(report.upcoming_support, soon)
    page.heading(L.plans, 2)
    if report.plans:
        page.table([L.commune, L.plan_items, L.plan_done, L.milestones, L.plan_overdue],
                   [[p.commune.name, p.items, p.done, f"{p.milestones_done}/{p.milestones}", ", ".join(p.overdue)]
                    for p in report.plans], [45, 25, 25, 30, 40])  # fmt: skip
    else:  # as the HTML report says it
        page.para(L.nothing)
    if period:
        page.heading(L.proposals, 1)
        page.heading(f"{L.proposals_escalated} ({len(period['escalated'])})", 2)
        if period["escalated"]:
            long_table(period["escalated"], late)
        else:
            page.para(L.nothing)
        page.heading(f"{L.pending_part} ({len(report.pending)})", 2)
        table(tables["pending"])
    if report.changes is not None:
        page.heading(L.changes_title, 1)
        page.para(f"{L.changes_since} {report.since}.")
        for group in report.changes:
            page.heading((f"{group.code} — {group.name}") if group.code else L.plan_changes, 2)
            for commune in group.communes:
                for c in commune.changes:
                    page.doc.add_paragraph(f"{c.id} ({commune.name}): {L.change[c.change]}: {_value(L, c, lang)}",
                                           style="List Bullet")  # fmt: skip
    page.signature(list(L.recipient_list), report.signer)
    page.landscape()
    page.para(L.appendix, bold=True, center=True, keep=True)
    for number, part in enumerate(report.grid):
        if number:  # each department on a page of its own
            page.page_break()
        page.heading(f"{part.code} — {part.name}", 2)
        # a department's own report says which part it plays
        columns = parts.appendix_columns(L, part.code, bool(report.depts))
        for g in part.groups:
            page.heading(f"{g.name or L.no_category} ({L.numbered('communes_n', g.communes)}, "
                         f"{L.numbered('issues_n', g.issues)})", 3)  # fmt: skip
            long_table(g.items, columns)
    return page.bytes()


def render_letter(digest: Digest, ctx: Context) -> bytes:
    """A reminder (văn bản đôn đốc) as an official letter: the head with "Số:" and
    "V/v", "Kính gửi:", a short body with the counts, the table of items, what has
    escalated, "Nơi nhận" and the signature."""
    L, lang = ctx.labels, ctx.lang
    page = Page(L, L.group_name, L.remind_subject)
    page.head(digest.number, digest.as_of, L.remind_subject)
    page.para(f"{L.dear} {digest.to.head or L.unit(digest.to)}", bold=True, center=True, keep=True)
    for line in fill(L.remind_body, name=L.unit(digest.to), date=date_label(digest.as_of, lang),
                     overdue=digest.count("overdue"), soon=digest.count("due_soon"), within=digest.within,
                     stale=digest.count("stale"), stale_days=digest.stale).split("\n"):  # fmt: skip
        page.para(line)
    content = L.plan_task if digest.audience == "commune" else L.content  # a commune's rows are its plan's tasks
    heads = [L.no, L.id, L.commune, content, L.due, L.reason, L.days_late, L.reminders_col, L.last_update]
    rows = [[n, i.id, i.commune, i.title, date_label(i.due, lang), L.reasons[i.reason], i.days_overdue or "",
             L.count_cell(i.reminders), date_label(i.last_update, lang)]
            for n, i in enumerate(digest.items, 1)]  # fmt: skip
    page.table(heads, rows, [12, 15, 19, 29, 24, 17, 12, 13, 24])
    if digest.escalated:
        page.para(L.escalated_part, bold=True, keep=True)
        page.table([L.no, L.id, content, L.escalated_col],
                   [[n, i.id, i.title, L.escalation(i)] for n, i in enumerate(digest.escalated, 1)],
                   [12, 15, 83, 55])  # fmt: skip
    if digest.explain:
        page.para(L.explain_part, bold=True, keep=True)
        page.table([L.no, L.id, content, L.due, L.days_late, L.explain_by],
                   [[n, i.id, i.title, date_label(i.due, lang), i.days_overdue, date_label(i.explain_by, lang)]
                    for n, i in enumerate(digest.explain, 1)], [12, 16, 61, 24, 24, 28])  # fmt: skip
    page.para(L.remind_close)
    copies = [f"- {c.name};" for c in digest.copies]
    page.signature([f"- {L.as_above}", *copies, *L.remind_file], digest.signer)
    return page.bytes()


def _value(L: Labels, change: Any, lang: str) -> str:
    def shown(value: Any) -> str:
        if value is None:
            return "—"
        if change.change == "status":
            return str(L.status[value.value] if change.dept else L.plan_status[value.value])
        if isinstance(value, list):
            return ", ".join(value) or "—"
        return date_label(value, lang) if hasattr(value, "year") else str(value)

    if change.change in ("added", "note", "milestone"):
        return shown(change.new)
    if change.change == "removed":
        return shown(change.old)
    return f"{shown(change.old)} → {shown(change.new)}"


FORMAT = Docx()
