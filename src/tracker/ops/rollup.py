"""A national roll-up: many provinces' repositories, each fetched with git into a
folder the roll-up owns (`.rollup/<member>/`), validated as `tracker validate` does,
and counted as `tracker stats` counts, with the figures of each member kept beside
its checkout (`.rollup/<member>.json`), keyed on its commit: a member whose commit
has not changed is not read again.

Git runs in subprocesses, several members at a time (a pool of threads, which wait
on git); reading and validating a member's YAML is Python's own work, one member
after another (two threads would share one interpreter lock, and the members' caches
are SQLite files that one writer at a time is best for)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker import gitio, reporting, rules, store
from tracker.confined import escapes
from tracker.errors import DataError, Problem, TrackerError, UsageError
from tracker.i18n import said, tr
from tracker.models import Rollup, RollupMember
from tracker.query import Filter

FILE = "rollup.yaml"
FOLDER = ".rollup"
CACHE_VERSION = 1
KEPT_DAYS = 12  # the figures of this many as-of days are kept per member (the latest)

# The ministry (Bộ, ngành) that answers for each department a province has (seed.py's),
# for `rollup init` to write; rollup.yaml is where a roll-up changes it.
MINISTRIES = {
    "NV": "Bộ Nội vụ",
    "TP": "Bộ Tư pháp",
    "TC": "Bộ Tài chính",
    "CT": "Bộ Công Thương",
    "NNMT": "Bộ Nông nghiệp và Môi trường",
    "XD": "Bộ Xây dựng",
    "KHCN": "Bộ Khoa học và Công nghệ",
    "VHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "GDDT": "Bộ Giáo dục và Đào tạo",
    "YT": "Bộ Y tế",
    "TTR": "Thanh tra Chính phủ",
    "VPUB": "Văn phòng Chính phủ",
    "NGV": "Bộ Ngoại giao",
    "DTTG": "Bộ Dân tộc và Tôn giáo",
}

# How often a member's YAML was read (validated or counted) in this process: a test
# proves an unchanged member is not read again.
reads: dict[str, int] = {}


# ---------------------------------------------------------------- rollup.yaml


def find(path: Path | None) -> Path:
    """rollup.yaml: `path`, else the one in the current folder."""
    found = path or Path(FILE)
    if not found.is_file():
        raise UsageError(tr(f"không có {found}: tạo bằng `tracker rollup init`",
                            f"no {found}: make one with `tracker rollup init`"))  # fmt: skip
    return found


def load(path: Path) -> Rollup:
    """rollup.yaml, validated: two members never share a name or a province, a data
    folder stays inside its repository, and no URL carries a password or token."""
    doc = store.read(path, Rollup)
    shown, problems = store.display(path), []
    seen: dict[str, set[str]] = {"name": set(), "province": set()}
    for n, member in enumerate(doc.model.members):
        line = doc.loaded.line_of(("members", n))
        for key in ("name", "province"):
            value = getattr(member, key)
            if value in seen[key]:
                problems.append(
                    Problem(
                        shown,
                        line,
                        member.name,
                        key,
                        said(f"'{value}' đã có ở thành viên khác", f"'{value}' is another member's too"),
                    )
                )
            seen[key].add(value)
        parts = Path(member.data).parts
        if ".." in parts or Path(member.data).is_absolute():
            problems.append(Problem(shown, line, member.name, "data", said(
                "thư mục dữ liệu phải nằm trong kho của thành viên (không có '..')",
                "the data folder must lie inside the member's repository (no '..')")))  # fmt: skip
        if _has_secret(member.url):
            problems.append(Problem(shown, line, member.name, "url", said(
                "địa chỉ có mật khẩu hoặc token: không ghi vào rollup.yaml, để git lấy từ biến bí mật của CI",
                "the URL holds a password or token: keep it out of rollup.yaml, git takes it from a CI secret",
            )))  # fmt: skip
    if problems:
        raise DataError(problems)
    return doc.model


def _has_secret(url: str) -> bool:
    """Whether a URL names a password or token (`https://user:token@host/…`, `https://token@host/…`)."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.lower() in ("file", "ssh"):
        return False
    userinfo = rest.split("/", 1)[0].rpartition("@")[0]
    return bool(userinfo)


