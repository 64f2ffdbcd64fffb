"""Finding what a user names: a commune by slug, code or name; a record by ID; a
department or obstacle group by code, name or alias, in any case or diacritics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import ids, reference, store
from tracker.cache import queries
from tracker.errors import FieldError, UsageError
from tracker.i18n import meant, tr
from tracker.ops.workspace import Workspace
from tracker.text import fold, nfc, slugify

if TYPE_CHECKING:  # a record is read whole only to be changed: a listing never loads the models
    from tracker.models import CommuneFile


def _hinted(ws: Workspace, key: str, value: str, match: Any) -> list[Path]:
    """Commune files whose header `match`es: the cache's hint first (confirmed by
    reading that file's header), else every file's header."""
    hinted = [ws.data.communes_dir / name for name in queries.hint(ws.root, key, value)]
    confirmed = [p for p in hinted if p.is_file() and match(store.header(p))]
    if confirmed:
        return confirmed
    return [p for p, header in ws.data.headers() if match(header)]


def commune(ws: Workspace, ref: str) -> Path:
    """A commune file from its slug, official code or name (any diacritics, any case)."""
    ref = nfc(ref.strip())
    by_slug = ws.data.communes_dir / f"{ref}.yaml"
    if re.fullmatch(r"[a-z0-9-]+", ref) and by_slug.is_file():
        return by_slug
    if re.fullmatch(r"\d{5}", ref):
        hits = _hinted(ws, "code", ref, lambda h: h.get("code") == ref)
    else:
        name = nfc(reference.strip_title(ref))
        hits = _hinted(ws, "folded", fold(name), lambda h: fold(h.get("name", "")) == fold(name))
        hits = [p for p in hits if nfc(store.header(p).get("name", "")) == name] or hits
        hits = hits or [p for p in ws.data.commune_paths() if p.stem == slugify(name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        listed = ", ".join(p.stem for p in hits)
        raise UsageError(
            tr(
                f"'{ref}' khớp nhiều xã: {listed}; dùng mã xã",
                f"'{ref}' matches several communes: {listed}; use the code",
            )
        )
    names = {fold(str(h.get("name", ""))): str(h.get("name", "")) for _, h in ws.data.headers() if h.get("name")}
    near = closest(reference.strip_title(ref), names)
    if near:
        m = meant(near)
        raise UsageError(tr(f"không có xã '{ref}' trong dữ liệu; {m.vi} "
                            "(một xã khác: thêm bằng `tracker add-commune`)",
                            f"no commune '{ref}' in the data; {m.en} "
                            "(another commune: add it with `tracker add-commune`)"))  # fmt: skip
    raise UsageError(
        tr(
            f"không có xã '{ref}' trong dữ liệu; thêm bằng `tracker add-commune`",
            f"no commune '{ref}' in the data; add it with `tracker add-commune`",
        )
    )


def closest(value: str, names: dict[str, str], limit: int = 3, cutoff: int = 75) -> list[str]:
    """The names (folded → as written) closest to `value`, best first: a near miss
    ("Thiên Nhẫm", "Sở Tài chánh", "nnmt"), by RapidFuzz's ratio of the folded texts."""
    from rapidfuzz import fuzz, process

    if not names:
        return []
    found = process.extract(fold(value), list(names), scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 2)
    out: list[str] = []
    for key, _, _ in found:
        if names[key] not in out:
            out.append(names[key])
    return out[:limit]


def record(ws: Workspace, ident: str) -> tuple[store.Doc[CommuneFile], str, int]:
    """The file, section and index of an issue (VA-2) or plan item (VA-KH1)."""
    ident = ids.normalise(ident)
    prefix = ids.prefix_of(ident)
    candidates = _hinted(ws, "prefix", prefix, lambda h: h.get("prefix") == prefix)
    if not candidates:  # a header shaped by hand may hide its prefix from a quick look
        candidates = [p for p, h in ws.data.headers() if "prefix" not in h]
    from tracker.models import CommuneFile

    for path in candidates:
        doc = store.read(path, CommuneFile)
        for section, index, rec in doc.model.records():
            if rec.id == ident:
                return doc, section, index
    raise UsageError(tr(f"không có mục '{ident}'", f"no record '{ident}'"))


def dept_shown(ws: Workspace) -> dict[str, str]:
    """Folded code, name or alias → the department as a near miss is answered:
    "Sở Tài chính (TC)"."""
    names = ws.department_names()
    return {key: f"{names[code]} ({code})" for key, code in ws.dept_keys().items()}


def dept_table(ws: Workspace) -> dict[str, str]:
    """Folded code, name or alias ("NN&MT", "Sở Nội vụ") → department code."""
    return ws.dept_keys()


def category_table(ws: Workspace) -> dict[str, str]:
    """Folded code or name → category code ("dat dai" and "Đất đai" find `dat-dai`)."""
    return ws.category_keys()


def code(field: str, value: str, table: dict[str, str], shown: dict[str, str] | None = None) -> str:
    """The code `value` names in `table`; a FieldError of `field` naming the closest
    (`shown`: folded key → how to name it) and listing the codes."""
    value = nfc(value.strip())
    found = table.get(fold(value))
    if found is None:
        listed = ", ".join(sorted(set(table.values())))
        near = closest(value, shown or {key: code for key, code in table.items()})
        if near:
            m = meant(near)
            raise FieldError.one(field, tr(f"không có '{value}'; {m.vi} (có: {listed})",
                                           f"no '{value}'; {m.en} (known: {listed})"))  # fmt: skip
        raise FieldError.one(field, tr(f"không có '{value}' (có: {listed})", f"no '{value}' (known: {listed})"))
    return found


def dept(ws: Workspace, value: str, field: str = "dept") -> str:
    return code(field, value, dept_table(ws), dept_shown(ws))


def category(ws: Workspace, value: str, field: str = "category") -> str:
    named = {c.code: f"{c.name} ({c.code})" for c in ws.categories().categories}
    table = category_table(ws)
    return code(field, value, table, {key: named[code] for key, code in table.items()})
