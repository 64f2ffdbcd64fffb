"""tracker.similarity.scoring: rarity weights, the cosine, and the score of two records in [0, 1]."""

import math
from array import array

from tracker import similarity
from tracker.similarity import terms
from tracker.similarity.scoring import Corpus, compact, cosine, cosine_of, score


def test_a_cosine_does_not_depend_on_the_order_of_the_terms() -> None:
    """Summed exactly: the same value whatever order the shared terms come in (a
    set's, which the hash seed changes), and the same both ways."""
    a = terms("Thiếu cán bộ địa chính, hồ sơ đất đai tồn đọng", "Chưa có công chức địa chính chuyên trách")
    b = terms("Xã thiếu công chức địa chính", "Hồ sơ cấp GCNQSD đất tồn đọng nhiều")
    backwards = {t: a[t] for t in reversed(a)}
    assert similarity.cosine(a, b) == similarity.cosine(backwards, b) == similarity.cosine(b, backwards)


def test_a_rare_term_weighs_more_than_one_every_record_holds() -> None:
    corpus = Corpus.known_counts({"thieu": 90, "thu": 2}, 100)
    assert corpus.idf("thu") > corpus.idf("thieu")
    assert corpus.idf("chua-gap") > corpus.idf("thu")  # a term no record holds: the rarest
    vector = corpus.vector({"thieu": 1.0, "thu": 1.0})
    assert vector["thu"] > vector["thieu"] and abs(sum(v * v for v in vector.values()) - 1.0) < 1e-12


def test_a_vector_is_most_like_itself_and_nothing_like_a_text_it_shares_nothing_with() -> None:
    a = {"giao": 0.6, "vien": 0.8}
    assert abs(cosine(a, a) - 1.0) < 1e-12 and cosine(a, {"thu": 1.0}) == 0.0


def test_a_typo_raises_the_score_only_of_records_already_alike() -> None:
    a, b = {"giao": 0.6, "vien": 0.8}, {"giao": 0.6, "vien": 0.8}
    assert abs(score(a, b, "thieu giao vien", "thieu giao vien") - 1.0) < 1e-9
    assert score(a, b, "thieu giao vien", "thieu giao vin") < score(a, b, "thieu giao vien", "thieu giao vien")
    far = {"tru": 1.0}
    assert score(a, far, "giao vien", "giao vien") == 0.0  # titles alike, terms not: no typo bonus


def test_many_records_counted_at_once_weigh_their_terms_as_one_by_one() -> None:
    """`add_all` and the weighing in C give the very floats of `add` and `idf` one term
    at a time (a last bit apart may join another group)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import similar_eval

    found = [terms(text) for _, text in similar_eval.labelled()]
    one_by_one, at_once = Corpus(), Corpus()
    for held in found:
        one_by_one.add(held)
    at_once.add_all([tuple(held) for held in found])
    assert (at_once.df, at_once.size) == (one_by_one.df, one_by_one.size) and len(found) > 100
    for held in found:
        plain = one_by_one.vector(held)
        kept_terms, weights = at_once.compact_vector(similarity.compact(held))
        assert kept_terms == tuple(plain) and weights.tobytes() == array("d", plain.values()).tobytes()


def test_a_cosine_is_the_exact_sum_of_the_products_of_shared_terms() -> None:
    a = {"x": 0.1, "y": 0.2, "z": 0.7, "w": 1e-17}
    b = {"y": 0.3, "z": 0.3, "w": 1e17, "v": 0.5}
    assert cosine(a, b) == math.fsum([0.2 * 0.3, 0.7 * 0.3, 1e-17 * 1e17])


def test_a_cosine_of_terms_kept_small_is_the_cosine_of_their_dict() -> None:
    """Grouping compares a record kept small (`Compact`) with a centre: the same value
    to the last bit as the cosine of the two dicts, terms the centre lacks adding nothing."""
    a = {"x": 0.1, "y": 0.2, "z": 0.7, "w": 1e-17, "u": 0.4}
    b = {"y": 0.3, "z": 0.3, "w": 1e17, "v": 0.5}
    assert cosine_of(compact(a), b) == cosine(a, b) == math.fsum([0.2 * 0.3, 0.7 * 0.3, 1e-17 * 1e17])
    assert cosine_of(compact({"u": 0.4}), b) == cosine({"u": 0.4}, b) == 0.0
