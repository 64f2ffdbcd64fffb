"""Questions the cache answers, by SQL over its tables: rows for tables and reports,
whole records, the status grid, action-plan progress, what validation needs.

Rows are built from the cache's columns and checked as they are built (a status
that is not one, a date that is not a date): a row that does not check means a
damaged cache, and `Index.checked` rebuilds it."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import rules
from tracker.cache import db as cachedb
from tracker.cache.db import SEP
from tracker.cache.index import Index
from tracker.cache.rows import CommuneRow, DueRow, Full, IssueRow, PastRow, PlanRow, Stored
from tracker.enums import IssueStatus, PlanStatus, Priority
from tracker.errors import TrackerError
from tracker.i18n import tr
from tracker.memo import Memo
from tracker.text import by_natural_id, fold

if TYPE_CHECKING:  # loaded by the three questions that return whole records, never by a warm list
    from tracker.models import CommuneInfo, Issue


@dataclass
class Where:
    """What the SQL selects: a pre-filter; the caller's filter still decides."""

    file: str | None = None
    statuses: list[str] = field(default_factory=list)
    overdue_as_of: date | None = None
    depts: list[str] = field(default_factory=list)
    with_support: bool = False
    categories: list[str] = field(default_factory=list)
    search: str | None = None
    undated: bool = False
    extension: str | None = None  # pending, approved
    # A day before the latest change (`back_dated`): the records that stood then as now
    # (none of their dates after it: `settled_by`), or the others, to be rolled back.
    settled_by: date | None = None
    changed_after: date | None = None

    def everything(self) -> bool:
        """Whether it selects every record (of `file`, when one is named)."""
        return self == Where(file=self.file, with_support=self.with_support)


def communes(index: Index) -> dict[str, CommuneRow]:
    """file name → its commune, for every file that reads as a commune file."""
    if index.communes_memo is None:
        query = "SELECT name, code, name_, kind, prefix, email FROM files WHERE valid"
        index.communes_memo = {
            name: CommuneRow(name.removesuffix(".yaml"), str(code), str(title), str(kind), str(prefix), email)
            for name, code, title, kind, prefix, email in index.db.execute(query)
        }
    return index.communes_memo


def _where(index: Index, section: str, where: Where) -> tuple[str, list[object]]:
    clauses: list[str] = ["section = ?"]
    args: list[object] = [section]
    plan = section == "action_plan"
    if where.file is not None:
        clauses.append("file = ?")
        args.append(where.file)
    if where.statuses:
        clauses.append(f"status IN ({','.join('?' * len(where.statuses))})")
        args += where.statuses
    if where.overdue_as_of is not None:
        clauses.append(rules.sql_overdue(plan, today="?"))
        args.append(where.overdue_as_of.isoformat())
    if not plan and where.depts:
        marks = ",".join("?" * len(where.depts))
        if where.with_support:
            clauses.append(f"(file, pos) IN (SELECT file, pos FROM involved WHERE dept IN ({marks}))")
        else:
            clauses.append(f"dept IN ({marks})")
        args += where.depts
    if not plan and where.categories:
        clauses.append(f"category IN ({','.join('?' * len(where.categories))})")
        args += where.categories
    if where.undated:
        clauses.append(f"due IS NULL AND {rules.sql_active(plan)}")
    if where.extension == "pending":
        clauses.append("pending IS NOT NULL")
    elif where.extension == "approved":
        clauses.append("extended > 0")
    if where.settled_by is not None:
        clauses.append("(latest IS NULL OR latest <= ?)")
        args.append(where.settled_by.isoformat())
    if where.changed_after is not None:
        clauses.append("latest > ?")
        args.append(where.changed_after.isoformat())
    if where.search:  # the folded text was worked out as the file was cached
        folded = fold(where.search)
        if len(folded) >= 3 and not _WILD & set(folded) and cachedb.has_search(index.db):
            # its trigrams' rows, from the index, each then checked: what `instr` finds
            clauses.append("records.rowid IN (SELECT rowid FROM search_index WHERE search LIKE ?)")
            args.append(f"%{folded}%")
        else:
            clauses.append("records.rowid IN (SELECT rowid FROM record_search WHERE instr(search, ?) > 0)")
            args.append(folded)
    return " AND ".join(clauses), args


