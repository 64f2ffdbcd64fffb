"""The registry files (departments, categories, the follow-up ladder) as last read and
validated, kept beside the cache in a small JSON file: a command whose registries have
not changed neither parses YAML nor builds a validator for them (in a province, a
third of what a warm `list` spends above Typer's own start-up). Each file is read
whole anyway (a few kilobytes) and matched by its SHA-256, so any edit is seen; what
is kept is the stored form of the validated model (`models.to_plain`), made again
with `models.trusted`. Like the cache: safe to delete, never inside the data folder,
plain data; a file that cannot be kept (a value JSON cannot hold) is read each time."""

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from tracker import store
from tracker.cache import db as cachedb
from tracker.models import to_plain, trusted

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
    found = store.read(path, model).model
    if kept_in is not None:
        try:
            kept[path.name] = {"sha": sha, "model": model.__name__, "plain": to_plain(found)}
            _save(kept_in, kept)
        except (TypeError, ValueError):  # a value JSON cannot hold (a date among a department's own keys)
            pass
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
    """Replaced whole (a temporary file renamed over it); a folder one cannot write in
    only means the files are read again next time."""
    text = json.dumps({"format": _FORMAT, "files": files}, ensure_ascii=False, sort_keys=True)
    with contextlib.suppress(OSError):
        where.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=where.parent, prefix=".registries-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(name, where)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(name)
