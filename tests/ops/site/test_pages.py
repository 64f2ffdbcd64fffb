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


def _undate(data: Path, commune: str) -> None:
    """The issues of `commune` with no date raised, as the repository's real records."""
    path = data / "communes" / f"{commune}.yaml"
    path.write_text("".join(line for line in path.read_text("utf-8").splitlines(keepends=True)
                            if not line.strip().startswith("raised_on:")), "utf-8")  # fmt: skip


def _not_done(index: str) -> int:
    """The overview grid's total of items not done."""
    total = re.search(r'<tr class="total">(.*?)</tr>', index, re.S)
    assert total
    cells = [int(c) for c in re.findall(r'<td class="n">(\d+)</td>', total[1])]
    # total, on time, late, in time, undated, overdue, escalated, extended
    return cells[3] + cells[4] + cells[5]


def test_the_month_chart_says_what_it_leaves_out(cli: Cli, filled: Path, tmp_path: Path) -> None:
    _undate(filled, "thien-nhan")  # TN-1: not done, no date raised
    index = (_site(cli, filled, tmp_path / "some") / "index.html").read_text("utf-8")
    months = _figures(index, "Tháng")
    drawn = int(months[-1][1])
    assert "1 vướng mắc chưa hoàn thành không có ngày nêu, không vẽ được" in index
    assert drawn + 1 == _not_done(index) == 4  # the chart and its line agree with the grid
    _undate(filled, "van-an")  # none has a date raised: no chart, and a line that says why
    index = (_site(cli, filled, tmp_path / "none") / "index.html").read_text("utf-8")
    assert 'id="chart-months"' not in index
    said = "Vướng mắc chưa hoàn thành và quá hạn theo tháng"
    assert re.search(rf"{said}[^<]*: 4 vướng mắc chưa hoàn thành không có ngày nêu, không vẽ được"
                     r" \(trong đó 1 quá hạn\)", index)  # fmt: skip


def test_an_overdue_plan_item_is_marked_and_listed(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = _site(cli, filled, tmp_path / "site", "2026-01-10")  # VA-KH1 was due 31/12/2025
    commune = (out / "commune" / "van-an.html").read_text("utf-8")
    section = commune.split('<section class="plan late">', 1)[1].split("</section>", 1)[0]
    assert "VA-KH1" in section and "31/12/2025 (quá hạn)" in section
    overdue = (out / "overdue.html").read_text("utf-8")
    plans = overdue.split("Nhiệm vụ kế hoạch hành động quá hạn", 1)[1]
    assert 'href="plan/VA-KH1.html"' in plans and '<td class="n">10</td>' in plans and "Vương Hồng Thái" in plans
    early = (_site(cli, filled, tmp_path / "early", "2025-11-05") / "commune" / "van-an.html").read_text("utf-8")
    assert '<section class="plan">' in early and "(quá hạn)</span>" not in early


def test_a_plan_item_done_leaves_the_overdue_list_on_a_rebuild(cli: Cli, filled: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("TRACKER_TODAY", "2026-01-10")
    out = _site(cli, filled, tmp_path / "site", "2026-01-10")
    assert "VA-KH1" in (out / "overdue.html").read_text("utf-8")
    cli("--data-dir", str(filled), "plan", "update", "VA-KH1", "--status", "done", "--on", "2025-12-20")
    _site(cli, filled, out, "2026-01-10")
    assert "VA-KH1" not in (out / "overdue.html").read_text("utf-8")
    full = _site(cli, filled, tmp_path / "full", "2026-01-10")
    assert (out / "overdue.html").read_bytes() == (full / "overdue.html").read_bytes()


def test_escalated_items_are_in_the_overdue_list(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    assert "TN-1" not in (out / "overdue.html").read_text("utf-8")
    cli("--data-dir", str(filled), "update", "TN-1", "--status", "escalated")  # no deadline: escalated, not overdue
    assert_as_full(cli, filled, out, tmp_path)
    overdue = (out / "overdue.html").read_text("utf-8")
    assert "KIẾN NGHỊ CẤP TRÊN" in overdue
    row = next(r for r in overdue.split("<tr") if 'href="issue/TN-1.html"' in r)
    assert "Phần mềm chưa liên thông" in row and '<td class="n"></td>' in row  # no days late: not overdue


def test_the_overview_links_the_changes_page(cli: Cli, filled: Path, tmp_path: Path) -> None:
    import subprocess

    from tests.cli.test_changes import commit

    subprocess.run(["git", "init", "-q"], cwd=filled.parent, check=True)
    commit(filled.parent, "Họp lần 1", "2025-10-01")
    cli("--data-dir", str(filled), "update", "VA-1", "--status", "in_progress")
    commit(filled.parent, "Cập nhật", "2025-10-20")
    out = _site(cli, filled, tmp_path / "site", "2025-11-05", "--since", "HEAD~1")
    assert (out / "changes.html").exists()
    assert 'href="changes.html"' in (out / "index.html").read_text("utf-8")
    plain = _site(cli, filled, tmp_path / "plain")
    assert not (plain / "changes.html").exists() and "changes.html" not in (plain / "index.html").read_text("utf-8")


def test_a_recorded_reminder_reads_on_the_record_page(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("--data-dir", str(filled), "remind", "--dept", "NNMT", "--as-of", "2025-11-05", "--record")
    assert "reminder: dept-NNMT" in (filled / "communes" / "van-an.yaml").read_text("utf-8")
    page = (_site(cli, filled, tmp_path / "site") / "issue" / "VA-1.html").read_text("utf-8")
    history = page.split("<h2>Lịch sử", 1)[1] if "<h2>Lịch sử" in page else page.split(">Lịch sử", 1)[1]
    row = next(r for r in history.split("<tr>") if "dept-NNMT" in r)
    assert "Đã đôn đốc (văn bản dept-NNMT)" in row
    assert "Đã đôn đốc (văn bản dept-NNMT)" in cli("--data-dir", str(filled), "show", "VA-1")
