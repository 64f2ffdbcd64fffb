"""The facade the CLI talks to: every operation a user can ask for, on one data dir."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from tracker import gitio, reference, store
from tracker.dates import today
from tracker.enums import IssueStatus, PlanStatus
from tracker.errors import DataError, Problem, TrackerError, UsageError
from tracker.i18n import tr
from tracker.models import (
    Categories,
    CommuneFile,
    CommuneInfo,
    Departments,
    HistoryEntry,
    Issue,
    Milestone,
    PlanItem,
)
from tracker.query import Filter, Row, select
from tracker.text import fold, initials, natural_key, nfc, slugify
from tracker.validation import Registry, check_commune, cross_file_problems, describe

if TYPE_CHECKING:
    from tracker.cache import Index
    from tracker.reporting import PlanProgress, Report


def build_model(model: type[Any], **values: Any) -> Any:
    """A model from command-line values; a bad value is a usage error naming its option."""

    def normal(value: Any) -> Any:  # the models expect NFC text, as the YAML loader gives
        if isinstance(value, str):
            return nfc(value)
        return [normal(v) for v in value] if isinstance(value, list) else value

    try:
        return model(**{k: normal(v) for k, v in values.items() if v is not None})
    except ValidationError as exc:
        details = "; ".join(f"--{str(e['loc'][0]).replace('_', '-')}: {describe(e, model)}" for e in exc.errors())
        raise UsageError(details) from None


@dataclass
class IssueChanges:
    """What `tracker update` (or a row of an imported sheet) asks to change; None: keep."""

    status: IssueStatus | None = None
    due: date | None = None
    clear_due: bool = False
    dept: str | None = None
    support: list[str] | None = None
    owner: str | None = None
    priority: str | None = None
    category: str | None = None
    note: str | None = None
    title: str | None = None
    description: str | None = None
    source: str | None = None
    raised_on: date | None = None
    resolution: str | None = None
    resolved_on: date | None = None


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    communes: int = 0
    issues: int = 0
    plan_items: int = 0
    departments: int = 0
    categories: int = 0


class Tracker:
    """Operations on one data directory."""

    def __init__(self, root: Path) -> None:
        self.dir = store.DataDir(root)
        self._registry: Registry | None = None
        self._fresh: tuple[Index, list[Problem]] | None = None

    # ---------------------------------------------------------------- lookups

    def registry(self) -> Registry:
        if self._registry is None:
            depts = {d.code for d in self.dir.departments().departments}
            cats = {c.code for c in self.dir.categories().categories}
            self._registry = Registry(depts, cats)
        return self._registry

    def find_commune(self, ref: str) -> Path:
        """A commune file from its slug, official code or name (any diacritics, any case)."""
        ref = nfc(ref.strip())
        by_slug = self.dir.communes_dir / f"{ref}.yaml"
        if re.fullmatch(r"[a-z0-9-]+", ref) and by_slug.is_file():
            return by_slug
        if re.fullmatch(r"\d{5}", ref):
            hits = self.dir.find("code", ref, lambda h: h.get("code") == ref)
        else:
            name = nfc(reference.strip_title(ref))
            hits = self.dir.find("folded", fold(name), lambda h: fold(h.get("name", "")) == fold(name))
            hits = [p for p in hits if nfc(store.header(p).get("name", "")) == name] or hits
            hits = hits or [p for p in self.dir.commune_paths() if p.stem == slugify(name)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            listed = ", ".join(p.stem for p in hits)
            raise UsageError(
                tr(
                    f"'{ref}' khớp nhiều xã: {listed}; dùng mã xã",
                    f"'{ref}' matches several communes: {listed}; use the code",
                )
            )
        raise UsageError(
            tr(
                f"không có xã '{ref}' trong dữ liệu; thêm bằng `tracker add-commune`",
                f"no commune '{ref}' in the data; add it with `tracker add-commune`",
            )
        )

    def find_record(self, ident: str) -> tuple[store.Doc[CommuneFile], str, int]:
        """The file, section and index of an issue (VA-2) or plan item (VA-KH1)."""
        ident = ident.strip().upper()
        prefix = ident.split("-", 1)[0]
        candidates = self.dir.find("prefix", prefix, lambda h: h.get("prefix") == prefix)
        if not candidates:  # a header shaped by hand may hide its prefix from a quick look
            candidates = [p for p, h in self.dir.headers() if "prefix" not in h]
        for path in candidates:
            doc = self.dir.commune(path)
            cf: CommuneFile = doc.model
            for section, index, rec in cf.records():
                if rec.id == ident:
                    return doc, section, index
        raise UsageError(tr(f"không có mục '{ident}'", f"no record '{ident}'"))

    def index(self, registry: Registry | None = None) -> "Index":
        """The cache of this data directory (see cache.py)."""
        from tracker.cache import Index

        return Index(self.dir, registry or self.registry())

    def _fresh_index(self) -> tuple["Index", list[Problem]]:
        """The cache, brought up to date once per command (a report reads it twice)."""
        if self._fresh is None:
            index = self.index()
            self._fresh = (index, index.refresh().problems)
        return self._fresh

    def rows(
        self, section: str = "issues", commune: str | None = None, flt: Filter | None = None, brief: bool = False
    ) -> list[Row]:
        """Records of `section` (those `flt` may accept), with their commune, from the
        cache. A file that cannot be read stops the command: none is skipped. `brief`:
        without history and long texts, for tables and reports."""
        index, file = self._readable(commune)
        return index.rows(section, flt, file, brief)

    def _readable(self, commune: str | None) -> tuple["Index", str | None]:
        """The cache, and the file of `commune` (None: all); a file that cannot be read
        (the commune's, or any with None) stops the command."""
        file = self.find_commune(commune).name if commune else None
        index, problems = self._fresh_index()
        if file is not None:
            shown = store.display(self.dir.communes_dir / file)
            problems = [p for p in problems if p.path == shown]
        if problems:
            raise DataError(problems)
        return index, file

    def list_issues(self, flt: Filter, commune: str | None = None, brief: bool = False) -> list[Row]:
        flt = self._known_codes(flt)
        return select(self.rows("issues", commune, flt, brief), flt)

    def _known_codes(self, flt: Filter) -> Filter:
        """The filter's departments and categories as codes; an unknown one is an error,
        not an empty list."""
        if not flt.depts and not flt.categories:
            return flt
        reg = self.registry()
        depts, cats = self.dept_table(), self.category_table()
        return replace(
            flt,
            depts=[self._codes("--dept", d, depts, reg.departments) for d in flt.depts],
            categories=[self._codes("--category", c, cats, reg.categories) for c in flt.categories],
        )

    def list_plan(self, flt: Filter, commune: str | None = None, brief: bool = False) -> list[Row]:
        return select(self.rows("action_plan", commune, flt, brief), flt)

    def report(self, flt: Filter, commune: str | None = None, title: str | None = None) -> "Report":
        """The report model of the issues `flt` selects (its `depts` as the report's focus)."""
        from tracker import reporting

        flt = self._known_codes(flt)
        focus = Filter(statuses=flt.statuses, as_of=flt.as_of)
        involved = Filter(depts=flt.depts, with_support=True, statuses=flt.statuses, as_of=flt.as_of)
        issues = select(self.rows("issues", commune, involved, brief=True), focus)
        plans = self.plan_progress(commune, flt.as_of)
        categories = {c.code: c.name for c in self.dir.categories().categories}
        return reporting.build(issues, plans, flt.as_of, self.department_names(), categories, flt.depts, title)

    def plan_progress(self, commune: str | None, as_of: date) -> list["PlanProgress"]:
        """Each commune's action-plan progress, counted by the cache."""
        from tracker.reporting import PlanProgress

        index, file = self._readable(commune)
        communes = index.communes()
        return [
            PlanProgress(
                commune=communes[name],
                items=items,
                done=done,
                milestones_done=stones_done,
                milestones=stones,
                overdue=sorted(late, key=natural_key),
            )
            for name, items, done, stones, stones_done, late in index.plan_counts(as_of, file)
        ]

    def export(self, flt: Filter, commune: str | None, fmt: str, lang: str) -> bytes:
        """The issues `flt` selects as CSV, XLSX or JSON bytes."""
        from tracker import output, reporting, sheets

        rows = self.list_issues(flt, commune)
        records = [output.record_json(r, flt.as_of) for r in rows]
        if fmt == "json":
            return output.dumps(records).encode("utf-8") + b"\n"
        if fmt == "csv":
            return sheets.write_csv(records)
        from tracker.render import wording

        L = wording(lang, self.dir.root)
        labels = {"summary": L.summary, "dept": L.dept, "total": L.total, "sum": L.sum, **L.grid}
        labels = {k: str(v) for k, v in labels.items()}
        grid = reporting.stats(rows, flt.as_of, list(self.department_names()))
        return sheets.write_xlsx(records, grid, self.department_names(), labels)

    def department_names(self) -> dict[str, str]:
        return {d.code: d.name for d in self.dir.departments().departments}

    def stats(self, as_of: date) -> dict[str, object]:
        from tracker import reporting

        index, _ = self._readable(None)
        return reporting.stats_of(index.grids(as_of), list(self.department_names()))

    def show(self, ident: str) -> Row:
        doc, section, index = self.find_record(ident)
        cf: CommuneFile = doc.model
        return Row(doc.path.stem, cf.commune, getattr(cf, section)[index])

    # ---------------------------------------------------------------- writes

    def dept_table(self) -> dict[str, str]:
        """Folded code, name or alias ("NN&MT", "Sở Nội vụ") → department code."""
        table: dict[str, str] = {}
        for dept in self.dir.departments().departments:
            aliases = (dept.model_extra or {}).get("aliases") or []
            for key in (dept.code, dept.name, *(aliases if isinstance(aliases, list) else [aliases])):
                table.setdefault(fold(str(key)), dept.code)
        return table

    def category_table(self) -> dict[str, str]:
        """Folded code or name → category code."""
        cats = self.dir.categories().categories
        return {fold(c.code): c.code for c in cats} | {fold(c.name): c.code for c in cats}

    def _codes(self, option: str, value: str, table: dict[str, str], known: set[str]) -> str:
        code = table.get(fold(value))
        if code is None:
            listed = ", ".join(sorted(known))
            raise UsageError(
                tr(f"{option}: không có '{value}' (có: {listed})", f"{option}: no '{value}' (known: {listed})")
            )
        return code

    def _resolve_codes(
        self, dept: str | None, support: list[str] | None, category: str | None
    ) -> tuple[str | None, list[str] | None, str | None]:
        """Departments and category as the user typed them (code, name or alias) → codes."""
        reg = self.registry()
        depts = self.dept_table() if dept or support else {}
        return (
            self._codes("--dept", dept, depts, reg.departments) if dept else None,
            [self._codes("--support", s, depts, reg.departments) for s in support] if support is not None else None,
            self._codes("--category", category, self.category_table(), reg.categories) if category else None,
        )

    def _save(self, doc: store.Doc[CommuneFile], cf: CommuneFile, changed: set[str], new: bool = False) -> None:
        """Validate `cf` again as a whole, then write only what changed."""
        try:
            cf = CommuneFile.model_validate(store.plain(cf))
        except ValidationError as exc:
            raise TrackerError(str(exc)) from None
        problems = [
            p
            for p in check_commune(cf, doc.loaded, store.display(doc.path), self.registry(), check_ids=False)
            if p.record in changed
        ]
        if problems and new:
            # The user typed these values: name the options, not lines of the old file.
            raise UsageError("; ".join(f"--{p.field.replace('_', '-')}: {p.message}" for p in problems))
        if problems:
            raise DataError(problems)
        store.write_doc(doc, cf)

    def add_commune(
        self, name: str, code: str | None = None, prefix: str | None = None, kind: str | None = None
    ) -> Path:
        official = reference.by_code(code) if code else reference.lookup(name)
        if official is None and not code:
            raise UsageError(
                tr(
                    f"'{name}' không có trong danh sách chính thức 130 xã, phường của Nghệ An; "
                    "nếu đúng tên, hãy ghi thêm --code (mã 5 chữ số)",
                    f"'{name}' is not in the official list of Nghệ An's 130 communes; "
                    "if the name is right, pass its 5-digit --code",
                )
            )
        display_name = official.name if official and not code else nfc(reference.strip_title(name))
        code = code or (official.code if official else None)
        kind = kind or (official.kind if official else "xa")
        with self.dir.locked():
            headers = dict(self.dir.headers())
            used_codes = {h.get("code"): p for p, h in headers.items()}
            if code in used_codes:
                raise UsageError(
                    tr(
                        f"xã mã {code} đã có: {store.display(used_codes[code])}",
                        f"commune {code} already exists: {store.display(used_codes[code])}",
                    )
                )
            used_prefixes = {h.get("prefix") for h in headers.values()}
            if prefix is None:
                prefix = _free_prefix(initials(display_name) or "X", used_prefixes)
            elif prefix.upper() in used_prefixes:
                raise UsageError(tr(f"--prefix {prefix} đã được dùng", f"--prefix {prefix} is already used"))
            info = build_model(CommuneInfo, code=code, name=display_name, kind=kind, prefix=prefix.upper())
            path = self.dir.communes_dir / f"{slugify(display_name) or code}.yaml"
            if path.exists():  # two communes fold to one slug (Sơn Hà, Sơn Hạ)
                path = path.with_name(f"{path.stem}-{code}.yaml")
            store.create(path, CommuneFile(commune=info))
        return path

    def add_issue(self, commune: str, dept: str, title: str, by: str | None = None, **fields: Any) -> str:
        """Add an issue to a commune; returns its new ID."""
        dept_code, support, category = self._resolve_codes(dept, fields.get("support"), fields.get("category"))
        assert dept_code is not None
        dept = dept_code
        fields.update(support=support or [], category=category)
        path = self.find_commune(commune)
        by = by or gitio.user_name(self.dir.root)
        now = today()
        with self.dir.locked():
            doc = self.dir.commune(path)
            cf: CommuneFile = doc.model.model_copy(deep=True)
            ident = f"{cf.commune.prefix}-{next_number(r.id for r in cf.issues)}"
            if fields.get("raised_on") is None and fields.get("due") and fields["due"] < now:
                due = fields["due"]
                hint = tr(f"--due {due} đã qua; nếu vướng mắc được nêu trước đó, ghi --raised-on NGÀY",
                          f"--due {due} is past; if it was raised earlier, pass --raised-on DATE")  # fmt: skip
                raise UsageError(hint)
            fields["raised_on"] = fields.get("raised_on") or now
            note = tr("Tạo mới", "Created")
            history = [build_model(HistoryEntry, date=now, by=by, status=IssueStatus.OPEN.value, note=note)]
            issue = build_model(Issue, id=ident, title=title, dept=dept, history=history, **fields)
            cf.issues.append(issue)
            self._save(doc, cf, {ident}, new=True)
        return ident

    def update_issue(self, ident: str, changes: IssueChanges, by: str | None = None) -> Issue:
        return self._change_issue(ident, changes, by, "tracker plan update")

    def close_issue(self, ident: str, resolution: str, on: date | None = None, by: str | None = None) -> Issue:
        """Resolved, with how and when: the same change as an update, told in its history."""
        changes = IssueChanges(status=IssueStatus.RESOLVED, resolution=resolution, resolved_on=on or today())
        return self._change_issue(ident, changes, by, "tracker plan update --status done", closing=True)

    def _change_issue(
        self, ident: str, changes: IssueChanges, by: str | None, plan_command: str, closing: bool = False
    ) -> Issue:
        changes.dept, changes.support, changes.category = self._resolve_codes(
            changes.dept, changes.support, changes.category
        )
        by = by or gitio.user_name(self.dir.root)
        with self.dir.locked():
            doc, section, index = self.find_record(ident)
            if section != "issues":
                raise UsageError(tr(f"{ident} là mục kế hoạch: dùng `{plan_command}`",
                                    f"{ident} is a plan item: use `{plan_command}`"))  # fmt: skip
            cf: CommuneFile = doc.model.model_copy(deep=True)
            issue = cf.issues[index]
            if closing and issue.status == IssueStatus.RESOLVED:
                raise UsageError(tr(f"{issue.id} đã được giải quyết", f"{issue.id} is already resolved"))
            described = apply_issue_changes(issue, changes)
            if not described and not changes.note:
                raise UsageError(tr("không có gì thay đổi", "nothing to change"))
            status = changes.status.value if changes.status else None
            note = nfc(changes.note) if changes.note else None
            entry = build_model(HistoryEntry, date=today(), by=by, status=status, changed="; ".join(described) or None,
                           note=note)  # fmt: skip
            issue.history.append(entry)
            self._save(doc, cf, {issue.id})
        return issue

    def add_plan(
        self,
        commune: str,
        title: str,
        owner: str,
        due: date,
        issues: list[str],
        milestones: list[tuple[date, str]],
        start: date | None = None,
        by: str | None = None,
    ) -> str:
        """Add an action-plan item; returns its new ID."""
        path = self.find_commune(commune)
        by = by or gitio.user_name(self.dir.root)
        wanted = [i.strip().upper() for i in issues]
        with self.dir.locked():
            doc = self.dir.commune(path)
            cf: CommuneFile = doc.model.model_copy(deep=True)
            own = {i.id for i in cf.issues}
            for ident in wanted:
                if ident not in own:
                    self.find_record(ident)  # raises a clear error for an unknown ID
            ident = f"{cf.commune.prefix}-KH{next_number(p.id.replace('-KH', '-') for p in cf.action_plan)}"
            stones = [build_model(Milestone, due=d, target=t) for d, t in milestones]
            history = [
                build_model(
                    HistoryEntry, date=today(), by=by, status=PlanStatus.PLANNED.value, note=tr("Tạo mới", "Created")
                )
            ]
            item = build_model(
                PlanItem,
                id=ident,
                title=title,
                owner=owner,
                due=due,
                start=start,
                issues=wanted,
                milestones=stones,
                history=history,
            )
            cf.action_plan.append(item)
            self._save(doc, cf, {ident}, new=True)
        return ident

    def update_plan(
        self,
        ident: str,
        status: PlanStatus | None = None,
        note: str | None = None,
        milestone_done: list[int] | None = None,
        due: date | None = None,
        owner: str | None = None,
        on: date | None = None,
        by: str | None = None,
    ) -> PlanItem:
        by = by or gitio.user_name(self.dir.root)
        with self.dir.locked():
            doc, section, index = self.find_record(ident)
            if section != "action_plan":
                raise UsageError(
                    tr(f"{ident} là vướng mắc: dùng `tracker update`", f"{ident} is an issue: use `tracker update`")
                )
            cf: CommuneFile = doc.model.model_copy(deep=True)
            item = cf.action_plan[index]
            described: list[str] = []
            when = on or today()
            for number in milestone_done or []:
                if not 1 <= number <= len(item.milestones):
                    raise UsageError(
                        tr(
                            f"--milestone-done: {item.id} không có mốc số {number} (có {len(item.milestones)})",
                            f"--milestone-done: {item.id} has no milestone {number} (it has {len(item.milestones)})",
                        )
                    )
                stone = item.milestones[number - 1]
                if stone.done_on is None:
                    stone.done_on = when
                    described.append(
                        tr(
                            f"hoàn thành mốc {number}: {stone.target}",
                            f"milestone {number} done: {stone.target}",
                        )
                    )
            for key, value in (("status", status), ("due", due), ("owner", owner)):
                old = getattr(item, key)
                if value is not None and value != old:
                    setattr(
                        item,
                        key,
                        nfc(value) if isinstance(value, str) and key == "owner" else value,
                    )
                    described.append(f"{key}: {_show(old)} → {_show(value)}")
            if status == PlanStatus.DONE and item.done_on is None:
                item.done_on = when
            if status is not None and status != PlanStatus.DONE:
                item.done_on = None
            if not described and not note:
                raise UsageError(tr("không có gì thay đổi", "nothing to change"))
            entry = build_model(HistoryEntry, date=today(), by=by, status=status.value if status else None,
                                 changed="; ".join(described) or None, note=nfc(note) if note else None)  # fmt: skip
            item.history.append(entry)
            self._save(doc, cf, {item.id})
        return item

    def renumber(self, ident: str, to: str | None = None, by: str | None = None) -> tuple[str, int]:
        """Give a record a new ID: the way out when two people added the same ID at once.

        A duplicated ID renames its last occurrence (references keep meaning the first);
        a unique one is renamed everywhere plan items refer to it. Returns the new ID and
        how many references were updated."""
        ident = ident.strip().upper()
        by = by or gitio.user_name(self.dir.root)
        with self.dir.locked():
            doc, section, _ = self.find_record(ident)
            cf = doc.model.model_copy(deep=True)
            records: Sequence[Issue | PlanItem] = getattr(cf, section)
            hits = [i for i, rec in enumerate(records) if rec.id == ident]
            prefix = f"{cf.commune.prefix}-KH" if section == "action_plan" else f"{cf.commune.prefix}-"
            new_id = (to or f"{prefix}{next_number(r.id.replace('-KH', '-') for r in records)}").strip().upper()
            if not re.fullmatch(re.escape(prefix) + r"[1-9]\d*", new_id) or any(r.id == new_id for r in records):
                raise UsageError(tr(f"--to: {new_id} không dùng được (cần dạng {prefix}<n>, chưa có)",
                                    f"--to: cannot use {new_id} (must be {prefix}<n>, not yet taken)"))  # fmt: skip
            record = records[hits[-1]]
            record.id = new_id
            record.history.append(build_model(HistoryEntry, date=today(), by=by, changed=f"id: {ident} → {new_id}"))
            updated = 0
            if len(hits) == 1 and section == "issues":
                updated = self._retarget(ident, new_id, cf, doc)
            self._save(doc, cf, {new_id})
        return new_id, updated

    def _retarget(self, old: str, new: str, own: CommuneFile, own_doc: store.Doc[CommuneFile]) -> int:
        """Point plan items at `new` instead of `old`, in every commune file."""
        count = 0
        for item in own.action_plan:
            if old in item.issues:
                item.issues = [new if i == old else i for i in item.issues]
                count += 1
        for path in self.dir.commune_paths():
            if path == own_doc.path:
                continue
            doc = self.dir.commune(path)
            cf = doc.model.model_copy(deep=True)
            touched = {p.id for p in cf.action_plan if old in p.issues}
            for item in cf.action_plan:
                item.issues = [new if i == old else i for i in item.issues]
            if touched:
                self._save(doc, cf, touched)
                count += len(touched)
        return count

    # ------------------------------------------------------------- whole data

    def validate(self) -> ValidationReport:
        """Check every file; all problems at once. Nothing is skipped silently.
        Unchanged files are not parsed again: their problems come from the cache."""
        report = ValidationReport()
        departments = self._registry_codes(self.dir.root / store.DEPARTMENTS, Departments, report)
        categories = self._registry_codes(self.dir.root / store.CATEGORIES, Categories, report)
        report.departments, report.categories = len(departments), len(categories)
        index = self.index(Registry(departments, categories))
        index.refresh()
        report.problems += index.file_problems(include_checks=True)
        stray = tr("tệp lạ trong communes/: tệp xã phải có đuôi .yaml", "unexpected file in communes/: use .yaml")
        report.problems += [Problem(store.display(p), 0, "", "", stray) for p in self.dir.stray_files()]
        for name, plan, issue, line in index.dangling_refs():
            shown = store.display(self.dir.communes_dir / name)
            report.problems.append(
                Problem(shown, line, plan, "issues", tr(f"không có vướng mắc '{issue}'", f"no issue '{issue}'"))
            )
        headers = [(store.display(self.dir.communes_dir / name), info, code_line, prefix_line)
                   for name, info, code_line, prefix_line in index.headers()]  # fmt: skip
        report.problems += cross_file_problems(headers)
        report.communes, report.issues, report.plan_items = index.counts()
        report.problems.sort()
        return report

    @staticmethod
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
                report.problems.append(
                    Problem(store.display(path), line, entry.code, "code", tr("mã trùng", "duplicate code"))
                )
            codes.add(entry.code)
        return codes

    def fmt(self, check: bool) -> list[Path]:
        """Rewrite every file in canonical form (comments kept); the files that differed.

        Every file is checked first: if any cannot be read, nothing is written. Then one
        file at a time, skipping those the cache saw canonical as they are now."""
        import hashlib

        registries: list[store.Doc[Any]] = []
        problems: list[Problem] = []
        paths = [self.dir.root / store.DEPARTMENTS, self.dir.root / store.CATEGORIES]
        models: list[type[BaseModel]] = [Departments, Categories]
        for path, model in zip(paths, models, strict=True):
            if path.exists():
                try:
                    registries.append(store.read(path, model))
                except DataError as exc:
                    problems.extend(exc.problems)
        if problems:
            raise DataError(problems)
        with self.dir.locked():  # before the cache looks: no tracker write slips in between
            index, unreadable = self._fresh_index()
            if unreadable:
                raise DataError(unreadable)
            changed = [doc.path for doc in registries if store.reformat_doc(doc, write=not check)]
            known = index.canonical()
            for path in self.dir.commune_paths():
                if path.name in known:
                    continue
                raw = store.read_bytes(path)
                if store.reformat_doc(store.read(path, CommuneFile, raw), write=not check):
                    changed.append(path)
                else:
                    index.mark_canonical(path.name, hashlib.sha256(raw).hexdigest())
            return changed + self.write_schemas(write=not check)

    def write_schemas(self, write: bool = True) -> list[Path]:
        """Bring `schemas/*.schema.json` up to date with the models; the files that differed."""
        from tracker.schema import MODELS, schema_text

        stale = []
        for name in MODELS:
            path = self.dir.root / store.SCHEMAS / f"{name}.schema.json"
            text = schema_text(name)
            if store.read_if_exists(path) != text:
                stale.append(path)
                if write:
                    path.parent.mkdir(exist_ok=True)
                    store.atomic_write(path, text.encode("utf-8"))
        return stale


def init_data_dir(root: Path) -> None:
    """A new data directory with the 14 departments and the article's obstacle groups."""
    from tracker import seed

    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise UsageError(
            tr(
                f"{store.display(root)} đã có và không trống: không ghi đè",
                f"{store.display(root)} exists and is not empty: not overwriting",
            )
        )
    root.mkdir(parents=True, exist_ok=True)
    store.create(root / store.DEPARTMENTS, seed.departments())
    store.create(root / store.CATEGORIES, seed.categories())
    (root / store.COMMUNES).mkdir(exist_ok=True)
    store.atomic_write(root / store.COMMUNES / ".gitkeep", b"")
    store.atomic_write(root / ".gitignore", f"{store.LOCK}\n".encode())
    Tracker(root).write_schemas()


def next_number(ids: Any) -> int:
    """The number after the highest in IDs like VA-7 (plan IDs are passed as VA-7 too)."""
    numbers = [int(m[1]) for i in ids if (m := re.search(r"-(\d+)$", i))]
    return max(numbers, default=0) + 1


def _free_prefix(base: str, used: set[str | None]) -> str:
    if base not in used:
        return base
    return next(f"{base}{n}" for n in range(2, 1000) if f"{base}{n}" not in used)


def _show(value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


def apply_issue_changes(issue: Issue, changes: IssueChanges) -> list[str]:
    """Apply `changes`; one `field: old → new` line for each value that really changed."""
    described = []
    keys = ("status", "due", "dept", "support", "owner", "priority", "category", "title", "description", "source",
            "raised_on", "resolution", "resolved_on")  # fmt: skip
    wanted: dict[str, Any] = {key: getattr(changes, key) for key in keys}
    wanted = {k: nfc(v) if isinstance(v, str) else v for k, v in wanted.items()}
    if changes.clear_due:
        wanted["due"] = None
    if changes.status == IssueStatus.RESOLVED and not (issue.resolved_on or changes.resolved_on):
        wanted["resolved_on"] = today()
    for key, value in wanted.items():
        old = getattr(issue, key)
        if (value is None and not (key == "due" and changes.clear_due)) or value == old:
            continue
        try:
            setattr(issue, key, value)
        except ValidationError as exc:
            raise UsageError(f"--{key.replace('_', '-')}: {describe(exc.errors()[0])}") from None
        described.append(f"{key}: {_show(old)} → {_show(value)}")
    if changes.status and changes.status != IssueStatus.RESOLVED:
        issue.resolved_on = None
    if issue.dept in issue.support:  # a new lead is no longer merely supporting
        issue.support = [s for s in issue.support if s != issue.dept]
    return described
