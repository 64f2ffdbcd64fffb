"""The language of messages and reports: Vietnamese by default, English on request.

Messages are written next to their use as ``tr("tiếng Việt", "English")`` so that
neither language can drift away from the code that raises it. A message that is
kept for later (a problem found in a file, stored in the cache) is a `Said`: both
languages, shown in the language of the command that prints it.
"""

import errno
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


_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("không có tệp hoặc thư mục này", "no such file or folder"),
    errno.EACCES: ("không có quyền truy cập", "permission denied"),
    errno.EPERM: ("không được phép", "operation not permitted"),
    errno.EISDIR: ("là một thư mục", "it is a folder"),
    errno.ENOTDIR: ("một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"),
    errno.ELOOP: ("là một liên kết (symlink), không theo", "a symbolic link, not followed"),
    errno.ENXIO: ("không phải một tệp thường (socket hoặc thiết bị)", "not a regular file (a socket or a device)"),
    errno.ENOSPC: ("hết chỗ trên đĩa", "no space left on the disk"),
    errno.EROFS: ("ổ đĩa chỉ đọc", "a read-only file system"),
    errno.EEXIST: ("đã có", "it already exists"),
    errno.ENAMETOOLONG: ("tên quá dài", "the name is too long"),
    errno.EIO: ("lỗi đọc/ghi của đĩa", "an input/output error of the disk"),
}


def os_error(exc: OSError) -> Said:
    """Why the system refused (`exc`), in the reader's words: a Vietnamese message
    never carries the system's English ("No such file or directory"). An error not
    listed keeps its number for the Vietnamese reader and its text for the English one."""
    words = _OS_ERRORS.get(exc.errno or 0)
    if words:
        return Said(*words)
    text = exc.strerror or type(exc).__name__
    return Said(f"lỗi hệ thống {errno.errorcode.get(exc.errno or 0, exc.errno)}", text)
