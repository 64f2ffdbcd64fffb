"""The one temporary-file writer (issue #27, point 3): every file tracker writes,
a site's pages included, goes through a fresh temporary name and a rename."""

from pathlib import Path

from tracker import store


def test_a_page_is_written_through_a_fresh_temporary_name_never_through_a_planted_one(tmp_path: Path) -> None:
    """A page used to go through the fixed `.NAME.tmp`: a link planted there had its
    target overwritten."""
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("giữ nguyên\n", "utf-8")
    (out / ".index.html.tmp").symlink_to(victim)
    assert store.write_page(out, "index.html", "<p>trang</p>\n")
    assert (out / "index.html").read_text("utf-8") == "<p>trang</p>\n"
    assert victim.read_text("utf-8") == "giữ nguyên\n"
    assert not store.write_page(out, "index.html", "<p>trang</p>\n")  # unchanged: not written again
    assert sorted(p.name for p in out.iterdir()) == [".index.html.tmp", "index.html"]


def test_write_page_and_atomic_write_share_the_writer(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made: list[str] = []
    real = store.files.staged

    def counted(path: Path, data: object, sync: bool = True) -> str:
        made.append(path.name)
        return real(path, data, sync)  # type: ignore[arg-type]

    monkeypatch.setattr(store.files, "staged", counted)
    store.write_page(tmp_path, "a/b.html", "x")
    store.atomic_write(tmp_path / "c.yaml", b"y")
    assert made == ["b.html", "c.yaml"]
