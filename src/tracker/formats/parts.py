"""The report's small tables as data: their columns, alignment and widths said once,
read by every format (Markdown, HTML, Word) alike. A cell is plain text or a
number; each format escapes and lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.dates import shown
from tracker.reporting import Report
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
             L["bands"][r.band] if r.band else ""] for n, r in enumerate(report.ranking, 1)]  # fmt: skip
    heads = [L["rank"], L["dept"], L["grid"]["done_on_time"], L["judged"], L["on_time_rate"], L["band"]]
    return Table(heads, rows, "rlrrrl", [15, 62, 24, 22, 22, 20])


def age_title(report: Report, key: str, L: Labels) -> str:
    """ "Quá hạn từ 31 đến 90 ngày" for the age `key` of the report's policy."""
    group = next(g for g in report.ages if g.key == key)
    if group.high is None:
        return fill(L["age_last"], limit=group.low - 1)
    if group.low == 1:
        return fill(L["age_first"], high=group.high)
    return fill(L["age_middle"], low=group.low, high=group.high)


def undated(report: Report, L: Labels) -> Table:
    """Not done, with no deadline, raised longer ago than the policy allows."""
    rows = [[n, i.issue.id, i.issue.commune.name, i.issue.title, i.issue.dept, shown(i.issue.raised_on, L.lang),
             (report.as_of - i.issue.raised_on).days if i.issue.raised_on else "",
             L.status_word(i.issue.status.value)] for n, i in enumerate(report.undated, 1)]  # fmt: skip
    heads = [L["no"], L["id"], L["commune"], L["content"], L["lead"], L["fields"]["raised_on"], L["days_waiting"],
             L["state"]]  # fmt: skip
    return Table(heads, rows, "rllllrrl", [12, 16, 21, 38, 17, 24, 12, 25])  # as the overdue list's (docx.py)


def pending(report: Report, L: Labels) -> Table:
    """Requests for a new deadline awaiting a decision: what the leaders must decide."""
    rows = [[n, i.issue.id, i.issue.commune.name, i.issue.title, i.issue.dept, shown(i.issue.due, L.lang),
             shown(i.issue.pending, L.lang)] for n, i in enumerate(report.pending, 1)]  # fmt: skip
    heads = [L["no"], L["id"], L["commune"], L["content"], L["lead"], L["due"], L["asked_to"]]
    return Table(heads, rows, "rllllrr", [12, 16, 21, 51, 17, 24, 24])


def of(report: Report, L: Labels) -> dict[str, Any]:
    """Every small table and title a report's template shows, by name."""
    return {"ranking": ranking(report, L), "undated": undated(report, L), "pending": pending(report, L),
            "ages": [(age_title(report, g.key, L), g.items) for g in report.ages],
            "rate_rule": fill(L["rate_rule"], good=report.policy.good, fair=report.policy.fair),
            "undated_title": fill(L["undated_part"], days=report.policy.undated_after_days)}  # fmt: skip
