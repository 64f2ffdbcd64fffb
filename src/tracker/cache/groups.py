"""The groups of issues that are one obstacle, kept in the cache: the clusters that
similarity finds (cache/similar.py), joined with the issues `same_as` links. Working
them out over every issue takes seconds at national size; they are kept until an
issue's ID or text, a link, or a commune's name changes, so a new status or deadline
(what changes between two meetings) regroups nothing. They are kept as rows (tables
`groups` and `group_members`); each member's lead and status are copied beside it and
kept in step as its file is cached again (`derived.restated`), so that a report's part
(`common`) is a few queries over those rows, not a join of 100,000 issues."""

import hashlib
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from tracker import rules
from tracker.cache import db as cachedb
from tracker.cache import queries
from tracker.cache import similar as cache_similar
from tracker.cache.derived import RESTATED
from tracker.cache.index import Index
from tracker.cache.rows import CommuneRow
from tracker.cache.similar import Key
from tracker.text import natural_key


@dataclass(frozen=True, slots=True)
class Group:
    """Issues that are one obstacle."""

    named_by: Key  # the member whose title names the group: the representative of its largest cluster
    members: list[Key]  # in the Vietnamese order of their communes, then by ID
    communes: int  # how many communes raise it
    linked: bool  # `same_as` links join every member (not similarity alone)


@dataclass(slots=True)
class Common:
    """An obstacle several communes raise, as a report lists it (`common`)."""

    title: str  # the title of the member that names the group
    communes: list[CommuneRow]  # the first few, in Vietnamese order
    commune_count: int
    ids: list[str]  # the first few of its issues
    size: int  # how many issues
    depts: list[str]  # the lead departments, most issues first
    linked: bool

    @property
    def disputed(self) -> bool:
        """More than one lead department: a question for the secretariat."""
        return len(self.depts) > 1


def issues(index: Index) -> dict[Key, tuple[str, str, str]]:
    """(file, ID) → (title, lead department, status) of every issue."""
    query = "SELECT file, id, title, dept, status FROM records WHERE section = 'issues'"
    return {(f, i): (t, d, s) for f, i, t, d, s in index.db.execute(query)}


def groups(index: Index) -> list[Group]:
    """Every group of two issues or more, in no particular order."""
    kept(index)
    query = ("SELECT g.grp, g.named_file, g.named_id, g.communes, g.linked, m.file, m.id FROM groups g "
             "JOIN group_members m ON m.grp = g.grp ORDER BY g.grp, m.pos")  # fmt: skip
    found: dict[int, Group] = {}
    for grp, named_file, named_id, communes, linked, file, issue in index.db.execute(query):
        group = found.get(grp)
        if group is None:
            group = found[grp] = Group((named_file, named_id), [], communes, bool(linked))
        group.members.append((file, issue))
    return list(found.values())


def kept(index: Index) -> None:
    """Make sure the tables hold the groups of the issues as they are now."""
    links = [(f, i, o) for f, i, o, _ in queries.links(index)]
    apart = [(f, i, o) for f, i, o, _ in queries.apart(index)]
    communes = queries.communes(index)
    order = sorted(communes, key=lambda f: communes[f].order())
    told = ["\x1f".join(link) for link in links] + ["!"] + ["\x1f".join(pair) for pair in apart]
    digest = zlib.crc32("\x1e".join([*told, "", *order]).encode())
    key = f"groups:{cache_similar.kept(index)}:{digest}"
    db = index.db
    if db.execute("SELECT 1 FROM memo WHERE key = ?", (key,)).fetchone() is not None:
        return
    before = db.execute("SELECT key FROM memo WHERE key LIKE 'groups:%'").fetchone()
    log: list[Key] = [(f, i) for f, i in db.execute("SELECT file, id FROM regrouped")]
    was: set[int] | None = None  # the groups that may have changed (None: every one)
    if before is not None and str(before[0]).endswith(f":{digest}"):
        # the same links, issues kept apart and communes: only the clusters the
        # issues of `log` were in or joined changed, and the groups they reach
        found, was = _part(index, log, links, apart)
    else:
        found = _grouped(index, links, apart)
    place = {f: n for n, f in enumerate(order)}
    sequence = zlib.crc32("\x1e".join(order).encode())  # a group's rows follow the communes' order
    with cachedb.immediate(db, done=key) as writing:
        if not writing:  # another command wrote the same groups meanwhile
            return
        # Only the groups that changed are written: after one new issue, one group of
        # thousands of members, not every group (100,000 rows at national size).
        query = "SELECT grp, named_file, named_id, communes, linked, h FROM groups"
        rows = (db.execute(query).fetchall() if was is None else
                [r for grp in sorted(was) for r in db.execute(f"{query} WHERE grp = ?", (grp,))])  # fmt: skip
        kept_rows = {(h, named_file, named_id, communes, linked): grp
                     for grp, named_file, named_id, communes, linked, h in rows}  # fmt: skip
        new: list[tuple[int, Group]] = []
        for group in found:
            h = _checksum(sequence, group.members)
            if kept_rows.pop((h, *group.named_by, group.communes, int(group.linked)), None) is None:
                in_order(group, place)  # only a group written again is put in the order its rows keep
                new.append((h, group))
        gone = [(grp,) for grp in kept_rows.values()]
        db.executemany("DELETE FROM group_members WHERE grp = ?", gone)
        db.executemany("DELETE FROM groups WHERE grp = ?", gone)
        db.execute("DELETE FROM memo WHERE key LIKE 'groups:%'")
        (last,) = db.execute("SELECT coalesce(max(grp), -1) FROM groups").fetchone()
        numbered = [(last + 1 + n, h, g) for n, (h, g) in enumerate(new)]
        db.executemany("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?)",
                       ((n, *g.named_by, g.communes, g.linked, h) for n, h, g in numbered))  # fmt: skip
        members = ((*m, n, pos, place) for n, _, g in numbered for pos, m, place in _placed(g.members))
        db.executemany("INSERT INTO group_members VALUES (?, ?, ?, ?, ?, NULL, NULL)", members)
        db.executemany(f"UPDATE group_members SET {RESTATED} WHERE grp = ?", ((n,) for n, _, _ in numbered))
        if was is None:
            db.execute("DELETE FROM regrouped")
        else:
            db.executemany("DELETE FROM regrouped WHERE file = ? AND id = ?", log)
        db.execute("INSERT INTO memo VALUES (?, '')", (key,))


