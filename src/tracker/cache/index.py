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

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from tracker import store
from tracker.cache import db as cachedb
from tracker.cache.db import SEP
from tracker.errors import DataError, Problem
from tracker.i18n import Said
from tracker.models import CommuneFile, Issue, PlanItem
from tracker.text import fold
from tracker.validation import Registry, check_commune

_RACY_NS = 2_000_000_000
T = TypeVar("T")


@dataclass
class Refreshed:
    """The state of the data after a refresh."""

    problems: list[Problem]  # of files that could not be read as commune files
    parsed: int  # files parsed this time (0 when everything came from the cache)


def searchable(rec: Issue | PlanItem) -> str:
    """What `--search` looks in, folded: title, description, resolution and notes."""
    parts = [rec.title, *(h.note or "" for h in rec.history)]
    if isinstance(rec, Issue):
        parts += [rec.description or "", rec.resolution or ""]
    else:
        parts += [rec.note or "", *(m.target for m in rec.milestones)]
    return fold(" \n ".join(parts))


def _days(rec: Issue | PlanItem) -> list[Any]:
    """The days a record says something happened on, besides its history."""
    if isinstance(rec, Issue):
        return [rec.raised_on, rec.resolved_on]
    return [rec.start, rec.done_on, *(m.done_on for m in rec.milestones)]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


class Index:
    """The cache of one data directory, for one registry of codes."""

    def __init__(self, data: store.DataDir, registry: Registry) -> None:
        self.data = data
        self.registry = registry
        self.wanted = cachedb.fingerprint(registry.departments, registry.categories)
        self.path = None if cachedb.disabled() else cachedb.location(data.root)
        self.db, self.path = cachedb.connect(self.path, self.wanted)
        self.communes_memo: dict[str, Any] | None = None

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
        if cachedb.has_similar(self.db):
            self.db.execute("INSERT INTO similar(similar) VALUES ('delete-all')")
        self.db.execute("DELETE FROM meta WHERE key != 'fingerprint'")  # what was worked out from the rows
        self.db.execute("COMMIT")
        self.communes_memo = None

    def _refresh(self) -> Refreshed:
        query = "SELECT name, size, mtime_ns, ctime_ns, ino, racy, sha FROM files"
        known = {row[0]: row[1:] for row in self.db.execute(query)}
        now = time.time_ns()
        present = {}
        changed: list[tuple[str, os.stat_result, bytes | None, str]] = []
        for path in self.data.commune_paths():
            st = path.stat()
            present[path.name] = st
            cached = known.get(path.name)
            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            if cached is not None and tuple(cached[:4]) == key and not cached[4]:
                continue
            try:
                raw = store.read_bytes(path)
            except DataError:
                raw = b""  # gone or unreadable since the listing: read again, and say why
            sha = hashlib.sha256(raw).hexdigest()
            same = cached is not None and cached[5] == sha
            changed.append((path.name, st, None if same else raw, sha))
        gone = [name for name in known if name not in present]
        if changed or gone:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for name in gone:
                    self._forget(name)
                for name, st, content, digest in changed:
                    racy = int(max(st.st_mtime_ns, st.st_ctime_ns) >= now - _RACY_NS)
                    if content is None:  # touched, same content
                        self.db.execute(
                            "UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, ino=?, racy=? WHERE name=?",
                            (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, racy, name),
                        )
                    else:
                        self._store(name, st, content, digest, racy)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.communes_memo = None
        return Refreshed(self.file_problems(), sum(1 for _, _, raw, _ in changed if raw is not None))

    def _forget(self, name: str) -> None:
        from tracker.cache import similar

        similar.forget(self.db, name)
        tables = (("files", "name"), ("records", "file"), ("refs", "file"), ("involved", "file"), ("links", "file"))
        for table, column in tables:
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

    def _store(self, name: str, st: os.stat_result, raw: bytes, sha: str, racy: int) -> None:
        self._forget(name)
        path = self.data.communes_dir / name
        shown = store.display(path)
        header: tuple[Any, ...] = (0, None, None, None, None, None, None, 0, 0, None)
        try:
            if not raw:
                raw = store.read_bytes(path)  # says why it cannot be read
            text = store.decode(raw, shown)[0]
            loaded, cf = store.parse(text, shown, CommuneFile)
        except DataError as exc:
            problems = exc.problems
        else:
            problems = check_commune(cf, loaded, shown, self.registry, check_ids=False)
            info = cf.commune
            lines = (loaded.line_of(("commune", "code")), loaded.line_of(("commune", "prefix")))
            latest = self._store_records(name, cf, loaded)
            header = (1, info.code, info.name, info.kind.value, info.prefix, fold(info.name), info.email, *lines,
                      latest)  # fmt: skip
        stored = json.dumps([[p.line, p.record, p.field, *p.message] for p in problems], ensure_ascii=False)
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (name, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, racy, sha, stored, *header),
        )

    def _store_records(self, name: str, cf: CommuneFile, loaded: Any) -> str | None:
        """Store the file's records; the last day any of them says something happened."""
        rows: list[tuple[Any, ...]] = []
        days: list[str] = []
        refs = []
        involved = []
        links = []
        for section, pos, rec in cf.records():
            told = [h for h in rec.history if not h.reminder]  # a reminder is not progress
            last = _iso(told[-1].date) if told else None
            reminded = len(rec.history) - len(told)
            days += [d for d in (*(_iso(h.date) for h in rec.history[-1:]), *(_iso(d) for d in _days(rec))) if d]
            full = rec.model_dump_json(exclude_defaults=True)
            # `search` (folded text) is filled in by the first search: folding is a fifth
            # of a cold build, and most commands never search.
            if isinstance(rec, Issue):
                involved += [(code, name, pos) for code in dict.fromkeys([rec.dept, *rec.support])]
                line = loaded.line_of(("issues", pos, "same_as"))
                links += [(name, rec.id, other, line) for other in rec.same_as]
                rows.append((name, section, pos, rec.id, rec.dept, rec.status.value, rec.category, _iso(rec.due),
                             _iso(rec.resolved_on), rec.title, SEP.join(rec.support), rec.priority.value,
                             _iso(rec.raised_on), rec.owner, rec.resolution, None, None, None, None, None, last,
                             reminded, None, full))  # fmt: skip
            else:
                line = loaded.line_of(("action_plan", pos, "issues"))
                refs += [(name, rec.id, ident, line) for ident in rec.issues]
                done = sum(1 for m in rec.milestones if m.done_on)
                rows.append((name, section, pos, rec.id, None, rec.status.value, None, _iso(rec.due), None,
                             rec.title, None, None, None, rec.owner, None, _iso(rec.start), _iso(rec.done_on),
                             SEP.join(rec.issues), len(rec.milestones), done, last, reminded, None, full))  # fmt: skip
        marks = ", ".join("?" * 24)
        self.db.executemany(f"INSERT INTO records VALUES ({marks})", rows)
        self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", refs)
        self.db.executemany("INSERT INTO involved VALUES (?, ?, ?)", involved)
        self.db.executemany("INSERT INTO links VALUES (?, ?, ?, ?)", links)
        return max(days, default=None)

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
