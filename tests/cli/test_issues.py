"""add-issue, list, show, update, close."""

import importlib
import json
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import Cli


def issue(data: Path, slug: str, ident: str) -> dict:  # type: ignore[type-arg]
    doc = yaml.safe_load((data / "communes" / f"{slug}.yaml").read_text("utf-8"))
    return next(i for i in doc["issues"] if i["id"] == ident)


def test_add_issue_prints_the_new_id_last_and_stores_every_field(cli: Cli, data: Path) -> None:
    out = cli(
        "add-issue",
        "--commune",
        "Xã Vạn An",
        "--dept",
        "nnmt",
        "--title",
        "Chậm cấp GCNQSD đất",
        "--description",
        "Nhiều hồ sơ tồn đọng",
        "--category",
        "dat-dai",
        "--support",
        "TC",
        "--support",
        "XD",
        "--due",
        "31/12/2025",
        "--priority",
        "high",
        "--owner",
        "Lê Văn A",
        "--raised-on",
        "2025-09-20",
        "--source",
        "Buổi làm việc Tổ công tác số 2",
    )
    assert out.splitlines()[-1] == "VA-1"
    assert issue(data, "van-an", "VA-1") == {
        "id": "VA-1",
        "title": "Chậm cấp GCNQSD đất",
        "description": "Nhiều hồ sơ tồn đọng",
        "category": "dat-dai",
        "dept": "NNMT",
        "support": ["TC", "XD"],
        "status": "open",
        "priority": "high",
        "raised_on": __import__("datetime").date(2025, 9, 20),
        "due": __import__("datetime").date(2025, 12, 31),
        "owner": "Lê Văn A",
        "source": "Buổi làm việc Tổ công tác số 2",
        "history": [
            {
                "date": __import__("datetime").date(2025, 10, 20),
                "by": "Nguyễn Thư Ký",
                "status": "open",
                "note": "Tạo mới",
            }
        ],
    }
    assert cli("add-issue", "--commune", "17950", "--dept", "TC", "--title", "Hai").strip() == "VA-2"


