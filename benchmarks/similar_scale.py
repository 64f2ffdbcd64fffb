"""Similarity at national scale: `similar`, `clusters` and the report's common
obstacles on 100,000 issues, through the real cache, each in its own process; and
how right the clusters still are at that size.

    python benchmarks/similar_scale.py                   # 3,321 communes x 30 issues
    python benchmarks/similar_scale.py --communes 500    # a quicker run

The data: each issue's title is a text of the labelled sets (tests/similar/) varied
as people vary it — a word dropped, two swapped, diacritics left out, a typo — so
that the groups it belongs to are known, and its description another text of the
same group. Medians of --runs runs; peak memory from the kernel (ru_maxrss).
Nothing here asserts a time.
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import similar_eval  # noqa: E402

from tracker import layout, reference, store  # noqa: E402
from tracker.models import CommuneFile, CommuneInfo, Issue  # noqa: E402
from tracker.ops.communes import init_data_dir  # noqa: E402
from tracker.text import fold, slugify  # noqa: E402

PY = sys.executable


def vary(text: str, rng: random.Random) -> str:
    words = text.split()
    r = rng.random()
    if r < 0.3 and len(words) > 3:
        del words[rng.randrange(len(words))]
    elif r < 0.5 and len(words) > 3:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    text = " ".join(words)
    if rng.random() < 0.15:
        text = fold(text)
    if rng.random() < 0.2 and any(len(w) >= 4 and w.isalpha() for w in text.split()):
        text = similar_eval.typo(text, rng)
    return text


def generate(target: Path, n_communes: int, per_commune: int) -> dict[str, str]:
    """A data folder of varied labelled texts; issue ID → the group it belongs to."""
    rng = random.Random(2026)
    records = similar_eval.labelled() + [(g + " (held out)", t) for g, t in similar_eval.labelled("held_out.yaml")]
    by_group: dict[str, list[str]] = {}
    for group, text in records:
        by_group.setdefault(group, []).append(text)
    init_data_dir(target)
    truth: dict[str, str] = {}
    official = reference.official_communes()
    for k in range(n_communes):
        code, name = f"{k:05d}", (official[k % len(official)].name + (f" {k // len(official)}" if k >= 130 else ""))
        prefix = f"X{k}"
        issues = []
        for n in range(1, per_commune + 1):
            group, text = records[rng.randrange(len(records))]
            others = by_group[group]
            ident = f"{prefix}-{n}"
            truth[ident] = group
            described = len(others) > 1 and rng.random() < 0.5
            issues.append(Issue(id=ident, title=vary(text, rng), dept="NNMT",
                                description=rng.choice(others) if described else None))  # fmt: skip
        cf = CommuneFile(commune=CommuneInfo(code=code, name=name, prefix=prefix), issues=issues)
        path = target / "communes" / f"{slugify(name)}-{code}.yaml"
        path.write_text(layout.render(store.plain(cf), store.schema_ref(path)), "utf-8")
    return truth


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall time, peak memory (MB) and output of one process (Linux: ru_maxrss in KB)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {err.read().decode()[-500:]}")
        return elapsed, usage.ru_maxrss / 1024, out.read().decode()


def median(cmd: list[str], env: dict[str, str], runs: int) -> float:
    return statistics.median(run(cmd, env)[0] for _ in range(runs))


def quality(clusters: list[dict[str, object]], truth: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of the clusters against the groups the texts came from."""

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    where = {str(i): n for n, c in enumerate(clusters) for i in c["ids"]}  # type: ignore[attr-defined]
    joint = Counter((where.get(i, f"alone {i}"), g) for i, g in truth.items())
    together = sum(pairs(v) for v in joint.values())
    found = sum(pairs(len(c["ids"])) for c in clusters)  # type: ignore[arg-type]
    real = sum(pairs(v) for v in Counter(truth.values()).values())
    return together / found if found else 1.0, together / real if real else 1.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--per-commune", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tracker-similar-bench")
    args = parser.parse_args()
    data = args.work / f"data-{args.communes}x{args.per_commune}"
    truth_file = data.with_suffix(".truth.json")
    if not truth_file.exists():
        shutil.rmtree(data, ignore_errors=True)
        print(f"generating {data} ...", file=sys.stderr)
        truth_file.write_text(json.dumps(generate(data, args.communes, args.per_commune)), "utf-8")
    truth = json.loads(truth_file.read_text("utf-8"))
    cache = args.work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "TRACKER_CACHE_DIR": str(cache), "PYTHONPATH": str(HERE.parent / "src")}
    tracker = [PY, "-m", "tracker", "--data-dir", str(data)]
    first = next(iter(truth))
    rows: list[tuple[str, str, str]] = []
    floor = median([PY, str(HERE / "typer_floor.py"), "hello"], env, args.runs)
    rows.append(("Typer + Pydantic floor (benchmarks/typer_floor.py)", f"{floor:.2f} s", ""))
    t, mb, _ = run([*tracker, "stats"], env)
    rows.append(("cold cache build (`stats`)", f"{t:.1f} s", f"{mb:.0f} MB"))
    t, mb, _ = run([*tracker, "similar", first], env)
    rows.append(("first `similar` (works out every issue's terms)", f"{t:.1f} s", f"{mb:.0f} MB"))
    t = median([*tracker, "similar", first], env, args.runs)
    rows.append((f"`similar {first}`, warm", f"{t:.2f} s", f"{t / floor:.1f}× floor"))
    t = median([*tracker, "similar", "--text", "thiếu cán bộ thú y"], env, args.runs)
    rows.append(("`similar --text`, warm", f"{t:.2f} s", f"{t / floor:.1f}× floor"))
    t, mb, out = run([*tracker, "clusters", "--format", "json", "--min-communes", "1"], env)
    rows.append(("`clusters`, first (groups every issue)", f"{t:.1f} s", f"{mb:.0f} MB"))
    t = median([*tracker, "clusters", "--format", "json", "--min-communes", "1"], env, args.runs)
    rows.append(("`clusters`, warm (kept in the cache)", f"{t:.2f} s", ""))
    with_part = median([*tracker, "report", "--dept", "NNMT"], env, args.runs)
    without = median([*tracker, "report", "--dept", "NNMT", "--min-communes", "0"], env, args.runs)
    rows.append(("`report`, with the common obstacles / without", f"{with_part:.2f} s / {without:.2f} s",
                 f"{with_part / without:.2f}×"))  # fmt: skip
    precision, recall = quality(json.loads(out)["clusters"], truth)
    print(f"{len(truth):,} issues in {args.communes:,} communes; "
          f"{len(set(truth.values()))} groups of one obstacle (and near misses)\n")  # fmt: skip
    print("| step | time | memory, or ratio |\n|---|--:|--:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"\nClusters against the groups the texts came from: precision {precision:.3f}, recall {recall:.3f}.")


if __name__ == "__main__":
    main()
