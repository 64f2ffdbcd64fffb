"""Dates a record can hold (#28.15): one range, for what users type and what files say,
and nothing raised, resolved or done after today."""

import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.dates import EARLIEST, LATEST


def test_the_range_has_one_home() -> None:
    assert (EARLIEST.isoformat(), LATEST.isoformat()) == ("2000-01-01", "2100-12-31")


RANGE, FUTURE = "ngày phải trong khoảng 01/01/2000 đến 31/12/2100", "là ngày trong tương lai (hôm nay 20/10/2025)"


@pytest.mark.parametrize(("args", "message"), [
    (["add-issue", "--commune", "van-an", "--dept", "NV", "--title", "X", "--raised-on", "9999-12-31"], RANGE),
    (["add-issue", "--commune", "van-an", "--dept", "NV", "--title", "X", "--due", "9999-12-31"], RANGE),
    (["add-issue", "--commune", "van-an", "--dept", "NV", "--title", "X", "--raised-on", "01/01/1999"], RANGE),
    (["close", "VA-1", "--resolution", "Xong", "--on", "9999-12-31"], RANGE),
    (["list", "--as-of", "0001-01-01"], RANGE),
    (["add-issue", "--commune", "van-an", "--dept", "NV", "--title", "X", "--raised-on", "2025-10-21"], FUTURE),
    (["close", "VA-1", "--resolution", "Xong", "--on", "21/10/2025"], FUTURE),
    (["plan", "update", "VA-KH1", "--status", "done", "--on", "2026-01-01"], FUTURE),
])  # fmt: skip
def test_a_date_out_of_the_range_or_after_today_is_refused(
    cli: Cli, filled: Path, args: list[str], message: str
) -> None:
    """Out of the range anywhere; after today for what was raised, resolved or done."""
    before = (filled / "communes" / "van-an.yaml").read_bytes()
    result = cli.result(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert (filled / "communes" / "van-an.yaml").read_bytes() == before


def test_today_is_not_the_future(cli: Cli, filled: Path) -> None:
    cli("close", "VA-1", "--resolution", "Xong", "--on", "2025-10-20")


def test_a_file_with_a_date_out_of_the_range_is_reported(cli: Cli, filled: Path) -> None:
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("raised_on: 2025-", "raised_on: 9999-", 1), "utf-8")
    result = cli.result("validate")
    assert result.exit_code == 1
    assert "raised_on: ngày phải trong khoảng 01/01/2000 đến 31/12/2100: 9999-" in result.output


@pytest.mark.parametrize("args", [["changes"], ["report"]])
def test_since_year_one_is_a_clear_error(cli: Cli, filled: Path, tmp_path: Path, args: list[str]) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "x"], cwd=tmp_path, check=True)
    for since in ("0001-01-01", "9999-12-31"):
        result = cli.result(*args, "--since", since)
        assert result.exit_code == 2, result.output
        assert "--since: ngày phải trong khoảng" in result.stderr
    site = cli.result("site", "--output", str(tmp_path / "site"), "--since", "0001-01-01")
    assert site.exit_code == 2 and "--since: ngày phải trong khoảng" in site.stderr, site.output