def test_decomposed_input_is_stored_nfc(cli: Cli, data: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Thiếu công chức")
    cli("add-issue", "--commune", unicodedata.normalize("NFD", "Thiên Nhẫn"), "--dept", "NV", "--title", nfd)
    raw = (data / "communes/thien-nhan.yaml").read_text("utf-8")
    assert "title: Thiếu công chức\n" in raw
    assert unicodedata.is_normalized("NFC", raw)


def test_bad_values_are_usage_errors_and_write_nothing(cli: Cli, data: Path) -> None:
    before = (data / "communes/van-an.yaml").read_bytes()
    for args, needle in [
        (["--dept", "ZZ", "--title", "x"], "ZZ"),
        (["--dept", "TC", "--title", "x", "--category", "nope"], "nope"),
        (["--dept", "TC", "--title", "x", "--due", "2025-02-30"], "2025-02-30"),
        (["--dept", "TC", "--title", "x", "--due", "2025-09-01", "--raised-on", "2025-09-20"], "--due"),
        (["--dept", "TC"], "--title"),
    ]:
        result = cli.result("add-issue", "--commune", "van-an", *args)
        assert result.exit_code == 2, args
        assert needle in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
    assert (data / "communes/van-an.yaml").read_bytes() == before


def test_missing_values_are_prompted_in_a_terminal(cli: Cli, data: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(importlib.import_module("tracker.cli.app"), "interactive", lambda: True)
    out = cli("add-issue", "--commune", "van-an", "--dept", "TC", input="Thiếu kinh phí\n")
    assert out.splitlines()[-1] == "VA-1"
    assert issue(data, "van-an", "VA-1")["title"] == "Thiếu kinh phí"


def test_list_orders_communes_in_vietnamese_order_and_ids_naturally(cli: Cli, data: Path) -> None:
    cli("add-commune", "Đô Lương")
    cli("add-commune", "Diễn Châu")
    for commune in ("do-luong", "dien-chau", "van-an", "thien-nhan"):
        cli("add-issue", "--commune", commune, "--dept", "TC", "--title", "x")
    for _ in range(10):
        cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "y")
    rows = json.loads(cli("list", "--format", "json"))
    assert [r["commune"] for r in rows][:3] == ["dien-chau", "do-luong", "thien-nhan"]
    assert [r["id"] for r in rows][3:] == [f"VA-{n}" for n in range(1, 12)]


def test_list_filters(cli: Cli, filled: Path) -> None:
    def ids(*args: str) -> list[str]:
        return [r["id"] for r in json.loads(cli("list", "--format", "json", *args))]

    assert ids("--dept", "NNMT") == ["VA-1"]
    assert ids("--dept", "TC") == ["VA-3"]
    assert ids("--dept", "TC", "--with-support") == ["VA-1", "VA-3"]
    assert ids("--commune", "thien nhan") == ["TN-1"]
    assert ids("--category", "nhan-su") == ["VA-2"]
    assert ids("--search", "GCNQSD DAT") == ["VA-1"]
    assert ids("--search", "cong chuc dia chinh") == ["VA-2"]
    assert ids("--overdue", "--as-of", "2025-10-16") == ["VA-1"]
    assert ids("--overdue", "--as-of", "2025-10-15") == []
    assert ids("--overdue", "--as-of", "2026-01-01") == ["VA-1", "VA-2"]
    cli("update", "VA-2", "--status", "in_progress", "--note", "đã trình UBND tỉnh")
    assert ids("--status", "in_progress") == ["VA-2"]
    assert ids("--search", "da trinh ubnd") == ["VA-2"]  # notes in the history are searched too


def test_list_json_has_stored_fields_commune_and_overdue(cli: Cli, filled: Path) -> None:
    row = json.loads(cli("list", "--format", "json", "--as-of", "2025-11-01"))[1]
    assert row["id"] == "VA-1" and row["commune"] == "van-an"
    assert row["due"] == "2025-10-15" and row["raised_on"] == "2025-09-20"
    assert row["support"] == ["TC"] and row["overdue"] is True
    assert row["history"][0]["date"] == "2025-10-20"


def test_list_csv_and_table(cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    lines = cli("list", "--format", "csv", "--as-of", "2025-11-01").splitlines()
    assert lines[0].startswith("id,commune,title,description,category,dept,support,status")
    assert lines[1].startswith("TN-1,thien-nhan,Phần mềm chưa liên thông,,,KHCN,VPUB,open")
    assert lines[2].endswith(",true")
    table = cli("list", "--as-of", "2025-11-01")
    assert "Chậm cấp GCNQSD đất" in table and "15/10/2025 (quá hạn)" in table and "4 mục" in table
    assert cli.result("list", "--format", "xml").exit_code == 2


def test_show(cli: Cli, filled: Path) -> None:
    out = cli("show", "va-1", "--as-of", "2025-11-01")
    assert out.startswith("VA-1 · Vạn An (van-an)\nChậm cấp GCNQSD đất\n")
    assert "QUÁ HẠN" in out and "20/10/2025 Nguyễn Thư Ký [Chưa xử lý]: Tạo mới" in out
    assert json.loads(cli("show", "VA-KH1", "--format", "json"))["milestones"][0]["target"] == "Lập danh sách"


def test_update_records_each_change_in_history(cli: Cli, filled: Path) -> None:
    cli(
        "update",
        "VA-1",
        "--status",
        "escalated",
        "--due",
        "2025-11-30",
        "--dept",
        "TC",
        "--support",
        "NNMT",
        "--owner",
        "Trần B",
        "--priority",
        "high",
        "--category",
        "tai-chinh",
        "--note",
        "Xin ý kiến UBND tỉnh",
        "--by",
        "Phòng Tổng hợp",
    )
    rec = issue(filled, "van-an", "VA-1")
    assert (rec["status"], rec["dept"], rec["support"], rec["owner"]) == ("escalated", "TC", ["NNMT"], "Trần B")
    assert (rec["priority"], rec["category"], str(rec["due"])) == ("high", "tai-chinh", "2025-11-30")
    last = rec["history"][-1]
    assert last["by"] == "Phòng Tổng hợp" and last["status"] == "escalated"
    assert list(last["was"].items())[:3] == [("status", "open"), ("due", date(2025, 10, 15)), ("dept", "NNMT")]
    assert "changed" not in last  # values, not words: what --as-of reads back
    # A deadline moved later is an extension, approved at once, the note its reason.
    assert last["extension"] == {"status": "approved", "to": date(2025, 11, 30)}
    told = "Đồng ý gia hạn: 15/10/2025 → 30/11/2025; Trạng thái: Chưa xử lý → Kiến nghị cấp trên; Cơ quan chủ trì: NNMT"
    assert told in cli("show", "VA-1")
    said = "New deadline approved: 2025-10-15 → 2025-11-30; status: open → escalated; dept: NNMT → TC"
    assert said in cli("--lang", "en", "show", "VA-1")
    assert last["note"] == "Xin ý kiến UBND tỉnh"
    cli("update", "VA-1", "--due", "-", "--support", "-")
    assert "due" not in issue(filled, "van-an", "VA-1") and "support" not in issue(filled, "van-an", "VA-1")


def test_update_refuses_nothing_and_unknown(cli: Cli, filled: Path) -> None:
    assert "không có gì thay đổi" in cli.result("update", "VA-1").stderr
    assert cli.result("update", "VA-99", "--note", "x").exit_code == 2
    assert "plan update" in cli.result("update", "VA-KH1", "--note", "x").stderr
    assert "close" in cli.result("update", "VA-1", "--status", "resolved").stderr


def test_close(cli: Cli, filled: Path) -> None:
    assert cli("close", "VA-1", "--resolution", "Đã cấp 35 GCNQSD", "--on", "2025-10-18").strip() == "đã đóng VA-1"
    rec = issue(filled, "van-an", "VA-1")
    assert (rec["status"], rec["resolution"], str(rec["resolved_on"])) == ("resolved", "Đã cấp 35 GCNQSD", "2025-10-18")
    assert cli.result("close", "VA-1", "--resolution", "again").exit_code == 2
    refused = cli.result("update", "VA-1", "--status", "open", "--note", "Mở lại")
    assert refused.exit_code == 2 and "--allow-reopen" in refused.stderr  # reopening is asked for, never by chance
    cli("update", "VA-1", "--status", "open", "--note", "Mở lại", "--allow-reopen")
    rec = issue(filled, "van-an", "VA-1")
    assert "resolved_on" not in rec and "resolution" not in rec
    assert rec["history"][-1]["was"] == {"status": "resolved", "resolution": "Đã cấp 35 GCNQSD",
                                         "resolved_on": date(2025, 10, 18)}  # fmt: skip
    assert (
        "Trạng thái: Đã giải quyết → Chưa xử lý; Kết quả: Đã cấp 35 GCNQSD → —; Ngày giải quyết: 18/10/2025 → —"
        in cli("show", "VA-1")
    )
    empty = cli.result("close", "VA-2", "--resolution", "  ")
    assert empty.exit_code == 2 and "--resolution: không được để trống" in empty.stderr


def test_update_changes_only_that_records_lines_in_git(cli: Cli, filled: Path, tmp_path: Path) -> None:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True, text=True).stdout

    (tmp_path / ".gitignore").write_text(".cache/\n", "utf-8")  # the tests' cache folder, not the data's
    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "start")
    cli("update", "VA-2", "--status", "in_progress", "--note", "Đang rà soát")
    diff = git("diff", "-U0", "--", "data")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-  status: open",
        "+  status: in_progress",
        "+  - date: 2025-10-20",
        "+    by: Nguyễn Thư Ký",
        "+    status: in_progress",
        "+    was:",
        "+      status: open",
        "+    note: Đang rà soát",
    ]
    assert "VA-1" not in diff and "VA-3" not in diff
    assert git("status", "--porcelain") == " M data/communes/van-an.yaml\n"


