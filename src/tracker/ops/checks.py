"""Keeping the files right: validate, fmt, the JSON Schemas."""

import hashlib
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tracker import store
from tracker.cache import Index, queries
from tracker.errors import DataError, FieldError, Problem
from tracker.i18n import Said, said
from tracker.models import CommuneFile, Reports
from tracker.ops.workspace import Workspace
from tracker.registry import Categories, Departments, FollowUp, Registry
from tracker.validation import cross_file_problems


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    communes: int = 0
    issues: int = 0
    plan_items: int = 0
    departments: int = 0
    categories: int = 0


def validate(ws: Workspace) -> ValidationReport:
    """Check every file; all problems at once. Nothing is skipped silently.
    Unchanged files are not parsed again: their problems come from the cache."""
    report = ValidationReport()
    departments = _registry_codes(ws.root / store.DEPARTMENTS, Departments, report)
    categories = _registry_codes(ws.root / store.CATEGORIES, Categories, report)
    report.departments, report.categories = len(departments), len(categories)
    try:
        names = ws.names()  # to say which code a name or alias in a file stands for
    except DataError:
        names = {}
    index = Index(ws.data, Registry(departments, categories, names=names))
    index.refresh()
    report.problems += index.file_problems(include_checks=True)
    report.problems += ws.data.stray_files()
    for name, plan, issue, line in queries.dangling_refs(index):
        shown = store.display(ws.data.communes_dir / name)
        report.problems.append(Problem(shown, line, plan, "issues", said(f"không có vướng mắc '{issue}'",
                                                                         f"no issue '{issue}'")))  # fmt: skip
    for table, key in (("links", "same_as"), ("apart", "not_same_as")):
        for name, issue, other, line, why in queries.link_problems(index, table):
            report.problems.append(Problem(store.display(ws.data.communes_dir / name), line, issue, key,
                                           _link_problem(issue, other, why, key)))  # fmt: skip
    headers = [(store.display(ws.data.communes_dir / name), info, code_line, prefix_line)
               for name, info, code_line, prefix_line in queries.headers(index)]  # fmt: skip
    report.problems += cross_file_problems(headers)
    report.problems += _attachment_problems(ws, index)
    report.problems += _followup_problems(ws.root / store.FOLLOWUP, departments)
    report.problems += _reports_problems(ws.root / store.REPORTS)
    report.communes, report.issues, report.plan_items = queries.counts(index)
    report.problems.sort()
    return report


def _reports_problems(path: Path) -> list[Problem]:
    """data/reports.yaml (the register of reports sent): its own problems, and a
    period written wrong or twice."""
    from tracker import periods

    if not path.exists():
        return []
    try:
        doc = store.read(path, Reports)
    except DataError as exc:
        return exc.problems
    out, seen = [], set()
    for n, sent in enumerate(doc.model.reports):
        line = doc.loaded.line_of(("reports", n, "period"))
        try:
            name = periods.parse(sent.period).name
        except FieldError:
            out.append(Problem(store.display(path), line, sent.period, "period",
                               said("kỳ không hợp lệ (2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025)",
                                    "not a period (2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025)")))  # fmt: skip
            continue
        if name in seen:
            out.append(Problem(store.display(path), line, sent.period, "period",
                               said("kỳ đã có trong sổ (mỗi kỳ một mục)",
                                    "period already registered (one entry a period)")))  # fmt: skip
        seen.add(name)
    return out


def _attachment_problems(ws: Workspace, index: Index) -> list[Problem]:
    """Each scanned document a record names must be under `files/`, confined there,
    and hold the bytes whose SHA-256 the record keeps."""
    out, named = [], set()
    for name, section, pos, ident, attached in queries.attachments(index):
        path = ws.data.communes_dir / name
        for n, entry in enumerate(attached):
            named.add(entry["file"])
            why = store.read_scan(ws.root, entry["file"], entry["sha256"])
            if isinstance(why, bytes):
                continue
            line = store.read(path, CommuneFile).loaded.line_of((section, pos, "files", n, "file"))
            out.append(Problem(store.display(path), line, ident, "files", why))
    return out + _unnamed_scans(ws.root / store.FILES, named)


