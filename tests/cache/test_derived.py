"""cache/derived.py: the similarity index kept in step when a file changes."""

import os
from array import array
from pathlib import Path

from tracker.cache import derived
from tracker.cache import similar as cache_similar
from tracker.ops.workspace import Workspace


def test_a_term_is_one_word_of_the_full_text_index() -> None:
    assert derived.token("dia chinh") == "dia_chinh"
    assert derived.token("=survey") == "c_survey"
    assert derived.tokens(["'địa", "so do"]) == "địa so_do"


def test_grouping_keeps_the_heaviest_terms_heaviest_first_then_by_term() -> None:
    kept = {"b": 2, "a": 2, "c": 5, "d": 1}
    assert derived.grouped(kept, 3) == ("c\x1fa\x1fb", array("d", [0.005, 0.002, 0.002]).tobytes())
    assert derived.grouped(kept, 0) == ("b\x1fa\x1fc\x1fd", array("d", [0.002, 0.002, 0.005, 0.001]).tobytes())
    assert derived.grouped({}, 3) == ("", b"")


def test_a_changed_title_takes_its_old_words_out_of_the_rarity_counts(filled: Path) -> None:
    index = Workspace(filled).index()
    cache_similar.clusters_key(index)
    assert dict(index.db.execute("SELECT term, n FROM similar_df")).get("sua") == 1
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("Kinh phí sửa trụ sở", "Kinh phí xây trụ sở"), "utf-8")
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    index = Workspace(filled).index()
    cache_similar.clusters_key(index)
    counts = dict(index.db.execute("SELECT term, n FROM similar_df"))
    assert "sua" not in counts and counts.get("xay") == 1
