"""cache/queries.py: what the SQL selects, before the caller's own filter."""

from datetime import date
from pathlib import Path

from tracker.cache import queries
from tracker.ops.workspace import Workspace


def test_the_pre_filter_selects_by_department_overdue_and_search(filled: Path) -> None:
    index = Workspace(filled).index()
    ids = lambda where: sorted(r.id for r in queries.issue_rows(index, where))  # noqa: E731
    assert ids(queries.Where()) == ["TN-1", "VA-1", "VA-2", "VA-3"]
    assert ids(queries.Where(depts=["TC"])) == ["VA-3"]
    assert ids(queries.Where(depts=["TC"], with_support=True)) == ["VA-1", "VA-3"]
    assert ids(queries.Where(overdue_as_of=date(2025, 10, 20))) == ["VA-1"]
    assert ids(queries.Where(search="lien thong")) == ["TN-1"]
    assert ids(queries.Where(file="van-an.yaml", undated=True)) == ["VA-3"]


def test_the_grid_and_the_counts_of_plans(filled: Path) -> None:
    index = Workspace(filled).index()
    grids = queries.grids(index, date(2025, 10, 20))
    assert grids["NNMT"]["open_overdue"] == 1 and grids["TC"]["open_undated"] == 1
    assert queries.counts(index)[:2] == (2, 4)  # communes, issues
    (plan,) = queries.plan_counts(index, date(2025, 10, 20))
    assert (plan.items, plan.done) == (1, 0)


def test_whole_records_read_twice_are_the_same_until_a_file_changes(filled: Path) -> None:
    """A period's report reads the same records for several days: read once, and never
    the old ones once their file changed and the cache was brought up to date."""
    index = Workspace(filled).index()
    where = queries.Where(file="van-an.yaml")
    first = queries.full_rows(index, "issues", where)
    again = queries.full_rows(index, "issues", where)
    assert [f.record for f in again] == [f.record for f in first] and again is not first
    path = filled / "communes" / "van-an.yaml"
    text = path.read_text("utf-8")
    title = next(f.record.title for f in first if f.record.id == "VA-1")
    path.write_text(text.replace(title, "Tiêu đề đã sửa", 1), "utf-8")
    index.refresh()
    after = {f.record.id: f.record.title for f in queries.full_rows(index, "issues", where)}
    assert after["VA-1"] == "Tiêu đề đã sửa"