_WILD = set("%_")  # what LIKE would read as a pattern rather than as itself


# A record's columns with its JSON, kept in a table of its own (cache/db.py); a row
# without one is a damaged cache: its JSON reads as NULL, which does not check.
_WHOLE = "records LEFT JOIN record_json j ON j.rowid = records.rowid"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _days() -> Memo[str | None, date | None]:
    """ISO dates read once each: a query's rows share a few hundred days."""
    return Memo(_day)


_ISSUE_STATUS = {s.value: s for s in IssueStatus}  # an enum's call is slower than a dict's lookup
_PRIORITY = {p.value: p for p in Priority}
_PLAN_STATUS = {s.value: s for s in PlanStatus}


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(value.split(SEP)) if value else ()


def _texts() -> Memo[str | None, str | None]:
    """Values that repeat from row to row (a category, an owner, a result), each kept
    once and shared by every row that has it: later passes over 100,000 rows then read
    a few hundred objects, not a million (reading them from memory is most of what a
    national report's passes cost). Titles and IDs, unique in real data, are not."""
    return Memo(_itself)


def _itself(value: str | None) -> str | None:
    return value


_PLAN_COLUMNS = "file, id, title, owner, start, due, status, issues, stones, stones_done, done_on, last_update, " \
                "reminders, extended, pending"  # fmt: skip


def issue_rows(index: Index, where: Where) -> list[IssueRow]:
    """The issues `where` selects, as the rows tables and reports show."""

    def read() -> list[IssueRow]:
        by_file, day, same, depts, codes = communes(index), _days(), _texts(), Memo(str), Memo(_codes)
        return [
            IssueRow(by_file[f], i, str(t), same[c], depts[d], codes[s], _ISSUE_STATUS[st], _PRIORITY[p], day[r],
                     day[du], same[o], same[res], day[rd], day[lu], int(n), int(x), day[pe], same[doc])
            for f, i, t, c, d, s, st, p, r, du, o, res, rd, lu, n, x, pe, doc in _issue_values(index, where)
        ]  # fmt: skip

    return index.checked(read)


def _issue_values(index: Index, where: Where) -> Iterable[Sequence[Any]]:
    """The values of `cachedb.ISSUE_ROW` of each issue `where` selects: when it selects
    them all (of one file, or of every file), from each file's rows in one piece."""
    if where.everything():
        one, named = ("", []) if where.file is None else (" WHERE file = ?", [where.file])
        found = index.db.execute(f"SELECT rows FROM file_issues{one}", named)
        return chain.from_iterable(json.loads(text) for (text,) in found)
    clause, args = _where(index, "issues", where)
    return index.db.execute(f"SELECT {cachedb.ISSUE_ROW} FROM records WHERE {clause}", args)


# All held by the index records_by_key: the rows, which hold the whole record, are not read.
_DUE_COLUMNS = "file, id, title, dept, status, raised, due, last_update, reminders"


def due_rows(index: Index, where: Where) -> list[DueRow]:
    """The issues `where` selects, with only the columns reminders read (`DueRow`):
    reading fewer columns is most of what makes them cheaper than `issue_rows`."""

    def read() -> list[DueRow]:
        clause, args = _where(index, "issues", where)
        by_file, day, depts = communes(index), _days(), Memo(str)
        return [
            DueRow(by_file[f], i, str(t), depts[d], _ISSUE_STATUS[st], day[r], day[du], day[lu], int(n))
            for f, i, t, d, st, r, du, lu, n
            in index.db.execute(f"SELECT {_DUE_COLUMNS} FROM records WHERE {clause}", args)
        ]  # fmt: skip

    return index.checked(read)


