"""The layers only point down (shared/architecture.md): every import a module makes,
at the top or inside a function, is of a module in the same layer or below."""

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tracker"
# Lowest first. A module may import its own layer and any below.
LAYERS = [
    {
        "i18n",
        "memo",
        "text",
        "errors",
        "enums",
        "ids",
        "dates",
        "rules",
        "gitio",
        "mailer",
        "wording",
        "reference",
        "similarity",
        "oldlines",
        "yamlwords",
        "sizes",
        "periods",
        "confined",
        "processes",
    },
    {"fields", "models", "registry", "yamlio", "layout", "history", "historytext", "deadlines"},
    {"validation", "schema", "seed"},
    {"store"},
    {"cache", "changes", "merging", "sheets", "fastsheets", "timeline"},
    {"query", "reporting", "results", "kinds", "figures"},
    {"formats"},
    {"ops"},
    {"cli", "__main__"},
]
RANK = {name: n for n, names in enumerate(LAYERS) for name in names}


def _layer_of(module: str) -> str:
    """`tracker.cache.index` → `cache`; `tracker.rules` → `rules`."""
    return module.split(".")[1] if module.count(".") else "__init__"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tracker"):
            if node.module == "tracker":  # `from tracker import store`; `__version__` is the package's
                found |= {f"tracker.{alias.name}" for alias in node.names if not alias.name.startswith("__")}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("tracker.")}
    return found


MODULES = sorted(p for p in SRC.rglob("*.py") if p.name != "__init__.py" or p.parent != SRC)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    own = _layer_of("tracker." + ".".join(path.relative_to(SRC).with_suffix("").parts))
    for imported in _imports(path):
        if imported == "tracker":
            continue
        other = _layer_of(imported)
        if other == "__init__":
            continue  # tracker.__version__
        assert RANK[other] <= RANK[own], f"{path.relative_to(SRC)} ({own}) imports {imported} ({other}), a layer above"


def test_every_module_has_a_layer() -> None:
    names = {p.stem if p.parent == SRC else p.relative_to(SRC).parts[0] for p in MODULES}  # ops/site/x.py: ops
    assert names - {"__init__"} <= set(RANK), names - set(RANK)


def test_the_store_never_imports_the_cache() -> None:
    for path in (SRC / "store").glob("*.py"):
        assert not any(i.startswith("tracker.cache") for i in _imports(path)), path


def _readme_layout() -> dict[str, set[str]]:
    """The README's layout table: each layer (`cache/`, base, …) → the names its row gives."""
    text = (SRC.parents[1] / "README.md").read_text("utf-8")
    table = text.split("| layer | modules | what it does |", 1)[1].split("\n\n", 1)[0]
    rows = [line.strip("|").split("|") for line in table.splitlines() if line.startswith("| ")]
    return {cells[0].strip().strip("`"): set(re.findall(r"`([\w./]+)`", cells[1])) for cells in rows}


def test_the_readme_layout_table_names_every_module() -> None:
    """A module the README's table does not name is one a reader cannot place: each
    module of a package in its package's row (`ops/site/folder.py`: `site/` and
    `folder.py` in the row of `ops/`), each top-level one in some row."""
    layout = _readme_layout()
    everywhere = set().union(*(names for layer, names in layout.items() if not layer.endswith("/")))
    unnamed = []
    for path in MODULES:
        rel = path.relative_to(SRC)
        if path.name in ("__init__.py", "__main__.py"):
            continue
        if len(rel.parts) == 1:
            named = path.name in everywhere
        else:
            row = layout.get(f"{rel.parts[0]}/", set())
            named = path.name in row and all(f"{part}/" in row for part in rel.parts[1:-1])
        if not named:
            unnamed.append(str(rel))
    assert unnamed == []


def test_every_module_has_a_test_file_of_its_own_name() -> None:
    """Tests mirror src/ (README): each module `X.py` has a `test_X.py` somewhere under
    tests/, so that a reader looking for a module's tests finds them by its name."""
    tests = SRC.parents[1] / "tests"
    named = {path.name for path in tests.rglob("test_*.py")}
    untested = [
        str(path.relative_to(SRC))
        for path in MODULES
        if path.name not in ("__init__.py", "__main__.py") and f"test_{path.name}" not in named
    ]
    assert untested == []
