"""Word files as an office prints them (#32.1): "Nơi nhận" and the signature stay with
the end of the text, never alone on a page, and the pages are numbered from the second
at the top centre (Decree 30/2020). Read back with python-docx, and printed through
LibreOffice Writer to count what the signature's page holds.

Each kind of file (a department's report, the all-department report, a department's
letter with 2 items, a commune's letter) is made in several lengths, so that in one of
them the text ends near the foot of a page: where a signature without "keep with next"
would be pushed onto a page of its own."""

import io
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.formats.conftest import issue_row
from tests.test_print import SOFFICE, _lines, needs_office
from tracker import reporting
from tracker.formats import Context
from tracker.formats.docx import render_letter, render_report
from tracker.results import Contact, Digest, DigestItem
from tracker.wording import VI, labels

AS_OF = date(2025, 11, 5)
LONG = "Chậm cấp đổi giấy chứng nhận quyền sử dụng đất cho hộ gia đình do hồ sơ địa chính cũ, bản đồ sai lệch"
DEPTS = {"NNMT": "Sở Nông nghiệp và Môi trường", "TC": "Sở Tài chính", "NV": "Sở Nội vụ"}


def _report(n: int, depts: list[str] | None) -> bytes:
    rows = [issue_row(f"VA-{k}", title=f"{LONG} ({k})", due=AS_OF - timedelta(days=10 + k))
            for k in range(1, n + 1)]  # fmt: skip
    if not depts:  # every department: each its share
        codes = list(DEPTS)
        rows = [replace(r, dept=codes[k % 3]) for k, r in enumerate(rows)]
    model = reporting.build(rows, [], AS_OF, DEPTS, {}, depts=depts)
    model.signer = "Nguyễn Văn Đệ"
    return render_report(model, Context("vi", labels("vi")))


def _letter(n: int, audience: str) -> bytes:
    if audience == "dept":
        to = Contact("TC", "Sở Tài chính", head="Giám đốc Sở Tài chính")
    else:
        to = Contact("van-an", "Vạn An", kind="xa")
    title = (LONG + " và các thủ tục liên quan" * 3)[: 20 + 16 * n]
    items = [DigestItem(f"VA-{k}", "Vạn An", "van-an", title, AS_OF - timedelta(days=20),
                        "overdue", 20, date(2025, 9, 20), 1, False, "TC", "open")
             for k in (1, 2)]  # fmt: skip
    digest = Digest(audience, to, items, [], AS_OF, 14, 30, "…/TCT2-ĐĐ", "Nguyễn Văn Đệ")
    return render_letter(digest, Context("vi", labels("vi")))


# Each kind of file, in lengths that take its end across the foot of its first or second page.
KINDS = {
    "report-NNMT": [(_report, (n, ["NNMT"])) for n in range(4, 14)],
    "report-all": [(_report, (n, None)) for n in range(4, 14)],
    "letter-dept": [(_letter, (n, "dept")) for n in range(2, 10)],
    "letter-commune": [(_letter, (n, "commune")) for n in range(2, 10)],
}


def _pdfs(tmp_path: Path, files: dict[str, bytes]) -> dict[str, list[list[str]]]:
    """Every file printed by one LibreOffice run: its pages' lines."""
    assert SOFFICE, "CI must install LibreOffice"
    for name, content in files.items():
        (tmp_path / f"{name}.docx").write_bytes(content)
    command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
               "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
               *(str(tmp_path / f"{name}.docx") for name in files)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    return {name: _lines(tmp_path / "pdf" / f"{name}.pdf") for name in files}


def _signature_page(pages: list[list[str]]) -> tuple[int, list[str]]:
    """The page that holds "Nơi nhận:" (its number from 1), and its lines above it,
    the page number at its head left out."""
    for number, page in enumerate(pages, 1):
        if VI["recipients"] in page:
            above = page[: page.index(VI["recipients"])]
            return number, above[1:] if number > 1 and above and above[0] == str(number) else above
    raise AssertionError("no 'Nơi nhận:' in the document")


