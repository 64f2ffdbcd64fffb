"""The pages of the static site (`tracker site`), from templates/site-*.html.j2: one
Jinja environment for the whole build, the report's wording and dates, charts
from formats/charts.py, and links relative to each page (it opens from file://)."""

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from typing import Any

from tracker import figures, rules
from tracker.cache import CommuneRow, Full, IssueRow, PlanRow
from tracker.formats import Context, charts, parts
from tracker.historytext import told
from tracker.models import Issue, PlanItem
from tracker.text import natural_key
from tracker.wording import date_label, fill


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a long table (or the overview): its name, a digest of what it shows
    ("" when it is made each time it is asked for), and how to make it, called only
    when the digest differs from the last build's."""

    name: str
    shown: str
    render: Callable[[], str]


# A digest of what the site shows of an issue or a plan item (ops/site keeps one for each).
Shown = Callable[[IssueRow | PlanRow], str]

# The grid's columns a chart stacks: "escalated" is counted within "not done", not beside it.
CHARTED = rules.PARTS  # "of which" columns are counted in the others already


class Site:
    """Renders each page of the site; the figures come from the rows it is given,
    read (`issues`, `plans`) only when a page that needs them is made."""

    def __init__(self, ctx: Context, as_of: date, issues: Callable[[], list[IssueRow]],
                 plans: Callable[[], list[PlanRow]],
                 dept_names: dict[str, str], category_names: dict[str, str]) -> None:  # fmt: skip
        from tracker.formats.templates import environment

        self.ctx, self.as_of, self.L = ctx, as_of, ctx.labels
        self._issues, self._plans = issues, plans
        self.dept_names = dept_names
        self.env = environment("html", ctx)
        self.env.globals.update(site=self.L.site, as_of=as_of, names=dept_names, categories=category_names,
                                late=lambda r: rules.is_overdue(r.status.value, r.due, as_of,
                                                                isinstance(r, PlanRow | PlanItem)))  # fmt: skip

    @cached_property
    def issues(self) -> list[IssueRow]:
        """Every issue, in the order `query.select` gives (the long tables' sorts are
        stable: what ties stays in that order): read only when a page that gathers
        many is made (a rebuild after a note to one commune's history needs none)."""
        return self._issues()

    @cached_property
    def plans(self) -> list[PlanRow]:
        """Every plan item: for the overview's communes and what addresses an issue."""
        return self._plans()

    @cached_property
    def addressed(self) -> dict[str, list[PlanRow]]:
        return figures.addressed_by(self.plans)

    def _page(self, template: str, root: str, **values: Any) -> str:
        return str(self.env.get_template(template).render(root=root, **values))

    def assets(self) -> list[tuple[str, str]]:
        return assets()

    def index(self, report: Any, sent: list[tuple[Any, Any]] | None = None, since: str | None = None) -> str:
        """The overview: the grid and its charts, the obstacle groups, the common
        obstacles, the periodic reports `sent` (periods.Period, models.Submission;
        newest first), the communes; with `since`, a link to changes.html."""
        L = self.L
        codes = [p.code for p in report.grid]
        keys = CHARTED
        status = _both(charts.stacked, "status", L.site["by_status"], codes,
                       [(L.grid[k], [p.grid[k] for p in report.grid]) for k in keys])  # fmt: skip
        # The report's ages of a delay (followup.yaml's bounds), titled as its part II titles them.
        ages = figures.by_age(self.issues, self.as_of, list(report.policy.ages))
        age_labels = [parts.age_title(report, g.key, L) for g in report.ages]
        age = _both(charts.bars, "ages", L.site["by_age"], age_labels, L.site["count"], ages)
        months = figures.by_month(self.issues, self.as_of)
        trend = _both(charts.lines, "months", L.site["over_time"], [m for m, _, _ in months],
                      [(L.site["open"], [o for _, o, _ in months]),
                       (L.site["late"], [d for _, _, d in months])]) if months else ""  # fmt: skip
        left, left_late = figures.unplotted(self.issues, self.as_of)
        unplotted = fill(L.site["unplotted"], n=left) + (fill(L.site["unplotted_late"], n=left_late)
                                                          if left_late else "") if left else ""  # fmt: skip
        communes = sorted({r.commune for r in self.issues} | {p.commune for p in self.plans}, key=CommuneRow.order)
        status_rows = [[p.code, *(p.grid[k] for k in keys)] for p in report.grid]
        age_rows = list(zip(age_labels, ages, strict=True))
        return self._page("site-index.html.j2", "", r=report, status=status, age=age, trend=trend, months=months,
                          communes=communes, status_heads=[L.dept, *(L.grid[k] for k in keys)],
                          status_rows=status_rows, age_rows=age_rows,
                          sent=[(parts.period_title(p, L), s.number, s.date) for p, s in sent or []],
                          unplotted=unplotted, since=since)  # fmt: skip

    def overdue(self, shown: Shown) -> list[Page]:
        """What the report's part II lists, 500 a page: the issues overdue or escalated
        (most overdue first, then the escalated within their deadline), and the plan
        items overdue (most overdue first)."""
        as_of = self.as_of
        rows = [r for r in self.issues if rules.is_overdue(r.status.value, r.due, as_of)
                or r.status.value == rules.ESCALATED]  # fmt: skip
        rows.sort(key=lambda r: -rules.days_overdue(r.status.value, r.due, as_of))  # stable: then as listed
        plans = [p for p in self.plans if rules.is_overdue(p.status.value, p.due, as_of, plan=True)]
        plans.sort(key=lambda p: -rules.days_overdue(p.status.value, p.due, as_of, plan=True))
        issue_chunks, plan_chunks = _pages(rows), _pages(plans)
        count = max(len(issue_chunks), len(plan_chunks))
        issue_chunks += [[]] * (count - len(issue_chunks))
        plan_chunks += [[]] * (count - len(plan_chunks))
        names = ["overdue.html" if n == 1 else f"overdue-{n}.html" for n in range(1, count + 1)]

        def make(n: int) -> Callable[[], str]:
            late_plans = [(p, rules.days_overdue(p.status.value, p.due, as_of, plan=True)) for p in plan_chunks[n]]
            return lambda: self._page("site-overdue.html.j2", "", rows=self.rows(issue_chunks[n], "", late=True),
                                      n=n + 1, pages=names, total=len(rows), plans=late_plans,
                                      plan_total=len(plans))  # fmt: skip

        return [Page(names[n], _digest(shown, [*issue_chunks[n], *plan_chunks[n]], count, len(rows), len(plans)),
                     make(n)) for n in range(count)]  # fmt: skip

    def departments(self, report: Callable[[], Any], involved: set[str], shown: Shown
                    ) -> Iterator[tuple[str, Callable[[], list[Page]]]]:  # fmt: skip
        """Each department `involved` in an issue, and its pages (only asked for when
        some may have changed): its issues, lead then supporting, overdue first, 500
        a page, with its grid row and chart on the first."""
        for code in self.dept_names:
            if code in involved:
                yield code, lambda code=code: self._department(code, report(), shown)  # type: ignore[misc]

    def _department(self, code: str, report: Any, shown: Shown) -> list[Page]:
        mine = [r for r in self.issues if r.dept == code or code in r.support]
        mine.sort(key=lambda r: (r.dept != code, not rules.is_overdue(r.status.value, r.due, self.as_of)))
        chunks = _pages(mine)
        part = next((p for p in report.grid if p.code == code), None)
        chart, rows = "", []
        if part is not None:
            keys = CHARTED
            chart = _both(
                charts.stacked,
                f"dept-{code}",
                self.L.site["by_status"],
                [code],
                [(self.L.grid[k], [part.grid[k]]) for k in keys],
            )  # the overview's colours
            rows = [[self.L.grid[k], part.grid[k]] for k in keys]
        names = [dept_page(code, n) for n in range(1, len(chunks) + 1)]
        grid = sorted(part.grid.items()) if part is not None else None

        def make(n: int) -> Callable[[], str]:
            return lambda: self._page("site-dept.html.j2", "../", code=code, part=part, n=n + 1, pages=names,
                                      rows=self.rows(chunks[n], "../"), dept_chart=chart if n == 0 else "",
                                      chart_rows=rows, total=len(mine))  # fmt: skip

        return [Page(names[n], _digest(shown, chunk, len(names), len(mine), grid if n == 0 else None), make(n))
                for n, chunk in enumerate(chunks)]  # fmt: skip

    def rows(self, rows: list[IssueRow], root: str, late: bool = False) -> Any:
        """The rows of a long table of issues, as HTML: written here rather than in the
        template, as a department of a national data set has tens of thousands. The
        cells that repeat (a commune, a deadline, a status) are escaped once. Every
        value from the data is escaped, in a link's address too (and URL-quoted)."""
        from markupsafe import Markup, escape

        L, as_of, out = self.L, self.as_of, []
        places: dict[CommuneRow, str] = {}
        dues: dict[tuple[date | None, bool], str] = {}
        words: dict[str, str] = {}
        depts: dict[str, str] = {}
        for r in rows:
            status = r.status.value
            overdue = rules.is_overdue(status, r.due, as_of)
            place = places.get(r.commune)
            if place is None:
                place = places[r.commune] = (f'<td><a href="{root}{href(commune_page(r.commune.slug))}">'
                                             f"{escape(r.commune.name)}</a></td>")  # fmt: skip
            due = dues.get((r.due, overdue))
            if due is None:
                label = escape(date_label(r.due, self.ctx.lang)) + (f" ({escape(L.overdue_mark)})" if overdue else "")
                due = dues[r.due, overdue] = (f'<td class="date" data-sort="{r.due.isoformat() if r.due else ""}">'
                                              f"{label}</td>")  # fmt: skip
            word = words.get(status)
            if word is None:
                word = words[status] = f"<td>{escape(L.status_word(status))}</td>"
            if late:  # an escalated item within its deadline: no days late
                middle = f'{due}<td class="n">{rules.days_overdue(status, r.due, as_of) or ""}</td>'
            else:
                middle = f"<td>{escape(', '.join(r.support))}</td>{due}"
            mark = ' class="late"' if overdue else ""
            lead = depts.get(r.dept)
            if lead is None:
                lead = depts[r.dept] = f'<td><a href="{root}{href(dept_page(r.dept, 1))}">{escape(r.dept)}</a></td>'
            out.append(
                f'<tr{mark}><td class="id"><a href="{root}{href(record_page("issue", r.id))}">{escape(r.id)}</a></td>'
                f'{place}<td class="title">{escape(r.title)}</td>{lead}{middle}{word}</tr>'
            )
        return Markup("\n".join(out))

    def commune(self, commune: Any, records: list[Full], scans: set[str] | None = None) -> list[tuple[str, str]]:
        """A commune's page, and a page each of its issues and plan items; `scans`: the
        scanned documents copied into the site (`files/NAME`), which the pages link."""
        scans = scans or set()
        issues = sorted((f.record for f in records if isinstance(f.record, Issue)), key=lambda r: natural_key(r.id))
        plans = sorted((f.record for f in records if isinstance(f.record, PlanItem)), key=lambda r: natural_key(r.id))
        out = [(commune_page(commune.slug),
                self._page("site-commune.html.j2", "../", c=commune, issues=issues, plans=plans))]  # fmt: skip
        for rec in issues:
            out.append(
                (
                    record_page("issue", rec.id),
                    self._page(
                        "site-record.html.j2",
                        "../",
                        c=commune,
                        rec=rec,
                        told=told(rec, self.L),
                        plan=False,
                        scans=scans,
                        addressed=self.addressed.get(rec.id, []),
                    ),
                )
            )
        for item in plans:
            page = self._page("site-record.html.j2", "../", c=commune, rec=item, told=told(item, self.L), plan=True,
                              addressed=[], scans=scans)  # fmt: skip
            out.append((record_page("plan", item.id), page))
        return out

    def changes(self, log: Any) -> str:
        return self._page("site-changes.html.j2", "", log=log)


