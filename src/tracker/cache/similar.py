"""The similarity index in the cache: each issue's terms (tracker.similarity) beside
its row, filled the first time a command compares issues, and an FTS5 index of those
terms that proposes candidates without reading every issue. Only the issues of a
changed file are worked out again. The clusters are kept too, under a digest of
every issue's terms: a change of status or deadline does not group anything anew.
Both are kept under the similarity configuration's digest (`similarity.version`):
another vocabulary or weight works every issue's terms out again."""

import json
import sqlite3
from array import array
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from sys import intern
from typing import Any

from tracker import similarity
from tracker.cache import db as cachedb
from tracker.cache.derived import SEPARATOR, Analysed, heaviest, kept_version, similar_row, start_again, token
from tracker.cache.index import Index

_BATCH = 500  # SQLite takes this many values in one IN (…) everywhere


def _loaded(stored: str, top: int = 0) -> dict[str, float]:
    """Stored terms; with `top`, only that many of the heaviest. The same terms in
    many issues are one string in memory, not one each."""
    found = heaviest(json.loads(stored), top)
    return {intern(t): w / 1000 for t, w in found.items()}


def _grouped(top: str, weights: bytes) -> similarity.Compact:
    """An issue's heaviest terms as the cache keeps them for grouping (`derived.grouped`):
    `compact(_loaded(terms, Config.cluster_terms))`, without reading the JSON of all its
    terms nor choosing among them."""
    return (tuple(map(intern, top.split(SEPARATOR))) if top else ()), array("d", weights)


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


_MISSING = """SELECT r.rowid, r.file, r.id, r.title, j.json FROM records r JOIN record_json j ON j.rowid = r.rowid
              LEFT JOIN similar_terms t ON t.rowid = r.rowid WHERE r.section = 'issues' AND t.rowid IS NULL"""


def ready(index: Index) -> None:
    """Work out the terms of every issue that has none yet: all, the first time
    (looking through every issue); after that, those of the files cached again without
    them (`similar_todo`: an edit's one file, not a look through 100,000 issues). Each
    batch is chosen and written in one transaction: two commands filling the index at
    once never both write an issue."""
    db = index.db
    version = similarity.version()
    if db.execute("SELECT 1 FROM meta WHERE key = 'similar_ready'").fetchone() and kept_version(db) == version:
        if db.execute("SELECT 1 FROM similar_todo LIMIT 1").fetchone():
            _ready_files(db)
        return
    fts = cachedb.has_similar(db)
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            if kept_version(db) != version:
                start_again(db, version)
            todo = db.execute(f"{_MISSING} LIMIT ?", (_FILL,)).fetchall()
            if not todo:
                db.execute("DELETE FROM similar_todo")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('similar_ready', '1')")
                db.execute("COMMIT")
                return
            _fill(db, todo, fts)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise


