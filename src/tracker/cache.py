"""A cache of the validated commune files, so that repeated commands do not parse
unchanged YAML again: an SQLite index (stdlib `sqlite3`) of records as JSON, shaped
like the questions commands ask (by department, status, commune).

- Never stale: each file is keyed by size, mtime, ctime and inode; a file changed
  within two seconds of being cached is "racy" and is checked by content (SHA-256)
  every time, as git does for its index. Any edit — by hand, by git, by tracker — is seen.
- Rebuilt file by file; safe to delete; a corrupt cache is deleted and rebuilt.
- Outside the data folder (the user's cache directory, or $TRACKER_CACHE_DIR), so it
  is never committed. Data only: rows are validated again when read, no pickle.
- TRACKER_NO_CACHE=1 keeps it in memory for one command.
"""

import contextlib
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tracker import __version__, store
from tracker.errors import DataError, Problem
from tracker.i18n import get_lang
from tracker.models import CommuneFile, CommuneInfo, Issue, PlanItem
from tracker.query import Filter, Row, searchable
from tracker.reporting import GRID_KEYS
from tracker.text import fold
from tracker.validation import Registry, check_commune

# Bump when what is stored changes shape: an older cache is then rebuilt.
FORMAT = f"{__version__}/10"
_RACY_NS = 2_000_000_000
_TABLES = ("meta", "files", "records", "refs", "involved")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    name TEXT PRIMARY KEY, size INT, mtime_ns INT, ctime_ns INT, ino INT, racy INT, sha TEXT,
    problems TEXT,            -- JSON: the file's own problems ([] when valid)
    lang TEXT,                -- the language those problems are worded in
    commune TEXT,             -- JSON of the commune header, NULL when invalid
    code_line INT, prefix_line INT,
    code TEXT, prefix TEXT, folded TEXT,  -- to find a commune without reading every file
    canonical TEXT);          -- the SHA-256 of this file when `fmt` last found it canonical
CREATE INDEX IF NOT EXISTS files_by_prefix ON files(prefix);
CREATE TABLE IF NOT EXISTS records(
    file TEXT NOT NULL, section TEXT NOT NULL, pos INT NOT NULL, id TEXT NOT NULL,
    dept TEXT, status TEXT, category TEXT, due TEXT, resolved TEXT, search TEXT,
    stones INT, stones_done INT,  -- a plan item's milestones, and how many are done
    json TEXT NOT NULL,       -- the validated record
    brief TEXT NOT NULL,      -- the same without the long texts tables and reports never show
    PRIMARY KEY(file, section, pos));
-- Also covers the status grid (`grids`), which then never reads the records' JSON.
CREATE INDEX IF NOT EXISTS records_by_dept ON records(section, dept, status, due, resolved);
-- Every department an issue involves (lead and supporting), so that "NNMT's part"
-- is an index lookup, not a scan of every record.
CREATE TABLE IF NOT EXISTS involved(dept TEXT NOT NULL, file TEXT NOT NULL, pos INT NOT NULL);
CREATE INDEX IF NOT EXISTS involved_by_dept ON involved(dept);
CREATE INDEX IF NOT EXISTS involved_by_file ON involved(file);
CREATE TABLE IF NOT EXISTS refs(file TEXT NOT NULL, plan TEXT NOT NULL, issue TEXT NOT NULL, line INT);
CREATE INDEX IF NOT EXISTS refs_by_file ON refs(file);
"""
# Not done, so overdue once past the deadline (as Issue.is_overdue and PlanItem.is_overdue say).
_OPEN = ("open", "in_progress", "escalated")
_ACTIVE_PLAN = ("planned", "in_progress")
# Left out of brief rows: a record's history and long texts are most of its size and
# of the time it takes to validate, and tables and reports never show them.
_LONG = {"description", "source", "history", "note"}


def cache_dir() -> Path:
    """Where caches live: $TRACKER_CACHE_DIR, else the platform's user cache folder."""
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "tracker" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "tracker"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tracker"


@dataclass
class Refreshed:
    """The state of the data after a refresh: what is invalid, and for which registry."""

    problems: list[Problem]
    parsed: int  # files parsed this time (0 when everything came from the cache)


def _location(data: store.DataDir) -> Path:
    return cache_dir() / f"{hashlib.sha256(str(data.root.resolve()).encode()).hexdigest()[:16]}.sqlite"


