"""ops.records: show and renumber."""

import pytest

from tracker.errors import FieldError
from tracker.ops import plans, records
from tracker.ops.workspace import Workspace


def test_renumber_follows_plan_items_in_every_file_and_keeps_the_modeline(filled_ws: Workspace) -> None:
    from datetime import date

    plans.add_plan(filled_ws, "thien-nhan", "Phối hợp", "Anh Ba", date(2026, 1, 1), ["VA-1"], [])
    new_id, updated = records.renumber(filled_ws, "VA-1")
    assert (new_id, updated) == ("VA-4", 2)
    assert records.show(filled_ws, "TN-KH1").record.issues == ["VA-4"]  # type: ignore[union-attr]
    moved = records.show(filled_ws, "VA-4").record
    assert moved.history[-1].was == {"id": "VA-1"}
    text = (filled_ws.data.communes_dir / "van-an.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/commune.schema.json\n")


def test_renumber_to_a_taken_or_misshapen_id_is_refused(filled_ws: Workspace) -> None:
    for wanted in ("VA-2", "TN-9", "VA-KH9"):
        with pytest.raises(FieldError) as info:
            records.renumber(filled_ws, "VA-1", to=wanted)
        assert info.value.problems[0][0] == "to"
