"""Data-folder commands: init, add-commune."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, command, workspace
from tracker.enums import CommuneKind
from tracker.i18n import tr


@command(app, "init")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")] = Path("data"),
) -> None:
    """Create a data folder with the 14 departments and the obstacle groups.

    \b
    Example: tracker init data
    """
    from tracker.ops import communes

    communes.init_data_dir(directory)
    typer.echo(tr(f"đã tạo {directory}/", f"created {directory}/"))


@command(app, "add-commune")
def add_commune(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Commune name, e.g. 'van an' or 'Xã Vạn An'.")],
    code: Annotated[str | None, typer.Option(help="Official 5-digit code (needed if not in the list).")] = None,
    prefix: Annotated[str | None, typer.Option(help="Short upper-case ID prefix (default: initials).")] = None,
    kind: Annotated[CommuneKind | None, typer.Option(help="xa, phuong or dac_khu.")] = None,
) -> None:
    """Add a commune from the official list of Nghệ An's 130 communes.

    \b
    Example: tracker add-commune "van an"
    """
    from tracker import store
    from tracker.ops import communes

    path = communes.add_commune(workspace(ctx), name, code=code, prefix=prefix, kind=kind.value if kind else None)
    typer.echo(store.display(path))
