"""A national roll-up of many provinces' repositories: rollup init, fetch, stats, report,
clusters, site."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.app import AsOf, Group, as_of_day, command, format_context, one_cut_off
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
Period = Annotated[
    str | None,
    typer.Option("--period", help="A reporting period (2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025): to its cut-off."),
]
Output = Annotated[Path | None, typer.Option("--output", help="Write to this file instead of stdout.")]


def _when(as_of_: str | None, period: str | None, file: Path | None) -> date:
    """The day the figures count to: `--period`'s cut-off (rollup.yaml's), `--as-of`, or today."""
    from tracker.ops import rollup

    if one_cut_off(period, as_of_) and period is not None:
        return rollup.cut_off(period, rollup.find(file))
    return as_of_day(as_of_)


def _written(text: str, output: Path | None, file: Path | None) -> None:
    """`text` on stdout, or in `output` (through the store, never inside a member's checkout)."""
    from tracker import store
    from tracker.ops import rollup

    if output is None:
        typer.echo(text, nl=False)
        return
    store.write_output(output, [text], rollup.folder_of(rollup.find(file)))
    typer.echo(store.display(output), err=True)


@command(app, "init", under="rollup")
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="Folder of the roll-up (default: here).", show_default=False)
    ] = Path("."),
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


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)


def _national(file: Path | None, when: date) -> National:
    from tracker.ops import rollup

    result = rollup.national(rollup.find(file), when)
    _warn(result.warnings)
    return result


@command(app, "stats", under="rollup", reads=True)
def stats(
    file: Config = None,
    as_of_: AsOf = None,
    period: Period = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The status grid per province and per lead department, and the total for the
    country, over the members as last fetched.

    \b
    Example: tracker rollup stats --format json --as-of 2025-12-31
    Example: tracker rollup stats --period 2025-Q4
    """
    from tracker.formats import rollup as shown

    if fmt not in ("table", "json"):
        raise UsageError(tr(f"--format: '{fmt}' không có (table hoặc json)", f"--format: no '{fmt}' (table or json)"))
    result = _national(file, _when(as_of_, period, file))
    if fmt == "json":
        import json

        typer.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    typer.echo(shown.table(result.as_json(), format_context(None).labels), nl=False)


@command(app, "report", under="rollup", reads=True)
def report(
    file: Config = None,
    as_of_: AsOf = None,
    period: Period = None,
    fmt: Annotated[str, typer.Option("--format", help="md (the only one yet).")] = "md",
    output: Output = None,
) -> None:
    """The roll-up's report in Markdown: the grids per province and per lead department
    with its ministry, and each province's overdue items, shown as PROVINCE:ID.

    \b
    Example: tracker rollup report --as-of 2025-12-31 --output bao-cao-toan-quoc.md
    Example: tracker rollup report --period 2025-12
    """
    from tracker.formats import rollup as shown

    if fmt != "md":
        raise UsageError(tr(f"--format: '{fmt}' không có (md)", f"--format: no '{fmt}' (md)"))
    result = _national(file, _when(as_of_, period, file))
    _written(shown.markdown(result.as_json(), result.overdue, format_context(None).labels), output, file)


@command(app, "clusters", under="rollup", reads=True)
def clusters(
    file: Config = None,
    as_of_: AsOf = None,
    period: Period = None,
    min_provinces: Annotated[int, typer.Option(help="Only groups raised in this many provinces.", min=2)] = 2,
    dept: Annotated[str | None, typer.Option(help="Only groups where this department leads an issue.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, md, json or csv.")] = "table",
    output: Output = None,
) -> None:
    """The groups of one obstacle raised in several provinces, largest first: each with
    its provinces, communes, IDs as PROVINCE:ID, lead departments and the ministry
    that answers for each (rollup.yaml's `ministries`).

    \b
    Example: tracker rollup clusters --min-provinces 3 --format md --output nhom-chung.md
    Example: tracker rollup clusters --dept NNMT --format json
    """
    from tracker.formats import rollup as shown
    from tracker.ops import rollup

    makers = {"table": shown.clusters_table, "md": shown.clusters_markdown, "csv": shown.clusters_csv}
    if fmt not in (*makers, "json"):
        raise UsageError(tr(f"--format: '{fmt}' không có (table, md, json hoặc csv)",
                            f"--format: no '{fmt}' (table, md, json or csv)"))  # fmt: skip
    result = rollup.clusters(rollup.find(file), _when(as_of_, period, file), min_provinces, dept)
    _warn(result.warnings)
    if fmt == "json":
        import json

        _written(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n", output, file)
        return
    _written(makers[fmt](result.as_json(), format_context(None).labels), output, file)


@command(app, "site", under="rollup", reads=True)
def site(
    out: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the site into.")],
    file: Config = None,
    as_of_: AsOf = None,
    period: Period = None,
) -> None:
    """One static site for the roll-up: a national overview (the grid per province and
    per lead department, the country's total, the groups of one obstacle across
    provinces with their ministries) and a page a province, linking to the
    province's own site when rollup.yaml gives its `site`.

    \b
    Example: tracker rollup site --output site-quoc-gia/
    """
    from tracker.ops import rollup

    built = rollup.site(rollup.find(file), out, _when(as_of_, period, file), format_context(None))
    _warn(built.warnings)
    said = tr(f"{built.pages} trang, ghi {built.written}", f"{built.pages} pages, {built.written} written")
    typer.echo(f"{out}: {said}", err=True)
