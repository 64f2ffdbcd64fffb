"""Follow-up that reaches people (đôn đốc): a reminder to each lead department of
its issues and to each commune of its action-plan items that are overdue, due
soon or stale; recorded in the records' history, and sent by e-mail."""

import os
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import confined, rules, store
from tracker.cache import DueRow, PlanRow
from tracker.dates import today
from tracker.i18n import tr
from tracker.memo import Memo
from tracker.ops import find
from tracker.ops.listing import due_rows, list_plan
from tracker.ops.workspace import Workspace
from tracker.query import Filter
from tracker.registry import FollowUp
from tracker.results import Contact, Digest, DigestItem, Reminders
from tracker.text import natural_key, vi_sort_key

if TYPE_CHECKING:
    from email.message import EmailMessage

    from tracker.formats import Context
    from tracker.formats.eml import Attachment

WITHIN, STALE = rules.DUE_SOON_DAYS, rules.STALE_DAYS


@dataclass
class Ask:
    """What to remind of: whom (`to`: depts, communes or all; `depts`, `commune`
    narrow it), as of when, and the windows."""

    as_of: date
    to: str = "all"
    depts: list[str] = field(default_factory=list)
    commune: str | None = None
    within: int = WITHIN
    stale: int = STALE


def reason(status: str, due: date | None, last: date | None, ask: Ask, plan: bool = False,
           raised: date | None = None, policy: rules.Policy | None = None) -> str | None:  # fmt: skip
    """Why an item is in a reminder: overdue, due soon, waiting too long for a deadline
    (`undated`: its lead is asked to propose one), stale (in that order); None when it
    is not (done, or moving)."""
    if not rules.active(status, plan):
        return None
    if rules.is_overdue(status, due, ask.as_of, plan):
        return "overdue"
    if due is not None and 0 <= (due - ask.as_of).days <= ask.within:
        return "due_soon"
    after = (policy or rules.Policy()).undated_after_days
    if rules.waits_for_deadline(status, due, raised, ask.as_of, after, plan):
        return "undated"
    if last is None or (ask.as_of - last).days >= ask.stale:
        return "stale"
    return None


def _step(follow: FollowUp, reminders: int, days_overdue: int) -> tuple[int, str]:
    """The highest rung of the ladder an item reached (0: none), and by what: its
    reminders or its days overdue (reminders when both)."""
    reached, why = 0, ""
    for number, step in enumerate(follow.ladder, 1):
        by_count = step.after_reminders is not None and reminders >= step.after_reminders
        by_days = step.after_days_overdue is not None and days_overdue >= step.after_days_overdue
        if by_count or by_days:
            reached, why = number, "reminders" if by_count else "days_overdue"
    return reached, why


def _explaining(follow: FollowUp, as_of: date) -> list[date | None]:
    """For each rung reached (0: none), by when the last rung up to it that asks for a
    written explanation wants it (None: none asks): worked out once a reminder, not
    once an item."""
    days: list[int | None] = [None]
    for step in follow.ladder:
        days.append(step.explain_within_days if step.explain_within_days is not None else days[-1])
    return [as_of + timedelta(days=n) if n is not None else None for n in days]


Steps = Memo[tuple[int, int], tuple[int, str]]


def _steps(follow: FollowUp) -> Steps:
    """`_step` of each (reminders, days overdue), worked out once: the country's
    reminders hold 80,000 items and a few thousand such pairs."""
    return Memo(lambda key: _step(follow, *key))


def _item(row: DueRow | PlanRow, why: str, ask: Ask, follow: FollowUp, explaining: list[date | None],
          steps: Steps) -> DigestItem:  # fmt: skip
    """`explaining`: what `_explaining(follow, ask.as_of)` makes; `steps`: `_steps(follow)`."""
    plan = isinstance(row, PlanRow)
    late = rules.days_overdue(row.status, row.due, ask.as_of, plan)
    step, because = steps[row.reminders, late]
    reported_to, explain_by = None, None
    if step:
        reported_to = follow.ladder[step - 1].label
        explain_by = explaining[step] if why == "overdue" else None
    elif row.status == rules.ESCALATED:
        because = "status"
    return DigestItem(row.id, row.commune.name, row.commune.slug, row.title, row.due, why, late, row.last_update,
                      row.reminders, step > 0 or row.status == rules.ESCALATED, "" if plan else row.dept,  # type: ignore[union-attr]
                      row.status.value, step, because, reported_to, explain_by)  # fmt: skip


def _oldest_first(items: list[DigestItem]) -> list[DigestItem]:
    return sorted(items, key=lambda i: (i.due is None, i.due or date.min))


_FIRST = itemgetter(0)


