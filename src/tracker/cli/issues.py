"""Issue commands: add-issue, list, show, update, close, attach, renumber."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import (
    FORMAT_HELP,
    AsOf,
    Categories,
    Commune,
    Depts,
    Extension,
    Overdue,
    Search,
    Statuses,
    Undated,
    WithSupport,
    app,
    as_of_day,
    command,
    day,
    emit,
    issue_filter,
    issue_status,
    past_day,
    required,
    workspace,
)
from tracker.cli.app import priority as priority_word
from tracker.enums import IssueStatus, Priority
from tracker.errors import UsageError, WrongKind
from tracker.i18n import counted, tr


@command(app, "add-issue")
def add_issue(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Commune: slug, official code or name.")] = None,
    dept: Annotated[str | None, typer.Option(help="Lead department code (cơ quan chủ trì).")] = None,
    title: Annotated[str | None, typer.Option(help="The obstacle, in one line.")] = None,
    description: Annotated[str | None, typer.Option(help="Details.")] = None,
    category: Annotated[str | None, typer.Option(help="Obstacle group code (categories.yaml).")] = None,
    support: Annotated[list[str] | None, typer.Option(help="Supporting department; repeat for several.")] = None,
    due: Annotated[str | None, typer.Option(help="Deadline (YYYY-MM-DD or dd/mm/yyyy).", metavar="<date>")] = None,
    priority: Annotated[
        Priority, typer.Option(help="high, normal or low.", parser=priority_word, metavar="<priority>")
    ] = Priority.NORMAL,
    owner: Annotated[str | None, typer.Option(help="Person responsible.")] = None,
    raised_on: Annotated[str | None, typer.Option(help="Date raised (default: today).", metavar="<date>")] = None,
    source: Annotated[str | None, typer.Option(help="Where it was raised (meeting, document).")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Add an obstacle (vướng mắc) raised by a commune; prints the new ID last.

    \b
    Example: tracker add-issue --commune "van an" --dept NNMT --title "Chậm cấp GCNQSD đất" --support TC
    """
    from tracker.cli.similar import say_hints
    from tracker.ops import issues, similar

    commune = required(commune, "commune", tr("Xã", "Commune"))
    dept = required(dept, "dept", tr("Cơ quan chủ trì", "Lead department"))
    title = required(title, "title", tr("Nội dung vướng mắc", "Title"))
    ws = workspace(ctx)
    alike = similar.hints(ws, title, description)
    for same in issues.same_title(ws, commune, title):
        typer.echo(tr(f"cảnh báo: xã đã có {same} cùng nội dung (tracker import coi hai dòng như vậy là một)",
                      f"warning: the commune has {same} with this title already (import takes them as one)"),
                   err=True)  # fmt: skip
    ident = issues.add_issue(
        ws,
        commune,
        dept.strip(),
        title,
        by=by,
        description=description,
        category=category,
        support=[s.strip() for s in support or []],
        due=day(due, "due"),
        priority=priority,
        owner=owner,
        raised_on=past_day(raised_on, "raised_on"),
        source=source,
    )
    say_hints(alike)
    typer.echo(ident)


@command(app, "list", reads=True)
def list_issues(
    ctx: typer.Context,
    dept: Depts = None,
    with_support: WithSupport = False,
    commune: Commune = None,
    status: Statuses = None,
    category: Categories = None,
    overdue: Overdue = False,
    undated: Undated = False,
    extension: Extension = None,
    search: Search = None,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
) -> None:
    """List issues, by commune (Vietnamese order) then ID.

    \b
    Example: tracker list --dept NNMT --overdue --as-of 2025-12-31
    Example: tracker list --extension pending
    """
    from tracker import formats
    from tracker.ops import listing
    from tracker.results import Listing

    chosen = formats.check("list", fmt)
    flt = issue_filter(dept, with_support, status, category, overdue, search, as_of_, undated, extension)
    ws = workspace(ctx)
    rows = (listing.stored_issues if chosen.full_rows else listing.list_issues)(ws, flt, commune)
    emit(ws, Listing(rows, flt.as_of), fmt)


