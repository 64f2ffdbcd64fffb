"""store/paths.py: finding the data folder, its commune files, and reading a file's bytes safely."""

import os
from pathlib import Path

import pytest

from tracker import store
from tracker.errors import DataError


def test_the_data_folder_is_found_from_below_it_as_git_finds_dot_git(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    deep = data.parent / "notes" / "2025"
    deep.mkdir(parents=True)
    assert store.find_data_dir(start=deep).resolve() == data.resolve()
    assert store.find_data_dir(explicit=data) == data


def test_only_commune_files_are_listed_and_strays_are_not(data: Path) -> None:
    folder = data / "communes"
    (folder / "ghi-chu.txt").write_text("x", "utf-8")
    (folder / ".van-an.yaml.tmp").write_text("x", "utf-8")
    names = store.DataDir(data).commune_names()
    assert sorted(names) == ["thien-nhan.yaml", "van-an.yaml"]


def test_a_link_out_of_the_data_folder_or_a_pipe_is_never_read(data: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("password: x\n", "utf-8")
    (data / "communes" / "ngoai.yaml").symlink_to(secret)
    with pytest.raises(DataError):
        store.read_bytes(data / "communes" / "ngoai.yaml")
    os.mkfifo(data / "categories.yaml.fifo")
    with pytest.raises(DataError):
        store.read_bytes(data / "categories.yaml.fifo")
    assert store.header(data / "communes" / "van-an.yaml")["name"] == "Vạn An"
