"""ops/site/manifest.py: the typed, versioned record of what a build made; one that
does not validate is no manifest (the next build is a full one), never a crash."""

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.ops.site.conftest import build
from tracker.ops.site import manifest


def test_a_build_records_every_page_it_made(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    made = manifest.read(out)
    assert made is not None
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert made.pages() <= pages and "issue/VA-1.html" in made.pages()
    assert manifest.parse(json.loads(manifest.text(made))) == made  # written and read back alike


@pytest.mark.parametrize("damage", ['{"version": 0}', "not json", '{"version": 1, "head": []}', "\xff"])
def test_a_manifest_that_does_not_validate_is_none(tmp_path: Path, damage: str) -> None:
    (tmp_path / manifest.NAME).write_text(damage, "utf-8")
    assert manifest.read(tmp_path) is None
    with pytest.raises(ValueError):
        manifest.parse(json.loads(damage) if damage.startswith("{") else damage)
