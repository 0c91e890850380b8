"""The application's import graph, read from the source (no module is imported).

Every import counts wherever it stands — at the top, inside a function, under TYPE_CHECKING — since
a lazy import is still a dependency.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

APP_PACKAGES = ("config", "core", "vendors", "assessments", "scoring", "reports")


def app_modules(root: Path) -> dict[str, Path]:
    modules: dict[str, Path] = {}
    for package in APP_PACKAGES:
        for path in (root / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


def imported_names(
    tree: ast.AST, module: str, is_package: bool
) -> Iterator[tuple[str, str | None, int]]:
    """(module, name or None, line) for every import anywhere in the file, functions included."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                yield target, alias.name, node.lineno


def import_graph(root: Path) -> dict[str, set[str]]:
    modules = app_modules(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), filename=str(path))
        for target, imported, _ in imported_names(tree, name, path.name == "__init__.py"):
            if imported and f"{target}.{imported}" in modules:
                graph[name].add(f"{target}.{imported}")
            elif target in modules:
                graph[name].add(target)
            # importing a.b.c runs a.b's __init__ first; Python has finished it by then, so
            # that is not an edge of its own.
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(graph.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found
