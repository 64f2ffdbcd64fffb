"""tracker report and tracker stats: exact output, escaping, files, the browser."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, golden

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def meeting(data: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small fixed dataset with every case the grid distinguishes."""

    def add(commune: str, dept: str, title: str, *extra: str) -> str:
        return cli("add-issue", "--commune", commune, "--dept", dept, "--title", title,
                   "--raised-on", "2025-09-20", *extra).strip()  # fmt: skip

    add("van-an", "NNMT", "Chậm cấp GCNQSD đất", "--category", "dat-dai", "--due", "2025-10-15", "--support", "TC")
    add("thien-nhan", "NNMT", "Hồ sơ địa chính cũ", "--category", "dat-dai", "--due", "2025-11-20")
    add("van-an", "NV", "Thiếu công chức | địa chính", "--category", "nhan-su", "--due", "2025-10-30")
    add("thien-nhan", "TC", "Kinh phí sửa trụ sở", "--category", "co-so-vat-chat", "--support", "NNMT")
    add("van-an", "TC", "Điều tiết ngân sách", "--category", "tai-chinh", "--due", "2025-10-01")
    add("thien-nhan", "KHCN", "Phần mềm chưa liên thông", "--category", "cntt")
    cli("close", "VA-1", "--resolution", "Đã cấp 35 GCNQSD", "--on", "2025-10-14")
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-03")  # resolved on a day not after today (#28.15)
    cli("close", "VA-2", "--resolution", "Đã bổ sung 2 công chức", "--on", "2025-11-03")
    monkeypatch.setenv("TRACKER_TODAY", "2025-10-20")
    cli("update", "TN-1", "--status", "escalated", "--note", "Xin ý kiến UBND tỉnh")
    cli("update", "VA-3", "--status", "in_progress")
    cli("update", "TN-2", "--status", "dropped", "--note", "Trùng với kiến nghị khác")
    cli(
        "plan",
        "add",
        "--commune",
        "van-an",
        "--title",
        "Rà soát hồ sơ đất đai",
        "--owner",
        "Vương Hồng Thái",
        "--due",
        "2025-10-31",
        "--issue",
        "VA-1",
        "--milestone",
        "2025-10-10:Lập danh sách",
        "--milestone",
        "2025-10-25:Hoàn thành rà soát",
    )
    cli("plan", "update", "VA-KH1", "--milestone-done", "1", "--on", "2025-10-09")
    return data


def test_markdown_report_golden(cli: Cli, meeting: Path) -> None:
    golden("report.vi.md", cli("report", "--as-of", "2025-11-05"))


def test_markdown_report_for_one_department_in_english_golden(cli: Cli, meeting: Path) -> None:
    golden("report-nnmt.en.md", cli("report", "--dept", "NNMT", "--as-of", "2025-11-05", "--lang", "en"))


def test_html_report_golden(cli: Cli, meeting: Path) -> None:
    golden("report.vi.html", cli("report", "--format", "html", "--as-of", "2025-11-05"))


