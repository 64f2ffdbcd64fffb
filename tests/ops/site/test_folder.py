"""ops/site/folder.py: the site's output folder: pages kept inside it, written only
when they change, and what a build no longer makes taken away."""

from pathlib import Path

import pytest

from tracker.errors import FieldError
from tracker.ops.site.folder import Folder


def test_a_page_is_written_only_when_its_bytes_change(tmp_path: Path) -> None:
    folder = Folder(tmp_path)
    folder.put("issue/VA-1.html", "<p>1</p>")
    folder.put("issue/VA-1.html", "<p>1</p>")
    assert folder.written == 1 and (tmp_path / "issue" / "VA-1.html").read_text("utf-8") == "<p>1</p>"


def test_a_page_never_lands_outside_the_folder(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "issue").symlink_to(elsewhere)
    folder = Folder(out)
    for name in ("../x.html", "issue/VA-1.html", "/tmp/x.html", "commune/"):
        with pytest.raises(FieldError):
            folder.put(name, "x")
    assert list(elsewhere.iterdir()) == []


def test_what_a_build_did_not_make_goes_and_what_is_not_the_sites_stays(tmp_path: Path) -> None:
    tmp_path = tmp_path / "site"
    tmp_path.mkdir()
    folder = Folder(tmp_path)
    for name in ("index.html", "issue/VA-1.html", "issue/VA-2.html", "plan/VA-KH1.html"):
        folder.put(name, name)
    (tmp_path / "ghi-chu.txt").write_text("của người dùng", "utf-8")  # not the site's: kept
    again = Folder(tmp_path)
    assert again.remove_all_but({"index.html", "issue/VA-1.html"}) == ["issue/VA-2.html", "plan/VA-KH1.html"]
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "ghi-chu.txt", "index.html", "issue/VA-1.html"]  # fmt: skip
