"""Issue commands: add-issue, list, show, update, close."""

from typing import Annotated

import typer

from tracker.cli import app
from tracker.cli.common import (
    FORMAT_HELP,
    FORMATS,
    AsOf,
    Categories,
    Commune,
    Depts,
    Overdue,
    Search,
    Statuses,
    WithSupport,
    as_of,
    check_format,
    day,
    issue_filter,
    required,
    tracker,
)
from tracker.enums import IssueStatus, Priority
from tracker.errors import UsageError
from tracker.i18n import tr


@app.command("add-issue")
def add_issue(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Commune: slug, official code or name.")] = None,
    dept: Annotated[str | None, typer.Option(help="Lead department code (cơ quan chủ trì).")] = None,
    title: Annotated[str | None, typer.Option(help="The obstacle, in one line.")] = None,
    description: Annotated[str | None, typer.Option(help="Details.")] = None,
    category: Annotated[str | None, typer.Option(help="Obstacle group code (categories.yaml).")] = None,
    support: Annotated[list[str] | None, typer.Option(help="Supporting department; repeat for several.")] = None,
    due: Annotated[str | None, typer.Option(help="Deadline (YYYY-MM-DD or dd/mm/yyyy).")] = None,
    priority: Annotated[Priority, typer.Option(help="high, normal or low.")] = Priority.NORMAL,
    owner: Annotated[str | None, typer.Option(help="Person responsible.")] = None,
    raised_on: Annotated[str | None, typer.Option(help="Date raised (default: today).")] = None,
    source: Annotated[str | None, typer.Option(help="Where it was raised (meeting, document).")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Add an obstacle (vướng mắc) raised by a commune; prints the new ID last.

    \b
    Example: tracker add-issue --commune "van an" --dept NNMT --title "Chậm cấp GCNQSD đất" --support TC
    """
    commune = required(commune, "--commune", tr("Xã", "Commune"))
    dept = required(dept, "--dept", tr("Cơ quan chủ trì", "Lead department"))
    title = required(title, "--title", tr("Nội dung vướng mắc", "Title"))
    ident = tracker(ctx).add_issue(
        commune,
        dept.strip().upper(),
        title,
        by=by,
        description=description,
        category=category,
        support=[s.strip().upper() for s in support or []],
        due=day(due, "--due"),
        priority=priority,
        owner=owner,
        raised_on=day(raised_on, "--raised-on"),
        source=source,
    )
    typer.echo(ident)


@app.command("list")
def list_issues(
    ctx: typer.Context,
    dept: Depts = None,
    with_support: WithSupport = False,
    commune: Commune = None,
    status: Statuses = None,
    category: Categories = None,
    overdue: Overdue = False,
    search: Search = None,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
) -> None:
    """List issues, by commune (Vietnamese order) then ID.

    \b
    Example: tracker list --dept NNMT --overdue --as-of 2025-12-31
    """
    from tracker import output

    check_format(fmt, FORMATS)
    flt = issue_filter(dept, with_support, status, category, overdue, search, as_of_)
    output.emit(tracker(ctx).list_issues(flt, commune, brief=fmt == "table"), fmt, flt.as_of)


@app.command("show")
def show(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue or plan-item ID.")],
    as_of_: Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show one issue or plan item in full, with its history.

    \b
    Example: tracker show VA-2
    """
    from tracker import output

    check_format(fmt, ("table", "json"))
    output.show(tracker(ctx).show(ident), as_of(as_of_), fmt)


@app.command("update")
def update(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue ID, e.g. VA-2.")],
    status: Annotated[IssueStatus | None, typer.Option(help="New status.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    due: Annotated[str | None, typer.Option(help="New deadline; '-' removes it.")] = None,
    dept: Annotated[str | None, typer.Option(help="New lead department.")] = None,
    support: Annotated[
        list[str] | None, typer.Option(help="Supporting departments (replaces the list; '-' empties it).")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Person responsible.")] = None,
    priority: Annotated[Priority | None, typer.Option(help="high, normal or low.")] = None,
    category: Annotated[str | None, typer.Option(help="Obstacle group code.")] = None,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
) -> None:
    """Change an issue; every change is recorded in its history.

    \b
    Example: tracker update VA-2 --status in_progress --note "Sở đã có văn bản hướng dẫn"
    """
    from tracker.service import IssueChanges

    clear_due = due is not None and due.strip() == "-"
    if status == IssueStatus.RESOLVED:
        raise UsageError(
            tr(
                "dùng `tracker close ID --resolution ...` để đóng vướng mắc",
                "use `tracker close ID --resolution ...` to resolve an issue",
            )
        )
    changes = IssueChanges(
        status=status,
        due=None if clear_due else day(due, "--due"),
        clear_due=clear_due,
        dept=dept.strip().upper() if dept else None,
        # `--support -` empties the list
        support=[s.strip().upper() for s in support if s.strip() != "-"] if support else None,
        owner=owner,
        priority=priority.value if priority else None,
        category=category,
        note=note,
    )
    issue = tracker(ctx).update_issue(ident, changes, by=by)
    typer.echo(tr(f"đã cập nhật {issue.id}", f"updated {issue.id}"))


@app.command("close")
def close(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue ID, e.g. VA-2.")],
    resolution: Annotated[str, typer.Option(help="How it was resolved (kết quả).")],
    on: Annotated[str | None, typer.Option(help="Date resolved (default: today).")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Mark an issue resolved, with how and when.

    \b
    Example: tracker close VA-2 --resolution "Đã cấp 35 GCNQSD" --on 2025-12-20
    """
    issue = tracker(ctx).close_issue(ident, resolution, on=day(on, "--on"), by=by)
    typer.echo(tr(f"đã đóng {issue.id}", f"closed {issue.id}"))


@app.command("renumber")
def renumber(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="The ID to change, e.g. a duplicated VA-4.")],
    to: Annotated[str | None, typer.Option(help="The new ID (default: the next free number).")] = None,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
) -> None:
    """Give a record a new ID (after a merge left two VA-4); plan items follow it.

    \b
    Example: tracker renumber VA-4
    """
    new_id, updated = tracker(ctx).renumber(ident, to, by)
    if updated:
        typer.echo(tr(f"đã sửa {updated} tham chiếu trong kế hoạch hành động", f"updated {updated} plan reference(s)"),
                   err=True)  # fmt: skip
    typer.echo(new_id)
