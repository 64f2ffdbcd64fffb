"""Action-plan commands: plan add, plan list, plan update."""

from datetime import date
from typing import Annotated

import typer

from tracker.cli.app import (
    FORMAT_HELP,
    AsOf,
    Group,
    as_of_day,
    command,
    day,
    emit,
    past_day,
    plan_status,
    required,
    workspace,
)
from tracker.dates import parse_date
from tracker.enums import PlanStatus
from tracker.errors import FieldError, UsageError, WrongKind
from tracker.i18n import tr

app = typer.Typer(
    cls=Group,
    rich_markup_mode=None,
    help="A commune's action plan (kế hoạch hành động): items with a roadmap and an owner.",
    no_args_is_help=True,
)


def _milestone(value: str) -> tuple[date, str]:
    when, sep, target = value.partition(":")
    if not sep or not target.strip():
        raise FieldError.one("milestones", tr(f"cần dạng NGÀY:NỘI DUNG, nhận '{value}'",
                                              f"expected DATE:TEXT, got '{value}'"))  # fmt: skip
    return parse_date(when, "milestones"), target.strip()


def _numbered(value: str, field: str) -> tuple[int, str]:
    """N:VALUE (a milestone's number, from 1, and its new date or text)."""
    number, sep, rest = value.partition(":")
    if not sep or not number.strip().isdigit() or not rest.strip():
        raise FieldError.one(field, tr(f"cần dạng SỐ-MỐC:GIÁ-TRỊ (1:2025-11-20), nhận '{value}'",
                                       f"expected N:VALUE (1:2025-11-20), got '{value}'"))  # fmt: skip
    return int(number), rest.strip()


@command(app, "add", under="plan")
def add(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Commune: slug, official code or name.")] = None,
    title: Annotated[str | None, typer.Option(help="What will be done.")] = None,
    owner: Annotated[str | None, typer.Option(help="Person responsible (người chịu trách nhiệm).")] = None,
    due: Annotated[str | None, typer.Option(help="Deadline (YYYY-MM-DD or dd/mm/yyyy).", metavar="<date>")] = None,
    start: Annotated[str | None, typer.Option(help="Start date.", metavar="<date>")] = None,
    issues: Annotated[
        list[str] | None, typer.Option("--issue", help="Issue ID it addresses; repeat for several.")
    ] = None,
    milestones: Annotated[list[str] | None, typer.Option("--milestone", help="Roadmap step DATE:TEXT; repeat.")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Add an action-plan item to a commune; prints the new ID last.

    \b
    Example: tracker plan add --commune "Vạn An" --title "Rà soát hồ sơ đất đai" --owner "Vương Hồng Thái"
    --due 2025-12-31 --issue VA-1 --milestone 2025-11-15:"Lập danh sách hồ sơ"
    """
    from tracker.ops import plans

    commune = required(commune, "commune", tr("Xã", "Commune"))
    title = required(title, "title", tr("Nội dung", "Title"))
    owner = required(owner, "owner", tr("Người chịu trách nhiệm", "Owner"))
    due_day = parse_date(required(due, "due", tr("Thời hạn", "Due")), "due")
    stones = [_milestone(m) for m in milestones or []]
    ident = plans.add_plan(workspace(ctx), commune, title, owner, due_day, issues or [], stones,
                           start=day(start, "start"), by=by)  # fmt: skip
    typer.echo(ident)


@command(app, "list", reads=True, under="plan")
def list_plan(
    ctx: typer.Context,
    commune: Annotated[str | None, typer.Option(help="Only this commune.")] = None,
    status: Annotated[
        list[PlanStatus] | None, typer.Option(help="Only these statuses.", parser=plan_status, metavar="<status>")
    ] = None,
    overdue: Annotated[bool, typer.Option(help="Only items past their deadline.")] = False,
    search: Annotated[str | None, typer.Option(help="Text, any case or diacritics.")] = None,
    as_of_: AsOf = None,
    fmt: Annotated[str, typer.Option("--format", help=FORMAT_HELP)] = "table",
) -> None:
    """List action-plan items, by commune then ID.

    \b
    Example: tracker plan list --commune van-an --format json
    """
    from tracker import formats
    from tracker.ops import listing
    from tracker.query import Filter
    from tracker.results import Listing

    chosen = formats.check("plan list", fmt)
    when = as_of_day(as_of_)
    flt = Filter(statuses=[s.value for s in status or []], overdue=overdue, search=search, as_of=when)
    ws = workspace(ctx)
    rows = (listing.full_plan if chosen.full_rows else listing.list_plan)(ws, flt, commune)
    emit(ws, Listing(rows, when, plan=True), fmt)


@command(app, "update", under="plan")
def update(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Plan-item ID, e.g. VA-KH1.")],
    status: Annotated[
        PlanStatus | None, typer.Option(help="New status.", parser=plan_status, metavar="<status>")
    ] = None,
    note: Annotated[str | None, typer.Option(help="A note for the history.")] = None,
    milestone_done: Annotated[list[int] | None, typer.Option(help="Mark milestone N (1-based) done; repeat.")] = None,
    due: Annotated[str | None, typer.Option(help="New deadline.", metavar="<date>")] = None,
    owner: Annotated[str | None, typer.Option(help="New person responsible.")] = None,
    done_on: Annotated[str | None, typer.Option("--on", help="Date done (default: today).", metavar="<date>")] = None,
    title: Annotated[str | None, typer.Option(help="New title (what will be done).")] = None,
    milestones: Annotated[
        list[str] | None, typer.Option("--milestone", help="Add a roadmap step DATE:TEXT (numbered last); repeat.")
    ] = None,
    milestone_due: Annotated[
        list[str] | None, typer.Option(help="Move milestone N to a new date: N:DATE; repeat.")
    ] = None,
    milestone_target: Annotated[list[str] | None, typer.Option(help="Reword milestone N: N:TEXT; repeat.")] = None,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
    doc: Annotated[
        str | None,
        typer.Option(help="The document that proves it: number and date (Số 45/SNNMT-QLĐĐ ngày 10/12/2025)."),
    ] = None,
) -> None:
    """Change an action-plan item: status, milestones done, added or changed, deadline, title.

    \b
    Example: tracker plan update VA-KH1 --milestone-done 1 --note "Đã lập danh sách"
    Example: tracker plan update VA-KH1 --milestone 2025-12-15:"Báo cáo kết quả" --milestone-due 1:2025-11-20
    """
    from tracker.ops import plans

    roadmap = plans.Roadmap(
        added=[_milestone(m) for m in milestones or []],
        due=[
            (n, parse_date(v, "milestone_due")) for n, v in (_numbered(m, "milestone_due") for m in milestone_due or [])
        ],
        target=[_numbered(m, "milestone_target") for m in milestone_target or []],
    )
    try:
        item = plans.update_plan(workspace(ctx), ident, status=status, note=note, milestone_done=milestone_done,
                                 due=day(due, "due"), owner=owner, on=past_day(done_on, "done_on"), by=by, title=title,
                                 roadmap=roadmap, document=doc)  # fmt: skip
    except WrongKind as exc:
        raise UsageError(tr(f"{exc.message}: dùng `tracker update`", f"{exc.message}: use `tracker update`")) from None
    typer.echo(tr(f"đã cập nhật {item.id}", f"updated {item.id}"))
