"""The report as a Word document (python-docx), laid out as Vietnamese offices send
them: A4, Times New Roman 13, the national motto beside the issuing body, the
"Nghệ An, ngày … tháng … năm …" line, a signature block, the appendix landscape."""

import io
from copy import deepcopy
from typing import Any

from tracker.formats import Context, Format
from tracker.formats.templates import long_date
from tracker.reporting import Item, Report
from tracker.rules import GRID
from tracker.wording import date_label, fill

FONT = "Times New Roman"


class Docx(Format):
    name = "docx"
    binary = True

    def report(self, result: Report, ctx: Context) -> bytes:
        return render_docx(result, ctx)


def render_docx(report: Report, ctx: Context) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    L, lang = ctx.labels, ctx.lang

    def day(value: object) -> str:
        return date_label(value, lang)

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)  # so Word never swaps the font for Vietnamese
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(20),
        Mm(20),
        Mm(30),
        Mm(15),
    )

    def para(text: str = "", bold: bool = False, italic: bool = False, center: bool = False, right: bool = False,
             size: int | None = None, underline: bool = False) -> Any:  # fmt: skip
        p = doc.add_paragraph()
        if center or right:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.RIGHT
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
        return p

    def cell_lines(cell: Any, lines: list[tuple[str, bool, bool]]) -> None:
        cell.paragraphs[0].text = ""
        for number, (text, bold, underline) in enumerate(lines):
            p = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(text)
            run.bold, run.underline = bold, underline
            run.font.size = Pt(12)  # the heading block is set a size smaller, as offices do

    head = doc.add_table(rows=1, cols=2)
    head.autofit = False
    for column, width in zip(head.columns, (Mm(80), Mm(85)), strict=True):
        column.width = width
        column.cells[0].width = width
    cell_lines(head.cell(0, 0), [(L.committee, True, False), (L.group, True, True), (L.standing, False, False)])
    cell_lines(head.cell(0, 1), [(L.motto_1, True, False), (L.motto_2, True, True)])
    para(f"{L.place}, {long_date(report.as_of, lang)}", italic=True, right=True)
    para(report.title or L.title, bold=True, center=True, size=14)
    para(L.subject, bold=True, center=True)
    focus = ", ".join(f"{report.department_names.get(c, c)} ({c})" for c in report.depts)
    para(f"{L.as_of} {day(report.as_of)}." + (f" {L.for_dept}: {focus}." if focus else ""), italic=True,
         center=True)  # fmt: skip

    def table(headers: list[str], rows: list[list[Any]], widths: list[float] | None = None) -> None:
        # python-docx builds and styles the head and one model row; the other rows are
        # copies of that row's XML with their own text. Adding and styling every cell
        # through python-docx took 28 s for a department's appendix on national data.
        grid = doc.add_table(rows=2, cols=len(headers))
        grid.style = "Table Grid"
        head, model = grid.rows
        head._tr.get_or_add_trPr().append(_header_mark())  # repeat on every page
        for cell, text in zip(head.cells, headers, strict=True):
            cell.paragraphs[0].add_run(str(text)).bold = True
        for cell in model.cells:
            cell.paragraphs[0].add_run("-")
        if widths:  # Word and LibreOffice honour widths only on a fixed grid, set on columns and cells
            grid.autofit = False
            for column, width in zip(grid.columns, widths, strict=True):
                column.width = Mm(width)
        for row in (head, model):
            for number, cell in enumerate(row.cells):
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(11)
                if widths:
                    cell.width = Mm(widths[number])
        tr = model._tr
        tr.getparent().remove(tr)
        for values in rows:
            row = deepcopy(tr)
            for r, value in zip(row.iter(qn("w:r")), values, strict=True):
                _set_text(r, "" if value is None else str(value))
            grid._tbl.append(row)

    def issue_rows(items: list[Item], late: bool) -> list[list[Any]]:
        return [[n, i.issue.id, i.issue.commune.name, i.issue.title, i.issue.dept, day(i.issue.due),
                 *([i.days_overdue or ""] if late else []), L.status[i.issue.status.value]]
                for n, i in enumerate(items, 1)]  # fmt: skip

    keys = list(GRID)
    para(L.results, bold=True)
    para(L.by_dept, bold=True, italic=True)
    grid_rows = [[f"{p.code} — {p.name}", p.grid["total"], *(p.grid[k] for k in keys)] for p in report.grid]
    if not report.depts:
        grid_rows.append([L.sum, report.total["total"], *(report.total[k] for k in keys)])
    table([L.dept, L.total, *(L.grid[k] for k in keys)], grid_rows, [46, 15, 18, 17, 18, 18, 17, 16])
    for part in report.grid:
        if report.depts and part.supporting:
            para(f"{part.code}: {L.supporting} {part.supporting} {L.issues_word}.")
    para(L.groups, bold=True, italic=True)
    groups = [[g.name or L.no_category, g.communes, g.issues] for g in report.categories]
    table([L.category, L.communes, L.count], groups, [115, 25, 25])
    supported_by = fill(L.support_part, depts=", ".join(report.depts))
    para(L.problems, bold=True)
    late_heads = [L.no, L.id, L.commune, L.content, L.lead, L.due, L.days_late, L.state]
    if report.overdue:
        table(late_heads, issue_rows(report.overdue, True), [10, 16, 24, 50, 14, 20, 13, 18])
    else:
        para(L.nothing)
    if report.overdue_support:
        para(supported_by)
        table(late_heads, issue_rows(report.overdue_support, True), [10, 16, 24, 50, 14, 20, 13, 18])
    para(L.next, bold=True)
    para(f"{fill(L.upcoming, days=report.window)} ({L.until} {day(report.until)})", bold=True, italic=True)
    soon_heads = [L.no, L.id, L.commune, L.content, L.lead, L.due, L.state]
    if report.upcoming:
        table(soon_heads, issue_rows(report.upcoming, False), [10, 16, 24, 63, 14, 20, 18])
    else:
        para(L.nothing)
    if report.upcoming_support:
        para(supported_by)
        table(soon_heads, issue_rows(report.upcoming_support, False), [10, 16, 24, 63, 14, 20, 18])
    para(L.plans, bold=True, italic=True)
    table([L.commune, L.plan_items, L.plan_done, L.milestones, L.plan_overdue],
          [[p.commune.name, p.items, p.done, f"{p.milestones_done}/{p.milestones}", ", ".join(p.overdue)]
           for p in report.plans], [45, 25, 25, 30, 40])  # fmt: skip
    if report.changes is not None:
        para(L.changes_title, bold=True)
        para(f"{L.changes_since} {report.since}.")
        for group in report.changes:
            para((f"{group.code} — {group.name}") if group.code else L.plan_changes, bold=True, italic=True)
            for commune in group.communes:
                for c in commune.changes:
                    doc.add_paragraph(f"{c.id} ({commune.name}): {L.change[c.change]}: {_value(L, c, lang)}",
                                      style="List Bullet")  # fmt: skip
    signature = doc.add_table(rows=1, cols=2)
    left, right = signature.cell(0, 0), signature.cell(0, 1)
    left.paragraphs[0].add_run(L.recipients).bold = True
    for line in L.recipient_list:
        left.add_paragraph(line).runs[0].font.size = Pt(11)
    cell_lines(right, [(L.signer_for, True, False), (L.signer_title, True, False), ("", False, False),
                       ("", False, False), ("", False, False)])  # fmt: skip

    appendix = doc.add_section()
    appendix.orientation = WD_ORIENT.LANDSCAPE
    appendix.page_width, appendix.page_height = Mm(297), Mm(210)
    appendix.left_margin = appendix.right_margin = Mm(20)
    para(L.appendix, bold=True, center=True)
    for number, part in enumerate(report.grid):
        if number:  # each department on a page of its own
            para().add_run().add_break(WD_BREAK.PAGE)
        para(f"{part.code} — {part.name}", bold=True)
        for g in part.groups:
            para(f"{g.name or L.no_category} ({g.communes} {L.communes_word}, {g.issues} {L.issues_word})", italic=True)
            role = bool(report.depts)  # a department's own report says which part it plays
            heads = [
                L.no,
                L.id,
                L.commune,
                L.content,
                *([L.role] if role else []),
                L.lead,
                L.support,
                L.due,
                L.state,
                L.result,
            ]
            rows = [
                [
                    n,
                    i.issue.id,
                    i.issue.commune.name,
                    i.issue.title,
                    *([L.roles["lead" if i.issue.dept == part.code else "support"]] if role else []),
                    i.issue.dept,
                    ", ".join(i.issue.support),
                    day(i.issue.due),
                    L.status[i.issue.status.value],
                    i.issue.resolution or "",
                ]
                for n, i in enumerate(g.items, 1)
            ]
            widths: list[float] = [
                10,
                18,
                26,
                *([18] if role else []),
                70 if role else 80,
                16,
                22,
                22,
                25,
                25 if role else 29,
            ]
            table(heads, rows, widths)  # fmt: skip
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _set_text(run: Any, text: str) -> None:
    """The text of a copied run (`<w:r>` holding one `<w:t>`), as python-docx's
    `add_run` would have written it."""
    t = run[-1]
    if not text:  # add_run("") writes no <w:t>
        run.remove(t)
    elif text.strip() == text and "\n" not in text and "\t" not in text:
        t.text = text
    else:  # line breaks, tabs, outer spaces: python-docx knows how to write those
        run.text = text


def _header_mark() -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    return mark


def _value(L: Any, change: Any, lang: str) -> str:
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
