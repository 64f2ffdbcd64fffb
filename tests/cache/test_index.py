"""cache/index.py: the cache kept in step with the files, parsing only what changed."""

import json
import os
import shutil
from pathlib import Path

import pytest

from tracker.cache import Index
from tracker.ops.workspace import Workspace


def _index(data: Path) -> Index:
    ws = Workspace(data)
    return Index(ws.data, ws.registry())


def _aged(path: Path) -> None:
    """As if written an hour ago: a file changed within the last moment is always read again."""
    os.utime(path, ns=(path.stat().st_mtime_ns - 3600 * 10**9,) * 2)


def test_only_the_files_that_changed_are_parsed_again(filled: Path) -> None:
    for path in (filled / "communes").glob("*.yaml"):
        _aged(path)
    index = _index(filled)
    assert index.refresh().parsed == 2
    assert index.refresh().parsed == 0
    path = filled / "communes" / "van-an.yaml"
    path.write_text(path.read_text("utf-8").replace("Kinh phí sửa trụ sở", "Kinh phí xây trụ sở"), "utf-8")
    _aged(path)
    assert index.refresh().parsed == 1
    title = index.db.execute("SELECT title FROM records WHERE id = 'VA-3'").fetchone()
    assert title == ("Kinh phí xây trụ sở",)
    assert _index(filled).refresh().parsed == 0  # another command finds it up to date


def test_a_file_that_cannot_be_read_is_a_problem_and_the_others_still_answer(filled: Path) -> None:
    (filled / "communes" / "thien-nhan.yaml").write_text("commune: [\n", "utf-8")
    index = _index(filled)
    problems = index.refresh().problems
    assert {Path(p.path).name for p in problems} == {"thien-nhan.yaml"}
    ids = {i for (i,) in index.db.execute("SELECT id FROM records WHERE file = 'van-an.yaml'")}
    assert ids == {"VA-1", "VA-2", "VA-3", "VA-KH1"}


def _described(root: Path, communes: int = 6) -> None:
    """The labelled set's texts as issues, most with a description (another record's
    text), one copied whole into another commune."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    import similar_eval

    from tracker import layout, reference, store
    from tracker.models import CommuneFile, CommuneInfo, Issue
    from tracker.ops.communes import init_data_dir
    from tracker.text import slugify

    init_data_dir(root)
    texts = [text for _, text in similar_eval.labelled()]
    described = [(t, f"{texts[(n * 7) % len(texts)]}. {texts[n - 1]}" if n % 3 else None) for n, t in enumerate(texts)]
    for k, place in enumerate(reference.official_communes()[:communes]):
        mine = described[k::communes] + ([described[1]] if k == 1 else [])  # the copy
        issues = [Issue(id=f"X{k}-{n}", title=t, description=d, dept="NNMT", category="dat-dai")
                  for n, (t, d) in enumerate(mine, 1)]  # fmt: skip
        kept = CommuneFile(commune=CommuneInfo(code=place.code, name=place.name, prefix=f"X{k}"), issues=issues)
        path = root / "communes" / f"{slugify(place.name)}-{place.code}.yaml"
        path.write_text(layout.render(store.plain(kept), store.schema_ref(path)), "utf-8")


def _similar_tables(index: Index) -> list[object]:
    terms = index.db.execute("SELECT r.file, r.id, t.terms, t.fuzzy, t.h, t.heaviest, t.weights FROM similar_terms t "
                             "JOIN records r ON r.rowid = t.rowid ORDER BY 1, 2").fetchall()  # fmt: skip
    counts = index.db.execute("SELECT term, n FROM similar_df ORDER BY term").fetchall()
    # what the FTS5 index proposes for each term of the titles
    found = [index.db.execute("SELECT r.file, r.id FROM similar s JOIN records r ON r.rowid = s.rowid "
                              "WHERE similar MATCH ? ORDER BY 1, 2", (f'"{word}"',)).fetchall()
             for word in ("kinh_phi", "ho_so", "dat", "can_bo")]  # fmt: skip
    return [terms, counts, found]


def _grouping_reads_the_heaviest_terms(index: Index) -> None:
    """The heaviest terms kept for grouping are, bit for bit, those it would choose
    from all of an issue's kept terms."""
    from tracker import similarity
    from tracker.cache import similar as cache_similar

    top = similarity.active().cluster_terms
    query = "SELECT t.terms, t.heaviest, t.weights FROM similar_terms t"
    rows = index.db.execute(query).fetchall()
    assert any(len(json.loads(terms)) > top for terms, _, _ in rows), "no issue with terms to choose among"
    for terms, heaviest, weights in rows:
        terms_kept, weights_kept = cache_similar._grouped(heaviest, weights)
        chosen, chosen_weights = similarity.compact(cache_similar._loaded(terms, top))
        assert (terms_kept, weights_kept.tobytes()) == (chosen, chosen_weights.tobytes())


