"""Text read for comparing: its syllables (folded, and with their accents), stop
words gone, abbreviations spelt out, the concepts it names; then a record's terms
and their weights."""

import re
from dataclasses import dataclass
from itertools import pairwise

from tracker.similarity import vocabulary
from tracker.similarity.config import Config, active
from tracker.similarity.vocabulary import Syllable, Vocabulary
from tracker.text import nfc

_WORD = re.compile(r"\w+")


@dataclass
class Read:
    """A text read for comparing: its kept syllables and the concepts it names."""

    kept: list[Syllable]  # (folded, accented), stop words gone
    concepts: list[str]


def read(text: str, vocab: Vocabulary) -> Read:
    words: list[Syllable] = []
    known = vocab.words.get  # most words were seen before: one lookup, no call
    for word in _WORD.findall(nfc(text).casefold()):
        seen = known(word)
        words += vocab.word(word) if seen is None else seen
    plain = all(a == f for f, a in words)  # typed without any accent
    keys = [f if plain else a for f, a in words]
    concepts_of, stopped = vocab.concepts[plain], vocab.stopped[plain]
    starts = vocab.starts[plain]
    stop = vocab.stop[plain]
    longest = vocab.longest
    kept: list[Syllable] = []
    found: list[str] = []
    count = len(words)
    n = 0
    while n < count:
        key = keys[n]
        if key not in starts:  # most words begin no phrase
            if key not in stop:
                kept.append(words[n])
            n += 1
            continue
        for size in range(min(longest, count - n), 0, -1):
            phrase = tuple(keys[n : n + size])
            concept = concepts_of.get(phrase)
            if concept is not None:
                found.append(concept)
            if phrase in stopped:
                n += size
                break
            if concept is not None:
                kept += words[n : n + size]
                n += size
                break
        else:
            if keys[n] not in stop:
                kept.append(words[n])
            n += 1
    return Read(kept, found)


def syllables(text: str, config: Config | None = None) -> list[str]:
    """The folded syllables of `text`, abbreviations spelt out, stop words gone."""
    return [f for f, _ in read(text, vocabulary.of(active(config))).kept]


def concepts(text: str, config: Config | None = None) -> list[str]:
    """The concepts `text` names, longest phrase first."""
    return read(text, vocabulary.of(active(config))).concepts


def _add(weights: dict[str, float], found: Read, weight: float, accents: bool, vocab: Vocabulary) -> None:
    # The hot loop of every issue's terms. Each weight is the product it always was
    # (`weight * of(f)`, where `of` is 1.0 or `generic`), worked out once, and each
    # term is added to in the same order: the sums are the same to the last bit.
    config = vocab.config
    generic = vocab.generic_words
    own = (weight * 1.0, weight * config.generic)  # by whether the syllable is generic
    accent = weight * config.accent
    accented = (accent * 1.0, accent * config.generic)
    pair = weight * config.pair
    pairs = (pair * 1.0, pair * max(1.0, config.generic), pair * config.generic)  # by how many are generic
    concept = weight * config.concept
    get = weights.get
    for name in found.concepts:
        key = "=" + name
        weights[key] = get(key, 0.0) + concept
    kept = found.kept
    for f, a in kept:
        light = f in generic
        weights[f] = get(f, 0.0) + own[light]
        if accents and a != f:
            key = "'" + a
            weights[key] = get(key, 0.0) + accented[light]
    for (a, _), (b, _) in pairwise(kept):
        key = f"{a} {b}"
        weights[key] = get(key, 0.0) + pairs[(a in generic) + (b in generic)]


@dataclass
class Analysed:
    """What a record is compared by: all its terms, those of its title alone (which
    propose candidates), and its title as the typo-tolerant signal reads it."""

    terms: dict[str, float]
    title_terms: dict[str, float]
    fuzzy: str


def analyse(title: str, description: str | None = None, config: Config | None = None) -> Analysed:
    """A record's terms and their weights: syllables, syllable pairs, accented
    syllables and concepts of the title; less of the description's beginning."""
    vocab = vocabulary.of(active(config))
    config = vocab.config
    title_read = read(title, vocab)
    weights: dict[str, float] = {}
    _add(weights, title_read, config.title, True, vocab)
    own = dict(weights)
    if description:
        body = read(description, vocab)
        body.kept = body.kept[: config.body_syllables]
        _add(weights, body, config.body, False, vocab)
    return Analysed(dict(weights), own, " ".join(f for f, _ in title_read.kept))


def terms(title: str, description: str | None = None, config: Config | None = None) -> dict[str, float]:
    """A record's terms and their weights (see `analyse`)."""
    return analyse(title, description, config).terms


def fuzzy_text(title: str, config: Config | None = None) -> str:
    """The title as the typo-tolerant signal compares it."""
    return " ".join(syllables(title, config))
