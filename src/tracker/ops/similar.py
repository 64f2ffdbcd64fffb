"""The same obstacle raised by many communes: the issues most like one (`similar`),
hints while one is written, the clusters of issues that are one obstacle, and the
common obstacles a report lists once."""

from tracker import ids, similarity
from tracker.cache import CommuneRow, queries
from tracker.cache import groups as cache_groups
from tracker.cache import similar as index_similar
from tracker.cache.similar import Compared
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
    """Up to HINTS existing issues that look like a new one (a score of `Config.threshold` or more)."""
    return [m for m in _nearest(ws, title, description, HINTS, skip) if m.score >= similarity.active().threshold]


def _nearest(ws: Workspace, title: str, description: str | None, limit: int,
             skip: tuple[str, str] | None = None) -> list[Match]:  # fmt: skip
    index = ws.readable()
    communes = queries.communes(index)
    read = similarity.analyse(title, description)
    found = index_similar.nearest(index, read.terms, read.fuzzy, limit + 1)
    floor = similarity.active().floor  # a word or two in common is not "similar"
    return [_match(r, s, communes) for r, s in found if (r.file, r.id) != skip and s >= floor][:limit]


def clusters(ws: Workspace, dept: str | None = None, min_communes: int = 2) -> Clusters:
    """Groups of issues that are one obstacle across communes, largest first: the
    clusters similarity finds, joined with the groups `same_as` links. With `dept`,
    those where it leads an issue."""
    code = find.dept(ws, dept) if dept else None
    groups = [g for g in common(ws, min_communes) if code is None or code in g.depts]
    return Clusters(groups, min_communes)


def common(ws: Workspace, min_communes: int) -> list[Cluster]:
    """Every group of issues that are one obstacle (linked by `same_as`, or found
    alike), spanning at least `min_communes` communes, with all its members; largest
    first. (A report's part, of the groups still to answer, is `cache.groups.common`.)"""
    index = ws.readable()
    communes = queries.communes(index)
    known = cache_groups.issues(index)
    out = []
    for group in cache_groups.groups(index):
        if group.communes < max(min_communes, 1):
            continue
        found = [(k, known[k]) for k in group.members if k in known]
        if len(found) < 2:  # a kept group names issues no longer there (it cannot, unless two digests collide)
            continue
        matches = [Match(k[1], communes[k[0]], title, dept, status, 1.0) for k, (title, dept, status) in found]
        named = known.get(group.named_by, found[0][1])[0]
        out.append(Cluster(named, matches, group.linked))
    return sorted(out, key=lambda c: (-len(c.members), -len(c.communes), natural_key(c.members[0].id)))