_EXAMPLE = """\
# yaml-language-server: $schema=schemas/rollup.schema.json
# A national roll-up: one entry a province's repository (`tracker rollup fetch`).
# Never a token here: a member's read token comes from a CI secret, through git's own
# credential setup (see the README, "A national roll-up").
members:
- name: nghe-an            # the folder it is fetched into: .rollup/nghe-an/
  province: NA             # shown before every ID: NA:VA-1
  url: https://example.invalid/nghe-an/tracker-data.git   # or a local path
  ref: main                # a branch or a tag
  data: data               # the folder of its data (default: data)

# The ministry (Bộ, ngành) that answers for each lead department's code.
ministries:
"""


def init(folder: Path) -> list[Path]:
    """rollup.yaml with an example member and the default ministry map, and its
    JSON Schema beside it (schemas/rollup.schema.json); the files written."""
    from tracker.schema import schema_text
    from tracker.yamlio import dump

    path = folder / FILE
    if path.exists():
        raise UsageError(
            tr(f"{store.display(path)} đã có: không ghi đè", f"{store.display(path)} exists: not overwritten")
        )
    text = _EXAMPLE + "".join("  " + line + "\n" for line in dump(MINISTRIES).splitlines())
    Rollup.model_validate(_plain(text))  # what it writes, it reads
    folder.mkdir(parents=True, exist_ok=True)
    schema = folder / "schemas" / "rollup.schema.json"
    schema.parent.mkdir(exist_ok=True)
    store.atomic_write(schema, schema_text("rollup").encode("utf-8"))
    store.atomic_write(path, text.encode("utf-8"))
    ignore = folder / ".gitignore"
    if not ignore.exists():
        store.atomic_write(ignore, f"/{FOLDER}/\n".encode())
        return [path, schema, ignore]
    return [path, schema]


def _plain(text: str) -> Any:
    from tracker import yamlio

    return yamlio.load(text, []).data


# ---------------------------------------------------------------- the members' figures


@dataclass
class MemberState:
    """What the roll-up knows of one member: its checkout's commit, whether its data is
    valid, how many records it holds; `reason` says why it is left out."""

    member: RollupMember
    commit: str | None = None
    records: int = 0
    valid: bool = False
    reason: str | None = None
    read: bool = False  # its YAML was read in this run (False: from its cached figures)
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.valid and self.reason is None


def folder_of(config: Path) -> Path:
    return config.resolve().parent / FOLDER


def _cache_path(root: Path, member: RollupMember) -> Path:
    return root / f"{member.name}.json"


