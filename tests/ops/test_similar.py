"""ops.similar: the issues most like one, hints, clusters and the common obstacles."""

from datetime import date
from pathlib import Path

import pytest

from tracker.enums import IssueStatus
from tracker.errors import UsageError, WrongKind
from tracker.ops import communes, issues, links, plans, similar
from tracker.ops.workspace import Workspace

ALIKE = [
    ("van-an", "NNMT", "Thiếu công chức địa chính, hồ sơ đất đai tồn đọng"),
    ("thien-nhan", "NNMT", "Xã chưa có đủ công chức địa chính để giải quyết hồ sơ đất đai"),
    ("dien-chau", "NV", "Thieu cong chuc dia chinh"),
]
OTHERS = [
    ("van-an", "NV", "Thiếu giáo viên mầm non"),
    ("thien-nhan", "KHCN", "Phần mềm một cửa điện tử hay bị lỗi"),
    ("dien-chau", "TC", "Chưa có kinh phí khắc phục hậu quả thiên tai"),
]


@pytest.fixture
def three(data: Path) -> Workspace:
    """Three communes, each with one issue about cadastral staff and one other."""
    ws = Workspace(data)
    communes.add_commune(ws, "Diễn Châu")
    for slug, dept, title in ALIKE + OTHERS:
        issues.add_issue(ws, slug, dept, title)
    return Workspace(data)


def test_similar_to_an_issue_puts_the_same_obstacle_first_and_leaves_itself_out(three: Workspace) -> None:
    found = similar.similar(three, "VA-1", limit=5)
    assert found.query == "VA-1"
    assert {m.id for m in found.matches[:2]} == {"TN-1", "DC-1"}
    assert "VA-1" not in [m.id for m in found.matches]
    scores = [m.score for m in found.matches]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)
    assert found.matches[0].commune.name in ("Thiên Nhẫn", "Diễn Châu")


def test_similar_to_a_text_in_any_spelling(three: Workspace) -> None:
    found = similar.similar(three, text="thieu giao vien")
    assert found.query == "thieu giao vien"
    assert found.matches[0].id == "VA-2"


def test_similar_wants_an_issue_or_a_text(three: Workspace) -> None:
    with pytest.raises(UsageError):
        similar.similar(three)
    with pytest.raises(UsageError):
        similar.similar(three, "VA-1", text="x")
    with pytest.raises(UsageError):
        similar.similar(three, text="   ")
    plans.add_plan(three, "van-an", "Rà soát", None, None, [], [])
    with pytest.raises(WrongKind):
        similar.similar(three, "VA-KH1")


def test_hints_are_only_what_looks_alike_at_most_three(three: Workspace) -> None:
    found = similar.hints(three, "Thiếu công chức địa chính")
    assert {m.id for m in found} == {"VA-1", "TN-1", "DC-1"}
    assert similar.hints(three, "Đường giao thông nông thôn xuống cấp") == []


def test_a_changed_title_is_compared_as_it_is_now(three: Workspace) -> None:
    assert all(m.score < 0.3 for m in similar.similar(three, text="thủy lợi nội đồng").matches)
    issues.update_issue(three, "DC-2", issues.IssueChanges(title="Kênh mương thủy lợi nội đồng bị sạt lở"))
    fresh = Workspace(three.root)
    best = similar.similar(fresh, text="thủy lợi nội đồng").matches[0]
    assert best.id == "DC-2" and best.score > 0.5


def test_clusters_group_the_same_obstacle_across_communes(three: Workspace) -> None:
    found = similar.clusters(three).clusters
    assert len(found) == 1
    group = found[0]
    assert group.ids == ["DC-1", "TN-1", "VA-1"]  # Diễn Châu, Thiên Nhẫn, Vạn An: dictionary order
    assert [c.name for c in group.communes] == ["Diễn Châu", "Thiên Nhẫn", "Vạn An"]
    assert group.depts == ["NNMT", "NV"] and group.disputed  # DC-1 went to another lead
    assert not group.linked
    assert group.title in [t for _, _, t in ALIKE]


def test_clusters_by_department_and_by_how_many_communes(three: Workspace) -> None:
    assert len(similar.clusters(three, dept="NV").clusters) == 1  # NV leads DC-1
    assert similar.clusters(three, dept="KHCN").clusters == []
    assert similar.clusters(three, min_communes=4).clusters == []


