"""Where the cache lives and how its SQLite file is opened: outside the data
folder, rebuilt from empty when it belongs to another version or registry, and
never followed through a symbolic link."""

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from tracker import __version__

# Bump when what is stored changes shape: an older cache is then rebuilt.
FORMAT = f"{__version__}/38"
TABLES = (
    "meta",
    "files",
    "records",
    "record_json",
    "record_search",
    "file_issues",
    "refs",
    "involved",
    "links",
    "apart",
    "past",
    "memo",
    "groups",
    "group_members",
    "similar_terms",
    "similar_df",
    "similar_todo",
    "fresh_terms",
    "kept_issues",
    "kept_members",
    "kept_clusters",
    "regrouped",
)
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files(
    name TEXT PRIMARY KEY, size INT, mtime_ns INT, ctime_ns INT, ino INT, racy INT, sha TEXT,
    problems TEXT,            -- JSON: the file's own problems, in both languages ([] when valid)
    valid INT,                -- 1 when the file reads as a commune file (its records are here)
    code TEXT, name_ TEXT, kind TEXT, prefix TEXT, folded TEXT, email TEXT,  -- the commune header
    code_line INT, prefix_line INT,
    latest TEXT,              -- the last day a record of the file says something happened
    past INT,                 -- 1 when its issues' rows of `past` are kept (0: one could not be rolled back)
    canonical TEXT);          -- the SHA-256 of this file when `fmt` last found it canonical
