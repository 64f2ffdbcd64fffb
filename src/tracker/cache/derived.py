"""The tables worked out from the cached rows (similarity terms, groups of one
obstacle), as the index keeps them in step with a changed file. This is all the
index knows of them: it tells them `forget(db, name)` before a file's rows go and
`restated(db, name)` once its new rows are in. What works them out and reads them
(`similar.py`, `groups.py`) lies above the index and imports it; nothing here
imports either, so the index calls nothing above itself."""

import json
import re
import sqlite3
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from tracker.cache import db as cachedb

if TYPE_CHECKING:  # similarity loads only where terms are worked out
    from tracker.similarity import Config

_NOT_WORD = re.compile(r"\W+")


# ------------------------------------------------------------ the similarity index


@lru_cache(maxsize=1 << 18)
def token(term: str) -> str:
    """A term as the FTS5 index holds it: one word ("dia chinh" → "dia_chinh",
    a concept "=survey" → "c_survey", an accented syllable "'địa" → "địa")."""
    if term.startswith("="):
        return "c_" + _NOT_WORD.sub("_", term[1:])
    return _NOT_WORD.sub("_", term.lstrip("'"))


def tokens(title_terms: Iterable[str]) -> str:
    """What the FTS5 index holds of an issue: the terms of its title (a description
    proposes nothing on its own, but counts in the score)."""
    return " ".join(token(t) for t in title_terms)


def stored_terms(terms: dict[str, float]) -> str:
    """Terms as the cache keeps them: weights in thousandths (integers write and read fast)."""
    return _stored(_thousandths(terms))


def _thousandths(terms: dict[str, float]) -> dict[str, int]:
    return {t: round(w * 1000) for t, w in terms.items()}


def _stored(thousandths: dict[str, int]) -> str:
    return json.dumps(thousandths, ensure_ascii=False, separators=(",", ":"))


def heaviest(thousandths: dict[str, int], top: int) -> dict[str, int]:
    """Of terms as the cache keeps them, the `top` heaviest (all, with `top` 0 or as
    many): heaviest first, then by term."""
    if top and len(thousandths) > top:
        # by term, then (a stable sort) by weight, in C
        return dict(sorted(sorted(thousandths.items()), key=itemgetter(1), reverse=True)[:top])
    return thousandths


SEPARATOR = "\x1f"  # between the terms of `grouped` (no term holds it: terms are words)


def grouped(thousandths: dict[str, int], top: int) -> tuple[str, bytes]:
    """An issue's `top` heaviest terms as grouping reads them (`similar_terms.heaviest`,
    `.weights`): the terms joined by `SEPARATOR`, and their weights (`w / 1000`) as
    machine doubles. Worked out beside the terms, so that grouping reads neither the
    JSON of all of them nor chooses among them."""
    chosen = heaviest(thousandths, top)
    return SEPARATOR.join(chosen), array("d", [w / 1000 for w in chosen.values()]).tobytes()


# An issue's terms worked out: its `similar_terms` row less the row number, the FTS5
# text of its title's terms, and its terms (counted in `similar_df`).
SimilarRow = tuple[str, str, int, str, bytes, str, list[str]]
Analysed = tuple[str, str, str, bytes, str, list[str]]  # the same, less what the file and ID make


def similar_row(file: str, ident: str, title: str, description: str | None, config: "Config",
                memo: dict[tuple[str, str | None], Analysed] | None = None) -> SimilarRow:  # fmt: skip
    """An issue's terms as the cache keeps them (see `SimilarRow`). With `memo`, a text
    met before (a title and description copied from another issue) is not read again."""
    found = None if memo is None else memo.get((title, description))
    if found is None:
        from tracker import similarity

        read = similarity.analyse(title, description, config)
        thousandths = _thousandths(read.terms)
        found = (_stored(thousandths), read.fuzzy, *grouped(thousandths, config.cluster_terms),
                 tokens(read.title_terms), [sys.intern(t) for t in read.terms])  # fmt: skip
        if memo is not None:
            if len(memo) >= _MEMO:  # copies are mostly near one another: a bounded memo finds them
                memo.clear()
            memo[title, description] = found
    stored, fuzzy, top, weights, fts, terms = found
    check = zlib.crc32(f"{file}\x1f{ident}\x1f{fuzzy}\x1f{stored}".encode())
    return stored, fuzzy, check, top, weights, fts, terms


_MEMO = 1 << 12  # texts remembered (about 3 kB each: their terms are shared strings)


def kept_version(db: sqlite3.Connection) -> str | None:
    """The similarity version (`similarity.version`) the kept terms were worked out with."""
    row = db.execute("SELECT value FROM meta WHERE key = 'similar_version'").fetchone()
    return None if row is None else str(row[0])


def start_again(db: sqlite3.Connection, version: str) -> None:
    """Drop every kept term, count and cluster: they were worked out another way."""
    for table in ("similar_terms", "similar_df"):
        db.execute(f"DELETE FROM {table}")
    if cachedb.has_similar(db):
        db.execute("INSERT INTO similar(similar) VALUES ('delete-all')")
    db.execute("DELETE FROM memo WHERE key LIKE 'clusters:%'")
    db.execute("DELETE FROM similar_todo")  # every issue is to do: the whole look of `similar.ready`
    db.execute("DELETE FROM meta WHERE key = 'similar_ready'")
    db.execute("INSERT OR REPLACE INTO meta VALUES ('similar_version', ?)", (version,))


def forget(db: sqlite3.Connection, name: str) -> None:
    """Take a file's issues out of the similarity index (before its rows go; its new
    rows' terms are worked out as they are stored, or kept to do: `similar_todo`)."""
    query = """SELECT t.rowid, t.terms, r.title FROM similar_terms t JOIN records r ON r.rowid = t.rowid
               WHERE r.file = ?"""
    gone = db.execute(query, (name,)).fetchall()
    if not gone:
        return
    from tracker import similarity  # only when a file that was compared changes

    version = similarity.version()
    if kept_version(db) != version:
        # The index holds another way's terms (a contentless FTS5 index forgets a row
        # only given the very terms it was given): everything is worked out again.
        start_again(db, version)
        return
    counts: Counter[str] = Counter()
    for _, terms, _ in gone:
        counts.update(json.loads(terms).keys())  # the terms, not their weights
    db.executemany("UPDATE similar_df SET n = n - ? WHERE term = ?", ((n, t) for t, n in counts.items()))
    db.execute("DELETE FROM similar_df WHERE n <= 0")
    if cachedb.has_similar(db):  # a contentless index forgets a row given what it held
        held = ((rowid, tokens(similarity.analyse(title).title_terms)) for rowid, _, title in gone)
        db.executemany("INSERT INTO similar(similar, rowid, terms) VALUES ('delete', ?, ?)", held)
    db.executemany("DELETE FROM similar_terms WHERE rowid = ?", ((rowid,) for rowid, _, _ in gone))


# ------------------------------------------------------------ the groups of one obstacle

# What changes between two meetings, read again from the record.
RESTATED = ("(dept, status) = (SELECT r.dept, r.status FROM records r WHERE r.section = 'issues' "
            "AND r.file = group_members.file AND r.id = group_members.id)")  # fmt: skip


def restated(db: sqlite3.Connection, name: str) -> None:
    """Keep the group members' leads and statuses in step with the file `name` just cached."""
    db.execute(f"UPDATE group_members SET {RESTATED} WHERE file = ?", (name,))
