"""tracker.ops.workspace: the registries by name, who makes a change, files that cannot be read."""

from pathlib import Path

import pytest

from tracker.errors import DataError, FieldError
from tracker.ops.workspace import Workspace


def test_departments_and_groups_are_found_by_code_name_or_alias_folded(ws: Workspace) -> None:
    depts = ws.dept_keys()
    assert depts["nn&mt"] == depts["so nong nghiep va moi truong"] == depts["nnmt"] == "NNMT"
    groups = ws.category_keys()
    assert groups["dat dai"] == groups["dat-dai"] == "dat-dai"
    assert ws.department_names()["NV"] == "Sở Nội vụ"
    assert list(ws.department_names())[:3] == ["NV", "TP", "TC"]  # the registry's order


def test_who_makes_a_change_is_by_else_gits_name_and_a_name_is_one_line(ws: Workspace) -> None:
    assert ws.user("Trần Văn A") == "Trần Văn A"
    assert ws.user() == "Nguyễn Thư Ký"  # conftest's git user.name
    assert ws.notices == []
    with pytest.raises(FieldError) as caught:
        ws.user("Trần\nVăn A")
    assert caught.value.problems[0][0] == "by"


def test_a_file_that_cannot_be_read_is_skipped_said_or_stops_a_rewrite(filled: Path) -> None:
    broken = filled / "communes" / "thien-nhan.yaml"
    broken.write_text(broken.read_text("utf-8").replace("dept: KHCN", "dept: [KHCN"), "utf-8")
    ws = Workspace(filled)
    ws.readable()
    assert [Path(p.path).name for p in ws.skipped] == ["thien-nhan.yaml"]
    with pytest.raises(DataError) as caught:
        Workspace(filled).whole()
    assert "thien-nhan.yaml" in caught.value.message
