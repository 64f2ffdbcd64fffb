"""A national roll-up over real git repositories: bare repositories on disk are the
members' remotes, pushed to from working clones the CLI filled."""

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.ops import rollup


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def member(tmp_path: Path, cli: Cli, name: str, titles: list[str], dept: str = "NNMT") -> tuple[Path, Path]:
    """A province's repository: a bare remote, and the working clone that pushed to it."""
    bare, work = tmp_path / "remotes" / f"{name}.git", tmp_path / "work" / name
    bare.parent.mkdir(exist_ok=True)
    git("init", "-q", "--bare", str(bare), cwd=tmp_path)
    work.mkdir(parents=True)
    git("init", "-q", "-b", "main", cwd=work)
    git("remote", "add", "origin", str(bare), cwd=work)
    cli("init", str(work / "data"))
    data = ("--data-dir", str(work / "data"))
    cli(*data, "add-commune", "van an")
    for title in titles:
        cli(*data, "add-issue", "--commune", "Vạn An", "--dept", dept, "--title", title,
            "--raised-on", "2025-09-01", "--due", "2025-10-01")  # fmt: skip
    push(work, "dữ liệu ban đầu")
    return bare, work


def push(work: Path, message: str) -> str:
    git("add", "-A", cwd=work)
    git("commit", "-qm", message, cwd=work)
    git("push", "-q", "origin", "HEAD:refs/heads/main", cwd=work)
    return git("rev-parse", "HEAD", cwd=work)


def describe(folder: Path, members: list[tuple[str, str, str]]) -> Path:
    """rollup.yaml naming these (name, province, url) members, on branch main."""
    lines = ["members:"]
    for name, province, url in members:
        lines += [f"- name: {name}", f"  province: {province}", f"  url: '{url}'", "  ref: main"]
    lines += ["ministries:", "  NNMT: Bộ Nông nghiệp và Môi trường", "  TC: Bộ Tài chính"]
    path = folder / "rollup.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def country(tmp_path: Path, cli: Cli) -> dict[str, Path]:
    """Two valid provinces whose first issue is VA-1 in both, one whose data is
    invalid, one whose remote does not exist."""
    p1, w1 = member(tmp_path, cli, "p1", ["Chậm cấp GCNQSD đất"])
    p2, w2 = member(tmp_path, cli, "p2", ["Thiếu công chức địa chính", "Trụ sở xuống cấp"])
    # a department only P2 has: kept as it is
    departments = w2 / "data" / "departments.yaml"
    departments.write_text(departments.read_text("utf-8") + "- code: BQLKKT\n  name: Ban Quản lý Khu kinh tế\n",
                           "utf-8")  # fmt: skip
    cli("--data-dir", str(w2 / "data"), "add-issue", "--commune", "Vạn An", "--dept", "BQLKKT", "--title",
        "Chậm giao đất khu kinh tế", "--raised-on", "2025-09-01")  # fmt: skip
    push(w2, "thêm BQLKKT")
    bad, wbad = member(tmp_path, cli, "bad", ["Một vướng mắc"])
    commune = wbad / "data" / "communes" / "van-an.yaml"
    commune.write_text(commune.read_text("utf-8").replace("status: open", "stauts: open"), "utf-8")
    push(wbad, "một lỗi gõ")
    root = tmp_path / "national"
    root.mkdir()
    describe(root, [("p1", "P1", str(p1)), ("p2", "P2", str(p2)), ("bad", "P3", str(bad)),
                    ("gone", "P4", str(tmp_path / "remotes" / "nowhere.git"))])  # fmt: skip
    return {"root": root, "p1": p1, "p2": p2, "w1": w1, "w2": w2, "bad": bad}


def test_init_writes_a_valid_description_with_the_ministries_and_its_schema(cli: Cli, tmp_path: Path) -> None:
    out = cli("rollup", "init", "quoc-gia")
    assert "rollup.yaml" in out and "rollup.schema.json" in out
    described = rollup.load(tmp_path / "quoc-gia" / "rollup.yaml")
    assert described.ministries["NNMT"] == "Bộ Nông nghiệp và Môi trường"
    assert described.ministries["VPUB"] == "Văn phòng Chính phủ"
    from tracker.seed import departments

    assert {d.code for d in departments().departments} == set(described.ministries)
    assert len(described.members) == 1
    schema = (tmp_path / "quoc-gia" / "schemas" / "rollup.schema.json").read_text("utf-8")
    assert schema == cli("schema", "rollup")
    assert "token" not in (tmp_path / "quoc-gia" / "rollup.yaml").read_text("utf-8").split("members:")[1].lower()
    again = cli.result("rollup", "init", "quoc-gia")
    assert again.exit_code != 0 and "không ghi đè" in again.stderr