def test_a_hand_written_comment_survives_an_update(cli: Cli, filled: Path) -> None:
    path = filled / "communes/van-an.yaml"
    text = path.read_text("utf-8").replace("  dept: NV\n", "  # hỏi lại anh Thái\n  dept: NV  # chủ trì\n")
    marked = "  status: open\n  priority: normal\n  raised_on: 2025-09-20\n  due: 2025-12-31"
    assert marked in text
    text = text.replace(marked, marked.replace("status: open", "status: open  # chờ"))
    path.write_text(text, "utf-8")
    cli("update", "VA-2", "--status", "in_progress", "--dept", "TC")
    after = path.read_text("utf-8")
    assert "  # hỏi lại anh Thái\n  dept: TC  # chủ trì\n" in after
    assert "  status: in_progress  # chờ\n" in after


def test_crlf_and_bom_files_stay_as_they_were(cli: Cli, filled: Path) -> None:
    path = filled / "communes/van-an.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    cli("update", "VA-2", "--note", "ghi chú")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n")
    assert b"note: ghi ch\xc3\xba\r\n" in raw


def test_control_characters_and_multiline_titles_are_refused(cli: Cli, data: Path) -> None:
    before = (data / "communes/van-an.yaml").read_bytes()
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "a\x07b")
    assert result.exit_code == 2 and "--title: có ký tự điều khiển không hợp lệ: 0007" in result.stderr
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "dòng 1\ndòng 2")
    assert result.exit_code == 2 and "--title: phải nằm trên một dòng" in result.stderr
    assert (data / "communes/van-an.yaml").read_bytes() == before


