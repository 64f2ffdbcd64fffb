"""The `tracker` command: the root app, global options and the one error boundary."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

if TYPE_CHECKING:
    from typer import _click as click

from tracker.errors import EXIT_BUG, EXIT_INTERRUPTED, EXIT_USAGE, DataError, TrackerError
from tracker.i18n import set_lang, tr


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
            typer.echo(
                tr(
                    f"lỗi: {len(exc.problems)} vấn đề; không ghi gì",
                    f"error: {len(exc.problems)} problem(s); nothing written",
                ),
                err=True,
            )
            raise typer.Exit(exc.exit_code) from None
        except TrackerError as exc:
            typer.echo(tr("lỗi: ", "error: ") + exc.message, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(tr("đã dừng", "interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if type(exc).__name__ == "ValidationError":  # pydantic's, from a value typed in
                from tracker.validation import describe

                errors = exc.errors()  # type: ignore[attr-defined]
                lines = [f"--{str(e['loc'][0]).replace('_', '-')}: {describe(e)}" for e in errors]
                typer.echo(tr("lỗi: ", "error: ") + "; ".join(lines), err=True)
                raise typer.Exit(EXIT_USAGE) from None
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
    set_lang(lang or os.environ.get("TRACKER_LANG") or "vi")
    ctx.obj = {"data_dir": data_dir, "debug": debug}


from tracker.cli import records, reports, office, admin, gitcmds, plan  # noqa: E402, I001  (commands register on `app`, in this order)

app.add_typer(plan.app, name="plan")
__all__ = ["admin", "app", "gitcmds", "main", "office", "records", "reports"]


def main() -> None:
    # A short-lived command makes no garbage cycles worth collecting, but the collector
    # would rescan every parsed object again and again: measured, it makes loading a
    # large data directory super-linear (see docs/performance.md).
    import gc

    gc.disable()
    # tracker uses no Pydantic plugin; looking for them reads every installed
    # package's metadata (about 10 ms of each command's start-up).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="tracker")
    sys.exit(0)