CREATE INDEX IF NOT EXISTS files_by_prefix ON files(prefix);
CREATE TABLE IF NOT EXISTS records(
    file TEXT NOT NULL, section TEXT NOT NULL, pos INT NOT NULL, id TEXT NOT NULL,
    dept TEXT, status TEXT NOT NULL, category TEXT, due TEXT, resolved TEXT,
    title TEXT NOT NULL, support TEXT, priority TEXT, raised TEXT, owner TEXT, resolution TEXT,
    start TEXT, done_on TEXT, issues TEXT,   -- lists joined by char(31), which no code may hold
    stones INT, stones_done INT,  -- a plan item's milestones, and how many are done
    last_update TEXT,         -- the date of the last history entry that is not a reminder
    reminders INT,            -- how many reminders (đôn đốc) its history records
    extended INT,             -- how many new deadlines were approved
    pending TEXT,             -- the deadline a request not yet decided asks for
    doc TEXT,                 -- the document that proves where it stands (its history's latest `doc`)
    latest TEXT,              -- the last day it says something happened: on any day from then on, it stood as now
    PRIMARY KEY(file, section, pos));
-- A record whole, and the folded text --search looks in, by the row of `records`: apart
-- from its columns, which tables and reports read, so that a read of them pages through
-- rows of about 250 bytes, not 1.3 KB (half the time), and a search through 400.
CREATE TABLE IF NOT EXISTS record_json(rowid INTEGER PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS record_search(rowid INTEGER PRIMARY KEY, search TEXT NOT NULL);
-- A file's issues as rows (`ISSUE_ROW`'s columns, one JSON array a record, in order),
-- in one piece: a read of every issue (the whole country's report, the site) decodes
-- 3,321 of these, where reading the same columns of 100,000 rows costs SQLite and
-- Python a call a value (about 0.37 s against 0.15 s at national size).
CREATE TABLE IF NOT EXISTS file_issues(file TEXT PRIMARY KEY, rows TEXT NOT NULL) WITHOUT ROWID;
-- Also covers the status grid, which then never reads the other columns.
CREATE INDEX IF NOT EXISTS records_by_dept ON records(section, dept, status, due, resolved);
-- What the groups of one obstacle read of every issue (cache/groups.py), and what a
-- reminder reads of each open issue (queries.due_rows): from the index alone, faster
-- than from the rows.
CREATE INDEX IF NOT EXISTS records_by_key ON records(section, file, id, dept, status, title, raised, due, last_update,
                                                     reminders);
-- Every department an issue involves (lead and supporting), so that "NNMT's part"
-- is an index lookup, not a scan of every record.
CREATE TABLE IF NOT EXISTS involved(dept TEXT NOT NULL, file TEXT NOT NULL, pos INT NOT NULL);
CREATE INDEX IF NOT EXISTS involved_by_dept ON involved(dept);
CREATE INDEX IF NOT EXISTS involved_by_file ON involved(file);
CREATE TABLE IF NOT EXISTS refs(file TEXT NOT NULL, plan TEXT NOT NULL, issue TEXT NOT NULL, line INT);
CREATE INDEX IF NOT EXISTS refs_by_file ON refs(file);
-- An issue's `same_as`: the issues it says are the same obstacle.
CREATE TABLE IF NOT EXISTS links(file TEXT NOT NULL, issue TEXT NOT NULL, other TEXT NOT NULL, line INT);
CREATE INDEX IF NOT EXISTS links_by_file ON links(file);
-- An issue's `not_same_as`: issues found alike that are not the same obstacle, kept apart.
CREATE TABLE IF NOT EXISTS apart(file TEXT NOT NULL, issue TEXT NOT NULL, other TEXT NOT NULL, line INT);
CREATE INDEX IF NOT EXISTS apart_by_file ON apart(file);
-- Each issue as the status grid and a period's movement count it (rows.PastRow), one row
-- for each stretch of days it stood the same, from `since` (NULL: always) to the day
-- before `until` (NULL: to this day): a past day is counted from these, not by rolling
-- every record back (timeline.stages works them out as the file is cached). `approved`:
-- the days approved requests for a new deadline were decided, joined by char(31).
CREATE TABLE IF NOT EXISTS past(file TEXT NOT NULL, pos INT NOT NULL, since TEXT, until TEXT, dept TEXT NOT NULL,
                                status TEXT NOT NULL, due TEXT, resolved TEXT, extended INT NOT NULL, raised TEXT,
                                approved TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS past_by_file ON past(file);
-- What is costly to work out and depends on the data only (the clusters): key → value.
CREATE TABLE IF NOT EXISTS memo(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The groups of issues that are one obstacle (cache/groups.py), under their memo key:
-- each group, the member that names it, and its members in order; `h`, a checksum of
-- its members in order, so that a group found again as it was is not written again.
CREATE TABLE IF NOT EXISTS groups(grp INTEGER PRIMARY KEY, named_file TEXT NOT NULL, named_id TEXT NOT NULL,
                                  communes INT NOT NULL, linked INT NOT NULL, h INT NOT NULL);
-- An issue is in one group at most. `place`: the rank of its commune in the group's;
-- `dept` and `status`: its record's, kept in step as files are cached again (what
-- changes between two meetings), so that a report reads the groups' leads from here.
CREATE TABLE IF NOT EXISTS group_members(file TEXT NOT NULL, id TEXT NOT NULL, grp INT NOT NULL, pos INT NOT NULL,
                                         place INT NOT NULL, dept TEXT, status TEXT,
                                         PRIMARY KEY (file, id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS group_members_by_grp ON group_members(grp, pos);
CREATE INDEX IF NOT EXISTS group_members_by_place ON group_members(grp, place);
CREATE INDEX IF NOT EXISTS group_members_by_lead ON group_members(grp, dept, status);
-- An issue's similarity terms (JSON) and folded title, by the row of `records`
-- (cache/similar.py; filled when first needed), and how many issues hold each term.
-- `h`, a checksum of the issue's ID and terms: their sum tells whether kept clusters still hold.
-- `heaviest`, `weights`: the `Config.cluster_terms` heaviest terms that grouping reads, chosen
-- when the terms are worked out (cache/derived.py `grouped`: joined, and their weights as doubles).
CREATE TABLE IF NOT EXISTS similar_terms(rowid INTEGER PRIMARY KEY, terms TEXT NOT NULL, fuzzy TEXT NOT NULL,
                                         h INT NOT NULL, heaviest TEXT NOT NULL, weights BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS similar_terms_by_h ON similar_terms(h);
CREATE TABLE IF NOT EXISTS similar_df(term TEXT PRIMARY KEY, n INT NOT NULL) WITHOUT ROWID;
-- The files cached again without their issues' terms (a few files, read in one process):
-- the first command that compares issues works out theirs, not looking through every issue.
CREATE TABLE IF NOT EXISTS similar_todo(file TEXT PRIMARY KEY) WITHOUT ROWID;
-- The terms written since the clusters were last worked out (whoever writes them):
-- what an edit changed is found among these, not by reading every issue's checksum.
CREATE TABLE IF NOT EXISTS fresh_terms(rowid INTEGER PRIMARY KEY);
CREATE TRIGGER IF NOT EXISTS similar_terms_fresh AFTER INSERT ON similar_terms
    BEGIN INSERT OR IGNORE INTO fresh_terms VALUES (new.rowid); END;
-- The clusters as last worked out (cache/similar.py), as rows so that an edit reads and
-- writes what it touches: every issue grouped, with the checksum (`similar_terms.h`)
-- it had; each cluster's members (`pos`: the member's place in its file, which orders
-- them); each
-- cluster's name, kept centre (JSON) and how close its name is to it, its size (with
-- those held twice) and its rank (largest first).
CREATE TABLE IF NOT EXISTS kept_issues(file TEXT NOT NULL, id TEXT NOT NULL, h INT NOT NULL,
                                       PRIMARY KEY (file, id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS kept_members(cl INT NOT NULL, file TEXT NOT NULL, id TEXT NOT NULL, pos INT NOT NULL);
CREATE INDEX IF NOT EXISTS kept_members_by_cl ON kept_members(cl, file, pos, id);  -- a cluster's, in order
CREATE UNIQUE INDEX IF NOT EXISTS kept_members_by_key ON kept_members(file, id);  -- in one cluster at most
CREATE TABLE IF NOT EXISTS kept_clusters(cl INTEGER PRIMARY KEY, rank INT NOT NULL, named_file TEXT NOT NULL,
                                         named_id TEXT NOT NULL, centre TEXT NOT NULL, closeness REAL NOT NULL,
                                         size INT NOT NULL);
-- The issues whose cluster changed since the groups were last written: the groups
-- written again are only those these reach (through clusters and links).
CREATE TABLE IF NOT EXISTS regrouped(file TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (file, id)) WITHOUT ROWID;
"""
# The issues' similarity terms, for candidates (cache/similar.py): an FTS5 index, where
# this SQLite has FTS5 (without it, similarity reads every issue's terms instead).
SIMILAR = """
CREATE VIRTUAL TABLE IF NOT EXISTS similar USING fts5(
    terms, content='', detail=none, columnsize=0, tokenize="unicode61 remove_diacritics 0 tokenchars '_'");
"""
# The folded text --search looks in, indexed by its trigrams (detail=none: which rows hold
# a trigram, not where: a twentieth of the text's size), where this SQLite has FTS5 and its
# trigram tokenizer: a search of three characters or more then reads the rows that hold
# all its trigrams, and checks those, rather than every record's text (queries._where).
# Kept in step with `record_search` by the index as it writes and forgets a file's rows
# (triggers would cost five times as much, one statement a row).
SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5(
    search, content='record_search', content_rowid='rowid', detail=none, tokenize='trigram');
"""
SEP = "\x1f"


def _columns(table: str) -> int:
    """How many columns `table` has, read from its definition in SCHEMA (its comments
    left out, its key after its columns)."""
    body = SCHEMA.split(f"CREATE TABLE IF NOT EXISTS {table}(", 1)[1].split("PRIMARY KEY", 1)[0]
    return sum(1 for column in re.sub(r"--[^\n]*", "", body).split(",") if column.strip())


RECORD_COLUMNS = _columns("records")  # as parse.py fills them, before the folded text and the JSON
# What `queries.issue_rows` reads of an issue, from `records` or `file_issues`.
ISSUE_ROW = "file, id, title, category, dept, support, status, priority, raised, due, owner, resolution, resolved, " \
            "last_update, reminders, extended, pending, doc"  # fmt: skip


def cache_dir() -> Path:
    """Where caches live: $TRACKER_CACHE_DIR, else the platform's user cache folder."""
    if os.environ.get("TRACKER_CACHE_DIR"):
        return Path(os.environ["TRACKER_CACHE_DIR"])
    if sys.platform == "win32":  # pragma: no cover
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "tracker" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover
        return Path.home() / "Library" / "Caches" / "tracker"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tracker"


def location(root: Path) -> Path:
    """The cache file of the data folder `root`."""
    return cache_dir() / f"{hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]}.sqlite"


def disabled() -> bool:
    return bool(os.environ.get("TRACKER_NO_CACHE"))


def fingerprint(departments: set[str], categories: set[str]) -> str:
    codes = json.dumps([sorted(departments), sorted(categories)])
    return f"{FORMAT}|{hashlib.sha256(codes.encode()).hexdigest()}"


@contextlib.contextmanager
def immediate(db: sqlite3.Connection, done: str | None = None) -> Iterator[bool]:
    """A write transaction, begun holding the writer's lock (`BEGIN IMMEDIATE`),
    committed when the block ends and rolled back if it raises. It yields False when
    the memo already holds `done`: another command wrote the same while this one
    worked it out, and nothing is written again (it is rolled back)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if done is not None and db.execute("SELECT 1 FROM memo WHERE key = ?", (done,)).fetchone() is not None:
            db.execute("ROLLBACK")
            yield False
            return
        yield True
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def has_similar(db: sqlite3.Connection) -> bool:
    """Whether the cache holds the FTS5 index of similarity terms."""
    query = "SELECT 1 FROM sqlite_master WHERE name = 'similar'"
    return db.execute(query).fetchone() is not None


def has_search(db: sqlite3.Connection) -> bool:
    """Whether the cache holds the trigram index of the folded text (`SEARCH`)."""
    query = "SELECT 1 FROM sqlite_master WHERE name = 'search_index'"
    return db.execute(query).fetchone() is not None


def discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def connect(path: Path | None, wanted: str) -> tuple[sqlite3.Connection, Path | None]:
    """The cache at `path` (None: in memory), emptied when its fingerprint is not
    `wanted`; a corrupt one is deleted and made again; where even that fails (a
    full disk, a read-only folder), one in memory for this command."""
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            for _ in range(2):
                # A cache file that is a link could write somewhere else: it is only a cache.
                if any(Path(f"{path}{s}").is_symlink() for s in ("", "-wal", "-shm")):
                    discard(path)
                db = _open(str(path), wanted)
                if db is not None:
                    return db, path
                discard(path)
    db = _open(":memory:", wanted)
    assert db is not None
    return db, None


def _open(where: str, wanted: str) -> sqlite3.Connection | None:
    try:
        db = sqlite3.connect(where, timeout=30, isolation_level=None)
        if where != ":memory:":
            db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        row = db.execute("SELECT value FROM meta WHERE key = 'fingerprint'").fetchone()
        if row is None or row[0] != wanted:
            # Another version (whose tables may have other columns) or registry:
            # start from empty tables, and check everything again.
            db.execute("BEGIN IMMEDIATE")
            for table in (*TABLES, "similar", "search_index", "found"):  # `found`: a trigram index of 0.2.0's
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("COMMIT")
            db.executescript(SCHEMA)
            db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (wanted,))
        with contextlib.suppress(sqlite3.OperationalError):  # no FTS5 in this SQLite
            db.executescript(SIMILAR)
        if not has_search(db):  # indexes what the cache already holds, if anything
            try:
                db.executescript(f"BEGIN IMMEDIATE; {SEARCH} INSERT INTO search_index(search_index) VALUES ('rebuild');"
                                 " COMMIT;")  # fmt: skip
            except sqlite3.OperationalError:  # no FTS5, or no trigram tokenizer (SQLite before 3.34)
                if db.in_transaction:
                    db.execute("ROLLBACK")
        return db
    except sqlite3.DatabaseError:
        return None
