"""The update form a department or a commune fills in without git: `tracker form`
(read back by `tracker import`, cli/exchange.py)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import AsOf, app, as_of_day, command, format_context, workspace
from tracker.confined import inside
from tracker.errors import UsageError
from tracker.i18n import counted, tr

if TYPE_CHECKING:
    from tracker.ops.workspace import Workspace
    from tracker.wording import Labels


@command(app, "form", reads=True)
def form(
    ctx: typer.Context,
    dept: Annotated[str | None, typer.Option(help="The department whose form it is (the issues it leads).")] = None,
    commune: Annotated[
        str | None, typer.Option(help="The commune whose form it is (its action plan, then its issues).")
    ] = None,
    as_of_: AsOf = None,
    out: Annotated[Path | None, typer.Option("--output", "-o", help="The .xlsx file to write.")] = None,
    intake: Annotated[
        bool, typer.Option("--intake", help="With --commune: a blank intake sheet for its new obstacles.")
    ] = False,
) -> None:
    """The update form of a department or a commune: its items not done, a drop-down
    for the new status, cells for the result, the reply document and a new deadline
    asked for; `tracker import` reads it back.

    \b
    Example: tracker form --dept NNMT --output phieu-nnmt.xlsx
    Example: tracker form --commune "Vạn An" --intake
    """
    from tracker.formats.form import write_form
    from tracker.ops import forms

    ws = workspace(ctx)
    L = format_context(ws).labels
    if intake:
        _intake(ws, L, dept, commune, out)
        return
    made = forms.make(ws, L, dept, commune, as_of_day(as_of_) if as_of_ else None)
    path = _written(ws, out or inside(Path("."), forms.file_name(made)), write_form(made, L))
    rows = counted(len(made.rows), "dòng", "row")
    typer.echo(tr(f"đã ghi {path} ({made.name}, {rows}, mã phiếu {made.key})",
                  f"wrote {path} ({made.name}, {rows}, form key {made.key})"))  # fmt: skip


def _written(ws: "Workspace", path: Path, data: bytes) -> Path:
    """Where a workbook was written: `path`, as .xlsx, through the store's one output
    writer (atomic, never into the data folder)."""
    from tracker import store

    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    store.write_output(path, data, ws.root)
    return path


def _intake(ws: "Workspace", L: "Labels", dept: str | None, commune: str | None, out: Path | None) -> None:
    """A commune's blank intake sheet."""
    from tracker.formats.intake import write_intake
    from tracker.ops import forms

    if dept is not None or commune is None:
        raise UsageError(tr("--intake đi với --commune (phiếu đề xuất của một xã)",
                            "--intake goes with --commune (a commune's intake sheet)"))  # fmt: skip
    sheet = forms.intake(ws, L, commune)
    path = _written(ws, out or inside(Path("."), forms.intake_file_name(sheet)), write_intake(sheet, L))
    typer.echo(tr(f"đã ghi {path} (phiếu đề xuất vướng mắc mới của {sheet.name})",
                  f"wrote {path} (the intake sheet of {sheet.name})"))  # fmt: skip
