"""Time and peak memory of `tracker site` at a size: a full build from a warm cache,
a rebuild with nothing changed, and a rebuild after one commune's edit.

    python benchmarks/site_scale.py            # L: 3,321 communes × 30 issues
    python benchmarks/site_scale.py --size S

Data comes from benchmarks/generate.py (as run.py makes it); the edit is made on a
copy. Prints a Markdown table; nothing here asserts a time.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
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
    rows.append(("rebuild, nothing changed", *timed(site, env)))
    first = sorted((data / "communes").glob("*.yaml"))[0]
    prefix = next(line.split(":")[1].strip() for line in first.read_text("utf-8").splitlines() if "  prefix:" in line)
    subprocess.run([*base, "update", f"{prefix}-1", "--note", "Thử"], env=env, check=True, capture_output=True)
    rows.append(("rebuild after one commune's edit", *timed(site, env)))
    pages = sum(1 for p in out.rglob("*.html"))
    print(f"| {args.size} ({pages:,} pages) | seconds | peak MB |")
    print("|---|--:|--:|")
    for name, seconds, mb in rows:
        print(f"| {name} | {seconds:.1f} | {mb:.0f} |")


if __name__ == "__main__":
    main()
