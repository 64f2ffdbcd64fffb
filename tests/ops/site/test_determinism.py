"""The site and the report do not depend on the order Python iterates sets in
(issue #28, point 14): real processes with PYTHONHASHSEED=1 and =2, 300 communes."""

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, env_without_tracker
from tests.ops.site.conftest import AS_OF, pages


def _generate(target: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import generate  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    generate.SIZES["T"] = (300, 3)
    generate.main("T", target)


def test_the_site_and_the_report_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _generate(data)
    made = []
    for seed in ("1", "2"):
        env = {**env_without_tracker(), "PYTHONHASHSEED": seed, "TRACKER_CACHE_DIR": str(tmp_path / f"cache{seed}"),
               "TRACKER_TODAY": AS_OF}  # fmt: skip
        run = [sys.executable, "-m", "tracker", "--data-dir", str(data)]
        out = tmp_path / f"site{seed}"
        subprocess.run([*run, "site", "--output", str(out)], env=env, check=True, capture_output=True, timeout=300)
        report = subprocess.run([*run, "report"], env=env, check=True, capture_output=True, timeout=300).stdout
        stats = subprocess.run([*run, "stats", "--format", "json"], env=env, check=True, capture_output=True).stdout
        made.append((pages(out), report, stats))
    (site1, report1, stats1), (site2, report2, stats2) = made
    assert len(site1) > 1000 and os.fsdecode(report1)
    assert set(site1) == set(site2) and [n for n in site1 if site1[n] != site2[n]] == []
    assert report1 == report2 and stats1 == stats2
