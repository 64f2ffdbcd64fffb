"""ops.communes: init and add-commune."""

from pathlib import Path

import pytest

from tracker.errors import FieldError, UsageError
from tracker.ops import communes
from tracker.ops.workspace import Workspace


def test_init_writes_registries_schemas_and_a_gitignore(tmp_path: Path) -> None:
    communes.init_data_dir(tmp_path / "d")
    names = sorted(p.relative_to(tmp_path / "d").as_posix() for p in (tmp_path / "d").rglob("*"))
    assert names == [".gitignore", ".tracker.lock", "categories.yaml", "communes", "communes/.gitkeep",
                     "departments.yaml", "followup.yaml", "schemas", "schemas/categories.schema.json",
                     "schemas/commune.schema.json", "schemas/departments.schema.json",
                     "schemas/followup.schema.json", "schemas/reports.schema.json"]  # fmt: skip
    assert (tmp_path / "d" / ".gitignore").read_text("utf-8") == ".tracker.lock\n.tracker-journal.json\n.*.tmp\n"


@pytest.mark.parametrize("where", ["file/sub", "x" * 300])
def test_init_where_no_folder_can_be_made_is_a_clear_error(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    with pytest.raises(UsageError):
        communes.init_data_dir(tmp_path / where)


def test_a_commune_once_by_code_and_once_by_name(ws: Workspace) -> None:
    with pytest.raises(UsageError):
        communes.add_commune(ws, "Vạn An")
    with pytest.raises(UsageError):  # the same name under another code would make "--commune Vạn An" ambiguous
        communes.add_commune(ws, "Vạn An", code="99999")
    with pytest.raises(FieldError) as info:
        communes.add_commune(ws, "Xã Chưa Có")
    assert info.value.problems[0][0] == "code"
    assert communes.add_commune(ws, "Xã Chưa Có", code="99999").name == "chua-co.yaml"
