"""Time whole tracker commands in separate processes, against baselines measured in
the same run, and print a Markdown table of medians, peak memory and ratios, each
row with the target it is held to (issue #18: the floor is the smallest Typer
command; the peer is Taskwarrior).

    python benchmarks/run.py                 # S and L, 5 runs each (cold: 3, national exports: 3)
    python benchmarks/run.py --sizes S --runs 9
    python benchmarks/run.py --taskwarrior   # add Taskwarrior (Debian's `taskwarrior`) as a peer
    python benchmarks/run.py --sizes S --rollup   # add the national roll-up's rows (rollup_scale.py)

Data is generated once into --work (default: a folder in the system's temp dir)
by benchmarks/generate.py. Every command runs once as a warm-up, then --runs
times; the median is reported, with the largest peak resident memory of those runs
(Linux: the child's own ru_maxrss). The national rows (exports of every record,
the Word and HTML reports, the whole-country report, search) run on the last size
given. Nothing here asserts a time: timings are noisy; compare within one run.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
TRACKER = [PY, "-m", "tracker"]


def once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and peak memory (MB) of one run of `cmd`; a failing run stops the bench."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode(errors='replace')[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def measured(cmd: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None,
             warm: bool = True) -> tuple[float, float]:  # fmt: skip
    """Median wall time and largest peak memory of `runs` runs (after a warm-up run
    unless `warm` is false); `before()` runs ahead of each (e.g. to drop the cache)."""
    if warm:
        once(cmd, env)
    results = []
    for _ in range(runs):
        if before is not None:
            before()
        results.append(once(cmd, env))
    return statistics.median(t for t, _ in results), max(mb for _, mb in results)


def each(cmd: Callable[[int], list[str]], env: dict[str, str], runs: int,
         before: Callable[[int], None] | None = None) -> tuple[float, float]:  # fmt: skip
    """Median wall time and largest peak memory of `runs` runs of a command that may
    differ from run to run (`cmd(n)`), each after `before(n)` (untimed); no warm-up."""
    results = []
    for n in range(runs):
        if before is not None:
            before(n)
        results.append(once(cmd(n), env))
    return statistics.median(t for t, _ in results), max(mb for _, mb in results)


def timed(cmd: list[str], env: dict[str, str], runs: int, before: Callable[[], None] | None = None,
          warm: bool = True) -> float:  # fmt: skip
    return measured(cmd, env, runs, before, warm)[0]


def peak_mb(cmd: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run, in MB."""
    return once(cmd, env)[1]


def ensure(size: str, work: Path) -> Path:
    target = work / f"data-{size}"
    if not (target / "departments.yaml").exists():
        print(f"generating {size} into {target} ...", file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([PY, str(HERE / "generate.py"), size, str(target)], check=True)
    return target


# Whole records go from one child to the next through files, never through the runner:
# a child's peak memory (ru_maxrss) counts what the runner had held at its largest, so
# 100,000 records decoded here once made every later row of L say 868 MB.
TASKS = """import json, sys
rows = json.load(sys.stdin)
json.dump([{"description": r["title"], "project": r["dept"], "status": "pending", "entry": "20251001T000000Z",
            "tags": [r["commune"]]} for r in rows], sys.stdout)
"""
DATED = """import json, sys
print("\\n".join(r["id"] for r in json.load(sys.stdin) if r.get("due")))
"""

# The form filled as a department would, with openpyxl (in a child, as above).
FILL = """import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
row = 6 + 10 * int(sys.argv[3])  # the first rows' new status and note, one row a run
book.worksheets[0].cell(row, 6, "Đang xử lý")
book.worksheets[0].cell(row, 13, "Đã làm việc với xã")
book.save(sys.argv[2])
"""


def piped(cmd: list[str], env: dict[str, str], source: Path | None, target: Path | None) -> bytes:
    """Run `cmd` with stdin from `source` and stdout to `target` (else returned: keep it small)."""
    with source.open("rb") if source else open(os.devnull, "rb") as inp:
        if target is None:
            return subprocess.run(cmd, env=env, stdin=inp, capture_output=True, check=True).stdout
        with target.open("wb") as out:
            subprocess.run(cmd, env=env, stdin=inp, stdout=out, stderr=subprocess.DEVNULL, check=True)
    return b""


def taskwarrior(data: Path, work: Path, env: dict[str, str], runs: int) -> float | None:
    """`task project:NNMT list` on the same issues, imported once into its own data dir."""
    if not shutil.which("task"):
        return None
    taskdata = work / f"task-{data.name}"
    tenv = {**env, "TASKDATA": str(taskdata), "TASKRC": str(taskdata / "taskrc")}
    if not (taskdata / "done").exists():
        taskdata.mkdir(parents=True, exist_ok=True)
        (taskdata / "taskrc").write_text(f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\n", "utf-8")
        rows, tasks = taskdata / "rows.json", taskdata / "tasks.json"
        piped([*TRACKER, "--data-dir", str(data), "list", "--format", "json"], env, None, rows)
        piped([PY, "-c", TASKS], env, rows, tasks)
        piped(["task", "import"], tenv, tasks, None)
        rows.unlink()
        tasks.unlink()
        (taskdata / "done").write_text("", "utf-8")
    return timed(["task", "project:NNMT", "list"], tenv, runs)


def cache_file(data: Path, cache: Path) -> Path:
    """The SQLite file tracker keeps for `data` in `cache` (after any tracker command)."""
    script = "import sys;from pathlib import Path;from tracker import cache;print(cache.location(Path(sys.argv[1])))"
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache)}
    return Path(subprocess.run([PY, "-c", script, str(data)], env=env, capture_output=True, text=True,
                               check=True).stdout.strip())  # fmt: skip


