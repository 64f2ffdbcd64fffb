"""The site's charts: whole-number axes that reach every series, and the same bytes
from the same figures (no script, no random id, no date)."""

import re

from tracker.formats import charts


def _axis(svg: str) -> list[int]:
    return sorted({int(n) for n in re.findall(r"<text[^>]*>(\d+)</text>", svg)})


def test_a_line_chart_axis_reaches_the_highest_point_of_every_series() -> None:
    svg = charts.lines("months", "t", ["01/2026", "02/2026"], [("open", [10, 40]), ("late", [1, 3])])
    assert max(_axis(svg)) >= 40


def test_a_stacked_chart_axis_reaches_the_tallest_stack() -> None:
    svg = charts.stacked("status", "t", ["NNMT", "TC"], [("done", [5, 1]), ("late", [30, 2])])
    assert max(_axis(svg)) >= 35


def test_the_same_figures_make_the_same_bytes_with_no_script() -> None:
    one = charts.bars("ages", "t", ["0–30", "31–90"], "n", [3, 1])
    assert one == charts.bars("ages", "t", ["0–30", "31–90"], "n", [3, 1])
    assert "<script" not in one and "<!--" not in one and 'id="chart-ages"' in one