def _in_order(found: list[tuple[DueRow, str]], rank: dict[int, int]) -> list[tuple[DueRow, str]]:
    """A department's issues oldest deadline first, those with none last; then by commune
    in Vietnamese order and natural ID, as `sort_key` orders them (`rank`: each commune's
    place in that order, by its row's identity, as `_ranks` makes it)."""
    width = len(rank) + 1  # more than any place
    last = (date.max.toordinal() + 1) * width  # after every deadline

    def place(pair: tuple[DueRow, str]) -> int:  # deadline then commune, as one number: quicker to compare
        row = pair[0]
        return (row.due.toordinal() * width if row.due else last) + rank[id(row.commune)]

    out: list[tuple[DueRow, str]] = []
    placed = sorted(zip(map(place, found), found, strict=True), key=_FIRST)  # each place worked out once
    for _, tied in groupby(placed, key=_FIRST):
        run = [pair for _, pair in tied]
        # Natural IDs only where one commune has several with one deadline: a few in a hundred.
        out += sorted(run, key=lambda pair: natural_key(pair[0].id)) if len(run) > 1 else run
    return out


def _ranks(rows: list[DueRow]) -> dict[int, int]:
    """Each commune's place in Vietnamese order (`CommuneRow.order`), by the identity of
    its row: the rows of one query share their communes' rows, so a key is made a commune."""
    communes = {id(row.commune): row.commune for row in rows}
    keys = {k: commune.order() for k, commune in communes.items()}
    place = {key: n for n, key in enumerate(sorted(set(keys.values())))}  # two rows of one commune: one place
    return {k: place[key] for k, key in keys.items()}


def digests(ws: Workspace, ask: Ask) -> Reminders:
    """Every reminder to make: departments in the registry's order, then communes in
    Vietnamese order; items oldest deadline first. A reminder with no item is none."""
    follow, policy = ws.followup(), ws.policy()
    explaining, steps = _explaining(follow, ask.as_of), _steps(follow)
    contacts = _contacts(ws, follow)
    out: list[Digest] = []
    wanted = [find.dept(ws, d) for d in ask.depts]
    file = find.commune(ws, ask.commune).name if ask.commune else None
    if ask.to in ("depts", "all"):
        # Only what is not done can be reminded of (`reason`): the cache reads no other row.
        active = Filter(as_of=ask.as_of, statuses=[s.value for s in rules.ACTIVE_ISSUE])
        by_dept: dict[str, list[tuple[DueRow, str]]] = {}
        rows = due_rows(ws, active, file)
        rank = _ranks(rows)
        for row in rows:
            why = reason(row.status, row.due, row.last_update, ask, raised=row.raised_on, policy=policy)
            if why and (not wanted or row.dept in wanted):
                by_dept.setdefault(row.dept, []).append((row, why))
        for code in ws.department_names():
            if by_dept.get(code):
                items = [_item(row, why, ask, follow, explaining, steps) for row, why in _in_order(by_dept[code], rank)]
                out.append(_digest(ws, "dept", contacts[code], items, follow, contacts, ask))
    if ask.to in ("communes", "all"):
        by_commune: dict[str, tuple[Contact, list[DigestItem]]] = {}
        active = Filter(as_of=ask.as_of, statuses=[s.value for s in rules.ACTIVE_PLAN])  # as for the issues
        for plan in list_plan(ws, active, ask.commune):
            why = reason(plan.status, plan.due, plan.last_update, ask, plan=True, raised=plan.start, policy=policy)
            if why:
                c = plan.commune
                entry = by_commune.setdefault(c.slug, (Contact(c.slug, c.name, c.email, kind=c.kind), []))
                entry[1].append(_item(plan, why, ask, follow, explaining, steps))
        for _, (contact, items) in sorted(by_commune.items(), key=lambda kv: vi_sort_key(kv[1][0].name)):
            out.append(_digest(ws, "commune", contact, _oldest_first(items), follow, contacts, ask))
    return Reminders(ask.as_of, out)


def _contacts(ws: Workspace, follow: FollowUp) -> dict[str, Contact]:
    """Departments and the recipients of data/followup.yaml, by code."""
    out = {d.code: Contact(d.code, d.name, d.email, d.head) for d in ws.departments().departments}
    out |= {r.code: Contact(r.code, r.name, r.email) for r in follow.recipients}
    return out


def _digest(ws: Workspace, audience: str, to: Contact, items: list[DigestItem], follow: FollowUp,
            contacts: dict[str, Contact], ask: Ask) -> Digest:  # fmt: skip
    codes: dict[str, None] = {}
    for item in items:
        for step in follow.ladder[: item.step]:
            codes |= dict.fromkeys(step.copy_to)
    # Never copied "for report": whom it is sent to, and who signs it (data/followup.yaml's letter.signer_code).
    copies = [contacts[c] for c in codes if c in contacts and c not in (to.code, follow.letter.signer_code)]
    return Digest(audience, to, items, copies, ask.as_of, ask.within, ask.stale, follow.letter.number,
                  follow.letter.signer, os.environ.get("TRACKER_MAIL_FROM"))  # fmt: skip


