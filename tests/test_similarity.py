"""tracker.similarity as a whole: the labelled sets' figures as a floor. Its modules'
own behaviour is tested beside them (tests/similarity/test_terms.py, test_scoring.py,
test_grouping.py, test_vocabulary.py, test_config.py)."""

import sys
from pathlib import Path

import pytest

from tracker import similarity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import similar_eval

# The figures measured when the measure was made (benchmarks/similar_eval.py; README),
# less a margin: a change that makes it worse fails here.
FLOOR = {
    "groups.yaml": {"top_precision": 0.94, "top_recall": 0.95, "cluster_precision": 0.90, "cluster_recall": 0.84},
    "held_out.yaml": {"top_precision": 0.97, "top_recall": 0.88, "cluster_precision": 0.96, "cluster_recall": 0.64},
}
MARGIN = 0.02


@pytest.mark.parametrize("name", list(FLOOR))
def test_the_labelled_sets_figures_do_not_fall(name: str) -> None:
    measured = similar_eval.measure(similarity.THRESHOLD, name)
    assert measured["records"] >= (150 if name == "groups.yaml" else 60)
    for key, floor in FLOOR[name].items():
        assert measured[key] >= floor - MARGIN, f"{name}: {key} {measured[key]:.3f} < {floor} - {MARGIN}"


def test_the_labelled_set_is_as_large_as_promised() -> None:
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "similar" / "groups.yaml").read_text("utf-8"))
    assert len(data["groups"]) >= 25
    assert sum(len(g["texts"]) for g in data["groups"]) >= 150
    assert len(data["near_misses"]) >= 10
