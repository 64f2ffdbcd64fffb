"""ops.followup: why an item is reminded of, on the boundaries."""

from datetime import date

from tracker.ops.followup import Ask, reason

ASK = Ask(as_of=date(2025, 10, 20), within=14, stale=30)
FRESH = date(2025, 10, 19)


def test_due_today_is_due_soon_not_overdue_and_the_window_ends_on_its_last_day() -> None:
    assert reason("open", date(2025, 10, 20), FRESH, ASK) == "due_soon"
    assert reason("open", date(2025, 10, 19), FRESH, ASK) == "overdue"
    assert reason("open", date(2025, 11, 3), FRESH, ASK) == "due_soon"  # 14 days on
    assert reason("open", date(2025, 11, 4), FRESH, ASK) is None


def test_stale_after_the_days_without_an_update_and_never_for_what_is_done() -> None:
    assert reason("in_progress", None, date(2025, 9, 20), ASK) == "stale"  # 30 days
    assert reason("in_progress", None, date(2025, 9, 21), ASK) is None
    assert reason("open", None, None, ASK) == "stale"  # no update at all
    for done in ("resolved", "dropped"):
        assert reason(done, date(2025, 1, 1), None, ASK) is None
    assert reason("done", date(2025, 1, 1), None, ASK, plan=True) is None
    assert reason("planned", date(2025, 10, 1), FRESH, ASK, plan=True) == "overdue"


def test_a_departments_items_come_oldest_deadline_first_then_by_commune_and_natural_id() -> None:
    """The order `sort_key` then `_oldest_first` gave: deadline (none last), commune in
    Vietnamese order (Đ after D), then natural ID (VA-2 before VA-10); two rows of one
    commune made apart share its place."""
    from tracker.cache import CommuneRow, DueRow
    from tracker.enums import IssueStatus
    from tracker.ops.followup import _in_order, _ranks

    van_an, dien, do_luong = (CommuneRow("van-an", "1", "Vạn An", "xa", "VA"),
                              CommuneRow("dien-chau", "2", "Diễn Châu", "xa", "DC"),
                              CommuneRow("do-luong", "3", "Đô Lương", "xa", "DL"))  # fmt: skip
    van_an_again = CommuneRow("van-an", "1", "Vạn An", "xa", "VA")

    def row(commune: CommuneRow, id_: str, due: date | None) -> tuple[DueRow, str]:
        return DueRow(commune, id_, "t", "NNMT", IssueStatus.OPEN, None, due, None), "stale"

    day = date(2025, 10, 1)
    rows = [row(van_an, "VA-10", day), row(do_luong, "DL-1", day), row(van_an_again, "VA-2", day),
            row(dien, "DC-3", None), row(dien, "DC-1", date(2025, 12, 1)),
            row(van_an, "VA-1", date(2025, 9, 1))]  # fmt: skip
    ordered = _in_order(rows, _ranks([r for r, _ in rows]))
    assert [r.id for r, _ in ordered] == ["VA-1", "DL-1", "VA-2", "VA-10", "DC-1", "DC-3"]


def test_an_overdue_item_up_the_ladder_is_asked_to_explain_by_the_last_rung_reached_that_asks() -> None:
    """A rung that asks nothing keeps the ask of a rung below it; an item that is not
    overdue is asked nothing, whatever rung its reminders reached."""
    from tracker.cache import CommuneRow, DueRow
    from tracker.enums import IssueStatus
    from tracker.ops.followup import _explaining, _item, _steps
    from tracker.registry import FollowUp

    follow = FollowUp.model_validate({"ladder": [
        {"after_days_overdue": 10, "copy_to": ["VPUB"], "explain_within_days": 7},
        {"after_days_overdue": 30, "copy_to": ["VPUB"]},
        {"after_days_overdue": 60, "copy_to": ["UBND"], "explain_within_days": 3},
        {"after_reminders": 2, "copy_to": ["UBND"]},
    ]})  # fmt: skip
    van_an = CommuneRow("van-an", "1", "Vạn An", "xa", "VA")

    def explain_by(due: date, reminders: int = 0) -> tuple[int, date | None]:
        row = DueRow(van_an, "VA-1", "t", "NNMT", IssueStatus.OPEN, None, due, None, reminders)
        why = reason(row.status, row.due, row.last_update, ASK)
        assert why is not None
        item = _item(row, why, ASK, follow, _explaining(follow, ASK.as_of), _steps(follow))
        return item.step, item.explain_by

    assert explain_by(date(2025, 10, 15)) == (0, None)  # 5 days late: no rung
    assert explain_by(date(2025, 10, 5)) == (1, date(2025, 10, 27))  # 15 days: the first rung's 7 days
    assert explain_by(date(2025, 9, 10)) == (2, date(2025, 10, 27))  # 40 days: still the first rung's ask
    assert explain_by(date(2025, 8, 1)) == (3, date(2025, 10, 23))  # 80 days: the third rung's 3 days
    assert explain_by(date(2025, 8, 1), reminders=2) == (4, date(2025, 10, 23))  # the fourth asks nothing
    assert explain_by(date(2025, 11, 1), reminders=2) == (4, None)  # due soon: nothing to explain
