"""cache/similar.py: the kept terms and clusters follow the similarity configuration."""

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import cache, similarity
from tracker.cache import similar as cache_similar
from tracker.ops.workspace import Workspace


def _index(data: Path) -> cache.Index:
    ws = Workspace(data)
    index = cache.Index(ws.data, ws.registry())
    index.refresh()
    return index


def _kept_terms(index: cache.Index) -> dict[str, dict[str, int]]:
    query = "SELECT r.id, t.terms FROM similar_terms t JOIN records r ON r.rowid = t.rowid"
    return {ident: json.loads(terms) for ident, terms in index.db.execute(query)}


def test_a_word_of_the_vocabulary_changes_the_key_and_the_terms_are_worked_out_again(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = _index(filled)
    before_key = cache_similar.clusters_key(index)
    before = _kept_terms(index)
    assert "sua" in before["VA-3"]  # "Kinh phí sửa trụ sở"
    # The same configuration: the kept terms are used as they are, not worked out again
    # (which costs a national data set minutes): a kept row marked stays as marked.
    row = index.db.execute("SELECT t.rowid FROM similar_terms t JOIN records r ON r.rowid = t.rowid "
                           "WHERE r.id = 'VA-3'").fetchone()[0]  # fmt: skip
    index.db.execute("UPDATE similar_terms SET terms = ? WHERE rowid = ?", ('{"kept": 1}', row))
    assert cache_similar.clusters_key(index) == before_key
    assert _kept_terms(index)["VA-3"] == {"kept": 1}
    index.db.execute("UPDATE similar_terms SET terms = ? WHERE rowid = ?", (json.dumps(before["VA-3"]), row))

    # "sửa" becomes a stop word: a configuration of another digest
    changed = replace(similarity.CONFIG, stop=similarity.CONFIG.stop | {"sửa"})
    assert changed.digest != similarity.CONFIG.digest
    monkeypatch.setattr(similarity.config, "CONFIG", changed)
    assert similarity.version() == changed.digest

    after_key = cache_similar.clusters_key(index)  # works the terms out again first
    assert after_key != before_key and after_key.startswith(changed.digest)
    after = _kept_terms(index)
    assert "sua" not in after["VA-3"] and "phi sua" not in after["VA-3"]
    assert after["VA-3"] == {t: round(w * 1000) for t, w in similarity.terms("Kinh phí sửa trụ sở").items()}
    df = dict(index.db.execute("SELECT term, n FROM similar_df"))
    assert "sua" not in df  # the rarity counts too
    assert set(after) == set(before)  # every issue, none twice

    # a command in a new process finds with the new terms (the FTS5 index made again too)
    found = json.loads(cli("similar", "--text", "kinh phí sửa", "--format", "json"))["similar"]
    assert found[0]["id"] == "VA-3"

    # back to the first configuration: the first terms again
    monkeypatch.setattr(similarity.config, "CONFIG", similarity.CONFIG)
    assert cache_similar.clusters_key(index) == before_key
    assert _kept_terms(index) == before


def test_a_file_forgotten_after_the_configuration_changed_leaves_no_stale_term(
    cli: Cli, filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file edited after the vocabulary changed, before any command compared
    issues: its old terms cannot be taken out of the index one by one (they were
    worked out another way), so everything is worked out again."""
    index = _index(filled)
    cache_similar.ready(index)
    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, stop=similarity.CONFIG.stop | {"kinh"}))
    path = filled / "communes" / "thien-nhan.yaml"
    path.write_text(path.read_text("utf-8").replace("Phần mềm chưa liên thông", "Trạm y tế xuống cấp"), "utf-8")
    index.refresh()
    cache_similar.ready(index)
    kept = _kept_terms(index)
    assert "tram" in kept["TN-1"] and "mem" not in kept["TN-1"]
    assert "kinh" not in kept["VA-3"]  # "Kinh phí sửa trụ sở", of a file not edited: the new vocabulary's
    counts = dict(index.db.execute("SELECT term, n FROM similar_df"))
    assert counts.get("mem") is None and counts.get("kinh") is None and counts["tram"] == 1
    found = json.loads(cli("similar", "--text", "trạm y tế", "--format", "json"))["similar"]
    assert found[0]["id"] == "TN-1"


def _pairs(found: list[tuple[cache_similar.Key, list[cache_similar.Key]]]) -> set[tuple[cache_similar.Key, ...]]:
    return {(a, b) for _, members in found for a in members for b in members if a < b}


def _kept_state(index: cache.Index) -> dict[str, object]:
    (value,) = index.db.execute("SELECT value FROM memo WHERE key LIKE 'clusters:%'").fetchone()
    return dict(json.loads(value))


def test_new_issues_join_the_kept_clusters_as_a_full_grouping_would_mostly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beyond `Config.exact` issues (here 80 of 202), a few new issues join the kept
    clusters; what that gives stays close to grouping every issue again, and every
    issue is grouped again once the changes pass `Config.regroup_share`."""
    from tests.cli.test_similar import labelled_data

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80, regroup_share=0.05))
    root = tmp_path / "labelled"
    left_out = range(3, 202, 25)  # eight records of the labelled set, in eight groups
    labelled_data(root, leave_out=left_out)
    index = _index(root)
    first = cache_similar.clusters(index)
    assert _kept_state(index)["changed"] == 0  # all grouped

    labelled_data(root)  # the records left out, as new issues of the communes they fall to
    index.refresh()
    incremental = cache_similar.clusters(index)
    assert _kept_state(index)["changed"] == 8  # joined, not grouped anew
    assert cache_similar.clusters(index) == incremental  # and kept

    full = cache_similar._all_grouped(index, similarity.active())
    kept_pairs = _pairs(first)
    # the clusters kept are kept whole: a new issue only joins one
    assert kept_pairs <= _pairs(incremental)
    new_pairs = _pairs(incremental) - kept_pairs
    assert new_pairs, "no new issue joined a cluster"
    # what the new issues joined, a full grouping mostly finds too
    assert len(new_pairs & _pairs(full)) / len(new_pairs) >= 0.9  # 34 of 34 when written
    assert len(_pairs(incremental) & _pairs(full)) / len(_pairs(full)) >= 0.9  # 367 of 377

    # more changes than the share: every issue grouped again, as a full grouping does
    path = next((root / "communes").glob("*.yaml"))
    text = path.read_text("utf-8")
    path.write_text(text.replace("title: ", "title: Vướng mắc: "), "utf-8")
    index.refresh()
    assert cache_similar.clusters(index) == cache_similar._all_grouped(index, similarity.active())
    assert _kept_state(index)["changed"] == 0