def plan_rows(index: Index, where: Where) -> list[PlanRow]:
    def read() -> list[PlanRow]:
        clause, args = _where(index, "action_plan", where)
        by_file, day, same = communes(index), _days(), _texts()
        return [
            PlanRow(by_file[f], i, str(t), same[o], day[s], day[du], _PLAN_STATUS[st], _codes(iss), int(n), int(nd),
                    day[do], day[lu], int(rem), int(x), day[pe])
            for f, i, t, o, s, du, st, iss, n, nd, do, lu, rem, x, pe
            in index.db.execute(f"SELECT {_PLAN_COLUMNS} FROM records WHERE {clause}", args)
        ]  # fmt: skip

    return index.checked(read)


_MEMO_KEPT = 4


def full_rows(index: Index, section: str, where: Where) -> list[Full]:
    """Whole records, validated again from the cache's JSON."""
    from tracker.models import Issue, PlanItem

    model = Issue if section == "issues" else PlanItem

    def read() -> list[Full]:
        clause, args = _where(index, section, where)
        key = (section, clause, tuple(args))
        memo = index.records_memo
        if key not in memo:
            by_file = communes(index)
            validate = model.model_validate_json
            query = f"SELECT file, json FROM {_WHOLE} WHERE {clause}"
            memo[key] = [Full(by_file[name], validate(text)) for name, text in index.db.execute(query, args)]
            # The last few queries only: a period reads the same two again (issues and plan
            # items, day after day); the site reads each commune's once, and kept them all
            # (every record of L validated at once: 890 MB).
            while len(memo) > _MEMO_KEPT:
                del memo[next(iter(memo))]
        return list(memo[key])

    return index.checked(read)


class StoredRows(Collection[Stored]):
    """The records a query selects, in list order (commune in Vietnamese order, then
    ID), read from the cache 500 at a time as they are iterated: a national list is
    never held whole. Sized, so a format can say how many."""

    BATCH = 500

    def __init__(self, index: Index, keys: list[tuple[str, int, str]], by_file: dict[str, CommuneRow], plan: bool):
        self.index, self.keys, self.by_file, self.plan = index, keys, by_file, plan

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, row: object) -> bool:
        return isinstance(row, Stored) and any(row == other for other in self)

    def __iter__(self) -> Iterator[Stored]:
        for start in range(0, len(self.keys), self.BATCH):
            batch = self.keys[start : start + self.BATCH]
            marks = ",".join("?" * len(batch))
            query = f"SELECT rowid, json FROM record_json WHERE rowid IN ({marks})"
            texts = dict(self.index.db.execute(query, [rowid for _, rowid, _ in batch]).fetchall())
            for _, rowid, file in batch:
                try:
                    data = json.loads(texts[rowid])
                except (KeyError, ValueError):
                    self.index.wipe()  # a damaged cache: made again by the next command
                    said = tr(
                        "bộ nhớ đệm bị hỏng và đã được xóa; chạy lại lệnh",
                        "the cache was damaged and has been cleared; run the command again",
                    )
                    raise TrackerError(said) from None
                yield Stored(self.by_file[file], data, self.plan)


