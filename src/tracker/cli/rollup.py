"""A national roll-up of many provinces' repositories: rollup init, fetch, stats, report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import AsOf, Group, as_of_day, command, format_context
from tracker.errors import UsageError
from tracker.i18n import tr

if TYPE_CHECKING:
    from tracker.ops.rollup import National

app = typer.Typer(
    cls=Group,
    rich_markup_mode=None,
    help="A national roll-up of many provinces' repositories, fetched with git (rollup.yaml).",
    no_args_is_help=True,
)

Config = Annotated[Path | None, typer.Option("--file", help="The roll-up's description (default: rollup.yaml here).")]


@command(app, "init", under="rollup")
def init(
    folder: Annotated[Path, typer.Argument(help="Folder of the roll-up (default: here).")] = Path("."),
) -> None:
    """Write rollup.yaml with an example member and the ministry of each department,
    and its JSON Schema.

    \b
    Example: tracker rollup init quoc-gia
    """
    from tracker import store
    from tracker.ops import rollup

    for path in rollup.init(folder):
        typer.echo(store.display(path))


@command(app, "fetch", under="rollup")
def fetch(
    file: Config = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=64, help="Members fetched at a time.")] = 4,
) -> None:
    """Clone each member shallowly into .rollup/, or bring it up to date, and validate
    its data; print each member's commit and records. Exit 1 if any failed.

    \b
    Example: tracker rollup fetch --jobs 8
    """
    from tracker.ops import rollup

    states = rollup.fetch(rollup.find(file), jobs)
    for s in states:
        if s.ok:
            kept = "" if s.read else tr(" (không đổi)", " (unchanged)")
            typer.echo(tr(f"{s.member.name} ({s.member.province}): {s.commit}, {s.records} bản ghi{kept}",
                          f"{s.member.name} ({s.member.province}): {s.commit}, {s.records} records{kept}"))  # fmt: skip
        else:
            typer.echo(f"{s.member.name} ({s.member.province}): {tr('lỗi', 'error')}: {s.reason}", err=True)
    failed = [s.member.name for s in states if not s.ok]
    if failed:
        typer.echo(tr(f"lỗi: {len(failed)}/{len(states)} thành viên không lấy được hoặc không hợp lệ: "
                      f"{', '.join(failed)}",
                      f"error: {len(failed)} of {len(states)} members failed to fetch or validate: "
                      f"{', '.join(failed)}"), err=True)  # fmt: skip
        raise typer.Exit(1)


def _national(file: Path | None, when: str | None) -> National:
    from tracker.ops import rollup

    result = rollup.national(rollup.find(file), as_of_day(when))
    for warning in result.warnings:
        typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
    return result


@command(app, "stats", under="rollup", reads=True)
def stats(
    file: Config = None,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The status grid per province and per lead department, and the total for the
    country, over the members as last fetched.

    \b
    Example: tracker rollup stats --format json --as-of 2025-12-31
    """
    from tracker.formats import rollup as shown

    if fmt not in ("table", "json"):
        raise UsageError(tr(f"--format: '{fmt}' không có (table hoặc json)", f"--format: no '{fmt}' (table or json)"))
    result = _national(file, as_of_)
    if fmt == "json":
        import json

        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(shown.table(result.as_json(), format_context(None).labels), nl=False)


@command(app, "report", under="rollup", reads=True)
def report(
    file: Config = None,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="md (the only one yet).")] = "md",
    output: Annotated[Path | None, typer.Option("--output", help="Write to this file instead of stdout.")] = None,
) -> None:
    """The roll-up's report in Markdown: the grids per province and per lead department
    with its ministry, and each province's overdue items, shown as PROVINCE:ID.

    \b
    Example: tracker rollup report --as-of 2025-12-31 --output bao-cao-toan-quoc.md
    """
    from tracker import store
    from tracker.formats import rollup as shown
    from tracker.ops import rollup

    if fmt != "md":
        raise UsageError(tr(f"--format: '{fmt}' không có (md)", f"--format: no '{fmt}' (md)"))
    result = _national(file, as_of_)
    text = shown.markdown(result.as_json(), result.overdue, format_context(None).labels)
    if output is None:
        typer.echo(text, nl=False)
        return
    store.write_output(output, [text], rollup.folder_of(rollup.find(file)))
    typer.echo(store.display(output), err=True)