class Table:
    """The rows printed at the end: size, what, median seconds, peak MB, note."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float, float | None, str]] = []

    def add(self, size: str, name: str, seconds: float, mb: float | None = None, note: str = "") -> None:
        self.rows.append((size, name, seconds, mb, note))
        print(f"{size} | {name} | {seconds:.3f} | {'' if mb is None else f'{mb:.0f}'} | {note}", file=sys.stderr,
              flush=True)  # fmt: skip

    def print(self) -> None:
        print("| size | command | median (s) | peak MB | ratio, target |")
        print("|---|---|--:|--:|---|")
        for size, name, seconds, mb, note in self.rows:
            print(f"| {size} | {name} | {seconds:.3f} | {'' if mb is None else f'{mb:.0f}'} | {note} |")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def national(table: Table, size: str, base: list[str], env: dict[str, str], cache: Path, data: Path,
             runs: int, heavy: int, out: Path) -> None:  # fmt: skip
    """Issue #18's rows at national size: the reports, search, and every record written out."""
    as_of = "2026-12-04"
    whole, whole_mb = measured([*base, "report"], env, runs)
    table.add(size, "report, every department (warm)", whole, whole_mb, f"≤ 2 s: {verdict(whole <= 2)}")
    for term in ("Chậm sửa chữa trường học", "không có ở đâu"):
        found, found_mb = measured([*base, "list", "--search", term, "--format", "json"], env, runs)
        table.add(size, f"list --search '{term}' --format json (warm)", found, found_mb,
                  f"≤ 0.5 s: {verdict(found <= 0.5)}")  # fmt: skip
    for fmt, limit in (("docx", 250), ("html", 150)):
        seconds, mb = measured([*base, "report", "--dept", "NNMT", "--format", fmt, "-o", str(out / f"r.{fmt}")],
                               env, runs)  # fmt: skip
        table.add(size, f"report --dept NNMT --format {fmt}", seconds, mb, f"< {limit} MB: {verdict(mb < limit)}")
    db = str(cache_file(data, cache))
    floors = {}
    for kind, extra in (("json", []), ("csv", ["--csv"])):
        floors[kind], mb = measured([PY, str(HERE / "stream_floor.py"), db, as_of, *extra], env, heavy)
        table.add(size, f"minimal script writing every record as {kind.upper()} (stream_floor.py)", floors[kind], mb,
                  "baseline")  # fmt: skip
    for name, cmd in (("list --format json", ["list", "--format", "json"]),
                      ("list --format csv", ["list", "--format", "csv"]),
                      ("export --format csv", ["export", "--format", "csv", "-o", str(out / "e.csv")]),
                      ("export --format json", ["export", "--format", "json", "-o", str(out / "e.json")])):  # fmt: skip
        seconds, mb = measured([*base, *cmd, "--as-of", as_of], env, heavy)
        floor = floors["csv" if "csv" in name else "json"]
        table.add(size, f"{name}, every record", seconds, mb,
                  f"{seconds / floor:.2f}× the script (≤ 1.5: {verdict(seconds <= 1.5 * floor)}); "
                  f"< 200 MB: {verdict(mb < 200)}")  # fmt: skip
    xfloor, xfloor_mb = measured([PY, str(HERE / "xlsx_floor.py"), db, str(out / "f.xlsx")], env, heavy)
    table.add(size, "minimal script writing the workbook (xlsx_floor.py)", xfloor, xfloor_mb, "baseline")
    seconds, mb = measured([*base, "export", "--format", "xlsx", "-o", str(out / "e.xlsx")], env, heavy)
    table.add(size, "export --format xlsx, every record", seconds, mb,
              f"{seconds / xfloor:.2f}× the script (≤ 1.5: {verdict(seconds <= 1.5 * xfloor)}); "
              f"< 200 MB: {verdict(mb < 200)}")  # fmt: skip