def stored_rows(index: Index, section: str, where: Where) -> StoredRows:
    """The whole records `where` selects, in list order, to be read as they are used."""

    def read() -> StoredRows:
        clause, args = _where(index, section, where)
        by_file = communes(index)
        order = {f: c.order() for f, c in by_file.items()}
        # The JSON is trusted as it was cached; that it still is what was cached (its ID,
        # status and deadline those of its row, the deadline a date) is checked by
        # SQLite's own JSON functions in the pass that selects the rows. A row that is
        # not: a damaged cache, made again.
        same = ("json_valid(json) AND json_extract(json, '$.id') IS id AND json_extract(json, '$.status') IS status "
                "AND json_type(json, '$.title') = 'text' AND json_extract(json, '$.due') IS due AND "
                "(due IS NULL OR date(due) IS due)")  # fmt: skip
        by: dict[str, list[tuple[str, int, str]]] = {}
        query = f"SELECT records.rowid, file, id, {same} FROM {_WHOLE} WHERE {clause}"
        for rowid, f, i, kept in index.db.execute(query, args):
            if not kept:
                raise ValueError("a cached record is not what was cached")
            by.setdefault(f, []).append((i, rowid, f))
        found: list[tuple[str, int, str]] = []
        for f in sorted(by, key=lambda f: (order[f], f)):  # communes in Vietnamese order, each by ID
            found += by_natural_id(by[f], itemgetter(0))
        return StoredRows(index, found, by_file, section != "issues")

    return index.checked(read)


@dataclass(frozen=True)
class PlanCount:
    file: str
    items: int
    done: int
    milestones: int
    milestones_done: int
    overdue: list[str]  # IDs of the items past their deadline


def plan_counts(index: Index, as_of: date, file: str | None = None) -> list[PlanCount]:
    """Each commune's action plan counted, without reading the items."""
    overdue = rules.sql_overdue(plan=True, today="?")
    # IDs joined by a control character, which no ID may hold (a comma could).
    query = (
        f"SELECT file, count(*), sum(status = '{rules.DONE_PLAN}'), sum(stones), sum(stones_done),"
        f" group_concat(CASE WHEN {overdue} THEN id END, char(31)) FROM records"
        " WHERE section = 'action_plan'" + (" AND file = ?" if file else "") + " GROUP BY file"
    )
    args = (as_of.isoformat(), *([file] if file else []))
    return [PlanCount(f, n, d, s, sd, late.split(SEP) if late else []) for f, n, d, s, sd, late
            in index.db.execute(query, args)]  # fmt: skip


def grids(index: Index, as_of: date, where: Where | None = None) -> dict[str, dict[str, int]]:
    """The status grid of each lead department, of the issues `where` selects (all,
    without it), counted as `rules.grid_cell` does: one query instead of reading a
    hundred thousand records."""
    clause, args = _where(index, "issues", where or Where())
    cells = ", ".join(rules.sql_grid(today=f"'{as_of.isoformat()}'"))  # an ISO date: nothing to escape
    rows = index.db.execute(f"SELECT dept, {cells} FROM records WHERE {clause} GROUP BY dept", args)
    return {dept: dict(zip(rules.GRID_KEYS, counts, strict=True)) for dept, *counts in rows}


def ages(index: Index, as_of: date, bounds: tuple[int, ...], where: Where | None = None) -> dict[str, list[int]]:
    """The overdue issues of each lead department by how late they are (`rules.age_keys`)."""
    clause, args = _where(index, "issues", where or Where())
    cells = ", ".join(rules.sql_ages(bounds, today=f"'{as_of.isoformat()}'"))
    rows = index.db.execute(f"SELECT dept, {cells} FROM records WHERE {clause} GROUP BY dept", args)
    return {dept: [int(n or 0) for n in counts] for dept, *counts in rows}


def past_kept(index: Index, file: str | None = None) -> bool:
    """Whether the cache keeps the rows of `past` of every issue (of `file`, with it): a
    record that could not be rolled back when cached leaves its file's out."""
    query, args = "SELECT 1 FROM files WHERE valid AND NOT past", []
    if file is not None:
        query, args = query + " AND name = ?", [file]
    return index.db.execute(query + " LIMIT 1", args).fetchone() is None


def _past(as_of: date, file: str | None) -> tuple[str, list[object]]:
    """The rows of `past` in force at the end of `as_of`, of `file` or of every file."""
    day = as_of.isoformat()
    clause = "(since IS NULL OR since <= ?) AND (until IS NULL OR until > ?)"
    args: list[object] = [day, day]
    if file is not None:
        clause, args = clause + " AND file = ?", [*args, file]
    return clause, args


