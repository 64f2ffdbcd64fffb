"""tracker changes and report --since: a semantic changelog from real git history."""

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, golden

AUTHOR = {"GIT_AUTHOR_NAME": "Lê Thư Ký", "GIT_AUTHOR_EMAIL": "tk@example.vn",
          "GIT_COMMITTER_NAME": "Lê Thư Ký", "GIT_COMMITTER_EMAIL": "tk@example.vn"}  # fmt: skip


def commit(where: Path, message: str, when: str) -> None:
    env = {
        **os.environ,
        **AUTHOR,
        "GIT_AUTHOR_DATE": f"{when}T09:00:00+07:00",
        "GIT_COMMITTER_DATE": f"{when}T09:00:00+07:00",
    }
    subprocess.run(["git", "add", "-A"], cwd=where, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", message], cwd=where, check=True, env=env)


@pytest.fixture
def history(filled: Path, tmp_path: Path, cli: Cli) -> Path:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    commit(tmp_path, "Họp lần 1", "2025-10-01")
    subprocess.run(["git", "tag", "hop-1"], cwd=tmp_path, check=True)
    cli("update", "VA-1", "--status", "in_progress", "--due", "2025-11-30", "--note", "Đã có hướng dẫn")
    cli("update", "VA-2", "--dept", "TC", "--owner", "Chị Hoa")
    cli("close", "TN-1", "--resolution", "Đã liên thông")
    cli("plan", "update", "VA-KH1", "--milestone-done", "1")
    commit(tmp_path, "Cập nhật", "2025-10-20")
    cli("add-issue", "--commune", "van-an", "--dept", "XD", "--title", "Trụ sở xuống cấp")
    commit(tmp_path, "Thêm", "2025-10-25")
    return filled


@pytest.mark.parametrize(("name", "args"), [("changes.vi.md", []), ("changes.en.md", ["--lang", "en"]),
                                            ("changes.json", ["--format", "json"])])  # fmt: skip
def test_changes_golden(cli: Cli, history: Path, name: str, args: list[str]) -> None:
    lang, rest = (args, []) if args[:1] == ["--lang"] else ([], args)
    out = cli(*lang, "changes", "--since", "hop-1", *rest)
    # A commit's hash depends on every byte of the tree (the schemas too): the golden file says "a commit".
    golden(name, re.sub(r'"commit": "[0-9a-f]{12}"', '"commit": "<12 hex digits>"', out))


def test_changes_json_names_each_change(cli: Cli, history: Path) -> None:
    changes = json.loads(cli("changes", "--since", "hop-1", "--format", "json"))["changes"]
    rows = [(c["id"], c["change"], c["from"], c["to"]) for c in changes]
    assert rows == [
        ("TN-1", "status", "open", "resolved"),
        ("TN-1", "resolution", None, "Đã liên thông"),
        ("VA-1", "status", "open", "in_progress"),
        ("VA-1", "due", "2025-10-15", "2025-11-30"),
        ("VA-1", "note", None, "Đã có hướng dẫn"),
        ("VA-2", "dept", "NV", "TC"),
        ("VA-2", "owner", None, "Chị Hoa"),
        ("VA-KH1", "milestone", 1, "Lập danh sách"),
        ("VA-4", "added", None, "Trụ sở xuống cấp"),
    ]
    first = changes[3]
    # who made the change, as the record's history says, not who committed it (#33.9)
    assert (first["commune"], first["dept"], first["date"], first["by"]) == (
        "van-an",
        "NNMT",
        "2025-10-20",
        "Nguyễn Thư Ký",
    )
    assert {c["by"] for c in changes} == {"Nguyễn Thư Ký"} != {AUTHOR["GIT_AUTHOR_NAME"]}
    assert len(first["commit"]) == 12
    # A date works as well as a revision: the last commit before it is the base.
    since_date = json.loads(cli("changes", "--since", "2025-10-21", "--format", "json"))["changes"]
    assert [(c["id"], c["change"]) for c in since_date] == [("VA-4", "added")]


def test_changes_markdown_groups_by_department_and_commune(cli: Cli, history: Path) -> None:
    out = cli("changes", "--since", "hop-1")
    assert out.startswith("## THAY ĐỔI TỪ LẦN HỌP TRƯỚC\n\nTừ hop-1.\n")
    # by lead department in registry order (a change of lead counts under the new one), plans last
    order = [out.index(h) for h in ("### TC — Sở Tài chính", "### NNMT — Sở", "### XD — Sở", "### KHCN — Sở",
                                    "### Kế hoạch hành động của các xã")]  # fmt: skip
    assert order == sorted(order)
    assert "- VA-1: Trạng thái: Chưa xử lý → Đang xử lý (20/10/2025, Nguyễn Thư Ký)" in out
    assert "- VA-2: Cơ quan chủ trì: NV → TC (20/10/2025, Nguyễn Thư Ký)" in out
    assert "- VA-KH1: Hoàn thành mốc: Lập danh sách" in out


def test_report_since_adds_the_section_for_its_departments(cli: Cli, history: Path) -> None:
    out = cli("report", "--dept", "NNMT", "--since", "hop-1", "--as-of", "2025-10-26")
    section = out.split("## THAY ĐỔI TỪ LẦN HỌP TRƯỚC")[1].split("## PHỤ LỤC")[0]
    assert "VA-1: Thời hạn: 15/10/2025 → 30/11/2025" in section
    assert "VA-2" not in section  # now led by TC
    assert "THAY ĐỔI" not in cli("report", "--as-of", "2025-10-26")


def test_an_invalid_revision_is_a_warning_not_a_crash(cli: Cli, history: Path, tmp_path: Path) -> None:
    path = history / "communes" / "van-an.yaml"
    good = path.read_text("utf-8")
    path.write_text(good.replace("dept: XD", "dept: [XD"), "utf-8")
    commit(tmp_path, "hỏng", "2025-10-26")
    path.write_text(good.replace("title: Trụ sở xuống cấp", "title: Trụ sở hư hỏng"), "utf-8")
    commit(tmp_path, "sửa", "2025-10-27")
    result = cli.result("changes", "--since", "HEAD~2", "--format", "json")
    assert result.exit_code == 0
    assert "cảnh báo:" in result.stderr and "data/communes/van-an.yaml" in result.stderr
    assert "Traceback" not in result.output


def test_outside_git_is_a_clear_error(cli: Cli, filled: Path) -> None:
    result = cli.result("changes", "--since", "HEAD~1")
    assert result.exit_code == 2 and "git" in result.stderr and "Traceback" not in result.output
    assert cli.result("changes", "--since", "not-a-rev").exit_code == 2


def test_html_report_since_has_the_section(cli: Cli, history: Path, tmp_path: Path) -> None:
    cli("report", "--format", "html", "--since", "hop-1", "--output", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "<h2>THAY ĐỔI TỪ LẦN HỌP TRƯỚC</h2>" in html and "<b>VA-1</b>: Trạng thái: Chưa xử lý → Đang xử lý" in html


def test_the_site_has_a_page_of_what_changed_since_the_meeting(cli: Cli, history: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    cli("site", "--output", str(out), "--since", "hop-1", "--as-of", "2025-10-26")
    page = (out / "changes.html").read_text("utf-8")
    assert "hop-1" in page and "VA-1" in page and "Trụ sở xuống cấp" in page and "Đã liên thông" in page
    assert 'href="assets/site.css"' in page
