"""The roll-up's terminal grids and Markdown report, from figures as ops/rollup.py
hands them over: each language's own words, the ministry of each lead department,
and every ID with its province."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.formats import rollup
from tracker.rules import GRID_KEYS
from tracker.wording import labels


def _cells(late: int) -> dict[str, Any]:
    cells: dict[str, Any] = {key: 0 for key in GRID_KEYS}
    cells.update(open_overdue=late, total=late + 2, open_undated=2, on_time_rate=0.0 if late else None,
                 overdue_by_age={"1-30": late} if late else {})  # fmt: skip
    return cells


def _data() -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    data = {
        "as_of": "2026-12-01",
        "provinces": {"HT": _cells(1), "NA": _cells(0)},
        "departments": {"NNMT": _cells(1), "ZZ": _cells(0)},
        "total": _cells(1),
        "ministries": {"NNMT": "Bộ Nông nghiệp và Môi trường", "ZZ": None},
        "members": {"ha-tinh": {"province": "HT", "commit": "a" * 40, "records": 3, "included": True, "reason": None},
                    "nghe-an": {"province": "NA", "commit": None, "records": 0, "included": False,
                                "reason": "không tải được"}},
    }  # fmt: skip
    overdue = {"HT": [{"id": "HT:VA-1", "commune": "Vạn An", "dept": "NNMT", "due": "2026-11-01", "days": 30,
                       "title": "Luật Đất đai 2024 chưa được hướng dẫn"}]}  # fmt: skip
    return data, overdue


@pytest.mark.parametrize(
    ("lang", "words", "absent"),
    [
        ("vi", ["# BÁO CÁO TỔNG HỢP TOÀN QUỐC", "Số liệu đến ngày 01/12/2026; 2 tỉnh, thành phố.", "Quá hạn: 1",
                "(chưa có)", "đã tổng hợp"], ["Province", "Ministry", "Overdue"]),
        ("en", ["# NATIONAL ROLL-UP", "Figures as of 2026-12-01; 2 provinces.", "Overdue: 1", "(none)",
                "included"], ["Tỉnh", "Bộ, ngành", "Quá hạn", "chưa có", "tổng hợp"]),
    ],
)  # fmt: skip
def test_the_report_speaks_the_readers_language(lang: str, words: list[str], absent: list[str]) -> None:
    data, overdue = _data()
    text = rollup.markdown(data, overdue, labels(lang))
    for word in words:
        assert word in text
    for word in absent:
        assert word not in text


def test_the_report_names_each_ministry_and_each_id_with_its_province() -> None:
    data, overdue = _data()
    text = rollup.markdown(data, overdue, labels("vi"))
    assert "| NNMT | Bộ Nông nghiệp và Môi trường |" in text
    assert "| HT:VA-1 | Vạn An | NNMT | Bộ Nông nghiệp và Môi trường | 01/11/2026 | 30 |" in text
    assert "| nghe-an | NA |  | 0 | không tải được |" in text


def test_the_terminal_grids_fit_eighty_columns_with_their_key() -> None:
    data, _ = _data()
    for lang in ("vi", "en"):
        text = rollup.table(data, labels(lang))
        assert max(len(line) for line in text.splitlines()) <= 80
        assert ("Theo tỉnh:" if lang == "vi" else "By province:") in text
        assert "(9)" in text
