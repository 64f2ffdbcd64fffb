"""Report commands: report, stats, changes."""

from pathlib import Path
from typing import Annotated, Any

import typer

from tracker import rules
from tracker.cli.app import (
    AsOf,
    app,
    as_of_day,
    choose_lang,
    command,
    day,
    emit,
    issue_status,
    one_cut_off,
    workspace,
)
from tracker.dates import shown
from tracker.enums import IssueStatus
from tracker.errors import UsageError
from tracker.i18n import tr

PERIOD_HELP = "A reporting period: 2025-12, 2025-Q4, 2025-H1, 2025-H2, 2025-9M or 2025 (cut-off day: followup.yaml)."


@command(app, "report", reads=True)
def report(
    ctx: typer.Context,
    dept: Annotated[list[str] | None, typer.Option(help="Only this department's part; repeat for several.")] = None,
    commune: Annotated[str | None, typer.Option(help="Only this commune.")] = None,
    status: Annotated[
        list[IssueStatus] | None,
        typer.Option(help="Only issues with these statuses.", parser=issue_status, metavar="<status>"),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (default), html or docx (needs --output).")] = "md",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    as_of_: AsOf = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi (default) or en.", metavar="<vi|en>")] = None,
    title: Annotated[str | None, typer.Option(help="Title instead of BÁO CÁO.")] = None,
    since: Annotated[str | None, typer.Option(help="Add what changed since this revision or date (git).")] = None,
    min_communes: Annotated[
        int, typer.Option(help="Common obstacles: those of this many communes or more (0: leave the part out).", min=0)
    ] = rules.COMMON_MIN_COMMUNES,
    period: Annotated[str | None, typer.Option(help=PERIOD_HELP)] = None,
    submit: Annotated[bool, typer.Option("--submit", help="Record in data/reports.yaml that it was sent.")] = False,
    number: Annotated[str | None, typer.Option(help="With --submit: the report's number, e.g. 15/BC-TCT2.")] = None,
    on: Annotated[
        str | None, typer.Option(help="With --submit: the day it was sent (default: today).", metavar="<date>")
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="With --submit: replace a report sent already.")] = False,
) -> None:
    """The report before a meeting: status grid by department, obstacle groups,
    obstacles common to several communes, overdue and escalated items, next steps,
    and an appendix by department; with --period, the periodic report of that period.

    \b
    Example: tracker report --dept NNMT --format html --output bao-cao-nnmt.html
    Example: tracker report --period 2025-12 --format docx --output bc-12.docx --submit --number 15/BC-TCT2
    """
    from tracker import formats
    from tracker.ops import reports
    from tracker.query import Filter

    if lang:  # first: an error about the format is said in the language asked for
        choose_lang(lang)
    formats.check("report", fmt)
    if (submit or number or on or replace) and not (submit and period and number):
        raise UsageError(tr("ghi sổ báo cáo đã gửi cần --period KỲ --submit --number SỐ",
                            "recording a report sent needs --period P --submit --number N"))  # fmt: skip
    ws = workspace(ctx)
    figures = _period(ws, period, as_of_)
    sending = figures is not None and submit and number is not None
    if sending:  # asked before the report is written: a refusal writes nothing
        from tracker.ops import periods

        if dept or commune or status:
            raise UsageError(tr(
                "báo cáo gửi đi là báo cáo toàn bộ: bỏ --dept, --commune, --status khi --submit",
                "the report sent is the whole report: no --dept, --commune or --status with --submit"))  # fmt: skip
        number = periods.may_submit(ws, figures.period, number or "", replace)
        figures.submitted, figures.changed = None, []  # this is the report being sent, under its own number
    when = figures.until if figures else as_of_day(as_of_)
    flt = Filter(depts=[d.strip() for d in dept or []], statuses=[s.value for s in status or []],
                 as_of=when)  # fmt: skip
    model = reports.report(ws, flt, commune, title, min_communes, period=figures,
                           number=number if sending else None)  # fmt: skip
    if since:
        from tracker.ops import gitflow  # git and the whole records, only with --since

        found, warnings = gitflow.changes(ws, since)
        for warning in warnings:
            typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
        model = gitflow.with_changes(ws, model, found, since)
    emit(ws, model, fmt, out)
    if sending and figures is not None and number:
        sent = periods.submit(ws, figures.period, figures.grid, number, day(on, "on"), replace)
        typer.echo(
            tr(
                f"đã ghi vào sổ: báo cáo kỳ {sent.period}, số {sent.number} ngày {shown(sent.date)}",
                f"registered: the report of {sent.period}, No. {sent.number} of {shown(sent.date)}",
            ),
            err=True,
        )


def _period(ws: Any, period: str | None, as_of_: str | None) -> Any:
    """The figures of `--period`, or None; with --as-of too, refused."""
    if not one_cut_off(period, as_of_) or period is None:
        return None
    from tracker.ops import periods

    return periods.figures(ws, periods.period_of(ws, period))


@command(app, "stats", reads=True)
def stats(
    ctx: typer.Context,
    as_of_: AsOf = None,
    period: Annotated[str | None, typer.Option(help=PERIOD_HELP)] = None,
    by: Annotated[
        str, typer.Option("--by", help="dept: the issues by lead department; commune: the action plans by commune.")
    ] = "dept",
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The status grid per lead department: done on time or late, not done in time, with
    no deadline or overdue; the on-time rate and the ranking.

    \b
    Example: tracker stats --format json --as-of 2025-12-31
    Example: tracker stats --by commune
    """
    from tracker import formats
    from tracker.ops import reports
    from tracker.results import Grid

    formats.check("stats", fmt)
    if by not in ("dept", "commune"):
        raise UsageError(tr(f"--by: '{by}' không có (dept hoặc commune)", f"--by: no '{by}' (dept or commune)"))
    ws = workspace(ctx)
    figures = _period(ws, period, as_of_)
    if figures is not None and by == "dept":
        from tracker.ops import periods

        emit(ws, Grid(periods.stats_json(figures)), fmt)
        return
    when = figures.until if figures else as_of_day(as_of_)
    emit(ws, Grid(reports.plan_stats(ws, when) if by == "commune" else reports.stats(ws, when)), fmt)


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
