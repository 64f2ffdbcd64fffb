"""Follow-up: remind (đôn đốc)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker import rules
from tracker.cli.app import AsOf, app, as_of_day, choose_lang, command, format_context, screen, workspace
from tracker.errors import FieldError, TrackerError
from tracker.i18n import counted, os_error, tr

if TYPE_CHECKING:
    from tracker.ops.followup import Outcome
    from tracker.results import Digest


@command(app, "remind")
def remind(
    ctx: typer.Context,
    dept: Annotated[list[str] | None, typer.Option(help="Only this lead department; repeat for several.")] = None,
    commune: Annotated[str | None, typer.Option(help="Only this commune (its issues and its action plan).")] = None,
    to: Annotated[str | None, typer.Option(help="depts, communes or all (default: all; depts with --dept).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md (default), html, docx, eml or json.")] = "md",
    out: Annotated[Path | None, typer.Option("--output", "-o", help="A folder: one file a reminder.")] = None,
    as_of_: AsOf = None,
    within: Annotated[int, typer.Option(help="Days ahead that count as due soon.", min=0)] = rules.DUE_SOON_DAYS,
    stale: Annotated[
        int, typer.Option(help="Days without an update that make an item stale.", min=1)
    ] = rules.STALE_DAYS,
    lang: Annotated[str | None, typer.Option("--lang", help="vi (default) or en.", metavar="<vi|en>")] = None,
    record: Annotated[bool, typer.Option("--record", help="Add to each item's history that it was reminded.")] = False,
    send: Annotated[bool, typer.Option("--send", help="Send them by e-mail (TRACKER_SMTP_URL, …).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say who would get what; write and send nothing.")] = False,
    by: Annotated[str | None, typer.Option(help="Who records it (default: git user.name).")] = None,
) -> None:
    """Reminders (đôn đốc): to each lead department its overdue, soon-due and stale
    issues, to each commune its action-plan items; escalated ones apart, copied up
    the ladder of data/followup.yaml. Written as files, sent by e-mail, recorded.

    \b
    Example: tracker remind --format docx --output dondoc/ --record
    """
    from tracker import formats, store
    from tracker.ops import followup

    chosen = formats.check("remind", fmt)
    if lang:
        choose_lang(lang)
    audience = to or ("depts" if dept else "all")
    if audience not in ("depts", "communes", "all"):
        raise FieldError.one("to", tr("chọn depts, communes hoặc all", "choose depts, communes or all"))
    ws = workspace(ctx)
    ask = followup.Ask(as_of_day(as_of_), audience, [d.strip() for d in dept or []], commune, within, stale)
    made = followup.digests(ws, ask)
    context = format_context(ws)
    items = sum(len(d.items) for d in made.digests)
    if dry_run:
        for digest in made.digests:
            typer.echo(_who(digest) + ": " + counted(len(digest.items), "mục", "item"))
        n = len(made.digests)
        made_n, items_n = counted(n, "văn bản", "reminder"), counted(items, "mục", "item")
        typer.echo(tr(f"(thử: {made_n}, {items_n}; chưa ghi, chưa gửi gì)",
                      f"(dry run: {made_n}, {items_n}; nothing written or sent)"))  # fmt: skip
        return
    if out is not None:
        store.refuse_inside(out, ws.root)
        try:  # made as `site --output` makes its folder
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            shown = store.display(out)
            raise FieldError.one("output", tr(f"{shown}: không tạo được thư mục: {os_error(exc).vi}",
                                              f"{shown}: cannot make it: {os_error(exc).en}")) from None  # fmt: skip
        for digest in made.digests:
            path = followup.written(out, digest, fmt)
            body = followup.email(ws, digest, context).as_bytes() if fmt == "eml" else chosen.render(digest, context)
            store.write_output(path, body, ws.root)
            typer.echo(store.display(path), err=True)
    elif not send:
        if chosen.binary or fmt == "html":
            raise FieldError.one(
                "output", tr(f"định dạng {fmt} cần --output THƯ-MỤC", f"format {fmt} needs --output DIR")
            )
        screen(chosen.stream(made, context), chosen.screen_as_made)  # JSON: a batch of reminders a piece
    reached = made.digests
    outcomes = followup.send(ws, made.digests, context) if send else []
    if send:
        reached = [o.digest for o in outcomes if o.reached]
        for outcome in outcomes:
            for line in _said(outcome):
                typer.echo(line, err=True)
    if record and reached:
        added = followup.record(ws, reached, by)
        recorded = counted(added, "lần đôn đốc", "reminder")
        typer.echo(tr(f"đã ghi {recorded} vào lịch sử", f"recorded {recorded} in the history"), err=True)
    count = len(made.digests)
    if not send:
        typer.echo(f"{counted(count, 'văn bản đôn đốc', 'reminder')}, {counted(items, 'mục', 'item')}", err=True)
        return
    sent = ", ".join(d.ref for d in reached) or "—"
    missed = ", ".join(o.digest.ref for o in outcomes if not o.reached)
    of = f"{len(reached)}/{counted(count, 'văn bản đôn đốc', 'reminder')} ({counted(items, 'mục', 'item')})"
    summary = tr(f"đã gửi {of}: {sent}", f"sent {of}: {sent}")
    if missed:
        summary += tr(f"; chưa gửi: {missed}", f"; not sent: {missed}")
    typer.echo(summary, err=True)
    if count and not reached:
        # Nothing it was asked to send went: a cron line that commits after must stop.
        raise TrackerError(tr("không gửi được văn bản đôn đốc nào", "no reminder was sent"))


def _who(d: "Digest") -> str:
    """Whom a reminder would go to, and each copy; who has no address says so."""
    to = f"{d.to.name} <{d.to.email}>" if d.to.email else tr(f"{d.to.name} (chưa có địa chỉ thư)",
                                                               f"{d.to.name} (no e-mail address)")  # fmt: skip
    none = tr("chưa có địa chỉ thư", "no e-mail address")
    cc = ", ".join(c.email or f"{c.name} ({none})" for c in d.copies)
    return f"{d.ref} → {to}" + (f"; cc: {cc}" if cc else "")


def _said(outcome: "Outcome") -> list[str]:
    """What became of one reminder: sent to whom, or not and why; each copy that did
    not go, and why."""
    d = outcome.digest
    why_not = "; ".join(f"{who}: {why}" for who, why in outcome.missed)
    if not outcome.tried:
        return [tr(f"bỏ qua {d.ref}: {why_not}", f"skipped {d.ref}: {why_not}")]
    took = ", ".join(outcome.accepted)
    if outcome.reached:
        lines = [tr(f"đã gửi {d.ref} tới {took}", f"sent {d.ref} to {took}")]
        if why_not:
            lines.append(tr(f"  {d.ref}: không tới {why_not}", f"  {d.ref}: did not reach {why_not}"))
        return lines
    lines = [tr(f"không gửi được {d.ref}: {why_not}", f"could not send {d.ref}: {why_not}")]
    if took:
        lines.append(tr(f"  {d.ref}: chỉ tới {took} (không ghi là đã đôn đốc)",
                        f"  {d.ref}: reached only {took} (not recorded as reminded)"))  # fmt: skip
    return lines
