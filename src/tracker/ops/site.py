"""`tracker site`: a folder of static pages for readers without git — an overview,
a page a department, a commune, an issue and a plan item, the overdue items and
the changes since a meeting.

Deterministic (the same data and day make the same bytes) and incremental: a
manifest in the folder keeps each commune file's SHA-256 and the pages made from
it, so a rebuild renders only the communes that changed (and the pages that
gather many: the overview, the departments, the overdue list), and writes only
pages whose bytes differ.
"""

import contextlib
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import __version__, rules, store
from tracker.cache import Full, IssueRow, queries
from tracker.formats import Context
from tracker.i18n import get_lang
from tracker.ops import reports
from tracker.ops.issues import back_dated, issue_rows, list_issues, past_issues
from tracker.ops.plans import list_plan, past_plan
from tracker.ops.workspace import Workspace
from tracker.query import Filter

if TYPE_CHECKING:
    from tracker.formats.site import Page

MANIFEST = ".tracker-site.json"
_FEW = 50  # communes changed since the last build, read one by one; more, and every issue is read at once


@dataclass
class Built:
    """What a build did."""

    pages: int = 0  # pages the site has
    written: int = 0  # of them, written this time (new or changed)
    rendered: int = 0  # communes rendered again (the others were unchanged)
    removed: list[str] = field(default_factory=list)


def build(ws: Workspace, out: Path, as_of: date, ctx: Context, since: str | None = None) -> Built:
    """Make the site in `out` as the data stood on `as_of`."""
    from tracker.formats.site import Site

    store.refuse_inside(out, ws.root)
    out.mkdir(parents=True, exist_ok=True)
    head = {"version": __version__, "as_of": as_of.isoformat(), "lang": get_lang(), "since": since,
            "layout": _layout(ctx)}  # fmt: skip
    old = _manifest(out)
    kept = old.get("files", {}) if old.get("head") == head else {}
    index = ws.readable()
    shas = queries.file_shas(index)
    communes = queries.communes(index)
    flt = Filter(as_of=as_of)
    fresh = [f for f in communes if not (f in kept and kept[f]["sha"] == shas.get(f))]
    read: list[list[IssueRow]] = []

    def every() -> list[IssueRow]:
        """Every issue, read once, and only if a page that gathers many is made again."""
        if not read:
            read.append(list_issues(ws, flt))
        return read[0]

    # What the other pages show of a commune's issues changes only with its file: the
    # brief of one unchanged since the last build is the manifest's.
    brief = {f: kept[f].get("brief", {}) for f in communes if f not in fresh}
    few = len(fresh) <= _FEW
    brief |= _brief([r for f in fresh for r in issue_rows(ws, flt, f)] if few else every(), as_of)
    site = Site(ctx, as_of, every, lambda: list_plan(ws, flt), ws.department_names(), ws.category_names())
    done = Built()
    pages: dict[str, list[str]] = {}  # a commune file, or a page that gathers many ("dept:NNMT") → its pages

    def put(name: str, text: str) -> None:
        done.written += store.write_page(out, name, text)
        done.pages += 1

    for name, text in site.assets():
        put(name, text)
    past = back_dated(ws, as_of)
    changed = {f for f in kept if f not in communes and not f.startswith(":")}  # gone since
    for file, commune in communes.items():
        previous = kept.get(file)
        if file not in fresh and previous is not None:
            pages[file] = previous["pages"]
            done.pages += len(previous["pages"])
            continue
        made = site.commune(commune, _records(ws, flt, file, past))
        for name, text in made:
            put(name, text)
        pages[file] = [name for name, _ in made]
        done.rendered += 1
    # What gathers many communes is made again only when what it shows of one changed:
    # the overview and the overdue list then, and the departments of the issues that did.
    depts: set[str] = set()
    late = False  # whether an issue that changed is overdue, or was: then the overdue list changed
    for file in {*kept, *brief} - {k for k in kept if k.startswith(":")}:
        was, now = kept.get(file, {}).get("brief", {}), brief.get(file, {})
        moved = [i for i in {*was, *now} if was.get(i) != now.get(i)]
        if moved:
            changed.add(file)
            entries = [entry.split() for i in moved for entry in (was.get(i), now.get(i)) if entry]
            depts.update(d for entry in entries for d in entry[2:])
            late = late or any(entry[1] == "1" for entry in entries)
    involved = {d for entries in brief.values() for entry in entries.values() for d in entry.split()[2:]}
    everything = not kept

    digests: dict[str, dict[str, str]] = {}  # a page that gathers many → what each of its pages shows

    def shared(key: str, stale: bool, make: Callable[[], list["Page"]]) -> None:
        """The pages of `key`, made again if `stale`: of those, only the pages whose
        digest differs from the last build's (a status changed on one page of 200)."""
        previous = kept.get(key)
        if previous and not stale:
            pages[key] = previous["pages"]
            digests[key] = previous.get("shown", {})
            done.pages += len(previous["pages"])
            return
        before = previous.get("shown", {}) if previous else {}
        made = make()
        for name, digest, render in made:
            if digest and before.get(name) == digest and (out / name).is_file():
                done.pages += 1
                continue
            put(name, render())
        pages[key] = [name for name, _, _ in made]
        digests[key] = {name: digest for name, digest, _ in made if digest}

    def shown(row: IssueRow) -> str:
        return brief.get(row.commune.file, {}).get(row.id) or repr(row)

    made_report: list[Any] = []

    def report() -> Any:
        """The report's model (the grid, groups, common obstacles), worked out once when needed."""
        if not made_report:
            made_report.append(reports.report(ws, flt, rows=every(), lists=False))
        return made_report[0]

    shared(":index", everything or bool(changed), lambda: [("index.html", "", lambda: site.index(report()))])
    shared(":overdue", everything or late, lambda: site.overdue(shown))
    for code, make in site.departments(report, involved, shown):
        shared(f":dept:{code}", everything or code in depts, make)
    if since:
        from tracker.ops import gitflow

        def log() -> str:
            found, _ = gitflow.changes(ws, since)
            return site.changes(gitflow.change_log(ws, found, since))

        shared(":changes", True, lambda: [("changes.html", "", log)])
    done.removed = _remove_stale(out, old, pages)
    files = {f: {"sha": shas.get(f), "brief": brief.get(f, {}), "pages": p} for f, p in pages.items()
             if not f.startswith(":")}  # fmt: skip
    files |= {key: {"pages": p, "shown": digests.get(key, {})} for key, p in pages.items() if key.startswith(":")}
    store.write_page(out, MANIFEST, _manifest_text(head, files))
    return done


