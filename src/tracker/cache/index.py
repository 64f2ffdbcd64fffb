"""The cache of one data folder, kept up to date file by file.

- Never stale: each file is keyed by size, mtime, ctime and inode; a file changed
  within two seconds of being cached is "racy" and is checked by content (SHA-256)
  every time, as git does for its index. Any edit — by hand, by git, by tracker — is seen.
- Rebuilt file by file; safe to delete; a corrupt cache is deleted and rebuilt.
- Outside the data folder (the user's cache directory, or $TRACKER_CACHE_DIR), so it
  is never committed. Data only, no pickle: rows are checked as they are read, and
  a row that does not check is a damaged cache, rebuilt.
- TRACKER_NO_CACHE=1 keeps it in memory for one command.
- Problems are kept in both languages and worded when shown.
"""

import atexit
import contextlib
import hashlib
import json
import os
import sqlite3
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from tracker import store
from tracker.cache import db as cachedb
from tracker.cache import derived
from tracker.errors import DataError, Problem
from tracker.i18n import Said
from tracker.registry import Registry

if TYPE_CHECKING:  # parsing (PyYAML, the models' validators) loads only when a file changed
    from tracker.cache import parse
    from tracker.similarity import Config

_RACY_NS = 2_000_000_000
T = TypeVar("T")


@dataclass
class Refreshed:
    """The state of the data after a refresh."""

    problems: list[Problem]  # of files that could not be read as commune files
    parsed: int  # files parsed this time (0 when everything came from the cache)


# The caches open in this process, closed as it ends: the last connection to a cache
# folds its write-ahead log (-wal) back in and removes it, and the command line ends
# without tearing every object down (cli.leave), which would have closed them.
_OPEN: "weakref.WeakSet[Index]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for index in list(_OPEN):
        with contextlib.suppress(sqlite3.Error):
            index.db.close()


