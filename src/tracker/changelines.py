"""The `changed` line of a history entry, the one home of its form: written in the
user's language, read back in either.

    Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025
    status: open → in_progress; due: 2025-12-31 → 2025-11-15

Vietnamese names the field and its values as the reports do (the words of
wording.py, dates as dd/mm/yyyy); English, as the files store them. Both read back
to the stored values, so that `--as-of` and `changes` understand every line any
version of tracker wrote.
"""

import re
from datetime import date
from functools import lru_cache
from typing import Any

from tracker.i18n import get_lang
from tracker.wording import BASE

NONE = "—"
_DAY = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def shown(field: str, value: Any, lang: str | None = None, plan: bool = False) -> str:
    """A value as a `changed` line shows it: `—` for none, lists joined, dates and
    statuses in the language's words."""
    words = BASE[lang or get_lang()]
    if value is None or value == []:
        return NONE
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if (lang or get_lang()) == "vi" else value.isoformat()
    value = getattr(value, "value", value)
    if field == "status":
        return str(words["plan_status" if plan else "status"].get(value, value))
    if field == "priority":
        return str(words["priority"].get(value, value))
    return str(value)


def line(field: str, old: Any, new: Any, lang: str | None = None, plan: bool = False) -> str:
    """One change: `label: old → new`."""
    label = BASE[lang or get_lang()]["fields"].get(field, field)
    return f"{label}: {shown(field, old, lang, plan)} → {shown(field, new, lang, plan)}"


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], dict[str, str], dict[tuple[str, str], str]]:
    """The pattern of a change in either language, label → field, and (field, word) →
    stored value."""
    labels: dict[str, str] = {}
    values: dict[tuple[str, str], str] = {}
    for words in BASE.values():
        for field, label in words["fields"].items():
            labels[label] = field
            labels[field] = field
        for key in ("status", "plan_status"):
            values |= {("status", word): code for code, word in words[key].items()}
        values |= {("priority", word): code for code, word in words["priority"].items()}
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pattern = re.compile(rf"(?:^|; )({names}): (.*?) → (.*?)(?=; (?:{names}): |$)")
    return pattern, labels, values


def parse(text: str | None) -> list[tuple[str, str, str]]:
    """(field, old, new) for each change a line tells, values as the files store them
    (`—` for none, dates as YYYY-MM-DD)."""
    if not text:
        return []
    pattern, labels, values = _tables()

    def stored(field: str, value: str) -> str:
        day = _DAY.match(value)
        if day:
            return f"{day[3]}-{day[2]}-{day[1]}"
        return values.get((field, value), value)

    out = []
    for m in pattern.finditer(text):
        field = labels[m[1]]
        out.append((field, stored(field, m[2]), stored(field, m[3])))
    return out
