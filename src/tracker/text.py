"""Vietnamese text: NFC, folding for search, dictionary order, ASCII slugs."""

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar

T = TypeVar("T")

_SPACES = re.compile(r"\s+")
_MARKS = re.compile("[\u0300-\u036f]")  # the combining diacritics Vietnamese uses

# Tone marks, in the order Vietnamese dictionaries rank them (none first).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Letters with their modifiers, in dictionary order; f, j, w, z only occur in loanwords.
_ALPHABET = [
    "a",
    "a\u0306",
    "a\u0302",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "e\u0302",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "o\u0302",
    "o\u031b",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "u\u031b",
    "v",
    "w",
    "x",
    "y",
    "z",
]
# Letters rank after digits and punctuation (which keep their code point order).
_RANK = {letter: 0x110000 + i for i, letter in enumerate(_ALPHABET)}
_LETTER = {rank: letter for letter, rank in _RANK.items()}


def one_line(text: str) -> str:
    """Text on one line, its runs of spaces and line breaks one space: a value in a
    plain-text letter (a title's line breaks cannot start a line that reads as the
    letter's own) or a name in a mail header."""
    return " ".join(text.split())


def nfc(value: str) -> str:
    """Normalise to NFC: decomposed input (Unikey, macOS) otherwise fails to match."""
    return unicodedata.normalize("NFC", value)


def fold(value: str) -> str:
    """A form for matching: no diacritics, đ → d, case-folded, single spaces.

    "Vạn  An" and "van an" fold alike; so do "Hòa" and "Hoà".
    """
    if value.isascii():
        return _SPACES.sub(" ", value.casefold()).strip()
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    bare = _MARKS.sub("", decomposed)
    if not bare.isascii():  # marks beyond the Vietnamese ones: the general rule
        bare = "".join(c for c in bare if not unicodedata.combining(c))
    return _SPACES.sub(" ", bare.casefold()).strip()


# Names Windows reserves for devices: a file `con.yaml` cannot be made there.
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(value: str) -> str:
    """An ASCII file-name slug: "Thiên Nhẫn" → "thien-nhan"; never a name Windows reserves."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
    return f"xa-{slug}" if slug in _RESERVED else slug


def _syllable_key(syllable: str) -> tuple[tuple[int, ...], int]:
    letters: list[int] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", syllable.lower()):
        if ch in _TONES:
            tone = _TONES[ch]
        elif unicodedata.combining(ch) and letters:
            # A breve, circumflex or horn makes a new letter of the one before it.
            modified = _LETTER.get(letters[-1], "") + ch
            letters[-1] = _RANK.get(modified, letters[-1])
        else:
            letters.append(_RANK.get(ch, ord(ch)))
    return tuple(letters), tone


@lru_cache(maxsize=65536)  # names repeat: a commune's name on each of its records
def vi_sort_key(value: str) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Vietnamese dictionary order, syllable by syllable, tones breaking ties.

    "Anh Sơn" < "Diễn Châu" < "Đô Lương"; "Ba Vì" < "Bà Rịa".
    """
    return tuple(_syllable_key(s) for s in value.split())


_DIGITS = re.compile(r"(\d+)")


@lru_cache(maxsize=1 << 17)  # a report sorts the same IDs several times
def natural_key(value: str) -> tuple[str | int, ...]:
    """Natural order for IDs: VA-2 before VA-10."""
    head, dash, tail = value.rpartition("-")
    if dash and tail.isdecimal() and tail.isascii():  # PREFIX-N, as IDs are: the prefix's key is kept
        front = natural_key(head) if head else ()
        if front and isinstance(front[-1], str):
            return (*front[:-1], front[-1] + dash, int(tail))
        return (*front, dash, int(tail))
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS.split(value) if p)


def by_natural_id(items: list[T], id_of: Callable[[T], str]) -> list[T]:
    """`items` in the natural order of their IDs (`natural_key` of `id_of(item)`), ties
    in the order given. One commune's IDs are nearly always its prefix, a dash and a
    number: then the numbers alone give that order, read at a third of the key's cost
    (a national list orders 100,000)."""
    ids = list(map(id_of, items))
    head = ids[0].rpartition("-")[0] if ids else ""
    numbers = []
    for ident in ids:
        front, dash, tail = ident.rpartition("-")
        if front != head or not dash or not tail.isdecimal() or not tail.isascii():
            keys = list(map(natural_key, ids))
            return [items[k] for k in sorted(range(len(items)), key=keys.__getitem__)]
        numbers.append(int(tail))
    return [items[k] for k in sorted(range(len(items)), key=numbers.__getitem__)]


def initials(name: str) -> str:
    """Upper-case ASCII initials of each syllable: "Vạn An" → "VA"."""
    return "".join(w[0] for w in fold(name).split() if w[0].isalnum()).upper()
