"""ops.exchange: export's result, and an import of many files is all or nothing."""

from datetime import date
from pathlib import Path

import pytest

from tracker.errors import DataError
from tracker.ops import exchange
from tracker.ops.workspace import Workspace
from tracker.query import Filter


def test_export_holds_whole_records_and_their_grid(filled_ws: Workspace) -> None:
    result = exchange.export(filled_ws, Filter(as_of=date(2025, 10, 20)))
    assert [r.id for r in result.records] == ["TN-1", "VA-1", "VA-2", "VA-3"]
    assert result.grid["total"]["total"] == 4 and result.grid["departments"]["NNMT"]["open_overdue"] == 1


def test_a_sheet_with_one_bad_row_writes_no_file(filled_ws: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("commune,title,dept,due\nvan-an,Mới A,TC,\nthien-nhan,Mới B,XD,31/02/2026\n", "utf-8")
    before = {p.name: p.read_bytes() for p in filled_ws.data.communes_dir.glob("*.yaml")}
    with pytest.raises(DataError) as info:
        exchange.import_sheet(filled_ws, sheet, None, dry_run=False)
    assert [(p.line, p.field) for p in info.value.problems] == [(3, "due")]
    assert {p.name: p.read_bytes() for p in filled_ws.data.communes_dir.glob("*.yaml")} == before


def test_two_rows_with_one_title_are_one_issue(filled_ws: Workspace, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("commune,title,dept,owner\nvan-an,Trạm bơm,TC,\nvan-an,TRẠM BƠM,TC,Anh Tư\n", "utf-8")
    lines = exchange.import_sheet(filled_ws, sheet, None, dry_run=False).lines
    assert lines == ["+ VA-4 (Vạn An): Trạm bơm", "VA-4: Người chịu trách nhiệm: — → Anh Tư"]