# Issue #34: what one edit costs the next command, a fresh clone's first report, and this round's commands.
TITLES = ["Chậm giải ngân vốn đầu tư công", "Thiếu giáo viên", "Trạm y tế xuống cấp", "Vướng mắc về quy hoạch chung xã",
          "Khó khăn trong phòng chống dịch bệnh gia súc", "Chưa bố trí kinh phí đo đạc chỉnh lý",
          "Thiếu công chức chuyên môn lĩnh vực đất đai", "Chậm sửa chữa trường học"]  # fmt: skip
AGREE = """import json, sys
from pathlib import Path
from tracker import cache, similarity
from tracker.cache import similar
from tracker.ops.workspace import Workspace
ws = Workspace(Path(sys.argv[1]))
index = cache.Index(ws.data, ws.registry())
index.refresh()
kept = similar.clusters(index)
full = similar._all_grouped(index, similarity.active())
def pairs(found):  # how many pairs of issues share a cluster (not listed: millions)
    return sum(len(members) * (len(members) - 1) // 2 for _, members in found)
theirs = {m: n for n, (_, members) in enumerate(full) for m in members}
both = {}
for n, (_, members) in enumerate(kept):
    for m in members:
        if m in theirs:
            both[n, theirs[m]] = both.get((n, theirs[m]), 0) + 1
shared = sum(k * (k - 1) // 2 for k in both.values())
print(json.dumps({"same": kept == full, "kept": pairs(kept), "full": pairs(full), "both": shared}))
"""


def copy_of(data: Path, scratch: Path) -> Path:
    """A fresh copy of the data, for commands that write."""
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(data, scratch)
    return scratch


def communes_of(data: Path, count: int) -> list[tuple[str, str]]:
    """(code, prefix) of the first `count` commune files."""
    out = []
    for path in sorted((data / "communes").glob("*.yaml"))[:count]:
        lines = path.read_text("utf-8").splitlines()[:12]
        code = next(line.split("'")[1] for line in lines if "  code:" in line)
        prefix = next(line.split(":")[1].strip() for line in lines if "  prefix:" in line)
        out.append((code, prefix))
    return out


def fresh(table: Table, size: str, base: list[str], env: dict[str, str], runs: int, drop: Callable[[], None],
          first_list: tuple[float, float] | None) -> None:  # fmt: skip
    """After a fresh clone (no cache): the first report against the first list (the cache build)."""
    listed, listed_mb = first_list or measured([*base, "list", "--dept", "NNMT"], env, runs, before=drop, warm=False)
    if first_list is None:
        table.add(size, "list --dept NNMT (cold)", listed, listed_mb)
    report, mb = measured([*base, "report", "--dept", "NNMT"], env, runs, before=drop, warm=False)
    table.add(size, "report --dept NNMT, first after a fresh clone (cold)", report, mb,
              f"{report / listed:.2f}× the first list (≤ 1.5: {verdict(report <= 1.5 * listed)}); "
              f"< 400 MB: {verdict(mb < 400)}")  # fmt: skip