@command(app, "show", reads=True)
def show(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue or plan-item ID.")],
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Show one issue or plan item in full, with its history.

    \b
    Example: tracker show VA-2
    """
    from tracker import formats
    from tracker.ops import records
    from tracker.results import RecordView

    formats.check("show", fmt)
    ws = workspace(ctx)
    categories = {c.code: c.name for c in ws.categories().categories}
    when = as_of_day(as_of_) if as_of_ else None
    emit(ws, RecordView(records.show(ws, ident, when), when or as_of_day(None), categories), fmt)


@command(app, "update")
def update(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue ID, e.g. VA-2.")],
    status: Annotated[
        IssueStatus | None, typer.Option(help="New status.", parser=issue_status, metavar="<status>")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    due: Annotated[str | None, typer.Option(help="New deadline; '-' removes it.", metavar="<date>")] = None,
    dept: Annotated[str | None, typer.Option(help="New lead department.")] = None,
    support: Annotated[
        list[str] | None, typer.Option(help="Supporting departments (replaces the list; '-' empties it).")
    ] = None,
    owner: Annotated[str | None, typer.Option(help="Person responsible.")] = None,
    priority: Annotated[
        Priority | None, typer.Option(help="high, normal or low.", parser=priority_word, metavar="<priority>")
    ] = None,
    category: Annotated[str | None, typer.Option(help="Obstacle group code.")] = None,
    title: Annotated[str | None, typer.Option(help="New title (the obstacle, in one line).")] = None,
    description: Annotated[str | None, typer.Option(help="New details; '-' removes them.")] = None,
    raised_on: Annotated[
        str | None,
        typer.Option(help="New date raised (not after the deadline, the date resolved or today).", metavar="<date>"),
    ] = None,
    reopen: Annotated[bool, typer.Option("--allow-reopen", help="Let a resolved issue go back to not done.")] = False,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
    doc: Annotated[
        str | None,
        typer.Option(help="The document that proves it: number and date (Số 45/SNNMT-QLĐĐ ngày 10/12/2025)."),
    ] = None,
) -> None:
    """Change an issue; every change is recorded in its history.

    \b
    Example: tracker update VA-2 --status in_progress --note "Sở đã có văn bản hướng dẫn"
    Example: tracker update VA-2 --title "Chậm cấp GCNQSD đất ở" --raised-on 20/09/2025
    """
    from tracker.ops import issues

    clear_due = due is not None and due.strip() == "-"
    if status == IssueStatus.RESOLVED:
        raise UsageError(tr("dùng `tracker close ID --resolution ...` để đóng vướng mắc",
                            "use `tracker close ID --resolution ...` to resolve an issue"))  # fmt: skip
    changes = issues.IssueChanges(
        status=status,
        due=None if clear_due else day(due, "due"),
        clear_due=clear_due,
        dept=dept.strip() if dept else None,
        # `--support -` empties the list
        support=[s.strip() for s in support if s.strip() != "-"] if support else None,
        owner=owner,
        priority=priority.value if priority else None,
        category=category,
        title=title,
        description=description if description is None or description.strip() != "-" else "",
        raised_on=day(raised_on, "raised_on"),
        note=note,
        reopen=reopen,
        doc=doc,
    )
    try:
        issue = issues.update_issue(workspace(ctx), ident, changes, by=by)
    except WrongKind as exc:
        raise UsageError(
            tr(f"{exc.message}: dùng `tracker plan update`", f"{exc.message}: use `tracker plan update`")
        ) from None
    typer.echo(tr(f"đã cập nhật {issue.id}", f"updated {issue.id}"))


@command(app, "close")
def close(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue ID, e.g. VA-2.")],
    resolution: Annotated[str, typer.Option(help="How it was resolved (kết quả).")],
    resolved_on: Annotated[
        str | None, typer.Option("--on", help="Date resolved (default: today).", metavar="<date>")
    ] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
    doc: Annotated[
        str | None,
        typer.Option(help="The document that proves it: number and date (Số 45/SNNMT-QLĐĐ ngày 10/12/2025)."),
    ] = None,
) -> None:
    """Mark an issue resolved, with how and when.

    \b
    Example: tracker close VA-2 --resolution "Đã cấp 35 GCNQSD" --on 2025-12-20
    Example: tracker close VA-2 --resolution "Đã cấp 35 GCNQSD" --doc "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"
    """
    from tracker.ops import issues

    try:
        issue = issues.close_issue(
            workspace(ctx), ident, resolution, on=past_day(resolved_on, "resolved_on"), by=by, doc=doc
        )
    except WrongKind as exc:
        raise UsageError(tr(f"{exc.message}: dùng `tracker plan update --status done`",
                            f"{exc.message}: use `tracker plan update --status done`")) from None  # fmt: skip
    typer.echo(tr(f"đã đóng {issue.id}", f"closed {issue.id}"))


@command(app, "attach")
def attach(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue or plan item ID, e.g. VA-2.")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The scanned document (PDF, image), at most 20 MB.")],
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Keep a scanned reply document with the data: copied under data/files/, named
    for the record, its SHA-256 in the record (validate checks it, the site links it).

    \b
    Example: tracker attach VA-2 "Cong van 45-SNNMT.pdf"
    """
    from tracker.ops import records

    done = records.attach(workspace(ctx), ident, file, by=by)
    kept = f"files/{done.file.file}"
    if done.new:
        typer.echo(tr(f"đã đính kèm {kept} vào {done.ident}", f"attached {kept} to {done.ident}"))
    elif done.restored:
        typer.echo(tr(f"{done.ident} đã ghi tệp này nhưng {kept} bị mất: đã khôi phục {kept}",
                      f"{done.ident} names this file but {kept} was missing: restored {kept}"))  # fmt: skip
    else:
        typer.echo(tr(f"{done.ident} đã có tệp này ({kept}): không thay đổi",
                      f"{done.ident} has this file already ({kept}): nothing changed"))  # fmt: skip


@command(app, "renumber")
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
    from tracker.ops import records

    new_id, updated = records.renumber(workspace(ctx), ident, to, by)
    if updated:
        refs = counted(updated, "tham chiếu", "plan reference")
        typer.echo(tr(f"đã sửa {refs} trong kế hoạch hành động", f"updated {refs}"), err=True)
    typer.echo(new_id)
