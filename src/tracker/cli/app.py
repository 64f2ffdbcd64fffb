"""The `tracker` command: the root app, its global options, the one error boundary,
and what every command module shares (the workspace, dates, formats, prompts)."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer._click.exceptions import UsageError as ClickUsageError
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import TyperException

from tracker.dates import not_after_today, parse_date, today
from tracker.enums import IssueStatus, PlanStatus, Priority
from tracker.errors import EXIT_BROKEN_PIPE, EXIT_BUG, EXIT_INTERRUPTED, DataError, FieldError, TrackerError, UsageError
from tracker.i18n import counted, get_lang, known, meant, set_lang, tr

if TYPE_CHECKING:
    from typer import _click as click

    from tracker.formats import Context
    from tracker.ops.workspace import Workspace
    from tracker.query import Filter


def _no_type(ctx: click.Context) -> None:
    return None


class _Vietnamese:
    """Help and usage in the language of the command: in Vietnamese, the command's
    and its options' help from cli/vietnamese.py, and Typer's own words too."""

    help: str | None
    params: list[Any]

    def _key(self, ctx: click.Context) -> str:
        return " ".join(ctx.command_path.split()[1:])

    def get_help(self, ctx: click.Context) -> str:
        from tracker.cli.vietnamese import COMMANDS, OPTIONS, framed, placeholder

        vi = get_lang() == "vi"
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        kept = self.help, [(getattr(p, "help", None), p.metavar) for p in params]
        if vi:
            self.help = COMMANDS.get(self._key(ctx), self.help)
        for p in params:
            if vi and getattr(p, "help", None):
                p.help = OPTIONS.get(p.help, p.help)
            if p.param_type_name == "argument":  # its name (ID, FILE) says what it is, not Typer's `<str>`
                p.display_type_rich = _no_type
            elif not getattr(p, "is_flag", False):
                # set before Click lays the columns out, so that a longer word keeps them
                p.metavar = placeholder(p.metavar or p.display_type(ctx), p.multiple, vi)
        try:
            text: str = super().get_help(ctx)  # type: ignore[misc]
            return framed(text) if vi else text
        finally:
            self.help = kept[0]
            for p, (words, metavar) in zip(params, kept[1], strict=True):
                if words is not None:
                    p.help = words
                p.metavar = metavar
                p.__dict__.pop("display_type_rich", None)

    def get_usage(self, ctx: click.Context) -> str:
        text: str = super().get_usage(ctx)  # type: ignore[misc]
        if get_lang() == "vi":
            from tracker.cli.vietnamese import framed

            return framed(text)
        return text

    def get_short_help_str(self, limit: int = 45) -> str:
        if get_lang() == "vi":
            from typer._click.utils import make_default_short_help

            from tracker.cli.vietnamese import COMMANDS

            name = getattr(self, "name", "") or ""
            parent = getattr(self, "_tracker_group", "")
            text = COMMANDS.get(f"{parent} {name}".strip())
            if text:
                return make_default_short_help(text, limit)
        return super().get_short_help_str(limit)  # type: ignore[misc,no-any-return]


class ExtraArguments(ClickUsageError):
    """Arguments a command does not take (Click says it only in English text)."""

    def __init__(self, extra: list[str], ctx: Any) -> None:
        self.extra = extra
        shown = " ".join(extra)
        super().__init__(tr(f"thừa đối số: {shown}", f"unexpected extra arguments: {shown}"), ctx)


class NoSuchCommand(ClickUsageError):
    """A command name that is none of the group's, with the closest ones."""

    def __init__(self, name: str, close: list[str], ctx: Any) -> None:
        self.name, self.close = name, close
        maybe = f" ({meant(', '.join(close))})" if close else ""
        super().__init__(tr(f"không có lệnh '{name}'", f"no such command '{name}'") + maybe, ctx)


