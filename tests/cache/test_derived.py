"""cache/derived.py: the similarity index kept in step when a file changes."""

import os
from pathlib import Path

from tracker.cache import derived
from tracker.cache import similar as cache_similar
from tracker.ops.workspace import Workspace


def test_a_term_is_one_word_of_the_full_text_index() -> None:
    assert derived.token("dia chinh") == "dia_chinh"
    assert derived.token("=survey") == "c_survey"
    assert derived.tokens(["'địa", "so do"]) == "địa so_do"


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
