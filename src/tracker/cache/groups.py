"""The groups of issues that are one obstacle, kept in the cache: the clusters that
similarity finds (cache/similar.py), joined with the issues `same_as` links. Working
them out over every issue takes seconds at national size; they are kept until an
issue's ID or text, a link, or a commune's name changes, so a new status or deadline
(what changes between two meetings) regroups nothing. What changes — each member's
title, lead and status — is read afresh by `issues`, from an index that holds it."""

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass

from tracker.cache import queries
from tracker.cache import similar as cache_similar
from tracker.cache.index import Index
from tracker.cache.similar import Key
from tracker.text import natural_key


@dataclass(frozen=True, slots=True)
class Group:
    """Issues that are one obstacle."""

    named_by: Key  # the member whose title names the group: the representative of its largest cluster
    members: list[Key]  # in the Vietnamese order of their communes, then by ID
    communes: int  # how many communes raise it
    linked: bool  # `same_as` links join every member (not similarity alone)


def issues(index: Index) -> dict[Key, tuple[str, str, str]]:
    """(file, ID) → (title, lead department, status) of every issue."""
    query = "SELECT file, id, title, dept, status FROM records WHERE section = 'issues'"
    return {(f, i): (t, d, s) for f, i, t, d, s in index.db.execute(query)}


def groups(index: Index) -> list[Group]:
    """Every group of two issues or more, in no particular order."""
    links = [(f, i, o) for f, i, o, _ in queries.links(index)]
    communes = queries.communes(index)
    order = sorted(communes, key=lambda f: communes[f].order())
    digest = zlib.crc32("\x1e".join(["\x1f".join(link) for link in links] + ["", *order]).encode())
    key = f"groups:{cache_similar.clusters_key(index)}:{digest}"
    kept = index.db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
    if kept is not None:
        return [Group(tuple(n), [tuple(m) for m in ms], c, ln) for n, ms, c, ln in json.loads(kept[0])]
    found = _grouped(index, links, {f: n for n, f in enumerate(order)})
    value = json.dumps([[g.named_by, g.members, g.communes, g.linked] for g in found], ensure_ascii=False)
    index.db.execute("BEGIN IMMEDIATE")
    index.db.execute("DELETE FROM memo WHERE key LIKE 'groups:%'")
    index.db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, value))
    index.db.execute("COMMIT")
    return found


def _grouped(index: Index, links: list[tuple[str, str, str]], place: dict[str, int]) -> list[Group]:
    keys = [k for k, _ in sorted(issues(index).items(), key=lambda kv: kv[0])]
    at = {k: n for n, k in enumerate(keys)}
    by_id = {k[1]: n for n, k in enumerate(keys)}
    leader = list(range(len(keys)))

    def root(n: int) -> int:
        while leader[n] != n:
            leader[n] = leader[leader[n]]
            n = leader[n]
        return n

    def join(n: int, m: int) -> None:
        a, b = root(n), root(m)
        if a != b:
            leader[max(a, b)] = min(a, b)

    named: dict[int, tuple[int, Key]] = {}  # first member → (size, representative) of a cluster
    for rep, cluster in cache_similar.clusters(index):
        found = [at[m] for m in cluster if m in at]
        for n in found[1:]:
            join(found[0], n)
        if found and rep in at:
            named[found[0]] = (len(found), rep)
    linked: set[tuple[int, int]] = set()
    for file, issue, other in links:
        one, two = at.get((file, issue)), by_id.get(other)
        if one is not None and two is not None:
            join(one, two)
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
        group.sort(key=lambda n: (place.get(keys[n][0], len(place)), natural_key(keys[n][1])))
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
