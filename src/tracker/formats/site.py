"""The pages of the static site (`tracker site`), from templates/site-*.html.j2: one
Jinja environment for the whole build, the report's wording and dates, charts
from formats/charts.py, and links relative to each page (it opens from file://)."""

from collections.abc import Callable, Iterator
from datetime import date
from importlib import resources
from typing import Any

from tracker import figures, rules
from tracker.cache import CommuneRow, Full, IssueRow, PlanRow
from tracker.formats import Context, charts
from tracker.models import Issue, PlanItem
from tracker.query import sort_key
from tracker.text import natural_key
from tracker.wording import date_label

# The grid's columns a chart stacks: "escalated" is counted within "not done", not beside it.
CHARTED = tuple(k for k in rules.GRID if k != rules.ESCALATED)


class Site:
    """Renders each page of the site; the figures come from the rows it is given."""

    def __init__(self, ctx: Context, as_of: date, issues: list[IssueRow], plans: list[PlanRow],
                 dept_names: dict[str, str], category_names: dict[str, str]) -> None:  # fmt: skip
        from tracker.formats.templates import environment

        self.ctx, self.as_of, self.L = ctx, as_of, ctx.labels
        self.issues = issues
        self.plans = plans
        self.dept_names = dept_names
        self.addressed = figures.addressed_by(plans)
        self.env = environment("html", ctx)
        self.env.globals.update(site=self.L.site, as_of=as_of, names=dept_names, categories=category_names,
                                late=lambda r: rules.is_overdue(r.status.value, r.due, as_of,
                                                                isinstance(r, PlanRow | PlanItem)))  # fmt: skip

    def _page(self, template: str, root: str, **values: Any) -> str:
        return str(self.env.get_template(template).render(root=root, **values))

    def assets(self) -> list[tuple[str, str]]:
        folder = resources.files("tracker.templates")
        return [(f"assets/{name}", folder.joinpath(name).read_text("utf-8")) for name in ("site.css", "site.js")]

    def index(self, report: Any) -> str:
        L = self.L
        codes = [p.code for p in report.grid]
        keys = CHARTED
        status = charts.stacked("status", L.site["by_status"], codes,
                                [(L.grid[k], [p.grid[k] for p in report.grid]) for k in keys])  # fmt: skip
        ages = figures.by_age(self.issues, self.as_of)
        age = charts.bars("ages", L.site["by_age"], list(L.site["ages"]), L.site["count"], ages)
        months = figures.by_month(self.issues, self.as_of)
        trend = charts.lines("months", L.site["over_time"], [m for m, _, _ in months],
                             [(L.site["open"], [o for _, o, _ in months]),
                              (L.site["late"], [d for _, _, d in months])]) if months else ""  # fmt: skip
        communes = sorted({r.commune for r in self.issues} | {p.commune for p in self.plans}, key=CommuneRow.order)
        status_rows = [[p.code, *(p.grid[k] for k in keys)] for p in report.grid]
        age_rows = list(zip(L.site["ages"], ages, strict=True))
        return self._page("site-index.html.j2", "", r=report, status=status, age=age, trend=trend, months=months,
                          communes=communes, status_heads=[L.dept, *(L.grid[k] for k in keys)],
                          status_rows=status_rows, age_rows=age_rows)  # fmt: skip

    def overdue(self) -> list[tuple[str, str]]:
        """The overdue issues, most overdue first, 500 a page."""
        rows = [r for r in self.issues if rules.is_overdue(r.status.value, r.due, self.as_of)]
        rows.sort(key=lambda r: (-rules.days_overdue(r.status.value, r.due, self.as_of), *sort_key(r)))
        chunks = _pages(rows)
        names = ["overdue.html" if n == 1 else f"overdue-{n}.html" for n in range(1, len(chunks) + 1)]
        return [(names[n], self._page("site-overdue.html.j2", "", rows=self.rows(chunk, "", late=True), n=n + 1,
                                      pages=names, total=len(rows)))
                for n, chunk in enumerate(chunks)]  # fmt: skip

    def departments(self, report: Callable[[], Any]) -> Iterator[tuple[str, Callable[[], list[tuple[str, str]]]]]:
        """Each department that has issues, and how to make its pages (only called
        when they are to be made again): its issues, lead then supporting, overdue
        first, 500 a page, with its grid row and chart."""
        involved = {code for r in self.issues for code in (r.dept, *r.support)}
        for code in self.dept_names:
            if code in involved:
                yield code, lambda code=code: self._department(code, report())  # type: ignore[misc]

    def _department(self, code: str, report: Any) -> list[tuple[str, str]]:
        mine = [r for r in self.issues if r.dept == code or code in r.support]
        mine.sort(key=lambda r: (r.dept != code, not rules.is_overdue(r.status.value, r.due, self.as_of),
                                 *sort_key(r)))  # fmt: skip
        chunks = _pages(mine)
        part = next((p for p in report.grid if p.code == code), None)
        chart, rows = "", []
        if part is not None:
            keys = CHARTED
            chart = charts.stacked(
                f"dept-{code}", self.L.site["by_status"], [code], [(self.L.grid[k], [part.grid[k]]) for k in keys]
            )  # the overview's colours
            rows = [[self.L.grid[k], part.grid[k]] for k in keys]
        names = [dept_page(code, n) for n in range(1, len(chunks) + 1)]
        return [(names[n], self._page("site-dept.html.j2", "../", code=code, part=part, n=n + 1, pages=names,
                                      rows=self.rows(chunk, "../"), dept_chart=chart if n == 0 else "",
                                      chart_rows=rows, total=len(mine)))
                for n, chunk in enumerate(chunks)]  # fmt: skip

    def rows(self, rows: list[IssueRow], root: str, late: bool = False) -> Any:
        """The rows of a long table of issues, as HTML: written here rather than in the
        template, as a department of a national data set has tens of thousands."""
        from markupsafe import Markup, escape

        L, out = self.L, []
        for r in rows:
            overdue = rules.is_overdue(r.status.value, r.due, self.as_of)
            due = escape(date_label(r.due, self.ctx.lang)) + (f" ({escape(L.overdue_mark)})" if overdue else "")
            cells = [
                f'<td class="id"><a href="{root}issue/{r.id}.html">{r.id}</a></td>',
                f'<td><a href="{root}commune/{r.commune.slug}.html">{escape(r.commune.name)}</a></td>',
                f"<td>{escape(r.title)}</td>",
                f'<td><a href="{root}dept/{r.dept}.html">{r.dept}</a></td>',
            ]
            if late:
                cells += [
                    f'<td class="date" data-sort="{r.due.isoformat() if r.due else ""}">{due}</td>',
                    f'<td class="n">{rules.days_overdue(r.status.value, r.due, self.as_of)}</td>',
                ]
            else:
                cells += [
                    f"<td>{escape(', '.join(r.support))}</td>",
                    f'<td class="date" data-sort="{r.due.isoformat() if r.due else ""}">{due}</td>',
                ]
            cells.append(f"<td>{escape(L.status_word(r.status.value))}</td>")
            mark = ' class="late"' if overdue else ""
            out.append(f"<tr{mark}>{''.join(cells)}</tr>")
        return Markup("\n".join(out))

    def commune(self, commune: Any, records: list[Full]) -> list[tuple[str, str]]:
        """A commune's page, and a page each of its issues and plan items."""
        issues = sorted((f.record for f in records if isinstance(f.record, Issue)), key=lambda r: natural_key(r.id))
        plans = sorted((f.record for f in records if isinstance(f.record, PlanItem)), key=lambda r: natural_key(r.id))
        out = [(f"commune/{commune.slug}.html",
                self._page("site-commune.html.j2", "../", c=commune, issues=issues, plans=plans))]  # fmt: skip
        for rec in issues:
            out.append(
                (
                    f"issue/{rec.id}.html",
                    self._page(
                        "site-record.html.j2",
                        "../",
                        c=commune,
                        rec=rec,
                        plan=False,
                        addressed=self.addressed.get(rec.id, []),
                    ),
                )
            )
        for item in plans:
            out.append((f"plan/{item.id}.html", self._page("site-record.html.j2", "../", c=commune, rec=item,
                                                           plan=True, addressed=[])))  # fmt: skip
        return out

    def changes(self, log: Any) -> str:
        return self._page("site-changes.html.j2", "", log=log)


def _pages(rows: list[Any]) -> list[list[Any]]:
    return [rows[n : n + figures.PER_PAGE] for n in range(0, len(rows), figures.PER_PAGE)] or [[]]


def dept_page(code: str, n: int) -> str:
    return f"dept/{code}.html" if n == 1 else f"dept/{code}-{n}.html"
