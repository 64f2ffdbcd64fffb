"""A national roll-up: many provinces' repositories, each fetched with git into a
folder the roll-up owns (`.rollup/<member>/`), validated as `tracker validate` does,
and counted as `tracker stats` counts, with the figures of each member kept beside
its checkout (`.rollup/_members/<member>.json`: a folder no member's name can be, so
no member's figures are the roll-up's own files), keyed on its commit: a member whose commit
has not changed is not read again.

Git runs in subprocesses, several members at a time (a pool of threads, which wait
on git). Reading and validating a member's YAML is Python's own work: the members
whose commit is new are read in a pool of processes, one a core (`processes`;
threads would share one interpreter lock), each reading its own files in its own
process, into its own cache (an SQLite file of its own: no two processes write one);
what they give is written here, in the process that started them.

The groups of one obstacle across provinces (`clusters`) are worked out from every
member's issues as its own cache holds them (their similarity terms), grouped as
`tracker clusters` groups one repository's, and kept in `.rollup/clusters.json`
under the members' commits: an unchanged roll-up does not group again."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tracker import gitio, periods, reporting, rules, store, timeline
from tracker.confined import escapes
from tracker.dates import today
from tracker.errors import DataError, Problem, TrackerError, UsageError
from tracker.formats.base import Context
from tracker.i18n import get_lang, said, set_lang, tr
from tracker.models import Rollup, RollupMember
from tracker.query import Filter

FILE = "rollup.yaml"
FOLDER = ".rollup"
CACHE_VERSION = 2  # 2: the members' figures in .rollup/_members/
MEMBERS = "_members"  # never a member's name: a name begins with a letter or a digit
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
    """rollup.yaml, validated: two members never share a name or a province, not even
    in another case (each names a file), nor is either a Windows device name (CON,
    NUL…); a data folder stays inside its repository, and no URL carries a password or
    token, or an http(s) query."""
    doc = store.read(path, Rollup)
    shown, problems = store.display(path), []
    seen: dict[str, dict[str, str]] = {"name": {}, "province": {}}  # folded → as written
    for n, member in enumerate(doc.model.members):
        line = doc.loaded.line_of(("members", n))
        for key in ("name", "province"):  # each names a file or folder (.rollup/<name>/, province/<CODE>.html)
            value = getattr(member, key)
            other = seen[key].get(value.casefold())
            if other == value:
                problems.append(Problem(shown, line, member.name, key, said(
                    f"'{value}' đã có ở thành viên khác", f"'{value}' is another member's too")))  # fmt: skip
            elif other is not None:
                problems.append(Problem(shown, line, member.name, key, said(
                    f"'{value}' và '{other}' của thành viên khác chỉ khác chữ hoa, chữ thường: trên Windows, macOS "
                    "là cùng một tệp",
                    f"'{value}' and another member's '{other}' differ only in case: one file on Windows and macOS",
                )))  # fmt: skip
            elif value.upper() in _DEVICES:
                problems.append(Problem(shown, line, member.name, key, said(
                    f"'{value}' là tên thiết bị của Windows (CON, NUL, COM1…): không làm được tên tệp",
                    f"'{value}' is a Windows device name (CON, NUL, COM1…): it cannot name a file",
                )))  # fmt: skip
            seen[key].setdefault(value.casefold(), value)
        parts = Path(member.data).parts
        if ".." in parts or Path(member.data).is_absolute():
            problems.append(Problem(shown, line, member.name, "data", said(
                "thư mục dữ liệu phải nằm trong kho của thành viên (không có '..')",
                "the data folder must lie inside the member's repository (no '..')")))  # fmt: skip
        if _has_query(member.url):
            problems.append(Problem(shown, line, member.name, "url", said(
                "địa chỉ http(s) có phần '?…' hoặc '#…' (có thể là token): git không cần, bỏ đi",
                "the http(s) URL has a '?…' query or '#…' fragment (it may hold a token): git needs none, remove it",
            )))  # fmt: skip
        if _has_secret(member.url):
            problems.append(Problem(shown, line, member.name, "url", said(
                "địa chỉ có mật khẩu hoặc token: không ghi vào rollup.yaml, để git lấy từ biến bí mật của CI",
                "the URL holds a password or token: keep it out of rollup.yaml, git takes it from a CI secret",
            )))  # fmt: skip
    if problems:
        raise DataError(problems)
    return doc.model


# The names Windows keeps for its devices, whatever the case and the extension (CON.html is CON).
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"{d}{n}" for d in ("COM", "LPT") for n in range(10))}


def _has_query(url: str) -> bool:
    """Whether an http(s) URL has a query or a fragment (`?access_token=…`): a git
    remote never needs one, and git would print it in its errors."""
    scheme, sep, rest = url.partition("://")
    return bool(sep) and scheme.lower() in ("http", "https") and ("?" in rest or "#" in rest)


_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/\s'\"@]*@")
_QUERY = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://[^\s'\"?#]*)[?#][^\s'\"]*")


def redacted(text: str) -> str:
    """`text` (git's message) with every URL's user, password or token (`https://user:token@`)
    and query or fragment (`?access_token=…`) replaced by `***`: what the roll-up prints
    goes to CI logs."""
    return _QUERY.sub(r"\1?***", _USERINFO.sub(r"\1***@", text))


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
  title: Nghệ An           # the province's name, on its pages (optional)
  url: https://example.invalid/nghe-an/tracker-data.git   # or a local path
  ref: main                # a branch or a tag
  data: data               # the folder of its data (default: data)
  # site: https://example.invalid/nghe-an/   # its own site (tracker site), linked from its page

# The day of the month a period's figures are cut off (`--period`), for every member
# alike (Decree 09/2019: the 14th). Uncomment to change it:
# reporting:
#   cutoff_day: 14

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
    stale: str | None = None  # why its last fetch failed, when it is counted at the commit fetched before
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.valid and self.reason is None


def folder_of(config: Path) -> Path:
    return config.resolve().parent / FOLDER


def _cache_path(root: Path, member: RollupMember) -> Path:
    return root / MEMBERS / f"{member.name}.json"


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
    _cache_path(root, member).parent.mkdir(exist_ok=True)
    store.atomic_write(_cache_path(root, member), json.dumps(kept, ensure_ascii=False, sort_keys=True).encode())


def _data_dir(checkout: Path, member: RollupMember) -> Path:
    data = checkout / member.data
    if escapes(data, checkout):
        raise TrackerError(tr("thư mục dữ liệu dẫn ra ngoài kho", "the data folder leads out of the repository"))
    if not (data / store.DEPARTMENTS).is_file():
        raise TrackerError(tr(f"không có thư mục dữ liệu '{member.data}' (thiếu {store.DEPARTMENTS})",
                              f"no data folder '{member.data}' (no {store.DEPARTMENTS})"))  # fmt: skip
    return data


def _validated(data: str, lang: str) -> dict[str, Any]:
    """A member's data validated as `tracker validate` does (in a process of the pool):
    whether it is valid, its first problems and how many records it holds."""
    from tracker.ops import checks
    from tracker.ops.workspace import Workspace

    set_lang(lang)
    report = checks.validate(Workspace(Path(data)))
    return {"valid": not report.problems, "problems": [str(p) for p in report.problems[:20]],
            "problem_count": len(report.problems), "records": report.issues + report.plan_items}  # fmt: skip


def _check_all(root: Path, states: list[MemberState], processes: int | None) -> dict[str, dict[str, Any]]:
    """Each member's kept figures of its commit, validating first (in a pool of
    processes) those whose commit is new; a member not valid gets `state.reason`
    and is not in what is returned."""
    kept: dict[str, dict[str, Any] | None] = {}
    todo: list[tuple[MemberState, str]] = []
    for state in states:
        assert state.commit is not None
        kept[state.member.name] = _read_cache(root, state.member, state.commit)
        if kept[state.member.name] is not None:
            continue
        from tracker import __version__

        fresh = {"version": CACHE_VERSION, "tracker": __version__, "commit": state.commit, "data": state.member.data,
                 "as_of": {}}  # fmt: skip
        try:
            todo.append((state, str(_data_dir(root / state.member.name, state.member))))
        except TrackerError as exc:
            fresh |= _failed(exc)
            _read_now(root, state, fresh)
        kept[state.member.name] = fresh
    found = in_processes(_validated, [(data, get_lang()) for _, data in todo], processes)
    for (state, _), result in zip(todo, found, strict=True):
        whole = kept[state.member.name]
        assert whole is not None
        whole |= result if isinstance(result, dict) else _failed(result)
        _read_now(root, state, whole)
    out = {}
    for state in states:
        figures = kept[state.member.name]
        assert figures is not None
        state.records, state.valid = figures["records"], figures["valid"]
        if not state.valid:
            count = figures.get("problem_count", len(figures["problems"]))
            first = figures["problems"][0] if figures["problems"] else ""
            state.reason = tr(
                f"dữ liệu không hợp lệ ({count} vấn đề): {first}", f"invalid data ({count} problems): {first}"
            )
            continue
        out[state.member.name] = figures
    return out


def _failed(error: TrackerError) -> dict[str, Any]:
    return {"valid": False, "problems": [error.message], "records": 0}


def _read_now(root: Path, state: MemberState, kept: dict[str, Any]) -> None:
    """A member's YAML was read in this run: counted, and what it gave kept."""
    reads[state.member.name] = reads.get(state.member.name, 0) + 1
    state.read = True
    _write_cache(root, state.member, kept)


