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


def _said(typer_app: object, args: list[str]) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    result = CliRunner().invoke(typer_app, args)  # type: ignore[arg-type]
    return result.exit_code, result.stdout, result.stderr


def _names() -> list[list[str]]:
    """Every command line's first words: each command, each group, each group's command."""
    import typer.main

    from tracker.cli import app

    root = typer.main.get_command(app)
    out: list[list[str]] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        out.append([name])
        out += [[name, sub] for sub in getattr(command, "commands", {})]
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_command_line_lays_out_only_its_command_and_says_what_the_whole_app_says(lang: str) -> None:
    """The command a line names is the only one Typer lays out (a dozen milliseconds of
    every command's start-up), and it reads the line as the whole app does: its help,
    a mistaken option, a group's command; a line that names no command, or a name that
    is none, gets the whole app (help lists every command; a typo is told the closest)."""
    import typer.main

    from tracker.cli import app, narrowed

    line = ["--data-dir", "somewhere", "report", "--dept", "NNMT"]
    assert list(typer.main.get_command(narrowed(line)).commands) == ["report"]  # type: ignore[attr-defined]
    assert narrowed(["--lang", "en", "plan", "list"]).registered_groups[0].name == "plan"
    for whole in (["--help"], ["-h", "report"], ["repot"], ["--data-dir"], []):
        assert narrowed(whole) is app
    for words in _names():
        for args in ([*words, "--help"], [*words, "--no-such-option"], ["--lang", lang, *words, "--help"]):
            assert _said(narrowed(args), args) == _said(app, args), args