def _ready_files(db: sqlite3.Connection) -> None:
    """The terms of the issues of the files `similar_todo` names, in one transaction
    (another command may have done them meanwhile: what is left is read inside it)."""
    fts = cachedb.has_similar(db)
    db.execute("BEGIN IMMEDIATE")
    try:
        for (name,) in db.execute("SELECT file FROM similar_todo").fetchall():
            todo = db.execute(f"{_MISSING} AND r.file = ?", (name,)).fetchall()
            if todo:
                _fill(db, todo, fts)
            db.execute("DELETE FROM similar_todo WHERE file = ?", (name,))
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
        *row, terms = similar_row(file, ident, title, description, config, memo)
        counts.update(terms)
        rows.append((rowid, *row))
    db.executemany("INSERT INTO similar_terms VALUES (?, ?, ?, ?, ?, ?)", (r[:6] for r in rows))
    db.executemany("INSERT INTO similar_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                   counts.items())  # fmt: skip
    if fts:
        db.executemany("INSERT INTO similar(rowid, terms) VALUES (?, ?)", ((r[0], r[6]) for r in rows))


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
    count, total = _totals(index)
    return f"{similarity.version()}:{count}:{total}"


def _totals(index: Index) -> tuple[int, int]:
    """How many issues there are, and the sum of their checksums (after `ready`)."""
    ready(index)
    count, total = index.db.execute("SELECT count(*), total(h) FROM similar_terms").fetchone()
    return int(count), int(total)


Found = list[tuple[Key, list[Key]]]  # (representative, members) of each cluster, largest first
Centre = tuple[dict[str, float], float]  # a cluster's centre, and how close its representative is to it


def clusters(index: Index) -> Found:
    """The clusters of all issues: for each, the issue closest to what they all say and
    its members, largest first. Kept in the cache until an issue's ID or text changes
    (a new status or deadline groups nothing anew). Beyond `Config.exact` issues, the
    few issues added or changed since join the kept clusters (`_regrouped`) rather
    than every issue being grouped again."""
    kept(index)
    db = index.db
    query = "SELECT cl, rank, named_file, named_id FROM kept_clusters"
    ranked: dict[int, tuple[int, Key, list[Key]]] = {
        cl: (rank, (named_file, named_id), []) for cl, rank, named_file, named_id in db.execute(query)
    }
    # from the index, in order (no sort of every member by the clusters' rank)
    for cl, file, ident in db.execute("SELECT cl, file, id FROM kept_members ORDER BY cl, file, pos"):
        ranked[cl][2].append((file, ident))
    return [(name, members) for _, name, members in sorted(ranked.values(), key=lambda r: r[0])]


def kept(index: Index) -> str:
    """Make sure the kept clusters (tables `kept_*`) are those of the issues as they are
    now; their key (`clusters_key`)."""
    count, total = _totals(index)
    key = f"{similarity.version()}:{count}:{total}"
    db = index.db
    if db.execute("SELECT 1 FROM memo WHERE key = ?", (f"clusters:{key}",)).fetchone() is not None:
        if db.execute("SELECT 1 FROM fresh_terms LIMIT 1").fetchone() is not None:
            _moved(db)
        return key
    config = similarity.active()
    before = db.execute("SELECT value FROM memo WHERE key LIKE 'clusters:%'").fetchone()
    state = None if before is None else json.loads(before[0])
    done = False
    if isinstance(state, dict) and count > config.exact:
        done = _regrouped(index, key, state, count, total, config)
    if not done:
        _regroup_all(index, key, count, total, config)
    return key


def _moved(db: sqlite3.Connection) -> None:
    """Files cached again with the same texts: nothing to group, but their issues may
    have moved in them (reordered by hand), which orders the members and the clusters."""
    with cachedb.immediate(db):
        fresh = [(rowid,) for (rowid,) in db.execute("SELECT rowid FROM fresh_terms")]
        query = ("SELECT r.file, r.id, r.pos FROM records r WHERE r.section = 'issues' AND r.file IN "
                 "(SELECT DISTINCT r2.file FROM fresh_terms f JOIN records r2 ON r2.rowid = f.rowid)")  # fmt: skip
        if _places(db, {(f, i): p for f, i, p in db.execute(query)}):
            _ranked(db)
        db.executemany("DELETE FROM fresh_terms WHERE rowid = ?", fresh)


def _regroup_all(index: Index, key: str, count: int, total: int, config: similarity.Config) -> None:
    """Every issue grouped anew, and kept as rows (the groups then written again whole)."""
    found, centres, issues = _grouping(index, config)
    db = index.db
    with cachedb.immediate(db, done=f"clusters:{key}") as writing:
        if not writing:  # another command kept the same meanwhile
            return
        for table in ("kept_issues", "kept_members", "kept_clusters", "regrouped", "fresh_terms"):
            db.execute(f"DELETE FROM {table}")
        db.executemany("INSERT INTO kept_issues VALUES (?, ?, ?)", ((f, i, h) for (f, i), (_, h) in issues.items()))
        db.executemany("INSERT INTO kept_clusters VALUES (?, ?, ?, ?, ?, ?, ?)",
                       ((n, n, *rep, _centre_text(c), c[1], len(members))
                        for n, ((rep, members), c) in enumerate(zip(found, centres, strict=True))))  # fmt: skip
        held = ((n, f, i, issues[f, i][0]) for n, (_, cluster) in enumerate(found) for f, i in cluster)
        db.executemany("INSERT INTO kept_members VALUES (?, ?, ?, ?)", held)
        db.execute("DELETE FROM memo WHERE key LIKE 'clusters:%' OR key LIKE 'groups:%'")  # the groups: all anew
        state = json.dumps({"changed": 0, "count": count, "total": total})
        db.execute("INSERT INTO memo VALUES (?, ?)", (f"clusters:{key}", state))


def _centre_text(centre: Centre) -> str:
    return json.dumps(centre[0], ensure_ascii=False, separators=(",", ":"))


def _checksums(index: Index) -> dict[Key, tuple[int, int]]:
    """(file, ID) → (checksum of its ID and terms, place in its file) of every issue."""
    query = f"SELECT r.file, r.id, t.h, r.pos FROM {_FROM} WHERE r.section = 'issues'"
    return {(f, i): (h, p) for f, i, h, p in index.db.execute(query)}


def grouping_input(index: Index, config: similarity.Config) -> tuple[list[Key], list[similarity.Compact], list[str]]:
    """What grouping reads of every issue, in the order of the cache: its key, its
    `Config.cluster_terms` heaviest terms (kept small: `similarity.compact`) and its
    folded title (the roll-up groups many repositories' issues from these, each read
    from its own cache)."""
    return _input(index)[:3]


def _input(index: Index) -> tuple[list[Key], list[similarity.Compact], list[str], list[tuple[int, int]]]:
    """`grouping_input`, and each issue's place in its file and checksum (as the
    clusters are kept), read in the same pass."""
    ready(index)
    keys: list[Key] = []
    raw: list[similarity.Compact] = []
    fuzzy: list[str] = []
    kept: list[tuple[int, int]] = []
    query = f"""SELECT r.file, r.id, t.heaviest, t.weights, t.fuzzy, r.pos, t.h FROM {_FROM}
                WHERE r.section = 'issues' ORDER BY r.file, r.pos"""
    seen: set[Key] = set()
    for file, ident, top, weights, fz, pos, h in index.db.execute(query):
        if (file, ident) in seen:  # one ID twice in a file, as a merge may leave it (validate says so): grouped once
            continue
        seen.add((file, ident))
        keys.append((file, ident))
        raw.append(_grouped(top, weights))
        fuzzy.append(fz)
        kept.append((pos, h))
    return keys, raw, fuzzy, kept


def _all_grouped(index: Index, config: similarity.Config) -> Found:
    """Every issue grouped anew."""
    return _grouping(index, config)[0]


def _grouping(index: Index, config: similarity.Config) -> tuple[Found, list[Centre], dict[Key, tuple[int, int]]]:
    """Every issue grouped anew, with each cluster's centre (kept, for `_regrouped`),
    and each issue's place in its file and checksum."""
    keys, raw, fuzzy, kept = _input(index)
    model = similarity.Model([f"{f}/{i}" for f, i in keys], raw, fuzzy, config)  # `raw` becomes its vectors
    found: Found = []
    centres: list[Centre] = []
    groups = model.clusters()
    for group, (rep, centre, closeness) in zip(groups, model.named_all(groups), strict=True):
        found.append((keys[rep], [keys[n] for n in group]))
        centres.append((centre, closeness))
    return found, centres, dict(zip(keys, kept, strict=True))


@dataclass(slots=True)
class _Slot:
    """A cluster as `_regrouped` holds it: a kept one, read as it is needed, or one made now."""

    cl: int | None  # its kept row (None: made now)
    name: Key | None  # None: named again from its members
    centre: Centre | None  # None: worked out from its members
    kept: list[tuple[Key, int]] | None  # its kept members with their place, less those taken out (None: not read)
    added: list[Key] = field(default_factory=list)  # the new issues that joined it, in turn
    changed: bool = False  # lost or gained a member


def _changes(index: Index, state: dict[str, Any], count: int,
             total: int) -> tuple[list[Key], dict[Key, int], dict[Key, tuple[int, int]]]:  # fmt: skip
    """The issues added or changed since the clusters were kept (in the order of the
    cache), those taken out or changed (→ the checksum they had), and the checksum and
    place now of every issue of the files cached again since. Those files are found
    among the terms written since (`fresh_terms`); if the counts do not add up (a file
    taken out), every issue is compared."""
    db = index.db
    query = "SELECT DISTINCT r.file FROM fresh_terms n JOIN records r ON r.rowid = n.rowid"
    now: dict[Key, tuple[int, int]] = {}
    was: dict[Key, int] = {}
    for (file,) in db.execute(query).fetchall():
        query = f"SELECT r.id, t.h, r.pos FROM {_FROM} WHERE r.file = ? AND r.section = 'issues'"
        now.update(((file, i), (h, p)) for i, h, p in db.execute(query, (file,)))
        was.update(((file, i), h) for i, h in db.execute("SELECT id, h FROM kept_issues WHERE file = ?", (file,)))

    def compared() -> tuple[dict[Key, tuple[int, int]], dict[Key, int]]:
        return ({k: hp for k, hp in now.items() if was.get(k) != hp[0]},
                {k: h for k, h in was.items() if k not in now or now[k][0] != h})  # fmt: skip

    new, gone = compared()
    after = (int(state["count"]) - len(gone) + len(new),
             int(state["total"]) - sum(gone.values()) + sum(h for h, _ in new.values()))  # fmt: skip
    if after != (count, total):
        now = _checksums(index)
        was = {(f, i): h for f, i, h in db.execute("SELECT file, id, h FROM kept_issues")}
        new, gone = compared()
    return sorted(new, key=lambda k: (k[0], new[k][1])), gone, now


def _regrouped(index: Index, kept_key: str, state: dict[str, Any], count: int, total: int,
               config: similarity.Config) -> bool:  # fmt: skip
    """The kept clusters, the issues taken out or changed since left out of them, and
    each new or changed issue joined to the cluster whose centre it is closest to,
    if close enough (`Config.assign`: the rule beyond `Config.exact` issues), among
    the clusters of the issues most like it (an issue alone counts as a cluster of
    one); an issue that joins none stays alone. A kept cluster is compared by the
    centre kept with it (its members are not read again: a cluster may hold thousands),
    and keeps its name unless the issue naming it left (then it is named again) or a
    new member is closer to that centre. Only the clusters touched are read and
    written. False (nothing done) when the issues changed since every issue was last
    grouped are more than `Config.regroup_share` of them."""
    db = index.db
    fresh = [rowid for (rowid,) in db.execute("SELECT rowid FROM fresh_terms")]
    new, gone, now = _changes(index, state, count, total)
    changed = int(state["changed"]) + len(new) + len(gone)
    if changed > count * config.regroup_share:
        return False
    slots: list[_Slot] = []
    slot_of: dict[int, int] = {}  # kept cluster → its slot
    owner: dict[Key, int | None] = dict.fromkeys(gone)  # issue → its slot (None: in none), as found so far

    def slot(cl: int) -> int:
        if cl not in slot_of:
            query = "SELECT named_file, named_id, centre, closeness FROM kept_clusters WHERE cl = ?"
            named_file, named_id, centre, closeness = db.execute(query, (cl,)).fetchone()
            rep = (named_file, named_id)
            held = rep not in gone
            slots.append(_Slot(cl, rep if held else None, (json.loads(centre), float(closeness)) if held else None,
                               None))  # fmt: skip
            slot_of[cl] = len(slots) - 1
        return slot_of[cl]

    held_by = "SELECT m.cl FROM kept_members m JOIN kept_clusters c ON c.cl = m.cl WHERE m.file = ? AND m.id = ?"
    for gone_key in gone:
        for (cl,) in db.execute(held_by, gone_key).fetchall():
            slots[slot(cl)].changed = True

    def cluster_of(key: Key) -> int | None:
        if key not in owner:
            # held twice: the later cluster, as a walk of the clusters in order keeps it
            row = db.execute(f"{held_by} ORDER BY c.rank DESC LIMIT 1", key).fetchone()
            owner[key] = None if row is None else slot(row[0])
        return owner[key]

    def members(place: int) -> list[Key]:
        found = slots[place]
        if found.kept is None:
            query = "SELECT file, id, pos FROM kept_members WHERE cl = ? ORDER BY file, pos"
            found.kept = [((f, i), p) for f, i, p in db.execute(query, (found.cl,)) if (f, i) not in gone]
        return [k for k, _ in found.kept] + found.added

    vectors = _Vectors(index, count, config)
    near_to = Near(index)  # the new issues' queries share what they read

    def centre_of(place: int | Key) -> dict[str, float]:
        if not isinstance(place, int):
            return vectors.centre([place])
        held = slots[place].centre
        return held[0] if held is not None else vectors.centre(members(place))

    for key in new:
        if owner.get(key) is not None:  # an earlier new issue joined it, alone, already
            continue
        terms, fuzzy = vectors.stored(key)
        near: list[int | Key] = []  # the clusters of the issues most like it, most alike first
        for row, _ in near_to(terms, fuzzy, config.neighbours + 1):
            other = (row.file, row.id)
            found = cluster_of(other)
            place = other if found is None else found
            if other != key and place not in near:
                near.append(place)
        near = near[: config.near]
        vector = vectors.vector(key)
        alike = [(similarity.cosine(vector, centre_of(p)), -n) for n, p in enumerate(near)]
        best = max(alike, default=(0.0, 0))
        if best[0] < config.assign:
            continue
        chosen = near[-best[1]]
        if not isinstance(chosen, int):  # an issue alone: the two make a cluster
            at = now[chosen][1] if chosen in now else _place(db, chosen)
            slots.append(_Slot(None, None, None, [(chosen, at)]))
            owner[chosen] = len(slots) - 1
            chosen = len(slots) - 1
        grown = slots[chosen]
        grown.added.append(key)
        grown.changed = True
        owner[key] = chosen
        held = grown.centre
        if grown.name is None or held is None:
            grown.name, grown.centre = None, None  # worked out from its members below
        elif best[0] > held[1]:  # closer to the kept centre than the issue naming it
            grown.name, grown.centre = key, (held[0], best[0])
    touched = [(n, s) for n, s in enumerate(slots) if s.changed]
    with cachedb.immediate(db, done=f"clusters:{kept_key}") as writing:
        if writing:  # else another command joined the same issues meanwhile: not again
            _write(index, touched, members, vectors, now, new, gone, fresh)
            value = json.dumps({"changed": changed, "count": count, "total": total})
            db.execute("INSERT INTO memo VALUES (?, ?)", (f"clusters:{kept_key}", value))
    return True


def _place(db: sqlite3.Connection, key: Key) -> int:
    """An issue's place in its file now."""
    query = "SELECT pos FROM records WHERE section = 'issues' AND file = ? AND id = ?"
    return int(db.execute(query, key).fetchone()[0])


def _write(index: Index, touched: list[tuple[int, _Slot]], members: Callable[[int], list[Key]],
           vectors: "_Vectors", now: dict[Key, tuple[int, int]], new: list[Key], gone: dict[Key, int],
           fresh: list[int]) -> None:  # fmt: skip
    """Write what `_regrouped` changed, in its transaction: the issues taken out and
    added, the places of the files cached again, the clusters touched (named again
    where their name left), every cluster's rank, and the issues to group again
    (`regrouped`)."""
    db = index.db
    out: list[tuple[_Slot, list[tuple[Key, int]], Key, Centre]] = []
    for place, found in touched:
        listed = members(place)
        placed = [(k, now[k][1] if k in now else p) for k, p in found.kept or []]
        placed += [(k, now[k][1]) for k in found.added]  # each new: its file was cached again
        if found.added:  # a kept cluster is in order already, less what left it
            placed.sort(key=lambda kp: (kp[0][0], kp[1]))
            listed = [k for k, _ in placed]
        if len(listed) < 2:
            out.append((found, [], ("", ""), ({}, 0.0)))
            continue
        name, centre = found.name, found.centre
        if name is None or centre is None:
            rank = {k: n for n, (k, _) in enumerate(sorted(placed, key=lambda kp: (kp[0][0], kp[1])))}
            name, centre = vectors.named(listed, rank)
        out.append((found, placed, name, centre))
    db.executemany("DELETE FROM kept_issues WHERE file = ? AND id = ?", gone)
    db.executemany("DELETE FROM kept_members WHERE file = ? AND id = ?", gone)
    db.executemany("INSERT OR REPLACE INTO kept_issues VALUES (?, ?, ?)", ((*k, now[k][0]) for k in new))
    _places(db, {k: p for k, (_, p) in now.items()})
    (last,) = db.execute("SELECT coalesce(max(cl), -1) FROM kept_clusters").fetchone()
    for found, placed, name, centre in out:
        if not placed:
            db.execute("DELETE FROM kept_members WHERE cl = ?", (found.cl,))
            db.execute("DELETE FROM kept_clusters WHERE cl = ?", (found.cl,))
            continue
        adding = [(k, now[k][1]) for k in found.added]
        if found.cl is None:  # made now: the issue it was made of too
            last += 1
            found.cl, adding = last, [*(found.kept or []), *adding]
        db.executemany("INSERT INTO kept_members VALUES (?, ?, ?, ?)", ((found.cl, *k, p) for k, p in adding))
        db.execute("INSERT OR REPLACE INTO kept_clusters VALUES (?, 0, ?, ?, ?, ?, ?)",
                   (found.cl, *name, _centre_text(centre), centre[1], len(placed)))  # fmt: skip
    _ranked(db)
    db.executemany("INSERT OR IGNORE INTO regrouped VALUES (?, ?)", [*gone, *new])
    db.executemany("DELETE FROM fresh_terms WHERE rowid = ?", ((r,) for r in fresh))
    db.execute("DELETE FROM memo WHERE key LIKE 'clusters:%'")


def _places(db: sqlite3.Connection, now: dict[Key, int]) -> bool:
    """The kept members' places in the files of `now` (each issue's place in its file
    now), where they moved; whether any did."""
    moved = []
    for file in sorted({f for f, _ in now}):
        rows = db.execute("SELECT rowid, id, pos FROM kept_members WHERE file = ?", (file,)).fetchall()
        moved += [(now[file, i], rowid) for rowid, i, p in rows if (file, i) in now and now[file, i] != p]
    db.executemany("UPDATE kept_members SET pos = ? WHERE rowid = ?", moved)
    return bool(moved)


def _ranked(db: sqlite3.Connection) -> None:
    """Every cluster's rank: the largest first, then by its first member (file, place)."""
    query = ("SELECT c.cl, c.size, c.rank, f.file, min(m.pos) FROM kept_clusters c "
             "JOIN (SELECT cl, min(file) AS file FROM kept_members GROUP BY cl) f ON f.cl = c.cl "
             "JOIN kept_members m ON m.cl = c.cl AND m.file = f.file GROUP BY c.cl")  # fmt: skip
    ranked = sorted(((-size, file, pos), cl, rank) for cl, size, rank, file, pos in db.execute(query))
    db.executemany("UPDATE kept_clusters SET rank = ? WHERE cl = ?",
                   ((n, cl) for n, (_, cl, rank) in enumerate(ranked) if rank != n))  # fmt: skip


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
