"""Groups of records that are one obstacle: average linkage over the pairs that
share a rare term, up to `Config.exact` records; beyond, a fixed sample grouped so
and every other record joined to the group whose centre it is closest to, if close
enough (what joins none is grouped the same way among itself). The same data gives
the same groups on every run."""

import heapq
import math
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat
from operator import add
from typing import Any, TypeVar

from tracker.similarity.config import Config, active
from tracker.similarity.scoring import Compact, Corpus, compact, cosine_of, score
from tracker.similarity.terms import fuzzy_text, terms

T = TypeVar("T")


@dataclass
class Item:
    key: str
    title: str
    description: str | None = None


def centre(vectors: Iterable[dict[str, float]], config: Config) -> dict[str, float]:
    """The mean of a group's vectors, its `Config.centre` heaviest terms, to length 1."""
    total: dict[str, float] = {}
    get = total.get
    for vector in vectors:
        # `total[t] = total.get(t, 0) + w` for each term, summed in C (a term is once
        # in a vector): the same sums, in the same order, as a Counter's `update`
        total.update(zip(vector, map(add, map(get, vector, repeat(0.0)), vector.values()), strict=True))
    kept = dict(sorted(total.items(), key=lambda tv: (-tv[1], tv[0]))[: config.centre])
    norm = math.sqrt(sum(v * v for v in kept.values())) or 1.0
    return {t: v / norm for t, v in kept.items()}


def _stable(key: str) -> int:
    """A number for `key` that is the same on every run (Python's hash is not)."""
    return zlib.crc32(key.encode())


# Records at least this many are shared out among processes (`_shared`): below, forking
# costs more than it saves.
SHARED_FROM = 2000
PROCESSES = 0  # how many processes share the work (0: one a core; 1: this process alone)
_working: tuple[Any, ...] | None = None  # what a forked process works on: it is inherited, never sent


def _shared(work: Callable[..., list[T]], records: list[int], context: tuple[Any, ...],
            size: int | None = None) -> list[T]:  # fmt: skip
    """`work(records, *context)`: a list with one answer a record, each worked out on
    its own. Of many records (`size`: as many as the work is worth, when an answer
    reads many) and where processes fork (Linux), shared out among a process a core,
    each handed every few records and the model as it is (forked, not copied): the
    answers are those one process gives, in the same order."""
    import multiprocessing

    from tracker.processes import cores, forkable

    processes = PROCESSES or cores()
    worth = len(records) if size is None else size
    if worth < SHARED_FROM or processes < 2 or not forkable():  # the model is inherited, never sent
        return work(records, *context)
    from concurrent.futures import ProcessPoolExecutor

    global _working
    parts = processes * 4  # the records in turn (a record's work shrinks along the list), a few parts a process
    _working = (work, context)
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            answers = list(pool.map(_share, [records[k::parts] for k in range(parts)]))
    finally:
        _working = None
    out: list[T] = [answers[0][0]] * len(records)
    for k, part in enumerate(answers):
        out[k::parts] = part
    return out


def _share(records: list[int]) -> list[Any]:
    assert _working is not None
    work, context = _working
    return list(work(records, *context))