def test_many_queries_through_one_near_score_as_each_alone(tmp_path: Path) -> None:
    """`Near` keeps what one query read for the next (counts, candidates, vectors): every
    answer, in order and score, is what `nearest` gives that query on its own."""
    from tests.cli.test_similar import labelled_data

    root = tmp_path / "labelled"
    labelled_data(root)
    index = _index(root)
    near = cache_similar.Near(index)
    asked = [(row.terms, row.fuzzy) for row in list(cache_similar.every(index))[::7]]
    answered = [near(terms, fuzzy, 21) for terms, fuzzy in asked]
    assert answered == [cache_similar.nearest(index, terms, fuzzy, 21) for terms, fuzzy in asked]
    assert sum(len(a) for a in answered) > len(asked) * 5  # each found its alike
    read = len(near.rows)
    assert [near(terms, fuzzy, 21) for terms, fuzzy in asked] == answered and len(near.rows) == read  # read once


def test_an_issue_given_another_obstacle_leaves_its_kept_cluster_and_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept clusters are rows an edit writes: an issue whose title now says another
    obstacle leaves the cluster it was kept in and that cluster's group (in the cache,
    as the next command reads it), and the groups written again are those worked out
    from every kept cluster."""
    from tests.cli.test_similar import labelled_data
    from tracker.cache import groups
    from tracker.ops import issues

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80))
    root = tmp_path / "labelled"
    labelled_data(root)
    index = _index(root)
    _, members = cache_similar.clusters(index)[0]
    (group,) = [g for g in groups.groups(index) if members[0] in g.members]
    leaving = members[-1]
    assert leaving in group.members
    issues.update_issue(Workspace(root), leaving[1], issues.IssueChanges(title="Lễ hội đua thuyền truyền thống"))
    index = _index(root)
    groups.groups(index)  # the clusters and the groups written again where the edit reached
    assert _kept_state(index)["changed"] == 2  # taken out and added: joined, not grouped anew
    index = _index(root)  # another command reads them
    after = cache_similar.clusters(index)
    (stayed,) = [m for _, m in after if members[0] in m]
    assert leaving not in stayed and set(stayed) == set(members) - {leaving}
    kept = sorted((g.named_by, g.members, g.communes, g.linked) for g in groups.groups(index))
    assert not any(leaving in g[1] and members[0] in g[1] for g in kept)
    for table in ("groups", "group_members"):
        index.db.execute(f"DELETE FROM {table}")
    index.db.execute("DELETE FROM memo WHERE key LIKE 'groups:%'")
    assert kept == sorted((g.named_by, g.members, g.communes, g.linked) for g in groups.groups(index))


def test_new_issues_that_choose_one_another_are_each_held_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole obstacle comes back at once (six new issues, alike one another and no
    kept cluster): the first joins the second, which was alone; the second, already
    held, is not joined again. Each issue is in at most one cluster, once."""
    from tests.cli.test_similar import labelled_data

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80, regroup_share=0.05))
    root = tmp_path / "labelled"
    labelled_data(root, leave_out=range(6))  # the first group of the labelled set, whole
    index = _index(root)
    cache_similar.clusters(index)
    labelled_data(root)
    index.refresh()
    found = cache_similar.clusters(index)
    assert _kept_state(index)["changed"] == 6  # joined, not grouped anew
    held = [key for _, members in found for key in members]
    assert len(held) == len(set(held))
    rows = index.db.execute("SELECT file, id, count(*) FROM kept_members GROUP BY file, id HAVING count(*) > 1")
    assert rows.fetchall() == []
    back = {key for key in held if key[1].split("-")[1] in {"1", "2", "3", "4", "5", "6"}}
    assert len(back) >= 2  # they found one another


