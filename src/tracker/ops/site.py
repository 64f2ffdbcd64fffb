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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker import __version__, rules, store
from tracker.cache import Full, IssueRow, queries
from tracker.formats import Context
from tracker.i18n import get_lang
from tracker.ops import reports
from tracker.ops.issues import back_dated, list_issues, past_issues
from tracker.ops.plans import list_plan, past_plan
from tracker.ops.workspace import Workspace
from tracker.query import Filter

MANIFEST = ".tracker-site.json"


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
    flt = Filter(as_of=as_of)
    issues = list_issues(ws, flt)
    plans = list_plan(ws, flt)
    site = Site(ctx, as_of, issues, plans, ws.department_names(), ws.category_names())
    brief = _brief(issues, as_of)
    done = Built()
    pages: dict[str, list[str]] = {}  # a commune file, or a page that gathers many ("dept:NNMT") → its pages

    def put(name: str, text: str) -> None:
        done.written += store.write_page(out, name, text)
        done.pages += 1

    for name, text in site.assets():
        put(name, text)
    past = back_dated(ws, as_of)
    communes = queries.communes(index)
    changed = {f for f in kept if f not in communes and not f.startswith(":")}  # gone since
    for file, commune in communes.items():
        previous = kept.get(file)
        if previous and previous["sha"] == shas.get(file):
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
    everything = not kept

    def shared(key: str, stale: bool, make: Any) -> None:
        previous = kept.get(key)
        if previous and not stale:
            pages[key] = previous["pages"]
            done.pages += len(previous["pages"])
            return
        made = list(make())
        for name, text in made:
            put(name, text)
        pages[key] = [name for name, _ in made]

    made_report: list[Any] = []

    def report() -> Any:
        """The report's model (the grid, groups, common obstacles), worked out once when needed."""
        if not made_report:
            made_report.append(reports.report(ws, flt, rows=issues))
        return made_report[0]

    shared(":index", everything or bool(changed), lambda: [("index.html", site.index(report()))])
    shared(":overdue", everything or late, site.overdue)
    for code, make in site.departments(report):
        shared(f":dept:{code}", everything or code in depts, make)
    if since:
        from tracker.ops import gitflow

        def log() -> list[tuple[str, str]]:
            found, _ = gitflow.changes(ws, since)
            return [("changes.html", site.changes(gitflow.change_log(ws, found, since)))]

        shared(":changes", True, log)
    done.removed = _remove_stale(out, old, pages)
    files = {f: {"sha": shas.get(f), "brief": brief.get(f, {}), "pages": p} for f, p in pages.items()
             if not f.startswith(":")}  # fmt: skip
    files |= {key: {"pages": p} for key, p in pages.items() if key.startswith(":")}
    manifest = {"head": head, "files": dict(sorted(files.items()))}
    store.write_page(out, MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
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
        out[f"{r.commune.slug}.yaml"][r.id] = " ".join([digest, late, *dict.fromkeys((r.dept, *r.support))])
    return out


def _records(ws: Workspace, flt: Filter, file: str, past: bool) -> list[Full]:
    """A commune's whole records (history included) as they stood on the day."""
    if past:
        return past_issues(ws, flt, file) + past_plan(ws, flt, file)
    index = ws.readable(file)
    where = queries.Where(file=file)
    return queries.full_rows(index, "issues", where) + queries.full_rows(index, "action_plan", where)


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
