"""The layers only point down (shared/architecture.md): every import a module makes,
at the top or inside a function, is of a module in the same layer or below."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "tracker"
# Lowest first. A module may import its own layer and any below.
LAYERS = [
    {
        "i18n",
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
    },
    {"models", "yamlio", "layout", "history", "historytext", "deadlines"},
    {"validation", "schema", "seed"},
    {"store"},
    {"cache", "changes", "merging", "sheets", "timeline"},
    {"query", "reporting", "results", "figures"},
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
