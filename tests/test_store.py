"""The store on its own: finding the data folder, reading strictly, writing atomically."""

from pathlib import Path

import pytest

from tracker import store
from tracker.errors import DataError, UsageError
from tracker.models import Departments
from tracker.ops import communes


def test_the_data_folder_is_found_like_git_finds_dot_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    communes.init_data_dir(tmp_path / "repo" / "data")
    deep = tmp_path / "repo" / "a" / "b"
    deep.mkdir(parents=True)
    assert store.find_data_dir(start=deep) == (tmp_path / "repo" / "data").resolve()
    assert store.find_data_dir(start=tmp_path / "repo" / "data") == (tmp_path / "repo" / "data").resolve()
    with pytest.raises(UsageError):
        store.find_data_dir(start=tmp_path)
    monkeypatch.setenv("TRACKER_DATA_DIR", str(tmp_path / "repo" / "data"))
    assert store.find_data_dir(start=tmp_path) == tmp_path / "repo" / "data"
    with pytest.raises(UsageError):
        store.find_data_dir(explicit=tmp_path)


def test_read_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "departments.yaml"
    path.write_text("departments:\n- code: NV\n  name: Sở Nội vụ\n- code: [TC\n", "utf-8")
    with pytest.raises(DataError) as info:
        store.read(path, Departments)
    (problem,) = info.value.problems
    assert problem.path.endswith("departments.yaml") and problem.line == 5


def test_atomic_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    path = folder / "x.yaml"
    path.write_text("old\n", "utf-8")
    path.chmod(0o640)
    store.saving.atomic_write(path, b"new\n")
    assert path.read_text("utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == ["x.yaml"]


def test_header_is_read_from_the_first_lines(tmp_path: Path) -> None:
    path = tmp_path / "van-an.yaml"
    path.write_text("# yaml-language-server: $schema=x\ncommune:  # xã\n  code: '17950'\n  name: \"Vạn An\"\n"
                    "  prefix: VA  # mã\nissues: []\n", "utf-8")  # fmt: skip
    assert store.header(path) == {"code": "17950", "name": "Vạn An", "prefix": "VA"}


def test_output_never_goes_into_the_data_folder(tmp_path: Path) -> None:
    communes.init_data_dir(tmp_path / "data")
    with pytest.raises(UsageError):
        store.write_output(tmp_path / "data" / "report.md", "x", tmp_path / "data")
    store.write_output(tmp_path / "report.md", "x", tmp_path / "data")
    assert (tmp_path / "report.md").read_text("utf-8") == "x"
