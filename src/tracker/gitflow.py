"""The git side of the workflow: what changed since a meeting, merging commune
files record by record (`tracker resolve` and the optional merge driver)."""

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import gitio, layout, store
from tracker.errors import DataError, TrackerError, UsageError
from tracker.i18n import tr
from tracker.models import CommuneFile
from tracker.service import Tracker

if TYPE_CHECKING:
    from tracker.changes import Change
    from tracker.reporting import Report


def changes(tracker: Tracker, since: str, until: str = "HEAD") -> tuple[list["Change"], list[str]]:
    """What changed in the commune files since a revision or a date (YYYY-MM-DD),
    commit by commit; and a warning for each version that does not validate."""
    from tracker import changes as changelog

    try:
        top = gitio.toplevel(tracker.dir.root.resolve())
        until_sha = gitio.resolve(until, top)
        dated = re.fullmatch(r"\d{4}-\d{2}-\d{2}", since)
        base = gitio.last_before(since, top, until_sha) if dated else gitio.resolve(since, top)
    except gitio.GitError as exc:
        hint = tr("cần một kho git; --since nhận mã phiên bản hoặc ngày YYYY-MM-DD",
                  "needs a git repository; --since takes a revision or a YYYY-MM-DD date")  # fmt: skip
        raise UsageError(f"git: {exc} ({hint})") from None
    folder = tracker.dir.communes_dir.resolve().relative_to(top).as_posix()
    found: list[changelog.Change] = []
    warnings: list[str] = []
    for commit in gitio.commits(base, until_sha, [folder], top):
        for path in gitio.changed_paths(commit, [folder], top):
            try:
                old, new = (_at(rev, path, top) for rev in (commit.parent, commit.sha))
            except DataError as exc:
                warnings.append(tr(f"{commit.sha[:12]}: bỏ qua, tệp không hợp lệ: {exc.problems[0]}",
                                   f"{commit.sha[:12]}: skipped, invalid file: {exc.problems[0]}"))  # fmt: skip
                continue
            found += [
                replace(c, commit=commit.sha[:12], date=commit.date, by=commit.author)
                for c in changelog.diff(Path(path).stem, old, new)
            ]
    return found, warnings


def with_changes(tracker: Tracker, report: "Report", found: list["Change"], since: str) -> "Report":
    """`report` with its "changes since the last meeting" section, limited to its departments."""
    from tracker import changes as changelog

    if report.depts:
        found = [c for c in found if c.dept in report.depts]
    return replace(report, since=since, changes=changelog.group(found, tracker.department_names()))


def resolve(tracker: Tracker) -> list[tuple[Path, list[tuple[str, str]]]]:
    """Settle the commune files a git merge left in conflict, record by record, from
    the versions git keeps (base, ours, theirs). Returns each file and the IDs of
    theirs that were renumbered. A record both sides changed in the same field stops
    it, naming the record; nothing is written then."""
    from tracker import merging

    top = _toplevel(tracker)
    folder = tracker.dir.communes_dir.resolve().relative_to(top).as_posix()
    plans = []
    for rel in gitio.conflicted(top, [folder]):
        base, ours, theirs = (_at(stage, rel, top) for stage in (":1", ":2", ":3"))
        if ours is None or theirs is None:
            raise UsageError(
                tr(f"{rel}: một bên đã xóa tệp; hãy sửa tay", f"{rel}: deleted on one side; settle by hand")
            )
        outcome = merging.merge(base, ours, theirs)
        ours_text = store.decode(gitio.show(":2", rel, top) or b"", rel)[0]
        plans.append((top / rel, ours_text, ours, outcome))
    for path, ours_text, ours, outcome in plans:
        text = layout.rewrite(ours_text, store.plain(ours), store.plain(outcome.merged))
        store.atomic_write(path, text.encode("utf-8"))
    return [(path, outcome.renumbered) for path, _, _, outcome in plans]


def _toplevel(tracker: Tracker) -> Path:
    try:
        return gitio.toplevel(tracker.dir.root.resolve())
    except gitio.GitError as exc:
        raise UsageError(f"git: {exc}") from None


def merge_driver(base: Path, ours: Path, theirs: Path, shown: str) -> bool:
    """Git's merge driver for commune files: merge record by record into `ours`.

    Returns False, leaving git's usual conflict markers in `ours`, when it cannot."""
    from tracker import merging

    try:
        texts = [store.decode(p.read_bytes(), shown)[0] for p in (base, ours, theirs)]
        old = store.parse(texts[0], shown, CommuneFile)[1] if texts[0].strip() else None
        mine = store.parse(texts[1], shown, CommuneFile)[1]
        outcome = merging.merge(old, mine, store.parse(texts[2], shown, CommuneFile)[1])
        text = layout.rewrite(texts[1], store.plain(mine), store.plain(outcome.merged))
    except (TrackerError, OSError) as exc:
        import sys

        print(f"tracker merge-driver: {shown}: {getattr(exc, 'message', exc)}", file=sys.stderr)
        gitio.merge_file(ours, base, theirs)
        return False
    store.atomic_write(ours, text.encode("utf-8"))
    return True


def setup_git(root: Path, driver: str) -> Path:
    """Route commune files through the record-by-record merge driver, in this clone."""
    try:
        top = gitio.toplevel(root.resolve())
        gitio.run(["config", "merge.tracker.name", "tracker: merge commune files record by record"], top)
        gitio.run(["config", "merge.tracker.driver", f"{driver} merge-driver %O %A %B %P"], top)
    except gitio.GitError as exc:
        raise UsageError(f"git: {exc}") from None
    pattern = f"{(root.resolve() / store.COMMUNES).relative_to(top).as_posix()}/*.yaml merge=tracker"
    attributes = top / ".gitattributes"
    lines = (store.read_if_exists(attributes) or "").splitlines()
    if pattern not in lines:
        store.atomic_write(attributes, "\n".join([*lines, pattern]).encode("utf-8") + b"\n")
    return attributes


def _at(rev: str | None, path: str, top: Path) -> CommuneFile | None:
    # `rev` may also be a merge stage, ":1" to ":3"
    """A commune file as it was at `rev`; None where it did not exist."""
    raw = gitio.show(rev, path, top)
    if raw is None:
        return None
    shown = f"{rev[:12] if rev else ''}:{path}"
    return store.parse(store.decode(raw, shown)[0], shown, CommuneFile)[1]
