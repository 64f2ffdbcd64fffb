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

# The dates a record can hold, typed or in a file: far around any real one, and so that
# a day or a year before or after is still a date (`--since 0001-01-01` reached year 0
# and crashed; a record raised in 9999 was in no list). The one home of the range: the
# models' Day checks files with it, parse_date what users type.
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def range_said() -> tuple[str, str]:
    """What the range is, in Vietnamese and in English."""
    vi = f"{EARLIEST:%d/%m/%Y} đến {LATEST:%d/%m/%Y}"
    return f"ngày phải trong khoảng {vi}", f"a date must be from {EARLIEST} to {LATEST}"


class Typed(date):
    """A date that remembers how the user typed it, so that a message about it
    echoes "31/12/2025" to the one who wrote 31/12/2025."""

    typed: str


def typed(day: date) -> str:
    """`day` as the user typed it; ISO for a date from a file."""
    return getattr(day, "typed", None) or day.isoformat()


MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")  # fmt: skip


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
            if not in_range(day):
                vi, en = range_said()
                raise FieldError.one(field, tr(f"{vi} (nhận '{value}')", f"{en} (got '{value}')"))
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


def not_after_today(day: date | None, field: str) -> date | None:
    """A date something was done or raised on: not after today ($TRACKER_TODAY)."""
    if day is not None and day > today():
        now = today()
        raise FieldError.one(field, tr(f"{typed(day)} là ngày trong tương lai (hôm nay {now:%d/%m/%Y})",
                                       f"{typed(day)} is in the future (today is {now})"))  # fmt: skip
    return day
