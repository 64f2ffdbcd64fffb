"""ops.listing: the rows a table, an export and a grid read, today and back-dated."""

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tracker import reporting
from tracker.cache import IssueRow, Stored
from tracker.ops import listing
from tracker.ops.workspace import Workspace
from tracker.query import Filter, select


def test_tables_get_brief_rows_and_exports_whole_records(filled_ws: Workspace) -> None:
    brief = listing.list_issues(filled_ws, Filter(depts=["NNMT"]))
    whole = list(listing.stored_issues(filled_ws, Filter(depts=["NNMT"])))
    assert [type(r) for r in brief] == [IssueRow] and [type(r) for r in whole] == [Stored]
    assert [r.id for r in brief] == [r.id for r in whole] == ["VA-1"]
    assert whole[0].data["history"][0]["note"] == "Tạo mới"


@pytest.mark.parametrize("as_of", [date(2025, 10, 20), date(2025, 9, 25)], ids=["today", "back-dated"])
@pytest.mark.parametrize(
    "flt, commune",
    [
        (Filter(), None),
        (Filter(depts=["NNMT"]), None),
        (Filter(depts=["TC"], with_support=True), None),
        (Filter(statuses=["open"], overdue=True), None),
        (Filter(categories=["dat-dai"]), None),
        (Filter(search="cong chuc"), None),
        (Filter(), "Vạn An"),
    ],
)
def test_the_grid_the_cache_counts_is_the_grid_of_the_rows_listed(
    filled_ws: Workspace, flt: Filter, commune: str | None, as_of: date
) -> None:
    flt = replace(flt, as_of=as_of)
    rows = listing.list_issues(filled_ws, flt, commune)
    grid = listing.issue_grid(filled_ws, flt, commune)
    assert grid == reporting.stats(rows, as_of, list(filled_ws.department_names()))
    assert grid["total"]["total"] == len(rows)


def _dated_records(root: Path) -> None:
    """Issues and plan items that turn on every kind of date `timeline.as_of` reads:
    history entries (one put out of order by hand), a resolution dated after it was
    written down, a request for a new deadline and its decision, milestones and a
    plan item done on their own dates, a record with no date at all."""
    from tracker import layout, store
    from tracker.models import CommuneFile, CommuneInfo, Extension, HistoryEntry, Issue, Milestone, PlanItem
    from tracker.ops.communes import init_data_dir

    d = date
    init_data_dir(root)
    issues = [
        Issue(id="DT-1", title="Đổi trạng thái", dept="NNMT", raised_on=d(2025, 9, 20), status="in_progress",
              history=[HistoryEntry(date=d(2025, 9, 20), status="open"),
                       HistoryEntry(date=d(2025, 10, 5), status="in_progress", was={"status": "open", "dept": "TC"})]),
        Issue(id="DT-2", title="Giải quyết ghi sau", dept="TC", raised_on=d(2025, 9, 21), status="resolved",
              resolution="Xong", resolved_on=d(2025, 10, 12),
              history=[HistoryEntry(date=d(2025, 9, 21), status="open"),
                       HistoryEntry(date=d(2025, 10, 3), status="resolved", was={"status": "open"})]),
        Issue(id="DT-3", title="Gia hạn", dept="NNMT", raised_on=d(2025, 9, 22), due=d(2025, 12, 31),
              extensions=[Extension(to=d(2025, 12, 31), reason="Chờ", requested_on=d(2025, 10, 8),
                                    previous=d(2025, 10, 30), status="approved", decided_on=d(2025, 10, 14))],
              history=[HistoryEntry(date=d(2025, 9, 22), status="open")]),
        Issue(id="DT-4", title="Lịch sử sai thứ tự", dept="XD", raised_on=d(2025, 9, 23), status="escalated",
              history=[HistoryEntry(date=d(2025, 9, 23), status="open"),
                       HistoryEntry(date=d(2025, 10, 18), status="escalated", was={"status": "in_progress"}),
                       HistoryEntry(date=d(2025, 10, 9), status="in_progress", was={"status": "open"})]),
        Issue(id="DT-5", title="Không có ngày", dept="NV"),
        Issue(id="DT-6", title="Nêu muộn", dept="NNMT", raised_on=d(2025, 10, 11),
              history=[HistoryEntry(date=d(2025, 10, 11), status="open")]),
        Issue(id="DT-7", title="Quá hạn mà không đổi gì", dept="XD", raised_on=d(2025, 9, 24), due=d(2025, 10, 1),
              history=[HistoryEntry(date=d(2025, 9, 24), status="open")]),
    ]  # fmt: skip
    plans = [
        PlanItem(id="DT-KH1", title="Lộ trình", start=d(2025, 9, 25), due=d(2025, 12, 1), status="in_progress",
                 milestones=[Milestone(due=d(2025, 10, 10), target="Bước 1", done_on=d(2025, 10, 7)),
                             Milestone(due=d(2025, 11, 10), target="Bước 2")]),
        PlanItem(id="DT-KH2", title="Xong", start=d(2025, 9, 26), status="done", done_on=d(2025, 10, 13),
                 history=[HistoryEntry(date=d(2025, 9, 26), status="planned")]),
        PlanItem(id="DT-KH3", title="Chưa bắt đầu", status="planned"),
    ]  # fmt: skip
    cf = CommuneFile(commune=CommuneInfo(code="17989", name="Thiên Nhẫn", prefix="DT"), issues=issues,
                     action_plan=plans)  # fmt: skip
    path = root / "communes" / "thien-nhan.yaml"
    path.write_text(layout.render(store.plain(cf), store.schema_ref(path)), "utf-8")


