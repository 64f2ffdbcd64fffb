"""What officials receive, printed as they print it: the Word report through
LibreOffice Writer, the workbook through LibreOffice Calc, the HTML report through
Chromium's print to PDF; then checked on the PDFs' text (pypdf). CI installs both
programs; elsewhere these tests are skipped unless CI is set."""

import math
import os
import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.ops import communes, issues, links
from tracker.ops.workspace import Workspace
from tracker.wording import VI

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CI = bool(os.environ.get("CI"))
needs_office = pytest.mark.skipif(not SOFFICE and not CI, reason="needs LibreOffice (CI installs it)")
needs_chromium = pytest.mark.skipif(not CHROMIUM and not CI, reason="needs Chromium (CI installs it)")

TITLES = [
    "Chậm cấp đổi giấy chứng nhận quyền sử dụng đất cho hộ gia đình do hồ sơ địa chính cũ",
    "Thiếu công chức chuyên môn lĩnh vực đất đai, xây dựng sau sắp xếp",
    "Trụ sở làm việc chật hẹp, chưa có kinh phí sửa chữa",
    "Phần mềm một cửa điện tử thường xuyên lỗi, mất kết nối khi tiếp nhận hồ sơ",
    "Chưa có hướng dẫn chi phụ cấp kiêm nhiệm cho cán bộ, công chức xã",
    "Kinh phí khắc phục hậu quả thiên tai chưa được cấp",
]
DEPTS = ["NNMT", "NV", "TC", "KHCN", "NV", "TC"]


@pytest.fixture
def province(data: Path) -> Path:
    """Six communes, each with the same six obstacles (some overdue, some due soon),
    so that every part of the report runs over pages."""
    ws = Workspace(data)
    for name in ("Diễn Châu", "Quỳnh Lưu", "Hưng Nguyên Nam", "Anh Sơn Đông"):
        communes.add_commune(ws, name)
    raised = date(2025, 8, 1)
    for c, slug in enumerate(["van-an", "thien-nhan", "dien-chau", "quynh-luu", "hung-nguyen-nam", "anh-son-dong"]):
        for n, (title, dept) in enumerate(zip(TITLES, DEPTS, strict=True)):
            due = date(2025, 10, 1) + timedelta(days=20 * ((n + c) % 5))
            issues.add_issue(ws, slug, dept, title, raised_on=raised, due=due, category=None, support=["XD"],
                             description="Kết luận: đề nghị Sở chủ trì hướng dẫn, tháo gỡ trong quý IV.")  # fmt: skip
    links.link(ws, "VA-1", "TN-1")
    return data


def _lines(pdf: Path) -> list[list[str]]:
    """The text of each page, a line each, spaces made single."""
    from pypdf import PdfReader

    return [[re.sub(r"\s+", " ", line).strip() for line in page.extract_text().splitlines() if line.strip()]
            for page in PdfReader(pdf).pages]  # fmt: skip


HEADINGS = {VI[k] for k in ("results", "by_dept", "groups", "common", "problems", "next", "plans", "appendix")}


def _check_print(pages: list[list[str]], extra_headings: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    text = [line for page in pages for line in page]
    assert VI["motto_1"] in text, "the motto is on one line"
    assert f"{VI['number']} {VI['report_number']}" in text, "the document's number line"
    headings = HEADINGS | extra_headings
    for number, page in enumerate(pages[:-1], 1):
        assert page[-1] not in headings, f"page {number} ends with the heading {page[-1]!r}"


def _soffice(tmp_path: Path, source: Path) -> Path:
    assert SOFFICE, "CI must install LibreOffice"
    profile = (tmp_path / "lo-profile").as_uri()
    command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile}", "--convert-to", "pdf",
               "--outdir", str(tmp_path / "pdf"), str(source)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    return tmp_path / "pdf" / f"{source.stem}.pdf"


