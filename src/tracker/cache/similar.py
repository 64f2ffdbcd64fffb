"""The similarity index in the cache: each issue's terms (tracker.similarity) beside
its row, filled the first time a command compares issues, and an FTS5 index of those
terms that proposes candidates without reading every issue. Only the issues of a
changed file are worked out again. The clusters are kept too, under a digest of
every issue's terms: a change of status or deadline does not group anything anew.
Both are kept under the similarity configuration's digest (`similarity.version`):
another vocabulary or weight works every issue's terms out again."""

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from sys import intern
from typing import Any

from tracker import similarity
from tracker.cache import db as cachedb
from tracker.cache.derived import Analysed, kept_version, similar_row, start_again, token
from tracker.cache.index import Index

_BATCH = 500  # SQLite takes this many values in one IN (…) everywhere


def _loaded(stored: str, top: int = 0) -> dict[str, float]:
    """Stored terms; with `top`, only that many of the heaviest. The same terms in
    many issues are one string in memory, not one each."""
    found = json.loads(stored)
    if top and len(found) > top:
        # heaviest first, then by term: by term, then (a stable sort) by weight, in C
        found = dict(sorted(sorted(found.items()), key=itemgetter(1), reverse=True)[:top])
    return {intern(t): w / 1000 for t, w in found.items()}


@dataclass(frozen=True, slots=True)
class Compared:
    """An issue as similarity reads it from the cache."""

    key: int  # the row in the cache
    file: str
    id: str
    title: str
    dept: str
    status: str
    terms: dict[str, float]
    fuzzy: str


_FILL = 5000  # issues worked out and written at a time: memory stays small


