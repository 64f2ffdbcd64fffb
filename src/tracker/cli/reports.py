"""Report commands: report and stats."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli import app
from tracker.cli.common import as_of, check_format, tracker
from tracker.enums import IssueStatus
from tracker.errors import UsageError
from tracker.i18n import get_lang, set_lang, tr


@app.command("report")
def report(
    ctx: typer.Context,
    dept: Annotated[list[str] | None, typer.Option(help="Only this department's part; repeat for several.")] = None,
    commune: Annotated[str | None, typer.Option(help="Only this commune.")] = None,
    status: Annotated[list[IssueStatus] | None, typer.Option(help="Only issues with these statuses.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (default), html or docx (needs --output).")] = "md",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    as_of_: Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi (default) or en.")] = None,
    title: Annotated[str | None, typer.Option(help="Title instead of BÁO CÁO.")] = None,
    since: Annotated[str | None, typer.Option(help="Add what changed since this revision or date (git).")] = None,
) -> None:
    """The report before a meeting: status grid by department, obstacle groups,
    overdue and escalated items, next steps, and an appendix by department.

    \b
    Example: tracker report --dept NNMT --format html --output bao-cao-nnmt.html
    """
    from tracker import render, store
    from tracker.query import Filter

    check_format(fmt, (*render.FORMATS, "docx"))
    if fmt == "docx" and out is None:
        raise UsageError(tr("--format docx cần --output TỆP.docx", "--format docx needs --output FILE.docx"))
    if lang:
        set_lang(lang)
    t = tracker(ctx)
    flt = Filter(
        depts=[d.strip().upper() for d in dept or []], statuses=[s.value for s in status or []], as_of=as_of(as_of_)
    )
    model = t.report(flt, commune, title)
    if since:
        from tracker import gitflow

        found, warnings = gitflow.changes(t, since)
        for warning in warnings:
            typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
        model = gitflow.with_changes(t, model, found, since)
    if fmt == "docx":
        from tracker.render.docx import render_docx

        assert out is not None
        store.write_output(out, render_docx(model, get_lang(), t.dir.root), t.dir.root)
        typer.echo(store.display(out), err=True)
        return
    text = render.render(model, fmt, get_lang(), t.dir.root)
    if out is None:
        typer.echo(text, nl=False)
    else:
        store.write_output(out, text, t.dir.root)
        typer.echo(store.display(out), err=True)


@app.command("stats")
def stats(
    ctx: typer.Context,
    as_of_: Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The status grid per lead department: done on time or late, not done in time or overdue.

    \b
    Example: tracker stats --format json --as-of 2025-12-31
    """
    from tracker import output

    check_format(fmt, ("table", "json"))
    output.stats(tracker(ctx).stats(as_of(as_of_)), fmt)


@app.command("changes")
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
    from tracker import output

    check_format(fmt, ("md", "json"))
    t = tracker(ctx)
    from tracker import gitflow

    found, warnings = gitflow.changes(t, since, until)
    for warning in warnings:
        typer.echo(tr("cảnh báo: ", "warning: ") + warning, err=True)
    if fmt == "json":
        typer.echo(output.dumps({"changes": [c.as_json() for c in found]}))
        return
    from tracker import changes as changes_module
    from tracker import render

    groups = changes_module.group(found, t.department_names())
    typer.echo(render.render_changes(groups, since, "md", get_lang(), t.dir.root), nl=False)
