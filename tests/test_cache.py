"""The cache: never stale, rebuilt file by file, safe to delete or damage, outside data/."""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SESSION_DATA, Cli
from tracker import cache
from tracker.cache import queries
from tracker.i18n import set_lang
from tracker.ops.workspace import Workspace


def titles(cli: Cli, *args: str) -> dict[str, str]:
    return {r["id"]: r["title"] for r in json.loads(cli("list", "--format", "json", *args))}


def index(data: Path) -> cache.Index:
    ws = Workspace(data)
    return cache.Index(ws.data, ws.registry())


def test_a_second_run_parses_nothing_and_an_edit_parses_one_file(cli: Cli, filled: Path) -> None:
    assert index(filled).refresh().parsed == 2
    assert index(filled).refresh().parsed == 0
    cli("update", "VA-1", "--note", "x")
    assert index(filled).refresh().parsed == 1


def test_a_cache_of_another_version_is_replaced_and_then_kept(cli: Cli, filled: Path, tmp_path: Path) -> None:
    index(filled).refresh()
    (db,) = (tmp_path / ".cache").glob("*.sqlite")

    def older_records_table(then: str) -> None:
        """The records table as an older tracker made it (fewer columns), and `then`."""
        con = sqlite3.connect(db)
        con.executescript(f"""DROP TABLE records; CREATE TABLE records(file TEXT, section TEXT, pos INT, id TEXT,
            dept TEXT, status TEXT, category TEXT, due TEXT, search TEXT, json TEXT); {then};""")
        con.close()

    older_records_table("UPDATE meta SET value = '0.0.1/1' WHERE key = 'fingerprint'")
    assert index(filled).refresh().parsed == 2
    assert index(filled).refresh().parsed == 0  # stored on disk, not rebuilt in memory each time
    assert "VA-KH1" in cli("plan", "list")
    older_records_table("DELETE FROM files")  # the same shape, but marked as this version's
    assert index(filled).refresh().parsed == 2
    assert index(filled).refresh().parsed == 0


def test_a_same_size_edit_in_the_same_second_is_seen(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    assert titles(cli)["VA-3"] == "Kinh phí sửa trụ sở"
    before = path.stat()
    text = path.read_text("utf-8").replace("Kinh phí sửa trụ sở", "Kinh phí sửa trụ sớ")
    assert len(text.encode()) == before.st_size
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old mtime
    assert titles(cli)["VA-3"] == "Kinh phí sửa trụ sớ"


def test_a_git_checkout_is_seen(cli: Cli, filled: Path, tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "one")
    cli("update", "VA-1", "--status", "escalated")
    assert json.loads(cli("show", "VA-1", "--format", "json"))["status"] == "escalated"
    assert [r["id"] for r in json.loads(cli("list", "--status", "escalated", "--format", "json"))] == ["VA-1"]
    git("checkout", "--", "data")
    assert json.loads(cli("list", "--status", "escalated", "--format", "json")) == []


def test_files_added_and_removed_are_seen(cli: Cli, filled: Path) -> None:
    cli("add-commune", "Đô Lương")
    cli("add-issue", "--commune", "do-luong", "--dept", "TC", "--title", "Mới")
    assert "DL-1" in titles(cli)
    (filled / "communes" / "do-luong.yaml").unlink()
    assert "DL-1" not in titles(cli)


def test_the_cache_lives_outside_the_data_folder(cli: Cli, filled: Path, tmp_path: Path) -> None:
    before = sorted(p.relative_to(filled) for p in filled.rglob("*"))
    cli("list")
    cli("validate")
    assert sorted(p.relative_to(filled) for p in filled.rglob("*")) == before
    assert list((tmp_path / ".cache").glob("*.sqlite"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "deleted"])
def test_a_damaged_or_deleted_cache_is_rebuilt(cli: Cli, filled: Path, tmp_path: Path, damage: str) -> None:
    expected = titles(cli)
    (db,) = (tmp_path / ".cache").glob("*.sqlite")
    for extra in (Path(f"{db}-wal"), Path(f"{db}-shm")):
        extra.unlink(missing_ok=True)
    if damage == "garbage":
        db.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[:300])
    else:
        db.unlink()
    assert titles(cli) == expected
    assert cli("validate").startswith("hợp lệ")


@pytest.mark.parametrize(("column", "value"), [("json", '{"__reduce__": "os.system", "id": 5}'),
                                               ("status", "__reduce__"), ("due", "not a date")])  # fmt: skip
