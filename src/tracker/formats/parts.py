"""The report's small tables as data: their columns, alignment and widths said once,
read by every format (Markdown, HTML, Word) alike. A cell is plain text or a
number; each format escapes and lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.dates import MONTHS_EN, shown
from tracker.reporting import Report
from tracker.rules import GRID, MOVES
from tracker.wording import Labels, fill


@dataclass(frozen=True)
class Table:
    heads: list[str]
    rows: list[list[Any]]
    align: str  # a letter a column: l or r
    widths: list[float] = field(default_factory=list)  # in mm on an A4 page upright (165 mm), for Word


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
    return Table(heads, rows, "rllllrrl", [12, 16, 21, 38, 17, 24, 12, 25])  # as the overdue list's (docx.py)


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
        "escalated": [i for i in report.overdue if i.issue.status.value == "escalated"],
    }
    return out
