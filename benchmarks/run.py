"""Time whole tracker commands in separate processes, against baselines measured in
the same run, and print a Markdown table of medians and ratios.

    python benchmarks/run.py                 # S and L, 5 runs each (L: 3 for cold runs)
    python benchmarks/run.py --sizes S --runs 9
    python benchmarks/run.py --taskwarrior   # add Taskwarrior (Debian's `taskwarrior`) as a peer

Data is generated once into --work (default: a folder in the system's temp dir)
by benchmarks/generate.py. Every command runs once as a warm-up, then --runs
times; the median is reported. Nothing here asserts a time: timings are noisy.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
TRACKER = [PY, "-m", "tracker"]


def timed(cmd: list[str], env: dict[str, str], runs: int, before: object = None, warm: bool = True) -> float:
    """Median wall time of `cmd`; `before()` runs ahead of each timing (e.g. to drop the cache)."""
    if warm:
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        start = time.perf_counter()
        result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.decode()[-500:]}")
    return statistics.median(times)


def peak_mb(cmd: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run, in MB (Linux: ru_maxrss is in KB)."""
    script = "import resource,subprocess,sys;subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL);" \
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"  # fmt: skip
    out = subprocess.run([PY, "-c", script, *cmd], env=env, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def ensure(size: str, work: Path) -> Path:
    target = work / f"data-{size}"
    if not (target / "departments.yaml").exists():
        print(f"generating {size} into {target} ...", file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([PY, str(HERE / "generate.py"), size, str(target)], check=True)
    return target


def taskwarrior(data: Path, work: Path, env: dict[str, str], runs: int) -> float | None:
    """`task project:NNMT list` on the same issues, imported once into its own data dir."""
    if not shutil.which("task"):
        return None
    taskdata = work / f"task-{data.name}"
    tenv = {**env, "TASKDATA": str(taskdata), "TASKRC": str(taskdata / "taskrc")}
    if not (taskdata / "done").exists():
        taskdata.mkdir(parents=True, exist_ok=True)
        (taskdata / "taskrc").write_text(f"data.location={taskdata}\nconfirmation=off\nverbose=nothing\n", "utf-8")
        rows = subprocess.run([*TRACKER, "--data-dir", str(data), "list", "--format", "json"], env=env,
                              capture_output=True, check=True).stdout  # fmt: skip
        tasks = [{"description": r["title"], "project": r["dept"], "status": "pending",
                  "entry": "20251001T000000Z", "tags": [r["commune"]]} for r in json.loads(rows)]  # fmt: skip
        subprocess.run(["task", "import"], input=json.dumps(tasks).encode(), env=tenv, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        (taskdata / "done").write_text("", "utf-8")
    return timed(["task", "project:NNMT", "list"], tenv, runs)


def cache_file(data: Path, cache: Path) -> Path:
    """The SQLite file tracker keeps for `data` in `cache` (after any tracker command)."""
    script = "import sys;from pathlib import Path;from tracker import cache;print(cache.location(Path(sys.argv[1])))"
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache)}
    return Path(subprocess.run([PY, "-c", script, str(data)], env=env, capture_output=True, text=True,
                               check=True).stdout.strip())  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="S,L")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench")
    parser.add_argument("--taskwarrior", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    cache = args.work / "cache"
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache), "TRACKER_LANG": "vi"}
    env.pop("TRACKER_NO_CACHE", None)
    # As installed: pip compiles bytecode, and Python keeps it for an editable install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(HERE.parent / "src" / "tracker")], check=False)

    def drop_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    rows: list[tuple[str, str, float, str]] = []
    py_pass = timed([PY, "-c", "pass"], env, args.runs)
    py_yaml = timed([PY, "-c", "import yaml"], env, args.runs)
    py_typer = timed([PY, "-c", "import typer"], env, args.runs)
    floor = timed([PY, str(HERE / "typer_floor.py"), "hello", "--dept", "NNMT"], env, args.runs)
    rows += [("-", "python -c pass", py_pass, ""), ("-", "python -c 'import yaml'", py_yaml, ""),
             ("-", "python -c 'import typer'", py_typer, ""),
             ("-", "smallest Typer command (typer_floor.py)", floor, "")]  # fmt: skip
    helped = timed([*TRACKER, "--help"], env, args.runs)
    rows.append(("-", "tracker --help", helped, f"{helped / py_typer:.2f}× import typer (target ≤ 2)"))
    edits: dict[str, tuple[float, float]] = {}
    for size in args.sizes.split(","):
        data = ensure(size, args.work)
        runs = args.runs
        cold_runs = args.cold_runs
        base = [*TRACKER, "--data-dir", str(data)]
        raw = timed([PY, str(HERE / "rawparse.py"), str(data)], env, cold_runs)
        rows.append((size, "raw parse (PyYAML CSafeLoader)", raw, "1.00"))
        rows.append((size, "smallest Typer command, as a share of it", floor, f"{floor / raw:.3f}× raw"))
        for name, cmd in (("list --dept NNMT", ["list", "--dept", "NNMT"]),
                          ("validate", ["validate"])):  # fmt: skip
            cold = timed([*base, *cmd], env, cold_runs, before=drop_cache, warm=False)
            rows.append((size, f"{name} (cold)", cold, f"{cold / raw:.2f}× raw (target ≤ 1.2)"))
        warm_targets = {"S": 0.15, "L": 0.04}
        for name, cmd in (("list --dept NNMT", ["list", "--dept", "NNMT"]),
                          ("report --dept NNMT", ["report", "--dept", "NNMT"]),
                          ("validate", ["validate"])):  # fmt: skip
            warm = timed([*base, *cmd], env, runs)
            target = {"S": None, "L": 0.05}.get(size) if name == "validate" else warm_targets.get(size)
            note = f"{warm / raw:.3f}× raw" + (f" (target ≤ {target})" if target else "")
            rows.append((size, f"{name} (warm)", warm, note))
        lean = [PY, str(HERE / "lean_list.py"), str(cache_file(data, cache)), str(data)]
        rows.append((size, "lean read path, no Typer or Pydantic (lean_list.py)", timed(lean, env, runs), "reference"))
        scratch = args.work / f"scratch-{size}"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(data, scratch)
        sbase = [*TRACKER, "--data-dir", str(scratch)]
        subprocess.run([*sbase, "validate"], env=env, stdout=subprocess.DEVNULL, check=False)
        first = sorted((scratch / "communes").glob("*.yaml"))[0]
        code = next(line.split("'")[1] for line in first.read_text("utf-8").splitlines() if "  code:" in line)
        prefix = next(
            line.split(":")[1].strip() for line in first.read_text("utf-8").splitlines() if "  prefix:" in line
        )
        add = timed([*sbase, "add-issue", "--commune", code, "--dept", "NNMT", "--title", "Thử nghiệm"], env, runs)
        upd = timed([*sbase, "update", f"{prefix}-1", "--note", "Thử nghiệm"], env, runs)
        edits[size] = (add, upd)
        rows += [(size, "add-issue", add, ""), (size, "update", upd, "")]
        if size == "L" or size == args.sizes.split(",")[-1]:
            mb = peak_mb([*base, "report", "--dept", "NNMT"], env)
            rows.append((size, "report --dept NNMT (warm), peak memory", mb, "MB (target < 400 on L)"))
        if args.taskwarrior:
            peer = taskwarrior(data, args.work, env, runs)
            if peer is not None:
                rows.append((size, "Taskwarrior: task project:NNMT list", peer, "peer"))
    if "S" in edits and "L" in edits:
        for i, name in enumerate(("add-issue", "update")):
            ratio = edits["L"][i] / edits["S"][i]
            rows.append(("L/S", name, ratio, "ratio L÷S (target ≤ 1.2)"))
    print("| size | command | median (s) | ratio |")
    print("|---|---|--:|---|")
    for size, name, value, note in rows:
        print(f"| {size} | {name} | {value:.3f} | {note} |")
    print(
        f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"runs={args.runs}, cold runs={args.cold_runs}"
    )


if __name__ == "__main__":
    main()