class Model:
    """Records held in memory and compared with one another: the labelled set, or
    the issues of a data folder for `clusters`. The list of terms handed in (each a
    dict, or kept small: `scoring.compact`) is weighed in place into the records'
    vectors, kept small: a vector is made a dict again only while it is compared."""

    def __init__(self, keys: list[str], raw: list[dict[str, float]] | list[Compact], fuzzy: list[str],
                 config: Config | None = None) -> None:  # fmt: skip
        self.config = active(config)
        self.keys = keys
        self.corpus = Corpus(config=self.config)
        vectors: list[Any] = raw
        self.corpus.add_all([tuple(held) if isinstance(held, dict) else held[0] for held in vectors])
        self.fuzzy = fuzzy
        self._postings: dict[str, list[int]] | None = None
        # Weighed in place: a hundred thousand records' terms are not held twice (the
        # list handed in becomes the vectors).
        for n, held in enumerate(vectors):
            vectors[n] = self.corpus.compact_vector(compact(held) if isinstance(held, dict) else held)
        self.vectors: list[Compact] = vectors

    def vector(self, n: int) -> dict[str, float]:
        """Record `n`'s vector: its terms weighed by rarity, to length 1."""
        terms, weights = self.vectors[n]
        return dict(zip(terms, weights, strict=True))

    @property
    def postings(self) -> dict[str, list[int]]:
        """Term → the records that hold it, in order: made when first asked (`similar`),
        which grouping never does (it indexes the records it compares itself)."""
        if self._postings is None:
            self._postings = {}
            for n, (terms, _) in enumerate(self.vectors):
                for term in terms:
                    self._postings.setdefault(term, []).append(n)
        return self._postings

    @classmethod
    def of(cls, items: Iterable[Item], config: Config | None = None) -> "Model":
        config = active(config)
        listed = list(items)
        return cls([i.key for i in listed], [terms(i.title, i.description, config) for i in listed],
                   [fuzzy_text(i.title, config) for i in listed], config)  # fmt: skip

    def candidates(self, vector: dict[str, float], postings: dict[str, list[int]] | None = None,
                   skip: int = -1, among: int = 0) -> list[int]:  # fmt: skip
        """Records that share a term with `vector`; a term that a twentieth of the
        records (of `among` records, when `postings` holds those) hold proposes nothing
        (`Config.common_share`, `Config.common_least`)."""
        postings = self.postings if postings is None else postings
        common = max(self.config.common_least, (among or self.corpus.size) // self.config.common_share)
        out: dict[int, None] = {}
        for term in vector:
            found = postings.get(term, ())
            if len(found) <= common:
                out.update(dict.fromkeys(found))
        out.pop(skip, None)
        return list(out)

    def similar(self, title: str, description: str | None = None, limit: int = 5,
                skip: int | None = None) -> list[tuple[int, float]]:  # fmt: skip
        """(index, score) of the records most like a text, best first."""
        vector = self.corpus.vector(terms(title, description, self.config))
        text = fuzzy_text(title, self.config)
        scored = [(n, score(vector, self.vector(n), text, self.fuzzy[n], self.config))
                  for n in self.candidates(vector, skip=-1 if skip is None else skip)]  # fmt: skip
        return sorted(scored, key=lambda x: (-x[1], x[0]))[:limit]

    def pair(self, n: int, m: int, vectors: dict[int, dict[str, float]] | None = None) -> float:
        """The score of records `n` and `m` (their vectors from `vectors`, where given)."""
        a, b = (self.vector(n), self.vector(m)) if vectors is None else (vectors[n], vectors[m])
        return score(a, b, self.fuzzy[n], self.fuzzy[m], self.config)

    def clusters(self, threshold: float | None = None, link: float | None = None) -> list[list[int]]:
        """Groups of records that are one obstacle, largest first, each in the order of
        the records; the same groups on every run."""
        threshold = self.config.threshold if threshold is None else threshold
        link = self.config.link if link is None else link
        found = self._cluster(list(range(len(self.vectors))), threshold, link)
        return sorted((sorted(g) for g in found if len(g) > 1), key=lambda g: (-len(g), g[0]))

    def _cluster(self, members: list[int], threshold: float, link: float) -> list[list[int]]:
        """All pairs of up to `Config.exact` records; of more, those of a sample, and the others
        joined to the group whose centre they are closest to, if close enough; what
        joins none is grouped the same way, among itself."""
        config = self.config
        if len(members) <= config.exact:
            return self._exact(members, threshold, link)
        ranked = sorted(members, key=lambda n: (_stable(self.keys[n]), n))
        groups = self._exact(sorted(ranked[: config.exact]), threshold, link)
        centres = [self._centre(g) for g in groups]
        postings: dict[str, list[tuple[int, float]]] = {}
        for k, centre in enumerate(centres):
            for term, weight in centre.items():
                postings.setdefault(term, []).append((k, weight))
        rest = []
        others = sorted(ranked[config.exact :])
        for n, best in zip(others, _shared(self._placed, others, (centres, postings)), strict=True):
            if best[0] >= config.assign:
                groups[-best[1]].append(n)
            else:
                rest.append(n)
        return groups + self._cluster(rest, threshold, link)

    def _placed(self, others: list[int], centres: list[dict[str, float]],
                postings: dict[str, list[tuple[int, float]]]) -> list[tuple[float, int]]:  # fmt: skip
        """For each record, how close it is to the closest centre, and minus that centre's
        number (each record on its own: the centres do not move meanwhile)."""
        config = self.config
        out = []
        for n in others:
            # The centres its heaviest terms point to, roughly ranked term by term; the
            # closest few then measured exactly.
            terms, weights = held = self.vectors[n]
            close: dict[int, float] = {}
            heaviest: Iterable[tuple[str, float]]
            if len(terms) <= config.probe:
                heaviest = zip(terms, weights, strict=True)
            else:  # heaviest first, then by term (as tuples, compared in C; a term is once in a vector)
                heaviest = [(t, w) for w, t in sorted(zip(weights, terms, strict=True), reverse=True)[: config.probe]]
            for term, weight in heaviest:
                for k, theirs in postings.get(term, ()):
                    close[k] = close.get(k, 0.0) + weight * theirs
            near = heapq.nlargest(config.near, close, key=lambda k: (close[k], -k))
            out.append(max(((cosine_of(held, centres[k]), -k) for k in near), default=(0.0, 0)))
        return out

    def named_all(self, groups: list[list[int]]) -> list[tuple[int, dict[str, float], float]]:
        """`named` of each group (groups of many records in all: shared out among processes)."""
        return _shared(self._named, list(range(len(groups))), (groups,), sum(map(len, groups)))

    def _named(self, which: list[int], groups: list[list[int]]) -> list[tuple[int, dict[str, float], float]]:
        return [self.named(groups[k]) for k in which]

    def named(self, group: list[int]) -> tuple[int, dict[str, float], float]:
        """The group's representative (the record closest to what they all say, its
        centre; the first of those, in a tie), its centre, and how close (cosine) the
        one is to the other."""
        centre = self._centre(group)
        vectors = self.vectors
        closeness, rep = max((cosine_of(vectors[n], centre), -n) for n in group)
        return -rep, centre, closeness

    def _centre(self, group: list[int]) -> dict[str, float]:
        return centre((self.vector(n) for n in group), self.config)

    def _exact(self, members: list[int], threshold: float, link: float) -> list[list[int]]:
        """Average linkage over the pairs of `members` that share a rare term: the
        closest pairs join first, and two groups join only while their records are, on
        the average, alike (a pair never scored counts as 0), so that a chain of records
        each a little like the next does not make one group of everything. Every
        member is in one group (many alone)."""
        postings: dict[str, list[int]] = {}
        vectors = {n: self.vector(n) for n in members}  # as dicts while they are compared pair by pair
        for n in members:
            for term in vectors[n]:
                postings.setdefault(term, []).append(n)
        edges = []
        # between[g][h]: the sum of the scores of the pairs between groups g and h
        between: dict[int, dict[int, float]] = {n: {} for n in members}
        answers = _shared(self._scored, members, (postings, len(members), vectors))
        for k, n in enumerate(members):
            for m, alike in answers[k]:
                between[n][m] = between[m][n] = alike
                if alike >= threshold:
                    edges.append((alike, n, m))
            answers[k] = []  # read: let go
        del vectors, postings
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        leader = {n: n for n in members}
        groups = {n: [n] for n in members}

        def find(n: int) -> int:
            while leader[n] != n:
                leader[n] = leader[leader[n]]
                n = leader[n]
            return n

        for _, n, m in edges:
            a, b = find(n), find(m)
            if a == b or between[a].get(b, 0.0) / (len(groups[a]) * len(groups[b])) < link:
                continue
            if len(groups[a]) < len(groups[b]):
                a, b = b, a
            leader[b] = a
            groups[a] += groups.pop(b)
            ours = between[a]
            for h, total in between.pop(b).items():
                if h != a:
                    theirs = between[h]
                    summed = ours.get(h, 0.0) + total
                    del theirs[b]
                    ours[h] = theirs[a] = summed
            ours.pop(b, None)
        return [sorted(g) for g in groups.values()]

    def _scored(self, members: list[int], postings: dict[str, list[int]], among: int,
                vectors: dict[int, dict[str, float]]) -> list[list[tuple[int, float]]]:  # fmt: skip
        """For each record, the score of each later record that shares a rare term with it."""
        out = []
        for n in members:
            proposed = self.candidates(vectors[n], postings, skip=n, among=among)
            out.append([(m, self.pair(n, m, vectors)) for m in proposed if m > n])
        return out
