"""Reading commune files into the rows the cache keeps: a pure function of a file's
bytes, so that a cold build can run it in a pool of processes (one a core) while
one process writes the rows.
"""

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker import deadlines, processes, rules, store, timeline
from tracker.cache import derived
from tracker.cache.db import SEP
from tracker.cache.rows import PastRow
from tracker.errors import DataError
from tracker.models import CommuneFile, Issue, PlanItem
from tracker.registry import Registry
from tracker.text import fold
from tracker.validation import check_commune, partial_problems

if TYPE_CHECKING:
    from tracker.similarity import Config

# A pool pays for itself only on enough to parse: forking and sending rows back cost
# about 0.15 s, while a megabyte of YAML parses in about 0.15 s.
# True in a process that is itself one of a pool (the roll-up reads its members so):
# its files are parsed in it, not in a pool of its own.
ONE_PROCESS = False
POOL_FILES = 16
POOL_BYTES = 2_000_000
_CHUNK = 32


@dataclass
class Parsed:
    """A file as the cache stores it: its header, problems and rows of each table."""

    name: str
    problems: str  # JSON, both languages
    header: tuple[Any, ...]  # valid, code, name, kind, prefix, folded, email, code_line, prefix_line, latest, past
    records: list[tuple[Any, ...]] = field(default_factory=list)
    refs: list[tuple[Any, ...]] = field(default_factory=list)
    involved: list[tuple[Any, ...]] = field(default_factory=list)
    links: list[tuple[Any, ...]] = field(default_factory=list)
    apart: list[tuple[Any, ...]] = field(default_factory=list)  # not_same_as
    past: list[tuple[Any, ...]] = field(default_factory=list)  # each issue's stretches of days (`PastRow`)
    # Each issue's similarity terms, when asked for: a cold build works them out in
    # its pool of processes, beside the rows (`derived.similar_row`).
    similar: list[tuple[Any, ...]] = field(default_factory=list)  # position, `similar_terms` row, FTS5 text
    held: dict[str, int] = field(default_factory=dict)  # how many of its issues hold each term


def searchable(rec: Issue | PlanItem) -> str:
    """What `--search` looks in, folded: title, description, resolution and notes."""
    parts = [rec.title, *(h.note or "" for h in rec.history)]
    if isinstance(rec, Issue):
        parts += [rec.description or "", rec.resolution or ""]
    else:
        parts += [rec.note or "", *(m.target for m in rec.milestones)]
    return fold(" \n ".join(parts))


def parse_file(name: str, shown: str, raw: bytes, registry: Registry, read: Callable[[], bytes],
               similar: "Config | None" = None) -> Parsed:  # fmt: skip
    """One commune file's rows, or the problems that keep it from being read; with
    `similar`, its issues' similarity terms too, worked out with that configuration."""
    header: tuple[Any, ...] = (0, None, None, None, None, None, None, 0, 0, None, 0)
    parsed = Parsed(name, "[]", header)
    text = None
    try:
        if not raw:
            raw = read()  # says why it cannot be read
        text = store.decode(raw, shown)[0]
        loaded, cf = store.parse(text, shown, CommuneFile)
    except DataError as exc:
        # Every problem at once: the records that do validate are checked too.
        problems = exc.problems + (partial_problems(text, shown, registry) if text is not None else [])
    else:
        problems = check_commune(cf, loaded, shown, registry, check_ids=False)
        info = cf.commune
        lines = (loaded.line_of(("commune", "code")), loaded.line_of(("commune", "prefix")))
        issues: list[tuple[int, Issue, str]] = []
        latest = _records(parsed, cf, loaded, issues)
        kept = _past(parsed, issues)
        if similar is not None:
            _similar_rows(parsed, cf, similar)
        parsed.header = (1, info.code, info.name, info.kind.value, info.prefix, fold(info.name), info.email, *lines,
                         latest, kept)  # fmt: skip
    parsed.problems = json.dumps([[p.line, p.record, p.field, *p.message] for p in problems], ensure_ascii=False)
    return parsed


