"""Answers without git: the update form a department or a commune fills in
(`tracker form`), and its reading back (`tracker import FORM.xlsx`).

The form lists the items not done that the recipient leads (a commune: its
action-plan items, then the issues it raised), with a fingerprint of each as it was
sent. Read back, a row is applied only to an item the recipient still leads and
that has not changed since (else a conflict, unless forced); a status, a result and
a date go through the same code as `update`, `close` and `plan update`; a new
deadline asked for becomes a pending request (ops/deadlines.ask), never a new
deadline; the reply document is kept with the change (`doc`). Each change's history
names the recipient (`by`) and the form (its note names the form's key): the same
form imported twice changes nothing the second time. Every row is checked before
anything is written, and all the files are written, or none.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import confined, historytext, sheets, store, timeline
from tracker.cache import queries
from tracker.dates import today
from tracker.enums import IssueStatus, PlanStatus
from tracker.errors import DataError, FieldError, Problem, TrackerError, UsageError
from tracker.formats.form import Answer, Form, FormRow, Returned, read_form
from tracker.i18n import said, tr
from tracker.models import CommuneFile, ExtensionStep, Issue, PlanItem
from tracker.ops import deadlines, find, plans, records
from tracker.ops.issues import IssueChanges, apply_changes
from tracker.ops.listing import back_dated
from tracker.ops.workspace import Workspace
from tracker.query import sort_key
from tracker.text import fold, nfc
from tracker.wording import Labels, codes_by_word, date_label, fill, labels

if TYPE_CHECKING:  # imported where used: a returned form need not load the sheets' import
    from tracker.formats.intake import Intake
    from tracker.ops import exchange

# A field a check names, as the form's column: `close` says resolution, the form "Kết quả".
_COLUMN_OF = {
    "resolution": "result",
    "resolved_on": "done_on",
    "status": "new_status",
    "to": "new_due",
    "requested_on": "doc_date",
    "due": "new_due",
}
_DONE = {IssueStatus.RESOLVED.value, IssueStatus.DROPPED.value, PlanStatus.DONE.value}


def fingerprint(rec: Issue | PlanItem) -> str:
    """SHA-256 of what identifies an item and where it stands: its ID, title, lead
    (or owner), deadline, status, result and date done. A note or a reminder added
    since does not change it; an answer recorded, a new deadline or lead does."""
    if isinstance(rec, Issue):
        values: list[Any] = [rec.id, rec.title, rec.dept, rec.due, rec.status.value, rec.resolution, rec.resolved_on]
    else:
        values = [rec.id, rec.title, rec.owner, rec.due, rec.status.value, rec.note, rec.done_on]
    values.append(sum(1 for e in rec.extensions if e.status == "pending"))
    text = json.dumps([v.isoformat() if isinstance(v, date) else v for v in values], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def make(ws: Workspace, L: Labels, dept: str | None = None, commune: str | None = None,
         as_of: date | None = None) -> Form:  # fmt: skip
    """The form of a department (the issues it leads) or of a commune (its plan
    items, then its issues): the items not done as they stood on `as_of`."""
    if (dept is None) == (commune is None):
        raise UsageError(tr("cần đúng một trong --dept hoặc --commune", "give exactly one of --dept or --commune"))
    as_of = as_of or today()
    past = back_dated(ws, as_of)

    def then(rec: Issue | PlanItem) -> Issue | PlanItem | None:
        return timeline.as_of(rec, as_of) if past else rec

    rows: list[FormRow] = []
    if dept is not None:
        code = find.dept(ws, dept)
        name = ws.department_names().get(code, code)
        found = queries.full_rows(ws.readable(), "issues", queries.Where(depts=[code]))
        for full in sorted(found, key=sort_key):
            rec = then(full.record)
            if isinstance(rec, Issue) and rec.dept == code and rec.status.value not in _DONE:
                rows.append(_row(rec, full.commune.name))
        return Form("dept", code, name, as_of, today(), rows)
    assert commune is not None
    path = find.commune(ws, commune)
    cf = store.read(path, CommuneFile).model
    for section in (cf.action_plan, cf.issues):
        for one in section:
            rec = then(one)
            if rec is not None and rec.status.value not in _DONE:
                rows.append(_row(rec, cf.commune.name))
    return Form("commune", path.stem, L.unit(cf.commune), as_of, today(), rows)


def intake(ws: Workspace, L: Labels, commune: str) -> Intake:
    """A commune's blank intake sheet: its drop-downs offer the registry's groups and
    departments, by name."""
    from tracker.formats.intake import Intake

    path = find.commune(ws, commune)
    cf = store.read(path, CommuneFile).model
    return Intake(path.stem, L.unit(cf.commune), today(), ws.department_names(), list(ws.category_names().values()))


def _is_commune(ws: Workspace, slug: str) -> bool:
    """Whether a returned sheet's commune (from its hidden sheet: anyone may have typed
    it) names a commune file: a safe name, never a path (`../departments`)."""
    return confined.safe_stem(slug) and (ws.data.communes_dir / f"{slug}.yaml").is_file()


def import_intake(ws: Workspace, path: Path, L: Labels, dry_run: bool = False,
                  by: str | None = None) -> exchange.Imported:  # fmt: skip
    """A returned intake sheet: its rows are new issues of its commune, imported as
    any sheet's rows are (an issue of the same title in that commune is that issue:
    the same sheet imported twice adds nothing). A sheet sent back without a row adds
    nothing and is no error."""
    from tracker.formats.intake import read_intake
    from tracker.ops import exchange

    returned = read_intake(path, L)
    if not _is_commune(ws, returned.code):
        raise UsageError(tr(f"phiếu đề xuất của xã {returned.code}, không có tệp xã này",
                            f"the intake sheet is for {returned.code}, no such file"))  # fmt: skip
    if not returned.sheet.rows:  # no new obstacle is an answer, as an update form sent back blank is
        return exchange.Imported([], returned.sheet.ignored)
    return exchange.import_rows(ws, returned.sheet, path, returned.code, dry_run, by)


def intake_file_name(sheet: Intake) -> str:
    """`phieu-de-xuat-van-an.xlsx`: the name `tracker form --intake` gives it by default."""
    return f"phieu-de-xuat-{sheet.code}.xlsx"


def file_name(form: Form) -> str:
    """`phieu-NNMT-2025-10-20.xlsx`: the name `tracker form` gives a form by default."""
    return f"phieu-{form.code}-{form.as_of.isoformat()}.xlsx"


def _row(rec: Issue | PlanItem, commune: str) -> FormRow:
    return FormRow(rec.id, isinstance(rec, PlanItem), commune, rec.title, rec.due, rec.status.value, fingerprint(rec))


@dataclass
class FormImport:
    """What importing a form did (or, dry, would do): a line a row that changes
    something, in the sheet's order; the rows already imported; the rows sent that
    did not come back."""

    form: Form
    lines: list[str]
    already: list[str] = field(default_factory=list)  # IDs this form already brought
    missing: list[str] = field(default_factory=list)  # IDs sent whose row did not come back
    forced: list[str] = field(default_factory=list)  # IDs applied though they changed since
    problems: list[Problem] = field(default_factory=list)  # dry: the rows that stop the import, beside `lines`


def import_form(ws: Workspace, path: Path, L: Labels, dry_run: bool = False, by: str | None = None,
                force: bool = False) -> FormImport:  # fmt: skip
    """Read a returned form and apply it: every row checked first; all or nothing."""
    # A form made in one language may come back to be read with `--lang` of the other.
    returned = read_form(path, [L, *(labels(lang) for lang in ("vi", "en") if lang != L.lang)])
    form = returned.form
    clerk = ws.user(by)
    who = _recipient(ws, form)
    note = fill(L.form["note"], date=date_label(form.made_on, L.lang), key=form.key)
    with store.locked(ws.root):
        job = _Job(ws, returned, L, who, note, fill(L.form["typed_by"], clerk=clerk), force)
        for answer in returned.answers:
            job.row(answer)
        if job.problems and not dry_run:
            raise DataError(job.problems)
        ready = [(doc, cf) for doc, cf in job.files.values() if doc.path in job.touched]
        store.save_all(ready, ws.root, ws.registry(), dry_run=dry_run)
    came = {str(a.cells.get("id") or "") for a in returned.answers} | returned.untouched
    missing = [r.id for r in form.rows if r.id not in came]
    lines = [text for _, text in sorted(job.lines)]
    return FormImport(form, lines, job.already, missing, job.forced, sorted(job.problems))


def _recipient(ws: Workspace, form: Form) -> str:
    """The recipient as the form names it, if it is still one of the data's."""
    if form.kind == "dept":
        if form.code not in ws.department_names():
            raise UsageError(tr(f"phiếu của {form.code}, không có trong departments.yaml",
                                f"the form is {form.code}'s, not in departments.yaml"))  # fmt: skip
    elif form.kind != "commune" or not _is_commune(ws, form.code):
        raise UsageError(tr(f"phiếu của xã {form.code}, không có tệp xã này",
                            f"the form is for {form.code}, no such file"))  # fmt: skip
    return form.name


