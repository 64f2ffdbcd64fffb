"""cli/__init__.py: the process `tracker` runs in ends as `sys.exit` would end it (its
exit code, its whole output, the `atexit` functions), without the teardown."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Cli


def _run(*args: str, code: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "tracker", *args]
    env = {**os.environ, "TRACKER_LANG": "en"}
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, check=False)


def test_a_long_output_reaches_a_pipe_whole(filled: Path) -> None:
    done = _run("--data-dir", str(filled), "list", "--format", "json")
    assert done.returncode == 0
    assert [r["id"] for r in json.loads(done.stdout)] == ["TN-1", "VA-1", "VA-2", "VA-3"]


def test_the_exit_code_of_a_mistake_is_kept(filled: Path) -> None:
    done = _run("--data-dir", str(filled), "show", "VA-99")
    assert done.returncode == 2 and "VA-99" in done.stderr and done.stdout == ""
    assert _run("--data-dir", str(filled), "list", "--no-such-option").returncode == 2


def test_leave_runs_the_atexit_functions_flushes_and_exits_with_the_code() -> None:
    code = ("import atexit, sys; from tracker.cli import leave; atexit.register(lambda: print('bye')); "
            "print('written', end=' '); leave(3)")  # fmt: skip
    done = _run(code=code)
    assert (done.returncode, done.stdout) == (3, "written bye\n")
    done = _run(code="from tracker.cli import leave; leave('a message')")
    assert (done.returncode, done.stderr) == (1, "a message\n")
    assert _run(code="from tracker.cli import leave; leave(None)").returncode == 0


def test_a_reader_that_stops_early_ends_the_command_quietly(filled: Path) -> None:
    """#28.16: `tracker list --format json | head -1`: no "unexpected error" (exit 3),
    no traceback; the exit code a shell gives a command whose pipe closed (141)."""
    path = filled / "communes" / "van-an.yaml"
    many = "".join(f"- id: VA-{n}\n  title: Vướng mắc số {n}\n  dept: TC\n\n" for n in range(100, 4100))
    path.write_text(path.read_text("utf-8").replace("issues:\n", "issues:\n" + many, 1), "utf-8")
    command = [sys.executable, "-m", "tracker", "--data-dir", str(filled), "list", "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b"[\n"
        process.stdout.close()  # as `head -1` does
        stderr = process.stderr.read().decode("utf-8")
        code = process.wait(timeout=60)
    assert code == 141 and stderr == "", stderr


def test_an_argument_that_is_not_utf8_is_a_usage_error(filled: Path) -> None:
    """#28.16: bytes the system cannot decode reach Python as surrogates."""
    title = os.fsdecode(b"T\xffi")
    done = _run("--data-dir", str(filled), "add-issue", "--commune", "van-an", "--dept", "TC", "--title", title)
    assert done.returncode == 2 and "not UTF-8 text: 'T\ufffdi'" in done.stderr, done.stderr
    assert "T\\udcff" not in (filled / "communes" / "van-an.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        # NoSuchOption, with the close names Click offers
        (["list", "--statuss", "open"], "không có tùy chọn --statuss (có phải --status?)", "No such option: --statuss"),
        # BadOptionUsage: a flag given a value, an option given none
        (["list", "--overdue=x"], "tùy chọn --overdue không nhận giá trị (chỉ ghi --overdue)", "does not take a value"),
        (["list", "--dept"], "tùy chọn --dept cần một giá trị", "requires an argument"),
        # BadParameter: a value that does not convert
        (["similar", "VA-1", "--limit", "x"], "giá trị không hợp lệ cho --limit: phải là một số nguyên", "--limit"),
        # MissingParameter: an option, an argument
        (["close", "VA-1"], "thiếu tùy chọn --resolution", "Missing"),
        (["show"], "thiếu đối số ID", "Missing"),
        # UsageError: extra arguments, a command that is none
        (["list", "a", "b"], "thừa đối số: a b", "unexpected extra arguments: a b"),
        (["lst"], "không có lệnh 'lst' (có phải list?)", "no such command 'lst' (did you mean list?)"),
        (["plan", "lisst"], "không có lệnh 'lisst' (có phải list?)", "no such command 'lisst'"),
    ],
)
def test_each_kind_of_command_line_mistake_is_said_in_the_users_language(
    cli: Cli, filled: Path, args: list[str], vi: str, en: str
) -> None:
    """#33.7: worded from the exception's class and what it carries, not from Click's English."""
    said = cli.result(*args)
    assert said.exit_code == 2 and f"lỗi: {vi}" in said.stderr, said.stderr
    assert "Error" not in said.stderr and "Usage" not in said.stderr
    english = cli.result("--lang", "en", *args)
    assert english.exit_code == 2 and en in english.stderr, english.stderr


def test_a_report_asked_in_english_says_its_mistakes_in_english(cli: Cli, filled: Path) -> None:
    said = cli.result("report", "--format", "xx", "--lang", "en")
    assert said.exit_code == 2 and "error: --format: choose one of" in said.stderr


def test_lang_after_a_command_is_the_global_option_unless_the_command_has_its_own(cli: Cli, filled: Path) -> None:
    """`tracker list … --lang en` speaks English; `report --lang en` is the report's own
    option (its language) and is left to it."""
    said = cli.result("list", "--status", "xx", "--lang", "en")
    assert said.exit_code == 2 and "is not one of" in said.stderr, said.stderr
    report = cli.result("report", "--lang", "en")
    assert report.exit_code == 0 and "I. RESULTS" in report.stdout
