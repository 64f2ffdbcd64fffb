"""cache/queries.py: what the SQL selects, before the caller's own filter."""

from datetime import date, timedelta
from pathlib import Path

from tracker import reporting, timeline
from tracker.cache import IssueRow, PastRow, queries
from tracker.cache import db as cachedb
from tracker.enums import IssueStatus
from tracker.models import Issue
from tracker.ops.workspace import Workspace
from tracker.text import fold


def test_the_pre_filter_selects_by_department_overdue_and_search(filled: Path) -> None:
    index = Workspace(filled).index()
    ids = lambda where: sorted(r.id for r in queries.issue_rows(index, where))  # noqa: E731
    assert ids(queries.Where()) == ["TN-1", "VA-1", "VA-2", "VA-3"]
    assert ids(queries.Where(depts=["TC"])) == ["VA-3"]
    assert ids(queries.Where(depts=["TC"], with_support=True)) == ["VA-1", "VA-3"]
    assert ids(queries.Where(overdue_as_of=date(2025, 10, 20))) == ["VA-1"]
    assert ids(queries.Where(search="lien thong")) == ["TN-1"]
    assert ids(queries.Where(file="van-an.yaml", undated=True)) == ["VA-3"]


def test_every_issue_read_in_one_piece_a_file_is_what_the_columns_say(filled: Path) -> None:
    """A read of every issue (the whole report, the site) takes each file's rows in one
    piece (`file_issues`): the same rows as read column by column, kept in step as a
    file changes or goes, and a damaged piece makes the cache again."""
    index = Workspace(filled).index()
    statuses = [s.value for s in IssueStatus]  # selects all, but column by column

    def both(file: str | None = None) -> tuple[list[IssueRow], list[IssueRow]]:
        whole = queries.issue_rows(index, queries.Where(file=file, with_support=True))
        columns = queries.issue_rows(index, queries.Where(file=file, statuses=statuses))
        return sorted(whole, key=lambda r: r.id), sorted(columns, key=lambda r: r.id)

    whole, columns = both()
    assert [r.id for r in whole] == ["TN-1", "VA-1", "VA-2", "VA-3"] and whole == columns
    assert both("van-an.yaml")[0] == both("van-an.yaml")[1] == [r for r in whole if r.id.startswith("VA")]
    index.db.execute("INSERT INTO memo VALUES ('mark', '')")  # gone if the cache is made again
    index.db.commit()
    kept = lambda: index.db.execute("SELECT 1 FROM memo WHERE key = 'mark'").fetchone() is not None  # noqa: E731
    path = filled / "communes" / "van-an.yaml"
    title = next(r.title for r in whole if r.id == "VA-1")
    path.write_text(path.read_text("utf-8").replace(title, "Tiêu đề đã sửa", 1), "utf-8")
    index.refresh()
    whole, columns = both()
    assert whole == columns and {r.id: r.title for r in whole}["VA-1"] == "Tiêu đề đã sửa" and kept()
    (filled / "communes" / "thien-nhan.yaml").unlink()
    index.refresh()
    assert index.db.execute("SELECT file FROM file_issues").fetchall() == [("van-an.yaml",)]  # no piece left behind
    whole, columns = both()
    assert [r.id for r in whole] == ["VA-1", "VA-2", "VA-3"] and whole == columns and kept()
    index.db.execute('UPDATE file_issues SET rows = \'[["van-an.yaml", "VA-1"]]\'')  # tampered with
    index.db.commit()
    assert sorted(r.id for r in queries.issue_rows(index, queries.Where())) == ["VA-1", "VA-2", "VA-3"]
    assert not kept()  # made again