class _Worded(ClickUsageError):
    """A usage error of Typer's, said in Vietnamese: worded from its class and what it
    carries (the option, the parameter, its type), not from Click's English text."""

    def __init__(self, original: Any) -> None:
        from tracker.cli.vietnamese import worded

        super().__init__(worded(original), original.ctx)

    def show(self, file: Any = None) -> None:
        from tracker.cli.vietnamese import framed

        if self.ctx is not None:
            usage = framed(self.ctx.get_usage())
            typer.echo(f"{usage}\nXem '{self.ctx.command_path} --help'.\n", err=True)
        typer.echo(f"lỗi: {self.format_message()}", err=True)  # as every error of tracker's says it


def _said(exc: Exception) -> Exception:
    """A usage error of Typer's in the command's language."""
    if isinstance(exc, ClickUsageError) and not isinstance(exc, _Worded) and get_lang() == "vi":
        return _Worded(exc)
    return exc


class _Commands:
    """What a group of commands shares: a name that is none of its commands is said in
    the user's language, with the closest names."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and not ctx.resilient_parsing:
            found = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if found is None:
                import difflib

                close = difflib.get_close_matches(name, self.list_commands(ctx), n=3)  # type: ignore[attr-defined]
                raise NoSuchCommand(name, close, ctx)
        return super().resolve_command(ctx, args)  # type: ignore[misc]


class Group(_Commands, _Vietnamese, TyperGroup):
    """A group of commands (`plan`) with help in the command's language."""


def _utf8(arg: str) -> bool:
    try:
        arg.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # no real descriptor (a test's runner)
        pass


_GLOBAL_VALUES = ("--data-dir", "--lang")  # the global options that take a value


def _own_lang(group: TyperGroup) -> set[str]:
    """The commands with a --lang of their own (report, remind, site), from their options."""
    return {name for name, cmd in group.commands.items() if any("--lang" in getattr(p, "opts", ()) for p in cmd.params)}


def command_at(args: list[str]) -> int | None:
    """Where the command's name is in a command line (after the global options), if
    anywhere. Only a look ahead: Click parses the whole line as it always does."""
    skip = False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg in _GLOBAL_VALUES:
            skip = True
        elif arg == "--":
            return None
        elif not arg.startswith("-"):
            return n
    return None


def _lang_first(args: list[str], own: set[str]) -> list[str]:
    """`--lang X` given after a command that has no --lang of its own is the global
    option: moved before the command, so `tracker stats --lang en` speaks English."""
    at = command_at(args)
    if at is None or args[at] in own:
        return args
    rest, moved, n = [], [], at + 1
    while n < len(args):
        arg = args[n]
        if arg == "--":
            rest += args[n:]
            break
        if arg == "--lang" and n + 1 < len(args):
            moved = ["--lang", args[n + 1]]
            n += 2
            continue
        if arg.startswith("--lang="):
            moved = ["--lang", arg.split("=", 1)[1]]
        else:
            rest.append(arg)
        n += 1
    return [*args[:at], *moved, args[at], *rest] if moved else args