@needs_office
@pytest.mark.parametrize("kind", list(KINDS))
def test_the_signature_is_never_alone_on_a_page(kind: str, tmp_path: Path) -> None:
    files = {f"{kind}-{n}": make(*args) for n, (make, args) in enumerate(KINDS[kind])}
    printed = _pdfs(tmp_path, files)
    pages_seen = set()
    for name, pages in printed.items():
        number, above = _signature_page(pages)
        pages_seen.add(number)
        # More than the signature: the end of the body (its last sentence or the last row of its
        # table) is on the signature's page, and the signature block is whole there.
        assert above, f"{name}: page {number} holds only 'Nơi nhận' and the signature"
        page = pages[number - 1]
        assert VI["signer_for"] in page and "Nguyễn Văn Đệ" in page, f"{name}: the signature is split"
    assert len(pages_seen) > 1, "the lengths must take the signature from one page to the next"
    for name, pages in printed.items():
        for later in range(1, len(pages)):  # every page after the first starts with its number
            assert pages[later][0] == str(later + 1), f"{name}: page {later + 1} has no number at its head"
        assert pages[0][0] != "1", f"{name}: the first page is not numbered"


def _keeps(paragraph) -> bool:  # type: ignore[no-untyped-def]
    return bool(paragraph.paragraph_format.keep_with_next)


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_end_keeps_with_the_signature_and_pages_are_numbered_from_the_second(kind: str) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    make, args = KINDS[kind][0]
    doc = Document(io.BytesIO(make(*args)))
    first = doc.sections[0]
    assert first.different_first_page_header_footer  # the first page has a header of its own …
    assert not "".join(p.text for p in first.first_page_header.paragraphs).strip()  # … and it is empty
    head = first.header.paragraphs[0]
    assert head.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in head._p.iter(qn("w:instrText")))  # the page number, a field
    for section in doc.sections[1:]:  # the appendix's landscape pages are numbered too, from their first
        assert not section.different_first_page_header_footer and section.header.is_linked_to_previous
    signature = next(t for t in doc.tables if VI["recipients"] in t.cell(0, 0).text)
    row = signature.rows[0]._tr
    assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None  # the row never splits
    assert all(_keeps(p) for cell in signature.rows[0].cells for p in cell.paragraphs)  # kept with next
    # What comes before it keeps with it: the last paragraph, else the last table's last row.
    body = list(doc.element.body.iterchildren())
    before = body[body.index(signature._tbl) - 1]
    if before.tag == qn("w:p"):
        assert before.pPr is not None and before.pPr.keepNext is not None
        before = body[body.index(before) - 1]
    if before.tag == qn("w:tbl"):
        last, *others = reversed(before.findall(qn("w:tr")))
        assert all(p.pPr is not None and p.pPr.keepNext is not None for p in last.iter(qn("w:p")))
        if len(others) > 1:  # the row before it does not (the first row is the heading row, always kept)
            assert all(p.pPr is None or p.pPr.keepNext is None for p in others[0].iter(qn("w:p")))


def test_only_the_row_before_the_signature_keeps_with_what_follows() -> None:
    """A table kept whole would leave half a page empty before it: of the data rows,
    only the last row of the table before the signature keeps with what follows (a
    heading row keeps with the first row under it, in every table)."""
    from docx import Document
    from docx.oxml.ns import qn

    def kept(row) -> bool:  # type: ignore[no-untyped-def]
        return any(p.pPr is not None and p.pPr.keepNext is not None for p in row.iter(qn("w:p")))

    doc = Document(io.BytesIO(_letter(3, "dept")))
    data = [(t, r) for t in doc.tables[1:-1] for r in t._tbl.findall(qn("w:tr"))[1:]]  # the head, the signature
    assert len(data) == 2 and [kept(r) for _, r in data] == [False, True]
    assert all(kept(t._tbl.findall(qn("w:tr"))[0]) for t in doc.tables[1:-1])