def _layout(ctx: Context) -> str:
    """A digest of what lays the pages out — the templates (a data repository's own
    too), the wording, the code that renders — so that a change to any of them
    makes every page again."""
    from importlib import resources

    import tracker

    digest = hashlib.sha256()
    code = Path(tracker.__file__).parent
    sources = [
        code / "formats" / "site.py",
        code / "formats" / "charts.py",
        code / "figures.py",
        code / "wording.py",
        code / "ops" / "site.py",
    ]  # this file too: the manifest is written here
    packaged = Path(str(resources.files("tracker.templates")))
    for folder in (*ctx.templates, packaged):
        sources += sorted(folder.glob("site*")) + sorted(folder.glob("changes.html.j2")) + sorted(folder.glob("lang/*"))
    for path in sources:
        with contextlib.suppress(OSError):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _brief(issues: list[IssueRow], as_of: date) -> dict[str, dict[str, str]]:
    """file → issue ID → a digest of what the overview, the overdue list and the
    departments' pages show of it, whether it is overdue, and its departments
    ("1f2e3d4c 0 NNMT TC"): a note added to a history changes none of them; a
    status, the pages of the departments it involves (and the overdue list, when
    it is or was overdue). Plan items show on their commune's pages only."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for r in issues:
        shown = (r.commune.name, r.title, r.category, r.dept, r.support, r.status, r.raised_on, r.due, r.resolved_on)
        digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:8]
        late = "1" if rules.is_overdue(r.status.value, r.due, as_of) else "0"
        out[r.commune.file][r.id] = " ".join([digest, late, *dict.fromkeys((r.dept, *r.support))])
    return out


def _records(ws: Workspace, flt: Filter, file: str, past: bool) -> list[Full]:
    """A commune's whole records (history included) as they stood on the day."""
    if past:
        return past_issues(ws, flt, file) + past_plan(ws, flt, file)
    index = ws.readable(file)
    where = queries.Where(file=file)
    return queries.full_rows(index, "issues", where) + queries.full_rows(index, "action_plan", where)


def _manifest_text(head: dict[str, Any], files: dict[str, Any]) -> str:
    """The manifest as JSON, one line a file: readable in a diff, and written by
    json's C encoder (an indented dump goes through its Python one, seconds at
    national size)."""

    def line(key: str, value: Any) -> str:
        return f"  {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}"

    entries = ",\n".join(line(key, files[key]) for key in sorted(files))
    return f'{{\n "head": {json.dumps(head, ensure_ascii=False)},\n "files": {{\n{entries}\n }}\n}}\n'


def _manifest(out: Path) -> dict[str, Any]:
    try:
        data = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remove_stale(out: Path, old: dict[str, Any], pages: dict[str, list[str]]) -> list[str]:
    """Remove the pages an earlier build made for records that are gone."""
    now = {name for names in pages.values() for name in names}
    before = {name for entry in old.get("files", {}).values() for name in entry.get("pages", [])}
    gone = sorted(name for name in before - now if name.endswith(".html") and ".." not in name)
    for name in gone:
        (out / name).unlink(missing_ok=True)
    return gone