def test_linked_issues_make_one_group_even_when_they_read_differently(three: Workspace) -> None:
    links.link(three, "VA-2", "TN-2", by="T")
    links.link(three, "TN-2", "DC-2", by="T")
    found = similar.common(Workspace(three.root), min_communes=3)
    linked = [g for g in found if g.linked]
    assert len(linked) == 1 and linked[0].ids == ["DC-2", "TN-2", "VA-2"]


def test_the_clusters_are_kept_until_a_text_changes(three: Workspace) -> None:
    from tracker.cache import similar as cache_similar

    index = three.readable()
    cache_similar.clusters(index)
    kept = index.db.execute("SELECT key FROM memo WHERE key LIKE 'clusters:%'").fetchall()
    assert len(kept) == 1
    issues.update_issue(three, "VA-2", issues.IssueChanges(status=IssueStatus.IN_PROGRESS))
    index = Workspace(three.root).readable()
    cache_similar.clusters(index)
    assert index.db.execute("SELECT key FROM memo WHERE key LIKE 'clusters:%'").fetchall() == kept
    issues.update_issue(three, "VA-2", issues.IssueChanges(title="Thiếu giáo viên tiểu học"))
    index = Workspace(three.root).readable()
    cache_similar.clusters(index)
    assert index.db.execute("SELECT key FROM memo WHERE key LIKE 'clusters:%'").fetchall() != kept


def test_the_groups_are_kept_until_a_link_or_a_name_changes(three: Workspace) -> None:
    from tracker.cache import groups as cache_groups

    def kept() -> list[str]:
        index = Workspace(three.root).readable()
        cache_groups.groups(index)
        return [k for (k,) in index.db.execute("SELECT key FROM memo WHERE key LIKE 'groups:%'")]

    first = kept()
    assert len(first) == 1
    issues.update_issue(three, "VA-1", issues.IssueChanges(status=IssueStatus.IN_PROGRESS))
    assert kept() == first  # a status regroups nothing...
    found = similar.common(Workspace(three.root), min_communes=3)
    assert [m.status for m in found[0].members if m.id == "VA-1"] == ["in_progress"]  # ...and is read afresh
    links.link(three, "TN-2", "DC-2", by="T")
    linked = kept()
    assert linked != first
    alike = next(g for g in similar.common(Workspace(three.root), min_communes=3) if not g.linked)
    assert alike.ids == ["DC-1", "TN-1", "VA-1"]  # Diễn Châu, Thiên Nhẫn, Vạn An
    path = three.root / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("Vạn An", "An Vạn", 1), "utf-8")  # renamed by hand
    assert kept() != linked
    alike = next(g for g in similar.common(Workspace(three.root), min_communes=3) if not g.linked)
    assert alike.ids == ["VA-1", "DC-1", "TN-1"]


def test_a_report_reads_the_groups_leads_and_statuses_as_they_are_now(three: Workspace) -> None:
    from tracker.ops import reports
    from tracker.query import Filter

    def common(dept: str | None = None, commune: str | None = None) -> list[tuple[str, list[str], int]]:
        flt = Filter(depts=[dept] if dept else [], as_of=date(2030, 1, 1))
        found = reports.report(Workspace(three.root), flt, commune=commune, min_communes=3).common
        return [(c.title, c.depts, c.commune_count) for c in found]

    def memo() -> list[str]:
        index = Workspace(three.root).readable()
        return [k for (k,) in index.db.execute("SELECT key FROM memo WHERE key LIKE 'groups:%'")]

    title = ALIKE[1][2]  # the cluster's representative names the group
    assert common("NNMT") == [(title, ["NNMT", "NV"], 3)]
    assert common("TC") == []
    kept = memo()
    issues.update_issue(three, "DC-1", issues.IssueChanges(dept="TC"))  # its lead, changed after the grouping
    assert common("TC") == [(title, ["NNMT", "TC"], 3)]
    assert common("NV") == []
    assert common(commune="Diễn Châu") == common()
    for issue in ("VA-1", "TN-1", "DC-1"):
        done = issues.IssueChanges(status=IssueStatus.RESOLVED, resolution="Đã bổ sung công chức")
        issues.update_issue(three, issue, done)
    assert common("NNMT") == [] and common() == []  # answered everywhere: no longer a question
    assert memo() == kept  # and nothing was grouped again
