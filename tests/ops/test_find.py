"""ops.find: communes and records by what people type."""

import pytest

from tracker.errors import FieldError, UsageError
from tracker.ops import find
from tracker.ops.workspace import Workspace


def test_a_commune_by_slug_code_or_name(ws: Workspace) -> None:
    for ref in ("van-an", "17950", "Vạn An", "van an", "Xã Vạn An", "VẠN AN"):
        assert find.commune(ws, ref).name == "van-an.yaml", ref
    with pytest.raises(UsageError):
        find.commune(ws, "Đô Lương")


def test_departments_by_code_name_or_alias(ws: Workspace) -> None:
    assert [find.dept(ws, v) for v in ("nnmt", "NN&MT", "so nong nghiep va moi truong")] == ["NNMT"] * 3
    with pytest.raises(FieldError) as info:
        find.dept(ws, "Sở Lạ", "support")
    assert info.value.problems[0][0] == "support"
