"""ops.reports: the report model and the grid, counted alike."""

from datetime import date

from tracker.ops import reports
from tracker.ops.workspace import Workspace
from tracker.query import Filter


def test_a_departments_report_lists_what_it_supports_and_counts_what_it_leads(filled_ws: Workspace) -> None:
    model = reports.report(filled_ws, Filter(depts=["TC"], as_of=date(2025, 10, 20)))
    (part,) = model.grid
    assert part.code == "TC" and part.grid["total"] == 1 and part.supporting == 1
    listed = sorted(i.issue.id for g in part.groups for i in g.items)
    assert listed == ["VA-1", "VA-3"]  # VA-1 led by NNMT, supported by TC
    stats = reports.stats(filled_ws, date(2025, 10, 20))
    assert {k: v for k, v in stats["departments"]["TC"].items() if k in part.grid} == part.grid
