"""tracker.formats.docx_page: a Word page as Vietnamese offices send them (Decree 30/2020)."""

import io
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tracker.formats import Context
from tracker.formats.docx_page import FONT, Page, run_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _page(ctx: Context) -> Page:
    page = Page(ctx.labels, "Tổ công tác số 2", "Báo cáo tháng 10")
    page.head("15/BC-TCT2", date(2026, 2, 5), subject="đôn đốc giải quyết vướng mắc")
    page.para("Nội dung")
    return page


def test_a4_with_decree_30s_margins_times_new_roman_13_in_vietnamese(vi: Context) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document(io.BytesIO(_page(vi).bytes()))
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin, section.top_margin)
    assert [round(s.mm) for s in sizes] == [210, 297, 30, 15, 20]  # type: ignore[union-attr]
    normal = doc.styles["Normal"]
    assert (normal.font.name, normal.font.size) == (FONT, Pt(13))
    assert doc.core_properties.language == "vi-VN" and doc.core_properties.author == "Tổ công tác số 2"


def test_the_head_has_the_number_the_subject_the_motto_and_the_date(vi: Context) -> None:
    from docx import Document

    doc = Document(io.BytesIO(_page(vi).bytes()))
    left, right = (cell.text for cell in doc.tables[0].rows[0].cells)
    assert "Số: 15/BC-TCT2" in left and "V/v đôn đốc giải quyết vướng mắc" in left
    assert right.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc")
    assert right.endswith("Nghệ An, ngày 05 tháng 02 năm 2026")


def test_pages_are_numbered_from_the_second_at_the_top(vi: Context) -> None:
    from docx import Document

    section = Document(io.BytesIO(_page(vi).bytes())).sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


# Any text a record may hold: no control character but tab and line ends, no surrogate.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters=[*map(chr, range(9)), "\x0b", "\x0c",
                *map(chr, range(14, 32)), "\ufffe", "\uffff"]))  # fmt: skip


@given(_TEXT)
@example(" hai đầu ")
@example("dòng 1\ndòng 2\tcột")
@example("\xa0nbsp")
@example("& < > \" '")
@example("")
def test_a_cell_is_written_as_python_docx_writes_it(text: str) -> None:
    """The rows of a table are written as text (formats/docx_page.py): each cell's run must be
    what python-docx's `run.text = text` makes, spaces, tabs, line breaks and all."""
    from docx import Document
    from lxml import etree

    theirs = Document().add_paragraph().add_run()
    theirs.text = text
    ours = etree.fromstring(f'<w:r xmlns:w="{_W}">'.encode() + run_text(text) + b"</w:r>")
    assert etree.tostring(ours, method="c14n", exclusive=True) == etree.tostring(
        theirs._r, method="c14n", exclusive=True
    )


def test_a_cell_no_xml_may_hold_is_refused_not_written() -> None:
    with pytest.raises(ValueError):
        run_text("a\x01b")


def test_every_row_of_a_long_table_is_in_the_document(vi: Context) -> None:
    from docx import Document

    page = Page(vi.labels, "Tổ công tác số 2", "Thử")
    page.table(["STT", "Nội dung"], ([n, f"Dòng {n}"] for n in range(1, 1201)), [20, 100])
    page.para("Sau bảng")
    page.table(["A", "B", "C"], [["x", "", None]])
    doc = Document(io.BytesIO(page.bytes()))
    first, second = doc.tables
    assert [[c.text for c in row.cells] for row in first.rows][:3] == [["STT", "Nội dung"], ["1", "Dòng 1"],
                                                                       ["2", "Dòng 2"]]  # fmt: skip
    assert len(first.rows) == 1201 and first.rows[-1].cells[1].text == "Dòng 1200"
    assert [[c.text for c in row.cells] for row in second.rows] == [["A", "B", "C"], ["x", "", ""]]
    assert [p.text for p in doc.paragraphs if p.text] == ["Sau bảng"]