def grouping(table: Table, size: str, data: Path, work: Path, env: dict[str, str], runs: int) -> Path:
    """One add-issue, title update, link or import of 30 rows, then the next report,
    clusters and similar against their warm times; returns the scratch copy used."""
    scratch = copy_of(data, work / f"groups-{size}")
    base = [*TRACKER, "--data-dir", str(scratch)]
    places = communes_of(scratch, 120)
    probe = f"{places[-1][1]}-2"
    commands = {"report --dept NNMT": ["report", "--dept", "NNMT"],
                "clusters --dept NNMT": ["clusters", "--dept", "NNMT"],
                f"similar {probe}": ["similar", probe]}  # fmt: skip
    warm: dict[str, float] = {}
    for name, cmd in commands.items():
        warm[name], mb = measured([*base, *cmd], env, runs)
        table.add(size, f"{name} (warm, kept groups)", warm[name], mb)
    count = iter(range(10**6))
    sheets = work / f"sheets-{size}"
    sheets.mkdir(exist_ok=True)

    def add() -> list[list[str]]:
        k = next(count)
        code = places[k % 40][0]
        return [["add-issue", "--commune", code, "--dept", "NNMT", "--title", f"{TITLES[k % 8]} thôn {k}"]]

    def title() -> list[list[str]]:
        k = next(count)
        return [["update", f"{places[k % 40][1]}-3", "--title", f"{TITLES[(k + 3) % 8]} ở xóm {k}"]]

    def link() -> list[list[str]]:
        k = next(count)
        return [["link", f"{places[40 + k % 40][1]}-4", f"{places[40 + (k + 7) % 40][1]}-{5 + k % 20}"]]

    def sheet() -> list[list[str]]:
        k = next(count)
        path = sheets / f"xa-{k}.csv"
        rows = [f"{TITLES[(k + r) % 8]} tại thôn {k}-{r},NNMT,Đề nghị Sở hướng dẫn đợt {k}" for r in range(30)]
        path.write_text("title,dept,description\n" + "\n".join(rows) + "\n", "utf-8")
        return [["import", str(path), "--commune", places[80 + k % 40][0], "--by", "Tổ thư ký"]]

    for edit_name, edit in (("add-issue", add), ("update --title", title), ("link", link),
                            ("import of a sheet of 30 rows", sheet)):  # fmt: skip
        for name, cmd in commands.items():

            def before(_: int, edit: Callable[[], list[list[str]]] = edit) -> None:
                for step in edit():
                    once([*base, *step], env)

            seconds, mb = each(lambda _, cmd=cmd: [*base, *cmd], env, runs, before)  # type: ignore[misc]
            ratio = seconds / warm[name]
            table.add(size, f"{name}, first after one {edit_name}", seconds, mb,
                      f"{ratio:.2f}× warm (≤ 2: {verdict(ratio <= 2)})")  # fmt: skip
    agree = json.loads(subprocess.run([PY, "-c", AGREE, str(scratch)], env=env, capture_output=True, text=True,
                                      check=True).stdout)  # fmt: skip
    note = ("equal" if agree["same"] else
            f"pairs kept {agree['kept']:,}, full {agree['full']:,}, both {agree['both']:,} "
            f"({agree['both'] / max(agree['full'], 1):.3f} of the full's)")  # fmt: skip
    table.add(size, "groups after those edits against a full regrouping", 0.0, note=note)
    return scratch


def commands3(table: Table, size: str, scratch: Path, env: dict[str, str], runs: int, out: Path) -> None:
    """This round's commands that only read: stats --period against stats, the periodic report; form."""
    base = [*TRACKER, "--data-dir", str(scratch)]
    stats, mb = measured([*base, "stats"], env, runs)
    table.add(size, "stats", stats, mb)
    period, mb = measured([*base, "stats", "--period", "2025-Q4"], env, runs)
    table.add(size, "stats --period 2025-Q4", period, mb,
              f"{period / stats:.2f}× stats (≤ 2: {verdict(period <= 2 * stats)})")  # fmt: skip
    # The periodic report itself: no target, but it once rolled every record back (700 MB at L).
    report, mb = measured([*base, "report", "--dept", "NNMT", "--period", "2025-Q4"], env, runs)
    table.add(size, "report --dept NNMT --period 2025-Q4", report, mb, f"{report / period:.2f}× stats --period")
    form, mb = measured([*base, "form", "--dept", "NNMT", "-o", str(out / "phieu.xlsx")], env, runs)
    table.add(size, "form --dept NNMT", form, mb, f"≤ 2 s: {verdict(form <= 2)}")


