"""History entries as versions before 0.2 wrote them: a `changed:` sentence.

    changed: 'Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025'
    changed: 'status: open → in progress; due: 2025-12-31 → 2025-11-15'
    changed: 'hoàn thành mốc 1: Lập danh sách'

Such lines were written in three forms: Vietnamese (the reports' words, dates
dd/mm/yyyy), English (field names, English status words, ISO dates) and, before
that, the stored codes. The words are frozen here as those versions wrote them, so
that a later change of the interface's wording (`wording.py`, `templates/lang/`)
never makes an old line unreadable. `tracker fmt` rewrites every line that reads
back whole as `was:` data (history.py); nothing new is written this way.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

_FIELDS_VI = {"id": "Mã", "title": "Nội dung", "description": "Mô tả", "category": "Nhóm vướng mắc",
              "dept": "Cơ quan chủ trì", "support": "Cơ quan phối hợp", "status": "Trạng thái",
              "priority": "Mức ưu tiên", "raised_on": "Ngày nêu", "due": "Thời hạn",
              "owner": "Người chịu trách nhiệm", "source": "Nguồn", "resolution": "Kết quả",
              "resolved_on": "Ngày giải quyết", "note": "Ghi chú", "start": "Ngày bắt đầu",
              "done_on": "Ngày hoàn thành", "same_as": "Cùng vướng mắc với", "issues": "Vướng mắc",
              "milestones": "Lộ trình"}  # fmt: skip
_STATUS_VI = {"open": "Chưa xử lý", "in_progress": "Đang xử lý", "escalated": "Kiến nghị cấp trên",
              "resolved": "Đã giải quyết", "dropped": "Dừng xử lý"}  # fmt: skip
_PLAN_VI = {"planned": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành",
            "dropped": "Dừng thực hiện"}  # fmt: skip
_PRIORITY_VI = {"high": "Cao", "normal": "Bình thường", "low": "Thấp"}
_STATUS_EN = {"open": "open", "in_progress": "in progress", "escalated": "escalated", "resolved": "resolved",
              "dropped": "dropped", "planned": "planned", "done": "done"}  # fmt: skip
_MILESTONE = {"vi": "hoàn thành mốc {n}: {target}", "en": "milestone {n} done: {target}"}
_MILESTONE_RE = r"hoàn thành mốc (\d+): |milestone (\d+) done: "

_DATES = {"due", "resolved_on", "raised_on", "start", "done_on"}
_LISTS = {"support", "same_as", "issues"}
NONE = "—"


class Told(NamedTuple):
    """One field an old line said was changed, its values as the files store them."""

    field: str
    old: Any
    new: Any


class _Piece(NamedTuple):
    field: str | None  # None: a milestone done
    old: str
    new: str  # a milestone's target


@lru_cache(maxsize=1)
def _tables() -> tuple[re.Pattern[str], dict[str, str], dict[tuple[str, str], str]]:
    labels = {label: field for field, label in _FIELDS_VI.items()} | {field: field for field in _FIELDS_VI}
    words: dict[tuple[str, str], str] = {}
    for table in (_STATUS_VI, _PLAN_VI, _STATUS_EN):
        words |= {("status", word): code for code, word in table.items()}
    words |= {("priority", word): code for code, word in _PRIORITY_VI.items()}
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    ahead = rf"(?=; (?:(?:{names}): |{_MILESTONE_RE})|$)"
    pattern = re.compile(rf"(?:^|; )(?:({names}): (.*?) → (.*?)|(?:{_MILESTONE_RE})(.*?)){ahead}")
    return pattern, labels, words


def _pieces(text: str) -> list[_Piece]:
    pattern, labels, _ = _tables()
    out = []
    for m in pattern.finditer(text):
        if m[1] is not None:
            out.append(_Piece(labels[m[1]], m[2], m[3]))
        else:
            out.append(_Piece(None, m[4] or m[5], m[6]))
    return out


def _value(field: str, text: str) -> Any:
    """A value as an old line shows it, as the record stores it."""
    _, _, words = _tables()
    if text == NONE:
        return [] if field in _LISTS else None
    if field in _LISTS:
        return [part.strip() for part in text.split(",") if part.strip()]
    if field in _DATES:
        day = re.fullmatch(r"(\d{2})/(\d{2})/(\d{4})", text)
        try:
            return date(int(day[3]), int(day[2]), int(day[1])) if day else date.fromisoformat(text)
        except ValueError:
            return text
    return words.get((field, text), text)


def parse(text: str | None) -> list[Told]:
    """Each field change an old line tells, with typed values."""
    if not text:
        return []
    return [Told(p.field, _value(p.field, p.old), _value(p.field, p.new)) for p in _pieces(text) if p.field]


def milestones(text: str | None) -> list[int]:
    """The milestones (from 1) an old line said were done."""
    return [int(p.old) for p in _pieces(text or "") if p.field is None]


def read(text: str) -> tuple[list[Told], list[int]] | None:
    """The changes and milestones of a line that reads back whole (written again in
    the form it was written in, it is the same text); None for any other line."""
    pieces = _pieces(text)
    fields = sum(1 for p in pieces if p.field)
    if not pieces or text.count(" → ") != fields or text.count("; ") != len(pieces) - 1:
        return None  # a value that holds " → " or "; " could be read more than one way
    for form in ("vi", "en", "stored"):
        if "; ".join(_written(p, form) for p in pieces) == text:
            return parse(text), milestones(text)
    return None


def _written(piece: _Piece, form: str) -> str:
    """A piece as a version writing in `form` wrote it."""
    if piece.field is None:
        return _MILESTONE["en" if form == "en" else "vi"].format(n=piece.old, target=piece.new)
    label = _FIELDS_VI[piece.field] if form == "vi" else piece.field
    return f"{label}: {_shown(piece.field, piece.old, form)} → {_shown(piece.field, piece.new, form)}"


def _shown(field: str, text: str, form: str) -> str:
    value = _value(field, text)
    if value is None or value == []:
        return NONE
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if form == "vi" else value.isoformat()
    if field in ("status", "priority") and form != "stored":
        words = (_STATUS_VI, _PLAN_VI, _PRIORITY_VI) if form == "vi" else (_STATUS_EN,)
        if any(table.get(value) == text for table in words):
            return text  # an issue's and a plan item's `in_progress` have different words
        return next((table[value] for table in words if value in table), str(value))
    return str(value)