def test_a_wrong_description_is_refused_with_each_problem(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "rollup.yaml").write_text(
        "members:\n"
        "- {name: a, province: NA, url: 'https://user:ghp_secret@example.invalid/a.git', ref: main}\n"
        "- {name: b, province: NA, url: /srv/b.git, ref: main, data: ../elsewhere}\n",
        "utf-8",
    )
    result = cli.result("rollup", "fetch")
    assert result.exit_code != 0
    said = result.stderr
    assert "rollup.yaml:2: a: url: địa chỉ có mật khẩu hoặc token" in said
    assert "rollup.yaml:3: b: province: 'NA' đã có ở thành viên khác" in said
    assert "rollup.yaml:3: b: data: thư mục dữ liệu phải nằm trong kho" in said
    assert not (tmp_path / ".rollup").exists()
    (tmp_path / "rollup.yaml").write_text("members:\n- {name: c, province: HT, url: /srv/c.git, branch: main}\n")
    said = cli.result("rollup", "stats").stderr
    assert "rollup.yaml:2: members[0]: branch: trường không hợp lệ" in said
    assert "rollup.yaml:2: members[0]: ref: thiếu trường bắt buộc" in said


def test_no_description_says_how_to_make_one(cli: Cli) -> None:
    result = cli.result("rollup", "stats")
    assert result.exit_code != 0 and "tracker rollup init" in result.stderr


