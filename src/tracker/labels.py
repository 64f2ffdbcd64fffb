"""Words a reader expects for stored values, in Vietnamese and English."""

from tracker.i18n import get_lang

ISSUE_STATUS_VI = {
    "open": "Chưa xử lý",
    "in_progress": "Đang xử lý",
    "escalated": "Kiến nghị cấp trên",
    "resolved": "Đã giải quyết",
    "dropped": "Dừng xử lý",
    "high": "Cao",
    "normal": "Bình thường",
    "low": "Thấp",
}
_VI_PLAN = {
    "planned": "Chưa thực hiện",
    "in_progress": "Đang thực hiện",
    "done": "Đã hoàn thành",
    "dropped": "Dừng thực hiện",
}
_EN = {"in_progress": "in progress"}


def status_label(value: str, plan: bool = False) -> str:
    """How a stored status or priority reads in the current language."""
    if get_lang() == "en":
        return _EN.get(value, value)
    return (_VI_PLAN if plan else ISSUE_STATUS_VI).get(value, value)


def date_label(value: object) -> str:
    """dd/mm/yyyy in Vietnamese tables, ISO in English; empty for no date."""
    if value is None:
        return ""
    iso = str(value)
    if get_lang() == "en":
        return iso
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