def answers3(table: Table, size: str, scratch: Path, env: dict[str, str], runs: int, out: Path) -> None:
    """This round's answers: extend and import of a returned form against update; remind against the report."""
    base = [*TRACKER, "--data-dir", str(scratch)]
    listed = out / "open.json"
    piped([*base, "list", "--status", "open", "--format", "json"], env, None, listed)
    # an issue finished takes no new deadline, nor does one without a deadline move
    still_open = piped([PY, "-c", DATED], env, listed, None).decode().split()
    upd, mb = each(lambda n: [*base, "update", still_open[2 * n], "--note", "Thử nghiệm"], env, runs + 1)
    table.add(size, "update --note", upd, mb)
    ext, mb = each(lambda n: [*base, "extend", still_open[2 * n + 1], "--to", "31/03/2027", "--reason", "Chờ Bộ",
                              "--doc", f"Số {n}/SNNMT"], env, runs + 1)  # fmt: skip
    table.add(size, "extend (a request)", ext, mb, f"{ext / upd:.2f}× update (≤ 1.5: {verdict(ext <= 1.5 * upd)})")

    def fill(n: int) -> None:
        once([*base, "form", "--dept", "NNMT", "-o", str(out / "phieu.xlsx")], env)
        piped([PY, "-c", FILL, str(out / "phieu.xlsx"), str(out / "tra-loi.xlsx"), str(n)], env, None, None)

    imp, mb = each(lambda _: [*base, "import", str(out / "tra-loi.xlsx")], env, runs + 1, fill)
    table.add(size, "import of a returned form (one row answered)", imp, mb,
              f"{imp / upd:.2f}× update (≤ 1.5: {verdict(imp <= 1.5 * upd)})")  # fmt: skip
    report, mb = measured([*base, "report", "--dept", "NNMT"], env, runs)
    table.add(size, "report --dept NNMT (warm, same data as remind)", report, mb)
    remind, mb = measured([*base, "remind", "--format", "json"], env, runs)
    table.add(size, "remind --format json, every digest", remind, mb,
              f"{remind / report:.2f}× the report (≤ 2: {verdict(remind <= 2 * report)})")  # fmt: skip


PARTS = ("reads", "fresh", "edits", "report", "groups", "round3", "answers", "national")


def reads(table: Table, size: str, data: Path, base: list[str], env: dict[str, str], cache: Path, floor: float,
          runs: int) -> None:  # fmt: skip
    """Issue #18's targets in a province: warm reads within a few hundredths of the floor."""
    plus = {"list --dept NNMT": 0.04, "list --dept NNMT --format json": 0.04}
    for name in ("list --dept NNMT", "list --dept NNMT --format json", "validate"):
        warm, mb = measured([*base, *name.split()], env, runs)
        note = f"floor + {warm - floor:.3f} s"
        if size == "S" and name in plus:
            note += f" (≤ + {plus[name]}: {verdict(warm - floor <= plus[name])})"
        table.add(size, f"{name} (warm)", warm, mb, note)
    lean = [PY, str(HERE / "lean_list.py"), str(cache_file(data, cache)), str(data)]
    table.add(size, "lean read path, no Typer or Pydantic (lean_list.py)", timed(lean, env, runs),
              note="reference, not product code")  # fmt: skip


def edited(table: Table, size: str, work: Path, env: dict[str, str], runs: int) -> tuple[float, float]:
    """add-issue and update, on a copy of the data."""
    data = work / f"data-{size}"
    scratch = copy_of(data, work / f"scratch-{size}")
    sbase = [*TRACKER, "--data-dir", str(scratch)]
    once([*sbase, "validate"], env)
    ((code, prefix),) = communes_of(scratch, 1)
    add = timed([*sbase, "add-issue", "--commune", code, "--dept", "NNMT", "--title", "Thử nghiệm"], env, runs)
    upd = timed([*sbase, "update", f"{prefix}-1", "--note", "Thử nghiệm"], env, runs)
    table.add(size, "add-issue", add)
    table.add(size, "update", upd)
    return add, upd