class _Boundary(_Commands, _Vietnamese, TyperGroup):
    """Every expected failure becomes one message on stderr and its exit code;
    an unexpected one says so, and shows its traceback only with --debug."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        if parent is None:  # an error in the command line comes before --lang is read: look for it
            asked = next((a.split("=", 1)[1] for a in args if a.startswith("--lang=")), None)
            if asked is None and "--lang" in args[:-1]:
                asked = args[args.index("--lang") + 1]
            lang = asked or os.environ.get("TRACKER_LANG") or "vi"
            set_lang(lang if known(lang) else "vi")
            args = _lang_first(args, _own_lang(self))
        for arg in args:
            if not arg.isascii() and not _utf8(arg):  # bytes the system could not decode: surrogates
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise _said(ClickUsageError(tr(f"đối số không phải văn bản UTF-8: '{shown}'",
                                               f"an argument is not UTF-8 text: '{shown}'")))  # fmt: skip
        try:
            return super().make_context(info_name, args, parent, **extra)
        except ClickUsageError as exc:
            raise _said(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ClickUsageError as exc:
            raise _said(exc) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except DataError as exc:
            for problem in exc.problems:
                typer.echo(str(problem), err=True)
            if getattr(exc, "nothing_written", True):
                found = counted(len(exc.problems), "vấn đề", "problem")
                typer.echo(tr(f"lỗi: {found}; không ghi gì", f"error: {found}; nothing written"), err=True)
            else:
                typer.echo(tr("lỗi: ", "error: ") + counted(len(exc.problems), "vấn đề", "problem"), err=True)
            raise typer.Exit(exc.exit_code) from None
        except TrackerError as exc:
            typer.echo(tr("lỗi: ", "error: ") + exc.message, err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(tr("đã dừng", "interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:  # `tracker list | head -1`: the reader has all it wanted
            _quiet_stdout()
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
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


class Command(_Vietnamese, TyperCommand):
    """A command whose errors about fields name the options the user typed, and that
    says which files it could not read and went on without."""

    writes = True

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line as Click writes it: `attach [OPTIONS] ID FILE`, an argument
        that may be left out in brackets (`[DIR]`); not Typer's `{ID} {FILE}`."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper()
                pieces.append((name if param.required else f"[{name}]") + ("..." if param.nargs != 1 else ""))
            else:
                pieces += param.get_usage_pieces(ctx)
        return pieces

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True  # told below, in the user's language, not in Click's English
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except ClickUsageError as exc:  # the parser leaves out the context: the option's kind is in it
            exc.ctx = exc.ctx or ctx
            raise
        if ctx.args and not ctx.resilient_parsing:
            raise ExtraArguments(list(ctx.args), ctx)
        return rest

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
            vi, en = _SKIPPED_MEANS.get(self.name or "", ("", ""))
            for problem in getattr(ws, "skipped", []):
                typer.echo(tr(f"cảnh báo: bỏ qua tệp không đọc được{vi}: {problem}",
                              f"warning: skipped a file that cannot be read{en}: {problem}"), err=True)  # fmt: skip
            for notice in getattr(ws, "notices", []):
                typer.echo(notice, err=True)

    def option_for(self, field: str) -> str:
        """The option that gives `field` (`resolved_on` is `--on` for close)."""
        for param in self.params:
            if param.name == field and getattr(param, "opts", None):
                return str(param.opts[0])
        if field.isupper():  # an environment variable, such as TRACKER_TODAY
            return field
        return "--" + field.replace("_", "-")


# What a file left out means for a command's output, said with its warning.
_SKIPPED_MEANS = {
    "site": (
        " (các trang của xã trong tệp này bị bỏ khỏi trang web)",
        " (its commune's pages are left out of the site)",
    ),
}


F = TypeVar("F", bound=Callable[..., Any])


class ReadCommand(Command):
    writes = False


def command(group: typer.Typer, name: str, reads: bool = False, under: str = "") -> Callable[[F], F]:
    """`@group.command(name)`, with errors that name options; `reads`: it never writes;
    `under`: the group it is a command of (`plan`), for its help."""
    cls: type[Command] = ReadCommand if reads else Command
    if under:
        cls = type(f"{under.title()}{cls.__name__}", (cls,), {"_tracker_group": under})
    decorate: Callable[[F], F] = group.command(name, cls=cls)
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
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of messages: vi (default) or en.", metavar="<vi|en>")
    ] = None,
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
    if out is None and chosen.binary:
        raise FieldError.one("output", tr(f"định dạng {fmt} cần --output TỆP", f"format {fmt} needs --output FILE"))
    pieces = chosen.stream(result, format_context(ws))  # made as they are written
    if out is None:
        screen(pieces, chosen.screen_as_made)
        return
    store.write_output(out, pieces, ws.root)
    typer.echo(store.display(out), err=True)


def screen(pieces: Iterable[str | bytes], as_made: bool) -> None:
    """A format's pieces on stdout: as they are made (records, one a line), or made whole
    first (a report, a letter), so that one that fails half way prints nothing. Written
    to the stream itself: `typer.echo` would search the 20 MB of every reminder of the
    country for colour codes to strip."""
    for piece in pieces if as_made else list(pieces):
        sys.stdout.write(piece if isinstance(piece, str) else piece.decode("utf-8"))


def day(value: str | None, field: str) -> date | None:
    return parse_date(value, field) if value else None


def past_day(value: str | None, field: str) -> date | None:
    """A day something was raised or done on: within the range, and not after today."""
    return not_after_today(day(value, field), field)


def as_of_day(value: str | None) -> date:
    return parse_date(value, "as_of") if value else today()


def one_cut_off(period: str | None, as_of_: str | None) -> bool:
    """Whether `--period` is given; with `--as-of` too, refused (the period sets the cut-off)."""
    if period is not None and as_of_ is not None:
        raise UsageError(
            tr("--period đã định ngày chốt số liệu: bỏ --as-of", "--period sets the cut-off: drop --as-of")
        )
    return period is not None


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


def _words_of(kind: type[Enum], key: str) -> Callable[[str], Any]:
    """A parser of one `kind` of value typed as it is stored (in_progress) or as the
    reports word it in either language ("Đang xử lý", "dang xu ly", "in progress")."""
    from tracker.text import fold
    from tracker.wording import BASE, codes_by_word

    def parse(value: Any) -> Any:
        if isinstance(value, kind):
            return value
        table = {word: kind(code) for word, code in codes_by_word(key).items()}
        found = table.get(fold(str(value)).replace("_", " ")) or table.get(fold(str(value)))
        if found is None:
            stored = ", ".join(m.value for m in kind)
            named = [w for w in BASE[get_lang()][key].values() if w.replace(" ", "_") not in stored]
            words = tr(f" (hoặc {', '.join(named)})", f" (or {', '.join(named)})") if named else ""
            raise typer.BadParameter(tr(f"'{value}' không phải một trong: {stored}{words}",
                                        f"'{value}' is not one of: {stored}{words}"))  # fmt: skip
        return found

    return parse


issue_status = _words_of(IssueStatus, "status")
plan_status = _words_of(PlanStatus, "plan_status")
priority = _words_of(Priority, "priority")
FORMAT_HELP = "Output format: table, json or csv."
# The filters of `list`, shared by the commands that select issues the same way.
Depts = Annotated[list[str] | None, typer.Option("--dept", help="Lead department; repeat for several.")]
WithSupport = Annotated[bool, typer.Option("--with-support", help="With --dept: include supporting roles.")]
Commune = Annotated[str | None, typer.Option("--commune", help="Only this commune.")]
Statuses = Annotated[
    list[IssueStatus] | None,
    typer.Option("--status", help="Only these statuses.", parser=issue_status, metavar="<status>"),
]
Categories = Annotated[list[str] | None, typer.Option("--category", help="Only these obstacle groups.")]
Overdue = Annotated[bool, typer.Option("--overdue", help="Only open items past their deadline.")]
Search = Annotated[str | None, typer.Option("--search", help="Text, any case or diacritics.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.", metavar="<date>")]


class ExtensionFilter(StrEnum):
    """`--extension`: the records with a request for a new deadline awaiting a decision,
    or with one approved at least once."""

    PENDING = "pending"
    APPROVED = "approved"


Undated = Annotated[bool, typer.Option("--undated", help="Only items not done that have no deadline.")]
Extension = Annotated[
    ExtensionFilter | None,
    typer.Option("--extension", help="pending: a new deadline asked for and not decided; approved: extended."),
]


def issue_filter(
    dept: list[str] | None,
    with_support: bool,
    status: list[IssueStatus] | None,
    category: list[str] | None,
    overdue: bool,
    search: str | None,
    when: str | None,
    undated: bool = False,
    extension: ExtensionFilter | None = None,
) -> Filter:
    from tracker.query import Filter

    return Filter(depts=[d.strip() for d in dept or []], with_support=with_support,
                  statuses=[s.value for s in status or []], categories=category or [], overdue=overdue,
                  search=search, as_of=as_of_day(when), undated=undated,
                  extension=extension.value if extension else None)  # fmt: skip
