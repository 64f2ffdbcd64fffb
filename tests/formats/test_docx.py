"""Word: the report read back with python-docx."""

import io

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.formats import Context
from tracker.formats.docx import FORMAT


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