def _part(index: Index, seeds: list[Key], links: list[tuple[str, str, str]],
          apart: list[tuple[str, str, str]]) -> tuple[list[Group], set[int]]:  # fmt: skip
    """The groups that hold the issues `seeds` now, and the groups that held any of
    them: all that reach them through a cluster, a link or a pair kept apart, now or
    before, worked out as `grouped` works out every issue (what lies beyond is
    grouped as it was). Also the kept groups they were in (to compare)."""
    db = index.db
    ends = _ends(index, [*links, *apart])
    beside: dict[Key, list[Key]] = defaultdict(list)
    for one, two in ends.values():
        if one is not None and two is not None:
            beside[one].append(two)
            beside[two].append(one)
    db.execute("CREATE TEMP TABLE IF NOT EXISTS reach(file TEXT NOT NULL, id TEXT NOT NULL)")
    reached: set[Key] = set()
    was: set[int] = set()
    clusters: set[int] = set()
    frontier = seeds
    while frontier:
        batch = [k for k in dict.fromkeys(frontier) if k not in reached]
        reached.update(batch)
        db.execute("DELETE FROM reach")
        db.executemany("INSERT INTO reach VALUES (?, ?)", batch)
        held = {g for (g,) in db.execute("SELECT DISTINCT m.grp FROM reach r CROSS JOIN group_members m "
                                         "ON m.file = r.file AND m.id = r.id")} - was  # fmt: skip
        joined = {c for (c,) in db.execute("SELECT DISTINCT m.cl FROM reach r CROSS JOIN kept_members m "
                                           "ON m.file = r.file AND m.id = r.id")} - clusters  # fmt: skip
        was |= held
        clusters |= joined
        frontier = [k for b in batch for k in beside.get(b, ())]
        for grp in sorted(held):
            frontier += db.execute("SELECT file, id FROM group_members WHERE grp = ?", (grp,)).fetchall()
        for cl in sorted(joined):
            frontier += db.execute("SELECT file, id FROM kept_members WHERE cl = ?", (cl,)).fetchall()
    db.execute("DELETE FROM reach")
    db.executemany("INSERT INTO reach VALUES (?, ?)", reached)
    query = "SELECT k.file, k.id FROM reach r CROSS JOIN kept_issues k ON k.file = r.file AND k.id = r.id"
    keys: list[Key] = sorted((f, i) for f, i in db.execute(query))  # those that are issues now
    db.execute("DELETE FROM reach")
    found: dict[int, tuple[Key, list[Key]]] = {}
    ranked = "SELECT c.rank, c.named_file, c.named_id, m.file, m.id FROM kept_clusters c JOIN kept_members m "
    for cl in clusters:
        for rank, named_file, named_id, file, ident in db.execute(f"{ranked} ON m.cl = c.cl WHERE c.cl = ? "
                                                                  "ORDER BY m.file, m.pos", (cl,)):  # fmt: skip
            found.setdefault(rank, ((named_file, named_id), []))[1].append((file, ident))
    part = [found[rank] for rank in sorted(found)]
    split = any(one is not None and two is not None and one != two for one, two in (ends[p] for p in apart))
    return grouped(keys, part, [t for t in links if t[:2] in reached], [t for t in apart if t[:2] in reached],
                   split), was  # fmt: skip


