"""formats/templates.py: compiled templates kept between runs, only where no one else
can write, and a report the same whether its template was compiled or kept."""

import os
from pathlib import Path

import pytest

from tests.formats.conftest import AS_OF, issue_row
from tracker import reporting
from tracker.formats import Context
from tracker.formats.md import FORMAT


def _report(ctx: Context) -> str:
    model = reporting.build([issue_row(), issue_row("VA-2", title="Thiếu công chức")], [], AS_OF, {"NNMT": "Sở NN"}, {})
    out = FORMAT.render(model, ctx)
    assert isinstance(out, str)
    return out


def test_compiled_templates_are_kept_and_give_the_same_report(
    vi: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    first = _report(vi)
    kept = list((tmp_path / "cache").glob("templates-*/*"))
    assert kept, "compiled templates are kept"
    (folder,) = {k.parent for k in kept}
    assert folder.stat().st_mode & 0o777 == 0o700
    times = {k: k.stat().st_mtime_ns for k in kept}
    assert _report(vi) == first  # from what was kept
    assert {k: k.stat().st_mtime_ns for k in kept} == times  # read, not compiled and written again


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_folder_others_can_write_to_is_not_used(vi: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.formats import templates

    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    first = _report(vi)
    (folder,) = (tmp_path / "cache").glob("templates-*-md-*")
    kind = folder.name.split("-", 2)[2]
    assert templates._compiled(kind) is not None
    folder.chmod(0o777)  # compiled templates are code: someone else could put theirs there
    assert templates._compiled(kind) is None
    assert _report(vi) == first  # compiled again instead


def test_no_cache_keeps_no_compiled_template(vi: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    _report(vi)
    assert not (tmp_path / "cache").exists()


def test_a_report_is_written_in_pieces_as_it_is_made_the_same_as_whole(vi: Context) -> None:
    """A national report is 24 MB of Markdown: it goes out piece by piece, never held
    whole, and says exactly what the whole one says."""
    model = reporting.build([issue_row(), issue_row("VA-2", title="Thiếu công chức")], [], AS_OF, {"NNMT": "Sở NN"}, {})
    pieces = list(FORMAT.stream(model, vi))
    assert len(pieces) > 10 and all(isinstance(p, str) for p in pieces)
    assert "".join(map(str, pieces)) == _report(vi)
