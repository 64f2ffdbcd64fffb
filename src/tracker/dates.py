"""Dates as users type them, and what "today" is."""

import os
import re
from datetime import date

from tracker.errors import UsageError
from tracker.i18n import tr


def today() -> date:
    """Today, or $TRACKER_TODAY (YYYY-MM-DD) for reproducible runs and back-dated entry."""
    fixed = os.environ.get("TRACKER_TODAY")
    return parse_date(fixed, "TRACKER_TODAY") if fixed else date.today()


def parse_date(value: str, option: str) -> date:
    """ISO (2025-10-15) or the way Vietnamese offices write it (15/10/2025)."""
    text = value.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            tr(
                f"{option}: ngày không hợp lệ '{value}' (dạng YYYY-MM-DD hoặc dd/mm/yyyy)",
                f"{option}: not a valid date '{value}' (YYYY-MM-DD or dd/mm/yyyy)",
            )
        ) from None
