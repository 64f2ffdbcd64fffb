"""Helpers shared by the command modules: the data dir, dates, prompting."""

import sys
from datetime import date
from typing import TYPE_CHECKING

import typer

from tracker.dates import parse_date, today
from tracker.errors import UsageError
from tracker.i18n import tr

if TYPE_CHECKING:
    from tracker.service import Tracker

FORMAT_HELP = "Output format: table, json or csv."
FORMATS = ("table", "json", "csv")


def tracker(ctx: typer.Context) -> "Tracker":
    # Imported here: `tracker --help` must not pay for pydantic, yaml and sqlite.
    from tracker.service import Tracker
    from tracker.store import find_data_dir

    root = ctx.find_root()
    return Tracker(find_data_dir((root.obj or {}).get("data_dir")))


def day(value: str | None, option: str) -> date | None:
    return parse_date(value, option) if value else None


def as_of(value: str | None) -> date:
    return parse_date(value, "--as-of") if value else today()


def interactive() -> bool:
    return sys.stdin.isatty()


def required(value: str | None, option: str, prompt: str) -> str:
    """A required value: asked for in a terminal, a usage error otherwise."""
    if value:
        return value
    if interactive():
        answer: str = typer.prompt(prompt)
        if answer.strip():
            return answer
    raise UsageError(tr(f"thiếu {option}", f"missing {option}"))


def check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise UsageError(
            tr(f"--format: chọn một trong {', '.join(allowed)}", f"--format: choose one of {', '.join(allowed)}")
        )
    return fmt
