"""timeline.py: a record as it stood on a past day."""

from datetime import date

from tracker import timeline
from tracker.models import HistoryEntry, Issue


def entry(day: str, changed: str | None = None) -> HistoryEntry:
    return HistoryEntry(date=date.fromisoformat(day), by="A", changed=changed)


def test_changes_after_the_day_are_undone_and_values_with_semicolons_survive() -> None:
    rec = Issue(id="VA-1", title="x", dept="TC", status="in_progress", owner="Anh A; Chị B", support=["XD"],
                due=date(2025, 12, 1), raised_on=date(2025, 9, 1),
                history=[entry("2025-09-01"),
                         entry("2025-11-01", "status: open → in_progress; owner: Anh C; Chị D → Anh A; Chị B; "
                                             "support: — → XD; due: 2025-10-15 → 2025-12-01")])  # fmt: skip
    past = timeline.as_of(rec, date(2025, 10, 20))
    assert past is not None
    assert (past.status, past.owner, past.support, past.due) == ("open", "Anh C; Chị D", [], date(2025, 10, 15))
    assert len(past.history) == 1
    assert timeline.as_of(rec, date(2025, 11, 1)) is rec  # nothing after that day


def test_a_record_raised_or_entered_after_the_day_did_not_exist() -> None:
    raised = Issue(id="VA-1", title="x", dept="TC", raised_on=date(2025, 11, 1), history=[entry("2025-09-01")])
    entered = Issue(id="VA-2", title="x", dept="TC", history=[entry("2025-11-01")])
    back_dated = Issue(id="VA-3", title="x", dept="TC", raised_on=date(2025, 9, 1), history=[entry("2025-11-01")])
    day = date(2025, 10, 1)
    assert timeline.as_of(raised, day) is None and timeline.as_of(entered, day) is None
    assert timeline.as_of(back_dated, day) is not None  # raised then, written down later


def test_a_resolution_dated_after_the_day_is_not_yet_one_even_when_written_by_hand() -> None:
    rec = Issue(id="VA-1", title="x", dept="TC", status="resolved", resolution="Xong", resolved_on=date(2025, 12, 1))
    past = timeline.as_of(rec, date(2025, 11, 1))
    assert past is not None and (past.status, past.resolved_on, past.resolution) == ("open", None, None)


def test_a_record_stands_the_same_from_each_of_its_turns_to_the_next() -> None:
    """`stages` gives the record as it stood on every day, not only on its turns: here an
    old-style line moved the deadline and a resolution was written down days after it."""
    rec = Issue(id="VA-1", title="x", dept="TC", status="resolved", resolution="Xong", due=date(2025, 12, 1),
                resolved_on=date(2025, 11, 20),
                history=[entry("2025-09-05"), entry("2025-10-01", "due: 2025-10-15 → 2025-12-01"),
                         HistoryEntry(date=date(2025, 11, 25), by="A", status="resolved",
                                      was={"status": "open", "resolution": None, "resolved_on": None})])  # fmt: skip
    stages = timeline.stages(rec)
    assert stages[0] == (None, None) and [day for day, _ in stages[1:]] == timeline.turns(rec)
    day = date(2025, 8, 1)
    while day <= date(2026, 1, 31):
        in_force = [past for since, past in stages if since is None or since <= day][-1]
        assert in_force == timeline.as_of(rec, day), day
        day = day.fromordinal(day.toordinal() + 1)
    assert timeline.as_of(rec, date(2025, 11, 20)).status == "resolved"  # type: ignore[union-attr]
