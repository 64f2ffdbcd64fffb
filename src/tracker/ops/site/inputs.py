"""What each page is made from, per commune file: the record the manifest keeps of
it (manifest.CommuneEntry) worked out from its rows.

A commune's own pages (its page, its issues', its plan items') depend on its file
alone — and on the plan items of other communes that address its issues: `addresses`
says, per issue, what a file's plan items show of themselves there. The pages that
gather many depend on each issue's and plan item's `Brief` (overdue.html lists
both), and the overview's list of communes on `listed`. The overview shows two
things of no commune's file: the register of the reports sent (data/reports.yaml)
and the ages of a delay (followup.yaml): `outside`.
"""

import hashlib
from collections import defaultdict
from datetime import date

from tracker import periods, rules
from tracker.cache import CommuneRow, Full, IssueRow
from tracker.models import PlanItem, Submission
from tracker.ops.periods import register
from tracker.ops.site.manifest import Brief
from tracker.ops.workspace import Workspace

_ISSUE_FIELDS = ("id", "title", "category", "dept", "support", "status", "raised_on", "due", "resolved_on")


def briefs(issues: list[IssueRow], as_of: date) -> dict[str, dict[str, Brief]]:
    """file → issue ID → its Brief. The digest covers every field a gathering page
    shows of the issue, its ID and where its commune's page is (a commune file
    renamed moves the links to it)."""
    out: dict[str, dict[str, Brief]] = defaultdict(dict)
    for r in issues:
        shown = (r.commune.slug, r.commune.name, *(getattr(r, f) for f in _ISSUE_FIELDS))
        digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:12]
        # listed in overdue.html: overdue, or escalated (its title: "…và kiến nghị cấp trên")
        late = rules.is_overdue(r.status.value, r.due, as_of) or r.status.value == rules.ESCALATED
        out[r.commune.file][r.id] = Brief(digest, late, tuple(sorted({r.dept, *r.support})))
    return out


def plan_briefs(commune: CommuneRow, records: list[Full], as_of: date) -> dict[str, Brief]:
    """Plan item ID → its Brief: what overdue.html shows of it (kept beside the
    issues' in the commune's entry; a plan item belongs to no department)."""
    out = {}
    for f in records:
        rec = f.record
        if isinstance(rec, PlanItem):
            shown = (commune.slug, commune.name, rec.id, rec.title, rec.owner, rec.due, rec.status.value)
            digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:12]
            out[rec.id] = Brief(digest, rules.is_overdue(rec.status.value, rec.due, as_of, plan=True), ())
    return out


def listed(commune: CommuneRow, brief: dict[str, Brief] | dict[str, str], records: list[Full]) -> str:
    """How the overview lists the commune: "slug\\tname" when it has an issue or a plan
    item, "" (not listed) when it has neither."""
    if brief or any(isinstance(f.record, PlanItem) for f in records):
        return f"{commune.slug}\t{commune.name}"
    return ""


def addresses(records: list[Full]) -> dict[str, str]:
    """Issue ID → a digest of what this file's plan items that address it show on its
    page (their IDs and titles, in order)."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for f in records:
        if isinstance(f.record, PlanItem):
            for ident in f.record.issues:
                found[ident].append((f.record.id, f.record.title))
    return {i: hashlib.sha256(repr(v).encode()).hexdigest()[:16] for i, v in found.items()}


def sent(ws: Workspace, as_of: date) -> list[tuple[periods.Period, Submission]]:
    """The periodic reports sent by `as_of` (data/reports.yaml), the newest period first."""
    found = [(periods.parse(s.period), s) for s in register(ws).values() if s.date <= as_of]
    return sorted(found, key=lambda p: (p[0].end, p[1].date, p[0].name), reverse=True)


def outside(reports: list[tuple[periods.Period, Submission]], policy: rules.Policy) -> str:
    """A digest of what the overview shows from outside the communes' files: each
    report sent (period, number, date) and the bounds of the ages of a delay."""
    shown = ([(p.name, s.number, s.date.isoformat()) for p, s in reports], list(policy.ages))
    return hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