def test_departments_and_categories_by_code_name_or_alias(cli: Cli, data: Path) -> None:
    cli("add-issue", "--commune", "van-an", "--dept", "NN&MT", "--title", "Một", "--support", "sở tài chính",
        "--support", "kh&cn", "--category", "Đất đai, cấp giấy chứng nhận, hồ sơ địa chính")  # fmt: skip
    rec = issue(data, "van-an", "VA-1")
    assert (rec["dept"], rec["support"], rec["category"]) == ("NNMT", ["TC", "KHCN"], "dat-dai")
    cli("update", "VA-1", "--dept", "Sở Nội vụ")
    assert issue(data, "van-an", "VA-1")["dept"] == "NV"


def test_list_by_department_name_and_unknown_department(cli: Cli, filled: Path) -> None:
    assert [r["id"] for r in json.loads(cli("list", "--dept", "nn&mt", "--format", "json"))] == ["VA-1"]
    result = cli.result("list", "--dept", "NOPE")
    assert result.exit_code == 2 and "NOPE" in result.stderr


def test_add_issue_warns_of_the_same_title_and_reads_categories_as_typed(cli: Cli, filled: Path) -> None:
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "KINH PHI SUA TRU SO",
                        "--category", "co so vat chat")  # fmt: skip
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "VA-4"
    assert "VA-3" in result.stderr and "cảnh báo" in result.stderr
    assert issue(filled, "van-an", "VA-4")["category"] == "co-so-vat-chat"


def test_a_commune_name_written_with_xa_is_flagged(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("name: Vạn An", "name: Xã Vạn An"), "utf-8")
    out = cli.result("validate").stdout
    assert "data/communes/van-an.yaml:4: commune: name: viết tên không có 'Xã': Vạn An" in out


def test_status_and_priority_typed_as_the_reports_word_them(cli: Cli, filled: Path) -> None:
    """An official types what the report says ("Đang xử lý", "dang xu ly", "in progress");
    the file stores the code."""
    cli("update", "VA-2", "--status", "Đang xử lý", "--priority", "cao")
    rec = yaml.safe_load((filled / "communes" / "van-an.yaml").read_text("utf-8"))["issues"][1]
    assert (rec["status"], rec["priority"]) == ("in_progress", "high")
    listed = cli("list", "--status", "dang xu ly", "--format", "csv").splitlines()
    assert [line.split(",")[0] for line in listed[1:]] == ["VA-2"]
    assert cli("--lang", "en", "list", "--status", "in progress", "--format", "csv").count("VA-2") == 1


def test_command_line_mistakes_are_said_in_the_users_language(cli: Cli, filled: Path) -> None:
    wrong = cli.result("list", "--status", "xong")
    assert wrong.exit_code == 2
    assert "lỗi: giá trị không hợp lệ cho --status: 'xong' không phải một trong: open, in_progress" in wrong.stderr
    assert "(hoặc Chưa xử lý, Đang xử lý," in wrong.stderr and "Cách dùng: tracker list" in wrong.stderr
    assert "lỗi: không có lệnh 'lst' (có phải list?)" in cli.result("lst").stderr
    assert "lỗi: không có tùy chọn --bogus" in cli.result("list", "--bogus").stderr
    assert "lỗi: thiếu đối số ID" in cli.result("update", "--status", "open").stderr
    english = cli.result("--lang", "en", "list", "--status", "xong")
    assert "Error: Invalid value for '--status': 'xong' is not one of: open, in_progress" in english.stderr
    assert "(or" not in english.stderr  # the English words are the codes themselves
    assert "Error: No such option: --bogus" in cli.result("--lang=en", "list", "--bogus").stderr


LONG = "Thiếu kinh phí xây dựng trụ sở làm việc của Đảng ủy, HĐND, UBND xã sau sáp nhập"


@pytest.mark.parametrize("columns", [80, 120])
def test_terminal_tables_fit_the_terminal_and_never_wrap_a_date(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    for _ in range(2):
        cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", LONG, "--support", "TC",
            "--support", "XD", "--support", "NV", "--raised-on", "2025-09-20", "--due", "2025-10-30")  # fmt: skip
    for command in (["list"], ["plan", "list"], ["similar", "VA-4"], ["stats"]):
        out = cli(*command, "--as-of", "2025-11-05") if command != ["similar", "VA-4"] else cli(*command)
        assert max(len(line) for line in out.splitlines()) <= columns, (command, out)
    listed = cli("list", "--as-of", "2025-11-05")
    assert listed.count("30/10/2025 (quá hạn)") == 2  # each deadline on one line, whole
    assert "nhập" in listed  # the title wraps, it is not cut


