"""Report commands: report, stats, changes."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import AsOf, app, as_of_day, choose_lang, command, emit, issue_status, workspace
from tracker.enums import IssueStatus
from tracker.i18n import tr


@command(app, "report", reads=True)
def report(
    ctx: typer.Context,
    dept: Annotated[list[str] | None, typer.Option(help="Only this department's part; repeat for several.")] = None,
    commune: Annotated[str | None, typer.Option(help="Only this commune.")] = None,
    status: Annotated[
        list[IssueStatus] | None,
        typer.Option(help="Only issues with these statuses.", parser=issue_status, metavar="STATUS"),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (default), html or docx (needs --output).")] = "md",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    as_of_: AsOf = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi (default) or en.")] = None,
    title: Annotated[str | None, typer.Option(help="Title instead of BÁO CÁO.")] = None,
    since: Annotated[str | None, typer.Option(help="Add what changed since this revision or date (git).")] = None,
    min_communes: Annotated[
        int, typer.Option(help="Common obstacles: those of this many communes or more (0: leave the part out).", min=0)
    ] = 3,
) -> None:
    """The report before a meeting: status grid by department, obstacle groups,
    obstacles common to several communes, overdue and escalated items, next steps,
    and an appendix by department.

    \b
    Example: tracker report --dept NNMT --format html --output bao-cao-nnmt.html
    """
    from tracker import formats
    from tracker.ops import reports
    from tracker.query import Filter

    formats.check("report", fmt)
    if lang:
        choose_lang(lang)
    ws = workspace(ctx)
    flt = Filter(depts=[d.strip() for d in dept or []], statuses=[s.value for s in status or []],
                 as_of=as_of_day(as_of_))  # fmt: skip
    model = reports.report(ws, flt, commune, title, min_communes)
    if since:
        from tracker.ops import gitflow  # git and the whole records, only with --since

        found, warnings = gitflow.changes(ws, since)
        for warning in warnings:
            typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
        model = gitflow.with_changes(ws, model, found, since)
    emit(ws, model, fmt, out)


@command(app, "stats", reads=True)
def stats(
    ctx: typer.Context,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The status grid per lead department: done on time or late, not done in time or overdue.

    \b
    Example: tracker stats --format json --as-of 2025-12-31
    """
    from tracker import formats
    from tracker.ops import reports
    from tracker.results import Grid

    formats.check("stats", fmt)
    ws = workspace(ctx)
    emit(ws, Grid(reports.stats(ws, as_of_day(as_of_))), fmt)


@command(app, "changes", reads=True)
def changes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option(help="A git revision (tag, branch, hash) or a date YYYY-MM-DD.")],
    until: Annotated[str, typer.Option(help="Up to this revision.")] = "HEAD",
    fmt: Annotated[str, typer.Option("--format", help="md (default) or json.")] = "md",
) -> None:
    """What changed since the last meeting, from git history: records added or removed,
    status, deadline, lead department and owner changes, notes.

    \b
    Example: tracker changes --since hop-thang-10 --format json
    """
    from tracker import formats
    from tracker.ops import gitflow

    formats.check("changes", fmt)
    ws = workspace(ctx)
    found, warnings = gitflow.changes(ws, since, until)
    for warning in warnings:
        typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
    emit(ws, gitflow.change_log(ws, found, since), fmt)
