"""ops.listing: the rows a table, an export and a grid read, today and back-dated."""

from dataclasses import replace
from datetime import date

import pytest

from tracker import reporting
from tracker.cache import IssueRow, Stored
from tracker.ops import listing
from tracker.ops.workspace import Workspace
from tracker.query import Filter


def test_tables_get_brief_rows_and_exports_whole_records(filled_ws: Workspace) -> None:
    brief = listing.list_issues(filled_ws, Filter(depts=["NNMT"]))
    whole = list(listing.stored_issues(filled_ws, Filter(depts=["NNMT"])))
    assert [type(r) for r in brief] == [IssueRow] and [type(r) for r in whole] == [Stored]
    assert [r.id for r in brief] == [r.id for r in whole] == ["VA-1"]
    assert whole[0].data["history"][0]["note"] == "Tạo mới"


@pytest.mark.parametrize("as_of", [date(2025, 10, 20), date(2025, 9, 25)], ids=["today", "back-dated"])
@pytest.mark.parametrize(
    "flt, commune",
    [
        (Filter(), None),
        (Filter(depts=["NNMT"]), None),
        (Filter(depts=["TC"], with_support=True), None),
        (Filter(statuses=["open"], overdue=True), None),
        (Filter(categories=["dat-dai"]), None),
        (Filter(search="cong chuc"), None),
        (Filter(), "Vạn An"),
    ],
)
def test_the_grid_the_cache_counts_is_the_grid_of_the_rows_listed(
    filled_ws: Workspace, flt: Filter, commune: str | None, as_of: date
) -> None:
    flt = replace(flt, as_of=as_of)
    rows = listing.list_issues(filled_ws, flt, commune)
    grid = listing.issue_grid(filled_ws, flt, commune)
    assert grid == reporting.stats(rows, as_of, list(filled_ws.department_names()))
    assert grid["total"]["total"] == len(rows)
