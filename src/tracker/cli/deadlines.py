"""`tracker extend`: requests for a new deadline (gia hạn) and their decision."""

from typing import Annotated

import typer

from tracker import ids
from tracker.cli.app import app, command, day, workspace
from tracker.errors import UsageError
from tracker.i18n import tr


@command(app, "extend")
def extend(
    ctx: typer.Context,
    ident: Annotated[str, typer.Argument(metavar="ID", help="Issue or plan-item ID.")],
    to: Annotated[str | None, typer.Option(help="The new deadline asked for.", metavar="<date>")] = None,
    reason: Annotated[str | None, typer.Option(help="Why it is asked for (or, with --reject, refused).")] = None,
    requested_on: Annotated[
        str | None, typer.Option(help="Date of the request (default: today).", metavar="<date>")
    ] = None,
    doc: Annotated[str | None, typer.Option(help="The request's document: number and date.")] = None,
    approve: Annotated[bool, typer.Option("--approve", help="Approve the request waiting.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject the request waiting (needs --reason).")] = False,
    on: Annotated[str | None, typer.Option(help="Date of the decision (default: today).", metavar="<date>")] = None,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Ask for a new deadline, or decide the request waiting; the deadline in force
    changes only when one is approved.

    \b
    Example: tracker extend VA-1 --to 31/01/2026 --reason "Chờ hướng dẫn của Bộ" --doc "Số 45/SNNMT ngày 10/12/2025"
    Example: tracker extend VA-1 --approve --on 15/12/2025
    """
    from tracker import dates
    from tracker.ops import deadlines

    ws = workspace(ctx)
    if approve and reject:
        raise UsageError(tr("chọn một: --approve hoặc --reject", "choose one: --approve or --reject"))
    if approve or reject:
        if to is not None or requested_on is not None or doc is not None:
            raise UsageError(tr("--to, --requested-on, --doc thuộc đề nghị, không thuộc quyết định",
                                "--to, --requested-on and --doc belong to a request, not to a decision"))  # fmt: skip
        ext = deadlines.decide(ws, ident, approve, on=day(on, "on"), by=by, reason=reason)
        when = dates.shown(ext.to)
        typer.echo(tr(f"{ids.normalise(ident)}: đồng ý gia hạn đến {when}" if approve else
                      f"{ids.normalise(ident)}: không đồng ý gia hạn đến {when}",
                      f"{ids.normalise(ident)}: new deadline {when} approved" if approve else
                      f"{ids.normalise(ident)}: new deadline {when} rejected"))  # fmt: skip
        return
    if on is not None:
        raise UsageError(tr("--on là ngày quyết định: dùng cùng --approve hoặc --reject; ngày đề nghị là "
                            "--requested-on", "--on is the day of a decision (with --approve or --reject); "
                            "a request's is --requested-on"))  # fmt: skip
    if to is None or reason is None:
        raise UsageError(tr("đề nghị gia hạn cần --to NGÀY và --reason LÝ DO (hoặc --approve, --reject)",
                            "a request needs --to DATE and --reason TEXT (or --approve, --reject)"))  # fmt: skip
    asked = deadlines.Request(to=day(to, "to") or dates.today(), reason=reason,
                              requested_on=day(requested_on, "requested_on"), doc=doc)  # fmt: skip
    ext = deadlines.request(ws, ident, asked, by=by)
    typer.echo(
        tr(
            f"{ids.normalise(ident)}: đã ghi đề nghị gia hạn đến {dates.shown(ext.to)}, chờ quyết định",
            f"{ids.normalise(ident)}: request for a new deadline {dates.shown(ext.to)} recorded, awaiting a decision",
        )
    )