# What the records of `_dated_records` turn on: a department changed, a status, a deadline
# extended or passed, none at all; a text searched.
FILTERS = [Filter(depts=["TC"]), Filter(depts=["NNMT"], with_support=True), Filter(statuses=["open"]),
           Filter(statuses=["resolved", "escalated"]), Filter(overdue=True), Filter(undated=True),
           Filter(extension="approved"), Filter(extension="pending"), Filter(search="ghi sau")]  # fmt: skip


def test_records_that_said_nothing_after_a_day_are_read_from_their_rows_as_rolling_back_gives(tmp_path: Path) -> None:
    """A day before the latest change: the records none of whose dates is after it are
    read from the cache's rows (they stood then as now), the others rolled back; day
    after day, the rows are those of every record rolled back (what it did before)."""
    from tracker.cache import PlanRow
    from tracker.models import Issue, PlanItem
    from tracker.ops import reports

    _dated_records(tmp_path / "d")
    ws = Workspace(tmp_path / "d")
    day = date(2025, 9, 18)
    selected: dict[str, set[int]] = {}  # how many rows each filter selects, day after day
    while day <= date(2025, 10, 20):
        flt = Filter(as_of=day)
        rows = sorted(listing.issue_rows(ws, flt), key=lambda r: r.id)
        rolled = [IssueRow.of(f.commune, f.record) for f in listing.past_issues(ws, flt) if isinstance(f.record, Issue)]
        assert rows == sorted(rolled, key=lambda r: r.id), day
        plans = listing.list_plan(ws, flt)
        rolled_plans = [PlanRow.of(f.commune, f.record) for f in listing.past_plan(ws, flt)
                        if isinstance(f.record, PlanItem)]  # fmt: skip
        assert sorted(plans, key=lambda r: r.id) == sorted(rolled_plans, key=lambda r: r.id), day
        # a past day's report counts each commune's plan from the same rows
        assert reports.plan_progress(ws, None, day) == reporting.progress(rolled_plans, day), day
        # a filter selects the records that stood then as now in SQL, as today's: the
        # same rows as the filter applied to every record rolled back
        for narrow in FILTERS:
            flt = replace(narrow, as_of=day)
            every = [IssueRow.of(f.commune, f.record) for f in listing.past_issues(ws, flt)
                     if isinstance(f.record, Issue)]  # fmt: skip
            assert select(listing.issue_rows(ws, flt), flt) == select(every, flt), (day, narrow)
            selected.setdefault(str(narrow), set()).add(len(select(every, flt)))
        day += timedelta(days=1)
    assert all(len(counts) > 1 for counts in selected.values()), selected  # each filter turns on a day
    # the days the records turn on: one of each kind read from its rows, one rolled back
    on_10th = {r.id for r in listing.issue_rows(ws, Filter(as_of=date(2025, 10, 10)))}
    assert on_10th == {"DT-1", "DT-2", "DT-3", "DT-4", "DT-5", "DT-7"}