def test_fetch_names_each_failure_and_goes_on(cli: Cli, country: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    result = cli.result("rollup", "fetch", "--jobs", "3")
    assert result.exit_code == 1
    p1 = git("rev-parse", "main", cwd=country["p1"])
    p2 = git("rev-parse", "main", cwd=country["p2"])
    assert f"p1 (P1): {p1}, 1 bản ghi" in result.stdout
    assert f"p2 (P2): {p2}, 3 bản ghi" in result.stdout
    assert "bad (P3): lỗi: dữ liệu không hợp lệ (2 vấn đề):" in result.stderr and "stauts" in result.stderr
    assert "gone (P4): lỗi: không lấy được:" in result.stderr and "nowhere.git" in result.stderr
    assert "2/4 thành viên" in result.stderr and "bad, gone" in result.stderr
    # a shallow clone of the branch, in the roll-up's own folder
    assert git("rev-parse", "--is-shallow-repository", cwd=country["root"] / ".rollup" / "p1") == "true"
    assert not (country["root"] / ".rollup" / "gone").exists()


def test_stats_per_province_per_department_and_the_country(cli: Cli, country: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    result = cli.result("rollup", "stats", "--format", "json", "--as-of", "2025-10-20")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data["provinces"]) == ["P1", "P2"]
    assert data["provinces"]["P1"]["open_overdue"] == 1 and data["provinces"]["P1"]["total"] == 1
    assert data["provinces"]["P2"]["total"] == 3 and data["provinces"]["P2"]["open_undated"] == 1
    assert data["departments"]["NNMT"]["total"] == 3 and data["departments"]["NNMT"]["open_overdue"] == 3
    assert data["departments"]["BQLKKT"]["total"] == 1  # only P2 has it: kept as it is
    assert list(data["departments"]) == ["NNMT", "BQLKKT"]  # the ministry map's order, then the others
    assert data["total"]["total"] == 4 and data["total"]["overdue_by_age"]["1-30"] == 3
    assert data["ministries"] == {"NNMT": "Bộ Nông nghiệp và Môi trường", "BQLKKT": None}
    assert data["members"]["p1"]["commit"] == git("rev-parse", "main", cwd=country["p1"])
    assert data["members"]["p1"]["included"] and not data["members"]["bad"]["included"]
    assert "stauts" in data["members"]["bad"]["reason"]
    assert "cảnh báo: bad: dữ liệu không hợp lệ" in result.stderr
    table = cli("rollup", "stats", "--as-of", "2025-10-20")
    assert "Theo tỉnh:" in table and "Theo cơ quan chủ trì:" in table and "BQLKKT" in table
    assert "(5) Chưa hoàn thành, quá hạn" in table


def test_the_report_shows_ids_with_their_province_and_the_ministries(
    cli: Cli, country: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    out = cli("rollup", "report", "--as-of", "2025-10-20")
    assert "| P1:VA-1 | Vạn An | NNMT | Bộ Nông nghiệp và Môi trường | 01/10/2025 | 19 | Chậm cấp GCNQSD đất |" in out
    assert (
        "| P2:VA-1 | Vạn An | NNMT | Bộ Nông nghiệp và Môi trường | 01/10/2025 | 19 | Thiếu công chức địa chính |"
        in out
    )
    assert "| VA-1 |" not in out  # never an ID without its province
    assert "| BQLKKT | (chưa có) |" in out
    assert "### P1" in out and "Quá hạn: 1 (1-30: 1, 31-90: 0, 91+: 0 ngày)." in out
    english = cli("--lang", "en", "rollup", "report", "--as-of", "2025-10-20")
    assert "| P2:VA-2 |" in english and "Overdue issues by province" in english
    cli("rollup", "report", "--output", "bao-cao.md")
    assert (country["root"] / "bao-cao.md").read_text("utf-8").startswith("# BÁO CÁO TỔNG HỢP TOÀN QUỐC")


def test_an_unchanged_member_is_not_read_again(cli: Cli, country: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    first = json.loads(cli("rollup", "stats", "--format", "json"))
    # P2 moves on between two runs; P1 does not
    cli("--data-dir", str(country["w2"] / "data"), "close", "VA-1", "--resolution", "Đã bố trí", "--on", "2025-10-15")
    new = push(country["w2"], "đóng VA-1")
    rollup.reads.clear()
    again = cli.result("rollup", "fetch")
    assert "p1 (P1):" in again.stdout and "(không đổi)" in again.stdout.split("p1 (P1):")[1].splitlines()[0]
    assert f"p2 (P2): {new}, 3 bản ghi\n" in again.stdout
    assert "p1" not in rollup.reads and rollup.reads["p2"] == 1  # P2's new commit validated, P1 not read
    # P1's files gone from its checkout: its figures come from what was kept for its commit
    for path in (country["root"] / ".rollup" / "p1" / "data" / "communes").iterdir():
        path.unlink()
    second = json.loads(cli("rollup", "stats", "--format", "json"))
    assert "p1" not in rollup.reads and rollup.reads["p2"] == 2  # P2 counted once for its new commit
    assert second["provinces"]["P1"] == first["provinces"]["P1"]
    assert second["provinces"]["P2"]["done_late"] == 1 and second["members"]["p2"]["commit"] == new
    rollup.reads.clear()
    cli("rollup", "stats")
    assert rollup.reads == {}  # nothing read at all when nothing changed


def test_a_member_that_fails_later_keeps_its_last_figures_and_says_so(
    cli: Cli, country: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    country["p1"].rename(country["p1"].with_name("moved.git"))
    result = cli.result("rollup", "fetch")
    assert result.exit_code == 1 and "p1 (P1): lỗi: không lấy được: fatal:" in result.stderr
    # git's reason (its first `fatal:` line), not the advice it ends with
    assert "does not appear to be a git repository" in result.stderr
    assert "and the repository exists" not in result.stderr
    stats = cli.result("rollup", "stats", "--format", "json")
    assert "p1: lần lấy về cuối không được" in stats.stderr
    assert json.loads(stats.stdout)["provinces"]["P1"]["total"] == 1
    # the report's and the site's tables of members say so too, not "included"
    commit = json.loads(stats.stdout)["members"]["p1"]["commit"][:12]
    assert json.loads(stats.stdout)["members"]["p1"]["stale"].startswith("không lấy được: fatal:")
    report = cli("rollup", "report", "--as-of", "2025-10-20")
    assert f"| p1 | P1 | {commit} | 1 | số liệu cũ, commit {commit}: lần lấy về cuối không được |" in report
    assert "| p2 | P2 |" in report and "| 3 | đã tổng hợp |" in report
    english = cli("--lang", "en", "rollup", "report", "--as-of", "2025-10-20")
    assert f"| p1 | P1 | {commit} | 1 | old figures, commit {commit}: its last fetch failed |" in english
    cli("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    index = (country["root"] / "site" / "index.html").read_text("utf-8")
    assert f"<td>số liệu cũ, commit {commit}: lần lấy về cuối không được</td>" in index


@pytest.fixture
def shared(tmp_path: Path, cli: Cli) -> dict[str, Path]:
    """Three provinces: a surveyor missing in all three (VA-1 in each, led by NNMT in
    two and TC in one), a land-law question in two, and one obstacle only P3 has."""
    p1, w1 = member(tmp_path, cli, "p1", ["Thiếu công chức địa chính", "Chưa có hướng dẫn Luật Đất đai 2024"])
    p2, w2 = member(tmp_path, cli, "p2", ["Thiếu công chức địa chính xã", "Chưa có hướng dẫn thi hành Luật Đất đai"])
    p3, w3 = member(tmp_path, cli, "p3", ["Thiếu công chức địa chính"], dept="TC")
    cli("--data-dir", str(w3 / "data"), "add-issue", "--commune", "Vạn An", "--dept", "YT", "--title",
        "Trạm y tế xuống cấp nghiêm trọng", "--raised-on", "2025-10-05")  # fmt: skip
    push(w3, "thêm")
    root = tmp_path / "national"
    root.mkdir()
    describe(root, [("p1", "P1", str(p1)), ("p2", "P2", str(p2)), ("p3", "P3", str(p3))])
    return {"root": root, "w1": w1, "w2": w2, "w3": w3}


def test_clusters_group_one_obstacle_across_provinces_with_its_ministries(
    cli: Cli, shared: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(shared["root"])
    cli("rollup", "fetch")
    data = json.loads(cli("rollup", "clusters", "--format", "json"))
    first, second = data["clusters"]
    assert first["ids"] == ["P1:VA-1", "P2:VA-1", "P3:VA-1"]  # the same VA-1 of three provinces, never collided
    assert first["provinces"] == ["P1", "P2", "P3"] and first["communes"] == 3 and first["size"] == 3
    assert first["depts"] == ["NNMT", "TC"]
    assert first["ministries"] == {"NNMT": "Bộ Nông nghiệp và Môi trường", "TC": "Bộ Tài chính"}
    assert second["ids"] == ["P1:VA-2", "P2:VA-2"] and second["provinces"] == ["P1", "P2"]
    assert all("P3:VA-2" not in g["ids"] for g in data["clusters"])  # one province's alone is no group here
    assert [g["ids"] for g in json.loads(cli("rollup", "clusters", "--min-provinces", "3", "--format", "json"))[
        "clusters"]] == [first["ids"]]  # fmt: skip
    assert [g["ids"] for g in json.loads(cli("rollup", "clusters", "--dept", "tc", "--format", "json"))[
        "clusters"]] == [first["ids"]]  # fmt: skip
    md = cli("rollup", "clusters", "--format", "md")
    assert md.startswith("# Vướng mắc chung của nhiều tỉnh")
    assert "| P1, P2, P3 | 3 | 3 | NNMT, TC | NNMT: Bộ Nông nghiệp và Môi trường; TC: Bộ Tài chính |" in md
    english = cli("--lang", "en", "rollup", "clusters")
    assert "Obstacles common" not in english and "Ministry: NNMT: Bộ Nông nghiệp và Môi trường" in english
    rows = cli("rollup", "clusters", "--format", "csv").splitlines()
    assert rows[0].startswith("Nội dung,Các tỉnh,Số xã,Số vướng mắc") and "P1:VA-1; P2:VA-1; P3:VA-1" in rows[1]
    cli("rollup", "clusters", "--format", "md", "--output", "nhom.md")
    assert (shared["root"] / "nhom.md").read_text("utf-8") == md


def test_clusters_are_kept_for_the_members_commits(cli: Cli, shared: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tracker.ops import rollup as ops

    monkeypatch.chdir(shared["root"])
    cli("rollup", "fetch")
    config = shared["root"] / "rollup.yaml"
    today = date(2025, 12, 31)
    assert ops.clusters(config, today).regrouped
    assert not ops.clusters(config, today).regrouped  # nothing changed: not grouped again
    cli("--data-dir", str(shared["w2"] / "data"), "add-issue", "--commune", "Vạn An", "--dept", "YT", "--title",
        "Trạm y tế xã xuống cấp nghiêm trọng", "--raised-on", "2025-10-15")  # fmt: skip
    push(shared["w2"], "thêm trạm y tế")
    cli("rollup", "fetch")
    again = ops.clusters(config, today)
    assert again.regrouped and ["P2:VA-3", "P3:VA-2"] in [g.ids for g in again.groups]
    # as of a day before P2 raised it, the group is one province's alone: not shown
    before = json.loads(cli("rollup", "clusters", "--as-of", "2025-10-10", "--format", "json"))
    assert ["P2:VA-3", "P3:VA-2"] not in [g["ids"] for g in before["clusters"]]
    assert before["as_of"] == "2025-10-10"
    period = json.loads(cli("rollup", "clusters", "--period", "2025-10", "--format", "json"))
    assert period["as_of"] == "2025-10-14" and len(period["clusters"]) == 2


def test_period_counts_to_its_cut_off_and_refuses_as_of(cli: Cli, country: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    data = json.loads(cli("rollup", "stats", "--period", "2025-09", "--format", "json"))
    assert data["as_of"] == "2025-09-14" and data["total"]["total"] == 4
    assert data["provinces"]["P1"]["open_overdue"] == 0  # due 01/10: not overdue at the cut-off
    later = json.loads(cli("rollup", "stats", "--period", "2025-10", "--format", "json"))
    assert later["as_of"] == "2025-10-14" and later["provinces"]["P1"]["open_overdue"] == 1
    report = cli("rollup", "report", "--period", "2025-10")
    assert "14/10/2025" in report and "| P1:VA-1 |" in report
    refused = cli.result("rollup", "stats", "--period", "2025-10", "--as-of", "2025-10-01")
    assert refused.exit_code != 0 and "--period đã định ngày chốt số liệu" in refused.stderr
    wrong = cli.result("rollup", "clusters", "--period", "2025-13")
    assert wrong.exit_code != 0 and "kỳ không hợp lệ '2025-13'" in wrong.stderr


def test_a_rollup_cuts_its_periods_off_on_its_own_day(cli: Cli, country: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """rollup.yaml's `reporting: {cutoff_day}` is the day every member's figures count
    to for `--period` (a ministry's regime, not each province's own)."""
    monkeypatch.chdir(country["root"])
    described = country["root"] / "rollup.yaml"
    described.write_text(described.read_text("utf-8") + "reporting:\n  cutoff_day: 20\n", "utf-8")
    cli("rollup", "fetch", code=1)
    data = json.loads(cli("rollup", "stats", "--period", "2025-10", "--format", "json"))
    assert data["as_of"] == "2025-10-20"
    assert "20/10/2025" in cli("rollup", "report", "--period", "2025-10")
    described.write_text(described.read_text("utf-8").replace("cutoff_day: 20", "cutoff_day: 31"), "utf-8")
    wrong = cli.result("rollup", "stats", "--period", "2025-10")
    assert wrong.exit_code != 0 and "rollup.yaml" in wrong.stderr and "cutoff_day" in wrong.stderr


def test_site_has_a_national_overview_and_a_page_a_province(cli: Cli, shared: dict[str, Path], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(shared["root"])
    described = shared["root"] / "rollup.yaml"
    site = "  site: https://p1.example.org/site/\n"
    text = described.read_text("utf-8").replace("  ref: main\n", "  ref: main\n" + site, 1)
    described.write_text(text, "utf-8")
    cli("rollup", "fetch")
    result = cli.result("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    assert result.exit_code == 0 and "site: 6 trang, ghi 6" in result.stderr, result.stderr
    out = shared["root"] / "site"
    index = (out / "index.html").read_text("utf-8")
    assert '<link rel="stylesheet" href="assets/site.css">' in index
    assert (out / "assets" / "site.css").is_file() and (out / "assets" / "site.js").is_file()
    assert '<a href="province/P2.html">P2</a>' in index and "Cả nước" in index
    assert "NNMT — Bộ Nông nghiệp và Môi trường<br>TC — Bộ Tài chính" in index  # the group's ministries
    assert 'P1:VA-1</span>, <span class="nw">P2:VA-1</span>, <span class="nw">P3:VA-1' in index
    for code in ("P1", "P2", "P3"):
        page = (out / "province" / f"{code}.html").read_text("utf-8")
        assert f"<title>Tỉnh {code} — Tổng hợp toàn quốc</title>" in page and f"<h1>Tỉnh {code} " in page
        assert 'href="../assets/site.css"' in page and '<div class="scroll"><table class="grid">' in page
    p1 = (out / "province" / "P1.html").read_text("utf-8")
    assert '<a href="https://p1.example.org/site/">Trang của tỉnh P1</a>' in p1
    assert "Trang của tỉnh" not in (out / "province" / "P2.html").read_text("utf-8")  # no site given
    assert '<td class="id">P1:VA-1</td>' in p1 and ">P1:VA-1, P1:VA-2<" not in p1  # overdue, with its province
    assert '<a href="P2.html">P2</a>' in p1
    english = cli.result("--lang", "en", "rollup", "site", "--output", "site-en", "--as-of", "2025-10-20")
    assert english.exit_code == 0
    assert "<title>Province P1 — National roll-up</title>" in (
        shared["root"] / "site-en" / "province" / "P1.html").read_text("utf-8")  # fmt: skip
    # a second build writes nothing; a province taken out of the roll-up loses its page
    again = cli.result("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    assert "ghi 0" in again.stderr
    lines = described.read_text("utf-8").split("- name: p3")[0]
    described.write_text(lines + "ministries:\n  NNMT: Bộ Nông nghiệp và Môi trường\n", "utf-8")
    cli("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    assert not (out / "province" / "P3.html").exists() and (out / "province" / "P2.html").exists()


def test_site_refuses_a_link_that_is_not_a_web_address_and_a_folder_among_the_checkouts(
    cli: Cli, shared: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(shared["root"])
    cli("rollup", "fetch")
    refused = cli.result("rollup", "site", "--output", ".rollup/site")
    assert refused.exit_code != 0 and "không ghi vào thư mục dữ liệu" in refused.stderr
    assert "Traceback" not in refused.stderr and not (shared["root"] / ".rollup" / "site").exists()
    described = shared["root"] / "rollup.yaml"
    text = described.read_text("utf-8").replace("  ref: main\n", "  ref: main\n  site: javascript:alert(1)\n", 1)
    described.write_text(text, "utf-8")
    wrong = cli.result("rollup", "site", "--output", "site")
    assert wrong.exit_code != 0 and "rollup.yaml:6: members[0]: site:" in wrong.stderr
    assert not (shared["root"] / "site").exists()


def test_clusters_leave_out_a_member_not_valid_or_not_fetched_and_name_it(
    cli: Cli, country: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    result = cli.result("rollup", "clusters", "--format", "json")
    assert result.exit_code == 0
    assert "cảnh báo: bad: dữ liệu không hợp lệ" in result.stderr and "cảnh báo: gone:" in result.stderr
    assert all(not i.startswith(("P3:", "P4:")) for g in json.loads(result.stdout)["clusters"] for i in g["ids"])
    english = cli.result("--lang", "en", "rollup", "clusters")
    assert "No obstacle is common to 2 provinces or more." in english.stdout


def test_members_named_as_the_roll_ups_own_files_keep_their_figures_apart(
    cli: Cli, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """A member may be named `fetched` or `clusters`: its figures are its own
    (.rollup/_members/), never the roll-up's fetch record or groups."""
    a, _ = member(tmp_path, cli, "a", ["Thiếu công chức địa chính"])
    b, _ = member(tmp_path, cli, "b", ["Thiếu công chức địa chính xã"])
    root = tmp_path / "national"
    root.mkdir()
    describe(root, [("fetched", "P1", str(a)), ("clusters", "P2", str(b))])
    monkeypatch.chdir(root)
    cli("rollup", "fetch")
    config = root / "rollup.yaml"
    first = json.loads(cli("rollup", "stats", "--format", "json"))
    assert first["total"]["total"] == 2 and all(m["included"] for m in first["members"].values())
    assert rollup.clusters(config, date(2025, 12, 31)).regrouped
    rollup.reads.clear()
    assert json.loads(cli("rollup", "stats", "--format", "json")) == first
    assert rollup.reads == {}  # neither member's figures overwritten: nothing read again
    assert not rollup.clusters(config, date(2025, 12, 31)).regrouped
    fetched = json.loads((root / ".rollup" / "fetched.json").read_text("utf-8"))
    assert set(fetched) == {"fetched", "clusters"}
    assert (root / ".rollup" / "_members" / "fetched.json").is_file()


def refused(cli: Cli, folder: Path, *members: str) -> str:
    """What `rollup fetch` says of a rollup.yaml of these members (flow mappings) that
    it refuses: one line a problem, nothing fetched."""
    (folder / "rollup.yaml").write_text("members:\n" + "".join(f"- {m}\n" for m in members), "utf-8")
    result = cli.result("rollup", "fetch")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert not (folder / ".rollup").exists()
    return str(result.stderr)


def test_a_url_with_a_query_or_fragment_is_refused_and_git_s_errors_are_redacted(cli: Cli, tmp_path: Path) -> None:
    """A token in an http(s) URL's query (`?access_token=…`) never reaches git, nor
    its errors CI's logs: the URL is refused, and what git says of a URL is redacted."""
    said = refused(cli, tmp_path,
                   "{name: a, province: NA, url: 'https://github.com/x/y.git?access_token=abc', ref: main}",
                   "{name: b, province: HT, url: 'https://github.com/x/z.git#abc', ref: main}",
                   "{name: c, province: TH, url: 'https://github.com/x/w.git', ref: main}")  # fmt: skip
    assert "rollup.yaml:2: a: url: địa chỉ http(s) có phần '?…' hoặc '#…'" in said
    assert "rollup.yaml:3: b: url: địa chỉ http(s) có phần '?…' hoặc '#…'" in said
    assert "rollup.yaml:4" not in said and "abc" not in said
    english = cli.result("--lang", "en", "rollup", "fetch")
    assert "rollup.yaml:2: a: url: the http(s) URL has a '?…' query or '#…' fragment" in english.stderr
    # What git itself says of such a URL (it prints the query) is redacted, as is a user and token.
    said = subprocess.run(["git", "ls-remote", "--", "https://u:tok@127.0.0.1:9/x.git?access_token=abc"],
                          capture_output=True, text=True, env={"GIT_TERMINAL_PROMPT": "0", "PATH": "/usr/bin:/bin"},
                          check=False).stderr  # fmt: skip
    assert "access_token=abc" in said
    reason = rollup.git_reason(said + "\nhint: see https://x:secret@example.org/a?t=1#f")
    assert reason.startswith("fatal:") and "abc" not in reason and "127.0.0.1:9/x.git?***" in reason
    assert (
        rollup.redacted("at https://user:tok@example.org/a.git?t=1 and") == "at https://***@example.org/a.git?*** and"
    )


def test_clusters_count_an_issue_with_no_raised_day_as_stats_does(cli: Cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An issue that gives no day it was raised counts from the day it was written down
    (timeline.since), in the groups as in the grid: before then, neither counts it."""
    described = []
    for name in ("p1", "p2"):
        bare, work = member(tmp_path, cli, name, ["Thiếu công chức địa chính"])
        commune = work / "data" / "communes" / "van-an.yaml"
        commune.write_text(commune.read_text("utf-8").replace("  raised_on: 2025-09-01\n", ""), "utf-8")
        push(work, "không ghi ngày nêu")
        described.append((name, name.upper(), str(bare)))
    root = tmp_path / "national"
    root.mkdir()
    describe(root, described)
    monkeypatch.chdir(root)
    cli("rollup", "fetch")
    stats = json.loads(cli("rollup", "stats", "--as-of", "2020-01-01", "--format", "json"))
    groups = json.loads(cli("rollup", "clusters", "--as-of", "2020-01-01", "--format", "json"))
    assert stats["total"]["total"] == 0 and groups["clusters"] == []
    now = json.loads(cli("rollup", "stats", "--format", "json"))
    assert now["total"]["total"] == 2
    assert [g["ids"] for g in json.loads(cli("rollup", "clusters", "--format", "json"))["clusters"]] == [
        ["P1:VA-1", "P2:VA-1"]
    ]


def test_site_removes_only_the_pages_it_made_and_writes_nothing_when_a_page_would_leave(
    cli: Cli, shared: dict[str, Path], tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(shared["root"])
    cli("rollup", "fetch")
    out = shared["root"] / "site"
    cli("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    own = out / "province" / "ghi-chu.html"  # the user's own file, among the province pages
    own.write_text("<p>của tôi</p>", "utf-8")
    cli("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    assert own.read_text("utf-8") == "<p>của tôi</p>"
    # a manifest naming other files (it is not trusted) removes none of them
    manifest = json.loads((out / ".tracker-rollup-site.json").read_text("utf-8"))
    (out / "notes.txt").write_text("x", "utf-8")
    manifest["pages"] += ["province/ghi-chu.html/../../notes.txt", "../national/rollup.yaml", "index.html"]
    (out / ".tracker-rollup-site.json").write_text(json.dumps(manifest), "utf-8")
    cli("rollup", "site", "--output", "site", "--as-of", "2025-10-20")
    assert own.read_text("utf-8") == "<p>của tôi</p>" and (out / "notes.txt").exists()
    assert (shared["root"] / "rollup.yaml").exists() and (out / "index.html").exists()
    # a province page that would be written through a link out of the folder: nothing is written
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    fresh = shared["root"] / "site2"
    fresh.mkdir()
    (fresh / "province").symlink_to(elsewhere)
    result = cli.result("rollup", "site", "--output", "site2", "--as-of", "2025-10-20")
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    assert "province/P1.html" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in fresh.iterdir()) == ["province"] and not any(elsewhere.iterdir())


def test_a_member_whose_data_is_invalid_is_said_left_out_for_that_alone(
    cli: Cli, country: dict[str, Path], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """Fetched, but not valid: left out because its data is not valid; never "its last
    fetch failed" nor "figures of commit …" (no commit of it is counted)."""
    monkeypatch.chdir(country["root"])
    cli("rollup", "fetch", code=1)
    for args in (("stats",), ("report",), ("clusters",)):
        said = cli.result("rollup", *args).stderr
        assert "cảnh báo: bad: dữ liệu không hợp lệ (2 vấn đề):" in said and "stauts" in said
        assert "bad: lần lấy về cuối không được" not in said and "số liệu của commit" not in said
    english = cli.result("--lang", "en", "rollup", "stats").stderr
    assert "warning: bad: invalid data (2 problems):" in english and "last fetch failed" not in english


def test_names_and_provinces_equal_but_for_case_or_a_windows_device_are_refused(cli: Cli, tmp_path: Path) -> None:
    """Province codes and member names name files (province/HT.html, .rollup/<name>/):
    two that differ only in case are one file on Windows and macOS, and CON, NUL… are
    no file at all there."""
    said = refused(cli, tmp_path, "{name: ha-tinh, province: HT, url: /srv/a.git, ref: main}",
                   "{name: Ha-Tinh, province: ht, url: /srv/b.git, ref: main}",
                   "{name: con, province: NUL, url: /srv/c.git, ref: main}",
                   "{name: lpt1, province: Com3, url: /srv/d.git, ref: main}")  # fmt: skip
    assert "rollup.yaml:3: Ha-Tinh: name: 'Ha-Tinh' và 'ha-tinh' của thành viên khác chỉ khác chữ hoa" in said
    assert "rollup.yaml:3: Ha-Tinh: province: 'ht' và 'HT' của thành viên khác chỉ khác chữ hoa" in said
    assert "rollup.yaml:4: con: name: 'con' là tên thiết bị của Windows" in said
    assert "rollup.yaml:4: con: province: 'NUL' là tên thiết bị của Windows" in said
    assert "rollup.yaml:5: lpt1: name: 'lpt1'" in said and "rollup.yaml:5: lpt1: province: 'Com3'" in said
    english = cli.result("--lang", "en", "rollup", "stats").stderr
    assert "rollup.yaml:3: Ha-Tinh: province: 'ht' and another member's 'HT' differ only in case" in english
    assert "rollup.yaml:4: con: name: 'con' is a Windows device name" in english


def test_init_s_help_names_its_folder_as_the_other_commands_do(cli: Cli) -> None:
    """The folder argument is DIR, as `tracker init`'s, with its help in Vietnamese."""
    out = " ".join(cli("rollup", "init", "--help").split())
    assert "tracker rollup init [TÙY-CHỌN] [DIR]" in out
    assert "Đối số: DIR Thư mục của bản tổng hợp (mặc định: thư mục này)." in out
    assert "folder" not in out and "[mặc định: .]" not in out
    english = " ".join(cli("--lang", "en", "rollup", "init", "--help").split())
    assert "[DIR]" in english and "Folder of the roll-up (default: here)." in english
