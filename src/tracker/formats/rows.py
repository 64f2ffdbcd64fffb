"""The report's long tables, one row a line, written in Python rather than in the
template: a department of a national data set lists 14,000 issues, the whole
country 100,000, and a row spelt out in Jinja costs ten writes or more. The
templates call `issue_rows` (the overdue and upcoming lists) and `appendix_rows`
(the appendix) with what they would loop over; a data repository's own template
may still spell its rows out. The cells are those the templates showed before,
and each cell that repeats (a commune, a deadline, a status) is made once."""

from collections.abc import Callable
from datetime import date
from typing import Any

from tracker.cache.rows import IssueRow
from tracker.formats.base import Context
from tracker.reporting import Item
from tracker.wording import date_label


def writers(fmt: str, ctx: Context) -> dict[str, Callable[..., Any]]:
    """The two functions the templates of `fmt` ("md" or "html") are given."""
    from markupsafe import Markup, escape

    from tracker.formats.markdown import md_text

    html = fmt == "html"
    escape_cell: Callable[[object], str] = (lambda v: str(escape(v))) if html else md_text
    L, lang = ctx.labels, ctx.lang

    def said(value: Any) -> str:
        if isinstance(value, tuple):  # the departments supporting
            return escape_cell(", ".join(value))
        if value is None or isinstance(value, date):
            return escape_cell(date_label(value, lang))
        return escape_cell(value)

    cells = _Memo(said)  # a title, a commune's name, a deadline, the departments
    words = _Memo(lambda status: escape_cell(L.status_word(status.value)))  # by the enum: no .value a row

    def shown(x: IssueRow) -> tuple[str, str, str, str, str]:
        """The cells both tables show: ID, commune, content, lead, deadline."""
        return cells[x.id], cells[x.commune.name], cells[x.title], cells[x.dept], cells[x.due]

    def issue_rows(items: list[Item], late: bool = False) -> Markup:
        """The rows of an overdue or upcoming list: No., ID, commune, content, lead,
        deadline, (days late,) state (and, late, how often it was reminded)."""
        out = []
        for n, i in enumerate(items, 1):
            x = i.issue
            ident, place, title, lead, due = shown(x)
            state = words[x.status]
            if late and x.reminders:
                state += f" ({escape_cell(L.numbered('reminded', x.reminders))})"
            days = i.days_overdue or ""
            if html:
                late_cell = f'<td class="n">{days}</td>' if late else ""
                out.append(f'<tr><td class="n">{n}</td><td class="id">{ident}</td><td class="commune">{place}</td>'
                           f'<td>{title}</td><td class="lead">{lead}</td><td class="date">{due}</td>{late_cell}'
                           f"<td>{state}</td></tr>")  # fmt: skip
            else:
                late_cell = f" {days} |" if late else ""
                out.append(f"| {n} | {ident} | {place} | {title} | {lead} | {due} |{late_cell} {state} |")
        return Markup("\n".join(out))

    def appendix_rows(items: list[Item], dept: str, roles: bool) -> Markup:
        """The rows of a group in the appendix of department `dept`: No., ID, commune,
        content, (its role, with `roles`,) lead, support, deadline, state, result."""
        out, part = [], {key: escape_cell(L.roles[key]) for key in ("lead", "support")} if roles else {}
        for n, i in enumerate(items, 1):
            x = i.issue
            ident, place, title, lead, due = shown(x)
            support, state, result = cells[x.support], words[x.status], cells[L.result_cell(x)]
            role = part["lead" if x.dept == dept else "support"] if roles else ""
            if html:
                role = f"<td>{role}</td>" if roles else ""
                out.append(f'<tr><td class="n">{n}</td><td class="id">{ident}</td><td class="commune">{place}</td>'
                           f'<td>{title}</td>{role}<td class="lead">{lead}</td><td>{support}</td>'
                           f'<td class="date">{due}</td><td>{state}</td><td>{result}</td></tr>')  # fmt: skip
            else:
                role = f" {role} |" if roles else ""
                out.append(
                    f"| {n} | {ident} | {place} | {title} |{role} {lead} | {support} | {due} | {state} | {result} |"
                )
        return Markup("\n".join(out))

    return {"issue_rows": issue_rows, "appendix_rows": appendix_rows}


class _Memo(dict[Any, str]):
    """Each cell's text made once: most repeat from row to row."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, value: Any) -> str:
        text = self[value] = self.make(value)
        return text
