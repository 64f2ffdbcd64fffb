"""Time and peak memory of `tracker site` at a size: a full build from a warm cache,
and rebuilds (the median of three) with nothing changed, after a note on one issue,
and after the status of an overdue issue changes.

    python benchmarks/site_scale.py            # L: 3,321 communes × 30 issues
    python benchmarks/site_scale.py --size S

Data comes from benchmarks/generate.py (as run.py makes it); the edit is made on a
copy. Prints a Markdown table; nothing here asserts a time.
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
RUNS = 3  # each rebuild: the median of three, after an edit each
sys.path.insert(0, str(HERE))
from run import TRACKER, ensure, peak_mb  # noqa: E402


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak MB of one run."""
    start = time.perf_counter()
    mb = peak_mb(cmd, env)
    return time.perf_counter() - start, mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="L")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tracker-bench")
    args = parser.parse_args()
    source = ensure(args.size, args.work)
    data = args.work / f"site-data-{args.size}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(source, data)
    env = {**os.environ, "TRACKER_CACHE_DIR": str(args.work / "site-cache"), "TRACKER_LANG": "vi"}
    base = [*TRACKER, "--data-dir", str(data)]
    out = args.work / f"site-{args.size}"
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([*base, "report", "--dept", "NNMT"], env=env, stdout=subprocess.DEVNULL, check=True)  # warm
    site = [*base, "site", "--output", str(out)]  # as of today: an edit today is in the figures
    rows = [("full build, warm cache", *timed(site, env))]
    first = sorted((data / "communes").glob("*.yaml"))[0].stem
    listed = subprocess.run([*base, "list", "--commune", first, "--overdue", "--format", "json"], env=env,
                            capture_output=True, check=True)  # fmt: skip
    late = json.loads(listed.stdout)[0]  # an overdue issue: its departments' pages, the overview, the overdue list
    two = ["escalated", "in_progress"] if late["status"] != "escalated" else ["in_progress", "escalated"]
    edits: list[tuple[str, list[list[str]]]] = [
        ("rebuild, nothing changed", [[] for _ in range(RUNS)]),
        ("rebuild after a note on one issue", [["update", late["id"], "--note", f"Thử {n}"] for n in range(RUNS)]),
        ("rebuild after one status change", [["update", late["id"], "--status", two[n % 2]] for n in range(RUNS)]),
    ]
    for name, steps in edits:
        runs = []
        for step in steps:
            if step:
                subprocess.run([*base, *step], env=env, check=True, capture_output=True)
            runs.append(timed(site, env))
        rows.append((name, statistics.median(t for t, _ in runs), max(mb for _, mb in runs)))
    pages = sum(1 for p in out.rglob("*.html"))
    print(f"| {args.size} ({pages:,} pages) | seconds | peak MB |")
    print("|---|--:|--:|")
    for name, seconds, mb in rows:
        print(f"| {name} | {seconds:.1f} | {mb:.0f} |")


if __name__ == "__main__":
    main()
