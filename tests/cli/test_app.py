"""cli/app.py: the root of the command line and its one error boundary: an expected
failure is one line on stderr and its exit code; an unexpected one says so, with its
traceback only under --debug; the status options read words as well as codes."""

import importlib
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker.enums import IssueStatus
from tracker.errors import EXIT_BUG

cli_app = importlib.import_module("tracker.cli.app")  # the module: `tracker.cli.app` is the Typer app


def test_an_expected_failure_is_one_line_and_its_exit_code(cli: Cli, filled: Path) -> None:
    result = cli.result("--data-dir", str(filled), "show", "VA-99")
    assert result.exit_code not in (0, EXIT_BUG)
    assert result.stderr.startswith("lỗi: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_unexpected_failure_says_so_and_shows_its_traceback_only_with_debug(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.ops import listing

    def broken(*args: object) -> None:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(listing, "list_issues", broken)
    result = cli.result("--data-dir", str(filled), "list")
    assert result.exit_code == EXIT_BUG
    assert "lỗi không mong đợi (RuntimeError: hỏng); chạy lại với --debug" in result.stderr
    with pytest.raises(RuntimeError, match="hỏng"):
        cli.result("--data-dir", str(filled), "--debug", "list")


@pytest.mark.parametrize("typed", ["in_progress", "Đang xử lý", "dang xu ly", "in progress"])
def test_a_status_option_reads_the_code_or_the_words_of_either_language(typed: str) -> None:
    assert cli_app.issue_status(typed) is IssueStatus.IN_PROGRESS


def test_a_status_option_not_among_the_choices_names_them() -> None:
    import typer

    with pytest.raises(typer.BadParameter, match="open, in_progress"):
        cli_app.issue_status("xong")