class _Job:
    """The rows of one form, checked and applied to copies of the files they touch."""

    def __init__(self, ws: Workspace, returned: Returned, L: Labels, who: str, note: str, typed: str,
                 force: bool) -> None:  # fmt: skip
        self.ws, self.returned, self.L, self.who, self.force = ws, returned, L, who, force
        self.note, self.typed = note, typed
        self.sent = {r.id: r for r in returned.form.rows}
        self.files: dict[Path, tuple[store.Doc[CommuneFile], CommuneFile]] = {}
        self.touched: set[Path] = set()
        self.problems: list[Problem] = []
        self.lines: list[tuple[int, str]] = []
        self.already: list[str] = []
        self.forced: list[str] = []
        self.seen: set[str] = set(returned.untouched)  # a row of the same ID among the answers is its second
        self.statuses, self.plan_statuses = codes_by_word("status"), codes_by_word("plan_status")
        # A form made in one language may come back to be read with `--lang` of the other:
        # its locked words are those of either.
        both = [labels("vi"), labels("en")]
        self._words = {(code, plan): {x.status_word(code, plan) for x in both} for plan in (False, True)
                       for code in (L.plan_status if plan else L.status)}  # fmt: skip
        self._plan_task = {x.form["plan_task"] for x in both}

    def fail(self, answer: Answer, column: str, vi: str, en: str, record: str = "") -> None:
        heading = self.L.form["columns"].get(column, column) if column else ""
        self.problems.append(Problem(self.returned.where, answer.number, record, heading, said(vi, en)))

    def row(self, answer: Answer) -> None:
        cells = answer.cells
        ident = str(cells.get("id") or "").strip()
        for column in answer.formulas:
            self.fail(answer, column, "ô là công thức, không phải giá trị: hãy dán giá trị",
                      "the cell is a formula, not a value: paste the values", ident)  # fmt: skip
        sent = self.sent.get(ident)
        if sent is None:
            what = f"'{ident}'" if ident else tr("không có mã", "no ID")
            self.fail(answer, "id", f"dòng không có trong phiếu đã gửi ({what}): không thêm dòng vào phiếu",
                      f"a row the form did not send ({what}): rows cannot be added to a form", ident)  # fmt: skip
            return
        if ident in self.seen:
            self.fail(answer, "id", f"{ident} có hai dòng trong phiếu", f"{ident} has two rows in the form", ident)
            return
        self.seen.add(ident)
        if not self._locked_kept(answer, sent):
            return
        if not answer.filled() or answer.formulas:
            return
        found = self._find(answer, ident)
        if found is None:
            return
        path, rec = found
        if not self._led(answer, path, rec):
            return
        key = self.returned.form.key
        if any(key in (e.note or "") for e in rec.history):
            self.already.append(ident)
            return
        now = fingerprint(rec)
        if now != sent.fingerprint:
            if not self.force:
                self.fail(answer, "", *self._conflict(sent, rec), ident)
                return
            self.forced.append(ident)
        before = len(rec.history)
        try:
            self._apply(answer, rec)
        except FieldError as exc:
            columns = self.L.form["columns"]
            for column, message in exc.filled(lambda name: columns.get(_COLUMN_OF.get(name, name), name)):
                column = _COLUMN_OF.get(column, column)
                self.problems.append(Problem(self.returned.where, answer.number, ident,
                                             columns.get(column, column), said(message)))  # fmt: skip
            return
        except TrackerError as exc:  # the row's ID is said once, before the message
            message = exc.message.removeprefix(f"{ident} ")
            self.fail(answer, "", message, message, ident)
            return
        if len(rec.history) == before:  # asked for what it is already: nothing to do
            return
        told = historytext.told(rec, self.L)[before:]
        parts: list[str] = []  # the document told once, though two entries keep it
        for text, entry in zip(told, rec.history[before:], strict=True):
            parts += [p for p in (text or entry.note or "").split("; ") if p not in parts]
        note = _text(answer.cells.get("note"))
        if note and not any(note in part for part in parts):  # said with a change, as the history keeps it
            parts.append(f"{self.L.form['columns']['note']}: {note}")
        self.lines.append((answer.number, f"{self.returned.where}:{answer.number}: {ident}: " + "; ".join(parts)))
        self.touched.add(path)

    def _locked_kept(self, answer: Answer, sent: FormRow) -> bool:
        """The locked cells still say what was sent (a protected sheet can be
        unprotected): a row whose item or deadline was typed over is refused."""
        cells, L, ok = answer.cells, self.L, True
        statuses = self._words.get((sent.status, sent.plan)) or {L.status_word(sent.status, sent.plan)}
        due, title = cells.get("due"), cells.get("title")
        # the usual row, as it was sent: a national form's thousands of rows need no more
        if (
            cells.get("commune") == (sent.commune or None)
            and cells.get("status") in statuses
            and (title == sent.title if not sent.plan else title in {p + sent.title for p in self._plan_task})
            and ((due is None and sent.due is None) or (isinstance(due, datetime) and due.date() == sent.due))
        ):
            return True
        titles = {prefix + sent.title for prefix in self._plan_task} if sent.plan else {sent.title}
        title = (L.form["plan_task"] if sent.plan else "") + sent.title
        shown = {"commune": sent.commune, "title": title, "due": sent.due,
                 "status": L.status_word(sent.status, sent.plan)}  # fmt: skip
        either: dict[str, set[Any]] = {"title": titles, "status": statuses}  # the words of either language
        for column, value in shown.items():
            got = cells.get(column)
            if column == "due" and got is not None:
                with contextlib.suppress(TrackerError):
                    got = sheets.cell_date(got)
            if isinstance(got, str):
                got = nfc(got)
            if got is not None and not isinstance(got, date) and hasattr(got, "date"):
                got = got.date()
            if got != value and got not in either.get(column, ()) and not (got is None and value in (None, "")):
                was = date_label(value, L.lang) if isinstance(value, date) else value or "—"
                now = date_label(got, L.lang) if isinstance(got, date) else got or "—"
                self.fail(answer, column, f"cột khóa đã bị sửa: '{now}', phiếu gửi đi ghi '{was}'",
                          f"a locked cell was changed: '{now}', the form sent '{was}'", sent.id)  # fmt: skip
                ok = False
        return ok

    def _find(self, answer: Answer, ident: str) -> tuple[Path, Issue | PlanItem] | None:
        try:
            doc, section, index = find.record(self.ws, ident)
        except UsageError as exc:
            self.fail(answer, "id", exc.message, exc.message, ident)
            return None
        if doc.path not in self.files:
            self.files[doc.path] = (doc, doc.model.model_copy(deep=True))
        rec: Issue | PlanItem = getattr(self.files[doc.path][1], section)[index]
        return doc.path, rec

    def _led(self, answer: Answer, path: Path, rec: Issue | PlanItem) -> bool:
        """Whether the form's recipient leads `rec` now: a department its issues, a
        commune its own records."""
        form = self.returned.form
        if form.kind == "dept":
            if isinstance(rec, Issue) and rec.dept == form.code:
                return True
            lead = rec.dept if isinstance(rec, Issue) else path.stem
            self.fail(answer, "id", f"{rec.id} do {lead} chủ trì, không phải {form.code}: không nhận dòng này",
                      f"{rec.id} is led by {lead}, not {form.code}: the row is refused", rec.id)  # fmt: skip
            return False
        if path.stem == form.code:
            return True
        self.fail(answer, "id", f"{rec.id} là của xã khác ({path.stem}), không phải {form.code}: không nhận dòng này",
                  f"{rec.id} is another commune's ({path.stem}), not {form.code}'s: the row is refused",
                  rec.id)  # fmt: skip
        return False

    def _conflict(self, sent: FormRow, rec: Issue | PlanItem) -> tuple[str, str]:
        """Both values of what changed since the form was made."""
        L, plan = self.L, sent.plan
        pairs = [("title", sent.title, rec.title), ("due", sent.due, rec.due),
                 ("status", L.status_word(sent.status, plan), L.status_word(rec.status.value, plan))]  # fmt: skip
        changed = [(L.fields.get(f, f), historytext.shown(f, a, L), historytext.shown(f, b, L))
                   for f, a, b in pairs if a != b]  # fmt: skip
        vi = "; ".join(f"{f}: phiếu '{a}', nay '{b}'" for f, a, b in changed) or "kết quả, người chủ trì hoặc gia hạn"
        en = "; ".join(f"{f}: form '{a}', now '{b}'" for f, a, b in changed) or "its result, lead or extension"
        return (
            f"đã thay đổi sau khi lập phiếu ({vi}): không áp dụng; lập phiếu mới, hoặc --force để vẫn nhập",
            f"changed since the form was made ({en}): not applied; make a new form, or --force to import it",
        )

    def _apply(self, answer: Answer, rec: Issue | PlanItem) -> None:
        """The row's changes to `rec`, each with its history entry; a FieldError
        or UsageError names what is wrong."""
        cells, L = answer.cells, self.L
        status = self._status(cells.get("new_status"), rec)
        result = _text(cells.get("result"))
        done_on = _day(cells, "done_on")
        new_due, reason = _day(cells, "new_due"), _text(cells.get("reason"))
        doc_date, number = _day(cells, "doc_date"), _text(cells.get("doc_number"))
        doc = _doc(L, number, doc_date)
        note_text = _text(cells.get("note"))
        if (new_due is None) != (reason is None):
            column = "reason" if reason is None else "new_due"
            raise FieldError.one(column, tr("đề nghị thời hạn mới cần cả ngày và lý do",
                                            "a new deadline asked for needs both the date and the reason"))  # fmt: skip
        finished = status in (IssueStatus.RESOLVED.value, PlanStatus.DONE.value)
        if done_on is not None and not finished:
            raise FieldError.one("done_on", tr("ngày hoàn thành chỉ ghi khi trạng thái mới là đã xong",
                                               "a date done goes with a new status of done"))  # fmt: skip
        if done_on is not None and done_on > today():
            raise FieldError.one("done_on", tr(f"{date_label(done_on, L.lang)} chưa đến",
                                               f"{date_label(done_on, L.lang)} is in the future"))  # fmt: skip
        notes = [n for n in (note_text, None if finished and isinstance(rec, Issue) else
                             (fill(L.form["result"], result=result) if result else None)) if n]  # fmt: skip
        told = f"{self.note}, {self.typed}" + (": " + "; ".join(notes) if notes else "")
        changed = status is not None and status != rec.status.value
        if isinstance(rec, Issue):
            if changed or (status is not None and finished):
                self._issue(rec, status, result, done_on, told, doc)
            elif notes or (doc and new_due is None):
                rec.history.append(records.entry(self.who, note=told, doc=doc))
        else:
            if changed or (status is not None and finished):
                self._plan(rec, PlanStatus(status or rec.status), done_on, told, doc)
            elif notes or (doc and new_due is None):
                rec.history.append(records.entry(self.who, note=told, doc=doc))
        if new_due is not None and reason is not None:
            asked = deadlines.Request(to=new_due, reason=reason, requested_on=min(doc_date or today(), today()),
                                      doc=doc)  # fmt: skip
            try:
                ext = deadlines.ask(rec, asked)
            except UsageError as exc:  # no deadline to move, finished, one waiting: the column asked for
                raise FieldError.one("new_due", exc.message.removeprefix(f"{rec.id} ")) from None
            step = ExtensionStep(status=deadlines.PENDING, to=ext.to)
            rec.history.append(records.entry(self.who, extension=step, note=f"{told} — {ext.reason}", doc=doc))

    def _status(self, raw: Any, rec: Issue | PlanItem) -> str | None:
        if raw in (None, ""):
            return None
        table = self.plan_statuses if isinstance(rec, PlanItem) else self.statuses
        found = table.get(fold(nfc(str(raw))))
        if found is None:
            plan = isinstance(rec, PlanItem)
            words = ", ".join(self.L.status_word(s, plan) for s in (self.L.plan_status if plan else self.L.status))
            raise FieldError.one("new_status", tr(f"không nhận ra trạng thái '{raw}' (chọn một trong: {words})",
                                                  f"unknown status '{raw}' (pick one of: {words})"))  # fmt: skip
        return found

    def _issue(self, rec: Issue, status: str | None, result: str | None, done_on: date | None, note: str,
               doc: str | None) -> None:  # fmt: skip
        """As `update` (a status) and `close` (resolved, with its result and date) do."""
        resolved = status == IssueStatus.RESOLVED.value
        if resolved and not result:
            raise FieldError.one("result", tr("vướng mắc đã giải quyết cần ghi kết quả",
                                              "a resolved issue needs its result"))  # fmt: skip
        changes = IssueChanges(status=IssueStatus(status) if status else None, note=note,
                               resolution=result if resolved else None,
                               resolved_on=(done_on or today()) if resolved else None)  # fmt: skip
        applied = apply_changes(rec, changes, self.who)
        rec.history.append(records.entry(self.who, status, applied.was, note, extension=applied.extension, doc=doc))

    def _plan(self, item: PlanItem, status: PlanStatus, done_on: date | None, note: str, doc: str | None) -> None:
        """As `plan update --status … --on …` does."""
        applied = plans.apply_plan(item, status, on=done_on, by=self.who)
        item.history.append(records.entry(self.who, status.value, applied.was, note, doc=doc))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = nfc(str(value).strip())
    return text or None


def _day(cells: dict[str, Any], column: str) -> date | None:
    raw = cells.get(column)
    if raw in (None, ""):
        return None
    try:
        return sheets.cell_date(raw)
    except TrackerError:
        raise FieldError.one(column, tr(f"ngày không hợp lệ '{raw}' (dd/mm/yyyy)",
                                        f"not a valid date '{raw}' (dd/mm/yyyy)")) from None  # fmt: skip


def _doc(L: Labels, number: str | None, day: date | None) -> str | None:
    """The reply document as a history keeps it: "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"."""
    if number is None and day is None:
        return None
    if number is not None:  # "Số 46/…" typed in the number's cell: the word is the form's own
        number = re.sub(r"^\s*(?:số|so|no\.?)\s*[:.]?\s*", "", number, flags=re.IGNORECASE) or number
    if day is None:
        return f"{L.form['doc'].split(' ')[0]} {number}"
    shown = date_label(day, L.lang)
    return fill(L.form["doc"], number=number or "…", date=shown)
