"""How well the similarity measure finds the same obstacle written differently, on
the labelled set (tests/similar/groups.yaml): precision and recall of the top
suggestion of each record, and of the clusters, for a range of thresholds.

    python benchmarks/similar_eval.py            # a table for each set

groups.yaml: 30 groups of one obstacle written 5-6 ways (paraphrases, word order,
abbreviations, no diacritics) and 20 near misses (shared words, other problems);
the weights, stop list and concepts of tracker.similarity were chosen on it.
held_out.yaml: 12 groups and 10 near misses written after that, never tuned on.
To each group a typo is added (one text with two letters swapped, deterministic).
The clusters are scored by pairs: precision is the share of pairs put in one
cluster that are one obstacle, recall the share of such pairs put in one cluster.
"""

import itertools
import random
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from tracker import similarity  # noqa: E402


def typo(text: str, rng: random.Random) -> str:
    """One typing slip: two neighbouring letters of a longer word swapped."""
    words = text.split()
    long = [n for n, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    n = rng.choice(long)
    w = words[n]
    at = rng.randrange(len(w) - 1)
    words[n] = w[:at] + w[at + 1] + w[at] + w[at + 2 :]
    return " ".join(words)


SETS = {"tuned on": "groups.yaml", "held out": "held_out.yaml"}


def labelled(name: str = "groups.yaml") -> list[tuple[str, str]]:
    """(group, text) for every record of a labelled set."""
    data = yaml.safe_load((HERE.parent / "tests" / "similar" / name).read_text("utf-8"))
    rng = random.Random(2025)
    out = []
    for group in data["groups"]:
        out += [(group["name"], t) for t in group["texts"]]
        out.append((group["name"], typo(group["texts"][1], rng)))
    out += [(f"near miss {n}", t) for n, t in enumerate(data["near_misses"])]
    return out


def pairs(groups: list[list[int]]) -> set[tuple[int, int]]:
    return {tuple(sorted(p)) for g in groups for p in itertools.combinations(g, 2)}  # type: ignore[misc]


def measure(threshold: float, name: str = "groups.yaml") -> dict[str, float]:
    records = labelled(name)
    model = similarity.Model.of(similarity.Item(str(n), t) for n, (_, t) in enumerate(records))
    truth: dict[str, list[int]] = {}
    for n, (g, _) in enumerate(records):
        truth.setdefault(g, []).append(n)
    real = pairs(list(truth.values()))
    found = pairs(model.clusters(threshold))
    hits = hit_tops = tops = wanted = 0
    for n, (g, text) in enumerate(records):
        best = model.similar(text, limit=1, skip=n)
        if len(truth[g]) > 1:
            wanted += 1
        if best and best[0][1] >= threshold:
            tops += 1
            if records[best[0][0]][0] == g:
                hit_tops += 1
                hits += 1
    return {
        "records": len(records),
        "groups": len(truth),
        "top_precision": hit_tops / tops if tops else 1.0,
        "top_recall": hits / wanted if wanted else 1.0,
        "cluster_precision": len(found & real) / len(found) if found else 1.0,
        "cluster_recall": len(found & real) / len(real) if real else 1.0,
    }


def main() -> None:
    for label, name in SETS.items():
        m = measure(similarity.THRESHOLD, name)
        print(f"## {name} ({label}): {m['records']:.0f} records, {m['groups']:.0f} groups\n")
        print("| threshold | top precision | top recall | cluster precision | cluster recall |")
        print("|--:|--:|--:|--:|--:|")
        for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
            m = measure(threshold, name)
            mark = " (tracker's)" if threshold == similarity.THRESHOLD else ""
            print(f"| {threshold}{mark} | {m['top_precision']:.3f} | {m['top_recall']:.3f} | "
                  f"{m['cluster_precision']:.3f} | {m['cluster_recall']:.3f} |")  # fmt: skip
        print()


if __name__ == "__main__":
    main()
