"""Docs stay true: every command has help with an example, and the README's tour
shows every command (as sqlite-utils checks its own)."""

import re

import pytest
import typer
from typer.main import get_command

from tests.conftest import REPO, Cli
from tracker.cli import app


def _commands() -> list[tuple[str, ...]]:
    root = get_command(app)
    found: list[tuple[str, ...]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for name, sub in subcommands.items():
                walk(sub, (*path, name))
        else:
            found.append(path)

    walk(root, ())
    return found


COMMANDS = _commands()


def test_the_expected_commands_exist() -> None:
    names = {" ".join(c) for c in COMMANDS}
    expected = {"init", "add-commune", "add-issue", "list", "show", "update", "close", "validate", "fmt",
                "plan add", "plan list", "plan update", "report", "stats"}  # fmt: skip
    assert expected <= names


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cli: Cli, command: tuple[str, ...]) -> None:
    out = cli(*command, "--help")
    assert "Example: tracker " + " ".join(command) in " ".join(out.split())


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_readme_tour_shows_every_command(command: tuple[str, ...]) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert re.search(r"^\s*(\$ )?tracker (--\S+ \S+ )?" + re.escape(" ".join(command)) + r"\b", readme, re.M), command


def test_readme_commands_run(cli: Cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The README's main command works on the repository's data, found from the clone's root."""
    readme = (REPO / "README.md").read_text("utf-8")
    assert ".venv/bin/tracker report --dept NNMT\n" in readme
    monkeypatch.chdir(REPO)
    out = cli("report", "--dept", "NNMT")
    assert "Phần việc của: Sở Nông nghiệp và Môi trường (NNMT)." in out
    assert "| NNMT — Sở Nông nghiệp và Môi trường | 10 |" in out


def test_root_help(cli: Cli) -> None:
    out = cli("--help")
    assert "vướng mắc" in out
    assert isinstance(app, typer.Typer)