def _unnamed_scans(folder: Path, named: set[str]) -> list[Problem]:
    """What sits in `files/` that no record names: a scan copied in by hand, or left
    after its record went, is in no report and on no site; said, not skipped."""
    if not folder.is_dir() or folder.is_symlink():  # a folder linked out is said per record
        return []
    why = said("không bản ghi nào ghi tệp này: gắn nó bằng 'tracker attach ID TỆP', hoặc xóa nó",
               "no record names this file: attach it with 'tracker attach ID FILE', or remove it")  # fmt: skip
    return [Problem(store.display(path), 0, "", "", why) for path in sorted(folder.iterdir())
            if not path.name.startswith(".") and path.name not in named]  # fmt: skip


def _link_problem(issue: str, other: str, why: str, key: str = "same_as") -> Said:
    if why == "missing":
        return said(f"không có vướng mắc '{other}'", f"no issue '{other}'")
    if why == "self":
        return said("một vướng mắc không cùng với chính nó", "an issue is not the same as itself")
    fix = f"tracker link {issue} {other}" + (" --not-same" if key == "not_same_as" else "")
    return said(f"{other} không ghi {issue} trong {key}; '{fix}' ghi cả hai bên",
                f"{other} does not name {issue} in {key}; '{fix}' writes both sides")  # fmt: skip


def _followup_problems(path: Path, departments: set[str]) -> list[Problem]:
    """data/followup.yaml: its own problems, and the codes it copies letters to."""
    if not path.exists():
        return []
    try:
        doc = store.read(path, FollowUp)
    except DataError as exc:
        return exc.problems
    shown, out = store.display(path), []
    known = departments | {r.code for r in doc.model.recipients}
    seen: set[str] = set()
    for n, recipient in enumerate(doc.model.recipients):
        if recipient.code in seen or recipient.code in departments:
            line = doc.loaded.line_of(("recipients", n, "code"))
            taken = said("mã trùng (với một người nhận khác hay một cơ quan)",
                         "a code used already (by a recipient or a department)")  # fmt: skip
            out.append(Problem(shown, line, recipient.code, "code", taken))
        seen.add(recipient.code)
    signer = doc.model.letter.signer_code
    if signer is not None and signer not in known:
        out.append(Problem(shown, doc.loaded.line_of(("letter", "signer_code")), "letter", "signer_code",
                           said(f"'{signer}' không phải cơ quan (departments.yaml) hay người nhận (recipients)",
                                f"'{signer}' is neither a department (departments.yaml) nor a recipient")))  # fmt: skip
    for n, step in enumerate(doc.model.ladder):
        line = doc.loaded.line_of(("ladder", n, "copy_to"))
        for code in step.copy_to:
            if code not in known:
                unknown = said(f"'{code}' không phải cơ quan (departments.yaml) hay người nhận (recipients)",
                               f"'{code}' is neither a department (departments.yaml) nor a recipient")  # fmt: skip
                out.append(Problem(shown, line, f"ladder[{n}]", "copy_to", unknown))
        if step.after_reminders is None and step.after_days_overdue is None:
            out.append(Problem(shown, doc.loaded.line_of(("ladder", n)), f"ladder[{n}]", "",
                               said("cần after_reminders hoặc after_days_overdue",
                                    "needs after_reminders or after_days_overdue")))  # fmt: skip
    ages = doc.model.overdue_ages
    if any(b <= a for a, b in pairwise(ages)):
        out.append(Problem(shown, doc.loaded.line_of(("overdue_ages",)), "overdue_ages", "overdue_ages",
                           said("các mốc phải tăng dần", "the bounds must increase")))  # fmt: skip
    bands = doc.model.on_time_bands
    if bands.fair > bands.good:
        out.append(Problem(shown, doc.loaded.line_of(("on_time_bands", "fair")), "on_time_bands", "fair",
                           said("mức trung bình không được cao hơn mức tốt", "fair cannot be above good")))  # fmt: skip
    return out


