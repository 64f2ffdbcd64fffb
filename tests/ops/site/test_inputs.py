"""ops/site/inputs.py: what each gathering page is made from: a note added changes
none of it, a change of a shown field does."""

import dataclasses
from datetime import date
from pathlib import Path

from tracker.cache import queries
from tracker.ops.site import inputs
from tracker.ops.workspace import Workspace

AS_OF = date(2025, 10, 20)


def test_an_issues_brief_changes_with_what_the_pages_show_and_says_if_it_is_late(filled: Path) -> None:
    rows = queries.issue_rows(Workspace(filled).index(), queries.Where())
    briefs = inputs.briefs(rows, AS_OF)
    first = briefs["van-an.yaml"]["VA-1"]
    assert first.late and first.depts == ("NNMT", "TC")
    assert not briefs["van-an.yaml"]["VA-2"].late
    row = next(r for r in rows if r.id == "VA-1")
    noted = dataclasses.replace(row, last_update=date(2025, 10, 19))  # a note: the pages do not show it
    assert inputs.briefs([noted], AS_OF)["van-an.yaml"]["VA-1"] == first
    moved = dataclasses.replace(row, due=date(2025, 12, 1))
    assert inputs.briefs([moved], AS_OF)["van-an.yaml"]["VA-1"].shown != first.shown
