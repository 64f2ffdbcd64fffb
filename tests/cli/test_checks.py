"""validate and fmt: every problem located, nothing skipped, canonical files."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REAL_DATA, SESSION_DATA, Cli, attached
from tracker.cache import queries
from tracker.ops.workspace import Workspace

HEADER = "commune:\n  code: '17950'\n  name: Vạn An\n  kind: xa\n  prefix: VA\n"


def write(data: Path, slug: str, body: str) -> Path:
    path = data / "communes" / f"{slug}.yaml"
    path.write_text(body, "utf-8")
    return path


def test_clean_data_gives_a_one_line_summary(cli: Cli, filled: Path) -> None:
    assert cli("validate") == "hợp lệ: 2 xã, 4 vướng mắc, 1 mục kế hoạch, 14 cơ quan, 13 nhóm vướng mắc\n"


def test_every_problem_is_listed_with_path_line_record_and_field(cli: Cli, data: Path) -> None:
    write(
        data,
        "van-an",
        HEADER
        + """issues:
- id: VA-1
  title: on
  dept: NNMT
  stauts: open
- id: VA-2
  title: Hai
  dept: ZZ
  support: [TC, NOPE]
  category: khong-co
  raised_on: 2025-10-01
  due: 2025-09-01
- id: VA-2
  title: Ba
  dept: TC
  due: 2025-02-30
- id: X-9
  title: Bốn
  dept: TC
action_plan:
- id: VA-KH1
  title: Kế hoạch
  issues: [VA-404]