def past_grids(index: Index, as_of: date, file: str | None = None) -> dict[str, dict[str, int]]:
    """`grids` of every issue (of `file`) as it stood at the end of `as_of`: from the rows
    of `past`, not by rolling the records back."""
    clause, args = _past(as_of, file)
    cells = ", ".join(rules.sql_grid(today=f"'{as_of.isoformat()}'"))
    rows = index.db.execute(f"SELECT dept, {cells} FROM past WHERE {clause} GROUP BY dept", args)
    return {dept: dict(zip(rules.GRID_KEYS, counts, strict=True)) for dept, *counts in rows}


def past_ages(index: Index, as_of: date, bounds: tuple[int, ...], file: str | None = None) -> dict[str, list[int]]:
    """`ages` of every issue (of `file`) as it stood at the end of `as_of`."""
    clause, args = _past(as_of, file)
    cells = ", ".join(rules.sql_ages(bounds, today=f"'{as_of.isoformat()}'"))
    rows = index.db.execute(f"SELECT dept, {cells} FROM past WHERE {clause} GROUP BY dept", args)
    return {dept: [int(n or 0) for n in counts] for dept, *counts in rows}


def past_rows(index: Index, as_of: date, file: str | None = None) -> list[PastRow]:
    """Every issue (of `file`) as it stood at the end of `as_of`, as `PastRow.of` of
    `timeline.as_of` makes it (those not raised by then left out)."""

    def read() -> list[PastRow]:
        clause, args = _past(as_of, file)
        day = _days()
        query = f"SELECT dept, status, due, resolved, extended, raised, approved FROM past WHERE {clause}"
        return [
            PastRow(str(d), _ISSUE_STATUS[st], day[du], day[rd], int(x), day[r],
                    tuple(date.fromisoformat(a) for a in ap.split(SEP)) if ap else ())
            for d, st, du, rd, x, r, ap in index.db.execute(query, args)
        ]  # fmt: skip

    return index.checked(read)


def latest(index: Index) -> date | None:
    """The last day any record says something happened (a history entry, a date it
    was raised, resolved or done): the state of the records is the state of any day
    from then on."""
    (value,) = index.db.execute("SELECT max(latest) FROM files WHERE valid").fetchone()
    return date.fromisoformat(value) if value else None


def canonical(index: Index) -> set[str]:
    """Files whose content, as it is now, `fmt` found canonical before."""
    return {name for (name,) in index.db.execute("SELECT name FROM files WHERE canonical = sha")}


def mark_canonical(index: Index, name: str, sha: str) -> None:
    """`fmt` found this content of `name` canonical (nothing is marked if the file
    has changed since the cache last saw it)."""
    with contextlib.suppress(sqlite3.Error):  # only a shortcut for next time
        index.db.execute("UPDATE files SET canonical = sha WHERE name = ? AND sha = ?", (name, sha))


def counts(index: Index) -> tuple[int, int, int]:
    """Communes, issues and plan items that the cache holds."""
    communes_n = index.db.execute("SELECT count(*) FROM files WHERE valid").fetchone()[0]
    issues, plans = (
        index.db.execute("SELECT count(*) FROM records WHERE section = ?", (s,)).fetchone()[0]
        for s in ("issues", "action_plan")
    )
    return communes_n, issues, plans


def dangling_refs(index: Index) -> Iterator[tuple[str, str, str, int]]:
    """(file, plan item, issue ID, line) for references to issues that do not exist."""
    ids = "SELECT id FROM records WHERE section = 'issues'"
    yield from index.db.execute(f"SELECT file, plan, issue, line FROM refs WHERE issue NOT IN ({ids})")


def attachments(index: Index) -> Iterator[tuple[str, str, int, str, list[dict[str, str]]]]:
    """(file, section, position, ID, its `files`) of every record that names scanned documents."""
    query = f"SELECT file, section, pos, id, json FROM {_WHOLE} WHERE instr(json, '\"files\":[{{') " \
            "ORDER BY file, section, pos"  # fmt: skip
    for file, section, pos, ident, data in index.db.execute(query):
        yield file, section, int(pos), str(ident), json.loads(data)["files"]


