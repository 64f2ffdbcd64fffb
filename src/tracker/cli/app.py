"""The `tracker` command: the root app, its global options, the one error boundary,
and what every command module shares (the workspace, dates, formats, prompts)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from tracker.dates import parse_date, today
from tracker.enums import IssueStatus
from tracker.errors import EXIT_BUG, EXIT_INTERRUPTED, DataError, FieldError, TrackerError, UsageError
from tracker.i18n import get_lang, known, set_lang, tr

if TYPE_CHECKING:
    from typer import _click as click

    from tracker.formats import Context
    from tracker.ops.workspace import Workspace
    from tracker.query import Filter


class _Boundary(TyperGroup):
    """Every expected failure becomes one message on stderr and its exit code;
    an unexpected one says so, and shows its traceback only with --debug."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except DataError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            if getattr(exc, "nothing_written", True):
                typer.echo(tr(f"lỗi: {len(exc.problems)} vấn đề; không ghi gì",
                              f"error: {len(exc.problems)} problem(s); nothing written"), err=True)  # fmt: skip
            else:
                typer.echo(tr(f"lỗi: {len(exc.problems)} vấn đề", f"error: {len(exc.problems)} problem(s)"), err=True)
            raise typer.Exit(exc.exit_code) from None
        except TrackerError as exc:
            typer.echo(tr("lỗi: ", "error: ") + exc.message, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(tr("đã dừng", "interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if _debug(ctx):
                raise
            typer.echo(
                tr(
                    f"lỗi không mong đợi ({type(exc).__name__}: {exc}); chạy lại với --debug và báo lỗi",
                    f"unexpected error ({type(exc).__name__}: {exc}); run again with --debug and report it",
                ),
                err=True,
            )
            raise typer.Exit(EXIT_BUG) from None


class Command(TyperCommand):
    """A command whose errors about fields name the options the user typed, and that
    says which files it could not read and went on without."""

    writes = True

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FieldError as exc:
            raise UsageError(exc.worded(self.option_for)) from None
        except DataError as exc:
            exc.nothing_written = self.writes  # type: ignore[attr-defined]
            raise
        finally:
            ws = (ctx.find_root().obj or {}).get("ws")
            for problem in getattr(ws, "skipped", []):
                typer.echo(tr(f"cảnh báo: bỏ qua tệp không đọc được: {problem}",
                              f"warning: skipped a file that cannot be read: {problem}"), err=True)  # fmt: skip

    def option_for(self, field: str) -> str:
        """The option that gives `field` (`resolved_on` is `--on` for close)."""
        for param in self.params:
            if param.name == field and getattr(param, "opts", None):
                return str(param.opts[0])
        if field.isupper():  # an environment variable, such as TRACKER_TODAY
            return field
        return "--" + field.replace("_", "-")


F = TypeVar("F", bound=Callable[..., Any])


class ReadCommand(Command):
    writes = False


def command(group: typer.Typer, name: str, reads: bool = False) -> Callable[[F], F]:
    """`@group.command(name)`, with errors that name options; `reads`: it never writes."""
    decorate: Callable[[F], F] = group.command(name, cls=ReadCommand if reads else Command)
    return decorate


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or bool(os.environ.get("TRACKER_DEBUG"))


app = typer.Typer(
    cls=_Boundary,
    name="tracker",
    help="Theo dõi vướng mắc của các xã và kế hoạch hành động (obstacles and action plans), "
    "stored as YAML files in git.\n\nExample: tracker list --dept NNMT --overdue",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich's would import rich.markdown and pygments (~60 ms) on every --help.
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from tracker import __version__

        typer.echo(f"tracker {__version__}")
        raise typer.Exit()


def choose_lang(lang: str | None) -> None:
    """The language of this command: `--lang`, else $TRACKER_LANG, else Vietnamese.
    One tracker does not speak is an error (`--lang`) or a warning ($TRACKER_LANG)."""
    if lang is not None:
        if not known(lang):
            raise UsageError(
                tr(f"--lang: không có ngôn ngữ '{lang}' (có: vi, en)", f"--lang: no language '{lang}' (known: vi, en)")
            )
        set_lang(lang)
        return
    env = os.environ.get("TRACKER_LANG")
    set_lang(env or "vi")
    if env and not known(env):
        typer.echo(f"cảnh báo: TRACKER_LANG={env} không được hỗ trợ (vi, en); dùng tiếng Việt", err=True)


@app.callback()
def _root(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Data folder (default: $TRACKER_DATA_DIR, else the nearest data/)."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Language of messages: vi (default) or en.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of unexpected errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_version)
    ] = False,
) -> None:
    choose_lang(lang)
    ctx.obj = {"data_dir": data_dir, "debug": debug}


# ---------------------------------------------------------------- shared by commands


def workspace(ctx: typer.Context) -> Workspace:
    # Imported here: `tracker --help` must not pay for pydantic, yaml and sqlite.
    from tracker.ops.workspace import Workspace
    from tracker.store import find_data_dir

    root = ctx.find_root()
    ws = Workspace(find_data_dir((root.obj or {}).get("data_dir")))
    root.obj = {**(root.obj or {}), "ws": ws}
    return ws


def format_context(ws: Workspace | None) -> Context:
    """The language, labels and template folders formats present a result with."""
    from tracker.formats import Context
    from tracker.formats.templates import override_dirs
    from tracker.wording import labels

    dirs = override_dirs(ws.root if ws else None)
    return Context(get_lang(), labels(get_lang(), dirs), dirs)


def emit(ws: Workspace, result: Any, fmt: str, out: Path | None = None) -> None:
    """`result` in format `fmt`: to stdout, or to `out` (never inside the data folder)."""
    from tracker import formats, store

    chosen = formats.get(fmt)
    rendered = chosen.render(result, format_context(ws))
    if out is None:
        if isinstance(rendered, bytes):
            raise FieldError.one("output", tr(f"định dạng {fmt} cần --output TỆP", f"format {fmt} needs --output FILE"))
        sys.stdout.write(rendered)
        return
    store.write_output(out, rendered, ws.root)
    typer.echo(store.display(out), err=True)


def day(value: str | None, field: str) -> date | None:
    return parse_date(value, field) if value else None


def as_of_day(value: str | None) -> date:
    return parse_date(value, "as_of") if value else today()


def interactive() -> bool:
    return sys.stdin.isatty()


def required(value: str | None, field: str, prompt: str) -> str:
    """A required value: asked for in a terminal, a usage error otherwise."""
    if value:
        return value
    if interactive():
        answer: str = typer.prompt(prompt)
        if answer.strip():
            return answer
    raise FieldError.one(field, tr("thiếu giá trị", "missing"))


FORMAT_HELP = "Output format: table, json or csv."
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
) -> Filter:
    from tracker.query import Filter

    return Filter(depts=[d.strip().upper() for d in dept or []], with_support=with_support,
                  statuses=[s.value for s in status or []], categories=category or [], overdue=overdue,
                  search=search, as_of=as_of_day(when))  # fmt: skip