def test_html_report_for_one_department_golden(cli: Cli, meeting: Path) -> None:
    golden("report-nnmt.vi.html", cli("report", "--dept", "NNMT", "--format", "html", "--as-of", "2025-11-05"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_stats_reads_at_80_columns(cli: Cli, meeting: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    """Nine counts a department do not fit 80 columns under their words: the columns
    are numbered, their words in a key under the table; each head over its numbers."""
    import re

    monkeypatch.setenv("COLUMNS", "80")
    out = cli("--lang", lang, "stats", "--as-of", "2025-11-05")
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80 and "…" not in out
    rule = next(n for n, line in enumerate(lines) if line.startswith("───"))
    assert rule == 1  # the head is one line
    ends = [m.end() for m in re.finditer(r"\S+(?: \S+)*", lines[0])][1:]  # where each column's head ends
    assert len(ends) == 9
    for line in lines[rule + 1 : rule + 6]:  # NV, TC, NNMT, KHCN and the sum: their numbers end there too
        assert [m.end() for m in re.finditer(r"\d+", line)] == ends, line
    words = "Hoàn thành đúng hạn" if lang == "vi" else "Done on time"
    assert f"(1) {words}" in out and ("(8) Dừng xử lý" if lang == "vi" else "(8) Dropped") in out
    assert ("Xếp hạng" if lang == "vi" else "Ranking") in out  # the ranking follows


def test_stats_json_counts_each_issue_under_its_lead(cli: Cli, meeting: Path) -> None:
    data = json.loads(cli("stats", "--format", "json", "--as-of", "2025-11-05"))
    ages = {"1-30": 0, "31-90": 0, "91+": 0}
    assert data["departments"]["NNMT"] == {"done_on_time": 1, "done_late": 0, "open_in_time": 1, "open_undated": 0,
                                           "open_overdue": 0, "escalated": 1, "extended": 0, "dropped": 0, "total": 2,
                                           "on_time_rate": 1.0, "band": "good", "overdue_by_age": ages}  # fmt: skip
    assert data["departments"]["TC"]["dropped"] == 1 and data["departments"]["TC"]["open_overdue"] == 1
    assert data["departments"]["TC"]["overdue_by_age"] == ages | {"31-90": 1}  # due 01/10, as of 05/11: 35 days
    assert data["departments"]["NV"]["done_late"] == 1
    assert data["departments"]["KHCN"]["open_undated"] == 1 and data["departments"]["KHCN"]["on_time_rate"] is None
    total = {k: v for k, v in data["total"].items() if k not in ("on_time_rate", "band", "overdue_by_age")}
    assert total == {"done_on_time": 1, "done_late": 1, "open_in_time": 1, "open_undated": 1, "open_overdue": 1,
                     "escalated": 1, "extended": 0, "dropped": 1, "total": 6}  # fmt: skip
    parts = ("done_on_time", "done_late", "open_in_time", "open_undated", "open_overdue", "dropped")
    assert all(sum(g[k] for k in parts) == g["total"] for g in [data["total"], *data["departments"].values()])
    assert data["ranking"] == ["NNMT", "NV", "TC", "KHCN"]  # 100 %, then 0 % in the registry's order, then none yet
    table = cli("stats", "--as-of", "2025-11-05")
    assert "NNMT" in table and "Tổng cộng" in table


def test_list_overdue_agrees_with_the_report(cli: Cli, meeting: Path) -> None:
    listed = [r["id"] for r in json.loads(cli("list", "--overdue", "--as-of", "2025-11-05", "--format", "json"))]
    section = cli("report", "--as-of", "2025-11-05").split("## II.")[1].split("## III.")[0]
    rows = [line.strip("| ").split(" | ") for line in section.splitlines() if line.startswith("| ")]
    rows = [cells for cells in rows if cells[0] != "STT"]  # a table a part: each with its head
    assert listed == ["VA-3"]
    assert [cells[1] for cells in rows if cells[6]] == listed  # rows with days overdue
    assert [cells[1] for cells in rows] == ["VA-3", "TN-1"]  # and the escalated one, oldest deadline first


def test_plan_progress_counts_items_milestones_and_overdue_in_id_order(cli: Cli, filled: Path) -> None:
    for n in range(2, 12):  # VA-KH2 … VA-KH11; the even ones are already past their deadline
        due = "2025-09-30" if n % 2 == 0 else "2026-06-30"
        cli("plan", "add", "--commune", "van-an", "--title", f"Việc {n}", "--owner", "B", "--due", due,
            "--milestone", "2025-10-01:Bắt đầu")  # fmt: skip
    cli("plan", "update", "VA-KH4", "--status", "done", "--on", "2025-10-01")
    cli("plan", "update", "VA-KH3", "--milestone-done", "1", "--on", "2025-10-01")
    report = cli("report", "--as-of", "2025-10-20")
    assert "| Vạn An | 11 | 1 | 1/12 | VA-KH2, VA-KH6, VA-KH8, VA-KH10 |" in report
    plans = report.split("2. Tiến độ kế hoạch hành động của các xã")[1].split("## ")[0]
    assert "Vạn An" in plans and "Thiên Nhẫn" not in plans  # no action plan, no row


def test_a_plan_id_with_a_comma_stays_one_id_in_the_progress_table(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"  # a hand edit that validate reports, and reports still show
    path.write_text(path.read_text("utf-8").replace("id: VA-KH1", "id: VA-KH1,5"), "utf-8")
    assert "| Vạn An | 1 | 0 | 0/2 | VA-KH1,5 |" in cli("report", "--as-of", "2026-01-05")


def test_markdown_cannot_be_broken_by_text(cli: Cli, data: Path) -> None:
    cli(
        "add-issue",
        "--commune",
        "van-an",
        "--dept",
        "TC",
        "--title",
        "# Tiêu đề | cột <script>alert(1)</script>",
        "--description",
        "dòng 1\ndòng 2",
    )
    cli("close", "VA-1", "--resolution", "Kết quả\n{{ 7 * 7 }} *đậm* [link](x)")
    out = cli("report", "--as-of", "2025-11-05")
    row = next(line for line in out.splitlines() if line.startswith("| 1 | VA-1 |"))
    assert "\\# Tiêu đề \\| cột \\<script\\>alert(1)\\</script\\>" in row
    assert row.endswith("| Kết quả<br>{{ 7 \\* 7 }} \\*đậm\\* \\[link\\](x) |")
    assert row.count(" | ") == 8  # nine cells: the pipe in the title did not add one


def test_html_is_escaped_and_self_contained(cli: Cli, data: Path, tmp_path: Path) -> None:
    cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "<script>alert('x')</script> & {{ x }}")
    cli("report", "--format", "html", "--output", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; {{ x }}" in html
    assert "<script" not in html
    assert "http://" not in html and "https://" not in html and "<link" not in html
    assert "Times New Roman" in html and "size: A4 landscape" in html


def test_output_errors_write_nothing(cli: Cli, data: Path, tmp_path: Path) -> None:
    result = cli.result("report", "--output", str(tmp_path / "missing" / "r.md"))
    assert result.exit_code == 2 and "không tồn tại" in result.stderr
    assert cli.result("report", "--output", str(tmp_path)).exit_code == 2
    target = data / "communes" / "van-an.yaml"
    before = target.read_bytes()
    result = cli.result("report", "--output", str(target))
    assert result.exit_code == 2 and "thư mục dữ liệu" in result.stderr
    assert target.read_bytes() == before
    assert cli.result("report", "--format", "pdf").exit_code == 2


def test_a_data_repository_can_override_templates(cli: Cli, data: Path, tmp_path: Path) -> None:
    (tmp_path / "templates" / "lang").mkdir(parents=True)
    wording = '{% set group = "TỔ CÔNG TÁC SỐ 3" %}\n{% set status = {"open": "Mới nêu"} %}\n'
    (tmp_path / "templates" / "lang" / "vi.j2").write_text(wording, "utf-8")
    cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "Thiếu kinh phí")
    report = cli("report")
    assert "**TỔ CÔNG TÁC SỐ 3**" in report and "| Mới nêu |" in report
    assert "Mới nêu" in cli("list")  # one wording: the terminal says it as the report does
    (tmp_path / "templates" / "report.md.j2").write_text("{{ r.no_such_field }}\n", "utf-8")
    result = cli.result("report")
    assert result.exit_code == 1 and "report.md.j2" in result.stderr and "no_such_field" in result.stderr


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Debian's chromium (CI installs it)")
def test_html_prints_on_a4_in_a_real_browser(cli: Cli, meeting: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert CHROMIUM, "CI must install chromium"
    html = tmp_path / "r.html"
    cli("report", "--format", "html", "--output", str(html), "--as-of", "2025-11-05")
    pdf = tmp_path / "r.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
         html.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    pages = PdfReader(pdf).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert sizes[0] == (595, 842)  # A4 portrait for the report
    assert (842, 595) in sizes  # the appendix in landscape
    text = "".join("".join(p.extract_text().split()) for p in pages)
    for expected in ("BÁOCÁO", "ngày05tháng11năm2025", "ChậmcấpGCNQSDđất", "PHỤLỤC", "Hoànthànhđúnghạn"):
        assert expected in text, expected


def test_a_departments_report_agrees_with_itself_about_supporting_roles(cli: Cli, data: Path) -> None:
    """Its grid, its list of overdue items and `list --dept X --overdue` count what it
    leads; what it supports is told apart, with its lead named."""
    cli("add-issue", "--commune", "van-an", "--dept", "TC", "--support", "NNMT", "--title", "Kinh phí đo đạc",
        "--raised-on", "2025-09-01", "--due", "2025-10-01", "--category", "dat-dai")  # fmt: skip
    cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "Hồ sơ đất", "--raised-on", "2025-09-01",
        "--due", "2025-12-01", "--category", "dat-dai")  # fmt: skip
    report = cli("report", "--dept", "NNMT", "--as-of", "2025-11-05")
    assert "| NNMT — Sở Nông nghiệp và Môi trường | 1 | 0 | 0 | 1 | 0 | 0 | 0 |" in report
    assert json.loads(cli("list", "--dept", "NNMT", "--overdue", "--as-of", "2025-11-05", "--format", "json")) == []
    problems = report.split("## II.")[1].split("## III.")[0]
    lead_part, support_part = problems.split("Do cơ quan khác chủ trì, NNMT phối hợp:")
    assert "VA-1" not in lead_part and "Không có." in lead_part
    assert "| 1 | VA-1 | Vạn An | Kinh phí đo đạc | TC | 01/10/2025 | 35 | Chưa xử lý |" in support_part
    groups = report.split("### 2. Các nhóm vướng mắc")[1].split("## II.")[0]
    assert "| Đất đai, cấp giấy chứng nhận, hồ sơ địa chính | 1 | 1 |" in groups  # as many as the grid counts
    appendix = report.split("## PHỤ LỤC")[1]
    assert "| 1 | VA-1 | Vạn An | Kinh phí đo đạc | Phối hợp | TC | NNMT | 01/10/2025 |" in appendix


def test_the_result_column_shows_the_reply_document(cli: Cli, meeting: Path, tmp_path: Path) -> None:
    """The document that proves a result, recorded with `--doc` (or a returned form),
    is in the result column of every format, worded as `show` words it."""
    import docx

    doc = "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"
    cli("update", "VA-3", "--status", "in_progress", "--doc", "Số 7/SNV ngày 01/11/2025")
    cli("close", "VA-3", "--resolution", "Đã bổ sung 1 công chức", "--doc", doc)
    assert f"| Đã bổ sung 1 công chức (Văn bản: {doc}) |" in cli("report", "--as-of", "2025-11-05")
    assert f"| Đã bổ sung 1 công chức (document: {doc}) |" in cli("--lang", "en", "report", "--as-of", "2025-11-05")
    cli("report", "--as-of", "2025-11-05", "--format", "html", "--output", str(tmp_path / "r.html"))
    assert f"<td>Đã bổ sung 1 công chức (Văn bản: {doc})</td>" in (tmp_path / "r.html").read_text("utf-8")
    cli("report", "--as-of", "2025-11-05", "--format", "docx", "--output", str(tmp_path / "r.docx"))
    cells = {c.text for t in docx.Document(str(tmp_path / "r.docx")).tables for row in t.rows for c in row.cells}
    assert f"Đã bổ sung 1 công chức (Văn bản: {doc})" in cells
    assert "Đã cấp 35 GCNQSD" in cells  # a result without a document reads as before


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_report_that_fails_half_way_prints_nothing(
    cli: Cli, meeting: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A report is written as it is made, to a file aside; on a screen it is made whole
    first: one that fails half way (here, at the overdue list, after the grid and
    its headings) prints nothing but the error, and a file given is not left."""
    import jinja2

    from tracker.formats import rows

    made = rows.writers

    def failing(kind: str, ctx: object) -> dict[str, object]:
        given = made(kind, ctx)  # type: ignore[arg-type]

        def broken(*args: object, **kwargs: object) -> str:
            raise jinja2.TemplateError("hỏng")

        return {**given, "table_rows": broken, "issue_table": broken}

    monkeypatch.setattr(rows, "writers", failing)
    result = cli.result("report", "--format", fmt)
    assert result.exit_code == 1 and result.stdout == ""
    assert "report." + fmt + ".j2" in result.stderr and "hỏng" in result.stderr
    target = meeting.parent / f"r.{fmt}"
    assert cli.result("report", "--format", fmt, "--output", str(target)).exit_code == 1
    assert not target.exists() and not list(meeting.parent.glob(".r.*"))


def test_a_report_for_several_departments_names_them_with_a_comma_and_a_space(cli: Cli, meeting: Path) -> None:
    out = cli("report", "--dept", "NNMT", "--dept", "TC")
    assert "(NNMT), Sở Tài chính (TC)." in out
