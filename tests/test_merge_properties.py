"""merging.py, property-based: whatever issues each side adds to one commune file, and
however their new issues are linked (`same_as`), a merge keeps every record once,
gives every ID once, and leaves every link naming an issue that names it back (#28.10)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.merging import merge
from tracker.models import CommuneFile, CommuneInfo, HistoryEntry, Issue

DAY = date(2025, 10, 20)


def _issue(n: int, title: str, links: list[int]) -> Issue:
    return Issue(id=f"VA-{n}", title=title, dept="NNMT", same_as=[f"VA-{m}" for m in links],
                 history=[HistoryEntry(date=DAY, by="A", status="open")])  # fmt: skip


def _side(base: list[Issue], name: str, count: int, pairs: list[tuple[int, int]]) -> CommuneFile:
    """`base` and `count` new issues (numbered after it), the pairs among them linked both ways."""
    start = len(base) + 1
    links: dict[int, list[int]] = {}
    for a, b in pairs:
        if a < count and b < count and a != b:
            links.setdefault(start + a, []).append(start + b)
            links.setdefault(start + b, []).append(start + a)
    new = [_issue(start + i, f"{name} {i}", sorted(set(links.get(start + i, [])))) for i in range(count)]
    return CommuneFile(commune=CommuneInfo(code="17950", name="Vạn An", prefix="VA"), issues=[*base, *new])


pairs = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=4)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 3), st.integers(0, 4), st.integers(0, 4), pairs, pairs)
def test_a_merge_keeps_every_record_once_and_every_link_true(
    kept: int, ours_n: int, theirs_n: int, ours_pairs: list[tuple[int, int]], theirs_pairs: list[tuple[int, int]]
) -> None:
    base_issues = [_issue(n, f"base {n}", []) for n in range(1, kept + 1)]
    base = CommuneFile(commune=CommuneInfo(code="17950", name="Vạn An", prefix="VA"), issues=base_issues)
    ours, theirs = _side(base_issues, "ours", ours_n, ours_pairs), _side(base_issues, "theirs", theirs_n, theirs_pairs)
    merged = merge(base, ours, theirs, DAY, "Thư ký").merged
    by_id = {i.id: i for i in merged.issues}
    assert len(by_id) == len(merged.issues)  # every ID once
    titles = sorted(i.title for i in merged.issues)
    assert titles == sorted({i.title for i in [*ours.issues, *theirs.issues]})  # every record once
    for issue in merged.issues:
        for other in issue.same_as:
            assert other in by_id, (issue.id, other)  # a link names an issue of the file
            assert issue.id in by_id[other].same_as, (issue.id, other)  # which names it back
            assert by_id[other].title.split()[0] == issue.title.split()[0]  # of the same side: not a stranger
