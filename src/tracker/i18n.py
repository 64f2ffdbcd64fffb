"""The language of messages and reports: Vietnamese by default, English on request.

Messages are written next to their use as ``tr("tiếng Việt", "English")`` so that
neither language can drift away from the code that raises it. A message that is
kept for later (a problem found in a file, stored in the cache) is a `Said`: both
languages, shown in the language of the command that prints it.
"""

import os
from typing import NamedTuple

LANGS = ("vi", "en")


def _pick(value: str | None) -> str:
    return "en" if (value or "").lower().startswith("en") else "vi"


_lang = _pick(os.environ.get("TRACKER_LANG"))


def known(lang: str) -> bool:
    """Whether `lang` names a language tracker speaks (vi, en, or a form of them)."""
    return lang.lower().split("-")[0].split("_")[0] in LANGS


def set_lang(lang: str) -> None:
    global _lang
    _lang = _pick(lang)


def get_lang() -> str:
    return _lang


def tr(vi: str, en: str) -> str:
    """Pick the message in the current language."""
    return en if _lang == "en" else vi


class Said(NamedTuple):
    """A message in both languages; `str()` gives the current one."""

    vi: str
    en: str

    def __str__(self) -> str:
        return self.en if _lang == "en" else self.vi

    def __add__(self, other: object) -> "Said":
        if isinstance(other, Said):
            return Said(self.vi + other.vi, self.en + other.en)
        if isinstance(other, str):
            return Said(self.vi + other, self.en + other)
        return NotImplemented


def said(vi: str, en: str | None = None) -> Said:
    """A message kept in both languages (`en` defaults to the same text)."""
    return Said(vi, vi if en is None else en)


def either(names: list[str], lang: str) -> str:
    """`A`, `A hoặc B`, `A, B hoặc C`: the names a near miss may have meant."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" hoặc " if lang == "vi" else " or ") + names[-1]


def meant(vi: str | list[str], en: str | None = None) -> Said:
    """ "có phải Vạn An?" ("did you mean Vạn An?"): the one wording of a near miss, of
    names (joined by `either`) or of the text that names them (`en` as `vi` unless given)."""
    if isinstance(vi, list):
        return meant(either(vi, "vi"), either(vi, "en"))
    return said(f"có phải {vi}?", f"did you mean {vi if en is None else en}?")


def counted(n: int, vi: str, one: str, many: str | None = None) -> str:
    """`n` things in the current language: "3 vấn đề", "1 problem", "3 problems"."""
    return tr(f"{n} {vi}", f"{n} {one if n == 1 else many or one + 's'}")
