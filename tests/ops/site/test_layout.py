"""The layout digest covers every source file and template that renders a page
(issue #27, point 5): derived, not listed by hand."""

import shutil
import sys
from pathlib import Path

import pytest

import tracker
from tests.conftest import Cli
from tests.ops.site.conftest import build
from tracker.ops.site import layout

PACKAGE = Path(tracker.__file__).resolve().parent


def test_every_module_a_build_runs_is_in_the_digest(cli: Cli, filled: Path, tmp_path: Path) -> None:
    build(cli, filled, tmp_path / "site")  # in this process: every module it needs is imported
    sources = {p.resolve() for p in layout.sources([])}
    ran = {Path(m.__file__).resolve() for name, m in list(sys.modules.items())
           if name.startswith("tracker") and getattr(m, "__file__", None)}  # fmt: skip
    assert ran - sources == set()
    assert {PACKAGE / "formats" / "templates.py", PACKAGE / "text.py", PACKAGE / "formats" / "site.py",
            PACKAGE / "ops" / "site" / "manifest.py"} <= sources  # fmt: skip
    templates = Path(str(__import__("importlib.resources").resources.files("tracker.templates")))
    assert {p.resolve() for p in templates.glob("*.j2")} | {p.resolve() for p in templates.glob("site.*")} <= sources


def test_a_change_to_any_source_or_template_changes_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = tmp_path / "tracker"
    shutil.copytree(PACKAGE, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(layout, "code_folder", lambda: code)
    overrides = tmp_path / "templates"
    (overrides / "lang").mkdir(parents=True)
    (overrides / "lang" / "vi.j2").write_text("{% set x = 1 %}", "utf-8")
    seen = {layout.digest([overrides])}
    for path in (code / "text.py", code / "formats" / "templates.py", code / "cache" / "rows.py",
                 overrides / "lang" / "vi.j2"):  # fmt: skip
        path.write_text(path.read_text("utf-8") + "\n# changed\n", "utf-8")
        seen.add(layout.digest([overrides]))
    (overrides / "site-dept.html.j2").write_text("{{ code }}", "utf-8")  # a new override
    seen.add(layout.digest([overrides]))
    assert len(seen) == 6
    assert layout.digest([overrides]) == layout.digest([overrides])


def test_a_link_in_a_template_folder_is_not_read(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    secret = tmp_path / "secret"
    secret.write_text("one", "utf-8")
    (overrides / "leak.j2").symlink_to(secret)
    before = layout.digest([overrides])
    secret.write_text("two", "utf-8")
    assert layout.digest([overrides]) == before  # its target's path is counted, not its bytes
