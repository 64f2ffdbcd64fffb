"""ops.records: show, renumber and attach."""

import hashlib
from pathlib import Path

import pytest

from tracker.errors import FieldError, TrackerError
from tracker.ops import plans, records
from tracker.ops.workspace import Workspace
from tracker.sizes import MAX_ATTACHMENT


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


def test_attach_keeps_the_scan_under_files_named_for_the_record_with_its_sha256(
    filled_ws: Workspace, tmp_path: Path
) -> None:
    scan = tmp_path / "Công văn 45 SNNMT.PDF"
    scan.write_bytes(b"%PDF-1.4 scan " * 1000)
    done = records.attach(filled_ws, "va-1", scan)
    assert done.new and done.file.file == "va-1-cong-van-45-snnmt.pdf" and done.file.name == "Công văn 45 SNNMT.PDF"
    kept = filled_ws.root / "files" / "va-1-cong-van-45-snnmt.pdf"
    assert kept.read_bytes() == scan.read_bytes()
    assert done.file.sha256 == hashlib.sha256(scan.read_bytes()).hexdigest()
    rec = records.show(filled_ws, "VA-1").record
    assert rec.files == [done.file] and "files/va-1-cong-van-45-snnmt.pdf" in (rec.history[-1].note or "")
    before = (filled_ws.data.communes_dir / "van-an.yaml").read_bytes()
    again = records.attach(filled_ws, "VA-1", scan)  # the same bytes again: nothing changes
    assert not again.new and (filled_ws.data.communes_dir / "van-an.yaml").read_bytes() == before
    other = tmp_path / "sub" / "Công văn 45 SNNMT.pdf"  # another scan of the same name: a name of its own
    other.parent.mkdir()
    other.write_bytes(b"%PDF-1.4 another")
    assert records.attach(filled_ws, "VA-1", other).file.file == "va-1-cong-van-45-snnmt-2.pdf"
    assert records.attach(filled_ws, "VA-KH1", other).file.file == "va-kh1-cong-van-45-snnmt.pdf"  # a plan item too


def test_attach_refuses_a_file_too_large_or_not_a_file_and_writes_nothing(filled_ws: Workspace, tmp_path: Path) -> None:
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_ATTACHMENT + 1)
    before = (filled_ws.data.communes_dir / "van-an.yaml").read_bytes()
    for source in (big, tmp_path, tmp_path / "missing.pdf"):
        with pytest.raises(FieldError) as info:
            records.attach(filled_ws, "VA-1", source)
        assert info.value.problems[0][0] == "file"
    with pytest.raises(FieldError) as info:
        records.attach(filled_ws, "VA-1", big)
    assert "tối đa 20 MB" in info.value.problems[0][1]
    assert (filled_ws.data.communes_dir / "van-an.yaml").read_bytes() == before
    assert not (filled_ws.root / "files").exists()


def test_attach_never_writes_through_a_files_folder_linked_out(
    filled_ws: Workspace, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (filled_ws.root / "files").symlink_to(outside, target_is_directory=True)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")
    before = (filled_ws.data.communes_dir / "van-an.yaml").read_bytes()
    with pytest.raises(TrackerError):
        records.attach(filled_ws, "VA-1", scan)
    assert list(outside.iterdir()) == [] and (filled_ws.data.communes_dir / "van-an.yaml").read_bytes() == before
