"""The shape of the package, checked over its import graph (every import, lazy ones too).

- no import cycle anywhere;
- data flows one way: domain packages never import the reports, exercises or commands;
- no private name (``_x``) is imported from another module.

Imports under ``if TYPE_CHECKING:`` are annotations, not dependencies, and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import kopedu

ROOT = Path(kopedu.__file__).parent
#: Layers above the domain: nothing in a domain package may import them.
UPPER = ("kopedu.reports", "kopedu.exercises", "kopedu.commands", "kopedu.cli")
#: Deprecated import paths kept for one release; they only point at the new places.
SHIMS = {"kopedu.report", "kopedu.regional_report", "kopedu.registry.report"}


def _modules() -> dict[str, Path]:
    mods = {}
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = path
    return mods


def _imports(mods: dict[str, Path]) -> list[tuple[str, str, str | None]]:
    """(importing module, imported module, imported name or None) for kopedu imports."""
    out = []
    for mod, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(node)
            for branch in ast.walk(tree)
            if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
            for node in ast.walk(branch)
        }
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            if isinstance(node, ast.Import):
                out += [(mod, a.name, None) for a in node.names if a.name.startswith("kopedu")]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg = mod.split(".")
                    if path.name != "__init__.py":
                        pkg = pkg[:-1]
                    pkg = pkg[: len(pkg) - node.level + 1]
                    base = ".".join([*pkg, base] if base else pkg)
                for a in node.names:
                    full = f"{base}.{a.name}"
                    out.append((mod, full if full in mods else base, a.name))
    return [(a, b, n) for a, b, n in out if b.startswith("kopedu")]


def _owner(name: str, mods: dict[str, Path]) -> str:
    while name not in mods and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def test_no_import_cycle():
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for a, b, _ in _imports(mods):
        b = _owner(b, mods)
        if a != b:
            graph[a].add(b)
    # Tarjan's strongly connected components; any with two or more modules is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == []


def test_domain_packages_never_import_upper_layers():
    mods = _modules()
    bad = sorted(
        (a, _owner(b, mods))
        for a, b, _ in _imports(mods)
        if not a.startswith(UPPER) and a not in SHIMS and a != "kopedu"
        and _owner(b, mods).startswith(UPPER)
    )  # fmt: skip
    assert bad == []


def test_no_private_name_crosses_modules():
    mods = _modules()
    bad = sorted(
        (a, _owner(b, mods), n)
        for a, b, n in _imports(mods)
        if n and n.startswith("_") and not n.startswith("__") and _owner(b, mods) != a
    )
    assert bad == []
