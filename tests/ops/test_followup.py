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
