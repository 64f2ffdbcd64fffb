"""periods.py: every form of a period, its window and the previous one, at year
boundaries and in a leap year."""

from datetime import date

import pytest

from tracker import periods
from tracker.errors import FieldError


@pytest.mark.parametrize(
    ("text", "start", "end", "previous"),
    [
        ("2025-12", date(2025, 11, 15), date(2025, 12, 14), "2025-11"),
        ("2026-01", date(2025, 12, 15), date(2026, 1, 14), "2025-12"),  # starts the year before
        ("2026-Q1", date(2025, 12, 15), date(2026, 3, 14), "2025-Q4"),
        ("2025-Q4", date(2025, 9, 15), date(2025, 12, 14), "2025-Q3"),
        ("2025-H1", date(2024, 12, 15), date(2025, 6, 14), "2024-H2"),
        ("2025-H2", date(2025, 6, 15), date(2025, 12, 14), "2025-H1"),
        ("2025-9M", date(2024, 12, 15), date(2025, 9, 14), "2024-9M"),
        ("2025", date(2024, 12, 15), date(2025, 12, 14), "2024"),
        ("2024-03", date(2024, 2, 15), date(2024, 3, 14), "2024-02"),  # 29 February is inside
        ("2025-q4", date(2025, 9, 15), date(2025, 12, 14), "2025-Q3"),  # any case
    ],
)
def test_each_form_has_its_window_and_its_previous_period(text: str, start: date, end: date, previous: str) -> None:
    period = periods.parse(text)
    assert (period.start, period.end, period.previous().name) == (start, end, previous)
    assert period.previous().end < start  # the previous period ends before this one starts


def test_the_cut_off_day_is_the_provinces() -> None:
    period = periods.parse("2026-01", cutoff_day=20)
    assert (period.start, period.end) == (date(2025, 12, 21), date(2026, 1, 20))


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "2025-H3", "2025-00", "25-12", "2025-12-01", "", "năm 2025"])
def test_a_wrong_period_is_a_clear_error(text: str) -> None:
    with pytest.raises(FieldError) as info:
        periods.parse(text)
    assert info.value.problems[0][0] == "period" and "2025-Q4" in info.value.problems[0][1]


def test_the_next_period_ends_a_period_later() -> None:
    assert periods.parse("2025-12").next_end() == date(2026, 1, 14)
    assert periods.parse("2025-Q4").next_end() == date(2026, 3, 14)
