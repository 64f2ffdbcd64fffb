"""No import cycles (issue #27, point 2): every import of every module of
src/tracker, at the top, inside a function or under TYPE_CHECKING, makes one graph,
and a cycle in it fails, named module by module. A deferred import that closes a
cycle still ties the two modules together: neither can be read, tested or moved
without the other."""

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "tracker"


def _name(path: Path) -> str:
    """src/tracker/cache/index.py → tracker.cache.index; a package's __init__.py → the package."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The module `from … import` reads, a relative one made absolute."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports(module: str) -> set[str]:
    """The modules of tracker that `module` imports, anywhere in it: `from a import b`
    is an import of the module a.b when there is one, else of a."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            for alias in node.names:
                found.add(f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source)
    return {m for m in found if m in MODULES and m != module}


GRAPH = {module: sorted(imports(module)) for module in MODULES}


def cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """One cycle for each group of modules that import one another (Tarjan's strongly
    connected components), each as a path a → b → … → a, in a fixed order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so that a long chain of imports does not reach Python's recursion limit
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for nxt in edges:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(_a_cycle(graph, set(c), c[0]) for c in components)


def _a_cycle(graph: dict[str, list[str]], component: set[str], start: str) -> list[str]:
    """The shortest path from `start` back to itself within `component` (breadth first)."""
    came: dict[str, str] = {}
    todo = [start]
    while todo:
        following = []
        for node in todo:
            for nxt in graph[node]:
                if nxt not in component:
                    continue
                if nxt == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came[path[-1]])
                    return [*reversed(path), start]
                if nxt not in came:
                    came[nxt] = node
                    following.append(nxt)
        todo = following
    raise AssertionError(f"{start} is in no cycle")  # pragma: no cover


def _shown(found: list[list[str]]) -> str:
    return "\n".join(" → ".join(cycle) for cycle in found)


CYCLES = cycles(GRAPH)


def test_no_module_imports_itself_through_others() -> None:
    assert not CYCLES, f"import cycles:\n{_shown(CYCLES)}"


def test_the_graph_sees_every_kind_of_import() -> None:
    """Imports at the top, inside functions and under TYPE_CHECKING all count, and a
    cycle among them is found and named."""
    assert "tracker.cache.db" in GRAPH["tracker.cache.index"]  # from tracker.cache import db as cachedb
    assert "tracker.cache.parse" in GRAPH["tracker.cache.index"]  # under TYPE_CHECKING, and in a function
    assert "tracker.similarity" in GRAPH["tracker.cache.similar"]  # from tracker import similarity
    assert "tracker.similarity" in GRAPH["tracker.cache.derived"]  # inside a function
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": [], "e": ["e2"], "e2": ["e"]}
    assert cycles(graph) == [["a", "b", "c", "a"], ["e", "e2", "e"]]