def _registry_codes(path: Path, model: type[Departments | Categories], report: ValidationReport) -> set[str]:
    """The codes a registry file defines; its problems go into `report`."""
    if model is Categories and not path.exists():
        return set()
    try:
        doc = store.read(path, model)
    except DataError as exc:
        report.problems.extend(exc.problems)
        return set()
    key = "departments" if model is Departments else "categories"
    codes: set[str] = set()
    for index, entry in enumerate(doc.model.entries()):
        if entry.code in codes:
            line = doc.loaded.line_of((key, index, "code"))
            duplicate = said("mã trùng", "duplicate code")
            report.problems.append(Problem(store.display(path), line, entry.code, "code", duplicate))
        codes.add(entry.code)
    return codes


def fmt(ws: Workspace, check: bool) -> list[Path]:
    """Rewrite every file in canonical form (comments kept); the files that differed.

    Every file is checked first: if any cannot be read, nothing is written. Then one
    file at a time, skipping those the cache saw canonical as they are now."""
    registries: list[store.Doc[Any]] = []
    problems: list[Problem] = []
    paths = [ws.root / store.DEPARTMENTS, ws.root / store.CATEGORIES, ws.root / store.FOLLOWUP, ws.root / store.REPORTS]
    models: list[type[BaseModel]] = [Departments, Categories, FollowUp, Reports]
    for path, model in zip(paths, models, strict=True):
        if path.exists():
            try:
                registries.append(store.read(path, model))
            except DataError as exc:
                problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    with store.locked(ws.root):  # before the cache looks: no tracker write slips in between
        index = ws.whole()
        changed = [doc.path for doc in registries if _reformat(ws, doc, check)]
        known = queries.canonical(index)
        for path in ws.data.commune_paths():
            if path.name in known:
                continue
            raw = store.read_bytes(path)
            if _reformat(ws, store.read(path, CommuneFile, raw), check):
                changed.append(path)
            else:
                queries.mark_canonical(index, path.name, hashlib.sha256(raw).hexdigest())
        return changed + write_schemas(ws, write=not check)


def _reformat(ws: Workspace, doc: store.Doc[Any], check: bool) -> bool:
    """Whether `doc` is not in canonical form; rewritten so unless `check`. History
    entries written as old-style `changed:` lines are rewritten as `was:` data."""
    from tracker import layout

    model = _upgraded(doc.model)
    canonical = layout.reformat(doc.text, store.plain(model), store.schema_ref(doc.path))
    if canonical == doc.text:
        return False
    if not check:
        store.save(doc, model, ws.root, reformat=True)
    return True


def _upgraded(model: Any) -> Any:
    """A commune file with its old-style history lines as `was:` (history.upgrade)."""
    from tracker import history

    if not isinstance(model, CommuneFile):
        return model
    copy = model.model_copy(deep=True)
    upgraded = [history.upgrade(rec) for _, _, rec in copy.records()]
    return copy if any(upgraded) else model


def write_schemas(ws: Workspace, write: bool = True) -> list[Path]:
    """Bring `schemas/*.schema.json` up to date with the models; the files that differed."""
    from tracker.schema import DATA_SCHEMAS, schema_text

    stale = []
    departments, categories = list(ws.department_names()), list(ws.category_names())
    for name in DATA_SCHEMAS:
        path = ws.root / store.SCHEMAS / f"{name}.schema.json"
        text = schema_text(name, departments, categories)
        current = store.read_text_file(path)
        if current is None or current[0] != text:
            stale.append(path)
            if write:
                store.save_text(path, text, ws.root)
    return stale