def test_a_file_cached_again_in_one_process_is_the_one_whose_terms_are_worked_out_later(tmp_path: Path) -> None:
    """An edit's file is cached again without its issues' terms (one process, a few
    files); the next comparison works out that file's, found without a look through
    every issue, and the index is what one built from the same files holds."""
    from tracker.cache import similar as cache_similar

    _described(tmp_path / "one")
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    index = _index(tmp_path / "one")
    index.refresh()
    cache_similar.ready(index)
    todo = "SELECT file FROM similar_todo"
    assert index.db.execute(todo).fetchall() == []
    path = sorted((tmp_path / "one" / "communes").glob("*.yaml"))[2]
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Vướng mắc "), "utf-8")
    index.refresh()
    assert index.db.execute(todo).fetchall() == [(path.name,)]
    cache_similar.ready(index)
    assert index.db.execute(todo).fetchall() == []
    shutil.copy(path, tmp_path / "two" / "communes" / path.name)
    other = _index(tmp_path / "two")
    other.refresh()
    cache_similar.ready(other)
    assert _similar_tables(index) == _similar_tables(other)
    assert all(_similar_tables(index)[2]), "a word that proposes nothing proves nothing"


def test_a_cold_build_in_a_pool_works_out_the_terms_a_later_command_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsed in a pool, the issues' similarity terms are worked out with the rows: the
    same rows, counts and FTS5 entries as when similarity works them out first."""
    from tracker.cache import parse
    from tracker.cache import similar as cache_similar

    _described(tmp_path / "one")
    shutil.copytree(tmp_path / "one", tmp_path / "pool")
    lazily = _index(tmp_path / "one")
    lazily.refresh()  # six small files: one process, no terms yet
    assert lazily.db.execute("SELECT count(*) FROM similar_terms").fetchone() == (0,)
    cache_similar.ready(lazily)

    monkeypatch.setattr(parse, "POOL_FILES", 1)
    monkeypatch.setattr(parse, "POOL_BYTES", 1)
    monkeypatch.setattr(parse, "_CHUNK", 1)
    monkeypatch.setattr(parse, "_cores", lambda: 2)
    built = _index(tmp_path / "pool")
    built.refresh()
    issues = built.db.execute("SELECT count(*) FROM records WHERE section = 'issues'").fetchone()[0]
    assert built.db.execute("SELECT count(*) FROM similar_terms").fetchone() == (issues,) and issues > 200
    assert _similar_tables(built) == _similar_tables(lazily)
    assert all(_similar_tables(built)[2]), "a word that proposes nothing proves nothing"
    _grouping_reads_the_heaviest_terms(built)
    _grouping_reads_the_heaviest_terms(lazily)
    cache_similar.ready(built)  # nothing left to work out
    assert _similar_tables(built) == _similar_tables(lazily)
    assert cache_similar.clusters(built) == cache_similar.clusters(lazily)

    # a file changed later is worked out again as it always was (one process, when needed)
    path = next((tmp_path / "pool" / "communes").glob("*.yaml"))
    path.write_text(path.read_text("utf-8").replace("title: ", "title: Vướng mắc "), "utf-8")
    built.refresh()
    cache_similar.ready(built)
    shutil.copy(path, tmp_path / "one" / "communes" / path.name)
    lazily.refresh()
    cache_similar.ready(lazily)
    assert _similar_tables(built) == _similar_tables(lazily)
