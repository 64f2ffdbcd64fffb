"""Word: the report read back with python-docx."""

import io

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.formats import Context
from tracker.formats.docx import FORMAT
from tracker.formats.docx_page import Page, run_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_the_report_has_the_motto_the_grid_and_the_items(vi: Context) -> None:
    from docx import Document

    model = reporting.build([issue_row()], [], AS_OF, {"NNMT": "Sở NN"}, {})
    out = FORMAT.render(model, vi)
    assert isinstance(out, bytes)
    doc = Document(io.BytesIO(out))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc") for c in cells)
    assert "Chưa hoàn thành, quá hạn" in cells and "Chậm cấp GCNQSD đất" in cells
    assert any(p.text.startswith("1. Vướng mắc đến hạn trong 30 ngày tới") for p in doc.paragraphs)


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
