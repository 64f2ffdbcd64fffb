"""What the site's pages say: the overview's charts agree with the report (the ages of
a delay from followup.yaml, the months with what they leave out), the reports sent,
the overdue list (plan items, escalated items), the links to every page."""

import re
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.ops.site.conftest import assert_as_full, build


def _site(cli: Cli, data: Path, out: Path, as_of: str = "2025-11-05", *args: str) -> Path:
    result = cli.result("--data-dir", str(data), "site", "--output", str(out), "--as-of", as_of, *args)
    assert result.exit_code == 0, result.stderr
    return out


def _text(html: str) -> str:
    """A page's text, tags gone and spaces folded."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _figures(html: str, heading: str) -> list[list[str]]:
    """The rows of the figures table under the chart whose first heading is `heading`."""
    table = html.split(f"<th>{heading}</th>", 1)[1].split("</table>", 1)[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", table)]


def test_the_overdue_chart_takes_the_reports_ages_from_followup_yaml(cli: Cli, filled: Path, tmp_path: Path) -> None:
    index = (_site(cli, filled, tmp_path / "a", "2026-02-01") / "index.html").read_text("utf-8")
    # On 01/02/2026 VA-1 (due 15/10) is 109 days late, VA-2 (due 31/12) 32: the report's words and buckets (30, 90).
    assert _figures(index, "Số ngày quá hạn") == [["Quá hạn đến 30 ngày", "0"], ["Quá hạn từ 31 đến 90 ngày", "1"],
                                                  ["Quá hạn trên 90 ngày", "1"]]  # fmt: skip
    report = cli("--data-dir", str(filled), "report", "--as-of", "2026-02-01")
    for title in ("Quá hạn đến 30 ngày", "Quá hạn từ 31 đến 90 ngày", "Quá hạn trên 90 ngày"):
        assert f"### {title}" in report
    followup = filled / "followup.yaml"
    followup.write_text(followup.read_text("utf-8").replace("overdue_ages:\n- 30\n- 90", "overdue_ages: [7, 60]"))
    index = (_site(cli, filled, tmp_path / "b", "2026-02-01") / "index.html").read_text("utf-8")
    assert _figures(index, "Số ngày quá hạn") == [["Quá hạn đến 7 ngày", "0"], ["Quá hạn từ 8 đến 60 ngày", "1"],
                                                  ["Quá hạn trên 60 ngày", "1"]]  # fmt: skip
    assert "180 ngày" not in _text(index)


def test_new_ages_in_followup_yaml_make_the_overview_again(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    followup = filled / "followup.yaml"
    followup.write_text(followup.read_text("utf-8").replace("overdue_ages:\n- 30\n- 90", "overdue_ages: [7, 60]"))
    assert_as_full(cli, filled, out, tmp_path)
    assert "Quá hạn từ 8 đến 60 ngày" in (out / "index.html").read_text("utf-8")


def _submit(cli: Cli, data: Path, period: str, number: str, on: str) -> None:
    cli("--data-dir", str(data), "report", "--period", period, "--submit", "--number", number, "--on", on)


def test_the_overview_lists_the_reports_sent_newest_first(cli: Cli, filled: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-20")  # both periods over
    index = (_site(cli, filled, tmp_path / "none", "2026-01-20") / "index.html").read_text("utf-8")
    assert "Báo cáo định kỳ đã gửi" not in index  # none sent: nothing said
    _submit(cli, filled, "2025-11", "15/BC-TCT2", "2025-11-17")
    _submit(cli, filled, "2025-12", "21/BC-TCT2", "2025-12-16")
    index = (_site(cli, filled, tmp_path / "two", "2026-01-20") / "index.html").read_text("utf-8")
    assert _figures(index, "Kỳ báo cáo") == [["Báo cáo tháng 12 năm 2025", "21/BC-TCT2", "16/12/2025"],
                                             ["Báo cáo tháng 11 năm 2025", "15/BC-TCT2", "17/11/2025"]]  # fmt: skip
    # As the data stood on 01/12/2025, only November's had been sent.
    index = (_site(cli, filled, tmp_path / "then", "2025-12-01") / "index.html").read_text("utf-8")
    assert [r[1] for r in _figures(index, "Kỳ báo cáo")] == ["15/BC-TCT2"]


def test_a_report_sent_makes_the_overview_again(cli: Cli, filled: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-20")
    out = tmp_path / "site"
    _site(cli, filled, out, "2026-01-20")
    _submit(cli, filled, "2025-12", "21/BC-TCT2", "2025-12-16")
    _site(cli, filled, out, "2026-01-20")
    assert "21/BC-TCT2" in (out / "index.html").read_text("utf-8")
    full = _site(cli, filled, tmp_path / "full", "2026-01-20")
    assert (out / "index.html").read_bytes() == (full / "index.html").read_bytes()
    (filled / "reports.yaml").write_text((filled / "reports.yaml").read_text("utf-8").replace("21/BC", "22/BC"))
    _site(cli, filled, out, "2026-01-20")
    assert "22/BC-TCT2" in (out / "index.html").read_text("utf-8")