def test_a_search_by_the_trigram_index_finds_what_instr_finds(filled: Path) -> None:
    """A search of three characters or more reads the trigram index, then checks each
    row it proposes: every trigram of "xyzw" is in "xyz ... yzw", which does not hold it.
    The index is kept in step as a file changes, goes, and the cache is made again."""
    index = Workspace(filled).index()
    assert cachedb.has_search(index.db)  # the SQLite tests run on has FTS5 and trigrams
    path = filled / "communes" / "van-an.yaml"
    title = next(r.title for r in queries.issue_rows(index, queries.Where()) if r.id == "VA-1")
    path.write_text(path.read_text("utf-8").replace(title, "Đường xyz và cầu yzw 50%", 1), "utf-8")
    index.refresh()

    def found(term: str) -> tuple[list[str], list[str]]:
        # FTS5's own check of the index against the text it indexes (rank 1: the content table too)
        index.db.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
        by_index = sorted(r.id for r in queries.issue_rows(index, queries.Where(search=term)))
        scan = "SELECT r.id FROM records r JOIN record_search s ON s.rowid = r.rowid WHERE section = 'issues' " \
               "AND instr(s.search, ?) > 0"  # fmt: skip
        return by_index, sorted(i for (i,) in index.db.execute(scan, (fold(term),)))

    terms = ["xyzw", "XYZ VÀ", "cầu y", "yzw", "Đất", "dat", "zw", "0%", "_", "liên thông", "không có ở đâu"]
    for term in terms:
        assert found(term)[0] == found(term)[1], term
    assert found("xyzw")[0] == [] and found("Cầu Yzw")[0] == ["VA-1"]
    path.write_text(path.read_text("utf-8").replace("cầu yzw", "cống", 1), "utf-8")
    index.refresh()
    assert found("cau yzw") == ([], []) and found("va cong")[0] == ["VA-1"]
    (filled / "communes" / "thien-nhan.yaml").unlink()
    index.refresh()
    assert found("lien thong") == ([], [])
    index.wipe()
    index.refresh()
    assert found("va cong")[0] == ["VA-1"] and found("xyz")[0] == ["VA-1"]
    index.db.execute("DROP TABLE search_index")  # an SQLite without FTS5 or trigrams: every text scanned
    path.write_text(path.read_text("utf-8").replace("cống", "kè", 1), "utf-8")
    index.refresh()
    assert [r.id for r in queries.issue_rows(index, queries.Where(search="Và Kè"))] == ["VA-1"]


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


def test_whole_records_are_kept_for_the_last_few_queries_only(filled: Path) -> None:
    """The site reads each commune's records once: keeping every query's would hold
    every record of the country validated at once (890 MB on L). The last ones read,
    a period's issues and plan items, stay kept."""
    index = Workspace(filled).index()
    for statuses in ([], ["open"], ["resolved"]):
        for file in ("van-an.yaml", "thien-nhan.yaml"):
            for section in ("issues", "action_plan"):
                queries.full_rows(index, section, queries.Where(file=file, statuses=statuses))
    kept = [args for _, _, args in index.records_memo]
    assert len(kept) == 4  # of the 12 read
    assert kept[-2:] == [("issues", "thien-nhan.yaml", "resolved"), ("action_plan", "thien-nhan.yaml", "resolved")]


# Issues whose past is hard to read back: raised after the cut-off, reopened, passed to
# another lead, given new deadlines (one approved after the cut-off), a status set by
# an entry dated after the cut-off, resolved by hand (late, or on a day before the entry
# that says so), told by an old-style line, never dated at all.
TRICKY = """
issues:
- id: VA-1
  title: Raised after the cut-off
  dept: NNMT
  raised_on: 2026-01-08
  due: 2026-01-20
  history:
  - {date: 2026-01-08, by: A, status: open}
- id: VA-2
  title: Reopened, then resolved again
  dept: NV
  status: resolved
  raised_on: 2025-09-01
  due: 2025-11-30
  resolution: Xong lần hai
  resolved_on: 2026-01-10
  history:
  - {date: 2025-09-01, by: A, status: open}
  - {date: 2025-10-10, by: A, status: resolved, was: {status: open, resolution: null, resolved_on: null}}
  - {date: 2025-11-05, by: A, status: open, was: {status: resolved, resolution: Xong, resolved_on: 2025-10-10}}
  - {date: 2026-01-10, by: A, status: resolved, was: {status: open, resolution: null, resolved_on: null}}
- id: VA-3
  title: Passed to another lead
  dept: NV
  status: in_progress
  raised_on: 2025-09-15
  due: 2025-10-31
  history:
  - {date: 2025-09-15, by: A, status: open}
  - {date: 2026-01-05, by: A, status: in_progress, was: {dept: TC, status: open}}
- id: VA-4
  title: Given new deadlines, the second approved after the cut-off
  dept: TC
  status: in_progress
  raised_on: 2025-09-10
  due: 2026-03-31
  extensions:
  - {to: 2025-12-15, reason: Chờ vốn, requested_on: 2025-10-20, previous: 2025-10-31, status: approved,
     decided_on: 2025-10-25, decided_by: B}
  - {to: 2026-03-31, reason: Chờ vốn, requested_on: 2025-12-10, previous: 2025-12-15, status: approved,
     decided_on: 2026-01-05, decided_by: B}
  - {to: 2026-06-30, reason: Chờ vốn, requested_on: 2026-01-20, previous: 2026-03-31}
  history:
  - {date: 2025-09-10, by: A, status: open}
  - {date: 2025-10-20, by: A, status: open, extension: {status: pending, to: 2025-12-15}}
  - {date: 2025-10-25, by: B, status: in_progress, was: {status: open, due: 2025-10-31},
     extension: {status: approved, to: 2025-12-15}}
  - {date: 2025-12-10, by: A, status: in_progress, extension: {status: pending, to: 2026-03-31}}
  - {date: 2026-01-05, by: B, status: in_progress, was: {due: 2025-12-15},
     extension: {status: approved, to: 2026-03-31}}
  - {date: 2026-01-20, by: A, status: in_progress, extension: {status: pending, to: 2026-06-30}}
- id: VA-5
  title: Escalated after the cut-off
  dept: NNMT
  status: escalated
  raised_on: 2025-10-01
  due: 2025-12-01
  history:
  - {date: 2025-10-01, by: A, status: open}
  - {date: 2026-01-15, by: A, status: escalated, was: {status: open}}
- id: VA-6
  title: Resolved by hand after the cut-off, no entry
  dept: NNMT
  status: resolved
  raised_on: 2025-08-01
  due: 2025-12-31
  resolution: Xong
  resolved_on: 2026-01-03
- id: VA-7
  title: Resolved before the cut-off, written down after it
  dept: TC
  status: resolved
  raised_on: 2025-08-15
  due: 2025-12-15
  resolution: Xong
  resolved_on: 2025-12-20
  history:
  - {date: 2025-08-15, by: A, status: open}
  - {date: 2026-01-03, by: A, status: resolved, was: {status: open, due: 2025-11-30, resolution: null,
     resolved_on: null}}
- id: VA-8
  title: Told by an old-style line, then dropped
  dept: NV
  status: dropped
  due: 2025-12-20
  history:
  - {date: 2025-09-05, by: A}
  - {date: 2025-11-10, by: A, changed: "due: 2025-11-15 → 2025-12-20"}
  - {date: 2026-01-12, by: A, status: dropped, was: {status: open}}
- id: VA-9
  title: Never dated
  dept: TC
"""


