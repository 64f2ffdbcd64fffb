"""The git side of the workflow: what changed since a meeting, merging commune
files record by record (`tracker resolve` and the optional merge driver), and
setting the merge driver up."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker import changes as changelog
from tracker import gitio, layout, merging, store, yamlio
from tracker.dates import parse_date, today
from tracker.errors import DataError, TrackerError, UsageError
from tracker.i18n import tr
from tracker.models import CommuneFile
from tracker.ops.workspace import Workspace
from tracker.registry import Registry
from tracker.reporting import Report
from tracker.results import ChangeLog


def _toplevel(ws: Workspace) -> Path:
    try:
        return gitio.toplevel(ws.root.resolve())
    except gitio.GitError as exc:
        raise UsageError(f"git: {exc}") from None


def changes(ws: Workspace, since: str, until: str = "HEAD") -> tuple[list[changelog.Change], list[str]]:
    """What changed in the commune files since a revision or a date (YYYY-MM-DD),
    commit by commit; and a warning for each version that does not validate."""
    dated = re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4}", since.strip())
    day = parse_date(since, "since") if dated else None  # a wrong date is an error, not "all history"
    try:
        top = gitio.toplevel(ws.root.resolve())
        until_sha = gitio.resolve(until, top)
        base = gitio.last_before(day, top, until_sha) if day else gitio.resolve(since, top)
    except gitio.GitError as exc:
        hint = tr("cần một kho git; --since nhận mã phiên bản hoặc ngày YYYY-MM-DD",
                  "needs a git repository; --since takes a revision or a YYYY-MM-DD date")  # fmt: skip
        raise UsageError(f"git: {exc} ({hint})") from None
    folder = ws.data.communes_dir.resolve().relative_to(top).as_posix()
    found: list[changelog.Change] = []
    warnings: list[str] = []
    for commit in gitio.commits(base, until_sha, [folder], top):
        for path in gitio.changed_paths(commit, [folder], top):
            if not path.endswith(".yaml") or Path(path).name.startswith("."):
                continue  # .gitkeep and the like: not a commune file, nothing skipped
            try:
                old, new = (_at(rev, path, top) for rev in (commit.parent, commit.sha))
            except DataError as exc:
                warnings.append(tr(f"{commit.sha[:12]}: bỏ qua, tệp không hợp lệ: {exc.problems[0]}",
                                   f"{commit.sha[:12]}: skipped, invalid file: {exc.problems[0]}"))  # fmt: skip
                continue
            found += [
                replace(c, commit=commit.sha[:12], date=commit.date, by=c.by or commit.author)  # the record says who
                for c in changelog.diff(Path(path).stem, old, new)
            ]
    return _followed(found, base, until_sha, folder, top), warnings


def _followed(found: list[changelog.Change], base: str | None, until: str, folder: str,
              top: Path) -> list[changelog.Change]:  # fmt: skip
    """The changes made on a branch whose records a merge then renumbered (their VA-5
    became VA-6), under the IDs those records have now: their VA-5 is not ours."""
    for merge, ours, theirs in gitio.merges(base, until, [folder], top):
        side = {sha[:12] for sha in gitio.only_in(theirs, ours, top)}
        for path in gitio.changed_between(theirs, merge, [folder], top):
            try:
                before, after = _at(theirs, path, top), _at(merge, path, top)
            except DataError:
                continue
            if before is None or after is None:
                continue
            moved = changelog.renumbered(before, after)  # new ID -> theirs
            if not moved:
                continue
            now = {old: new for new, old in moved.items()}
            slug = Path(path).stem
            found = [replace(c, id=now[c.id]) if c.commit in side and c.commune == slug and c.id in now else c
                     for c in found]  # fmt: skip
    return found


def change_log(ws: Workspace, found: list[changelog.Change], since: str) -> ChangeLog:
    return ChangeLog(found, changelog.group(found, ws.department_names()), since)


def with_changes(ws: Workspace, report: Report, found: list[changelog.Change], since: str) -> Report:
    """`report` with its "changes since the last meeting" section, limited to its departments."""
    if report.depts:
        found = [c for c in found if c.dept in report.depts]
    return replace(report, since=since, changes=changelog.group(found, ws.department_names()))


def _at(rev: str | None, path: str, top: Path) -> CommuneFile | None:
    """A commune file as it was at `rev` (or a merge stage, ":1" to ":3"); None
    where it did not exist."""
    raw = gitio.show(rev, path, top)
    if raw is None:
        return None
    shown = f"{rev[:12] if rev else ''}:{path}"
    return store.parse(store.decode(raw, shown)[0], shown, CommuneFile)[1]


# ------------------------------------------------------------------ merging


def resolve(ws: Workspace, by: str | None = None) -> tuple[list[tuple[Path, list[tuple[str, str]]]], list[Path]]:
    """Settle the commune files a git merge left in conflict, record by record, from
    the versions git keeps (base, ours, theirs). Only files that still hold conflict
    markers are touched: a file settled already (by an earlier run, or by hand) is
    left as it is, and listed second. A record both sides changed in the same field
    stops it, naming the record; nothing is written then."""
    top = _toplevel(ws)
    by = ws.user(by)
    folder = ws.data.communes_dir.resolve().relative_to(top).as_posix()
    done: list[tuple[Path, list[tuple[str, str]]]] = []
    settled: list[Path] = []
    with store.locked(ws.root):
        work = []
        for rel in gitio.conflicted(top, [folder]):
            path = top / rel
            raw = store.read_bytes(path) if path.exists() else b""
            if not yamlio.CONFLICT_MARKER.search(store.decode(raw, rel)[0] if raw else ""):
                settled.append(path)
                continue
            stages = [gitio.show(stage, rel, top) for stage in (":1", ":2", ":3")]
            base, ours, theirs = (_at(stage, rel, top) for stage in (":1", ":2", ":3"))
            if ours is None or theirs is None:
                raise UsageError(
                    tr(f"{rel}: một bên đã xóa tệp; hãy sửa tay", f"{rel}: deleted on one side; settle by hand")
                )
            outcome = merging.merge(base, ours, theirs, today(), by)
            work.append((path, raw, stages, [base, ours, theirs], ours, outcome))
        merged = []
        for path, raw, stages, models, ours, outcome in work:  # every file merges before any is written
            texts = [store.decode(s, str(path))[0] if s is not None else None for s in stages]
            ours_raw = stages[1] or b""
            crlf, bom = b"\r\n" in ours_raw, ours_raw.startswith(b"\xef\xbb\xbf")
            candidates = _candidates(texts, models, outcome.merged)
            merged.append(store.Merged(path, raw, candidates, outcome.merged, ours, crlf, bom))
            done.append((path, outcome.renumbered))
        moved = {old: new for *_, outcome in work for old, new in outcome.renumbered}
        merged += _links_followed(ws, top, moved, {path for path, *_ in work})
        store.save_merged(merged, ws.root, ws.registry())
    return done, settled


def _links_followed(ws: Workspace, top: Path, moved: dict[str, str], conflicted: set[Path]) -> list[store.Merged]:
    """The other commune files whose links (`same_as`) name an issue the merge
    renumbered, the links they brought following it: their TN-1 linked to their VA-3,
    now VA-4, must not be left naming our unrelated VA-3. A link our side already had
    (HEAD) names ours and stays."""
    out: list[store.Merged] = []
    if not moved:
        return out
    for path in sorted(ws.data.communes_dir.glob("*.yaml")):
        if path in conflicted or not path.is_file():
            continue
        doc = store.read(path, CommuneFile)
        if not any(i in moved for issue in doc.model.issues for i in issue.same_as):
            continue
        head = _at("HEAD", path.resolve().relative_to(top).as_posix(), top)
        ours = {r.id: set(r.same_as) for r in head.issues} if head else {}
        new = doc.model.model_copy(deep=True)
        for issue in new.issues:
            issue.same_as = [i if i in ours.get(issue.id, set()) else moved.get(i, i) for i in issue.same_as]
        if new != doc.model:
            text = layout.rewrite(doc.text, store.plain(doc.model), store.plain(new))
            out.append(store.Merged(path, doc.raw or b"", [text], new, doc.model, doc.crlf, doc.bom))
    return out


def merge_driver(base: Path, ours: Path, theirs: Path, shown: str) -> bool:
    """Git's merge driver for commune files: merge record by record into `ours`.

    Returns False, leaving git's usual conflict markers in `ours`, when it cannot."""
    import sys

    root = _data_root(shown)
    try:
        raws = [p.read_bytes() for p in (base, ours, theirs)]
        texts = [store.decode(raw, shown)[0] for raw in raws]
        models = [store.parse(text, shown, CommuneFile)[1] if text.strip() else None for text in texts]
        mine, other = models[1], models[2]
        if mine is None or other is None:
            raise UsageError(tr("một bên trống", "one side is empty"))
        outcome = merging.merge(models[0], mine, other, today(), gitio.user_name(root))
        _no_links_out(outcome, mine)
        crlf, bom = b"\r\n" in raws[1], raws[1].startswith(b"\xef\xbb\xbf")
        candidates = _candidates(texts, models, outcome.merged)
        merged = store.Merged(ours, raws[1], candidates, outcome.merged, mine, crlf, bom)
        store.save_merged([merged], root, _registry(root))
    except (TrackerError, OSError) as exc:
        print(f"tracker merge-driver: {shown}: {getattr(exc, 'message', exc)}", file=sys.stderr)
        gitio.merge_file(ours, base, theirs)
        return False
    return True


