"""`tracker site`: a folder of static pages for readers without git — an overview,
a page a department, a commune, an issue and a plan item, the overdue items and
the changes since a meeting.

Deterministic (the same data and day make the same bytes) and incremental: the
manifest (manifest.py) keeps, per commune file, its SHA-256, what the pages that
gather many show of its issues and the pages made from it; a rebuild renders again
only the communes that changed (or whose pages are missing), of the pages that
gather many only those where something they show changed, and writes only pages
whose bytes differ. Whatever happened to the folder before — pages deleted, a
build killed, a manifest edited — a rebuild gives what a full build gives: a
manifest that does not validate, or none (a build removes it before it writes
and writes it again last), means a full build; the site's files that a build did
not make are removed (folder.py); every page's path stays inside the folder.

    inputs.py    what each page is made from (the manifest's record of a commune)
    manifest.py  the typed, versioned, validated manifest
    layout.py    the digest of the code and templates: a change rebuilds every page
    folder.py    the output folder: what is there, where a page may go, what goes
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__, store
from tracker.cache import CommuneRow, Full, IssueRow, PlanRow, queries
from tracker.errors import Problem
from tracker.formats import Context
from tracker.i18n import get_lang
from tracker.ops import reports
from tracker.ops.listing import back_dated, issue_rows, list_issues, list_plan, past_issues, past_plan
from tracker.ops.site import inputs, layout, manifest
from tracker.ops.site.folder import Folder, load_marks, save_marks
from tracker.ops.site.manifest import Brief, CommuneEntry, Head, ListEntry, Manifest
from tracker.ops.workspace import Workspace
from tracker.query import Filter

if TYPE_CHECKING:
    from tracker.formats.site import Page, Site

MANIFEST = manifest.NAME
_FEW = 50  # communes changed since the last build, read one by one; more, and every issue is read at once


@dataclass
class Built:
    """What a build did."""

    pages: int = 0  # pages the site has
    written: int = 0  # of them, written this time (new or changed)
    rendered: int = 0  # communes rendered again (the others were unchanged)
    removed: list[str] = field(default_factory=list)
    left_out: list[Problem] = field(default_factory=list)  # scans not copied: why, with the record naming them


def build(ws: Workspace, out: Path, as_of: date, ctx: Context, since: str | None = None) -> Built:
    """Make the site in `out` as the data stood on `as_of`."""
    store.refuse_inside(out, ws.root)
    out.mkdir(parents=True, exist_ok=True)
    return _Build(ws, out, as_of, ctx, since).run()


def head(ws: Workspace, as_of: date, ctx: Context, since: str | None) -> Head:
    """What every page depends on."""
    names = json.dumps([ws.department_names(), ws.category_names()], ensure_ascii=False)
    return Head(__version__, as_of.isoformat(), get_lang(), since, layout.digest(ctx.templates),
                hashlib.sha256(names.encode()).hexdigest()[:16])  # fmt: skip


class _Build:
    """One build: the last one's manifest (empty when a full build is due), the new
    one as it is made, and the pages made so far."""

    def __init__(self, ws: Workspace, out: Path, as_of: date, ctx: Context, since: str | None) -> None:
        self.ws, self.as_of, self.ctx, self.since = ws, as_of, ctx, since
        self.flt = Filter(as_of=as_of)
        now = head(ws, as_of, ctx, since)
        old, digest = manifest.read_digested(out)
        # What the folders hold is the last build's, whatever the head, if their times say so.
        marks = load_marks(out, digest) if old else None
        self.folder = folder = Folder(out, marks, old.pages()) if old and marks else Folder(out)
        self.full = old is None or old.head != now
        self.old = Manifest(now) if self.full or old is None else old
        self.new = Manifest(now)
        self.made: set[str] = set()
        self.done = Built()
        # Gone before the first page is written: a build that does not finish leaves
        # no manifest, and the next one is a full one.
        folder.discard(MANIFEST)

    @cached_property
    def every(self) -> list[IssueRow]:
        """Every issue, read once, and only if a page that gathers many is made again."""
        return list_issues(self.ws, self.flt)

    @cached_property
    def report(self) -> Any:
        """The report's model (the grid, groups, common obstacles), worked out once when needed."""
        return reports.report(self.ws, self.flt, rows=self.every, lists=False)

    @cached_property
    def site(self) -> "Site":
        from tracker.formats.site import Site

        return Site(self.ctx, self.as_of, lambda: self.every, lambda: list_plan(self.ws, self.flt),
                    self.ws.department_names(), self.ws.category_names())  # fmt: skip

    def run(self) -> Built:
        index = self.ws.readable()
        shas = queries.file_shas(index)
        communes = queries.communes(index)
        for name, text in self.site.assets():
            self.put(name, text)
        fresh = [f for f in communes if not self.unchanged(f, shas.get(f))]
        changed = set(fresh)
        for file in communes:
            if file not in changed:
                entry = self.new.communes[file] = self.old.communes[file]
                self.made.update(entry.pages)
        few = len(fresh) <= _FEW
        rows = [r for f in fresh for r in issue_rows(self.ws, self.flt, f)] if few else self.every
        brief = inputs.briefs(rows, self.as_of)
        past = back_dated(self.ws, self.as_of)
        for file in fresh:
            self.commune(file, communes[file], shas.get(file), brief.get(file, {}), past)
        gone = sorted(f for f in self.old.communes if f not in communes)
        # An issue's page lists the plan items that address it, which may be another commune's.
        again = sorted(self.addressed_elsewhere([*fresh, *gone]) - changed)
        for file in again:
            self.commune(file, communes[file], shas.get(file), self.old.communes[file].briefs(), past)
        self.gathered([*fresh, *gone])
        self.done.removed = self.folder.remove_all_but(self.made)
        self.done.pages, self.done.written = len(self.made), self.folder.written
        marks = self.folder.marks()
        text = manifest.text(self.new)
        store.write_page(self.folder.out, MANIFEST, text)
        save_marks(self.folder.out, manifest.digest(text.encode("utf-8")), marks)
        return self.done

    def unchanged(self, file: str, sha: str | None) -> bool:
        """Whether a commune file's pages are as the last build made them, and there."""
        entry = self.old.communes.get(file)
        if entry is None or entry.sha != sha:
            return False
        return self.folder.all_clean or all(self.folder.has(p) for p in entry.pages)

    def put(self, name: str, text: str | bytes) -> None:
        self.folder.put(name, text)
        self.made.add(name)

    def commune(self, file: str, commune: CommuneRow, sha: str | None, brief: dict[str, Brief], past: bool) -> None:
        """A commune's own pages, made again, and its entry in the new manifest."""
        records = _records(self.ws, self.flt, file, past)
        brief = {**brief, **inputs.plan_briefs(commune, records, self.as_of)}
        missed = len(self.done.left_out)
        scans = self.scans(file, records)
        if len(self.done.left_out) > missed:  # made again next time: warned of again, copied once put right
            sha = None
        made: list[tuple[str, str | bytes]] = [*self.site.commune(commune, records, set(scans)), *scans.items()]
        for name, text in made:
            self.put(name, text)
        self.new.communes[file] = CommuneEntry.of(sha, inputs.listed(commune, brief, records), brief,
                                                  inputs.addresses(records), [name for name, _ in made])  # fmt: skip
        self.done.rendered += 1

    def scans(self, file: str, records: list[Full]) -> dict[str, bytes]:
        """The scanned documents the records name, as the site's `files/NAME`: only those
        read from the data's `files/` (never through a link out) holding the bytes the
        record's SHA-256 says; the others are not linked, and each is in `left_out`
        (the record and the file, and why), for the command to warn of."""
        out = {}
        path = self.ws.data.communes_dir / file
        for full in records:
            for attached in full.record.files:
                data = store.read_scan(self.ws.root, attached.file, attached.sha256)
                if isinstance(data, bytes):
                    out[f"{store.FILES}/{attached.file}"] = data
                else:
                    self.done.left_out.append(Problem(store.display(path), 0, full.id, "files", data))
        return out

    def addressed_elsewhere(self, files: list[str]) -> set[str]:
        """The communes of the issues that plan items of `files` address, or did."""
        moved: set[str] = set()
        for file in files:
            was = self.old.communes[file].addresses if file in self.old.communes else {}
            entry = self.new.communes.get(file)
            now = entry.addresses if entry else {}
            moved.update(i for i in {*was, *now} if was.get(i) != now.get(i))
        if not moved:
            return set()
        return {file for file, entry in self.new.communes.items() if not moved.isdisjoint(entry.shown)}

    def gathered(self, files: list[str]) -> None:
        """The pages that gather many communes, made again only when what they show of
        one changed: the overview and the overdue list then, and the departments of
        the issues that did. `files`: those whose entry may differ from the last build's."""
        overview = False  # whether the overview shows something that changed
        late = False  # whether an item that changed is overdue or escalated, or was: then the overdue list changed
        depts: set[str] = set()
        for file in files:
            old, new = self.old.communes.get(file), self.new.communes.get(file)
            if (old.listed if old else "") != (new.listed if new else ""):
                overview = True
            was, now = (old.briefs() if old else {}), (new.briefs() if new else {})
            for i in {*was, *now}:
                if was.get(i) != now.get(i):
                    overview = True
                    for b in (was.get(i), now.get(i)):
                        if b is not None:
                            depts.update(b.depts)
                            late = late or b.late
        entries = self.new.communes
        involved = {d for entry in entries.values() for d in entry.depts}

        def shown(row: IssueRow | PlanRow) -> str:
            entry = entries.get(row.commune.file)
            return entry.shown.get(row.id, "") or repr(row) if entry else repr(row)

        site = self.site
        sent = inputs.sent(self.ws, self.as_of)
        policy = self.ws.policy()
        index = _page("index.html", lambda: site.index(self.report, sent, self.since))
        self.shared(":index", overview, lambda: [index], inputs.outside(sent, policy))
        self.shared(":overdue", late, lambda: site.overdue(shown))
        for code, make in site.departments(lambda: self.report, involved, shown):
            self.shared(f":dept:{code}", code in depts, make)
        if self.since:
            from tracker.ops import gitflow

            since = self.since

            def log() -> str:
                found, _ = gitflow.changes(self.ws, since)
                return site.changes(gitflow.change_log(self.ws, found, since))

            self.shared(":changes", True, lambda: [_page("changes.html", log)])

    def shared(self, key: str, stale: bool, make: "Any", outside: str = "") -> None:
        """The pages of `key`, made again if `stale`, or what they show from outside
        the communes' files (`outside`, a digest) changed (or a full build, or one is
        missing): of those, written only the pages whose digest differs from the last
        build's (a status changed on one page of 200)."""
        previous = self.old.lists.get(key)
        stale = stale or (previous is not None and previous.inputs != outside)
        if previous and not stale and not self.full and all(self.folder.has(p) for p in previous.pages):
            self.new.lists[key] = previous
            self.made.update(previous.pages)
            return
        before = previous.shown if previous else {}
        pages: list[Page] = make()
        for page in pages:
            if page.shown and before.get(page.name) == page.shown and self.folder.has(page.name):
                self.made.add(page.name)
                continue
            self.put(page.name, page.render())
        self.new.lists[key] = ListEntry([p.name for p in pages], {p.name: p.shown for p in pages if p.shown}, outside)


def _page(name: str, render: "Any") -> "Page":
    from tracker.formats.site import Page

    return Page(name, "", render)


def _records(ws: Workspace, flt: Filter, file: str, past: bool) -> list[Full]:
    """A commune's whole records (history included) as they stood on the day."""
    if past:
        return past_issues(ws, flt, file) + past_plan(ws, flt, file)
    index = ws.readable(file)
    where = queries.Where(file=file)
    return queries.full_rows(index, "issues", where) + queries.full_rows(index, "action_plan", where)
