"""tracker.similarity.scoring: rarity weights, the cosine, and the score of two records in [0, 1]."""

from tracker import similarity
from tracker.similarity import terms
from tracker.similarity.scoring import Corpus, cosine, score


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
