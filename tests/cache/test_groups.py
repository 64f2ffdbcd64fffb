"""cache/groups.py: issues that are one obstacle, the common ones a report lists, and
the groups kept as rows, written again only where they changed."""

from pathlib import Path

from tests.conftest import Cli
from tests.ops.test_similar import three  # noqa: F401 - the fixture
from tracker.cache import groups
from tracker.ops import issues, links
from tracker.ops.workspace import Workspace


def test_issues_linked_as_one_obstacle_are_one_group_listed_while_not_done(cli: Cli, filled: Path) -> None:
    cli("link", "VA-1", "TN-1")
    index = Workspace(filled).index()
    (group,) = [g for g in groups.groups(index) if g.linked]
    assert sorted(i for _, i in group.members) == ["TN-1", "VA-1"] and group.communes == 2
    (common,) = groups.common(index, 2, [], None, 30)
    assert (common.size, common.commune_count, common.disputed) == (2, 2, True)  # NNMT and KHCN lead
    assert sorted(common.depts) == ["KHCN", "NNMT"]
    assert groups.common(index, 3, [], None, 30) == []  # fewer communes than asked


def _groups(ws: Workspace) -> list[tuple[tuple[str, str], list[tuple[str, str]], int, bool]]:
    index = Workspace(ws.root).readable()
    found = groups.groups(index)
    return sorted((g.named_by, g.members, g.communes, g.linked) for g in found)


def _from_scratch(ws: Workspace) -> list[tuple[tuple[str, str], list[tuple[str, str]], int, bool]]:
    """The groups as a cache that never held any would make them."""
    index = Workspace(ws.root).readable()
    for table in ("groups", "group_members"):
        index.db.execute(f"DELETE FROM {table}")
    index.db.execute("DELETE FROM memo WHERE key LIKE 'groups:%'")
    return _groups(ws)


def test_groups_written_again_where_they_changed_are_those_a_fresh_cache_makes(three: Workspace) -> None:  # noqa: F811
    first = _groups(three)
    assert first and first == _from_scratch(three)
    links.link(three, "VA-2", "TN-2", by="T")  # a new group, the others kept
    linked = _groups(three)
    assert len(linked) == len(first) + 1 and linked == _from_scratch(three)
    issues.add_issue(three, "dien-chau", "NV", "Thiếu giáo viên mầm non")  # joins the linked group by its text
    issues.update_issue(three, "TN-1", issues.IssueChanges(title="Phần mềm một cửa điện tử hay bị lỗi"))
    changed = _groups(three)
    assert changed != linked and changed == _from_scratch(three)
    members = Workspace(three.root).readable().db.execute("SELECT count(*) FROM group_members").fetchone()[0]
    assert members == sum(len(g[1]) for g in changed)  # no member of a group gone is left behind
