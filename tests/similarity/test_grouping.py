"""tracker.similarity.grouping: records compared in memory, the most alike found, grouped into clusters."""

import math
import multiprocessing
import sys
from concurrent import futures
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tracker import similarity
from tracker.similarity import Item, Model
from tracker.similarity.grouping import centre

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import similar_eval


def test_scores_are_in_0_1_and_a_text_is_most_like_itself() -> None:
    texts = ["Thiếu giáo viên mầm non", "Thiếu cán bộ thú y", "Thieu giao vien mam non", "Trụ sở chật hẹp"]
    model = Model.of(Item(str(n), t) for n, t in enumerate(texts))
    for n in range(len(texts)):
        for m in range(len(texts)):
            assert 0.0 <= model.pair(n, m) <= 1.0 + 1e-9
    best = model.similar("Thiếu giáo viên mầm non", limit=2)
    assert [n for n, _ in best] == [0, 2]  # itself, then the same without diacritics
    assert best[1][1] > model.pair(0, 1)  # the near miss scores lower


def test_near_misses_stay_apart() -> None:
    model = Model.of(Item(str(n), t) for n, t in enumerate(["Thiếu giáo viên", "Thiếu cán bộ thú y"]))
    assert model.pair(0, 1) < similarity.THRESHOLD


def test_clusters_are_the_same_on_every_run_and_in_any_order() -> None:
    records = similar_eval.labelled()
    items = [Item(f"k{n}", t) for n, (_, t) in enumerate(records)]
    first = Model.of(items).clusters()
    assert first == Model.of(items).clusters()
    reversed_groups = Model.of(items[::-1]).clusters()
    size = len(items)
    assert sorted(sorted(size - 1 - n for n in g) for g in reversed_groups) == sorted(first)


def test_many_records_are_grouped_through_a_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond `Config.exact` records, a sample is grouped and the rest join the closest
    group: the groups found stay mostly right, and the same on every run."""
    records = similar_eval.labelled()
    items = [Item(f"k{n}", t) for n, (_, t) in enumerate(records)]
    exact = similar_eval.pairs(Model.of(items).clusters())
    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80))
    sampled = Model.of(items).clusters()
    assert sampled == Model.of(items).clusters()
    found = similar_eval.pairs(sampled)
    truth: dict[str, list[int]] = {}
    for n, (g, _) in enumerate(records):
        truth.setdefault(g, []).append(n)
    real = similar_eval.pairs(list(truth.values()))
    assert len(found & real) / len(found) >= 0.8  # precision through a sample
    assert len(found & exact) / len(exact) >= 0.5  # most of what all pairs find


def test_paraphrases_across_communes_form_one_group_and_a_near_miss_stays_out() -> None:
    texts = ["Thiếu giáo viên mầm non", "Thieu giao vien mam non", "Trường mầm non thiếu giáo viên",
             "Thiếu cán bộ thú y", "Trụ sở chật hẹp, xuống cấp"]  # fmt: skip
    model = Model.of(Item(str(n), t) for n, t in enumerate(texts))
    groups = model.clusters()
    assert [0, 1, 2] in groups
    assert not any(3 in g or 4 in g for g in groups)
    assert model.named([0, 1, 2])[0] in (0, 1, 2)


def test_a_groups_centre_is_of_length_one_and_keeps_its_heaviest_terms() -> None:
    config = replace(similarity.CONFIG, centre=2)
    found = centre([{"a": 0.8, "b": 0.6}, {"a": 0.6, "c": 0.8}], config)
    assert list(found) == ["a", "c"]
    assert abs(sum(v * v for v in found.values()) - 1.0) < 1e-12


def test_records_shared_out_among_processes_group_as_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond `SHARED_FROM` records, the pairs of the sample are scored and the others
    placed in forked processes: the groups, their order and their members are those
    one process finds."""
    from tracker.similarity import grouping

    records = similar_eval.labelled()
    items = [Item(f"k{n}", t) for n, (_, t) in enumerate(records)]
    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80))
    monkeypatch.setattr(grouping, "PROCESSES", 1)
    alone = Model.of(items).clusters()
    monkeypatch.setattr(grouping, "PROCESSES", 2)
    monkeypatch.setattr(grouping, "SHARED_FROM", 10)
    pools = _counted_pools(monkeypatch)
    assert Model.of(items).clusters() == alone
    assert len(alone) > 10
    if "fork" in multiprocessing.get_all_start_methods():
        assert len(pools) >= 2  # the sample's pairs, then the others' places


def test_groups_named_in_processes_are_named_as_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """Groups of many records in all are named in forked processes: each group's
    representative, centre and closeness are those `named` gives it in this process."""
    from tracker.similarity import grouping

    records = similar_eval.labelled()
    model = Model.of(Item(f"k{n}", t) for n, (_, t) in enumerate(records))
    groups = model.clusters()
    alone = [model.named(g) for g in groups]
    monkeypatch.setattr(grouping, "PROCESSES", 2)
    monkeypatch.setattr(grouping, "SHARED_FROM", 10)
    pools = _counted_pools(monkeypatch)
    assert model.named_all(groups) == alone
    assert len(groups) > 10
    if "fork" in multiprocessing.get_all_start_methods():
        assert pools == [1]


def test_a_centre_sums_each_term_in_the_order_of_the_vectors() -> None:
    """The centre's weights are the sums a running total gives, member after member,
    to the last bit (they choose a group's name and whom it joins)."""
    vectors = [{"a": 0.1, "b": 0.7}, {"b": 0.2, "c": 0.3, "a": 0.2}, {"a": 0.3, "c": 1e-17}, {"c": 0.3}]
    total: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            total[term] = total.get(term, 0) + weight
    ordered = dict(sorted(total.items(), key=lambda tw: (-tw[1], tw[0])))
    norm = math.sqrt(sum(w * w for w in ordered.values()))
    assert centre(vectors, similarity.CONFIG) == {t: w / norm for t, w in ordered.items()}


def _counted_pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time a pool of processes starts."""
    pools: list[int] = []

    class Counted(futures.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pools.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Counted)
    return pools