def test_an_error_echoes_a_date_as_it_was_typed(cli: Cli, filled: Path) -> None:
    past = cli.result("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "Mới", "--due", "31/12/2020")
    assert past.exit_code != 0
    assert "--due: 31/12/2020 đã qua" in past.stderr
    iso = cli.result("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "Mới", "--due", "2020-12-31")
    assert "--due: 2020-12-31 đã qua" in iso.stderr


def test_show_as_of_is_the_record_as_it_stood_that_day(cli: Cli, filled: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`show --as-of` reads the record as `list --as-of` does, not today's (#33.2)."""
    monkeypatch.setenv("TRACKER_TODAY", "2025-11-05")
    cli("update", "VA-1", "--status", "in_progress", "--dept", "TC", "--owner", "Trần B", "--note", "Giao lại")
    then = cli("show", "VA-1", "--as-of", "2025-10-25")
    listed = json.loads(cli("list", "--as-of", "2025-10-25", "--format", "json"))
    assert next(r for r in listed if r["id"] == "VA-1")["dept"] == "NNMT"
    assert "Chưa xử lý" in then and "Cơ quan chủ trì: NNMT" in then and "Trần B" not in then
    assert "Giao lại" not in then  # a later history entry is not shown either
    now = cli("show", "VA-1")
    assert "Đang xử lý" in now and "Cơ quan chủ trì: TC" in now
    assert json.loads(cli("show", "VA-1", "--as-of", "2025-10-25", "--format", "json"))["status"] == "open"
    result = cli.result("show", "VA-1", "--as-of", "2025-09-01")
    assert result.exit_code == 2 and "VA-1 chưa có vào ngày 01/09/2025" in result.stderr


def test_show_words_a_category_by_its_name(cli: Cli, filled: Path) -> None:
    out = cli("show", "VA-1")
    assert "Đất đai" in out and "dat-dai" not in out


def test_update_changes_the_title_description_and_date_raised(cli: Cli, filled: Path) -> None:
    """`update --title/--description/--raised-on`, each in the history, the date checked (#33.1)."""
    cli("update", "VA-2", "--title", "Thiếu công chức địa chính xã", "--description", "Chỉ có một người",
        "--raised-on", "15/09/2025")  # fmt: skip
    rec = issue(filled, "van-an", "VA-2")
    assert (rec["title"], rec["description"], rec["raised_on"]) == (
        "Thiếu công chức địa chính xã", "Chỉ có một người", date(2025, 9, 15))  # fmt: skip
    assert rec["history"][-1]["was"] == {"title": "Thiếu công chức địa chính", "description": None,
                                          "raised_on": date(2025, 9, 20)}  # fmt: skip
    assert "Ngày nêu: 20/09/2025 → 15/09/2025" in cli("show", "VA-2")
    for raised, limit in (("2026-01-05", "thời hạn (31/12/2025)"), ("2025-10-21", "hôm nay (20/10/2025)")):
        result = cli.result("update", "VA-2", "--raised-on", raised)
        assert result.exit_code == 2 and "--raised-on" in result.stderr and limit in result.stderr, result.stderr
    cli("close", "VA-3", "--resolution", "Đã bố trí", "--on", "2025-10-01")
    assert "ngày giải quyết (01/10/2025)" in cli.result("update", "VA-3", "--raised-on", "2025-10-02").stderr
    assert "--title" in cli.result("update", "VA-2", "--title", " ").stderr
    cli("update", "VA-2", "--description", "-")
    assert "description" not in issue(filled, "van-an", "VA-2")


def test_a_near_miss_is_answered_with_the_closest_names(cli: Cli, filled: Path) -> None:
    """A typo is not a new commune, a name is not echoed in capitals: "có phải …?" (#33.6)."""
    base = ["add-issue", "--dept", "TC", "--title", "x"]
    result = cli.result(*base, "--commune", "Thiên Nhẫm")
    assert result.exit_code == 2 and "có phải Thiên Nhẫn?" in result.stderr, result.stderr
    result = cli.result("add-issue", "--commune", "van-an", "--dept", "Sở Tài chánh", "--title", "x")
    assert result.exit_code == 2 and "'Sở Tài chánh'" in result.stderr and "SỞ" not in result.stderr
    assert "có phải Sở Tài chính (TC)?" in result.stderr, result.stderr
    assert "có phải Sở Tài chính (TC)?" in cli.result("list", "--dept", "Sở Tài chánh").stderr
    english = cli.result("--lang", "en", "update", "VA-1", "--category", "dat dia")
    assert "did you mean Đất đai" in english.stderr, english.stderr
    assert "có phải" not in cli.result(*base, "--commune", "Hà Nội").stderr  # nothing close: add it


def test_without_a_git_user_name_the_login_name_is_written_and_said_once(cli: Cli, filled: Path, tmp_path: Path,
                                                                        monkeypatch) -> None:  # type: ignore[no-untyped-def]  # fmt: skip
    """`by:` does not silently become the login name (#33.9)."""
    import getpass

    (tmp_path / ".gitconfig").write_text("", "utf-8")
    result = cli.result("update", "VA-1", "--note", "x")
    assert result.exit_code == 0
    login = getpass.getuser()
    assert result.stderr.count("git chưa có user.name") == 1, result.stderr
    assert f"'by: {login}'" in result.stderr and 'git config --global user.name "Họ Tên"' in result.stderr
    assert issue(filled, "van-an", "VA-1")["history"][-1]["by"] == login
    assert "user.name" not in cli.result("update", "VA-1", "--note", "y", "--by", "Tổ thư ký").stderr


def test_attach_says_where_the_scan_is_kept_and_refuses_a_large_file_in_one_line(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "Cong van 45-SNNMT.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    assert (
        cli("--lang", "en", "attach", "VA-1", str(scan)).strip() == "attached files/va-1-cong-van-45-snnmt.pdf to VA-1"
    )
    assert "Tệp đính kèm: Cong van 45-SNNMT.pdf (files/va-1-cong-van-45-snnmt.pdf)" in cli("show", "VA-1")
    assert "không thay đổi" in cli("attach", "VA-1", str(scan))
    big = tmp_path / "ghi-hinh.mp4"
    with big.open("wb") as handle:
        handle.truncate(25 * 2**20)
    result = cli.result("attach", "VA-1", str(big))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert (
        "tệp quá lớn (25 MB; tối đa 20 MB)" in result.stderr and not (filled / "files" / "va-1-ghi-hinh.mp4").exists()
    )


def test_attach_says_it_restored_a_missing_scan_and_words_a_missing_source_in_the_readers_language(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    scan = tmp_path / "Cong van 45.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    cli("attach", "VA-1", str(scan))
    kept = filled / "files" / "va-1-cong-van-45.pdf"
    kept.unlink()
    before = (filled / "communes" / "van-an.yaml").read_bytes()
    told = cli("attach", "VA-1", str(scan))
    assert "đã khôi phục files/va-1-cong-van-45.pdf" in told and "không thay đổi" not in told, told
    assert kept.read_bytes() == scan.read_bytes() and (filled / "communes" / "van-an.yaml").read_bytes() == before
    assert not [p for p in kept.parent.iterdir() if p != kept]  # nothing staged left behind
    assert "không thay đổi" in cli("attach", "VA-1", str(scan))  # there now: nothing to do
    kept.unlink()
    assert "restored files/va-1-cong-van-45.pdf" in cli("--lang", "en", "attach", "VA-1", str(scan))
    missing = tmp_path / "khong-co.pdf"
    result = cli.result("attach", "VA-1", str(missing))
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "không đọc được: không có tệp hoặc thư mục này" in result.stderr, result.stderr
    assert "No such file" not in result.output
    english = cli.result("--lang", "en", "attach", "VA-1", str(missing))
    assert "cannot read: no such file or folder" in english.stderr, english.stderr


def test_attach_names_the_one_cause_it_refuses_to_write(
    cli: Cli, filled: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere")
    (filled / "files").symlink_to(outside, target_is_directory=True)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF")
    result = cli.result("attach", "VA-1", str(scan))
    assert result.exit_code != 0 and list(outside.iterdir()) == []
    assert "files/ là liên kết (symlink) ra ngoài thư mục dữ liệu" in result.stderr, result.stderr
    assert "tên không hợp lệ" not in result.stderr and "đã có" not in result.stderr
    english = cli.result("--lang", "en", "attach", "VA-1", str(scan)).stderr
    assert "files/ is a symbolic link out of the data folder" in english, english