def headers(index: Index) -> Iterator[tuple[str, CommuneInfo, int, int]]:
    """(file, header, line of code, line of prefix) of every valid file."""
    from tracker.models import CommuneInfo

    query = "SELECT name, code, name_, kind, prefix, code_line, prefix_line FROM files WHERE valid"
    for name, code, title, kind, prefix, code_line, prefix_line in index.db.execute(query):
        yield name, CommuneInfo(code=code, name=title, kind=kind, prefix=prefix), code_line, prefix_line


def hint(root: Path, key: str, value: str) -> list[str]:
    """File names that the cache last saw holding a commune with this `code`, `prefix`
    or `folded` name. Only a hint: the caller reads the file to confirm, and falls
    back to looking at every file. Never builds or checks the cache."""
    if cachedb.disabled() or key not in ("code", "prefix", "folded"):
        return []
    path = cachedb.location(root)
    if not path.exists() or path.is_symlink():
        return []
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return [row[0] for row in con.execute(f"SELECT name FROM files WHERE {key} = ?", (value,))]
        finally:
            con.close()
    except sqlite3.Error:
        return []


def links(index: Index) -> Iterator[tuple[str, str, str, int]]:
    """(file, issue, the issue it names in `same_as`, line) of every link."""
    yield from index.db.execute("SELECT file, issue, other, line FROM links ORDER BY file, issue, other")


def raised(index: Index) -> dict[tuple[str, str], str | None]:
    """(file, ID) → the day each issue was raised (ISO), or None."""
    return {(f, i): r for f, i, r in index.db.execute("SELECT file, id, raised FROM records WHERE section = 'issues'")}


def unraised(index: Index) -> list[tuple[str, Issue]]:
    """(file, the issue whole) of the issues that give no day they were raised (their
    history says when they were written down)."""
    from tracker.models import Issue

    query = f"SELECT file, json FROM {_WHOLE} WHERE section = 'issues' AND raised IS NULL"
    return [(f, Issue.model_validate_json(text)) for f, text in index.db.execute(query)]


def apart(index: Index) -> Iterator[tuple[str, str, str, int]]:
    """(file, issue, the issue it names in `not_same_as`, line): issues kept apart."""
    yield from index.db.execute("SELECT file, issue, other, line FROM apart ORDER BY file, issue, other")


def link_problems(index: Index, table: str = "links") -> Iterator[tuple[str, str, str, int, str]]:
    """(file, issue, other, line, why) of links that do not hold: naming no issue
    ("missing"), the issue itself ("self"), or one that does not name it back
    ("one-way"). `table`: `links` (same_as) or `apart` (not_same_as)."""
    assert table in ("links", "apart")  # a table name, never a value from the data
    ids = "SELECT id FROM records WHERE section = 'issues'"
    rows = f"SELECT file, issue, other, line FROM {table}"
    for file, issue, other, line in index.db.execute(f"{rows} WHERE other NOT IN ({ids})"):
        yield file, issue, other, line, "missing"
    yield from ((f, i, o, ln, "self") for f, i, o, ln in index.db.execute(f"{rows} WHERE issue = other"))
    query = f"""SELECT a.file, a.issue, a.other, a.line FROM {table} a WHERE a.other IN ({ids}) AND a.issue != a.other
                AND NOT EXISTS (SELECT 1 FROM {table} b WHERE b.issue = a.other AND b.other = a.issue)"""
    for file, issue, other, line in index.db.execute(query):
        yield file, issue, other, line, "one-way"


def file_shas(index: Index) -> dict[str, str]:
    """file name → the SHA-256 of its bytes as cached, for every file."""
    return {name: sha for name, sha in index.db.execute("SELECT name, sha FROM files")}
