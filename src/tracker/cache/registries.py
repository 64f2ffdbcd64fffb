"""The registry files (departments, categories, the follow-up ladder) as last read and
validated, kept beside the cache in a small JSON file: a command whose registries have
not changed neither parses YAML nor builds a validator for them (in a province, a
third of what a warm `list` spends above Typer's own start-up). Each file is read
whole anyway (a few kilobytes) and matched by its SHA-256, so any edit is seen; what
is kept is the stored form of the validated model (`fields.to_plain`), made again
with `fields.trusted`. Like the cache: safe to delete, never inside the data folder,
plain data; a file that cannot be kept (a value JSON cannot hold) is read each time."""

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from tracker import store
from tracker.cache import db as cachedb
from tracker.errors import TrackerError
from tracker.fields import to_plain, trusted

M = TypeVar("M", bound=BaseModel)
_FORMAT = f"{cachedb.FORMAT}/registries-1"


def read(root: Path, path: Path, model: type[M]) -> M:
    """The registry file `path` of the data folder `root` as `model`: from what was kept
    when its bytes are the same, else read, validated (a bad file raises, as
    `store.read` does) and kept."""
    raw = store.read_bytes(path)
    sha = hashlib.sha256(raw).hexdigest()
    kept_in = None if cachedb.disabled() else cachedb.location(root).with_suffix(".registries.json")
    kept = _load(kept_in)
    entry = kept.get(path.name)
    if entry is not None and entry.get("sha") == sha and entry.get("model") == model.__name__:
        return trusted(model, entry["plain"])
    found = store.read(path, model, raw).model  # the very bytes whose digest is kept
    if kept_in is not None:
        kept[path.name] = {"sha": sha, "model": model.__name__, "plain": to_plain(found)}
        _save(kept_in, kept)
    return found


def _load(where: Path | None) -> dict[str, Any]:
    if where is None:
        return {}
    try:
        kept = json.loads(where.read_bytes())
    except (OSError, ValueError):  # none yet, or damaged: read the files
        return {}
    if not isinstance(kept, dict) or kept.get("format") != _FORMAT or not isinstance(kept.get("files"), dict):
        return {}
    return dict(kept["files"])


def _save(where: Path, files: dict[str, Any]) -> None:
    """Replaced whole (`store.atomic_write`). A value JSON cannot hold (a date among a
    department's own keys), or a folder one cannot write in, only means the files
    are read again next time."""
    try:
        text = json.dumps({"format": _FORMAT, "files": files}, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        return
    with contextlib.suppress(OSError, TrackerError):
        where.parent.mkdir(parents=True, exist_ok=True)
        store.atomic_write(where, text.encode("utf-8"))
