"""`tracker site`: the pages, their links, escaping, counts, determinism, incremental
rebuilds, and the pages loaded in a real headless Chromium."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, SCAN, SESSION_DATA, Cli, attached
from tracker.wording import labels

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Chromium (CI installs it)")
AS_OF = "2025-11-05"
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def build(cli: Cli, out: Path, *args: str) -> str:
    result = cli.result("site", "--output", str(out), "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.stderr
    return result.stderr


def pages(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_the_pages_a_small_data_set_needs(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    made = set(pages(out))
    expected = {"index.html", "overdue.html", "assets/site.css", "assets/site.js", "commune/van-an.html",
                "commune/thien-nhan.html", "dept/NNMT.html", "dept/NV.html", "dept/TC.html", "dept/KHCN.html",
                "issue/VA-1.html", "issue/VA-2.html", "issue/VA-3.html", "issue/TN-1.html",
                "plan/VA-KH1.html"}  # fmt: skip
    assert expected <= made
    issue = (out / "issue" / "VA-1.html").read_text("utf-8")
    assert "Chậm cấp GCNQSD đất" in issue and 'href="../plan/VA-KH1.html"' in issue  # the plan that addresses it
    assert 'href="../commune/van-an.html"' in issue and 'href="../dept/TC.html"' in issue
    plan = (out / "plan" / "VA-KH1.html").read_text("utf-8")
    assert 'class="roadmap"' in plan and "15/11/2025" in plan and "Lập danh sách" in plan
    assert "Số liệu tính đến ngày 05/11/2025" in (out / "index.html").read_text("utf-8")
    build(cli, tmp_path / "en", "--lang", "en")
    english = (tmp_path / "en" / "index.html").read_text("utf-8")
    assert "Figures as of 2025-11-05" in english and '<html lang="en">' in english


def test_every_link_resolves_and_nothing_comes_from_the_network(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    for name, raw in pages(out).items():
        if not name.endswith(".html"):
            continue
        for target in LINK.findall(raw.decode("utf-8")):
            assert "://" not in target and not target.startswith("//"), (name, target)
            path = target.split("#")[0]
            assert (out / name).parent.joinpath(path).resolve().is_file(), (name, target)


def test_text_from_the_data_is_escaped(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", "<script>alert(1)</script> & <b>x</b>",
        "--description", 'Xem <a href="javascript:alert(1)">đây</a>')  # fmt: skip
    out = tmp_path / "site"
    build(cli, out)
    for name in ("issue/VA-4.html", "commune/van-an.html", "dept/NNMT.html"):
        text = (out / name).read_text("utf-8")
        assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x" in text
    assert 'href="javascript' not in (out / "issue" / "VA-4.html").read_text("utf-8")


def test_the_overview_counts_what_stats_counts(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    stats = json.loads(cli("stats", "--format", "json", "--as-of", AS_OF))
    index = (out / "index.html").read_text("utf-8")
    grid = index.split('<table class="grid">')[1].split("</table>")[0]
    for code, cells in stats["departments"].items():
        row = re.search(rf'<tr><td><a href="dept/{code}.html">.*?</tr>', grid)
        assert row, code
        numbers = [int(n) for n in re.findall(r'<td class="n">(\d+)</td>', row[0])]
        keys = ["total", "done_on_time", "done_late", "open_in_time", "open_undated", "open_overdue", "escalated",
                "extended", "dropped"]  # fmt: skip
        assert numbers == [cells[k] for k in keys], code
    assert "<svg" in index and "Số liệu của biểu đồ" in index  # each chart with its figures as a table


def test_two_builds_are_byte_for_byte_the_same(cli: Cli, filled: Path, tmp_path: Path) -> None:
    build(cli, tmp_path / "one")
    build(cli, tmp_path / "two")
    assert pages(tmp_path / "one") == pages(tmp_path / "two")


def test_a_rebuild_after_one_edit_rewrites_only_what_depends_on_it(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    before = {name: (out / name).stat().st_mtime_ns for name in pages(out)}
    assert "0 xã" in build(cli, out) and "ghi 0," in build(cli, out)  # nothing changed: nothing written
    cli("update", "TN-1", "--status", "in_progress", "--note", "Đang rà soát")
    said = build(cli, out)
    assert "dựng lại 1 xã" in said
    after = {name: (out / name).stat().st_mtime_ns for name in pages(out)}
    rewritten = {name for name in after if after[name] != before.get(name)}
    # its pages, and its departments' (the lead and the supporting one) with its new status
    assert {"issue/TN-1.html", "commune/thien-nhan.html", "dept/KHCN.html", "dept/VPUB.html"} <= rewritten
    assert not rewritten & {"issue/VA-1.html", "commune/van-an.html", "plan/VA-KH1.html", "dept/NNMT.html",
                            "index.html"}  # the grid's counts did not change: neither did the overview  # fmt: skip
    cli("update", "TN-1", "--note", "Chỉ thêm ghi chú")  # only its own page shows a note
    assert "ghi 1, dựng lại 1 xã" in build(cli, out)
    assert "VA-1" in (out / "overdue.html").read_text("utf-8")
    cli("close", "VA-1", "--resolution", "Đã cấp", "--on", "2025-10-19")  # an overdue issue done: off the list
    build(cli, out)
    assert "VA-1" not in (out / "overdue.html").read_text("utf-8")
    cli("close", "TN-1", "--resolution", "Xong", "--on", "2025-10-19")  # not after today (#28.15)
    (filled / "communes" / "thien-nhan.yaml").unlink()  # a commune gone: its pages go too
    build(cli, out)
    assert not (out / "issue" / "TN-1.html").exists() and not (out / "commune" / "thien-nhan.html").exists()


def test_a_page_the_manifest_does_not_know_is_made_again(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    manifest = json.loads((out / ".tracker-site.json").read_text("utf-8"))
    del manifest["lists"][":dept:NNMT"]
    (out / ".tracker-site.json").write_text(json.dumps(manifest), "utf-8")
    (out / "dept" / "NNMT.html").unlink()
    build(cli, out)
    assert (out / "dept" / "NNMT.html").is_file()


def test_the_site_is_never_written_into_the_data(cli: Cli, filled: Path) -> None:
    result = cli.result("site", "--output", str(filled / "site"))
    assert result.exit_code != 0 and "không ghi vào thư mục dữ liệu" in result.stderr
    assert not (filled / "site").exists()


def _chromium(url: str, tmp_path: Path, shot: Path | None = None) -> str:
    """Load `url`; what Chromium logged (console messages, failed loads)."""
    assert CHROMIUM, "CI must install Chromium"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--enable-logging=stderr",
               "--v=0", f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1400"]  # fmt: skip
    command += [f"--screenshot={shot}"] if shot else ["--dump-dom"]
    done = subprocess.run([*command, url], capture_output=True, text=True, timeout=120, check=True)
    return done.stderr


@needs_chromium
def test_chromium_loads_the_pages_without_a_console_error(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, out)
    for name in ("index.html", "dept/NNMT.html", "issue/VA-1.html", "commune/van-an.html"):
        logged = _chromium((out / name).as_uri(), tmp_path)
        problems = [line for line in logged.splitlines() if "CONSOLE" in line or "ERR_FILE_NOT_FOUND" in line]
        assert problems == [], (name, problems)


@needs_chromium
def test_screenshots_for_the_readme(cli: Cli, tmp_path: Path) -> None:
    """The README's screenshots of the site: made here from a copy of the session's data
    (UPDATE_SCREENSHOTS=1 makes them from the repository's data and writes them to
    docs/site/); the test checks the ones it made, never those in the repository."""
    data = tmp_path / "data"
    update = bool(os.environ.get("UPDATE_SCREENSHOTS"))
    shutil.copytree(REPO / "data" if update else SESSION_DATA, data)
    out = tmp_path / "site"
    cli("--data-dir", str(data), "site", "--output", str(out), "--as-of", "2026-12-01")
    made = tmp_path / "shots"
    made.mkdir()
    for name in ("index", "dept/NNMT", "issue/VA-1"):
        shot = made / f"{name.replace('/', '-')}.png"
        _chromium((out / f"{name}.html").as_uri(), tmp_path, shot)
        assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n") and shot.stat().st_size > 10_000
    assert sorted(p.name for p in made.glob("*.png")) == ["dept-NNMT.png", "index.png", "issue-VA-1.png"]
    if update:
        for shot in made.glob("*.png"):
            shutil.copyfile(shot, REPO / "docs" / "site" / shot.name)


def test_a_status_change_rewrites_only_the_pages_of_a_long_list_it_is_on(
    cli: Cli, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.figures.PER_PAGE", 1)  # a long list at this size: one row a page
    for n, title in enumerate(["Thiếu cán bộ địa chính", "Chậm bàn giao trụ sở", "Chưa có bãi rác tập trung"]):
        cli("add-issue", "--commune", "van-an", "--dept", "NNMT", "--title", title, "--raised-on", "2025-09-01",
            "--due", f"2025-10-0{n + 1}")  # fmt: skip
    out = tmp_path / "site"
    build(cli, out)
    nnmt = sorted(p.relative_to(out).as_posix() for p in (out / "dept").glob("NNMT*.html"))
    assert len(nnmt) >= 3, nnmt
    on = {name: re.findall(r'issue/([A-Z]+-\d+)\.html">', (out / name).read_text("utf-8")) for name in nnmt}
    second = on["dept/NNMT-2.html"][0]
    before = {name: (out / name).read_bytes() for name in pages(out)}
    cli("update", second, "--status", "escalated")
    build(cli, out)
    after = pages(out)
    rewritten = {name for name in after if after[name] != before.get(name)}
    # the first page (the grid's counts) and the page the issue is on; not the others
    assert {"dept/NNMT.html", "dept/NNMT-2.html"} <= rewritten
    assert not rewritten & (set(nnmt) - {"dept/NNMT.html", "dept/NNMT-2.html"})
    assert '<table class="grid">' not in after["dept/NNMT-2.html"].decode()  # the figures are on page 1 only
    row = re.compile(rf'issue/{second}\.html">{second}</a>.*?</tr>')
    word = labels("vi").status_word("escalated")
    assert word in row.search(after["dept/NNMT-2.html"].decode()).group()  # its new status shows
    # it is overdue: of the overdue list's pages, the one it is on, with its new status, and no other
    late = {n for n in after if n.startswith("overdue") and f"issue/{second}.html" in after[n].decode()}
    assert len(late) == 1 and {n for n in rewritten if n.startswith("overdue")} == late
    assert word in row.search(after[late.pop()].decode()).group()


def test_an_issue_page_shows_the_document_with_its_result(cli: Cli, filled: Path, tmp_path: Path) -> None:
    cli("close", "VA-2", "--resolution", "Đã bổ sung 2 công chức", "--doc", "Số 45/SNV ngày 19/10/2025")
    build(cli, tmp_path / "site")
    page = (tmp_path / "site" / "issue" / "VA-2.html").read_text("utf-8")
    assert "Đã bổ sung 2 công chức (Văn bản: Số 45/SNV ngày 19/10/2025)</dd>" in page
    # the day it was resolved has a row of its own, not a second pair of brackets
    assert "<dt>Ngày giải quyết</dt><dd>20/10/2025</dd>" in page
    # its history is a table with its heads, under a heading with no colon
    assert "<h2>Lịch sử</h2>" in page and "<th>Ngày</th><th>Người ghi</th><th>Nội dung</th>" in page


def test_an_attached_scan_is_copied_into_the_site_and_linked(
    cli: Cli, filled: Path, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    kept = attached(cli, filled, tmp_path, "VA-2")
    out = tmp_path / "site"
    build(cli, out)
    assert (out / "files" / "va-2-cong-van-45.pdf").read_bytes() == b"%PDF-1.4 scan"
    assert '<a href="../files/va-2-cong-van-45.pdf">Công văn 45.pdf</a>' in (out / "issue" / "VA-2.html").read_text()
    # A scan replaced by a link out of files/ is neither read nor copied nor linked; the page names it only.
    outside = tmp_path_factory.mktemp("elsewhere") / "shadow"
    outside.write_bytes(SCAN)
    kept.unlink()
    kept.symlink_to(outside)
    cli("update", "VA-2", "--note", "rebuild its pages")
    build(cli, out)
    assert not (out / "files" / "va-2-cong-van-45.pdf").exists()
    page = (out / "issue" / "VA-2.html").read_text()
    assert "Công văn 45.pdf" in page and "../files/" not in page


def test_a_scan_that_fails_its_checks_is_left_out_with_a_warning_naming_the_record_and_the_file(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    import os

    kept = attached(cli, filled, tmp_path, "VA-2")
    out = tmp_path / "site"
    assert "cảnh báo" not in build(cli, out)
    kept.write_bytes(b"%PDF-1.4 replaced")  # another's bytes: not the SHA-256 the record keeps
    cli("update", "VA-2", "--note", "rebuild its pages")
    told = build(cli, out)
    assert "cảnh báo: không đưa bản quét lên trang: data/communes/van-an.yaml: VA-2: files: " in told, told
    assert "files/va-2-cong-van-45.pdf không khớp SHA-256" in told
    assert not (out / "files" / "va-2-cong-van-45.pdf").exists()
    assert "VA-2: files: " in build(cli, out)  # said again at the next build, the commune file unchanged
    kept.unlink()
    os.mkfifo(kept)  # a FIFO: never opened to block
    result = cli.result("site", "--output", str(out), "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0
    assert "warning: a scan left out of the site: data/communes/van-an.yaml: VA-2: files: " in result.stderr
    assert "files/va-2-cong-van-45.pdf is not a regular file" in result.stderr, result.stderr
    kept.unlink()
    kept.write_bytes(b"%PDF-1.4 scan")  # put right: copied at the next build, without a warning
    assert "warning" not in build(cli, out, "--lang", "en") and (out / "files" / "va-2-cong-van-45.pdf").exists()


def test_a_commune_file_that_cannot_be_read_is_said_to_leave_its_pages_out_of_the_site(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8") + "  files:\n  - file: ../x\n", "utf-8")
    told = build(cli, tmp_path / "site")
    assert "cảnh báo: bỏ qua tệp không đọc được (các trang của xã trong tệp này bị bỏ khỏi trang web): " in told, told
    assert "data/communes/van-an.yaml:" in told
    assert not (tmp_path / "site" / "commune" / "van-an.html").exists()
