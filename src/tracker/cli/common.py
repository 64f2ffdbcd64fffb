"""Helpers shared by the command modules: the data dir, dates, prompting."""

import sys
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.dates import parse_date, today
from tracker.enums import IssueStatus
from tracker.errors import UsageError
from tracker.i18n import tr

if TYPE_CHECKING:
    from tracker.query import Filter
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


# The filters of `list`, shared by the commands that select issues the same way.
Depts = Annotated[list[str] | None, typer.Option("--dept", help="Lead department; repeat for several.")]
WithSupport = Annotated[bool, typer.Option("--with-support", help="With --dept: include supporting roles.")]
Commune = Annotated[str | None, typer.Option("--commune", help="Only this commune.")]
Statuses = Annotated[list[IssueStatus] | None, typer.Option("--status", help="Only these statuses.")]
Categories = Annotated[list[str] | None, typer.Option("--category", help="Only these obstacle groups.")]
Overdue = Annotated[bool, typer.Option("--overdue", help="Only open items past their deadline.")]
Search = Annotated[str | None, typer.Option("--search", help="Text, any case or diacritics.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.")]


def issue_filter(
    dept: list[str] | None,
    with_support: bool,
    status: list[IssueStatus] | None,
    category: list[str] | None,
    overdue: bool,
    search: str | None,
    when: str | None,
) -> "Filter":
    from tracker.query import Filter

    return Filter(depts=[d.strip().upper() for d in dept or []], with_support=with_support,
                  statuses=[s.value for s in status or []], categories=category or [], overdue=overdue,
                  search=search, as_of=as_of(when))  # fmt: skip
