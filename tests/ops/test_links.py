"""ops.links: same_as written on both sides, both files or neither; renumber follows."""

import pytest

from tracker.errors import UsageError, WrongKind
from tracker.ops import links, records
from tracker.ops.workspace import Workspace


def _same_as(ws: Workspace, ident: str) -> list[str]:
    return records.show(ws, ident).record.same_as  # type: ignore[union-attr]


def test_link_writes_both_sides_once_with_a_history_line_each(filled_ws: Workspace) -> None:
    assert links.link(filled_ws, "va-2", "TN-1", by="Thư Ký") is True
    assert _same_as(filled_ws, "VA-2") == ["TN-1"] and _same_as(filled_ws, "TN-1") == ["VA-2"]
    assert records.show(filled_ws, "TN-1").record.history[-1].was == {"same_as": []}
    before = (filled_ws.data.communes_dir / "van-an.yaml").read_bytes()
    assert links.link(filled_ws, "TN-1", "VA-2") is False  # said already: nothing written
    assert (filled_ws.data.communes_dir / "van-an.yaml").read_bytes() == before


def test_two_issues_of_one_commune_link_in_one_write(filled_ws: Workspace) -> None:
    links.link(filled_ws, "VA-1", "VA-3")
    assert _same_as(filled_ws, "VA-1") == ["VA-3"] and _same_as(filled_ws, "VA-3") == ["VA-1"]


def test_unlink_takes_both_sides_out(filled_ws: Workspace) -> None:
    links.link(filled_ws, "VA-2", "TN-1")
    links.link(filled_ws, "VA-2", "VA-1")
    assert links.unlink(filled_ws, "TN-1", "VA-2") is True
    assert _same_as(filled_ws, "VA-2") == ["VA-1"] and _same_as(filled_ws, "TN-1") == []
    assert links.unlink(filled_ws, "TN-1", "VA-2") is False


def test_what_cannot_be_linked_writes_nothing(filled_ws: Workspace) -> None:
    files = {p: p.read_bytes() for p in filled_ws.data.commune_paths()}
    with pytest.raises(UsageError):
        links.link(filled_ws, "VA-1", "va-1")
    with pytest.raises(UsageError):
        links.link(filled_ws, "VA-1", "TN-9")
    with pytest.raises(WrongKind):
        links.link(filled_ws, "VA-1", "VA-KH1")
    assert {p: p.read_bytes() for p in filled_ws.data.commune_paths()} == files


def test_renumber_carries_the_links_in_every_file(filled_ws: Workspace) -> None:
    links.link(filled_ws, "VA-2", "TN-1")
    new_id, updated = records.renumber(filled_ws, "VA-2")
    assert new_id == "VA-4" and updated == 1
    assert _same_as(filled_ws, "TN-1") == ["VA-4"] and _same_as(filled_ws, "VA-4") == ["TN-1"]
