"""No import cycles among our modules, and the packages import each other in one direction only:
etl ← checks, reports ← assets ← taizhang (the command line); demo uses etl."""

from __future__ import annotations

import ast
from importlib.util import find_spec
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGES = (
    "taizhang",
    "taizhang.etl",
    "taizhang.assets",
    "taizhang.checks",
    "taizhang.reports",
    "taizhang.demo",
)
# package → the packages it may import (besides itself and the top-level taizhang namespace)
ALLOWED = {
    "taizhang.etl": set(),
    "taizhang.checks": {"taizhang.etl"},
    "taizhang.reports": {"taizhang.etl"},
    "taizhang.demo": {"taizhang.etl"},
    "taizhang.assets": {"taizhang.etl", "taizhang.checks", "taizhang.reports"},
    "taizhang": {"taizhang.etl", "taizhang.assets", "taizhang.checks", "taizhang.reports", "taizhang.demo"},
}


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        folder = Path(next(iter(find_spec(package).submodule_search_locations)))
        for path in folder.glob("*.py"):
            out[package if path.stem == "__init__" else f"{package}.{path.stem}"] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """Module → our modules it imports anywhere in its file (inside functions and TYPE_CHECKING too: a lazy
    import is still a dependency)."""
    mods = modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.stem == "__init__" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([node.module] if node.module else []))
                else:
                    base = node.module or ""
                found |= {base} | {f"{base}.{alias.name}" for alias in node.names}
        graph[name] = {m for m in found if m in mods and m != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 and ".".join(parts[:2]) in ALLOWED else "taizhang"


def test_no_import_cycles_among_our_modules():
    assert cycles(import_graph()) == []


def test_packages_import_in_one_direction():
    wrong = sorted(
        f"{a} imports {b}"
        for a, targets in import_graph().items()
        for b in targets
        if _package(b) != _package(a) and _package(b) not in ALLOWED[_package(a)]
    )
    assert wrong == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
