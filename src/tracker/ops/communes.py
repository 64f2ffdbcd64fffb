"""A data folder and its communes: init, add-commune."""

from pathlib import Path

from tracker import ids, reference, seed, store
from tracker.errors import FieldError, UsageError
from tracker.i18n import meant, os_error, tr
from tracker.models import CommuneFile, CommuneInfo
from tracker.ops import records
from tracker.ops.workspace import Workspace
from tracker.text import fold, initials, nfc, slugify


def init_data_dir(root: Path) -> None:
    """A new data directory with the 14 departments and the article's obstacle groups."""
    from tracker.ops.checks import write_schemas

    try:
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise UsageError(
                tr(
                    f"{store.display(root)} đã có và không trống: không ghi đè",
                    f"{store.display(root)} exists and is not empty: not overwriting",
                )
            )
        root.mkdir(parents=True, exist_ok=True)
        (root / store.COMMUNES).mkdir(exist_ok=True)
    except OSError as exc:
        why = os_error(exc)
        raise UsageError(tr(f"{store.display(root)}: không tạo được thư mục: {why.vi}",
                            f"{store.display(root)}: cannot create the folder: {why.en}")) from None  # fmt: skip
    store.create(root / store.DEPARTMENTS, seed.departments(), root)
    store.create(root / store.CATEGORIES, seed.categories(), root)
    store.create(root / store.FOLLOWUP, seed.followup(), root)
    store.save_text(root / store.COMMUNES / ".gitkeep", "", root)
    store.add_lines(root / ".gitignore", store.IGNORED, root)
    write_schemas(Workspace(root))


def add_commune(ws: Workspace, name: str, code: str | None = None, prefix: str | None = None,
                kind: str | None = None) -> Path:  # fmt: skip
    """Add a commune from the official list (or any, with its code); its file's path."""
    official = reference.by_code(code) if code else reference.lookup(name)
    if official is None and not code:
        from tracker.ops import find

        listed = {fold(c.name): c.name for c in reference.official_communes()}
        # Stricter than for a name already in the data: a new commune's name is often short,
        # and "Hà Nội" is no near miss of "Na Ngoi".
        close = find.closest(reference.strip_title(name), listed, cutoff=85)
        if close:  # a near miss of a listed name: "có phải Vạn An?"
            m = meant(close)
            raise UsageError(tr(f"'{name}' không có trong danh sách chính thức; {m.vi}",
                                f"'{name}' is not in the official list; {m.en}"))  # fmt: skip
        raise FieldError.one(
            "code",
            tr(
                f"'{name}' không có trong danh sách chính thức 130 xã, phường của Nghệ An; "
                "nếu đúng tên, hãy ghi thêm mã 5 chữ số",
                f"'{name}' is not in the official list of Nghệ An's 130 communes; "
                "if the name is right, give its 5-digit code",
            ),
        )
    display_name = official.name if official and not code else nfc(reference.strip_title(name))
    code = code or (official.code if official else None)
    kind = kind or (official.kind if official else "xa")
    with store.locked(ws.root):
        headers = dict(ws.data.headers())
        used_codes = {h.get("code"): p for p, h in headers.items()}
        if code in used_codes:
            raise UsageError(tr(f"xã mã {code} đã có: {store.display(used_codes[code])}",
                                f"commune {code} already exists: {store.display(used_codes[code])}"))  # fmt: skip
        same_name = [p for p, h in headers.items() if fold(h.get("name", "")) == fold(display_name)]
        if same_name and nfc(headers[same_name[0]].get("name", "")) == display_name:
            shown = store.display(same_name[0])
            raise UsageError(tr(f"đã có xã tên '{display_name}': {shown}",
                                f"a commune named '{display_name}' exists already: {shown}"))  # fmt: skip
        used_prefixes = {h.get("prefix") for h in headers.values()}
        if prefix is None:
            prefix = ids.free_prefix(initials(display_name) or "X", used_prefixes)
        elif prefix.upper() in used_prefixes:
            raise FieldError.one("prefix", tr(f"{prefix} đã được dùng", f"{prefix} is already used"))
        info = records.build(CommuneInfo, code=code, name=display_name, kind=kind, prefix=prefix.upper())
        path = ws.data.communes_dir / f"{slugify(display_name) or code}.yaml"
        if path.exists():  # two communes fold to one slug (Sơn Hà, Sơn Hạ)
            path = path.with_name(f"{path.stem}-{code}.yaml")
        store.create(path, CommuneFile(commune=info), ws.root)
    return path