def warm_report(table: Table, size: str, data: Path, base: list[str], env: dict[str, str], floor: float,
                args: argparse.Namespace) -> None:  # fmt: skip
    """The department's report, warm, against the floor and Taskwarrior."""
    peer = taskwarrior(data, args.work, env, args.runs) if args.taskwarrior else None
    report, mb = measured([*base, "report", "--dept", "NNMT"], env, args.runs)
    note = f"floor + {report - floor:.3f} s"
    if size == "S":
        note += f" (≤ + 0.08: {verdict(report - floor <= 0.08)})"
    if peer is not None:
        note += f"; {report / peer:.2f}× Taskwarrior" + (f" (≤ 0.5: {verdict(report <= 0.5 * peer)})"
                                                        if size == "L" else "")  # fmt: skip
    table.add(size, "report --dept NNMT (warm)", report, mb, note)
    if peer is not None:
        table.add(size, "Taskwarrior: task project:NNMT list", peer, note="peer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="S,L")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--heavy-runs", type=int, default=3, help="runs of the exports of every record")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench")
    parser.add_argument("--taskwarrior", action="store_true")
    parser.add_argument("--rollup", action="store_true", help="the roll-up of 34 members (benchmarks/rollup_scale.py)")
    parser.add_argument("--only", default=",".join(PARTS),
                        help=f"the parts to run, of {','.join(PARTS)} (the start-up rows always run)")  # fmt: skip
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if parts - set(PARTS):
        parser.error(f"--only: not a part: {', '.join(sorted(parts - set(PARTS)))}")
    args.work.mkdir(parents=True, exist_ok=True)
    cache = args.work / "cache"
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache), "TRACKER_LANG": "vi"}
    env.pop("TRACKER_NO_CACHE", None)
    # As installed: pip compiles bytecode, and Python keeps it for an editable install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # As a terminal runs it: output buffered (a sandbox or CI may set this; a user's shell does not).
    env.pop("PYTHONUNBUFFERED", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src" / "tracker")], check=False)

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    table = Table()
    py_pass = timed([PY, "-c", "pass"], env, args.runs)
    py_typer = timed([PY, "-c", "import typer"], env, args.runs)
    # Every warm read of S is held to the floor: a median of three once came out 0.211 s where
    # 21 runs in turn with the reads gave 0.154 s, and every row against it said "met".
    floor = timed([PY, str(HERE / "typer_floor.py"), "hello", "--dept", "NNMT"], env, max(args.runs, 15))
    table.add("-", "python -c pass", py_pass)
    table.add("-", "python -c 'import typer'", py_typer)
    table.add("-", "smallest Typer command (typer_floor.py): the floor", floor)
    helped = timed([*TRACKER, "--help"], env, args.runs)
    table.add("-", "tracker --help", helped, note=f"{helped / py_typer:.2f}× import typer")
    sizes = args.sizes.split(",")
    edits: dict[str, tuple[float, float]] = {}
    for size in sizes:
        data = ensure(size, args.work)
        base = [*TRACKER, "--data-dir", str(data)]
        first_list = None
        if "reads" in parts:
            raw = timed([PY, str(HERE / "rawparse.py"), str(data)], env, args.cold_runs)
            table.add(size, "raw parse (PyYAML CSafeLoader)", raw, note="1.00")
            for name, cmd in (("list --dept NNMT", ["list", "--dept", "NNMT"]), ("validate", ["validate"])):
                cold, mb = measured([*base, *cmd], env, args.cold_runs, before=drop_cache, warm=False)
                first_list = first_list or (cold, mb)
                table.add(size, f"{name} (cold)", cold, mb,
                          f"{cold / raw:.2f}× raw (≤ 1.2: {verdict(cold <= 1.2 * raw)})")  # fmt: skip
        if "fresh" in parts:
            fresh(table, size, base, env, args.cold_runs, drop_cache, first_list)
        if "reads" in parts:
            reads(table, size, data, base, env, cache, floor, args.runs)
        if "edits" in parts:
            edits[size] = edited(table, size, args.work, env, args.runs)
        if "report" in parts:
            warm_report(table, size, data, base, env, floor, args)
        scratch = grouping(table, size, data, args.work, env, args.cold_runs) if "groups" in parts else None
        if "round3" in parts or "answers" in parts:
            scratch = scratch or copy_of(data, args.work / f"groups-{size}")
        if "round3" in parts:
            with tempfile.TemporaryDirectory() as out:
                commands3(table, size, scratch, env, args.runs, Path(out))
        if "answers" in parts:
            with tempfile.TemporaryDirectory() as out:
                answers3(table, size, scratch, env, args.runs, Path(out))
        if size == sizes[-1] and "national" in parts:
            with tempfile.TemporaryDirectory() as out:
                national(table, size, base, env, cache, data, args.runs, args.heavy_runs, Path(out))
    if args.rollup:
        import rollup_scale

        rollup_scale.rows(table, args.work / "rollup", 34, args.heavy_runs)
    if "S" in edits and "L" in edits:
        for i, name in enumerate(("add-issue", "update")):
            table.add("L/S", name, edits["L"][i] / edits["S"][i], note="ratio L÷S")
    table.print()
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, runs={args.runs}, "
          f"cold runs={args.cold_runs}, heavy runs={args.heavy_runs}")  # fmt: skip


if __name__ == "__main__":
    main()