def _tricky(data: Path) -> Workspace:
    path = data / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").split("issues:", 1)[0].rstrip() + "\n" + TRICKY, "utf-8")
    return Workspace(data)


def test_the_rows_of_each_stretch_of_days_count_as_the_records_rolled_back(data: Path) -> None:
    """Every day from before the first record to after the last change: the grid and
    the rows a period's movement reads, from the cache's rows of `past`, are those of
    the whole records rolled back to that day (timeline.as_of)."""
    ws = _tricky(data)
    index = ws.index()
    records = [f.record for f in queries.full_rows(index, "issues", queries.Where()) if isinstance(f.record, Issue)]
    assert len(records) == 9 and queries.past_kept(index)
    order, bounds = list(ws.department_names()), ws.policy().ages
    day = date(2025, 7, 1)
    while day <= date(2026, 7, 31):
        past = [p for p in (timeline.as_of(rec, day) for rec in records) if isinstance(p, Issue)]
        expected = sorted((PastRow.of(p) for p in past), key=repr)
        assert sorted(queries.past_rows(index, day), key=repr) == expected, day
        want = reporting.stats(past, day, order)
        got = reporting.stats_of(queries.past_grids(index, day), order, queries.past_ages(index, day, bounds))
        assert got == want, day
        day += timedelta(days=1)
    # what the rows are for: a past day's figures that differ from today's
    cutoff = date(2025, 12, 31)
    rows = {r.raised: r for r in queries.past_rows(index, cutoff)}  # by the day each was raised
    assert len(rows) == 8 and date(2026, 1, 8) not in rows  # raised after it
    assert (rows[date(2025, 9, 1)].status, rows[date(2025, 9, 1)].resolved_on) == ("open", None)  # reopened
    assert rows[date(2025, 9, 15)].dept == "TC"  # its lead then
    assert (rows[date(2025, 9, 10)].due, rows[date(2025, 9, 10)].approved) == (
        date(2025, 12, 15),
        (date(2025, 10, 25),),
    )
    assert rows[date(2025, 10, 1)].status == rows[date(2025, 8, 1)].status == "open"  # escalated, resolved later
    late = rows[date(2025, 8, 15)]
    assert (late.status, late.resolved_on, late.due) == ("resolved", date(2025, 12, 20), date(2025, 12, 15))
    assert rows[date(2025, 9, 5)].due == date(2025, 12, 20) and rows[None].status == "open"