def _no_links_out(outcome: merging.Outcome, mine: CommuneFile) -> None:
    """The driver sees one file: an issue it renumbers that links to another commune's
    issue would leave that issue's link naming our unrelated one. Such a merge is left
    in conflict, for `tracker resolve`, which follows links across files."""
    prefix = mine.commune.prefix + "-"
    for old, new in outcome.renumbered:
        issue = next((i for i in outcome.merged.issues if i.id == new), None)
        if issue is not None and any(not other.startswith(prefix) for other in issue.same_as):
            raise TrackerError(tr(f"{old} phải đánh số lại thành {new} nhưng có liên kết sang xã khác; "
                                  "hãy chạy tracker resolve để các liên kết đi theo",
                                  f"{old} must become {new} but links to another commune's issue; "
                                  "run tracker resolve so that the links follow it"))  # fmt: skip


def _data_root(shown: str) -> Path:
    """The data folder of the commune file git names (`data/communes/x.yaml`), to
    lock and to check against; the current folder if it cannot be told."""
    candidate = Path(shown).parent.parent
    return candidate if (candidate / store.DEPARTMENTS).is_file() else Path.cwd()


def _candidates(texts: Sequence[str | None], models: Sequence[CommuneFile | None], merged: CommuneFile) -> list[str]:
    """Texts of the merged file, best first: both sides' comments kept (each side's
    own text rewritten to the merged records, then the three merged line by line by
    git), else our text with the merged records."""
    data = store.plain(merged)
    rewritten = [layout.rewrite(text, store.plain(model), data) if text is not None and model is not None
                 else layout.render(data) for text, model in zip(texts, models, strict=True)]  # fmt: skip
    result, clean = gitio.merge_texts(*(t.encode("utf-8") for t in rewritten))
    return [result.decode("utf-8"), rewritten[1]] if clean else [rewritten[1]]


