"""Office formats: export and import of spreadsheets."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import (
    AsOf,
    Categories,
    Commune,
    Depts,
    Overdue,
    Search,
    Statuses,
    WithSupport,
    app,
    command,
    command_at,
    emit,
    format_context,
    issue_filter,
    workspace,
)
from tracker.errors import DataError
from tracker.i18n import counted, tr

if TYPE_CHECKING:
    from tracker.ops.workspace import Workspace


@command(app, "export", reads=True)
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="csv, xlsx or json.")],
    out: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    dept: Depts = None,
    with_support: WithSupport = False,
    commune: Commune = None,
    status: Statuses = None,
    category: Categories = None,
    overdue: Overdue = False,
    search: Search = None,
    as_of_: AsOf = None,
) -> None:
    """Issues to a spreadsheet: CSV (UTF-8 with BOM), Excel (a sheet per lead
    department and a summary), or JSON; the columns import back.

    \b
    Example: tracker export --format xlsx --output vuong-mac.xlsx --dept NNMT
    """
    from tracker import formats
    from tracker.ops import exchange

    formats.check("export", fmt)
    ws = workspace(ctx)
    flt = issue_filter(dept, with_support, status, category, overdue, search, as_of_)
    emit(ws, exchange.export(ws, flt, commune, grid=fmt == "xlsx"), fmt, out)


IGNORED_SHOWN = 5  # columns named one by one in a warning


def read_ahead_of(args: list[str]) -> None:
    """When a command line imports a workbook (`tracker … import FILE …`) and it is a
    returned form, begin reading it now, before Typer parses the line: that parse
    (its lazy imports) takes 60-80 ms, time enough for calamine to parse a national
    form beside it. Only a head start, and only a look at the line: the command asks
    for its FILE as Typer parsed it, takes this read if it is of the same file,
    unchanged, and reads afresh otherwise."""
    at = command_at(args)
    if at is None or args[at] != "import":
        return
    from tracker.formats.form import read_ahead
    from tracker.sheets import WORKBOOKS

    named = [arg for arg in args[at + 1 :] if not arg.startswith("-") and arg.lower().endswith(WORKBOOKS)]
    if not named:
        return

    try:
        read_ahead(Path(named[0]))
    except Exception:  # the command reads the same file again, and says what is wrong with it
        return


@command(app, "import")
def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv or .xlsx file.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")] = False,
    commune: Annotated[str | None, typer.Option(help="The commune of rows that name none.")] = None,
    reopen: Annotated[bool, typer.Option("--allow-reopen", help="Let rows reopen resolved issues.")] = False,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="With an update form: apply rows whose item changed since it was made.")
    ] = False,
) -> None:
    """Issues from a spreadsheet: rows without an ID are added, rows with one update
    it (with history); importing the same sheet again changes nothing. A returned
    update form (`tracker form`) is recognised and read as the recipient's answer; a
    commune's intake sheet (`tracker form --intake`) as new issues of that commune.

    \b
    Example: tracker import danh-sach-van-an.xlsx --commune "Vạn An" --dry-run
    Example: tracker import phieu-nnmt.xlsx --dry-run
    """
    from tracker.formats.form import read_ahead

    # A returned form is being read since the line was read (`read_ahead_of`), or begins
    # to be now, before the workspace loads: the read goes on beside either.
    form = read_ahead(path)
    ws = workspace(ctx)
    if form:
        _import_form(ws, path, dry_run, by, force)
        return
    # imported only here: a returned form, often one row, need not pay for them
    from tracker.cli.similar import say_hints
    from tracker.formats.intake import is_intake
    from tracker.ops import exchange, forms, similar

    if is_intake(path):  # a commune's intake sheet: new issues of that commune, as any sheet's
        result = forms.import_intake(ws, path, format_context(ws).labels, dry_run, by)
    else:
        result = exchange.import_sheet(ws, path, commune, dry_run, by, reopen)
    by_sheet: dict[str, list[str]] = {}
    for where, heading in result.ignored:
        by_sheet.setdefault(where, []).append(heading)
    for where, headings in by_sheet.items():
        if len(headings) > IGNORED_SHOWN:  # a sheet claiming column XFD: one warning, not 16,382
            shown = ", ".join(f"'{h}'" for h in headings[:IGNORED_SHOWN]) + ", …"
            many = len(headings)
            typer.echo(tr(f"{where}: bỏ qua {many:,} cột không phải trường nào: {shown}",
                          f"{where}: {many:,} columns are not read (they name no field): {shown}"),
                       err=True)  # fmt: skip
            continue
        for heading in headings:
            typer.echo(tr(f"{where}: bỏ qua cột '{heading}' (không phải trường nào)",
                          f"{where}: column '{heading}' is not read (it names no field)"), err=True)  # fmt: skip
    lines = result.lines
    for line in lines:
        typer.echo(line)
    if dry_run:
        for where, number, title, description in result.new:
            say_hints(similar.hints(ws, title, description), f"{where}:{number}: ")
        changes = counted(len(lines), "thay đổi", "change")
        typer.echo(tr(f"(thử: {changes}, chưa ghi gì)", f"(dry run: {changes}, nothing written)"))
    elif not lines:
        typer.echo(tr("không có gì thay đổi", "nothing changed"))


def _import_form(ws: "Workspace", path: Path, dry_run: bool, by: str | None, force: bool) -> None:
    """A returned update form: what each row changes, then what was left alone."""
    from tracker.ops import forms

    result = forms.import_form(ws, path, format_context(ws).labels, dry_run, by, force)
    for line in result.lines:
        typer.echo(line)
    if result.already:
        already = ", ".join(result.already)
        typer.echo(tr(f"đã nhập từ phiếu này trước đó, bỏ qua: {already}",
                      f"already imported from this form, left alone: {already}"), err=True)  # fmt: skip
    if result.forced:
        typer.echo(tr(f"đã thay đổi sau khi lập phiếu, vẫn nhập (--force): {', '.join(result.forced)}",
                      f"changed since the form was made, imported anyway (--force): {', '.join(result.forced)}"),
                   err=True)  # fmt: skip
    if result.missing:
        typer.echo(tr(f"phiếu trả lại thiếu dòng: {', '.join(result.missing)}",
                      f"rows missing from the returned form: {', '.join(result.missing)}"), err=True)  # fmt: skip
    if dry_run and result.problems:  # what the other rows would change, then what stops the import
        changes = counted(len(result.lines), "dòng thay đổi", "row changing", "rows changing")
        wrong = counted(len({p.line for p in result.problems}), "dòng lỗi", "row in error", "rows in error")
        typer.echo(tr(f"(thử: {changes} nếu nhập được; {wrong} dưới đây: phiếu chưa nhập được, chưa ghi gì)",
                      f"(dry run: {changes} if it could be imported; {wrong} below: the form cannot be "
                      "imported as it is, nothing written)"))  # fmt: skip
        raise DataError(result.problems)
    if dry_run:
        changes = counted(len(result.lines), "dòng thay đổi", "row changing", "rows changing")
        typer.echo(tr(f"(thử: {changes}, chưa ghi gì)", f"(dry run: {changes}, nothing written)"))
    elif not result.lines:
        typer.echo(tr("không có gì thay đổi", "nothing changed"))