def test_two_commands_joining_the_same_new_issues_write_them_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two commands at once find the same new issues: the one that writes second finds
    the clusters kept meanwhile and writes nothing again (no issue held twice)."""
    from tests.cli.test_similar import labelled_data
    from tracker.cache import db as cachedb
    from tracker.cache import groups

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80, regroup_share=0.05))
    root = tmp_path / "labelled"
    labelled_data(root, leave_out=range(3, 202, 25))
    groups.groups(_index(root))
    labelled_data(root)
    index = _index(root)
    real, raced = cachedb.immediate, []

    def first_another(db: object, done: str | None = None) -> object:
        if not raced:  # the other command ends first, between this one's reading and writing
            raced.append([])
            raced[0] = groups.groups(_index(root))
        return real(db, done)  # type: ignore[arg-type]

    monkeypatch.setattr(cachedb, "immediate", first_another)
    assert sorted(g.members for g in groups.groups(index)) == sorted(g.members for g in raced[0])
    held = index.db.execute("SELECT file, id FROM kept_members GROUP BY file, id HAVING count(*) > 1")
    assert held.fetchall() == []
    assert index.db.execute("SELECT count(*) FROM group_members").fetchone()[0] == sum(len(g.members) for g in raced[0])


def test_issues_reordered_in_their_file_keep_their_clusters_in_file_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose issues were put in another order by hand (the same texts): nothing
    is grouped again, but the kept members follow their new places, as a cache that
    never held any would list them."""
    import yaml

    from tests.cli.test_similar import labelled_data

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80))
    root = tmp_path / "labelled"
    labelled_data(root, communes=2)  # a cluster holds several issues of one file
    index = _index(root)
    cache_similar.clusters(index)
    path = sorted((root / "communes").glob("*.yaml"))[0]
    loaded = yaml.safe_load(path.read_text("utf-8"))
    loaded["issues"].reverse()
    path.write_text(yaml.safe_dump(loaded, allow_unicode=True, sort_keys=False), "utf-8")
    index = _index(root)
    found = cache_similar.clusters(index)
    assert _kept_state(index)["changed"] == 0  # nothing grouped again
    place = {(f, i): p for f, i, p in index.db.execute("SELECT file, id, pos FROM records WHERE section = 'issues'")}
    moved = [m for _, members in found for m in members if m[0] == path.name]
    assert moved, "the reordered file holds no clustered issue"
    for _, members in found:
        assert members == sorted(members, key=lambda k: (k[0], place[k]))


@pytest.mark.parametrize("incremental", [False, True])
def test_one_id_twice_in_a_file_is_grouped_once_and_the_report_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, incremental: bool
) -> None:
    """A merge may leave two issues of one ID in a commune's file: `validate` says so,
    and until it is put right `report` and `clusters` are still made (they stopped on
    the kept clusters' unique key, "unexpected error"), the ID grouped once. Both
    ways: every issue grouped, and a few joining the kept clusters (`Config.exact`)."""
    from tests.cli.test_similar import labelled_data

    monkeypatch.setattr(similarity.config, "CONFIG", replace(similarity.CONFIG, exact=80, regroup_share=0.05))
    root = tmp_path / "labelled"
    labelled_data(root)
    at = ("--data-dir", str(root))
    if incremental:
        cli(*at, "clusters")  # kept, so that the duplicate joins them
    path = sorted((root / "communes").glob("*.yaml"))[0]
    first, second = [
        line[len("- id: ") :] for line in path.read_text("utf-8").splitlines() if line.startswith("- id: ")
    ][:2]
    path.write_text(path.read_text("utf-8").replace(f"- id: {second}\n", f"- id: {first}\n"), "utf-8")
    assert "mã trùng" in cli.result(*at, "validate").stdout

    assert f"| {first} |" in cli(*at, "report", "--dept", "NNMT")
    assert cli(*at, "clusters", "--format", "json")
    held = [key for _, members in cache_similar.clusters(_index(root)) for key in members]
    assert len(held) == len(set(held))
    assert (_kept_state(_index(root))["changed"] > 0) == incremental  # joined the kept clusters, or all grouped
