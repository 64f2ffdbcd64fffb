"""The word lists of a configuration made ready for reading text: syllables with
their accents, phrases keyed by their syllables, the stop words as they are matched.
Made once per configuration (`of`)."""

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from tracker.similarity.config import Config
from tracker.text import fold

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

Syllable = tuple[str, str]  # (folded, accented)
Phrases = dict[tuple[str, ...], str]


@lru_cache(maxsize=1 << 16)
def accented(word: str) -> str:
    """A syllable with its accents, the same however the tone was placed ("hòa" and
    "hoà", "thủy" and "thuỷ" alike): its letters, then its tone."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d\u0335"))
    tone = next((c for c in decomposed if c in _TONES), "")
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return letters.replace("d\u0335", "đ") + (str(_TONES.index(tone) + 1) if tone else "")


def _phrases(table: dict[str, str], plain: bool) -> Phrases:
    """Phrase → what it names, keyed by syllables with accents or, `plain`, folded
    (then only phrases of more than one syllable, or written without accents)."""
    out: Phrases = {}
    for phrase, value in table.items():
        words = phrase.split()
        if plain:
            if len(words) > 1 or phrase.isascii():
                out[tuple(fold(w) for w in words)] = value
        else:
            out[tuple(accented(w) for w in words)] = value
    return out


@dataclass
class Vocabulary:
    """A configuration's word lists as text is matched against them. `plain` tables
    (keyed by folded syllables) read text typed without any accent."""

    config: Config
    abbreviations: dict[str, str] = field(init=False)
    generic_words: frozenset[str] = field(init=False)
    concepts: dict[bool, Phrases] = field(init=False)  # plain → phrase → concept
    stopped: dict[bool, Phrases] = field(init=False)  # plain → stop phrase → ""
    starts: dict[bool, set[str]] = field(init=False)  # plain → the first syllables of those phrases
    stop: dict[bool, frozenset[str]] = field(init=False)  # plain → stop words
    longest: int = field(init=False)  # the most syllables of a phrase
    words: dict[str, tuple[Syllable, ...]] = field(init=False, default_factory=dict)  # see `word`

    def __post_init__(self) -> None:
        config = self.config
        self.abbreviations = dict(config.abbreviations)
        self.generic_words = config.generic_words
        concept_of = config.concept_of()
        stopped = dict.fromkeys(config.stop_phrases, "")
        self.concepts = {plain: _phrases(concept_of, plain) for plain in (False, True)}
        self.stopped = {plain: _phrases(stopped, plain) for plain in (False, True)}
        self.starts = {plain: {p[0] for t in (self.concepts[plain], self.stopped[plain]) for p in t}
                       for plain in (False, True)}  # fmt: skip
        self.stop = {False: frozenset(accented(w) for w in config.stop), True: config.stop_plain}
        self.longest = max(len(p.split()) for p in [*concept_of, *config.stop_phrases])

    def word(self, word: str) -> tuple[Syllable, ...]:
        """(folded, accented) syllables of one word, an abbreviation spelt out: a
        language has few words, so they are kept."""
        known = self.words.get(word)
        if known is None:
            if len(self.words) >= 1 << 16:
                self.words.clear()
            known = self.words[word] = self._word(word)
        return known

    def _word(self, word: str) -> tuple[Syllable, ...]:
        folded = fold(word)
        spelt = self.abbreviations.get(folded)
        if spelt:
            return tuple((fold(s), accented(s)) for s in spelt.split())
        if folded.isalnum() and folded.isascii():
            return ((folded, accented(word)),)
        return ()

    def weight(self, syllable: str) -> float:
        """How much a folded syllable counts: less when it only says what kind of trouble."""
        return self.config.generic if syllable in self.generic_words else 1.0


_MADE: dict[str, Vocabulary] = {}


def of(config: Config) -> Vocabulary:
    """The vocabulary of `config`, made once."""
    made = _MADE.get(config.digest)
    if made is None:
        made = _MADE[config.digest] = Vocabulary(config)
    return made
