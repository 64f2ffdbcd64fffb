"""Commands that keep the files right: validate, fmt, schema."""

from typing import Annotated

import typer

from tracker.cli.app import app, command, workspace
from tracker.errors import UsageError
from tracker.i18n import counted, tr


@command(app, "validate", reads=True)
def validate(ctx: typer.Context) -> None:
    """Check every data file; list all problems as path:line: id: field: message.

    \b
    Example: tracker validate
    """
    from tracker.ops import checks

    report = checks.validate(workspace(ctx))
    for problem in report.problems:
        typer.echo(str(problem))
    if report.problems:
        typer.echo(counted(len(report.problems), "vấn đề", "problem"), err=True)
        raise typer.Exit(1)
    typer.echo(
        tr(
            f"hợp lệ: {report.communes} xã, {report.issues} vướng mắc, {report.plan_items} mục kế hoạch, "
            f"{report.departments} cơ quan, {report.categories} nhóm vướng mắc",
            f"valid: {report.communes} communes, {report.issues} issues, {report.plan_items} plan items, "
            f"{report.departments} departments, {report.categories} categories",
        )
    )


@command(app, "fmt")
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
    from tracker.ops import checks

    changed = checks.fmt(workspace(ctx), check)
    for path in changed:
        typer.echo(store.display(path))
    if check and changed:
        files = counted(len(changed), "tệp", "file")
        typer.echo(tr(f"{files} chưa đúng dạng chuẩn; chạy `tracker fmt`",
                      f"{files} not in canonical form; run `tracker fmt`"), err=True)  # fmt: skip
        raise typer.Exit(1)


@command(app, "schema")
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
    from tracker.ops import checks
    from tracker.schema import MODELS, schema_text

    if write:
        for path in checks.write_schemas(workspace(ctx)):
            typer.echo(store.display(path))
        return
    if name not in MODELS:
        raise UsageError(tr(f"không có lược đồ '{name}' (có: {', '.join(MODELS)})",
                            f"no schema '{name}' (known: {', '.join(MODELS)})"))  # fmt: skip
    try:  # inside a data folder: with its codes, as data/schemas/ holds it
        ws = workspace(ctx)
        codes: tuple[list[str] | None, ...] = (list(ws.department_names()), list(ws.category_names()))
    except UsageError:
        codes = (None, None)
    typer.echo(schema_text(name, *codes), nl=False)
