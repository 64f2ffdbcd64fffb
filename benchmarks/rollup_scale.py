"""A national roll-up at the size of issue #35: 34 members of 100 communes x 30 issues
(about 100,000 records), each a local git repository, against one repository of the
same size (3,400 communes x 30 issues), in the same run.

    python benchmarks/rollup_scale.py                  # 3 runs each; data under /tmp/tracker-bench/rollup
    python benchmarks/rollup_scale.py --runs 5 --members 34

Rows: the roll-up built from nothing (`rollup fetch` then `rollup stats`, no
checkout, no cache) against the single repository built from nothing (`git clone
--depth 1`, `validate`, `stats`, no cache): target <= 1.5x; the same build with the
members read one after another (as before they were read in a pool of processes);
and a warm `rollup stats` (target < 2 s). The data is generated once (benchmarks/generate.py, sizes P
and N) and kept in --work; nothing is written in the repository. Medians; timings
are noisy, so compare the ratio, which is measured in one run. `run.py --rollup`
prints these rows too.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import PY, TRACKER, Table, measured, verdict  # noqa: E402


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def repository(size: str, folder: Path, seed: str = "") -> Path:
    """A git repository whose data/ is generate.py's `size` (seeded by `seed`), made once."""
    if (folder / ".git").exists():
        return folder
    print(f"generating {size}{seed} into {folder} ...", file=sys.stderr)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    subprocess.run([PY, str(HERE / "generate.py"), size, str(folder / "data"), seed], check=True)
    git("init", "-q", "-b", "main", cwd=folder)
    git("add", "-A", cwd=folder)
    git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-qm", "data", cwd=folder)
    return folder


def prepare(work: Path, members: int) -> tuple[Path, Path]:
    """The roll-up's rollup.yaml over `members` generated provinces, and the single repository."""
    described = work / "national" / "rollup.yaml"
    lines = ["members:"]
    for k in range(1, members + 1):
        folder = repository("P", work / "members" / f"m{k:02d}", str(k))
        lines += [f"- name: m{k:02d}", f"  province: P{k:02d}", f"  url: '{folder}'", "  ref: main"]
    described.parent.mkdir(parents=True, exist_ok=True)
    described.write_text("\n".join(lines) + "\n", "utf-8")
    return described, repository("N", work / "single")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--members", type=int, default=34)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench" / "rollup")
    args = parser.parse_args()
    table = Table()
    rows(table, args.work, args.members, args.runs)
    table.print()
    print(f"\nmachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, runs={args.runs}")


def rows(table: Table, work: Path, members: int, runs: int) -> None:
    """The roll-up's rows, added to `table`."""
    described, single = prepare(work, members)
    cache = work / "cache"
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache), "TRACKER_LANG": "vi"}
    env.pop("TRACKER_NO_CACHE", None)
    clone = work / "single-clone"
    tracker = " ".join(TRACKER)
    size = f"{members}×100×30"

    def nothing() -> None:
        for folder in (cache, described.parent / ".rollup", clone):
            shutil.rmtree(folder, ignore_errors=True)

    one = ["sh", "-c", f"git clone -q --depth 1 file://{single} {clone} && {tracker} --data-dir {clone}/data validate "
                       f"&& {tracker} --data-dir {clone}/data stats"]  # fmt: skip
    alone, alone_mb = measured(one, env, runs, before=nothing, warm=False)
    table.add(size, "one repository from nothing: clone, validate, stats", alone, alone_mb, "baseline")
    built = ["sh", "-c", f"{tracker} rollup fetch --file {described} && {tracker} rollup stats --file {described}"]
    rolled, rolled_mb = measured(built, env, runs, before=nothing, warm=False)
    table.add(size, "roll-up from nothing: rollup fetch, rollup stats", rolled, rolled_mb,
              f"{rolled / alone:.2f}× one repository (≤ 1.5: {verdict(rolled <= 1.5 * alone)})")  # fmt: skip
    # Before the members were read in a pool of processes: one after another (each parsing
    # its files in a pool of its own, as one repository does).
    serial = (
        "import sys; from datetime import date; from pathlib import Path; from tracker.ops import rollup; "
        "c = Path(sys.argv[1]); rollup.fetch(c, processes=1); rollup.national(c, date.today(), processes=1)"
    )
    one_by_one, one_mb = measured([PY, "-c", serial, str(described)], env, runs, before=nothing, warm=False)
    table.add(size, "roll-up from nothing, members read one after another (before)", one_by_one, one_mb,
              f"{one_by_one / alone:.2f}× one repository; in processes: {rolled / one_by_one:.2f}× this")  # fmt: skip
    warm, warm_mb = measured([*TRACKER, "rollup", "stats", "--file", str(described)], env, runs)
    table.add(size, "rollup stats (warm)", warm, warm_mb, f"< 2 s: {verdict(warm < 2)}")
    # The groups across provinces: the first time works out every issue's terms in its
    # member's cache and groups them all (one run); then regrouping only (the kept
    # groups removed); then warm (kept for these commits).
    groups = described.parent / ".rollup" / "clusters.json"
    clusters = [*TRACKER, "rollup", "clusters", "--file", str(described), "--format", "json"]
    first, first_mb = measured(clusters, env, 1, before=lambda: groups.unlink(missing_ok=True), warm=False)
    table.add(size, "rollup clusters, first (terms and groups)", first, first_mb, "one run")
    again, again_mb = measured(clusters, env, runs, before=lambda: groups.unlink(missing_ok=True), warm=False)
    table.add(size, "rollup clusters, grouped again (terms kept)", again, again_mb)
    kept, kept_mb = measured(clusters, env, runs)
    table.add(size, "rollup clusters (warm: groups kept for the commits)", kept, kept_mb)


if __name__ == "__main__":
    main()
