"""cache/groups.py: issues that are one obstacle, and the common ones a report lists."""

from pathlib import Path

from tests.conftest import Cli
from tracker.cache import groups
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