def _registry(root: Path) -> Registry | None:
    """The codes of the data folder `root`, to check merged records against."""
    try:
        return Workspace(root).registry()
    except DataError:
        return None


# Scanned documents (`tracker attach`) are binaries of megabytes that never merge:
# in git itself every clone would carry every version of every scan forever.
LFS = f"{store.FILES}/** filter=lfs diff=lfs merge=lfs -text"


@dataclass(frozen=True)
class GitSetup:
    """What `setup_git` did: the `.gitattributes` it wrote, whether scans go to git
    LFS, and the scans git already holds outside LFS (committed before): the
    attribute moves them only when they are added again (`git add --renormalize`)."""

    attributes: Path
    lfs: bool
    in_git: list[str] = field(default_factory=list)
    files: str = store.FILES  # the scans' folder, from the repository's top (`data/files`)


def setup_git(ws: Workspace, driver: str) -> GitSetup:
    """Route commune files through the record-by-record merge driver, in this clone:
    git's config, and a line in the data folder's own `.gitattributes` (its pattern is
    then `communes/*.yaml`, whatever the folders above are called); the data folder's
    `.gitignore` gets the lines of what git must never hold (`store.IGNORED`). When
    `git lfs` is installed, the scans under `files/` go to git LFS (`LFS`): the path
    and whether they do."""
    try:
        top = gitio.toplevel(ws.root.resolve())
        gitio.run(["config", "merge.tracker.name", "tracker: merge commune files record by record"], top)
        gitio.run(["config", "merge.tracker.driver", f"{driver} merge-driver %O %A %B %P"], top)
    except gitio.GitError as exc:
        raise UsageError(f"git: {exc}") from None
    attributes = ws.root / ".gitattributes"
    pattern = f"{store.COMMUNES}/*.yaml merge=tracker"
    store.add_lines(attributes, [pattern], ws.root)
    store.add_lines(ws.root / ".gitignore", store.IGNORED, ws.root)  # a journal or lock is never committed
    probe = (ws.root / store.COMMUNES / "x.yaml").resolve().relative_to(top).as_posix()
    if gitio.check_attr("merge", probe, top) != "tracker":
        raise TrackerError(tr(f"{store.display(attributes)}: git không nhận dòng '{pattern}'",
                              f"{store.display(attributes)}: git does not apply '{pattern}'"))  # fmt: skip
    lfs = gitio.has_lfs(top)
    if lfs:
        try:
            gitio.run(["lfs", "install", "--local"], top)
        except gitio.GitError as exc:
            raise UsageError(f"git lfs: {exc}") from None
        store.add_lines(attributes, [LFS], ws.root)
    folder = (ws.root / store.FILES).resolve().relative_to(top).as_posix()
    return GitSetup(attributes, lfs, _scans_outside_lfs(folder, top) if lfs else [], folder)


def _scans_outside_lfs(folder: str, top: Path) -> list[str]:
    """The files under `folder` (from `top`) git holds as themselves, not as LFS
    pointers: added before the LFS line was written."""
    try:
        tracked = gitio.run(["ls-files", "-z", "--", folder], top)
    except gitio.GitError:
        return []
    pointer = b"version https://git-lfs.github.com/spec/"
    return [path for path in filter(None, tracked.split("\0"))
            if not (gitio.show("", path, top) or pointer).startswith(pointer)]  # fmt: skip
