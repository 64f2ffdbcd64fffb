"""How alike two records are: their terms weighed by rarity (IDF) into vectors of
length 1, their cosine, and a typo-tolerant comparison of their titles."""

import math
from array import array
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import mul, truediv

from tracker.similarity.config import Config, active

# A vector kept small: its terms and their weights side by side, in the order of a
# dict of them (a hundred thousand dicts of floats weigh twice as much).
Compact = tuple[tuple[str, ...], "array[float]"]


def compact(found: dict[str, float]) -> Compact:
    """`found` kept small (`Compact`); `dict(zip(*compact(found)))` is `found` again."""
    return tuple(found), array("d", found.values())


@dataclass
class Corpus:
    """The records compared, with how many hold each term (for the rarity weights)."""

    df: Counter[str] = field(default_factory=Counter)
    size: int = 0
    config: Config = field(default_factory=active)

    known: dict[str, float] = field(default_factory=dict)  # the IDF of terms asked for

    @classmethod
    def known_counts(cls, counts: dict[str, int], size: int, config: Config | None = None) -> "Corpus":
        """A corpus known by how many of its `size` records hold each term."""
        return cls(Counter(counts), size, active(config))

    def add(self, found: dict[str, float]) -> None:
        self.df.update(found.keys())
        self.size += 1
        if self.known:
            self.known.clear()

    def add_all(self, terms: list[tuple[str, ...]]) -> None:
        """`add` of many records' terms (each record's terms once each), counted in C;
        then the rarity of every term worked out at once, as `idf` would one by one."""
        self.df.update(chain.from_iterable(terms))
        self.size += len(terms)
        size, rarity = self.size, self.config.rarity
        self.known = {t: (math.log((size + 1) / (n + 1)) + 1.0) ** rarity for t, n in self.df.items()}

    def idf(self, term: str) -> float:
        weight = self.known.get(term)
        if weight is None:
            weight = (math.log((self.size + 1) / (self.df.get(term, 0) + 1)) + 1.0) ** self.config.rarity
            if term in self.df:
                self.known[term] = weight
        return weight

    def vector(self, found: dict[str, float]) -> dict[str, float]:
        """Terms weighed by rarity, to length 1."""
        idf = self.idf
        raw = {t: w * idf(t) for t, w in found.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}

    def compact_vector(self, found: Compact) -> Compact:
        """`vector` of terms kept small (`Compact`), kept small: the same weights, in the same order."""
        terms, weights = found
        try:  # every term's rarity known (`add_all`): multiplied in C
            raw = list(map(mul, weights, map(self.known.__getitem__, terms)))
        except KeyError:
            idf = self.idf
            raw = [w * idf(t) for t, w in zip(terms, weights, strict=True)]
        norm = math.sqrt(sum(map(mul, raw, raw))) or 1.0  # summed in the same order: the same norm
        return terms, array("d", map(truediv, raw, repeat(norm)))


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two vectors of length 1. Summed exactly (`math.fsum`): the terms
    they share come in the order of a set, which Python's hash seed (PYTHONHASHSEED)
    changes from run to run, and a plain sum in another order may differ in its last
    bit — enough to choose another title for a group, or to join another."""
    shared = a.keys() & b.keys()
    return math.fsum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def cosine_of(found: Compact, other: dict[str, float]) -> float:
    """`cosine(dict(zip(*found)), other)` without making the dict: each of `found`'s
    terms that `other` lacks adds a product of 0.0, which changes no exact sum."""
    terms, weights = found
    return math.fsum(map(mul, weights, map(other.get, terms, repeat(0.0))))


def score(va: dict[str, float], vb: dict[str, float], fa: str, fb: str, config: Config | None = None) -> float:
    """How alike two records are, in [0, 1], from their rarity-weighed vectors and
    their folded titles."""
    config = active(config)
    alike = cosine(va, vb)
    if alike <= config.fuzz_from:
        return alike * (1 - config.fuzz)
    from rapidfuzz.fuzz import token_set_ratio

    return (1 - config.fuzz) * alike + config.fuzz * token_set_ratio(fa, fb) / 100.0