def _ends(index: Index, told: list[tuple[str, str, str]]) -> dict[tuple[str, str, str], tuple[Key | None, Key | None]]:
    """The issues a link (or a pair kept apart) joins, where they are issues: the one
    that says it, and the one its ID names (the last of that ID, as `grouped` finds it)."""
    if not told:
        return {}
    db = index.db
    ids = sorted({o for _, _, o in told})
    last: dict[str, Key] = {}
    for at in range(0, len(ids), 500):
        chunk = ids[at : at + 500]
        marks = ", ".join("?" * len(chunk))
        query = f"SELECT file, id FROM records WHERE section = 'issues' AND id IN ({marks}) ORDER BY file, id"
        last.update((i, (f, i)) for f, i in db.execute(query, chunk))
    query = "SELECT 1 FROM records WHERE section = 'issues' AND file = ? AND id = ?"
    return {t: ((t[0], t[1]) if db.execute(query, t[:2]).fetchone() else None, last.get(t[2])) for t in told}


def in_order(group: Group, place: dict[str, int]) -> None:
    """A group's members in the communes' order (`place`: each file's rank), then by ID."""
    group.members.sort(key=lambda k: (place.get(k[0], len(place)), natural_key(k[1])))


def _checksum(sequence: int, members: list[Key]) -> int:
    """A checksum of a group's members (in the order of their keys) and of the communes'
    order (`sequence`), which orders its rows: a signed 64-bit integer, as SQLite keeps."""
    text = "\x1e".join([str(sequence), *(f"{f}\x1f{i}" for f, i in members)]).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big", signed=True)


def _placed(members: list[Key]) -> Iterator[tuple[int, Key, int]]:
    """Each member with its position, and the rank of its commune among the group's."""
    place, last = -1, None
    for pos, member in enumerate(members):
        if member[0] != last:
            place, last = place + 1, member[0]
        yield pos, member, place


