"""cache/rows.py: the typed rows tables and reports read, made from a whole record."""

from datetime import date
from pathlib import Path

from tracker.cache import CommuneRow, IssueRow, PlanRow, queries
from tracker.models import HistoryEntry, Issue, Milestone, PlanItem
from tracker.ops.workspace import Workspace

VAN_AN = CommuneRow("van-an", "17950", "Vạn An", "xa", "VA")


def test_a_record_as_a_row_counts_its_reminders_and_its_last_update() -> None:
    history = [HistoryEntry(date=date(2025, 9, 20), by="Thư Ký", note="Tạo mới"),
               HistoryEntry(date=date(2025, 10, 1), by="Thư Ký", reminder="12/TCT2"),
               HistoryEntry(date=date(2025, 10, 1), by="Thư Ký", reminder="13/TCT2")]  # fmt: skip
    issue = Issue(id="VA-1", title="Chậm cấp GCNQSD đất", dept="NNMT", support=["TC"], due=date(2025, 10, 15),
                  history=history)  # fmt: skip
    row = IssueRow.of(VAN_AN, issue)
    assert (row.reminders, row.last_update, row.support) == (1, date(2025, 9, 20), ("TC",))
    plan = PlanItem(id="VA-KH1", title="Rà soát", owner="Thái", due=date(2025, 12, 31), history=history,
                    milestones=[Milestone(due=date(2025, 11, 1), target="A", done_on=date(2025, 10, 30)),
                                Milestone(due=date(2025, 12, 1), target="B")])  # fmt: skip
    assert PlanRow.of(VAN_AN, plan).milestones_done == 1 and PlanRow.of(VAN_AN, plan).milestones == 2


def test_a_row_from_the_cache_is_the_row_of_its_record(filled: Path) -> None:
    """What a table shows is the same whether it reads the cache or a record as of a day."""
    ws = Workspace(filled)
    cached = {r.id: r for r in queries.issue_rows(ws.index(), queries.Where())}
    for full in queries.full_rows(ws.index(), "issues", queries.Where()):
        assert isinstance(full.record, Issue)
        assert IssueRow.of(full.commune, full.record) == cached[full.record.id]


def test_a_due_row_is_the_issue_rows_columns_reminders_read(filled: Path) -> None:
    """`due_rows` reads fewer columns than `issue_rows`, never other values."""
    from tracker.cache import DueRow

    index = Workspace(filled).index()
    for where in (queries.Where(), queries.Where(statuses=["open", "in_progress"])):
        assert queries.due_rows(index, where) == [DueRow.of(r) for r in queries.issue_rows(index, where)]
        assert queries.due_rows(index, where)