def record(ws: Workspace, made: list[Digest], by: str | None = None) -> int:
    """Append to each reminded record's history that it was reminded (today, by whom,
    by which letter), all files at once; a record already reminded today by the same
    letter is left as it is. How many entries were added."""
    from tracker.models import CommuneFile  # the write side: not loaded to make the letters
    from tracker.ops import records

    by = ws.user(by)
    day = today()
    wanted: dict[str, dict[str, tuple[str, date | None]]] = {}  # commune file -> record ID -> letter, explain by
    for digest in made:
        for item in digest.items:
            wanted.setdefault(item.slug, {})[item.id] = (digest.ref, item.explain_by)
    added = 0
    with store.locked(ws.root):
        changes = []
        for slug, letters in wanted.items():
            doc = store.read(ws.data.communes_dir / f"{slug}.yaml", CommuneFile)
            cf = doc.model.model_copy(deep=True)
            for _, _, rec in cf.records():
                ref, explain_by = letters.get(rec.id, (None, None))
                if ref is None or any(h.date == day and h.reminder == ref for h in rec.history):
                    continue
                rec.history.append(records.entry(by).model_copy(update={"reminder": ref, "explain_by": explain_by}))
                added += 1
            changes.append((doc, cf))
        store.save_all(changes, ws.root, ws.registry())
    return added


def file_name(digest: Digest, ext: str) -> str:
    """`dept-NNMT.docx`, `commune-van-an.eml`: IDs, codes and ASCII slugs only."""
    return f"{digest.ref}.{ext}"


def written(folder: Path, digest: Digest, ext: str) -> Path:
    """Where a reminder is written in `folder`; never outside it, whatever the data says."""
    return confined.inside(folder, file_name(digest, ext))


def attachments(ws: Workspace, digest: Digest, ctx: "Context") -> list["Attachment"]:
    """What an e-mail reminder carries: the letter as Word (`dept-NNMT.docx`, the file
    `--format docx` writes) and the recipient's update form as of the reminder's day
    (`phieu-NNMT-2025-10-20.xlsx`, what `tracker form` makes); nothing for a reminder
    with no item, no form when the recipient has no row to answer."""
    from tracker.formats.docx import FORMAT as DOCX
    from tracker.formats.eml import DOCX_TYPE, XLSX_TYPE, Attachment
    from tracker.formats.form import write_form
    from tracker.ops import forms

    if not digest.items:
        return []
    letter = DOCX.render(digest, ctx)
    assert isinstance(letter, bytes)
    out = [Attachment(file_name(digest, "docx"), DOCX_TYPE, letter)]
    code = digest.to.code
    dept, commune = (code, None) if digest.audience == "dept" else (None, code)
    form = forms.make(ws, ctx.labels, dept, commune, digest.as_of)
    if form.rows:
        out.append(Attachment(forms.file_name(form), XLSX_TYPE, write_form(form, ctx.labels)))
    return out


def email(ws: Workspace, digest: Digest, ctx: "Context") -> "EmailMessage":
    """The reminder as an e-mail, its letter and form attached (what `--format eml`
    writes and `--send` sends)."""
    from tracker.formats.eml import message

    return message(digest, ctx, attachments(ws, digest, ctx))


@dataclass
class Outcome:
    """What became of one reminder asked to be sent: the addresses that took it, and
    whom it did not reach and why (no address, the server's refusal). It counts as
    sent, and is recorded, only when its addressee took it."""

    digest: Digest
    tried: bool = False  # its addressee has an address: it went to the server
    reached: bool = False
    accepted: list[str] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)  # (name <address>, why)


def send(ws: Workspace, made: list[Digest], ctx: "Context") -> list[Outcome]:
    """Send every reminder whose addressee has an address, copied to each copy that has
    one, over one connection, its letter and form attached; what became of each, every
    recipient accounted for."""
    from tracker import mailer
    from tracker.formats.eml import address

    where = mailer.server()
    outcomes = [Outcome(d) for d in made]
    ready: list[Outcome] = []
    no_address = tr("chưa có địa chỉ thư (email trong dữ liệu)", "no e-mail address (email in the data)")
    bad_address = tr("địa chỉ thư không hợp lệ", "not a valid e-mail address")
    for outcome in outcomes:
        d = outcome.digest
        for contact in [d.to, *d.copies]:
            if address(contact) is None:
                outcome.missed.append((_named(contact), bad_address if contact.email else no_address))
        if address(d.to) is not None:
            outcome.tried = True
            ready.append(outcome)
    results = mailer.send(where, [email(ws, o.digest, ctx) for o in ready]) if ready else []
    for outcome, delivery in zip(ready, results, strict=True):
        outcome.accepted = delivery.accepted
        taken = {a.lower() for a in delivery.accepted}
        outcome.reached = (outcome.digest.to.email or "").lower() in taken
        for refused, why in delivery.refused.items():
            outcome.missed.append((refused, why))
    return outcomes


def _named(contact: Contact) -> str:
    return f"{contact.name} <{contact.email}>" if contact.email else contact.name
