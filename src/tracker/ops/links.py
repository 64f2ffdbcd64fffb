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


def link(ws: Workspace, first: str, second: str, by: str | None = None, not_same: bool = False) -> bool:
    """Write that two issues are the same obstacle (`not_same`: that they are not,
    though found alike: `not_same_as`, kept apart in every grouping), in both; False
    if they said so already."""
    return _change(ws, first, second, by, add=True, key="not_same_as" if not_same else "same_as")


def unlink(ws: Workspace, first: str, second: str, by: str | None = None, not_same: bool = False) -> bool:
    """Take a link (or, `not_same`, a `not_same_as`) out of both issues; False if neither named the other."""
    return _change(ws, first, second, by, add=False, key="not_same_as" if not_same else "same_as")


def _change(ws: Workspace, first: str, second: str, by: str | None, add: bool, key: str = "same_as") -> bool:
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
        against = "same_as" if key == "not_same_as" else "not_same_as"
        if add and (b in getattr(found[0], against) or a in getattr(found[1], against)):
            undo = "tracker unlink" + (" --not-same" if against == "not_same_as" else "")
            raise UsageError(tr(f"{a} và {b} đang ghi {against}; bỏ trước bằng `{undo} {a} {b}`",
                                f"{a} and {b} say {against}; take it out first with `{undo} {a} {b}`"))  # fmt: skip
        for issue, other in ((found[0], b), (found[1], a)):
            before = list(getattr(issue, key))
            if add and other not in before:
                setattr(issue, key, [*before, other])
            elif not add and other in before:
                setattr(issue, key, [i for i in before if i != other])
            if getattr(issue, key) != before:
                changed = True
                issue.history.append(records.entry(by, was={key: before}))
        if changed:
            changes: list[tuple[store.Doc[Any], CommuneFile]] = list(docs.values())
            store.save_all(changes, ws.root, ws.registry())
    return changed
