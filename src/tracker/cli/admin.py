"""Data-directory commands: init, add-commune, validate, fmt."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import app
from tracker.cli.common import tracker
from tracker.enums import CommuneKind
from tracker.errors import UsageError
from tracker.i18n import tr


@app.command("init")
def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to create.")] = Path("data"),
) -> None:
    """Create a data folder with the 14 departments and the obstacle groups.

    \b
    Example: tracker init data
    """
    from tracker import service

    service.init_data_dir(directory)
    typer.echo(tr(f"đã tạo {directory}/", f"created {directory}/"))


@app.command("add-commune")
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

    path = tracker(ctx).add_commune(name, code=code, prefix=prefix, kind=kind.value if kind else None)
    typer.echo(store.display(path))


@app.command("validate")
def validate(ctx: typer.Context) -> None:
    """Check every data file; list all problems as path:line: id: field: message.

    \b
    Example: tracker validate
    """
    report = tracker(ctx).validate()
    for problem in report.problems:
        typer.echo(str(problem))
    if report.problems:
        typer.echo(tr(f"{len(report.problems)} vấn đề", f"{len(report.problems)} problem(s)"), err=True)
        raise typer.Exit(1)
    typer.echo(
        tr(
            f"hợp lệ: {report.communes} xã, {report.issues} vướng mắc, {report.plan_items} mục kế hoạch, "
            f"{report.departments} cơ quan, {report.categories} nhóm vướng mắc",
            f"valid: {report.communes} communes, {report.issues} issues, {report.plan_items} plan items, "
            f"{report.departments} departments, {report.categories} categories",
        )
    )


@app.command("fmt")
def fmt(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Only list files not in canonical form; exit 1 if any.")
    ] = False,
) -> None:
    """Rewrite every data file in the canonical form the CLI writes (comments kept).

    \b
    Example: tracker fmt --check
    """
    from tracker import store

    changed = tracker(ctx).fmt(check)
    for path in changed:
        typer.echo(store.display(path))
    if check and changed:
        typer.echo(
            tr(
                f"{len(changed)} tệp chưa đúng dạng chuẩn; chạy `tracker fmt`",
                f"{len(changed)} file(s) not in canonical form; run `tracker fmt`",
            ),
            err=True,
        )
        raise typer.Exit(1)


@app.command("schema")
def schema(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="commune, departments or categories.")] = "commune",
    write: Annotated[bool, typer.Option("--write", help="Write every schema into data/schemas/ instead.")] = False,
) -> None:
    """The JSON Schema of a data file, for editors that validate YAML while you type.

    \b
    Example: tracker schema commune > commune.schema.json
    """
    from tracker import store
    from tracker.schema import MODELS, schema_text

    if write:
        for path in tracker(ctx).write_schemas():
            typer.echo(store.display(path))
        return
    if name not in MODELS:
        raise UsageError(tr(f"không có lược đồ '{name}' (có: {', '.join(MODELS)})",
                            f"no schema '{name}' (known: {', '.join(MODELS)})"))  # fmt: skip
    typer.echo(schema_text(name), nl=False)