def _chromium(tmp_path: Path, source: Path) -> Path:
    assert CHROMIUM, "CI must install Chromium"
    pdf = tmp_path / f"{source.stem}.pdf"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                    source.as_uri()], check=True, capture_output=True, timeout=120)  # fmt: skip
    return pdf


@needs_chromium
def test_the_html_report_prints_as_an_office_signs_it(cli: Cli, province: Path, tmp_path: Path) -> None:
    cli("report", "--format", "html", "--output", str(tmp_path / "r.html"), "--as-of", "2025-11-05")
    pages = _lines(_chromium(tmp_path, tmp_path / "r.html"))
    assert len(pages) > 4
    _check_print(pages, {"NNMT — Sở Nông nghiệp và Môi trường", "NV — Sở Nội vụ", "TC — Sở Tài chính"})
    text = [line for page in pages for line in page]
    assert VI["recipients"] in text and VI["signer_for"] in text  # "Nơi nhận" and the signature block
    assert "Anh Sơn Đông" in " ".join(text).split(VI["appendix"])[1]  # a long name, unbroken, in the appendix


@needs_office
def test_the_word_report_prints_as_an_office_signs_it(cli: Cli, province: Path, tmp_path: Path) -> None:
    cli("report", "--format", "docx", "--output", str(tmp_path / "r.docx"), "--as-of", "2025-11-05")
    pdf = _soffice(tmp_path, tmp_path / "r.docx")
    pages = _lines(pdf)
    _check_print(pages, {"NNMT — Sở Nông nghiệp và Môi trường", "NV — Sở Nội vụ", "TC — Sở Tài chính"})
    text = [line for page in pages for line in page]
    assert any(line.startswith("Số:") for line in text[:12])
    assert VI["signer_title"] in text


@needs_office
def test_the_workbook_prints_in_as_few_pages_as_its_rows_need(cli: Cli, province: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    cli("export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"), "--as-of", "2025-11-05")
    pdf = _soffice(tmp_path, tmp_path / "x.xlsx")
    reader = PdfReader(pdf)
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages}
    assert sizes == {(842, 595)}  # A4 landscape, every page
    # 36 issues on 4 department sheets, one-line rows: the summary, and a page a sheet.
    assert len(reader.pages) <= 1 + 4
    pages = _lines(pdf)
    assert "Số liệu tính đến ngày 05/11/2025" in pages[0]  # on the summary itself
    for number, page in enumerate(pages, 1):
        assert page[1] == f"Số liệu tính đến ngày 05/11/2025 Trang {number} / {len(pages)}"  # the page's foot
    for page in pages[1:]:
        assert page[2].startswith("Mã Xã Nội dung vướng mắc")  # the heading row, on every page
    assert min(_sizes(pdf)) >= 9


def _sizes(pdf: Path) -> list[float]:
    """The printed size of each piece of text, in points: the font's size scaled by
    the text matrix and the transformation matrix (Calc scales a sheet fitted to the
    page's width with the latter)."""
    from pypdf import PdfReader

    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


@needs_office
def test_the_repositorys_workbook_reads_on_paper(cli: Cli, tmp_path: Path) -> None:
    """The repository's data (32 obstacles, 5 lead departments, every source a
    paragraph long): each sheet prints at 9 points or more, the long source and
    description off the page, so a department's sheet takes a page (it took 9 pages
    at 4.7 points when the source column set the rows' height)."""
    from pypdf import PdfReader

    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[1] / "data", data)
    cli("--data-dir", str(data), "export", "--format", "xlsx", "--output", str(tmp_path / "x.xlsx"),
        "--as-of", "2026-12-01")  # fmt: skip
    pdf = _soffice(tmp_path, tmp_path / "x.xlsx")
    assert len(PdfReader(pdf).pages) <= 1 + 5  # the summary and a page a department (measured: 6)
    assert min(_sizes(pdf)) >= 9  # measured: 10 on the summary, 11 on the departments' sheets
    text = " ".join(line for page in _lines(pdf) for line in page)
    assert "Nguồn" not in text and "nghean.gov.vn" not in text  # the source stays in the workbook
