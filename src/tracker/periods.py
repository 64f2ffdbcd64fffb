"""Reporting periods as the reporting regime counts them (Decree 09/2019/NĐ-CP): each
report has a period and a data cut-off day ("thời gian chốt số liệu").

With the cut-off on the 14th: a month runs from the 15th of the month before to the
14th (2025-12: 15/11/2025 to 14/12/2025); a quarter from the 15th of the month
before it to the 14th of its last month (2026-Q1: 15/12/2025 to 14/03/2026); the
first half 15/12 to 14/06, the second 15/06 to 14/12; nine months 15/12 to 14/09;
a year 15/12 to 14/12. A period is written `2025-12`, `2025-Q4`, `2025-H1`,
`2025-H2`, `2025-9M` or `2025`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.errors import FieldError
from tracker.i18n import tr

_FORM = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|H([12])|(9M)))?$")
KINDS = ("month", "quarter", "half", "nine", "year")


@dataclass(frozen=True)
class Period:
    kind: str  # month, quarter, half, nine (months), year
    year: int
    n: int  # the month, quarter or half; 9 for nine months; 0 for a year
    cutoff_day: int = 14

    @property
    def name(self) -> str:
        """As it is written: 2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025."""
        suffix = {"month": f"-{self.n:02d}", "quarter": f"-Q{self.n}", "half": f"-H{self.n}", "nine": "-9M",
                  "year": ""}[self.kind]  # fmt: skip
        return f"{self.year}{suffix}"

    @property
    def end(self) -> date:
        """The cut-off day: the figures count as of the end of it."""
        month = {"month": self.n, "quarter": 3 * self.n, "half": 6 * self.n, "nine": 9, "year": 12}[self.kind]
        return date(self.year, month, self.cutoff_day)

    @property
    def start(self) -> date:
        """The day after the previous period's cut-off (of a period as long as this one,
        or, for nine months, after the cut-off of the year before)."""
        months = {"month": 1, "quarter": 3, "half": 6, "nine": 9, "year": 12}[self.kind]
        total = self.end.year * 12 + self.end.month - 1 - months
        return date(total // 12, total % 12 + 1, self.cutoff_day) + timedelta(days=1)

    def previous(self) -> Period:
        """The period a report compares with: the month, quarter or half before; for
        nine months or a year, the same of the year before."""
        if self.kind in ("nine", "year"):
            return Period(self.kind, self.year - 1, self.n, self.cutoff_day)
        count = {"month": 12, "quarter": 4, "half": 2}[self.kind]
        if self.n == 1:
            return Period(self.kind, self.year - 1, count, self.cutoff_day)
        return Period(self.kind, self.year, self.n - 1, self.cutoff_day)

    def next_end(self) -> date:
        """The cut-off of the next period of the same length: what falls due by then is
        the next period's work."""
        months = {"month": 1, "quarter": 3, "half": 6, "nine": 3, "year": 12}[self.kind]
        total = self.end.year * 12 + self.end.month - 1 + months
        return date(total // 12, total % 12 + 1, self.cutoff_day)


def parse(text: str, cutoff_day: int = 14) -> Period:
    """A period as written on the command line; a wrong one is a FieldError of `period`."""
    found = _FORM.match(text.strip().upper())
    if not found or not 2000 <= int(found[1]) <= 2100:
        raise FieldError.one("period", tr(
            f"kỳ không hợp lệ '{text}': viết 2025-12 (tháng), 2025-Q4 (quý), 2025-H1 hoặc 2025-H2 (6 tháng), "
            "2025-9M (9 tháng) hoặc 2025 (năm)",
            f"not a period '{text}': write 2025-12 (a month), 2025-Q4 (a quarter), 2025-H1 or 2025-H2 (a half), "
            "2025-9M (nine months) or 2025 (a year)"))  # fmt: skip
    year = int(found[1])
    if found[2]:
        return Period("month", year, int(found[2]), cutoff_day)
    if found[3]:
        return Period("quarter", year, int(found[3]), cutoff_day)
    if found[4]:
        return Period("half", year, int(found[4]), cutoff_day)
    if found[5]:
        return Period("nine", year, 9, cutoff_day)
    return Period("year", year, 0, cutoff_day)
