"""The report's tables as data: their columns, alignment and widths said once, read
by every format (Markdown, HTML, Word) alike. A small table is a `Table` of its
cells; a long one (the overdue and upcoming lists, the appendix) is its `Column`s,
each with a head and a cell function, for its rows are many (formats/rows.py writes
them fast for Markdown and HTML). A cell is plain text or a number; each format
escapes and lays it out."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from tracker.dates import MONTHS_EN, shown
from tracker.reporting import Item, Report
from tracker.rules import ESCALATED, GRID, MOVES
from tracker.wording import Labels, fill


@dataclass(frozen=True)
class Table:
    heads: list[str]
    rows: list[list[Any]]
    align: str  # a letter a column: l or r
    widths: list[float] = field(default_factory=list)  # in mm on an A4 page upright (165 mm), for Word


@dataclass(frozen=True)
class Column:
    """A column of a long table. A cell is `text(value)`, its value being the item's
    attribute at the dotted path `attr` ("issue.commune.name"), or the item's number in
    the table when `attr` is empty. A value (a commune, a deadline, a status) repeats
    from row to row, so that a format may make the text of each value once; being paths,
    a row's values are read in one call (formats/rows.py: a national report has 1.4
    million cells)."""

    name: str  # what it holds; the class of its <col> in HTML
    head: str
    attr: str
    text: Callable[[Any], str] = str
    align: str = "l"  # l or r
    width: float = 0  # in mm on the page it is printed on, for Word
    cell_class: str = ""  # HTML: the class of its cells
    head_class: str = ""  # HTML: the class of its head

    def __post_init__(self) -> None:
        if not self.attr and self.text is not str:  # the rows' writers print a number as it is
            raise ValueError(f"the numbers' column {self.name} is written as numbers")

    def values(self, items: Sequence[Item]) -> Iterable[Hashable]:
        """Its value in each row, in order."""
        return map(attrgetter(self.attr), items) if self.attr else range(1, len(items) + 1)


@dataclass(frozen=True)
class Columns:
    """A long table's columns, in order."""

    columns: list[Column]

    @property
    def heads(self) -> list[str]:
        return [c.head for c in self.columns]

    @property
    def align(self) -> str:
        return "".join(c.align for c in self.columns)

    @property
    def widths(self) -> list[float]:
        return [c.width for c in self.columns]

    def cells(self, items: Sequence[Item]) -> Iterator[list[str]]:
        """Each item's row as text, made as it is asked for: a national list's rows are
        never all held."""
        return map(list, zip(*(map(c.text, c.values(items)) for c in self.columns), strict=True))


def _state(L: Labels, late: bool, width: float) -> Column:
    """An item's status in words; in a list of late items, with how often it was reminded."""

    def text(value: tuple[Any, int]) -> str:
        status, reminders = value
        word = L.status_word(status.value)
        return f"{word} ({L.numbered('reminded', reminders)})" if reminders else word

    if late:
        return Column("state", L.state, "standing", text, width=width)
    return Column("state", L.state, "issue.status", lambda status: text((status, 0)), width=width)


def _shared(L: Labels, widths: Mapping[str, float]) -> list[Column]:
    """The columns every long table starts with, of these widths: No., ID, commune,
    content, lead, deadline."""
    lang = L.lang
    return [
        Column("no", L.no, "", align="r", width=widths["no"], cell_class="n", head_class="n"),
        Column("id", L.id, "issue.id", width=widths["id"], cell_class="id"),
        Column("commune", L.commune, "issue.commune.name", width=widths["commune"],
               cell_class="commune"),
        Column("content", L.content, "issue.title", width=widths["content"]),
        Column("lead", L.lead, "issue.dept", width=widths["lead"], cell_class="lead", head_class="lead"),
        Column("date", L.due, "issue.due", lambda d: shown(d, lang), width=widths["date"],
               cell_class="date"),
    ]  # fmt: skip