def _read_cache(root: Path, member: RollupMember, commit: str) -> dict[str, Any] | None:
    """The member's kept figures, when they are of this commit and data folder."""
    try:
        kept = json.loads(_cache_path(root, member).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    from tracker import __version__

    if not isinstance(kept, dict) or kept.get("version") != CACHE_VERSION or kept.get("tracker") != __version__:
        return None
    if kept.get("commit") != commit or kept.get("data") != member.data:
        return None
    return kept


def _write_cache(root: Path, member: RollupMember, kept: dict[str, Any]) -> None:
    days = kept.get("as_of", {})
    kept["as_of"] = dict(sorted(days.items())[-KEPT_DAYS:])
    store.atomic_write(_cache_path(root, member), json.dumps(kept, ensure_ascii=False, sort_keys=True).encode())


def _data_dir(checkout: Path, member: RollupMember) -> Path:
    data = checkout / member.data
    if escapes(data, checkout):
        raise TrackerError(tr("thư mục dữ liệu dẫn ra ngoài kho", "the data folder leads out of the repository"))
    if not (data / store.DEPARTMENTS).is_file():
        raise TrackerError(tr(f"không có thư mục dữ liệu '{member.data}' (thiếu {store.DEPARTMENTS})",
                              f"no data folder '{member.data}' (no {store.DEPARTMENTS})"))  # fmt: skip
    return data


def _checked(root: Path, state: MemberState) -> dict[str, Any] | None:
    """The member's kept figures of its commit, validating its data first when they
    are not kept yet (a new commit); None, with `state.reason`, when it is not valid."""
    member, checkout = state.member, root / state.member.name
    assert state.commit is not None
    kept = _read_cache(root, member, state.commit)
    if kept is None:
        from tracker.ops import checks
        from tracker.ops.workspace import Workspace

        kept = {"version": CACHE_VERSION, "commit": state.commit, "data": member.data, "as_of": {}}
        from tracker import __version__

        kept["tracker"] = __version__
        try:
            report = checks.validate(Workspace(_data_dir(checkout, member)))
        except TrackerError as exc:
            kept |= {"valid": False, "problems": [exc.message], "records": 0}
        else:
            kept |= {"valid": not report.problems, "problems": [str(p) for p in report.problems[:20]],
                     "problem_count": len(report.problems), "records": report.issues + report.plan_items}  # fmt: skip
        reads[member.name] = reads.get(member.name, 0) + 1
        state.read = True
        _write_cache(root, member, kept)
    state.records, state.valid = kept["records"], kept["valid"]
    if not state.valid:
        count = kept.get("problem_count", len(kept["problems"]))
        first = kept["problems"][0] if kept["problems"] else ""
        state.reason = tr(
            f"dữ liệu không hợp lệ ({count} vấn đề): {first}", f"invalid data ({count} problems): {first}"
        )
        return None
    return kept


# ---------------------------------------------------------------- fetch


def _get(root: Path, member: RollupMember) -> str:
    """Clone the member, or bring its checkout up to date; its commit."""
    checkout = root / member.name
    if (checkout / ".git").exists():
        return gitio.fetch_shallow(member.url, member.ref, checkout)
    if checkout.exists():  # a clone cut short: the roll-up's own folder, made again
        shutil.rmtree(checkout)
    try:
        return gitio.clone_shallow(member.url, member.ref, checkout)
    except gitio.GitError:
        shutil.rmtree(checkout, ignore_errors=True)
        raise


def fetch(config: Path, jobs: int = 4, progress: Callable[[MemberState], None] | None = None) -> list[MemberState]:
    """Fetch every member (`jobs` at a time), then validate each whose commit is new;
    one that cannot be fetched or is not valid says why, and the others go on."""
    rollup = load(config)
    root = folder_of(config)
    root.mkdir(exist_ok=True)
    states = [MemberState(m) for m in rollup.members]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_get, root, s.member) for s in states]
        for state, future in zip(states, futures, strict=True):
            try:
                state.commit = future.result()
            except gitio.GitError as exc:
                state.reason = tr("không lấy được: ", "cannot fetch: ") + _one_line(str(exc))
    for state in states:
        if state.commit is not None:
            _checked(root, state)
        _remember(root, state)
        if progress:
            progress(state)
    return states


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else text


def _remember(root: Path, state: MemberState) -> None:
    """What the last fetch of each member gave (.rollup/fetched.json), for `stats` to
    say which members' figures are older than their repository."""
    path = root / "fetched.json"
    try:
        known = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    known[state.member.name] = {"commit": state.commit, "reason": state.reason}
    store.atomic_write(path, json.dumps(known, ensure_ascii=False, sort_keys=True).encode())


# ---------------------------------------------------------------- stats and report


@dataclass
class National:
    """The roll-up's figures: the grid per province, per department and in total; the
    overdue items of each province; what each member was."""

    as_of: date
    members: list[MemberState]
    provinces: dict[str, Any]
    departments: dict[str, Any]
    ministries: dict[str, str]
    overdue: dict[str, list[dict[str, Any]]]  # province → its overdue issues, IDs as PROVINCE:ID
    warnings: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "provinces": self.provinces["departments"],
            "departments": self.departments["departments"],
            "total": self.departments["total"],
            "ranking": {"provinces": self.provinces["ranking"], "departments": self.departments["ranking"]},
            "ministries": {code: self.ministries.get(code) for code in self.departments["departments"]},
            "members": {
                s.member.name: {
                    "province": s.member.province,
                    "commit": s.commit,
                    "records": s.records,
                    "included": s.ok,
                    "reason": s.reason,
                }
                for s in self.members
            },
        }