def _similar_rows(out: Parsed, cf: CommuneFile, config: "Config") -> None:
    """The issues' similarity terms, and how many of them hold each term."""
    held: dict[str, int] = {}
    for pos, rec in enumerate(cf.issues):
        *row, terms = derived.similar_row(out.name, rec.id, rec.title, rec.description, config, _memo)
        out.similar.append((pos, *row))
        for term in terms:
            held[term] = held.get(term, 0) + 1
    out.held = held


def _records(out: Parsed, cf: CommuneFile, loaded: Any, issues: list[tuple[int, Issue, str]]) -> str | None:
    """The file's records as rows; the last day any of them says something happened.
    `issues`: each issue's place, record and JSON, added to."""
    name = out.name
    days: list[str] = []
    for section, pos, rec in cf.records():
        last, reminded = _iso(rules.last_update(rec.history)), rules.reminders(rec.history)
        # The last day the record says something happened, of every history entry (one
        # put out of order by hand is read as written): from then on it stands as now.
        own = max(filter(None, [*(_iso(h.date) for h in rec.history), *map(_iso, _days(rec))]), default=None)
        if own is not None:
            days.append(own)
        # As the models dump it (defaults and all): JSON and CSV read it as it is (queries.stored_rows).
        full = rec.model_dump_json(exclude_none=True)
        search = searchable(rec)
        if isinstance(rec, Issue):
            issues.append((pos, rec, full))
            out.involved += [(code, name, pos) for code in dict.fromkeys([rec.dept, *rec.support])]
            line = loaded.line_of(("issues", pos, "same_as"))
            out.links += [(name, rec.id, other, line) for other in rec.same_as]
            line = loaded.line_of(("issues", pos, "not_same_as"))
            out.apart += [(name, rec.id, other, line) for other in rec.not_same_as]
            out.records.append((name, section, pos, rec.id, rec.dept, rec.status.value, rec.category, _iso(rec.due),
                                _iso(rec.resolved_on), rec.title, SEP.join(rec.support), rec.priority.value,
                                _iso(rec.raised_on), rec.owner, rec.resolution, None, None, None, None, None, last,
                                reminded, *_extension(rec), rec.document, own, search, full))  # fmt: skip
        else:
            line = loaded.line_of(("action_plan", pos, "issues"))
            out.refs += [(name, rec.id, ident, line) for ident in rec.issues]
            done = sum(1 for m in rec.milestones if m.done_on)
            out.records.append((name, section, pos, rec.id, None, rec.status.value, None, _iso(rec.due), None,
                                rec.title, None, None, None, rec.owner, None, _iso(rec.start), _iso(rec.done_on),
                                SEP.join(rec.issues), len(rec.milestones), done, last, reminded,
                                *_extension(rec), rec.document, own, search, full))  # fmt: skip
    return max(days, default=None)


def _past(out: Parsed, issues: list[tuple[int, Issue, str]]) -> int:
    """Each issue's rows of `PastRow`, one for each stretch of days it stood the same
    (from `since`, NULL: always, to the day before `until`, NULL: still), worked out
    by `timeline.as_of` itself; 1, or 0 when a record could not be rolled back (the
    file's figures of a past day are then counted from its records, which say why)."""
    rows: list[tuple[Any, ...]] = []
    try:
        for pos, rec, text in issues:
            start: date | None = None
            row: PastRow | None = None
            for day, past in timeline.stages(rec, text):
                now = PastRow.of(past) if isinstance(past, Issue) else None
                if day is not None and now == row:
                    continue
                if row is not None:
                    rows.append(_past_row(out.name, pos, start, day, row))
                start, row = day, now
            if row is not None:
                rows.append(_past_row(out.name, pos, start, None, row))
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        return 0
    out.past = rows
    return 1