def issue_columns(L: Labels, late: bool) -> Columns:
    """The overdue list (`late`) and the upcoming list: No., ID, commune, content, lead,
    deadline, (days late,) state. Word's widths make 165 mm: a date needs 24 mm at 11
    pt, 'STT' 12, 'NNMT' and 'Chủ trì' 17, 'Chưa xử lý' 25."""
    widths = {"no": 12, "id": 16, "commune": 21, "content": 34 if late else 50, "lead": 17, "date": 24}
    days = Column("late", L.days_late, "days_overdue", lambda days: str(days) if days else "", align="r", width=16,
                  cell_class="n", head_class="n")  # fmt: skip
    return Columns([*_shared(L, widths), *([days] if late else []), _state(L, late, 25)])


def appendix_columns(L: Labels, dept: str, roles: bool) -> Columns:
    """A group's table in the appendix of department `dept`: No., ID, commune, content,
    (the part `dept` plays, with `roles`,) lead, support, deadline, state, result. Word's
    widths fill the page, landscape."""
    no, ident, commune, content, lead, due = _shared(
        L, {"no": 12, "id": 18, "commune": 26, "content": 66 if roles else 76, "lead": 16, "date": 24}
    )
    role = Column("role", L.role, "issue.dept", lambda lead: L.roles["lead" if lead == dept else "support"],
                  width=18)  # fmt: skip
    support = Column("support", L.support, "issue.support", ", ".join, width=22)
    result = Column("result", L.result, "outcome", lambda outcome: L.result_text(*outcome), width=25 if roles else 29)
    return Columns([no, ident, commune, content, *([role] if roles else []), lead, support, due, _state(L, False, 25),
                    result])  # fmt: skip


def percent(rate: float | None, lang: str) -> str:
    """A rate as offices write it: "87,5 %" (English "87.5%"); empty for none yet."""
    if rate is None:
        return ""
    text = f"{rate * 100:.1f}".removesuffix(".0")
    return text.replace(".", ",") + " %" if lang != "en" else text + "%"


def ranking(report: Report, L: Labels) -> Table:
    """The lead departments by on-time rate, best first, with their band."""
    rows = [[n, f"{r.code} — {r.name}", r.on_time, r.judged, percent(r.rate, L.lang),
             L.bands[r.band] if r.band else ""] for n, r in enumerate(report.ranking, 1)]  # fmt: skip
    heads = [L.rank, L.dept, L.grid["done_on_time"], L.judged, L.on_time_rate, L.band]
    return Table(heads, rows, "rlrrrl", [15, 62, 24, 22, 22, 20])


def age_title(report: Report, key: str, L: Labels) -> str:
    """ "Quá hạn từ 31 đến 90 ngày" for the age `key` of the report's policy."""
    group = next(g for g in report.ages if g.key == key)
    if group.high is None:
        return fill(L.age_last, limit=group.low - 1)
    if group.low == 1:
        return fill(L.age_first, high=group.high)
    return fill(L.age_middle, low=group.low, high=group.high)


def undated(report: Report, L: Labels) -> Table:
    """Not done, with no deadline, raised longer ago than the policy allows."""
    rows = [[n, i.issue.id, i.issue.commune.name, i.issue.title, i.issue.dept, shown(i.issue.raised_on, L.lang),
             (report.as_of - i.issue.raised_on).days if i.issue.raised_on else "",
             L.status_word(i.issue.status.value)] for n, i in enumerate(report.undated, 1)]  # fmt: skip
    heads = [L.no, L.id, L.commune, L.content, L.lead, L.fields["raised_on"], L.days_waiting, L.state]
    return Table(heads, rows, "rllllrrl", [12, 16, 21, 38, 17, 24, 12, 25])  # as the overdue list's (issue_columns)


def pending(report: Report, L: Labels) -> Table:
    """Requests for a new deadline awaiting a decision: what the leaders must decide."""
    rows = [[n, i.issue.id, i.issue.commune.name, i.issue.title, i.issue.dept, shown(i.issue.due, L.lang),
             shown(i.issue.pending, L.lang)] for n, i in enumerate(report.pending, 1)]  # fmt: skip
    heads = [L.no, L.id, L.commune, L.content, L.lead, L.due, L.asked_to]
    return Table(heads, rows, "rllllrr", [12, 16, 21, 51, 17, 24, 24])


