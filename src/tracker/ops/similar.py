"""The same obstacle raised by many communes: the issues most like one (`similar`),
hints while one is written, the clusters of issues that are one obstacle, and the
common obstacles a report lists once."""

from collections import defaultdict
from collections.abc import Callable

from tracker import ids, similarity
from tracker.cache import CommuneRow, queries
from tracker.cache import similar as index_similar
from tracker.cache.similar import Compared, Key
from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.models import Issue
from tracker.ops import find
from tracker.ops.workspace import Workspace
from tracker.results import Cluster, Clusters, Match, Similar
from tracker.text import natural_key

HINTS = 3  # what add-issue and import --dry-run show at most


def _match(row: Compared, score: float, communes: dict[str, CommuneRow]) -> Match:
    return Match(row.id, communes[row.file], row.title, row.dept, row.status, round(score, 3))


def similar(ws: Workspace, ident: str | None = None, text: str | None = None, limit: int = 10) -> Similar:
    """The issues most like issue `ident`, or like `text`, in every commune; best first."""
    if (ident is None) == (text is None):
        raise UsageError(tr("cho một mã vướng mắc hoặc --text", "give an issue ID or --text"))
    if ident is not None:
        doc, section, at = find.record(ws, ident)
        if section != "issues":
            from tracker.errors import WrongKind

            raise WrongKind(ids.normalise(ident), section)
        issue: Issue = doc.model.issues[at]
        found = _nearest(ws, issue.title, issue.description, limit, skip=(doc.path.name, issue.id))
        return Similar(issue.id, found)
    assert text is not None
    if not text.strip():
        raise UsageError(tr("--text: không được để trống", "--text: must not be empty"))
    return Similar(text, _nearest(ws, text, None, limit))


def hints(ws: Workspace, title: str, description: str | None = None,
          skip: tuple[str, str] | None = None) -> list[Match]:  # fmt: skip
    """Up to HINTS existing issues that look like a new one (score ≥ THRESHOLD)."""
    return [m for m in _nearest(ws, title, description, HINTS, skip) if m.score >= similarity.THRESHOLD]


def _nearest(ws: Workspace, title: str, description: str | None, limit: int,
             skip: tuple[str, str] | None = None) -> list[Match]:  # fmt: skip
    index = ws.readable()
    communes = queries.communes(index)
    read = similarity.analyse(title, description)
    found = index_similar.nearest(index, read.terms, read.fuzzy, limit + 1)
    return [_match(r, s, communes) for r, s in found if (r.file, r.id) != skip and s > 0][:limit]


def clusters(ws: Workspace, dept: str | None = None, min_communes: int = 2) -> Clusters:
    """Groups of issues that are one obstacle across communes, largest first: the
    clusters similarity finds, joined with the groups `same_as` links. With `dept`,
    those where it leads an issue."""
    code = find.dept(ws, dept) if dept else None
    groups = [g for g in common(ws, min_communes) if code is None or code in g.depts]
    return Clusters(groups, min_communes)


def common(ws: Workspace, min_communes: int, wanted: Callable[[list[tuple[str, str, str]]], bool] | None = None
           ) -> list[Cluster]:  # fmt: skip
    """Every group of issues that are one obstacle (linked by `same_as`, or found
    alike), spanning at least `min_communes` communes; largest first. `wanted`, given
    each member's (file, lead, status), keeps only the groups it says yes to."""
    index = ws.readable()
    communes = queries.communes(index)
    known = index_similar.issues(index)
    keys = list(known)
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

    title_of: dict[int, tuple[int, Key]] = {}  # first member → (size, representative) of a cluster
    for rep, cluster in index_similar.clusters(index):
        found = [at[m] for m in cluster if m in at]
        for n in found[1:]:
            join(found[0], n)
        if found and rep in known:
            title_of[found[0]] = (len(found), rep)
    linked: set[tuple[int, int]] = set()
    for file, issue, other, _ in queries.links(index):
        one, two = at.get((file, issue)), by_id.get(other)
        if one is not None and two is not None:
            join(one, two)
            linked.add((min(one, two), max(one, two)))
    # the communes in Vietnamese dictionary order, worked out once
    place = {f: n for n, f in enumerate(sorted(communes, key=lambda f: communes[f].order()))}
    members: dict[int, list[int]] = defaultdict(list)
    for n in range(len(keys)):
        members[root(n)].append(n)
    out = []
    for group in members.values():
        if len(group) < 2 or len({keys[n][0] for n in group}) < max(min_communes, 1):
            continue
        if wanted is not None and not wanted([(keys[n][0], known[keys[n]][2], known[keys[n]][3]) for n in group]):
            continue
        # the title of the largest cluster in the group (links may join several)
        rep = max((title_of[n] for n in group if n in title_of), default=(0, keys[group[0]]))[1]
        group.sort(key=lambda n: (place[keys[n][0]], natural_key(keys[n][1])))
        matches = [_member(keys[n], known[keys[n]], communes) for n in group]
        out.append(Cluster(known[rep][1], matches, _is_linked(group, linked)))
    return sorted(out, key=lambda c: (-len(c.members), -len(c.communes), natural_key(c.members[0].id)))


def _member(key: Key, row: tuple[int, str, str, str], communes: dict[str, CommuneRow]) -> Match:
    _, title, dept, status = row
    return Match(key[1], communes[key[0]], title, dept, status, 1.0)


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
