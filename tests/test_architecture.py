"""The house: data flows one way (sources -> pipeline -> outputs) and no buurtdata module imports itself round."""

import ast
from pathlib import Path

import pytest

import buurtdata

PACKAGE = Path(buurtdata.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path) -> set[str]:
    """Return the buurtdata modules ``name`` imports anywhere: at module level, in functions, under TYPE_CHECKING."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            # `from package import module` imports the module; `from module import name` the module itself.
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names}
    return {module for module in found if module in MODULES and module != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def test_the_graph_sees_every_kind_of_import():
    assert "buurtdata.pipeline" in GRAPH["buurtdata.outputs.build"]  # module level
    assert "buurtdata.pipeline.link" in GRAPH["buurtdata.outputs.explore"]  # inside a function
    assert "buurtdata.sources.geometry" in GRAPH["buurtdata.pipeline.runner"]


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """Return one import cycle as a path ``[a, b, ..., a]``, or ``[]``."""
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> list[str]:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[module] = "done"
        return []

    for module in sorted(graph):
        if module not in state and (found := visit(module, [module])):
            return found
    return []


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle():
    cycle = _cycle(GRAPH)
    assert not cycle, " -> ".join(cycle)


@pytest.mark.parametrize(
    ("stage", "later"),
    [
        ("buurtdata.sources", ("buurtdata.pipeline", "buurtdata.outputs")),
        ("buurtdata.pipeline", ("buurtdata.outputs",)),
    ],
)
def test_no_module_reaches_back_up_the_flow(stage, later):
    backwards = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        if module == stage or module.startswith(f"{stage}.")
        for target in targets
        if any(target == t or target.startswith(f"{t}.") for t in later)
    )
    assert not backwards, backwards


def test_no_fetchone_on_a_shared_connection():
    """DuckDB 2 keeps a result open after ``fetchone()`` until a fetch returns no rows, and the connection then
    refuses other work (ResourceInUseException): the pipeline's, a build's and a kernel's connection are shared, so
    one row is taken with ``fetchall()[0]`` (a notebook helper's fetchone broke the next query in the kernel)."""
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr == "fetchone"
    ]
    assert not found, f"fetchone() leaves the connection busy; use fetchall()[0]: {found}"
