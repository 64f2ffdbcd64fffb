"""The official list of Nghệ An's 130 communes, shipped inside the package."""

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.text import fold, nfc

_KINDS = {"xã": "xa", "phường": "phuong", "đặc khu": "dac_khu"}
_TITLES = {"xa": "Xã", "phuong": "Phường", "dac_khu": "Đặc khu"}


@dataclass(frozen=True)
class OfficialCommune:
    code: str
    name: str  # without "Xã" / "Phường"
    kind: str  # xa, phuong, dac_khu


@cache
def official_communes() -> tuple[OfficialCommune, ...]:
    raw = resources.files("tracker").joinpath("data/nghe-an-communes-2025.csv").read_text("utf-8")
    out = []
    for row in csv.DictReader(io.StringIO(raw)):
        kind = _KINDS[nfc(row["division_type"]).lower()]
        name = nfc(row["name"]).removeprefix(_TITLES[kind] + " ")
        out.append(OfficialCommune(row["code"], name, kind))
    return tuple(out)


def strip_title(name: str) -> str:
    """ "Xã Vạn An" → "Vạn An": users type the name either way."""
    folded = fold(name)
    for title in ("xa ", "phuong ", "dac khu "):
        if folded.startswith(title):
            return name.strip()[len(title) :].strip()
    return name.strip()


def lookup(name: str) -> OfficialCommune | None:
    """The official commune called `name`, matched without diacritics or case.

    An exact name wins over folded matches ("Sơn Hà" is not "Sơn Hạ") and a whole
    name over a longer one ("Anh Sơn" is not "Anh Sơn Đông"). None when no name
    matches; a UsageError listing the candidates when several do."""
    wanted = nfc(strip_title(name))
    communes = official_communes()
    exact = [c for c in communes if c.name == wanted]
    if exact:
        return exact[0]
    key = fold(wanted)
    candidates = [c for c in communes if fold(c.name) == key]
    if not candidates:
        candidates = [c for c in communes if key and key in fold(c.name)]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(f"{c.name} ({c.code})" for c in candidates)
        raise UsageError(
            tr(
                f"'{name}' khớp nhiều xã: {listed}; hãy ghi rõ tên hoặc dùng --code",
                f"'{name}' matches several communes: {listed}; spell it out or pass --code",
            )
        )
    return None


def by_code(code: str) -> OfficialCommune | None:
    return next((c for c in official_communes() if c.code == code), None)
