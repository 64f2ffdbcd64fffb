"""`same_as`: issues that are one obstacle, named on both sides, so that one
recommendation answers them all. Both files are written, or neither."""

from __future__ import annotations

from typing import Any

from tracker import ids, store
from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.models import CommuneFile, Issue
from tracker.ops import find, records
from tracker.ops.workspace import Workspace


def link(ws: Workspace, first: str, second: str, by: str | None = None) -> bool:
    """Write that two issues are the same obstacle, in both; False if they said so already."""
    return _change(ws, first, second, by, add=True)


def unlink(ws: Workspace, first: str, second: str, by: str | None = None) -> bool:
    """Take a link out of both issues; False if neither named the other."""
    return _change(ws, first, second, by, add=False)


def _change(ws: Workspace, first: str, second: str, by: str | None, add: bool) -> bool:
    a, b = ids.normalise(first), ids.normalise(second)
    if a == b:
        raise UsageError(tr(f"{a} không thể cùng vướng mắc với chính nó", f"{a} cannot be the same as itself"))
    by = ws.user(by)
    with store.locked(ws.root):
        docs: dict[str, tuple[store.Doc[CommuneFile], CommuneFile]] = {}
        found: list[Issue] = []
        for ident in (a, b):
            doc, section, at = find.record(ws, ident)
            records.one_kind(ident, section, "issues")
            if doc.path.name not in docs:
                docs[doc.path.name] = (doc, doc.model.model_copy(deep=True))
            found.append(docs[doc.path.name][1].issues[at])
        changed = False
        for issue, other in ((found[0], b), (found[1], a)):
            before = list(issue.same_as)
            if add and other not in issue.same_as:
                issue.same_as = [*issue.same_as, other]
            elif not add and other in issue.same_as:
                issue.same_as = [i for i in issue.same_as if i != other]
            if issue.same_as != before:
                changed = True
                issue.history.append(records.entry(by, was={"same_as": before}))
        if changed:
            changes: list[tuple[store.Doc[Any], CommuneFile]] = list(docs.values())
            store.save_all(changes, ws.root, ws.registry())
    return changed
