"""cache/registries.py: the registries as last validated, kept beside the cache."""

from pathlib import Path

import pytest

from tracker import store
from tracker.cache import registries
from tracker.errors import TrackerError
from tracker.registry import Departments


def test_a_registry_is_kept_and_read_again_only_when_its_bytes_change(filled: Path) -> None:
    path = filled / store.DEPARTMENTS
    first = registries.read(filled, path, Departments)
    assert registries.read(filled, path, Departments) == first
    text = path.read_text("utf-8")
    path.write_text(text.replace("Sở Tài chính", "Sở Tài chính tỉnh"), "utf-8")
    names = {d.code: d.name for d in registries.read(filled, path, Departments).departments}
    assert names["TC"] == "Sở Tài chính tỉnh"


def test_a_broken_registry_is_refused_even_after_a_good_one_was_kept(filled: Path) -> None:
    path = filled / store.DEPARTMENTS
    registries.read(filled, path, Departments)
    path.write_text("departments: [\n", "utf-8")
    with pytest.raises(TrackerError):
        registries.read(filled, path, Departments)