def common(index: Index, min_communes: int, depts: list[str], file: str | None, most: int) -> list[Common]:
    """The groups of `min_communes` communes or more still to answer (an issue of theirs
    not done) where `depts` (when given) lead one, or that concern `file`; the largest
    first. Of each, the first `most` communes and IDs."""
    kept(index)
    db = index.db
    live: dict[int, _Live] = {}
    query = f"SELECT grp, dept, count(*), max({rules.sql_active()}) FROM group_members GROUP BY grp, dept"
    for grp, dept, n, active in db.execute(query):
        seen = live.get(grp) or live.setdefault(grp, _Live())
        seen.leads[dept] = n
        seen.size += n
        seen.active = seen.active or bool(active)
    here = {grp for (grp,) in db.execute("SELECT DISTINCT grp FROM group_members WHERE file = ?", (file,))}
    wanted = set(depts)
    stored = {grp: (places, linked) for grp, places, linked in db.execute("SELECT grp, communes, linked FROM groups")}
    chosen = [
        grp
        for grp, seen in live.items()
        if seen.size >= 2 and stored[grp][0] >= max(min_communes, 1) and seen.active
        and (not wanted or not wanted.isdisjoint(seen.leads)) and (not file or grp in here)
    ]  # fmt: skip
    db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted(grp INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM wanted")
    db.executemany("INSERT INTO wanted VALUES (?)", ((grp,) for grp in chosen))
    ids: dict[int, list[tuple[str, str]]] = defaultdict(list)
    query = ("SELECT m.grp, m.id, r.title FROM wanted w CROSS JOIN group_members m ON m.grp = w.grp AND m.pos < ? "
             "CROSS JOIN records r ON r.section = 'issues' AND r.file = m.file AND r.id = m.id "
             "ORDER BY m.grp, m.pos")  # fmt: skip
    for grp, issue, title in db.execute(query, (most,)):
        ids[grp].append((issue, title))
    places: dict[int, list[CommuneRow]] = defaultdict(list)
    query = ("SELECT m.grp, m.file FROM wanted w CROSS JOIN group_members m ON m.grp = w.grp AND m.place < ? "
             "GROUP BY m.grp, m.place ORDER BY m.grp, m.place")  # fmt: skip
    by_file = queries.communes(index)
    for grp, name in db.execute(query, (most,)):
        places[grp].append(by_file[name])
    named = dict(db.execute("SELECT g.grp, r.title FROM groups g JOIN wanted w ON w.grp = g.grp JOIN records r "
                            "ON r.section = 'issues' AND r.file = g.named_file AND r.id = g.named_id"))  # fmt: skip
    out = [
        Common(named.get(grp, ids[grp][0][1]), places[grp], stored[grp][0], [i for i, _ in ids[grp]],
               live[grp].size, _most_first(live[grp].leads), bool(stored[grp][1]))
        for grp in chosen
    ]  # fmt: skip
    return sorted(out, key=lambda c: (-c.size, -c.commune_count, natural_key(c.ids[0])))


@dataclass(slots=True)
class _Live:
    """What a group's members say now: how many each department leads, and whether
    any is still to answer."""

    leads: dict[str, int] = field(default_factory=dict)
    size: int = 0
    active: bool = False


def _most_first(counts: dict[str, int]) -> list[str]:
    return sorted(counts, key=lambda d: (-counts[d], d))


def _grouped(index: Index, links: list[tuple[str, str, str]],
             apart: list[tuple[str, str, str]] | None = None) -> list[Group]:  # fmt: skip
    """The groups of the issues of `index` (`grouped`)."""
    # every issue's (file, ID), in Python's order of the pairs: SQLite's BINARY order
    # of UTF-8 is the order of code points (from the index, no sort)
    query = "SELECT file, id FROM records WHERE section = 'issues' ORDER BY file, id"
    keys: list[Key] = [(f, i) for f, i in index.db.execute(query)]
    return grouped(keys, cache_similar.clusters(index), links, apart)


def grouped(keys: list[Key], clusters: cache_similar.Found, links: list[tuple[str, str, str]],
            apart: list[tuple[str, str, str]] | None = None, split: bool | None = None) -> list[Group]:  # fmt: skip
    """The groups of the issues `keys` (in order): the `clusters` similarity found,
    joined by `same_as` links (file, issue, the ID it names); two issues `not_same_as`
    each other are never in one group (a cluster holding both is split: each of its
    issues joins the first part that holds none it is kept apart from). Each group's
    members in the order of `keys`, not yet the communes' order (`in_order`). `split`:
    whether clusters are walked part by part (some issue is kept apart among every
    issue, when `keys` are only some of them); by default, whether one is among `keys`."""
    at = {k: n for n, k in enumerate(keys)}
    by_id = {k[1]: n for n, k in enumerate(keys)}
    leader = list(range(len(keys)))
    kept_apart: dict[int, set[int]] = defaultdict(set)  # issue → the issues it is kept apart from
    for file, issue, other in apart or []:
        one, two = at.get((file, issue)), by_id.get(other)
        if one is not None and two is not None and one != two:
            kept_apart[one].add(two)
            kept_apart[two].add(one)
    held: dict[int, set[int]] = {n: {n} for n in kept_apart}  # root → its members, where any is kept apart

    def root(n: int) -> int:
        while leader[n] != n:
            leader[n] = leader[leader[n]]
            n = leader[n]
        return n

    def join(n: int, m: int) -> bool:
        a, b = root(n), root(m)
        if a == b:
            return True
        ours, theirs = held.get(a, set()), held.get(b, set())
        if any(kept_apart[x] & theirs for x in ours):
            return False
        low, high = min(a, b), max(a, b)
        leader[high] = low
        if ours or theirs:
            held[low] = ours | theirs
        return True

    named: dict[int, tuple[int, Key]] = {}  # first member → (size, representative) of a cluster
    for rep, cluster in clusters:
        found = [at[m] for m in cluster if m in at]
        if not (kept_apart if split is None else split):  # nothing kept apart: the cluster is one group
            for n in found[1:]:
                leader[n] = found[0]
        else:
            parts: list[int] = found[:1]
            for n in found[1:]:
                if not any(join(part, n) for part in parts):
                    parts.append(n)  # kept apart from every part so far: the start of another
        if found and rep in at:
            named[found[0]] = (len(found), rep)
    linked: set[tuple[int, int]] = set()
    for file, issue, other in links:
        one, two = at.get((file, issue)), by_id.get(other)
        if one is not None and two is not None and join(one, two):  # a link against not_same_as joins nothing
            linked.add((min(one, two), max(one, two)))
    members: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):
        members[root(n)].append(n)
    out = []
    for group in members.values():
        if len(group) < 2:
            continue
        # the title of the largest cluster in the group (links may join several)
        rep = max((named[n] for n in group if n in named), default=(0, keys[group[0]]))[1]
        out.append(Group(rep, [keys[n] for n in group], len({keys[n][0] for n in group}), _is_linked(group, linked)))
    return out


def _is_linked(group: list[int], linked: set[tuple[int, int]]) -> bool:
    """Whether `same_as` links join every issue of the group (not similarity alone)."""
    leader = {n: n for n in group}

    def root(n: int) -> int:
        while leader[n] != n:
            n = leader[n]
        return n

    for n, m in linked:
        if n in leader and m in leader:
            leader[root(max(n, m))] = root(min(n, m))
    return len({root(n) for n in group}) == 1