def _alone() -> None:
    """A process of the roll-up's pool reads and groups its member's issues itself (no pool of its own)."""
    from tracker.cache import parse
    from tracker.similarity import grouping

    parse.ONE_PROCESS = True
    grouping.PROCESSES = 1


def _caught(work: Callable[..., Any], job: tuple[Any, ...]) -> Any:
    """`work(*job)`, or the TrackerError it raised, as a plain TrackerError of its message
    (what crosses between processes is pickled: a subclass's own arguments may not be)."""
    try:
        return work(*job)
    except TrackerError as exc:
        return TrackerError(exc.message)


def in_processes(work: Callable[..., Any], jobs: list[tuple[Any, ...]], processes: int | None = None) -> list[Any]:
    """`work(*job)` of each job, in order, in a pool of `processes` processes (default:
    one a core); in this process when there is one job or one process. A TrackerError
    a job raises is its result (one member's failure is not the others')."""
    from tracker import processes as shared

    cores = shared.cores(min(processes or len(jobs), len(jobs)))
    if cores == 1:
        return [_caught(work, job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(cores, mp_context=shared.context(), initializer=_alone) as pool:
        return list(pool.map(_caught, [work] * len(jobs), jobs))


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


def fetch(config: Path, jobs: int = 4, progress: Callable[[MemberState], None] | None = None,
          processes: int | None = None) -> list[MemberState]:  # fmt: skip
    """Fetch every member (`jobs` at a time), then validate each whose commit is new
    (`processes` at a time, default one a core); one that cannot be fetched or is not
    valid says why, and the others go on."""
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
                state.reason = tr("không lấy được: ", "cannot fetch: ") + git_reason(str(exc))
    failed = {s.member.name for s in states if s.commit is None}  # git could not fetch it (not: its data is invalid)
    _check_all(root, [s for s in states if s.commit is not None], processes)
    for state in states:
        _remember(root, state, state.member.name in failed)
        if progress:
            progress(state)
    return states


def git_reason(text: str) -> str:
    """The line of git's message that says why (its first `fatal:` line, else its first
    line), its URLs' credentials and queries redacted: git ends with advice ("and the
    repository exists."), not the reason."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    fatal = [line for line in lines if line.lower().startswith("fatal:")]
    return redacted((fatal or lines or [text])[0])


def _remember(root: Path, state: MemberState, failed: bool) -> None:
    """What the last fetch of each member gave (.rollup/fetched.json), for `stats` to
    say which members' figures are older than their repository (`failed`: git could
    not fetch it)."""
    path = root / "fetched.json"
    try:
        known = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    known[state.member.name] = {"commit": state.commit, "reason": state.reason, "failed": failed}
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
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)  # province → its own grid, as `tracker stats`

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
                    "stale": s.stale if s.ok else None,
                }
                for s in self.members
            },
        }


def _counted(data: str, day: str, lang: str) -> dict[str, Any]:
    """A member's grid and overdue issues as of `day` (in a process of the pool);
    {"skipped": why} when a file of it cannot be read."""
    from tracker.ops import listing, reports
    from tracker.ops.workspace import Workspace

    set_lang(lang)
    as_of = date.fromisoformat(day)
    ws = Workspace(Path(data))
    grid = reports.stats(ws, as_of)
    overdue = [
        {"id": r.id, "commune": r.commune.name, "dept": r.dept, "title": r.title,
         "due": r.due.isoformat() if r.due else None, "days": rules.days_overdue(r.status, r.due, as_of)}
        for r in listing.list_issues(ws, Filter(overdue=True, as_of=as_of))
    ]  # fmt: skip
    if ws.skipped:
        return {"skipped": str(ws.skipped[0])}
    return {"stats": grid, "overdue": overdue}


def _members(rollup: Rollup, root: Path) -> tuple[list[MemberState], list[str]]:
    """Each member as last fetched (its checkout's commit; `stale` when its last fetch
    failed), and the warnings of those never fetched."""
    try:
        fetched = json.loads((root / "fetched.json").read_text("utf-8"))
    except (OSError, ValueError):
        fetched = {}
    states, warnings = [], []
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
            told = redacted(str((last or {}).get("reason") or ""))
            state.reason = told or tr("chưa lấy về: chạy `tracker rollup fetch`",
                                      "not fetched: run `tracker rollup fetch`")  # fmt: skip
            warnings.append(f"{member.name}: {state.reason}")
            continue
        if isinstance(last, dict) and last.get("failed") and last.get("reason"):
            state.stale = redacted(str(last["reason"]))
    return states, warnings


def _included(root: Path, states: list[MemberState], warnings: list[str],
              processes: int | None) -> dict[str, dict[str, Any]]:  # fmt: skip
    """The kept figures of each member that was fetched and is valid; each other named in
    `warnings` (left out, and why), and so is each counted at an older commit."""
    kept = _check_all(root, [s for s in states if s.commit is not None], processes)
    for state in states:
        name = state.member.name
        if state.commit is not None and name not in kept:
            warnings.append(f"{name}: {state.reason}")
        elif state.commit is not None and state.stale:
            warnings.append(tr(f"{name}: lần lấy về cuối không được ({state.stale}); số liệu của commit "
                               f"{state.commit[:12]}",
                               f"{name}: its last fetch failed ({state.stale}); figures of commit "
                               f"{state.commit[:12]}"))  # fmt: skip
    return kept


def cut_off(period: str, config: Path) -> date:
    """The day a roll-up's `--period` counts to: its cut-off (rollup.yaml's
    `reporting: {cutoff_day}`, the 14th unless it says otherwise, as the reporting
    regime counts), or today while it is not over."""
    return min(periods.parse(period, load(config).reporting.cutoff_day).end, today())


def national(config: Path, as_of: date, processes: int | None = None) -> National:
    """The roll-up of the members as last fetched, as of `as_of`: a member never
    fetched, or whose data is not valid, is left out and named. The members not
    counted for that day yet are counted in a pool of processes."""
    rollup = load(config)
    root = folder_of(config)
    states, warnings = _members(rollup, root)
    kept = _included(root, states, warnings, processes)
    day = as_of.isoformat()
    todo = [s for s in states if s.member.name in kept and day not in kept[s.member.name]["as_of"]]
    jobs = [(str(_data_dir(root / s.member.name, s.member)), day, get_lang()) for s in todo]
    for state, result in zip(todo, in_processes(_counted, jobs, processes), strict=True):
        if isinstance(result, TrackerError) or "skipped" in result:
            why = result.message if isinstance(result, TrackerError) else result["skipped"]
            state.reason = tr(f"có tệp không đọc được: {why}", f"a file cannot be read: {why}")
            del kept[state.member.name]
            warnings.append(f"{state.member.name}: {state.reason}")
            continue
        kept[state.member.name]["as_of"][day] = result
        _read_now(root, state, kept[state.member.name])
    grids: dict[str, dict[str, int]] = {}
    ages: dict[str, dict[str, int]] = {}
    province_grids: dict[str, dict[str, int]] = {}
    province_ages: dict[str, dict[str, int]] = {}
    overdue: dict[str, list[dict[str, Any]]] = {}
    for state in states:
        if state.member.name not in kept:
            continue
        member, figures = state.member, kept[state.member.name]["as_of"][day]
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
    own = {s.member.province: kept[s.member.name]["as_of"][day]["stats"] for s in states if s.member.name in kept}
    return National(as_of, states, provinces, departments, dict(rollup.ministries), overdue, warnings, own)


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


# ---------------------------------------------------------------- groups across provinces

CLUSTERS = "clusters.json"


@dataclass
class NationalGroup:
    """Issues of several provinces that are one obstacle: IDs as PROVINCE:ID."""

    title: str  # the title of the issue closest to what they all say
    ids: list[str]  # in the roll-up's order of provinces, then of communes, then by ID
    provinces: list[str]
    communes: int
    depts: list[str]  # the lead departments, most issues first
    linked: bool  # `same_as` links join them all (else similarity proposed some of them)

    @property
    def size(self) -> int:
        return len(self.ids)


@dataclass
class NationalGroups:
    """The groups of one obstacle across provinces, largest first, with the ministry
    that answers for each lead department."""

    as_of: date
    groups: list[NationalGroup]
    ministries: dict[str, str]
    min_provinces: int
    warnings: list[str] = field(default_factory=list)
    regrouped: bool = False  # worked out in this run (False: as kept for these commits)

    def as_json(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "min_provinces": self.min_provinces,
            "clusters": [
                {"title": g.title, "ids": g.ids, "provinces": g.provinces, "communes": g.communes, "depts": g.depts,
                 "ministries": {d: self.ministries.get(d) for d in g.depts}, "size": g.size, "linked": g.linked}
                for g in self.groups
            ],
        }  # fmt: skip


def _issues_of(data: str) -> dict[str, Any]:
    """What grouping needs of a member's issues, read through its own cache (in a
    process of the pool): their terms, titles, leads, communes, raised days, links."""
    from tracker import similarity
    from tracker.cache import groups as cache_groups
    from tracker.cache import queries
    from tracker.cache import similar as cache_similar
    from tracker.ops.workspace import Workspace

    index = Workspace(Path(data)).readable()
    keys, raw, fuzzy = cache_similar.grouping_input(index, similarity.active())
    communes = queries.communes(index)
    known, raised = cache_groups.issues(index), queries.raised(index)
    for f, issue in queries.unraised(index):  # from the day it was written down, as `stats --as-of` counts
        first = timeline.since(issue)
        raised[(f, issue.id)] = first.isoformat() if first else None
    return {
        "keys": keys, "raw": raw, "fuzzy": fuzzy,
        "issues": {f"{f}\x1f{i}": [t, d, raised.get((f, i))] for (f, i), (t, d, _) in known.items()},
        "communes": {f: c.name for f, c in communes.items()},
        "order": sorted(communes, key=lambda f: communes[f].order()),
        "links": [(f, i, o) for f, i, o, _ in queries.links(index)],
        "apart": [(f, i, o) for f, i, o, _ in queries.apart(index)],
    }  # fmt: skip


def _commits_key(included: list[MemberState]) -> str:
    from tracker import __version__, similarity

    told = [f"{s.member.name}\x1f{s.member.province}\x1f{s.commit}\x1f{s.member.data}" for s in included]
    return "\x1e".join([__version__, str(CACHE_VERSION), similarity.version(), *told])


def _grouped_across(root: Path, included: list[MemberState], processes: int | None) -> tuple[list[Any], bool]:
    """The groups of two provinces or more, as kept for the members' commits, or worked
    out now (and kept): each {"named", "members": [[province, commune, ID, title, dept,
    raised, file]], "linked"}; and whether they were worked out now."""
    key = _commits_key(included)
    path = root / CLUSTERS
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and kept.get("key") == key and isinstance(kept.get("groups"), list):
        return kept["groups"], False
    from tracker import similarity
    from tracker.cache import groups as cache_groups

    jobs = [(str(_data_dir(root / s.member.name, s.member)),) for s in included]
    parts = in_processes(_issues_of, jobs, processes)
    keys: list[tuple[str, str]] = []
    raw: list[similarity.Compact] = []
    fuzzy: list[str] = []
    links: list[tuple[str, str, str]] = []
    apart: list[tuple[str, str, str]] = []
    place: dict[str, int] = {}
    about: dict[tuple[str, str], list[Any]] = {}
    for state, part in zip(included, parts, strict=True):
        if isinstance(part, TrackerError):
            raise part
        p = state.member.province
        for f, i in part["keys"]:
            keys.append((f"{p}/{f}", f"{p}:{i}"))
        raw += part["raw"]
        fuzzy += part["fuzzy"]
        links += [(f"{p}/{f}", f"{p}:{i}", f"{p}:{o}") for f, i, o in part["links"]]
        apart += [(f"{p}/{f}", f"{p}:{i}", f"{p}:{o}") for f, i, o in part["apart"]]
        place.update((f"{p}/{f}", len(place) + n) for n, f in enumerate(part["order"]))
        for joined, (title, dept, raised) in part["issues"].items():
            f, i = joined.split("\x1f")
            about[(f"{p}/{f}", f"{p}:{i}")] = [p, part["communes"].get(f, f), f"{p}:{i}", title, dept, raised, f]
    config = similarity.active()
    model = similarity.Model(["/".join(k) for k in keys], raw, fuzzy, config)
    del raw
    clusters = model.clusters()
    named = model.named_all(clusters)
    found = [(keys[rep], [keys[n] for n in g]) for g, (rep, _, _) in zip(clusters, named, strict=True)]
    groups = []
    for group in cache_groups.grouped(sorted(keys), found, links, apart):
        if len({about[m][0] for m in group.members}) < 2:
            continue
        cache_groups.in_order(group, place)
        groups.append({"named": about[group.named_by][2], "linked": group.linked,
                       "members": [about[m] for m in group.members]})  # fmt: skip
    store.atomic_write(path, json.dumps({"key": key, "groups": groups}, ensure_ascii=False).encode())
    return groups, True


def clusters(config: Path, as_of: date, min_provinces: int = 2, dept: str | None = None,
             processes: int | None = None) -> NationalGroups:  # fmt: skip
    """The groups of one obstacle raised in `min_provinces` provinces or more (of the
    issues raised by `as_of`), largest first; with `dept`, those where it leads an
    issue. Members left out (never fetched, not valid) are named in the warnings."""
    from tracker.text import natural_key

    rollup = load(config)
    root = folder_of(config)
    states, warnings = _members(rollup, root)
    kept = _included(root, states, warnings, processes)
    included = [s for s in states if s.member.name in kept]
    stored, regrouped = _grouped_across(root, included, processes) if included else ([], False)
    rank = {m.province: n for n, m in enumerate(rollup.members)}
    day = as_of.isoformat()
    out = []
    for group in stored:
        # raised by then, by timeline.since (the day it was raised, else written down): `stats`'s rule
        members = [m for m in group["members"] if not m[5] or m[5] <= day]
        provinces = sorted({m[0] for m in members}, key=rank.__getitem__)
        if len(provinces) < max(min_provinces, 2):
            continue
        leads: dict[str, int] = {}
        for m in members:
            leads[m[4]] = leads.get(m[4], 0) + 1
        depts = sorted(leads, key=lambda d: (-leads[d], d))
        if dept is not None and dept.upper() not in leads:
            continue
        named = next((m[3] for m in members if m[2] == group["named"]), members[0][3])
        out.append(NationalGroup(named, [m[2] for m in members], provinces,
                                 len({(m[0], m[6]) for m in members}), depts, bool(group["linked"])))  # fmt: skip
    out.sort(key=lambda g: (-g.size, -len(g.provinces), -g.communes, natural_key(g.ids[0])))
    return NationalGroups(as_of, out, dict(rollup.ministries), min_provinces, warnings, regrouped)


# ---------------------------------------------------------------- the roll-up's site


@dataclass
class SiteBuilt:
    pages: int = 0
    written: int = 0  # pages whose bytes changed
    warnings: list[str] = field(default_factory=list)


def site(config: Path, out: Path, as_of: date, ctx: Context, processes: int | None = None) -> SiteBuilt:
    """The roll-up's static site in `out`: the national overview and a page a province
    (linking to the province's own site when rollup.yaml gives one); only pages whose
    bytes changed are written, and the page of a province no longer a member is removed
    (the pages a build made are kept in `SITE_MANIFEST`: no other file is). Every path is
    checked to stay in `out` before anything is written."""
    from tracker import confined
    from tracker.formats import rollup as shown

    rollup = load(config)
    store.refuse_inside(out, folder_of(config))  # never among the members' checkouts
    result = national(config, as_of, processes)
    groups = clusters(config, as_of, processes=processes)
    provinces = {}
    for state in result.members:
        member = state.member
        provinces[member.province] = {
            "name": member.name, "title": member.title, "site": member.site,
            "stats": result.stats.get(member.province),
            "reason": None if member.province in result.stats else state.reason or "",
            "overdue": result.overdue.get(member.province, []),
        }  # fmt: skip
    pages = shown.site_pages(result.as_json(), groups.as_json(), provinces, dict(rollup.ministries), ctx)
    made = {name for name, _ in pages}
    for name in [*(n for n, _ in pages), SITE_MANIFEST]:  # every path checked before a byte is written
        confined.inside(out, name)  # a name made from a province's code stays in the folder
    before = _made_before(out)
    out.mkdir(parents=True, exist_ok=True)
    built = SiteBuilt(len(pages), 0, [*result.warnings, *(w for w in groups.warnings if w not in result.warnings)])
    for name, text in pages:
        built.written += store.write_page(out, name, text)
    for name in sorted(before - made):  # a province no longer a member: only pages a build made
        confined.inside(out, name).unlink(missing_ok=True)
    store.write_page(out, SITE_MANIFEST, json.dumps({"version": 1, "pages": sorted(made)}, indent=1) + "\n")
    return built


SITE_MANIFEST = ".tracker-rollup-site.json"  # the pages the last build made, and only those it may remove
_PAGE = re.compile(r"province/[A-Za-z0-9][A-Za-z0-9_-]*\.html")


def _made_before(out: Path) -> set[str]:
    """The province pages the last build of `out` made, as its manifest names them.
    The manifest is not trusted: only names of province pages count, and a file
    nothing names (a user's own) is never removed."""
    try:
        kept = json.loads((out / SITE_MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    names = kept.get("pages") if isinstance(kept, dict) else None
    return {n for n in names if isinstance(n, str) and _PAGE.fullmatch(n)} if isinstance(names, list) else set()