def assets() -> list[tuple[str, str]]:
    """The site's stylesheet and script (assets/), for `tracker site` and the roll-up's."""
    folder = resources.files("tracker.templates")
    return [(f"assets/{name}", folder.joinpath(name).read_text("utf-8")) for name in ("site.css", "site.js")]


def _both(draw: Callable[..., str], name: str, *args: Any) -> str:
    """A chart drawn for a desktop and for a phone; the stylesheet shows one."""
    return (f'<div class="wide">{draw(name, *args)}</div>'
            f'<div class="narrow">{draw(f"{name}-phone", *args, phone=True)}</div>')  # fmt: skip


def _digest(shown: Shown, rows: list[IssueRow] | list[IssueRow | PlanRow], *rest: object) -> str:
    """What a page of a long table shows: each of its rows as `shown` digests it, and
    what else is on it (how many pages and rows, the grid row)."""
    digest = hashlib.sha256(repr(rest).encode())
    for r in rows:
        digest.update(shown(r).encode() + b"\n")
    return digest.hexdigest()[:16]


def _pages(rows: list[Any]) -> list[list[Any]]:
    return [rows[n : n + figures.PER_PAGE] for n in range(0, len(rows), figures.PER_PAGE)] or [[]]


# The names of the pages made from data (a department's code, a commune file's slug, a
# record's ID): ops/site checks that each stays inside the output folder.
def dept_page(code: str, n: int) -> str:
    return f"dept/{code}.html" if n == 1 else f"dept/{code}-{n}.html"


def commune_page(slug: str) -> str:
    return f"commune/{slug}.html"


def record_page(kind: str, ident: str) -> str:
    """`issue/VA-1.html`, `plan/VA-KH1.html`."""
    return f"{kind}/{ident}.html"


def href(name: str) -> str:
    """A page's name as the value of an href: URL-quoted, then HTML-escaped (a code
    or a slug from the data may hold a quote or an angle bracket)."""
    if _PLAIN.fullmatch(name):  # nearly every one: nothing to quote or escape
        return name
    from urllib.parse import quote

    from markupsafe import escape

    return str(escape(quote(name)))


_PLAIN = re.compile(r"[A-Za-z0-9_./-]*")