def _member_figures(root: Path, state: MemberState, as_of: date) -> dict[str, Any] | None:
    kept = _checked(root, state)
    if kept is None:
        return None
    day = as_of.isoformat()
    if day not in kept["as_of"]:
        from tracker.ops import issues, reports
        from tracker.ops.workspace import Workspace

        ws = Workspace(_data_dir(root / state.member.name, state.member))
        reads[state.member.name] = reads.get(state.member.name, 0) + 1
        state.read = True
        grid = reports.stats(ws, as_of)
        overdue = [
            {"id": r.id, "commune": r.commune.name, "dept": r.dept, "title": r.title,
             "due": r.due.isoformat() if r.due else None,
             "days": rules.days_overdue(r.status, r.due, as_of)}
            for r in issues.list_issues(ws, Filter(overdue=True, as_of=as_of))
        ]  # fmt: skip
        if ws.skipped:
            state.reason = tr(f"có tệp không đọc được: {ws.skipped[0]}", f"a file cannot be read: {ws.skipped[0]}")
            return None
        kept["as_of"][day] = {"stats": grid, "overdue": overdue}
        _write_cache(root, state.member, kept)
    figures: dict[str, Any] = kept["as_of"][day]
    return figures


def national(config: Path, as_of: date) -> National:
    """The roll-up of the members as last fetched, as of `as_of`: a member never
    fetched, or whose data is not valid, is left out and named."""
    rollup = load(config)
    root = folder_of(config)
    try:
        fetched = json.loads((root / "fetched.json").read_text("utf-8"))
    except (OSError, ValueError):
        fetched = {}
    states, warnings = [], []
    grids: dict[str, dict[str, int]] = {}
    ages: dict[str, dict[str, int]] = {}
    province_grids: dict[str, dict[str, int]] = {}
    province_ages: dict[str, dict[str, int]] = {}
    overdue: dict[str, list[dict[str, Any]]] = {}
    for member in rollup.members:
        state = MemberState(member)
        states.append(state)
        checkout = root / member.name
        try:
            state.commit = gitio.head(checkout) if (checkout / ".git").exists() else None
        except gitio.GitError:
            state.commit = None
        last = fetched.get(member.name) if isinstance(fetched, dict) else None
        if state.commit is None:
            state.reason = (last or {}).get("reason") or tr("chưa lấy về: chạy `tracker rollup fetch`",
                                                            "not fetched: run `tracker rollup fetch`")  # fmt: skip
            warnings.append(f"{member.name}: {state.reason}")
            continue
        if isinstance(last, dict) and last.get("reason"):
            warnings.append(tr(f"{member.name}: lần lấy về cuối không được ({last['reason']}); số liệu của "
                               f"commit {state.commit[:12]}",
                               f"{member.name}: its last fetch failed ({last['reason']}); figures of commit "
                               f"{state.commit[:12]}"))  # fmt: skip
        figures = _member_figures(root, state, as_of)
        if figures is None:
            warnings.append(f"{member.name}: {state.reason}")
            continue
        stats = figures["stats"]
        for code, cells in stats["departments"].items():
            _add(grids.setdefault(code, dict.fromkeys(rules.GRID_KEYS, 0)), cells, rules.GRID_KEYS)
            _add(ages.setdefault(code, {}), cells["overdue_by_age"])
        province_grids[member.province] = {k: stats["total"][k] for k in rules.GRID_KEYS}
        province_ages[member.province] = dict(stats["total"]["overdue_by_age"])
        overdue[member.province] = [{**item, "id": f"{member.province}:{item['id']}"} for item in figures["overdue"]]
    order = list(rollup.ministries) or list(MINISTRIES)
    departments = _judged(grids, ages, order)
    provinces = _judged(province_grids, province_ages, [m.province for m in rollup.members])
    return National(as_of, states, provinces, departments, dict(rollup.ministries), overdue, warnings)


def _add(into: dict[str, int], cells: dict[str, Any], keys: Any = None) -> None:
    for key in keys if keys is not None else cells:
        into[key] = into.get(key, 0) + int(cells[key])


def _judged(grids: dict[str, dict[str, int]], ages: dict[str, dict[str, int]], order: list[str]) -> dict[str, Any]:
    """`stats` of summed grids, with the overdue ages summed by their names (members may
    count ages in other bounds: each keeps its own)."""
    out = reporting.stats_of(grids, order)
    total: dict[str, int] = {}
    for code, grid in out["departments"].items():
        grid["overdue_by_age"] = dict(ages.get(code, {}))
        _add(total, grid["overdue_by_age"])
    out["total"]["overdue_by_age"] = total
    return out