""",
    )
    result = cli.result("validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "data/communes/van-an.yaml:8: VA-1: title: YAML đọc giá trị này là đúng/sai (on/yes/true): "
        "hãy đặt văn bản trong dấu nháy",
        "data/communes/van-an.yaml:10: VA-1: stauts: trường không hợp lệ (có phải 'status'?)",
        # in the same run (#33.5): the records that validate are checked, the codes of those that do not
        "data/communes/van-an.yaml:13: VA-2: dept: cơ quan 'ZZ' không có trong departments.yaml",
        "data/communes/van-an.yaml:14: VA-2: support: cơ quan 'NOPE' không có trong departments.yaml",
        "data/communes/van-an.yaml:15: VA-2: category: nhóm 'khong-co' không có trong categories.yaml",
        "data/communes/van-an.yaml:17: VA-2: due: thời hạn 2025-09-01 trước ngày nêu vướng mắc 2025-10-01",
        "data/communes/van-an.yaml:18: VA-2: id: mã trùng (đã có ở dòng 11)",
        "data/communes/van-an.yaml:21: VA-2: due: ngày không hợp lệ (cần một ngày có thật, dạng YYYY-MM-DD hoặc "
        "dd/mm/yyyy): '2025-02-30'",
        "data/communes/van-an.yaml:22: X-9: id: mã không đúng dạng VA-<n>",
    ]
    # Once the types are fixed, a plan item's reference to an issue of any file is checked too.
    text = (data / "communes/van-an.yaml").read_text("utf-8")
    text = text.replace("title: on", "title: 'on'").replace("stauts", "status").replace("2025-02-30", "2025-12-30")
    (data / "communes/van-an.yaml").write_text(text, "utf-8")
    lines = cli.result("validate").stdout.splitlines()
    assert lines == [
        "data/communes/van-an.yaml:13: VA-2: dept: cơ quan 'ZZ' không có trong departments.yaml",
        "data/communes/van-an.yaml:14: VA-2: support: cơ quan 'NOPE' không có trong departments.yaml",
        "data/communes/van-an.yaml:15: VA-2: category: nhóm 'khong-co' không có trong categories.yaml",
        "data/communes/van-an.yaml:17: VA-2: due: thời hạn 2025-09-01 trước ngày nêu vướng mắc 2025-10-01",
        "data/communes/van-an.yaml:18: VA-2: id: mã trùng (đã có ở dòng 11)",
        "data/communes/van-an.yaml:22: X-9: id: mã không đúng dạng VA-<n>",
        "data/communes/van-an.yaml:28: VA-KH1: issues: không có vướng mắc 'VA-404'",
    ]


def test_all_files_are_reported_at_once_and_none_skipped(cli: Cli, data: Path) -> None:
    write(data, "van-an", HEADER + "issues:\n- id: VA-1\n  title: [oops\n")
    write(data, "thien-nhan", "commune:\n  code: 17989\n  name: Thiên Nhẫn\n  prefix: VA\nissues: []\n")
    (data / "communes" / "ghi-chu.txt").write_text("x", "utf-8")
    (data / "communes" / "empty.yaml").write_text("", "utf-8")
    lines = cli.result("validate").stdout.splitlines()
    assert lines[0] == "data/communes/empty.yaml:1: tệp rỗng hoặc không phải một bảng khóa: giá trị"
    assert lines[1] == "data/communes/ghi-chu.txt: tệp lạ trong communes/: tệp xã phải có đuôi .yaml"
    assert lines[2].startswith("data/communes/thien-nhan.yaml:2: commune: code: phải là văn bản, không phải số")
    assert (
        lines[3]
        == "data/communes/van-an.yaml:9: thiếu dấu ',' hoặc ']' (danh sách trong ngoặc vuông [ ] bắt đầu ở dòng 8)"
    )
    assert cli.result("validate").stderr == "4 vấn đề\n"
    assert cli.result("--lang", "en", "validate").stderr == "4 problems\n"
    (data / "communes" / "empty.yaml").unlink()
    (data / "communes" / "ghi-chu.txt").unlink()
    write(data, "thien-nhan", "commune:\n  code: '17989'\n  name: Thiên Nhẫn\n  prefix: TN\nissues: []\n")
    assert cli.result("--lang", "en", "validate").stderr == "1 problem\n"
    # other commands go on without the files they cannot read, naming them, without a traceback
    result = cli.result("list")
    assert result.exit_code == 0 and "bỏ qua tệp không đọc được: data/communes/van-an.yaml:9" in result.stderr
    assert "Traceback" not in result.output


def test_duplicate_prefixes_and_codes_across_files(cli: Cli, data: Path) -> None:
    write(data, "thien-nhan", "commune:\n  code: '17950'\n  name: Thiên Nhẫn\n  prefix: VA\nissues: []\n")
    lines = cli.result("validate").stdout.splitlines()
    assert any(line.startswith("data/communes/thien-nhan.yaml:2: commune: code: '17950'") for line in lines)
    assert any(line.startswith("data/communes/van-an.yaml:6: commune: prefix: 'VA'") for line in lines)


def test_fmt_check_lists_files_and_fmt_fixes_them_keeping_comments(cli: Cli, filled: Path) -> None:
    assert cli("fmt", "--check") == ""
    path = filled / "communes/thien-nhan.yaml"
    original = path.read_text("utf-8")
    messy = original.replace("title: Phần mềm chưa liên thông", 'title: "Phần mềm chưa liên thông"  # gốc')
    path.write_text("# Ghi chú của tổ thư ký\n" + messy, "utf-8")
    result = cli.result("fmt", "--check")
    assert result.exit_code == 1 and result.stdout == "data/communes/thien-nhan.yaml\n"
    assert path.read_text("utf-8").startswith("# Ghi chú")  # --check writes nothing
    assert cli("fmt") == "data/communes/thien-nhan.yaml\n"
    fixed = path.read_text("utf-8")
    modeline, rest = original.split("\n", 1)
    # The editor's schema line stays first; the comments stay; the quotes go.
    assert fixed == modeline + "\n# Ghi chú của tổ thư ký\n" + rest.replace(
        "title: Phần mềm chưa liên thông", "title: Phần mềm chưa liên thông  # gốc"
    )
    assert cli("fmt", "--check") == ""


def test_fmt_check_remembers_canonical_files_and_still_sees_every_edit(cli: Cli, filled: Path) -> None:
    assert cli("fmt", "--check") == ""
    assert queries.canonical(Workspace(filled).index()) == {"van-an.yaml", "thien-nhan.yaml"}
    path = filled / "communes/van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("dept: NV", "dept: 'NV'"), "utf-8")
    assert cli.result("fmt", "--check").stdout == "data/communes/van-an.yaml\n"
    assert queries.canonical(Workspace(filled).index()) == {"thien-nhan.yaml"}
    assert cli("fmt") == "data/communes/van-an.yaml\n"
    assert cli("fmt", "--check") == ""


def test_fmt_writes_nothing_when_a_file_is_broken(cli: Cli, filled: Path) -> None:
    good = filled / "communes/thien-nhan.yaml"
    good.write_text(good.read_text("utf-8").replace("dept: KHCN", "dept: 'KHCN'"), "utf-8")
    before = good.read_bytes()
    write(filled, "broken", "commune: [\n")
    assert cli.result("fmt").exit_code == 1
    assert good.read_bytes() == before


def test_the_repositorys_own_data_is_valid_canonical_and_assigns_what_the_conclusions_assign(cli: Cli) -> None:
    """The one test that reads data/: it validates, it is canonical (its schemas current
    among the rest), and it assigns what the article's conclusions assign: each
    department they name leads some obstacle, Sở Xây dựng leads the review of office
    upgrade needs and Sở Nội vụ the shortage of staff."""
    assert cli("--data-dir", str(REAL_DATA), "validate").startswith("hợp lệ: ")
    assert cli("--data-dir", str(REAL_DATA), "fmt", "--check") == ""
    rows = json.loads(cli("--data-dir", str(REAL_DATA), "list", "--format", "json", "--as-of", "2026-12-31"))
    leads = {r["dept"] for r in rows}
    assert {"NV", "TC", "NNMT", "XD", "KHCN", "VPUB"} <= leads
    offices = [r for r in rows if r["title"].startswith("Trụ sở làm việc chật hẹp")]
    assert offices and all(r["dept"] == "XD" and "TC" in r["support"] for r in offices)
    staff = [r for r in rows if r["title"].startswith("Thiếu công chức chuyên môn")]
    assert staff and all(r["dept"] == "NV" and {"NNMT", "TC", "XD", "GDDT"} <= set(r["support"]) for r in staff)


def test_the_session_data_counts(cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(SESSION_DATA, tmp_path / "session")  # a copy: an edit of data/ cannot break this
    out = cli("--data-dir", str(tmp_path / "session"), "validate")
    assert out.startswith("hợp lệ: 2 xã, 32 vướng mắc, 8 mục kế hoạch, 14 cơ quan, 13 nhóm vướng mắc")


def test_dates_written_by_hand_are_accepted_and_fmt_writes_them_as_iso(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    text = path.read_text("utf-8").replace("due: 2025-10-15", "due: '2025-10-15'")
    path.write_text(text.replace("due: 2025-12-31", "due: 31/12/2025"), "utf-8")
    assert cli("validate").startswith("hợp lệ")
    assert cli.result("fmt", "--check").stdout == "data/communes/van-an.yaml\n"
    cli("fmt")
    fixed = path.read_text("utf-8")
    assert "  due: 2025-10-15\n" in fixed and "  due: 2025-12-31\n" in fixed and "/" not in fixed.split("issues:")[1]


def test_fmt_rewrites_old_history_lines_as_values_and_the_past_reads_the_same(cli: Cli, filled: Path) -> None:
    cli("update", "VA-2", "--status", "in_progress", "--due", "2025-11-15", "--note", "Đang rà soát")
    path = filled / "communes" / "van-an.yaml"
    text = path.read_text("utf-8")
    new_form = "    was:\n      status: open\n      due: 2025-12-31\n"
    assert new_form in text
    # As 0.1 wrote it: a sentence in the user's words, which no later wording may break.
    path.write_text(text.replace(new_form, "    changed: 'Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → "
                                          "15/11/2025'  # viết tay\n"), "utf-8")  # fmt: skip
    before = cli("list", "--as-of", "2025-10-01", "--format", "json")
    assert '"status": "open"' in before and '"due": "2025-12-31"' in before
    assert "van-an.yaml" in cli("fmt", "--check", code=1)
    cli("fmt")
    after = path.read_text("utf-8")
    assert "    # viết tay\n    was:\n      status: open\n      due: 2025-12-31\n" in after and "changed:" not in after
    assert cli("list", "--as-of", "2025-10-01", "--format", "json") == before
    assert "Trạng thái: Chưa xử lý → Đang xử lý; Thời hạn: 31/12/2025 → 15/11/2025" in cli("show", "VA-2")
    assert cli("fmt", "--check") == ""


def test_every_problem_of_every_file_in_one_run_each_with_what_to_write(cli: Cli, data: Path) -> None:
    """No rounds: a duplicate key, a wrong field and an unknown department are told at
    once, and each names the value to write instead (#33.5)."""
    write(data, "van-an", HEADER + """issues:
- id: VA-1
  title: Một
  dept: Sở Xây dựng
  status: Đang xử lý
  priority: cao
- id: VA-2
  title: Hai
  title: Hai lần
  dept: nnmt
- id: VA-3
  title: Ba
  dept: NNMT
  category: dat dai
  support: [Sở Tài chánh]
action_plan: []
""")  # fmt: skip
    header = HEADER.replace("17950", "17989").replace("Vạn An", "Thiên Nhẫn").replace("VA", "TN")
    write(data, "thien-nhan", header + "issues:\n- id: TN-1\n  title: Một\n  dept: so noi vu\n  status: dang xu ly\n"
          "action_plan: []\n")  # fmt: skip
    result = cli.result("validate")
    assert result.exit_code == 1
    told = result.stdout + result.stderr
    for line in (
        "van-an.yaml:9: VA-1: dept: cơ quan 'Sở Xây dựng' không có trong departments.yaml: viết XD",
        "van-an.yaml:10: VA-1: status: giá trị không hợp lệ 'Đang xử lý': tệp ghi mã, viết in_progress",
        "van-an.yaml:11: VA-1: priority: giá trị không hợp lệ 'cao': tệp ghi mã, viết high",
        "van-an.yaml:14: khóa 'title' lặp lại (đã có ở dòng 13)",
        "van-an.yaml:15: VA-2: dept: cơ quan 'nnmt' không có trong departments.yaml: viết NNMT",
        "van-an.yaml:19: VA-3: category: nhóm 'dat dai' không có trong categories.yaml: viết dat-dai",
        "van-an.yaml:20: VA-3: support: cơ quan 'Sở Tài chánh' không có trong departments.yaml (có phải TC?)",
        "thien-nhan.yaml:9: TN-1: dept: cơ quan 'so noi vu' không có trong departments.yaml: viết NV",
        "thien-nhan.yaml:10: TN-1: status: giá trị không hợp lệ 'dang xu ly': tệp ghi mã, viết in_progress",
    ):
        assert line in told, (line, told)
    english = cli.result("--lang", "en", "validate")
    assert "department 'Sở Xây dựng' is not in departments.yaml: write XD" in english.stdout + english.stderr


def test_validate_checks_each_attached_scan_is_there_confined_and_unchanged(
    cli: Cli, filled: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    scan = tmp_path / "Công văn 45.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    assert "đã đính kèm files/va-1-cong-van-45.pdf vào VA-1" in cli("attach", "VA-1", str(scan))
    assert cli.result("validate").exit_code == 0
    kept = filled / "files" / "va-1-cong-van-45.pdf"
    kept.write_bytes(b"%PDF-1.4 another")  # replaced by hand
    result = cli.result("validate")
    assert result.exit_code == 1
    assert "communes/van-an.yaml:" in result.output
    assert "VA-1: files: files/va-1-cong-van-45.pdf không khớp SHA-256" in result.output
    outside = tmp_path_factory.mktemp("elsewhere") / "shadow"
    outside.write_bytes(b"%PDF-1.4 scan")  # the right bytes, but out of files/
    kept.unlink()
    kept.symlink_to(outside)
    result = cli.result("validate")
    assert result.exit_code == 1 and "files/va-1-cong-van-45.pdf: liên kết (symlink) ra ngoài thư mục files/" in (
        result.output
    )
    kept.unlink()
    result = cli.result("--lang", "en", "validate")
    assert result.exit_code == 1 and "VA-1: files: no file files/va-1-cong-van-45.pdf" in result.output


def test_validate_names_a_file_in_files_that_no_record_names(cli: Cli, filled: Path, tmp_path: Path) -> None:
    attached(cli, filled, tmp_path, "VA-1")
    (filled / "files" / ".gitkeep").write_bytes(b"")  # a hidden file is git's, not a scan
    assert cli.result("validate").exit_code == 0
    (filled / "files" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 copied in by hand")
    result = cli.result("validate")
    assert result.exit_code == 1
    assert "files/bien-ban.pdf: không bản ghi nào ghi tệp này" in result.output
    assert "va-1-cong-van-45.pdf" not in result.output  # the attached one is named by VA-1
    english = cli.result("--lang", "en", "validate")
    assert "files/bien-ban.pdf: no record names this file" in english.output


def test_validate_says_an_attached_name_that_is_a_folder_fifo_socket_or_device_is_no_regular_file(
    cli: Cli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import socket
    import stat

    kept = attached(cli, filled, tmp_path, "VA-1")
    makers = {"folder": kept.mkdir, "fifo": lambda: os.mkfifo(kept)}
    if hasattr(os, "mknod") and os.geteuid() == 0:
        makers["device"] = lambda: os.mknod(kept, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    for kind, make in [*makers.items(), ("socket", None)]:
        kept.unlink() if not kept.is_dir() else kept.rmdir()
        if make is not None:
            make()
            sock = None
        else:
            sock = socket.socket(socket.AF_UNIX)
            monkeypatch.chdir(kept.parent)  # a socket's path is limited to ~100 bytes
            sock.bind(kept.name)
        try:
            result = cli.result("validate")
            assert result.exit_code == 1 and "Traceback" not in result.output, (kind, result.output)
            assert "lỗi không mong đợi" not in result.output, (kind, result.output)
            assert "communes/van-an.yaml:" in result.output
            assert "VA-1: files: files/va-1-cong-van-45.pdf không phải một tệp thường" in result.output, (kind,)
            english = cli.result("--lang", "en", "validate").output
            assert "VA-1: files: files/va-1-cong-van-45.pdf is not a regular file" in english, (kind, english)
        finally:
            if sock is not None:
                sock.close()


def test_validate_checks_the_statuses_a_history_entry_holds_against_its_records_statuses(cli: Cli, data: Path) -> None:
    write(
        data,
        "van-an",
        HEADER
        + """issues:
- id: VA-1
  title: Một
  dept: NNMT
  status: open
  history:
  - date: 2025-10-01
    by: A
    status: open
  - date: 2025-10-02
    by: A
    status: Đang xử lý
    was:
      status: bogus
action_plan:
- id: VA-KH1
  title: Hai
  owner: Anh Ba
  status: planned
  history:
  - date: 2025-10-01
    by: A
    was:
      status: open
""",
    )
    result = cli.result("validate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    told = result.output
    assert (
        "communes/van-an.yaml:17: VA-1: history.status: giá trị không hợp lệ 'Đang xử lý': tệp ghi mã, viết in_progress"
        in told
    ), told
    assert "communes/van-an.yaml:19: VA-1: history.was.status: giá trị không hợp lệ 'bogus'; chọn một trong: " in told
    assert "communes/van-an.yaml:29: VA-KH1: history.was.status: giá trị không hợp lệ 'open'; chọn một trong: " in told
    assert "'planned', 'in_progress', 'done' hoặc 'dropped'" in told
    english = cli.result("--lang", "en", "validate").output
    assert "VA-1: history.was.status: invalid value 'bogus'; expected one of: 'open', 'in_progress'" in english