def test_a_tampered_row_is_data_not_code_and_is_rebuilt(
    cli: Cli, filled: Path, tmp_path: Path, column: str, value: str
) -> None:
    expected = titles(cli)
    table = cli("list")
    (db,) = (tmp_path / ".cache").glob("*.sqlite")
    con = sqlite3.connect(db)
    if column == "json":  # the record whole is kept beside its columns, by its row
        con.execute("UPDATE record_json SET json = ? WHERE rowid = (SELECT rowid FROM records WHERE id = 'VA-1')",
                    (value,))  # fmt: skip
    else:
        con.execute(f"UPDATE records SET {column} = ? WHERE id = 'VA-1'", (value,))
    con.commit()
    con.close()
    assert cli("list") == table
    assert titles(cli) == expected


def test_a_record_whose_json_is_gone_from_the_cache_is_read_again_not_left_out(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    """A record's JSON is kept in a table apart from its columns: a row missing there is
    a damaged cache, rebuilt, never a record silently left out of a JSON list or `show`."""
    listed = cli("list", "--format", "json")
    (db,) = (tmp_path / ".cache").glob("*.sqlite")
    for read in (["list", "--format", "json"], ["show", "VA-1"], ["list", "--format", "csv"]):
        con = sqlite3.connect(db)
        con.execute("DELETE FROM record_json WHERE rowid = (SELECT rowid FROM records WHERE id = 'VA-1')")
        con.commit()
        con.close()
        assert "VA-1" in cli(*read), read
    assert cli("list", "--format", "json") == listed


def test_tables_read_brief_rows_but_search_and_json_see_everything(cli: Cli, filled: Path) -> None:
    cli("add-issue", "--commune", "van-an", "--dept", "NV", "--title", "Thiếu người",
        "--description", "Xã cần thêm một công chức địa chính")  # fmt: skip
    cli("update", "VA-4", "--note", "Đã gửi Sở Nội vụ")
    cli("list")
    assert "VA-4" in cli("list", "--search", "cong chuc dia chinh")  # in the description only
    assert "VA-4" in cli("list", "--search", "gui so noi vu")  # in the history only
    (issue,) = [r for r in json.loads(cli("list", "--format", "json")) if r["id"] == "VA-4"]
    assert issue["description"] == "Xã cần thêm một công chức địa chính"
    assert issue["history"][-1]["note"] == "Đã gửi Sở Nội vụ"
    rows = queries.issue_rows(Workspace(filled).index(), queries.Where())
    assert {type(r).__name__ for r in rows} == {"IssueRow"}  # tables get rows without history, by type
    assert not hasattr(rows[0], "history")


def test_reads_go_on_without_an_unreadable_file_and_say_so(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    good = path.read_text("utf-8")
    titles(cli)
    path.write_text(good.replace("dept: NNMT", "dept: [NNMT"), "utf-8")
    for args in (["list"], ["report"], ["stats"], ["plan", "list"]):
        result = cli.result(*args)
        assert result.exit_code == 0, args
        assert "cảnh báo: bỏ qua tệp không đọc được: data/communes/van-an.yaml:" in result.stderr, args
        assert "không ghi gì" not in result.stderr
    assert "TN-1" in cli.result("list").stdout and "VA-1" not in cli.result("list").stdout
    clean = cli.result("list", "--commune", "thien-nhan")
    assert clean.exit_code == 0 and clean.stderr == ""  # only that commune's file is read
    assert cli.result("validate").exit_code == 1  # validate alone fails on it
    path.write_text(good, "utf-8")
    assert "VA-1" in titles(cli)


def test_no_cache_keeps_nothing(cli: Cli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.rmtree(tmp_path / ".cache", ignore_errors=True)
    monkeypatch.setenv("TRACKER_NO_CACHE", "1")
    assert "VA-1" in titles(cli)
    assert not (tmp_path / ".cache").exists()


def test_a_registry_change_rechecks_every_file(cli: Cli, filled: Path) -> None:
    assert cli("validate").startswith("hợp lệ")
    path = filled / "departments.yaml"
    path.write_text(path.read_text("utf-8").replace("- code: NV\n", "- code: NOIVU\n"), "utf-8")
    out = cli.result("validate").stdout
    assert "VA-2: dept: cơ quan 'NV' không có trong departments.yaml" in out


def test_switching_language_rereads_nothing_and_words_problems_anew(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "thien-nhan.yaml"
    path.write_text(path.read_text("utf-8").replace("dept: KHCN", "dept: NOPE"), "utf-8")
    assert "không có trong departments.yaml" in cli.result("validate").stdout
    assert index(filled).refresh().parsed == 0
    assert "is not in departments.yaml" in cli.result("--lang", "en", "validate").stdout
    set_lang("vi")
    assert index(filled).refresh().parsed == 0  # problems are kept in both languages


# ------------------------------------------------------------ the similarity index


def _similar_ids(cli: Cli, text: str) -> list[str]:
    return [m["id"] for m in json.loads(cli("similar", "--text", text, "--format", "json"))["similar"]]


def test_the_similarity_index_follows_hand_edits_and_deleted_files(cli: Cli, filled: Path) -> None:
    assert _similar_ids(cli, "phần mềm liên thông")[0] == "TN-1"
    path = filled / "communes" / "thien-nhan.yaml"
    path.write_text(path.read_text("utf-8").replace("Phần mềm chưa liên thông", "Trạm y tế xuống cấp"), "utf-8")
    assert _similar_ids(cli, "trạm y tế")[0] == "TN-1"
    assert "TN-1" not in _similar_ids(cli, "phần mềm liên thông")
    db = index(filled).db
    before = dict(db.execute("SELECT term, n FROM similar_df"))
    path.unlink()
    assert "TN-1" not in _similar_ids(cli, "trạm y tế")
    after = dict(db.execute("SELECT term, n FROM similar_df"))
    assert "tram" in before and "tram" not in after  # the rarity counts forget the file too
    assert db.execute("SELECT count(*) FROM similar_terms").fetchone()[0] == 3  # Vạn An's three issues


def test_without_fts5_the_same_issues_are_found_by_reading_them_all(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.cache import db as cachedb

    found = _similar_ids(cli, "thiếu công chức địa chính")
    monkeypatch.setattr(cachedb, "has_similar", lambda db: False)
    assert _similar_ids(cli, "thiếu công chức địa chính") == found


def test_a_wiped_cache_works_the_similarity_index_out_again(cli: Cli, filled: Path) -> None:
    found = _similar_ids(cli, "kinh phí trụ sở")
    idx = index(filled)
    idx.refresh()
    idx.wipe()
    assert idx.db.execute("SELECT count(*) FROM similar_terms").fetchone()[0] == 0
    assert _similar_ids(cli, "kinh phí trụ sở") == found


SEARCHES = ["cong chuc", "CÔNG CHỨC", "đất", "dat", "gc", "trụ sở", 'a"b', "zzz", "kinh phi sua"]


def test_search_text_is_folded_as_files_are_cached(cli: Cli, filled: Path) -> None:
    """A search reads what caching wrote (it adds nothing), in any case or diacritics."""
    idx = index(filled)
    idx.refresh()
    folded = "SELECT count(*) FROM records r JOIN record_search s ON s.rowid = r.rowid WHERE s.search IS NOT NULL"
    assert idx.db.execute(folded).fetchone()[0] == idx.db.execute("SELECT count(*) FROM records").fetchone()[0]
    indexed = {q: sorted(titles(cli, "--search", q)) for q in SEARCHES}
    assert indexed["cong chuc"] == indexed["CÔNG CHỨC"] == ["VA-2"] and indexed["zzz"] == []
    assert indexed["đất"] == indexed["dat"] and "VA-1" in indexed["dat"]
    cli("update", "VA-1", "--note", "Đã có công văn hướng dẫn")  # an edit folds its file again
    assert "VA-1" in titles(cli, "--search", "cong van huong")


def test_a_pool_of_processes_caches_what_one_process_does(filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker.cache import parse

    def rows(idx: cache.Index) -> list[tuple[object, ...]]:
        tables = ("files", "records", "refs", "involved", "links")
        out = []
        for table in tables:
            out += [(table, *row[:1], *row[7:]) if table == "files" else (table, *row)
                    for row in idx.db.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3")]  # fmt: skip
        return out

    one = index(filled)
    one.refresh()
    serial = rows(one)
    one.wipe()
    monkeypatch.setattr(parse, "POOL_FILES", 1)
    monkeypatch.setattr(parse, "POOL_BYTES", 1)
    monkeypatch.setattr(parse, "_CHUNK", 1)
    again = index(filled)
    assert again.refresh().parsed == 2
    assert rows(again) == serial


def test_cached_rows_are_what_validation_makes_of_the_files(cli: Cli, filled: Path) -> None:
    """Warm reads trust the cache's rows without Pydantic: each one is exactly the row
    made from the record as the models validate it from the file."""
    from tracker.cache.rows import IssueRow, PlanRow
    from tracker.models import CommuneFile
    from tracker.store import parse

    cli("update", "VA-1", "--note", "x", "--owner", "Lê C", "--priority", "high")
    cli("close", "VA-3", "--resolution", "Xong", "--on", "2025-10-19")
    idx = index(filled)
    idx.refresh()
    by_file = queries.communes(idx)
    expected_issues, expected_plans = [], []
    for path in sorted((filled / "communes").glob("*.yaml")):
        cf = parse(path.read_text("utf-8"), str(path), CommuneFile)[1]
        expected_issues += [IssueRow.of(by_file[path.name], r) for r in cf.issues]
        expected_plans += [PlanRow.of(by_file[path.name], r) for r in cf.action_plan]
    key = lambda r: (r.commune.slug, r.id)  # noqa: E731
    assert sorted(queries.issue_rows(idx, queries.Where()), key=key) == sorted(expected_issues, key=key)
    assert sorted(queries.plan_rows(idx, queries.Where()), key=key) == sorted(expected_plans, key=key)
    assert len(expected_issues) == 4 and len(expected_plans) == 1
    # the whole records JSON and CSV stream are what the models dump of the files
    dumped = {}
    for path in sorted((filled / "communes").glob("*.yaml")):
        cf = parse(path.read_text("utf-8"), str(path), CommuneFile)[1]
        dumped |= {r.id: r.model_dump(mode="json", exclude_none=True) for r in [*cf.issues, *cf.action_plan]}
    stored = [
        *queries.stored_rows(idx, "issues", queries.Where()),
        *queries.stored_rows(idx, "action_plan", queries.Where()),
    ]
    assert {r.id: r.data for r in stored} == dumped and len(stored) == 5


@pytest.mark.parametrize("name", ["departments.yaml", "categories.yaml", "followup.yaml"])
def test_registries_kept_are_what_validation_makes_of_them(name: str, tmp_path: Path) -> None:
    """Warm commands take the registries from the cache without validating them:
    each is exactly the model validation makes of the file (the session's, with
    aliases, e-mails, heads and the ladder)."""
    from tracker.cache import registries
    from tracker.registry import Categories, Departments, FollowUp
    from tracker.store import read

    model = {"departments.yaml": Departments, "categories.yaml": Categories, "followup.yaml": FollowUp}[name]
    shutil.copytree(SESSION_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("communes"))
    path = tmp_path / "data" / name
    validated = read(path, model).model
    first = registries.read(tmp_path / "data", path, model)  # read, validated, kept
    again = registries.read(tmp_path / "data", path, model)  # from what was kept
    assert first == validated and again == validated
    assert again.model_dump() == validated.model_dump() and again.model_fields_set == validated.model_fields_set
    assert list(tmp_path.glob(".cache/*.registries.json"))


def test_a_registry_kept_is_read_again_when_its_file_changes(filled: Path, tmp_path: Path) -> None:
    from tracker.errors import DataError

    assert Workspace(filled).department_names()["NV"] == "Sở Nội vụ"
    path = filled / "departments.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("name: Sở Nội vụ", "name: Sở Nội vụ tỉnh"), "utf-8")  # within the same second
    assert Workspace(filled).department_names()["NV"] == "Sở Nội vụ tỉnh"
    path.write_text(text.replace("name: Sở Nội vụ", "nam: Sở Nội vụ"), "utf-8")
    with pytest.raises(DataError):
        Workspace(filled).department_names()
    (kept,) = (tmp_path / ".cache").glob("*.registries.json")
    kept.write_text("{not json", "utf-8")  # a damaged one is only a cache
    path.write_text(text, "utf-8")
    assert Workspace(filled).department_names()["NV"] == "Sở Nội vụ"


def test_a_command_leaves_no_write_ahead_log_behind(filled: Path, tmp_path: Path) -> None:
    """The command line ends without tearing objects down (cli.leave): the cache is
    still closed, so that what its -wal file holds is folded back in."""
    env = {**os.environ, "TRACKER_CACHE_DIR": str(tmp_path / "cold")}
    for args in (["list"], ["update", "VA-1", "--note", "x"], ["report"]):
        done = subprocess.run([sys.executable, "-m", "tracker", "--data-dir", str(filled), *args], env=env,
                              capture_output=True, check=False)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert list((tmp_path / "cold").glob("*.sqlite"))
        # (a read-only look at the cache, `queries.hint`, may leave an empty one)
        assert [w.stat().st_size for w in (tmp_path / "cold").glob("*-wal")] in ([], [0]), args


def test_a_row_of_records_has_as_many_values_as_the_table_has_columns() -> None:
    import sqlite3

    from tracker.cache import db

    memory = sqlite3.connect(":memory:")
    memory.executescript(db.SCHEMA)
    assert len(memory.execute("PRAGMA table_info(records)").fetchall()) == db.RECORD_COLUMNS
