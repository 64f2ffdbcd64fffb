"""cache/parse.py: a commune file as the cache stores it."""

from pathlib import Path

from tracker.cache import db
from tracker.cache.parse import parse_file
from tracker.ops.workspace import Workspace


def _parsed(filled: Path, name: str = "van-an.yaml"):  # type: ignore[no-untyped-def]
    path = filled / "communes" / name
    return parse_file(name, str(path), path.read_bytes(), Workspace(filled).registry(), path.read_bytes)


def test_a_file_gives_one_row_a_record_each_as_wide_as_the_table(filled: Path) -> None:
    parsed = _parsed(filled)
    assert [r[3] for r in parsed.records] == ["VA-1", "VA-2", "VA-3", "VA-KH1"]
    # its columns, then its folded text and its JSON, which go to tables of their own
    assert {len(r) for r in parsed.records} == {db.RECORD_COLUMNS + 2}
    assert parsed.header[:3] == (1, "17950", "Vạn An") and parsed.problems == "[]"
    # the departments VA-1 involves, lead and supporting; the issue a plan item addresses
    assert [(code, pos) for code, _, pos in parsed.involved if pos == 0] == [("NNMT", 0), ("TC", 0)]
    assert [(plan, issue) for _, plan, issue, _ in parsed.refs] == [("VA-KH1", "VA-1")]


def test_a_file_that_does_not_read_gives_its_problems_and_no_rows(filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("dept: NNMT", "dept: [NNMT"), "utf-8")
    parsed = _parsed(filled)
    assert parsed.records == [] and parsed.header[0] == 0
    assert "a ',' or ']' is missing" in parsed.problems  # located, in both languages


def test_each_issue_gives_a_row_for_each_stretch_of_days_it_stood_the_same(filled: Path) -> None:
    """VA-1 was raised on 2025-09-20 and has not changed since: one row, from that day on;
    a record its history cannot roll back leaves its file's rows of `past` out, to be
    counted from the records (which then say what is wrong)."""
    parsed = _parsed(filled)
    first = [r for r in parsed.past if r[1] == 0]
    assert [(since, until, dept, status) for _, _, since, until, dept, status, *_ in first] == [
        ("2025-09-20", None, "NNMT", "open")
    ]
    assert parsed.header[-1] == 1 and {r[1] for r in parsed.past} == {0, 1, 2}  # the issues, not the plan item
    path = filled / "communes" / "van-an.yaml"
    text = path.read_text("utf-8")
    at = text.index("  history:\n", text.index("id: VA-1"))
    path.write_text(text[:at] + "  history:\n  - {date: 2025-12-01, by: A, was: {status: nonsense}}\n" +
                    text[at + len("  history:\n"):], "utf-8")  # fmt: skip
    parsed = _parsed(filled)
    assert len(parsed.records) == 4 and parsed.past == [] and parsed.header[-1] == 0
