"""cache/db.py: where the cache lives and how it is opened."""

import sqlite3
from pathlib import Path

from tracker.cache import db


def test_a_cache_of_another_registry_starts_from_empty_tables(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    first = db.fingerprint({"NNMT"}, {"dat-dai"})
    conn, where = db.connect(path, first)
    conn.execute("INSERT INTO memo(key, value) VALUES ('k', 'v')")
    conn.close()
    conn, _ = db.connect(path, first)
    assert where == path and conn.execute("SELECT value FROM memo").fetchall() == [("v",)]
    conn.close()
    conn, _ = db.connect(path, db.fingerprint({"NNMT", "TC"}, {"dat-dai"}))  # a department added
    assert conn.execute("SELECT count(*) FROM memo").fetchone() == (0,)


def test_a_damaged_cache_is_made_again_and_a_link_is_never_followed(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"not a database" * 100)
    conn, where = db.connect(path, db.fingerprint(set(), set()))
    assert where == path and conn.execute("SELECT count(*) FROM records").fetchone() == (0,)
    conn.close()
    db.discard(path)
    elsewhere = tmp_path / "elsewhere.sqlite"
    sqlite3.connect(elsewhere).close()
    path.symlink_to(elsewhere)
    conn, _ = db.connect(path, db.fingerprint(set(), set()))
    conn.close()
    assert not path.is_symlink() and elsewhere.stat().st_size == 0  # the link replaced, its target untouched


def test_each_data_folder_has_its_own_cache_in_the_cache_folder(tmp_path: Path) -> None:
    one, two = db.location(tmp_path / "a"), db.location(tmp_path / "b")
    assert one != two and one.parent == two.parent == db.cache_dir() == Path(str(tmp_path / ".cache"))