class Index:
    """The cache of one data directory, for one registry of codes."""

    def __init__(self, data: store.DataDir, registry: Registry) -> None:
        self.data = data
        self.registry = registry
        names = {f"{key}={code}" for key, code in registry.names.items()}  # a renamed alias is a new suggestion
        self.wanted = cachedb.fingerprint(registry.departments | names, registry.categories)
        self.path = None if cachedb.disabled() else cachedb.location(data.root)
        self.db, self.path = cachedb.connect(self.path, self.wanted)
        self.communes_memo: dict[str, Any] | None = None
        # Whole records already validated from their JSON, by the query that read them,
        # until the rows change (a period's report rolls the same records back to
        # several days: read and validated once, not once a day).
        self.records_memo: dict[tuple[str, str, tuple[Any, ...]], list[Any]] = {}
        self._fts = False  # while a build writes the issues' terms: whether the cache has the FTS5 index
        self._counts: dict[str, int] = {}  # ...and how many of its issues hold each term, so far
        self._search = False  # while files are cached again: whether the cache has the trigram index
        _OPEN.add(self)

    def checked(self, read: Callable[[], T]) -> T:
        """`read()`, and once more after a rebuild if a row did not check (a damaged
        or tampered cache: it is data, never trusted code)."""
        try:
            return read()
        except (ValueError, TypeError, KeyError, AttributeError, sqlite3.DatabaseError):
            self.wipe()
            self.refresh()
            return read()

    # ------------------------------------------------------------ refreshing

    def refresh(self) -> Refreshed:
        """Bring the cache up to date with the files; parse only those that changed."""
        try:
            return self._refresh()
        except sqlite3.DatabaseError:
            pass
        # Damaged, or not shaped as this version writes it: start again on disk...
        self.db.close()
        if self.path is not None:
            cachedb.discard(self.path)
            self.db, self.path = cachedb.connect(self.path, self.wanted)
            try:
                return self._refresh()
            except sqlite3.DatabaseError:
                self.db.close()
        # ...and if even that fails (a full disk), in memory for this command.
        self.db, self.path = cachedb.connect(None, self.wanted)
        return self._refresh()

    def wipe(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        for table in cachedb.TABLES[1:]:
            self.db.execute(f"DELETE FROM {table}")
        if cachedb.has_search(self.db):
            self.db.execute("INSERT INTO search_index(search_index) VALUES ('delete-all')")
        if cachedb.has_similar(self.db):
            self.db.execute("INSERT INTO similar(similar) VALUES ('delete-all')")
        self.db.execute("DELETE FROM meta WHERE key != 'fingerprint'")  # what was worked out from the rows
        self.db.execute("COMMIT")
        self.communes_memo = None
        self.records_memo = {}

    def _refresh(self) -> Refreshed:
        query = "SELECT name, size, mtime_ns, ctime_ns, ino, racy, sha FROM files"
        known = {row[0]: row[1:] for row in self.db.execute(query)}
        now = time.time_ns()
        present = {}
        changed: list[tuple[str, os.stat_result, bytes | None, str]] = []
        folder = self.data.communes_dir
        for name in self.data.commune_names():
            st = os.stat(os.path.join(folder, name))
            present[name] = st
            cached = known.get(name)
            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            if cached is not None and tuple(cached[:4]) == key and not cached[4]:
                continue
            try:
                raw = store.read_bytes(folder / name)
            except DataError:
                raw = b""  # gone or unreadable since the listing: read again, and say why
            sha = hashlib.sha256(raw).hexdigest()
            same = cached is not None and cached[5] == sha
            changed.append((name, st, None if same else raw, sha))
        gone = [name for name in known if name not in present]
        stats: dict[str, tuple[os.stat_result, str, int]] = {}
        if changed or gone:
            self.db.execute("BEGIN IMMEDIATE")
            self._search = cachedb.has_search(self.db)
            try:
                for name in gone:
                    self._forget(name)
                jobs: list[parse.Job] = []
                for name, st, content, digest in changed:
                    racy = int(max(st.st_mtime_ns, st.st_ctime_ns) >= now - _RACY_NS)
                    if content is None:  # touched, same content
                        self.db.execute(
                            "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, ino=?, racy=? WHERE name=?",
                            (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, racy, name),
                        )
                    else:
                        jobs.append((name, store.display(self.data.communes_dir / name), content))
                        stats[name] = (st, digest, racy)
                if jobs:  # a file only touched, or racy and the same, is not parsed: nor is the parser loaded
                    from tracker.cache.parse import parse_all

                    terms = self._terms_here(jobs)
                    for parsed in parse_all(jobs, self.registry, str(folder), terms):
                        self._store(parsed, *stats[parsed.name])
                    if terms is not None:
                        self._held()
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.communes_memo = None
            self.records_memo = {}
        return Refreshed(self.file_problems(), sum(1 for _, _, raw, _ in changed if raw is not None))

    def _terms_here(self, jobs: "list[parse.Job]") -> "Config | None":
        """The similarity configuration to work the issues' terms out with as the files
        are parsed, where a pool parses them (a cold build: the two cores share that
        work, which the first command that compares issues would do alone); None where
        one process parses a few files (their terms are worked out when first needed)."""
        from tracker.cache import parse

        if not parse.pooled(jobs):
            return None
        from tracker import similarity

        config = similarity.active()
        if derived.kept_version(self.db) != config.digest:
            derived.start_again(self.db, config.digest)
        self._fts = cachedb.has_similar(self.db)
        self._counts = {}
        return config

    def _held(self) -> None:
        """How many issues hold each term, added up over the files just cached."""
        self.db.executemany("INSERT INTO similar_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET n = n + excluded.n",
                            self._counts.items())  # fmt: skip
        self._counts = {}

    def _forget(self, name: str) -> None:
        derived.forget(self.db, name)  # before the rows it was worked out from go
        if self._search:  # the index forgets a row given what it held
            self.db.execute("""INSERT INTO search_index(search_index, rowid, search) SELECT 'delete', rowid, search
                               FROM record_search WHERE rowid IN (SELECT rowid FROM records WHERE file = ?)""",
                            (name,))  # fmt: skip
        for table in ("record_json", "record_search"):
            self.db.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM records WHERE file = ?)", (name,))
        tables = (("files", "name"), ("records", "file"), ("file_issues", "file"), ("refs", "file"),
                  ("involved", "file"), ("links", "file"), ("apart", "file"), ("past", "file"))  # fmt: skip
        for table, column in tables:
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

    def _store(self, parsed: "parse.Parsed", st: os.stat_result, sha: str, racy: int) -> None:
        name = parsed.name
        self._forget(name)
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, racy, sha, parsed.problems, *parsed.header),
        )
        marks = ", ".join("?" * cachedb.RECORD_COLUMNS)
        self.db.executemany(f"INSERT INTO records VALUES ({marks})", (r[:-2] for r in parsed.records))
        # the folded text and the JSON in tables of their own, by the rows just written
        query = "SELECT section, pos, rowid FROM records WHERE file = ?"
        rowid = {(section, pos): rowid for section, pos, rowid in self.db.execute(query, (name,))}
        tables = [(-2, "record_search"), (-1, "record_json")]
        if self._search:
            tables.append((-2, "search_index(rowid, search)"))
        for n, table in tables:
            self.db.executemany(
                f"INSERT INTO {table} VALUES (?, ?)", ((rowid[r[1], r[2]], r[n]) for r in parsed.records)
            )
        # the file's issues as rows in one piece, made by SQLite from those just written
        self.db.execute(f"""INSERT INTO file_issues SELECT ?1, json_group_array(json(row)) FROM
                            (SELECT json_array({cachedb.ISSUE_ROW}) AS row FROM records
                             WHERE file = ?1 AND section = 'issues' ORDER BY pos)
                            HAVING count(*)""", (name,))  # fmt: skip
        self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", parsed.refs)
        self.db.executemany("INSERT INTO involved VALUES (?, ?, ?)", parsed.involved)
        self.db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", parsed.links)
        self.db.executemany("INSERT INTO apart VALUES (?, ?, ?, ?)", parsed.apart)
        self.db.executemany("INSERT INTO past VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", parsed.past)
        if not parsed.similar:  # none worked out here (or none to work out): the first comparison does
            self.db.execute("INSERT OR IGNORE INTO similar_todo VALUES (?)", (name,))
        else:
            rows = [(rowid["issues", pos], *rest) for pos, *rest in parsed.similar]
            self.db.executemany("INSERT INTO similar_terms VALUES (?, ?, ?, ?, ?, ?)", (r[:6] for r in rows))
            if self._fts:
                self.db.executemany("INSERT INTO similar(rowid, terms) VALUES (?, ?)", ((r[0], r[6]) for r in rows))
            counts = self._counts
            for term, n in parsed.held.items():
                counts[term] = counts.get(term, 0) + n
        derived.restated(self.db, name)

    # ------------------------------------------------------------ problems

    def file_problems(self, include_checks: bool = False) -> list[Problem]:
        """Problems of files that could not be read as commune files (and, with
        `include_checks`, what validation found in the readable ones)."""
        query = "SELECT name, problems FROM files WHERE problems != '[]'"
        if not include_checks:
            query += " AND NOT valid"
        out = []
        for name, stored in self.db.execute(query):
            shown = store.display(self.data.communes_dir / name)
            out += [Problem(shown, line, record, fld, Said(vi, en)) for line, record, fld, vi, en in json.loads(stored)]
        return out