def hint(data: store.DataDir, key: str, value: str) -> list[str]:
    """File names that the cache last saw holding a commune with this `code`, `prefix`
    or `folded` name. Only a hint: the caller reads the file to confirm, and falls
    back to looking at every file. Never builds or checks the cache."""
    if os.environ.get("TRACKER_NO_CACHE") or key not in ("code", "prefix", "folded"):
        return []
    path = _location(data)
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return [row[0] for row in db.execute(f"SELECT name FROM files WHERE {key} = ?", (value,))]
        finally:
            db.close()
    except sqlite3.Error:
        return []


class Index:
    """The cache of one data directory."""

    def __init__(self, data: store.DataDir, registry: Registry) -> None:
        self.data = data
        self.registry = registry
        self.path: Path | None = None
        if not os.environ.get("TRACKER_NO_CACHE"):
            self.path = _location(data)
        self.db = self._connect()
        self._communes: dict[str, CommuneInfo] | None = None

    # ------------------------------------------------------------ connection

    def _connect(self) -> sqlite3.Connection:
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = self._open(str(self.path))
                if db is not None:
                    return db
                # Corrupt or from another version: it is only a cache.
                self._discard()
                db = self._open(str(self.path))
                if db is not None:
                    return db
        db = self._open(":memory:")
        assert db is not None
        return db

    def _discard(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def _open(self, where: str) -> sqlite3.Connection | None:
        try:
            db = sqlite3.connect(where, timeout=30, isolation_level=None)
            if where != ":memory:":
                db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_SCHEMA)
            wanted = self._fingerprint()
            row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
            if row is None or row[0] != wanted:
                # Another version (whose tables may have other columns) or registry:
                # start from empty tables, and check everything again.
                db.execute("BEGIN IMMEDIATE")
                for table in _TABLES:
                    db.execute(f"DROP TABLE IF EXISTS {table}")
                db.execute("COMMIT")
                db.executescript(_SCHEMA)
                db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (wanted,))
            return db
        except sqlite3.DatabaseError:
            return None

    def _fingerprint(self) -> str:
        codes = json.dumps([sorted(self.registry.departments), sorted(self.registry.categories)])
        return f"{FORMAT}|{hashlib.sha256(codes.encode()).hexdigest()}"

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
            self._discard()
            self.db = self._connect()
            try:
                return self._refresh()
            except sqlite3.DatabaseError:
                self.db.close()
        # ...and if even that fails (a full disk), in memory for this command.
        self.path = None
        self.db = self._connect()
        return self._refresh()

    def _refresh(self) -> Refreshed:
        # A file whose problems were worded in another language is read again: its
        # messages must speak the language of this command.
        query = "SELECT name, size, mtime_ns, ctime_ns, ino, racy, sha, problems != '[]' AND lang != ? FROM files"
        known = {row[0]: row[1:] for row in self.db.execute(query, (get_lang(),))}
        now = time.time_ns()
        present = {}
        changed: list[tuple[str, os.stat_result, bytes | None, str]] = []
        for path in self.data.commune_paths():
            st = path.stat()
            present[path.name] = st
            cached = known.get(path.name)
            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            if cached is not None and tuple(cached[:4]) == key and not cached[4] and not cached[6]:
                continue
            raw = path.read_bytes()
            sha = hashlib.sha256(raw).hexdigest()
            same = cached is not None and cached[5] == sha and not cached[6]
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
            self._communes = None
        return Refreshed(self.file_problems(), sum(1 for _, _, raw, _ in changed if raw is not None))

    def _forget(self, name: str) -> None:
        for table, column in (("files", "name"), ("records", "file"), ("refs", "file"), ("involved", "file")):
            self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (name,))

    def _store(self, name: str, st: os.stat_result, raw: bytes, sha: str, racy: int) -> None:
        self._forget(name)
        path = self.data.communes_dir / name
        shown = store.display(path)
        commune = None
        lines = (0, 0)
        names: tuple[str | None, str | None, str | None] = (None, None, None)
        try:
            text = store.decode(raw, shown)[0]
            loaded, cf = store.parse(text, shown, CommuneFile)
        except DataError as exc:
            problems = exc.problems
        else:
            problems = check_commune(cf, loaded, shown, self.registry, check_ids=False)
            commune = cf.commune.model_dump_json()
            lines = (loaded.line_of(("commune", "code")), loaded.line_of(("commune", "prefix")))
            names = (cf.commune.code, cf.commune.prefix, fold(cf.commune.name))
            self._store_records(name, cf, loaded)
        stored = json.dumps([[p.line, p.record, p.field, p.message] for p in problems], ensure_ascii=False)
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
            (
                name,
                st.st_size,
                st.st_mtime_ns,
                st.st_ctime_ns,
                st.st_ino,
                racy,
                sha,
                stored,
                get_lang(),
                commune,
                *lines,
                *names,
            ),
        )

    def _store_records(self, name: str, cf: CommuneFile, loaded: Any) -> None:
        rows = []
        refs = []
        involved = []
        for section, pos, rec in cf.records():
            dept = category = resolved = None  # issues' columns
            stones = stones_done = None  # plan items' columns
            if isinstance(rec, Issue):
                dept, category = rec.dept, rec.category
                resolved = rec.resolved_on.isoformat() if rec.resolved_on else None
                involved += [(code, name, pos) for code in dict.fromkeys([rec.dept, *rec.support])]
            else:
                stones, stones_done = len(rec.milestones), sum(1 for m in rec.milestones if m.done_on)
                line = loaded.line_of(("action_plan", pos, "issues"))
                refs += [(name, rec.id, ident, line) for ident in rec.issues]
            due = rec.due.isoformat() if rec.due else None
            # `search` (folded text) is filled in by the first search: folding is a fifth
            # of a cold build, and most commands never search.
            full = rec.model_dump_json(exclude_defaults=True)
            brief = rec.model_dump_json(exclude_defaults=True, exclude=_LONG)
            rows.append((name, section, pos, rec.id, dept, rec.status.value, category, due, resolved, None,
                         stones, stones_done, full, brief))  # fmt: skip
        self.db.executemany("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO refs VALUES (?, ?, ?, ?)", refs)
        self.db.executemany("INSERT INTO involved VALUES (?, ?, ?)", involved)

    # ------------------------------------------------------------ questions

    def file_problems(self, include_checks: bool = False) -> list[Problem]:
        """Problems of files that could not be read as commune files (and, with
        `include_checks`, what validation found in the readable ones)."""
        query = "SELECT name, problems FROM files WHERE problems != '[]'"
        if not include_checks:
            query += " AND commune IS NULL"
        out = []
        for name, stored in self.db.execute(query):
            shown = store.display(self.data.communes_dir / name)
            out += [Problem(shown, *item) for item in json.loads(stored)]
        return out

    def communes(self) -> dict[str, CommuneInfo]:
        if self._communes is None:
            self._communes = {
                name: CommuneInfo.model_validate_json(text)
                for name, text in self.db.execute("SELECT name, commune FROM files WHERE commune IS NOT NULL")
            }
        return self._communes

    def rows(self, section: str, flt: Filter | None = None, file: str | None = None, brief: bool = False) -> list[Row]:
        """The records of `section` that `flt` may accept, fetched by SQL and validated
        again (a cache file is data, never trusted code). `flt` still decides. `brief`
        rows leave out history and long texts (see `_LONG`), for tables and reports;
        a search needs them, and so reads full rows."""
        brief = brief and not (flt is not None and flt.search)
        try:
            return self._rows(section, flt, file, brief)
        except (ValidationError, KeyError):
            # A row that does not validate: the cache was damaged or tampered with.
            self._wipe()
            self._refresh()
            return self._rows(section, flt, file, brief)

    def _wipe(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        for table in _TABLES[1:]:
            self.db.execute(f"DELETE FROM {table}")
        self.db.execute("COMMIT")
        self._communes = None

    def _rows(self, section: str, flt: Filter | None, file: str | None, brief: bool) -> list[Row]:
        where, args = ["section = ?"], [section]
        if file is not None:
            where.append("file = ?")
            args.append(file)
        if flt is not None:
            if flt.statuses:
                where.append(f"status IN ({','.join('?' * len(flt.statuses))})")
                args += flt.statuses
            if flt.overdue:
                active = _OPEN if section == "issues" else _ACTIVE_PLAN
                where.append(f"status IN ({','.join('?' * len(active))}) AND due IS NOT NULL AND due < ?")
                args += [*active, flt.as_of.isoformat()]
            if section == "issues" and flt.depts:
                marks = ",".join("?" * len(flt.depts))
                if flt.with_support:
                    where.append(f"(file, pos) IN (SELECT file, pos FROM involved WHERE dept IN ({marks}))")
                else:
                    where.append(f"dept IN ({marks})")
                args += flt.depts
            if section == "issues" and flt.categories:
                where.append(f"category IN ({','.join('?' * len(flt.categories))})")
                args += flt.categories
            if flt.search:
                self._fill_search(section)
                where.append("instr(search, ?) > 0")
                args.append(fold(flt.search))
        communes = self.communes()
        model = Issue if section == "issues" else PlanItem
        query = f"SELECT file, {'brief' if brief else 'json'} FROM records WHERE {' AND '.join(where)}"
        slugs = {name: name.removesuffix(".yaml") for name in communes}
        validate = model.model_validate_json
        return [Row(slugs[name], communes[name], validate(text), brief) for name, text in self.db.execute(query, args)]

    def _fill_search(self, section: str) -> None:
        model = Issue if section == "issues" else PlanItem
        todo = self.db.execute(
            "SELECT rowid, json FROM records WHERE section = ? AND search IS NULL", (section,)
        ).fetchall()
        if todo:
            filled = [(searchable(model.model_validate_json(text)), rowid) for rowid, text in todo]
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("UPDATE records SET search = ? WHERE rowid = ?", filled)
            self.db.execute("COMMIT")

    def plan_counts(self, as_of: date, file: str | None = None) -> list[tuple[str, int, int, int, int, list[str]]]:
        """(file, plan items, items done, milestones, milestones done, IDs of the overdue
        items) of each commune with an action plan, without reading the items."""
        overdue = f"status IN ({','.join('?' * len(_ACTIVE_PLAN))}) AND due IS NOT NULL AND due < ?"
        # IDs joined by a control character, which no ID may hold (a comma could).
        query = (
            "SELECT file, count(*), sum(status = 'done'), sum(stones), sum(stones_done),"
            f" group_concat(CASE WHEN {overdue} THEN id END, char(31)) FROM records"
            " WHERE section = 'action_plan'" + (" AND file = ?" if file else "") + " GROUP BY file"
        )
        args = (*_ACTIVE_PLAN, as_of.isoformat(), *([file] if file else []))
        return [(*row[:5], row[5].split("\x1f") if row[5] else []) for row in self.db.execute(query, args)]

    def grids(self, as_of: date) -> dict[str, dict[str, int]]:
        """The status grid of each lead department, counted as `reporting.grid_cell`
        does: one query instead of reading a hundred thousand records."""
        late = "due IS NOT NULL AND resolved IS NOT NULL AND resolved > due"  # never NULL: NOT works
        overdue = "due IS NOT NULL AND due < :today"
        active = "status IN ('open', 'in_progress', 'escalated')"
        query = f"""SELECT dept, sum(status = 'resolved' AND NOT ({late})), sum(status = 'resolved' AND {late}),
            sum({active} AND NOT ({overdue})), sum({active} AND {overdue}), sum(status = 'escalated'),
            sum(status = 'dropped'), count(*) FROM records WHERE section = 'issues' GROUP BY dept"""
        rows = self.db.execute(query, {"today": as_of.isoformat()})
        return {dept: dict(zip(GRID_KEYS, counts, strict=True)) for dept, *counts in rows}

    def canonical(self) -> set[str]:
        """Files whose content, as it is now, `fmt` found canonical before."""
        return {name for (name,) in self.db.execute("SELECT name FROM files WHERE canonical = sha")}

    def mark_canonical(self, name: str, sha: str) -> None:
        """`fmt` found this content of `name` canonical (nothing is marked if the file
        has changed since the cache last saw it)."""
        with contextlib.suppress(sqlite3.Error):  # only a shortcut for next time
            self.db.execute("UPDATE files SET canonical = sha WHERE name = ? AND sha = ?", (name, sha))

    def counts(self) -> tuple[int, int, int]:
        """Communes, issues and plan items that the cache holds."""
        communes = self.db.execute("SELECT count(*) FROM files WHERE commune IS NOT NULL").fetchone()[0]
        issues, plans = (
            self.db.execute("SELECT count(*) FROM records WHERE section = ?", (s,)).fetchone()[0]
            for s in ("issues", "action_plan")
        )
        return communes, issues, plans

    def dangling_refs(self) -> Iterator[tuple[str, str, str, int]]:
        """(file, plan item, issue ID, line) for references to issues that do not exist."""
        ids = "SELECT id FROM records WHERE section = 'issues'"
        yield from self.db.execute(f"SELECT file, plan, issue, line FROM refs WHERE issue NOT IN ({ids})")

    def headers(self) -> Iterator[tuple[str, CommuneInfo, int, int]]:
        """(file, header, line of code, line of prefix) of every valid file."""
        for name, text, code_line, prefix_line in self.db.execute(
            "SELECT name, commune, code_line, prefix_line FROM files WHERE commune IS NOT NULL"
        ):
            yield name, CommuneInfo.model_validate_json(text), code_line, prefix_line
