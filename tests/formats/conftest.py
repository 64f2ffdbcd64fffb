"""Small results, built by hand, for the formats to present."""

from datetime import date

import pytest

from tracker.cache import CommuneRow, Full, IssueRow, PlanRow
from tracker.enums import IssueStatus, PlanStatus, Priority
from tracker.formats import Context
from tracker.models import HistoryEntry, Issue
from tracker.wording import labels

VAN_AN = CommuneRow("van-an", "17950", "Vạn An", "xa", "VA")
AS_OF = date(2025, 11, 5)


def issue_row(ident: str = "VA-1", status: IssueStatus = IssueStatus.OPEN, due: date | None = date(2025, 10, 15),
              support: tuple[str, ...] = ("TC",), title: str = "Chậm cấp GCNQSD đất") -> IssueRow:  # fmt: skip
    return IssueRow(VAN_AN, ident, title, "dat-dai", "NNMT", support, status, Priority.NORMAL, date(2025, 9, 20),
                    due, None, None, None, date(2025, 9, 20))  # fmt: skip


def plan_row() -> PlanRow:
    return PlanRow(VAN_AN, "VA-KH1", "Rà soát hồ sơ", "Vương Hồng Thái", None, date(2025, 12, 31),
                   PlanStatus.IN_PROGRESS, ("VA-1",), 2, 1, None, None)  # fmt: skip


def full_issue() -> Full:
    history = [HistoryEntry(date=date(2025, 9, 20), by="Thư Ký", status="open", note="Tạo mới")]
    record = Issue(id="VA-1", title="Chậm cấp GCNQSD đất", dept="NNMT", support=["TC"], due=date(2025, 10, 15),
                   raised_on=date(2025, 9, 20), history=history)  # fmt: skip
    return Full(VAN_AN, record)


@pytest.fixture
def vi() -> Context:
    return Context("vi", labels("vi"))


@pytest.fixture
def en() -> Context:
    return Context("en", labels("en"))