def _past_row(name: str, pos: int, since: date | None, until: date | None, row: PastRow) -> tuple[Any, ...]:
    return (name, pos, _iso(since), _iso(until), row.dept, row.status.value, _iso(row.due), _iso(row.resolved_on),
            row.extended, _iso(row.raised), SEP.join(d.isoformat() for d in row.approved))  # fmt: skip


def _extension(rec: Issue | PlanItem) -> tuple[int, str | None]:
    """The columns `extended` and `pending`."""
    waiting = deadlines.pending(rec)
    return rec.extended, _iso(waiting.to) if waiting else None


def _days(rec: Issue | PlanItem) -> list[Any]:
    """The days a record says something happened on, besides its history."""
    if isinstance(rec, Issue):
        return [rec.raised_on, rec.resolved_on, *_extension_days(rec)]
    return [rec.start, rec.done_on, *(m.done_on for m in rec.milestones), *_extension_days(rec)]


def _extension_days(rec: Issue | PlanItem) -> list[Any]:
    return [day for ext in rec.extensions for day in (ext.requested_on, ext.decided_on)]


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


# ------------------------------------------------------------ many files at once

Job = tuple[str, str, bytes]  # name, the path as shown, its bytes (b"": read it again)
_registry: Registry | None = None
_folder: str = ""
_similar: "Config | None" = None
_memo: dict[tuple[str, str | None], derived.Analysed] = {}  # texts already read, in this process


def _start(registry: Registry, folder: str, similar: "Config | None" = None) -> None:
    global _registry, _folder, _similar
    _registry, _folder, _similar = registry, folder, similar


def _chunk(jobs: list[Job]) -> list[Parsed]:
    assert _registry is not None
    return [parse_file(n, s, raw, _registry, _reader(os.path.join(_folder, n)), _similar) for n, s, raw in jobs]


def _reader(path: str) -> Callable[[], bytes]:
    from pathlib import Path

    return lambda: store.read_bytes(Path(path))


def _cores() -> int:
    return 1 if ONE_PROCESS else processes.cores()


def pooled(jobs: list[Job]) -> bool:
    """Whether `parse_all` parses these files in a pool of processes."""
    return len(jobs) >= POOL_FILES and sum(len(raw) for _, _, raw in jobs) >= POOL_BYTES and _cores() >= 2


def parse_all(jobs: list[Job], registry: Registry, folder: str, similar: "Config | None" = None) -> Iterator[Parsed]:
    """Every file's rows, in the order given: in a pool of processes when there are
    many files and more than one core (`pooled`), with a progress bar on a terminal
    once it has taken a second. With `similar`, the issues' similarity terms too."""
    cores = _cores()
    with _Progress(len(jobs)) as progress:
        if not pooled(jobs):
            _start(registry, folder, similar)
            for job in jobs:
                yield from _chunk([job])
                progress.advance(1)
            return
        from concurrent.futures import ProcessPoolExecutor

        size = max(1, min(_CHUNK, len(jobs) // (cores * 4)))  # a few chunks a core: none waits on the last
        chunks = [jobs[n : n + size] for n in range(0, len(jobs), size)]
        with ProcessPoolExecutor(
            cores, mp_context=processes.context(), initializer=_start, initargs=(registry, folder, similar)
        ) as pool:
            for done in pool.map(_chunk, chunks):
                yield from done
                progress.advance(len(done))


class _Progress:
    """A Rich progress bar on stderr, shown only on a terminal and only once the work
    has taken more than a second (Rich is imported then, not before)."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.start = total, 0, time.perf_counter()
        self.bar: Any = None
        self.task: Any = None
        self.terminal = sys.stderr.isatty()

    def __enter__(self) -> "_Progress":
        return self

    def advance(self, n: int) -> None:
        self.done += n
        if self.bar is None and self.terminal and time.perf_counter() - self.start > 1.0:
            from rich.console import Console
            from rich.progress import Progress

            from tracker.i18n import tr

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(tr("Đọc tệp các xã", "Reading commune files"), total=self.total)
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
