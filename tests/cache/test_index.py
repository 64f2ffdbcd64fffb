"""cache/index.py: the cache kept in step with the files, parsing only what changed."""

import os
from pathlib import Path

from tracker.cache import Index
from tracker.ops.workspace import Workspace


def _index(data: Path) -> Index:
    ws = Workspace(data)
    return Index(ws.data, ws.registry())


def _aged(path: Path) -> None:
    """As if written an hour ago: a file changed within the last moment is always read again."""
    os.utime(path, ns=(path.stat().st_mtime_ns - 3600 * 10**9,) * 2)


def test_only_the_files_that_changed_are_parsed_again(filled: Path) -> None:
    for path in (filled / "communes").glob("*.yaml"):
        _aged(path)
    index = _index(filled)
    assert index.refresh().parsed == 2
    assert index.refresh().parsed == 0
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("Kinh phí sửa trụ sở", "Kinh phí xây trụ sở"), "utf-8")
    _aged(path)
    assert index.refresh().parsed == 1
    title = index.db.execute("SELECT title FROM records WHERE id = 'VA-3'").fetchone()
    assert title == ("Kinh phí xây trụ sở",)
    assert _index(filled).refresh().parsed == 0  # another command finds it up to date


def test_a_file_that_cannot_be_read_is_a_problem_and_the_others_still_answer(filled: Path) -> None:
    (filled / "communes" / "thien-nhan.yaml").write_text("commune: [\n", "utf-8")
    index = _index(filled)
    problems = index.refresh().problems
    assert {Path(p.path).name for p in problems} == {"thien-nhan.yaml"}
    ids = {i for (i,) in index.db.execute("SELECT id FROM records WHERE file = 'van-an.yaml'")}
    assert ids == {"VA-1", "VA-2", "VA-3", "VA-KH1"}
