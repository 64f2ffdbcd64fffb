"""The update form a department or a commune fills in without git: `tracker form`
(read back by `tracker import`, cli/exchange.py)."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import AsOf, app, as_of_day, command, format_context, workspace
from tracker.i18n import counted, tr


@command(app, "form", reads=True)
def form(
    ctx: typer.Context,
    dept: Annotated[str | None, typer.Option(help="The department whose form it is (the issues it leads).")] = None,
    commune: Annotated[
        str | None, typer.Option(help="The commune whose form it is (its action plan, then its issues).")
    ] = None,
    as_of_: AsOf = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="The .xlsx file to write.")] = None,
) -> None:
    """The update form of a department or a commune: its items not done, a drop-down
    for the new status, cells for the result, the reply document and a new deadline
    asked for; `tracker import` reads it back.

    \b
    Example: tracker form --dept NNMT --output phieu-nnmt.xlsx
    """
    from tracker.formats.form import write_form
    from tracker.ops import forms

    ws = workspace(ctx)
    L = format_context(ws).labels
    made = forms.make(ws, L, dept, commune, as_of_day(as_of_) if as_of_ else None)
    path = out or Path(forms.file_name(made))
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(write_form(made, L))
    rows = counted(len(made.rows), "dòng", "row")
    typer.echo(tr(f"đã ghi {path} ({made.name}, {rows}, mã phiếu {made.key})",
                  f"wrote {path} ({made.name}, {rows}, form key {made.key})"))  # fmt: skip