def of(report: Report, L: Labels) -> dict[str, Any]:
    """Every small table and title a report's template shows, by name."""
    return {"ranking": ranking(report, L), "undated": undated(report, L), "pending": pending(report, L),
            "ages": [(age_title(report, g.key, L), g.items) for g in report.ages],
            "rate_rule": fill(L.rate_rule, good=report.policy.good, fair=report.policy.fair),
            "undated_title": fill(L.undated_part, days=report.policy.undated_after_days),
            "period": period_parts(report, L)}  # fmt: skip


_ROMAN = ("I", "II", "III", "IV")


def period_title(period: Any, L: Labels) -> str:
    """ "Báo cáo tháng 12 năm 2025", "Báo cáo quý IV năm 2025", … (a `periods.Period`)."""
    kind = f"half{period.n}" if period.kind == "half" else period.kind
    roman = _ROMAN[period.n - 1] if period.kind == "quarter" else ""
    month = MONTHS_EN[period.n - 1] if period.kind == "month" else ""
    return fill(L.period_title[kind], n=period.n, year=period.year, roman=roman, month_name=month)


def signed(n: int) -> str:
    """A change as offices write it: "+2", "−1" (a minus sign), "0"."""
    return f"+{n}" if n > 0 else f"\u2212{-n}" if n < 0 else "0"


def _sent(sent: Any, L: Labels) -> str:
    return fill(L.period_sent, number=sent.number, date=shown(sent.date, L.lang)) if sent else ""


def _changed(change: dict[str, Any], L: Labels) -> str:
    """ "NNMT, chưa hoàn thành, quá hạn: 4 → 5": a figure that changed since it was sent."""
    column = L.total if change["column"] == "total" else L.grid[change["column"]]
    return f"{change['dept']}, {column.lower()}: {change['sent']} → {change['now']}"


def period_parts(report: Report, L: Labels) -> dict[str, Any] | None:
    """What a periodic report adds (`report --period`): its title and window, what was
    sent of it and what changed since, the comparison with the previous period, the
    movement, the common obstacles in dispute."""
    fig = report.period
    if fig is None:
        return None
    lang, keys = L.lang, ["total", *GRID]
    heads = [L.dept, *(L.total if k == "total" else L.grid[k] for k in keys)]
    now, then = fig.grid, fig.previous

    def cells(grid: dict[str, int], before: dict[str, int]) -> list[str]:
        return [f"{grid.get(k, 0)} ({signed(grid.get(k, 0) - before.get(k, 0))})" for k in keys]

    codes = [*now["departments"], *(c for c in then["departments"] if c not in now["departments"])]
    rows = [[c, *cells(now["departments"].get(c, {}), then["departments"].get(c, {}))] for c in codes]
    rows.append([L.sum, *cells(now["total"], then["total"])])
    compare = Table(heads, rows, "l" + "r" * len(keys), [21] + [16.0] * len(keys))  # 165 mm
    sent = fig.previous_sent
    before = fig.previous_period
    if sent:
        compare_title = fill(L.compare_sent, name=before.name, number=sent.number, date=shown(sent.date, lang))
    else:
        compare_title = fill(L.compare, name=before.name, end=shown(before.end, lang))
    moves = list(MOVES)
    movement = Table([L.dept, *(L.moves[m] for m in moves)],
                     [[c, *(m[k] for k in moves)] for c, m in fig.movement.items()], "l" + "r" * len(moves),
                     [45, 24, 24, 24, 24, 24])  # fmt: skip
    disputed = [g for g in report.common if g.disputed]
    common_heads = L.common_heads()
    dispute = Table(common_heads, [[n, *L.common_row(g)] for n, g in enumerate(disputed, 1)], "rlllll",
                    [10, 50, 35, 25, 25, 20])  # fmt: skip
    out: dict[str, Any] = {
        "title": period_title(fig.period, L),
        "window": fill(L.period_window, start=shown(fig.period.start, lang), end=shown(fig.until, lang))
        + (f" ({L.period_open})" if fig.until < fig.period.end else ""),
        "sent": _sent(fig.submitted, L),
        "changed": [_changed(c, L) for c in fig.changed],
        "compare_title": compare_title,
        "compare": compare,
        "movement": movement,
        "dispute": dispute,
        "next_title": fill(L.next_period, end=shown(fig.period.next_end(), lang)),
        "escalated": [i for i in report.overdue if i.issue.status == ESCALATED],
    }
    return out
