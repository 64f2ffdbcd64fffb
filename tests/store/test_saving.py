"""store/saving.py: the one write path: only what changed, comments kept, never a
file that would not read back, outputs never into the data folder."""

from pathlib import Path

import pytest

from tracker import store
from tracker.errors import FieldError, TrackerError
from tracker.models import CommuneFile


def test_a_save_writes_only_the_record_that_changed_and_keeps_comments(filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("issues:\n", "# ghi chú của thư ký\nissues:\n", 1), "utf-8")
    doc = store.read(path, CommuneFile)
    new = doc.model.model_copy(deep=True)
    new.issues[1].owner = "Lê Văn Sơn"
    assert store.save(doc, new, filled)
    after = path.read_text("utf-8")
    assert "# ghi chú của thư ký" in after and "owner: Lê Văn Sơn" in after
    assert [line for line in after.splitlines() if line not in doc.text.splitlines()] == ["  owner: Lê Văn Sơn"]
    assert not store.save(store.read(path, CommuneFile), store.read(path, CommuneFile).model, filled)


def test_a_file_that_changed_since_it_was_read_is_not_overwritten(filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    doc = store.read(path, CommuneFile)
    path.write_text(path.read_text("utf-8") + "# sửa tay\n", "utf-8")
    new = doc.model.model_copy(deep=True)
    new.issues[0].owner = "X"
    with pytest.raises(TrackerError):
        store.save(doc, new, filled)
    assert path.read_text("utf-8").endswith("# sửa tay\n")


def test_an_output_is_never_written_into_the_data_folder(filled: Path, tmp_path: Path) -> None:
    with pytest.raises(FieldError):
        store.write_output(filled / "report.md", "x", filled)
    with pytest.raises(FieldError):  # a folder that is not there is said, not made
        store.write_output(tmp_path / "out" / "report.md", "x", filled)
    store.write_output(tmp_path / "report.md", ["# Báo cáo", "\n"], filled)
    assert (tmp_path / "report.md").read_text("utf-8") == "# Báo cáo\n"
    assert store.write_page(tmp_path / "site", "a/b.html", "<p>1</p>")
    assert not store.write_page(tmp_path / "site", "a/b.html", "<p>1</p>")  # the same bytes: not written again
