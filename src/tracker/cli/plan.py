"""Action-plan commands: plan add, plan list, plan update."""

from typing import Annotated

import typer

from tracker.cli.common import FORMAT_HELP, FORMATS, as_of, check_format, day, required, tracker
from tracker.dates import parse_date
from tracker.enums import PlanStatus
from tracker.errors import UsageError
from tracker.i18n import tr

app = typer.Typer(
    rich_markup_mode=None,
    help="A commune's action plan (kế hoạch hành động): items with a roadmap and an owner.",
    no_args_is_help=True,
)


def _milestone(value: str) -> tuple[object, str]:
    when, sep, target = value.partition(":")
    if not sep or not target.strip():
        raise UsageError(
            tr(
                f"--milestone: cần dạng NGÀY:NỘI DUNG, nhận '{value}'",
                f"--milestone: expected DATE:TEXT, got '{value}'",
            )
        )
    return parse_date(when, "--milestone"), target.strip()


@app.command("add")
def add(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Commune: slug, official code or name.")] = None,
    title: Annotated[str | None, typer.Option(help="What will be done.")] = None,
    owner: Annotated[str | None, typer.Option(help="Person responsible (người chịu trách nhiệm).")] = None,
    due: Annotated[str | None, typer.Option(help="Deadline (YYYY-MM-DD or dd/mm/yyyy).")] = None,
    start: Annotated[str | None, typer.Option(help="Start date.")] = None,
    issue: Annotated[list[str] | None, typer.Option(help="Issue ID it addresses; repeat for several.")] = None,
    milestone: Annotated[list[str] | None, typer.Option(help="Roadmap step DATE:TEXT; repeat.")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Add an action-plan item to a commune; prints the new ID last.

    \b
    Example: tracker plan add --commune "Vạn An" --title "Rà soát hồ sơ đất đai" --owner "Vương Hồng Thái"
    --due 2025-12-31 --issue VA-1 --milestone 2025-11-15:"Lập danh sách hồ sơ"
    """
    commune = required(commune, "--commune", tr("Xã", "Commune"))
    title = required(title, "--title", tr("Nội dung", "Title"))
    owner = required(owner, "--owner", tr("Người chịu trách nhiệm", "Owner"))
    due_day = day(required(due, "--due", tr("Thời hạn", "Due")), "--due")
    assert due_day is not None
    stones = [_milestone(m) for m in milestone or []]
    ident = tracker(ctx).add_plan(
        commune,
        title,
        owner,
        due_day,
        issue or [],
        stones,  # type: ignore[arg-type]
        start=day(start, "--start"),
        by=by,
    )
    typer.echo(ident)


@app.command("list")
def list_plan(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Only this commune.")] = None,
    status: Annotated[list[PlanStatus] | None, typer.Option(help="Only these statuses.")] = None,
    overdue: Annotated[bool, typer.Option(help="Only items past their deadline.")] = False,
    search: Annotated[str | None, typer.Option(help="Text, any case or diacritics.")] = None,
    as_of_: Annotated[str | None, typer.Option("--as-of", help="Date that counts as today.")] = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
) -> None:
    """List action-plan items, by commune then ID.

    \b
    Example: tracker plan list --commune van-an --format json
    """
    from tracker import output
    from tracker.query import Filter

    check_format(fmt, FORMATS)
    when = as_of(as_of_)
    flt = Filter(statuses=[s.value for s in status or []], overdue=overdue, search=search, as_of=when)
    output.emit(tracker(ctx).list_plan(flt, commune, brief=fmt == "table"), fmt, when, plan=True)


@app.command("update")
def update(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Plan-item ID, e.g. VA-KH1.")],
    status: Annotated[PlanStatus | None, typer.Option(help="New status.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    milestone_done: Annotated[list[int] | None, typer.Option(help="Mark milestone N (1-based) done; repeat.")] = None,
    due: Annotated[str | None, typer.Option(help="New deadline.")] = None,
    owner: Annotated[str | None, typer.Option(help="New person responsible.")] = None,
    on: Annotated[str | None, typer.Option(help="Date done (default: today).")] = None,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
) -> None:
    """Change an action-plan item: status, milestones done, deadline.

    \b
    Example: tracker plan update VA-KH1 --milestone-done 1 --note "Đã lập danh sách"
    """
    item = tracker(ctx).update_plan(
        ident,
        status=status,
        note=note,
        milestone_done=milestone_done,
        due=day(due, "--due"),
        owner=owner,
        on=day(on, "--on"),
        by=by,
    )
    typer.echo(tr(f"đã cập nhật {item.id}", f"updated {item.id}"))