def ready(index: Index) -> None:
    """Work out the terms of every issue that has none yet (all, the first time).
    Each batch is chosen and written in one transaction: two commands filling the
    index at once never both write an issue."""
    db = index.db
    version = similarity.version()
    if db.execute("SELECT 1 FROM meta WHERE key = 'similar_ready'").fetchone() and kept_version(db) == version:
        return
    query = """SELECT r.rowid, r.file, r.id, r.title, r.json FROM records r
               LEFT JOIN similar_terms t ON t.rowid = r.rowid WHERE r.section = 'issues' AND t.rowid IS NULL
               LIMIT ?"""
    fts = cachedb.has_similar(db)
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            if kept_version(db) != version:
                start_again(db, version)
            todo = db.execute(query, (_FILL,)).fetchall()
            if not todo:
                db.execute("INSERT OR REPLACE INTO meta VALUES ('similar_ready', '1')")
                db.execute("COMMIT")
                return
            _fill(db, todo, fts)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _fill(db: sqlite3.Connection, todo: list[tuple[int, str, str, str, str]], fts: bool) -> None:
    rows = []
    counts: Counter[str] = Counter()
    config = similarity.active()
    memo: dict[tuple[str, str | None], Analysed] = {}  # a text copied within the batch is read once
    for rowid, file, ident, title, full in todo:
        description = json.loads(full).get("description")
        stored, fuzzy, check, text, terms = similar_row(file, ident, title, description, config, memo)
        counts.update(terms)
        rows.append((rowid, stored, fuzzy, check, text))
    db.executemany("INSERT INTO similar_terms VALUES (?, ?, ?, ?)", (r[:4] for r in rows))
    db.executemany("INSERT INTO similar_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                   counts.items())  # fmt: skip
    if fts:
        db.executemany("INSERT INTO similar(rowid, terms) VALUES (?, ?)", ((r[0], r[4]) for r in rows))


_COLUMNS = "r.rowid, r.file, r.id, r.title, r.dept, r.status, t.terms, t.fuzzy"
_FROM = "records r JOIN similar_terms t ON t.rowid = r.rowid"


def _compared(row: tuple[object, ...]) -> Compared:
    key, file, ident, title, dept, status, terms, fuzzy = row
    return Compared(int(str(key)), str(file), str(ident), str(title), str(dept), str(status),
                    _loaded(str(terms)), str(fuzzy))  # fmt: skip


def every(index: Index) -> Iterator[Compared]:
    """Every issue, in the order of the cache."""
    query = f"SELECT {_COLUMNS} FROM {_FROM} WHERE r.section = 'issues' ORDER BY r.file, r.pos"
    for row in index.db.execute(query):
        yield _compared(row)


def _issues(index: Index) -> int:
    row = index.db.execute("SELECT count(*) FROM records WHERE section = 'issues'").fetchone()
    return int(row[0])


def _document_counts(index: Index, terms: list[str]) -> dict[str, int]:
    """How many issues hold each term."""
    out: dict[str, int] = {}
    for at in range(0, len(terms), _BATCH):
        chunk = terms[at : at + _BATCH]
        marks = ", ".join("?" * len(chunk))
        out.update(index.db.execute(f"SELECT term, n FROM similar_df WHERE term IN ({marks})", chunk))
    return out


def nearest(index: Index, terms: dict[str, float], fuzzy: str, limit: int) -> list[tuple[Compared, float]]:
    """The issues most like these terms, best first, with their scores."""
    return Near(index)(terms, fuzzy, limit)


class Near:
    """`nearest` for the many issues one command compares (the new issues of an import
    joining the kept clusters): what a query reads is kept for the next one — the
    number of issues, how many issues hold each term, the candidates' rows and their
    vectors — so candidates two queries share are read and weighed once. The cache
    does not change meanwhile: the scores are those `nearest` gives alone."""

    def __init__(self, index: Index) -> None:
        ready(index)
        self.index = index
        self.fts = cachedb.has_similar(index.db)
        self.config = similarity.active()
        self.size = _issues(index)
        self.counts: dict[str, int] = {}  # how many issues hold a term (0: none), for the terms asked so far
        self.corpus = similarity.Corpus.known_counts({}, self.size)
        self.rows: dict[int, Compared] = {}
        self.vectors: dict[int, dict[str, float]] = {}

    def __call__(self, terms: dict[str, float], fuzzy: str, limit: int) -> list[tuple[Compared, float]]:
        if not self.fts:
            return _nearest_by_reading(self.index, terms, fuzzy, limit)
        config = self.config
        counts = self._counted(list(terms))
        common = max(config.common_least, self.size // config.common_share)
        rare = sorted((t for t in terms if 0 < counts[t] <= common), key=lambda t: (counts[t], t))
        rare = rare[: config.query_terms]
        if not rare:
            return []
        match = " OR ".join(f'"{token(t)}"' for t in rare)
        found = self.index.db.execute("SELECT rowid FROM similar WHERE similar MATCH ? ORDER BY rank LIMIT ?",
                                      (match, config.candidates)).fetchall()  # fmt: skip
        keys = [k for (k,) in found]
        unread = [k for k in keys if k not in self.rows]
        for at in range(0, len(unread), _BATCH):
            chunk = unread[at : at + _BATCH]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {_COLUMNS} FROM {_FROM} WHERE r.rowid IN ({marks})"
            for r in self.index.db.execute(query, chunk):
                row = _compared(r)
                self.rows[row.key] = row
        rows = [self.rows[k] for k in keys if k in self.rows]
        self._counted(sorted({t for r in rows if r.key not in self.vectors for t in r.terms}))
        for row in rows:
            if row.key not in self.vectors:
                self.vectors[row.key] = self.corpus.vector(row.terms)
        query_vector = self.corpus.vector(terms)
        scored = [(r, similarity.score(query_vector, self.vectors[r.key], fuzzy, r.fuzzy)) for r in rows]
        return sorted(scored, key=lambda rs: (-rs[1], rs[0].file, rs[0].key))[:limit]

    def _counted(self, terms: list[str]) -> dict[str, int]:
        """How many issues hold each term (read once a term); the corpus learns them."""
        unknown = [t for t in terms if t not in self.counts]
        if unknown:
            found = _document_counts(self.index, unknown)
            self.corpus.df.update(found)
            self.counts.update(dict.fromkeys(unknown, 0) | found)
        return self.counts


def _best(corpus: similarity.Corpus, rows: list[Compared], terms: dict[str, float], fuzzy: str,
          limit: int) -> list[tuple[Compared, float]]:  # fmt: skip
    query = corpus.vector(terms)
    scored = [(r, similarity.score(query, corpus.vector(r.terms), fuzzy, r.fuzzy)) for r in rows]
    return sorted(scored, key=lambda rs: (-rs[1], rs[0].file, rs[0].key))[:limit]


def _nearest_by_reading(index: Index, terms: dict[str, float], fuzzy: str,
                        limit: int) -> list[tuple[Compared, float]]:  # fmt: skip
    """`nearest` where SQLite has no FTS5: every issue read and compared."""
    rows = list(every(index))
    return _best(similarity.Corpus.known_counts(dict(index.db.execute("SELECT term, n FROM similar_df")), len(rows)),
                 rows, terms, fuzzy, limit)  # fmt: skip


Key = tuple[str, str]  # (file, issue ID)


def clusters_key(index: Index) -> str:
    """What the clusters depend on: every issue's ID and terms (and how they are compared)."""
    ready(index)
    count, total = index.db.execute("SELECT count(*), total(h) FROM similar_terms").fetchone()
    return f"{similarity.version()}:{count}:{int(total)}"


Found = list[tuple[Key, list[Key]]]  # (representative, members) of each cluster, largest first
Centre = tuple[dict[str, float], float]  # a cluster's centre, and how close its representative is to it


def clusters(index: Index) -> Found:
    """The clusters of all issues: for each, the issue closest to what they all say and
    its members, largest first. Kept in the cache until an issue's ID or text changes
    (a new status or deadline groups nothing anew). Beyond `Config.exact` issues, the
    few issues added or changed since join the kept clusters (`_regrouped`) rather
    than every issue being grouped again."""
    key = f"clusters:{clusters_key(index)}"
    kept = index.db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
    if kept is not None:
        return _found(json.loads(kept[0])["clusters"])
    config = similarity.active()
    issues = _checksums(index)
    before = index.db.execute("SELECT value FROM memo WHERE key LIKE 'clusters:%'").fetchone()
    state = None if before is None else json.loads(before[0])
    regrouped = None
    if isinstance(state, dict) and len(issues) > config.exact:
        regrouped = _regrouped(index, state, issues, config)
    found, centres, changed = regrouped if regrouped is not None else (*_grouping(index, config), 0)
    value = {"clusters": found, "centres": centres, "issues": [[*k, h] for k, h in issues.items()],
             "changed": changed}  # fmt: skip
    index.db.execute("BEGIN IMMEDIATE")
    index.db.execute("DELETE FROM memo WHERE key LIKE 'clusters:%'")
    index.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
    index.db.execute("COMMIT")
    return found


def _found(stored: list[list[Any]]) -> Found:
    return [((rep[0], rep[1]), [(f, i) for f, i in members]) for rep, members in stored]


def _checksums(index: Index) -> dict[Key, int]:
    """(file, ID) → the checksum of its ID and terms, of every issue, in the order of the cache."""
    query = f"SELECT r.file, r.id, t.h FROM {_FROM} WHERE r.section = 'issues' ORDER BY r.file, r.pos"
    return {(f, i): h for f, i, h in index.db.execute(query)}


def grouping_input(index: Index, config: similarity.Config) -> tuple[list[Key], list[similarity.Compact], list[str]]:
    """What grouping reads of every issue, in the order of the cache: its key, its
    `Config.cluster_terms` heaviest terms (kept small: `similarity.compact`) and its
    folded title (the roll-up groups many repositories' issues from these, each read
    from its own cache)."""
    ready(index)
    keys: list[Key] = []
    raw: list[similarity.Compact] = []
    fuzzy: list[str] = []
    query = f"SELECT r.file, r.id, t.terms, t.fuzzy FROM {_FROM} WHERE r.section = 'issues' ORDER BY r.file, r.pos"
    for file, ident, terms, fz in index.db.execute(query):
        keys.append((file, ident))
        raw.append(similarity.compact(_loaded(terms, config.cluster_terms)))
        fuzzy.append(fz)
    return keys, raw, fuzzy


def _all_grouped(index: Index, config: similarity.Config) -> Found:
    """Every issue grouped anew."""
    return _grouping(index, config)[0]


def _grouping(index: Index, config: similarity.Config) -> tuple[Found, list[Centre]]:
    """Every issue grouped anew, with each cluster's centre (kept, for `_regrouped`)."""
    keys, raw, fuzzy = grouping_input(index, config)
    model = similarity.Model([f"{f}/{i}" for f, i in keys], raw, fuzzy, config)  # `raw` becomes its vectors
    found: Found = []
    centres: list[Centre] = []
    for group in model.clusters():
        rep, centre, closeness = model.named(group)
        found.append((keys[rep], [keys[n] for n in group]))
        centres.append((centre, closeness))
    return found, centres


def _regrouped(index: Index, state: dict[str, Any], issues: dict[Key, int],
               config: similarity.Config) -> tuple[Found, list[Centre], int] | None:  # fmt: skip
    """The kept clusters, the issues taken out or changed since left out of them, and
    each new or changed issue joined to the cluster whose centre it is closest to,
    if close enough (`Config.assign`: the rule beyond `Config.exact` issues), among
    the clusters of the issues most like it (an issue alone counts as a cluster of
    one); an issue that joins none stays alone. A kept cluster is compared by the
    centre kept with it (its members are not read again: a cluster may hold thousands),
    and keeps its name unless the issue naming it left (then it is named again) or a
    new member is closer to that centre. None when the issues changed since every
    issue was last grouped are more than `Config.regroup_share` of them."""
    before = {(f, i): h for f, i, h in state["issues"]}
    new = [k for k, h in issues.items() if before.get(k) != h]  # in the order of the cache
    gone = {k for k, h in before.items() if issues.get(k) != h}
    changed = int(state["changed"]) + len(new) + len(gone)
    if changed > len(issues) * config.regroup_share:
        return None
    stored = _found(state["clusters"])
    kept_centres: list[Any] = state.get("centres") or [None] * len(stored)
    members: list[list[Key]] = []
    names: list[Key | None] = []  # None: the cluster's name is chosen again
    centres: list[Centre | None] = []  # None: worked out from its members
    cluster_of: dict[Key, int] = {}
    grown: set[int] = set()  # the clusters a new issue joined: their members are put in order again
    for (rep, cluster), centre in zip(stored, kept_centres, strict=True):
        left = [m for m in cluster if m not in gone]
        cluster_of.update(dict.fromkeys(left, len(members)))
        kept = centre is not None and rep not in gone
        names.append(rep if kept else None)
        centres.append((dict(centre[0]), float(centre[1])) if kept else None)
        members.append(left)
    vectors = _Vectors(index, len(issues), config)
    near_to = Near(index)  # the new issues' queries share what they read

    def centre_of(place: int | Key) -> dict[str, float]:
        if not isinstance(place, int):
            return vectors.centre([place])
        found = centres[place]
        return found[0] if found is not None else vectors.centre(members[place])

    for key in new:
        terms, fuzzy = vectors.stored(key)
        near: list[int | Key] = []  # the clusters of the issues most like it, most alike first
        for row, _ in near_to(terms, fuzzy, config.neighbours + 1):
            other = (row.file, row.id)
            place = cluster_of.get(other, other)
            if other != key and other in issues and place not in near:
                near.append(place)
        near = near[: config.near]
        vector = vectors.vector(key)
        alike = [(similarity.cosine(vector, centre_of(p)), -n) for n, p in enumerate(near)]
        best = max(alike, default=(0.0, 0))
        if best[0] < config.assign:
            continue
        chosen = near[-best[1]]
        if not isinstance(chosen, int):  # an issue alone: the two make a cluster
            cluster_of[chosen] = len(members)
            members.append([chosen])
            names.append(None)
            centres.append(None)
            chosen = cluster_of[chosen]
        members[chosen].append(key)
        cluster_of[key] = chosen
        grown.add(chosen)
        held = centres[chosen]
        if names[chosen] is None or held is None:
            names[chosen], centres[chosen] = None, None  # worked out from its members below
        elif best[0] > held[1]:  # closer to the kept centre than the issue naming it
            names[chosen], centres[chosen] = key, (held[0], best[0])
    order = {k: n for n, k in enumerate(issues)}
    out: list[tuple[Key, list[Key], Centre]] = []
    for n, (cluster, name, centre) in enumerate(zip(members, names, centres, strict=True)):
        if len(cluster) < 2:
            continue
        if n in grown:  # a kept cluster is in order already, less what left it
            cluster.sort(key=order.__getitem__)
        if name is None or centre is None:
            name, centre = vectors.named(cluster, order)
        out.append((name, cluster, centre))
    out.sort(key=lambda rcc: (-len(rcc[1]), order[rcc[1][0]]))
    return [(name, cluster) for name, cluster, _ in out], [centre for _, _, centre in out], changed


class _Vectors:
    """Issues' vectors as grouping weighs them (their `Config.cluster_terms` heaviest
    terms, by rarity among every issue), read from the cache as they are needed."""

    def __init__(self, index: Index, size: int, config: similarity.Config) -> None:
        self.index = index
        self.config = config
        self.corpus = similarity.Corpus.known_counts({}, size, config)
        self.kept: dict[Key, tuple[str, str]] = {}
        self.vectors: dict[Key, dict[str, float]] = {}

    def stored(self, key: Key) -> tuple[dict[str, float], str]:
        """An issue's terms, all of them, and its folded title."""
        if key not in self.kept:
            query = f"SELECT t.terms, t.fuzzy FROM {_FROM} WHERE r.section = 'issues' AND r.file = ? AND r.id = ?"
            terms, fuzzy = self.index.db.execute(query, key).fetchone()
            self.kept[key] = (str(terms), str(fuzzy))
        terms, fuzzy = self.kept[key]
        return _loaded(terms), fuzzy

    def vector(self, key: Key) -> dict[str, float]:
        found = self.vectors.get(key)
        if found is None:
            self.stored(key)
            raw = _loaded(self.kept[key][0], self.config.cluster_terms)
            unknown = [t for t in raw if t not in self.corpus.df]
            self.corpus.df.update(_document_counts(self.index, unknown))
            found = self.vectors[key] = self.corpus.vector(raw)
        return found

    def centre(self, cluster: list[Key]) -> dict[str, float]:
        return similarity.centre((self.vector(k) for k in cluster), self.config)

    def named(self, cluster: list[Key], order: dict[Key, int]) -> tuple[Key, Centre]:
        """The member closest to what they all say (the first, in a tie), and the centre
        with how close that member is to it."""
        middle = self.centre(cluster)
        closeness, _, name = max((similarity.cosine(self.vector(k), middle), -order[k], k) for k in cluster)
        return name, (middle, closeness)
