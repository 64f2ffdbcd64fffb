"""history.py: a history entry keeps the values a change replaced; what they became is
read backwards from the record."""

from datetime import date

from tracker import history, timeline
from tracker.models import HistoryEntry, Issue, PlanItem


def entry(day: str, **values: object) -> HistoryEntry:
    return HistoryEntry(date=date.fromisoformat(day), by="A", **values)  # type: ignore[arg-type]


def issue(*history_: HistoryEntry, **fields: object) -> Issue:
    values: dict[str, object] = {"id": "VA-1", "title": "x", "dept": "TC", "raised_on": date(2025, 9, 1)}
    return Issue(**(values | fields), history=list(history_))  # type: ignore[arg-type]


def test_new_values_are_the_next_entrys_was_or_the_records_own() -> None:
    rec = issue(entry("2025-09-01"),
                entry("2025-10-01", was={"status": "open", "due": date(2025, 12, 31)}),
                entry("2025-11-01", was={"due": date(2025, 11, 15), "owner": None}),
                status="in_progress", due=date(2026, 1, 31), owner="Anh A")  # fmt: skip
    told = history.changes(rec)
    assert told[0] == []
    assert told[1] == [history.Change("status", "open", "in_progress"),
                       history.Change("due", date(2025, 12, 31), date(2025, 11, 15))]  # fmt: skip
    assert told[2] == [history.Change("due", date(2025, 11, 15), date(2026, 1, 31)),
                       history.Change("owner", None, "Anh A")]  # fmt: skip


def test_values_that_hold_arrows_and_semicolons_are_kept_as_they_are() -> None:
    odd = "A → B; Trạng thái: C"
    rec = issue(entry("2025-10-01", was={"title": odd, "status": "open"}), title="Mới", status="escalated")
    past = timeline.as_of(rec, date(2025, 9, 30))
    assert past is not None and (past.title, past.status) == (odd, "open")


def test_as_of_reads_was_and_old_lines_alike() -> None:
    new = issue(entry("2025-09-01"), entry("2025-10-10", was={"status": "open", "due": date(2025, 12, 31)}),
                status="in_progress", due=date(2025, 11, 15))  # fmt: skip
    old = issue(entry("2025-09-01"), entry("2025-10-10", changed="Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: "
                                                                 "31/12/2025 → 15/11/2025"),
                status="in_progress", due=date(2025, 11, 15))  # fmt: skip
    for rec in (new, old):
        then = timeline.as_of(rec, date(2025, 10, 1))
        assert then is not None and (then.status, then.due) == ("open", date(2025, 12, 31))


def test_renames_come_from_the_ids_an_entry_replaced() -> None:
    rec = issue(entry("2025-09-01"), entry("2025-10-01", was={"id": "VA-4"}), entry("2025-10-02", was={"id": "VA-5"}),
                id="VA-6")  # fmt: skip
    assert history.renames(rec) == [("VA-4", "VA-5"), ("VA-5", "VA-6")]
    assert history.renames(rec, since=2) == [("VA-5", "VA-6")]


def test_upgrade_rewrites_an_old_line_as_values_in_any_of_its_forms() -> None:
    for line in ("Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025",
                 "status: open → in progress; due: 2025-12-31 → 2025-11-15",
                 "status: open → in_progress; due: 2025-12-31 → 2025-11-15"):  # fmt: skip
        rec = issue(entry("2025-10-10", changed=line), status="in_progress", due=date(2025, 11, 15))
        assert history.upgrade(rec)
        assert (rec.history[0].changed, rec.history[0].was) == (None, {"status": "open", "due": date(2025, 12, 31)})
    line = "hoàn thành mốc 2: Lập danh sách; Trạng thái: Chưa thực hiện → Đang thực hiện"
    item = PlanItem(id="VA-KH1", title="x", status="in_progress", history=[entry("2025-10-10", changed=line)])
    assert history.upgrade(item) and (item.history[0].was, item.history[0].milestones_done) == (
        {"status": "planned"},
        [2],
    )
    support = issue(entry("2025-10-10", changed="Cơ quan phối hợp: — → NNMT, TC"), support=["NNMT", "TC"])
    assert history.upgrade(support) and support.history[0].was == {"support": []}


def test_upgrade_leaves_a_line_that_could_be_read_two_ways_or_does_not_agree_with_the_record() -> None:
    for line in ("Nội dung: A → B → C", "đã họp với xã", "Mã: VA-1 → VA-2; ghi chú tay"):
        rec = issue(entry("2025-10-10", changed=line), title="B → C", id="VA-2")
        assert not history.upgrade(rec) and rec.history[0].changed == line and rec.history[0].was is None
    # Written by a generator or by hand: each says open → in_progress. The first does
    # not agree with the second's `open`: rewritten, it would lose what it said.
    twice = issue(entry("2025-10-01", changed="status: open → in_progress"),
                  entry("2025-10-08", changed="status: open → in_progress"), status="in_progress")  # fmt: skip
    assert history.upgrade(twice)
    assert [h.changed for h in twice.history] == ["status: open → in_progress", None]
    assert [c.new for told in history.changes(twice) for c in told] == ["in_progress", "in_progress"]


def test_a_plan_items_milestones_done_are_data_too() -> None:
    item = PlanItem(id="VA-KH1", title="x", history=[entry("2025-10-01", milestones_done=[1, 2])])
    assert history.milestones_done(item.history[0]) == [1, 2]
    old = entry("2025-10-01", changed="milestone 3 done: Báo cáo")
    assert history.milestones_done(old) == [3]
