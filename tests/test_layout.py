"""The package shows the pipeline: stage subpackages, small modules, no import cycles, no private imports."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "summarize"
STAGE_PACKAGES = {"text", "ingest", "clean", "events", "claims", "contradiction", "summary", "render"}
MAX_MODULE_LINES = 400
MAX_TOP_LEVEL_MODULES = 10
MAX_PIPELINE_LINES = 150


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the package."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, imported names) of every `from summarize... import` and `import summarize...` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("summarize"):
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.startswith("summarize")]
    return found


def _graph() -> dict[str, set[str]]:
    """Module → the package modules it imports (anywhere in the file, lazy imports included)."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        deps = set()
        for module, names in _imports(path):
            deps |= {f"{module}.{n}" for n in names if f"{module}.{n}" in mods} or {module}
        graph[name] = {d for d in deps if d in mods and d != name}
    return graph


def test_no_import_cycles() -> None:
    """Every import points down the layers: a depth-first search never meets a module on its own path."""
    graph, state, cycles = _graph(), {}, []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(" -> ".join([*path[path.index(dep):], dep]))
            elif dep not in state:
                visit(dep, [*path, dep])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not cycles, cycles


def test_no_private_names_imported_across_modules() -> None:
    """A leading underscore means "this module only"."""
    offenders = [f"{path.name}: {module}.{n}" for path in _modules().values()
                 for module, names in _imports(path) for n in names if n.startswith("_") and n != "__version__"]
    assert not offenders, offenders


def test_modules_are_small_and_the_tree_shows_the_stages() -> None:
    """Modules under 400 lines, pipeline.py under 150, at most 10 top-level modules, one folder per stage."""
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules().items()}
    assert not {n: s for n, s in sizes.items() if s > MAX_MODULE_LINES}
    assert sizes["summarize.pipeline"] < MAX_PIPELINE_LINES
    top = [p for p in PACKAGE.glob("*.py")]
    assert len(top) <= MAX_TOP_LEVEL_MODULES, sorted(p.name for p in top)
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()} >= STAGE_PACKAGES


def test_the_library_never_prints() -> None:
    """Only the CLI writes to the terminal; the library logs."""
    printing = [name for name, path in _modules().items() if name != "summarize.cli"
                and any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"
                        for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))]
    assert not printing, printing
