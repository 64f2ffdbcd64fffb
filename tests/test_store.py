"""The store on its own: finding the data folder, reading strictly, writing atomically."""

from pathlib import Path

import pytest

from tracker import store
from tracker.errors import DataError, UsageError
from tracker.ops import communes
from tracker.registry import Departments


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
    store.atomic_write(path, b"new\n")
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


def _van_an(tmp_path: Path) -> Path:
    communes.init_data_dir(tmp_path / "data")
    from tracker.ops.workspace import Workspace

    communes.add_commune(Workspace(tmp_path / "data"), "Vạn An")
    return tmp_path / "data"


def test_save_keeps_crlf_and_bom_and_refuses_a_file_changed_since_read(tmp_path: Path) -> None:
    from tracker.errors import TrackerError
    from tracker.models import CommuneFile, Issue

    root = _van_an(tmp_path)
    path = root / "communes" / "van-an.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    doc = store.read(path, CommuneFile)
    new = doc.model.model_copy(deep=True)
    new.issues.append(Issue(id="VA-1", title="Một", dept="TC"))
    assert store.save(doc, new, root)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n") and b"title: M" in raw
    with pytest.raises(TrackerError, match="đã thay đổi"):
        store.save(doc, new, root)  # `doc` is the version before: someone wrote since
    assert path.read_bytes() == raw


def test_a_text_that_would_not_read_back_as_the_model_is_refused(tmp_path: Path) -> None:
    """The guard behind every write: a kept comment that lands inside a block of
    text would become part of it, so the written text is read back and compared."""
    from tracker.errors import TrackerError
    from tracker.models import CommuneFile

    root = _van_an(tmp_path)
    path = root / "communes" / "van-an.yaml"
    before = path.read_bytes()
    model = store.read(path, CommuneFile).model
    wrong = before.decode("utf-8").replace("kind: xa", "kind: phuong")
    with pytest.raises(TrackerError, match="chú thích"):
        store.save_merged([store.Merged(path, before, [wrong], model, model)], root, None)
    assert path.read_bytes() == before


def test_writing_through_a_link_keeps_the_link(tmp_path: Path) -> None:
    from tracker.models import CommuneFile, Issue

    root = _van_an(tmp_path)
    real = root / "communes" / ".real" / "van-an.yaml"
    real.parent.mkdir()
    (root / "communes" / "van-an.yaml").rename(real)
    (root / "communes" / "van-an.yaml").symlink_to(real)
    doc = store.read(root / "communes" / "van-an.yaml", CommuneFile)
    new = doc.model.model_copy(deep=True)
    new.issues.append(Issue(id="VA-1", title="Một", dept="TC"))
    store.save(doc, new, root)
    assert (root / "communes" / "van-an.yaml").is_symlink() and b"VA-1" in real.read_bytes()


def test_a_text_file_that_is_not_utf8_is_refused_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / ".gitattributes"
    path.write_bytes("*.txt text # chú thích\n".encode("latin-1", errors="replace") + b"\xe9\n")
    with pytest.raises(DataError):
        store.read_text_file(path)
