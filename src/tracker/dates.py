"""Dates as users type them, and what "today" is."""

import os
import re
from datetime import date

from tracker.errors import FieldError
from tracker.i18n import get_lang, tr

# Only the two forms people write: ISO and the Vietnamese office form. Python's
# fromisoformat would also take 20251231 and 2025-W01-1, which nobody means.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VN = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


class Typed(date):
    """A date that remembers how the user typed it, so that a message about it
    echoes "31/12/2025" to the one who wrote 31/12/2025."""

    typed: str


def typed(day: date) -> str:
    """`day` as the user typed it; ISO for a date from a file."""
    return getattr(day, "typed", None) or day.isoformat()


def shown(day: object, lang: str | None = None) -> str:
    """A date as people read it: dd/mm/yyyy in Vietnamese, ISO in English; empty for
    none. The one home of dates as text (tables, reports, messages, history)."""
    if day is None:
        return ""
    iso = str(day)
    if (lang or get_lang()) == "en":
        return iso
    year, month, dom = iso.split("-")
    return f"{dom}/{month}/{year}"


def today() -> date:
    """Today, or $TRACKER_TODAY (YYYY-MM-DD) for reproducible runs and back-dated entry."""
    fixed = os.environ.get("TRACKER_TODAY")
    return parse_date(fixed, "TRACKER_TODAY") if fixed else date.today()


def parse_date(value: str, field: str) -> date:
    """ISO (2025-10-15) or the way Vietnamese offices write it (15/10/2025); a wrong
    one is a FieldError of `field`, echoing the value as it was typed."""
    text = value.strip()
    iso, vn = _ISO.fullmatch(text), _VN.fullmatch(text)
    try:
        parts = (iso[1], iso[2], iso[3]) if iso else (vn[3], vn[2], vn[1]) if vn else None
        if parts:
            day = Typed(*(int(p) for p in parts))
            day.typed = text
            return day
    except ValueError:
        pass
    raise FieldError.one(
        field,
        tr(
            f"ngày không hợp lệ '{value}' (dạng YYYY-MM-DD hoặc dd/mm/yyyy)",
            f"not a valid date '{value}' (YYYY-MM-DD or dd/mm/yyyy)",
        ),
    )
