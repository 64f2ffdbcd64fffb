"""The similarity index in the cache: each issue's terms (tracker.similarity) beside
its row, filled the first time a command compares issues, and an FTS5 index of those
terms that proposes candidates without reading every issue. Only the issues of a
changed file are worked out again. The clusters are kept too, under a digest of
every issue's terms: a change of status or deadline does not group anything anew.
Both are kept under the similarity configuration's digest (`similarity.version`):
another vocabulary or weight works every issue's terms out again."""

import json
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from tracker import similarity
from tracker.cache import db as cachedb
from tracker.cache.derived import kept_version, start_again, token, tokens
from tracker.cache.index import Index

_BATCH = 500  # SQLite takes this many values in one IN (…) everywhere


def _stored(terms: dict[str, float]) -> str:
    """Terms as the cache keeps them: weights in thousandths (integers write and read fast)."""
    return json.dumps({t: round(w * 1000) for t, w in terms.items()}, ensure_ascii=False, separators=(",", ":"))


def _loaded(stored: str, top: int = 0) -> dict[str, float]:
    """Stored terms; with `top`, only that many of the heaviest. The same terms in
    many issues are one string in memory, not one each."""
    found = json.loads(stored)
    if top and len(found) > top:
        found = dict(sorted(found.items(), key=lambda tw: (-tw[1], tw[0]))[:top])
    return {_intern(t): w / 1000 for t, w in found.items()}


def _intern(term: str, _seen: dict[str, str] = {}) -> str:  # noqa: B006 - one table for the process
    return _seen.setdefault(term, term)


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
    for rowid, file, ident, title, full in todo:
        found = similarity.analyse(title, json.loads(full).get("description"))
        counts.update(found.terms.keys())
        stored = _stored(found.terms)
        check = zlib.crc32(f"{file}\x1f{ident}\x1f{found.fuzzy}\x1f{stored}".encode())
        rows.append((rowid, stored, found.fuzzy, check, tokens(found.title_terms)))
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
    ready(index)
    if not cachedb.has_similar(index.db):
        return _nearest_by_reading(index, terms, fuzzy, limit)
    config = similarity.active()
    size = _issues(index)
    counts = _document_counts(index, list(terms))
    common = max(config.common_least, size // config.common_share)
    rare = sorted((t for t in terms if 0 < counts.get(t, 0) <= common), key=lambda t: (counts[t], t))
    rare = rare[: config.query_terms]
    if not rare:
        return []
    match = " OR ".join(f'"{token(t)}"' for t in rare)
    found = index.db.execute("SELECT rowid FROM similar WHERE similar MATCH ? ORDER BY rank LIMIT ?",
                             (match, config.candidates)).fetchall()  # fmt: skip
    keys = [k for (k,) in found]
    rows: list[Compared] = []
    for at in range(0, len(keys), _BATCH):
        chunk = keys[at : at + _BATCH]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT {_COLUMNS} FROM {_FROM} WHERE r.rowid IN ({marks})"
        rows += [_compared(r) for r in index.db.execute(query, chunk)]
    wanted = sorted({t for r in rows for t in r.terms} | set(terms))
    corpus = similarity.Corpus.known_counts(_document_counts(index, wanted), size)
    return _best(corpus, rows, terms, fuzzy, limit)


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


def clusters(index: Index) -> list[tuple[Key, list[Key]]]:
    """The clusters of all issues: for each, the issue closest to what they all say and
    its members, largest first. Kept in the cache until an issue's ID or text changes
    (a new status or deadline groups nothing anew)."""
    key = f"clusters:{clusters_key(index)}"
    kept = index.db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
    if kept is not None:
        return [(tuple(rep), [tuple(m) for m in members]) for rep, members in json.loads(kept[0])]
    config = similarity.active()
    keys: list[Key] = []
    raw: list[dict[str, float]] = []
    fuzzy: list[str] = []
    query = f"SELECT r.file, r.id, t.terms, t.fuzzy FROM {_FROM} WHERE r.section = 'issues' ORDER BY r.file, r.pos"
    for file, ident, terms, fz in index.db.execute(query):
        keys.append((file, ident))
        raw.append(_loaded(terms, config.cluster_terms))
        fuzzy.append(fz)
    model = similarity.Model([f"{f}/{i}" for f, i in keys], raw, fuzzy, config)
    del raw
    found = [(keys[model.representative(g)], [keys[n] for n in g]) for g in model.clusters()]
    index.db.execute("BEGIN IMMEDIATE")
    index.db.execute("DELETE FROM memo WHERE key LIKE 'clusters:%'")
    index.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, json.dumps(found, ensure_ascii=False)))
    index.db.execute("COMMIT")
    return found
